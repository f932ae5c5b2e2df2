"""Plots of run and study files. Every function returns a ``matplotlib.figure.Figure`` built
without pyplot (no global state, no display needed: safe on a headless machine and in threads);
save it with ``fig.savefig("x.png")`` or let Jupyter show it. Labels are Dutch by default,
English with ``lang="en"`` (:mod:`buurtbereik.labels`).

Intervals: time bands are the 2.5-97.5% percentiles over replications by default (how much one
simulated year varies; ``band="ci"`` gives the 95% t-interval of the mean instead); bars and
points of study outcomes carry the 95% t-intervals of the file's estimates and comparisons.
"""

from __future__ import annotations

import os
from typing import Optional, Sequence, Union

import numpy as np
from matplotlib.figure import Figure

from .files import open_run, open_study
from .labels import check_lang, tr
from .run import RunFile
from .study import Comparison, StudyFile

__all__ = ["plot_cost_effectiveness", "plot_escalations_avoided", "plot_funnel_by_method",
           "plot_hours_and_costs", "plot_reach_over_time"]

PROFILES = ("zelfredzaam", "zorgmisser", "zorgmijder")
ESCALATION_KINDS = ("huisuitzetting", "kinderbeschermingsmaatregel", "crisis", "dakloosheid")
_PROFILE_COLOURS = {"zelfredzaam": "#4c72b0", "zorgmisser": "#dd8452", "zorgmijder": "#c44e52"}
_PALETTE = ("#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b3", "#937860", "#da8bc3",
            "#8c8c8c")

StudyLike = Union[StudyFile, str, "os.PathLike[str]"]
RunLike = Union[RunFile, str, "os.PathLike[str]"]


def _study(source: StudyLike) -> StudyFile:
    if isinstance(source, StudyFile):
        return source
    if isinstance(source, RunFile):
        raise TypeError("this plot needs a study file (run --replications, compare or study), "
                        "not a single run")
    return open_study(source)


def _run(source: RunLike) -> RunFile:
    if isinstance(source, RunFile):
        return source
    if isinstance(source, StudyFile):
        raise TypeError("this plot needs a single-run file: a study file keeps no event log")
    return open_run(source)


def _comparison(source: Union[StudyLike, Comparison]) -> Comparison:
    if isinstance(source, Comparison):
        return source
    return _study(source).compare()


def plot_reach_over_time(study: StudyLike, variant: Optional[str] = None, *,
                         band: str = "percentile", lang: str = "nl") -> Figure:
    """Households reached (contacted) and helped (toegeleid) over time, per profile.

    Parameters
    ----------
    study : StudyFile or path
        A study file; its daily series are used.
    variant : str, optional
        Default: the base.
    band : {"percentile", "ci"}
        "percentile" (default): the band holds the middle 95% of the replications (2.5-97.5%
        percentiles), the spread of one simulated period; "ci": the 95% t-interval of the mean.
    lang : {"nl", "en"}
        Language of the labels.

    Returns
    -------
    matplotlib.figure.Figure
        Two panels (contacted, helped), one line with band per profile.
    """
    check_lang(lang)
    s = _study(study)
    name = s.base if variant is None else variant
    fig = Figure(figsize=(10, 4.2), layout="constrained")
    axes = fig.subplots(1, 2, sharex=True)
    for ax, stage in zip(axes, ("contacted", "helped")):
        for profile in PROFILES:
            b = s.series_band(f"{stage}.{profile}", name, band=band)
            colour = _PROFILE_COLOURS[profile]
            ax.plot(b.index, b["mean"], color=colour, label=tr(profile, lang))
            ax.fill_between(b.index, b["lo"], b["hi"], color=colour, alpha=0.2, linewidth=0)
        ax.set_title(tr(stage, lang))
        ax.set_xlabel(tr("day", lang))
        ax.set_ylabel(tr("households_cumulative", lang))
        ax.grid(alpha=0.3)
        ax.set_ylim(bottom=0)
    axes[0].legend(loc="upper left")
    fig.suptitle(tr("title.reach", lang, variant=name) + "\n" + tr(f"band.{band}", lang),
                 fontsize=11)
    return fig


