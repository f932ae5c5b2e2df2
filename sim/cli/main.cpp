// The `buurtbereik` command line: a thin front door over the engine library. It parses arguments,
// turns engine exceptions into messages and exit codes, and shows progress on a terminal.
// Exit codes: 0 success, 1 usage error, 2 bad scenario or study file, 3 result file could not be
// written (or may not be overwritten), 4 unexpected internal error, 130 interrupted (a study can
// be resumed with --resume).
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>

#include "models/catalogue.hpp"
#include "sim/core/build_info.hpp"
#include "sim/core/errors.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/io/hdf5_writer.hpp"
#include "sim/plan/plan.hpp"
#include "sim/population/calibration.hpp"
#include "sim/random/streams.hpp"
#include "sim/scenario/buurten.hpp"
#include "sim/scenario/inheritance.hpp"
#include "sim/scenario/quick_scan.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/study/compare.hpp"
#include "sim/study/mpi.hpp"
#include "sim/study/runner.hpp"
#include "sim/study/screening.hpp"
#include "sim/study/study.hpp"
#include "sim/study/study_file.hpp"

namespace {

constexpr int kExitUsage = 1;
constexpr int kExitScenario = 2;
constexpr int kExitIo = 3;
constexpr int kExitInternal = 4;
constexpr int kExitInterrupted = 130;

std::atomic<bool> g_interrupted{false};

// The first signal asks the study to stop after saving; a second one ends the process at once.
extern "C" void on_interrupt(int signal) {
    if (g_interrupted.exchange(true)) {
        std::signal(signal, SIG_DFL);
        std::raise(signal);
    }
}

// Under mpirun (study commands only): every rank parses the same arguments and builds the same
// study; rank 0 runs it on the MPI executor and writes the file, ranks > 0 only compute tasks and
// print nothing. Rank 0 creates its executor first thing, so that whatever happens next the
// workers are told to stop (with rank 0's exit code) at the end of main().
struct Mpi {
    std::unique_ptr<bb::MpiSession> session;
    std::unique_ptr<bb::MpiExecutor> executor;  // rank 0

