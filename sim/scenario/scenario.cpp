// Scenario loading: parse (yaml-cpp) -> validate (collect every issue) -> build (Scenario).
// The keys a file may hold are defined here and in parameters.cpp only; the reference in
// docs/scenario-reference.md is generated from the same tables.
#include "sim/scenario/scenario.hpp"
#include "sim/core/markdown.hpp"

#include "sim/scenario/buurten.hpp"
#include "sim/scenario/inheritance.hpp"
#include "sim/scenario/quick_scan.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <tuple>

#include "sim/scenario/yaml_reader.hpp"

namespace bb {

namespace {

constexpr std::array<std::string_view, 5> kEligibilityIds{"alle", "met_kinderen", "minimum_inkomen",
                                                          "migratieachtergrond", "senior"};
constexpr std::array<std::string_view, 7> kWeekdayIds{
    "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"};

// A key that is not a model parameter: documentation and range in one place.
struct FieldSpec {
    std::string key;
    std::string type;  // "number", "whole number", "true/false", "text", "map", "list"
    std::string default_text;
    double min = 0;
    double max = 0;
    std::string unit;
    std::string description;
    std::string source;
};

const std::vector<FieldSpec>& top_fields() {
    static const std::vector<FieldSpec> f{
        {"schema_version", "whole number", "1", 1, 1, "", "Version of the scenario format.", ""},
        {"extends", "text (path)", "none", 0, 0, "",
         "A base scenario file this one changes: keys given here replace the base's (maps merge "
         "key by key, lists of items with an `id` merge by id, other lists are replaced; a "
         "worker's `models` and `allocation` are shares and are replaced whole, and a worker "
         "given a `quick_scan` drops the base worker's allocation, models, protocol and caps); "
         "relative to this file.",
         ""},
        {"name", "text", "file name", 0, 0, "", "Short name of the scenario, used in results.", ""},
        {"description", "text", "empty", 0, 0, "", "What the scenario is for.", ""},
        {"seed", "whole number", "1", 0, 9007199254740991.0, "",
         "Seed of all random streams; the same seed gives bit-identical results.", ""},
        {"horizon_days", "whole number", "365", 1, 36500, "days", "Days simulated.", ""},
        {"start_weekday", "text", "maandag", 0, 0, "",
         "Weekday of day 0: maandag, dinsdag, ..., zondag.", ""},
        {"collective_locations", "list", "none", 0, 0, "",
         "Collective locations (community centre, school, mosque or church, food bank) where "
         "voorlichting_collectief holds sessions; see below.",
         ""},
        {"sweep", "map", "all streets, 2 call-backs", 0, 0, "",
         "Where huisbezoek_alle goes door to door; see below.", ""},
        {"workers", "list", "none (no outreach)", 0, 0, "", "The outreach workers; see below.", ""},
        {"models", "map", "registered defaults", 0, 0, "",
         "Parameters of outreach models, by model id; see below.", ""},
        {"factors", "map", "registered defaults", 0, 0, "",
         "Parameters of the effective factors, by factor id; see below.", ""},
        {"interventions", "list", "none", 0, 0, "",
         "Changes of the team from a given week on: new settings for workers, added and removed "
         "workers, information campaigns; see below.",
         ""},
        {"buurten", "list", "none (one buurt)", 0, 0, "",
         "Several buurten, each with its own households, needs, signals and locations and a share "
         "of every worker's hours; see below.",
         ""},
    };
    return f;
}

const std::vector<FieldSpec>& buurt_fields() {
    static const std::vector<FieldSpec> f{
        {"id", "text", "(required)", 0, 0, "",
         "Short unique name of the buurt (letters, digits, - and _), used in results.", ""},
        {"name", "text", "the id", 0, 0, "", "The buurt's name for people.", ""},
        {"scenario", "text (path)", "none", 0, 0, "",
         "A one-buurt scenario file whose buurt sections (the parameter sections buurt, needs, "
         "signals, ..., and collective_locations and sweep) this buurt takes; its team, seed, "
         "horizon and interventions are not used. Relative to the file that names it.",
         ""},
        {"workforce_share", "number", "(required with workers)", 0, 1, "share",
         "Share of every worker's hours spent in this buurt: contract and scheduled hours, "
         "client-hours and caseload caps are multiplied by it, for interventions too. The shares "
         "of all buurten sum to 1.",
         ""},
        {"min_hours_per_week", "number", "0", 0, 100000, "hours/week",
         "Minimum staffing: the worker hours per week `buurtbereik plan allocate` gives this "
         "buurt at least.",
         ""},
        {"allocation", "map", "the workers' own", 0, 0, "share per method",
         "The team's method allocation in this buurt (method id -> share, summing to 1): it "
         "replaces every worker's own allocation here from the start (an intervention that sets "
         "a worker's allocation replaces it from its week). `plan allocate --optimise-mix` "
         "chooses one per buurt.",
         ""},
    };
    return f;
}

const std::vector<FieldSpec>& worker_fields() {
    static const std::vector<FieldSpec> f{
        {"id", "text", "(required)", 0, 0, "", "Name of the worker (or team member group).", ""},
        {"count", "whole number", "1", 1, 1000, "workers",
         "Identical workers described by this entry; ids get a suffix -1, -2, ...", ""},
        {"contract_hours_per_week", "number", "36", 0, 80, "hours/week",
         "Contract hours; the schedule's hours may not exceed them.", "C4 (36 h full-time)"},
        {"hourly_cost_eur", "number", "75", 0, 1000, "euro/hour",
         "Integral cost of one scheduled outreach hour.", "C2 (EUR 60-95)"},
        {"schedule.weekdag_dag", "number", "24", 0, 80, "hours/week",
         "Outreach hours on weekdays by day.",
         "C4: 1,400 productive h/year = 27 h/week (A: split)"},
        {"schedule.weekdag_avond", "number", "3", 0, 80, "hours/week",
         "Outreach hours on weekday evenings.", "A"},
        {"schedule.weekend", "number", "0", 0, 80, "hours/week", "Outreach hours in weekends.",
         "A"},
        {"allocation.huisbezoek_signaal", "number", "0.6", 0, 1, "share of hours",
         "Hours spent on home visits on signals.", "A"},
        {"allocation.huisbezoek_alle", "number", "0.2", 0, 1, "share of hours",
         "Hours spent door to door.", "A"},
        {"allocation.aanwezig_openbaar", "number", "0.1", 0, 1, "share of hours",
         "Hours present in public space.", "A"},
        {"allocation.voorlichting_collectief", "number", "0.1", 0, 1, "share of hours",
         "Hours for information sessions at collective locations.", "A"},
        {"allocation.online", "number", "0", 0, 1, "share of hours",
         "Hours of online presence (chat, social media). The five shares sum to 1.",
         "A: quick scan locatie online"},
        {"protocol.letter", "true/false", "true", 0, 0, "", "Send a letter first on a signal case.",
         "D6, D7"},
        {"protocol.phone", "true/false", "true", 0, 0, "",
         "Call before visiting, when the number "
         "is known.",
         "D6, D8"},
        {"protocol.max_visits", "whole number", "3", 0, 20, "visits",
         "Home visits on a signal case before it is closed unanswered.",
         "A: do not stop after one unanswered door (Basisboek 2019)"},
        {"protocol.vary_times", "true/false", "true", 0, 0, "",
         "Call-backs at another slot than the previous attempt.", "D6"},
        {"protocol.duo", "true/false", "true", 0, 0, "",
         "Visit in pairs (doubles the worker hours of visits and doors).", "D6"},
        {"caseload_cap", "whole number", "25", 1, 10000, "households",
         "Open cases a worker holds at once.", "A"},
        {"client_hours_cap", "number", "20", 0, 10000, "hours",
         "Worker hours spent on one household before its case is closed.", "A"},
        {"models", "map", "hulp: 1", 0, 0, "share",
         "Weighted mix of outreach models (weights sum "
         "to 1), e.g. {hulp: 0.7, presentie: 0.3}.",
         "DESIGN.md 2"},
        {"factors", "list", "none", 0, 0, "",
         "Effective factors the worker brings, e.g. [ervaringsdeskundige, vertrouwenswerk]; see "
         "`factors` below.",
         "DESIGN.md 2 (seed 001)"},
        {"session_locations", "list", "all", 0, 0, "",
         "Collective locations (ids of collective_locations) where this worker holds "
         "information sessions, in turn; all of them when not given.",
         ""},
        {"quick_scan", "map", "none", 0, 0, "",
         "The worker's way of working as the Antwerp quick scan's nine answers "
         "(docs/quick-scan.md); detailed keys given explicitly override it, factors are added. "
         "The team's signal sources are the union of its quick scans' unless signals.sources is "
         "given.",
         "seed 002 (A: mapping)"},
    };
    return f;
}

const std::vector<FieldSpec>& intervention_fields() {
    static const std::vector<FieldSpec> f{
        {"from_week", "whole number", "(required)", 1, 5218, "weeks",
         "Week from which the change holds: it applies at the start of day 7 x from_week (week 0 "
         "is days 0-6); before the horizon's last week.",
         ""},
        {"description", "text", "empty", 0, 0, "", "What the change is, for people.", ""},
        {"workers", "list", "none", 0, 0, "",
         "Changes of existing worker entries: each names an `id` and gives any `workers[]` key "
         "(schedule, allocation, models, protocol, count, ...); keys not given keep their "
         "current values. A larger `count` adds workers to the entry, a smaller one stops the "
         "last ones.",
         ""},
        {"add_workers", "list", "none", 0, 0, "",
         "New worker entries, as under `workers[]`, working from this week on.", ""},
        {"remove_workers", "list", "none", 0, 0, "",
         "Ids of worker entries that stop: their open cases are closed (waiting households go back "
         "to the queue) and their pending hand-overs pass to the first worker still working.",
         ""},
        {"campaign.id", "text", "campagne", 0, 0, "",
         "An information campaign: a temporary worker entry of this id that only holds "
         "information sessions (voorlichting_collectief).",
         ""},
        {"campaign.weeks", "whole number", "(required)", 1, 520, "weeks",
         "How long the campaign runs; it stops at week from_week + weeks.", ""},
        {"campaign.hours_per_week", "number", "(required)", 0.5, 80, "hours/week",
         "Session hours per week (weekday daytime unless campaign.slot says otherwise).",
         "A: campaign effort"},
        {"campaign.slot", "text", "weekdag_dag", 0, 0, "",
         "Slot of the sessions: weekdag_dag, weekdag_avond or weekend.", ""},
        {"campaign.hourly_cost_eur", "number", "75", 0, 1000, "euro/hour",
         "Cost of one campaign hour.", "C2 (EUR 60-95)"},
        {"campaign.locations", "list", "all", 0, 0, "",
         "Collective locations (ids) where the campaign holds sessions; all when not given.", ""},
    };
    return f;
}

const std::vector<FieldSpec>& location_fields() {
    static const std::vector<FieldSpec> f{
        {"id", "text", "(required)", 0, 0, "", "Name of the location.", ""},
        {"eligible", "text", "alle", 0, 0, "",
         "Who can be a member: alle, met_kinderen, minimum_inkomen, migratieachtergrond, senior.",
         ""},
        {"membership", "number", "0.1", 0, 1, "share of eligible households",
         "Eligible households that are members (attend its activities).", ""},
        {"source", "text", "(required)", 0, 0, "", "Source or assumption tag of `membership`.", ""},
    };
    return f;
}

const std::vector<FieldSpec>& sweep_fields() {
    static const std::vector<FieldSpec> f{
        {"call_backs", "whole number", "2", 0, 20, "visits",
         "Extra passes at doors nobody opened, at another slot.",
         "A: do not stop after one unanswered door (Basisboek 2019)"},
        {"streets", "list", "all", 0, 0, "", "Street indices (0-based) swept door to door.", ""},
    };
    return f;
}

std::vector<std::string> keys_of(const std::vector<FieldSpec>& fields) {
    std::set<std::string> top;
    for (const auto& f : fields) top.insert(f.key.substr(0, f.key.find('.')));
    return {top.begin(), top.end()};
}

const FieldSpec& field(const std::vector<FieldSpec>& fields, const std::string& key) {
    for (const auto& f : fields) {
        if (f.key == key) return f;
    }
    throw std::logic_error("no field spec " + key);
}

// Parameter sections and their children, from parameter_specs().
const std::map<std::string, std::vector<std::string>>& param_children() {
    static const std::map<std::string, std::vector<std::string>> children = [] {
        std::map<std::string, std::set<std::string>> sets;
        for (const auto& s : parameter_specs()) {
            std::string prefix;
            std::size_t start = 0;
            while (true) {
                const std::size_t dot = s.path.find('.', start);
                const std::string part =
                    s.path.substr(start, dot == std::string::npos ? dot : dot - start);
                sets[prefix].insert(part);
                if (dot == std::string::npos) break;
                prefix = join_path(prefix, part);
                start = dot + 1;
            }
        }
        sets["signals"].insert("sources");  // handled outside the parameter table
        std::map<std::string, std::vector<std::string>> out;
        for (auto& [k, v] : sets) out[k] = {v.begin(), v.end()};
        return out;
    }();
    return children;
}

class Parser {
  public:
    Parser(const std::string& file, Scenario& sc) : sink_(file), warnings_(file), sc_(sc) {}

