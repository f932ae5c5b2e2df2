"""The buurtbereik package's statistics, without scipy: Student t and normal quantiles against
tabulated values and an independent numerical integration, and the estimates, paired
differences, P(better) and Fieller intervals against their definitions."""

from __future__ import annotations

import math
import sys

import numpy as np
import pytest
from bbutil import REPO

sys.path.insert(0, str(REPO / "python"))

from buurtbereik import stats  # noqa: E402
from buurtbereik.stats import t_quantile  # noqa: E402


@pytest.mark.parametrize("dof, expected", [
    (1, 12.7062), (2, 4.3027), (5, 2.5706), (9, 2.2622), (29, 2.0452), (1000, 1.9623),
])
def test_t_quantile_matches_tables(dof, expected):
    assert t_quantile(0.975, dof) == pytest.approx(expected, abs=5e-5)


def test_t_quantile_closed_forms_to_full_precision():
    # One degree of freedom is the Cauchy distribution; two have a closed form too.
    assert t_quantile(0.975, 1) == pytest.approx(math.tan(math.pi * 0.475), rel=1e-14)
    p = 0.9
    assert t_quantile(p, 2) == pytest.approx((2 * p - 1) / math.sqrt(2 * p * (1 - p)), rel=1e-14)
    # Three: P(T > t) = 1/2 - (u / (1 + u^2) + atan u) / pi with u = t / sqrt(3).
    t = t_quantile(0.975, 3)
    u = t / math.sqrt(3)
    assert 0.5 - (u / (1 + u * u) + math.atan(u)) / math.pi == pytest.approx(0.025, abs=1e-15)


def _t_cdf_by_integration(t: float, dof: float) -> float:
    """P(T <= t), t >= 0, by Simpson's rule on the density (independent of the package)."""
    x = np.linspace(0.0, t, 200_001)
    log_c = math.lgamma((dof + 1) / 2) - math.lgamma(dof / 2) - 0.5 * math.log(dof * math.pi)
    f = np.exp(log_c - (dof + 1) / 2 * np.log1p(x * x / dof))
    h = x[1] - x[0]
    return 0.5 + h / 3 * (f[0] + f[-1] + 4 * f[1:-1:2].sum() + 2 * f[2:-1:2].sum())


@pytest.mark.parametrize("dof", [3.0, 4.5, 7.0, 30.0, 250.0])
@pytest.mark.parametrize("p", [0.6, 0.9, 0.975, 0.999])
def test_t_quantile_inverts_the_distribution(p, dof):
    assert _t_cdf_by_integration(t_quantile(p, dof), dof) == pytest.approx(p, abs=1e-10)


def test_t_quantile_edges_and_symmetry():
    assert t_quantile(0.025, 9) == pytest.approx(-t_quantile(0.975, 9), rel=1e-14)
    assert t_quantile(0.5, 4) == 0.0
    assert t_quantile(0.0, 4) == -math.inf and t_quantile(1.0, 4) == math.inf
    assert math.isnan(t_quantile(0.975, 0)) and math.isnan(t_quantile(1.5, 3))
    assert math.isnan(t_quantile(float("nan"), 3))
    assert t_quantile(0.975, math.inf) == pytest.approx(1.959963984540054, rel=1e-15)
    # Large degrees of freedom approach the normal quantile from above, monotonically.
    values = [t_quantile(0.975, d) for d in (10, 100, 1e4, 1e5, 1e6, 1e9)]
    assert all(a > b for a, b in zip(values, values[1:])) and values[-1] > 1.959963984540054
    assert t_quantile(0.975, 1e9) == pytest.approx(1.959963984540054, rel=1e-8)


def test_normal_quantile():
    assert stats.normal_quantile(0.975) == pytest.approx(1.959963984540054, rel=1e-15)
    assert stats.normal_quantile(1e-10) == pytest.approx(-6.361340902404056, rel=1e-13)
    assert stats.normal_quantile(0.5) == 0.0


def test_estimates_follow_their_definition():
    rng = np.random.default_rng(7)
    x = rng.normal(10, 3, size=(12, 3))
    x[2, 1] = np.nan  # skipped and not counted
    e = stats.estimate_columns(x)
    for k in range(3):
        col = x[:, k][np.isfinite(x[:, k])]
        n = col.size
        assert e["n"][k] == n
        assert e["mean"][k] == pytest.approx(col.mean(), rel=1e-14)
        assert e["sd"][k] == pytest.approx(col.std(ddof=1), rel=1e-12)
        hw = t_quantile(0.975, n - 1) * col.std(ddof=1) / math.sqrt(n)
        assert e["half_width"][k] == pytest.approx(hw, rel=1e-12)
        assert e["lo"][k] == pytest.approx(col.mean() - hw, rel=1e-12)
    one = stats.estimate_mean([4.0])
    assert one.n == 1 and one.mean == 4.0 and math.isnan(one.sd) and math.isnan(one.lo)
    with pytest.raises(ValueError, match="confidence level"):
        stats.estimate_mean([1.0, 2.0], level=1.0)


def test_paired_difference_and_p_better():
    base = np.array([[1.0, 5.0], [2.0, 5.0], [3.0, np.nan], [4.0, 5.0]])
    alt = np.array([[2.0, 4.0], [2.0, 6.0], [5.0, 1.0], [3.0, 5.0]])
    d = stats.paired_difference(base, alt)
    assert list(d["n"]) == [4, 3]
    assert d["mean"][0] == pytest.approx(0.5) and d["mean"][1] == pytest.approx(0.0)
    p = stats.probability_better(base, alt, [1, -1])
    # column 0, higher is better: better, tie, better, worse -> (2 + 0.5) / 4
    # column 1, lower is better: better, worse, (skipped), tie -> (1 + 0.5) / 3
    assert p[0] == pytest.approx(2.5 / 4) and p[1] == pytest.approx(1.5 / 3)
    assert math.isnan(stats.probability_better(base, alt, [0, 0])[0])
    with pytest.raises(ValueError):
        stats.paired_difference(base, alt[:3])


def test_fieller_interval():
    x = np.array([3.0, 5.0, 4.0, 6.0, 2.0])
    same = stats.ratio_of_means(x, x)
    assert same.bounded and same.lo == pytest.approx(1.0) and same.hi == pytest.approx(1.0)
    # A constant denominator: the t-interval of the numerator divided by it.
    const = stats.ratio_of_means(x, np.full(5, 2.0))
    e = stats.estimate_mean(x)
    assert const.estimate == pytest.approx(e.mean / 2)
    assert const.lo == pytest.approx(e.lo / 2) and const.hi == pytest.approx(e.hi / 2)
    # A denominator that does not differ from zero: unbounded.
    noise = stats.ratio_of_means(x, np.array([1.0, -1.0, 2.0, -2.0, 0.5]))
    assert not noise.bounded and noise.lo == -math.inf and noise.hi == math.inf
