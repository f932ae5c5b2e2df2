// The households of a buurt as a structure of arrays indexed by a dense id 0..n-1, in address order
// (porch by porch, street by street). Fixed attributes are drawn once at generation and never
// redrawn (persistent heterogeneity); dynamic state (needs, attitudes, funnel state) changes day by
// day; the cumulative record (first days, counters, reach flags) feeds the per-household results.
#pragma once

#include <Eigen/Core>

#include <cstdint>
#include <vector>

#include "sim/core/ids.hpp"
#include "sim/scenario/scenario.hpp"

namespace bb {

// Bits of Households::traits.
enum Trait : std::uint8_t {
    kMinimumIncome = 1u << 0,
    kMigration = 1u << 1,
    kLimitedDutch = 1u << 2,
    kSenior = 1u << 3,
    kSocialRent = 1u << 4,
    kPhoneKnown = 1u << 5,
    kOnline = 1u << 6,  // can be met online (the online channel)
};

// Bits of Households::reach: what happened to a household while it was in need (ever, this run).
enum Reach : std::uint8_t {
    kReachInNeed = 1u << 0,
    kReachSignalled = 1u << 1,
    kReachAttempted = 1u << 2,
    kReachContacted = 1u << 3,  // met (door opened, phone answered, met in street or session)
    kReachConversation = 1u << 4,
    kReachAccepted = 1u << 5,
    kReachToegeleid = 1u << 6,  // handed over to help through outreach ("helped")
    kReachSelfHelp = 1u << 7,   // found help through its own route
};

inline constexpr std::int32_t kNever = -1;

struct Households {
    int n = 0;

    // Fixed attributes.
    std::vector<Profile> profile;
    std::vector<Composition> composition;
    std::vector<std::uint8_t> size;    // persons
    std::vector<std::uint8_t> traits;  // Trait bits
    std::vector<std::int32_t> porch;
    std::vector<std::int32_t> street;
    std::vector<std::uint16_t> locations;  // bit l: member of collective location l
    Eigen::ArrayXXd availability;          // n x kSlotKinds: chance to be home and open, per slot
    Eigen::ArrayXd public_space;           // relative use of public space
    Eigen::ArrayXd ties;                   // ties with neighbours and community, [0, 1]

    // Dynamic state.
    Eigen::ArrayXXd needs;  // n x kDomains: severity; 0 = no need in that domain
    Eigen::ArrayXd awareness;
    Eigen::ArrayXd trust;
    Eigen::ArrayXd stigma;
    std::vector<FunnelState> state;
    std::vector<std::int32_t> state_until;   // last day of an escalation episode, else kNever
    std::vector<EscalationKind> escalation;  // kind of the current escalation episode
    std::vector<std::uint8_t>
        connected;                      // a connected resident of the buurt's network (verbindend)
    std::vector<float> dropout_factor;  // multiplies drop-out from help (set at hand-over)

    // Cumulative record.
    std::vector<std::uint8_t> reach;  // Reach bits
    std::vector<std::int32_t> first_need_day;
    std::vector<std::int32_t> first_signal_day;
    std::vector<std::int32_t> first_attempt_day;
    std::vector<std::int32_t> first_contact_day;
    std::vector<std::int32_t> first_conversation_day;
    std::vector<std::int32_t> first_toegeleid_day;
    std::vector<std::uint16_t> signals;
    std::vector<std::uint16_t> attempts;
    std::vector<std::uint16_t> conversations;
    std::vector<std::array<std::uint8_t, kEscalationKinds>> escalations;
    std::vector<float> worker_hours;  // worker hours spent on this household (all methods)

    bool has(int i, Trait t) const { return (traits[i] & t) != 0; }
    bool in_need(int i) const { return (needs.row(i) > 0.0).any(); }
    int streets() const { return n == 0 ? 0 : street.back() + 1; }

    void resize(int count);
};

// Generates the households of a scenario's buurt from its statistics (the P-rows), with draws keyed
// by (seed, replication, Purpose::population, household). Initial needs are drawn at the
// prevalence of each domain, with the severity of a need of stationary (exponential) age.
Households generate_households(const Scenario& scenario, std::uint32_t replication);

// The same, for `count` households and an explicit seed (used by calibration).
Households generate_households(const Scenario& scenario, std::uint64_t seed,
                               std::uint32_t replication, int count);

// The slot in which household i is most often home (the first of equals).
inline int best_slot(const Households& h, int i) {
    int best = 0;
    for (int s = 1; s < kSlotKinds; ++s) {
        if (h.availability(i, s) > h.availability(i, best)) best = s;
    }
    return best;
}

// Whether household i may be a member of a collective location open to `e`.
bool eligible(const Households& h, int i, Eligibility e);

// Expected number of children per family implied by persons_per_household and the composition
// shares.
double children_per_family_extra(const Parameters::Buurt& b);

// Rate (per year) at which a household of this profile with average attitudes finds help itself.
double self_help_rate_per_year(const Parameters& p, Profile profile);

// Probability that a household of this risk group has a need in domain k at the start.
double initial_need_probability(const Parameters& p, int domain, bool minimum_income,
                                bool children);

}  // namespace bb