    void parse(const YAML::Node& root) {
        if (!root.IsMap()) {
            sink_.add(root, "", describe(root), "a map of scenario keys at the top level");
            return;
        }
        std::vector<std::string> allowed = keys_of(top_fields());
        for (const auto& section : param_children().at("")) allowed.push_back(section);
        std::sort(allowed.begin(), allowed.end());
        check_keys(root, "", allowed, sink_);
        for (const auto& [key, node] : map_entries(root, "", sink_)) {
            if (key == "schema_version") {
                read_number(node, key, sink_, kSchemaVersion, kSchemaVersion, true);
            } else if (key == "extends" || key == "buurten") {
                // Resolved before parsing (sim/scenario/inheritance.hpp, parse_buurten below).
            } else if (key == "name") {
                if (auto v = read_string(node, key, sink_)) sc_.name = *v;
            } else if (key == "description") {
                if (auto v = read_string(node, key, sink_)) sc_.description = *v;
            } else if (key == "seed") {
                const auto& f = field(top_fields(), key);
                if (auto v = read_number(node, key, sink_, f.min, f.max, true)) {
                    sc_.seed = static_cast<std::uint64_t>(*v);
                }
            } else if (key == "horizon_days") {
                const auto& f = field(top_fields(), key);
                if (auto v = read_number(node, key, sink_, f.min, f.max, true)) {
                    sc_.horizon_days = static_cast<int>(*v);
                }
            } else if (key == "start_weekday") {
                read_weekday(node);
            } else if (key == "collective_locations") {
                read_locations(node);
            } else if (key == "sweep") {
                read_sweep(node);
            } else if (key == "workers") {
                read_workers(node);
            } else if (key == "interventions") {
                interventions_node_ = node;  // read after the workers (below)
            } else if (key == "models") {
                read_model_params(node);
            } else if (key == "factors") {
                read_factor_params(node);
            } else if (param_children().count(key) != 0U) {
                read_params(node, key);
            }
        }
        if (interventions_node_) read_interventions(*interventions_node_);
        // Quick scans choose the team's signal sources unless signals.sources is given.
        if (any_quick_scan_ && !signal_sources_given_) sc_.signal_sources = quick_scan_sources_;
        check_consistency(root);
    }

    IssueSink& sink() { return sink_; }
    const IssueSink& warnings() const { return warnings_; }

  private:
    void read_weekday(const YAML::Node& node) {
        const auto v = read_string(node, "start_weekday", sink_);
        if (!v) return;
        for (std::size_t i = 0; i < kWeekdayIds.size(); ++i) {
            if (kWeekdayIds[i] == *v) {
                sc_.start_weekday = static_cast<int>(i);
                return;
            }
        }
        sink_.add(node, "start_weekday", describe(node), "a weekday",
                  suggestion(*v, {kWeekdayIds.begin(), kWeekdayIds.end()}));
    }

    // A parameter section: nested maps down to scalar parameters.
    void read_params(const YAML::Node& node, const std::string& prefix) {
        if (!node.IsMap()) {
            sink_.add(node, prefix, describe(node), "a map");
            return;
        }
        const auto& children = param_children().at(prefix);
        check_keys(node, prefix, children, sink_);
        for (const auto& [key, child] : map_entries(node, prefix, sink_)) {
            const std::string path = join_path(prefix, key);
            if (path == "signals.sources") {
                read_signal_sources(child);
            } else if (const ParamSpec* spec = find_parameter(path)) {
                read_param_value(child, *spec);
            } else if (param_children().count(path) != 0U) {
                read_params(child, path);
            }
        }
    }

    // A parameter is `key: 0.3` or `key: {value: 0.3, source: "P4: ..."}`.
    void read_param_value(const YAML::Node& node, const ParamSpec& spec) {
        if (node.IsMap()) {
            check_keys(node, spec.path, {"source", "value"}, sink_);
            if (!node["value"]) {
                sink_.add(node, spec.path, "a map without 'value'",
                          "a number, or {value: ..., source: ...}");
                return;
            }
            if (node["source"]) {
                if (auto s = read_string(node["source"], spec.path + ".source", sink_)) {
                    sc_.sources[spec.path] = *s;
                }
            }
        }
        // Not assigned after construction: assigning to a yaml-cpp Node writes through to the
        // document.
        const YAML::Node value_node = node.IsMap() ? node["value"] : node;
        if (auto v =
                read_number(value_node, spec.path, sink_, spec.min, spec.max, spec.is_integer())) {
            spec.set(sc_.params, *v);
            if (!node.IsMap() || !node["source"]) {
                sc_.sources[spec.path] = "scenario (no source given)";
                warnings_.add(node, spec.path, "a figure set without a source",
                              "{value: ..., source: \"...\"} (an evidence id, a data row or 'A: "
                              "...' for an assumption)");
            }
        }
    }

    void read_signal_sources(const YAML::Node& node) {
        signal_sources_given_ = true;
        if (!node.IsSequence()) {
            sink_.add(node, "signals.sources", describe(node), "a list of signal source ids");
            return;
        }
        sc_.signal_sources.fill(false);
        const std::vector<std::string> ids{EnumIds<SignalSource>::ids.begin(),
                                           EnumIds<SignalSource>::ids.end()};
        for (std::size_t i = 0; i < node.size(); ++i) {
            const std::string path = "signals.sources[" + std::to_string(i) + "]";
            const auto id = read_string(node[i], path, sink_);
            if (!id) continue;
            if (const auto src = parse_id<SignalSource>(*id)) {
                sc_.signal_sources[static_cast<int>(*src)] = true;
            } else {
                sink_.add(node[i], path, describe(node[i]), "a signal source id",
                          suggestion(*id, ids));
            }
        }
    }

    void read_locations(const YAML::Node& node) {
        if (!node.IsSequence()) {
            sink_.add(node, "collective_locations", describe(node), "a list of locations");
            return;
        }
        if (node.size() > static_cast<std::size_t>(kMaxLocations)) {
            sink_.add(node, "collective_locations", std::to_string(node.size()) + " locations",
                      "at most " + std::to_string(kMaxLocations));
        }
        std::set<std::string> seen;
        for (std::size_t i = 0; i < node.size(); ++i) {
            const std::string path = "collective_locations[" + std::to_string(i) + "]";
            const YAML::Node& n = node[i];
            if (!n.IsMap()) {
                sink_.add(n, path, describe(n), "a map with id, eligible, membership, source");
                continue;
            }
            check_keys(n, path, keys_of(location_fields()), sink_);
            CollectiveLocation loc;
            require(n, path, "id");
            require(n, path, "source");
            if (n["id"]) {
                if (auto v = read_string(n["id"], path + ".id", sink_)) {
                    loc.id = *v;
                    if (!seen.insert(*v).second) {
                        sink_.add(n["id"], path + ".id", "'" + *v + "' again",
                                  "a unique location id");
                    }
                }
            }
            if (n["source"]) {
                if (auto v = read_string(n["source"], path + ".source", sink_)) loc.source = *v;
            }
            if (n["membership"]) {
                const auto& f = field(location_fields(), "membership");
                if (auto v =
                        read_number(n["membership"], path + ".membership", sink_, f.min, f.max)) {
                    loc.membership = *v;
                }
            }
            if (n["eligible"]) {
                if (auto v = read_string(n["eligible"], path + ".eligible", sink_)) {
                    const auto it = std::find(kEligibilityIds.begin(), kEligibilityIds.end(), *v);
                    if (it == kEligibilityIds.end()) {
                        sink_.add(n["eligible"], path + ".eligible", describe(n["eligible"]),
                                  "an eligibility id",
                                  suggestion(*v, {kEligibilityIds.begin(), kEligibilityIds.end()}));
                    } else {
                        loc.eligible = static_cast<Eligibility>(it - kEligibilityIds.begin());
                    }
                }
            }
            sc_.locations.push_back(std::move(loc));
        }
    }

    void read_sweep(const YAML::Node& node) {
        if (!node.IsMap()) {
            sink_.add(node, "sweep", describe(node), "a map with call_backs and streets");
            return;
        }
        check_keys(node, "sweep", keys_of(sweep_fields()), sink_);
        if (node["call_backs"]) {
            const auto& f = field(sweep_fields(), "call_backs");
            if (auto v = read_number(node["call_backs"], "sweep.call_backs", sink_, f.min, f.max,
                                     true)) {
                sc_.sweep.call_backs = static_cast<int>(*v);
            }
        }
        if (node["streets"]) {
            const YAML::Node& s = node["streets"];
            if (!s.IsSequence()) {
                sink_.add(s, "sweep.streets", describe(s), "a list of street indices");
                return;
            }
            for (std::size_t i = 0; i < s.size(); ++i) {
                if (auto v = read_number(s[i], "sweep.streets[" + std::to_string(i) + "]", sink_, 0,
                                         1e6, true)) {
                    sc_.sweep.streets.push_back(static_cast<int>(*v));
                }
            }
        }
    }

    void require(const YAML::Node& map, const std::string& path, const std::string& key) {
        if (!map[key])
            sink_.add(map, join_path(path, key), "nothing",
                      "a value for required key '" + key + "'");
    }

