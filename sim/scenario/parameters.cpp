// The table of all scalar parameters. Each row: key path, field, default, range, unit, meaning and
// source. "A: ..." marks an assumption (a what-if lever, never a finding); other ids refer to
// ../shared/EVIDENCE.md, copied into docs/evidence.md.
#include "sim/scenario/parameters.hpp"

#include <cmath>
#include <iomanip>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

namespace bb {

double ParamSpec::get(const Parameters& p) const {
    auto& mp = const_cast<Parameters&>(p);  // accessors are non-const; reading does not modify
    if (const auto* d = std::get_if<0>(&ref)) return (*d)(mp);
    return static_cast<double>(std::get<1>(ref)(mp));
}

bool is_assumption_source(const std::string& source) {
    if (source.empty() || source[0] != 'A') return false;
    if (source.size() == 1) return true;
    const char next = source[1];
    return next == ':' || next == ';' || next == '(' || next == ' ' || next == '\t';
}

bool ParamSpec::is_assumption() const { return is_assumption_source(source); }

void ParamSpec::set(Parameters& p, double value) const {
    if (const auto* d = std::get_if<0>(&ref)) {
        (*d)(p) = value;
    } else {
        std::get<1>(ref)(p) = static_cast<int>(std::lround(value));
    }
}

namespace {

struct Builder {
    std::vector<ParamSpec> specs;
    Parameters defaults;

