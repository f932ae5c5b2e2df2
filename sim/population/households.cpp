// Household generation from buurt statistics. Each household draws from its own keyed stream, so a
// household's attributes do not depend on how many others there are or on the order of generation.
#include "sim/population/households.hpp"

#include <algorithm>
#include <boost/random/beta_distribution.hpp>
#include <boost/random/gamma_distribution.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>
#include <cmath>

#include "sim/random/streams.hpp"

namespace bb {

void Households::resize(int count) {
    n = count;
    const auto un = static_cast<std::size_t>(count);
    profile.assign(un, Profile::zelfredzaam);
    composition.assign(un, Composition::eenpersoons);
    size.assign(un, 1);
    traits.assign(un, 0);
    porch.assign(un, 0);
    street.assign(un, 0);
    locations.assign(un, 0);
    availability.setZero(count, kSlotKinds);
    public_space.setZero(count);
    ties.setZero(count);
    needs.setZero(count, kDomains);
    awareness.setZero(count);
    trust.setZero(count);
    stigma.setZero(count);
    state.assign(un, FunnelState::geen_nood);
    state_until.assign(un, kNever);
    escalation.assign(un, EscalationKind::huisuitzetting);
    connected.assign(un, 0);
    dropout_factor.assign(un, 1.0F);
    reach.assign(un, 0);
    first_need_day.assign(un, kNever);
    first_signal_day.assign(un, kNever);
    first_attempt_day.assign(un, kNever);
    first_contact_day.assign(un, kNever);
    first_conversation_day.assign(un, kNever);
    first_toegeleid_day.assign(un, kNever);
    signals.assign(un, 0);
    attempts.assign(un, 0);
    conversations.assign(un, 0);
    escalations.assign(un, {});
    worker_hours.assign(un, 0.0F);
}

double children_per_family_extra(const Parameters::Buurt& b) {
    // E[size] = s1 + s0 (2 + extra adults) + sc (adults + 1 + extra children), adults = 2 - single
    // parent.
    const double s1 = b.share_one_person, sc = b.share_with_children, s0 = 1.0 - s1 - sc;
    if (sc <= 0) return 0.0;
    const double rest = b.persons_per_household - s1 - s0 * (2.0 + b.extra_adults_mean);
    return std::max(0.0, rest / sc - (2.0 - b.share_single_parent + 1.0));
}

double initial_need_probability(const Parameters& p, int domain, bool minimum_income,
                                bool children) {
    const double prev = p.needs.prevalence[domain];
    const auto d = static_cast<Domain>(domain);
    if (d == Domain::opvoeding) {
        if (!children || p.buurt.share_with_children <= 0) return 0.0;
        return std::min(0.95, prev / p.buurt.share_with_children);
    }
    if (d == Domain::financien || d == Domain::wonen) {
        const double rr = p.needs.relative_risk_minimum_income;
        const double smin = p.buurt.share_minimum_income;
        const double base = prev / (smin * rr + (1.0 - smin));
        return std::min(0.95, minimum_income ? base * rr : base);
    }
    return prev;
}

double self_help_rate_per_year(const Parameters& p, Profile profile) {
    const int k = static_cast<int>(profile);
    return p.needs.self_referral_per_year * p.profiles.awareness[k] * p.profiles.trust[k] *
           (1.0 - p.profiles.stigma[k]);
}

namespace {

// Escalation hazard per year per unit of severity above the threshold that a need in domain d
// drives (the engine's escalation phase maps domains to escalations the same way).
double escalation_hazard_of_domain(const Parameters& p, int d) {
    const auto& hz = p.escalations.hazard_per_year;
    switch (static_cast<Domain>(d)) {
        case Domain::financien:
        case Domain::wonen:
            return hz[static_cast<int>(EscalationKind::huisuitzetting)];
        case Domain::opvoeding:
            return hz[static_cast<int>(EscalationKind::kinderbeschermingsmaatregel)];
        case Domain::gezondheid:
            return hz[static_cast<int>(EscalationKind::crisis)];
        case Domain::sociaal:
            return 0.0;
    }
    return 0.0;
}

double initial_severity(const Parameters& p, int d, Profile profile, Stream& rng) {
    const double exit = p.needs.resolution_per_year[d] + self_help_rate_per_year(p, profile);
    const double growth = p.needs.growth_per_year[d];
    const double hazard = escalation_hazard_of_domain(p, d);
    const double thr = p.needs.escalation_threshold;
    if (exit <= 0) return 1.0;  // needs never end: no stationary age; start at onset
    double severity = 1.0;
    for (int attempt = 0; attempt < 1000; ++attempt) {
        severity = 1.0 + growth * (-std::log(rng.uniform()) / exit);
        const double over = std::max(0.0, severity - thr);
        const double cumulative = growth > 0 ? hazard * over * over / (2.0 * growth) : 0.0;
        if (rng.uniform() < std::exp(-cumulative)) break;
    }
    return severity;
}

double beta_draw(Stream& rng, double mean, double concentration) {
    mean = std::clamp(mean, 1e-6, 1.0 - 1e-6);
    boost::random::beta_distribution<double> beta(mean * concentration,
                                                  (1.0 - mean) * concentration);
    return beta(rng);
}

double logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }
double logit(double p) { return std::log(p / (1.0 - p)); }

}  // namespace

bool eligible(const Households& h, int i, Eligibility e) {
    switch (e) {
        case Eligibility::alle:
            return true;
        case Eligibility::met_kinderen:
            return h.composition[i] == Composition::met_kinderen;
        case Eligibility::minimum_inkomen:
            return h.has(i, kMinimumIncome);
        case Eligibility::migratieachtergrond:
            return h.has(i, kMigration);
        case Eligibility::senior:
            return h.has(i, kSenior);
    }
    return false;
}

