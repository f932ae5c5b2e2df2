// `plan hours`: the fewest team hours per week that meet a target with a stated confidence.
//
// Method (docs/planning.md): every candidate is the scenario with its whole team's hours
// multiplied by a factor, run for the same replications on common random numbers. A response
// curve over evenly spaced factors from 0 to max_factor (plus the current hours) brackets the
// answer: the first point whose share of replications meeting the target reaches the confidence.
// Bisection inside that bracket, which assumes the response rises with hours, narrows it to
// tolerance_hours. With optimise_mix, every method allocation on a grid is evaluated at the
// hours found, and the search is repeated with the best one.
#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>
#include <stdexcept>

#include "sim/plan/plan.hpp"
#include "sim/scenario/buurten.hpp"
#include "sim/scenario/yaml_reader.hpp"
#include "sim/study/outcomes.hpp"

namespace bb {

namespace {

// Bounds on the search's size, so that a typo cannot start a run of days.
constexpr int kMaxCurvePoints = 101;
constexpr std::size_t kMaxMixes = 1000;

struct Search {
    const Scenario& sc;
    const Target& target;
    const HoursOptions& opt;
    Executor& executor;
    HoursPlan& plan;
    int k = 0;           // the target outcome
    double current = 0;  // the scenario's team hours per week

    double success(const Candidate& c) const {
        int met = 0;
        for (const auto& row : c.outcomes) met += target.met_by(row[static_cast<std::size_t>(k)]);
        return c.outcomes.empty()
                   ? 0.0
                   : static_cast<double>(met) / static_cast<double>(c.outcomes.size());
    }
    bool meets(const Candidate& c) const { return success(c) >= opt.confidence - 1e-12; }

    // Whether candidate i meets the target, with enough replications for that decision: while
    // the 95% Wilson interval of its share meeting the target contains the required confidence,
    // its replications double (the same random numbers as the other candidates' first ones), up
    // to max_replications; then the estimate decides.
    bool decide(std::size_t i) {
        while (true) {
            const Candidate& c = plan.candidates[i];
            const auto n = static_cast<std::uint32_t>(c.outcomes.size());
            const Interval w = wilson_interval(success(c), n);
            const bool close = w.lo <= opt.confidence && opt.confidence <= w.hi;
            if (!close || n >= opt.max_replications) return meets(c);
            evaluate({&plan.candidates[i]}, std::min(2 * n, opt.max_replications), executor,
                     "more replications", opt);
        }
    }
    // Better in the target's direction.
    bool better(double a, double b) const {
        return target.comparison == Direction::at_least ? a > b : a < b;
    }

    // The candidates at these factors, with every worker's own allocation (`allocation` null) or
    // this one for every worker, evaluated together (existing ones are reused); their indices in
    // plan.candidates.
    std::vector<std::size_t> at(const std::vector<double>& factors,
                                const std::array<double, kMethods>* allocation,
                                const std::string& stage) {
        std::vector<std::pair<double, const std::array<double, kMethods>*>> points;
        for (double f : factors) points.emplace_back(f, allocation);
        return at(points, stage);
    }
    // The same for (factor, allocation) points.
    std::vector<std::size_t> at(
        const std::vector<std::pair<double, const std::array<double, kMethods>*>>& points,
        const std::string& stage) {
        std::vector<std::size_t> out;
        std::vector<std::size_t> fresh;
        for (const auto& [f, allocation] : points) {
            std::array<double, kMethods> key_alloc{};
            key_alloc.fill(-1);  // "as given"
            if (allocation) key_alloc = *allocation;
            const auto key = std::make_pair(f, key_alloc);
            if (auto it = known.find(key); it != known.end()) {
                out.push_back(it->second);
                continue;
            }
            Scenario s = sc;
            if (allocation) apply_allocation(s, *allocation);
            Candidate c;
            c.scenario = with_team_factor(s, f);
            c.hours_per_week = current * f;
            c.name = "c" + std::to_string(plan.candidates.size());
            plan.candidates.push_back(std::move(c));
            known.emplace(key, plan.candidates.size() - 1);
            fresh.push_back(plan.candidates.size() - 1);
            out.push_back(plan.candidates.size() - 1);
        }
        std::vector<Candidate*> run;
        for (std::size_t i : fresh) run.push_back(&plan.candidates[i]);
        evaluate(run, opt.replications, executor, stage, opt);
        plan.evaluations += static_cast<int>(fresh.size());
        return out;
    }