    void read_workers(const YAML::Node& node) {
        if (!node.IsSequence()) {
            sink_.add(node, "workers", describe(node), "a list of workers");
            return;
        }
        std::set<std::string> seen;
        for (std::size_t i = 0; i < node.size(); ++i) {
            const std::string path = "workers[" + std::to_string(i) + "]";
            const YAML::Node& n = node[i];
            WorkerSpec w;
            if (!read_worker(n, path, w, true)) continue;
            if (!w.id.empty() && !seen.insert(w.id).second)
                sink_.add(n["id"], path + ".id", "'" + w.id + "' again", "a unique worker id");
            worker_checks_.push_back({w, n, path});
            sc_.workers.push_back(std::move(w));
        }
    }

    // Reads one worker map onto `w`: keys not given keep w's values (a fresh WorkerSpec for a new
    // worker, the current settings for an intervention's change). `require_id`: the map must
    // name its id. False when `n` is not a map.
    bool read_worker(const YAML::Node& n, const std::string& path, WorkerSpec& w, bool require_id) {
        if (!n.IsMap()) {
            sink_.add(n, path, describe(n), "a map describing one worker");
            return false;
        }
        check_keys(n, path, keys_of(worker_fields()), sink_);
        if (require_id) require(n, path, "id");
        std::vector<std::string> given;  // keys written, for the quick scan's overrides
        std::optional<YAML::Node> scan_node;
        for (const auto& [key, child] : map_entries(n, path, sink_)) {
            const std::string kp = join_path(path, key);
            given.push_back(key);
            if (key == "protocol" && child.IsMap()) {
                for (auto it = child.begin(); it != child.end(); ++it) {
                    if (it->first.IsScalar()) given.push_back("protocol." + it->first.Scalar());
                }
            }
            if (key == "id") {
                if (auto v = read_string(child, kp, sink_)) w.id = *v;
            } else if (key == "count") {
                if (auto v = number(child, kp, "count")) w.count = static_cast<int>(*v);
            } else if (key == "contract_hours_per_week") {
                if (auto v = number(child, kp, key)) w.contract_hours_per_week = *v;
            } else if (key == "hourly_cost_eur") {
                if (auto v = number(child, kp, key)) w.hourly_cost_eur = *v;
            } else if (key == "schedule") {
                read_enum_map<SlotKind>(child, kp, "schedule", w.schedule_hours);
            } else if (key == "allocation") {
                read_enum_map<Method>(child, kp, "allocation", w.allocation);
            } else if (key == "protocol") {
                read_protocol(child, kp, w.protocol);
            } else if (key == "caseload_cap") {
                if (auto v = number(child, kp, key)) w.caseload_cap = static_cast<int>(*v);
            } else if (key == "client_hours_cap") {
                if (auto v = number(child, kp, key)) w.client_hours_cap = *v;
            } else if (key == "models") {
                read_worker_models(child, kp, w);
            } else if (key == "factors") {
                read_worker_factors(child, kp, w);
            } else if (key == "session_locations") {
                read_id_list(child, kp, "collective location ids", w.session_locations);
            } else if (key == "quick_scan") {
                scan_node = child;
            }
        }
        if (scan_node) {
            if (const auto scan =
                    parse_quick_scan(*scan_node, join_path(path, "quick_scan"), sink_)) {
                if (!any_quick_scan_) quick_scan_sources_.fill(false);
                any_quick_scan_ = true;
                check_quick_scan_contradictions(*scan, w, given, n, path);
                w.quick_scan =
                    apply_quick_scan_with_overrides(*scan, w, given, quick_scan_sources_).text();
            }
        }
        return true;
    }

    // A detailed key given beside a quick scan may refine the scan, not contradict it: hours for a
    // method no answer gives hours to, or weight for a model no answer gives points to, is an
    // error (the scan and the settings would describe two different ways of working).
    void check_quick_scan_contradictions(const QuickScan& scan, const WorkerSpec& given_values,
                                         const std::vector<std::string>& given, const YAML::Node& n,
                                         const std::string& path) {
        auto was_given = [&](const std::string& k) {
            return std::find(given.begin(), given.end(), k) != given.end();
        };
        if (!was_given("allocation") && !was_given("models")) return;
        WorkerSpec scanned;
        std::array<bool, kSignalSources> unused{};
        const QuickScanMapping m = apply_quick_scan(scan, scanned, unused);
        if (was_given("allocation")) {
            for (int k = 0; k < kMethods; ++k) {
                const std::string id{id_of(static_cast<Method>(k))};
                if (given_values.allocation[k] > 0 && scanned.allocation[k] <= 0) {
                    sink_.add(n["allocation"][id] ? n["allocation"][id] : n["allocation"],
                              path + ".allocation." + id,
                              format_number(given_values.allocation[k]) +
                                  ", but no quick_scan answer gives " + id + " hours",
                              "0, or a quick_scan answer that works this way (docs/quick-scan.md)");
                }
            }
        }
        if (was_given("models")) {
            for (const auto& [id, weight] : given_values.models) {
                if (weight > 0 && scanned.models.count(id) == 0) {
                    sink_.add(n["models"][id] ? n["models"][id] : n["models"],
                              path + ".models." + id,
                              format_number(weight) + ", but no quick_scan answer points to " + id,
                              "0, or a quick_scan answer that works this way (docs/quick-scan.md)");
                }
            }
        }
        (void)m;
    }

    // A list of ids (checked against their table later, in check_consistency).
    void read_id_list(const YAML::Node& node, const std::string& path, const std::string& what,
                      std::vector<std::string>& out) {
        if (!node.IsSequence()) {
            sink_.add(node, path, describe(node), "a list of " + what);
            return;
        }
        out.clear();
        for (std::size_t i = 0; i < node.size(); ++i) {
            if (auto v = read_string(node[i], path + "[" + std::to_string(i) + "]", sink_))
                out.push_back(*v);
        }
    }

    std::optional<double> number(const YAML::Node& node, const std::string& path,
                                 const std::string& key) {
        const auto& f = field(worker_fields(), key);
        return read_number(node, path, sink_, f.min, f.max, f.type == "whole number");
    }

    template <typename E, std::size_t N>
    void read_enum_map(const YAML::Node& node, const std::string& path, const std::string& group,
                       std::array<double, N>& out) {
        if (!node.IsMap()) {
            sink_.add(node, path, describe(node), "a map from " + group + " ids to numbers");
            return;
        }
        const std::vector<std::string> ids{EnumIds<E>::ids.begin(), EnumIds<E>::ids.end()};
        check_keys(node, path, ids, sink_);
        out.fill(0.0);  // a given map replaces the default entirely: unlisted entries are 0
        for (const auto& [key, child] : map_entries(node, path, sink_)) {
            const auto id = parse_id<E>(key);
            if (!id) continue;
            if (auto v = number(child, join_path(path, key), group + "." + key)) {
                out[static_cast<std::size_t>(*id)] = *v;
            }
        }
    }

    void read_protocol(const YAML::Node& node, const std::string& path, Protocol& p) {
        if (!node.IsMap()) {
            sink_.add(node, path, describe(node),
                      "a map with letter, phone, max_visits, vary_times, duo");
            return;
        }
        check_keys(node, path, {"duo", "letter", "max_visits", "phone", "vary_times"}, sink_);
        for (const auto& [key, child] : map_entries(node, path, sink_)) {
            const std::string kp = join_path(path, key);
            if (key == "max_visits") {
                if (auto v = number(child, kp, "protocol.max_visits"))
                    p.max_visits = static_cast<int>(*v);
            } else if (auto b = (key == "letter" || key == "phone" || key == "vary_times" ||
                                 key == "duo")
                                    ? read_bool(child, kp, sink_)
                                    : std::nullopt) {
                if (key == "letter") p.letter = *b;
                if (key == "phone") p.phone = *b;
                if (key == "vary_times") p.vary_times = *b;
                if (key == "duo") p.duo = *b;
            }
        }
    }

    void read_worker_models(const YAML::Node& node, const std::string& path, WorkerSpec& w) {
        if (!node.IsMap()) {
            sink_.add(node, path, describe(node), "a map from model ids to weights");
            return;
        }
        w.models.clear();
        report_unknown_models(node, path);
        for (const auto& [key, child] : map_entries(node, path, sink_)) {
            if (builtin_models().find(key) == nullptr) continue;
            if (auto v = read_number(child, join_path(path, key), sink_, 0, 1)) w.models[key] = *v;
        }
    }

    // Unknown model ids in a map keyed by model id, reported at the key itself.
    void report_unknown_models(const YAML::Node& map, const std::string& path) {
        const auto ids = builtin_models().ids();
        for (auto it = map.begin(); it != map.end(); ++it) {
            if (!it->first.IsScalar()) continue;  // reported by map_entries
            const std::string key = it->first.Scalar();
            if (builtin_models().find(key) == nullptr) {
                sink_.add(it->first, join_path(path, key), "unknown model '" + key + "'",
                          "a registered model id", suggestion(key, ids));
            }
        }
    }

    void read_model_params(const YAML::Node& node) {
        read_behaviour_params(
            node, "models", "model", builtin_models().ids(),
            [](const std::string& id) -> const std::vector<ModelParamSpec>* {
                const ModelInfo* m = builtin_models().find(id);
                return m != nullptr ? &m->params : nullptr;
            },
            sc_.model_params);
    }

    void read_factor_params(const YAML::Node& node) {
        read_behaviour_params(
            node, "factors", "effective factor", factor_ids(),
            [](const std::string& id) -> const std::vector<ModelParamSpec>* {
                const FactorInfo* f = find_factor(id);
                return f != nullptr ? &f->params : nullptr;
            },
            sc_.factor_params);
    }

    // Parameters of registered behaviours by id (`models:` or `factors:`): each a number or
    // {value, source}; the source is kept like a scenario parameter's (sc_.sources).
    void read_behaviour_params(
        const YAML::Node& node, const std::string& group, const std::string& what,
        const std::vector<std::string>& ids,
        const std::function<const std::vector<ModelParamSpec>*(const std::string&)>& params_of,
        std::map<std::string, ModelParams>& out) {
        if (!node.IsMap()) {
            sink_.add(node, group, describe(node),
                      "a map from " + what + " ids to their parameters");
            return;
        }
        for (auto it = node.begin(); it != node.end(); ++it) {
            if (!it->first.IsScalar()) continue;  // reported by map_entries
            const std::string key = it->first.Scalar();
            if (params_of(key) == nullptr) {
                sink_.add(it->first, join_path(group, key), "unknown " + what + " '" + key + "'",
                          "a registered " + what + " id", suggestion(key, ids));
            }
        }
        for (const auto& [id, child] : map_entries(node, group, sink_)) {
            const std::string path = join_path(group, id);
            const std::vector<ModelParamSpec>* params = params_of(id);
            if (params == nullptr) continue;
            if (!child.IsMap()) {
                sink_.add(child, path, describe(child), "a map of the " + what + "'s parameters");
                continue;
            }
            std::vector<std::string> keys;
            for (const auto& p : *params) keys.push_back(p.key);
            check_keys(child, path, keys, sink_);
            for (const auto& p : *params) {
                const YAML::Node v = child[p.key];
                if (!v) continue;
                const std::string kp = join_path(path, p.key);
                if (v.IsMap()) {
                    check_keys(v, kp, {"source", "value"}, sink_);
                    if (!v["value"]) {
                        sink_.add(v, kp, "a map without 'value'",
                                  "a number, or {value: ..., source: ...}");
                        continue;
                    }
                    if (v["source"]) {
                        if (auto src = read_string(v["source"], kp + ".source", sink_))
                            sc_.sources[kp] = *src;
                    }
                }
                const YAML::Node value_node = v.IsMap() ? v["value"] : v;
                if (auto x = read_number(value_node, kp, sink_, p.min, p.max)) {
                    out[id][p.key] = *x;
                    if (!v.IsMap() || !v["source"]) {
                        sc_.sources[kp] = "scenario (no source given)";
                        warnings_.add(v, kp, "a figure set without a source",
                                      "{value: ..., source: \"...\"} (an evidence id, a data row "
                                      "or 'A: ...' for an assumption)");
                    }
                }
            }
        }
    }

