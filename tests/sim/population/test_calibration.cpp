// Calibration of the contact model: the solved intercepts reproduce their evidence targets on the
// calibration population (recomputed here from engage_terms/accept_terms), and unreachable targets
// are reported, not silently missed.
#include <gtest/gtest.h>

#include <vector>

#include "sim/population/calibration.hpp"
#include "tests/support/test_scenarios.hpp"

namespace bb {
namespace {

constexpr double kTol = 1e-6;

class Calibration : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        scenario_ =
            new Scenario(load_scenario(test::source_path("scenarios/waterlandpleinbuurt.yaml")));
        intercepts_ = new Intercepts(calibrate(*scenario_));
        households_ = new Households(
            generate_households(*scenario_, kCalibrationSeed, 0, kCalibrationHouseholds));
    }
    static void TearDownTestSuite() {
        delete households_;
        delete intercepts_;
        delete scenario_;
    }
    static const Parameters& p() { return scenario_->params; }
    static const Intercepts& ic() { return *intercepts_; }
    static const Households& h() { return *households_; }

  private:
    static Scenario* scenario_;
    static Intercepts* intercepts_;
    static Households* households_;
};
Scenario* Calibration::scenario_ = nullptr;
Intercepts* Calibration::intercepts_ = nullptr;
Households* Calibration::households_ = nullptr;

TEST_F(Calibration, DefaultScenarioHasNoWarnings) {
    EXPECT_TRUE(ic().warnings.empty()) << ic().warnings.front();
}

TEST_F(Calibration, DoorConversationPerPassIsReproduced) {
    // Mean over households and slots of P(home) x P(engage).
    double sum = 0;
    for (int i = 0; i < h().n; ++i) {
        const double e = logistic(ic().door + engage_terms(p(), h(), i));
        for (int s = 0; s < kSlotKinds; ++s) sum += h().availability(i, s) * e;
    }
    EXPECT_NEAR(sum / (h().n * kSlotKinds), p().contact.door_conversation_per_pass, kTol);
}

TEST_F(Calibration, LetterAndPhoneResponsesAreReproduced) {
    double letter = 0, phone = 0;
    int known = 0;
    for (int i = 0; i < h().n; ++i) {
        letter += logistic(ic().letter + engage_terms(p(), h(), i));
        if (h().has(i, kPhoneKnown)) {
            phone += logistic(ic().phone + engage_terms(p(), h(), i));
            ++known;
        }
    }
    ASSERT_GT(known, 0);
    EXPECT_NEAR(letter / h().n, p().contact.letter_response, kTol);
    EXPECT_NEAR(phone / known, p().contact.phone_conversation, kTol);
}

TEST_F(Calibration, StreetSessionAndOnlineFollowUpsAreReproduced) {
    // Street: met in proportion to public-space use; a follow-up is an engaged household in need.
    double met = 0, follow = 0;
    // Sessions: members attend in proportion to their mean availability and their profile's
    // attendance.
    double attend = 0, asks = 0;
    // Online: households that are online are met uniformly.
    double online = 0, online_asks = 0;
    for (int i = 0; i < h().n; ++i) {
        const bool need = h().in_need(i);
        met += h().public_space[i];
        if (need) follow += h().public_space[i] * logistic(ic().street + engage_terms(p(), h(), i));
        if (h().locations[i] != 0) {
            const double a =
                h().availability.row(i).mean() *
                p().contact.session_attendance_profile[static_cast<int>(h().profile[i])];
            attend += a;
            if (need) asks += a * logistic(ic().session + engage_terms(p(), h(), i));
        }
        if (h().has(i, kOnline)) {
            online += 1;
            if (need) online_asks += logistic(ic().online + engage_terms(p(), h(), i));
        }
    }
    EXPECT_NEAR(follow / met, p().contact.street_follow_up, kTol);
    EXPECT_NEAR(asks / attend, p().contact.session_follow_up, kTol);
    EXPECT_NEAR(online_asks / online, p().contact.online_follow_up, kTol);
}

// F7 is measured among conversations that took place: households in need, weighted by their
// chance of a door conversation (mean availability x engagement), with the awareness they have
// after the conversation's awareness gain.
TEST_F(Calibration, AcceptanceIsReproducedAmongConversationsWithHouseholdsInNeed) {
    const double gain = p().contact.awareness_gain_conversation;
    double sum = 0, weight = 0;
    for (int i = 0; i < h().n; ++i) {
        if (!h().in_need(i)) continue;
        const double w =
            h().availability.row(i).mean() * logistic(ic().door + engage_terms(p(), h(), i));
        const double after = h().awareness[i] + gain * (1.0 - h().awareness[i]);
        const double x = ic().accept + accept_terms(p(), h(), i) +
                         p().contact.accept_awareness * (after - h().awareness[i]);
        sum += w * logistic(x);
        weight += w;
    }
    ASSERT_GT(weight, 0);
    EXPECT_NEAR(sum / weight, p().contact.acceptance, kTol);
}