    // Curve and bisection for one allocation; fills the plan's answer fields.
    void solve(const std::array<double, kMethods>* allocation) {
        if (allocation) plan.allocation = *allocation;
        std::vector<double> factors;
        for (int j = 0; j < opt.curve_points; ++j)
            factors.push_back(opt.max_factor * j / (opt.curve_points - 1));
        // The current hours are always a point of the curve (the study's base).
        if (std::find(factors.begin(), factors.end(), 1.0) == factors.end()) factors.push_back(1.0);
        std::sort(factors.begin(), factors.end());
        const auto curve = at(factors, allocation, "response curve");
        std::vector<std::size_t> points(curve);
        std::size_t first = curve.size();
        for (std::size_t j = 0; j < curve.size(); ++j) {
            if (decide(curve[j])) {
                first = j;
                break;
            }
        }
        plan.feasible = first < curve.size();
        if (plan.feasible && first == 0) {
            plan.hours_per_week = 0;
            plan.bracket_below = 0;
        } else if (plan.feasible) {
            double lo = factors[first - 1], hi = factors[first];
            while ((hi - lo) * current > opt.tolerance_hours) {
                const double mid = 0.5 * (lo + hi);
                const std::size_t c = at({mid}, allocation, "bisection").front();
                points.push_back(c);
                (decide(c) ? hi : lo) = mid;
            }
            plan.hours_per_week = hi * current;
            plan.bracket_below = lo * current;
        }
        // The curve: every point evaluated with this allocation, by hours.
        std::sort(points.begin(), points.end(), [&](std::size_t a, std::size_t b) {
            return plan.candidates[a].hours_per_week < plan.candidates[b].hours_per_week;
        });
        plan.curve.clear();
        for (std::size_t j = 0; j < points.size(); ++j) {
            const Candidate& c = plan.candidates[points[j]];
            CurvePoint p;
            p.hours_per_week = c.hours_per_week;
            p.replications = static_cast<std::uint32_t>(c.outcomes.size());
            p.outcome = estimate_mean(c.outcome(k));
            p.success = success(c);
            p.candidate = points[j];
            if (j > 0) {
                const Candidate& prev = plan.candidates[points[j - 1]];
                const double dh = c.hours_per_week - prev.hours_per_week;
                // Paired over the replications both points have (the same random numbers).
                std::vector<double> a = prev.outcome(k), b = c.outcome(k);
                const std::size_t both = std::min(a.size(), b.size());
                a.resize(both);
                b.resize(both);
                Estimate d = paired_difference(a, b);
                if (dh > 0) {
                    d.mean /= dh;
                    d.sd /= dh;
                    d.half_width /= dh;
                    d.lo /= dh;
                    d.hi /= dh;
                }
                p.marginal_per_hour = d;
            }
            plan.curve.push_back(p);
        }
        // The answer's outcome, or the best reachable value and the fewest hours reaching it.
        if (plan.feasible) {
            for (const auto& p : plan.curve) {
                if (std::abs(p.hours_per_week - plan.hours_per_week) < 1e-9) {
                    plan.outcome_at_answer = p.outcome;
                    plan.success_at_answer = p.success;
                }
            }
        }
        // The best point (NaN means, e.g. days to first contact at 0 hours, never are).
        const CurvePoint* best = &plan.curve.front();
        for (const auto& p : plan.curve) {
            if (!std::isnan(p.outcome.mean) &&
                (std::isnan(best->outcome.mean) || better(p.outcome.mean, best->outcome.mean)))
                best = &p;
        }
        plan.best_value = best->outcome.mean;
        plan.best_hours = best->hours_per_week;
        for (const auto& p : plan.curve) {  // the fewest hours inside the best point's interval
            const bool close =
                !std::isnan(p.outcome.mean) &&
                (target.comparison == Direction::at_least ? p.outcome.mean >= best->outcome.lo
                                                          : p.outcome.mean <= best->outcome.hi);
            if (close) {
                plan.best_hours = p.hours_per_week;
                break;
            }
        }
        if (!plan.feasible) {
            plan.outcome_at_answer = best->outcome;
            plan.success_at_answer = best->success;
        }
    }

