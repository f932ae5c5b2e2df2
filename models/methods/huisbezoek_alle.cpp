// huisbezoek_alle: door to door through every address of the swept streets, porch by porch in
// address order. A door nobody opens gets up to sweep.call_backs further passes, the next day or
// later, at another slot than the last pass when protocol.vary_times is set. When every address
// and call-back is done, a new round starts. The sweep is team-level: workers share one route.
#include <algorithm>
#include <deque>

#include "sim/engine/world.hpp"

namespace bb {

namespace {

struct CallBack {
    std::int32_t household;
    std::int32_t due_day;
    std::uint8_t passes;  // passes made so far
};

class HuisbezoekAlle final : public ContactMethod {
  public:
    explicit HuisbezoekAlle(const World& world) {
        const auto& streets = world.scenario.sweep.streets;
        for (int i = 0; i < world.h.n; ++i) {
            if (streets.empty() ||
                std::find(streets.begin(), streets.end(), world.h.street[i]) != streets.end()) {
                route_.push_back(i);
            }
        }
    }

    Method id() const override { return Method::huisbezoek_alle; }

    double max_action_hours(const World& world, int worker) const override {
        return max_attempt_hours(world, worker, Action::deur);
    }

    void act(World& world, int worker, double& credit) override {
        const double need = max_action_hours(world, worker);
        const WorkerState& wk = world.workers[worker];
        const bool vary = wk.protocol.vary_times && wk.works_other_slot(world.slot);
        std::size_t skipped = 0;  // doors passed in a row without anybody home to visit
        while (credit >= need && !route_.empty() && skipped <= route_.size()) {
            if (const int s = due_call_back(world, vary); s >= 0) {
                const CallBack next = call_backs_[s].front();
                call_backs_[s].pop_front();
                door(world, worker, next.household, next.passes, Reason::terugbezoek, credit);
                skipped = 0;
                continue;
            }
            if (position_ == route_.size()) {
                if (pending() > 0) return;  // finish this round's call-backs before a new round
                position_ = 0;
            }
            skipped = door(world, worker, route_[position_++], 0, Reason::ronde, credit)
                          ? 0
                          : skipped + 1;
        }
    }

  private:
    std::size_t pending() const {
        std::size_t n = 0;
        for (const auto& q : call_backs_) n += q.size();
        return n;
    }

    // The slot queue holding the earliest due call-back that may be made now, or -1. Queues are
    // kept per slot of the last pass, each ordered by due day, so this is O(slots).
    int due_call_back(const World& world, bool vary) const {
        int best = -1;
        for (int s = 0; s < kSlotKinds; ++s) {
            if (vary && s == static_cast<int>(world.slot)) continue;
            const auto& q = call_backs_[s];
            if (!q.empty() && q.front().due_day <= world.day &&
                (best < 0 || q.front().due_day < call_backs_[best].front().due_day)) {
                best = s;
            }
        }
        return best;
    }

    // Knocks at household i's door; false when the address is skipped (the household is away:
    // evicted, in crisis care).
    bool door(World& world, int worker, int i, int passes, Reason reason, double& credit) {
        if (world.h.state[i] == FunnelState::geescaleerd) return false;
        const AttemptResult r =
            attempt_contact(world, worker, i, Method::huisbezoek_alle, Action::deur, reason);
        credit = std::max(0.0, credit - r.hours);
        if (r.outcome == Outcome::geen_reactie && passes < world.scenario.sweep.call_backs) {
            call_backs_[static_cast<int>(world.slot)].push_back(
                {i, world.day + 1, static_cast<std::uint8_t>(passes + 1)});
        }
        return true;
    }

    std::vector<std::int32_t> route_;
    std::size_t position_ = 0;
    std::array<std::deque<CallBack>, kSlotKinds> call_backs_;  // by slot of the last pass
};

}  // namespace

std::unique_ptr<ContactMethod> make_huisbezoek_alle(World& world) {
    return std::make_unique<HuisbezoekAlle>(world);
}

}  // namespace bb
