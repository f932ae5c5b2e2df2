// Study specifications: precision targets, study files with alternatives and sweeps, seeds and
// the fingerprint that guards resuming.
#include "sim/study/study.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>

#include "sim/core/build_info.hpp"
#include "sim/core/errors.hpp"
#include "sim/random/seeds.hpp"
#include "sim/scenario/parameters.hpp"
#include "sim/scenario/yaml_reader.hpp"
#include "sim/study/outcomes.hpp"

namespace bb {

namespace {

std::vector<std::string> outcome_ids() {
    std::vector<std::string> ids;
    for (const auto& s : outcome_specs()) ids.push_back(s.id);
    return ids;
}

bool valid_variant_name(const std::string& name) {
    return !name.empty() && name != "." && name.find('/') == std::string::npos;
}

// Sets `value` at the dotted `key` of a scenario's YAML tree. A list is indexed by position or by
// the `id` of an element; a `{value, source}` entry gets its value replaced and its source set to
// `source`. Missing map keys are created (the strict scenario parser then judges them).
// Returns an empty string on success, else what went wrong.
std::string set_key(YAML::Node root, const std::string& key, const YAML::Node& value,
                    const std::string& source) {
    std::vector<std::string> parts;
    std::stringstream ss(key);
    for (std::string part; std::getline(ss, part, '.');) parts.push_back(part);
    if (parts.empty()) return "an empty key";
    YAML::Node cur;
    cur.reset(root);
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const std::string& part = parts[i];
        const bool last = i + 1 == parts.size();
        YAML::Node next;
        if (cur.IsSequence()) {
            bool found = false;
            for (std::size_t k = 0; k < cur.size(); ++k) {
                const YAML::Node el = cur[k];
                if (std::to_string(k) == part || (el.IsMap() && el["id"] && el["id"].IsScalar() &&
                                                  el["id"].as<std::string>() == part)) {
                    next.reset(cur[k]);
                    found = true;
                    break;
                }
            }
            if (!found) return "no element '" + part + "' in the list at '" + key + "'";
            if (last) return "'" + key + "' names a list element, not a value";
        } else if (cur.IsMap() || cur.IsNull() || !cur.IsDefined()) {
            if (last) {
                YAML::Node existing = cur[part];
                if (existing.IsMap() && existing["value"]) {
                    existing["value"] = YAML::Clone(value);
                    existing["source"] = source;
                } else if (!existing.IsDefined() && value.IsScalar() &&
                           find_parameter(key) != nullptr) {
                    // A parameter the file leaves at its default (or to its base): keep the
                    // source with the value.
                    YAML::Node entry(YAML::NodeType::Map);
                    entry["value"] = YAML::Clone(value);
                    entry["source"] = source;
                    cur[part] = entry;
                } else {
                    cur[part] = YAML::Clone(value);
                }
                return {};
            }
            next.reset(cur[part]);
        } else {
            return "'" + key + "' goes through a value, not a map or list";
        }
        cur.reset(next);
    }
    return {};
}

std::string scalar_text(const YAML::Node& n) { return n.IsScalar() ? n.Scalar() : describe(n); }

}  // namespace

Scenario scenario_with_changes(const Scenario& base,
                               const std::vector<std::pair<std::string, std::string>>& changes,
                               const std::string& source) {
    YAML::Node tree;
    try {
        tree = YAML::Load(base.verbatim);
    } catch (const YAML::Exception& e) {
        throw ScenarioError({ScenarioIssue{base.file, 0, 0, "", "malformed YAML (" + e.msg + ")",
                                           "well-formed YAML", ""}});
    }
    IssueSink sink(base.file + " (" + source + ")");
    std::string name;
    for (const auto& [key, text] : changes) {
        YAML::Node value;
        try {
            value = YAML::Load(text);
        } catch (const YAML::Exception& e) {
            sink.add_at(YAML::Mark::null_mark(), key, text, "a YAML value (" + e.msg + ")");
            continue;
        }
        const std::string err = set_key(tree, key, value, source);
        if (!err.empty()) sink.add_at(YAML::Mark::null_mark(), key, text, err);
        name += (name.empty() ? "" : ",") + key + "=" + text;
    }
    sink.throw_if_any();
    YAML::Emitter out;
    out << tree;
    Scenario sc = parse_scenario(out.c_str(), base.file, base.file + " (with " + name + ")");
    sc.file = base.file;
    return sc;
}

