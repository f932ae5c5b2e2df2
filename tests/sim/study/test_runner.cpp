// Studies: determinism across thread counts, common random numbers, resume, overwrite
// protection, the precision stopping rule, and study files with sweeps.
#include <gtest/gtest.h>

#include <atomic>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "sim/core/errors.hpp"
#include "sim/study/compare.hpp"
#include "sim/study/outcomes.hpp"
#include "sim/study/runner.hpp"
#include "sim/study/study.hpp"
#include "sim/study/study_file.hpp"
#include "tests/support/test_scenarios.hpp"

namespace bb {
namespace {

namespace fs = std::filesystem;

std::string tmp(const std::string& name) {
    const fs::path dir = fs::path(::testing::TempDir()) / "buurtbereik_study_tests";
    fs::create_directories(dir);
    return (dir / name).string();
}

std::string write_file(const std::string& name, const std::string& text) {
    const std::string path = tmp(name);
    std::ofstream(path) << text;
    return path;
}

// A small buurt; `hours` scales the weekday daytime schedule of its single worker.
std::string scenario_text(const std::string& name, double day_hours, int households = 250) {
    std::string s =
        test::small_buurt_yaml(households, 40, 4242, test::worker_yaml("w", 1, day_hours, 2, 0));
    s.replace(s.find("name: klein"), 11, "name: " + name);
    return s;
}

StudySpec two_variant_spec(std::uint32_t reps, bool crn, double alt_hours = 24) {
    CommandLineStudy cl;
    cl.scenarios = {write_file("base.yaml", scenario_text("basis", 12)),
                    write_file("alt.yaml", scenario_text("meer-uren", alt_hours))};
    cl.replications = reps;
    cl.common_random_numbers = crn;
    return study_from_scenarios(cl);
}

StudyResults run(const StudySpec& spec, int threads, const std::string& out,
                 RunOptions options = {}) {
    auto executor = make_thread_executor(threads);
    options.output = out;
    options.force = options.force || !options.resume;
    return run_study(spec, *executor, options);
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

TEST(StudyRunner, ResultsDoNotDependOnThreadCount) {
    const StudySpec spec = two_variant_spec(6, true);
    const StudyResults one = run(spec, 1, tmp("threads1.h5"));
    const StudyResults three = run(spec, 3, tmp("threads3.h5"));
    ASSERT_EQ(one.replications, 6u);
    for (std::size_t v = 0; v < 2; ++v) {
        EXPECT_TRUE(same_bits(one.outcomes[v], three.outcomes[v])) << "variant " << v;
        EXPECT_TRUE(same_bits(one.series[v], three.series[v])) << "variant " << v;
    }
    // Replications differ from each other (independent streams), variants from each other.
    const int helped = outcome_index("contacted.totaal");
    const auto base = one.outcome(0, helped, 6);
    EXPECT_NE(base[0], base[1]);
    EXPECT_NE(one.outcome(0, helped, 6), one.outcome(1, helped, 6));
}

TEST(StudyRunner, IdenticalScenariosGiveZeroDifferenceUnderCommonRandomNumbers) {
    CommandLineStudy cl;
    const std::string path = write_file("same.yaml", scenario_text("zelfde", 12));
    cl.scenarios = {path, path};
    cl.replications = 5;
    const StudySpec spec = study_from_scenarios(cl);
    EXPECT_EQ(spec.variants[1].name, "zelfde-2");
    const StudyResults r = run(spec, 2, tmp("same.h5"));
    const Comparison c = compare_variants(r, 0, 1, r.replications);
    for (std::size_t k = 0; k < c.outcomes.size(); ++k) {
        const Estimate& d = c.outcomes[k].difference;
        if (d.n == 0) continue;  // undefined in every replication (e.g. no one helped)
        EXPECT_EQ(d.mean, 0.0) << outcome_specs()[k].id;
        EXPECT_EQ(d.sd, 0.0) << outcome_specs()[k].id;
    }
}

TEST(StudyRunner, CommonRandomNumbersNarrowTheIntervalOfADifference) {
    const StudySpec crn = two_variant_spec(16, true);
    const StudySpec ind = two_variant_spec(16, false);
    EXPECT_EQ(crn.variants[1].scenario.seed, crn.variants[0].scenario.seed);
    EXPECT_NE(ind.variants[1].scenario.seed, ind.variants[0].scenario.seed);
    const StudyResults a = run(crn, 2, tmp("crn.h5"));
    const StudyResults b = run(ind, 2, tmp("independent.h5"));
    auto half_width = [](const StudyResults& r, const char* id) {
        return compare_variants(r, 0, 1, 16).outcomes[outcome_index(id)].difference.half_width;
    };
    // Needs hardly depend on the workers: with shared households and need histories the
    // difference nearly vanishes. Contacts depend on them directly, so the gain is smaller.
    EXPECT_LT(half_width(a, "in_need.totaal"), 0.5 * half_width(b, "in_need.totaal"));
    EXPECT_LT(half_width(a, "contacted.totaal"), half_width(b, "contacted.totaal"));
}

TEST(StudyRunner, ResumeGivesTheUninterruptedResult) {
    // Enough tasks that the workers cannot finish them all before the cancel is seen.
    const StudySpec spec = two_variant_spec(40, true);
    const StudyResults whole = run(spec, 2, tmp("whole.h5"));

    const std::string out = tmp("interrupted.h5");
    std::atomic<bool> cancel{false};
    RunOptions first;
    first.cancel = &cancel;
    first.progress = [&](const Progress& p) {
        if (p.done >= 5) cancel = true;
    };
    const StudyResults part = run(spec, 2, out, first);
    EXPECT_EQ(part.reason, StopReason::interrupted);
    EXPECT_LT(part.tasks_done(), 80u);
    const StudyFileInfo info = inspect_study_file(out);
    EXPECT_TRUE(info.is_study);
    EXPECT_FALSE(info.complete);
    EXPECT_EQ(info.status, "interrupted");

    RunOptions again;
    again.resume = true;
    std::uint64_t resumed = 0;
    again.progress = [&](const Progress& p) { resumed = p.resumed; };
    const StudyResults rest = run(spec, 1, out, again);
    EXPECT_EQ(resumed, part.tasks_done());
    EXPECT_EQ(rest.reason, StopReason::cap);
    EXPECT_TRUE(inspect_study_file(out).complete);
    for (std::size_t v = 0; v < 2; ++v) {
        EXPECT_TRUE(same_bits(whole.outcomes[v], rest.outcomes[v]));
        EXPECT_TRUE(same_bits(whole.series[v], rest.series[v]));
    }
}

TEST(StudyRunner, ExecutorJoinsItsThreadsWhenAResultHandlerThrows) {
    const StudySpec spec = two_variant_spec(6, true);
    const PreparedStudy prepared(spec);
    std::vector<Task> tasks;
    for (std::uint32_t r = 0; r < 6; ++r) tasks.push_back({0, r});
    auto executor = make_thread_executor(3);
    int seen = 0;
    EXPECT_THROW(executor->execute(
                     prepared, tasks,
                     [&](ReplicationResult&&) {
                         if (++seen == 2) throw IoError("cannot write the checkpoint");
                     },
                     [] { return false; }),
                 IoError);  // (std::terminate, were a thread left unjoined)
    EXPECT_EQ(seen, 2);
}

TEST(StudyRunner, VariantNamesAreSafeGroupNames) {
    CommandLineStudy cl;
    cl.scenarios = {write_file("slash.yaml", scenario_text("noord/klein", 12))};
    cl.replications = 2;
    const StudySpec spec = study_from_scenarios(cl);
    EXPECT_EQ(spec.variants[0].name, "noord-klein");
    EXPECT_EQ(run(spec, 1, tmp("slash.h5")).replications, 2u);
}

TEST(StudyRunner, RefusesToOverwriteWithoutForce) {
    const StudySpec spec = two_variant_spec(2, true);
    const std::string out = tmp("finished.h5");
    run(spec, 1, out);
    auto executor = make_thread_executor(1);
    RunOptions plain;
    plain.output = out;
    try {
        run_study(spec, *executor, plain);
        FAIL() << "overwrote a finished study";
    } catch (const OverwriteError& e) {
        EXPECT_NE(std::string(e.what()).find("holds a finished study; use --force"),
                  std::string::npos)
            << e.what();
    }
    RunOptions resume = plain;
    resume.resume = true;
    EXPECT_THROW(run_study(spec, *executor, resume), OverwriteError);
    const std::string other = write_file("not-a-study.h5", "hello");
    plain.output = other;
    EXPECT_THROW(run_study(spec, *executor, plain), OverwriteError);
    resume.output = other;
    EXPECT_THROW(run_study(spec, *executor, resume), OverwriteError);
    std::ifstream in(other);
    std::string text;
    in >> text;
    EXPECT_EQ(text, "hello");  // untouched
    RunOptions force = plain;
    force.force = true;
    EXPECT_EQ(run_study(spec, *executor, force).replications, 2u);
}

TEST(StudyRunner, ResumingAnotherStudyIsRefused) {
    const std::string out = tmp("other-study.h5");
    std::atomic<bool> cancel{true};
    RunOptions first;
    first.cancel = &cancel;
    run(two_variant_spec(4, true), 1, out, first);
    RunOptions again;
    again.resume = true;
    try {
        run(two_variant_spec(4, true, 30), 1, out, again);
        FAIL() << "resumed a different study";
    } catch (const IoError& e) {
        EXPECT_NE(std::string(e.what()).find("belongs to a different study"), std::string::npos);
    }
}

TEST(StudyRunner, PrecisionTargetStopsOnWholeRounds) {
    StudySpec spec = two_variant_spec(40, true);
    spec.until = {parse_precision_target("contacted.totaal:1000")};
    spec.min_replications = 12;
    const StudyResults loose = run(spec, 2, tmp("loose.h5"));
    EXPECT_EQ(loose.reason, StopReason::precision);
    EXPECT_EQ(loose.replications, 20u);  // the first round boundary at or past 12
    spec.until = {parse_precision_target("contacted.totaal:0.0001")};
    const StudyResults strict = run(spec, 2, tmp("strict.h5"));
    EXPECT_EQ(strict.reason, StopReason::cap);
    EXPECT_EQ(strict.replications, 40u);
}

TEST(StudyRunner, PrecisionTargetsAreParsedStrictly) {
    const PrecisionTarget t = parse_precision_target("helped_share.zorgmijder:0.02");
    EXPECT_EQ(t.outcome, "helped_share.zorgmijder");
    EXPECT_DOUBLE_EQ(t.half_width, 0.02);
    try {
        parse_precision_target("helped_shar.zorgmijder:0.02");
        FAIL();
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("did you mean 'helped_share.zorgmijder'"),
                  std::string::npos)
            << e.what();
    }
    EXPECT_THROW(parse_precision_target("helped.totaal"), std::invalid_argument);
    EXPECT_THROW(parse_precision_target("helped.totaal:-1"), std::invalid_argument);
    EXPECT_THROW(parse_precision_target("helped.totaal:abc"), std::invalid_argument);
}

TEST(StudyFile, SweepExpandsTheGridOverTheBase) {
    write_file("sweep-base.yaml", scenario_text("basis", 12));
    const std::string study = write_file("sweep.yaml",
                                         "study: raster\n"
                                         "base: sweep-base.yaml\n"
                                         "sweep:\n"
                                         "  - {key: workers.w.count, values: [2, 3]}\n"
                                         "  - {key: buurt.households, values: [200, 300]}\n"
                                         "replications: 3\n");
    const StudySpec spec = load_study(study);
    ASSERT_EQ(spec.variants.size(), 5u);
    EXPECT_EQ(spec.name, "raster");
    EXPECT_EQ(spec.variants[0].name, "basis");
    EXPECT_EQ(spec.variants[1].name, "workers.w.count=2,buurt.households=200");
    EXPECT_EQ(spec.variants[4].name, "workers.w.count=3,buurt.households=300");
    EXPECT_EQ(spec.variants[4].scenario.workers[0].count, 3);
    EXPECT_EQ(spec.variants[4].scenario.params.buurt.households, 300);
    EXPECT_EQ(spec.variants[3].scenario.params.buurt.households, 200);
    for (const auto& v : spec.variants) EXPECT_EQ(v.scenario.seed, 4242u);
    EXPECT_EQ(spec.max_replications, 3u);
}

TEST(StudyFile, AlternativesWithoutSweep) {
    write_file("plain-base.yaml", scenario_text("basis", 12));
    write_file("plain-alt.yaml", scenario_text("meer", 20));
    const StudySpec spec = load_study(write_file("plain.yaml",
                                                 "base: plain-base.yaml\n"
                                                 "alternatives: [plain-alt.yaml]\n"
                                                 "common_random_numbers: false\n"));
    ASSERT_EQ(spec.variants.size(), 2u);
    EXPECT_EQ(spec.name, "plain");
    EXPECT_EQ(spec.variants[1].name, "meer");
    EXPECT_EQ(spec.max_replications, kDefaultReplications);
    EXPECT_NE(spec.variants[1].scenario.seed, spec.variants[0].scenario.seed);
}

TEST(StudyFile, SweepAddsKeysTheBaseLeavesToDefaultsOrToItsOwnBase) {
    // The base extends another file in its own folder; the study lives elsewhere.
    const fs::path dir = fs::path(tmp("nested")).parent_path() / "nested";
    fs::create_directories(dir / "studies");
    std::ofstream(dir / "root.yaml") << scenario_text("wortel", 12);
    std::ofstream(dir / "child.yaml") << "extends: root.yaml\nname: kind\n";
    std::ofstream(dir / "studies" / "s.yaml")
        << "base: ../child.yaml\n"
           "sweep:\n"
           "  - {key: contact.door_conversation_per_pass, values: [0.4]}\n"
           "  - {key: buurt.households, values: [320]}\n";
    const StudySpec spec = load_study((dir / "studies" / "s.yaml").string());
    ASSERT_EQ(spec.variants.size(), 2u);
    const Scenario& v = spec.variants[1].scenario;
    EXPECT_DOUBLE_EQ(v.params.contact.door_conversation_per_pass, 0.4);
    EXPECT_EQ(v.params.buurt.households, 320);
    EXPECT_NE(resolved_yaml(v).find("{value: 0.4, source: sweep in"), std::string::npos);
    // Changing a copy: text with '/' in it does not disturb finding the base.
    const Scenario changed = scenario_with_changes(
        spec.variants[0].scenario, {{"description", "zie https://example.org/x"}}, "test");
    EXPECT_EQ(changed.description, "zie https://example.org/x");
}

TEST(StudyFile, ReportsEveryProblemWithItsPlace) {
    write_file("errors-base.yaml", scenario_text("basis", 12));
    const std::string study = write_file("errors.yaml",
                                         "study: fout\n"
                                         "base: errors-base.yaml\n"
                                         "replicatons: 3\n"
                                         "until: [helped.totall:2]\n");
    try {
        load_study(study);
        FAIL() << "accepted a bad study file";
    } catch (const ScenarioError& e) {
        const std::string msg = e.what();
        EXPECT_NE(msg.find("errors.yaml:3:1"), std::string::npos) << msg;
        EXPECT_NE(msg.find("did you mean 'replications'"), std::string::npos) << msg;
        EXPECT_NE(msg.find("errors.yaml:4:9"), std::string::npos) << msg;
        EXPECT_NE(msg.find("unknown outcome 'helped.totall'"), std::string::npos) << msg;
    }
    const std::string bad_sweep = write_file("bad-sweep.yaml",
                                             "base: errors-base.yaml\n"
                                             "sweep:\n"
                                             "  - {key: workers.nobody.count, values: [1]}\n");
    try {
        load_study(bad_sweep);
        FAIL() << "accepted a sweep over a missing worker";
    } catch (const ScenarioError& e) {
        EXPECT_NE(std::string(e.what()).find("no element 'nobody'"), std::string::npos) << e.what();
    }
    EXPECT_THROW(load_study(tmp("missing-study.yaml")), ScenarioError);
    // A grid is capped before any variant is built (here 11^3 = 1331 > 1000).
    const std::string huge = write_file("huge-sweep.yaml",
                                        "base: errors-base.yaml\n"
                                        "sweep:\n"
                                        "  - {key: seed, values: &v [1,2,3,4,5,6,7,8,9,10,11]}\n"
                                        "  - {key: horizon_days, values: *v}\n"
                                        "  - {key: buurt.households, values: *v}\n");
    try {
        load_study(huge);
        FAIL() << "accepted a sweep of 1331 variants";
    } catch (const ScenarioError& e) {
        EXPECT_NE(std::string(e.what()).find("at most 1000 variants"), std::string::npos)
            << e.what();
    }
    // Every bad scenario of a study is reported, not just the first.
    write_file("bad-one.yaml", scenario_text("een", 12) + "buurt2: 1\n");
    write_file("bad-two.yaml", scenario_text("twee", 12) + "buurt3: 1\n");
    try {
        load_study(
            write_file("two-bad.yaml", "base: bad-one.yaml\nalternatives: [bad-two.yaml]\n"));
        FAIL() << "accepted bad scenarios";
    } catch (const ScenarioError& e) {
        const std::string msg = e.what();
        EXPECT_NE(msg.find("bad-one.yaml"), std::string::npos) << msg;
        EXPECT_NE(msg.find("bad-two.yaml"), std::string::npos) << msg;
    }
}

}  // namespace
}  // namespace bb
