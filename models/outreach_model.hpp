// The extension point for outreach models (DESIGN.md §2): an OutreachModel shapes how a worker's
// contacts go (per-contact shifts), how a worker works cases (traits) and what the model's
// collective work does to the buurt (buurt levers). The engine calls a model only at contact
// events (rare) and once a day for the buurt levers, never per household per day. A worker's
// weighted mix of models weights every shift and trait by the models' shares of the mix.
// Adding a model: one file in models/ that defines its ModelInfo, one line in models/registry.cpp.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sim/core/ids.hpp"

namespace bb {

// What a model may know about one contact when it shapes its course.
struct ContactFacts {
    Method method;
    Action action;
    Profile profile;
    double trust;
    double awareness;
    double stigma;
    bool in_need;
    bool crisis;         // a need that can escalate is above the escalation threshold
    bool migration;      // migration background
    bool limited_dutch;  // limited command of Dutch
    bool best_slot;      // the contact falls in the slot in which the household is most often home
    int prior_attempts;  // attempts on this household before this one
    int prior_conversations;
};

// How a model works cases and spends hours: numbers the engine reads outside single contacts. In a
// mix each is the share-weighted mean of the models' values.
struct ModelTraits {
    double conversation_hours_factor = 1.0;  // hours of a conversation relative to time.*_hours
    double handover_hours_factor = 1.0;      // hours of a warm hand-over relative to T3
    double follow_up_contacts = 0.0;  // further contacts on a case after a talk without acceptance
    double follow_up_days = 14.0;     // days between such further contacts
    double crisis_priority = 0.0;     // chance a crisis case jumps the queue, straight to a visit
    double time_cap_applies = 1.0;    // chance the per-client time cap applies to a case
    double refusal_trust_loss_factor = 1.0;  // multiplies contact.trust_loss_refusal (pressure)
    double trust_gain_meeting = 0.0;  // trust gained when met without a conversation (presence)
    double collective_share = 0.0;    // share of hours on the model's collective work, not contacts
    double provision_signal_probability = 0.0;  // chance a barrier met in a talk is recorded
    double connect_probability = 0.0;  // chance a talk makes the household a connected resident
    double tie_gain = 0.0;             // ties gained by the household per conversation
    double link_probability = 0.0;     // chance a talk links the household to a collective location
    double statutory_measure_probability = 0.0;  // chance a talk in crisis imposes a measure
};

// Levers of the whole buurt, moved by the models' collective work. Neutral values change nothing.
struct BuurtLevers {
    double stigma_factor = 1.0;     // multiplies every household's stigma (kwartiermaken)
    double self_help_factor = 1.0;  // multiplies the rate of finding help oneself (politiserend)
    double referrals_per_connected_per_year = 0.0;  // referrals a connected resident makes
    double informal_support = 0.0;  // share by which a connected household's needs grow slower
};

// Cumulative collective-work hours of one model, per 1000 households, at the end of each day.
class CollectiveHours {
  public:
    // Hours up to and including `day`; 0 before day 0.
    double at(int day) const {
        if (day < 0 || by_day_.empty()) return 0.0;
        const auto d = static_cast<std::size_t>(day);
        return d < by_day_.size() ? by_day_[d] : by_day_.back();
    }
    void close_day(int day, double hours_per_1000) {
        by_day_.resize(static_cast<std::size_t>(day) + 1, by_day_.empty() ? 0.0 : by_day_.back());
        by_day_.back() += hours_per_1000;
    }

  private:
    std::vector<double> by_day_;
};

// One documented parameter of a model or an effective factor.
struct ModelParamSpec {
    std::string key;
    double default_value;
    double min;
    double max;
    std::string unit;
    std::string description;
    std::string source;  // EVIDENCE.md id(s) or "A: ..." for an assumption
};

// Resolved parameter values of one model, by key.
using ModelParams = std::map<std::string, double>;

class OutreachModel {
  public:
    virtual ~OutreachModel() = default;
    // Logit shift of engagement (the household talks) at a contact.
    virtual double engage_shift(const ContactFacts& facts) const = 0;
    // Logit shift of acceptance of help, once in conversation.
    virtual double accept_shift(const ContactFacts& facts) const = 0;
    // Change of the household's trust after a conversation (before clamping to [0, 1]).
    virtual double trust_change_after_conversation(const ContactFacts& facts) const = 0;
    // Chance that help is offered in a conversation with a household in need that could accept
    // it (the trust in `facts` is the one before the conversation). Most models always offer.
    virtual double offer_probability(const ContactFacts& /*facts*/) const { return 1.0; }
    // How the model works cases and spends hours.
    virtual ModelTraits traits() const = 0;
    // What the model's collective work has done to the buurt by `day`, given its cumulative
    // collective hours; multiplies or sets fields of `levers`. Most models change nothing.
    virtual void buurt_levers(const CollectiveHours& /*hours*/, int /*day*/,
                              BuurtLevers& /*levers*/) const {}
};

struct ModelInfo {
    std::string id;
    std::string name;         // the Movisie name, e.g. "Hulpmodel"
    std::string description;  // one paragraph: the mechanism as implemented
    std::vector<ModelParamSpec> params;
    std::function<std::unique_ptr<OutreachModel>(const ModelParams&)> make;
};

// The models known to this build, by id. Built once by builtin_models(); read-only afterwards.
class ModelRegistry {
  public:
    void add(ModelInfo info);
    const ModelInfo* find(const std::string& id) const;
    // Position of a model in all(), or -1.
    int index_of(const std::string& id) const;
    std::vector<std::string> ids() const;
    const std::vector<ModelInfo>& all() const { return models_; }

  private:
    std::vector<ModelInfo> models_;
};

const ModelRegistry& builtin_models();

// Defaults of every parameter of a model, overridden by `given`.
ModelParams resolve_model_params(const ModelInfo& info, const ModelParams& given);

// A worker's weighted mix of models, evaluated as share-weighted sums of the models' answers
// (weights are normalised to shares, so a mix of one model behaves exactly as that model).
class ModelMix {
  public:
    ModelMix() = default;
    // `index` is the model's position in builtin_models().all().
    void add(double weight, int index, std::shared_ptr<const OutreachModel> model);
    double engage_shift(const ContactFacts& f) const;
    double accept_shift(const ContactFacts& f) const;
    double trust_change_after_conversation(const ContactFacts& f) const;
    double offer_probability(const ContactFacts& f) const;
    const ModelTraits& traits() const { return traits_; }
    // Each model's share of the mix's collective work (sums to 1 when there is any), by index.
    const std::vector<std::pair<int, double>>& collective_shares() const { return collective_; }

  private:
    void update();
    struct Part {
        double weight;
        int index;
        std::shared_ptr<const OutreachModel> model;
    };
    std::vector<Part> parts_;
    double total_ = 0;
    ModelTraits traits_;
    std::vector<std::pair<int, double>> collective_;
};

}  // namespace bb
