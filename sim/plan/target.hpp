// What a plan aims at. A target for `plan hours` ("zorgmissers_helped>=0.7 within 52 weeks") and
// an objective for `plan allocate` ("households_helped", "2*zorgmijders_helped +
// households_helped"), both over the outcomes of outcome_specs() or a few readable aliases.
// Parse errors are std::invalid_argument whose message quotes the text and points at the column
// of the problem.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace bb {

// A name for people, standing for an outcome id and a sign (+1 as is, -1 negated). "X_helped" is
// a share in a target (zorgmissers_helped >= 0.7) and a number of households in an objective
// (objectives add up over buurten, shares do not).
struct OutcomeAlias {
    std::string alias;
    std::string target_outcome;     // in a target; empty when the alias is not one
    std::string objective_outcome;  // in an objective
    int sign = +1;                  // in an objective
    std::string meaning;
};
// Every alias, in documentation order.
const std::vector<OutcomeAlias>& outcome_aliases();

enum class Direction { at_least, at_most };

struct Target {
    std::string text;     // as written
    std::string outcome;  // an id of outcome_specs()
    Direction comparison = Direction::at_least;
    double value = 0;
    std::optional<int> days;  // "within N weeks/days": the horizon the target is measured at

    bool met_by(double outcome_value) const;
    std::string describe() const;  // "helped_share.zorgmisser >= 0.7 within 364 days"
};

// Parses "OUTCOME >= VALUE [within N weeks|days]" (also <=, and > and < read as >= and <=, since
// outcomes are continuous in expectation). OUTCOME is an outcome id or an alias.
Target parse_target(const std::string& text);

struct ObjectiveTerm {
    double weight = 1;    // as written, times the alias's sign
    std::string outcome;  // an id of outcome_specs()
};

struct Objective {
    std::string text;
    std::vector<ObjectiveTerm> terms;
    // The objective's value for one replication's outcomes (NaN terms count as 0).
    double value(const std::vector<double>& outcomes) const;
    std::string describe() const;  // "1 x helped.totaal + 2 x helped.zorgmijder"
};

// Parses "[WEIGHT*]NAME (+|-) [WEIGHT*]NAME ...", NAME an outcome id or an alias; the objective is
// maximised (write escalation_cost_avoided, or -escalation_cost.maatschappij, to minimise cost).
// Only outcomes that add up over buurten are allowed (counts, hours, costs; not shares or means).
Objective parse_objective(const std::string& text);

}  // namespace bb