    void start() {
        session = std::make_unique<bb::MpiSession>();
        if (session->rank() == 0) executor = bb::make_mpi_executor(*session);
    }
    bool worker() const { return session && session->rank() > 0; }
    // The exit code of this process; tells the workers to end with it (rank 0).
    int finish(int code) {
        if (executor) executor->shutdown(code);
        return code;
    }
    // Reports an error: printed on rank 0 (or without MPI), sent to rank 0 by a worker.
    int fail(int code, const char* prefix, const std::exception& e) {
        if (worker())
            bb::report_mpi_failure(*session, std::string(prefix) + e.what());
        else
            std::cerr << prefix << e.what() << "\n";
        return finish(code);
    }
};

// Options shared by every command that runs a study.
struct StudyOptions {
    std::string output;
    int threads = 0;
    bool resume = false;
    bool force = false;
    bool quiet = false;
    double checkpoint_seconds = 30;
};

void add_study_options(CLI::App* cmd, StudyOptions& o) {
    cmd->add_option("--threads", o.threads,
                    "Threads to use (default: one per core); results do not depend on it. "
                    "Ignored under mpirun, where every rank computes one task at a time")
        ->check(CLI::Range(0, 4096));
    cmd->add_flag("--resume", o.resume,
                  "Continue an interrupted study in the output file (a missing file starts it)");
    cmd->add_flag("--force", o.force, "Overwrite the output file, even a finished study");
    cmd->add_option("--checkpoint-seconds", o.checkpoint_seconds,
                    "Write a checkpoint to the output at most this often while running")
        ->check(CLI::Range(0.0, 1e9));
}

// "\r  replications 120/1000 (12%) ..." on a terminal, nothing otherwise.
std::function<void(const bb::Progress&)> study_progress(bool enabled) {
    if (!enabled) return {};
    return [](const bb::Progress& p) {
        const std::uint64_t fresh = p.done - p.resumed;
        const double rate =
            p.elapsed_seconds > 0 ? static_cast<double>(fresh) / p.elapsed_seconds : 0;
        const double eta = rate > 0 ? static_cast<double>(p.total - p.done) / rate : 0;
        std::fprintf(
            stderr,
            "\r  replications %llu/%llu (%3d%%)  %.1f/s  %.0f s elapsed, at most %.0f s "
            "to go   ",
            static_cast<unsigned long long>(p.done), static_cast<unsigned long long>(p.total),
            p.total ? static_cast<int>(100 * p.done / p.total) : 100, rate, p.elapsed_seconds, eta);
        std::fflush(stderr);
    };
}

// `validate --screen`: after the usual validation output, the one-at-a-time screening of the
// assumptions left at their defaults (sim/study/screening.hpp): a table of the largest swings, and
// a warning per dominant assumption. Warnings are not errors: the exit code stays 0.
int screen_command(const bb::Scenario& sc, const bb::ScreeningOptions& opt, int threads) {
    constexpr std::size_t kRows = 10;  // table rows; the warnings list every dominant one
    const bool show_progress = ::isatty(STDERR_FILENO) != 0;
    std::cout << std::flush;
    const auto executor = bb::make_thread_executor(threads);
    const bb::ScreeningResult r =
        bb::screen_assumptions(sc, opt, *executor, study_progress(show_progress));
    if (show_progress) std::fprintf(stderr, "\r%*s\r", 90, "");
    std::cout << "\n" << bb::format_screening(r, kRows);
    for (const auto& w : bb::screening_warnings(r)) std::cout << w << "\n";
    return 0;
}

int run_study_command(const bb::StudySpec& spec, const StudyOptions& o, bool comparison,
                      const std::string& invocation, Mpi& mpi) {
    // Interrupted (Ctrl-C, or mpirun passing on SIGTERM): no new task starts and the study file
    // becomes a checkpoint to --resume from. A worker finishes its task and waits for rank 0.
    std::signal(SIGINT, on_interrupt);
    std::signal(SIGTERM, on_interrupt);
    if (mpi.worker()) return bb::serve_mpi_tasks(*mpi.session, bb::PreparedStudy(spec));
    const bool show_progress = !o.quiet && ::isatty(STDERR_FILENO) != 0;
    const std::filesystem::path out(o.output);
    if (out.has_parent_path()) std::filesystem::create_directories(out.parent_path());
    std::unique_ptr<bb::Executor> threads;
    if (!mpi.executor) threads = bb::make_thread_executor(o.threads);
    bb::Executor& executor = mpi.executor ? *mpi.executor : *threads;
    bb::RunOptions options;
    options.output = o.output;
    options.resume = o.resume;
    options.force = o.force;
    options.command_line = invocation;
    options.checkpoint_seconds = o.checkpoint_seconds;
    options.progress = study_progress(show_progress);
    options.cancel = &g_interrupted;
    const bb::StudyResults r = bb::run_study(spec, executor, options);
    if (show_progress) std::fprintf(stderr, "\r%*s\r", 90, "");
    if (r.reason == bb::StopReason::interrupted) {
        std::cerr << "interrupted: " << r.tasks_done() << " of "
                  << static_cast<std::uint64_t>(spec.max_replications) * spec.variants.size()
                  << " replications (over all variants) are saved in " << o.output
                  << "; continue with the same command and --resume\n";
        return kExitInterrupted;
    }
    if (!o.quiet) {
        if (comparison)
            std::cout << bb::format_comparisons(spec, r);
        else
            std::cout << bb::format_estimates(spec, r);
        std::cout << "Stopped: "
                  << (r.reason == bb::StopReason::precision
                          ? "every precision target met after " + std::to_string(r.replications) +
                                " replications"
                          : "all " + std::to_string(r.replications) + " replications done")
                  << " (" << r.executor << ", " << r.wall_seconds << " s)\nWrote " << o.output
                  << "\n";
    }
    return 0;
}

// `buurtbereik report`: the report is written by the Python package (one implementation, used
// by Python users too), run with the interpreter and package folder this binary was built with.
// Exit codes are the package's: 0 written, 2 bad or unfinished study file, 3 cannot write.
int run_report(const std::string& input, const std::string& output, const std::string& lang,
               bool partial) {
    const std::string python = BUURTBEREIK_PYTHON;
    std::string path = BUURTBEREIK_PYTHON_DIR;
    if (const char* old = std::getenv("PYTHONPATH"); old != nullptr && *old != '\0')
        path += std::string(":") + old;
    ::setenv("PYTHONPATH", path.c_str(), 1);
    ::setenv("MPLBACKEND", "Agg", 0);
    std::vector<std::string> args{python,   "-m", "buurtbereik.report", input, "-o", output,
                                  "--lang", lang};
    if (partial) args.emplace_back("--partial");
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::fflush(stdout);
    ::execv(python.c_str(), argv.data());
    std::cerr << "error: cannot start " << python << " for the report: " << std::strerror(errno)
              << "\n";
    return kExitInternal;
}

std::string command_line(int argc, char** argv) {
    std::ostringstream o;
    for (int i = 0; i < argc; ++i) o << (i ? " " : "") << argv[i];
    return o.str();
}

// One simulation of `scenario` (one buurt) into `output`, with progress on a terminal; `label`
// names the buurt in the progress line of a scenario with several buurten.
bb::Summary run_one(const bb::Scenario& scenario, const std::string& output,
                    std::uint32_t replication, bool quiet, bool no_events,
                    const std::string& label) {
    const bool show_progress = !quiet && ::isatty(STDERR_FILENO) != 0;
    const auto start = std::chrono::steady_clock::now();
    bb::SimulationOptions options;
    options.replication = replication;
    options.record_events = !no_events;
    bb::Simulation sim(scenario, options);
    int last_percent = -1;
    sim.run([&](int day, int days) {
        if (!show_progress) return;
        const int percent = 100 * day / days;
        if (percent == last_percent) return;
        last_percent = percent;
        const double secs =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const double eta = day > 0 ? secs * (days - day) / day : 0.0;
        std::fprintf(stderr, "\r  %sday %d/%d (%3d%%)  %.1f s elapsed, about %.1f s to go   ",
                     label.c_str(), day, days, percent, secs, eta);
        std::fflush(stderr);
    });
    if (show_progress) std::fprintf(stderr, "\r%*s\r", 78, "");
    const std::filesystem::path out(output);
    if (out.has_parent_path()) std::filesystem::create_directories(out.parent_path());
    bb::write_run(output, sim);
    if (!quiet) {
        std::cout << bb::format_summary(sim.summary());
        for (const auto& w : sim.intercepts().warnings)
            std::cout << "warning: calibration: " << w << "\n";
    }
    return sim.summary();
}

int run_command(const std::string& scenario_path, const std::string& output,
                std::uint32_t replication, bool quiet, bool no_events) {
    const bb::Scenario scenario = bb::load_scenario(scenario_path);
    if (!quiet && !scenario.warnings.empty()) {
        std::fprintf(stderr, "%zu scenario warning%s (buurtbereik validate lists them):\n",
                     scenario.warnings.size(), scenario.warnings.size() == 1 ? "" : "s");
        for (const auto& w : scenario.warnings)
            std::fprintf(stderr, "  %s\n", w.to_string().c_str());
    }
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::string> written;
    if (scenario.buurten.empty()) {
        run_one(scenario, output, replication, quiet, no_events, "");
        written.push_back(output);
    } else {
        // One run file per buurt: OUTPUT with the buurt's id before the extension.
        const std::filesystem::path out(output);
        for (std::size_t k = 0; k < scenario.buurten.size(); ++k) {
            const std::string file =
                (out.parent_path() /
                 (out.stem().string() + "." + scenario.buurten[k].id + out.extension().string()))
                    .string();
            if (!quiet) std::cout << (k ? "\n" : "") << "== " << scenario.buurten[k].id << "\n";
            run_one(bb::buurt_scenario(scenario, k), file, replication, quiet, no_events,
                    scenario.buurten[k].id + ": ");
            written.push_back(file);
        }
        if (!quiet)
            std::cout << "\nA scenario with several buurten: one run file per buurt. For totals "
                         "with intervals, run an ensemble (--replications N).\n";
    }
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!quiet) {
        std::cout << "\nWrote";
        for (const auto& f : written) std::cout << " " << f;
        std::cout << " in " << secs << " s\n";
    }
    return 0;
}

