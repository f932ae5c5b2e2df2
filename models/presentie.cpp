// The presence model (Presentiemodel, Movisie; Baart): faithful presence in the client's
// life-world, following the client's wishes, with no time limit. As implemented:
//   - every conversation builds much trust (M2), a meeting without a conversation (a friendly face
//     at the door) some, and familiarity makes the household more willing to talk on each next
//     meeting (engagement does not require a stated need);
//   - help is offered at the household's pace: only once the household's trust has reached
//     offer_trust (before that a conversation is presence only), and then accepted more often as
//     trust grows: acceptance shifts with trust around a readiness level, below it lower than
//     the help model's, above it higher (late conversion, M2);
//   - conversations are unhurried (hours-intensive), a case stays open for further contacts after a
//     conversation without acceptance (T4: 5-10 contacts over 3-12 months), the per-client time
//     cap does not apply, and a refusal costs no trust (no pressure).
#include <algorithm>

#include "models/outreach_model.hpp"

namespace bb {

namespace {

class PresentieModel final : public OutreachModel {
  public:
    explicit PresentieModel(const ModelParams& p)
        : trust_gain_(p.at("trust_gain_conversation")),
          meeting_(p.at("trust_gain_meeting")),
          familiarity_(p.at("familiarity_engage_per_conversation")),
          familiarity_max_(p.at("familiarity_engage_max")),
          offer_trust_(p.at("offer_trust")),
          readiness_(p.at("readiness_trust")),
          slope_(p.at("readiness_slope")),
          hours_(p.at("conversation_hours_factor")),
          follow_ups_(p.at("follow_up_contacts")),
          follow_up_days_(p.at("follow_up_days")),
          provision_(p.at("provision_signal_probability")) {}

    double engage_shift(const ContactFacts& f) const override {
        return std::min(familiarity_max_, familiarity_ * f.prior_conversations);
    }
    double accept_shift(const ContactFacts& f) const override {
        return slope_ * (f.trust - readiness_);
    }
    double trust_change_after_conversation(const ContactFacts&) const override {
        return trust_gain_;
    }
    double offer_probability(const ContactFacts& f) const override {
        return f.trust >= offer_trust_ ? 1.0 : 0.0;
    }
    ModelTraits traits() const override {
        ModelTraits t;
        t.conversation_hours_factor = hours_;
        t.follow_up_contacts = follow_ups_;
        t.follow_up_days = follow_up_days_;
        t.time_cap_applies = 0.0;           // no time limit
        t.refusal_trust_loss_factor = 0.0;  // presence does not press
        t.trust_gain_meeting = meeting_;
        t.provision_signal_probability = provision_;
        return t;
    }

  private:
    double trust_gain_, meeting_, familiarity_, familiarity_max_, offer_trust_, readiness_, slope_,
        hours_, follow_ups_, follow_up_days_, provision_;
};

}  // namespace

ModelInfo presentie_model_info() {
    return ModelInfo{
        "presentie",
        "Presentiemodel",
        "Faithful presence in the client's life-world with no time limit: every conversation "
        "builds much trust and familiarity; help is offered only once trust has grown "
        "(offer_trust), and accepted more often as trust grows (below a readiness level less than "
        "under the help model, above it more); conversations are unhurried; a case stays open for "
        "further contacts after a conversation without "
        "acceptance; no per-client time cap; refusals cost no trust.",
        {
            {"trust_gain_conversation", 0.15, 0.0, 1.0, "trust",
             "Trust gained by a household from one unhurried conversation.",
             "M2: +0.1-0.2 per contact"},
            {"trust_gain_meeting", 0.04, 0.0, 1.0, "trust",
             "Trust gained when the household is met but does not talk (a friendly face at the "
             "door, in the street).",
             "A: T4, trust grows over repeated contacts"},
            {"familiarity_engage_per_conversation", 0.2, 0.0, 2.0, "logit",
             "Rise of engagement per earlier conversation with the household (familiarity).",
             "A: T4, distrustful people engage after repeated contacts"},
            {"familiarity_engage_max", 1.0, 0.0, 5.0, "logit",
             "Largest rise of engagement from familiarity.", "A: T4"},
            {"offer_trust", 0.4, 0.0, 1.0, "trust",
             "Trust the household must have (before the conversation) for help to be offered; "
             "below it a conversation is presence only. A zorgmijder (mean trust 0.2) gets an "
             "offer after about two conversations.",
             "A: late conversion, follow the client's wishes (seed 001; Baart)"},
            {"readiness_trust", 0.2, 0.0, 1.0, "trust",
             "Trust at which the presence worker's offer is accepted as often as the help "
             "model's (a zorgmijder's mean trust at the start); below it less, above it more.",
             "M2 (A: late conversion)"},
            {"readiness_slope", 1.0, 0.0, 10.0, "logit per unit trust",
             "Shift of acceptance per unit of trust above (or below) the readiness level; with the "
             "defaults a typical zorgmijder, who accepts 5-10% at a first conversation under the "
             "help model, accepts 40-60% after 5-10 conversations with presence (checked by a unit "
             "test).",
             "M2: zorgmijder acceptance 5-10% -> 40-60% after 5-10 contacts"},
            {"conversation_hours_factor", 2.0, 1.0, 5.0, "x",
             "Length of a conversation relative to an ordinary one (unhurried contact); a home "
             "visit lasts the extra conversation time longer.",
             "M2: hours-intensive (A: twice as long)"},
            {"follow_up_contacts", 10.0, 0.0, 50.0, "contacts",
             "Further contacts on a case after a conversation without acceptance.",
             "T4: 5-10 contacts over 3-12 months"},
            {"follow_up_days", 21.0, 1.0, 365.0, "days", "Days between such further contacts.",
             "T4: 5-10 contacts over 3-12 months"},
            {"provision_signal_probability", 0.20, 0.0, 1.0, "probability",
             "Chance that a barrier to a provision met in a conversation is recorded.",
             "A: presence sees the life-world, and some of its barriers"},
        },
        [](const ModelParams& p) { return std::make_unique<PresentieModel>(p); },
    };
}

}  // namespace bb
