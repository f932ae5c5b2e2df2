// A scenario: one buurt, its workers and every model parameter, loaded from a YAML file with strict
// validation (parse -> validate -> build). Every error names file, line, column, key path, the
// value found and what was expected; all errors of a file are reported together.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "models/factors.hpp"
#include "models/outreach_model.hpp"
#include "sim/core/errors.hpp"
#include "sim/core/ids.hpp"
#include "sim/scenario/parameters.hpp"

namespace bb {

inline constexpr int kSchemaVersion = 1;
inline constexpr std::size_t kMaxScenarioBytes = 4u << 20;  // 4 MiB: far above any real scenario
inline constexpr int kMaxLocations = 16;

struct Protocol {
    bool letter = true;
    bool phone = true;
    int max_visits = 3;
    bool vary_times = true;
    bool duo = true;
};

// One worker as written in the scenario (a `count` > 1 makes identical workers id-1, id-2, ...).
struct WorkerSpec {
    std::string id;
    int count = 1;
    double contract_hours_per_week = 36.0;
    double hourly_cost_eur = 75.0;
    std::array<double, kSlotKinds> schedule_hours{24.0, 3.0, 0.0};
    std::array<double, kMethods> allocation{0.6, 0.2, 0.1, 0.1, 0.0};
    Protocol protocol;
    int caseload_cap = 25;
    double client_hours_cap = 20.0;
    std::map<std::string, double> models{{"hulp", 1.0}};
    std::vector<std::string> factors;            // effective factors (models/factors.hpp), by id
    std::vector<std::string> session_locations;  // where sessions are held; empty: everywhere
    // How a quick scan set this worker ("answer -> settings" lines); empty without one.
    std::vector<std::string> quick_scan;
    // An intervention's change of this entry that gives no allocation of its own: the entry keeps
    // the allocation it has by then (which a buurt's or a plan's allocation may have replaced).
    bool keeps_allocation = false;
};

// Who can be a member of a collective location.
enum class Eligibility : std::uint8_t {
    alle,
    met_kinderen,
    minimum_inkomen,
    migratieachtergrond,
    senior
};

struct CollectiveLocation {
    std::string id;
    Eligibility eligible = Eligibility::alle;
    double membership = 0.1;  // share of eligible households that are members
    std::string source;
};

struct Sweep {
    int call_backs = 2;
    std::vector<int> streets;  // street indices to sweep; empty: all streets
};

// Every signal source feeds the team (the default of signals.sources).
constexpr std::array<bool, kSignalSources> all_sources() {
    std::array<bool, kSignalSources> all{};
    for (auto& s : all) s = true;
    return all;
}

// A change of the team from a given week on (interventions layer like policies in practice):
// new settings for worker entries, new entries, entries that stop. An information campaign in
// the file becomes an added entry and its removal at the campaign's end.
struct Intervention {
    int from_week = 1;  // applies at the start of day 7 * from_week
    std::string description;
    std::vector<WorkerSpec> change_workers;   // complete new settings of existing entries, by id
    std::vector<WorkerSpec> add_workers;      // new entries
    std::vector<std::string> remove_workers;  // entries whose workers stop
};

struct Scenario;

// One buurt of a scenario with several buurten (`buurten:`): its own households, needs, signals
// and locations, and a share of every worker's hours. A buurt runs as a scenario of its own
// (buurt_scenario() in sim/scenario/buurten.hpp); the results of the buurten add up.
struct BuurtPart {
    std::string id;
    std::string name;
    std::string file;               // the scenario file its buurt sections came from, if any
    double workforce_share = 0;     // share of every worker's hours spent in this buurt
    double min_hours_per_week = 0;  // minimum staffing (worker hours per week) plans respect
    // The team's method allocation in this buurt, replacing every worker's own at the start (a
    // plan's choice per buurt); none: the workers' own.
    std::optional<std::array<double, kMethods>> allocation;
    // The buurt as a one-buurt scenario with the whole team at full hours (not yet scaled to the
    // share) and the scenario's seed (not yet the buurt's own).
    std::shared_ptr<const Scenario> scenario;
};

struct Scenario {
    std::string file;                // where it was read from ("<text>" when parsed from a string)
    std::string verbatim;            // the file's text as read
    std::vector<std::string> bases;  // files it extends: its base, the base's base, ...
    std::string name;
    std::string description;
    std::uint64_t seed = 1;
    int horizon_days = 365;
    int start_weekday = 0;  // 0 = maandag
    Parameters params;
    std::map<std::string, std::string> sources;  // parameter path -> source given in the file
    std::array<bool, kSignalSources> signal_sources = all_sources();
    std::vector<CollectiveLocation> locations;
    Sweep sweep;
    std::vector<WorkerSpec> workers;
    std::vector<Intervention> interventions;           // in from_week order
    std::map<std::string, ModelParams> model_params;   // resolved, for every registered model
    std::map<std::string, ModelParams> factor_params;  // resolved, for every effective factor
    // Advice about a valid scenario (figures without a source, assumption levers left at their
    // defaults), listed apart from errors by `buurtbereik validate` and `run`.
    std::vector<ScenarioIssue> warnings;
    // Several buurten (empty for a one-buurt scenario). When set, the buurt-level sections above
    // (params, locations, sweep) are the first buurt's and are not run: each buurt runs with its
    // own (see sim/scenario/buurten.hpp).
    std::vector<BuurtPart> buurten;
};

// A model (weight above 0) or an effective factor that a worker uses.
struct BehaviourUse {
    std::string group;  // "models" or "factors": the top-level key of its parameters
    std::string id;
};

// The models and factors worker `w` uses: models first, then factors, each in the worker's order.
// The one meaning of "used" shared by the scenario's warnings and the screening of assumptions
// (sim/study/screening.hpp).
std::vector<BehaviourUse> behaviours_used_by(const WorkerSpec& w);
// Those of every worker the scenario has at some time (its team, and the workers interventions
// change or add), each once, in order of first use.
std::vector<BehaviourUse> behaviours_used(const Scenario& sc);

// Loads and validates a scenario file. Throws ScenarioError (with every issue) on bad input,
// including a missing or unreadable file or one larger than kMaxScenarioBytes.
Scenario load_scenario(const std::string& path);

// Reads a scenario (or study) file, refusing one over kMaxScenarioBytes; throws ScenarioError
// naming the file when it is missing, unreadable or too large.
std::string read_file_limited(const std::string& path);

// Parses scenario text; `file` is used in messages only.
Scenario parse_scenario(const std::string& text, const std::string& file);
// The same, with `file` only used to resolve a relative `extends:` and `label` naming the text in
// messages (e.g. a changed copy of a file).
Scenario parse_scenario(const std::string& text, const std::string& file, const std::string& label);

// The fully resolved scenario as YAML that parse_scenario accepts again; every parameter is
// listed with its unit and source as a comment.
std::string resolved_yaml(const Scenario& scenario);

// Markdown reference of every key a scenario may hold (docs/scenario-reference.md).
std::string scenario_reference_markdown();

std::string_view id_of(Eligibility e);

}  // namespace bb
