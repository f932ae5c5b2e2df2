#include "sim/scenario/buurten.hpp"

#include <cmath>
#include <set>
#include <stdexcept>

#include "sim/random/seeds.hpp"

namespace bb {

std::uint64_t buurt_seed(std::uint64_t scenario_seed, const std::string& buurt_id) {
    return splitmix64(scenario_seed ^ splitmix64(fnv1a(buurt_id))) & kSeedMask;
}

namespace {

void scale_worker(WorkerSpec& w, double factor) {
    w.contract_hours_per_week *= factor;
    for (double& h : w.schedule_hours) h *= factor;
    w.client_hours_cap *= factor;
    if (factor != 1.0) {
        const long cap = std::lround(static_cast<double>(w.caseload_cap) * factor);
        // A worker with hours keeps room for at least one case.
        w.caseload_cap = static_cast<int>(factor > 0 && w.caseload_cap > 0 && cap < 1 ? 1 : cap);
    }
}

}  // namespace

void scale_workforce(Scenario& sc, double factor) {
    if (!(factor >= 0) || !std::isfinite(factor))
        throw std::invalid_argument("workforce factor must be finite and at least 0, not " +
                                    std::to_string(factor));
    for (auto& w : sc.workers) scale_worker(w, factor);
    for (auto& iv : sc.interventions) {
        for (auto& w : iv.change_workers) scale_worker(w, factor);
        for (auto& w : iv.add_workers) scale_worker(w, factor);
    }
}

void apply_allocation(Scenario& sc, const std::array<double, kMethods>& allocation) {
    for (auto& w : sc.workers) w.allocation = allocation;
    std::set<std::string> own;  // entries that an intervention gave an allocation of their own
    for (auto& iv : sc.interventions) {
        for (auto& w : iv.change_workers) {
            if (!w.keeps_allocation) {
                own.insert(w.id);
            } else if (own.count(w.id) == 0) {
                w.allocation = allocation;
            }
        }
        for (const auto& w : iv.add_workers) own.insert(w.id);
    }
}

std::string allocation_problem(const Scenario& sc, const std::array<double, kMethods>& allocation) {
    if (allocation[static_cast<std::size_t>(Method::voorlichting_collectief)] > 0 &&
        sc.locations.empty())
        return "hours for sessions but no collective_locations";
    if (allocation[static_cast<std::size_t>(Method::huisbezoek_signaal)] > 0) {
        for (const auto& w : sc.workers) {
            if (!w.protocol.letter && !w.protocol.phone && w.protocol.max_visits == 0)
                return "hours for home visits on signals, but worker " + w.id +
                       "'s protocol has no step (no letter, no phone, max_visits 0)";
        }
    }
    return {};
}

Scenario buurt_scenario(const Scenario& sc, std::size_t k) {
    const BuurtPart& part = sc.buurten.at(k);
    Scenario out = *part.scenario;
    out.seed = buurt_seed(sc.seed, part.id);
    out.name = sc.name + "/" + part.id;
    out.horizon_days = sc.horizon_days;
    out.start_weekday = sc.start_weekday;
    out.workers = sc.workers;
    out.interventions = sc.interventions;
    out.model_params = sc.model_params;
    out.factor_params = sc.factor_params;
    if (part.allocation) apply_allocation(out, *part.allocation);
    scale_workforce(out, part.workforce_share);
    return out;
}

std::vector<Scenario> runnable_parts(const Scenario& sc) {
    if (sc.buurten.empty()) return {sc};
    std::vector<Scenario> parts;
    parts.reserve(sc.buurten.size());
    for (std::size_t k = 0; k < sc.buurten.size(); ++k) parts.push_back(buurt_scenario(sc, k));
    return parts;
}

int total_households(const Scenario& sc) {
    if (sc.buurten.empty()) return sc.params.buurt.households;
    int n = 0;
    for (const auto& b : sc.buurten) n += b.scenario->params.buurt.households;
    return n;
}

double team_hours_per_week(const Scenario& sc) {
    double hours = 0;
    for (const auto& w : sc.workers) hours += w.contract_hours_per_week * w.count;
    return hours;
}

}  // namespace bb
