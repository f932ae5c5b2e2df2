// The one place where outreach models are registered, and the weighted mix of models.
#include <stdexcept>

#include "models/outreach_model.hpp"

namespace bb {

// One function per model file in models/.
ModelInfo hulp_model_info();
ModelInfo presentie_model_info();
ModelInfo dwang_drang_model_info();
ModelInfo verbindend_model_info();
ModelInfo kwartiermaken_model_info();
ModelInfo politiserend_model_info();

const ModelRegistry& builtin_models() {
    static const ModelRegistry registry = [] {
        ModelRegistry r;
        // The order of DESIGN.md §2 (Movisie's poster).
        r.add(kwartiermaken_model_info());
        r.add(politiserend_model_info());
        r.add(verbindend_model_info());
        r.add(hulp_model_info());
        r.add(dwang_drang_model_info());
        r.add(presentie_model_info());
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

int ModelRegistry::index_of(const std::string& id) const {
    for (std::size_t i = 0; i < models_.size(); ++i) {
        if (models_[i].id == id) return static_cast<int>(i);
    }
    return -1;
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

void ModelMix::add(double weight, int index, std::shared_ptr<const OutreachModel> model) {
    if (weight <= 0) return;
    parts_.push_back({weight, index, std::move(model)});
    total_ += weight;
    update();
}

// Recomputes the share-weighted traits and the collective shares (once per added model).
void ModelMix::update() {
    ModelTraits t{};
    t.conversation_hours_factor = t.handover_hours_factor = t.follow_up_days = 0;
    t.time_cap_applies = t.refusal_trust_loss_factor = 0;
    double collective_total = 0;
    for (const Part& part : parts_) {
        const double s = part.weight / total_;
        const ModelTraits m = part.model->traits();
        t.conversation_hours_factor += s * m.conversation_hours_factor;
        t.handover_hours_factor += s * m.handover_hours_factor;
        t.follow_up_contacts += s * m.follow_up_contacts;
        t.follow_up_days += s * m.follow_up_days;
        t.crisis_priority += s * m.crisis_priority;
        t.time_cap_applies += s * m.time_cap_applies;
        t.refusal_trust_loss_factor += s * m.refusal_trust_loss_factor;
        t.trust_gain_meeting += s * m.trust_gain_meeting;
        t.collective_share += s * m.collective_share;
        t.provision_signal_probability += s * m.provision_signal_probability;
        t.connect_probability += s * m.connect_probability;
        t.tie_gain += s * m.tie_gain;
        t.link_probability += s * m.link_probability;
        t.statutory_measure_probability += s * m.statutory_measure_probability;
        collective_total += s * m.collective_share;
    }
    traits_ = t;
    collective_.clear();
    if (collective_total <= 0) return;
    for (const Part& part : parts_) {
        const double c = part.weight / total_ * part.model->traits().collective_share;
        if (c > 0) collective_.emplace_back(part.index, c / collective_total);
    }
}

double ModelMix::engage_shift(const ContactFacts& f) const {
    double s = 0;
    for (const Part& p : parts_) s += p.weight / total_ * p.model->engage_shift(f);
    return s;
}

double ModelMix::accept_shift(const ContactFacts& f) const {
    double s = 0;
    for (const Part& p : parts_) s += p.weight / total_ * p.model->accept_shift(f);
    return s;
}

double ModelMix::trust_change_after_conversation(const ContactFacts& f) const {
    double s = 0;
    for (const Part& p : parts_)
        s += p.weight / total_ * p.model->trust_change_after_conversation(f);
    return s;
}

double ModelMix::offer_probability(const ContactFacts& f) const {
    if (parts_.empty()) return 1.0;
    double s = 0;
    for (const Part& p : parts_) s += p.weight / total_ * p.model->offer_probability(f);
    return s;
}

}  // namespace bb
