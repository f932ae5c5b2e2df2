// The signal sources of DESIGN.md §3 and the rate at which each signals a household. Debt signals
// (woningcorporatie, energie_water, zorgverzekeraar) scale with the severity of the financial need
// and are calibrated to F3 in total, split by F5; the others follow their own domain's need.
// Every source signals; whether a signal feeds the team's queue is the scenario's signals.sources.
#pragma once

#include <array>

#include "sim/core/ids.hpp"
#include "sim/scenario/parameters.hpp"

namespace bb {

// Sources whose signals are about payment arrears (the early-warning system, F1-F10).
constexpr bool is_debt_source(SignalSource s) {
    return s == SignalSource::woningcorporatie || s == SignalSource::energie_water ||
           s == SignalSource::zorgverzekeraar;
}

class SignalModel {
  public:
    // `mean_financial_severity`: E[severity of the financial need] over all households
    // (Intercepts).
    SignalModel(const Parameters& p, double mean_financial_severity);

    // Signals per day from each source for a household with these needs and ties.
    void rates(const double* needs, int stride, double ties,
               std::array<double, kSignalSources>& out) const {
        const double fin = needs[stride * static_cast<int>(Domain::financien)];
        const double health = needs[stride * static_cast<int>(Domain::gezondheid)];
        const double parenting = needs[stride * static_cast<int>(Domain::opvoeding)];
        double total_need = 0;
        for (int k = 0; k < kDomains; ++k) total_need += needs[stride * k];
        const auto above = [this](double n) { return n > threshold_ ? n - threshold_ : 0.0; };
        out[0] = coef_[0] * fin;
        out[1] = coef_[1] * fin;
        out[2] = coef_[2] * fin;
        out[3] = coef_[3] * health;
        out[4] = coef_[4] * parenting;
        out[5] = coef_[5] * ties * total_need;
        out[6] = coef_[6] * (above(health) + above(parenting));
        out[7] = 0.0;  // netwerk: referrals by connected residents, drawn by the engine
    }

  private:
    std::array<double, kSignalSources> coef_{};  // per day
    double threshold_ = 0;
};

}  // namespace bb
