"""Plans of worker hours (docs/planning.md): run them, read plan files, draw them.

A plan file is a study file (``buurtbereik.open_study`` reads its candidates) with a ``/plan``
group: the answer, and the response curve (``plan hours``) or the allocation over buurten
(``plan allocate``).

>>> from buurtbereik import plan                                            # doctest: +SKIP
>>> p = plan.hours("scenarios/waterlandpleinbuurt.yaml",
...                "zorgmissers_helped>=0.3 within 52 weeks", "results/p.h5")  # doctest: +SKIP
>>> p.answer["hours_per_week"], p.curve                                    # doctest: +SKIP
>>> plan.plot_response_curve(p).savefig("results/p.png")                   # doctest: +SKIP
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Union

import h5py
import numpy as np
import pandas as pd

from .errors import FileFormatError
from .files import open_study
from .study import StudyFile

PathLike = Union[str, "os.PathLike[str]"]

#: Hours of one FTE (the CAO Sociaal Werk's full-time week), as the engine uses.
HOURS_PER_FTE = 36.0


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


class Plan:
    """A plan file: ``kind`` ("hours" or "allocate"), ``answer``, ``method``, and ``curve`` (hours)
    or ``allocation`` and ``responses`` (allocate); ``study`` is the study of its candidates."""

    def __init__(self, path: PathLike) -> None:
        self.path = Path(path)
        self.study: StudyFile = open_study(self.path)
        with h5py.File(self.path, "r") as f:
            if "plan" not in f:
                raise FileFormatError(f"{self.path} is a study file without a plan (/plan)")
            g = f["plan"]
            self.attrs = {k: (_text(v) if isinstance(v, (bytes, str)) else
                              (v.item() if hasattr(v, "item") else v))
                          for k, v in g.attrs.items()}
            self.kind: str = self.attrs["kind"]
            self.method: str = self.attrs["method"]
            self._tables: dict[str, pd.DataFrame] = {}
            if self.kind == "hours":
                self._tables["curve"] = self._table(g["curve"])
                if "mixes" in g:
                    methods = [_text(m) for m in g["methods"][()]]
                    mixes = pd.DataFrame(g["mixes/allocation"][()], columns=methods)
                    rest = self._table(g["mixes"], skip=("allocation",))
                    self._tables["mixes"] = pd.concat([mixes, rest], axis=1)
            else:
                alloc = self._table(g["allocation"]).set_index("buurt")
                if "chosen_allocation" in g["allocation"]:
                    ds = g["allocation/chosen_allocation"]
                    methods = [_text(m) for m in ds.attrs["columns"]]
                    mix = pd.DataFrame(ds[()], columns=[f"allocation.{m}" for m in methods],
                                       index=alloc.index)
                    alloc = pd.concat([alloc, mix], axis=1)
                self._tables["allocation"] = alloc
                frames = []
                for buurt in g["responses"]:
                    t = self._table(g["responses"][buurt])
                    t.insert(0, "buurt", buurt)
                    frames.append(t)
                self._tables["responses"] = pd.concat(frames, ignore_index=True)

    @staticmethod
    def _table(group: h5py.Group, skip: tuple[str, ...] = ()) -> pd.DataFrame:
        cols = {}
        for name, ds in group.items():
            if name in skip or not isinstance(ds, h5py.Dataset) or ds.ndim != 1:
                continue
            v = ds[()]
            cols[name] = [_text(x) for x in v] if v.dtype.kind in "OS" else v
        return pd.DataFrame(cols)

    @property
    def curve(self) -> pd.DataFrame:
        """``plan hours``: one row per hours level evaluated (ascending): hours_per_week, the
        target outcome's mean/lo/hi, success (share of replications meeting the target), the
        marginal gain per extra hour/week (mean/lo/hi) and the study variant."""
        return self._require("curve")

    @property
    def mixes(self) -> pd.DataFrame:
        """``plan hours --optimise-mix``: every allocation evaluated, with its outcome."""
        return self._require("mixes")

    @property
    def allocation(self) -> pd.DataFrame:
        """``plan allocate``: per buurt, minimum, current, equal and chosen hours per week, and the
        chosen method allocation (``allocation.<method>`` columns; NaN: the workers' own)."""
        return self._require("allocation")

    @property
    def responses(self) -> pd.DataFrame:
        """``plan allocate``: each buurt's objective against its hours (mean/lo/hi)."""
        return self._require("responses")

    def _require(self, name: str) -> pd.DataFrame:
        if name not in self._tables:
            raise AttributeError(f"a '{self.kind}' plan has no {name}")
        return self._tables[name]

    @property
    def answer(self) -> dict[str, Any]:
        """The plan's answer as a dict (every attribute of /plan but the method text)."""
        a = {k: v for k, v in self.attrs.items() if k != "method"}
        if self.kind == "hours":
            a["feasible"] = bool(a["feasible"])
            a["fte"] = a["hours_per_week"] / HOURS_PER_FTE
        return a

    def __repr__(self) -> str:
        if self.kind == "hours":
            a = self.answer
            what = (f"{a['hours_per_week']:.1f} hours/week" if a["feasible"]
                    else f"not reachable (best {a['best_value']:.3g})")
            return f"<Plan hours {a['target_resolved']}: {what}>"
        return f"<Plan allocate {self.attrs['objective_resolved']}: {len(self.allocation)} buurten>"


def open_plan(path: PathLike) -> Plan:
    """Reads a plan file written by ``buurtbereik plan`` or by :func:`hours`/:func:`allocate`."""
    return Plan(path)


def hours(scenario: Any, target: str, output: PathLike, **options: Any) -> Plan:
    """Runs ``plan hours`` (options as the command line's: confidence, replications, max_factor,
    tolerance, curve_points, optimise_mix, mix_step, threads, force) and returns the plan."""
    from . import engine

    scenario = scenario if isinstance(scenario, engine.Scenario) else Path(scenario)
    engine.plan_hours(scenario, target, Path(output), **options)
    return open_plan(output)


def allocate(scenario: Any, objective: str, output: PathLike, **options: Any) -> Plan:
    """Runs ``plan allocate`` (options: total_fte, step_hours, replications, optimise_mix,
    mix_step, threads, force) and returns the plan."""
    from . import engine

    scenario = scenario if isinstance(scenario, engine.Scenario) else Path(scenario)
    engine.plan_allocate(scenario, objective, Path(output), **options)
    return open_plan(output)


def plot_response_curve(plan: Union[Plan, PathLike]):
    """The target outcome against team hours per week (95% intervals), the target line and the
    answer; below, the marginal gain per extra hour per week."""
    from matplotlib.figure import Figure

    p = plan if isinstance(plan, Plan) else open_plan(plan)
    c = p.curve
    a = p.answer
    fig = Figure(figsize=(7, 6))
    ax, ax2 = fig.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [3, 2]})
    ax.fill_between(c.hours_per_week, c.outcome_lo, c.outcome_hi, alpha=0.25, label="95%")
    ax.plot(c.hours_per_week, c.outcome_mean, marker="o", label=a["target_outcome"])
    ax.axhline(a["target_value"], color="black", ls="--", label="target")
    if a["feasible"]:
        ax.axvline(a["hours_per_week"], color="green", ls=":",
                   label=f"answer: {a['hours_per_week']:.1f} h/week")
    ax.axvline(a["current_hours_per_week"], color="grey", ls=":", label="current team")
    ax.set_ylabel(a["target_outcome"])
    ax.legend(loc="best", fontsize="small")
    ax.set_title(f"plan hours: {a['target_resolved']} (confidence {a['confidence']:g})")
    m = c.iloc[1:]
    ax2.errorbar(m.hours_per_week, m.marginal_mean,
                 yerr=np.vstack([m.marginal_mean - m.marginal_lo, m.marginal_hi - m.marginal_mean]),
                 fmt="o-", capsize=3)
    ax2.axhline(0, color="grey", lw=0.8)
    ax2.set_ylabel("gain per extra hour/week")
    ax2.set_xlabel("team hours per week")
    fig.tight_layout()
    return fig