def plot_funnel_by_method(run: RunLike, *, in_need_only: bool = False,
                          lang: str = "nl") -> Figure:
    """Contact attempts per method and how far they got: attempts, contacts, conversations,
    help accepted (from the run's event log).

    Parameters
    ----------
    run : RunFile or path
        A single-run file with an event log.
    in_need_only : bool
        Count only attempts on households in need at the time.
    lang : {"nl", "en"}
        Language of the labels.

    Returns
    -------
    matplotlib.figure.Figure
        Grouped bars per contact method, with their counts.

    Raises
    ------
    ValueError
        If the run has no event log (``--no-events``).
    """
    check_lang(lang)
    table = _run(run).funnel_by_method(in_need_only=in_need_only)
    stages = ("attempts", "contacts", "conversations", "accepted")
    fig = Figure(figsize=(10, 4.5), layout="constrained")
    ax = fig.subplots()
    x = np.arange(len(table.index))
    width = 0.8 / len(stages)
    for k, stage in enumerate(stages):
        bars = ax.bar(x + (k - 1.5) * width, table[stage], width, label=tr(stage, lang),
                      color=_PALETTE[k])
        ax.bar_label(bars, fontsize=7, padding=1)
    ax.set_xticks(x, [tr(m, lang) for m in table.index])
    ax.set_xlabel(tr("method", lang))
    ax.set_ylabel(tr("count", lang))
    ax.set_title(tr("title.funnel", lang))
    ax.legend()
    ax.grid(axis="y", alpha=0.3)
    return fig


def _hours_and_costs_run(run: RunFile, lang: str) -> Figure:
    table = run.hours_by_method()
    fig = Figure(figsize=(10, 4.2), layout="constrained")
    ax_h, ax_e = fig.subplots(1, 2)
    labels = [tr(m, lang) for m in table.index]
    y = np.arange(len(labels))
    ax_h.barh(y, table["hours_used"], color=_PALETTE[0], label=tr("hours.used", lang))
    ax_h.barh(y, table["hours_unused"], left=table["hours_used"], color=_PALETTE[7],
              label=tr("hours.unused", lang))
    ax_h.set_yticks(y, labels)
    ax_h.set_xlabel(tr("hours", lang))
    ax_h.set_ylabel(tr("method", lang))
    ax_h.legend()
    ax_e.barh(y, table["cost_eur"], color=_PALETTE[1])
    ax_e.set_yticks(y, labels)
    ax_e.set_xlabel(tr("euro", lang))
    for ax in (ax_h, ax_e):
        ax.invert_yaxis()
        ax.grid(axis="x", alpha=0.3)
    fig.suptitle(tr("title.hours_run", lang), fontsize=11)
    return fig


def _grouped_bars_with_intervals(ax, study: StudyFile, outcomes: Sequence[str],
                                 names: Sequence[str]) -> None:
    est = study.estimates().set_index(["variant", "outcome"])
    y = np.arange(len(study.variants))
    height = 0.8 / len(outcomes)
    for k, (oid, name) in enumerate(zip(outcomes, names)):
        rows = est.xs(oid, level="outcome").loc[study.variants]
        mean = rows["mean"].to_numpy()
        err = np.vstack([mean - rows["lo"].to_numpy(), rows["hi"].to_numpy() - mean])
        ax.barh(y + (k - (len(outcomes) - 1) / 2) * height, mean, height,
                xerr=np.nan_to_num(err), capsize=3, label=name, color=_PALETTE[k])
    ax.set_yticks(y, study.variants)
    ax.grid(axis="x", alpha=0.3)
    ax.legend()


def _hours_and_costs_study(study: StudyFile, lang: str) -> Figure:
    fig = Figure(figsize=(10, 1.5 + 0.7 * len(study.variants)), layout="constrained")
    ax_h, ax_e = fig.subplots(1, 2, sharey=True)
    _grouped_bars_with_intervals(ax_h, study, ("hours.scheduled", "hours.unused"),
                                 (tr("hours.scheduled", lang), tr("hours.unused", lang)))
    _grouped_bars_with_intervals(ax_e, study, ("cost.workers", "cost.debt_help"),
                                 (tr("cost.workers", lang), tr("cost.debt_help", lang)))
    ax_h.invert_yaxis()  # the base on top; the y axis is shared, so invert it once
    ax_h.set_xlabel(tr("hours", lang))
    ax_h.set_ylabel(tr("variant", lang))
    ax_e.set_xlabel(tr("euro", lang))
    fig.suptitle(tr("title.hours_study", lang), fontsize=11)
    return fig


def plot_hours_and_costs(source: Union[RunFile, StudyFile, str, "os.PathLike[str]"], *,
                         lang: str = "nl") -> Figure:
    """Worker hours and euros.

    Parameters
    ----------
    source : RunFile, StudyFile or path
        A run file: hours (used and unused) and worker cost per contact method, from the
        ledger. A study file: hours scheduled and unused, and worker and debt-help cost, per
        variant, with the 95% intervals of the means.
    lang : {"nl", "en"}
        Language of the labels.

    Returns
    -------
    matplotlib.figure.Figure
        Two panels: hours and euro.
    """
    check_lang(lang)
    if isinstance(source, (str, os.PathLike)):
        from .files import open_file
        source = open_file(source)
    if isinstance(source, RunFile):
        return _hours_and_costs_run(source, lang)
    return _hours_and_costs_study(source, lang)


