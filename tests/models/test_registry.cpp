// The model registry and the weighted mix of models: ids are registered once, every parameter is
// documented with a default inside its range, and a mix combines the models' shifts linearly.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

#include "models/catalogue.hpp"
#include "models/factors.hpp"
#include "models/outreach_model.hpp"
#include "sim/population/calibration.hpp"
#include "sim/scenario/parameters.hpp"
#include "tests/support/test_scenarios.hpp"

namespace bb {
namespace {

ContactFacts facts() {
    return ContactFacts{Method::huisbezoek_signaal,
                        Action::huisbezoek,
                        Profile::zorgmijder,
                        0.3,
                        0.4,
                        0.5,
                        true,
                        false,
                        false,
                        false,
                        false,
                        1,
                        0};
}

// A model with fixed answers, to check the mix arithmetic independently of any real model.
class FixedModel final : public OutreachModel {
  public:
    FixedModel(double engage, double accept, double trust, double hours)
        : engage_(engage), accept_(accept), trust_(trust), hours_(hours) {}
    double engage_shift(const ContactFacts&) const override { return engage_; }
    double accept_shift(const ContactFacts&) const override { return accept_; }
    double trust_change_after_conversation(const ContactFacts&) const override { return trust_; }
    ModelTraits traits() const override {
        ModelTraits t;
        t.conversation_hours_factor = hours_;
        t.collective_share = hours_ > 2 ? 0.5 : 0.0;
        return t;
    }

