// The one-at-a-time screening of assumptions: which parameters are candidates, that an influential
// assumption is flagged and a parameter without effect is not, the values run (clamped, whole),
// and that the results do not depend on the thread count.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "sim/scenario/parameters.hpp"
#include "sim/study/executor.hpp"
#include "sim/study/screening.hpp"
#include "tests/support/test_scenarios.hpp"

namespace bb {
namespace {

// A small buurt (250 households, 40 days); its worker mixes hulp and presentie and brings an
// expert by experience; an intervention adds a worker with `vertrouwenswerk`. The file sets one
// assumption at its default value (contact.engage_trust) and one presentie parameter.
Scenario screening_scenario() {
    const std::string workers = test::worker_yaml("w", 1, 20, 4, 0) +
                                "    models: {hulp: 0.5, presentie: 0.5}\n"
                                "    factors: [ervaringsdeskundige]\n"
                                "interventions:\n"
                                "  - from_week: 2\n"
                                "    add_workers:\n"
                                "      - id: extra\n"
                                "        schedule: {weekdag_dag: 8, weekdag_avond: 0, weekend: 0}\n"
                                "        allocation: {huisbezoek_signaal: 1.0}\n"
                                "        factors: [vertrouwenswerk]\n";
    const std::string extra =
        "contact:\n"
        "  engage_trust: {value: 3.0, source: \"A: set in the file\"}\n"
        "models:\n"
        "  presentie:\n"
        "    trust_gain_meeting: {value: 0.04, source: \"A: set in the file\"}\n";
    return test::parse(test::small_buurt_yaml(250, 40, 777, workers, extra));
}

std::vector<std::string> paths(const std::vector<ScreeningCandidate>& cs) {
    std::vector<std::string> out;
    for (const auto& c : cs) out.push_back(c.path);
    return out;
}

bool has(const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}

bool same_bits(const Estimate& a, const Estimate& b) {
    return a.n == b.n && std::memcmp(&a.mean, &b.mean, sizeof a.mean) == 0 &&
           std::memcmp(&a.lo, &b.lo, sizeof a.lo) == 0 &&
           std::memcmp(&a.hi, &b.hi, sizeof a.hi) == 0;
}

TEST(Screening, BareAssumptionTagIsAnAssumption) {
    EXPECT_TRUE(is_assumption_source("A"));
    EXPECT_TRUE(is_assumption_source("A: no buurt figure found"));
    EXPECT_FALSE(is_assumption_source("M1 (A: small gain per conversation)"));
    EXPECT_FALSE(is_assumption_source("Antwerp quick scan"));
    EXPECT_FALSE(is_assumption_source(""));
    EXPECT_TRUE(find_parameter("profiles.concentration")->is_assumption());  // source "A"
}

TEST(Screening, CandidatesAreAssumptionsTheFileLeavesAtTheirDefaults) {
    const Scenario sc = screening_scenario();
    const auto candidates = screening_candidates(sc);
    const auto p = paths(candidates);
    // Assumptions at their defaults, bare "A" tags included.
    EXPECT_TRUE(has(p, "contact.engage_stigma"));
    EXPECT_TRUE(has(p, "profiles.concentration"));
    EXPECT_TRUE(has(p, "buurt.porch_size"));
    // Set in the file (even at the default value), or not an assumption.
    EXPECT_FALSE(has(p, "contact.engage_trust"));
    EXPECT_FALSE(has(p, "buurt.households"));
    EXPECT_FALSE(has(p, "contact.door_conversation_per_pass"));
    // The models and factors the team uses, also through an intervention; their assumptions only.
    EXPECT_TRUE(has(p, "models.hulp.provision_signal_probability"));
    EXPECT_FALSE(has(p, "models.hulp.trust_gain_conversation"));  // "M1 (A: ...)"
    EXPECT_TRUE(has(p, "models.presentie.familiarity_engage_max"));
    EXPECT_FALSE(has(p, "models.presentie.trust_gain_meeting"));       // set in the file
    EXPECT_FALSE(has(p, "models.presentie.trust_gain_conversation"));  // M2
    EXPECT_TRUE(has(p, "factors.ervaringsdeskundige.engage_shift_zorgmijder"));
    EXPECT_TRUE(has(p, "factors.vertrouwenswerk.extra_follow_up_contacts"));
    // Models and factors no worker uses have no effect, so they are no candidates.
    for (const auto& path : p) {
        EXPECT_NE(path.rfind("models.dwang_drang.", 0), 0u) << path;
        EXPECT_NE(path.rfind("factors.migrantenorganisatie.", 0), 0u) << path;
    }
    for (const auto& c : candidates) {
        if (const ParamSpec* spec = find_parameter(c.path)) {
            EXPECT_EQ(c.value, spec->default_value) << c.path;
            EXPECT_TRUE(spec->is_assumption()) << c.path;
        }
    }
}

TEST(Screening, FlagsAnInfluentialAssumptionAndNotOneWithoutEffect) {
    const Scenario sc = screening_scenario();
    ScreeningOptions opt;
    opt.outcome = "in_need.totaal";  // households in need: moved by prevalences, not by letters
    opt.replications = 3;
    opt.threshold = 0.1;
    opt.only = {"time.letter_hours", "needs.sociaal.prevalence", "availability.online",
                "buurt.porch_size", "contact.engage_profile.zelfredzaam"};
    auto executor = make_thread_executor(2);
    const ScreeningResult r = screen_assumptions(sc, opt, *executor);
    ASSERT_EQ(r.ranked.size(), 4u);
    EXPECT_EQ(r.variants, 9u);  // the base and two per screened parameter
    EXPECT_GT(r.base.mean, 0);

    const ScreenedParameter& top = r.ranked.front();
    EXPECT_EQ(top.candidate.path, "needs.sociaal.prevalence");
    EXPECT_DOUBLE_EQ(top.low, 0.06);
    EXPECT_DOUBLE_EQ(top.high, 0.18);
    EXPECT_GT(top.at_high.mean, top.at_low.mean);  // more prevalence, more households in need
    EXPECT_GE(top.share_of_base, opt.threshold);
    EXPECT_TRUE(top.dominant);
    EXPECT_GT(top.difference.lo, 0);  // the paired interval excludes 0

    for (const auto& s : r.ranked) {
        if (s.candidate.path == "time.letter_hours") {
            EXPECT_LT(s.share_of_base, 0.01);
            EXPECT_FALSE(s.dominant);
        } else if (s.candidate.path == "availability.online") {
            EXPECT_DOUBLE_EQ(s.low, 0.425);
            EXPECT_DOUBLE_EQ(s.high, 1.0);  // 0.85 x 1.5, clamped to the share's maximum
        } else if (s.candidate.path == "buurt.porch_size") {
            EXPECT_EQ(s.low, 4);
            EXPECT_EQ(s.high, 12);
        }
    }
    for (std::size_t i = 1; i < r.ranked.size(); ++i)
        EXPECT_GE(r.ranked[i - 1].swing, r.ranked[i].swing);
    // A default of 0 has no relative range.
    ASSERT_EQ(r.skipped.size(), 1u);
    EXPECT_EQ(r.skipped[0].candidate.path, "contact.engage_profile.zelfredzaam");

    const auto warnings = screening_warnings(r);
    ASSERT_FALSE(warnings.empty());
    EXPECT_EQ(
        warnings[0].rfind("warning: assumption needs.sociaal.prevalence (default 0.12, A:", 0), 0u)
        << warnings[0];
    EXPECT_EQ(warnings[0].find("includes 0"), std::string::npos) << warnings[0];
    EXPECT_NE(warnings[0].find("dominates in_need.totaal: its range 0.06..0.18 moves the mean"),
              std::string::npos)
        << warnings[0];
}

TEST(Screening, ResultsDoNotDependOnThreadCount) {
    const Scenario sc = screening_scenario();
    ScreeningOptions opt;
    opt.replications = 3;
    opt.only = {"contact.handover_failure", "models.presentie.offer_trust",
                "factors.ervaringsdeskundige.engage_shift_zorgmijder"};
    auto one = make_thread_executor(1);
    auto two = make_thread_executor(2);
    const ScreeningResult a = screen_assumptions(sc, opt, *one);
    const ScreeningResult b = screen_assumptions(sc, opt, *two);
    EXPECT_TRUE(same_bits(a.base, b.base));
    ASSERT_EQ(a.ranked.size(), 3u);
    ASSERT_EQ(a.ranked.size(), b.ranked.size());
    for (std::size_t i = 0; i < a.ranked.size(); ++i) {
        EXPECT_EQ(a.ranked[i].candidate.path, b.ranked[i].candidate.path);
        EXPECT_TRUE(same_bits(a.ranked[i].at_low, b.ranked[i].at_low)) << i;
        EXPECT_TRUE(same_bits(a.ranked[i].at_high, b.ranked[i].at_high)) << i;
        EXPECT_TRUE(same_bits(a.ranked[i].difference, b.ranked[i].difference)) << i;
    }
    EXPECT_EQ(format_screening(a, 0).substr(format_screening(a, 0).find("\n")),
              format_screening(b, 0).substr(format_screening(b, 0).find("\n")));
}

TEST(Screening, RejectsBadOptions) {
    ScreeningOptions opt;
    opt.outcome = "helpd.totaal";
    try {
        check_screening_options(opt);
        FAIL() << "an unknown outcome was accepted";
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("'helpd.totaal'"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("did you mean 'helped.totaal'?"), std::string::npos)
            << e.what();
    }
    opt.outcome = "helped.totaal";
    opt.replications = 1;
    EXPECT_THROW(check_screening_options(opt), std::invalid_argument);
    opt.replications = 2;
    opt.threshold = 0;
    EXPECT_THROW(check_screening_options(opt), std::invalid_argument);
    opt.threshold = 0.25;
    opt.only = {"contact.engage_trust"};  // set in the file: not a candidate
    auto executor = make_thread_executor(1);
    EXPECT_THROW(screen_assumptions(screening_scenario(), opt, *executor), std::invalid_argument);
}

}  // namespace
}  // namespace bb