def _interval_errors(mean: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Error-bar lengths below and above; an unbounded or undefined end draws no bar."""
    err = np.vstack([mean - lo, hi - mean])
    return np.where(np.isfinite(err), err, 0.0)


def plot_cost_effectiveness(source: Union[StudyLike, Comparison], *, cost: str = "workers",
                            lang: str = "nl") -> Figure:
    """The cost-effectiveness plane: extra cost (y) against extra households helped (x), one
    point per alternative, with 95% intervals as error bars (paired differences with the base).

    Parameters
    ----------
    source : StudyFile, path or Comparison
        A study with at least one alternative, or its comparison.
    cost : {"workers", "outreach"}
        "workers": extra worker cost (the numerator of the file's cost per extra household
        helped); "outreach": worker cost plus debt help (the cost side of the cost-benefit).
    lang : {"nl", "en"}
        Language of the labels.

    Returns
    -------
    matplotlib.figure.Figure
    """
    check_lang(lang)
    if cost not in ("workers", "outreach"):
        raise ValueError(f"cost must be 'workers' or 'outreach', got {cost!r}")
    c = _comparison(source)
    x = c.measure("extra_helped").loc[c.alternatives]
    y = c.measure(f"extra_{'worker' if cost == 'workers' else 'outreach'}_cost") \
        .loc[c.alternatives]
    fig = Figure(figsize=(7.5, 5.5), layout="constrained")
    ax = fig.subplots()
    ax.axhline(0, color="black", linewidth=0.8)
    ax.axvline(0, color="black", linewidth=0.8)
    for k, alt in enumerate(c.alternatives):
        xm, ym = x.loc[alt, "estimate"], y.loc[alt, "estimate"]
        ax.errorbar(xm, ym,
                    xerr=_interval_errors(np.array([xm]), np.array([x.loc[alt, "lo"]]),
                                          np.array([x.loc[alt, "hi"]])),
                    yerr=_interval_errors(np.array([ym]), np.array([y.loc[alt, "lo"]]),
                                          np.array([y.loc[alt, "hi"]])),
                    fmt="o", capsize=4, color=_PALETTE[k % len(_PALETTE)])
        ax.annotate(alt, (xm, ym), textcoords="offset points", xytext=(6, 6), fontsize=8)
    ax.set_xlabel(tr("extra_helped", lang))
    ax.set_ylabel(tr(f"extra_cost.{cost}", lang))
    ax.set_title(tr("title.ce", lang, base=c.base) + "\n" + tr("ce.note", lang), fontsize=10)
    ax.grid(alpha=0.3)
    return fig


def plot_escalations_avoided(source: Union[StudyLike, Comparison], *,
                             lang: str = "nl") -> Figure:
    """Escalations avoided per kind (base minus alternative, per replication), one bar per
    alternative, with 95% intervals.

    Parameters
    ----------
    source : StudyFile, path or Comparison
        A study with at least one alternative, or its comparison.
    lang : {"nl", "en"}
        Language of the labels.

    Returns
    -------
    matplotlib.figure.Figure
    """
    check_lang(lang)
    c = _comparison(source)
    diffs = c.differences.set_index(["alternative", "outcome"])
    fig = Figure(figsize=(9, 2.5 + 0.35 * len(ESCALATION_KINDS) * len(c.alternatives)),
                 layout="constrained")
    ax = fig.subplots()
    y = np.arange(len(ESCALATION_KINDS))
    height = 0.8 / len(c.alternatives)
    for k, alt in enumerate(c.alternatives):
        d = diffs.loc[[(alt, f"escalations.{kind}") for kind in ESCALATION_KINDS],
                      ["mean", "lo", "hi"]].to_numpy()
        avoided, lo, hi = -d[:, 0], -d[:, 2], -d[:, 1]  # avoided = base - alternative
        ax.barh(y + (k - (len(c.alternatives) - 1) / 2) * height, avoided, height,
                xerr=_interval_errors(avoided, lo, hi), capsize=3, label=alt,
                color=_PALETTE[k % len(_PALETTE)])
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_yticks(y, [tr(kind, lang) for kind in ESCALATION_KINDS])
    ax.invert_yaxis()
    ax.set_xlabel(tr("escalations_avoided", lang))
    ax.set_ylabel(tr("escalation_kind", lang))
    ax.set_title(tr("title.escalations", lang, base=c.base), fontsize=11)
    ax.grid(axis="x", alpha=0.3)
    ax.legend(fontsize=8)
    return fig
