#include "sim/scenario/inheritance.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "sim/scenario/scenario.hpp"

namespace bb {

namespace {

bool id_list(const YAML::Node& n) {
    if (!n.IsSequence() || n.size() == 0) return false;
    for (const auto& el : n) {
        if (!el.IsMap() || !el["id"] || !el["id"].IsScalar()) return false;
    }
    return true;
}

YAML::Node merge(const YAML::Node& base, const YAML::Node& child);

YAML::Node merge_by_id(const YAML::Node& base, const YAML::Node& child) {
    YAML::Node out(YAML::NodeType::Sequence);
    std::set<std::string> seen;
    for (const auto& b : base) {
        const std::string id = b["id"].Scalar();
        // Never `node = other` on a node shared with a file's tree: yaml-cpp assigns through the
        // reference, which would change the base itself (and every tree sharing it).
        bool merged = false;
        for (const auto& c : child) {
            if (c["id"].Scalar() == id) {
                out.push_back(merge(b, c));
                merged = true;
                break;
            }
        }
        if (!merged) out.push_back(b);
        seen.insert(id);
    }
    for (const auto& c : child) {
        if (seen.count(c["id"].Scalar()) == 0) out.push_back(c);
    }
    return out;
}

// The key node of `key` in map `m` (to keep its position in its file).
YAML::Node key_node(const YAML::Node& m, const std::string& key) {
    for (const auto& kv : m) {
        if (kv.first.Scalar() == key) return kv.first;
    }
    return YAML::Node(key);
}

// A new map: the base's keys in order, each overridden (recursively) by the child's, then the
// child's new keys. Keys and values are shared, not copied, so they keep their positions in
// their files (for error messages).
YAML::Node merge(const YAML::Node& base, const YAML::Node& child) {
    if (!base.IsMap() || !child.IsMap()) return child;
    YAML::Node out(YAML::NodeType::Map);
    std::set<std::string> done;
    // A worker that describes its way of working with a quick scan replaces the base worker's
    // detailed settings of it (the scan sets them all); keys it gives itself still apply.
    const bool scan_replaces = base["id"] && child["quick_scan"];
    for (const auto& kv : base) {
        const std::string key = kv.first.Scalar();
        if (key == "extends") continue;
        const bool scan_sets =
            scan_replaces && (key == "allocation" || key == "models" || key == "protocol" ||
                              key == "caseload_cap" || key == "client_hours_cap");
        if (scan_sets && !child[key]) continue;
        if (scan_sets) {  // the child's own value only: nothing of the base's is merged into it
            done.insert(key);
            out.force_insert(key_node(child, key), child[key]);
            continue;
        }
        done.insert(key);
        const YAML::Node c = child[key];
        if (!c) {
            out.force_insert(kv.first, kv.second);
        } else if (kv.second.IsMap() && c.IsMap() && !c["value"] &&
                   !(base["id"] && (key == "models" || key == "allocation"))) {
            // (A worker's models and allocation are shares summing to 1: replaced whole.)
            out.force_insert(key_node(child, key), merge(kv.second, c));
        } else if (id_list(kv.second) && id_list(c)) {
            out.force_insert(key_node(child, key), merge_by_id(kv.second, c));
        } else {
            out.force_insert(key_node(child, key), c);
        }
    }
    for (const auto& kv : child) {
        const std::string key = kv.first.Scalar();
        if (key != "extends" && done.count(key) == 0) out.force_insert(kv.first, kv.second);
    }
    return out;
}

ScenarioIssue issue_at(const std::string& file, const YAML::Node& node, std::string found,
                       std::string expected, std::string hint = {}) {
    const YAML::Mark m = node.Mark();
    return ScenarioIssue{file,
                         m.is_null() ? 0 : m.line + 1,
                         m.is_null() ? 0 : m.column + 1,
                         "extends",
                         std::move(found),
                         std::move(expected),
                         std::move(hint)};
}

}  // namespace

YAML::Node merge_trees(const YAML::Node& base, const YAML::Node& child) {
    return merge(base, child);
}

bool tree_has_position(const YAML::Node& n, int line, int column) {
    const YAML::Mark m = n.Mark();
    if (!m.is_null() && m.line + 1 == line && m.column + 1 == column) return true;
    if (n.IsMap()) {
        for (const auto& kv : n) {
            if (tree_has_position(kv.first, line, column) ||
                tree_has_position(kv.second, line, column))
                return true;
        }
    } else if (n.IsSequence()) {
        for (const auto& el : n) {
            if (tree_has_position(el, line, column)) return true;
        }
    }
    return false;
}

bool tree_holds(const YAML::Node& n, const YAML::Node& node) {
    if (n.is(node)) return true;
    if (n.IsMap()) {
        for (const auto& kv : n) {
            if (kv.first.is(node) || tree_holds(kv.second, node)) return true;
        }
    } else if (n.IsSequence()) {
        for (const auto& el : n) {
            if (tree_holds(el, node)) return true;
        }
    }
    return false;
}

MergedScenario resolve_extends(const YAML::Node& root, const std::string& file,
                               const std::string& text) {
    namespace fs = std::filesystem;
    MergedScenario out;
    out.chain.push_back({file, text, root});
    // Canonical paths detect cycles; a path the OS rejects (too long, ...) is kept as written.
    auto canonical_of = [](const std::string& p) {
        std::error_code ec;
        const fs::path c = fs::weakly_canonical(p, ec);
        return ec ? p : c.string();
    };
    std::vector<std::string> seen{canonical_of(file)};
    // Whether a tree extends a base (a const lookup: it never adds the key).
    auto extends_of = [](const YAML::Node& tree) {
        return tree.IsMap() && static_cast<bool>(tree["extends"]);
    };
    while (extends_of(out.chain.back().root)) {
        const ChainFile& cur = out.chain.back();
        const YAML::Node ext = cur.root["extends"];
        if (!ext.IsScalar() || ext.Scalar().empty()) {
            throw ScenarioError(
                {issue_at(cur.file, ext, "a " + std::string(ext.IsMap() ? "map" : "list"),
                          "the path of a base scenario file")});
        }
        const fs::path p(ext.Scalar());
        const std::string base =
            p.is_absolute() ? p.string()
                            : (fs::path(cur.file).parent_path() / p).lexically_normal().string();
        const std::string canonical = canonical_of(base);
        if (std::find(seen.begin(), seen.end(), canonical) != seen.end()) {
            std::string cycle;
            for (const auto& c : out.chain) cycle += c.file + " -> ";
            throw ScenarioError({issue_at(cur.file, ext, "'" + ext.Scalar() + "'",
                                          "a base that does not extend this scenario again",
                                          "a cycle: " + cycle + base)});
        }
        if (static_cast<int>(out.chain.size()) > kMaxExtendsDepth) {
            throw ScenarioError(
                {issue_at(cur.file, ext, "'" + ext.Scalar() + "'",
                          "at most " + std::to_string(kMaxExtendsDepth) + " levels of extends")});
        }
        std::error_code ec;
        if (!fs::is_regular_file(base, ec)) {
            throw ScenarioError(
                {issue_at(cur.file, ext, "'" + ext.Scalar() + "'", "an existing scenario file",
                          "no file " + base + " (relative to " + cur.file + ")")});
        }
        ChainFile next;
        next.file = base;
        next.text = read_file_limited(base);
        try {
            next.root = YAML::Load(next.text);
        } catch (const YAML::Exception& e) {
            throw ScenarioError(
                {ScenarioIssue{base, e.mark.is_null() ? 0 : e.mark.line + 1,
                               e.mark.is_null() ? 0 : e.mark.column + 1, "",
                               "malformed YAML (" + e.msg + ")", "well-formed YAML", ""}});
        }
        seen.push_back(canonical);
        out.chain.push_back(std::move(next));
    }
    // reset() rebinds; `out.root = ...` would assign through to the base file's own tree.
    out.root.reset(out.chain.back().root);
    for (auto it = out.chain.rbegin() + 1; it != out.chain.rend(); ++it)
        out.root.reset(merge(out.root, it->root));
    return out;
}

std::string file_of_issue(const std::vector<ChainFile>& chain, const YAML::Node& merged,
                          const ScenarioIssue& issue) {
    // The node the issue is about: follow its key path through the merged tree as far as it goes
    // ("workers[1].allocation.x": map keys and list positions).
    YAML::Node at = merged;
    std::string part;
    // Lookups through a const node only: a non-const operator[] adds an entry for a missing key
    // to the map, and merged trees share their maps with other trees.
    auto descend = [&](const std::string& key) {
        const YAML::Node& here = at;
        if (key.empty() || !here.IsMap()) return false;
        const YAML::Node next = here[key];
        if (!next) return false;
        at.reset(next);
        return true;
    };
    bool ok = true;
    for (std::size_t i = 0; i <= issue.key_path.size() && ok; ++i) {
        const char c = i < issue.key_path.size() ? issue.key_path[i] : '.';
        if (c == '.' || c == '[') {
            if (!part.empty()) ok = descend(part);
            part.clear();
            if (c == '[' && ok) {
                const auto close = issue.key_path.find(']', i);
                const std::string digits =
                    close == std::string::npos ? "" : issue.key_path.substr(i + 1, close - i - 1);
                // A position, not an id (paths such as "x[id].y" stop the walk here).
                const bool position = !digits.empty() && digits.size() < 10 &&
                                      std::all_of(digits.begin(), digits.end(),
                                                  [](char d) { return d >= '0' && d <= '9'; });
                const std::size_t index = position ? std::stoul(digits) : 0;
                if (!position || !at.IsSequence() || index >= at.size()) {
                    ok = false;
                } else {
                    const YAML::Node& here = at;
                    const YAML::Node next = here[index];
                    at.reset(next);
                }
                i = close;
            }
        } else {
            part += c;
        }
    }
    // The file whose own tree holds that very node (merged trees share nodes with the files).
    for (const auto& f : chain) {
        if (tree_holds(f.root, at)) return f.file;
    }
    // A merged map of several files: the position decides.
    for (const auto& f : chain) {
        if (issue.line > 0 && tree_has_position(f.root, issue.line, issue.column)) return f.file;
    }
    return chain.front().file;
}

}  // namespace bb

