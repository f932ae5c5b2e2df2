// Plans on disk and on the terminal. A plan file is a study file (every candidate a variant, the
// scenario as it is first, so the HTML report and buurtbereik.open_study read it) with a /plan
// group holding the answer, the response curve or the allocation, and the method
// (results/README-plan-files.md).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <sstream>

#include "sim/core/build_info.hpp"
#include "sim/io/h5_file.hpp"
#include "sim/plan/plan.hpp"
#include "sim/scenario/yaml_reader.hpp"
#include "sim/study/outcomes.hpp"
#include "sim/study/study_file.hpp"

namespace bb {

namespace {

using h5::attr_scalar;
using h5::attr_string;

// The study of the candidates (in the order given) and its results.
void write_candidates(const std::string& path, const std::vector<const Candidate*>& candidates,
                      const std::string& name, const std::string& description,
                      const std::string& verbatim, const std::string& command_line,
                      const std::function<void(h5::Writer&)>& extra) {
    StudySpec spec;
    spec.name = name;
    spec.description = description;
    spec.file = "<plan>";
    spec.verbatim = verbatim;
    spec.common_random_numbers = true;
    // Candidates may have more replications where a decision needed them: rows up to the most,
    // `done` marks the ones run, and the study's estimates use the prefix every candidate has.
    std::uint32_t reps = 0, common = std::numeric_limits<std::uint32_t>::max();
    for (const Candidate* c : candidates) {
        reps = std::max(reps, static_cast<std::uint32_t>(c->outcomes.size()));
        common = std::min(common, static_cast<std::uint32_t>(c->outcomes.size()));
    }
    spec.max_replications = reps;
    spec.min_replications = std::min<std::uint32_t>(common, kDefaultMinReplications);
    for (const Candidate* c : candidates) spec.variants.push_back({c->name, "plan", c->scenario});
    StudyResults r;
    r.days = spec.days();
    r.replications = common;
    r.rows = reps;
    r.reason = StopReason::cap;
    r.executor = "plan";
    r.command_line = command_line;
    const std::size_t n_out = outcome_specs().size();
    const std::size_t block = static_cast<std::size_t>(r.days) * series_specs().size();
    for (const Candidate* c : candidates) {
        const std::size_t have = c->outcomes.size();
        std::vector<std::uint8_t> done(reps, 0);
        std::fill(done.begin(), done.begin() + static_cast<std::ptrdiff_t>(have), 1);
        r.done.push_back(std::move(done));
        std::vector<double> o(reps * n_out, NAN), s(reps * block, NAN);
        for (std::size_t i = 0; i < have; ++i) {
            std::copy(c->outcomes[i].begin(), c->outcomes[i].end(), o.begin() + i * n_out);
            std::copy(c->series[i].begin(), c->series[i].end(), s.begin() + i * block);
        }
        r.outcomes.push_back(std::move(o));
        r.series.push_back(std::move(s));
    }
    write_study(path, spec, r, true, extra);
}

void estimate_columns(h5::Writer& w, H5::Group& g, const std::string& prefix,
                      const std::vector<Estimate>& e, const std::string& unit,
                      const std::string& what) {
    std::vector<double> mean, lo, hi;
    for (const auto& x : e) {
        mean.push_back(x.mean);
        lo.push_back(x.lo);
        hi.push_back(x.hi);
    }
    w.column(g, prefix + "mean", mean, unit, what + ": mean over replications.");
    w.column(g, prefix + "lo", lo, unit, what + ": lower end of the 95% interval.");
    w.column(g, prefix + "hi", hi, unit, what + ": upper end of the 95% interval.");
}

std::string num(double v, int digits = 1) {
    if (std::isnan(v)) return "-";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    return buf;
}

// Digits that show an outcome's scale: shares with 3, small numbers with 2, large with 0.
int digits_for(double v) {
    const double a = std::abs(v);
    return a < 1 ? 3 : a < 100 ? 1 : 0;
}

}  // namespace

void write_hours_plan(const std::string& path, const HoursPlan& plan, const Scenario& sc,
                      const std::string& command_line) {
    // Variants: the scenario as it is (current hours, the workers' own allocations) first, the
    // base of every comparison, then every point of the response curve (allocations tried by
    // --optimise-mix are summarised in /plan/mixes).
    std::vector<const Candidate*> order;
    for (const auto& c : plan.candidates) {
        if (c.name == plan.as_is) order.push_back(&c);
    }
    for (const auto& p : plan.curve) {
        const Candidate* c = &plan.candidates[p.candidate];
        if (c != order.front()) order.push_back(c);
    }
    write_candidates(
        path, order, sc.name + "-plan-hours",
        "plan hours: " + plan.target.describe() + " with confidence " +
            format_number(plan.confidence),
        command_line, command_line, [&](h5::Writer& w) {
            H5::Group g = w.group("plan");
            attr_string(g, "kind", "hours");
            attr_string(g, "target", plan.target.text);
            attr_string(g, "target_outcome", plan.target.outcome);
            attr_string(g, "target_resolved", plan.target.describe());
            attr_scalar(g, "target_value", plan.target.value);
            attr_string(g, "target_comparison",
                        plan.target.comparison == Direction::at_least ? ">=" : "<=");
            attr_scalar<std::int32_t>(g, "days", plan.candidates.front().scenario.horizon_days);
            attr_scalar(g, "confidence", plan.confidence);
            attr_scalar<std::uint8_t>(g, "feasible", plan.feasible ? 1 : 0);
            attr_scalar(g, "hours_per_week", plan.feasible ? plan.hours_per_week : NAN);
            attr_scalar(g, "bracket_below", plan.feasible ? plan.bracket_below : NAN);
            attr_scalar(g, "current_hours_per_week", plan.current_hours);
            attr_scalar(g, "success_at_answer", plan.success_at_answer);
            attr_scalar(g, "outcome_at_answer", plan.outcome_at_answer.mean);
            attr_scalar(g, "best_value", plan.best_value);
            attr_scalar(g, "best_hours_per_week", plan.best_hours);
            attr_scalar<std::int32_t>(g, "evaluations", plan.evaluations);
            attr_string(g, "method", plan.method);
            std::vector<std::string> methods;
            for (int m = 0; m < kMethods; ++m) methods.emplace_back(id_of(static_cast<Method>(m)));
            if (!plan.mixes.empty()) {
                w.column(g, "allocation",
                         std::vector<double>(plan.allocation.begin(), plan.allocation.end()),
                         "share",
                         "--optimise-mix: the method allocation chosen for every worker "
                         "(methods in `methods`).");
                w.strings(g, "methods", methods, "Contact methods, in the order of `allocation`.");
            }
            H5::Group c = g.createGroup("curve");
            std::vector<double> hours, success;
            std::vector<Estimate> outcome, marginal;
            std::vector<std::string> variant;
            for (const auto& p : plan.curve) {
                hours.push_back(p.hours_per_week);
                success.push_back(p.success);
                outcome.push_back(p.outcome);
                marginal.push_back(p.marginal_per_hour);
                variant.push_back(plan.candidates[p.candidate].name);
            }
            w.column(c, "hours_per_week", hours, "hours/week", "Team hours per week.");
            std::vector<std::int64_t> reps;
            for (const auto& p : plan.curve) reps.push_back(p.replications);
            w.column(c, "replications", reps, "",
                     "Replications of this point (more where its decision was close).");
            estimate_columns(w, c, "outcome_", outcome, "see /plan/target_outcome",
                             "The target outcome");
            w.column(c, "success", success, "share", "Share of replications meeting the target.");
            estimate_columns(w, c, "marginal_", marginal, "outcome per hour/week",
                             "Paired gain over the previous point per extra hour per week");
            w.strings(c, "variant", variant, "The study variant of each point.");
            if (!plan.mixes.empty()) {
                H5::Group mg = g.createGroup("mixes");
                std::vector<double> alloc, success_m;
                std::vector<Estimate> out;
                for (const auto& m : plan.mixes) {
                    alloc.insert(alloc.end(), m.allocation.begin(), m.allocation.end());
                    success_m.push_back(m.success);
                    out.push_back(m.outcome);
                }
                w.matrix(mg, "allocation", alloc, kMethods, "share",
                         "Every allocation evaluated (rows) by method.", methods);
                estimate_columns(w, mg, "outcome_", out, "see /plan/target_outcome",
                                 "The target outcome at the hours evaluated");
                w.column(mg, "success", success_m, "share",
                         "Share of replications meeting the target.");
            }
        });
}

void write_allocation_plan(const std::string& path, const AllocationPlan& plan, const Scenario& sc,
                           const std::string& command_line) {
    // Variants: the current split first (the base), then the chosen and the equal split.
    const std::vector<const Candidate*> order{&plan.candidates[2], &plan.candidates[0],
                                              &plan.candidates[1]};
    write_candidates(
        path, order, sc.name + "-plan-allocate",
        "plan allocate: " + format_number(plan.total_hours) + " hours per week over " +
            std::to_string(plan.buurten.size()) + " buurten, maximising " +
            plan.objective.describe(),
        command_line, command_line, [&](h5::Writer& w) {
            H5::Group g = w.group("plan");
            attr_string(g, "kind", "allocate");
            attr_string(g, "objective", plan.objective.text);
            attr_string(g, "objective_resolved", plan.objective.describe());
            attr_scalar(g, "total_hours_per_week", plan.total_hours);
            attr_scalar(g, "step_hours", plan.step_hours);
            attr_scalar<std::uint8_t>(g, "dp_optimum_chosen", plan.dp_optimum_chosen ? 1 : 0);
            attr_scalar<std::uint8_t>(g, "equal_allowed", plan.equal_allowed ? 1 : 0);
            attr_scalar<std::uint8_t>(g, "current_allowed", plan.current_allowed ? 1 : 0);
            attr_scalar<std::int32_t>(g, "buurt_evaluations", plan.buurt_evaluations);
            attr_string(g, "method", plan.method);
            for (const auto& [name, e] : {std::pair{"chosen", plan.chosen},
                                          {"equal", plan.equal},
                                          {"current", plan.current},
                                          {"chosen_minus_equal", plan.chosen_minus_equal},
                                          {"chosen_minus_current", plan.chosen_minus_current}}) {
                attr_scalar(g, std::string(name) + "_mean", e.mean);
                attr_scalar(g, std::string(name) + "_lo", e.lo);
                attr_scalar(g, std::string(name) + "_hi", e.hi);
            }
            H5::Group a = g.createGroup("allocation");
            std::vector<std::string> ids;
            std::vector<double> min_h, cur_h, eq_h, ch_h;
            for (const auto& b : plan.buurten) {
                ids.push_back(b.id);
                min_h.push_back(b.min_hours);
                cur_h.push_back(b.current_hours);
                eq_h.push_back(b.equal_hours);
                ch_h.push_back(b.chosen_hours);
            }
            w.strings(a, "buurt", ids, "Buurt ids, in the scenario's order.");
            w.column(a, "min_hours_per_week", min_h, "hours/week", "Minimum staffing.");
            w.column(a, "current_hours_per_week", cur_h, "hours/week",
                     "The scenario's split of the total.");
            w.column(a, "equal_hours_per_week", eq_h, "hours/week", "The equal split.");
            w.column(a, "chosen_hours_per_week", ch_h, "hours/week", "The plan's split.");
            std::vector<double> mix;
            std::vector<std::string> methods;
            for (int m = 0; m < kMethods; ++m) methods.emplace_back(id_of(static_cast<Method>(m)));
            for (const auto& b : plan.buurten) {
                for (int m = 0; m < kMethods; ++m)
                    mix.push_back(b.allocation ? (*b.allocation)[static_cast<std::size_t>(m)]
                                               : NAN);
            }
            w.matrix(a, "chosen_allocation", mix, kMethods, "share",
                     "The method allocation in each buurt (rows) of the plan's split; NaN rows: "
                     "the workers' own allocations.",
                     methods);
            H5::Group cg = g.createGroup("responses");
            for (const auto& b : plan.buurten) {
                H5::Group bg = cg.createGroup(b.id);
                w.column(bg, "hours_per_week", b.curve_hours, "hours/week",
                         "Hours per week of the buurt.");
                estimate_columns(w, bg, "objective_", b.curve_objective, "objective",
                                 "The objective in this buurt");
            }
        });
}

std::string format_hours_plan(const HoursPlan& p) {
    std::ostringstream o;
    const int d = digits_for(p.best_value);
    o << "Target: " << p.target.describe() << ", in at least " << num(100 * p.confidence, 0)
      << "% of replications\n";
    o << "Current team: " << num(p.current_hours) << " hours per week\n\n";
    o << "  hours/week   mean " << p.target.outcome << "  [95% interval]   met in (n)   gain per "
      << "extra hour/week\n";
    for (const auto& c : p.curve) {
        char line[256];
        std::snprintf(
            line, sizeof line, "  %10.1f   %10s  [%s, %s]   %5.0f%% (%u)   %s\n", c.hours_per_week,
            num(c.outcome.mean, d).c_str(), num(c.outcome.lo, d).c_str(),
            num(c.outcome.hi, d).c_str(), 100 * c.success, c.replications,
            std::isnan(c.marginal_per_hour.mean) ? "-"
                                                 : (num(c.marginal_per_hour.mean, d + 2) + " [" +
                                                    num(c.marginal_per_hour.lo, d + 2) + ", " +
                                                    num(c.marginal_per_hour.hi, d + 2) + "]")
                                                       .c_str());
        o << line;
    }
    o << "\n";
    if (p.feasible) {
        o << "Answer: " << num(p.hours_per_week) << " hours per week ("
          << num(p.hours_per_week / kHoursPerFte, 2) << " FTE of " << kHoursPerFte << " h), "
          << (p.hours_per_week >= p.current_hours ? "+" : "")
          << num(p.hours_per_week - p.current_hours, 1)
          << " on the current team; the target is met in " << num(100 * p.success_at_answer, 0)
          << "% of replications (mean " << num(p.outcome_at_answer.mean, d) << " ["
          << num(p.outcome_at_answer.lo, d) << ", " << num(p.outcome_at_answer.hi, d) << "]). At "
          << num(p.bracket_below) << " hours per week it was not.\n";
    } else {
        const CurvePoint& last = p.curve.back();
        // Still improving at the largest hours: the last gain's interval excludes zero.
        const bool rising = p.curve.size() > 1 && (p.target.comparison == Direction::at_least
                                                       ? last.marginal_per_hour.lo > 0
                                                       : last.marginal_per_hour.hi < 0);
        o << "Not reachable up to " << num(last.hours_per_week)
          << " hours per week (met in at most " << num(100 * p.success_at_answer, 0)
          << "% of replications): the best mean reached is " << num(p.best_value, d) << ", at "
          << num(p.best_hours) << " hours per week (" << num(p.best_hours / kHoursPerFte, 2)
          << " FTE). "
          << (rising ? "The outcome still improves there: allow more hours (--max-factor), lower "
                       "the target, or change the way of working (--optimise-mix).\n"
                     : "More hours do not improve it significantly: lower the target or change "
                       "the way of working (--optimise-mix).\n");
    }
    if (!p.mixes.empty()) {
        o << "Allocation used:";
        for (int m = 0; m < kMethods; ++m) {
            if (p.allocation[m] > 0)
                o << " " << id_of(static_cast<Method>(m)) << " " << num(p.allocation[m], 2);
        }
        o << " (best of " << p.mixes.size() << " evaluated)\n";
    }
    o << "\nMethod: " << p.method << "\n";
    return o.str();
}

std::string format_allocation_plan(const AllocationPlan& p) {
    std::ostringstream o;
    o << "Objective: maximise " << p.objective.describe() << "\n";
    o << "Workforce: " << num(p.total_hours) << " hours per week ("
      << num(p.total_hours / kHoursPerFte, 2) << " FTE), in steps of " << num(p.step_hours)
      << " hours\n\n";
    o << "  buurt                    minimum   current     equal    chosen  (hours/week)\n";
    for (const auto& b : p.buurten) {
        char line[200];
        std::snprintf(line, sizeof line, "  %-22s %9.1f %9.1f %9.1f %9.1f", b.id.c_str(),
                      b.min_hours, b.current_hours, b.equal_hours, b.chosen_hours);
        o << line;
        if (b.allocation) {
            o << "   allocation:";
            for (int m = 0; m < kMethods; ++m) {
                const double share = (*b.allocation)[static_cast<std::size_t>(m)];
                if (share > 0) o << " " << id_of(static_cast<Method>(m)) << " " << num(share, 2);
            }
        }
        o << "\n";
    }
    for (const auto& b : p.buurten) {
        for (const auto& [what, h] :
             {std::pair{"current", b.current_hours}, {"equal", b.equal_hours}}) {
            if (h < b.min_hours - 1e-9)
                o << "  note: the " << what << " split gives " << b.id << " " << num(h)
                  << " hours per week, below its minimum of " << num(b.min_hours)
                  << " (so it cannot be chosen)\n";
        }
    }
    const int d = digits_for(p.chosen.mean);
    auto est = [&](const Estimate& e) {
        return num(e.mean, d) + " [" + num(e.lo, d) + ", " + num(e.hi, d) + "]";
    };
    o << "\nObjective (mean [95% interval], same random numbers):\n"
      << "  chosen split   " << est(p.chosen) << "\n"
      << "  equal split    " << est(p.equal) << "\n"
      << "  current split  " << est(p.current) << "\n"
      << "  chosen - equal    " << est(p.chosen_minus_equal) << "\n"
      << "  chosen - current  " << est(p.chosen_minus_current) << "\n";
    o << "\nMethod: " << p.method << "\n";
    return o.str();
}

}  // namespace bb
