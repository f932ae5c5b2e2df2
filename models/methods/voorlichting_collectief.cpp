// voorlichting_collectief: information sessions at collective locations, in turn. Each member of
// the location attends with a chance proportional to its availability in the slot, scaled so that
// the expected attendance is time.session_attendance (S3). Attending raises awareness; attendees in
// need who engage ask for individual follow-up (calibrated to S5) and get the offer of help.
#include <algorithm>

#include "sim/engine/world.hpp"

namespace bb {

namespace {

class VoorlichtingCollectief final : public ContactMethod {
  public:
    explicit VoorlichtingCollectief(const World& W) {
        // Per location and slot: the attendance scale that gives S3 expected attendees.
        for (const auto& members : W.location_members) {
            std::array<double, kSlotKinds> scale{};
            for (int s = 0; s < kSlotKinds; ++s) {
                double sum = 0;
                for (int i : members) sum += W.h.availability(i, s);
                scale[s] = sum > 0 ? W.p.time.session_attendance / sum : 0.0;
            }
            scale_.push_back(scale);
        }
    }

    Method id() const override { return Method::voorlichting_collectief; }

    double max_action_hours(const World& world, int) const override {
        return world.p.time.session_hours;
    }

    void act(World& W, int worker, double& credit) override {
        WorkerState& wk = W.workers[worker];
        const auto locations = static_cast<int>(W.location_members.size());
        if (locations == 0) return;
        while (credit >= W.p.time.session_hours) {
            credit -= W.p.time.session_hours;
            const int l = wk.next_location;
            wk.next_location = (wk.next_location + 1) % locations;
            W.book(worker, Method::voorlichting_collectief, Activity::voorlichting,
                   W.p.time.session_hours);
            Stream rng(W.seed, W.replication, Purpose::session, static_cast<std::uint32_t>(worker),
                       static_cast<std::uint32_t>(W.day), wk.sessions_held++);
            const double scale = scale_[l][static_cast<int>(W.slot)];
            for (int i : W.location_members[l]) {
                const double p =
                    std::min(1.0, scale * W.h.availability(i, static_cast<int>(W.slot)));
                if (rng.uniform() >= p || W.h.state[i] == FunnelState::geescaleerd) continue;
                attempt_contact(W, worker, i, Method::voorlichting_collectief, Action::voorlichting,
                                Reason::bijeenkomst);
            }
        }
    }

  private:
    std::vector<std::array<double, kSlotKinds>> scale_;
};

}  // namespace

std::unique_ptr<ContactMethod> make_voorlichting_collectief(World& world) {
    return std::make_unique<VoorlichtingCollectief>(world);
}

}  // namespace bb
