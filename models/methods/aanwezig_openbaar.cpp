// aanwezig_openbaar: being present in public space (square, shopping centre, playground). Contacts
// arrive at street_contacts_per_shift per street_shift_hours; who is met is drawn in proportion to
// the households' fixed use of public space. All of the method's credit in a slot is spent on
// presence; the short talks are part of that time.
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
        const double per_hour =
            world.p.time.street_contacts_per_shift / world.p.time.street_shift_hours;
        hold_presence(world, worker, credit, Method::aanwezig_openbaar, Activity::aanwezigheid,
                      Action::straatcontact, Reason::aanwezigheid, Purpose::street,
                      world.workers[worker].presence_shifts, table_.empty() ? 0.0 : per_hour,
                      [this](double u1, double u2) { return table_.draw(u1, u2); });
    }

  private:
    AliasTable table_;
};

}  // namespace

std::unique_ptr<ContactMethod> make_aanwezig_openbaar(World& world) {
    return std::make_unique<AanwezigOpenbaar>(world);
}

}  // namespace bb
