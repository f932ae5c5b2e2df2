// Vose's alias-table construction.
#include "sim/random/alias_table.hpp"

namespace bb {

AliasTable::AliasTable(const std::vector<double>& weights) {
    const std::size_t n = weights.size();
    double total = 0;
    for (double w : weights) total += w;
    if (n == 0 || total <= 0) return;
    prob_.assign(n, 0.0);
    alias_.assign(n, 0);
    std::vector<double> scaled(n);
    std::vector<std::int32_t> small, large;
    for (std::size_t i = 0; i < n; ++i) {
        scaled[i] = weights[i] * static_cast<double>(n) / total;
        (scaled[i] < 1.0 ? small : large).push_back(static_cast<std::int32_t>(i));
    }
    while (!small.empty() && !large.empty()) {
        const std::int32_t s = small.back(), l = large.back();
        small.pop_back();
        prob_[s] = scaled[s];
        alias_[s] = l;
        scaled[l] = (scaled[l] + scaled[s]) - 1.0;
        if (scaled[l] < 1.0) {
            large.pop_back();
            small.push_back(l);
        }
    }
    for (auto i : large) prob_[i] = 1.0;
    for (auto i : small) prob_[i] = 1.0;  // rounding leftovers
}

}  // namespace bb