    void real(std::string path, std::function<double&(Parameters&)> f, double min, double max,
              std::string unit, std::string description, std::string source) {
        const double def = f(defaults);
        specs.push_back({std::move(path), ParamRef{std::move(f)}, def, min, max, std::move(unit),
                         std::move(description), std::move(source)});
    }
    void integer(std::string path, std::function<int&(Parameters&)> f, double min, double max,
                 std::string unit, std::string description, std::string source) {
        const double def = f(defaults);
        specs.push_back({std::move(path), ParamRef{std::move(f)}, def, min, max, std::move(unit),
                         std::move(description), std::move(source)});
    }
};

std::vector<ParamSpec> build_specs() {
    Builder b;
    using P = Parameters;
    const std::string share = "share (0-1)";

    // --- buurt: the population's statistics ---------------------------------------------------
    b.integer(
        "buurt.households", [](P& p) -> int& { return p.buurt.households; }, 1, 2000000,
        "households", "Number of households in the buurt.",
        "P1: CBS 85039NED 2021, WK036368 Waterlandpleinbuurt");
    b.real(
        "buurt.persons_per_household",
        [](P& p) -> double& { return p.buurt.persons_per_household; }, 1.0, 6.0, "persons",
        "Mean household size; sets the mean number of children in families.",
        "P2: CBS 85039NED 2021 (13,560 inhabitants / 6,095 households)");
    b.real(
        "buurt.share_one_person", [](P& p) -> double& { return p.buurt.share_one_person; }, 0, 1,
        share, "One-person households.", "P17: CBS 85039NED 2021");
    b.real(
        "buurt.share_with_children", [](P& p) -> double& { return p.buurt.share_with_children; }, 0,
        1, share, "Households with children.", "P17: CBS 85039NED 2021");
    b.real(
        "buurt.share_single_parent", [](P& p) -> double& { return p.buurt.share_single_parent; }, 0,
        1, "share of families", "Single-parent households among households with children.",
        "A: no buurt figure found; deprived Amsterdam buurten have many single parents");
    b.real(
        "buurt.extra_adults_mean", [](P& p) -> double& { return p.buurt.extra_adults_mean; }, 0, 3,
        "persons",
        "Mean number of persons beyond two in a multi-person household without children "
        "(Poisson).",
        "A: small; most such households are couples");
    b.real(
        "buurt.share_social_rent", [](P& p) -> double& { return p.buurt.share_social_rent; }, 0, 1,
        share, "Households renting from a housing corporation (at risk of corporation eviction).",
        "P3");
    b.real(
        "buurt.share_minimum_income", [](P& p) -> double& { return p.buurt.share_minimum_income; },
        0, 1, share, "Households with a minimum income.", "P4: AT5 2023 (range 25-35%)");
    b.real(
        "buurt.share_migration_background",
        [](P& p) -> double& { return p.buurt.share_migration_background; }, 0, 1, share,
        "Households with a migration background (the persons' share P15 applied to households).",
        "P15 (A: persons' share used for households)");
    b.real(
        "buurt.share_limited_dutch", [](P& p) -> double& { return p.buurt.share_limited_dutch; }, 0,
        1, "share of migrant households",
        "Migrant households with limited Dutch (a language barrier at the door and in sessions).",
        "A: no buurt figure found");
    b.real(
        "buurt.share_senior", [](P& p) -> double& { return p.buurt.share_senior; }, 0, 1, share,
        "Households headed by someone aged 65+ (often home by day).",
        "P16 (A: persons' share used for households)");
    b.integer(
        "buurt.porch_size", [](P& p) -> int& { return p.buurt.porch_size; }, 1, 200, "households",
        "Households per porch or gallery (portiek); the unit of door-to-door routing.",
        "A: typical porch flats of Amsterdam-Noord");
    b.integer(
        "buurt.porches_per_street", [](P& p) -> int& { return p.buurt.porches_per_street; }, 1,
        1000, "porches", "Porches per street.", "A: layout assumption");

    // --- profiles: help-seeking behaviour and attitudes --------------------------------------
    b.real(
        "profiles.share_non_users", [](P& p) -> double& { return p.profiles.share_non_users; }, 0,
        1, "share of households",
        "Households that would not find help themselves (zorgmissers plus "
        "zorgmijders); profiles are fixed, so among those in need this share holds too.",
        "P11 (35-65%)");
    b.real(
        "profiles.share_zorgmisser_of_non_users",
        [](P& p) -> double& { return p.profiles.share_zorgmisser_of_non_users; }, 0, 1,
        "share of non-users", "Zorgmissers among non-users; the rest are zorgmijders.", "P12");
    for (int k = 0; k < kProfiles; ++k) {
        const std::string id{id_of(static_cast<Profile>(k))};
        b.real(
            "profiles.awareness." + id, [k](P& p) -> double& { return p.profiles.awareness[k]; }, 0,
            1, "index (0-1)",
            "Mean awareness of provisions of a " + id + " household at the start.",
            "A: zorgmissers do not know the offer (P12 rationale)");
    }
    for (int k = 0; k < kProfiles; ++k) {
        const std::string id{id_of(static_cast<Profile>(k))};
        b.real(
            "profiles.trust." + id, [k](P& p) -> double& { return p.profiles.trust[k]; }, 0, 1,
            "index (0-1)", "Mean trust in professionals of a " + id + " household at the start.",
            "A: zorgmijders distrust professionals (DESIGN.md 1)");
    }
    for (int k = 0; k < kProfiles; ++k) {
        const std::string id{id_of(static_cast<Profile>(k))};
        b.real(
            "profiles.stigma." + id, [k](P& p) -> double& { return p.profiles.stigma[k]; }, 0, 1,
            "index (0-1)", "Mean felt stigma of asking for help of a " + id + " household.",
            "A: shame is a core reason to avoid care (DESIGN.md 1)");
    }
    b.real(
        "profiles.concentration", [](P& p) -> double& { return p.profiles.concentration; }, 0.1,
        1000, "Beta a+b",
        "Concentration of the Beta distributions of awareness, trust and stigma around "
        "their means (higher: less spread between households).",
        "A");
    b.real(
        "profiles.ties_mean", [](P& p) -> double& { return p.profiles.ties_mean; }, 0, 1,
        "index (0-1)",
        "Mean strength of ties with neighbours and community (scales neighbour "
        "signals).",
        "A");

    // --- availability: when households can be met ---------------------------------------------
    const char* groups[4] = {"eenpersoons", "zonder_kinderen", "met_kinderen", "senior"};
    for (int g = 0; g < 4; ++g) {
        for (int s = 0; s < kSlotKinds; ++s) {
            const std::string slot{id_of(static_cast<SlotKind>(s))};
            b.real(
                std::string("availability.") + groups[g] + "." + slot,
                [g, s](P& p) -> double& { return p.availability.mean[g][s]; }, 0.001, 0.999,
                "probability",
                std::string("Median chance that a ") + groups[g] +
                    " household is home and opens the door in slot " + slot + ".",
                "A: working adults are rarely home by day, seniors often (MODEL-SKETCH); "
                "door engagement is calibrated to D2 on top");
        }
    }
    b.real(
        "availability.spread", [](P& p) -> double& { return p.availability.spread; }, 0, 5,
        "logit sd",
        "Spread between households of their persistent readiness to open the door. One "
        "latent draw per household shifts all its slots alike, so a household that rarely opens by "
        "day also rarely opens in the evening, across all attempts.",
        "A: persistent heterogeneity makes call-backs yield less (MODEL-SKETCH)");
    b.real(
        "availability.public_space_children_factor",
        [](P& p) -> double& { return p.availability.public_space_children_factor; }, 0, 100,
        "factor",
        "Use of public space by households with children relative to others "
        "(playgrounds, school runs).",
        "A");
    b.real(
        "availability.public_space_shape",
        [](P& p) -> double& { return p.availability.public_space_shape; }, 0.01, 100, "Gamma shape",
        "Shape of the Gamma distribution of public-space use (low: a few households "
        "are outside a lot).",
        "A");
    b.real(
        "availability.phone_known", [](P& p) -> double& { return p.availability.phone_known; }, 0,
        1, share, "Households whose phone number the team has (via the signalling partner).", "A");
    b.real(
        "availability.online", [](P& p) -> double& { return p.availability.online; }, 0, 1, share,
        "Households under 65 that can be met online (chat, social media; the online channel).",
        "A: most households use social media daily");
    b.real(
        "availability.online_senior", [](P& p) -> double& { return p.availability.online_senior; },
        0, 1, share, "Senior households that can be met online.", "A: fewer seniors online");

    // --- needs: life domains ------------------------------------------------------------------
    const char* prevalence_source[kDomains] = {
        "P5: O&S Schuldenmonitor 2023 (registered problem debts, 12-20%)",
        "A: housing problems besides arrears", "A: health and mental-health needs",
        "A: social isolation", "A: parenting and child-safety needs (of all households)"};
    for (int k = 0; k < kDomains; ++k) {
        const std::string id{id_of(static_cast<Domain>(k))};
        b.real(
            "needs." + id + ".prevalence", [k](P& p) -> double& { return p.needs.prevalence[k]; },
            0, 0.95, share,
            "Households with a need in " + id +
                " at the start; the onset hazard is derived so "
                "that, without outreach, this share is stationary (docs/ODD.md).",
            prevalence_source[k]);
        b.real(
            "needs." + id + ".resolution_per_year",
            [k](P& p) -> double& { return p.needs.resolution_per_year[k]; }, 0, 50, "1/year",
            "Hazard that a need in " + id + " resolves without any help.",
            k == 0 ? "A: debts persist for years (P10: 5-year delay before seeking help)" : "A");
        b.real(
            "needs." + id + ".growth_per_year",
            [k](P& p) -> double& { return p.needs.growth_per_year[k]; }, 0, 20, "severity/year",
            "Growth of an unaddressed need in " + id +
                " (onset severity is 1, escalation threshold "
                "needs.escalation_threshold).",
            k <= 1 ? "A: arrears build up over years before an eviction (P10: 3-7 years)" : "A");
    }
    b.real(
        "needs.relative_risk_minimum_income",
        [](P& p) -> double& { return p.needs.relative_risk_minimum_income; }, 1, 20, "ratio",
        "Relative risk of financial and housing needs for minimum-income households.", "A");
    b.real(
        "needs.help_halving_weeks", [](P& p) -> double& { return p.needs.help_halving_weeks; }, 0.1,
        520, "weeks", "Weeks in which help halves a need's severity.", "A");
    b.real(
        "needs.resolved_below", [](P& p) -> double& { return p.needs.resolved_below; }, 0.01, 0.99,
        "severity", "Severity below which a helped need counts as resolved.", "A");
    b.real(
        "needs.escalation_threshold", [](P& p) -> double& { return p.needs.escalation_threshold; },
        1.0, 100, "severity", "Severity above which escalations can happen.", "A");
    b.real(
        "needs.self_referral_per_year",
        [](P& p) -> double& { return p.needs.self_referral_per_year; }, 0, 365, "1/year",
        "Base hazard of finding help oneself, scaled by awareness x trust x (1 - stigma); with the "
        "default attitudes a zorgmisser waits about five years.",
        "P10 (D: 5-year delay)");

    // --- signals ------------------------------------------------------------------------------
    b.real(
        "signals.debt_signals_per_1000",
        [](P& p) -> double& { return p.signals.debt_signals_per_1000; }, 0, 5000,
        "signals per 1,000 households per year",
        "Debt signals (housing corporation, energy and water, health insurer) in the buurt; the "
        "rate "
        "per household scales with the severity of its financial need.",
        "F3 (150-250)");
    b.real(
        "signals.share_zorgverzekeraar",
        [](P& p) -> double& { return p.signals.share_zorgverzekeraar; }, 0, 1,
        "share of debt signals", "Debt signals from health insurers.", "F5: Divosa 2022");
    b.real(
        "signals.share_woningcorporatie",
        [](P& p) -> double& { return p.signals.share_woningcorporatie; }, 0, 1,
        "share of debt signals",
        "Debt signals from the housing corporation; the rest come from "
        "energy and water companies.",
        "A");
    b.real(
        "signals.huisarts_per_year", [](P& p) -> double& { return p.signals.huisarts_per_year; }, 0,
        50, "1/year per unit severity", "GP signals per household with a health need.", "A");
    b.real(
        "signals.school_per_year", [](P& p) -> double& { return p.signals.school_per_year; }, 0, 50,
        "1/year per unit severity", "School signals per household with a parenting need.", "A");
    b.real(
        "signals.buren_per_year", [](P& p) -> double& { return p.signals.buren_per_year; }, 0, 50,
        "1/year per unit severity", "Neighbour signals per household in need, scaled by its ties.",
        "A");
    b.real(
        "signals.politie_per_year", [](P& p) -> double& { return p.signals.politie_per_year; }, 0,
        50, "1/year per unit severity above threshold",
        "Police signals per household whose health or parenting need is above the escalation "
        "threshold.",
        "A");
    b.real(
        "signals.follow_up_threshold_eur",
        [](P& p) -> double& { return p.signals.follow_up_threshold_eur; }, 0, 100000, "euro",
        "Debt signals with arrears below this amount are recorded but not followed up; 0 follows "
        "up every signal.",
        "F10: Divosa 2024 (median threshold)");
    b.real(
        "signals.arrears_eur_at_onset",
        [](P& p) -> double& { return p.signals.arrears_eur_at_onset; }, 0, 100000, "euro",
        "Median arrears of a debt signal at severity 1; arrears grow in "
        "proportion to severity.",
        "A");
    b.real(
        "signals.arrears_sigma", [](P& p) -> double& { return p.signals.arrears_sigma; }, 0, 5,
        "log-euro", "Spread (lognormal sigma) of arrears between signals.", "A");
    b.integer(
        "signals.reopen_after_days", [](P& p) -> int& { return p.signals.reopen_after_days; }, 0,
        3650, "days", "A new signal reopens a closed case only after this many days.", "A");

    // --- contact: engagement and acceptance -----------------------------------------------------
    b.real(
        "contact.door_conversation_per_pass",
        [](P& p) -> double& { return p.contact.door_conversation_per_pass; }, 0.001, 0.999,
        "probability",
        "Calibration target: door opened and a conversation, one pass, averaged over "
        "households and the three slots. Sets the door engagement intercept.",
        "D2 (20-45%)");
    b.real(
        "contact.letter_response", [](P& p) -> double& { return p.contact.letter_response; },
        0.0001, 0.999, "probability", "Calibration target: response to a standard letter.",
        "D7 (2-10%)");
    b.real(
        "contact.phone_conversation", [](P& p) -> double& { return p.contact.phone_conversation; },
        0.001, 0.999, "probability",
        "Calibration target: a call to a known number leads to a conversation (higher than a "
        "visit).",
        "D8 (qualitative; A: 40%)");
    b.real(
        "contact.street_follow_up", [](P& p) -> double& { return p.contact.street_follow_up; },
        0.0001, 0.999, "probability",
        "Calibration target: street contacts that lead to a follow-up conversation.",
        "S2 (10-30%)");
    b.real(
        "contact.session_follow_up", [](P& p) -> double& { return p.contact.session_follow_up; },
        0.0001, 0.999, "probability",
        "Calibration target: attendees of an information session who ask for individual follow-up.",
        "S5 (10-25%)");
    b.real(
        "contact.online_follow_up", [](P& p) -> double& { return p.contact.online_follow_up; },
        0.0001, 0.999, "probability",
        "Calibration target: online contacts with a household in need that lead to a follow-up "
        "conversation.",
        "A: no source; below street contacts (S2)");
    for (int k = 0; k < kProfiles; ++k) {
        const std::string id{id_of(static_cast<Profile>(k))};
        b.real(
            "contact.session_attendance_profile." + id,
            [k](P& p) -> double& { return p.contact.session_attendance_profile[k]; }, 0, 10, "x",
            "Relative chance that a member of a collective location of profile " + id +
                " attends an information session.",
            k == 2 ? "A: zorgmijders avoid gatherings about help" : "A");
    }
    b.real(
        "contact.acceptance", [](P& p) -> double& { return p.contact.acceptance; }, 0.001, 0.999,
        "probability",
        "Calibration target: acceptance of help once a conversation takes place, "
        "averaged over households in need at the start.",
        "F7: Divosa Monitor 2022 (30-50%)");
    for (int k = 0; k < kProfiles; ++k) {
        const std::string id{id_of(static_cast<Profile>(k))};
        b.real(
            "contact.engage_profile." + id,
            [k](P& p) -> double& { return p.contact.engage_profile[k]; }, -10, 10, "logit",
            "Engagement shift (talks at the door, in the street) of a " + id + " household.", "A");
    }
    for (int k = 0; k < kProfiles; ++k) {
        const std::string id{id_of(static_cast<Profile>(k))};
        b.real(
            "contact.accept_profile." + id,
            [k](P& p) -> double& { return p.contact.accept_profile[k]; }, -10, 10, "logit",
            "Acceptance shift of a " + id + " household in conversation.",
            k == 2 ? "A: M2, a zorgmijder accepts 5-10% at a first conversation" : "A");
    }
    b.real(
        "contact.engage_trust", [](P& p) -> double& { return p.contact.engage_trust; }, 0, 20,
        "logit per unit trust", "Effect of trust (centred at 0.5) on engagement.", "A");
    b.real(
        "contact.engage_stigma", [](P& p) -> double& { return p.contact.engage_stigma; }, 0, 20,
        "logit per unit stigma", "Effect of stigma on engagement (lowers it).", "A");
    b.real(
        "contact.engage_limited_dutch",
        [](P& p) -> double& { return p.contact.engage_limited_dutch; }, -10, 10, "logit",
        "Engagement shift for a household with limited Dutch.", "A");
    b.real(
        "contact.accept_trust", [](P& p) -> double& { return p.contact.accept_trust; }, 0, 20,
        "logit per unit trust", "Effect of trust (centred at 0.5) on acceptance.", "A");
    b.real(
        "contact.accept_awareness", [](P& p) -> double& { return p.contact.accept_awareness; }, 0,
        20, "logit per unit awareness", "Effect of awareness (centred at 0.5) on acceptance.", "A");
    b.real(
        "contact.accept_stigma", [](P& p) -> double& { return p.contact.accept_stigma; }, 0, 20,
        "logit per unit stigma",
        "Effect of stigma (centred at 0.5) on acceptance (lowers it; shame keeps help away).",
        "A: DESIGN.md §3, stigma as a barrier");
    b.real(
        "contact.awareness_gain_conversation",
        [](P& p) -> double& { return p.contact.awareness_gain_conversation; }, 0, 1,
        "share of the gap", "A conversation closes this share of the gap between awareness and 1.",
        "A");
    b.real(
        "contact.awareness_gain_session",
        [](P& p) -> double& { return p.contact.awareness_gain_session; }, 0, 1, "share of the gap",
        "Attending an information session closes this share of the awareness gap.", "A");
    b.real(
        "contact.trust_loss_refusal", [](P& p) -> double& { return p.contact.trust_loss_refusal; },
        0, 1, "trust", "Trust lost when a household refuses at a repeated attempt (felt pressure).",
        "A");
    b.real(
        "contact.handover_failure", [](P& p) -> double& { return p.contact.handover_failure; }, 0,
        1, "probability", "A warm hand-over that does not lead to help.", "A");
    b.real(
        "contact.help_dropout_per_year",
        [](P& p) -> double& { return p.contact.help_dropout_per_year; }, 0, 365, "1/year",
        "Hazard of dropping out of help before the need is resolved.", "A");
    b.integer(
        "contact.days_between_steps", [](P& p) -> int& { return p.contact.days_between_steps; }, 1,
        365, "days", "Minimum days between protocol steps for one signal case.",
        "A: practice guides (D6)");

    // --- time costs of contact ----------------------------------------------------------------
    b.real(
        "time.letter_hours", [](P& p) -> double& { return p.time.letter_hours; }, 0, 24, "hours",
        "Worker time for one letter.", "A");
    b.real(
        "time.phone_hours", [](P& p) -> double& { return p.time.phone_hours; }, 0, 24, "hours",
        "Worker time for one call attempt including a short talk.", "D8 (A: less than a visit)");
    b.real(
        "time.visit_hours", [](P& p) -> double& { return p.time.visit_hours; }, 0, 24, "hours",
        "Home visit with a conversation, including travel and registration (per worker).", "T2");
    b.real(
        "time.visit_not_home_hours", [](P& p) -> double& { return p.time.visit_not_home_hours; }, 0,
        24, "hours", "Home visit without an answer: travel and a not-at-home card (per worker).",
        "A");
    b.real(
        "time.doors_per_hour", [](P& p) -> double& { return p.time.doors_per_hour; }, 0.1, 100,
        "doors/hour",
        "Doors a team (duo or single worker) passes per hour in a sweep, short doorstep "
        "talks included.",
        "D4 (6-12)");
    b.real(
        "time.conversation_hours", [](P& p) -> double& { return p.time.conversation_hours; }, 0, 24,
        "hours", "An in-depth conversation with a household in need (per worker).",
        "D5 (30-60 min)");
    b.real(
        "time.street_contacts_per_shift",
        [](P& p) -> double& { return p.time.street_contacts_per_shift; }, 0, 1000, "contacts",
        "Meaningful contacts per street-presence shift.", "S1 (5-15)");
    b.real(
        "time.street_shift_hours", [](P& p) -> double& { return p.time.street_shift_hours; }, 0.1,
        24, "hours", "Length of a street-presence shift.", "S1");
    b.real(
        "time.session_attendance", [](P& p) -> double& { return p.time.session_attendance; }, 0,
        1000, "persons", "Expected attendance of an information session.", "S3 (8-25)");
    b.real(
        "time.session_hours", [](P& p) -> double& { return p.time.session_hours; }, 0.1, 100,
        "hours", "Worker hours per session including preparation.", "S4 (3-6)");
    b.real(
        "time.online_contacts_per_hour",
        [](P& p) -> double& { return p.time.online_contacts_per_hour; }, 0, 1000, "contacts/hour",
        "Households met per hour of online presence (chat, social media).",
        "A: no source; quick scan locatie online");
    b.real(
        "time.handover_hours", [](P& p) -> double& { return p.time.handover_hours; }, 0, 200,
        "hours", "Worker hours for a warm hand-over (toeleiding) after acceptance.", "T3 (2-8)");

    // --- escalations ----------------------------------------------------------------------------
    const char* hazard_source[kEscalationKinds] = {
        "A: checked against E2 (0.7-2.9 evictions per 1,000 corporation dwellings per year)", "A",
        "A", ""};
    const char* cost_source[kEscalationKinds][kPerspectives] = {
        {"C5: Stadlander 2015 (EUR 50k-150k)", "A: shelter, debt help and re-housing", "C6 (A)"},
        {"D: 0.75 x C9 (OTS) + 0.25 x C8 (placement), per measure-year",
         "D: as society; municipalities fund youth protection (Jeugdwet 2015)", "A: none"},
        {"C12 (A)", "A: crisis care is funded by health insurers", "A: none"},
        {"D: midpoint of C7 (EUR 30k-85k per person-year), one year",
         "A: 80% borne by the municipality (shelter)", "A: none"}};
    for (int e = 0; e < kEscalationKinds; ++e) {
        const std::string id{id_of(static_cast<EscalationKind>(e))};
        if (static_cast<EscalationKind>(e) != EscalationKind::dakloosheid) {
            b.real(
                "escalations." + id + ".hazard_per_year",
                [e](P& p) -> double& { return p.escalations.hazard_per_year[e]; }, 0, 365,
                "1/year per unit severity above threshold",
                "Hazard of " + id +
                    " per unit of need severity above the escalation threshold, "
                    "without help.",
                hazard_source[e]);
        }
        b.integer(
            "escalations." + id + ".duration_days",
            [e](P& p) -> int& { return p.escalations.duration_days[e]; }, 1, 3650, "days",
            "Days a household stays in the escalated state after " + id + ".", "A");
        for (int v = 0; v < kPerspectives; ++v) {
            const std::string pid{id_of(static_cast<Perspective>(v))};
            b.real(
                "escalations." + id + ".cost_" + pid,
                [e, v](P& p) -> double& { return p.escalations.cost[e][v]; }, 0, 1e7, "euro",
                "Cost of one " + id + " to " + pid + ".", cost_source[e][v]);
        }
    }
    b.real(
        "escalations.homeless_after_eviction",
        [](P& p) -> double& { return p.escalations.homeless_after_eviction; }, 0, 1, "probability",
        "Evicted households that become homeless.", "A");
    b.real(
        "escalations.prevention_while_helped",
        [](P& p) -> double& { return p.escalations.prevention_while_helped; }, 0, 1, "share",
        "Reduction of escalation hazards while a household receives help.", "E5 (10-50%)");
    b.real(
        "escalations.trust_loss", [](P& p) -> double& { return p.escalations.trust_loss; }, 0, 1,
        "trust", "Trust in professionals lost by an escalation.", "A");
    b.real(
        "escalations.debt_help_case_eur",
        [](P& p) -> double& { return p.escalations.debt_help_case_eur; }, 0, 1e6, "euro",
        "Cost to the municipality of debt help for a household handed over with a financial need.",
        "C11: Cebeon 2005, CPI-indexed");
    return std::move(b.specs);
}

}  // namespace

const std::vector<ParamSpec>& parameter_specs() {
    static const std::vector<ParamSpec> specs = build_specs();
    return specs;
}

const ParamSpec* find_parameter(const std::string& path) {
    static const std::unordered_map<std::string, const ParamSpec*> index = [] {
        std::unordered_map<std::string, const ParamSpec*> m;
        for (const auto& s : parameter_specs()) m.emplace(s.path, &s);
        return m;
    }();
    const auto it = index.find(path);
    return it == index.end() ? nullptr : it->second;
}

}  // namespace bb
