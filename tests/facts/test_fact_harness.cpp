// The fact harness itself: ensembles are identical for any thread count, values come back by
// replication index, the metrics agree with the engine's Summary, and claims use the sign
// convention they state. Small buurt, short horizon: a second or less.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "tests/facts/fact_harness.hpp"
#include "tests/support/test_scenarios.hpp"

namespace bb::facts {
namespace {

Scenario small() {
    return test::parse(test::small_buurt_yaml(400, 60, 7, test::worker_yaml("w", 2, 24, 4, 2)));
}

TEST(FactHarness, SameResultsForAnyThreadCount) {
    const Scenario sc = small();
    const Ensemble one = run_ensemble(sc, 5, {30, 60}, standard_metrics, {true, 1});
    const Ensemble two = run_ensemble(sc, 5, {60, 30, 60}, standard_metrics, {true, 2});
    ASSERT_EQ(one.checkpoints, (std::vector<int>{30, 60}));
    ASSERT_EQ(two.checkpoints, one.checkpoints);
    ASSERT_EQ(one.replications(), 5);
    for (int r = 0; r < 5; ++r) {
        for (std::size_t c = 0; c < 2; ++c) {
            const Metrics& a = one.results[r][c];
            const Metrics& b = two.results[r][c];
            ASSERT_EQ(a.size(), b.size());
            for (const auto& [name, value] : a) {
                const double other = b.at(name);
                EXPECT_TRUE(value == other || (std::isnan(value) && std::isnan(other)))
                    << name << " replication " << r;
            }
        }
    }
}

TEST(FactHarness, ObserverSeesCheckpointDayAndReplicationOrder) {
    const Scenario sc = small();
    const Ensemble e =
        run_ensemble(sc, 6, {10, 45},
                     [](const Simulation& sim) {
                         return Metrics{{"day", sim.day()}, {"replication", sim.replication()}};
                     },
                     {false, 2});
    for (int day : {10, 45}) {
        EXPECT_EQ(e.values(day, "day"), std::vector<double>(6, day));
        EXPECT_EQ(e.values(day, "replication"), (std::vector<double>{0, 1, 2, 3, 4, 5}));
    }
    EXPECT_THROW(e.values(11, "day"), std::out_of_range);
    EXPECT_THROW(e.values(10, "no such metric"), std::out_of_range);
    EXPECT_THROW(run_ensemble(sc, 2, {61}, standard_metrics), std::invalid_argument);
    EXPECT_THROW(run_ensemble(sc, 2, {0}, standard_metrics), std::invalid_argument);
}

TEST(FactHarness, MetricsAgreeWithSummary) {
    const Scenario sc = small();
    const Ensemble e = run_ensemble(sc, 3, {60}, [](const Simulation& sim) {
        Metrics m = standard_metrics(sim);
        const Summary s = sim.summary();
        m["summary.cost"] = s.worker_cost_eur;
        m["summary.hours"] = s.hours_total;
        m["summary.unused"] = s.hours_unused;
        m["summary.contacts"] = static_cast<double>(s.contacts);
        m["summary.contacted"] = static_cast<double>(s.funnel[kProfiles].contacted);
        m["summary.toegeleid"] = static_cast<double>(s.funnel[kProfiles].toegeleid);
        m["summary.in_need.zorgmijder"] =
            static_cast<double>(s.funnel[static_cast<int>(Profile::zorgmijder)].in_need);
        return m;
    });
    for (const auto& [mine, theirs] : std::vector<std::pair<std::string, std::string>>{
             {"cost_eur", "summary.cost"},
             {"hours", "summary.hours"},
             {"hours_unused", "summary.unused"},
             {"contact_events", "summary.contacts"},
             {"contacted", "summary.contacted"},
             {"helped", "summary.toegeleid"},
             {"in_need.zorgmijder", "summary.in_need.zorgmijder"}}) {
        const auto a = e.values(60, mine);
        const auto b = e.values(60, theirs);
        for (std::size_t r = 0; r < a.size(); ++r) EXPECT_NEAR(a[r], b[r], 1e-6) << mine;
    }
    // Contacts happen in these runs, so the ratios are defined.
    for (double v : e.values(60, "cost_per_contact")) EXPECT_TRUE(std::isfinite(v));
}

TEST(FactHarness, ClaimsFollowTheirSignConvention) {
    // Two "ensembles" built by hand: b = a + 1 exactly with some spread across replications.
    Ensemble a;
    a.label = "a";
    a.checkpoints = {1};
    Ensemble b = a;
    b.label = "b";
    for (int r = 0; r < 8; ++r) {
        a.results.push_back({Metrics{{"x", 10.0 + r}}});
        b.results.push_back({Metrics{{"x", 11.0 + r + 0.1 * (r % 3)}}});
    }
    EXPECT_TRUE(above_zero(claim_greater("test", b, a, 1, "x")));
    EXPECT_FALSE(above_zero(claim_greater("test", a, b, 1, "x")));
    EXPECT_TRUE(below_zero(claim_less("test", a, b, 1, "x")));
    EXPECT_GT(difference("test", a, b, 1, "x").mean, 0.0);  // alt - base
    EXPECT_TRUE(above_zero(claim_mean_above("test", a, 1, "x", 0.0)));
    EXPECT_TRUE(below_zero(claim_mean_below("test", a, 1, "x", 100.0)));
    EXPECT_FALSE(below_zero(claim_mean_below("test", a, 1, "x", 13.5)));  // mean 13.5
    Ensemble short_one = a;
    short_one.results.pop_back();
    EXPECT_THROW(difference("test", a, short_one, 1, "x"), std::invalid_argument);
}

}  // namespace
}  // namespace bb::facts
