// The `buurtbereik` command line: a thin front door over the engine library. It parses arguments,
// turns engine exceptions into messages and exit codes, and shows progress on a terminal.
// Exit codes: 0 success, 1 usage error, 2 bad scenario, 3 result file could not be written,
// 4 unexpected internal error.
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "sim/core/build_info.hpp"
#include "sim/core/errors.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/io/hdf5_writer.hpp"
#include "sim/random/streams.hpp"
#include "sim/scenario/scenario.hpp"

namespace {

constexpr int kExitUsage = 1;
constexpr int kExitScenario = 2;
constexpr int kExitIo = 3;
constexpr int kExitInternal = 4;

int run_command(const std::string& scenario_path, const std::string& output,
                std::uint32_t replication, bool quiet, bool no_events) {
    const bb::Scenario scenario = bb::load_scenario(scenario_path);
    const bool show_progress = !quiet && ::isatty(STDERR_FILENO) != 0;
    const auto start = std::chrono::steady_clock::now();
    bb::Simulation sim(scenario, {replication, !no_events});
    int last_percent = -1;
    sim.run([&](int day, int days) {
        if (!show_progress) return;
        const int percent = 100 * day / days;
        if (percent == last_percent) return;
        last_percent = percent;
        const double secs =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const double eta = day > 0 ? secs * (days - day) / day : 0.0;
        std::fprintf(stderr, "\r  day %d/%d (%3d%%)  %.1f s elapsed, about %.1f s to go   ", day,
                     days, percent, secs, eta);
        std::fflush(stderr);
    });
    if (show_progress) std::fprintf(stderr, "\r%*s\r", 70, "");
    const std::filesystem::path out(output);
    if (out.has_parent_path()) std::filesystem::create_directories(out.parent_path());
    bb::write_run(output, sim);
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!quiet) {
        std::cout << bb::format_summary(sim.summary());
        for (const auto& w : sim.intercepts().warnings)
            std::cout << "warning: calibration: " << w << "\n";
        std::cout << "\nWrote " << output << " in " << secs << " s\n";
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{
        "Buurtbereik: agent-based simulation of neighbourhood outreach work (outreachend werken)."};
    app.set_version_flag("--version", std::string(bb::build_info().engine_version) + " (" +
                                          bb::build_info().git_revision + ")");
    app.require_subcommand(1);

    std::string scenario_path, output;
    std::uint32_t replication = 0;
    bool quiet = false, no_events = false;
    auto* run =
        app.add_subcommand("run", "Simulate a scenario and write its results to an HDF5 file.");
    run->add_option("scenario", scenario_path, "Scenario file (YAML)")->required();
    run->add_option("-o,--output", output, "Result file to write (HDF5), e.g. results/run.h5")
        ->required();
    run->add_option("--replication", replication,
                    "Replication number (selects independent random streams)")
        ->check(CLI::Range(0u, bb::kMaxReplications - 1));
    run->add_flag("-q,--quiet", quiet, "Print nothing but errors");
    run->add_flag("--no-events", no_events,
                  "Do not keep the event log (smaller files for very large runs)");

    auto* validate =
        app.add_subcommand("validate", "Check a scenario file and report every problem in it.");
    validate->add_option("scenario", scenario_path, "Scenario file (YAML)")->required();

    bool resolved = false;
    auto* show = app.add_subcommand("show", "Print a scenario.");
    show->add_option("scenario", scenario_path, "Scenario file (YAML)")->required();
    show->add_flag("--resolved", resolved,
                   "Print it with every default filled in, with units and sources")
        ->required();

    app.add_subcommand(
        "reference",
        "Print the scenario reference (every key, default, unit and source) as Markdown.");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // --help and --version arrive here with exit code 0; every real usage error exits 1.
        return app.exit(e) == 0 ? 0 : kExitUsage;
    }
    try {
        if (run->parsed()) return run_command(scenario_path, output, replication, quiet, no_events);
        if (validate->parsed()) {
            const bb::Scenario sc = bb::load_scenario(scenario_path);
            std::cout << scenario_path << ": valid (" << sc.params.buurt.households
                      << " households, " << sc.workers.size() << " worker entries, "
                      << sc.horizon_days << " days)\n";
            return 0;
        }
        if (show->parsed()) {
            std::cout << bb::resolved_yaml(bb::load_scenario(scenario_path));
            return 0;
        }
        std::cout << bb::scenario_reference_markdown();
        return 0;
    } catch (const bb::ScenarioError& e) {
        std::cerr << "error: " << e.what() << "\n";
        return kExitScenario;
    } catch (const bb::IoError& e) {
        std::cerr << "error: " << e.what() << "\n";
        return kExitIo;
    } catch (const std::filesystem::filesystem_error& e) {
        std::cerr << "error: " << e.what() << "\n";
        return kExitIo;
    } catch (const std::exception& e) {
        std::cerr << "internal error: " << e.what() << "\n";
        return kExitInternal;
    }
}
