// The connecting model (Verbindende model, Movisie): social cohesion, activating informal support
// and the buurt's own resources. As implemented:
//   - a conversation may make the household a connected resident (it joins the buurt's informal
//     network) and raises its ties;
//   - connected residents refer neighbours in need on their street to the team (M4), so reach
//     keeps growing with the network, without extra worker hours; a referral also makes the
//     referred household aware of the provisions (awareness spreads along ties);
//   - informal support: the needs of connected households grow more slowly;
//   - part of the hours goes to collective network work (meetings, activities).
#include "models/outreach_model.hpp"

namespace bb {

namespace {

class VerbindendModel final : public OutreachModel {
  public:
    explicit VerbindendModel(const ModelParams& p)
        : trust_gain_(p.at("trust_gain_conversation")),
          connect_(p.at("connect_probability")),
          ties_(p.at("tie_gain")),
          referrals_(p.at("referrals_per_connected_per_year")),
          support_(p.at("informal_support")),
          collective_(p.at("collective_share")),
          provision_(p.at("provision_signal_probability")) {}

    double engage_shift(const ContactFacts&) const override { return 0.0; }
    double accept_shift(const ContactFacts&) const override { return 0.0; }
    double trust_change_after_conversation(const ContactFacts&) const override {
        return trust_gain_;
    }
    ModelTraits traits() const override {
        ModelTraits t;
        t.connect_probability = connect_;
        t.tie_gain = ties_;
        t.collective_share = collective_;
        t.provision_signal_probability = provision_;
        return t;
    }
    void buurt_levers(const CollectiveHours&, int, BuurtLevers& levers) const override {
        levers.referrals_per_connected_per_year = referrals_;
        levers.informal_support = support_;
    }

  private:
    double trust_gain_, connect_, ties_, referrals_, support_, collective_, provision_;
};

}  // namespace

ModelInfo verbindend_model_info() {
    return ModelInfo{
        "verbindend",
        "Verbindende model",
        "Connects residents: a conversation may make the household a connected resident and "
        "raises its ties; connected residents refer neighbours in need on their street (a "
        "`netwerk` signal), so reach grows with the network without extra hours; referred "
        "households learn of the provisions; connected households' needs grow more slowly "
        "(informal support); part of the hours is collective network work.",
        {
            {"trust_gain_conversation", 0.05, 0.0, 1.0, "trust",
             "Trust gained by a household from one conversation.", "A: as M1"},
            {"connect_probability", 0.5, 0.0, 1.0, "probability",
             "Chance that a conversation makes the household a connected resident.",
             "A: half of the residents spoken to join an activity or network"},
            {"tie_gain", 0.2, 0.0, 1.0, "ties",
             "Rise of the household's ties to neighbours per conversation (towards 1).",
             "A: social cohesion (seed 001)"},
            {"referrals_per_connected_per_year", 0.10, 0.0, 2.0, "referrals/year",
             "Neighbours in need a connected resident refers to the team per year.",
             "M4: 0.05-0.15 per connected resident per year"},
            {"informal_support", 0.3, 0.0, 1.0, "share",
             "Share by which a connected household's needs grow more slowly.",
             "A: M4 informal support"},
            {"collective_share", 0.2, 0.0, 1.0, "share of hours",
             "Share of the worker's hours spent on collective network work instead of contacts.",
             "A: activating informal support takes meetings"},
            {"provision_signal_probability", 0.15, 0.0, 1.0, "probability",
             "Chance that a barrier to a provision met in a conversation is recorded.",
             "A: between casework and collective work"},
        },
        [](const ModelParams& p) { return std::make_unique<VerbindendModel>(p); },
    };
}

}  // namespace bb
