// The quartermaking model (Kwartiermakersmodel, Movisie; Kal 2001): make room in the community for
// excluded people, link organisations and citizens to vulnerable individuals, hospitality. As
// implemented:
//   - collective work (hours spent with organisations, associations and citizens) lowers the
//     buurt's stigma barrier over years: every household's stigma is multiplied by
//     1 - max_reduction * (1 - exp(-H / hours_scale)), with H the model's cumulative collective
//     hours per 1000 households (M5: -10-30% over 2-3 years); lower stigma raises engagement,
//     acceptance and finding help oneself;
//   - a conversation may link the household to a collective location it can join (a community
//     place), which raises its chance to be met at information sessions, and raises its ties.
#include <cmath>

#include "models/outreach_model.hpp"

namespace bb {

namespace {

class KwartiermakenModel final : public OutreachModel {
  public:
    explicit KwartiermakenModel(const ModelParams& p)
        : trust_gain_(p.at("trust_gain_conversation")),
          max_(p.at("stigma_reduction_max")),
          scale_(p.at("stigma_hours_scale")),
          link_(p.at("link_probability")),
          ties_(p.at("tie_gain")),
          collective_(p.at("collective_share")),
          provision_(p.at("provision_signal_probability")) {}

    double engage_shift(const ContactFacts&) const override { return 0.0; }
    double accept_shift(const ContactFacts&) const override { return 0.0; }
    double trust_change_after_conversation(const ContactFacts&) const override {
        return trust_gain_;
    }
    ModelTraits traits() const override {
        ModelTraits t;
        t.link_probability = link_;
        t.tie_gain = ties_;
        t.collective_share = collective_;
        t.provision_signal_probability = provision_;
        return t;
    }
    void buurt_levers(const CollectiveHours& hours, int day, BuurtLevers& levers) const override {
        const double h = hours.at(day);
        if (h > 0) levers.stigma_factor *= 1.0 - max_ * -std::expm1(-h / scale_);
    }

  private:
    double trust_gain_, max_, scale_, link_, ties_, collective_, provision_;
};

}  // namespace

ModelInfo kwartiermaken_model_info() {
    return ModelInfo{
        "kwartiermaken",
        "Kwartiermakersmodel",
        "Makes room in the community for excluded people: collective work lowers the buurt's "
        "stigma barrier over years (every household's stigma falls by up to stigma_reduction_max, "
        "approached exponentially in cumulative collective hours), which raises engagement, "
        "acceptance and finding help oneself; a conversation may link the household to a "
        "collective location and raises its ties.",
        {
            {"trust_gain_conversation", 0.05, 0.0, 1.0, "trust",
             "Trust gained by a household from one conversation.", "A: as M1"},
            {"stigma_reduction_max", 0.3, 0.0, 1.0, "share",
             "Largest relative fall of the buurt's stigma from collective work.",
             "M5: stigma barrier -10-30% over 2-3 years"},
            {"stigma_hours_scale", 700.0, 1.0, 1e6, "hours per 1000 households",
             "Cumulative collective hours per 1000 households that achieve 63% of the largest "
             "fall; 700 gives a team of three full-time quartermakers about -10% after one year "
             "and -20% after three.",
             "M5: -10-30% over 2-3 years (A: time scale)"},
            {"link_probability", 0.3, 0.0, 1.0, "probability",
             "Chance that a conversation links the household to a collective location it may "
             "join.",
             "A: linking organisations and citizens to vulnerable individuals (seed 001)"},
            {"tie_gain", 0.1, 0.0, 1.0, "ties",
             "Rise of the household's ties per conversation (towards 1).", "A: hospitality"},
            {"collective_share", 0.4, 0.0, 1.0, "share of hours",
             "Share of the worker's hours spent on collective work with organisations and "
             "citizens.",
             "A: quartermaking is mostly community work"},
            {"provision_signal_probability", 0.20, 0.0, 1.0, "probability",
             "Chance that a barrier to a provision met in a conversation is recorded.",
             "A: quartermakers address exclusion by organisations"},
        },
        [](const ModelParams& p) { return std::make_unique<KwartiermakenModel>(p); },
    };
}

}  // namespace bb
