// The named outcomes of one replication: the numbers an ensemble summarises and a comparison
// differences. One catalogue (outcome_specs()) defines each outcome's id, unit, direction and
// meaning; the study file, the CLI tables, `--until` and the Python package all use these ids.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/engine/simulation.hpp"

namespace bb {

struct OutcomeSpec {
    std::string id;           // e.g. "helped.zorgmijder"
    std::string unit;         // e.g. "households"
    int better = 0;           // +1 higher is better, -1 lower is better, 0 neither
    std::string description;  // one sentence
};

// Every outcome, in the order of a ReplicationResult's `outcomes`.
const std::vector<OutcomeSpec>& outcome_specs();
// Index of an outcome id in outcome_specs(), or -1.
int outcome_index(const std::string& id);

// Columns of the per-day series kept for every replication (cumulative counts, so that a band
// over replications reads as "reached by day d").
const std::vector<OutcomeSpec>& series_specs();

// What one replication of one variant contributes to a study.
struct ReplicationResult {
    int variant = 0;
    std::uint32_t replication = 0;
    std::vector<double> outcomes;  // outcome_specs().size() values; NaN where undefined
    std::vector<double> series;    // days x series_specs().size(), row-major
};

// The outcomes and series of a finished simulation.
ReplicationResult collect_result(const Simulation& sim, int variant);

// The result of several buurten run side by side (one replication each, same variant): counts,
// hours, costs and series add up; shares and means are recomputed from the sums (helped_share
// from helped and in_need, cost_per_helped from worker cost and helped, days_to_first_contact
// weighted by the households contacted). Throws std::invalid_argument for an empty list or
// results of different shapes.
ReplicationResult combine_results(const std::vector<ReplicationResult>& parts);

}  // namespace bb
