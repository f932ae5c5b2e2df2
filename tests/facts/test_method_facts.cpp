// Stylised facts about the contact methods, each method alone at equal worker hours.
//
// Set-up: the default scenario (scenarios/waterlandpleinbuurt.yaml: 6,095 households, a team of
// three) over two years (horizon_days 730), once per method with every worker's whole allocation
// on that one method (allocation 1.0 to it, 0 to the others). Schedules, contracts and hourly cost
// are the default scenario's, so every variant has the same scheduled worker hours and the same
// worker cost (unused hours are booked as niet_besteed and paid). All variants run on the
// scenario's seed with replications 0..kReplications-1 (common random numbers), and every claim
// is a paired comparison over replications: "A > B" passes when the 95% t-interval of A - B lies
// above 0.
//
// Measured quantities (tests/facts/fact_harness.hpp, standard_metrics), at day 730:
//   cost_eur                      worker cost of the two years: the sum of the ledger's cost_eur
//                                 (all hours, unused hours and warm hand-overs included).
//   contact_events                contact events that met the household (event outcome other
//                                 than geen_reactie: a door opened, a letter or call answered, a
//                                 street contact, a session attendee), household in need or not.
//   cost_per_contact              cost_eur / contact_events.
//   households_met                distinct households in those events (in need or not).
//   cost_per_household_met        cost_eur / households_met.
//   contacted.<profile>           households of that profile met while in need (kReachContacted).
//   cost_per_household_contacted  cost_eur / contacted (all profiles).
//   helped                        households handed over to help by outreach (kReachToegeleid,
//                                 first_toegeleid_day < 730).
//   cost_per_household_helped     cost_eur / helped.
//   contacted_never_signalled     households met while in need (kReachContacted) that no signal
//                                 reached the team for in the two years (no kReachSignalled).
//   reach_rate.<profile>          contacted.<profile> / in_need.<profile> (households of that
//                                 profile that were in need at some time).
//   relative_reach.zorgmijder     reach_rate.zorgmijder / reach_rate.zorgmisser: 1 when a method
//                                 meets zorgmijders in need as readily as zorgmissers in need.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <string>
#include <vector>

#include "sim/study/study.hpp"
#include "tests/facts/fact_harness.hpp"
#include "tests/support/test_scenarios.hpp"

