// The one-at-a-time screening of assumptions. Every variant is the scenario's own file with one key
// changed (scenario_with_changes, as a study sweep changes it), so each value is read and checked
// by the strict parser; the base and the variants then run as one study (study_of, PreparedStudy)
// on the caller's executor, with common random numbers and without a study file.
#include "sim/study/screening.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iomanip>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "models/factors.hpp"
#include "models/outreach_model.hpp"
#include "sim/core/errors.hpp"
#include "sim/scenario/parameters.hpp"
#include "sim/scenario/yaml_reader.hpp"
#include "sim/study/compare.hpp"
#include "sim/study/outcomes.hpp"
#include "sim/study/study.hpp"

namespace bb {

namespace {

// The value of a candidate in a (changed) scenario, as the parser read it.
double value_in(const Scenario& sc, const std::string& path) {
    if (const ParamSpec* spec = find_parameter(path)) return spec->get(sc.params);
    // models.<id>.<key> or factors.<id>.<key>
    const auto first = path.find('.');
    const auto second = path.find('.', first + 1);
    const std::string group = path.substr(0, first);
    const std::string id = path.substr(first + 1, second - first - 1);
    const std::string key = path.substr(second + 1);
    const auto& params = group == "models" ? sc.model_params : sc.factor_params;
    return params.at(id).at(key);
}

// default x factor, clamped to the range (and whole for whole-number parameters).
double scaled(const ScreeningCandidate& c, double factor) {
    double v = std::clamp(c.value * factor, c.min, c.max);
    if (c.integer) v = std::clamp(std::round(v), std::ceil(c.min), std::floor(c.max));
    return v;
}

std::string value_text(const ScreeningCandidate& c, double v) {
    return c.integer ? std::to_string(std::llround(v)) : format_number(v);
}

std::string percent(double share) {
    if (std::isnan(share)) return "-";
    if (std::isinf(share)) return "inf";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f%%", 100 * share);
    return buf;
}

// An undefined interval (fewer than 2 pairs) counts as including 0.
bool includes_zero(const Estimate& e) { return !(e.lo > 0 || e.hi < 0); }

struct Planned {
    ScreeningCandidate candidate;
    double low = 0, high = 0;
};

}  // namespace

void check_screening_options(const ScreeningOptions& opt) {
    if (outcome_index(opt.outcome) < 0) {
        std::vector<std::string> ids;
        for (const auto& s : outcome_specs()) ids.push_back(s.id);
        throw std::invalid_argument("unknown outcome '" + opt.outcome + "' to screen; " +
                                    suggestion(opt.outcome, ids));
    }
    if (!(opt.delta > 0 && opt.delta <= 1))
        throw std::invalid_argument("the screening step " + format_number(opt.delta) +
                                    " is not in (0, 1]");
    if (!(opt.threshold > 0) || !std::isfinite(opt.threshold))
        throw std::invalid_argument("the dominance threshold " + format_number(opt.threshold) +
                                    " is not a positive number");
    if (opt.replications < 2)
        throw std::invalid_argument("screening needs at least 2 replications for its intervals");
}

std::vector<ScreeningCandidate> screening_candidates(const Scenario& sc) {
    std::vector<ScreeningCandidate> out;
    auto given = [&](const std::string& path) { return sc.sources.count(path) != 0; };
    for (const auto& spec : parameter_specs()) {
        if (!spec.is_assumption() || given(spec.path)) continue;
        out.push_back({spec.path, spec.get(sc.params), spec.min, spec.max, spec.is_integer(),
                       spec.unit, spec.source});
    }
    for (const auto& [group, id] : behaviours_used(sc)) {
        const bool model = group == "models";
        const std::vector<ModelParamSpec>* params = nullptr;
        if (model) {
            if (const ModelInfo* m = builtin_models().find(id)) params = &m->params;
        } else if (const FactorInfo* f = find_factor(id)) {
            params = &f->params;
        }
        if (params == nullptr) continue;
        const auto& values = model ? sc.model_params : sc.factor_params;
        for (const auto& p : *params) {
            const std::string path = group + "." + id + "." + p.key;
            if (!is_assumption_source(p.source) || given(path)) continue;
            double value = p.default_value;
            if (const auto it = values.find(id); it != values.end()) {
                if (const auto v = it->second.find(p.key); v != it->second.end()) value = v->second;
            }
            out.push_back({path, value, p.min, p.max, false, p.unit, p.source});
        }
    }
    return out;
}

ScreeningResult screen_assumptions(const Scenario& sc, const ScreeningOptions& opt,
                                   Executor& executor,
                                   const std::function<void(const Progress&)>& progress) {
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    check_screening_options(opt);
    // A scenario with several buurten keeps buurt-level parameters per buurt; screen each buurt's
    // scenario file instead.
    if (!sc.buurten.empty())
        throw std::invalid_argument(
            "screening a scenario with several buurten is not supported; "
            "screen the scenario file of each buurt");
    ScreeningResult r;
    r.scenario = sc.name;
    r.options = opt;
    r.executor = executor.describe();

    std::vector<ScreeningCandidate> candidates = screening_candidates(sc);
    if (!opt.only.empty()) {
        std::vector<std::string> paths;
        for (const auto& c : candidates) paths.push_back(c.path);
        for (const auto& p : opt.only) {
            if (std::find(paths.begin(), paths.end(), p) == paths.end())
                throw std::invalid_argument("'" + p +
                                            "' is not an assumption this scenario leaves at its "
                                            "default; " +
                                            suggestion(p, paths));
        }
        std::erase_if(candidates, [&](const ScreeningCandidate& c) {
            return std::find(opt.only.begin(), opt.only.end(), c.path) == opt.only.end();
        });
    }

    // Two variants per candidate: low at index 1 + 2i, high at 2 + 2i.
    std::vector<Scenario> scenarios{sc};
    std::vector<Planned> planned;
    for (const auto& c : candidates) {
        const double a = scaled(c, 1 - opt.delta);
        const double b = scaled(c, 1 + opt.delta);
        if (a == c.value && b == c.value) {
            r.skipped.push_back({c, "its range is empty: default " + format_number(c.value) +
                                        " x (1 -+ " + format_number(opt.delta) + "), within [" +
                                        format_number(c.min) + ", " + format_number(c.max) +
                                        "], is the default itself"});
            continue;
        }
        std::vector<Scenario> pair;
        std::string rejected;
        for (const double v : {std::min(a, b), std::max(a, b)}) {
            try {
                pair.push_back(scenario_with_changes(sc, {{c.path, value_text(c, v)}},
                                                     "assumption screening"));
            } catch (const ScenarioError& e) {
                const ScenarioIssue& issue = e.issues().front();
                rejected = "at " + value_text(c, v) + " the scenario is invalid: key '" +
                           issue.key_path + "' found " + issue.found + "; expected " +
                           issue.expected;
                break;
            }
        }
        if (!rejected.empty()) {
            r.skipped.push_back({c, rejected});
            continue;
        }
        Planned p{c, value_in(pair[0], c.path), value_in(pair[1], c.path)};
        planned.push_back(p);
        for (auto& s : pair) scenarios.push_back(std::move(s));
    }

    CommandLineStudy cl;
    cl.replications = opt.replications;
    cl.min_replications = opt.replications;
    cl.common_random_numbers = true;
    StudySpec spec = study_of(std::move(scenarios), cl);
    spec.name = sc.name + "-screening";
    for (std::size_t i = 0; i < planned.size(); ++i) {
        spec.variants[1 + 2 * i].name =
            planned[i].candidate.path + "=" + value_text(planned[i].candidate, planned[i].low);
        spec.variants[2 + 2 * i].name =
            planned[i].candidate.path + "=" + value_text(planned[i].candidate, planned[i].high);
    }
    r.variants = spec.variants.size();

    // Every (variant, replication) once; results stored by index, never by arrival.
    const int k = outcome_index(opt.outcome);
    const std::uint32_t n = opt.replications;
    std::vector<std::vector<double>> y(
        spec.variants.size(), std::vector<double>(n, std::numeric_limits<double>::quiet_NaN()));
    std::vector<Task> tasks;
    for (std::uint32_t rep = 0; rep < n; ++rep) {
        for (std::size_t v = 0; v < spec.variants.size(); ++v)
            tasks.push_back({static_cast<int>(v), rep});
    }
    Progress p;
    p.total = tasks.size();
    auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - start).count(); };
    auto report = [&] {
        if (!progress) return;
        p.elapsed_seconds = elapsed();
        progress(p);
    };
    report();
    const PreparedStudy prepared(spec);
    executor.execute(
        prepared, tasks,
        [&](ReplicationResult&& res) {
            y[static_cast<std::size_t>(res.variant)][res.replication] =
                res.outcomes[static_cast<std::size_t>(k)];
            ++p.done;
            report();
        },
        [] { return false; });

    r.base = estimate_mean(y[0]);
    for (std::size_t i = 0; i < planned.size(); ++i) {
        const auto& lo = y[1 + 2 * i];
        const auto& hi = y[2 + 2 * i];
        ScreenedParameter s;
        s.candidate = planned[i].candidate;
        s.low = planned[i].low;
        s.high = planned[i].high;
        s.at_low = estimate_mean(lo);
        s.at_high = estimate_mean(hi);
        s.difference = paired_difference(lo, hi);
        s.swing = std::fabs(s.at_high.mean - s.at_low.mean);
        const double base = std::fabs(r.base.mean);
        if (std::isnan(s.swing) || std::isnan(base))
            s.share_of_base = kStatNaN;
        else if (base == 0)
            s.share_of_base = s.swing > 0 ? std::numeric_limits<double>::infinity() : 0.0;
        else
            s.share_of_base = s.swing / base;
        s.dominant = s.share_of_base >= opt.threshold;
        r.ranked.push_back(std::move(s));
    }
    // Largest swing first; undefined swings last; ties keep the candidate order.
    std::stable_sort(r.ranked.begin(), r.ranked.end(),
                     [](const ScreenedParameter& a, const ScreenedParameter& b) {
                         if (std::isnan(b.swing)) return !std::isnan(a.swing);
                         return a.swing > b.swing;
                     });
    r.wall_seconds = elapsed();
    return r;
}