Households generate_households(const Scenario& sc, std::uint32_t replication) {
    return generate_households(sc, sc.seed, replication, sc.params.buurt.households);
}

Households generate_households(const Scenario& sc, std::uint64_t seed, std::uint32_t replication,
                               int count) {
    const Parameters& p = sc.params;
    const auto& b = p.buurt;
    Households h;
    h.resize(count);
    const double extra_children = children_per_family_extra(b);
    const double senior_given_no_children =
        b.share_with_children < 1.0 ? std::min(1.0, b.share_senior / (1.0 - b.share_with_children))
                                    : 0.0;
    const double p_misser = p.profiles.share_non_users * p.profiles.share_zorgmisser_of_non_users;
    const double p_mijder =
        p.profiles.share_non_users * (1.0 - p.profiles.share_zorgmisser_of_non_users);

    for (int i = 0; i < count; ++i) {
        Stream rng(seed, replication, Purpose::population, static_cast<std::uint32_t>(i));
        // Address: households fill porches in id order, porches fill streets.
        h.porch[i] = i / b.porch_size;
        h.street[i] = h.porch[i] / b.porches_per_street;

        // Composition and size.
        const double uc = rng.uniform();
        Composition c = Composition::zonder_kinderen;
        if (uc < b.share_one_person) {
            c = Composition::eenpersoons;
        } else if (uc < b.share_one_person + b.share_with_children) {
            c = Composition::met_kinderen;
        }
        h.composition[i] = c;
        int persons = 1;
        if (c == Composition::zonder_kinderen) {
            persons = 2 + (b.extra_adults_mean > 0
                               ? boost::random::poisson_distribution<int>(b.extra_adults_mean)(rng)
                               : 0);
        } else if (c == Composition::met_kinderen) {
            const int adults = rng.bernoulli(b.share_single_parent) ? 1 : 2;
            const int children =
                1 + (extra_children > 0
                         ? boost::random::poisson_distribution<int>(extra_children)(rng)
                         : 0);
            persons = adults + children;
        }
        h.size[i] = static_cast<std::uint8_t>(std::min(persons, 255));

        std::uint8_t t = 0;
        if (c != Composition::met_kinderen && rng.bernoulli(senior_given_no_children)) t |= kSenior;
        if (rng.bernoulli(b.share_minimum_income)) t |= kMinimumIncome;
        if (rng.bernoulli(b.share_migration_background)) {
            t |= kMigration;
            if (rng.bernoulli(b.share_limited_dutch)) t |= kLimitedDutch;
        }
        if (rng.bernoulli(b.share_social_rent)) t |= kSocialRent;
        if (rng.bernoulli(p.availability.phone_known)) t |= kPhoneKnown;
        h.traits[i] = t;

        // Help-seeking profile and attitudes.
        const double up = rng.uniform();
        const Profile prof = up < p_misser              ? Profile::zorgmisser
                             : up < p_misser + p_mijder ? Profile::zorgmijder
                                                        : Profile::zelfredzaam;
        h.profile[i] = prof;
        const int k = static_cast<int>(prof);
        h.awareness[i] = beta_draw(rng, p.profiles.awareness[k], p.profiles.concentration);
        h.trust[i] = beta_draw(rng, p.profiles.trust[k], p.profiles.concentration);
        h.stigma[i] = beta_draw(rng, p.profiles.stigma[k], p.profiles.concentration);
        h.ties[i] = beta_draw(rng, p.profiles.ties_mean, p.profiles.concentration);

        // Availability: one latent readiness per household shifts every slot alike.
        const int group = (t & kSenior) != 0 ? 3 : static_cast<int>(c);
        const double z = boost::random::normal_distribution<double>(0.0, 1.0)(rng);
        for (int s = 0; s < kSlotKinds; ++s) {
            h.availability(i, s) =
                logistic(logit(p.availability.mean[group][s]) + p.availability.spread * z);
        }
        const double shape = p.availability.public_space_shape;
        // Use of public space is relative (only ratios matter for who is met): mean 1, times the
        // children factor for families.
        const double mean_use =
            c == Composition::met_kinderen ? p.availability.public_space_children_factor : 1.0;
        h.public_space[i] =
            mean_use > 0 ? boost::random::gamma_distribution<double>(shape, mean_use / shape)(rng)
                         : 0.0;

        for (std::size_t l = 0; l < sc.locations.size(); ++l) {
            if (eligible(h, i, sc.locations[l].eligible) &&
                rng.bernoulli(sc.locations[l].membership)) {
                h.locations[i] |= static_cast<std::uint16_t>(1u << l);
            }
        }

        // Needs at the start: at each domain's prevalence, with the severity of a need of
        // stationary age: exponential with the rate at which unaddressed needs end (resolution or
        // finding help oneself), thinned by the escalations a need of that severity would have met
        // on the way (rejection sampling with acceptance exp(-cumulative escalation hazard)).
        for (int d = 0; d < kDomains; ++d) {
            const double pn = initial_need_probability(p, d, (t & kMinimumIncome) != 0,
                                                       c == Composition::met_kinderen);
            if (!rng.bernoulli(pn)) continue;
            h.needs(i, d) = initial_severity(p, d, prof, rng);
        }
        // Drawn last, so that adding it left every earlier draw of the household unchanged.
        const double online =
            (t & kSenior) != 0 ? p.availability.online_senior : p.availability.online;
        if (rng.bernoulli(online)) h.traits[i] |= kOnline;
        if (h.in_need(i)) {
            h.state[i] = FunnelState::onbekend;
            h.first_need_day[i] = 0;
            h.reach[i] |= kReachInNeed;
        }
    }
    return h;
}

}  // namespace bb
