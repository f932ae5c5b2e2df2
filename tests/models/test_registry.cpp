// The model registry and the weighted mix of models: ids are registered once, every parameter is
// documented with a default inside its range, and a mix combines the models' shifts linearly.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

#include "models/outreach_model.hpp"
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

}  // namespace
}  // namespace bb
