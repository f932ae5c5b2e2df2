// The simulation of one scenario and replication, day by day. The public face of the engine: the
// CLI, the Python module and the tests all drive it through this class.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "sim/engine/recorder.hpp"
#include "sim/population/calibration.hpp"
#include "sim/population/households.hpp"
#include "sim/scenario/scenario.hpp"

namespace bb {

struct World;
class SignalModel;

struct SimulationOptions {
    SimulationOptions() = default;
    SimulationOptions(std::uint32_t replication_, bool record_events_)
        : replication(replication_), record_events(record_events_) {}

    std::uint32_t replication = 0;
    bool record_events = true;  // keep the event log (turn off for large benchmark runs)
    // Intercepts to use instead of calibrating. They depend on the scenario's parameters only
    // (see calibration.hpp), so the replications of one scenario share one calibration; they must
    // come from calibrate() on the same scenario.
    std::shared_ptr<const Intercepts> intercepts;
};

// Aggregates of one run, computed from the per-household records and the ledger.
struct FunnelCounts {
    std::int64_t households = 0;
    std::int64_t in_need = 0;
    std::int64_t signalled = 0;
    std::int64_t attempted = 0;
    std::int64_t contacted = 0;
    std::int64_t conversation = 0;
    std::int64_t accepted = 0;
    std::int64_t toegeleid = 0;
    std::int64_t self_help = 0;
};

struct Summary {
    std::string scenario;
    std::uint64_t seed = 0;
    std::uint32_t replication = 0;
    int days = 0;
    std::array<FunnelCounts, kProfiles + 1>
        funnel{};  // per profile; the last entry is all households
    std::array<std::int64_t, kEscalationKinds> escalations{};
    std::array<double, kPerspectives> escalation_cost_eur{};
    std::array<double, kMethods> hours_by_method{};  // unused hours included
    double hours_unused = 0;
    double hours_total = 0;
    double worker_cost_eur = 0;
    std::int64_t attempts = 0;
    std::int64_t contacts = 0;
    std::int64_t conversations = 0;
    std::int64_t signals = 0;
    std::int64_t signals_followed_up = 0;
    std::int64_t debt_help_cases = 0;
    double debt_help_cost_eur = 0;
    std::int64_t measures_imposed = 0;  // statutory measures imposed at contacts (dwang_drang)
    std::int64_t referrals = 0;         // referrals by connected residents (verbindend)
    std::int64_t connected = 0;         // households that became connected residents
    std::array<std::int64_t, kBarriers> provision_signals{};  // signals about provisions
    double hours_collective = 0;  // hours of the models' collective work (in hours_by_method)
    // Worker cost per household handed over to help (toegeleid); NaN when none was.
    double cost_per_toegeleid_eur = 0;
};

class Simulation {
  public:
    // Builds the population, calibrates the contact model and sets up the workers.
    explicit Simulation(const Scenario& scenario, SimulationOptions options = {});
    ~Simulation();
    Simulation(const Simulation&) = delete;
    Simulation& operator=(const Simulation&) = delete;

    // Simulates one day. Throws std::logic_error past the horizon.
    void step();
    // Simulates the remaining days; `progress(day_done, days)` is called after each day if set.
    void run(const std::function<void(int, int)>& progress = {});

    bool done() const;
    int day() const;  // days simulated so far
    const Scenario& scenario() const;
    const Households& households() const;
    const Recorder& recorder() const;
    const Intercepts& intercepts() const;
    std::vector<std::string> worker_ids() const;
    std::uint32_t replication() const;
    Summary summary() const;
    // Households per funnel state, recounted from scratch (the engine keeps them incrementally).
    std::array<std::int32_t, kFunnelStates> recount_states() const;

  private:
    void household_pass();
    void workers_act();
    void handle_signal(int i, SignalSource source);
    void end_escalation(int i);
    void close_unused_credit();
    void update_buurt_levers();
    void configure_worker(int w, const WorkerSpec& spec);
    void add_worker(const WorkerSpec& spec);
    void add_entry(const WorkerSpec& spec);
    void retire_worker(int w);
    void apply_interventions();
    void close_collective_day();
    void refer(int i);

    const Scenario scenario_;
    std::unique_ptr<World> world_;
    // Per-day probabilities derived once from the parameters.
    // Onset per day, [risk group][profile][domain]; see the constructor for its derivation.
    std::array<std::array<std::array<double, kDomains>, kProfiles>, 4> onset_{};
    std::array<std::array<double, kProfiles>, 4> onset_total_{};  // sum over domains of onset_
    std::array<double, kDomains> resolution_{};                   // per day
    std::array<double, kDomains> growth_{};                       // severity per day
    double help_decay_ = 1.0;                                     // factor per day
    double self_referral_ = 0;                                    // per day
    double dropout_ = 0;                                          // probability per day
    std::unique_ptr<const SignalModel> signals_;
    std::array<double, kEscalationKinds> escalation_{};  // per day per unit severity
};

// A readable multi-line summary for the terminal.
std::string format_summary(const Summary& s);

}  // namespace bb
