// Summary statistics over replications, for the ensemble and comparison code: means with Student-t
// intervals, paired differences, the probability of superiority and Fieller's interval for a ratio
// of means. Pure functions of their input: no state, and the same input in the same order gives
// the same bits.
#pragma once

#include <cstdint>
#include <limits>
#include <span>

namespace bb {

inline constexpr double kStatNaN = std::numeric_limits<double>::quiet_NaN();

// Quantile of Student's t distribution with `dof` degrees of freedom (Boost.Math), i.e. the t with
// P(T <= t) = p. NaN when dof <= 0 or dof or p is NaN or p is outside [0, 1]; -inf/+inf at p = 0/1;
// the normal quantile when dof is +inf.
double t_quantile(double p, double dof);

// A mean with its two-sided Student-t confidence interval.
struct Estimate {
    std::int64_t n = 0;            // number of values used (the finite ones)
    double mean = kStatNaN;        // NaN if n == 0
    double sd = kStatNaN;          // sample standard deviation (divisor n - 1); NaN if n < 2
    double half_width = kStatNaN;  // t_{1-(1-level)/2, n-1} * sd / sqrt(n); NaN if n < 2
    double lo = kStatNaN;          // mean - half_width
    double hi = kStatNaN;          // mean + half_width
    double level = 0.95;           // confidence level of [lo, hi]
};

// Mean and t-interval of the finite values of x (NaN and +-inf are skipped and not counted). Uses
// the corrected two-pass algorithm (Chan, Golub & LeVeque 1983): m = sum(x)/n, then
// s^2 = (sum (x-m)^2 - (sum (x-m))^2 / n) / (n-1). Throws std::invalid_argument unless
// 0 < level < 1.
Estimate estimate_mean(std::span<const double> x, double level = 0.95);

// Estimate of the paired difference alt[i] - base[i] over the indices where both are finite.
// Throws std::invalid_argument if the spans differ in size or unless 0 < level < 1.
Estimate paired_difference(std::span<const double> base, std::span<const double> alt,
                           double level = 0.95);

// Probability of superiority over pairs: the share of indices (both values finite) where alt is
// better than base, ties counting one half: (#better + #ties / 2) / #pairs. better = +1 means
// higher is better, -1 lower is better. NaN when there are no pairs. Throws std::invalid_argument
// if the spans differ in size or better is not +1 or -1.
double probability_better(std::span<const double> base, std::span<const double> alt, int better);

// A two-sided confidence interval.
struct Interval {
    double lo = kStatNaN;
    double hi = kStatNaN;
};

// Wilson's score interval (Wilson 1927) for a proportion: `p` the share of successes in `n`
// trials. With z the normal quantile at 1 - (1 - level)/2: centre (p + z^2/2n) / (1 + z^2/n),
// half-width z / (1 + z^2/n) * sqrt(p(1-p)/n + z^2/4n^2). [0, 1] when n == 0. Throws
// std::invalid_argument unless 0 <= p <= 1 and 0 < level < 1.
Interval wilson_interval(double p, std::uint32_t n, double level = 0.95);

// Fieller's confidence set for a ratio of two means.
struct RatioInterval {
    std::int64_t n = 0;          // number of pairs used (both values finite)
    double estimate = kStatNaN;  // mean(num) / mean(den); NaN when mean(den) == 0 or n == 0
    double lo = kStatNaN;        // -inf when unbounded; NaN when n < 2
    double hi = kStatNaN;        // +inf when unbounded; NaN when n < 2
    bool bounded = false;        // true when [lo, hi] is a finite interval
    double level = 0.95;         // confidence level of [lo, hi]
};

// Fieller's interval (Fieller 1954) for mean(num)/mean(den) from paired samples num[i], den[i]
// (pairs with a non-finite value are skipped). With a = mean(num), b = mean(den), vaa = var(num)/n,
// vbb = var(den)/n, vab = cov(num, den)/n (divisor n - 1) and t = t_{1-(1-level)/2, n-1}, the set
// is {r : (b^2 - t^2 vbb) r^2 - 2 (a b - t^2 vab) r + (a^2 - t^2 vaa) <= 0}. It is the interval
// between the two roots (bounded) iff b^2 - t^2 vbb > 0, i.e. iff mean(den) differs significantly
// from zero by a t-test; otherwise it is reported as unbounded, lo = -inf, hi = +inf (this
// includes the case of the union of two half-lines). Zero variances are fine: num == den gives
// [1, 1], a constant den gives the t-interval of num divided by it. Throws std::invalid_argument
// if the spans differ in size or unless 0 < level < 1.
RatioInterval ratio_of_means(std::span<const double> num, std::span<const double> den,
                             double level = 0.95);

}  // namespace bb
