#include "sim/plan/target.hpp"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <stdexcept>

#include "sim/scenario/yaml_reader.hpp"
#include "sim/study/outcomes.hpp"

namespace bb {

const std::vector<OutcomeAlias>& outcome_aliases() {
    static const std::vector<OutcomeAlias> aliases{
        {"households_helped", "helped_share.totaal", "helped.totaal", +1,
         "households in need handed over to help (a share in a target, a number in an "
         "objective)"},
        {"zelfredzamen_helped", "helped_share.zelfredzaam", "helped.zelfredzaam", +1,
         "zelfredzame households in need handed over to help (share / number)"},
        {"zorgmissers_helped", "helped_share.zorgmisser", "helped.zorgmisser", +1,
         "zorgmissers in need handed over to help (share / number)"},
        {"zorgmijders_helped", "helped_share.zorgmijder", "helped.zorgmijder", +1,
         "zorgmijders in need handed over to help (share / number)"},
        {"escalation_cost_avoided", "", "escalation_cost.maatschappij", -1,
         "escalation cost to society avoided (maximising it minimises the cost: the cost without "
         "outreach is the same for every candidate)"},
        {"escalations_avoided", "", "escalations.totaal", -1, "escalations avoided"},
    };
    return aliases;
}

namespace {

constexpr double kMaxTargetDays = 36500;  // the scenario's horizon_days limit

std::vector<std::string> known_names() {
    std::vector<std::string> names;
    for (const auto& a : outcome_aliases()) names.push_back(a.alias);
    for (const auto& s : outcome_specs()) names.push_back(s.id);
    return names;
}

[[noreturn]] void fail(const std::string& what, const std::string& text, std::size_t at,
                       const std::string& problem) {
    throw std::invalid_argument(what + " '" + text + "': " + problem + " (at column " +
                                std::to_string(at + 1) + ")\n  " + text + "\n  " +
                                std::string(at, ' ') + "^");
}

// Resolves a name to (outcome id, sign) for a target or an objective; fails naming the closest
// known name.
std::pair<std::string, int> resolve(const std::string& what, const std::string& text,
                                    std::size_t at, const std::string& name, bool objective) {
    for (const auto& a : outcome_aliases()) {
        if (a.alias != name) continue;
        if (objective) return {a.objective_outcome, a.sign};
        if (a.target_outcome.empty())
            fail(what, text, at,
                 "'" + name + "' is an objective; a target names an outcome, e.g. " +
                     a.objective_outcome + " <= 50000");
        return {a.target_outcome, +1};
    }
    if (outcome_index(name) >= 0) return {name, +1};
    fail(what, text, at,
         name.empty() ? "expected an outcome"
                      : "unknown outcome '" + name + "'; " + suggestion(name, known_names()));
}

bool name_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.';
}

void skip_space(const std::string& s, std::size_t& i) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i])) != 0) ++i;
}

std::optional<double> read_number(const std::string& s, std::size_t& i) {
    const char* begin = s.c_str() + i;
    char* end = nullptr;
    const double v = std::strtod(begin, &end);
    if (end == begin || !std::isfinite(v)) return std::nullopt;
    i += static_cast<std::size_t>(end - begin);
    return v;
}

}  // namespace

bool Target::met_by(double v) const {
    if (std::isnan(v)) return false;
    return comparison == Direction::at_least ? v >= value : v <= value;
}

std::string Target::describe() const {
    std::string d =
        outcome + (comparison == Direction::at_least ? " >= " : " <= ") + format_number(value);
    if (days) d += " within " + std::to_string(*days) + " days";
    return d;
}

