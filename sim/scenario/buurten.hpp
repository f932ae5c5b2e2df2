// Scenarios with several buurten (`buurten:`). Each buurt runs as a one-buurt scenario of its
// own: its households, needs, signals and locations, the scenario's team at the buurt's share of
// every worker's hours, and a seed of its own derived from the scenario's seed and the buurt's
// id (so a buurt keeps its random numbers when another buurt's share changes). The results of
// the buurten add up (combine_results in sim/study/outcomes.hpp).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace bb {

// A buurt's seed: a function of the scenario's seed and the buurt's id only.
std::uint64_t buurt_seed(std::uint64_t scenario_seed, const std::string& buurt_id);

// Multiplies every worker's hours by `factor` (>= 0): contract and scheduled hours, the client
// hours cap and the caseload cap (rounded, at least 1 while the worker has hours), for the
// workers and for every worker an intervention sets or adds (campaigns included). Throws
// std::invalid_argument for a negative or non-finite factor.
void scale_workforce(Scenario& sc, double factor);

// Every worker's method allocation replaced by `allocation`: the workers' from the start, and an
// intervention's change of a worker that keeps its allocation (WorkerSpec::keeps_allocation) as
// long as no earlier change gave that worker one of its own. Workers an intervention adds keep
// theirs (a campaign, for one, only holds sessions).
void apply_allocation(Scenario& sc, const std::array<double, kMethods>& allocation);

// Why `allocation` cannot be every worker's in one-buurt scenario `sc`, or empty: sessions need
// collective locations, home visits on signals a protocol with at least one step.
std::string allocation_problem(const Scenario& sc, const std::array<double, kMethods>& allocation);

// Buurt `k` of a scenario with several buurten, ready to run: its sections, the team scaled to
// the buurt's workforce_share, the buurt's seed, and the name "<scenario>/<buurt id>".
Scenario buurt_scenario(const Scenario& sc, std::size_t k);

// What running `sc` means: its buurten (buurt_scenario), or `sc` itself for a one-buurt scenario.
std::vector<Scenario> runnable_parts(const Scenario& sc);

// Households over all buurten.
int total_households(const Scenario& sc);

// Worker hours per week the scenario's team is contracted for (every entry times its count), at
// the start of the run.
double team_hours_per_week(const Scenario& sc);

}  // namespace bb
