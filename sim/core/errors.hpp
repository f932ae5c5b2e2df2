// Typed exceptions of the engine. Library code throws these; only front doors (CLI, Python) turn
// them into exit codes or Python exceptions. Messages already say where and what.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace bb {

// Base of every error the engine raises on purpose.
class Error : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// One problem found in a scenario file.
struct ScenarioIssue {
    std::string file;
    int line = 0;          // 1-based; 0 when unknown (e.g. the file could not be read)
    int column = 0;        // 1-based
    std::string key_path;  // e.g. "workers[0].allocation.huisbezoek_alle"
    std::string found;     // the value found, as written
    std::string expected;  // what was expected instead
    std::string hint;      // e.g. "did you mean 'households'?"

    std::string to_string() const;
};

// A scenario could not be loaded; carries every issue found, not just the first.
class ScenarioError : public Error {
  public:
    explicit ScenarioError(std::vector<ScenarioIssue> issues);
    const std::vector<ScenarioIssue>& issues() const { return issues_; }

  private:
    std::vector<ScenarioIssue> issues_;
};

// Reading or writing a result file failed.
class IoError : public Error {
  public:
    using Error::Error;
};

}  // namespace bb
