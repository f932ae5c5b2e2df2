// Summary statistics over replications; see statistics.hpp. Every sum runs in index order, so a
// result depends only on the input values and their order.
#include "sim/study/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

namespace bb {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

void require_level(double level) {
    if (!(level > 0.0 && level < 1.0)) {
        throw std::invalid_argument("confidence level must be in (0, 1), got " +
                                    std::to_string(level));
    }
}

void require_same_size(std::span<const double> a, std::span<const double> b) {
    if (a.size() != b.size()) {
        throw std::invalid_argument("paired samples differ in size: " + std::to_string(a.size()) +
                                    " and " + std::to_string(b.size()));
    }
}

// The two-sided critical value t_{1-(1-level)/2, n-1}.
double critical_t(double level, std::int64_t n) {
    return t_quantile(1.0 - (1.0 - level) / 2.0, static_cast<double>(n - 1));
}

// Means and centred sums of squares and products of the pairs (x[i], y[i]) at `idx`, by the
// corrected two-pass algorithm (Chan, Golub & LeVeque 1983): the second pass subtracts
// (sum d)^2 / n, which removes most of the rounding error left in the mean.
struct Moments {
    std::int64_t n = 0;
    double mx = kStatNaN, my = kStatNaN;
    double sxx = kStatNaN, syy = kStatNaN, sxy = kStatNaN;  // centred sums; divide by n-1
};

Moments moments(std::span<const double> x, std::span<const double> y,
                const std::vector<std::size_t>& idx) {
    Moments m;
    m.n = static_cast<std::int64_t>(idx.size());
    if (m.n == 0) return m;
    const double n = static_cast<double>(m.n);
    double sum_x = 0.0, sum_y = 0.0;
    for (std::size_t i : idx) {
        sum_x += x[i];
        sum_y += y[i];
    }
    m.mx = sum_x / n;
    m.my = sum_y / n;
    double dx_sum = 0.0, dy_sum = 0.0, dxx = 0.0, dyy = 0.0, dxy = 0.0;
    for (std::size_t i : idx) {
        const double dx = x[i] - m.mx;
        const double dy = y[i] - m.my;
        dx_sum += dx;
        dy_sum += dy;
        dxx += dx * dx;
        dyy += dy * dy;
        dxy += dx * dy;
    }
    m.sxx = std::max(0.0, dxx - dx_sum * dx_sum / n);
    m.syy = std::max(0.0, dyy - dy_sum * dy_sum / n);
    m.sxy = dxy - dx_sum * dy_sum / n;
    return m;
}

// Indices i where every one of the given samples has a finite value.
std::vector<std::size_t> finite_indices(std::span<const double> x, std::span<const double> y) {
    std::vector<std::size_t> idx;
    idx.reserve(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (std::isfinite(x[i]) && std::isfinite(y[i])) idx.push_back(i);
    }
    return idx;
}

}  // namespace

double t_quantile(double p, double dof) {
    if (std::isnan(p) || std::isnan(dof) || !(dof > 0.0) || p < 0.0 || p > 1.0) return kStatNaN;
    if (p == 0.0) return -kInf;
    if (p == 1.0) return kInf;
    if (std::isinf(dof))
        return boost::math::quantile(boost::math::normal_distribution<double>(), p);
    return boost::math::quantile(boost::math::students_t_distribution<double>(dof), p);
}

Estimate estimate_mean(std::span<const double> x, double level) {
    require_level(level);
    // The one-sample case is the paired case with x as both samples.
    const Moments m = moments(x, x, finite_indices(x, x));
    Estimate e;
    e.level = level;
    e.n = m.n;
    e.mean = m.mx;
    if (m.n < 2) return e;
    e.sd = std::sqrt(m.sxx / static_cast<double>(m.n - 1));
    e.half_width = critical_t(level, m.n) * e.sd / std::sqrt(static_cast<double>(m.n));
    e.lo = e.mean - e.half_width;
    e.hi = e.mean + e.half_width;
    return e;
}

Estimate paired_difference(std::span<const double> base, std::span<const double> alt,
                           double level) {
    require_same_size(base, alt);
    require_level(level);
    std::vector<double> diff;
    diff.reserve(base.size());
    for (std::size_t i : finite_indices(base, alt)) diff.push_back(alt[i] - base[i]);
    return estimate_mean(diff, level);
}

double probability_better(std::span<const double> base, std::span<const double> alt, int better) {
    require_same_size(base, alt);
    if (better != 1 && better != -1) {
        throw std::invalid_argument(
            "better must be +1 (higher is better) or -1 (lower is better), "
            "got " +
            std::to_string(better));
    }
    std::int64_t pairs = 0, wins = 0, ties = 0;
    for (std::size_t i : finite_indices(base, alt)) {
        ++pairs;
        if (alt[i] == base[i]) {
            ++ties;
        } else if ((alt[i] > base[i]) == (better == 1)) {
            ++wins;
        }
    }
    if (pairs == 0) return kStatNaN;
    return (static_cast<double>(wins) + 0.5 * static_cast<double>(ties)) /
           static_cast<double>(pairs);
}

RatioInterval ratio_of_means(std::span<const double> num, std::span<const double> den,
                             double level) {
    require_same_size(num, den);
    require_level(level);
    const Moments m = moments(num, den, finite_indices(num, den));
    RatioInterval r;
    r.level = level;
    r.n = m.n;
    if (m.n == 0) return r;
    const double a = m.mx, b = m.my;
    if (b != 0.0) r.estimate = a / b;
    if (m.n < 2) return r;

    const double n = static_cast<double>(m.n);
    const double vaa = m.sxx / (n - 1.0) / n;
    const double vbb = m.syy / (n - 1.0) / n;
    const double vab = m.sxy / (n - 1.0) / n;
    const double t = critical_t(level, m.n);
    const double t2 = t * t;
    // Quadratic A r^2 - 2 B r + C <= 0 (Fieller 1954).
    const double qa = b * b - t2 * vbb;
    if (!(qa > 0.0)) {
        r.lo = -kInf;
        r.hi = kInf;
        return r;
    }
    const double qb = a * b - t2 * vab;
    const double qc = a * a - t2 * vaa;
    // With qa > 0 the quadratic is <= 0 at r = a/b (it equals -t^2 var(a - r b) there), so the
    // discriminant is >= 0; clamp away rounding when it is zero (e.g. num proportional to den).
    const double root_d = std::sqrt(std::max(0.0, qb * qb - qa * qc));
    // Roots without cancellation: q = B + sign(B) sqrt(D); the roots are q / A and C / q.
    const double q = qb >= 0.0 ? qb + root_d : qb - root_d;
    const double r1 = q / qa;
    const double r2 = q != 0.0 ? qc / q : qb / qa;
    r.lo = std::min(r1, r2);
    r.hi = std::max(r1, r2);
    r.bounded = true;
    return r;
}

Interval wilson_interval(double p, std::uint32_t n, double level) {
    if (!(p >= 0 && p <= 1)) throw std::invalid_argument("wilson_interval: p outside [0, 1]");
    if (!(level > 0 && level < 1)) throw std::invalid_argument("wilson_interval: bad level");
    if (n == 0) return {0.0, 1.0};
    const double z = t_quantile(1 - (1 - level) / 2, std::numeric_limits<double>::infinity());
    const double nn = static_cast<double>(n);
    const double z2n = z * z / nn;
    const double centre = (p + z2n / 2) / (1 + z2n);
    const double half = z / (1 + z2n) * std::sqrt(p * (1 - p) / nn + z2n / (4 * nn));
    return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

}  // namespace bb
