#include "sim/study/outcomes.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <unordered_map>

#include "sim/engine/recorder.hpp"
#include "sim/population/households.hpp"

namespace bb {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
const char* const kTotal = "totaal";

std::vector<OutcomeSpec> build_outcomes() {
    std::vector<OutcomeSpec> v;
    auto per_profile = [&](const std::string& stem, const std::string& unit, int better,
                           const std::string& what) {
        for (int p = 0; p <= kProfiles; ++p) {
            const std::string who =
                p < kProfiles ? std::string(id_of(static_cast<Profile>(p))) : kTotal;
            v.push_back(
                {stem + "." + who, unit, better,
                 what + (p < kProfiles ? " (" + who + " households)." : " (all households).")});
        }
    };
    per_profile("in_need", "households", 0, "Households in need at some time during the run");
    per_profile("contacted", "households", +1,
                "Households in need that a worker met (door, phone, street or session)");
    per_profile("helped", "households", +1,
                "Households in need handed over to help by outreach (toegeleid)");
    per_profile("helped_share", "share", +1,
                "Share of the households in need handed over to help (helped / in_need)");
    v.push_back({"self_help.totaal", "households", 0,
                 "Households in need that found help through their own route."});
    v.push_back({"days_to_first_contact", "days", -1,
                 "Mean days from a household's first need in the run (day 0 for needs present at "
                 "the start) to its first contact while in need, over the households contacted "
                 "(NaN if none was)."});
    for (int e = 0; e < kEscalationKinds; ++e) {
        const std::string id{id_of(static_cast<EscalationKind>(e))};
        v.push_back({"escalations." + id, "escalations", -1, "Escalations of kind " + id + "."});
    }
    v.push_back({"escalations.totaal", "escalations", -1, "Escalations of every kind."});
    for (int q = 0; q < kPerspectives; ++q) {
        const std::string id{id_of(static_cast<Perspective>(q))};
        v.push_back({"escalation_cost." + id, "euro", -1,
                     "Cost of the run's escalations borne by " + id + "."});
    }
    v.push_back(
        {"hours.scheduled", "hours", 0, "Worker hours scheduled (booked), unused hours included."});
    v.push_back({"hours.unused", "hours", -1, "Scheduled hours no contact method could use."});
    v.push_back({"cost.workers", "euro", -1, "Worker cost of the scheduled hours."});
    v.push_back({"cost.debt_help", "euro", -1,
                 "Cost of debt help for households handed over with a financial need (C11)."});
    v.push_back({"cost_per_helped", "euro/household", -1,
                 "Worker cost per household handed over to help (NaN if none was)."});
    v.push_back({"measures_imposed", "measures", -1,
                 "Statutory measures imposed at contacts with households in crisis (dwang_drang; "
                 "also counted in escalations)."});
    v.push_back({"provision_signals", "signals", 0,
                 "Signals about provisions recorded by workers (barriers to reaching or using "
                 "provisions, every kind)."});
    v.push_back({"referrals", "signals", 0,
                 "Referrals by residents connected to the buurt's network (verbindend)."});
    v.push_back({"hours.collective", "hours", 0,
                 "Worker hours of the models' collective work (network, community, structural "
                 "causes), included in hours.scheduled."});
    return v;
}

std::vector<OutcomeSpec> build_series() {
    std::vector<OutcomeSpec> v;
    v.push_back({"in_need", "households", 0, "Households in need at the end of the day."});
    for (const char* stem : {"contacted", "helped"}) {
        for (int p = 0; p < kProfiles; ++p) {
            const std::string who{id_of(static_cast<Profile>(p))};
            v.push_back({std::string(stem) + "." + who, "households", +1,
                         std::string(stem == std::string("contacted") ? "Contacted" : "Helped") +
                             " " + who + " households so far (cumulative, by first day)."});
        }
    }
    v.push_back({"self_help_episodes", "episodes", 0,
                 "Times a household found help itself so far (cumulative; a household that drops "
                 "out of help and finds it again counts twice)."});
    v.push_back({"escalations", "escalations", -1, "Escalations so far, every kind (cumulative)."});
    v.push_back({"hours_used", "hours", 0,
                 "Worker hours spent so far (cumulative; unused hours excluded)."});
    v.push_back({"cost_workers", "euro", -1, "Worker cost so far (cumulative)."});
    return v;
}

}  // namespace

const std::vector<OutcomeSpec>& outcome_specs() {
    static const std::vector<OutcomeSpec> specs = build_outcomes();
    return specs;
}

int outcome_index(const std::string& id) {
    static const std::unordered_map<std::string, int> index = [] {
        std::unordered_map<std::string, int> m;
        const auto& s = outcome_specs();
        for (std::size_t i = 0; i < s.size(); ++i) m.emplace(s[i].id, static_cast<int>(i));
        return m;
    }();
    const auto it = index.find(id);
    return it == index.end() ? -1 : it->second;
}

const std::vector<OutcomeSpec>& series_specs() {
    static const std::vector<OutcomeSpec> specs = build_series();
    return specs;
}

