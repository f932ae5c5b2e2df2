// The one place where outreach models are registered, and the weighted mix of models.
#include <stdexcept>

#include "models/outreach_model.hpp"

namespace bb {

ModelInfo hulp_model_info();  // models/hulp.cpp

const ModelRegistry& builtin_models() {
    static const ModelRegistry registry = [] {
        ModelRegistry r;
        r.add(hulp_model_info());
        return r;
    }();
    return registry;
}

void ModelRegistry::add(ModelInfo info) {
    if (find(info.id) != nullptr) throw std::logic_error("model registered twice: " + info.id);
    models_.push_back(std::move(info));
}

const ModelInfo* ModelRegistry::find(const std::string& id) const {
    for (const auto& m : models_) {
        if (m.id == id) return &m;
    }
    return nullptr;
}

std::vector<std::string> ModelRegistry::ids() const {
    std::vector<std::string> out;
    for (const auto& m : models_) out.push_back(m.id);
    return out;
}

ModelParams resolve_model_params(const ModelInfo& info, const ModelParams& given) {
    ModelParams out;
    for (const auto& p : info.params) {
        const auto it = given.find(p.key);
        out[p.key] = it == given.end() ? p.default_value : it->second;
    }
    return out;
}

void ModelMix::add(double weight, std::shared_ptr<const OutreachModel> model) {
    if (weight > 0) parts_.emplace_back(weight, std::move(model));
}

double ModelMix::engage_shift(const ContactFacts& f) const {
    double s = 0;
    for (const auto& [w, m] : parts_) s += w * m->engage_shift(f);
    return s;
}

double ModelMix::accept_shift(const ContactFacts& f) const {
    double s = 0;
    for (const auto& [w, m] : parts_) s += w * m->accept_shift(f);
    return s;
}

double ModelMix::trust_change_after_conversation(const ContactFacts& f) const {
    double s = 0;
    for (const auto& [w, m] : parts_) s += w * m->trust_change_after_conversation(f);
    return s;
}

double ModelMix::conversation_hours_factor() const {
    double s = 0, total = 0;
    for (const auto& [w, m] : parts_) {
        s += w * m->conversation_hours_factor();
        total += w;
    }
    return total > 0 ? s / total : 1.0;
}

}  // namespace bb
