// Ensemble estimates and paired comparisons of a study's variants: per-outcome means with 95%
// intervals, paired differences against the base with the probability that the alternative is
// better, cost-effectiveness (cost per extra household helped, Fieller's interval) and a social
// cost-benefit view per perspective. All on the first `n` replications of each variant, paired
// by replication (with common random numbers the pairs share households, needs and signals).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/core/ids.hpp"
#include "sim/study/runner.hpp"
#include "sim/study/statistics.hpp"

namespace bb {

// Who pays for outreach (worker hours and the debt help that follows a hand-over): the
// municipality, and so society. A: outreach is commissioned and funded by the municipality
// (seeds/003, Samen Noord's assignment); debt help is municipal (C11). The housing corporation
// pays neither.
inline constexpr std::array<bool, kPerspectives> kPaysOutreach{true, true, false};

struct OutcomeDifference {
    Estimate difference;         // alternative minus base, per replication pair
    double p_better = kStatNaN;  // share of pairs in which the alternative is better
};

struct Economics {
    Estimate extra_helped;                // helped.totaal, alternative minus base
    Estimate extra_worker_cost;           // cost.workers, alternative minus base
    Estimate extra_outreach_cost;         // cost.workers + cost.debt_help, alternative minus base
    RatioInterval cost_per_extra_helped;  // extra worker cost / extra households helped
    std::array<Estimate, kPerspectives> avoided_cost{};  // escalation cost, base minus alternative
    // Avoided escalation cost minus the extra outreach cost where the perspective pays it.
    std::array<Estimate, kPerspectives> net_benefit{};
    // Avoided escalation cost per extra euro of outreach (paid by the municipality).
    std::array<RatioInterval, kPerspectives> benefit_cost_ratio{};
};

struct Comparison {
    int base = 0;
    int alternative = 1;
    std::uint32_t pairs = 0;
    std::vector<OutcomeDifference> outcomes;  // in outcome_specs() order
    Economics economics;
};

// Estimates of every outcome of variant v over replications [0, n).
std::vector<Estimate> estimate_outcomes(const StudyResults& results, int v, std::uint32_t n);

// The alternative against the base over replication pairs [0, n).
Comparison compare_variants(const StudyResults& results, int base, int alternative,
                            std::uint32_t n);

// A readable number for terminal tables: thousands without decimals, small values with a few;
// "-" for NaN.
std::string readable_number(double x);

// Terminal tables: the estimates of every variant, and each alternative against the base.
std::string format_estimates(const StudySpec& spec, const StudyResults& results);
std::string format_comparisons(const StudySpec& spec, const StudyResults& results);

}  // namespace bb