std::string PrecisionTarget::to_string() const { return outcome + ":" + format_number(half_width); }

PrecisionTarget parse_precision_target(const std::string& text) {
    const auto colon = text.rfind(':');
    if (colon == std::string::npos) {
        throw std::invalid_argument("precision target '" + text +
                                    "': expected OUTCOME:HALF_WIDTH, e.g. "
                                    "helped_share.zorgmijder:0.02");
    }
    PrecisionTarget t;
    t.outcome = text.substr(0, colon);
    const std::string hw = text.substr(colon + 1);
    if (outcome_index(t.outcome) < 0) {
        throw std::invalid_argument("precision target '" + text + "': unknown outcome '" +
                                    t.outcome + "'; " + suggestion(t.outcome, outcome_ids()));
    }
    char* end = nullptr;
    t.half_width = std::strtod(hw.c_str(), &end);
    if (hw.empty() || end != hw.c_str() + hw.size() || !std::isfinite(t.half_width) ||
        t.half_width <= 0) {
        throw std::invalid_argument("precision target '" + text + "': half-width '" + hw +
                                    "' is not a positive number");
    }
    return t;
}

int StudySpec::days() const {
    return variants.empty() ? 0 : variants.front().scenario.horizon_days;
}

std::uint32_t StudySpec::round_size() const {
    return until.empty() ? max_replications : std::min(max_replications, kPrecisionRound);
}

std::string StudySpec::fingerprint() const {
    std::ostringstream o;
    o << "engine " << build_info().engine_version << " " << build_info().git_revision << "\n";
    o << "replications " << max_replications << " min " << min_replications << " crn "
      << common_random_numbers << "\n";
    for (const auto& t : until) o << "until " << t.to_string() << "\n";
    for (const auto& v : variants) {
        o << "variant " << v.name << " seed " << v.scenario.seed << "\n"
          << resolved_yaml(v.scenario) << "\n";
    }
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(fnv1a(o.str())));
    return buf;
}

std::uint64_t variant_seed(std::uint64_t base_seed, int index, bool common_random_numbers) {
    if (common_random_numbers || index == 0) return base_seed;
    return splitmix64(base_seed ^ splitmix64(static_cast<std::uint64_t>(index))) & kSeedMask;
}

namespace {

void check_days(const StudySpec& spec, IssueSink& sink) {
    for (const auto& v : spec.variants) {
        if (v.scenario.horizon_days != spec.days()) {
            sink.add_at(YAML::Mark::null_mark(), "horizon_days",
                        v.name + ": " + std::to_string(v.scenario.horizon_days) + " days",
                        "the same horizon as the base (" + std::to_string(spec.days()) +
                            " days), so that outcomes compare");
        }
    }
}

void assign_seeds(StudySpec& spec) {
    const std::uint64_t base = spec.variants.front().scenario.seed;
    for (std::size_t i = 0; i < spec.variants.size(); ++i) {
        spec.variants[i].scenario.seed =
            variant_seed(base, static_cast<int>(i), spec.common_random_numbers);
    }
}

}  // namespace

StudySpec study_from_scenarios(const CommandLineStudy& cl) {
    std::vector<Scenario> scenarios;
    for (const auto& path : cl.scenarios) scenarios.push_back(load_scenario(path));
    return study_of(std::move(scenarios), cl);
}