    std::vector<std::string> factor_ids() const {
        std::vector<std::string> ids;
        for (const auto& f : builtin_factors()) ids.push_back(f.id);
        return ids;
    }

    void read_worker_factors(const YAML::Node& node, const std::string& path, WorkerSpec& w) {
        if (!node.IsSequence()) {
            sink_.add(node, path, describe(node), "a list of effective factor ids");
            return;
        }
        w.factors.clear();  // a given list replaces the worker's
        const auto ids = factor_ids();
        for (std::size_t i = 0; i < node.size(); ++i) {
            const std::string kp = path + "[" + std::to_string(i) + "]";
            const auto v = read_string(node[i], kp, sink_);
            if (!v) continue;
            if (find_factor(*v) == nullptr) {
                sink_.add(node[i], kp, "unknown factor '" + *v + "'", "an effective factor id",
                          suggestion(*v, ids));
            } else if (std::find(w.factors.begin(), w.factors.end(), *v) != w.factors.end()) {
                sink_.add(node[i], kp, "'" + *v + "' again", "each factor once");
            } else {
                w.factors.push_back(*v);
            }
        }
    }

    void check_consistency(const YAML::Node& root) {
        const Parameters& p = sc_.params;
        const YAML::Node buurt = root["buurt"];
        const YAML::Node at = buurt ? buurt : root;
        if (p.buurt.share_one_person + p.buurt.share_with_children > 1.0 + 1e-9) {
            sink_.add(at, "buurt.share_one_person + buurt.share_with_children",
                      format_number(p.buurt.share_one_person + p.buurt.share_with_children),
                      "at most 1");
        }
        // Household size: one-person 1, without children 2 + extra adults, families adults + 1 +
        // children.
        const double s1 = p.buurt.share_one_person, sc = p.buurt.share_with_children,
                     s0 = 1 - s1 - sc;
        const double min_size =
            s1 + s0 * (2 + p.buurt.extra_adults_mean) + sc * (2 - p.buurt.share_single_parent + 1);
        if (sc > 0 && p.buurt.persons_per_household < min_size - 1e-9) {
            sink_.add(at, "buurt.persons_per_household",
                      format_number(p.buurt.persons_per_household),
                      "at least " + format_number(min_size) + " given the composition shares");
        }
        const YAML::Node sig = root["signals"] ? root["signals"] : root;
        if (p.signals.share_zorgverzekeraar + p.signals.share_woningcorporatie > 1.0 + 1e-9) {
            sink_.add(
                sig, "signals.share_zorgverzekeraar + signals.share_woningcorporatie",
                format_number(p.signals.share_zorgverzekeraar + p.signals.share_woningcorporatie),
                "at most 1 (the rest are energie_water signals)");
        }
        const int porches = (p.buurt.households + p.buurt.porch_size - 1) / p.buurt.porch_size;
        const int streets = (porches + p.buurt.porches_per_street - 1) / p.buurt.porches_per_street;
        if (const YAML::Node s = root["sweep"];
            s && s.IsMap() && s["streets"] && s["streets"].IsSequence()) {
            for (std::size_t i = 0; i < sc_.sweep.streets.size() && i < s["streets"].size(); ++i) {
                if (sc_.sweep.streets[i] >= streets) {
                    sink_.add(s["streets"][i], "sweep.streets[" + std::to_string(i) + "]",
                              std::to_string(sc_.sweep.streets[i]),
                              "a street index below " + std::to_string(streets) +
                                  " (the buurt's streets)");
                }
            }
        }
        for (const WorkerCheck& c : worker_checks_) check_worker(c.spec, c.node, c.path);
        warn_untouched_levers(root);
        for (const WeekCheck& c : intervention_weeks_) {
            if (7 * c.week >= sc_.horizon_days) {
                sink_.add(c.node, c.path, std::to_string(c.week),
                          "a week before the horizon's end (day 7 x from_week below horizon_days " +
                              std::to_string(sc_.horizon_days) + ")");
            }
        }
    }

    // A model or factor the team uses whose effect sizes are all at their defaults: every one of
    // them is an assumption lever (EVIDENCE.md M-rows, A), so the scenario's results about it are
    // what-ifs; one warning per model or factor, at the first worker that uses it.
    void warn_untouched_levers(const YAML::Node& root) {
        std::set<std::string> warned;
        auto untouched = [&](const std::string& group, const std::string& id) {
            const std::string prefix = group + "." + id + ".";
            for (const auto& [path, source] : sc_.sources) {
                if (path.rfind(prefix, 0) == 0) return false;
            }
            return true;
        };
        for (const WorkerCheck& c : worker_checks_) {
            for (const auto& [group, id] : behaviours_used_by(c.spec)) {
                // The help model's effect sizes are partly evidence (M1).
                if ((group == "models" && id == "hulp") || !untouched(group, id) ||
                    !warned.insert(group + "." + id).second)
                    continue;
                const YAML::Node at = c.node[group] ? c.node[group] : c.node;
                warnings_.add(at, c.path + "." + group + (group == "models" ? "." + id : ""),
                              id + "'s effect sizes, all still assumption defaults "
                                   "(docs/models.md)",
                              "a study sweep over " + group + "." + id +
                                  ".* before drawing conclusions: its effect is a what-if");
            }
        }
        (void)root;
    }

    // The combinations one worker's settings must respect.
    void check_worker(const WorkerSpec& w, const YAML::Node& n, const std::string& path) {
        double hours = 0, shares = 0, weights = 0;
        for (double h : w.schedule_hours) hours += h;
        for (double a : w.allocation) shares += a;
        for (const auto& [id, wt] : w.models) weights += wt;
        if (hours > w.contract_hours_per_week + 1e-9) {
            sink_.add(n["schedule"] ? n["schedule"] : n, path + ".schedule",
                      format_number(hours) + " hours/week",
                      "at most contract_hours_per_week (" +
                          format_number(w.contract_hours_per_week) + ")");
        }
        if (std::abs(shares - 1.0) > 1e-6) {
            sink_.add(n["allocation"] ? n["allocation"] : n, path + ".allocation",
                      "shares summing to " + format_number(shares), "shares summing to 1");
        }
        if (std::abs(weights - 1.0) > 1e-6) {
            sink_.add(n["models"] ? n["models"] : n, path + ".models",
                      "weights summing to " + format_number(weights), "weights summing to 1");
        }
        if (w.allocation[static_cast<int>(Method::huisbezoek_signaal)] > 0 && !w.protocol.letter &&
            !w.protocol.phone && w.protocol.max_visits == 0) {
            sink_.add(n["protocol"] ? n["protocol"] : n, path + ".protocol",
                      "a protocol without steps (no letter, no phone, max_visits 0)",
                      "at least one step when huisbezoek_signaal has hours");
        }
        if (w.allocation[static_cast<int>(Method::voorlichting_collectief)] > 0 &&
            sc_.locations.empty()) {
            sink_.add(n["allocation"] ? n["allocation"] : n,
                      path + ".allocation.voorlichting_collectief",
                      "hours for sessions but no collective_locations",
                      "collective_locations to hold sessions at, or a 0 share");
        }
        std::vector<std::string> ids;
        for (const auto& loc : sc_.locations) ids.push_back(loc.id);
        for (std::size_t k = 0; k < w.session_locations.size(); ++k) {
            const std::string& id = w.session_locations[k];
            if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
                const YAML::Node list = n["session_locations"];
                sink_.add(list && list.IsSequence() && k < list.size() ? list[k] : n,
                          path + ".session_locations[" + std::to_string(k) + "]",
                          "a session at '" + id + "', which is not a collective location",
                          "an id of collective_locations", suggestion(id, ids));
            }
        }
    }

