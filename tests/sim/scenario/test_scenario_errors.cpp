// Strict scenario validation: one test per kind of bad input, each checking the exact parts of the
// issue a user sees (file, line, column, key path, found, expected, hint), and that every issue of
// a file is reported at once.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sim/core/errors.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/yaml_reader.hpp"
#include "tests/support/issues.hpp"
#include "tests/support/test_scenarios.hpp"

namespace bb {
namespace {

const std::string kFile = "fout.yaml";

// The issues of parsing `text`; fails the test if it parses.
std::vector<ScenarioIssue> issues_of(const std::string& text) {
    try {
        parse_scenario(text, kFile);
    } catch (const ScenarioError& e) {
        return e.issues();
    }
    ADD_FAILURE() << "no ScenarioError for:\n" << text;
    return {};
}

std::string issues_text(const std::vector<ScenarioIssue>& issues) {
    std::string out;
    for (const auto& i : issues) out += "\n  " + i.to_string();
    return out;
}

using test::position_of;

void expect_issue(const ScenarioIssue& issue, test::Position at, const std::string& key_path,
                  const std::string& found, const std::string& expected,
                  const std::string& hint = "") {
    test::expect_issue_fields(issue, kFile, at, key_path, found, expected, hint);
}

TEST(ScenarioErrors, MissingFile) {
    const std::string path = test::source_path("tests/no/such/scenario.yaml");
    try {
        load_scenario(path);
        FAIL() << "no ScenarioError";
    } catch (const ScenarioError& e) {
        ASSERT_EQ(e.issues().size(), 1u);
        const ScenarioIssue& issue = e.issues()[0];
        EXPECT_EQ(issue.file, path);
        EXPECT_EQ(issue.line, 0);
        EXPECT_EQ(issue.column, 0);
        EXPECT_EQ(issue.key_path, "");
        EXPECT_EQ(issue.expected, "a readable scenario file");
        EXPECT_EQ(issue.hint, "the file is missing or unreadable");
        EXPECT_EQ(issue.to_string(), path +
                                         ": expected a readable scenario file (the file is "
                                         "missing or unreadable)");
    }
}

TEST(ScenarioErrors, MalformedYaml) {
    // A second colon on one line: a mapping value where none is allowed.
    const std::string text = "name: kapot\nseed: 1: 2\nhorizon_days: 30\n";
    const auto issues = issues_of(text);
    ASSERT_EQ(issues.size(), 1u);
    const ScenarioIssue& issue = issues[0];
    EXPECT_EQ(issue.file, kFile);
    EXPECT_EQ(issue.line, 2) << issue.to_string();
    EXPECT_EQ(issue.column, position_of(text, ": 2").column) << issue.to_string();
    EXPECT_EQ(issue.key_path, "");
    EXPECT_EQ(issue.found.rfind("malformed YAML (", 0), 0u) << issue.found;
    EXPECT_EQ(issue.expected, "well-formed YAML");
}

TEST(ScenarioErrors, UnknownTopLevelKeySuggestsTheNearestKey) {
    const std::string text = "schema_version: 1\nhorizon_dayz: 30\n";
    const auto issues = issues_of(text);
    ASSERT_EQ(issues.size(), 1u);
    expect_issue(issues[0], position_of(text, "horizon_dayz"), "horizon_dayz",
                 "unknown key 'horizon_dayz'", "a known key", "did you mean 'horizon_days'?");
    EXPECT_EQ(issues[0].to_string(),
              "fout.yaml:2:1: key 'horizon_dayz': found unknown key 'horizon_dayz'; expected a "
              "known key (did you mean 'horizon_days'?)");
}

TEST(ScenarioErrors, UnknownKeyWithoutNearMissListsTheAllowedKeys) {
    const std::string text = "sweep:\n  straten: [0]\n";
    const auto issues = issues_of(text);
    ASSERT_EQ(issues.size(), 1u);
    expect_issue(issues[0], position_of(text, "straten"), "sweep.straten", "unknown key 'straten'",
                 "a known key", "allowed: call_backs, streets");
}

TEST(ScenarioErrors, UnknownNestedKey) {
    const std::string text = "buurt:\n  housholds: 500\n";
    const auto issues = issues_of(text);
    ASSERT_EQ(issues.size(), 1u);
    expect_issue(issues[0], position_of(text, "housholds"), "buurt.housholds",
                 "unknown key 'housholds'", "a known key", "did you mean 'households'?");
}

TEST(ScenarioErrors, UnknownWorkerModelId) {
    const std::string text =
        "workers:\n"
        "  - id: a\n"
        "    allocation: {huisbezoek_signaal: 1.0}\n"
        "    models:\n"
        "      hulpp: 1.0\n";
    const auto issues = issues_of(text);
    ASSERT_EQ(issues.size(), 2u);
    expect_issue(issues[0], position_of(text, "hulpp"), "workers[0].models.hulpp",
                 "unknown model 'hulpp'", "a registered model id", "did you mean 'hulp'?");
    // Without a known model the weights no longer sum to 1.
    EXPECT_EQ(issues[1].key_path, "workers[0].models");
    EXPECT_EQ(issues[1].expected, "weights summing to 1");
}

TEST(ScenarioErrors, UnknownModelInModelParameters) {
    const std::string text = "models:\n  hulpp:\n    accept_shift: 0.5\n";
    const auto issues = issues_of(text);
    ASSERT_EQ(issues.size(), 1u);
    expect_issue(issues[0], position_of(text, "hulpp"), "models.hulpp", "unknown model 'hulpp'",
                 "a registered model id", "did you mean 'hulp'?");

    const std::string param = "models:\n  hulp:\n    accept_shif: 0.5\n";
    const auto param_issues = issues_of(param);
    ASSERT_EQ(param_issues.size(), 1u);
    expect_issue(param_issues[0], position_of(param, "accept_shif"), "models.hulp.accept_shif",
                 "unknown key 'accept_shif'", "a known key", "did you mean 'accept_shift'?");
}

TEST(ScenarioErrors, UnknownMethodIdInAllocation) {
    const std::string text =
        "workers:\n"
        "  - id: a\n"
        "    allocation: {huisbezoek_signal: 0.6, huisbezoek_alle: 0.4}\n";
    const auto issues = issues_of(text);
    ASSERT_EQ(issues.size(), 2u);
    expect_issue(issues[0], position_of(text, "huisbezoek_signal:"),
                 "workers[0].allocation.huisbezoek_signal", "unknown key 'huisbezoek_signal'",
                 "a known key", "did you mean 'huisbezoek_signaal'?");
    EXPECT_EQ(issues[1].key_path, "workers[0].allocation");
    EXPECT_EQ(issues[1].expected, "shares summing to 1");
}

TEST(ScenarioErrors, TextWhereANumberIsExpected) {
    const std::string text = "buurt:\n  share_one_person: veel\n";
    const auto issues = issues_of(text);
    ASSERT_EQ(issues.size(), 1u);
    expect_issue(issues[0], position_of(text, "veel"), "buurt.share_one_person", "'veel'",
                 "a number in [0, 1]");
}

TEST(ScenarioErrors, WrongStructure) {
    // A map where a number is expected, a word where true/false is expected, text for a list.
    const std::string text =
        "horizon_days: {dagen: 30}\n"
        "workers:\n"
        "  - id: a\n"
        "    allocation: {huisbezoek_signaal: 1}\n"
        "    protocol: {letter: ja}\n"
        "collective_locations: buurthuis\n";
    const auto issues = issues_of(text);
    ASSERT_EQ(issues.size(), 3u);
    expect_issue(issues[0], position_of(text, "{dagen"), "horizon_days", "a map",
                 "a whole number in [1, 36500]");
    expect_issue(issues[1], position_of(text, "ja}"), "workers[0].protocol.letter", "'ja'",
                 "true or false");
    expect_issue(issues[2], position_of(text, "buurthuis"), "collective_locations", "'buurthuis'",
                 "a list of locations");
}

TEST(ScenarioErrors, OutOfRangeValue) {
    const std::string text = "horizon_days: 0\nbuurt:\n  share_one_person: 1.5\n";
    const auto issues = issues_of(text);
    ASSERT_EQ(issues.size(), 2u);
    expect_issue(issues[0], position_of(text, "0\n"), "horizon_days", "'0'",
                 "a whole number in [1, 36500]");
    expect_issue(issues[1], position_of(text, "1.5"), "buurt.share_one_person", "'1.5'",
                 "a number in [0, 1]");
}

TEST(ScenarioErrors, IntegerExpected) {
    const std::string text = "horizon_days: 10.5\nbuurt:\n  households: {value: 10.5, source: x}\n";
    const auto issues = issues_of(text);
    ASSERT_EQ(issues.size(), 2u);
    expect_issue(issues[0], position_of(text, "10.5"), "horizon_days", "'10.5'",
                 "a whole number in [1, 36500]");
    const ParamSpec* spec = find_parameter("buurt.households");
    ASSERT_NE(spec, nullptr);
    expect_issue(
        issues[1], position_of(text, "10.5", 1), "buurt.households", "'10.5'",
        "a whole number in [" + format_number(spec->min) + ", " + format_number(spec->max) + "]");
    EXPECT_EQ(issues[1].expected, "a whole number in [1, 2000000]");
}

TEST(ScenarioErrors, AllocationNotSummingToOne) {
    const std::string text =
        "workers:\n"
        "  - id: a\n"
        "    allocation: {huisbezoek_signaal: 0.5, huisbezoek_alle: 0.3}\n";
    const auto issues = issues_of(text);
    ASSERT_EQ(issues.size(), 1u);
    expect_issue(issues[0], position_of(text, "{huisbezoek_signaal"), "workers[0].allocation",
                 "shares summing to 0.8", "shares summing to 1");
}

TEST(ScenarioErrors, ScheduleHoursExceedContractHours) {
    const std::string text =
        "workers:\n"
        "  - id: a\n"
        "    contract_hours_per_week: 20\n"
        "    schedule: {weekdag_dag: 18, weekdag_avond: 4}\n"
        "    allocation: {huisbezoek_signaal: 1}\n";
    const auto issues = issues_of(text);
    ASSERT_EQ(issues.size(), 1u);
    expect_issue(issues[0], position_of(text, "{weekdag_dag"), "workers[0].schedule",
                 "22 hours/week", "at most contract_hours_per_week (20)");
}

TEST(ScenarioErrors, DuplicateKey) {
    const std::string text = "seed: 1\nhorizon_days: 30\nseed: 2\n";
    const auto issues = issues_of(text);
    ASSERT_EQ(issues.size(), 1u);
    expect_issue(issues[0], position_of(text, "seed", 1), "seed", "a second 'seed'",
                 "each key once");
}

TEST(ScenarioErrors, DuplicateWorkerId) {
    const std::string text =
        "workers:\n"
        "  - {id: a, allocation: {huisbezoek_signaal: 1}}\n"
        "  - {id: a, allocation: {huisbezoek_alle: 1}}\n";
    const auto issues = issues_of(text);
    ASSERT_EQ(issues.size(), 1u);
    expect_issue(issues[0], position_of(text, "a, allocation: {huisbezoek_alle"), "workers[1].id",
                 "'a' again", "a unique worker id");
}

TEST(ScenarioErrors, EveryErrorOfAFileIsReported) {
    const std::string text =
        "horizon_dayz: 30\n"
        "buurt:\n"
        "  housholds: 500\n"
        "  share_one_person: 2\n"
        "workers:\n"
        "  - id: a\n"
        "    allocation: {huisbezoek_signaal: 0.5}\n"
        "  - id: a\n"
        "    allocation: {huisbezoek_signaal: 1}\n";
    try {
        parse_scenario(text, kFile);
        FAIL() << "no ScenarioError";
    } catch (const ScenarioError& e) {
        const auto& issues = e.issues();
        ASSERT_EQ(issues.size(), 5u) << e.what();
        EXPECT_EQ(issues[0].key_path, "horizon_dayz");
        EXPECT_EQ(issues[1].key_path, "buurt.housholds");
        EXPECT_EQ(issues[2].key_path, "buurt.share_one_person");
        EXPECT_EQ(issues[3].key_path, "workers[1].id");
        EXPECT_EQ(issues[4].key_path, "workers[0].allocation");
        const std::string what = e.what();
        EXPECT_EQ(what.rfind("5 errors in scenario:", 0), 0u) << what;
        for (const auto& issue : issues) {
            EXPECT_NE(what.find(issue.to_string()), std::string::npos) << issue.to_string();
        }
    }
}

TEST(ScenarioErrors, InconsistentCombinations) {
    struct Case {
        std::string text;
        std::string key_path;
        std::string expected_prefix;
    };
    const std::vector<Case> cases{
        {"buurt: {share_one_person: 0.6, share_with_children: 0.5}\n",
         "buurt.share_one_person + buurt.share_with_children", "at most 1"},
        {"signals: {share_zorgverzekeraar: 0.6, share_woningcorporatie: 0.6}\n",
         "signals.share_zorgverzekeraar + signals.share_woningcorporatie", "at most 1"},
        {"workers:\n  - id: a\n", "workers[0].allocation.voorlichting_collectief",
         "collective_locations to hold sessions at"},
        {"buurt: {households: 100, porch_size: 10, porches_per_street: 5}\nsweep: {streets: [0, "
         "2]}\n",
         "sweep.streets[1]", "a street index below 2"},
        {"workers:\n  - {id: a, allocation: {huisbezoek_alle: 1}, models: {hulp: 0.5}}\n",
         "workers[0].models", "weights summing to 1"},
        {"signals:\n  sources: [woningcorporatie, huisartz]\n", "signals.sources[1]",
         "a signal source id"},
        {"collective_locations:\n  - {id: x, source: a}\n  - {id: x, source: b}\n",
         "collective_locations[1].id", "a unique location id"},
        {"collective_locations:\n  - {id: x}\n", "collective_locations[0].source",
         "a value for required key 'source'"},
        {"start_weekday: maandg\n", "start_weekday", "a weekday"},
        {"schema_version: 2\n", "schema_version", "a whole number in [1, 1]"},
    };
    for (const Case& c : cases) {
        const auto issues = issues_of(c.text);
        ASSERT_EQ(issues.size(), 1u) << c.text;
        EXPECT_EQ(issues[0].key_path, c.key_path) << c.text;
        EXPECT_EQ(issues[0].expected.rfind(c.expected_prefix, 0), 0u)
            << c.text << " -> " << issues[0].to_string();
        EXPECT_GT(issues[0].line, 0) << c.text;
    }
}

// A worker's session_locations must name collective locations.
TEST(ScenarioErrors, SessionAtALocationThatDoesNotExist) {
    const std::string text =
        "collective_locations:\n  - {id: buurthuis, source: a}\n  - {id: moskee, source: b}\n"
        "workers:\n  - {id: a, session_locations: [buurthuis, moskeee]}\n";
    const auto issues = issues_of(text);
    ASSERT_EQ(issues.size(), 1u);
    expect_issue(issues[0], position_of(text, "moskeee"), "workers[0].session_locations[1]",
                 "a session at 'moskeee', which is not a collective location",
                 "an id of collective_locations", "did you mean 'moskee'?");
}

// Detailed keys beside a quick scan may not contradict it.
TEST(ScenarioErrors, QuickScanContradictedByDetailedSettings) {
    const std::string scan =
        "    quick_scan:\n      werkrelatie: [vrijwillig]\n      aanmelding: "
        "[professioneel_netwerk]\n      doelgroep: [individu]\n      locatie: [privaat]\n"
        "      acties: [direct]\n      doelstelling: doelgroepgericht\n      regie: "
        "aanbodgericht\n      focus: {thema: integraal, gebied: territoriaal}\n"
        "      tijdsbepaling: niet_gelimiteerd\n";
    const std::string text = "workers:\n  - id: a\n" + scan +
                             "    allocation: {huisbezoek_signaal: 0.8, online: 0.2}\n"
                             "    models: {hulp: 0.5, dwang_drang: 0.5}\n";
    const auto issues = issues_of(text);
    ASSERT_EQ(issues.size(), 2u) << issues_text(issues);
    expect_issue(issues[0], position_of(text, "0.2}"), "workers[0].allocation.online",
                 "0.2, but no quick_scan answer gives online hours",
                 "0, or a quick_scan answer that works this way (docs/quick-scan.md)");
    expect_issue(issues[1], position_of(text, "0.5}"), "workers[0].models.dwang_drang",
                 "0.5, but no quick_scan answer points to dwang_drang",
                 "0, or a quick_scan answer that works this way (docs/quick-scan.md)");
    // Refining the scan (hours for methods it uses) is fine.
    EXPECT_NO_THROW(parse_scenario("workers:\n  - id: a\n" + scan +
                                       "    allocation: {huisbezoek_signaal: 0.5, "
                                       "huisbezoek_alle: 0.5}\n",
                                   kFile));
}

TEST(ScenarioErrors, InterventionRules) {
    struct Case {
        std::string text;
        std::string key_path;
        std::string found;
        std::string expected;
        std::string hint;
    };
    const std::string team =
        "workers:\n  - {id: werker}\ncollective_locations:\n  - {id: "
        "buurthuis, source: a}\ninterventions:\n";
    const std::vector<Case> cases{
        {team + "  - {from_week: 4, workers: [{id: werkr, count: 2}]}\n",
         "interventions[0].workers[0].id", "unknown worker 'werkr'",
         "the id of a worker working by week 4", "did you mean 'werker'?"},
        {team + "  - {from_week: 4, remove_workers: [werker]}\n  - {from_week: 8, workers: [{id: "
                "werker, count: 2}]}\n",
         "interventions[1].workers[0].id", "unknown worker 'werker'",
         "the id of a worker working by week 8", "no worker is working by then"},
        {team + "  - {from_week: 4, add_workers: [{id: werker}]}\n",
         "interventions[0].add_workers[0].id", "'werker' again", "a worker id not used before", ""},
        {team + "  - {from_week: 60, remove_workers: [werker]}\n", "interventions[0].from_week",
         "60", "a week before the horizon's end (day 7 x from_week below horizon_days 365)", ""},
        {team + "  - {from_week: 4, campaign: {hours_per_week: 6}}\n",
         "interventions[0].campaign.weeks", "nothing", "a value for required key 'weeks'", ""},
        {team + "  - {from_week: 4, workers: [{id: werker, allocation: {online: 0.5}}]}\n",
         "interventions[0].workers[0].allocation", "shares summing to 0.5", "shares summing to 1",
         ""},
        {team + "  - {workers: [{id: werker}]}\n", "interventions[0].from_week", "nothing",
         "a value for required key 'from_week'", ""},
    };
    for (const Case& c : cases) {
        const auto issues = issues_of(c.text);
        ASSERT_EQ(issues.size(), 1u) << c.text << issues_text(issues);
        EXPECT_EQ(issues[0].key_path, c.key_path) << c.text;
        EXPECT_EQ(issues[0].found, c.found) << c.text;
        EXPECT_EQ(issues[0].expected, c.expected) << c.text;
        EXPECT_EQ(issues[0].hint, c.hint) << c.text;
        EXPECT_GT(issues[0].line, 0) << c.text;
    }
}

// Warnings are advice about a valid scenario, kept apart from errors: a figure set without a
// source, and a model or factor the team uses with every effect size at its assumption default.
TEST(ScenarioWarnings, FiguresWithoutSourceAndUntouchedAssumptionLevers) {
    const std::string text =
        "buurt:\n  households: 900\n  share_senior: {value: 0.2, source: \"A: test\"}\n"
        "workers:\n  - {id: a, models: {hulp: 0.5, presentie: 0.5}, factors: "
        "[ervaringsdeskundige], allocation: {huisbezoek_signaal: 1}}\n"
        "  - {id: b, models: {presentie: 1}, allocation: {huisbezoek_signaal: 1}}\n"
        "models:\n  dwang_drang: {accept_shift: 1.0}\n";
    const Scenario sc = parse_scenario(text, kFile);
    ASSERT_EQ(sc.warnings.size(), 4u) << issues_text(sc.warnings);
    expect_issue(sc.warnings[0], position_of(text, "900"), "buurt.households",
                 "a figure set without a source",
                 "{value: ..., source: \"...\"} (an evidence id, a data row or 'A: ...' for an "
                 "assumption)");
    EXPECT_EQ(sc.warnings[1].key_path, "models.dwang_drang.accept_shift");  // plain, no source
    expect_issue(sc.warnings[2], position_of(text, "{hulp"), "workers[0].models.presentie",
                 "presentie's effect sizes, all still assumption defaults (docs/models.md)",
                 "a study sweep over models.presentie.* before drawing conclusions: its effect is "
                 "a what-if");
    EXPECT_EQ(sc.warnings[3].key_path, "workers[0].factors");  // once per factor; b not again
    // A model whose parameters the scenario sets is not warned about; hulp never is.
    EXPECT_TRUE(test::parse("name: x\n").warnings.empty());
}

TEST(ScenarioErrors, FileOverTheSizeLimit) {
    const std::string path = ::testing::TempDir() + "buurtbereik_too_large.yaml";
    {
        std::ofstream out(path, std::ios::binary);
        const std::string line = "# " + std::string(98, 'x') + "\n";
        for (std::size_t written = 0; written <= kMaxScenarioBytes; written += line.size())
            out << line;
    }
    try {
        load_scenario(path);
        ADD_FAILURE() << "no ScenarioError";
    } catch (const ScenarioError& e) {
        ASSERT_EQ(e.issues().size(), 1u);
        const ScenarioIssue& issue = e.issues()[0];
        EXPECT_EQ(issue.file, path);
        EXPECT_EQ(issue.line, 0);
        EXPECT_EQ(issue.found, "a file over " + std::to_string(kMaxScenarioBytes) + " bytes");
        EXPECT_EQ(issue.expected, "a scenario file of at most 4 MiB");
    }
    std::remove(path.c_str());

    // The same limit holds for text handed over directly (e.g. from Python).
    const std::string text(kMaxScenarioBytes + 1, '#');
    try {
        parse_scenario(text, kFile);
        ADD_FAILURE() << "no ScenarioError";
    } catch (const ScenarioError& e) {
        ASSERT_EQ(e.issues().size(), 1u);
        EXPECT_EQ(e.issues()[0].file, kFile);
        EXPECT_EQ(e.issues()[0].found, "a text over 4 MiB");
    }
    // Text exactly at the limit is accepted.
    std::string at_limit = "name: grens\n#";
    at_limit += std::string(kMaxScenarioBytes - at_limit.size() - 1, 'x') + "\n";
    ASSERT_EQ(at_limit.size(), kMaxScenarioBytes);
    EXPECT_NO_THROW(parse_scenario(at_limit, kFile));
}

}  // namespace
}  // namespace bb
