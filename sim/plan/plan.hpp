// Planning worker hours (docs/planning.md). `plan hours`: the fewest team hours per week that meet
// a target with a stated confidence, by bisection on a response curve measured with common random
// numbers; optionally with the method allocation searched too. `plan allocate`: the split of a
// fixed workforce over the buurten of a scenario with several buurten that maximises an
// objective, by exact dynamic programming over each buurt's measured response; never worse than
// the equal split on the same random numbers.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/ids.hpp"
#include "sim/plan/target.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/study/executor.hpp"
#include "sim/study/statistics.hpp"

namespace bb {

// Hours of one full-time equivalent: the full-time week of the CAO Sociaal Werk (36 hours).
inline constexpr double kHoursPerFte = 36.0;

// One scenario run for the plan's replications (replication r uses the same random numbers in
// every candidate: common random numbers).
struct Candidate {
    std::string name;                           // unique, e.g. "uren-108"
    Scenario scenario;                          // as run
    double hours_per_week = 0;                  // team hours per week
    std::vector<std::vector<double>> outcomes;  // [replication][outcome_specs()]
    std::vector<std::vector<double>> series;    // [replication][days x series_specs()]

    std::vector<double> outcome(int k) const;  // outcome k over the replications
};

struct PlanProgress {
    std::string stage;  // what is being evaluated, e.g. "response curve"
    std::uint64_t done = 0;
    std::uint64_t total = 0;  // of this stage
};

struct PlanOptions {
    std::uint32_t replications = 40;  // per candidate (the same replications for every candidate)
    std::function<void(const PlanProgress&)> progress;
};

// The scenario with its whole team's hours multiplied by `factor` (scale_workforce), named
// "<name>-<hours>h".
Scenario with_team_factor(const Scenario& sc, double factor);

// Every method allocation over the methods the team uses (a share above 0 for some worker), in
// steps of `step` (which must divide 1). Throws std::invalid_argument for a bad step, a team
// without methods, or a grid of more than `max_size` allocations.
std::vector<std::array<double, kMethods>> allocation_grid(const Scenario& sc, double step,
                                                          std::size_t max_size);

// Brings every candidate to `replications` replications: runs the ones it lacks (replication r
// uses the same random numbers in every candidate) on `executor`, all candidates' tasks at once,
// and stores their outcomes and series. Every candidate must have the same horizon.
void evaluate(std::vector<Candidate*> candidates, std::uint32_t replications, Executor& executor,
              const std::string& stage, const PlanOptions& options);

// ---- plan hours ------------------------------------------------------------------------------

struct HoursOptions : PlanOptions {
    double confidence = 0.8;  // required chance of meeting the target in a replication
    // A decision (does a candidate meet the target?) whose 95% Wilson interval of the share
    // meeting it contains `confidence` gets more replications, doubling up to this many.
    std::uint32_t max_replications = 160;
    double max_factor = 4.0;       // search up to this multiple of the scenario's team hours
    double tolerance_hours = 2.0;  // bisection stops when the bracket is this narrow
    int curve_points = 9;          // evenly spaced from 0 to max_factor (the current hours added)
    bool optimise_mix = false;     // also search the method allocation
    double mix_step = 0.25;        // grid step of the allocation search
};

struct CurvePoint {
    double hours_per_week = 0;
    std::uint32_t replications = 0;  // of this point (more where the decision was close)
    Estimate outcome;                // mean and 95% interval of the target outcome
    double success = 0;              // share of replications meeting the target
    Estimate marginal_per_hour;      // paired gain over the previous point per extra hour/week
    std::size_t candidate = 0;       // index in HoursPlan::candidates
};

struct MixResult {
    std::array<double, kMethods> allocation{};
    Estimate outcome;  // at the hours evaluated
    double success = 0;
};

struct HoursPlan {
    Target target;
    double confidence = 0;
    double current_hours = 0;  // the scenario's team hours per week
    bool feasible = false;
    double hours_per_week = 0;   // the answer (feasible): the smallest hours found to meet it
    double bracket_below = 0;    // the largest hours evaluated that did not meet it
    Estimate outcome_at_answer;  // or at the best point when infeasible
    double success_at_answer = 0;
    double best_value = 0;          // infeasible: the best mean reachable up to max_factor
    double best_hours = 0;          // and the fewest hours that reach it (within its interval)
    std::vector<CurvePoint> curve;  // ascending hours
    std::array<double, kMethods> allocation{};  // optimise_mix: the allocation chosen
    std::string as_is;  // the candidate that is the scenario as it is (factor 1, own allocations)
    std::vector<MixResult> mixes;       // optimise_mix: every allocation evaluated
    std::vector<Candidate> candidates;  // every candidate evaluated, in order
    int evaluations = 0;
    std::string method;  // one paragraph: how the answer was found
};

// Throws std::invalid_argument for a scenario without workers or bad options.
HoursPlan plan_hours(const Scenario& sc, const Target& target, const HoursOptions& options,
                     Executor& executor);

// ---- plan allocate ---------------------------------------------------------------------------

struct AllocateOptions : PlanOptions {
    AllocateOptions() { replications = 20; }
    double total_fte = 0;       // 0: the scenario's team as it is
    double step_hours = 18;     // allocation unit (hours per week); 18 = half an FTE
    bool optimise_mix = false;  // also choose a method allocation per buurt
    double mix_step = 0.25;     // grid step of the allocation search
};

struct BuurtAllocation {
    std::string id;
    double min_hours = 0;
    double current_hours = 0;
    double equal_hours = 0;
    double chosen_hours = 0;
    // optimise_mix: the method allocation chosen for this buurt; none: the workers' own.
    std::optional<std::array<double, kMethods>> allocation;
    Estimate objective_at_chosen;           // this buurt's share of the objective
    std::vector<double> curve_hours;        // the buurt's response: hours per week
    std::vector<Estimate> curve_objective;  // and the objective there
};

struct AllocationPlan {
    Objective objective;
    double total_hours = 0;
    double step_hours = 0;
    std::vector<BuurtAllocation> buurten;
    // The three splits compared on the same random numbers (the candidates' order): chosen,
    // equal, current.
    Estimate chosen, equal, current;
    Estimate chosen_minus_equal, chosen_minus_current;
    bool dp_optimum_chosen = true;      // false when the equal or current split estimated better
    bool equal_allowed = true;          // the equal split gives every buurt its minimum
    bool current_allowed = true;        // the current split does
    std::vector<Candidate> candidates;  // chosen, equal, current (scenarios with several buurten)
    int buurt_evaluations = 0;
    std::string method;
};

// Throws std::invalid_argument for a scenario without several buurten or without workers, a
// minimum staffing above the total, or bad options.
AllocationPlan plan_allocate(const Scenario& sc, const Objective& objective,
                             const AllocateOptions& options, Executor& executor);

// ---- output ----------------------------------------------------------------------------------

// Writes the plan as a study file (every candidate a variant; results/README-study-files.md)
// with a /plan group (results/README-plan-files.md), atomically.
void write_hours_plan(const std::string& path, const HoursPlan& plan, const Scenario& sc,
                      const std::string& command_line);
void write_allocation_plan(const std::string& path, const AllocationPlan& plan, const Scenario& sc,
                           const std::string& command_line);

// Readable summaries for the terminal.
std::string format_hours_plan(const HoursPlan& plan);
std::string format_allocation_plan(const AllocationPlan& plan);

}  // namespace bb
