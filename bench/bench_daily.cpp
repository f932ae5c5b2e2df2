// Google Benchmark suite for the engine's hot paths: the daily step (with and without workers) and
// a whole year of steps on the default scenario and on a synthetic 100,000-household city, the
// set-up of a run (population generation, calibration, Simulation construction) and one Philox
// block. Step and year benchmarks report items_per_second = household-days per CPU second.
// Nothing here asserts on a time.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <exception>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>

#include "sim/engine/simulation.hpp"
#include "sim/population/calibration.hpp"
#include "sim/population/households.hpp"
#include "sim/random/streams.hpp"
#include "sim/scenario/scenario.hpp"

namespace {

// One scenario under benchmark: the name used in benchmark names, and the loaded scenario.
struct Case {
    std::string name;
    bb::Scenario scenario;
};

bb::Scenario without_workers(bb::Scenario sc) {
    sc.workers.clear();
    return sc;
}

// Bytes held by the household arrays (capacity, not size): the per-household state the engine
// keeps in Households. Engine-internal arrays (cases, routes, alias table) are not included.
double households_bytes(const bb::Households& h) {
    auto vec = [](const auto& v) {
        return static_cast<double>(v.capacity() *
                                   sizeof(typename std::decay_t<decltype(v)>::value_type));
    };
    auto eig = [](const auto& a) { return static_cast<double>(a.size()) * sizeof(double); };
    return vec(h.profile) + vec(h.composition) + vec(h.size) + vec(h.traits) + vec(h.porch) +
           vec(h.street) + vec(h.locations) + eig(h.availability) + eig(h.public_space) +
           eig(h.ties) + eig(h.needs) + eig(h.awareness) + eig(h.trust) + eig(h.stigma) +
           vec(h.state) + vec(h.state_until) + vec(h.escalation) + vec(h.reach) +
           vec(h.first_need_day) + vec(h.first_signal_day) + vec(h.first_attempt_day) +
           vec(h.first_contact_day) + vec(h.first_conversation_day) + vec(h.first_toegeleid_day) +
           vec(h.signals) + vec(h.attempts) + vec(h.conversations) + vec(h.escalations) +
           vec(h.worker_hours);
}

// The daily step. The simulation is built before the timed loop; when it reaches the horizon it is
// rebuilt with the timer paused, so a long benchmark cycles through whole years and never steps
// past the horizon. Counters: items_per_second = household-days per CPU second.
void bm_step(benchmark::State& state, const Case& c, bool record_events) {
    const bb::SimulationOptions options{0, record_events};
    auto sim = std::make_unique<bb::Simulation>(c.scenario, options);
    const auto households = static_cast<std::int64_t>(sim->households().n);
    for (auto _ : state) {
        if (sim->done()) {
            state.PauseTiming();
            sim.reset();  // free the old run first: peak memory stays that of one run
            sim = std::make_unique<bb::Simulation>(c.scenario, options);
            state.ResumeTiming();
        }
        sim->step();
    }
    state.SetItemsProcessed(state.iterations() * households);
    state.counters["households"] = static_cast<double>(households);
    state.counters["workers"] = static_cast<double>(sim->worker_ids().size());
}

// A whole year (the scenario's horizon) of steps, the simulation built and destroyed with the timer
// paused: the simulation-only cost of a run, averaged over every day of it (the step benchmarks
// above cover only as many days as they have iterations).
void bm_year(benchmark::State& state, const Case& c) {
    std::int64_t household_days = 0;
    for (auto _ : state) {
        state.PauseTiming();
        auto sim = std::make_unique<bb::Simulation>(c.scenario);
        state.ResumeTiming();
        sim->run();
        state.PauseTiming();
        household_days = static_cast<std::int64_t>(sim->households().n) * sim->day();
        sim.reset();
        state.ResumeTiming();
    }
    state.SetItemsProcessed(state.iterations() * household_days);
}

// Simulation construction: population generation, calibration, workers and method set-up.
void bm_construct(benchmark::State& state, const Case& c) {
    std::int64_t households = 0;
    double bytes = 0;
    for (auto _ : state) {
        bb::Simulation sim(c.scenario);
        households = sim.households().n;
        bytes = households_bytes(sim.households());
        benchmark::DoNotOptimize(&sim);
    }
    state.SetItemsProcessed(state.iterations() * households);
    state.counters["households"] = static_cast<double>(households);
    state.counters["soa_bytes_per_household"] = bytes / static_cast<double>(households);
}

// Population generation alone (the run's households, not the calibration population).
void bm_generate(benchmark::State& state, const Case& c) {
    std::int64_t households = 0;
    for (auto _ : state) {
        bb::Households h = bb::generate_households(c.scenario, 0);
        households = h.n;
        benchmark::DoNotOptimize(h.needs.data());
    }
    state.SetItemsProcessed(state.iterations() * households);
}

// Calibration alone: generates the fixed calibration population (kCalibrationHouseholds) and
// bisects every intercept; its cost does not depend on the scenario's size.
void bm_calibrate(benchmark::State& state, const Case& c) {
    for (auto _ : state) {
        bb::Intercepts ic = bb::calibrate(c.scenario);
        benchmark::DoNotOptimize(ic.door);
    }
    state.SetItemsProcessed(state.iterations() * bb::kCalibrationHouseholds);
}

// One Philox4x32-10 block, as the household pass draws one per household and day: the floor of
// the pass's cost per household-day.
void bm_philox_block(benchmark::State& state) {
    std::uint32_t entity = 0;
    std::uint32_t sink = 0;
    for (auto _ : state) {
        const auto bits = bb::philox_block(20261122, 0, bb::Purpose::daily, entity++, 7, 0);
        sink ^= bits[0] ^ bits[1] ^ bits[2] ^ bits[3];
        benchmark::DoNotOptimize(sink);
    }
    state.SetItemsProcessed(state.iterations());
}

void register_all(const Case& town, const Case& city, const Case& town_idle,
                  const Case& city_idle) {
    for (const Case* c : {&town, &town_idle, &city, &city_idle}) {
        benchmark::RegisterBenchmark(("step/" + c->name).c_str(), bm_step, *c, true)
            ->Unit(benchmark::kMicrosecond);
    }
    benchmark::RegisterBenchmark(("step/" + city.name + "/no_events").c_str(), bm_step, city, false)
        ->Unit(benchmark::kMicrosecond);
    for (const Case* c : {&town, &city}) {
        benchmark::RegisterBenchmark(("year/" + c->name).c_str(), bm_year, *c)
            ->Unit(benchmark::kMillisecond);
    }
    for (const Case* c : {&town, &city}) {
        benchmark::RegisterBenchmark(("construct/" + c->name).c_str(), bm_construct, *c)
            ->Unit(benchmark::kMillisecond);
        benchmark::RegisterBenchmark(("generate_households/" + c->name).c_str(), bm_generate, *c)
            ->Unit(benchmark::kMillisecond);
    }
    benchmark::RegisterBenchmark(("calibrate/" + town.name).c_str(), bm_calibrate, town)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("kernel/philox_block", bm_philox_block);
}

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    try {
        const std::string dir = BUURTBEREIK_SOURCE_DIR;
        const Case town{"waterlandpleinbuurt",
                        bb::load_scenario(dir + "/scenarios/waterlandpleinbuurt.yaml")};
        const Case city{"city_100k", bb::load_scenario(dir + "/bench/city-100k.yaml")};
        // RegisterBenchmark copies its arguments: the cases need not outlive this block.
        register_all(town, city, Case{town.name + "/no_workers", without_workers(town.scenario)},
                     Case{city.name + "/no_workers", without_workers(city.scenario)});
    } catch (const std::exception& e) {
        std::fprintf(stderr, "buurtbereik_bench: cannot load a benchmark scenario: %s\n", e.what());
        return 2;
    }
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
