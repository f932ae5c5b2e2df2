// Studies from Python: run (replications of one scenario), compare (a base and alternatives on
// common random numbers) and study (a study file), each writing a study file. The GIL is released
// while they run; a `progress(done, total)` callable, if given, is called with the GIL held, and
// Ctrl-C (KeyboardInterrupt) stops the study after saving a checkpoint, as in the CLI.
#include <pybind11/functional.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <filesystem>

#include <atomic>
#include <optional>
#include <variant>

#include "python/bindings/bindings.hpp"
#include "sim/plan/plan.hpp"
#include "sim/study/executor.hpp"
#include "sim/study/runner.hpp"
#include "sim/study/study.hpp"

namespace py = pybind11;

namespace bb::python {

namespace {

using ScenarioArg = std::variant<Scenario, std::filesystem::path>;

Scenario to_scenario(const ScenarioArg& a) {
    if (const auto* s = std::get_if<Scenario>(&a)) return *s;
    return load_scenario(std::get<std::filesystem::path>(a).string());
}

py::dict run_spec(const StudySpec& spec, const std::filesystem::path& output_path, int threads,
                  bool resume, bool force, const py::object& progress) {
    const std::string output = output_path.string();
    std::atomic<bool> cancel{false};
    RunOptions opt;
    opt.output = output;
    opt.resume = resume;
    opt.force = force;
    opt.command_line = "python: buurtbereik";
    opt.cancel = &cancel;
    // A Python exception raised meanwhile (a signal handler's KeyboardInterrupt, or the
    // progress callable's own) stops the study after a checkpoint and is raised again after it.
    std::optional<py::error_already_set> raised;
    opt.progress = [&](const Progress& p) {
        py::gil_scoped_acquire gil;
        if (raised) return;
        try {
            if (PyErr_CheckSignals() != 0) throw py::error_already_set();
            if (!progress.is_none()) progress(p.done, p.total);
        } catch (py::error_already_set& e) {
            raised.emplace(std::move(e));
            cancel = true;
        }
    };
    auto executor = make_thread_executor(threads);
    StudyResults r;
    {
        py::gil_scoped_release release;
        r = run_study(spec, *executor, opt);
    }
    if (raised) {
        raised->restore();
        throw py::error_already_set();
    }
    if (r.reason == StopReason::interrupted) {
        const std::string msg = "interrupted; the finished replications are saved in " + output +
                                "; run again with resume=True";
        PyErr_SetString(PyExc_KeyboardInterrupt, msg.c_str());
        throw py::error_already_set();
    }
    py::dict d;
    d["output"] = output;
    d["variants"] = [&] {
        py::list names;
        for (const auto& v : spec.variants) names.append(v.name);
        return names;
    }();
    d["replications"] = r.replications;
    d["stop_reason"] = std::string(id_of(r.reason));
    d["wall_seconds"] = r.wall_seconds;
    return d;
}

CommandLineStudy options(std::uint32_t replications, std::uint32_t min_replications,
                         const std::vector<std::string>& until, bool crn) {
    CommandLineStudy cl;
    cl.replications = replications;
    cl.min_replications = min_replications;
    cl.until = until;
    cl.common_random_numbers = crn;
    return cl;
}

// A plan never overwrites a file without force, and creates the output's folder before it runs
// (as the command line).
void check_plan_output(const std::filesystem::path& output, bool force) {
    std::error_code ec;
    if (!force && std::filesystem::exists(output, ec))
        throw OverwriteError(output.string() + " already exists; pass force=True to overwrite it");
    if (output.has_parent_path()) std::filesystem::create_directories(output.parent_path());
}

}  // namespace

void bind_study(py::module_& m) {
    m.def(
        "run",
        [](const ScenarioArg& scenario, const std::filesystem::path& output,
           std::uint32_t replications, int threads, const std::vector<std::string>& until,
           std::uint32_t min_replications, bool resume, bool force, const py::object& progress) {
            const StudySpec spec = study_of({to_scenario(scenario)},
                                            options(replications, min_replications, until, true));
            return run_spec(spec, output, threads, resume, force, progress);
        },
        py::arg("scenario"), py::arg("output"), py::arg("replications") = kDefaultReplications,
        py::arg("threads") = 0, py::arg("until") = std::vector<std::string>{},
        py::arg("min_replications") = kDefaultMinReplications, py::arg("resume") = false,
        py::arg("force") = false, py::arg("progress") = py::none(),
        "Runs `replications` replications of a scenario (a Scenario or a path) into the study "
        "file `output`, as `buurtbereik run --replications`. Returns a dict with the output, "
        "variants, replications and stop_reason.");
    m.def(
        "compare",
        [](const ScenarioArg& base, const std::vector<ScenarioArg>& alternatives,
           const std::filesystem::path& output, std::uint32_t replications, int threads,
           const std::vector<std::string>& until, std::uint32_t min_replications, bool independent,
           bool resume, bool force, const py::object& progress) {
            std::vector<Scenario> all{to_scenario(base)};
            for (const auto& a : alternatives) all.push_back(to_scenario(a));
            const StudySpec spec = study_of(
                std::move(all), options(replications, min_replications, until, !independent));
            return run_spec(spec, output, threads, resume, force, progress);
        },
        py::arg("base"), py::arg("alternatives"), py::arg("output"),
        py::arg("replications") = kDefaultReplications, py::arg("threads") = 0,
        py::arg("until") = std::vector<std::string>{},
        py::arg("min_replications") = kDefaultMinReplications, py::arg("independent") = false,
        py::arg("resume") = false, py::arg("force") = false, py::arg("progress") = py::none(),
        "Runs a base and alternatives (Scenarios or paths) on common random numbers into the "
        "study file `output`, as `buurtbereik compare`. Read the result with "
        "buurtbereik.open_study(output).compare().");
    m.def(
        "study",
        [](const std::filesystem::path& study_file, const std::filesystem::path& output,
           int threads, bool resume, bool force, const py::object& progress) {
            return run_spec(load_study(study_file.string()), output, threads, resume, force,
                            progress);
        },
        py::arg("study_file"), py::arg("output"), py::arg("threads") = 0, py::arg("resume") = false,
        py::arg("force") = false, py::arg("progress") = py::none(),
        "Runs a study file (docs/studies.md) into `output`, as `buurtbereik study`.");
    m.def(
        "plan_hours",
        [](const ScenarioArg& scenario, const std::string& target,
           const std::filesystem::path& output, double confidence, std::uint32_t replications,
           std::uint32_t max_replications, double max_factor, double tolerance, int curve_points,
           bool optimise_mix, double mix_step, int threads, bool force) {
            const Scenario sc = to_scenario(scenario);
            const Target t = parse_target(target);
            check_plan_output(output, force);
            HoursOptions opt;
            opt.confidence = confidence;
            opt.replications = replications;
            opt.max_replications = max_replications;
            opt.max_factor = max_factor;
            opt.tolerance_hours = tolerance;
            opt.curve_points = curve_points;
            opt.optimise_mix = optimise_mix;
            opt.mix_step = mix_step;
            auto executor = make_thread_executor(threads);
            std::string text;
            {
                py::gil_scoped_release release;
                const HoursPlan plan = bb::plan_hours(sc, t, opt, *executor);
                write_hours_plan(output.string(), plan, sc, "python: buurtbereik.plan.hours");
                text = format_hours_plan(plan);
            }
            return text;
        },
        py::arg("scenario"), py::arg("target"), py::arg("output"), py::arg("confidence") = 0.8,
        py::arg("replications") = 40, py::arg("max_replications") = 160,
        py::arg("max_factor") = 4.0, py::arg("tolerance") = 2.0, py::arg("curve_points") = 9,
        py::arg("optimise_mix") = false, py::arg("mix_step") = 0.25, py::arg("threads") = 0,
        py::arg("force") = false,
        "`buurtbereik plan hours` (docs/planning.md): writes the plan file `output` and returns "
        "the printed summary. Read the file with buurtbereik.plan.open_plan(output).");
    m.def(
        "plan_allocate",
        [](const ScenarioArg& scenario, const std::string& objective,
           const std::filesystem::path& output, double total_fte, double step_hours,
           std::uint32_t replications, bool optimise_mix, double mix_step, int threads,
           bool force) {
            const Scenario sc = to_scenario(scenario);
            const Objective o = parse_objective(objective);
            check_plan_output(output, force);
            AllocateOptions opt;
            opt.total_fte = total_fte;
            opt.step_hours = step_hours;
            opt.replications = replications;
            opt.optimise_mix = optimise_mix;
            opt.mix_step = mix_step;
            auto executor = make_thread_executor(threads);
            std::string text;
            {
                py::gil_scoped_release release;
                const AllocationPlan plan = bb::plan_allocate(sc, o, opt, *executor);
                write_allocation_plan(output.string(), plan, sc,
                                      "python: buurtbereik.plan.allocate");
                text = format_allocation_plan(plan);
            }
            return text;
        },
        py::arg("scenario"), py::arg("objective"), py::arg("output"), py::arg("total_fte") = 0.0,
        py::arg("step_hours") = 18.0, py::arg("replications") = 20, py::arg("optimise_mix") = false,
        py::arg("mix_step") = 0.25, py::arg("threads") = 0, py::arg("force") = false,
        "`buurtbereik plan allocate` (docs/planning.md): writes the plan file `output` and "
        "returns the printed summary.");
}

}  // namespace bb::python