TEST_F(Calibration, SeverityStatisticsAreThoseOfTheCalibrationPopulation) {
    double severity = 0, financial = 0;
    int needs = 0;
    for (int i = 0; i < h().n; ++i) {
        for (int k = 0; k < kDomains; ++k) {
            if (h().needs(i, k) > 0) {
                severity += h().needs(i, k);
                ++needs;
            }
        }
        financial += h().needs(i, static_cast<int>(Domain::financien));
    }
    ASSERT_GT(needs, 0);
    EXPECT_NEAR(ic().mean_need_severity, severity / needs, 1e-12);
    EXPECT_NEAR(ic().mean_financial_severity, financial / h().n, 1e-12);
    EXPECT_GE(ic().mean_need_severity, 1.0);  // a need starts at severity 1 and grows
}

TEST_F(Calibration, InterceptsDependOnParametersOnly) {
    // Another seed, other workers, the same parameters: the same intercepts.
    Scenario other = load_scenario(test::source_path("scenarios/waterlandpleinbuurt.yaml"));
    other.seed = 7;
    other.workers.clear();
    const Intercepts again = calibrate(other);
    EXPECT_EQ(again.door, ic().door);
    EXPECT_EQ(again.letter, ic().letter);
    EXPECT_EQ(again.phone, ic().phone);
    EXPECT_EQ(again.street, ic().street);
    EXPECT_EQ(again.session, ic().session);
    EXPECT_EQ(again.accept, ic().accept);
    // A higher target needs a higher intercept.
    other.params.contact.letter_response = 2 * p().contact.letter_response;
    EXPECT_GT(calibrate(other).letter, ic().letter);
}

TEST(SolveIntercept, ReachesAReachableTarget) {
    const std::vector<double> x{-1.0, 0.0, 0.5, 2.0};
    const std::vector<double> w{1.0, 2.0, 0.0, 1.0};
    std::vector<std::string> warnings;
    const double b = solve_intercept(x, w, 0.3, "test", warnings);
    EXPECT_TRUE(warnings.empty());
    double mean = 0;
    for (std::size_t i = 0; i < x.size(); ++i) mean += w[i] * logistic(b + x[i]);
    EXPECT_NEAR(mean / 4.0, 0.3, 1e-9);
}

TEST(SolveIntercept, WarnsWhenTheTargetIsOutOfReach) {
    std::vector<std::string> warnings;
    // Every household far below: even the largest intercept cannot reach 0.5.
    const double hi = solve_intercept({-40.0, -45.0}, {1.0, 1.0}, 0.5, "contact.x (T1)", warnings);
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(warnings[0].rfind("contact.x (T1): target 0.5 is above the reachable", 0), 0u)
        << warnings[0];
    // Far above: even the smallest intercept stays above 0.5.
    const double lo = solve_intercept({40.0}, {1.0}, 0.5, "contact.y", warnings);
    ASSERT_EQ(warnings.size(), 2u);
    EXPECT_EQ(warnings[1], "contact.y: target below the reachable minimum; using the minimum");
    EXPECT_GT(hi, lo);
    // No weight at all: nothing to calibrate on.
    EXPECT_EQ(solve_intercept({1.0}, {0.0}, 0.5, "contact.z", warnings), 0.0);
    ASSERT_EQ(warnings.size(), 3u);
    EXPECT_NE(warnings[2].find("no households"), std::string::npos);
}

TEST(SolveIntercept, CalibrateWarnsOnAnUnreachableScenarioTarget) {
    // Door conversations need someone at home: with everybody rarely home, a 0.9 conversation
    // rate per pass cannot be reached.
    std::string text = "contact: {door_conversation_per_pass: 0.9}\navailability:\n";
    for (const char* g : {"eenpersoons", "zonder_kinderen", "met_kinderen", "senior"}) {
        text += std::string("  ") + g + ": {weekdag_dag: 0.1, weekdag_avond: 0.1, weekend: 0.1}\n";
    }
    const Intercepts ic = calibrate(test::parse(text));
    ASSERT_EQ(ic.warnings.size(), 1u);
    EXPECT_EQ(ic.warnings[0].rfind("contact.door_conversation_per_pass (D2)", 0), 0u)
        << ic.warnings[0];
}

}  // namespace
}  // namespace bb
