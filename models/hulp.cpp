// The help model (Hulpmodel, Movisie): support people in worrying circumstances, asked and unasked.
// It is the baseline: acceptance in conversation is the calibrated F7 figure (shift 0), each
// conversation builds a little trust, and a case closes once the household has been met. It
// follows the signal queue and the visit protocol as set.
#include "models/outreach_model.hpp"

namespace bb {

namespace {

class HulpModel final : public OutreachModel {
  public:
    explicit HulpModel(const ModelParams& p)
        : trust_gain_(p.at("trust_gain_conversation")),
          accept_shift_(p.at("accept_shift")),
          provision_(p.at("provision_signal_probability")) {}

    double engage_shift(const ContactFacts&) const override { return 0.0; }
    double accept_shift(const ContactFacts&) const override { return accept_shift_; }
    double trust_change_after_conversation(const ContactFacts&) const override {
        return trust_gain_;
    }
    ModelTraits traits() const override {
        ModelTraits t;
        t.provision_signal_probability = provision_;
        return t;
    }

  private:
    double trust_gain_;
    double accept_shift_;
    double provision_;
};

}  // namespace

ModelInfo hulp_model_info() {
    return ModelInfo{
        "hulp",
        "Hulpmodel",
        "Supports households in worrying circumstances, asked and unasked; converts on the signal "
        "or visit. Acceptance in conversation is the calibrated baseline (F7); every conversation "
        "adds a little trust; a case closes once the household has been met.",
        {
            {"trust_gain_conversation", 0.05, 0.0, 1.0, "trust",
             "Trust gained by a household from one conversation with a worker of this model.",
             "M1 (A: small gain per conversation)"},
            {"accept_shift", 0.0, -5.0, 5.0, "logit",
             "Shift of acceptance once in conversation; 0 keeps the calibrated F7 acceptance.",
             "M1: acceptance = F7 (x1.0)"},
            {"provision_signal_probability", 0.10, 0.0, 1.0, "probability",
             "Chance that a barrier to a provision met in a conversation is recorded as a signal "
             "about provisions.",
             "A: individual casework records few signals"},
        },
        [](const ModelParams& p) { return std::make_unique<HulpModel>(p); },
    };
}

}  // namespace bb