StudySpec study_of(std::vector<Scenario> scenarios, const CommandLineStudy& cl) {
    if (scenarios.empty()) throw std::invalid_argument("no scenario given");
    if (cl.replications < 1) throw std::invalid_argument("--replications must be at least 1");
    StudySpec spec;
    spec.file = "<command line>";
    spec.max_replications = cl.replications;
    spec.min_replications =
        std::min(std::max<std::uint32_t>(cl.min_replications, 2), cl.replications);
    spec.common_random_numbers = cl.common_random_numbers;
    for (const auto& u : cl.until) spec.until.push_back(parse_precision_target(u));
    std::set<std::string> names;
    for (auto& scenario : scenarios) {
        Variant v;
        v.scenario = std::move(scenario);
        v.origin = v.scenario.file;
        // Variant names are group names in the study file: no '/'.
        v.name = v.scenario.name;
        std::replace(v.name.begin(), v.name.end(), '/', '-');
        if (!valid_variant_name(v.name)) v.name = "variant";
        const std::string stem = v.name;
        for (int k = 2; names.count(v.name) != 0; ++k) v.name = stem + "-" + std::to_string(k);
        names.insert(v.name);
        spec.variants.push_back(std::move(v));
    }
    spec.name = spec.variants.size() == 1
                    ? spec.variants[0].name
                    : spec.variants[0].name + "-vs-" + std::to_string(spec.variants.size() - 1);
    assign_seeds(spec);
    // The equivalent study file, as the study's verbatim text (thread counts and other options
    // that do not change results are left out, so identical studies store identical text).
    std::ostringstream y;
    y << "# Defined on the command line; the equivalent study file (paths as given there).\n"
      << "study: " << spec.name << "\nbase: " << spec.variants[0].origin << "\n";
    if (spec.variants.size() > 1) {
        y << "alternatives:\n";
        for (std::size_t i = 1; i < spec.variants.size(); ++i)
            y << "  - {scenario: " << spec.variants[i].origin << ", name: " << spec.variants[i].name
              << "}\n";
    }
    y << "replications: " << spec.max_replications
      << "\nmin_replications: " << spec.min_replications << "\n";
    if (!spec.until.empty()) {
        y << "until:\n";
        for (const auto& t : spec.until) y << "  - " << t.to_string() << "\n";
    }
    y << "common_random_numbers: " << (spec.common_random_numbers ? "true" : "false") << "\n";
    spec.verbatim = y.str();
    IssueSink sink("<command line>");
    check_days(spec, sink);
    sink.throw_if_any();
    return spec;
}

