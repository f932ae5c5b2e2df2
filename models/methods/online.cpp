// online: online presence (chat, social media, the buurt's apps), the fifth channel of the quick
// scan's `locatie: online`. Households that can be met online (trait kOnline) are met at
// time.online_contacts_per_hour, uniformly among them; engagement with a household in need is
// calibrated to contact.online_follow_up. All of the method's credit in a slot is spent online;
// the short exchanges are part of that time.
#include <algorithm>

#include "sim/engine/world.hpp"

namespace bb {

namespace {

class Online final : public ContactMethod {
  public:
    explicit Online(const World& world) {
        for (int i = 0; i < world.h.n; ++i) {
            if (world.h.has(i, kOnline)) reachable_.push_back(i);
        }
    }

    Method id() const override { return Method::online; }

    double max_action_hours(const World&, int) const override { return 0.0; }

    void act(World& world, int worker, double& credit) override {
        hold_presence(world, worker, credit, Method::online, Activity::online, Action::online,
                      Reason::online, Purpose::online, world.workers[worker].online_shifts,
                      reachable_.empty() ? 0.0 : world.p.time.online_contacts_per_hour,
                      [this](double u, double) {
                          const auto k =
                              static_cast<std::size_t>(u * static_cast<double>(reachable_.size()));
                          return reachable_[std::min(k, reachable_.size() - 1)];
                      });
    }

  private:
    std::vector<std::int32_t> reachable_;
};

}  // namespace

std::unique_ptr<ContactMethod> make_online(World& world) { return std::make_unique<Online>(world); }

}  // namespace bb
