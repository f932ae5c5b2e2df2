// huisbezoek_signaal: unsolicited home visits on signals. Workers take signalled households from
// the team's queue (first come, first served) up to their caseload cap and follow each case's
// protocol: a letter, a call when the number is known, then up to max_visits home visits at varied
// slots, days_between_steps apart. A case closes when the household is met, when the protocol is
// exhausted, or when the per-client time cap is reached.
#include <algorithm>

#include "sim/engine/world.hpp"

namespace bb {

namespace {

enum class Step : std::uint8_t { letter, phone, visit, done };

class HuisbezoekSignaal final : public ContactMethod {
  public:
    Method id() const override { return Method::huisbezoek_signaal; }

    double max_action_hours(const World& world, int worker) const override {
        return std::max({max_attempt_hours(world, worker, Action::brief),
                         max_attempt_hours(world, worker, Action::telefoon),
                         max_attempt_hours(world, worker, Action::huisbezoek)});
    }

    void act(World& world, int worker, double& credit) override {
        WorkerState& wk = world.workers[worker];
        // Open cases first, in the order they were taken.
        auto& cases = wk.cases;
        for (std::size_t c = 0; c < cases.size();) {
            const int i = cases[c];
            if (!still_open(world, i)) {
                close(world, cases, c);
                continue;
            }
            if (world.cases.next_day[i] > world.day) {
                ++c;
                continue;
            }
            const Progress result = work_step(world, worker, i, credit);
            if (result == Progress::no_budget) return;
            if (result == Progress::closed) {
                close(world, cases, c);
            } else {
                ++c;
            }
        }
        // Then new cases from the queue, while the caseload and the credit allow.
        auto& queue = world.cases.queue;
        while (!queue.empty() && static_cast<int>(cases.size()) < wk.caseload_cap &&
               credit >= max_action_hours(world, worker)) {
            const int i = queue.front();
            queue.pop_front();
            if (world.h.state[i] != FunnelState::gesignaleerd || world.cases.worker[i] >= 0)
                continue;  // stale
            world.cases.worker[i] = static_cast<std::int16_t>(worker);
            world.cases.step[i] = 0;
            world.cases.last_slot[i] = -1;
            world.cases.next_day[i] = world.day;
            world.cases.hours_at_open[i] = world.h.worker_hours[i];
            cases.push_back(i);
            std::size_t c = cases.size() - 1;
            const Progress result = work_step(world, worker, i, credit);
            if (result == Progress::closed) close(world, cases, c);
        }
    }

  private:
    enum class Progress { advanced, waiting, closed, no_budget };

    static bool still_open(const World& world, int i) {
        const FunnelState s = world.h.state[i];
        return s == FunnelState::gesignaleerd || s == FunnelState::benaderd;
    }

    static void close(World& world, std::vector<std::int32_t>& cases, std::size_t c) {
        const int i = cases[c];
        world.cases.worker[i] = -1;
        world.cases.closed_day[i] = world.day;
        // Closed before any attempt (no protocol step applied, or the time cap was 0): the signal
        // lapses, so that a later signal can queue the household again.
        if (world.h.state[i] == FunnelState::gesignaleerd)
            world.set_state(i, world.idle_need_state(i));
        cases.erase(cases.begin() + static_cast<std::ptrdiff_t>(c));
    }

    // The kind of protocol step number `step` for household i: letter, phone (only when the number
    // is known), then visits.
    static Step step_kind(const World& world, const WorkerState& wk, int i, int step) {
        if (wk.protocol.letter) {
            if (step == 0) return Step::letter;
            --step;
        }
        if (wk.protocol.phone && world.h.has(i, kPhoneKnown)) {
            if (step == 0) return Step::phone;
            --step;
        }
        return step < wk.protocol.max_visits ? Step::visit : Step::done;
    }

    static Progress work_step(World& world, int worker, int i, double& credit) {
        WorkerState& wk = world.workers[worker];
        // Per-client time cap: hours booked on the household since this case opened.
        if (world.h.worker_hours[i] - world.cases.hours_at_open[i] >= wk.client_hours_cap) {
            return Progress::closed;
        }
        const Step kind = step_kind(world, wk, i, world.cases.step[i]);
        if (kind == Step::done) return Progress::closed;
        const Action action = kind == Step::letter  ? Action::brief
                              : kind == Step::phone ? Action::telefoon
                                                    : Action::huisbezoek;
        // Varied times: a repeat visit goes to another slot than the last one, if the worker has
        // one.
        if (kind == Step::visit && wk.protocol.vary_times &&
            world.cases.last_slot[i] == static_cast<int>(world.slot) &&
            wk.works_other_slot(world.slot)) {
            return Progress::waiting;
        }
        if (credit < max_attempt_hours(world, worker, action)) return Progress::no_budget;
        const bool last = step_kind(world, wk, i, world.cases.step[i] + 1) == Step::done;
        const Reason reason = world.cases.step[i] == 0 ? Reason::signaal
                              : last                   ? Reason::protocol_uitgeput
                                                       : Reason::protocol_vervolg;
        const AttemptResult r =
            attempt_contact(world, worker, i, Method::huisbezoek_signaal, action, reason);
        credit = std::max(0.0, credit - r.hours);
        if (kind == Step::visit) world.cases.last_slot[i] = static_cast<std::int8_t>(world.slot);
        if (r.outcome != Outcome::geen_reactie || last) return Progress::closed;
        ++world.cases.step[i];
        world.cases.next_day[i] = world.day + world.p.contact.days_between_steps;
        return Progress::advanced;
    }
};

}  // namespace

std::unique_ptr<ContactMethod> make_huisbezoek_signaal() {
    return std::make_unique<HuisbezoekSignaal>();
}

}  // namespace bb
