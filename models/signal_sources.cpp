// Coefficients of the signal sources, derived from the scenario's parameters.
#include "models/signal_sources.hpp"

namespace bb {

namespace {
constexpr double kDaysPerYear = 365.25;
}

SignalModel::SignalModel(const Parameters& p, double mean_financial_severity)
    : threshold_(p.needs.escalation_threshold) {
    static_assert(static_cast<int>(SignalSource::woningcorporatie) == 0 &&
                  static_cast<int>(SignalSource::energie_water) == 1 &&
                  static_cast<int>(SignalSource::zorgverzekeraar) == 2 &&
                  static_cast<int>(SignalSource::huisarts) == 3 &&
                  static_cast<int>(SignalSource::school) == 4 &&
                  static_cast<int>(SignalSource::buren) == 5 &&
                  static_cast<int>(SignalSource::politie) == 6);
    // F3 signals per household per year, spread over households with a financial need in
    // proportion to severity: per unit severity F3 / E[financial severity] (over all households,
    // from the stationary calibration population).
    const double per_severity =
        mean_financial_severity > 0
            ? p.signals.debt_signals_per_1000 / 1000.0 / mean_financial_severity / kDaysPerYear
            : 0.0;
    const double s_zv = p.signals.share_zorgverzekeraar, s_wc = p.signals.share_woningcorporatie;
    coef_[0] = per_severity * s_wc;
    coef_[1] = per_severity * (1.0 - s_zv - s_wc);
    coef_[2] = per_severity * s_zv;
    coef_[3] = p.signals.huisarts_per_year / kDaysPerYear;
    coef_[4] = p.signals.school_per_year / kDaysPerYear;
    coef_[5] = p.signals.buren_per_year / kDaysPerYear;
    coef_[6] = p.signals.politie_per_year / kDaysPerYear;
}

}  // namespace bb