// Progress of a plan on a terminal: "\r  response curve 120/360 (33%)".
std::function<void(const bb::PlanProgress&)> plan_progress(bool enabled) {
    if (!enabled) return {};
    return [](const bb::PlanProgress& p) {
        std::fprintf(stderr, "\r  %-16s %llu/%llu (%3d%%)   ", p.stage.c_str(),
                     static_cast<unsigned long long>(p.done),
                     static_cast<unsigned long long>(p.total),
                     p.total ? static_cast<int>(100 * p.done / p.total) : 100);
        std::fflush(stderr);
    };
}

struct PlanCommand {
    std::string scenario, output, target, objective;
    int threads = 0;
    bool force = false, quiet = false;
    bb::HoursOptions hours;
    bb::AllocateOptions allocate;
};

int run_plan(const PlanCommand& c, bool hours, const std::string& command) {
    const bb::Scenario sc = bb::load_scenario(c.scenario);
    std::error_code ec;
    if (std::filesystem::exists(c.output, ec) && !c.force)
        throw bb::OverwriteError(c.output +
                                 " already exists; use --force to overwrite it, or choose "
                                 "another output");
    const bool show = !c.quiet && ::isatty(STDERR_FILENO) != 0;
    auto executor = bb::make_thread_executor(c.threads);
    const auto start = std::chrono::steady_clock::now();
    if (const std::filesystem::path out(c.output); out.has_parent_path())
        std::filesystem::create_directories(out.parent_path());
    std::string text;
    if (hours) {
        const bb::Target target = bb::parse_target(c.target);
        bb::HoursOptions opt = c.hours;
        opt.progress = plan_progress(show);
        const bb::HoursPlan plan = bb::plan_hours(sc, target, opt, *executor);
        if (show) std::fprintf(stderr, "\r%*s\r", 60, "");
        bb::write_hours_plan(c.output, plan, sc, command);
        text = bb::format_hours_plan(plan);
    } else {
        const bb::Objective objective = bb::parse_objective(c.objective);
        bb::AllocateOptions opt = c.allocate;
        opt.progress = plan_progress(show);
        const bb::AllocationPlan plan = bb::plan_allocate(sc, objective, opt, *executor);
        if (show) std::fprintf(stderr, "\r%*s\r", 60, "");
        bb::write_allocation_plan(c.output, plan, sc, command);
        text = bb::format_allocation_plan(plan);
    }
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!c.quiet) {
        std::cout << text << "\nWrote " << c.output << " in " << secs << " s ("
                  << executor->describe() << ")\n";
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{
        "Buurtbereik: agent-based simulation of neighbourhood outreach work (outreachend werken)."};
    app.set_version_flag("--version", std::string(bb::build_info().engine_version) + " (" +
                                          bb::build_info().git_revision + ")" +
                                          (bb::mpi_available() ? " +mpi" : ""));
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
    StudyOptions study_opts;
    bb::CommandLineStudy cl;
    auto* reps_opt =
        run->add_option("--replications", cl.replications,
                        "Run an ensemble of N replications into one study file (at most N with "
                        "--until)")
            ->check(CLI::Range(1u, bb::kMaxReplications - 1));
    auto* until_opt = run->add_option(
        "--until", cl.until,
        "Stop once the 95% interval of OUTCOME's mean is within +-HALF_WIDTH for every variant, "
        "e.g. helped_share.zorgmijder:0.02 (repeatable)");
    run->add_option("--min-replications", cl.min_replications,
                    "Replications before --until may stop (default 10)")
        ->check(CLI::Range(2u, bb::kMaxReplications - 1));
    add_study_options(run, study_opts);

    std::vector<std::string> compare_files;
    bool independent = false;
    StudyOptions compare_opts;
    bb::CommandLineStudy compare_cl;
    auto* compare = app.add_subcommand(
        "compare",
        "Run a base scenario and alternatives with common random numbers and report paired "
        "differences with 95% intervals, cost-effectiveness and social cost-benefit.");
    compare->add_option("scenarios", compare_files, "BASE.yaml ALT.yaml [ALT2.yaml ...]")
        ->required()
        ->expected(2, -1);
    compare->add_option("-o,--output", compare_opts.output, "Study file to write (HDF5)")
        ->required();
    compare
        ->add_option("--replications", compare_cl.replications,
                     "Replications per scenario (at most, with --until; default 100)")
        ->check(CLI::Range(2u, bb::kMaxReplications - 1));
    compare->add_option("--until", compare_cl.until,
                        "Precision target OUTCOME:HALF_WIDTH, as for run (repeatable)");
    compare
        ->add_option("--min-replications", compare_cl.min_replications,
                     "Replications before --until may stop (default 10)")
        ->check(CLI::Range(2u, bb::kMaxReplications - 1));
    compare->add_flag("--independent", independent,
                      "Give every scenario its own seed instead of common random numbers (to see "
                      "what common random numbers gain)");
    compare->add_flag("-q,--quiet", compare_opts.quiet, "Print nothing but errors");
    add_study_options(compare, compare_opts);

    std::string study_path;
    StudyOptions file_opts;
    auto* study = app.add_subcommand(
        "study",
        "Run a study file (base, alternatives, sweeps, replications; see docs/studies.md). Under "
        "mpirun the replications are spread over the ranks.");
    study->add_option("study", study_path, "Study file (YAML)")->required();
    study->add_option("-o,--output", file_opts.output, "Study file to write (HDF5)")->required();
    study->add_flag("-q,--quiet", file_opts.quiet, "Print nothing but errors");
    add_study_options(study, file_opts);

    auto* validate =
        app.add_subcommand("validate", "Check a scenario file and report every problem in it.");
    validate->add_option("scenario", scenario_path, "Scenario file (YAML)")->required();
    bool screen = false;
    bb::ScreeningOptions screen_opts;
    int screen_threads = 0;
    validate->add_flag("--screen", screen,
                       "Then screen the assumptions left at their defaults one at a time (default "
                       "x 0.5 and x 1.5) and warn about those that dominate an outcome");
    validate
        ->add_option("--replications", screen_opts.replications,
                     "Replications of each screened scenario (default 10)")
        ->check(CLI::Range(2u, bb::kMaxReplications - 1));
    validate->add_option("--outcome", screen_opts.outcome,
                         "Outcome to screen (default helped.totaal; see docs/studies.md)");
    validate->add_option(
        "--threshold", screen_opts.threshold,
        "Dominant: a swing of at least this share of the base mean (default 0.25)");
    validate
        ->add_option("--threads", screen_threads,
                     "Threads to screen on (default: one per core); results do not depend on it")
        ->check(CLI::Range(0, 4096));

    bool resolved = false;
    auto* show = app.add_subcommand("show", "Print a scenario.");
    show->add_option("scenario", scenario_path, "Scenario file (YAML)")->required();
    show->add_flag("--resolved", resolved,
                   "Print it with every default filled in, with units and sources")
        ->required();

    std::string diff_a, diff_b;
    auto* diff = app.add_subcommand(
        "diff", "List what differs between two scenarios (every key, defaults filled in).");
    diff->add_option("a", diff_a, "First scenario file")->required();
    diff->add_option("b", diff_b, "Second scenario file")->required();

    std::uint32_t study_replications = 0;
    study
        ->add_option("--replications", study_replications,
                     "Override the study file's replication cap (e.g. a quick trial run)")
        ->check(CLI::Range(1u, bb::kMaxReplications - 1));

    std::string report_input, report_output, report_lang = "nl";
    bool report_partial = false;
    auto* report = app.add_subcommand(
        "report",
        "Write a self-contained HTML report of a study file: the question, the scenarios and how "
        "they differ, results with intervals, plots, assumptions and provenance (runs the "
        "buurtbereik Python package).");
    report->add_option("study", report_input, "Study file (HDF5)")->required();
    report->add_option("-o,--output", report_output, "HTML file to write")->required();
    report->add_option("--lang", report_lang, "Language of the labels: nl (default) or en")
        ->check(CLI::IsMember({"nl", "en"}));
    report->add_flag("--partial", report_partial,
                     "Report on an unfinished study (a checkpoint of an interrupted run)");

    bool quick_scan_reference = false;
    auto* reference = app.add_subcommand(
        "reference",
        "Print the scenario reference (every key, default, unit and source) as Markdown.");
    reference->add_flag("--quick-scan", quick_scan_reference,
                        "Print the quick-scan reference instead (docs/quick-scan.md)");
    app.add_subcommand("models",
                       "Print the outreach models, contact methods and effective factors with "
                       "their parameters and sources as Markdown (docs/models.md).");

    PlanCommand plan_cmd;
    auto* plan = app.add_subcommand(
        "plan",
        "Plan worker hours: the hours a target needs (plan hours), or the best split of a "
        "workforce over buurten (plan allocate); see docs/planning.md.");
    plan->require_subcommand(1);
    auto* plan_hours = plan->add_subcommand(
        "hours",
        "The fewest team hours per week that meet a target with a stated confidence, "
        "with the response curve and the gain per extra hour.");
    plan_hours->add_option("scenario", plan_cmd.scenario, "Scenario file (YAML)")->required();
    plan_hours
        ->add_option("--target", plan_cmd.target,
                     "e.g. \"zorgmissers_helped>=0.7 within 52 weeks\" (an outcome id or alias, "
                     ">= or <=, a value, optionally within N weeks|days)")
        ->required();
    plan_hours->add_option("--confidence", plan_cmd.hours.confidence,
                           "Required share of replications meeting the target (default 0.8)");
    plan_hours
        ->add_option("--max-replications", plan_cmd.hours.max_replications,
                     "Replications a close decision may grow to, doubling from --replications "
                     "(default 160)")
        ->check(CLI::Range(2u, 100000u));
    plan_hours->add_option("--max-factor", plan_cmd.hours.max_factor,
                           "Search up to this multiple of the current team hours (default 4)");
    plan_hours->add_option("--tolerance", plan_cmd.hours.tolerance_hours,
                           "Stop the bisection at this bracket width, hours/week (default 2)");
    plan_hours->add_option("--curve-points", plan_cmd.hours.curve_points,
                           "Points of the response curve from 0 to --max-factor (default 9)");
    plan_hours->add_flag("--optimise-mix", plan_cmd.hours.optimise_mix,
                         "Also search the method allocation (a grid in steps of --mix-step)");
    plan_hours->add_option("--mix-step", plan_cmd.hours.mix_step,
                           "Grid step of the allocation search (default 0.25)");
    plan_hours
        ->add_option("--replications", plan_cmd.hours.replications,
                     "Replications per candidate (default 40)")
        ->check(CLI::Range(2u, 100000u));
    auto* plan_allocate = plan->add_subcommand(
        "allocate",
        "Divide a workforce over the buurten of a scenario with several buurten to "
        "maximise an objective, respecting each buurt's minimum staffing.");
    plan_allocate->add_option("scenario", plan_cmd.scenario, "Scenario file with buurten (YAML)")
        ->required();
    plan_allocate
        ->add_option("--objective", plan_cmd.objective,
                     "What to maximise, e.g. households_helped, zorgmijders_helped, "
                     "escalation_cost_avoided, or \"2*zorgmijders_helped + households_helped\"")
        ->required();
    plan_allocate->add_option("--total-fte", plan_cmd.allocate.total_fte,
                              "FTE (36 hours/week) to divide (default: the scenario's team)");
    plan_allocate->add_option("--step-hours", plan_cmd.allocate.step_hours,
                              "Allocation unit in hours/week (default 18, half an FTE)");
    plan_allocate->add_flag("--optimise-mix", plan_cmd.allocate.optimise_mix,
                            "Also choose a method allocation per buurt (a grid in steps of "
                            "--mix-step)");
    plan_allocate->add_option("--mix-step", plan_cmd.allocate.mix_step,
                              "Grid step of the allocation search (default 0.25)");
    plan_allocate
        ->add_option("--replications", plan_cmd.allocate.replications,
                     "Replications per candidate (default 20)")
        ->check(CLI::Range(2u, 100000u));
    for (auto* cmd : {plan_hours, plan_allocate}) {
        cmd->add_option("-o,--output", plan_cmd.output,
                        "Plan file to write (an HDF5 study file with a /plan group)")
            ->required();
        cmd->add_option("--threads", plan_cmd.threads,
                        "Threads to use (default: one per core); results do not depend on it")
            ->check(CLI::Range(0, 4096));
        cmd->add_flag("--force", plan_cmd.force, "Overwrite the output file");
        cmd->add_flag("-q,--quiet", plan_cmd.quiet, "Print nothing but errors");
    }

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // --help and --version arrive here with exit code 0; every real usage error exits 1.
        return app.exit(e) == 0 ? 0 : kExitUsage;
    }
    Mpi mpi;
    try {
        const bool study_command =
            (run->parsed() && (reps_opt->count() > 0 || until_opt->count() > 0)) ||
            compare->parsed() || study->parsed();
        if (study_command && bb::launched_by_mpi()) mpi.start();
        if (run->parsed() && (reps_opt->count() > 0 || until_opt->count() > 0)) {
            if (replication != 0 || no_events)
                throw std::invalid_argument(
                    "--replication and --no-events apply to a single run, not to --replications");
            cl.scenarios = {scenario_path};
            study_opts.output = output;
            study_opts.quiet = quiet;
            return mpi.finish(run_study_command(bb::study_from_scenarios(cl), study_opts, false,
                                                command_line(argc, argv), mpi));
        }
        if (run->parsed()) {
            for (const char* opt :
                 {"--resume", "--threads", "--min-replications", "--checkpoint-seconds"}) {
                if (run->count(opt) > 0)
                    throw std::invalid_argument(std::string(opt) +
                                                " applies to studies: add --replications N");
            }
            // A single run replaces a run file, but never a study without --force.
            const bb::StudyFileInfo existing = bb::inspect_study_file(output);
            if (existing.is_study && !study_opts.force)
                throw bb::OverwriteError(output +
                                         " holds a study; use --force to replace it "
                                         "with a single run, or choose another output");
            return run_command(scenario_path, output, replication, quiet, no_events);
        }
        if (compare->parsed()) {
            compare_cl.scenarios = compare_files;
            compare_cl.common_random_numbers = !independent;
            return mpi.finish(run_study_command(bb::study_from_scenarios(compare_cl), compare_opts,
                                                true, command_line(argc, argv), mpi));
        }
        if (diff->parsed()) {
            const auto lines =
                bb::scenario_differences(bb::load_scenario(diff_a), bb::load_scenario(diff_b));
            if (lines.empty()) std::cout << diff_a << " and " << diff_b << " are the same\n";
            for (const auto& l : lines) std::cout << l << "\n";
            return 0;
        }
        if (plan->parsed())
            return run_plan(plan_cmd, plan_hours->parsed(), command_line(argc, argv));
        if (report->parsed())
            return run_report(report_input, report_output, report_lang, report_partial);
        if (study->parsed()) {
            bb::StudySpec spec = bb::load_study(study_path);
            if (study_replications > 0) {
                spec.max_replications = study_replications;
                spec.min_replications = std::min(spec.min_replications, study_replications);
            }
            return mpi.finish(run_study_command(spec, file_opts, spec.variants.size() > 1,
                                                command_line(argc, argv), mpi));
        }
        if (validate->parsed()) {
            if (screen) bb::check_screening_options(screen_opts);  // e.g. an unknown --outcome
            for (const char* opt : {"--replications", "--outcome", "--threshold", "--threads"}) {
                if (!screen && validate->count(opt) > 0)
                    throw std::invalid_argument(std::string(opt) + " applies to --screen");
            }
            const bb::Scenario sc = bb::load_scenario(scenario_path);
            std::cout << scenario_path << ": valid (" << bb::total_households(sc) << " households"
                      << (sc.buurten.empty()
                              ? std::string()
                              : " in " + std::to_string(sc.buurten.size()) + " buurten")
                      << ", " << sc.workers.size() << " worker entries, " << sc.horizon_days
                      << " days)\n";
            // Advice, apart from errors: the scenario's own, and targets the calibration misses.
            std::vector<std::string> warnings;
            for (const auto& w : sc.warnings) warnings.push_back(w.to_string());
            for (const auto& part : bb::runnable_parts(sc)) {
                for (const auto& w : bb::calibrate(part).warnings)
                    warnings.push_back("calibration" +
                                       (sc.buurten.empty() ? std::string() : " of " + part.name) +
                                       ": " + w);
            }
            if (!warnings.empty()) {
                std::cout << warnings.size() << (warnings.size() == 1 ? " warning" : " warnings")
                          << ":\n";
                for (const auto& w : warnings) std::cout << "  " << w << "\n";
            }
            if (screen) return screen_command(sc, screen_opts, screen_threads);
            return 0;
        }
        if (show->parsed()) {
            std::cout << bb::resolved_yaml(bb::load_scenario(scenario_path));
            return 0;
        }
        if (reference->parsed()) {
            std::cout << (quick_scan_reference ? bb::quick_scan_reference_markdown()
                                               : bb::scenario_reference_markdown());
            return 0;
        }
        std::cout << bb::models_reference_markdown();
        return 0;
    } catch (const bb::ScenarioError& e) {
        return mpi.fail(kExitScenario, "error: ", e);
    } catch (const bb::OverwriteError& e) {
        return mpi.fail(kExitIo, "error: ", e);
    } catch (const std::invalid_argument& e) {
        return mpi.fail(kExitUsage, "error: ", e);
    } catch (const bb::IoError& e) {
        return mpi.fail(kExitIo, "error: ", e);
    } catch (const std::filesystem::filesystem_error& e) {
        return mpi.fail(kExitIo, "error: ", e);
    } catch (const std::exception& e) {
        return mpi.fail(kExitInternal, "internal error: ", e);
    }
}
