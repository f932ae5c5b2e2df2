#include "tests/facts/fact_harness.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <exception>
#include <memory>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "sim/population/calibration.hpp"

namespace bb::facts {

// ---------------------------------------------------------------------------------------------
// Ensembles

std::vector<double> Ensemble::values(int day, const std::string& metric) const {
    const auto it = std::find(checkpoints.begin(), checkpoints.end(), day);
    if (it == checkpoints.end()) {
        throw std::out_of_range("ensemble '" + label + "': day " + std::to_string(day) +
                                " is not a checkpoint");
    }
    const auto c = static_cast<std::size_t>(it - checkpoints.begin());
    std::vector<double> out;
    out.reserve(results.size());
    for (std::size_t r = 0; r < results.size(); ++r) {
        const auto m = results[r][c].find(metric);
        if (m == results[r][c].end()) {
            throw std::out_of_range("ensemble '" + label + "': no metric '" + metric + "' at day " +
                                    std::to_string(day) + " in replication " + std::to_string(r));
        }
        out.push_back(m->second);
    }
    return out;
}

Ensemble run_ensemble(const Scenario& scenario, int replications, std::vector<int> checkpoint_days,
                      Observer observer, EnsembleOptions options) {
    const auto start = std::chrono::steady_clock::now();
    if (replications < 0) throw std::invalid_argument("run_ensemble: negative replications");
    if (!observer) throw std::invalid_argument("run_ensemble: no observer");
    std::sort(checkpoint_days.begin(), checkpoint_days.end());
    checkpoint_days.erase(std::unique(checkpoint_days.begin(), checkpoint_days.end()),
                          checkpoint_days.end());
    if (checkpoint_days.empty() || checkpoint_days.front() < 1 ||
        checkpoint_days.back() > scenario.horizon_days) {
        throw std::invalid_argument("run_ensemble: checkpoints must lie in 1.." +
                                    std::to_string(scenario.horizon_days));
    }

    Ensemble e;
    e.label = scenario.name;
    e.checkpoints = checkpoint_days;
    e.results.assign(static_cast<std::size_t>(replications), {});
    const auto intercepts = std::make_shared<const Intercepts>(calibrate(scenario));

    std::atomic<int> next{0};
    std::mutex error_mutex;
    std::exception_ptr error;
    auto work = [&] {
        for (int r = next++; r < replications; r = next++) {
            try {
                SimulationOptions so(static_cast<std::uint32_t>(r), options.record_events);
                so.intercepts = intercepts;
                Simulation sim(scenario, so);
                auto& out = e.results[static_cast<std::size_t>(r)];
                for (int day : e.checkpoints) {
                    while (sim.day() < day) sim.step();
                    out.push_back(observer(sim));
                }
            } catch (...) {
                const std::lock_guard<std::mutex> lock(error_mutex);
                if (!error) error = std::current_exception();
                next = replications;  // start no further replications
            }
        }
    };
    const int threads = std::clamp(options.threads, 1, std::max(1, replications));
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    if (error) std::rethrow_exception(error);
    e.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return e;
}

// ---------------------------------------------------------------------------------------------
// Comparisons

namespace {

std::string number(double v) {
    if (std::isnan(v)) return "nan";
    char buf[64];
    const double a = std::fabs(v);
    std::snprintf(buf, sizeof buf, a != 0 && (a < 0.01 || a >= 1e7) ? "%.4g" : "%.3f", v);
    return buf;
}

void print_line(const std::string& text) {
    std::printf("%s\n", text.c_str());
    std::fflush(stdout);
}

std::string head(const std::string& fact, const std::string& metric, int day) {
    return "[" + fact + "] " + metric + " @day " + std::to_string(day) + ": ";
}

Estimate paired(const Ensemble& base, const Ensemble& alt, int day, const std::string& metric) {
    if (base.replications() != alt.replications()) {
        throw std::invalid_argument("paired comparison of '" + base.label + "' (" +
                                    std::to_string(base.replications()) + " replications) and '" +
                                    alt.label + "' (" + std::to_string(alt.replications()) + ")");
    }
    const auto b = base.values(day, metric);
    const auto a = alt.values(day, metric);
    return paired_difference(b, a);
}

Estimate compare(const std::string& fact, const Ensemble& a, const Ensemble& b, int day,
                 const std::string& metric, const char* relation, bool greater) {
    const Estimate d = paired(b, a, day, metric);  // a - b
    const Estimate ma = estimate_mean(a.values(day, metric));
    const Estimate mb = estimate_mean(b.values(day, metric));
    const bool pass = greater ? above_zero(d) : below_zero(d);
    print_line(head(fact, metric, day) + "claim " + a.label + " " + relation + " " + b.label +
               ": " + number(ma.mean) + " vs " + number(mb.mean) + "; difference " + describe(d) +
               "  " + (pass ? "PASS" : "FAIL"));
    return d;
}

Estimate bound_claim(const std::string& fact, const Ensemble& e, int day, const std::string& metric,
                     double bound, bool above) {
    auto v = e.values(day, metric);
    for (double& x : v) x -= bound;
    const Estimate d = estimate_mean(v);
    const bool pass = above ? above_zero(d) : below_zero(d);
    print_line(head(fact, metric, day) + "claim mean of " + e.label + (above ? " > " : " < ") +
               number(bound) + ": mean " + number(d.mean + bound) + "; mean - bound " +
               describe(d) + "  " + (pass ? "PASS" : "FAIL"));
    return d;
}

}  // namespace

bool above_zero(const Estimate& e) { return e.lo > 0; }  // false for NaN
bool below_zero(const Estimate& e) { return e.hi < 0; }

std::string describe(const Estimate& e) {
    return number(e.mean) + " [" + number(e.lo) + ", " + number(e.hi) +
           "] (n=" + std::to_string(e.n) + ")";
}

Estimate mean(const std::string& fact, const Ensemble& e, int day, const std::string& metric) {
    const Estimate m = estimate_mean(e.values(day, metric));
    print_line(head(fact, metric, day) + e.label + " mean " + describe(m));
    return m;
}

Estimate difference(const std::string& fact, const Ensemble& base, const Ensemble& alt, int day,
                    const std::string& metric) {
    const Estimate d = paired(base, alt, day, metric);
    const Estimate mb = estimate_mean(base.values(day, metric));
    const Estimate ma = estimate_mean(alt.values(day, metric));
    print_line(head(fact, metric, day) + alt.label + " " + number(ma.mean) + " vs " + base.label +
               " " + number(mb.mean) + "; difference " + describe(d));
    return d;
}

Estimate claim_greater(const std::string& fact, const Ensemble& a, const Ensemble& b, int day,
                       const std::string& metric) {
    return compare(fact, a, b, day, metric, ">", true);
}

Estimate claim_less(const std::string& fact, const Ensemble& a, const Ensemble& b, int day,
                    const std::string& metric) {
    return compare(fact, a, b, day, metric, "<", false);
}

Estimate claim_mean_above(const std::string& fact, const Ensemble& e, int day,
                          const std::string& metric, double bound) {
    return bound_claim(fact, e, day, metric, bound, true);
}

Estimate claim_mean_below(const std::string& fact, const Ensemble& e, int day,
                          const std::string& metric, double bound) {
    return bound_claim(fact, e, day, metric, bound, false);
}

// ---------------------------------------------------------------------------------------------
// Metrics

namespace {

// Households whose reach bits include all of `all` and none of `none`, of `profile` if given.
double count_reach(const Simulation& sim, std::uint8_t all, std::uint8_t none,
                   std::optional<Profile> profile) {
    const Households& h = sim.households();
    std::int64_t n = 0;
    for (int i = 0; i < h.n; ++i) {
        if (profile && h.profile[i] != *profile) continue;
        const std::uint8_t r = h.reach[i];
        n += (r & all) == all && (r & none) == 0;
    }
    return static_cast<double>(n);
}

void require_events(const Simulation& sim, const char* what) {
    if (!sim.recorder().keeps_events()) {
        throw std::logic_error(std::string(what) + " needs the event log (record_events)");
    }
}

}  // namespace

double households_in_need(const Simulation& sim, std::optional<Profile> profile) {
    return count_reach(sim, kReachInNeed, 0, profile);
}

double households_contacted(const Simulation& sim, std::optional<Profile> profile) {
    return count_reach(sim, kReachContacted, 0, profile);
}

double households_helped(const Simulation& sim, std::optional<Profile> profile) {
    const Households& h = sim.households();
    std::int64_t n = 0;
    for (int i = 0; i < h.n; ++i) {
        if (profile && h.profile[i] != *profile) continue;
        n += (h.reach[i] & kReachToegeleid) != 0 && h.first_toegeleid_day[i] != kNever &&
             h.first_toegeleid_day[i] < sim.day();
    }
    return static_cast<double>(n);
}

double contacted_never_signalled(const Simulation& sim) {
    return count_reach(sim, kReachContacted, kReachSignalled, std::nullopt);
}

double worker_cost_eur(const Simulation& sim, std::optional<Method> method) {
    double s = 0;
    for (const LedgerRow& row : sim.recorder().ledger()) {
        if (!method || row.method == *method) s += row.cost_eur;
    }
    return s;
}

double worker_hours(const Simulation& sim) {
    double s = 0;
    for (const LedgerRow& row : sim.recorder().ledger()) s += row.hours;
    return s;
}

double unused_hours(const Simulation& sim) {
    double s = 0;
    for (const LedgerRow& row : sim.recorder().ledger()) {
        if (row.activity == Activity::niet_besteed) s += row.hours;
    }
    return s;
}

double contact_events_met(const Simulation& sim, std::optional<Method> method) {
    require_events(sim, "contact_events_met");
    std::int64_t n = 0;
    for (const Event& ev : sim.recorder().events()) {
        n += ev.outcome != Outcome::geen_reactie && (!method || ev.method == *method);
    }
    return static_cast<double>(n);
}

double households_met(const Simulation& sim) {
    require_events(sim, "households_met");
    std::vector<char> met(static_cast<std::size_t>(sim.households().n), 0);
    std::int64_t n = 0;
    for (const Event& ev : sim.recorder().events()) {
        if (ev.outcome == Outcome::geen_reactie) continue;
        char& seen = met[static_cast<std::size_t>(ev.household)];
        n += seen == 0;
        seen = 1;
    }
    return static_cast<double>(n);
}

double mean_stigma(const Simulation& sim) {
    const Households& h = sim.households();
    return h.n > 0 ? h.stigma.mean() : kStatNaN;
}

double mean_trust(const Simulation& sim) {
    const Households& h = sim.households();
    return h.n > 0 ? h.trust.mean() : kStatNaN;
}

double ratio(double num, double den) { return den != 0 ? num / den : kStatNaN; }

Metrics standard_metrics(const Simulation& sim) {
    Metrics m;
    m["in_need"] = households_in_need(sim);
    m["contacted"] = households_contacted(sim);
    m["helped"] = households_helped(sim);
    for (int p = 0; p < kProfiles; ++p) {
        const auto profile = static_cast<Profile>(p);
        const std::string id(id_of(profile));
        m["in_need." + id] = households_in_need(sim, profile);
        m["contacted." + id] = households_contacted(sim, profile);
        m["helped." + id] = households_helped(sim, profile);
        m["reach_rate." + id] = ratio(m["contacted." + id], m["in_need." + id]);
    }
    m["relative_reach.zorgmijder"] = ratio(m["reach_rate.zorgmijder"], m["reach_rate.zorgmisser"]);
    m["contacted_never_signalled"] = contacted_never_signalled(sim);
    const double cost = worker_cost_eur(sim);
    m["cost_eur"] = cost;
    for (int k = 0; k < kMethods; ++k) {
        const auto method = static_cast<Method>(k);
        m["cost_eur." + std::string(id_of(method))] = worker_cost_eur(sim, method);
    }
    m["hours"] = worker_hours(sim);
    m["hours_unused"] = unused_hours(sim);
    m["cost_per_household_contacted"] = ratio(cost, m["contacted"]);
    m["cost_per_household_helped"] = ratio(cost, m["helped"]);
    if (sim.recorder().keeps_events()) {
        m["contact_events"] = contact_events_met(sim);
        for (int k = 0; k < kMethods; ++k) {
            const auto method = static_cast<Method>(k);
            m["contact_events." + std::string(id_of(method))] = contact_events_met(sim, method);
        }
        m["households_met"] = households_met(sim);
        m["cost_per_contact"] = ratio(cost, m["contact_events"]);
        m["cost_per_household_met"] = ratio(cost, m["households_met"]);
    }
    m["mean_stigma"] = mean_stigma(sim);
    m["mean_trust"] = mean_trust(sim);
    return m;
}

}  // namespace bb::facts
