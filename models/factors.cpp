// The effective factors and their effects. Every effect is an assumption lever (the poster names
// the factors, not their sizes); the sources say which way each works.
#include "models/factors.hpp"

#include <stdexcept>

namespace bb {

const std::vector<FactorInfo>& builtin_factors() {
    static const std::vector<FactorInfo> factors{
        {"vertrouwenswerk",
         "Werken aan vertrouwen",
         "Time and patience: further contacts on a case after a conversation without acceptance, "
         "and a refusal costs no trust.",
         {{"extra_follow_up_contacts", 3.0, 0.0, 50.0, "contacts",
           "Further contacts on a case after a conversation without acceptance, added to the "
           "model's.",
           "A: T4; Basisboek outreachend werken: do not stop after one door"}}},
        {"onbevooroordeeld",
         "Onbevooroordeelde, open houding",
         "Fewer refusals (higher engagement), except with households in crisis.",
         {{"engage_shift", 0.4, -5.0, 5.0, "logit",
           "Shift of engagement outside crises (none in a crisis).",
           "A: seed 001, works less in crises"}}},
        {"gelijkwaardig",
         "Gelijkwaardige relatie",
         "Higher acceptance in conversations behind the front door (home visits and doors).",
         {{"accept_shift_home", 0.4, -5.0, 5.0, "logit",
           "Shift of acceptance in home visits and at the door.",
           "A: seed 001, behind the front door, own direction"}}},
        {"situationeel",
         "Situationeel handelen",
         "Fits the action to the household: no letter to households with limited Dutch, repeat "
         "visits in the slot in which the household is most often home, and higher engagement "
         "when a contact falls in that slot.",
         {{"engage_shift_fit", 0.3, -5.0, 5.0, "logit",
           "Shift of engagement when the contact falls in the household's best slot.",
           "A: seed 001, fit the group and the buurt"}}},
        {"eigen_regie",
         "Meer eigen regie",
         "Motivational interviewing and solution-focused coaching: fewer drop-outs after the "
         "hand-over.",
         {{"dropout_reduction", 0.4, 0.0, 1.0, "share",
           "Share by which drop-out from help falls for households this worker handed over.",
           "A: seed 001, more self-direction"}}},
        {"ervaringsdeskundige",
         "Ervaringsdeskundigen",
         "An expert by experience: higher engagement of zorgmijders and more trust from each "
         "conversation with them.",
         {{"engage_shift_zorgmijder", 0.8, -5.0, 5.0, "logit",
           "Shift of engagement of zorgmijders.", "A: seed 001, understanding and reach"},
          {"trust_gain_zorgmijder", 0.05, 0.0, 1.0, "trust",
           "Extra trust a zorgmijder gains per conversation.",
           "A: seed 001, understanding and reach"}}},
        {"migrantenorganisatie",
         "Migrantenzelforganisaties",
         "Working with migrant self-organisations: higher engagement of households with a "
         "migration background and a smaller language barrier.",
         {{"engage_shift_migration", 0.5, -5.0, 5.0, "logit",
           "Shift of engagement of households with a migration background.",
           "A: seed 001, understanding and reach"},
          {"limited_dutch_offset", 0.5, 0.0, 1.0, "share",
           "Share of the limited-Dutch engagement penalty (contact.engage_limited_dutch) "
           "removed.",
           "A: interpreting by the organisation's members"}}},
    };
    return factors;
}

const FactorInfo* find_factor(const std::string& id) {
    for (const auto& f : builtin_factors()) {
        if (f.id == id) return &f;
    }
    return nullptr;
}

double WorkerFactors::engage_shift(const ContactFacts& f, double limited_dutch_penalty) const {
    double x = 0;
    if (!f.crisis) x += engage_open;
    if (f.best_slot) x += engage_fit;
    if (f.profile == Profile::zorgmijder) x += engage_zorgmijder;
    if (f.migration) x += engage_migration;
    if (f.limited_dutch) x -= limited_dutch_offset * limited_dutch_penalty;
    return x;
}

double WorkerFactors::accept_shift(const ContactFacts& f) const {
    return f.action == Action::huisbezoek || f.action == Action::deur ? accept_home : 0.0;
}

double WorkerFactors::trust_change(const ContactFacts& f) const {
    return f.profile == Profile::zorgmijder ? trust_gain_zorgmijder : 0.0;
}

WorkerFactors make_worker_factors(const std::vector<std::string>& ids,
                                  const std::map<std::string, ModelParams>& params) {
    WorkerFactors w;
    for (const auto& id : ids) {
        const ModelParams& p = params.at(id);
        if (id == "vertrouwenswerk") {
            w.extra_follow_ups = p.at("extra_follow_up_contacts");
            w.no_refusal_trust_loss = true;
        } else if (id == "onbevooroordeeld") {
            w.engage_open = p.at("engage_shift");
        } else if (id == "gelijkwaardig") {
            w.accept_home = p.at("accept_shift_home");
        } else if (id == "situationeel") {
            w.situational = true;
            w.engage_fit = p.at("engage_shift_fit");
        } else if (id == "eigen_regie") {
            w.dropout_factor = 1.0 - p.at("dropout_reduction");
        } else if (id == "ervaringsdeskundige") {
            w.engage_zorgmijder = p.at("engage_shift_zorgmijder");
            w.trust_gain_zorgmijder = p.at("trust_gain_zorgmijder");
        } else if (id == "migrantenorganisatie") {
            w.engage_migration = p.at("engage_shift_migration");
            w.limited_dutch_offset = p.at("limited_dutch_offset");
        } else {
            throw std::logic_error("factor without an effect: " + id);
        }
    }
    return w;
}

}  // namespace bb
