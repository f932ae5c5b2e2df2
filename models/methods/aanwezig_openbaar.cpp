// aanwezig_openbaar: being present in public space (square, shopping centre, playground). Contacts
// arrive at street_contacts_per_shift per street_shift_hours; who is met is drawn in proportion to
// the households' fixed use of public space. All of the method's credit in a slot is spent on
// presence; the short talks are part of that time.
#include <boost/random/poisson_distribution.hpp>

#include "sim/engine/world.hpp"
#include "sim/random/alias_table.hpp"

namespace bb {

namespace {

class AanwezigOpenbaar final : public ContactMethod {
  public:
    explicit AanwezigOpenbaar(const World& world)
        : table_(std::vector<double>(world.h.public_space.data(),
                                     world.h.public_space.data() + world.h.n)) {}

    Method id() const override { return Method::aanwezig_openbaar; }

    double max_action_hours(const World&, int) const override { return 0.0; }

    void act(World& world, int worker, double& credit) override {
        if (credit <= 0) return;
        WorkerState& wk = world.workers[worker];
        const double hours = credit;
        credit = 0;
        world.book(worker, Method::aanwezig_openbaar, Activity::aanwezigheid, hours);
        if (table_.empty()) return;
        Stream rng(world.seed, world.replication, Purpose::street,
                   static_cast<std::uint32_t>(worker), static_cast<std::uint32_t>(world.day),
                   wk.presence_shifts++);
        const double mean =
            world.p.time.street_contacts_per_shift / world.p.time.street_shift_hours * hours;
        const int contacts = mean > 0 ? boost::random::poisson_distribution<int>(mean)(rng) : 0;
        for (int c = 0; c < contacts; ++c) {
            const double u1 = rng.uniform();
            const double u2 = rng.uniform();
            const int i = table_.draw(u1, u2);
            if (world.h.state[i] == FunnelState::geescaleerd)
                continue;  // away: evicted, in crisis care
            attempt_contact(world, worker, i, Method::aanwezig_openbaar, Action::straatcontact,
                            Reason::aanwezigheid);
        }
    }

  private:
    AliasTable table_;
};

}  // namespace

std::unique_ptr<ContactMethod> make_aanwezig_openbaar(World& world) {
    return std::make_unique<AanwezigOpenbaar>(world);
}

}  // namespace bb