  private:
    double engage_, accept_, trust_, hours_;
};

TEST(ModelRegistry, HasTheHelpModelWithDocumentedParameters) {
    const ModelRegistry& r = builtin_models();
    const ModelInfo* hulp = r.find("hulp");
    ASSERT_NE(hulp, nullptr);
    EXPECT_EQ(hulp->id, "hulp");
    EXPECT_EQ(hulp->name, "Hulpmodel");
    EXPECT_FALSE(hulp->description.empty());
    const auto ids = r.ids();
    EXPECT_NE(std::find(ids.begin(), ids.end(), "hulp"), ids.end());
    EXPECT_EQ(ids.size(), r.all().size());
    EXPECT_EQ(r.find("hulpp"), nullptr);
    for (const ModelInfo& info : r.all()) {
        ASSERT_TRUE(info.make) << info.id;
        for (const ModelParamSpec& p : info.params) {
            EXPECT_LE(p.min, p.default_value) << info.id << "." << p.key;
            EXPECT_LE(p.default_value, p.max) << info.id << "." << p.key;
            EXPECT_FALSE(p.unit.empty()) << info.id << "." << p.key;
            EXPECT_FALSE(p.description.empty()) << info.id << "." << p.key;
            EXPECT_FALSE(p.source.empty()) << info.id << "." << p.key;
        }
        // Every model can be built from its defaults.
        EXPECT_NE(info.make(resolve_model_params(info, {})), nullptr) << info.id;
    }
}

TEST(ModelRegistry, RegisteringAnIdTwiceIsALogicError) {
    ModelRegistry r;
    ModelInfo info = *builtin_models().find("hulp");
    r.add(info);
    EXPECT_THROW(r.add(info), std::logic_error);
    EXPECT_EQ(r.ids(), std::vector<std::string>{"hulp"});
}

TEST(ModelRegistry, ResolveFillsDefaultsAndKeepsGivenValues) {
    const ModelInfo& info = *builtin_models().find("hulp");
    const ModelParams defaults = resolve_model_params(info, {});
    ASSERT_EQ(defaults.size(), info.params.size());
    for (const ModelParamSpec& p : info.params) EXPECT_EQ(defaults.at(p.key), p.default_value);
    const ModelParams given =
        resolve_model_params(info, {{"accept_shift", 0.75}, {"not_a_parameter", 1.0}});
    EXPECT_EQ(given.at("accept_shift"), 0.75);
    EXPECT_EQ(given.at("trust_gain_conversation"),
              defaults.at("trust_gain_conversation"));  // untouched
    EXPECT_EQ(given.count("not_a_parameter"), 0u);

    // The scenario loader resolves the same way.
    const Scenario sc = test::parse("models: {hulp: {accept_shift: 0.75}}\n");
    EXPECT_EQ(sc.model_params.at("hulp"), given);
}

TEST(ModelRegistry, HelpModelAnswersFromItsParameters) {
    const ModelInfo& info = *builtin_models().find("hulp");
    const auto model = info.make(
        resolve_model_params(info, {{"accept_shift", -0.5}, {"trust_gain_conversation", 0.2}}));
    EXPECT_EQ(model->engage_shift(facts()), 0.0);
    EXPECT_EQ(model->accept_shift(facts()), -0.5);
    EXPECT_EQ(model->trust_change_after_conversation(facts()), 0.2);
    EXPECT_EQ(model->traits().conversation_hours_factor, 1.0);
}

TEST(ModelMix, CombinesShiftsLinearlyByWeight) {
    const auto a = std::make_shared<FixedModel>(1.0, -2.0, 0.10, 1.0);
    const auto b = std::make_shared<FixedModel>(-3.0, 4.0, -0.20, 3.0);
    for (double wa : {0.0, 0.25, 0.5, 1.0}) {
        ModelMix mix;
        mix.add(wa, 0, a);
        mix.add(1.0 - wa, 1, b);
        const double wb = 1.0 - wa;
        EXPECT_DOUBLE_EQ(mix.engage_shift(facts()), wa * 1.0 + wb * -3.0) << wa;
        EXPECT_DOUBLE_EQ(mix.accept_shift(facts()), wa * -2.0 + wb * 4.0) << wa;
        EXPECT_DOUBLE_EQ(mix.trust_change_after_conversation(facts()), wa * 0.10 + wb * -0.20)
            << wa;
        EXPECT_DOUBLE_EQ(mix.traits().conversation_hours_factor, wa * 1.0 + wb * 3.0) << wa;
        // Only b does collective work: all of the mix's collective hours are b's.
        EXPECT_DOUBLE_EQ(mix.traits().collective_share, wb * 0.5) << wa;
        if (wb > 0) {
            ASSERT_EQ(mix.collective_shares().size(), 1u);
            EXPECT_EQ(mix.collective_shares()[0].first, 1);
            EXPECT_DOUBLE_EQ(mix.collective_shares()[0].second, 1.0);
        }
    }
    // Weights are shares: doubling every weight changes nothing.
    ModelMix half, twice;
    half.add(0.5, 0, a);
    half.add(0.5, 1, b);
    twice.add(1.0, 0, a);
    twice.add(1.0, 1, b);
    EXPECT_DOUBLE_EQ(half.engage_shift(facts()), twice.engage_shift(facts()));
    // Two real help models with different parameters mix the same way.
    const ModelInfo& info = *builtin_models().find("hulp");
    ModelMix mix;
    mix.add(0.3, 0, info.make(resolve_model_params(info, {{"accept_shift", 1.0}})));
    mix.add(0.7, 1, info.make(resolve_model_params(info, {{"accept_shift", -2.0}})));
    EXPECT_DOUBLE_EQ(mix.accept_shift(facts()), 0.3 * 1.0 + 0.7 * -2.0);
    // An empty mix shifts nothing and keeps conversations at their normal length.
    const ModelMix empty;
    EXPECT_EQ(empty.engage_shift(facts()), 0.0);
    EXPECT_EQ(empty.traits().conversation_hours_factor, 1.0);
    EXPECT_TRUE(empty.collective_shares().empty());
}

TEST(ModelRegistry, HasTheSixMovisieModelsInThePostersOrder) {
    EXPECT_EQ(builtin_models().ids(),
              (std::vector<std::string>{"kwartiermaken", "politiserend", "verbindend", "hulp",
                                        "dwang_drang", "presentie"}));
    EXPECT_EQ(builtin_models().index_of("hulp"), 3);
    EXPECT_EQ(builtin_models().index_of("nope"), -1);
}

TEST(Catalogue, EveryMethodIsDescribedWithExistingParameters) {
    ASSERT_EQ(method_catalogue().size(), static_cast<std::size_t>(kMethods));
    for (int m = 0; m < kMethods; ++m) {
        const MethodInfo& info = method_catalogue()[static_cast<std::size_t>(m)];
        EXPECT_EQ(info.id, static_cast<Method>(m));
        EXPECT_FALSE(info.description.empty());
        EXPECT_FALSE(info.parameters.empty());
        for (const auto& path : info.parameters) {
            EXPECT_NE(find_parameter(path), nullptr) << id_of(info.id) << ": " << path;
        }
    }
    const std::string md = models_reference_markdown();
    for (const auto& f : builtin_factors()) EXPECT_NE(md.find("### `" + f.id + "`"), md.npos);
}

TEST(Factors, EveryFactorIsDocumentedAndHasAnEffect) {
    std::map<std::string, ModelParams> params;
    std::vector<std::string> ids;
    for (const FactorInfo& f : builtin_factors()) {
        EXPECT_FALSE(f.name.empty()) << f.id;
        EXPECT_FALSE(f.description.empty()) << f.id;
        ASSERT_FALSE(f.params.empty()) << f.id;
        for (const ModelParamSpec& p : f.params) {
            EXPECT_LE(p.min, p.default_value) << f.id << "." << p.key;
            EXPECT_LE(p.default_value, p.max) << f.id << "." << p.key;
            EXPECT_FALSE(p.unit.empty() || p.description.empty() || p.source.empty()) << p.key;
            params[f.id][p.key] = p.default_value;
        }
        EXPECT_EQ(find_factor(f.id), &f);
        ids.push_back(f.id);
        // Each factor alone changes the worker's factors from none.
        const WorkerFactors none = make_worker_factors({}, params);
        const WorkerFactors one = make_worker_factors({f.id}, params);
        ContactFacts zorgmijder = facts();
        zorgmijder.migration = true;
        zorgmijder.limited_dutch = true;
        zorgmijder.best_slot = true;
        const bool differs =
            one.engage_shift(zorgmijder, -0.7) != none.engage_shift(zorgmijder, -0.7) ||
            one.accept_shift(zorgmijder) != none.accept_shift(zorgmijder) ||
            one.trust_change(zorgmijder) != none.trust_change(zorgmijder) ||
            one.extra_follow_ups != none.extra_follow_ups ||
            one.dropout_factor != none.dropout_factor || one.situational != none.situational;
        EXPECT_TRUE(differs) << f.id;
    }
    EXPECT_EQ(find_factor("ervaringsdeskundig"), nullptr);
    EXPECT_THROW(make_worker_factors({"unknown"}, {{"unknown", {}}}), std::logic_error);
    // The open attitude helps except in a crisis.
    const WorkerFactors open = make_worker_factors({"onbevooroordeeld"}, params);
    ContactFacts crisis = facts();
    crisis.crisis = true;
    EXPECT_GT(open.engage_shift(facts(), -0.7), 0.0);
    EXPECT_EQ(open.engage_shift(crisis, -0.7), 0.0);
}

// M2 (zorgmijder acceptance from 5-10% to 40-60% after 5-10 contacts), computed as the engine
// does (sim/engine/contacts.cpp): a typical zorgmijder (the profile's mean trust 0.2 at the start,
// awareness after the conversation's gain, the profile's mean stigma) with the default scenario's
// calibrated intercept. The acceptance terms use the trust after this conversation's gain, the
// model's shift the trust before it.
//   - Under hulp, a first conversation: 5-10% (M2's starting level).
//   - Under presentie, no offer at a first conversation (trust below offer_trust), and after 5-10
//     conversations with presence: 40-60%.
TEST(Presentie, ReproducesTheM2AcceptanceBand) {
    const Scenario sc = test::parse("name: m2\n");
    const Intercepts ic = calibrate(sc);
    const Parameters& p = sc.params;
    const int z = static_cast<int>(Profile::zorgmijder);
    const double awareness = p.profiles.awareness[z] +
                             p.contact.awareness_gain_conversation * (1 - p.profiles.awareness[z]);
    auto acceptance = [&](const std::string& id, int conversations) {
        const ModelInfo& info = *builtin_models().find(id);
        const ModelParams mp = resolve_model_params(info, {});
        const auto model = info.make(mp);
        const double gain = mp.at("trust_gain_conversation");
        ContactFacts f = facts();
        f.trust = std::min(1.0, p.profiles.trust[z] + conversations * gain);
        f.prior_conversations = conversations;
        const double after = std::min(1.0, f.trust + gain);
        const double y =
            ic.accept + p.contact.accept_profile[z] + p.contact.accept_trust * (after - 0.5) +
            p.contact.accept_awareness * (awareness - 0.5) -
            p.contact.accept_stigma * (p.profiles.stigma[z] - 0.5) + model->accept_shift(f);
        return std::make_pair(model->offer_probability(f), logistic(y));
    };
    const auto [hulp_offer, hulp_first] = acceptance("hulp", 0);
    EXPECT_EQ(hulp_offer, 1.0);
    EXPECT_GE(hulp_first, 0.05);
    EXPECT_LE(hulp_first, 0.10);
    EXPECT_EQ(acceptance("presentie", 0).first, 0.0);  // presence does not offer yet
    for (int k : {5, 10}) {
        const auto [offer, accepted] = acceptance("presentie", k);
        EXPECT_EQ(offer, 1.0) << k;
        EXPECT_GE(accepted, 0.40) << k;
        EXPECT_LE(accepted, 0.60) << k;
    }
}

}  // namespace
}  // namespace bb
