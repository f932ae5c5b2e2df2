// Walker's alias method (Vose's construction): O(n) to build, O(1) per weighted draw. Used to meet
// households in proportion to their (fixed) use of public space.
#pragma once

#include <cstdint>
#include <vector>

namespace bb {

class AliasTable {
  public:
    AliasTable() = default;
    explicit AliasTable(const std::vector<double>& weights);

    bool empty() const { return prob_.empty(); }
    // An index drawn with probability proportional to its weight, from two uniforms in (0, 1).
    std::int32_t draw(double u1, double u2) const {
        auto k = static_cast<std::size_t>(u1 * static_cast<double>(prob_.size()));
        if (k >= prob_.size()) k = prob_.size() - 1;
        return u2 < prob_[k] ? static_cast<std::int32_t>(k) : alias_[k];
    }

  private:
    std::vector<double> prob_;
    std::vector<std::int32_t> alias_;
};

}  // namespace bb
