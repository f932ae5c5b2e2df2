// voorlichting_collectief: information sessions at collective locations, in turn. Each member of
// the location attends with a chance proportional to its availability in the slot and its
// profile's contact.session_attendance_profile (zorgmijders avoid gatherings about help), scaled
// so that the expected attendance of the members at the start is time.session_attendance (S3);
// members linked to a location later (kwartiermaken) add to it. Attending raises awareness;
// attendees in need who engage ask for individual follow-up (calibrated to S5) and get the offer of
// help.
#include <algorithm>

#include "sim/engine/world.hpp"

namespace bb {

namespace {

class VoorlichtingCollectief final : public ContactMethod {
  public:
    explicit VoorlichtingCollectief(const World& world) {
        // Per location and slot: the attendance scale that gives S3 expected attendees.
        for (const auto& members : world.location_members) {
            std::array<double, kSlotKinds> scale{};
            for (int s = 0; s < kSlotKinds; ++s) {
                double sum = 0;
                for (int i : members) sum += world.h.availability(i, s) * propensity(world, i);
                scale[s] = sum > 0 ? world.p.time.session_attendance / sum : 0.0;
            }
            scale_.push_back(scale);
        }
    }

    Method id() const override { return Method::voorlichting_collectief; }

    double max_action_hours(const World& world, int) const override {
        return world.p.time.session_hours;
    }

    void act(World& world, int worker, double& credit) override {
        WorkerState& wk = world.workers[worker];
        const auto locations = static_cast<int>(wk.session_locations.size());
        if (locations == 0) return;
        while (credit >= world.p.time.session_hours) {
            credit -= world.p.time.session_hours;
            const int l =
                wk.session_locations[static_cast<std::size_t>(wk.next_location % locations)];
            wk.next_location = (wk.next_location + 1) % locations;
            world.book(worker, Method::voorlichting_collectief, Activity::voorlichting,
                       world.p.time.session_hours);
            Stream rng(world.seed, world.replication, Purpose::session,
                       static_cast<std::uint32_t>(worker), static_cast<std::uint32_t>(world.day),
                       wk.sessions_held++);
            const double scale = scale_[l][static_cast<int>(world.slot)];
            for (int i : world.location_members[l]) {
                const double p =
                    std::min(1.0, scale * world.h.availability(i, static_cast<int>(world.slot)) *
                                      propensity(world, i));
                if (rng.uniform() >= p || world.h.state[i] == FunnelState::geescaleerd) continue;
                attempt_contact(world, worker, i, Method::voorlichting_collectief,
                                Action::voorlichting, Reason::bijeenkomst);
            }
        }
    }

  private:
    static double propensity(const World& world, int i) {
        return world.p.contact.session_attendance_profile[static_cast<int>(world.h.profile[i])];
    }

    std::vector<std::array<double, kSlotKinds>> scale_;
};

}  // namespace

std::unique_ptr<ContactMethod> make_voorlichting_collectief(World& world) {
    return std::make_unique<VoorlichtingCollectief>(world);
}

}  // namespace bb