ReplicationResult collect_result(const Simulation& sim, int variant) {
    const Summary s = sim.summary();
    const Households& h = sim.households();
    ReplicationResult r;
    r.variant = variant;
    r.replication = sim.replication();
    auto& o = r.outcomes;
    o.reserve(outcome_specs().size());
    for (int p = 0; p <= kProfiles; ++p) o.push_back(static_cast<double>(s.funnel[p].in_need));
    for (int p = 0; p <= kProfiles; ++p) o.push_back(static_cast<double>(s.funnel[p].contacted));
    for (int p = 0; p <= kProfiles; ++p) o.push_back(static_cast<double>(s.funnel[p].toegeleid));
    for (int p = 0; p <= kProfiles; ++p) {
        const auto& f = s.funnel[p];
        o.push_back(f.in_need > 0
                        ? static_cast<double>(f.toegeleid) / static_cast<double>(f.in_need)
                        : kNaN);
    }
    o.push_back(static_cast<double>(s.funnel[kProfiles].self_help));
    double wait = 0;
    std::int64_t waited = 0;
    for (int i = 0; i < h.n; ++i) {
        if (h.first_contact_day[i] == kNever || h.first_need_day[i] == kNever) continue;
        wait += h.first_contact_day[i] - h.first_need_day[i];
        ++waited;
    }
    o.push_back(waited > 0 ? wait / static_cast<double>(waited) : kNaN);
    std::int64_t esc_total = 0;
    for (int e = 0; e < kEscalationKinds; ++e) {
        o.push_back(static_cast<double>(s.escalations[e]));
        esc_total += s.escalations[e];
    }
    o.push_back(static_cast<double>(esc_total));
    for (int q = 0; q < kPerspectives; ++q) o.push_back(s.escalation_cost_eur[q]);
    o.push_back(s.hours_total);
    o.push_back(s.hours_unused);
    o.push_back(s.worker_cost_eur);
    o.push_back(s.debt_help_cost_eur);
    o.push_back(s.cost_per_toegeleid_eur);
    o.push_back(static_cast<double>(s.measures_imposed));
    std::int64_t provision = 0;
    for (auto c : s.provision_signals) provision += c;
    o.push_back(static_cast<double>(provision));
    o.push_back(static_cast<double>(s.referrals));
    o.push_back(s.hours_collective);

    // Series: per-day increments, then running sums.
    const auto& days = sim.recorder().days();
    const std::size_t n_days = days.size();
    const std::size_t cols = series_specs().size();
    r.series.assign(n_days * cols, 0.0);
    auto at = [&](std::size_t d, std::size_t c) -> double& { return r.series[d * cols + c]; };
    for (int i = 0; i < h.n; ++i) {
        const int p = static_cast<int>(h.profile[i]);
        const std::int32_t c = h.first_contact_day[i];
        const std::int32_t t = h.first_toegeleid_day[i];
        if (c != kNever && static_cast<std::size_t>(c) < n_days) at(c, 1 + p) += 1;
        if (t != kNever && static_cast<std::size_t>(t) < n_days) at(t, 1 + kProfiles + p) += 1;
    }
    const std::size_t c_self = 1 + 2 * kProfiles;
    for (std::size_t d = 0; d < n_days; ++d) {
        const DayRow& row = days[d];
        at(d, 0) = static_cast<double>(h.n - row.states[static_cast<int>(FunnelState::geen_nood)]);
        at(d, c_self) = row.self_help;
        int esc = 0;
        for (int e = 0; e < kEscalationKinds; ++e) esc += row.escalations[e];
        at(d, c_self + 1) = esc;
        double hours = -row.hours_unused;
        for (int m = 0; m < kMethods; ++m) hours += row.hours[m];
        at(d, c_self + 2) = hours;
        at(d, c_self + 3) = row.cost_eur;
    }
    for (std::size_t d = 1; d < n_days; ++d) {
        for (std::size_t c = 1; c < cols; ++c) at(d, c) += at(d - 1, c);
    }
    return r;
}

ReplicationResult combine_results(const std::vector<ReplicationResult>& parts) {
    if (parts.empty()) throw std::invalid_argument("combine_results: no results to combine");
    const std::size_t n_out = outcome_specs().size();
    const std::size_t n_series = parts.front().series.size();
    for (const auto& p : parts) {
        if (p.outcomes.size() != n_out || p.series.size() != n_series)
            throw std::invalid_argument("combine_results: results of different shapes");
    }
    ReplicationResult r;
    r.variant = parts.front().variant;
    r.replication = parts.front().replication;
    r.outcomes.assign(n_out, 0.0);
    r.series.assign(n_series, 0.0);
    for (const auto& p : parts) {
        for (std::size_t k = 0; k < n_out; ++k) r.outcomes[k] += p.outcomes[k];
        for (std::size_t k = 0; k < n_series; ++k) r.series[k] += p.series[k];
    }
    // Outcomes that are not sums: recomputed from the sums.
    const auto at = [&](const std::string& id) {
        return static_cast<std::size_t>(outcome_index(id));
    };
    for (int p = 0; p <= kProfiles; ++p) {
        const std::string who =
            p < kProfiles ? std::string(id_of(static_cast<Profile>(p))) : std::string(kTotal);
        const double in_need = r.outcomes[at("in_need." + who)];
        r.outcomes[at("helped_share." + who)] =
            in_need > 0 ? r.outcomes[at("helped." + who)] / in_need : kNaN;
    }
    const double helped = r.outcomes[at("helped.totaal")];
    r.outcomes[at("cost_per_helped")] = helped > 0 ? r.outcomes[at("cost.workers")] / helped : kNaN;
    // Mean days to first contact: each buurt's mean weighted by its households contacted (the
    // households it averages over).
    double days = 0, contacted = 0;
    for (const auto& p : parts) {
        const double c = p.outcomes[at("contacted.totaal")];
        const double d = p.outcomes[at("days_to_first_contact")];
        if (c > 0 && !std::isnan(d)) {
            days += d * c;
            contacted += c;
        }
    }
    r.outcomes[at("days_to_first_contact")] = contacted > 0 ? days / contacted : kNaN;
    return r;
}

}  // namespace bb
