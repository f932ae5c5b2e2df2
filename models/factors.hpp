// The effective factors (werkzame factoren, Movisie; DESIGN.md §2) as worker attributes. A worker
// carries any set of them (`factors:` in the scenario); each has documented parameters, set for
// the whole scenario under the top-level `factors:` key. The engine reads a worker's factors as
// one WorkerFactors value: shifts at contacts and a few case-level behaviours.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "models/outreach_model.hpp"

namespace bb {

struct FactorInfo {
    std::string id;
    std::string name;         // the Dutch name on Movisie's poster
    std::string description;  // the effect as implemented
    std::vector<ModelParamSpec> params;
};

// The factors known to this build, in the poster's order.
const std::vector<FactorInfo>& builtin_factors();
const FactorInfo* find_factor(const std::string& id);

// The combined effect of one worker's factors, with the scenario's parameter values.
struct WorkerFactors {
    double extra_follow_ups = 0;         // vertrouwenswerk: further contacts on a case
    bool no_refusal_trust_loss = false;  // vertrouwenswerk: patience, no felt pressure
    double engage_open = 0;              // onbevooroordeeld: engagement outside crises
    double accept_home = 0;              // gelijkwaardig: acceptance behind the front door
    bool situational = false;            // situationeel: fit the action to the household
    double engage_fit = 0;               // situationeel: engagement at the household's best slot
    double dropout_factor = 1;           // eigen_regie: multiplies drop-out after hand-over
    double engage_zorgmijder = 0;        // ervaringsdeskundige
    double trust_gain_zorgmijder = 0;    // ervaringsdeskundige
    double engage_migration = 0;         // migrantenorganisatie
    double limited_dutch_offset = 0;     // migrantenorganisatie: share of the language penalty
                                         // removed

    // Logit shift of engagement at a contact; `limited_dutch_penalty` is
    // contact.engage_limited_dutch (negative).
    double engage_shift(const ContactFacts& f, double limited_dutch_penalty) const;
    // Logit shift of acceptance.
    double accept_shift(const ContactFacts& f) const;
    // Extra trust change after a conversation.
    double trust_change(const ContactFacts& f) const;
};

// The factors with these ids (validated by the scenario loader), with parameter values by factor
// id (every factor resolved to its defaults where not given).
WorkerFactors make_worker_factors(const std::vector<std::string>& ids,
                                  const std::map<std::string, ModelParams>& params);

}  // namespace bb