    // Interventions, in from_week order; each is checked against the team as it is by then.
    void read_interventions(const YAML::Node& node) {
        if (!node.IsSequence()) {
            sink_.add(node, "interventions", describe(node), "a list of interventions");
            return;
        }
        std::vector<std::pair<int, std::size_t>> order;  // (from_week, position)
        for (std::size_t i = 0; i < node.size(); ++i) {
            const std::string path = "interventions[" + std::to_string(i) + "]";
            const YAML::Node& n = node[i];
            if (!n.IsMap()) {
                sink_.add(n, path, describe(n), "a map describing one intervention");
                continue;
            }
            check_keys(n, path,
                       {"add_workers", "campaign", "description", "from_week", "remove_workers",
                        "workers"},
                       sink_);
            require(n, path, "from_week");
            if (!n["from_week"]) continue;
            const auto& f = field(intervention_fields(), "from_week");
            if (auto v =
                    read_number(n["from_week"], path + ".from_week", sink_, f.min, f.max, true)) {
                order.emplace_back(static_cast<int>(*v), i);
            }
        }
        std::stable_sort(order.begin(), order.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        std::map<std::string, WorkerSpec> team;  // entries as they are at each step
        for (const auto& w : sc_.workers) team[w.id] = w;
        std::vector<Intervention> out;
        std::vector<std::pair<int, std::string>> campaign_ends;  // (week, id)
        auto ids_of = [&] {
            std::vector<std::string> ids;
            for (const auto& [id, w] : team) ids.push_back(id);
            return ids;
        };
        auto worker_hint = [&](const std::string& id) {
            return team.empty() ? std::string("no worker is working by then")
                                : suggestion(id, ids_of());
        };
        auto flush_campaign_ends = [&](int up_to_week) {
            for (auto it = campaign_ends.begin(); it != campaign_ends.end();) {
                if (it->first > up_to_week) {
                    ++it;
                    continue;
                }
                Intervention end;
                end.from_week = it->first;
                end.description = "end of campaign " + it->second;
                end.remove_workers.push_back(it->second);
                team.erase(it->second);
                out.push_back(std::move(end));
                it = campaign_ends.erase(it);
            }
        };
        for (const auto& [from_week, i] : order) {
            const int week = from_week;  // (a structured binding cannot be captured in C++20)
            flush_campaign_ends(week);
            const std::string path = "interventions[" + std::to_string(i) + "]";
            const YAML::Node& n = node[i];
            Intervention iv;
            iv.from_week = week;
            if (n["description"]) {
                if (auto v = read_string(n["description"], path + ".description", sink_))
                    iv.description = *v;
            }
            intervention_weeks_.push_back({week, n["from_week"], path + ".from_week"});
            if (const YAML::Node list = n["workers"]) {
                for_each_item(list, path + ".workers", "worker changes",
                              [&](const YAML::Node& c, const std::string& cp) {
                                  const YAML::Node idn = c.IsMap() ? c["id"] : YAML::Node();
                                  if (!idn || !idn.IsScalar() || team.count(idn.Scalar()) == 0) {
                                      if (idn && idn.IsScalar()) {
                                          sink_.add(idn, cp + ".id",
                                                    "unknown worker '" + idn.Scalar() + "'",
                                                    "the id of a worker working by week " +
                                                        std::to_string(week),
                                                    worker_hint(idn.Scalar()));
                                      } else {
                                          require(c, cp, "id");
                                      }
                                      return;
                                  }
                                  WorkerSpec spec = team[idn.Scalar()];
                                  spec.quick_scan.clear();
                                  if (!read_worker(c, cp, spec, true)) return;
                                  spec.keeps_allocation = !c["allocation"] && !c["quick_scan"];
                                  team[spec.id] = spec;
                                  worker_checks_.push_back({spec, c, cp});
                                  iv.change_workers.push_back(std::move(spec));
                              });
            }
            if (const YAML::Node list = n["add_workers"]) {
                for_each_item(
                    list, path + ".add_workers", "workers",
                    [&](const YAML::Node& c, const std::string& cp) {
                        WorkerSpec spec;
                        if (!read_worker(c, cp, spec, true) || spec.id.empty()) return;
                        if (team.count(spec.id) != 0 ||
                            std::any_of(sc_.workers.begin(), sc_.workers.end(),
                                        [&](const WorkerSpec& w) { return w.id == spec.id; })) {
                            sink_.add(c["id"], cp + ".id", "'" + spec.id + "' again",
                                      "a worker id not used before");
                            return;
                        }
                        team[spec.id] = spec;
                        worker_checks_.push_back({spec, c, cp});
                        iv.add_workers.push_back(std::move(spec));
                    });
            }
            if (const YAML::Node list = n["remove_workers"]) {
                for_each_item(
                    list, path + ".remove_workers", "worker ids",
                    [&](const YAML::Node& c, const std::string& cp) {
                        const auto id = read_string(c, cp, sink_);
                        if (!id) return;
                        if (team.erase(*id) == 0) {
                            sink_.add(c, cp, "unknown worker '" + *id + "'",
                                      "the id of a worker working by week " + std::to_string(week),
                                      worker_hint(*id));
                            return;
                        }
                        iv.remove_workers.push_back(*id);
                    });
            }
            if (const YAML::Node c = n["campaign"]) {
                if (auto spec = read_campaign(c, path + ".campaign")) {
                    if (team.count(spec->first.id) != 0) {
                        sink_.add(c, path + ".campaign.id", "'" + spec->first.id + "' again",
                                  "a worker id not used before (campaign.id)");
                    } else {
                        team[spec->first.id] = spec->first;
                        worker_checks_.push_back({spec->first, c, path + ".campaign"});
                        campaign_ends.emplace_back(week + spec->second, spec->first.id);
                        iv.add_workers.push_back(std::move(spec->first));
                    }
                }
            }
            out.push_back(std::move(iv));
        }
        flush_campaign_ends(std::numeric_limits<int>::max());
        std::stable_sort(out.begin(), out.end(), [](const Intervention& a, const Intervention& b) {
            return a.from_week < b.from_week;
        });
        sc_.interventions = std::move(out);
    }

    // Calls f(item, path) for every item of a list.
    template <typename F>
    void for_each_item(const YAML::Node& list, const std::string& path, const std::string& what,
                       F f) {
        if (!list.IsSequence()) {
            sink_.add(list, path, describe(list), "a list of " + what);
            return;
        }
        for (std::size_t k = 0; k < list.size(); ++k) {
            f(list[k], path + "[" + std::to_string(k) + "]");
        }
    }

    // An information campaign as a worker entry that only holds sessions, and its weeks.
    std::optional<std::pair<WorkerSpec, int>> read_campaign(const YAML::Node& c,
                                                            const std::string& path) {
        if (!c.IsMap()) {
            sink_.add(c, path, describe(c), "a map describing an information campaign");
            return std::nullopt;
        }
        check_keys(c, path,
                   {"hourly_cost_eur", "hours_per_week", "id", "locations", "slot", "weeks"},
                   sink_);
        require(c, path, "weeks");
        require(c, path, "hours_per_week");
        WorkerSpec w;
        w.id = "campagne";
        auto num = [&](const std::string& key) -> std::optional<double> {
            const auto& f = field(intervention_fields(), "campaign." + key);
            return c[key] ? read_number(c[key], path + "." + key, sink_, f.min, f.max,
                                        f.type == "whole number")
                          : std::nullopt;
        };
        if (c["id"]) {
            if (auto v = read_string(c["id"], path + ".id", sink_)) w.id = *v;
        }
        const auto weeks = num("weeks");
        const auto hours = num("hours_per_week");
        if (const auto cost = num("hourly_cost_eur")) w.hourly_cost_eur = *cost;
        int slot = static_cast<int>(SlotKind::weekdag_dag);
        if (c["slot"]) {
            const auto v = read_string(c["slot"], path + ".slot", sink_);
            const auto s = v ? parse_id<SlotKind>(*v) : std::nullopt;
            if (v && !s) {
                const std::vector<std::string> ids{EnumIds<SlotKind>::ids.begin(),
                                                   EnumIds<SlotKind>::ids.end()};
                sink_.add(c["slot"], path + ".slot", "'" + *v + "'", "a slot id",
                          suggestion(*v, ids));
            }
            if (s) slot = static_cast<int>(*s);
        }
        if (c["locations"]) {
            read_id_list(c["locations"], path + ".locations", "collective location ids",
                         w.session_locations);
        }
        if (!weeks || !hours) return std::nullopt;
        w.schedule_hours = {0.0, 0.0, 0.0};
        w.schedule_hours[static_cast<std::size_t>(slot)] = *hours;
        w.contract_hours_per_week = *hours;
        w.allocation = {0.0, 0.0, 0.0, 1.0, 0.0};
        w.models = {{"hulp", 1.0}};
        return std::make_pair(std::move(w), static_cast<int>(*weeks));
    }

    struct WorkerCheck {
        WorkerSpec spec;
        YAML::Node node;
        std::string path;
    };

    IssueSink sink_;
    IssueSink warnings_;  // advice, listed apart from errors: the scenario is valid
    Scenario& sc_;
    std::vector<WorkerCheck> worker_checks_;
    std::optional<YAML::Node> interventions_node_;
    struct WeekCheck {
        int week;
        YAML::Node node;
        std::string path;
    };
    std::vector<WeekCheck> intervention_weeks_;
    bool any_quick_scan_ = false;
    bool signal_sources_given_ = false;
    std::array<bool, kSignalSources> quick_scan_sources_{};
};

// Sections a buurt of a scenario with several buurten may give itself: everything about the
// buurt, nothing about the team.
std::vector<std::string> buurt_sections() {
    std::vector<std::string> s = param_children().at("");
    s.push_back("collective_locations");
    s.push_back("sweep");
    return s;
}

bool valid_buurt_id(const std::string& id) {
    if (id.empty() || id.size() > 64) return false;
    for (const char c : id) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok) return false;
    }
    return true;
}

// Issues of several parses of overlapping trees, each once.
class IssueSet {
  public:
    void add(ScenarioIssue issue) {
        const std::string key = issue.to_string();
        if (seen_.insert(key).second) issues_.push_back(std::move(issue));
    }
    std::vector<ScenarioIssue>& issues() { return issues_; }

  private:
    std::set<std::string> seen_;
    std::vector<ScenarioIssue> issues_;
};

// The first file of `chain` whose own tree holds `node` (the first, the child, when none does).
const ChainFile& owner_of(const std::vector<ChainFile>& chain, const YAML::Node& node) {
    for (const auto& f : chain) {
        if (tree_holds(f.root, node)) return f;
    }
    return chain.front();
}

// A buurt's `allocation`: method ids to shares summing to 1 (nullopt after reporting a problem).
std::optional<std::array<double, kMethods>> read_buurt_allocation(const YAML::Node& node,
                                                                  const std::string& path,
                                                                  IssueSink& sink) {
    if (!node.IsMap()) {
        sink.add(node, path, describe(node), "a map from method ids to shares");
        return std::nullopt;
    }
    const std::vector<std::string> ids{EnumIds<Method>::ids.begin(), EnumIds<Method>::ids.end()};
    const std::size_t before = sink.issues().size();
    check_keys(node, path, ids, sink);
    std::array<double, kMethods> out{};
    double sum = 0;
    for (const auto& [key, child] : map_entries(node, path, sink)) {
        const auto id = parse_id<Method>(key);
        if (!id) continue;
        if (auto v = read_number(child, join_path(path, key), sink, 0, 1)) {
            out[static_cast<std::size_t>(*id)] = *v;
            sum += *v;
        }
    }
    if (sink.issues().size() != before) return std::nullopt;
    if (std::abs(sum - 1.0) > 1e-6) {
        sink.add(node, path, "shares summing to " + format_number(sum), "shares summing to 1");
        return std::nullopt;
    }
    return out;
}

// The leaves of a section as dotted key paths ({value, source} maps are leaves; lists of items with
// an id are keyed by id, other lists are leaves).
void collect_leaves(const YAML::Node& n, const std::string& path,
                    std::map<std::string, std::pair<YAML::Node, std::size_t>>& out) {
    if (n.IsMap() && !n["value"]) {
        for (const auto& kv : n) collect_leaves(kv.second, path + "." + kv.first.Scalar(), out);
    } else if (n.IsSequence() && n.size() > 0 && n[0].IsMap() && n[0]["id"]) {
        for (const auto& el : n) {
            if (el.IsMap() && el["id"] && el["id"].IsScalar())
                collect_leaves(el, path + "[" + el["id"].Scalar() + "]", out);
        }
    } else {
        out.emplace(path, std::make_pair(n, std::size_t{0}));
    }
}

// Whether tree `n` (a map of sections) has the leaf at `path` (as collect_leaves writes it).
bool has_leaf(const YAML::Node& n, const std::string& path) {
    std::map<std::string, std::pair<YAML::Node, std::size_t>> leaves;
    if (!n.IsMap()) return false;
    for (const auto& kv : n) collect_leaves(kv.second, kv.first.Scalar(), leaves);
    return leaves.count(path) != 0;
}