namespace bb::facts {
namespace {

constexpr int kDays = 730;  // two years
constexpr int kReplications = 20;

// The default scenario over two years with every worker on `method` alone.
Scenario single_method(const Scenario& base, Method method) {
    std::vector<std::pair<std::string, std::string>> changes{
        {"horizon_days", std::to_string(kDays)}};
    for (std::size_t w = 0; w < base.workers.size(); ++w) {
        for (int k = 0; k < kMethods; ++k) {
            const auto m = static_cast<Method>(k);
            changes.push_back(
                {"workers." + std::to_string(w) + ".allocation." + std::string(id_of(m)),
                 m == method ? "1.0" : "0.0"});
        }
    }
    return scenario_with_changes(base, changes, "only " + std::string(id_of(method)));
}

// The default scenario with these parameter changes (dotted keys, YAML values).
// One ensemble per method, run once and shared by every test of this file.
const std::array<Ensemble, kMethods>& method_ensembles() {
    static const std::array<Ensemble, kMethods> ensembles = [] {
        const Scenario base =
            load_scenario(test::source_path("scenarios/waterlandpleinbuurt.yaml"));
        std::array<Ensemble, kMethods> out;
        for (int k = 0; k < kMethods; ++k) {
            const auto m = static_cast<Method>(k);
            out[k] =
                run_ensemble(single_method(base, m), kReplications, {365, kDays}, standard_metrics);
            out[k].label = std::string(id_of(m));
            std::printf("ensemble %-24s %d replications x %d days: %.1f s\n", out[k].label.c_str(),
                        kReplications, kDays, out[k].seconds);
        }
        return out;
    }();
    return ensembles;
}

const Ensemble& of(Method m) { return method_ensembles()[static_cast<int>(m)]; }

// Every method other than `m` (the engine's whole list, so a method added later is compared too).
std::vector<Method> others(Method m) {
    std::vector<Method> out;
    for (int k = 0; k < kMethods; ++k) {
        if (static_cast<Method>(k) != m) out.push_back(static_cast<Method>(k));
    }
    return out;
}

// Prints, for every method, the numbers behind facts 2 and 3 (means with 95% t-intervals).
TEST(MethodFacts, NumbersPerMethod) {
    const char* metrics[] = {"cost_eur",
                             "hours",
                             "hours_unused",
                             "contact_events",
                             "households_met",
                             "contacted",
                             "helped",
                             "cost_per_contact",
                             "cost_per_household_met",
                             "cost_per_household_contacted",
                             "cost_per_household_helped",
                             "contacted.zorgmisser",
                             "contacted.zorgmijder",
                             "contacted.zelfredzaam",
                             "helped.zorgmisser",
                             "helped.zorgmijder",
                             "reach_rate.zorgmisser",
                             "reach_rate.zorgmijder",
                             "relative_reach.zorgmijder",
                             "contacted_never_signalled",
                             "mean_trust",
                             "mean_stigma"};
    const auto& ensembles = method_ensembles();  // run them before the table starts
    std::printf(
        "\nPer method at day %d, mean +- half-width of the 95%% t-interval (n = %d):\n%-30s", kDays,
        kReplications, "metric");
    for (int k = 0; k < kMethods; ++k) std::printf(" %24s", ensembles[k].label.c_str());
    std::printf("\n");
    for (const char* metric : metrics) {
        std::printf("%-30s", metric);
        for (int k = 0; k < kMethods; ++k) {
            const Estimate e = estimate_mean(ensembles[k].values(kDays, metric));
            char cell[64];
            std::snprintf(cell, sizeof cell, "%.4g +- %.2g", e.mean, e.half_width);
            std::printf(" %24s", cell);
        }
        std::printf("\n");
    }
    std::printf("\n");
    std::fflush(stdout);
}

// Fact 2: voorlichting_collectief has the lowest cost per contact and reaches zorgmissers, but
// almost no zorgmijders. Claims, at equal worker hours over two years:
//   (a) lowest cost per contact: cost_per_contact of voorlichting_collectief < that of each other
//       method;
//   (b) reaches zorgmissers: contacted.zorgmisser > 0;
//   (c) almost no zorgmijders, read without a fixed threshold as two claims:
//       (c1) zorgmijders in need are met less readily than zorgmissers in need:
//            relative_reach.zorgmijder < 1;
//       (c2) it meets fewer zorgmijders in need than any other method: contacted.zorgmijder of
//            voorlichting_collectief < that of each other method.
//
// With the default S-rows (S1: 10 street contacts per 2-hour shift, 5 per hour; S3/S4: 12
// attendees per 4-hour session, 3 per hour) street presence is cheaper per contact than sessions
// (EUR 27 against EUR 37 at day 730), and online presence (an assumption, 3 contacts per hour)
// about as cheap: claim (a) does NOT hold at the defaults against those two. At the defaults the
// test asserts (a) against the home-visit methods only; Fact2a_HoldsWithLargeShortSessions shows
// that the whole claim holds within the evidence ranges for large, short sessions (docs/facts.md).
TEST(MethodFacts, Fact2_VoorlichtingCheapestContactsZorgmissersNotZorgmijders) {
    const std::string fact = "fact 2";
    const Ensemble& v = of(Method::voorlichting_collectief);
    for (Method other : {Method::huisbezoek_signaal, Method::huisbezoek_alle}) {
        const Estimate d = claim_less(fact, v, of(other), kDays, "cost_per_contact");
        EXPECT_TRUE(below_zero(d)) << "(a) cost per contact, voorlichting_collectief - "
                                   << id_of(other) << " = " << describe(d);
    }
    const Estimate zm = claim_mean_above(fact, v, kDays, "contacted.zorgmisser", 0.0);
    EXPECT_TRUE(above_zero(zm)) << "(b) zorgmissers contacted: " << describe(zm);
    const Estimate rr = claim_mean_below(fact, v, kDays, "relative_reach.zorgmijder", 1.0);
    EXPECT_TRUE(below_zero(rr)) << "(c1) relative reach of zorgmijders - 1 = " << describe(rr);
    for (Method other : others(Method::voorlichting_collectief)) {
        const Estimate d = claim_less(fact, v, of(other), kDays, "contacted.zorgmijder");
        EXPECT_TRUE(below_zero(d)) << "(c2) zorgmijders contacted, voorlichting_collectief - "
                                   << id_of(other) << " = " << describe(d);
    }
}

// Fact 3: huisbezoek_alle finds households in need that were never signalled, at the highest
// cost per household helped. Claims, at equal worker hours over two years:
//   (a) it finds them: contacted_never_signalled of huisbezoek_alle > 0, and more than
//       huisbezoek_signaal finds (which only visits signalled households);
//   (b) highest cost per household helped: cost_per_household_helped of huisbezoek_alle > that of
//       each other method.
// Claim (b) does NOT hold against huisbezoek_signaal in this model: signal visits (letter, call,
// up to three duo visits, then the hand-over) cost about EUR 1,640 per household helped against
// EUR 1,350 door to door, because 40% of the doors hide a need (the P-row prevalences) while a
// signal case often ends unanswered. It does not hold at D4's lower bound (6 doors per hour,
// EUR 1,550) either. The test asserts (b) against the other methods only (docs/facts.md).
TEST(MethodFacts, Fact3_HuisbezoekAlleFindsUnsignalledAtHighestCostPerHelped) {
    const std::string fact = "fact 3";
    const Ensemble& a = of(Method::huisbezoek_alle);
    const Estimate found = claim_mean_above(fact, a, kDays, "contacted_never_signalled", 0.0);
    EXPECT_TRUE(above_zero(found)) << "(a) never-signalled households found: " << describe(found);
    const Estimate vs_signal =
        claim_greater(fact, a, of(Method::huisbezoek_signaal), kDays, "contacted_never_signalled");
    EXPECT_TRUE(above_zero(vs_signal))
        << "(a) never-signalled, huisbezoek_alle - huisbezoek_signaal = " << describe(vs_signal);
    for (Method other : others(Method::huisbezoek_alle)) {
        if (other == Method::huisbezoek_signaal) continue;  // does not hold; see above
        const Estimate d = claim_greater(fact, a, of(other), kDays, "cost_per_household_helped");
        EXPECT_TRUE(above_zero(d)) << "(b) cost per household helped, huisbezoek_alle - "
                                   << id_of(other) << " = " << describe(d);
    }
}

// Fact 2's claim (a) in full, within the evidence ranges (EVIDENCE.md): a buurt with large, short
// information sessions (S3 at its upper bound, 25 attendees; S4 at its lower bound, 3 hours: 8.3
// contacts per hour against street presence's 5) meets people more cheaply in sessions than by
// any other method.
TEST(MethodFacts, Fact2a_HoldsWithLargeShortSessions) {
    const Scenario base = load_scenario(test::source_path("scenarios/waterlandpleinbuurt.yaml"));
    const Scenario large = scenario_with_changes(
        base, {{"time.session_attendance", "25"}, {"time.session_hours", "3"}}, "large sessions");
    std::array<Ensemble, kMethods> e;
    for (int k = 0; k < kMethods; ++k) {
        e[k] = run_ensemble(single_method(large, static_cast<Method>(k)), kReplications, {kDays},
                            standard_metrics);
        e[k].label = std::string(id_of(static_cast<Method>(k))) + " (S3=25, S4=3)";
    }
    const Ensemble& v = e[static_cast<int>(Method::voorlichting_collectief)];
    for (Method other : others(Method::voorlichting_collectief)) {
        const Estimate d = claim_less("fact 2a, S3=25 S4=3", v, e[static_cast<int>(other)], kDays,
                                      "cost_per_contact");
        EXPECT_TRUE(below_zero(d)) << id_of(other) << ": " << describe(d);
    }
}

}  // namespace
}  // namespace bb::facts