Target parse_target(const std::string& text) {
    const std::string what = "target";
    Target t;
    t.text = text;
    std::size_t i = 0;
    skip_space(text, i);
    const std::size_t name_at = i;
    while (i < text.size() && name_char(text[i])) ++i;
    t.outcome = resolve(what, text, name_at, text.substr(name_at, i - name_at), false).first;
    skip_space(text, i);
    if (text.compare(i, 2, ">=") == 0 || text.compare(i, 2, "<=") == 0) {
        t.comparison = text[i] == '>' ? Direction::at_least : Direction::at_most;
        i += 2;
    } else if (i < text.size() && (text[i] == '>' || text[i] == '<')) {
        t.comparison = text[i] == '>' ? Direction::at_least : Direction::at_most;
        i += 1;
    } else {
        fail(what, text, i, "expected >= or <= after the outcome");
    }
    skip_space(text, i);
    const std::size_t value_at = i;
    const auto v = read_number(text, i);
    if (!v) fail(what, text, value_at, "expected a number");
    t.value = *v;
    const int k = outcome_index(t.outcome);
    if (outcome_specs()[static_cast<std::size_t>(k)].unit == "share" &&
        (t.value < 0 || t.value > 1))
        fail(what, text, value_at, t.outcome + " is a share: expected a value from 0 to 1");
    skip_space(text, i);
    if (i < text.size()) {
        const std::size_t word_at = i;
        while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i])) != 0) ++i;
        if (text.substr(word_at, i - word_at) != "within")
            fail(what, text, word_at, "expected 'within N weeks' or the end of the target");
        skip_space(text, i);
        const std::size_t n_at = i;
        const auto n = read_number(text, i);
        if (!n || *n < 1 || *n != std::floor(*n))
            fail(what, text, n_at, "expected a whole number of weeks or days");
        skip_space(text, i);
        const std::size_t unit_at = i;
        while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i])) != 0) ++i;
        const std::string unit = text.substr(unit_at, i - unit_at);
        double days = 0;  // checked before it becomes an int
        if (unit == "weeks" || unit == "week" || unit == "weken") {
            days = *n * 7;
        } else if (unit == "days" || unit == "day" || unit == "dagen") {
            days = *n;
        } else {
            fail(what, text, unit_at, "expected weeks or days");
        }
        if (days > kMaxTargetDays) fail(what, text, n_at, "at most 36500 days (100 years)");
        t.days = static_cast<int>(days);
        skip_space(text, i);
        if (i < text.size()) fail(what, text, i, "unexpected text after the target");
    }
    return t;
}

double Objective::value(const std::vector<double>& outcomes) const {
    double v = 0;
    for (const auto& t : terms) {
        const double x = outcomes.at(static_cast<std::size_t>(outcome_index(t.outcome)));
        if (!std::isnan(x)) v += t.weight * x;
    }
    return v;
}

std::string Objective::describe() const {
    std::string d;
    for (const auto& t : terms) {
        if (!d.empty())
            d += t.weight < 0 ? " - " : " + ";
        else if (t.weight < 0)
            d += "-";
        d += format_number(std::abs(t.weight)) + " x " + t.outcome;
    }
    return d;
}

Objective parse_objective(const std::string& text) {
    const std::string what = "objective";
    Objective o;
    o.text = text;
    std::size_t i = 0;
    double sign = +1;
    skip_space(text, i);
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
        sign = text[i] == '-' ? -1 : +1;
        ++i;
    }
    while (true) {
        skip_space(text, i);
        double weight = 1;
        if (i < text.size() &&
            (std::isdigit(static_cast<unsigned char>(text[i])) != 0 || text[i] == '.')) {
            const std::size_t w_at = i;
            const auto w = read_number(text, i);
            if (!w || *w < 0) fail(what, text, w_at, "expected a weight");
            weight = *w;
            skip_space(text, i);
            if (i >= text.size() || text[i] != '*')
                fail(what, text, i, "expected * after a weight");
            ++i;
            skip_space(text, i);
        }
        const std::size_t name_at = i;
        while (i < text.size() && name_char(text[i])) ++i;
        const auto [outcome, alias_sign] =
            resolve(what, text, name_at, text.substr(name_at, i - name_at), true);
        const auto& spec = outcome_specs()[static_cast<std::size_t>(outcome_index(outcome))];
        if (spec.unit == "share" || outcome == "days_to_first_contact" ||
            outcome == "cost_per_helped") {
            fail(what, text, name_at,
                 "'" + outcome +
                     "' does not add up over buurten (a share or a mean); use a count, e.g. " +
                     (outcome.rfind("helped_share.", 0) == 0 ? "helped." + outcome.substr(13)
                                                             : std::string("helped.totaal")));
        }
        o.terms.push_back({sign * weight * alias_sign, outcome});
        skip_space(text, i);
        if (i >= text.size()) break;
        if (text[i] != '+' && text[i] != '-') fail(what, text, i, "expected + or - between terms");
        sign = text[i] == '-' ? -1 : +1;
        ++i;
    }
    return o;
}

}  // namespace bb