// A scenario with several buurten (`buurten:`): every buurt is parsed as a one-buurt scenario,
// the tree of the scenario without `buurten`, with the sections of the buurt's `scenario:` file
// and then its own sections merged over it (as `extends:` merges). Issues name the file and
// position of the value they are about; issues of a buurt's own keys carry its key path.
// `path_file` is the scenario's path (for relative `scenario:` paths of the child file).
void parse_buurten(Scenario& sc, MergedScenario& merged, const std::string& path_file,
                   const std::string& label) {
    IssueSet issues, warnings;
    IssueSink sink(label);
    std::vector<std::pair<ScenarioIssue, std::size_t>> sub_issues, sub_warnings;  // (issue, buurt)
    std::vector<YAML::Node> trees;
    std::vector<std::size_t> item_of;  // buurt index in sc.buurten -> its item's index in the list
    // A key of a shared section that every buurt sets itself has no effect: a warning (a sweep
    // over it would change nothing).
    std::map<std::string, std::pair<YAML::Node, std::size_t>> shared_leaves;  // path -> (node, n)
    auto warn_overridden = [&](const YAML::Node& shared, const YAML::Node& from_file,
                               const YAML::Node& own, std::size_t k) {
        if (k == 0) {
            for (const auto& section : buurt_sections()) {
                if (const YAML::Node& sh = shared; sh[section])
                    collect_leaves(sh[section], section, shared_leaves);
            }
        }
        for (auto& [leaf, entry] : shared_leaves) {
            if (has_leaf(own, leaf) || has_leaf(from_file, leaf)) ++entry.second;
        }
    };
    const YAML::Node& merged_root = merged.root;  // const: lookups never add to shared maps
    const YAML::Node list = merged_root["buurten"];
    auto fail_now = [&] {
        for (const auto& i : sink.issues()) {
            ScenarioIssue fixed = i;
            fixed.file = file_of_issue(merged.chain, merged.root, i);
            issues.add(fixed);
        }
        throw ScenarioError(std::move(issues.issues()));
    };
    if (!list.IsSequence() || list.size() == 0) {
        sink.add(list, "buurten", describe(list), "a list of at least one buurt");
        fail_now();
    }
    YAML::Node base(YAML::NodeType::Map);
    for (const auto& kv : merged_root) {
        if (kv.first.Scalar() != "buurten") base.force_insert(kv.first, kv.second);
    }
    const std::vector<std::string> sections = buurt_sections();
    std::vector<std::string> item_keys = keys_of(buurt_fields());
    item_keys.insert(item_keys.end(), sections.begin(), sections.end());
    std::sort(item_keys.begin(), item_keys.end());
    std::set<std::string> ids;
    std::vector<const YAML::Node*> share_nodes;
    std::vector<YAML::Node> items;
    for (std::size_t k = 0; k < list.size(); ++k) {
        const YAML::Node item = list[k];
        items.push_back(item);
        const std::string path = "buurten[" + std::to_string(k) + "]";
        if (!item.IsMap()) {
            sink.add(item, path, describe(item),
                     "a buurt: a map with id, workforce_share and the buurt's sections");
            continue;
        }
        check_keys(item, path, item_keys, sink);
        BuurtPart part;
        if (!item["id"]) {
            sink.add(item, path + ".id", "no id", "an id for the buurt (e.g. waterlandpleinbuurt)");
        } else if (auto id = read_string(item["id"], path + ".id", sink)) {
            if (!valid_buurt_id(*id)) {
                sink.add(item["id"], path + ".id", "'" + *id + "'",
                         "an id of letters, digits, - and _ (at most 64)");
            } else if (!ids.insert(*id).second) {
                sink.add(item["id"], path + ".id", "'" + *id + "' again", "a unique buurt id");
            }
            part.id = *id;
        }
        part.name = part.id;
        if (item["name"]) {
            if (auto v = read_string(item["name"], path + ".name", sink)) part.name = *v;
        }
        const auto& share_spec = field(buurt_fields(), "workforce_share");
        if (item["workforce_share"]) {
            if (auto v = read_number(item["workforce_share"], path + ".workforce_share", sink,
                                     share_spec.min, share_spec.max)) {
                part.workforce_share = *v;
            }
        } else {
            part.workforce_share = std::numeric_limits<double>::quiet_NaN();  // checked below
        }
        const auto& min_spec = field(buurt_fields(), "min_hours_per_week");
        if (item["min_hours_per_week"]) {
            if (auto v = read_number(item["min_hours_per_week"], path + ".min_hours_per_week", sink,
                                     min_spec.min, min_spec.max)) {
                part.min_hours_per_week = *v;
            }
        }
        if (const YAML::Node a = item["allocation"])
            part.allocation = read_buurt_allocation(a, path + ".allocation", sink);
        // The buurt's tree: the scenario's, its file's sections, its own sections.
        std::vector<ChainFile> chain = merged.chain;
        YAML::Node from_file(YAML::NodeType::Map);
        if (const YAML::Node f = item["scenario"]) {
            const auto rel = read_string(f, path + ".scenario", sink);
            if (rel) {
                namespace fs = std::filesystem;
                const ChainFile& owner = owner_of(merged.chain, f);
                const std::string owner_path =
                    &owner == &merged.chain.front() ? path_file : owner.file;
                const fs::path p(*rel);
                const std::string file =
                    p.is_absolute()
                        ? p.string()
                        : (fs::path(owner_path).parent_path() / p).lexically_normal().string();
                std::error_code ec;
                if (!fs::is_regular_file(file, ec)) {
                    sink.add(f, path + ".scenario", "'" + *rel + "'", "an existing scenario file",
                             "no file " + file + " (relative to " + owner_path + ")");
                } else {
                    part.file = file;
                    const std::string text = read_file_limited(file);
                    YAML::Node root;
                    try {
                        root = YAML::Load(text);
                    } catch (const YAML::Exception& e) {
                        throw ScenarioError({ScenarioIssue{
                            file, e.mark.is_null() ? 0 : e.mark.line + 1,
                            e.mark.is_null() ? 0 : e.mark.column + 1, "",
                            "malformed YAML (" + e.msg + ")", "well-formed YAML", ""}});
                    }
                    MergedScenario m = resolve_extends(root, file, text);
                    const YAML::Node& file_root = m.root;
                    if (file_root.IsMap() && file_root["buurten"]) {
                        sink.add(f, path + ".scenario", "'" + *rel + "', itself several buurten",
                                 "a scenario file of one buurt");
                    } else if (m.root.IsMap()) {
                        for (const auto& kv : m.root) {
                            const std::string key = kv.first.Scalar();
                            if (std::find(sections.begin(), sections.end(), key) != sections.end())
                                from_file.force_insert(kv.first, kv.second);
                        }
                    }
                    chain.insert(chain.end(), m.chain.begin(), m.chain.end());
                }
            }
        }
        YAML::Node own(YAML::NodeType::Map);
        for (const auto& kv : item) {
            if (std::find(sections.begin(), sections.end(), kv.first.Scalar()) != sections.end())
                own.force_insert(kv.first, kv.second);
        }
        const YAML::Node tree = merge_trees(merge_trees(base, from_file), own);
        auto sub = std::make_shared<Scenario>();
        sub->file = sc.file;
        Parser parser(label, *sub);
        try {
            parser.parse(tree);
        } catch (const YAML::Exception& e) {
            parser.sink().add_at(e.mark, "", "unreadable YAML (" + e.msg + ")", "well-formed YAML");
        }
        // Each issue names its file; one about the buurt's own keys names the buurt's key path.
        auto place = [&](ScenarioIssue i) {
            i.file = file_of_issue(chain, tree, i);
            if (i.line > 0 && tree_has_position(own, i.line, i.column) &&
                std::any_of(merged.chain.begin(), merged.chain.end(),
                            [&](const ChainFile& c) { return c.file == i.file; }))
                i.key_path = path + "." + i.key_path;
            return i;
        };
        // Tagged with the buurt's index in sc.buurten (items that are not maps have none).
        const std::size_t b = sc.buurten.size();
        for (const auto& i : parser.sink().issues()) sub_issues.push_back({place(i), b});
        for (const auto& w : parser.warnings().issues()) sub_warnings.push_back({place(w), b});
        item_of.push_back(k);
        warn_overridden(base, from_file, own, k);
        if (part.allocation) {
            if (const std::string problem = allocation_problem(*sub, *part.allocation);
                !problem.empty())
                sink.add(item["allocation"], path + ".allocation", problem + " in this buurt",
                         "an allocation every worker can work by here");
        }
        trees.push_back(tree);  // kept until every issue is placed (they share nodes)
        part.scenario = std::move(sub);
        sc.buurten.push_back(std::move(part));
    }
    // An issue of a shared section that only some buurten have names them (e.g. a session
    // location one buurt lacks); one that every buurt has is reported once, as it is.
    auto annotate = [&](std::vector<std::pair<ScenarioIssue, std::size_t>>& found, IssueSet& into) {
        std::map<std::string, std::vector<std::size_t>> where;
        for (const auto& [i, k] : found) where[i.to_string()].push_back(k);
        for (auto& [i, k] : found) {
            const auto& in = where[i.to_string()];
            if (in.size() < sc.buurten.size() && i.key_path.rfind("buurten[", 0) != 0) {
                std::string names;
                for (std::size_t b : in) names += (names.empty() ? "" : ", ") + sc.buurten[b].id;
                i.hint += (i.hint.empty() ? "" : "; ") + std::string("in buurt") +
                          (in.size() > 1 ? "en " : " ") + names;
            }
            into.add(i);
        }
    };
    annotate(sub_issues, issues);
    annotate(sub_warnings, warnings);
    for (const auto& [leaf, entry] : shared_leaves) {
        if (entry.second == sc.buurten.size() && !sc.buurten.empty()) {
            ScenarioIssue w;
            const YAML::Mark m = entry.first.Mark();
            w.file = owner_of(merged.chain, entry.first).file;  // the node itself, not a path
            w.line = m.is_null() ? 0 : m.line + 1;
            w.column = m.is_null() ? 0 : m.column + 1;
            w.key_path = leaf;
            w.found = "a value every buurt replaces with its own";
            w.expected = "the key in the buurten that differ, or in none";
            w.hint = "it has no effect here; a sweep over it changes nothing";
            warnings.add(w);
        }
    }
    // The team's hours are divided over the buurten: a team from the start, or one that
    // interventions add later.
    bool team = false;
    for (const auto& b : sc.buurten) {
        if (!b.scenario) continue;
        team = team || !b.scenario->workers.empty();
        for (const auto& iv : b.scenario->interventions) team = team || !iv.add_workers.empty();
    }
    double shares = 0;
    bool all_given = true;
    for (std::size_t b = 0; b < sc.buurten.size(); ++b) {
        const double s = sc.buurten[b].workforce_share;
        if (std::isnan(s)) {
            all_given = false;
            if (team) {
                const std::size_t k = item_of[b];
                sink.add(items[k], "buurten[" + std::to_string(k) + "].workforce_share",
                         "no workforce_share",
                         "the share of every worker's hours spent in this buurt (shares sum to 1)");
            }
            sc.buurten[b].workforce_share = 0;
        } else {
            shares += s;
        }
    }
    if (team && all_given && std::abs(shares - 1.0) > 1e-6) {
        sink.add(list, "buurten", "workforce_share values summing to " + format_number(shares),
                 "shares summing to 1");
    }
    // The current split against the minimum staffing plans respect.
    IssueSink advice(label);
    if (team && !sc.buurten.empty() && sc.buurten.front().scenario) {
        double hours = 0;
        for (const auto& w : sc.buurten.front().scenario->workers)
            hours += w.contract_hours_per_week * w.count;
        for (std::size_t i = 0; i < sc.buurten.size(); ++i) {
            const BuurtPart& b = sc.buurten[i];
            const std::size_t k = item_of[i];
            const YAML::Node& item = items[k];  // const: no entries added to shared maps
            if (b.min_hours_per_week > b.workforce_share * hours + 1e-9) {
                advice.add(item["min_hours_per_week"] ? item["min_hours_per_week"] : item,
                           "buurten[" + std::to_string(k) + "].min_hours_per_week",
                           "a workforce_share of " + format_number(b.workforce_share) + " x " +
                               format_number(hours) +
                               " team hours = " + format_number(b.workforce_share * hours) +
                               " hours per week, below the minimum of " +
                               format_number(b.min_hours_per_week),
                           "a split that gives every buurt its minimum staffing",
                           "plan allocate respects the minimum; this split does not");
            }
        }
    }
    for (const auto& w : advice.issues()) {
        ScenarioIssue fixed = w;
        fixed.file = file_of_issue(merged.chain, merged.root, w);
        warnings.add(fixed);
    }
    for (const auto& i : sink.issues()) {
        ScenarioIssue fixed = i;
        fixed.file = file_of_issue(merged.chain, merged.root, i);
        issues.add(fixed);
    }
    if (!issues.issues().empty()) {
        // In reading order: by file (in order of first mention), line and column.
        auto& all = issues.issues();
        std::vector<std::string> files;
        for (const auto& i : all) {
            if (std::find(files.begin(), files.end(), i.file) == files.end())
                files.push_back(i.file);
        }
        auto rank = [&](const ScenarioIssue& i) {
            return std::make_tuple(std::find(files.begin(), files.end(), i.file) - files.begin(),
                                   i.line, i.column);
        };
        std::stable_sort(
            all.begin(), all.end(),
            [&](const ScenarioIssue& a, const ScenarioIssue& b) { return rank(a) < rank(b); });
        throw ScenarioError(std::move(all));
    }
    // The scenario as a whole: the team, seed, horizon, ... (identical in every buurt) and the
    // first buurt's sections.
    std::vector<BuurtPart> parts = std::move(sc.buurten);
    const std::string file = sc.file, verbatim = sc.verbatim;
    const std::vector<std::string> bases = sc.bases;
    sc = *parts.front().scenario;
    sc.file = file;
    sc.verbatim = verbatim;
    sc.bases = bases;
    sc.buurten = std::move(parts);
    sc.warnings = std::move(warnings.issues());
}

}  // namespace

