// The recorder: daily rows, and a per-worker ledger aggregated per day before it is stored.
#include "sim/engine/recorder.hpp"

namespace bb {

void Recorder::begin_day(std::int32_t day) {
    day_ = day;
    rows_.emplace_back();
}

void Recorder::end_day(const std::array<std::int32_t, kFunnelStates>& state_counts) {
    rows_.back().states = state_counts;
    for (std::size_t w = 0; w < day_ledger_.size(); ++w) {
        for (int m = 0; m < kMethods; ++m) {
            for (int a = 0; a < kActivities; ++a) {
                Cell& c = day_ledger_[w][m][a];
                if (c.hours > 0) {
                    ledger_.push_back({day_, static_cast<std::int16_t>(w), static_cast<Method>(m),
                                       static_cast<Activity>(a), c.hours, c.cost});
                }
                c = Cell{};
            }
        }
    }
}

void Recorder::event(const Event& e) {
    DayRow& r = rows_.back();
    ++r.attempts;
    if (e.outcome != Outcome::geen_reactie) ++r.contacts;
    if (e.outcome == Outcome::gesprek || e.outcome == Outcome::hulp_afgewezen ||
        e.outcome == Outcome::geaccepteerd) {
        ++r.conversations;
    }
    if (e.outcome == Outcome::geaccepteerd) ++r.acceptances;
    if (keep_events_) events_.push_back(e);
}

void Recorder::book(int worker, Method m, Activity a, double hours, double hourly_cost) {
    if (hours <= 0) return;
    Cell& c =
        day_ledger_[static_cast<std::size_t>(worker)][static_cast<int>(m)][static_cast<int>(a)];
    c.hours += hours;
    c.cost += hours * hourly_cost;
    DayRow& r = rows_.back();
    r.hours[static_cast<int>(m)] += hours;
    if (a == Activity::niet_besteed) r.hours_unused += hours;
    r.cost_eur += hours * hourly_cost;
}

void Recorder::escalation(const EscalationRecord& r) {
    ++rows_.back().escalations[static_cast<int>(r.kind)];
    escalations_.push_back(r);
}

void Recorder::signal(const SignalRecord& r) {
    ++rows_.back().signals;
    if (r.followed_up) ++rows_.back().signals_followed_up;
    signals_.push_back(r);
}

void Recorder::provision_signal(const ProvisionSignal& r) {
    ++rows_.back().provision_signals[static_cast<int>(r.barrier)];
    provision_signals_.push_back(r);
}

}  // namespace bb
