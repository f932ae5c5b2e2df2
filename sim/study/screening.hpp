// One-at-a-time (OAT) screening of a scenario's assumptions: which parameters that are still at
// an assumption default ("A: ...") move a result most? Each such parameter is run at its default
// x (1 - delta) and x (1 + delta), clamped to its range, on common random numbers with the
// scenario as given; the swing |mean(high) - mean(low)| of one outcome ranks them, and a swing of
// at least `threshold` times the base mean flags the assumption as dominant. Shown by
// `buurtbereik validate --screen` (docs/studies.md, "Screening assumptions").
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"
#include "sim/study/executor.hpp"
#include "sim/study/runner.hpp"
#include "sim/study/statistics.hpp"

namespace bb {

// Design choices of the screening: assumptions of the screening, not of the model.
// The relative step: every candidate runs at default x (1 - delta) and default x (1 + delta). Half
// the default either way is a wide what-if range, not an evidence range.
inline constexpr double kScreeningDelta = 0.5;
// A parameter dominates an outcome when its swing is at least this share of the base mean (its
// range moves the result by a quarter or more).
inline constexpr double kScreeningThreshold = 0.25;
// Replications of the base and of every variant (paired on common random numbers): enough for a
// ranking of large effects, not for small ones.
inline constexpr std::uint32_t kScreeningReplications = 10;
// The outcome screened unless another is asked for.
inline constexpr const char* kScreeningOutcome = "helped.totaal";

struct ScreeningOptions {
    std::string outcome = kScreeningOutcome;              // an id of outcome_specs()
    double delta = kScreeningDelta;                       // in (0, 1]
    double threshold = kScreeningThreshold;               // > 0
    std::uint32_t replications = kScreeningReplications;  // >= 2
    // Screen only these candidates (paths); empty: every candidate.
    std::vector<std::string> only;
};

// Throws std::invalid_argument naming the problem: an unknown outcome (with a suggestion), or a
// delta, threshold or replication count out of range.
void check_screening_options(const ScreeningOptions& opt);

// An assumption the scenario leaves at its default.
struct ScreeningCandidate {
    std::string path;  // scenario key: "contact.engage_trust", "models.presentie.trust_gain", ...
    double value = 0;  // the default (what the scenario runs with)
    double min = 0;
    double max = 0;
    bool integer = false;
    std::string unit;
    std::string source;  // the assumption tag, "A: ..."
};

// The candidates, in this order: every scalar parameter (parameter_specs()) whose source is an
// assumption and that the file (with the files it extends) does not set; then the parameters of
// the models and effective factors the team uses at some time (behaviours_used), whose source is
// an assumption and that the file does not set.
std::vector<ScreeningCandidate> screening_candidates(const Scenario& sc);

// One screened candidate.
struct ScreenedParameter {
    ScreeningCandidate candidate;
    double low = 0;                   // values run, low < high: the default x (1 -+ delta),
    double high = 0;                  // clamped to the range, whole for whole-number ones
    Estimate at_low;                  // the outcome at `low`
    Estimate at_high;                 // the outcome at `high`
    Estimate difference;              // paired, high minus low, per replication
    double swing = kStatNaN;          // |mean(high) - mean(low)|
    double share_of_base = kStatNaN;  // swing / |mean(base)|; +inf if the base mean is 0
    bool dominant = false;            // share_of_base >= threshold
};

// A candidate that was not screened, and why (an empty range, or a value the scenario rejects).
struct SkippedCandidate {
    ScreeningCandidate candidate;
    std::string reason;
};

struct ScreeningResult {
    std::string scenario;  // its name
    ScreeningOptions options;
    Estimate base;                          // the outcome of the scenario as given
    std::vector<ScreenedParameter> ranked;  // by swing, largest first (ties: candidate order)
    std::vector<SkippedCandidate> skipped;  // in candidate order
    std::size_t variants = 0;               // scenarios run: the base and two per screened one
    double wall_seconds = 0;                // not part of the results
    std::string executor;                   // e.g. "2 threads"; not part of the results
};

// Screens the scenario's assumptions on `executor` (results do not depend on it: the same bits
// for any thread count). Writes no file. `progress` (may be empty) is called from the calling
// thread as replications finish. Throws std::invalid_argument for bad options.
ScreeningResult screen_assumptions(const Scenario& sc, const ScreeningOptions& opt,
                                   Executor& executor,
                                   const std::function<void(const Progress&)>& progress = {});

// The terminal table: the `rows` candidates with the largest swing (0: all), with counts.
std::string format_screening(const ScreeningResult& r, std::size_t rows);
// One line per dominant assumption, in rank order: "warning: assumption <path> (default <v>,
// <source>) dominates <outcome>: its range <lo>..<hi> moves the mean from X to Y (Z% of the
// base)", followed by a note when the paired interval of high-low includes 0 (maybe noise).
std::vector<std::string> screening_warnings(const ScreeningResult& r);

}  // namespace bb
