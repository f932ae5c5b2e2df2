// What a run records: the daily time series, the event log of every contact attempt, the
// hours-and-cost ledger, escalations and signals. The recorder only stores; the engine decides.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "sim/core/ids.hpp"

namespace bb {

struct Event {
    std::int32_t day;
    SlotKind slot;
    std::int16_t worker;
    std::int32_t household;
    Method method;
    Action action;
    Outcome outcome;
    Reason reason;
    bool in_need;  // the household was in need at the attempt
    float hours;   // worker hours booked for this attempt (hand-over hours are in the ledger)
};

struct LedgerRow {
    std::int32_t day;
    std::int16_t worker;
    Method method;
    Activity activity;
    double hours;
    double cost_eur;
};

struct EscalationRecord {
    std::int32_t day;
    std::int32_t household;
    EscalationKind kind;
    std::array<double, kPerspectives> cost_eur;
    bool imposed = false;  // a statutory measure imposed at a contact (dwang_drang), not a need's
};

// A signal about provisions: a barrier a worker met and recorded.
struct ProvisionSignal {
    std::int32_t day;
    std::int16_t worker;
    std::int32_t household;
    Barrier barrier;
};

struct SignalRecord {
    std::int32_t day;
    std::int32_t household;
    SignalSource source;
    float arrears_eur;  // 0 for signals that are not about arrears
    bool followed_up;   // passed the follow-up threshold and the source feeds the team
};

// Per-day counters; one row per simulated day.
struct DayRow {
    std::array<std::int32_t, kFunnelStates>
        states{};  // households per funnel state at the end of the day
    std::int32_t new_needs = 0;
    std::int32_t signals = 0;
    std::int32_t signals_followed_up = 0;
    std::int32_t attempts = 0;
    std::int32_t contacts = 0;  // attempts that met the household
    std::int32_t conversations = 0;
    std::int32_t acceptances = 0;
    std::int32_t handovers = 0;        // completed warm hand-overs (toeleidingen)
    std::int32_t self_help = 0;        // households that found help themselves
    std::int32_t debt_help_cases = 0;  // hand-overs of households with a financial need
    std::int32_t referrals = 0;        // referrals by connected residents (netwerk signals)
    std::int32_t connected = 0;        // households that became connected residents
    std::array<std::int32_t, kBarriers> provision_signals{};  // signals about provisions
    double stigma_factor = 1.0;     // buurt lever: multiplier of stigma (kwartiermaken)
    double self_help_factor = 1.0;  // buurt lever: multiplier of finding help oneself
    std::array<std::int32_t, kEscalationKinds> escalations{};
    std::array<double, kMethods> hours{};  // worker hours booked per method, unused hours included
    double hours_unused = 0;
    double cost_eur = 0;
};

class Recorder {
  public:
    Recorder(int workers, bool keep_events) : keep_events_(keep_events), day_ledger_(workers) {}

    void begin_day(std::int32_t day);
    // Closes the day: stores the state counts and flushes the day's ledger rows.
    void end_day(const std::array<std::int32_t, kFunnelStates>& state_counts);

    DayRow& today() { return rows_.back(); }
    // A worker added during the run (an intervention): its ledger column.
    void add_worker() { day_ledger_.emplace_back(); }
    void event(const Event& e);
    void book(int worker, Method m, Activity a, double hours, double hourly_cost);
    void escalation(const EscalationRecord& r);
    void signal(const SignalRecord& r);
    void provision_signal(const ProvisionSignal& r);

    const std::vector<DayRow>& days() const { return rows_; }
    const std::vector<Event>& events() const { return events_; }
    const std::vector<LedgerRow>& ledger() const { return ledger_; }
    const std::vector<EscalationRecord>& escalations() const { return escalations_; }
    const std::vector<SignalRecord>& signals() const { return signals_; }
    const std::vector<ProvisionSignal>& provision_signals() const { return provision_signals_; }
    bool keeps_events() const { return keep_events_; }

  private:
    struct Cell {
        double hours = 0;
        double cost = 0;
    };
    using WorkerDay = std::array<std::array<Cell, kActivities>, kMethods>;

    bool keep_events_;
    std::int32_t day_ = 0;
    std::vector<WorkerDay> day_ledger_;
    std::vector<DayRow> rows_;
    std::vector<Event> events_;
    std::vector<LedgerRow> ledger_;
    std::vector<EscalationRecord> escalations_;
    std::vector<SignalRecord> signals_;
    std::vector<ProvisionSignal> provision_signals_;
};

}  // namespace bb
