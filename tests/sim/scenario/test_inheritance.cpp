// Scenario inheritance (`extends:`) and `diff`: merging, errors naming the right file, cycles,
// missing bases, and the list of differences.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "sim/core/errors.hpp"
#include "sim/scenario/inheritance.hpp"
#include "sim/scenario/scenario.hpp"
#include "tests/support/test_scenarios.hpp"

namespace bb {
namespace {

namespace fs = std::filesystem;

std::string write(const std::string& name, const std::string& text) {
    const fs::path dir = fs::path(::testing::TempDir()) / "buurtbereik_extends";
    fs::create_directories(dir);
    std::ofstream(dir / name) << text;
    return (dir / name).string();
}

std::string base_text() {
    return test::small_buurt_yaml(
        300, 30, 7, test::worker_yaml("w", 2, 20, 4, 1) + test::worker_yaml("v", 1, 10, 0, 0));
}

std::string message_of(const std::string& path) {
    try {
        load_scenario(path);
    } catch (const ScenarioError& e) {
        return e.what();
    }
    return "";
}

TEST(Inheritance, ChildChangesOnlyWhatItStates) {
    write("base.yaml", base_text());
    const std::string child = write("child.yaml",
                                    "extends: base.yaml\n"
                                    "name: kind\n"
                                    "buurt: {share_social_rent: 0.5}\n"
                                    "workers:\n"
                                    "  - {id: v, count: 3}\n"
                                    "  - id: nieuw\n"
                                    "    count: 1\n"
                                    "    contract_hours_per_week: 10\n"
                                    "    schedule: {weekdag_dag: 5, weekdag_avond: 0, weekend: 0}\n"
                                    "    allocation: {huisbezoek_signaal: 1}\n");
    const Scenario base = load_scenario(write("base.yaml", base_text()));
    const Scenario sc = load_scenario(child);
    EXPECT_EQ(sc.name, "kind");
    EXPECT_EQ(sc.seed, base.seed);
    EXPECT_EQ(sc.params.buurt.households, 300);                // from the base
    EXPECT_DOUBLE_EQ(sc.params.buurt.share_social_rent, 0.5);  // changed
    EXPECT_EQ(sc.params.buurt.share_minimum_income, base.params.buurt.share_minimum_income);
    ASSERT_EQ(sc.workers.size(), 3u);  // merged by id, the new one appended
    EXPECT_EQ(sc.workers[0].id, "w");
    EXPECT_EQ(sc.workers[0].count, 2);
    EXPECT_EQ(sc.workers[1].id, "v");
    EXPECT_EQ(sc.workers[1].count, 3);
    EXPECT_EQ(sc.workers[1].schedule_hours,
              base.workers[1].schedule_hours);  // kept from the base's item
    EXPECT_EQ(sc.workers[2].id, "nieuw");
    ASSERT_EQ(sc.bases.size(), 1u);
    // The resolved form stands alone: reading it back gives the same scenario.
    const Scenario again = parse_scenario(resolved_yaml(sc), "resolved.yaml");
    EXPECT_EQ(resolved_yaml(again), resolved_yaml(sc));
}

TEST(Inheritance, ChainsOfBases) {
    write("grand.yaml", base_text());
    write("parent.yaml", "extends: grand.yaml\nhorizon_days: 20\n");
    const Scenario sc = load_scenario(write("grandchild.yaml", "extends: parent.yaml\nseed: 99\n"));
    EXPECT_EQ(sc.horizon_days, 20);
    EXPECT_EQ(sc.seed, 99u);
    EXPECT_EQ(sc.bases.size(), 2u);
}

TEST(Inheritance, ErrorsNameTheFileTheValueCameFrom) {
    write("broken-base.yaml", base_text() + "signals: {follow_up_threshold_eur: -5}\n");
    const std::string child = write("fine-child.yaml",
                                    "extends: broken-base.yaml\n"
                                    "buurt:\n"
                                    "  housholds: 10\n");
    const std::string msg = message_of(child);
    EXPECT_NE(msg.find("fine-child.yaml:3:3: key 'buurt.housholds'"), std::string::npos) << msg;
    EXPECT_NE(msg.find("broken-base.yaml:"), std::string::npos) << msg;
    EXPECT_NE(msg.find("key 'signals.follow_up_threshold_eur'"), std::string::npos) << msg;
}

TEST(Inheritance, ErrorsAreAttributedByNodeNotByPosition) {
    // The same line and column in both files: only the node tells which file is wrong.
    write("same-pos-base.yaml", "schema_version: 1\ncontact:\n  letter_respons: 0.05\n");
    const std::string child = write("same-pos-child.yaml",
                                    "extends: same-pos-base.yaml\ncontact:\n"
                                    "  phone_conversation: 0.5\n");
    const std::string msg = message_of(child);
    EXPECT_NE(msg.find("same-pos-base.yaml:3:3: key 'contact.letter_respons'"), std::string::npos)
        << msg;
    EXPECT_EQ(msg.find("same-pos-child.yaml"), std::string::npos) << msg;
}

TEST(Inheritance, CyclesMissingBasesAndBadValuesAreErrors) {
    write("ping.yaml", "extends: pong.yaml\n");
    const std::string ping = write("ping.yaml", "extends: pong.yaml\n");
    write("pong.yaml", "extends: ping.yaml\n");
    EXPECT_NE(message_of(ping).find("a cycle: "), std::string::npos) << message_of(ping);
    const std::string missing = write("orphan.yaml", "name: x\nextends: nergens.yaml\n");
    const std::string msg = message_of(missing);
    EXPECT_NE(msg.find("orphan.yaml:2:10: key 'extends': found 'nergens.yaml'; expected an "
                       "existing scenario file"),
              std::string::npos)
        << msg;
    const std::string listy = write("listy.yaml", "extends: [a.yaml, b.yaml]\n");
    EXPECT_NE(message_of(listy).find("expected the path of a base scenario file"),
              std::string::npos);
}

TEST(Inheritance, DifferencesListEveryChangedKey) {
    const Scenario a = load_scenario(write("diff-a.yaml", base_text()));
    const Scenario b = load_scenario(write("diff-b.yaml",
                                           "extends: diff-a.yaml\n"
                                           "buurt: {households: 400}\n"
                                           "workers: [{id: v, count: 2}]\n"));
    const auto lines = scenario_differences(a, b);
    ASSERT_EQ(lines.size(), 2u) << ::testing::PrintToString(lines);
    EXPECT_EQ(lines[0], "buurt.households: 300 -> 400");
    EXPECT_EQ(lines[1], "workers[v].count: 1 -> 2");
    EXPECT_TRUE(scenario_differences(a, a).empty());
}

TEST(Inheritance, TheEveningScenarioIsTheDefaultWithAnotherSchedule) {
    const Scenario base = load_scenario(test::source_path("scenarios/waterlandpleinbuurt.yaml"));
    const Scenario avond =
        load_scenario(test::source_path("scenarios/waterlandpleinbuurt-avond.yaml"));
    const auto lines = scenario_differences(base, avond);
    ASSERT_EQ(lines.size(), 5u) << ::testing::PrintToString(lines);
    EXPECT_EQ(lines[2], "workers[outreachwerker].schedule.weekdag_avond: 4 -> 8");
}

// Found by the fuzz regression: an empty file (a null document) once threw past the loader.
TEST(Inheritance, AnEmptyFileIsAnErrorNotACrash) {
    for (const char* text : {"", "~\n", "# only a comment\n"}) {
        try {
            parse_scenario(text, "leeg.yaml");
            ADD_FAILURE() << "no error for '" << text << "'";
        } catch (const ScenarioError& e) {
            ASSERT_EQ(e.issues().size(), 1u);
            EXPECT_EQ(e.issues()[0].expected, "a map of scenario keys at the top level");
        }
    }
}

}  // namespace
}  // namespace bb
