#include "sim/study/compare.hpp"

#include <cmath>
#include <cstdio>
#include <iomanip>
#include <sstream>

#include "sim/study/outcomes.hpp"

namespace bb {

std::vector<Estimate> estimate_outcomes(const StudyResults& results, int v, std::uint32_t n) {
    std::vector<Estimate> out;
    for (std::size_t k = 0; k < outcome_specs().size(); ++k)
        out.push_back(estimate_mean(results.outcome(v, static_cast<int>(k), n)));
    return out;
}

Comparison compare_variants(const StudyResults& results, int base, int alternative,
                            std::uint32_t n) {
    Comparison c;
    c.base = base;
    c.alternative = alternative;
    c.pairs = n;
    const auto& specs = outcome_specs();
    for (std::size_t k = 0; k < specs.size(); ++k) {
        const auto b = results.outcome(base, static_cast<int>(k), n);
        const auto a = results.outcome(alternative, static_cast<int>(k), n);
        OutcomeDifference d;
        d.difference = paired_difference(b, a);
        if (specs[k].better != 0) d.p_better = probability_better(b, a, specs[k].better);
        c.outcomes.push_back(d);
    }
    auto diff = [&](const char* id) {
        const int k = outcome_index(id);
        const auto b = results.outcome(base, k, n);
        const auto a = results.outcome(alternative, k, n);
        std::vector<double> d(n);
        for (std::uint32_t r = 0; r < n; ++r) d[r] = a[r] - b[r];
        return d;
    };
    Economics& e = c.economics;
    const auto helped = diff("helped.totaal");
    const auto workers = diff("cost.workers");
    const auto debt = diff("cost.debt_help");
    std::vector<double> outreach(n);
    for (std::uint32_t r = 0; r < n; ++r) outreach[r] = workers[r] + debt[r];
    e.extra_helped = estimate_mean(helped);
    e.extra_worker_cost = estimate_mean(workers);
    e.extra_outreach_cost = estimate_mean(outreach);
    e.cost_per_extra_helped = ratio_of_means(workers, helped);
    for (int p = 0; p < kPerspectives; ++p) {
        const auto cost =
            diff(("escalation_cost." + std::string(id_of(static_cast<Perspective>(p)))).c_str());
        std::vector<double> avoided(n), net(n);
        for (std::uint32_t r = 0; r < n; ++r) {
            avoided[r] = -cost[r];
            net[r] = avoided[r] - (kPaysOutreach[p] ? outreach[r] : 0.0);
        }
        e.avoided_cost[p] = estimate_mean(avoided);
        e.net_benefit[p] = estimate_mean(net);
        e.benefit_cost_ratio[p] = ratio_of_means(avoided, outreach);
    }
    return c;
}

std::string readable_number(double x) {
    if (std::isnan(x)) return "-";
    if (std::isinf(x)) return x > 0 ? "+inf" : "-inf";
    char buf[48];
    const double a = std::fabs(x);
    if (a >= 1000)
        std::snprintf(buf, sizeof buf, "%.0f", x);
    else if (a >= 10)
        std::snprintf(buf, sizeof buf, "%.1f", x);
    else if (a >= 0.1 || a == 0)
        std::snprintf(buf, sizeof buf, "%.2f", x);
    else
        std::snprintf(buf, sizeof buf, "%.4f", x);
    return buf;
}

namespace {

std::string num(double x) { return readable_number(x); }

std::string interval(double lo, double hi) { return "[" + num(lo) + ", " + num(hi) + "]"; }

std::string interval(const RatioInterval& r) {
    if (std::isnan(r.lo)) return "-";
    if (!r.bounded) return "unbounded";
    return interval(r.lo, r.hi);
}

// The outcomes the terminal tables show (every outcome is in the study file).
const std::vector<std::string>& shown() {
    static const std::vector<std::string> ids{"in_need.totaal",
                                              "contacted.totaal",
                                              "helped.zelfredzaam",
                                              "helped.zorgmisser",
                                              "helped.zorgmijder",
                                              "helped.totaal",
                                              "helped_share.zorgmijder",
                                              "days_to_first_contact",
                                              "escalations.huisuitzetting",
                                              "escalations.kinderbeschermingsmaatregel",
                                              "escalations.crisis",
                                              "escalations.dakloosheid",
                                              "hours.scheduled",
                                              "hours.unused",
                                              "cost.workers",
                                              "cost.debt_help"};
    return ids;
}

}  // namespace

std::string format_estimates(const StudySpec& spec, const StudyResults& results) {
    std::ostringstream o;
    const std::uint32_t n = results.replications;
    for (std::size_t v = 0; v < spec.variants.size(); ++v) {
        const auto est = estimate_outcomes(results, static_cast<int>(v), n);
        o << spec.variants[v].name << ": " << n << " replications, mean and 95% interval\n";
        o << "  " << std::left << std::setw(42) << "outcome" << std::right << std::setw(12)
          << "mean"
          << "  " << std::left << std::setw(24) << "95% interval" << std::right << std::setw(10)
          << "sd"
          << "\n";
        for (const auto& id : shown()) {
            const Estimate& e = est[static_cast<std::size_t>(outcome_index(id))];
            o << "  " << std::left << std::setw(42) << id << std::right << std::setw(12)
              << num(e.mean) << "  " << std::left << std::setw(24) << interval(e.lo, e.hi)
              << std::right << std::setw(10) << num(e.sd) << "\n";
        }
        o << "\n";
    }
    return o.str();
}

std::string format_comparisons(const StudySpec& spec, const StudyResults& results) {
    std::ostringstream o;
    const std::uint32_t n = results.replications;
    const auto& specs = outcome_specs();
    for (std::size_t v = 1; v < spec.variants.size(); ++v) {
        const Comparison c = compare_variants(results, 0, static_cast<int>(v), n);
        o << spec.variants[v].name << " against " << spec.variants[0].name << " (" << n
          << " paired replications, "
          << (spec.common_random_numbers ? "common random numbers" : "independent seeds") << ")\n";
        o << "  " << std::left << std::setw(42) << "outcome" << std::right << std::setw(12)
          << "difference"
          << "  " << std::left << std::setw(24) << "95% interval" << std::right << std::setw(10)
          << "P(better)"
          << "\n";
        for (const auto& id : shown()) {
            const std::size_t k = static_cast<std::size_t>(outcome_index(id));
            const auto& d = c.outcomes[k];
            o << "  " << std::left << std::setw(42) << id << std::right << std::setw(12)
              << num(d.difference.mean) << "  " << std::left << std::setw(24)
              << interval(d.difference.lo, d.difference.hi) << std::right << std::setw(10)
              << (specs[k].better == 0 ? std::string("") : num(d.p_better)) << "\n";
        }
        const Economics& e = c.economics;
        auto line = [&](const std::string& label, double estimate, const std::string& range) {
            o << "    " << std::left << std::setw(34) << label << std::right << std::setw(12)
              << num(estimate) << "  " << range << "\n";
        };
        o << "  Cost-effectiveness\n";
        line("extra households helped", e.extra_helped.mean,
             interval(e.extra_helped.lo, e.extra_helped.hi));
        line("extra worker cost (EUR)", e.extra_worker_cost.mean,
             interval(e.extra_worker_cost.lo, e.extra_worker_cost.hi));
        line("EUR per extra household helped", e.cost_per_extra_helped.estimate,
             interval(e.cost_per_extra_helped));
        o << "  Social cost-benefit (EUR; outreach = worker cost + debt help, paid by the "
             "municipality)\n";
        for (int p = 0; p < kPerspectives; ++p) {
            const std::string who{id_of(static_cast<Perspective>(p))};
            line(who + ": avoided cost", e.avoided_cost[p].mean,
                 interval(e.avoided_cost[p].lo, e.avoided_cost[p].hi));
            line(who + ": net benefit", e.net_benefit[p].mean,
                 interval(e.net_benefit[p].lo, e.net_benefit[p].hi));
            line(who + ": benefit/cost", e.benefit_cost_ratio[p].estimate,
                 interval(e.benefit_cost_ratio[p]));
        }
        o << "\n";
    }
    return o.str();
}

}  // namespace bb
