// The politicising model (Politiserende model, Movisie): collective work on the structural causes
// of problems, improving the living conditions of groups. As implemented:
//   - collective work (with residents, provisions and the municipality) lowers structural barriers
//     to provisions after a policy lag: with H the model's cumulative collective hours per 1000
//     households up to `policy_lag_days` ago, barriers fall by
//     max_reduction * min(1, H / full_effect_hours) (M6: structural non-take-up -5-20% after 1-3
//     years), and the rate at which households find help themselves rises by 1 / (1 - that fall);
//   - workers record barriers to provisions they meet far more often than other models (signals
//     about provisions, Samen Noord's second goal).
#include <algorithm>

#include "models/outreach_model.hpp"

namespace bb {

namespace {

class PolitiserendModel final : public OutreachModel {
  public:
    explicit PolitiserendModel(const ModelParams& p)
        : trust_gain_(p.at("trust_gain_conversation")),
          max_(p.at("non_take_up_reduction_max")),
          lag_(static_cast<int>(p.at("policy_lag_days"))),
          full_(p.at("full_effect_hours")),
          collective_(p.at("collective_share")),
          provision_(p.at("provision_signal_probability")) {}

    double engage_shift(const ContactFacts&) const override { return 0.0; }
    double accept_shift(const ContactFacts&) const override { return 0.0; }
    double trust_change_after_conversation(const ContactFacts&) const override {
        return trust_gain_;
    }
    ModelTraits traits() const override {
        ModelTraits t;
        t.collective_share = collective_;
        t.provision_signal_probability = provision_;
        return t;
    }
    void buurt_levers(const CollectiveHours& hours, int day, BuurtLevers& levers) const override {
        const double h = hours.at(day - lag_);
        if (h <= 0) return;
        const double fall = max_ * std::min(1.0, h / full_);
        levers.self_help_factor /= 1.0 - fall;
    }

  private:
    double trust_gain_, max_;
    int lag_;
    double full_, collective_, provision_;
};

}  // namespace

ModelInfo politiserend_model_info() {
    return ModelInfo{
        "politiserend",
        "Politiserende model",
        "Collective work on structural causes: after a policy lag, structural barriers to "
        "provisions fall in proportion to the collective hours worked (up to "
        "non_take_up_reduction_max), so households find help themselves more often; workers "
        "record the barriers they meet far more often than other models.",
        {
            {"trust_gain_conversation", 0.05, 0.0, 1.0, "trust",
             "Trust gained by a household from one conversation.", "A: as M1"},
            {"non_take_up_reduction_max", 0.15, 0.0, 0.9, "share",
             "Largest fall of structural barriers to provisions; the rate of finding help oneself "
             "rises by 1 / (1 - fall).",
             "M6: structural non-take-up -5-20%"},
            {"policy_lag_days", 365.0, 0.0, 3650.0, "days",
             "Days before collective work changes policy and provisions.", "M6: lag 1-3 years"},
            {"full_effect_hours", 500.0, 1.0, 1e6, "hours per 1000 households",
             "Cumulative collective hours per 1000 households that achieve the largest fall; 500 "
             "is about 1.5 years of a team of three full-time workers by this model.",
             "A: M6 time scale"},
            {"collective_share", 0.5, 0.0, 1.0, "share of hours",
             "Share of the worker's hours spent on collective and structural work.",
             "A: politicising work is mostly collective"},
            {"provision_signal_probability", 0.6, 0.0, 1.0, "probability",
             "Chance that a barrier to a provision met in a conversation is recorded.",
             "A: produces the most signals about provisions (DESIGN.md §3)"},
        },
        [](const ModelParams& p) { return std::make_unique<PolitiserendModel>(p); },
    };
}

}  // namespace bb
