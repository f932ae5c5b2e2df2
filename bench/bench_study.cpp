// Google Benchmark for studies: one replication task of the default scenario as a study runs it
// (shared calibration, no event log, outcomes and series collected), and the statistics of a
// comparison. items_per_second is replications per CPU second. Nothing here asserts on a time.
#include <benchmark/benchmark.h>

#include <string>

#include "sim/scenario/scenario.hpp"
#include "sim/study/compare.hpp"
#include "sim/study/executor.hpp"
#include "sim/study/study.hpp"

namespace {

bb::StudySpec default_study(int variants) {
    bb::CommandLineStudy cl;
    const std::string path =
        std::string(BUURTBEREIK_SOURCE_DIR) + "/scenarios/waterlandpleinbuurt.yaml";
    cl.scenarios.assign(static_cast<std::size_t>(variants), path);
    cl.replications = 1000;
    return bb::study_from_scenarios(cl);
}

void study_task(benchmark::State& state) {
    const bb::StudySpec spec = default_study(1);
    const bb::PreparedStudy prepared(spec);
    std::uint32_t rep = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(prepared.run({0, rep++}));
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(study_task)->Name("study_task/waterlandpleinbuurt")->Unit(benchmark::kMillisecond);

void prepare(benchmark::State& state) {
    const bb::StudySpec spec = default_study(1);
    for (auto _ : state) {
        const bb::PreparedStudy prepared(spec);
        benchmark::DoNotOptimize(&prepared);
    }
}
BENCHMARK(prepare)->Name("study_prepare/waterlandpleinbuurt")->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