    std::map<std::pair<double, std::array<double, kMethods>>, std::size_t> known;
};

}  // namespace

HoursPlan plan_hours(const Scenario& scenario, const Target& target, const HoursOptions& opt,
                     Executor& executor) {
    if (!(opt.confidence > 0 && opt.confidence <= 1))
        throw std::invalid_argument("--confidence must be in (0, 1]");
    if (!(opt.max_factor > 0)) throw std::invalid_argument("--max-factor must be positive");
    if (!(opt.tolerance_hours > 0)) throw std::invalid_argument("--tolerance must be positive");
    if (opt.curve_points < 2 || opt.curve_points > kMaxCurvePoints)
        throw std::invalid_argument("--curve-points must be from 2 to " +
                                    std::to_string(kMaxCurvePoints));
    Scenario sc = scenario;
    if (target.days) sc.horizon_days = *target.days;
    const double current = team_hours_per_week(sc);
    if (sc.workers.empty() || current <= 0)
        throw std::invalid_argument("scenario '" + scenario.name +
                                    "' has no worker hours to plan: give it a team (workers)");
    HoursPlan plan;
    plan.target = target;
    plan.confidence = opt.confidence;
    plan.current_hours = current;
    Search search{sc, target, opt, executor, plan, outcome_index(target.outcome), current, {}};
    // The allocation grid is checked before anything runs.
    // Only allocations every worker can work by in every buurt (sessions need locations, ...).
    std::vector<std::array<double, kMethods>> mixes;
    if (opt.optimise_mix) {
        const std::vector<Scenario> parts = runnable_parts(sc);
        for (const auto& mix : allocation_grid(sc, opt.mix_step, kMaxMixes)) {
            bool fits = true;
            for (const auto& part : parts) fits = fits && allocation_problem(part, mix).empty();
            if (fits) mixes.push_back(mix);
        }
        if (mixes.empty())
            throw std::invalid_argument("no allocation on the grid suits every worker");
    }
    search.solve(nullptr);  // every worker's own allocation
    plan.as_is = plan.candidates[search.at({1.0}, nullptr, "current").front()].name;
    std::ostringstream method;
    method << "Every candidate is the scenario with its whole team's hours (contract, schedule, "
              "caps) multiplied by one factor, each worker keeping its own way of working, run "
              "for the same "
           << opt.replications << " replications on common random numbers. A response curve of "
           << opt.curve_points << " points from 0 to " << opt.max_factor
           << " times the current hours (plus the current hours) brackets the answer: the first "
              "point where the share of replications meeting the target reaches "
           << opt.confidence
           << "; bisection in that bracket, assuming the response rises with "
              "hours, narrows it to "
           << opt.tolerance_hours
           << " hours per week. A point whose 95% Wilson interval of the share meeting the "
              "target contains "
           << opt.confidence << " gets more replications (doubling, up to " << opt.max_replications
           << ") before it decides.";
    if (opt.optimise_mix) {
        const double hours = plan.feasible ? plan.hours_per_week : plan.best_hours;
        const double factor = std::max(hours, 1e-9) / current;
        std::vector<std::pair<double, const std::array<double, kMethods>*>> points;
        for (const auto& mix : mixes) points.emplace_back(factor, &mix);
        const std::vector<std::size_t> idx = search.at(points, "allocations");
        std::size_t best = 0;
        for (std::size_t i = 0; i < mixes.size(); ++i) {
            const Candidate& c = plan.candidates[idx[i]];
            MixResult r{mixes[i], estimate_mean(c.outcome(search.k)), search.success(c)};
            plan.mixes.push_back(r);
            const Candidate& b = plan.candidates[idx[best]];
            // By the share meeting the target, then by the mean outcome.
            const double sr = search.success(c), sb = search.success(b);
            const double mb = estimate_mean(b.outcome(search.k)).mean;
            // NaN means (an outcome undefined in every replication) never win a tie.
            if (sr > sb || (sr == sb && !std::isnan(r.outcome.mean) &&
                            (std::isnan(mb) || search.better(r.outcome.mean, mb))))
                best = i;
        }
        search.solve(&mixes[best]);
        method << " The method allocation was searched too: every allocation over the methods "
                  "the team uses, in steps of "
               << opt.mix_step << " (" << mixes.size()
               << " allocations), evaluated at the hours found with the workers' own allocations, "
                  "every "
                  "worker taking the same allocation; the best (the highest share meeting the "
                  "target, then the best mean) was searched "
                  "again as above. This is a heuristic: the best allocation may differ at other "
                  "hours.";
    }
    plan.method = method.str();
    return plan;
}

}  // namespace bb
