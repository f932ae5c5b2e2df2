// Shared machinery of the plans: candidates (a scenario at some team hours) and their evaluation
// on common random numbers.
#include "sim/plan/plan.hpp"

#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "sim/scenario/buurten.hpp"
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
    std::vector<Task> tasks;
    for (std::uint32_t r = 0; r < replications; ++r) {
        for (std::size_t v = 0; v < candidates.size(); ++v)
            tasks.push_back({static_cast<int>(v), r});
    }
    for (Candidate* c : candidates) {
        c->outcomes.assign(replications, {});
        c->series.assign(replications, {});
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

}  // namespace bb