std::string format_screening(const ScreeningResult& r, std::size_t rows) {
    std::ostringstream o;
    const ScreeningOptions& opt = r.options;
    const std::size_t shown = rows == 0 ? r.ranked.size() : std::min(rows, r.ranked.size());
    std::size_t dominant = 0;
    for (const auto& s : r.ranked) dominant += s.dominant ? 1 : 0;
    o << "Screening of " << r.ranked.size() << " assumption" << (r.ranked.size() == 1 ? "" : "s")
      << " left at their defaults, one at a time, for " << opt.outcome << ": each at default x "
      << format_number(1 - opt.delta) << " and x " << format_number(1 + opt.delta)
      << " (clamped to its range), " << opt.replications
      << " replications on common random numbers (" << r.variants << " scenarios, " << r.executor
      << ", " << std::fixed << std::setprecision(1) << r.wall_seconds << " s)\n";
    o.unsetf(std::ios::floatfield);
    o << "  base: " << opt.outcome << " = " << readable_number(r.base.mean) << " ["
      << readable_number(r.base.lo) << ", " << readable_number(r.base.hi) << "]\n";
    if (shown > 0) {
        std::size_t width = 9;
        for (std::size_t i = 0; i < shown; ++i)
            width = std::max(width, r.ranked[i].candidate.path.size());
        o << "  " << std::right << std::setw(3) << "#"
          << "  " << std::left << std::setw(static_cast<int>(width)) << "parameter" << std::right
          << std::setw(10) << "low" << std::setw(10) << "high" << std::setw(13) << "mean at low"
          << std::setw(14) << "mean at high" << std::setw(12) << "swing/base"
          << "  95% interval of high-low\n";
        for (std::size_t i = 0; i < shown; ++i) {
            const ScreenedParameter& s = r.ranked[i];
            o << "  " << std::right << std::setw(3) << i + 1 << "  " << std::left
              << std::setw(static_cast<int>(width)) << s.candidate.path << std::right
              << std::setw(10) << format_number(s.low) << std::setw(10) << format_number(s.high)
              << std::setw(13) << readable_number(s.at_low.mean) << std::setw(14)
              << readable_number(s.at_high.mean) << std::setw(12) << percent(s.share_of_base)
              << "  " << std::left
              << "[" + readable_number(s.difference.lo) + ", " + readable_number(s.difference.hi) +
                     "]"
              << (!s.dominant                   ? ""
                  : includes_zero(s.difference) ? "  dominant, interval includes 0"
                                                : "  dominant")
              << "\n";
        }
        o << "  (swing: |mean at high - mean at low| as a share of the base mean; dominant: at "
             "least "
          << percent(opt.threshold) << ")\n";
    }
    if (shown < r.ranked.size())
        o << "  ... and " << r.ranked.size() - shown << " more with smaller swings\n";
    if (!r.skipped.empty()) {
        o << "  not screened: " << r.skipped.size() << "\n";
        for (const auto& s : r.skipped) o << "    " << s.candidate.path << ": " << s.reason << "\n";
    }
    o << dominant << (dominant == 1 ? " assumption dominates " : " assumptions dominate ")
      << opt.outcome << "\n";
    return o.str();
}

std::vector<std::string> screening_warnings(const ScreeningResult& r) {
    std::vector<std::string> lines;
    for (const auto& s : r.ranked) {
        if (!s.dominant) continue;
        lines.push_back("warning: assumption " + s.candidate.path + " (default " +
                        format_number(s.candidate.value) + ", " + s.candidate.source +
                        ") dominates " + r.options.outcome + ": its range " + format_number(s.low) +
                        ".." + format_number(s.high) + " moves the mean from " +
                        readable_number(s.at_low.mean) + " to " + readable_number(s.at_high.mean) +
                        " (" + percent(s.share_of_base) + " of the base)" +
                        (includes_zero(s.difference)
                             ? "; its 95% interval of high-low, [" +
                                   readable_number(s.difference.lo) + ", " +
                                   readable_number(s.difference.hi) +
                                   "], includes 0: more replications tell it from noise"
                             : ""));
    }
    return lines;
}

}  // namespace bb
