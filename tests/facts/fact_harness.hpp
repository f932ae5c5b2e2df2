// Harness for stylised-fact tests: run an ensemble of replications of a scenario, observe named
// metrics at checkpoint days, and compare ensembles by paired differences with Student-t
// intervals. A fact's tolerance always comes from the replications (the 95% interval), never from
// a fixed fudge number: a claim "A > B" passes when the 95% interval of A - B lies above 0.
//
// Common random numbers: replication r of every ensemble runs with SimulationOptions{r, ...} on
// the scenario's own seed, so variants of one base scenario (same seed) share households, needs
// and signal histories wherever their parameters agree, and differences are paired by r.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/engine/simulation.hpp"
#include "sim/study/statistics.hpp"

namespace bb::facts {

using Metrics = std::map<std::string, double>;
// Called once per replication and checkpoint, right after the step that completes the checkpoint
// day (sim.day() == checkpoint). Must be thread-safe (it runs on several threads at once).
using Observer = std::function<Metrics(const Simulation&)>;

struct EnsembleOptions {
    bool record_events = true;  // keep the event log (event-based metrics need it)
    int threads = 2;            // worker threads; results do not depend on it
};

struct Ensemble {
    std::string label;             // the scenario's name, or what the caller set
    std::vector<int> checkpoints;  // sorted, unique
    // results[r][c]: the observer's metrics for replication r at checkpoints[c].
    std::vector<std::vector<Metrics>> results;
    double seconds = 0;  // wall time of run_ensemble

    int replications() const { return static_cast<int>(results.size()); }
    // The metric at checkpoint `day` in every replication, by replication index. Throws
    // std::out_of_range for a day that is not a checkpoint or a metric the observer did not give.
    std::vector<double> values(int day, const std::string& metric) const;
};

// Runs `replications` replications (0 .. replications-1) of `scenario` up to the last checkpoint,
// calling `observer` at each checkpoint. One calibration (bb::calibrate) is shared by all
// replications. Replications run on options.threads std::threads and are stored by index, so the
// result is the same for any thread count. Checkpoints must lie in 1 .. scenario.horizon_days
// (std::invalid_argument otherwise); an exception thrown by a replication is rethrown here.
Ensemble run_ensemble(const Scenario& scenario, int replications, std::vector<int> checkpoint_days,
                      Observer observer, EnsembleOptions options = {});

// ---------------------------------------------------------------------------------------------
// Comparisons. Each prints one readable line to stdout (fact, metric, day, the means, the
// estimate with its 95% t-interval, n and, for claims, PASS or FAIL) and returns the Estimate.

// True when the interval lies strictly above / below 0 (false when it is NaN).
bool above_zero(const Estimate& e);
bool below_zero(const Estimate& e);

// Mean of the metric over the ensemble's replications.
Estimate mean(const std::string& fact, const Ensemble& e, int day, const std::string& metric);

// Paired difference alt - base over replications (common random numbers). The ensembles must have
// the same replication count (std::invalid_argument otherwise).
Estimate difference(const std::string& fact, const Ensemble& base, const Ensemble& alt, int day,
                    const std::string& metric);

// Claim "metric of a > metric of b": returns the estimate of a - b; it passes when above_zero.
Estimate claim_greater(const std::string& fact, const Ensemble& a, const Ensemble& b, int day,
                       const std::string& metric);
// Claim "metric of a < metric of b": returns the estimate of a - b; it passes when below_zero.
Estimate claim_less(const std::string& fact, const Ensemble& a, const Ensemble& b, int day,
                    const std::string& metric);
// Claim "mean of the metric > bound": returns the estimate of metric - bound; passes when
// above_zero. `bound` belongs to the statement of the fact (e.g. 0 for "reaches"), not to its
// tolerance.
Estimate claim_mean_above(const std::string& fact, const Ensemble& e, int day,
                          const std::string& metric, double bound);
// Claim "mean of the metric < bound": returns the estimate of metric - bound; passes when
// below_zero.
Estimate claim_mean_below(const std::string& fact, const Ensemble& e, int day,
                          const std::string& metric, double bound);

// A one-line description of an estimate: "12.3 [11.9, 12.7] (n=20)".
std::string describe(const Estimate& e);

// ---------------------------------------------------------------------------------------------
// Metrics of a simulation at its current day (call them from an Observer). "By the checkpoint"
// means on days 0 .. sim.day()-1, the days simulated so far. Reach bits record what happened to a
// household *while it was in need* (households.hpp), so every reach-based count is of households
// in need at the time. A `profile` of std::nullopt counts all households.

// Households in need on some day so far (kReachInNeed).
double households_in_need(const Simulation& sim, std::optional<Profile> profile = std::nullopt);
// Households met by a worker while in need (kReachContacted: door opened, phone or letter
// answered, met in the street or at a session), by any method.
double households_contacted(const Simulation& sim, std::optional<Profile> profile = std::nullopt);
// Households handed over to help through outreach ("helped"): kReachToegeleid with
// first_toegeleid_day < sim.day().
double households_helped(const Simulation& sim, std::optional<Profile> profile = std::nullopt);
// Households met while in need (kReachContacted) that never had a signal reach the team
// (no kReachSignalled: no followed-up signal so far, before or after the contact).
double contacted_never_signalled(const Simulation& sim);
// Worker cost so far: the sum of the ledger's cost_eur (all methods and activities, unused
// scheduled hours included; equal to Summary::worker_cost_eur). With `method`, that method's rows.
double worker_cost_eur(const Simulation& sim, std::optional<Method> method = std::nullopt);
// Worker hours booked so far (ledger), unused scheduled hours (niet_besteed) included.
double worker_hours(const Simulation& sim);
// Scheduled hours a method could not use (ledger activity niet_besteed).
double unused_hours(const Simulation& sim);
// Contact events that met the household (event outcome != geen_reactie), whether or not it was
// in need; with `method`, that method's events only. Needs the event log (std::logic_error).
double contact_events_met(const Simulation& sim, std::optional<Method> method = std::nullopt);
// Distinct households in such events (in need or not). Needs the event log.
double households_met(const Simulation& sim);
// Mean over all households of the current stigma / trust.
double mean_stigma(const Simulation& sim);
double mean_trust(const Simulation& sim);
// num / den; NaN when den == 0 (statistics skip NaN replications).
double ratio(double num, double den);

// The standard metric set (all of the above), by name:
//   in_need, in_need.<profile>, contacted, contacted.<profile>, helped, helped.<profile>,
//   reach_rate.<profile>          contacted.<profile> / in_need.<profile>
//   relative_reach.zorgmijder     reach_rate.zorgmijder / reach_rate.zorgmisser (1: no selection
//                                 against zorgmijders among households in need)
//   contacted_never_signalled, cost_eur, cost_eur.<method>, hours, hours_unused,
//   contact_events, contact_events.<method>, households_met,
//   cost_per_contact              cost_eur / contact_events
//   cost_per_household_met        cost_eur / households_met (unique, in need or not)
//   cost_per_household_contacted  cost_eur / contacted (unique, in need)
//   cost_per_household_helped     cost_eur / helped
//   mean_stigma, mean_trust
// Event-based metrics are left out when the recorder keeps no events.
Metrics standard_metrics(const Simulation& sim);

}  // namespace bb::facts
