// Shared machinery of the plans: candidates (a scenario at some team hours) and their evaluation
// on common random numbers.
#include "sim/plan/plan.hpp"

#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "sim/scenario/buurten.hpp"
#include "sim/scenario/yaml_reader.hpp"
#include "sim/study/outcomes.hpp"

namespace bb {

std::vector<double> Candidate::outcome(int k) const {
    std::vector<double> x;
    x.reserve(outcomes.size());
    for (const auto& row : outcomes) x.push_back(row.at(static_cast<std::size_t>(k)));
    return x;
}

Scenario with_team_factor(const Scenario& sc, double factor) {
    Scenario out = sc;
    scale_workforce(out, factor);
    char buf[64];
    std::snprintf(buf, sizeof buf, "-%.1fh", team_hours_per_week(out));
    out.name = sc.name + buf;
    return out;
}

void evaluate(std::vector<Candidate*> candidates, std::uint32_t replications, Executor& executor,
              const std::string& stage, const PlanOptions& options) {
    if (candidates.empty()) return;
    if (replications < 2) throw std::invalid_argument("a plan needs at least 2 replications");
    // A study of the candidates as they are: each keeps its own seed (the plans give candidates
    // that must share random numbers the same seed).
    StudySpec spec;
    spec.max_replications = replications;
    for (const Candidate* c : candidates) {
        if (c->scenario.horizon_days != candidates.front()->scenario.horizon_days)
            throw std::logic_error("plan candidates with different horizons");
        spec.variants.push_back(Variant{c->name, "plan", c->scenario});
    }
    const PreparedStudy prepared(spec);
    // Each candidate's missing replications, in replication order over the candidates.
    std::vector<Task> tasks;
    for (std::uint32_t r = 0; r < replications; ++r) {
        for (std::size_t v = 0; v < candidates.size(); ++v) {
            if (r >= candidates[v]->outcomes.size()) tasks.push_back({static_cast<int>(v), r});
        }
    }
    for (Candidate* c : candidates) {
        if (c->outcomes.size() < replications) {
            c->outcomes.resize(replications);
            c->series.resize(replications);
        }
    }
    PlanProgress progress{stage, 0, tasks.size()};
    if (options.progress) options.progress(progress);
    executor.execute(
        prepared, tasks,
        [&](ReplicationResult&& r) {
            Candidate* c = candidates.at(static_cast<std::size_t>(r.variant));
            c->outcomes.at(r.replication) = std::move(r.outcomes);
            c->series.at(r.replication) = std::move(r.series);
            ++progress.done;
            if (options.progress) options.progress(progress);
        },
        [] { return false; });
}

namespace {

void compositions(const std::vector<int>& methods, int units, std::size_t i,
                  std::array<double, kMethods>& cur, int left,
                  std::vector<std::array<double, kMethods>>& out) {
    if (i + 1 == methods.size()) {
        cur[static_cast<std::size_t>(methods[i])] = static_cast<double>(left) / units;
        out.push_back(cur);
        return;
    }
    for (int u = 0; u <= left; ++u) {
        cur[static_cast<std::size_t>(methods[i])] = static_cast<double>(u) / units;
        compositions(methods, units, i + 1, cur, left - u, out);
    }
}

}  // namespace

std::vector<std::array<double, kMethods>> allocation_grid(const Scenario& sc, double step,
                                                          std::size_t max_size) {
    const int units = static_cast<int>(std::lround(1.0 / step));
    if (!(step > 0 && step <= 1) || std::abs(units * step - 1) > 1e-9)
        throw std::invalid_argument("--mix-step must divide 1 (0.5, 0.25, 0.2, 0.1, ...)");
    std::vector<int> methods;
    for (int m = 0; m < kMethods; ++m) {
        for (const auto& w : sc.workers) {
            if (w.allocation[static_cast<std::size_t>(m)] > 0) {
                methods.push_back(m);
                break;
            }
        }
    }
    if (methods.empty()) throw std::invalid_argument("the team uses no contact method to allocate");
    // The grid's size, C(units + m - 1, m - 1), before it is built.
    double count = 1;
    for (int i = 1; i < static_cast<int>(methods.size()); ++i) count = count * (units + i) / i;
    if (count > static_cast<double>(max_size))
        throw std::invalid_argument(
            format_number(std::round(count)) + " allocations on the grid of --mix-step " +
            format_number(step) + " over " + std::to_string(methods.size()) + " methods; at most " +
            std::to_string(max_size) + ": use a larger step");
    std::vector<std::array<double, kMethods>> out;
    std::array<double, kMethods> cur{};
    compositions(methods, units, 0, cur, units, out);
    return out;
}

}  // namespace bb