std::string read_file_limited(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::exists(path, ec) && !std::filesystem::is_regular_file(path, ec)) {
        // A FIFO, device or folder: reading it could block or never end.
        throw ScenarioError({ScenarioIssue{path, 0, 0, "", "", "a regular file",
                                           "it is a folder, device or pipe"}});
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        ScenarioIssue issue{
            path, 0, 0, "", "", "a readable scenario file", "the file is missing or unreadable"};
        throw ScenarioError({issue});
    }
    std::string text;
    char buf[65536];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
        text.append(buf, static_cast<std::size_t>(in.gcount()));
        if (text.size() > kMaxScenarioBytes) {
            ScenarioIssue issue{path,
                                0,
                                0,
                                "",
                                "a file over " + std::to_string(kMaxScenarioBytes) + " bytes",
                                "a scenario file of at most 4 MiB",
                                ""};
            throw ScenarioError({issue});
        }
    }
    if (in.bad()) {
        throw ScenarioError(
            {ScenarioIssue{path, 0, 0, "", "", "a readable scenario file", "read error"}});
    }
    return text;
}

std::vector<BehaviourUse> behaviours_used_by(const WorkerSpec& w) {
    std::vector<BehaviourUse> used;
    for (const auto& [id, weight] : w.models) {
        if (weight > 0) used.push_back({"models", id});
    }
    for (const auto& id : w.factors) used.push_back({"factors", id});
    return used;
}

std::vector<BehaviourUse> behaviours_used(const Scenario& sc) {
    std::vector<BehaviourUse> used;
    std::set<std::string> seen;
    auto add = [&](const WorkerSpec& w) {
        for (auto& b : behaviours_used_by(w)) {
            if (seen.insert(b.group + "." + b.id).second) used.push_back(std::move(b));
        }
    };
    for (const auto& w : sc.workers) add(w);
    for (const auto& iv : sc.interventions) {
        for (const auto& w : iv.change_workers) add(w);
        for (const auto& w : iv.add_workers) add(w);
    }
    return used;
}

std::string_view id_of(Eligibility e) { return kEligibilityIds[static_cast<std::size_t>(e)]; }

namespace {

// The name from the file when none is given; every model and factor parameter resolved.
void finish_scenario(Scenario& sc, const std::string& file) {
    if (sc.name.empty()) {
        const auto slash = file.find_last_of('/');
        std::string base = slash == std::string::npos ? file : file.substr(slash + 1);
        sc.name = base.substr(0, base.find('.'));
    }
    for (const auto& info : builtin_models().all()) {
        sc.model_params[info.id] = resolve_model_params(info, sc.model_params[info.id]);
    }
    for (const auto& info : builtin_factors()) {
        ModelParams resolved;
        for (const auto& p : info.params) {
            const auto it = sc.factor_params[info.id].find(p.key);
            resolved[p.key] = it == sc.factor_params[info.id].end() ? p.default_value : it->second;
        }
        sc.factor_params[info.id] = resolved;
    }
}

}  // namespace

Scenario parse_scenario(const std::string& text, const std::string& file) {
    return parse_scenario(text, file, file);
}

Scenario parse_scenario(const std::string& text, const std::string& file,
                        const std::string& label) {
    if (text.size() > kMaxScenarioBytes) {
        throw ScenarioError({ScenarioIssue{label, 0, 0, "", "a text over 4 MiB",
                                           "a scenario of at most 4 MiB", ""}});
    }
    Scenario sc;
    sc.file = file;
    sc.verbatim = text;
    YAML::Node root;
    try {
        root = YAML::Load(text);
    } catch (const YAML::Exception& e) {
        ScenarioIssue issue{
            label, e.mark.is_null() ? 0 : e.mark.line + 1, e.mark.is_null() ? 0 : e.mark.column + 1,
            "",    "malformed YAML (" + e.msg + ")",       "well-formed YAML",
            ""};
        throw ScenarioError({issue});
    }
    MergedScenario merged = resolve_extends(root, file, text);
    merged.chain.front().file = label;  // messages name it as the caller does
    for (std::size_t i = 1; i < merged.chain.size(); ++i) sc.bases.push_back(merged.chain[i].file);
    if (const YAML::Node& r = merged.root; r.IsMap() && r["buurten"]) {
        parse_buurten(sc, merged, file, label);
        finish_scenario(sc, file);
        return sc;
    }
    Parser parser(label, sc);
    try {
        parser.parse(merged.root);
    } catch (const YAML::Exception& e) {  // defensive: yaml-cpp may throw on odd nodes
        parser.sink().add_at(e.mark, "", "unreadable YAML (" + e.msg + ")", "well-formed YAML");
    }
    if (!parser.sink().empty() && merged.chain.size() > 1) {
        // Each issue names the file its value came from.
        std::vector<ScenarioIssue> issues = parser.sink().issues();
        for (auto& issue : issues) issue.file = file_of_issue(merged.chain, merged.root, issue);
        throw ScenarioError(std::move(issues));
    }
    parser.sink().throw_if_any();
    sc.warnings = parser.warnings().issues();
    if (merged.chain.size() > 1) {
        for (auto& w : sc.warnings) w.file = file_of_issue(merged.chain, merged.root, w);
    }
    finish_scenario(sc, file);
    return sc;
}

Scenario load_scenario(const std::string& path) {
    return parse_scenario(read_file_limited(path), path);
}

namespace {

// The shortest text that reads back as exactly `value` (0.15, not 0.14999999999999999).
std::string exact_number(double value) {
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, value);
    return std::string(buf, res.ptr);
}

// Emits nested maps for dotted parameter paths in table order.
void emit_params(YAML::Emitter& out, const Scenario& sc) {
    std::vector<std::string> open;  // currently open map path components
    for (const auto& spec : parameter_specs()) {
        std::vector<std::string> parts;
        std::stringstream ss(spec.path);
        for (std::string part; std::getline(ss, part, '.');) parts.push_back(part);
        std::size_t common = 0;
        while (common < open.size() && common + 1 < parts.size() && open[common] == parts[common])
            ++common;
        while (open.size() > common) {
            out << YAML::EndMap;
            open.pop_back();
        }
        for (std::size_t i = common; i + 1 < parts.size(); ++i) {
            out << YAML::Key << parts[i] << YAML::Value << YAML::BeginMap;
            open.push_back(parts[i]);
        }
        const auto given = sc.sources.find(spec.path);
        const std::string source =
            given != sc.sources.end() ? given->second : "default; " + spec.source;
        // {value, source}: reading this back keeps every source, so the resolved scenario is a
        // fixed point of load -> resolve.
        out << YAML::Key << parts.back() << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key
            << "value" << YAML::Value;
        if (spec.is_integer()) {
            out << static_cast<long long>(spec.get(sc.params));
        } else {
            out << YAML::Node(exact_number(spec.get(sc.params)));
        }
        out << YAML::Key << "source" << YAML::Value << source << YAML::EndMap;
        out << YAML::Comment(spec.unit);
        if (spec.path == "signals.reopen_after_days") {
            out << YAML::Key << "sources" << YAML::Value << YAML::Flow << YAML::BeginSeq;
            for (int s = 0; s < kSignalSources; ++s) {
                if (sc.signal_sources[s]) out << std::string(id_of(static_cast<SignalSource>(s)));
            }
            out << YAML::EndSeq;
        }
    }
    while (!open.empty()) {
        out << YAML::EndMap;
        open.pop_back();
    }
}

// The sections that describe the buurt: parameters, collective locations, the sweep.
void emit_buurt_sections(YAML::Emitter& out, const Scenario& sc) {
    emit_params(out, sc);
    out << YAML::Key << "collective_locations" << YAML::Value << YAML::BeginSeq;
    for (const auto& loc : sc.locations) {
        out << YAML::Flow << YAML::BeginMap << YAML::Key << "id" << YAML::Value << loc.id
            << YAML::Key << "eligible" << YAML::Value << std::string(id_of(loc.eligible))
            << YAML::Key << "membership" << YAML::Value << YAML::Node(exact_number(loc.membership))
            << YAML::Key << "source" << YAML::Value << loc.source << YAML::EndMap;
    }
    out << YAML::EndSeq;
    out << YAML::Key << "sweep" << YAML::Value << YAML::BeginMap << YAML::Key << "call_backs"
        << YAML::Value << sc.sweep.call_backs << YAML::Key << "streets" << YAML::Value << YAML::Flow
        << sc.sweep.streets << YAML::EndMap;
}

