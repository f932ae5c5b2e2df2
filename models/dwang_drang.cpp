// The compulsion and pressure model (Dwang- en drangmodel, Movisie): repressive and authoritative,
// acting on signals of harm and nuisance, the surroundings' interests first. As implemented:
//   - crisis cases jump the signal queue and go straight to a home visit (no letter, no call);
//   - persistence and pressure raise engagement and acceptance (M3: acceptance x1.5-2.5), and a
//     worker calls again after a refusal;
//   - trust falls after a conversation and after a refusal (M3);
//   - a case costs more hours: the hand-over is heavier (M3: cost per case x2-3);
//   - a conversation with a household in crisis may impose a statutory measure (child protection
//     for a parenting crisis, a crisis measure for a health crisis), recorded as that escalation
//     with its costs.
#include "models/outreach_model.hpp"

namespace bb {

namespace {

class DwangDrangModel final : public OutreachModel {
  public:
    explicit DwangDrangModel(const ModelParams& p)
        : engage_(p.at("engage_shift")),
          accept_(p.at("accept_shift")),
          trust_(p.at("trust_change_conversation")),
          handover_(p.at("handover_hours_factor")),
          follow_ups_(p.at("follow_up_contacts")),
          follow_up_days_(p.at("follow_up_days")),
          priority_(p.at("crisis_priority")),
          refusal_(p.at("refusal_trust_loss_factor")),
          measure_(p.at("statutory_measure_probability")),
          provision_(p.at("provision_signal_probability")) {}

    double engage_shift(const ContactFacts&) const override { return engage_; }
    double accept_shift(const ContactFacts&) const override { return accept_; }
    double trust_change_after_conversation(const ContactFacts&) const override { return trust_; }
    ModelTraits traits() const override {
        ModelTraits t;
        t.handover_hours_factor = handover_;
        t.follow_up_contacts = follow_ups_;
        t.follow_up_days = follow_up_days_;
        t.crisis_priority = priority_;
        t.refusal_trust_loss_factor = refusal_;
        t.statutory_measure_probability = measure_;
        t.provision_signal_probability = provision_;
        return t;
    }

  private:
    double engage_, accept_, trust_, handover_, follow_ups_, follow_up_days_, priority_, refusal_,
        measure_, provision_;
};

}  // namespace

ModelInfo dwang_drang_model_info() {
    return ModelInfo{
        "dwang_drang",
        "Dwang- en drangmodel",
        "Acts on signals of harm and crisis first: crisis cases jump the queue and go straight to "
        "a "
        "visit; pressure raises engagement and acceptance; trust falls after a conversation and "
        "after a refusal; hand-overs cost more hours; a conversation in crisis may impose a "
        "statutory measure, recorded as that escalation with its costs.",
        {
            {"engage_shift", 1.0, -5.0, 5.0, "logit",
             "Shift of engagement from persistence and pressure (the stick behind the door).",
             "M3 (A: persistence raises engagement)"},
            {"accept_shift", 1.2, -5.0, 5.0, "logit",
             "Shift of acceptance under pressure; 1.2 takes F7's 39% to 68% (x1.75).",
             "M3: acceptance x1.5-2.5"},
            {"trust_change_conversation", -0.2, -1.0, 1.0, "trust",
             "Change of the household's trust after a conversation.", "M3: trust -0.1 to -0.3"},
            {"handover_hours_factor", 2.5, 1.0, 10.0, "x",
             "Hours of a hand-over relative to T3 (statutory paperwork, coordination).",
             "M3: cost per case x2-3"},
            {"follow_up_contacts", 2.0, 0.0, 50.0, "contacts",
             "Further contacts on a case after a conversation without acceptance (persistence).",
             "A: aanklampend, quick scan werkrelatie"},
            {"follow_up_days", 3.0, 1.0, 365.0, "days", "Days between such further contacts.",
             "A: pressure keeps contacts close together"},
            {"crisis_priority", 1.0, 0.0, 1.0, "probability",
             "Chance that a signalled household in crisis jumps the queue and is visited at once.",
             "A: acts on signals of harm and nuisance (seed 001)"},
            {"refusal_trust_loss_factor", 2.0, 0.0, 10.0, "x",
             "Multiplier of contact.trust_loss_refusal (felt pressure).",
             "M3 (A: pressure costs trust)"},
            {"statutory_measure_probability", 0.15, 0.0, 1.0, "probability",
             "Chance that a conversation with a household in crisis imposes a statutory measure "
             "(child protection for parenting, a crisis measure for health), with its costs.",
             "M3: may trigger statutory measures (A: value)"},
            {"provision_signal_probability", 0.05, 0.0, 1.0, "probability",
             "Chance that a barrier to a provision met in a conversation is recorded.",
             "A: the focus is the crisis, not the provision"},
        },
        [](const ModelParams& p) { return std::make_unique<DwangDrangModel>(p); },
    };
}

}  // namespace bb
