// A study: several variants of a scenario (alternatives, or points of a parameter sweep), each
// run for many replications. The StudySpec says what to run and when to stop; it comes from a
// study file (load_study), or from scenario files named on the command line
// (study_from_scenarios). Common random numbers: with them, every variant runs on the base's seed,
// so variants share households, needs and signal histories wherever their parameters agree.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace bb {

// Stop once the 95% interval of `outcome`'s mean is at most `half_width` wide on either side, for
// every variant.
struct PrecisionTarget {
    std::string outcome;  // an id of outcome_specs()
    double half_width = 0;
    std::string to_string() const;  // "outcome:half_width", the form parse_precision_target reads
};

// Parses "helped_share.zorgmijder:0.02". Throws std::invalid_argument with a message naming the
// problem (unknown outcome, with a suggestion; a missing or non-positive half-width).
PrecisionTarget parse_precision_target(const std::string& text);

struct Variant {
    std::string name;    // unique in the study; a group name in the study file
    std::string origin;  // where it came from: a scenario file, or the base plus sweep settings
    Scenario scenario;   // as run (its seed is the one used)
};

inline constexpr std::uint32_t kDefaultReplications = 100;
inline constexpr std::uint32_t kDefaultMinReplications = 10;
// Replications per round when `until` is set: stopping is decided on whole rounds only, so the
// decision (and the result) never depends on thread count or timing.
inline constexpr std::uint32_t kPrecisionRound = 10;
// A sweep's grid (the product of its axes' numbers of values) may have at most this many points.
inline constexpr std::size_t kMaxSweepVariants = 1000;

struct StudySpec {
    std::string name;
    std::string description;
    std::string file;      // the study file, or "<command line>"
    std::string verbatim;  // the study file's text, or its equivalent for a command-line study
    std::vector<Variant> variants;  // variants[0] is the base of every comparison
    std::uint32_t max_replications = kDefaultReplications;
    std::uint32_t min_replications = kDefaultMinReplications;  // before `until` may stop
    std::vector<PrecisionTarget> until;
    bool common_random_numbers = true;

    // Days simulated by every variant (they must agree).
    int days() const;
    // Replications per round: all of them without `until`, else kPrecisionRound.
    std::uint32_t round_size() const;
    // A digest of everything that determines the results (resolved scenarios, seeds, stopping
    // rule, engine revision); a study file is resumed only under the same fingerprint.
    std::string fingerprint() const;
};

// Loads a study file (YAML; see docs/studies.md). Paths in it are relative to the study file.
// Throws ScenarioError with every problem found, in the study file or in its scenarios.
StudySpec load_study(const std::string& path);

struct CommandLineStudy {
    std::vector<std::string> scenarios;  // the first is the base
    std::uint32_t replications = kDefaultReplications;
    std::uint32_t min_replications = kDefaultMinReplications;
    std::vector<std::string> until;
    bool common_random_numbers = true;
};

// A study of the named scenario files. Throws ScenarioError for bad files, std::invalid_argument
// for bad options.
StudySpec study_from_scenarios(const CommandLineStudy& cl);
// The same for scenarios already loaded (`cl.scenarios` is not used); their `file` stands in for
// the path.
StudySpec study_of(std::vector<Scenario> scenarios, const CommandLineStudy& cl);

// The scenario with changes to its file: each (dotted key, value as YAML text) is set as a sweep
// sets it (docs/studies.md: lists by position or element id; `{value, source}` entries keep their
// form with `source` as their source), then the text is parsed strictly. Throws ScenarioError.
Scenario scenario_with_changes(const Scenario& base,
                               const std::vector<std::pair<std::string, std::string>>& changes,
                               const std::string& source);

// The seed variant `index` runs on: the base's seed with common random numbers, else a seed
// derived from the base seed and the index (SplitMix64), so that variants are independent.
std::uint64_t variant_seed(std::uint64_t base_seed, int index, bool common_random_numbers);

}  // namespace bb
