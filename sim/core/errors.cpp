// Formatting of engine errors: one line per issue, "file:line:column: key: found ...; expected
// ...".
#include "sim/core/errors.hpp"

#include <sstream>

namespace bb {

std::string ScenarioIssue::to_string() const {
    std::ostringstream out;
    out << file;
    if (line > 0) out << ':' << line << ':' << column;
    out << ": ";
    if (!key_path.empty()) out << "key '" << key_path << "': ";
    if (!found.empty()) out << "found " << found << "; ";
    out << "expected " << expected;
    if (!hint.empty()) out << " (" << hint << ")";
    return out.str();
}

namespace {
std::string join_issues(const std::vector<ScenarioIssue>& issues) {
    std::ostringstream out;
    out << issues.size() << (issues.size() == 1 ? " error" : " errors") << " in scenario:";
    for (const auto& issue : issues) out << "\n  " << issue.to_string();
    return out.str();
}
}  // namespace

ScenarioError::ScenarioError(std::vector<ScenarioIssue> issues)
    : Error(join_issues(issues)), issues_(std::move(issues)) {}

}  // namespace bb
