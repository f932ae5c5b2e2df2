// Scenario loading: values and sources from the file, defaults for everything else, and the
// resolved scenario as a fixed point (parse -> resolved_yaml -> parse -> resolved_yaml).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "models/catalogue.hpp"
#include "sim/scenario/scenario.hpp"
#include "tests/support/test_scenarios.hpp"

namespace bb {
namespace {

void expect_same_scenario(const Scenario& a, const Scenario& b) {
    EXPECT_EQ(a.name, b.name);
    EXPECT_EQ(a.description, b.description);
    EXPECT_EQ(a.seed, b.seed);
    EXPECT_EQ(a.horizon_days, b.horizon_days);
    EXPECT_EQ(a.start_weekday, b.start_weekday);
    for (const ParamSpec& spec : parameter_specs()) {
        EXPECT_EQ(spec.get(a.params), spec.get(b.params)) << spec.path;
    }
    EXPECT_EQ(a.signal_sources, b.signal_sources);
    ASSERT_EQ(a.locations.size(), b.locations.size());
    for (std::size_t l = 0; l < a.locations.size(); ++l) {
        EXPECT_EQ(a.locations[l].id, b.locations[l].id);
        EXPECT_EQ(a.locations[l].eligible, b.locations[l].eligible);
        EXPECT_EQ(a.locations[l].membership, b.locations[l].membership);
        EXPECT_EQ(a.locations[l].source, b.locations[l].source);
    }
    EXPECT_EQ(a.sweep.call_backs, b.sweep.call_backs);
    EXPECT_EQ(a.sweep.streets, b.sweep.streets);
    ASSERT_EQ(a.workers.size(), b.workers.size());
    for (std::size_t w = 0; w < a.workers.size(); ++w) {
        const WorkerSpec &x = a.workers[w], &y = b.workers[w];
        EXPECT_EQ(x.id, y.id);
        EXPECT_EQ(x.count, y.count);
        EXPECT_EQ(x.contract_hours_per_week, y.contract_hours_per_week);
        EXPECT_EQ(x.hourly_cost_eur, y.hourly_cost_eur);
        EXPECT_EQ(x.schedule_hours, y.schedule_hours);
        EXPECT_EQ(x.allocation, y.allocation);
        EXPECT_EQ(x.protocol.letter, y.protocol.letter);
        EXPECT_EQ(x.protocol.phone, y.protocol.phone);
        EXPECT_EQ(x.protocol.max_visits, y.protocol.max_visits);
        EXPECT_EQ(x.protocol.vary_times, y.protocol.vary_times);
        EXPECT_EQ(x.protocol.duo, y.protocol.duo);
        EXPECT_EQ(x.caseload_cap, y.caseload_cap);
        EXPECT_EQ(x.client_hours_cap, y.client_hours_cap);
        EXPECT_EQ(x.models, y.models);
    }
    EXPECT_EQ(a.model_params, b.model_params);
}

TEST(Scenario, DefaultScenarioLoadsWithItsValuesAndSources) {
    const Scenario sc = load_scenario(test::source_path("scenarios/waterlandpleinbuurt.yaml"));
    EXPECT_EQ(sc.name, "waterlandpleinbuurt");
    EXPECT_EQ(sc.seed, 20261122u);
    EXPECT_EQ(sc.horizon_days, 365);
    EXPECT_EQ(sc.start_weekday, 0);
    EXPECT_EQ(sc.params.buurt.households, 6095);
    EXPECT_EQ(sc.params.buurt.share_minimum_income, 0.30);
    EXPECT_EQ(sc.sources.at("buurt.households").rfind("P1:", 0), 0u);
    ASSERT_EQ(sc.locations.size(), 4u);
    EXPECT_EQ(sc.locations[1].id, "basisschool");
    EXPECT_EQ(sc.locations[1].eligible, Eligibility::met_kinderen);
    ASSERT_EQ(sc.workers.size(), 1u);
    EXPECT_EQ(sc.workers[0].count, 3);
    EXPECT_EQ(sc.workers[0].schedule_hours, (std::array<double, kSlotKinds>{22, 4, 1}));
    // Every registered model has resolved parameters, even when the file names none.
    EXPECT_EQ(sc.model_params.count("hulp"), 1u);
    EXPECT_FALSE(sc.verbatim.empty());
}

TEST(Scenario, UnlistedKeysTakeTheirDocumentedDefaults) {
    const Scenario sc = test::parse("name: leeg\n");
    const Parameters defaults;
    for (const ParamSpec& spec : parameter_specs()) {
        EXPECT_EQ(spec.get(sc.params), spec.default_value) << spec.path;
        EXPECT_EQ(spec.get(sc.params), spec.get(defaults)) << spec.path;
    }
    EXPECT_TRUE(sc.workers.empty());
    EXPECT_TRUE(sc.locations.empty());
    EXPECT_EQ(sc.seed, 1u);
    EXPECT_EQ(sc.horizon_days, 365);
    // A worker map replaces the default schedule and allocation entirely.
    const Scenario w = test::parse(
        "workers:\n  - id: a\n    schedule: {weekdag_avond: 5}\n    allocation: "
        "{huisbezoek_alle: 1}\n");
    ASSERT_EQ(w.workers.size(), 1u);
    EXPECT_EQ(w.workers[0].schedule_hours, (std::array<double, kSlotKinds>{0, 5, 0}));
    EXPECT_EQ(w.workers[0].allocation, (std::array<double, kMethods>{0, 1, 0, 0}));
    // Without a name, the file name (without extension) names the scenario.
    EXPECT_EQ(parse_scenario("seed: 3\n", "dir/mijn_buurt.yaml").name, "mijn_buurt");
}

TEST(Scenario, ValueWithSourceIsKept) {
    const Scenario sc =
        test::parse("buurt:\n  share_social_rent: {value: 0.75, source: \"P3: corporatie\"}\n");
    EXPECT_EQ(sc.params.buurt.share_social_rent, 0.75);
    EXPECT_EQ(sc.sources.at("buurt.share_social_rent"), "P3: corporatie");
}

const std::vector<std::string>& round_trip_texts() {
    static const std::vector<std::string> texts{
        test::small_buurt_yaml(
            300, 20, 99,
            "  - id: a\n    count: 2\n    protocol: {duo: false}\n"
            "    models: {hulp: 1}\n",
            "sweep: {call_backs: 1, streets: [0, 2]}\n"
            "signals: {sources: [woningcorporatie, huisarts]}\n"
            "models: {hulp: {accept_shift: 0.25}}\n"
            "contact: {acceptance: 0.123456789012345678}\n"
            "profiles:\n  trust: {zorgmijder: {value: 0.15, source: \"A: t\"}}\n"),
        "name: leeg\n",
        test::read_text("scenarios/waterlandpleinbuurt.yaml"),
    };
    return texts;
}

// The resolved scenario parses again into the same scenario (every parameter, worker, location).
TEST(Scenario, ResolvedYamlParsesIntoTheSameScenario) {
    for (const std::string& text : round_trip_texts()) {
        const Scenario first = test::parse(text);
        const std::string yaml = resolved_yaml(first);
        Scenario second;
        ASSERT_NO_THROW(second = parse_scenario(yaml, "resolved.yaml"));
        expect_same_scenario(first, second);
    }
}

// parse -> resolved_yaml -> parse -> resolved_yaml gives the same text, comments (units and
// sources) included: the resolved scenario is a complete, stable provenance record.
TEST(Scenario, ResolvedYamlIsAFixedPoint) {
    for (const std::string& text : round_trip_texts()) {
        const std::string yaml1 = resolved_yaml(test::parse(text));
        std::string yaml2;
        ASSERT_NO_THROW(yaml2 = resolved_yaml(parse_scenario(yaml1, "resolved.yaml")));
        EXPECT_EQ(yaml1, yaml2);
    }
}

TEST(Scenario, ReferenceListsEveryParameter) {
    const std::string md = scenario_reference_markdown();
    for (const ParamSpec& spec : parameter_specs()) {
        EXPECT_NE(md.find("`" + spec.path + "`"), std::string::npos) << spec.path;
    }
    // Models and factors are listed by id; their parameters are in docs/models.md.
    for (const auto& id : builtin_models().ids()) EXPECT_NE(md.find("`" + id + "`"), md.npos) << id;
    for (const auto& f : builtin_factors()) EXPECT_NE(md.find("`" + f.id + "`"), md.npos) << f.id;
    const std::string models = models_reference_markdown();
    for (const auto& info : builtin_models().all()) {
        for (const auto& p : info.params) {
            EXPECT_NE(models.find("| `" + p.key + "` |"), models.npos) << info.id << "." << p.key;
        }
    }
}

}  // namespace
}  // namespace bb
