// online: online presence (chat, social media, the buurt's apps), the fifth channel of the quick
// scan's `locatie: online`. Households that can be met online (trait kOnline) are met at
// time.online_contacts_per_hour, uniformly among them; engagement with a household in need is
// calibrated to contact.online_follow_up. All of the method's credit in a slot is spent online;
// the short exchanges are part of that time.
#include <boost/random/poisson_distribution.hpp>

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
        if (credit <= 0) return;
        WorkerState& wk = world.workers[worker];
        const double hours = credit;
        credit = 0;
        world.book(worker, Method::online, Activity::online, hours);
        if (reachable_.empty()) return;
        Stream rng(world.seed, world.replication, Purpose::online,
                   static_cast<std::uint32_t>(worker), static_cast<std::uint32_t>(world.day),
                   wk.online_shifts++);
        const double mean = world.p.time.online_contacts_per_hour * hours;
        const int contacts = mean > 0 ? boost::random::poisson_distribution<int>(mean)(rng) : 0;
        const auto count = static_cast<double>(reachable_.size());
        for (int c = 0; c < contacts; ++c) {
            const auto k = static_cast<std::size_t>(rng.uniform() * count);
            const int i = reachable_[std::min(k, reachable_.size() - 1)];
            if (world.h.state[i] == FunnelState::geescaleerd) continue;
            attempt_contact(world, worker, i, Method::online, Action::online, Reason::online);
        }
    }

  private:
    std::vector<std::int32_t> reachable_;
};

}  // namespace

std::unique_ptr<ContactMethod> make_online(World& world) { return std::make_unique<Online>(world); }

}  // namespace bb
