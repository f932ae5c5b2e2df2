// Strict YAML reading with collected, located errors.
#include "sim/scenario/yaml_reader.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <iomanip>
#include <set>
#include <sstream>

namespace bb {

void IssueSink::add(const YAML::Node& node, const std::string& path, std::string found,
                    std::string expected, std::string hint) {
    add_at(node.Mark(), path, std::move(found), std::move(expected), std::move(hint));
}

void IssueSink::add_at(const YAML::Mark& mark, const std::string& path, std::string found,
                       std::string expected, std::string hint) {
    ScenarioIssue issue;
    issue.file = file_;
    issue.line = mark.is_null() ? 0 : mark.line + 1;
    issue.column = mark.is_null() ? 0 : mark.column + 1;
    issue.key_path = path;
    issue.found = std::move(found);
    issue.expected = std::move(expected);
    issue.hint = std::move(hint);
    issues_.push_back(std::move(issue));
}

void IssueSink::throw_if_any() const {
    if (!issues_.empty()) throw ScenarioError(issues_);
}

std::string describe(const YAML::Node& node) {
    switch (node.Type()) {
        case YAML::NodeType::Scalar:
            return "'" + node.Scalar() + "'";
        case YAML::NodeType::Sequence:
            return "a list";
        case YAML::NodeType::Map:
            return "a map";
        case YAML::NodeType::Null:
            return "nothing (null)";
        default:
            return "an undefined value";
    }
}

namespace {
std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}
}  // namespace

std::optional<std::string> closest(const std::string& word,
                                   const std::vector<std::string>& candidates) {
    std::optional<std::string> best;
    std::size_t best_d = 0;
    for (const auto& c : candidates) {
        const std::size_t d = edit_distance(word, c);
        if (!best || d < best_d) {
            best = c;
            best_d = d;
        }
    }
    // A likely typo: at most a third of the longer word differs (and at least one edit allowed).
    if (best && best_d <= std::max<std::size_t>(2, std::max(word.size(), best->size()) / 3))
        return best;
    return std::nullopt;
}

std::string suggestion(const std::string& word, const std::vector<std::string>& candidates) {
    if (const auto c = closest(word, candidates)) return "did you mean '" + *c + "'?";
    std::ostringstream out;
    out << "allowed: ";
    for (std::size_t i = 0; i < candidates.size(); ++i) out << (i ? ", " : "") << candidates[i];
    return out.str();
}

std::string format_number(double value) {
    // Rounded to 12 significant digits first, so that sums like 0.1 + 0.2 read as 0.3.
    std::ostringstream rounded;
    rounded << std::setprecision(12) << value;
    const double shown = std::strtod(rounded.str().c_str(), nullptr);  // (stod rejects subnormals)
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, shown, std::chars_format::fixed);
    std::string out = res.ec == std::errc() ? std::string(buf, res.ptr) : rounded.str();
    return out;
}

std::string join_path(const std::string& prefix, const std::string& key) {
    return prefix.empty() ? key : prefix + "." + key;
}

std::vector<std::pair<std::string, YAML::Node>> map_entries(const YAML::Node& map,
                                                            const std::string& path,
                                                            IssueSink& sink) {
    std::vector<std::pair<std::string, YAML::Node>> entries;
    std::set<std::string> seen;
    for (auto it = map.begin(); it != map.end(); ++it) {
        if (!it->first.IsScalar()) {
            sink.add(it->first, path, describe(it->first), "a plain key");
            continue;
        }
        const std::string key = it->first.Scalar();
        if (!seen.insert(key).second) {
            sink.add(it->first, join_path(path, key), "a second '" + key + "'", "each key once");
            continue;
        }
        entries.emplace_back(key, it->second);
    }
    return entries;
}

void check_keys(const YAML::Node& map, const std::string& path,
                const std::vector<std::string>& allowed, IssueSink& sink) {
    for (auto it = map.begin(); it != map.end(); ++it) {
        if (!it->first.IsScalar()) continue;  // reported by map_entries
        const std::string key = it->first.Scalar();
        if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
            sink.add(it->first, join_path(path, key), "unknown key '" + key + "'", "a known key",
                     suggestion(key, allowed));
        }
    }
}

namespace {
std::string range_text(double min, double max, bool integer) {
    return std::string(integer ? "a whole number" : "a number") + " in [" + format_number(min) +
           ", " + format_number(max) + "]";
}
}  // namespace

std::optional<double> read_number(const YAML::Node& node, const std::string& path, IssueSink& sink,
                                  double min, double max, bool integer) {
    const std::string expected = range_text(min, max, integer);
    if (!node.IsScalar()) {
        sink.add(node, path, describe(node), expected);
        return std::nullopt;
    }
    double value = 0;
    try {
        value = node.as<double>();
    } catch (const YAML::Exception&) {
        sink.add(node, path, describe(node), expected);
        return std::nullopt;
    }
    if (!std::isfinite(value) || (integer && value != std::floor(value)) || value < min ||
        value > max) {
        sink.add(node, path, describe(node), expected);
        return std::nullopt;
    }
    return value;
}

std::optional<bool> read_bool(const YAML::Node& node, const std::string& path, IssueSink& sink) {
    if (node.IsScalar()) {
        const std::string& s = node.Scalar();
        if (s == "true") return true;
        if (s == "false") return false;
    }
    sink.add(node, path, describe(node), "true or false");
    return std::nullopt;
}

std::optional<std::string> read_string(const YAML::Node& node, const std::string& path,
                                       IssueSink& sink) {
    if (!node.IsScalar()) {
        sink.add(node, path, describe(node), "a text");
        return std::nullopt;
    }
    return node.Scalar();
}

}  // namespace bb
