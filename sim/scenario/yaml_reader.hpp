// Strict reading of YAML nodes: typed values with range checks, unknown-key detection with "did you
// mean", and duplicate keys. Problems are collected in an IssueSink (never thrown one at a time) so
// that a user sees every error of a file at once, each with file:line:column and key path.
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <vector>

#include "sim/core/errors.hpp"

namespace bb {

class IssueSink {
  public:
    explicit IssueSink(std::string file) : file_(std::move(file)) {}

    // Records a problem at `node` (its line and column), for key `path`.
    void add(const YAML::Node& node, const std::string& path, std::string found,
             std::string expected, std::string hint = {});
    void add_at(const YAML::Mark& mark, const std::string& path, std::string found,
                std::string expected, std::string hint = {});

    const std::string& file() const { return file_; }
    bool empty() const { return issues_.empty(); }
    const std::vector<ScenarioIssue>& issues() const { return issues_; }
    // Throws ScenarioError with every issue collected, if there is any.
    void throw_if_any() const;

  private:
    std::string file_;
    std::vector<ScenarioIssue> issues_;
};

// How a node looks to a user in an error message: a scalar as written (quoted), or "a map"/"a
// list".
std::string describe(const YAML::Node& node);

// The candidate closest to `word` by edit distance, if it is close enough to be a likely typo.
std::optional<std::string> closest(const std::string& word,
                                   const std::vector<std::string>& candidates);

// "did you mean 'x'?" for a near miss, else "allowed: a, b, c".
std::string suggestion(const std::string& word, const std::vector<std::string>& candidates);

// Keys of a map node in file order, reporting duplicates and non-scalar keys.
std::vector<std::pair<std::string, YAML::Node>> map_entries(const YAML::Node& map,
                                                            const std::string& path,
                                                            IssueSink& sink);

// Reports every key of `map` that is not in `allowed`.
void check_keys(const YAML::Node& map, const std::string& path,
                const std::vector<std::string>& allowed, IssueSink& sink);

// A number as a person writes it: shortest exact form (0.9, 2000000, 22), no trailing zeros.
std::string format_number(double value);

std::string join_path(const std::string& prefix, const std::string& key);

// Typed reads. Each returns nullopt (and records an issue) when the node is of the wrong type or
// out of [min, max]; `integer` also requires a whole number.
std::optional<double> read_number(const YAML::Node& node, const std::string& path, IssueSink& sink,
                                  double min, double max, bool integer = false);
std::optional<bool> read_bool(const YAML::Node& node, const std::string& path, IssueSink& sink);
std::optional<std::string> read_string(const YAML::Node& node, const std::string& path,
                                       IssueSink& sink);

}  // namespace bb
