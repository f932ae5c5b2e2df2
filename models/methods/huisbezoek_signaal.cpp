// huisbezoek_signaal: unsolicited home visits on signals. Workers take signalled households from
// the team's queue (first come, first served) up to their caseload cap and follow each case's
// protocol: a letter, a call when the number is known, then up to max_visits home visits at varied
// slots, days_between_steps apart. A case closes when the household is met, when the protocol is
// exhausted, or when the per-client time cap is reached. The worker's models and factors change
// this (drawn once per case when it opens, from the household's case stream):
//   - follow-up contacts: after a conversation (or refusal) without acceptance the case stays
//     open for that many further visits, follow_up_days apart (presentie, dwang_drang,
//     vertrouwenswerk);
//   - crisis priority: a worker whose mix puts crisis_priority at 0.5 or more takes households in
//     crisis from the queue first, also beyond the caseload cap (while none of its cases is
//     overdue, up to 1.5 times the cap), and such a case is worked straight by visits with that
//     chance (dwang_drang);
//   - the per-client time cap applies with the mix's time_cap_applies chance (not under presentie);
//   - situational action: no letter to households with limited Dutch, and repeat visits wait for
//     the slot in which the household is most often home, when the worker's weekly hours in it
//     cover a visit (this replaces protocol.vary_times).
#include <algorithm>
#include <cmath>

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
        bool overdue = false;  // an open case is due but waits (for another slot)
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
                overdue = overdue || result == Progress::waiting;
                ++c;
            }
        }
        // Then new cases from the queue, while the caseload and the credit allow; a worker who
        // takes crises first also takes a crisis case when the caseload is full.
        auto& queue = world.cases.queue;
        const bool crisis_first = wk.models.traits().crisis_priority >= 0.5;
        while (!queue.empty() && credit >= max_action_hours(world, worker)) {
            // Beyond the cap only crisis cases, only while no open case is overdue, and at most
            // half the cap more (so that the worker's own cases are not starved).
            const int open = static_cast<int>(cases.size());
            const bool full = open >= wk.caseload_cap;
            if (full && (!crisis_first || overdue || open >= wk.caseload_cap * 3 / 2)) break;
            const int i = take_from_queue(world, crisis_first, full);
            if (i < 0) break;  // full, and no crisis waiting
            if (world.h.state[i] != FunnelState::gesignaleerd || world.cases.worker[i] >= 0)
                continue;  // stale
            open_case(world, worker, i);
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
        return s == FunnelState::gesignaleerd || s == FunnelState::benaderd ||
               (s == FunnelState::in_gesprek && world.cases.follow_ups[i] > 0);
    }

    // Whether the worker's weekly hours in slot s cover at least one home visit (else waiting for
    // that slot could stall a case for weeks).
    static bool works_enough(const World& world, int worker, int s) {
        const WorkerState& wk = world.workers[worker];
        const double weekly =
            wk.hours_per_day[s] * (s == static_cast<int>(SlotKind::weekend) ? 2 : 5);
        return weekly * wk.allocation[static_cast<int>(Method::huisbezoek_signaal)] >=
               max_attempt_hours(world, worker, Action::huisbezoek);
    }

    static bool in_crisis(const World& world, int i) {
        for (int k = 0; k < kDomains; ++k) {
            if (static_cast<Domain>(k) != Domain::sociaal &&
                world.h.needs(i, k) > world.p.needs.escalation_threshold)
                return true;
        }
        return false;
    }

    // The next household from the queue: the first in crisis when crisis cases go first, else the
    // longest waiting; -1 when only a crisis case may be taken and none waits.
    static int take_from_queue(World& world, bool crisis_first, bool crisis_only) {
        auto& queue = world.cases.queue;
        if (crisis_first) {
            for (auto it = queue.begin(); it != queue.end();) {
                const int i = *it;
                if (world.h.state[i] != FunnelState::gesignaleerd || world.cases.worker[i] >= 0) {
                    it = queue.erase(it);  // stale: discarded while scanning
                    continue;
                }
                if (in_crisis(world, i)) {
                    queue.erase(it);
                    return i;
                }
                ++it;
            }
            if (queue.empty()) return -1;
        }
        if (crisis_only) return -1;
        const int i = queue.front();
        queue.pop_front();
        return i;
    }

    // Opens household i's case for `worker`, drawing how it will be worked.
    static void open_case(World& world, int worker, int i) {
        const WorkerState& wk = world.workers[worker];
        const ModelTraits& t = wk.models.traits();
        Stream rng(world.seed, world.replication, Purpose::case_open, static_cast<std::uint32_t>(i),
                   static_cast<std::uint32_t>(world.day));
        const double follow_ups = t.follow_up_contacts + wk.factors.extra_follow_ups;
        const double whole = std::floor(follow_ups);
        const double allowed = whole + (rng.uniform() < follow_ups - whole ? 1.0 : 0.0);
        const bool direct = rng.uniform() < t.crisis_priority && in_crisis(world, i);
        const bool capped = rng.uniform() < t.time_cap_applies;
        world.cases.worker[i] = static_cast<std::int16_t>(worker);
        world.cases.step[i] = 0;
        world.cases.last_slot[i] = -1;
        world.cases.next_day[i] = world.day;
        world.cases.hours_at_open[i] = world.h.worker_hours[i];
        world.cases.follow_ups[i] = 0;
        world.cases.follow_ups_allowed[i] = static_cast<std::uint8_t>(std::min(allowed, 255.0));
        world.cases.direct[i] = direct ? 1 : 0;
        world.cases.capped[i] = capped ? 1 : 0;
    }

    static void close(World& world, std::vector<std::int32_t>& cases, std::size_t c) {
        const int i = cases[c];
        world.cases.worker[i] = -1;
        world.cases.closed_day[i] = world.day;
        world.cases.follow_ups[i] = 0;
        // Closed before any attempt (no protocol step applied, or the time cap was 0): the signal
        // lapses, so that a later signal can queue the household again.
        if (world.h.state[i] == FunnelState::gesignaleerd)
            world.set_state(i, world.idle_need_state(i));
        cases.erase(cases.begin() + static_cast<std::ptrdiff_t>(c));
    }

    // The kind of protocol step number `step` for household i: letter, phone (only when the number
    // is known), then visits.
    static Step step_kind(const World& world, const WorkerState& wk, int i, int step) {
        if (world.cases.direct[i] != 0 || world.cases.follow_ups[i] > 0) {
            return step < std::max(1, wk.protocol.max_visits) ? Step::visit : Step::done;
        }
        const bool letter_fits = !(wk.factors.situational && world.h.has(i, kLimitedDutch));
        if (wk.protocol.letter && letter_fits) {
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
        if (world.cases.capped[i] != 0 &&
            world.h.worker_hours[i] - world.cases.hours_at_open[i] >= wk.client_hours_cap) {
            return Progress::closed;
        }
        const Step kind = step_kind(world, wk, i, world.cases.step[i]);
        if (kind == Step::done) return Progress::closed;
        const Action action = kind == Step::letter  ? Action::brief
                              : kind == Step::phone ? Action::telefoon
                                                    : Action::huisbezoek;
        // Situational action: a repeat visit in the household's best slot, if the worker's hours
        // in it cover a visit (instead of varying the times: the best slot is the best bet).
        const int best = best_slot(world.h, i);
        const bool fit = wk.factors.situational && works_enough(world, worker, best);
        if (kind == Step::visit && fit && world.cases.last_slot[i] >= 0 &&
            best != static_cast<int>(world.slot)) {
            return Progress::waiting;
        }
        // Varied times: a repeat visit goes to another slot than the last one, if the worker has
        // one.
        if (kind == Step::visit && wk.protocol.vary_times && !fit &&
            world.cases.last_slot[i] == static_cast<int>(world.slot) &&
            wk.works_other_slot(world.slot)) {
            return Progress::waiting;
        }
        if (credit < max_attempt_hours(world, worker, action)) return Progress::no_budget;
        const bool last = step_kind(world, wk, i, world.cases.step[i] + 1) == Step::done;
        const Reason reason = world.cases.step[i] == 0 ? Reason::signaal
                              : last                   ? Reason::protocol_uitgeput
                                                       : Reason::protocol_vervolg;
        const AttemptResult r = attempt_contact(
            world, worker, i, Method::huisbezoek_signaal, action,
            world.cases.follow_ups[i] > 0 && world.cases.step[i] == 0 ? Reason::vervolgcontact
                                                                      : reason);
        credit = std::max(0.0, credit - r.hours);
        if (kind == Step::visit) world.cases.last_slot[i] = static_cast<std::int8_t>(world.slot);
        // Met without acceptance: a further contact if the case allows one and help is still
        // open to offer.
        const bool met_no_help = r.outcome == Outcome::geweigerd || r.outcome == Outcome::gesprek ||
                                 r.outcome == Outcome::hulp_afgewezen;
        if (met_no_help && world.cases.follow_ups[i] < world.cases.follow_ups_allowed[i] &&
            world.h.in_need(i) &&
            (world.h.state[i] == FunnelState::benaderd ||
             world.h.state[i] == FunnelState::in_gesprek)) {
            ++world.cases.follow_ups[i];
            world.cases.step[i] = 0;
            world.cases.next_day[i] =
                world.day + static_cast<int>(std::lround(wk.models.traits().follow_up_days));
            return Progress::advanced;
        }
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
