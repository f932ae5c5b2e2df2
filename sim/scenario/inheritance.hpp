// Scenario inheritance (`extends:`): a scenario states only what differs from its base. The YAML
// trees are merged before the strict parser reads them: maps merge key by key, lists whose items
// all have an `id` merge item by item (by id; new ids are appended), anything else in the child
// replaces the base's value. Bases may extend bases; cycles and missing files are errors.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "sim/core/errors.hpp"

namespace bb {

inline constexpr int kMaxExtendsDepth = 16;

// One file of an inheritance chain, child first.
struct ChainFile {
    std::string file;  // path as resolved (relative bases are relative to the extending file)
    std::string text;  // its text as read
    YAML::Node root;   // its own tree (never modified)
};

struct MergedScenario {
    YAML::Node root;               // the merged tree (nodes shared with the files' trees)
    std::vector<ChainFile> chain;  // the child first, then its base, its base's base, ...
};

// Follows `extends:` from `root` (the text of `file`), reading bases from disk. Throws
// ScenarioError naming the file, line and key for a missing or unreadable base, a cycle, a chain
// deeper than kMaxExtendsDepth, or an `extends` that is not a path.
MergedScenario resolve_extends(const YAML::Node& root, const std::string& file,
                               const std::string& text);

// The file of the chain an issue came from: the one whose own tree holds the node at the issue's
// key path in the merged tree (merging shares nodes); for a map merged from several files, the
// child-most file with a node at the issue's position.
std::string file_of_issue(const std::vector<ChainFile>& chain, const YAML::Node& merged,
                          const ScenarioIssue& issue);

// `child` merged over `base` as `extends:` merges a scenario over its base (see above). Nodes are
// shared with the inputs, so they keep their positions in their files.
YAML::Node merge_trees(const YAML::Node& base, const YAML::Node& child);

// Whether `tree` holds `node` itself (the same node, not an equal one), as a key or a value.
bool tree_holds(const YAML::Node& tree, const YAML::Node& node);

// Whether `tree` holds a node at this 1-based line and column.
bool tree_has_position(const YAML::Node& tree, int line, int column);

}  // namespace bb

namespace bb {

struct Scenario;

// What differs between two scenarios, from their resolved forms: one line per key whose value
// differs ("key: A -> B"), is only in one of them ("key: (none) -> B"), in key order. Lists of
// items with an `id` are compared item by item (workers[outreachwerker].count). Empty when the
// scenarios are the same.
std::vector<std::string> scenario_differences(const Scenario& a, const Scenario& b);

}  // namespace bb