def plot_allocation(plan: Union[Plan, PathLike]):
    """Hours per week per buurt: minimum, current, equal and chosen split; and each buurt's
    response (objective against hours) with 95% intervals."""
    from matplotlib.figure import Figure

    p = plan if isinstance(plan, Plan) else open_plan(plan)
    a = p.allocation
    fig = Figure(figsize=(8, 7))
    ax, ax2 = fig.subplots(2, 1)
    x = np.arange(len(a))
    width = 0.27
    for i, (col, label) in enumerate([("current_hours_per_week", "current"),
                                      ("equal_hours_per_week", "equal"),
                                      ("chosen_hours_per_week", "chosen")]):
        ax.bar(x + (i - 1) * width, a[col], width, label=label)
    ax.scatter(x, a.min_hours_per_week, marker="_", s=400, color="black", label="minimum")
    ax.set_xticks(x, a.index, rotation=20, ha="right", fontsize="small")
    ax.set_ylabel("hours per week")
    ax.legend(fontsize="small")
    ax.set_title(f"plan allocate: {p.attrs['objective_resolved']}")
    for buurt, r in p.responses.groupby("buurt", sort=False):
        ax2.errorbar(r.hours_per_week, r.objective_mean,
                     yerr=np.vstack([r.objective_mean - r.objective_lo,
                                     r.objective_hi - r.objective_mean]),
                     fmt="o-", capsize=2, label=buurt)
    ax2.set_xlabel("hours per week in the buurt")
    ax2.set_ylabel("objective in the buurt")
    ax2.legend(fontsize="x-small")
    fig.tight_layout()
    return fig
