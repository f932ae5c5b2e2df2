"""Statistics over replications, in numpy and the standard library only (no scipy): the Student t
and normal quantiles, means with t-intervals, paired differences, the probability of superiority
and Fieller's interval for a ratio of means.

The formulas and the order of every sum are those of the engine (``sim/study/statistics.cpp``), so
values recomputed here from a study file's rows equal the file's ``estimates`` and
``comparisons`` to the last bit or two.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

import numpy as np

__all__ = [
    "Estimate",
    "RatioInterval",
    "estimate_columns",
    "estimate_mean",
    "normal_quantile",
    "paired_difference",
    "probability_better",
    "ratio_of_means",
    "t_quantile",
]

_SQRT2 = math.sqrt(2.0)
_EPS = 1e-16
_TINY = 1e-300
# Above this many degrees of freedom the Cornish-Fisher expansion of Abramowitz & Stegun 26.7.5
# (four terms) is exact to double precision, while the incomplete beta loses digits to lgamma.
_CORNISH_FISHER_DOF = 1e5


# ----------------------------------------------------------------------------------------------
# Quantiles


def normal_quantile(p: float) -> float:
    """Quantile of the standard normal distribution.

    Acklam's rational approximation (relative error 1.15e-9), refined by one Halley step on
    ``math.erfc``, which gives full double precision.

    Parameters
    ----------
    p : float
        Probability.

    Returns
    -------
    float
        z with P(Z <= z) = p; -inf at 0, +inf at 1, NaN outside [0, 1] or for NaN.
    """
    if math.isnan(p) or p < 0.0 or p > 1.0:
        return math.nan
    if p == 0.0:
        return -math.inf
    if p == 1.0:
        return math.inf
    if p > 0.5:
        return -normal_quantile(1.0 - p)
    a = (-3.969683028665376e01, 2.209460984245205e02, -2.759285104469687e02,
         1.383577518672690e02, -3.066479806614716e01, 2.506628277459239e00)
    b = (-5.447609879822406e01, 1.615858368580409e02, -1.556989798598866e02,
         6.680131188771972e01, -1.328068155288572e01)
    c = (-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e00,
         -2.549732539343734e00, 4.374664141464968e00, 2.938163982698783e00)
    d = (7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e00,
         3.754408661907416e00)
    if p < 0.02425:
        q = math.sqrt(-2.0 * math.log(p))
        x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / (
            (((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0)
    else:
        q = p - 0.5
        r = q * q
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (
            ((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0)
    # One Halley step on the exact CDF.
    e = 0.5 * math.erfc(-x / _SQRT2) - p
    u = e * math.sqrt(2.0 * math.pi) * math.exp(x * x / 2.0)
    return x - u / (1.0 + x * u / 2.0)


def _beta_continued_fraction(a: float, b: float, x: float) -> float:
    """The continued fraction of the incomplete beta function (modified Lentz)."""
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c = 1.0
    d = 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > _TINY else _TINY)
    h = d
    for m in range(1, 100_000):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > _TINY else _TINY)
        c = 1.0 + aa / c
        c = c if abs(c) > _TINY else _TINY
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > _TINY else _TINY)
        c = 1.0 + aa / c
        c = c if abs(c) > _TINY else _TINY
        step = d * c
        h *= step
        if abs(step - 1.0) < _EPS:
            break
    return h


def _betainc(a: float, b: float, x: float, y: float) -> float:
    """Regularized incomplete beta I_x(a, b), with y = 1 - x given separately (no cancellation)."""
    if x <= 0.0:
        return 0.0
    if y <= 0.0:
        return 1.0
    log_front = (a * math.log(x) + b * math.log(y)
                 + math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b))
    front = math.exp(log_front)
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _beta_continued_fraction(a, b, x) / a
    return 1.0 - front * _beta_continued_fraction(b, a, y) / b


def _t_upper_tail(t: float, dof: float) -> float:
    """P(T > t) for t >= 0."""
    t2 = t * t
    return 0.5 * _betainc(dof / 2.0, 0.5, dof / (dof + t2), t2 / (dof + t2))


def _t_log_density(t: float, dof: float) -> float:
    return (math.lgamma((dof + 1.0) / 2.0) - math.lgamma(dof / 2.0)
            - 0.5 * math.log(dof * math.pi) - (dof + 1.0) / 2.0 * math.log1p(t * t / dof))


def _cornish_fisher(z: float, dof: float) -> float:
    """Abramowitz & Stegun 26.7.5: t from the normal quantile z, four terms in 1/dof."""
    g1 = (z**3 + z) / 4.0
    g2 = (5 * z**5 + 16 * z**3 + 3 * z) / 96.0
    g3 = (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / 384.0
    g4 = (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / 92160.0
    return z + g1 / dof + g2 / dof**2 + g3 / dof**3 + g4 / dof**4


def _t_upper_quantile(q: float, dof: float) -> float:
    """t >= 0 with P(T > t) = q, for 0 < q <= 0.5."""
    if dof == 1.0:  # Cauchy
        return 1.0 / math.tan(math.pi * q)
    if dof == 2.0:
        return (1.0 - 2.0 * q) / math.sqrt(2.0 * q * (1.0 - q))
    z = -normal_quantile(q)
    start = _cornish_fisher(z, dof)
    if dof > _CORNISH_FISHER_DOF:
        return start
    # Bracket [lo, hi] with tail(lo) >= q >= tail(hi), then Newton on log tail(t), falling back
    # to bisection whenever a step leaves the bracket.
    lo, hi = 0.0, max(1.0, start)
    while _t_upper_tail(hi, dof) > q:
        lo, hi = hi, 2.0 * hi
    t = start if lo < start < hi else 0.5 * (lo + hi)
    log_q = math.log(q)
    for _ in range(400):
        tail = _t_upper_tail(t, dof)
        if tail == q:
            return t
        if tail > q:
            lo = t
        else:
            hi = t
        step = (math.log(tail) - log_q) * tail / math.exp(_t_log_density(t, dof))
        new = t + step
        if not lo < new < hi:
            new = math.sqrt(lo * hi) if lo > 0.0 and hi > 4.0 * lo else 0.5 * (lo + hi)
        if abs(new - t) <= 2e-16 * abs(new) or hi - lo <= 2e-16 * hi:
            return new
        t = new
    return t


@lru_cache(maxsize=4096)
def t_quantile(p: float, dof: float) -> float:
    """Quantile of Student's t distribution.

    For two to 1e5 degrees of freedom, the equation P(T > t) = q is solved by safeguarded Newton
    iteration on the exact tail, 0.5 I_{dof/(dof+t^2)}(dof/2, 1/2), with the regularized incomplete
    beta function computed from its continued fraction and ``math.lgamma``; one and two degrees of
    freedom have closed forms; above 1e5 the Cornish-Fisher expansion is exact to double
    precision. Agrees with Boost.Math (which the engine uses) to about 1e-15 relative.

    Parameters
    ----------
    p : float
        Probability.
    dof : float
        Degrees of freedom (> 0; ``math.inf`` gives the normal quantile).

    Returns
    -------
    float
        t with P(T <= t) = p; -inf at p = 0, +inf at p = 1; NaN when dof <= 0, or p or dof is NaN,
        or p is outside [0, 1] (as the engine's ``t_quantile``).

    Examples
    --------
    >>> round(t_quantile(0.975, 9), 4)
    2.2622
    """
    p, dof = float(p), float(dof)
    if math.isnan(p) or math.isnan(dof) or not dof > 0.0 or p < 0.0 or p > 1.0:
        return math.nan
    if p == 0.0:
        return -math.inf
    if p == 1.0:
        return math.inf
    if math.isinf(dof):
        return normal_quantile(p)
    if p == 0.5:
        return 0.0
    if p < 0.5:
        return -_t_upper_quantile(p, dof)
    return _t_upper_quantile(1.0 - p, dof)


def _critical_t(level: float, n: int) -> float:
    """The two-sided critical value t_{1-(1-level)/2, n-1}; NaN when n < 2."""
    return t_quantile(1.0 - (1.0 - level) / 2.0, float(n - 1)) if n >= 2 else math.nan


def _require_level(level: float) -> None:
    if not 0.0 < level < 1.0:
        raise ValueError(f"confidence level must be in (0, 1), got {level}")


# ----------------------------------------------------------------------------------------------
# Estimates


@dataclass(frozen=True)
class Estimate:
    """A mean with its two-sided Student-t confidence interval (as the engine's ``Estimate``)."""

    n: int
    mean: float
    sd: float
    half_width: float
    lo: float
    hi: float
    level: float = 0.95


@dataclass(frozen=True)
class RatioInterval:
    """Fieller's interval for a ratio of two means; lo/hi are -inf/+inf when unbounded."""

    n: int
    estimate: float
    lo: float
    hi: float
    bounded: bool
    level: float = 0.95


def _sequential_sum(x: np.ndarray) -> np.ndarray:
    """Column sums of a (rows, k) array, adding rows in order (as the engine does), so the result
    is bit-identical to a loop over replications."""
    total = np.zeros(x.shape[1])
    for row in x:
        total += row
    return total


def estimate_columns(x, level: float = 0.95) -> dict[str, np.ndarray]:
    """Mean and t-interval of every column of x, over its finite values.

    Uses the corrected two-pass algorithm (Chan, Golub & LeVeque 1983), summing rows in order,
    exactly as the engine does: mean = sum(x)/n, sd^2 = (sum d^2 - (sum d)^2/n)/(n-1) with
    d = x - mean; half_width = t_{1-(1-level)/2, n-1} sd / sqrt(n).

    Parameters
    ----------
    x : array_like, shape (rows,) or (rows, k)
        Values per replication (rows) and column; NaN and +-inf are skipped and not counted.
    level : float
        Confidence level of [lo, hi].

    Returns
    -------
    dict of str to ndarray
        ``n`` (int64), ``mean``, ``sd``, ``half_width``, ``lo``, ``hi``, each of length k (NaN
        where undefined: no values for the mean, fewer than two for the others).

    Raises
    ------
    ValueError
        Unless 0 < level < 1.
    """
    _require_level(level)
    x = np.asarray(x, dtype=float)
    if x.ndim == 1:
        x = x[:, None]
    finite = np.isfinite(x)
    n = finite.sum(axis=0).astype(np.int64)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = _sequential_sum(np.where(finite, x, 0.0)) / n
        d = np.where(finite, x - mean, 0.0)
        d_sum = _sequential_sum(d)
        d_sq = _sequential_sum(d * d)
        sxx = np.maximum(0.0, d_sq - d_sum * d_sum / n)
        sd = np.where(n >= 2, np.sqrt(sxx / (n - 1)), np.nan)
        t = np.array([_critical_t(level, int(k)) for k in n], dtype=float)
        half_width = t * sd / np.sqrt(n)
    mean = np.where(n > 0, mean, np.nan)
    return {"n": n, "mean": mean, "sd": sd, "half_width": half_width,
            "lo": mean - half_width, "hi": mean + half_width}


def estimate_mean(values: Sequence[float], level: float = 0.95) -> Estimate:
    """Mean and t-interval of the finite values.

    Parameters
    ----------
    values : sequence of float
        Values, e.g. one outcome over replications; NaN and +-inf are skipped.
    level : float
        Confidence level.

    Returns
    -------
    Estimate

    Raises
    ------
    ValueError
        Unless 0 < level < 1.
    """
    c = estimate_columns(np.asarray(values, dtype=float).reshape(-1, 1), level)
    return Estimate(int(c["n"][0]), *(float(c[k][0]) for k in
                                      ("mean", "sd", "half_width", "lo", "hi")), level=level)


def _paired_diffs(base, alt) -> np.ndarray:
    base = np.asarray(base, dtype=float)
    alt = np.asarray(alt, dtype=float)
    if base.shape != alt.shape:
        raise ValueError(f"paired samples differ in shape: {base.shape} and {alt.shape}")
    both = np.isfinite(base) & np.isfinite(alt)
    with np.errstate(invalid="ignore"):
        return np.where(both, alt - base, np.nan)


def paired_difference(base, alt, level: float = 0.95) -> dict[str, np.ndarray]:
    """Mean and t-interval of alt - base over the pairs where both are finite, per column.

    Parameters
    ----------
    base, alt : array_like, shape (rows,) or (rows, k)
        Paired samples: row r of alt with row r of base.
    level : float
        Confidence level.

    Returns
    -------
    dict of str to ndarray
        As :func:`estimate_columns`.

    Raises
    ------
    ValueError
        If the shapes differ, or unless 0 < level < 1.
    """
    return estimate_columns(_paired_diffs(base, alt), level)


def probability_better(base, alt, better) -> np.ndarray:
    """Share of pairs (both finite) in which alt is better than base, ties counting one half.

    Parameters
    ----------
    base, alt : array_like, shape (rows,) or (rows, k)
        Paired samples.
    better : int or array_like of int, length k
        +1 higher is better, -1 lower is better, 0 no direction (gives NaN).

    Returns
    -------
    ndarray, length k
        (#better + #ties / 2) / #pairs; NaN without pairs or without a direction.

    Raises
    ------
    ValueError
        If the shapes differ or a direction is not -1, 0 or +1.
    """
    base = np.asarray(base, dtype=float)
    alt = np.asarray(alt, dtype=float)
    if base.shape != alt.shape:
        raise ValueError(f"paired samples differ in shape: {base.shape} and {alt.shape}")
    if base.ndim == 1:
        base, alt = base[:, None], alt[:, None]
    better = np.broadcast_to(np.asarray(better, dtype=int), (base.shape[1],))
    if not np.isin(better, (-1, 0, 1)).all():
        raise ValueError(f"better must be -1, 0 or +1, got {sorted(set(better.tolist()))}")
    both = np.isfinite(base) & np.isfinite(alt)
    pairs = both.sum(axis=0)
    ties = (both & (alt == base)).sum(axis=0)
    wins = (both & (alt != base) & ((alt > base) == (better == 1))).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = (wins + 0.5 * ties) / pairs
    return np.where((pairs > 0) & (better != 0), p, np.nan)


def ratio_of_means(num, den, level: float = 0.95) -> RatioInterval:
    """Fieller's interval (Fieller 1954) for mean(num) / mean(den) from paired samples.

    With a = mean(num), b = mean(den), vaa = var(num)/n, vbb = var(den)/n, vab = cov/n and
    t = t_{1-(1-level)/2, n-1}, the set is {r : (b^2 - t^2 vbb) r^2 - 2 (ab - t^2 vab) r +
    (a^2 - t^2 vaa) <= 0}: a finite interval iff b^2 - t^2 vbb > 0 (the denominator differs
    significantly from zero), else reported as unbounded (-inf, +inf).

    Parameters
    ----------
    num, den : array_like, shape (rows,)
        Paired samples; pairs with a non-finite value are skipped.
    level : float
        Confidence level.

    Returns
    -------
    RatioInterval

    Raises
    ------
    ValueError
        If the lengths differ, or unless 0 < level < 1.
    """
    _require_level(level)
    num = np.asarray(num, dtype=float).ravel()
    den = np.asarray(den, dtype=float).ravel()
    if num.shape != den.shape:
        raise ValueError(f"paired samples differ in size: {num.size} and {den.size}")
    keep = np.isfinite(num) & np.isfinite(den)
    x, y = num[keep], den[keep]
    n = int(x.size)
    if n == 0:
        return RatioInterval(0, math.nan, math.nan, math.nan, False, level)
    mx = float(_sequential_sum(x[:, None])[0]) / n
    my = float(_sequential_sum(y[:, None])[0]) / n
    estimate = mx / my if my != 0.0 else math.nan
    if n < 2:
        return RatioInterval(n, estimate, math.nan, math.nan, False, level)
    dx, dy = x - mx, y - my
    sums = _sequential_sum(np.column_stack([dx, dy, dx * dx, dy * dy, dx * dy]))
    sx, sy, dxx, dyy, dxy = (float(s) for s in sums)
    sxx = max(0.0, dxx - sx * sx / n)
    syy = max(0.0, dyy - sy * sy / n)
    sxy = dxy - sx * sy / n
    vaa, vbb, vab = sxx / (n - 1) / n, syy / (n - 1) / n, sxy / (n - 1) / n
    t2 = _critical_t(level, n) ** 2
    qa = my * my - t2 * vbb
    if not qa > 0.0:
        return RatioInterval(n, estimate, -math.inf, math.inf, False, level)
    qb = mx * my - t2 * vab
    qc = mx * mx - t2 * vaa
    root_d = math.sqrt(max(0.0, qb * qb - qa * qc))
    q = qb + root_d if qb >= 0.0 else qb - root_d
    r1 = q / qa
    r2 = qc / q if q != 0.0 else qb / qa
    return RatioInterval(n, estimate, min(r1, r2), max(r1, r2), True, level)
