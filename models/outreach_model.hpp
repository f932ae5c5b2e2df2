// The extension point for outreach models (DESIGN.md §2): an OutreachModel shapes how a worker's
// contacts go. The engine calls a model only at contact events (rare), never per household per
// day; a worker's weighted mix of models adds their shifts in proportion to the weights.
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
    Profile profile;
    double trust;
    double awareness;
    double stigma;
    bool in_need;
    bool crisis;         // a need that can escalate is above the escalation threshold
    int prior_attempts;  // attempts on this household before this one
    int prior_conversations;
};

// One documented parameter of a model.
struct ModelParamSpec {
    std::string key;
    double default_value;
    double min;
    double max;
    std::string unit;
    std::string description;
    std::string source;
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
    // Multiplier of the worker hours of a conversation (unhurried models take longer).
    virtual double conversation_hours_factor() const = 0;
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
    std::vector<std::string> ids() const;
    const std::vector<ModelInfo>& all() const { return models_; }

  private:
    std::vector<ModelInfo> models_;
};

const ModelRegistry& builtin_models();

// Defaults of every parameter of a model, overridden by `given`.
ModelParams resolve_model_params(const ModelInfo& info, const ModelParams& given);

// A worker's weighted mix of models, evaluated as weighted sums of the models' answers.
class ModelMix {
  public:
    ModelMix() = default;
    void add(double weight, std::shared_ptr<const OutreachModel> model);
    double engage_shift(const ContactFacts& f) const;
    double accept_shift(const ContactFacts& f) const;
    double trust_change_after_conversation(const ContactFacts& f) const;
    double conversation_hours_factor() const;

  private:
    std::vector<std::pair<double, std::shared_ptr<const OutreachModel>>> parts_;
};

}  // namespace bb