namespace bb {

namespace {

// Flattens a resolved scenario into key -> value text; a {value, source} entry is one leaf.
void flatten(const YAML::Node& n, const std::string& path,
             std::map<std::string, std::string>& out) {
    if (n.IsMap() && n["value"] && n["value"].IsScalar()) {
        out[path] = n["value"].Scalar();
    } else if (n.IsMap()) {
        for (const auto& kv : n)
            flatten(kv.second, path.empty() ? kv.first.Scalar() : path + "." + kv.first.Scalar(),
                    out);
    } else if (n.IsSequence()) {
        const bool ids = id_list(n);
        for (std::size_t i = 0; i < n.size(); ++i) {
            const std::string index = ids ? n[i]["id"].Scalar() : std::to_string(i);
            flatten(n[i], path + "[" + index + "]", out);
        }
        if (n.size() == 0) out[path] = "[]";
    } else if (n.IsScalar()) {
        std::string v = n.Scalar();
        while (!v.empty() && (v.back() == '\n' || v.back() == ' ')) v.pop_back();
        out[path] = v;
    } else {
        out[path] = "~";
    }
}

}  // namespace

std::vector<std::string> scenario_differences(const Scenario& a, const Scenario& b) {
    std::map<std::string, std::string> fa, fb;
    flatten(YAML::Load(resolved_yaml(a)), "", fa);
    flatten(YAML::Load(resolved_yaml(b)), "", fb);
    std::set<std::string> keys;
    for (const auto& [k, v] : fa) keys.insert(k);
    for (const auto& [k, v] : fb) keys.insert(k);
    std::vector<std::string> out;
    for (const auto& k : keys) {
        const auto ia = fa.find(k);
        const auto ib = fb.find(k);
        const std::string va = ia == fa.end() ? "(none)" : ia->second;
        const std::string vb = ib == fb.end() ? "(none)" : ib->second;
        if (va != vb) out.push_back(k + ": " + va + " -> " + vb);
    }
    return out;
}

}  // namespace bb