StudySpec load_study(const std::string& path) {
    namespace fs = std::filesystem;
    StudySpec spec;
    spec.file = path;
    spec.verbatim = read_file_limited(path);
    YAML::Node root;
    try {
        root = YAML::Load(spec.verbatim);
    } catch (const YAML::Exception& e) {
        throw ScenarioError({ScenarioIssue{
            path, e.mark.is_null() ? 0 : e.mark.line + 1, e.mark.is_null() ? 0 : e.mark.column + 1,
            "", "malformed YAML (" + e.msg + ")", "well-formed YAML", ""}});
    }
    IssueSink sink(path);
    if (!root.IsMap()) {
        sink.add(root, "", describe(root), "a map with the keys study, base, ...");
        sink.throw_if_any();
    }
    const fs::path dir = fs::path(path).parent_path();
    auto resolve = [&](const std::string& p) {
        return fs::path(p).is_absolute() ? p : (dir / p).lexically_normal().string();
    };
    struct PendingAlt {
        std::string file, name;
        YAML::Node node;
    };
    std::string base_file;
    YAML::Node base_node;
    std::vector<PendingAlt> alts;
    YAML::Node sweep_node;
    bool has_sweep = false;  // (a default YAML::Node converts to true)
    const std::vector<std::string> keys{
        "study",        "description",      "base",  "alternatives",         "sweep",
        "replications", "min_replications", "until", "common_random_numbers"};
    for (const auto& [key, node] : map_entries(root, "", sink)) {
        if (key == "study") {
            if (auto s = read_string(node, key, sink)) spec.name = *s;
        } else if (key == "description") {
            if (auto s = read_string(node, key, sink)) spec.description = *s;
        } else if (key == "base") {
            if (auto s = read_string(node, key, sink)) {
                base_file = *s;
                base_node = node;
            }
        } else if (key == "alternatives") {
            if (!node.IsSequence()) {
                sink.add(node, key, describe(node), "a list of scenario files or {scenario, name}");
                continue;
            }
            for (std::size_t i = 0; i < node.size(); ++i) {
                const std::string p = key + "[" + std::to_string(i) + "]";
                const YAML::Node el = node[i];
                PendingAlt a;
                a.node = el;
                if (el.IsScalar()) {
                    a.file = el.Scalar();
                } else if (el.IsMap()) {
                    check_keys(el, p, {"scenario", "name"}, sink);
                    if (!el["scenario"]) {
                        sink.add(el, p + ".scenario", "nothing", "a scenario file");
                        continue;
                    }
                    if (auto s = read_string(el["scenario"], p + ".scenario", sink)) a.file = *s;
                    if (el["name"]) {
                        if (auto s = read_string(el["name"], p + ".name", sink)) a.name = *s;
                    }
                } else {
                    sink.add(el, p, describe(el), "a scenario file or {scenario, name}");
                    continue;
                }
                alts.push_back(a);
            }
        } else if (key == "sweep") {
            sweep_node = node;
            has_sweep = true;
        } else if (key == "replications") {
            if (auto v = read_number(node, key, sink, 1, 1e6, true))
                spec.max_replications = static_cast<std::uint32_t>(*v);
        } else if (key == "min_replications") {
            if (auto v = read_number(node, key, sink, 2, 1e6, true))
                spec.min_replications = static_cast<std::uint32_t>(*v);
        } else if (key == "until") {
            if (!node.IsSequence()) {
                sink.add(node, key, describe(node),
                         "a list of OUTCOME:HALF_WIDTH, e.g. [helped_share.zorgmijder:0.02]");
                continue;
            }
            for (std::size_t i = 0; i < node.size(); ++i) {
                const std::string p = key + "[" + std::to_string(i) + "]";
                if (auto s = read_string(node[i], p, sink)) {
                    try {
                        spec.until.push_back(parse_precision_target(*s));
                    } catch (const std::invalid_argument& e) {
                        sink.add(node[i], p, *s, e.what());
                    }
                }
            }
        } else if (key == "common_random_numbers") {
            if (auto b = read_bool(node, key, sink)) spec.common_random_numbers = *b;
        } else {
            sink.add(node, key, key, "a study key", suggestion(key, keys));
        }
    }
    if (base_file.empty() && base_node.IsNull()) {
        sink.add(root, "base", "nothing", "the base scenario file (base: path.yaml)");
    }
    spec.min_replications = std::min(spec.min_replications, spec.max_replications);
    sink.throw_if_any();
    if (spec.name.empty()) spec.name = fs::path(path).stem().string();

    // Scenario files: their own errors, with their own file names.
    std::set<std::string> names;
    auto add_variant = [&](Variant v, const YAML::Node& at, const std::string& where) {
        if (!valid_variant_name(v.name)) {
            sink.add(at, where, v.name, "a variant name without '/'");
        } else if (!names.insert(v.name).second) {
            sink.add(at, where, v.name, "a variant name not used before in this study",
                     "give the alternative a `name:`");
        }
        spec.variants.push_back(std::move(v));
    };
    // Every scenario is read, and the problems of all of them reported together.
    std::vector<ScenarioIssue> scenario_issues;
    auto load = [&](const std::string& p) -> std::optional<Scenario> {
        try {
            return load_scenario(p);
        } catch (const ScenarioError& e) {
            scenario_issues.insert(scenario_issues.end(), e.issues().begin(), e.issues().end());
            return std::nullopt;
        }
    };
    Variant base;
    base.origin = resolve(base_file);
    std::optional<Scenario> base_scenario = load(base.origin);
    std::vector<std::optional<Scenario>> alt_scenarios;
    for (const auto& a : alts) alt_scenarios.push_back(load(resolve(a.file)));
    if (!scenario_issues.empty()) throw ScenarioError(std::move(scenario_issues));
    base.scenario = std::move(*base_scenario);
    base.name = base.scenario.name;
    const std::string base_text = base.scenario.verbatim;
    const std::string base_origin = base.origin;
    add_variant(std::move(base), base_node, "base");
    for (std::size_t i = 0; i < alts.size(); ++i) {
        Variant v;
        v.origin = resolve(alts[i].file);
        v.scenario = std::move(*alt_scenarios[i]);
        v.name = alts[i].name.empty() ? v.scenario.name : alts[i].name;
        add_variant(std::move(v), alts[i].node, "alternatives[" + std::to_string(i) + "]");
    }

    // Sweep: the Cartesian product of every key's values, each point a variant of the base.
    if (has_sweep) {
        if (!sweep_node.IsSequence()) {
            sink.add(sweep_node, "sweep", describe(sweep_node),
                     "a list of {key: dotted.key, values: [...]}");
            sink.throw_if_any();
        }
        std::vector<std::pair<std::string, YAML::Node>> axes;
        for (std::size_t i = 0; i < sweep_node.size(); ++i) {
            const std::string p = "sweep[" + std::to_string(i) + "]";
            const YAML::Node el = sweep_node[i];
            if (!el.IsMap()) {
                sink.add(el, p, describe(el), "{key: dotted.key, values: [...]}");
                continue;
            }
            check_keys(el, p, {"key", "values"}, sink);
            auto k = el["key"] ? read_string(el["key"], p + ".key", sink) : std::nullopt;
            if (!el["key"]) sink.add(el, p + ".key", "nothing", "a dotted scenario key");
            const YAML::Node vals = el["values"];
            if (!vals || !vals.IsSequence() || vals.size() == 0) {
                sink.add(vals ? vals : el, p + ".values", vals ? describe(vals) : "nothing",
                         "a non-empty list of values");
                continue;
            }
            if (k) axes.emplace_back(*k, vals);
        }
        std::size_t points = 1;
        for (const auto& axis : axes) {
            points *= axis.second.size();
            if (points > kMaxSweepVariants) {
                sink.add(sweep_node, "sweep",
                         "a grid of more than " + std::to_string(kMaxSweepVariants) + " variants",
                         "at most " + std::to_string(kMaxSweepVariants) +
                             " variants (the product of the numbers of values)",
                         "split the study, or sweep fewer values at once");
                break;
            }
        }
        sink.throw_if_any();
        std::vector<std::size_t> idx(axes.size(), 0);
        while (!axes.empty()) {
            YAML::Node tree = YAML::Load(base_text);
            std::string name;
            for (std::size_t a = 0; a < axes.size(); ++a) {
                const YAML::Node value = axes[a].second[idx[a]];
                const std::string err = set_key(tree, axes[a].first, value, "sweep in " + path);
                const std::string p = "sweep[" + std::to_string(a) + "]";
                if (!err.empty()) sink.add(axes[a].second, p + ".key", axes[a].first, err);
                name += (name.empty() ? "" : ",") + axes[a].first + "=" + scalar_text(value);
            }
            sink.throw_if_any();
            YAML::Emitter out;
            out << tree;
            Variant v;
            v.name = name;
            v.origin = base_origin + " with " + name;
            v.scenario =
                parse_scenario(out.c_str(), base_origin, path + " (sweep variant " + name + ")");
            v.scenario.file = base_origin;
            add_variant(std::move(v), sweep_node, "sweep");
            std::size_t a = axes.size();
            while (a > 0) {
                --a;
                if (++idx[a] < axes[a].second.size()) break;
                idx[a] = 0;
                if (a == 0) axes.clear();
            }
        }
    }
    sink.throw_if_any();
    assign_seeds(spec);
    check_days(spec, sink);
    sink.throw_if_any();
    return spec;
}

}  // namespace bb
