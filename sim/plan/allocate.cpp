// `plan allocate`: the split of a fixed workforce over the buurten of a scenario with several
// buurten that maximises an objective.
//
// Method (docs/planning.md): buurten run independently (each has its own households and seed), so
// an objective that adds up over buurten is a sum of one response per buurt. Each buurt's response
// is measured on a grid of hours (multiples of step_hours from its minimum staffing up to what
// the other buurten's minimums leave), on common random numbers. Dynamic programming then finds
// the split of the grid with the highest total estimated objective: exact for the estimates, with
// no assumption of diminishing returns. Finally the chosen split, the equal split and the current
// split are run as whole scenarios on the same random numbers; the best of the three is the
// answer, so it is never estimated worse than the equal split.
#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "sim/plan/plan.hpp"
#include "sim/scenario/buurten.hpp"
#include "sim/scenario/yaml_reader.hpp"
#include "sim/study/outcomes.hpp"

namespace bb {

namespace {

constexpr std::size_t kMaxBuurtCandidates = 5000;
constexpr std::size_t kMaxMixes = 1000;

std::vector<double> objective_values(const Objective& objective, const Candidate& c) {
    std::vector<double> v;
    for (const auto& row : c.outcomes) v.push_back(objective.value(row));
    return v;
}

// The scenario with every buurt at the given hours per week (shares of `total`).
Scenario with_split(const Scenario& sc, const std::vector<double>& hours, double total,
                    const std::string& name) {
    Scenario out = sc;
    for (std::size_t k = 0; k < hours.size(); ++k)
        out.buurten[k].workforce_share = total > 0 ? hours[k] / total : 0;
    out.name = sc.name + "-" + name;
    return out;
}

}  // namespace

AllocationPlan plan_allocate(const Scenario& scenario, const Objective& objective,
                             const AllocateOptions& opt, Executor& executor) {
    if (scenario.buurten.size() < 2)
        throw std::invalid_argument("scenario '" + scenario.name +
                                    "' has no buurten to divide the team over: plan allocate "
                                    "needs a scenario with several buurten (buurten:)");
    const double team = team_hours_per_week(scenario);
    if (scenario.workers.empty() || team <= 0)
        throw std::invalid_argument("scenario '" + scenario.name + "' has no worker hours");
    if (!(opt.step_hours > 0)) throw std::invalid_argument("--step-hours must be positive");
    if (opt.total_fte < 0) throw std::invalid_argument("--total-fte must be positive");
    const double total = opt.total_fte > 0 ? opt.total_fte * kHoursPerFte : team;
    Scenario sc = scenario;
    scale_workforce(sc, total / team);  // the team at the total hours; buurten take shares
    const std::size_t n = sc.buurten.size();
    const int units = static_cast<int>(std::floor(total / opt.step_hours + 1e-9));
    if (units < 1)
        throw std::invalid_argument("--step-hours " + format_number(opt.step_hours) +
                                    " is more than the " + format_number(total) +
                                    " hours per week to divide: use a smaller step");
    std::vector<int> min_units(n);
    int min_sum = 0;
    for (std::size_t k = 0; k < n; ++k) {
        min_units[k] =
            static_cast<int>(std::ceil(sc.buurten[k].min_hours_per_week / opt.step_hours - 1e-9));
        min_sum += min_units[k];
    }
    if (min_sum > units) {
        double min_hours = 0;
        for (const auto& b : sc.buurten) min_hours += b.min_hours_per_week;
        throw std::invalid_argument(
            "the buurten's minimum staffing (min_hours_per_week, " + format_number(min_hours) +
            " hours per week in all) takes " + std::to_string(min_sum) + " steps of " +
            format_number(opt.step_hours) + " hours, more than the " + std::to_string(units) +
            " steps in the " + format_number(total) +
            " hours to divide: lower the minimums or the step, or add FTE");
    }
    // The grid's size, bounded so that a typo cannot start a run of days.
    std::size_t grid_size = 0;
    for (std::size_t k = 0; k < n; ++k)
        grid_size += static_cast<std::size_t>(units - (min_sum - min_units[k]) - min_units[k] + 1);
    if (grid_size > kMaxBuurtCandidates)
        throw std::invalid_argument(std::to_string(grid_size) +
                                    " buurt responses to measure at --step-hours " +
                                    format_number(opt.step_hours) + "; at most " +
                                    std::to_string(kMaxBuurtCandidates) + ": use a larger step");
    AllocationPlan plan;
    plan.objective = objective;
    plan.total_hours = total;
    plan.step_hours = opt.step_hours;

    // The allocation grid (--optimise-mix) is checked before anything runs.
    const std::vector<std::array<double, kMethods>> mixes =
        opt.optimise_mix ? allocation_grid(sc, opt.mix_step, kMaxMixes)
                         : std::vector<std::array<double, kMethods>>{};
    // Each buurt's method allocation: as the scenario gives it, or the one chosen below.
    std::vector<std::optional<std::array<double, kMethods>>> buurt_mix(n);
    for (std::size_t k = 0; k < n; ++k) buurt_mix[k] = sc.buurten[k].allocation;
    // Buurt k at `hours` per week with allocation `mix`, as a one-buurt candidate.
    auto buurt_candidate = [&](std::size_t k, double hours,
                               const std::optional<std::array<double, kMethods>>& mix,
                               const std::string& name) {
        Scenario s = sc;
        s.buurten[k].workforce_share = hours / total;
        s.buurten[k].allocation = mix;
        Candidate c;
        c.scenario = buurt_scenario(s, k);
        c.hours_per_week = hours;
        c.name = name;
        return c;
    };
    // Runs the candidates; keeps their outcomes only (the series of the splits suffice).
    auto run = [&](std::vector<Candidate*> cs, const std::string& stage) {
        evaluate(cs, opt.replications, executor, stage, opt);
        for (Candidate* c : cs) c->series.clear();
        plan.buurt_evaluations += static_cast<int>(cs.size());
    };

    // 1. Each buurt's response on its grid, all evaluated together.
    std::vector<std::vector<Candidate>> grid(n);
    std::vector<std::vector<double>> mean(n);
    auto measure = [&](const std::vector<std::size_t>& which, const std::string& stage) {
        std::vector<Candidate*> all;
        for (std::size_t k : which) {
            grid[k].clear();
            const int max_u = units - (min_sum - min_units[k]);
            for (int u = min_units[k]; u <= max_u; ++u)
                grid[k].push_back(buurt_candidate(k, u * opt.step_hours, buurt_mix[k],
                                                  sc.buurten[k].id + "-" + std::to_string(u)));
            for (auto& c : grid[k]) all.push_back(&c);
        }
        run(all, stage);
        for (std::size_t k : which) {
            mean[k].clear();
            for (const auto& c : grid[k])
                mean[k].push_back(estimate_mean(objective_values(objective, c)).mean);
        }
    };
    std::vector<std::size_t> every(n);
    for (std::size_t k = 0; k < n; ++k) every[k] = k;
    measure(every, "buurt responses");

    // 2. Dynamic programming over buurten and units: best[k][u] = the highest total of buurten
    // 0..k-1 using u units; every hour is used (exactly `units` units).
    auto solve = [&] {
        const double minus_inf = -std::numeric_limits<double>::infinity();
        std::vector<std::vector<double>> best(n + 1, std::vector<double>(units + 1, minus_inf));
        std::vector<std::vector<int>> pick(n, std::vector<int>(units + 1, -1));
        best[0][0] = 0;
        for (std::size_t k = 0; k < n; ++k) {
            for (int used = 0; used <= units; ++used) {
                if (best[k][used] == minus_inf) continue;
                for (std::size_t j = 0; j < grid[k].size(); ++j) {
                    const int u = min_units[k] + static_cast<int>(j);
                    if (used + u > units) break;
                    const double v = best[k][used] + mean[k][j];
                    // Ties: the first found (fewer units to earlier buurten), deterministic.
                    if (v > best[k + 1][used + u]) {
                        best[k + 1][used + u] = v;
                        pick[k][used + u] = static_cast<int>(j);
                    }
                }
            }
        }
        std::vector<int> chosen(n);
        int left = units;
        for (std::size_t k = n; k-- > 0;) {
            // pick[k][left]: buurt k's choice given `left` units used by buurten 0..k.
            const int j = pick[k][left];
            if (j < 0) throw std::logic_error("plan allocate: no split found");
            chosen[k] = min_units[k] + j;
            left -= chosen[k];
        }
        return chosen;
    };
    std::vector<int> chosen_units = solve();

    // 2b. --optimise-mix: every allocation on the grid in every buurt at its chosen hours; a buurt
    // whose best beats its own way of working takes it, its response is measured again with it
    // and the split is solved again.
    std::size_t mix_evaluations = 0;
    std::size_t mixes_changed = 0;
    if (!mixes.empty()) {
        std::vector<std::vector<Candidate>> trial(n);
        std::vector<Candidate*> all;
        std::vector<std::vector<std::size_t>> tried(n);  // mix index of each trial
        for (std::size_t k = 0; k < n; ++k) {
            const Scenario here = buurt_scenario(sc, k);
            for (std::size_t m = 0; m < mixes.size(); ++m) {
                if (!allocation_problem(here, mixes[m]).empty()) continue;  // e.g. no locations
                trial[k].push_back(buurt_candidate(k, chosen_units[k] * opt.step_hours, mixes[m],
                                                   sc.buurten[k].id + "-mix" + std::to_string(m)));
                tried[k].push_back(m);
            }
            for (auto& c : trial[k]) all.push_back(&c);
        }
        mix_evaluations = all.size();
        run(all, "allocations");
        plan.buurt_evaluations -= static_cast<int>(all.size());  // counted apart
        std::vector<std::size_t> changed;
        for (std::size_t k = 0; k < n; ++k) {
            double best_mean = mean[k][static_cast<std::size_t>(chosen_units[k] - min_units[k])];
            std::optional<std::size_t> best_mix;
            for (std::size_t t = 0; t < trial[k].size(); ++t) {
                const double v = estimate_mean(objective_values(objective, trial[k][t])).mean;
                if (v > best_mean) {
                    best_mean = v;
                    best_mix = tried[k][t];
                }
            }
            if (best_mix) {
                buurt_mix[k] = mixes[*best_mix];
                changed.push_back(k);
            }
        }
        mixes_changed = changed.size();
        if (!changed.empty()) {
            measure(changed, "buurt responses");
            chosen_units = solve();
        }
    }

    // 3. The chosen, equal and current splits as whole scenarios, on the same random numbers.
    std::vector<double> chosen_h(n), equal_h(n), current_h(n);
    for (std::size_t k = 0; k < n; ++k) {
        chosen_h[k] = chosen_units[k] * opt.step_hours;
        equal_h[k] = total / static_cast<double>(n);
        current_h[k] = scenario.buurten[k].workforce_share * total;
    }
    // Hours left over by the grid's step go to the buurten in proportion to their chosen hours.
    const double grid_total = units * opt.step_hours;
    if (grid_total > 0 && grid_total < total) {
        for (auto& h : chosen_h) h *= total / grid_total;
    }
    plan.candidates.resize(3);
    const char* names[] = {"gekozen", "gelijk", "huidig"};
    const std::vector<double>* splits[] = {&chosen_h, &equal_h, &current_h};
    for (int i = 0; i < 3; ++i) {
        plan.candidates[i].scenario = with_split(sc, *splits[i], total, names[i]);
        plan.candidates[i].name = names[i];
        plan.candidates[i].hours_per_week = total;
    }
    for (std::size_t k = 0; k < n; ++k)
        plan.candidates[0].scenario.buurten[k].allocation = buurt_mix[k];
    evaluate({&plan.candidates[0], &plan.candidates[1], &plan.candidates[2]}, opt.replications,
             executor, "splits", opt);
    std::vector<double> v[3];
    for (int i = 0; i < 3; ++i) v[i] = objective_values(objective, plan.candidates[i]);
    // The best of the three (on the same random numbers) that gives every buurt its minimum:
    // never worse than the equal split when that split is allowed.
    auto allowed = [&](const std::vector<double>& hours) {
        for (std::size_t k = 0; k < n; ++k) {
            if (hours[k] < sc.buurten[k].min_hours_per_week - 1e-9) return false;
        }
        return true;
    };
    int winner = 0;
    for (int i = 1; i < 3; ++i) {
        if (allowed(*splits[i]) && estimate_mean(v[i]).mean > estimate_mean(v[winner]).mean)
            winner = i;
    }
    plan.equal_allowed = allowed(equal_h);
    plan.current_allowed = allowed(current_h);
    plan.dp_optimum_chosen = winner == 0;
    if (winner != 0) {
        buurt_mix.clear();  // the kept split works as the scenario says
        for (std::size_t k = 0; k < n; ++k) buurt_mix.push_back(sc.buurten[k].allocation);
        Candidate kept = plan.candidates[static_cast<std::size_t>(winner)];
        kept.name = names[0];
        kept.scenario.name = sc.name + "-" + names[0];
        plan.candidates[0] = std::move(kept);
        chosen_h = *splits[winner];
        v[0] = v[winner];
    }
    plan.chosen = estimate_mean(v[0]);
    plan.equal = estimate_mean(v[1]);
    plan.current = estimate_mean(v[2]);
    plan.chosen_minus_equal = paired_difference(v[1], v[0]);
    plan.chosen_minus_current = paired_difference(v[2], v[0]);
    for (std::size_t k = 0; k < n; ++k) {
        BuurtAllocation b;
        b.id = sc.buurten[k].id;
        b.min_hours = sc.buurten[k].min_hours_per_week;
        b.current_hours = current_h[k];
        b.equal_hours = equal_h[k];
        b.chosen_hours = chosen_h[k];
        b.allocation = buurt_mix[k];
        for (const auto& c : grid[k]) {
            b.curve_hours.push_back(c.hours_per_week);
            b.curve_objective.push_back(estimate_mean(objective_values(objective, c)));
        }
        if (plan.dp_optimum_chosen)
            b.objective_at_chosen =
                b.curve_objective[static_cast<std::size_t>(chosen_units[k] - min_units[k])];
        plan.buurten.push_back(std::move(b));
    }
    std::ostringstream m;
    m << "Buurten run independently, so the objective (" << objective.describe()
      << ") is a sum of one response per buurt. Each buurt's response was measured at every "
         "multiple of "
      << opt.step_hours << " hours per week from its minimum staffing up to what the other "
      << "buurten's minimums leave (" << plan.buurt_evaluations << " buurt runs of "
      << opt.replications
      << " replications on common random numbers). Dynamic programming found the split of " << total
      << " hours per week with the highest total estimated objective, exactly for "
         "these estimates and without assuming diminishing returns. The chosen, equal and "
         "current splits were then run as whole scenarios on the same random numbers and the "
         "best of the three that gives every buurt its minimum kept, so the answer is never "
         "estimated worse than the equal split when that split respects the minimums. "
         "The estimate of the chosen split is optimistic (it was selected on these random "
         "numbers): confirm it with `buurtbereik compare` on another seed.";
    if (!mixes.empty()) {
        const std::size_t changed = mixes_changed;
        m << " With --optimise-mix, each buurt was also run at its chosen hours under every "
             "method allocation over the methods the team uses, in steps of "
          << opt.mix_step << " (" << mix_evaluations << " runs); a buurt whose best allocation "
          << "estimated better than its own way of working took it, its response was measured "
             "again with it and the split solved again ("
          << changed << " of " << n
          << " buurten changed). This is a heuristic: an allocation is chosen at one hours level.";
    }
    if (grid_total < total)
        m << " The " << total - grid_total
          << " hours per week the step leaves over are divided in proportion to the chosen hours.";
    if (!plan.dp_optimum_chosen)
        m << " Here the " << names[winner]
          << " split estimated better than the grid optimum as a whole scenario, and was kept.";
    plan.method = m.str();
    return plan;
}

}  // namespace bb