// One worker entry with every key (so that it reads back to the same settings); an intervention's
// change that keeps the entry's allocation leaves it out (re-read, it keeps it again).
void emit_worker(YAML::Emitter& out, const WorkerSpec& w, bool omit_allocation = false) {
    out << YAML::BeginMap;
    out << YAML::Key << "id" << YAML::Value << w.id << YAML::Key << "count" << YAML::Value
        << w.count;
    out << YAML::Key << "contract_hours_per_week" << YAML::Value
        << YAML::Node(exact_number(w.contract_hours_per_week));
    out << YAML::Key << "hourly_cost_eur" << YAML::Value
        << YAML::Node(exact_number(w.hourly_cost_eur));
    out << YAML::Key << "schedule" << YAML::Value << YAML::Flow << YAML::BeginMap;
    for (int s = 0; s < kSlotKinds; ++s) {
        out << YAML::Key << std::string(id_of(static_cast<SlotKind>(s))) << YAML::Value
            << YAML::Node(exact_number(w.schedule_hours[s]));
    }
    out << YAML::EndMap;
    if (!omit_allocation) {
        out << YAML::Key << "allocation" << YAML::Value << YAML::Flow << YAML::BeginMap;
        for (int m = 0; m < kMethods; ++m) {
            out << YAML::Key << std::string(id_of(static_cast<Method>(m))) << YAML::Value
                << YAML::Node(exact_number(w.allocation[m]));
        }
        out << YAML::EndMap;
    }
    out << YAML::Key << "protocol" << YAML::Value << YAML::Flow << YAML::BeginMap;
    out << YAML::Key << "letter" << YAML::Value << w.protocol.letter << YAML::Key << "phone"
        << YAML::Value << w.protocol.phone << YAML::Key << "max_visits" << YAML::Value
        << w.protocol.max_visits << YAML::Key << "vary_times" << YAML::Value
        << w.protocol.vary_times << YAML::Key << "duo" << YAML::Value << w.protocol.duo
        << YAML::EndMap;
    out << YAML::Key << "caseload_cap" << YAML::Value << w.caseload_cap;
    out << YAML::Key << "client_hours_cap" << YAML::Value
        << YAML::Node(exact_number(w.client_hours_cap));
    out << YAML::Key << "models" << YAML::Value << YAML::Flow << w.models;
    out << YAML::Key << "factors" << YAML::Value << YAML::Flow << w.factors;
    if (!w.session_locations.empty()) {
        out << YAML::Key << "session_locations" << YAML::Value << YAML::Flow << w.session_locations;
    }
    out << YAML::EndMap;
}

// Parameters of models or factors as {value, source} with their unit, like scenario parameters.
template <typename SpecsOf>
void emit_behaviour_params(YAML::Emitter& out, const Scenario& sc, const std::string& group,
                           const std::map<std::string, ModelParams>& values, SpecsOf specs_of) {
    out << YAML::Key << group << YAML::Value << YAML::BeginMap;
    for (const auto& [id, params] : values) {
        out << YAML::Key << id << YAML::Value << YAML::BeginMap;
        for (const ModelParamSpec& spec : *specs_of(id)) {
            const std::string path = group + "." + id + "." + spec.key;
            const auto given = sc.sources.find(path);
            out << YAML::Key << spec.key << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key
                << "value" << YAML::Value << YAML::Node(exact_number(params.at(spec.key)))
                << YAML::Key << "source" << YAML::Value
                << (given != sc.sources.end() ? given->second : "default; " + spec.source)
                << YAML::EndMap << YAML::Comment(spec.unit);
        }
        out << YAML::EndMap;
    }
    out << YAML::EndMap;
}

}  // namespace

std::string resolved_yaml(const Scenario& sc) {
    YAML::Emitter out;
    out.SetDoublePrecision(17);
    out << YAML::BeginMap;
    out << YAML::Key << "schema_version" << YAML::Value << kSchemaVersion;
    out << YAML::Key << "name" << YAML::Value << sc.name;
    out << YAML::Key << "description" << YAML::Value << sc.description;
    out << YAML::Key << "seed" << YAML::Value << sc.seed;
    out << YAML::Key << "horizon_days" << YAML::Value << sc.horizon_days;
    out << YAML::Key << "start_weekday" << YAML::Value
        << std::string(kWeekdayIds[sc.start_weekday]);
    if (sc.buurten.empty()) emit_buurt_sections(out, sc);
    out << YAML::Key << "workers" << YAML::Value << YAML::BeginSeq;
    for (const auto& w : sc.workers) emit_worker(out, w);
    out << YAML::EndSeq;
    if (!sc.interventions.empty()) {
        out << YAML::Key << "interventions" << YAML::Value << YAML::BeginSeq;
        for (const auto& iv : sc.interventions) {
            out << YAML::BeginMap << YAML::Key << "from_week" << YAML::Value << iv.from_week;
            if (!iv.description.empty())
                out << YAML::Key << "description" << YAML::Value << iv.description;
            if (!iv.change_workers.empty()) {
                out << YAML::Key << "workers" << YAML::Value << YAML::BeginSeq;
                for (const auto& w : iv.change_workers) emit_worker(out, w, w.keeps_allocation);
                out << YAML::EndSeq;
            }
            if (!iv.add_workers.empty()) {
                out << YAML::Key << "add_workers" << YAML::Value << YAML::BeginSeq;
                for (const auto& w : iv.add_workers) emit_worker(out, w);
                out << YAML::EndSeq;
            }
            if (!iv.remove_workers.empty()) {
                out << YAML::Key << "remove_workers" << YAML::Value << YAML::Flow
                    << iv.remove_workers;
            }
            out << YAML::EndMap;
        }
        out << YAML::EndSeq;
    }
    emit_behaviour_params(out, sc, "models", sc.model_params,
                          [](const std::string& id) { return &builtin_models().find(id)->params; });
    emit_behaviour_params(out, sc, "factors", sc.factor_params,
                          [](const std::string& id) { return &find_factor(id)->params; });
    if (!sc.buurten.empty()) {
        out << YAML::Key << "buurten" << YAML::Value << YAML::BeginSeq;
        for (const auto& b : sc.buurten) {
            out << YAML::BeginMap << YAML::Key << "id" << YAML::Value << b.id << YAML::Key << "name"
                << YAML::Value << b.name << YAML::Key << "workforce_share" << YAML::Value
                << YAML::Node(exact_number(b.workforce_share)) << YAML::Key << "min_hours_per_week"
                << YAML::Value << YAML::Node(exact_number(b.min_hours_per_week));
            if (b.allocation) {
                out << YAML::Key << "allocation" << YAML::Value << YAML::Flow << YAML::BeginMap;
                for (int m = 0; m < kMethods; ++m) {
                    out << YAML::Key << std::string(id_of(static_cast<Method>(m))) << YAML::Value
                        << YAML::Node(exact_number((*b.allocation)[m]));
                }
                out << YAML::EndMap;
            }
            emit_buurt_sections(out, *b.scenario);
            out << YAML::EndMap;
        }
        out << YAML::EndSeq;
    }
    out << YAML::EndMap;
    std::string text = std::string(out.c_str()) + "\n";
    // How quick scans set workers, as comments above the workers (provenance; not re-read).
    std::string notes;
    for (std::size_t i = 0; i < sc.workers.size(); ++i) {
        for (const auto& line : sc.workers[i].quick_scan) {
            notes += "# workers[" + std::to_string(i) + "] (" + sc.workers[i].id +
                     ") quick scan: " + line + "\n";
        }
    }
    if (const auto at = text.find("\nworkers:"); !notes.empty() && at != std::string::npos) {
        text.insert(at + 1, notes);
    }
    return text;
}

namespace {
void field_table(std::ostringstream& md, const std::vector<FieldSpec>& fields) {
    md << "| key | type | default | range | unit | meaning | source "
          "|\n|---|---|---|---|---|---|---|\n";
    for (const auto& f : fields) {
        const bool numeric = f.type == "number" || f.type == "whole number";
        md << "| `" << f.key << "` | " << f.type << " | " << markdown_cell(f.default_text) << " | "
           << (numeric ? markdown_number(f.min) + " to " + markdown_number(f.max) : "") << " | "
           << f.unit << " | " << markdown_cell(f.description) << " | " << markdown_cell(f.source)
           << " |\n";
    }
}
}  // namespace

std::string scenario_reference_markdown() {
    std::ostringstream md;
    md << "# Scenario reference\n\n"
          "Generated by `buurtbereik reference` from the tables the loader uses "
          "(sim/scenario/parameters.cpp, "
          "sim/scenario/scenario.cpp, models/*.cpp); a test checks that this file is up to date. "
          "Sources are ids in [evidence.md](evidence.md); `A` marks an assumption: a what-if "
          "lever, not a "
          "finding.\n\n"
          "Any parameter may be written as a plain value (`share_minimum_income: 0.3`) or with its "
          "source "
          "(`share_minimum_income: {value: 0.3, source: \"P4: AT5 2023\"}`); the source is kept in "
          "the "
          "run's provenance. Unknown keys, wrong types and out-of-range values are errors.\n\n"
          "## Top level\n\n";
    field_table(md, top_fields());
    md << "\n## Model parameters\n\n| key | type | default | range | unit | meaning | source |\n"
          "|---|---|---|---|---|---|---|\n";
    for (const auto& s : parameter_specs()) {
        md << "| `" << s.path << "` | " << (s.is_integer() ? "whole number" : "number") << " | "
           << markdown_number(s.default_value) << " | " << markdown_number(s.min) << " to "
           << markdown_number(s.max) << " | " << s.unit << " | " << markdown_cell(s.description)
           << " | " << markdown_cell(s.source) << " |\n";
    }
    md << "| `signals.sources` | list | all | ";
    for (int s = 0; s < kSignalSources; ++s)
        md << (s ? ", " : "") << id_of(static_cast<SignalSource>(s));
    md << " | | Signal sources that feed the team's queue. | DESIGN.md 3 |\n";
    md << "\n## `workers[]`\n\n";
    field_table(md, worker_fields());
    md << "\n## `interventions[]`\n\nChanges of the team from a given week on, applied in "
          "`from_week` order (several in one week in file order). Each gives any of the keys "
          "below; worker changes, added workers and campaigns are checked like `workers[]`.\n\n";
    field_table(md, intervention_fields());
    md << "\n## `buurten[]`\n\nA scenario with several buurten lists them here. Each buurt runs "
          "as a one-buurt scenario: the scenario's keys (team, seed, horizon, interventions, "
          "models, factors and any buurt section given at the top level, which every buurt "
          "shares), then the buurt sections of its `scenario:` file, then the buurt sections it "
          "gives itself (any parameter section such as `buurt`, `needs`, `signals`, and "
          "`collective_locations` and `sweep`), merged as `extends:` merges. Each buurt has a "
          "seed of its own derived from the scenario's seed and its id; the results of the "
          "buurten add up.\n\n";
    field_table(md, buurt_fields());
    md << "\n## `collective_locations[]`\n\n";
    field_table(md, location_fields());
    md << "\n## `sweep`\n\n";
    field_table(md, sweep_fields());
    md << "\n## `models` and `factors`\n\nParameters of the outreach models, as `models: {<id>: "
          "{<key>: value}}`, and of the effective factors, as `factors: {<id>: {<key>: value}}`, "
          "each a number or `{value, source}`: every key, default, range, unit and source is in "
          "[models.md](models.md) (`buurtbereik models`). Models: ";
    for (const auto& id : builtin_models().ids()) {
        md << (id == builtin_models().ids().front() ? "" : ", ") << "`" << id << "`";
    }
    md << ". Factors: ";
    for (const auto& f : builtin_factors()) {
        md << (&f == &builtin_factors().front() ? "" : ", ") << "`" << f.id << "`";
    }
    md << ".\n";
    return md.str();
}

}  // namespace bb
