"""A study file (``filetype`` = ``buurtbereik-study``): every replication of every variant, the
estimates and the paired comparisons, as pandas tables.

Everything the file states can also be recomputed from its rows with :mod:`buurtbereik.stats`
(``summary(source="rows")``, ``compare(source="rows")``), which gives the file's numbers to within
rounding: a check on the file, and the way to analyse a subset of replications.
"""

from __future__ import annotations

import difflib
import html
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, NamedTuple, Optional, Sequence

import h5py
import numpy as np
import pandas as pd

from . import _format
from ._hdf5 import attrs, strings, text
from .errors import UnknownNameError
from .stats import estimate_columns, paired_difference, probability_better, ratio_of_means

__all__ = ["Comparison", "SeriesArray", "StudyFile", "ECONOMIC_MEASURES", "PERSPECTIVES",
           "KEY_OUTCOMES"]

PERSPECTIVES = ("maatschappij", "gemeente", "woningcorporatie")
# Who pays the extra outreach (worker cost + debt help): docs/studies.md, sim/study/compare.hpp.
_PAYS_OUTREACH = {"maatschappij": True, "gemeente": True, "woningcorporatie": False}
ECONOMIC_MEASURES = (
    ("extra_helped", "households"), ("extra_worker_cost", "euro"),
    ("extra_outreach_cost", "euro"), ("cost_per_extra_helped", "euro/household"),
    *((f"{m}.{p}", u) for p in PERSPECTIVES
      for m, u in (("avoided_cost", "euro"), ("net_benefit", "euro"),
                   ("benefit_cost_ratio", "euro/euro"))),
)
# The outcomes the engine's terminal tables show; reports show these first.
KEY_OUTCOMES = (
    "in_need.totaal", "contacted.totaal", "helped.zelfredzaam", "helped.zorgmisser",
    "helped.zorgmijder", "helped.totaal", "helped_share.zorgmijder", "days_to_first_contact",
    "escalations.huisuitzetting", "escalations.kinderbeschermingsmaatregel",
    "escalations.crisis", "escalations.dakloosheid", "hours.scheduled", "hours.unused",
    "cost.workers", "cost.debt_help",
)
_STAT_COLUMNS = ("mean", "sd", "half_width", "lo", "hi", "n")


def _check_name(name: str, known: Sequence[str], what: str) -> str:
    if name in known:
        return name
    close = difflib.get_close_matches(str(name), list(known), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else f"; the file has: {', '.join(known)}"
    raise UnknownNameError(f"unknown {what} {name!r}{hint}")


class SeriesArray(NamedTuple):
    """A variant's daily series as one array with its axes.

    Attributes
    ----------
    values : ndarray, shape (replications, days, columns)
        Cumulative counts per replication and day (``in_need`` is a level).
    replications : ndarray of int
        Replication number of each row.
    days : ndarray of int
        Day numbers, 0 = the first simulated day.
    columns : list of str
        Column ids (``StudyFile.series_catalogue``).
    """

    values: np.ndarray
    replications: np.ndarray
    days: np.ndarray
    columns: list


@dataclass
class Comparison:
    """Alternatives against the base of a study, paired by replication.

    Attributes
    ----------
    base : str
        The base variant.
    alternatives : list of str
        The alternatives compared, in study order.
    pairs : dict of str to int
        Replication pairs per alternative.
    common_random_numbers : bool
        Whether the variants ran on the base's seed (else the intervals are of independent
        samples paired by number, which is valid but wider).
    source : {"file", "rows"}
        Read from the file's ``comparisons`` group, or recomputed from the outcome rows.
    differences : pandas.DataFrame
        One row per alternative and outcome: ``alternative``, ``outcome``, ``unit``, ``better``
        (+1/-1/0), ``mean`` (alternative - base), ``sd``, ``half_width``, ``lo``, ``hi``, ``n``
        (pairs used) and ``p_better`` (share of pairs where the alternative is better, ties
        half; NaN without a direction).
    economics : pandas.DataFrame
        One row per alternative and measure: ``alternative``, ``measure``, ``unit``,
        ``estimate``, ``lo``, ``hi`` (-inf/+inf when unbounded) and ``bounded``.
    """

    base: str
    alternatives: list
    pairs: dict
    common_random_numbers: bool
    source: str
    differences: pd.DataFrame = field(repr=False)
    economics: pd.DataFrame = field(repr=False)

    def for_alternative(self, alternative: str) -> "Comparison":
        """The comparison of one alternative.

        Raises
        ------
        UnknownNameError
            If it is not one of :attr:`alternatives`.
        """
        _check_name(alternative, self.alternatives, "alternative")
        return Comparison(
            self.base, [alternative], {alternative: self.pairs[alternative]},
            self.common_random_numbers, self.source,
            self.differences[self.differences["alternative"] == alternative]
            .reset_index(drop=True),
            self.economics[self.economics["alternative"] == alternative].reset_index(drop=True))

    def outcome(self, outcome: str) -> pd.DataFrame:
        """The rows of :attr:`differences` for one outcome, one per alternative (index
        ``alternative``)."""
        _check_name(outcome, list(dict.fromkeys(self.differences["outcome"])), "outcome")
        rows = self.differences[self.differences["outcome"] == outcome]
        return rows.set_index("alternative")

    def measure(self, measure: str) -> pd.DataFrame:
        """The rows of :attr:`economics` for one measure (e.g. ``cost_per_extra_helped``), one
        per alternative (index ``alternative``)."""
        _check_name(measure, list(dict.fromkeys(self.economics["measure"])), "measure")
        rows = self.economics[self.economics["measure"] == measure]
        return rows.set_index("alternative")

    def text(self, outcomes: Optional[Sequence[str]] = KEY_OUTCOMES) -> str:
        """A plain-text table per alternative, as ``buurtbereik compare`` prints it."""
        lines = []
        crn = "common random numbers" if self.common_random_numbers else "independent seeds"
        for alt in self.alternatives:
            lines.append(f"{alt} against {self.base} ({self.pairs[alt]} paired replications, "
                         f"{crn}; {self.source})")
            lines.append(f"  {'outcome':<42}{'difference':>12}  {'95% interval':<24}"
                         f"{'P(better)':>10}")
            d = self.differences[self.differences["alternative"] == alt].set_index("outcome")
            for oid in (outcomes if outcomes is not None else d.index):
                if oid not in d.index:
                    continue
                r = d.loc[oid]
                p = "" if r["better"] == 0 else _format.number(r["p_better"])
                lines.append(f"  {oid:<42}{_format.number(r['mean']):>12}  "
                             f"{_format.interval(r['lo'], r['hi']):<24}{p:>10}")
            lines.append("  economics")
            e = self.economics[self.economics["alternative"] == alt]
            for _, r in e.iterrows():
                lines.append(f"    {r['measure']:<38}{_format.number(r['estimate']):>12}  "
                             f"{_format.interval(r['lo'], r['hi'])}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return (f"<Comparison of {', '.join(self.alternatives)} against {self.base} "
                f"({self.source})>\n" + self.text())

    def _repr_html_(self) -> str:
        parts = []
        for alt in self.alternatives:
            d = self.differences[(self.differences["alternative"] == alt)
                                 & self.differences["outcome"].isin(KEY_OUTCOMES)]
            table = pd.DataFrame({
                "difference": [_format.number(x) for x in d["mean"]],
                "95% interval": [_format.interval(a, b) for a, b in zip(d["lo"], d["hi"])],
                "P(better)": ["" if b == 0 else _format.number(p)
                              for b, p in zip(d["better"], d["p_better"])],
            }, index=pd.Index(d["outcome"], name="outcome"))
            e = self.economics[self.economics["alternative"] == alt]
            econ = pd.DataFrame({
                "estimate": [_format.number(x) for x in e["estimate"]],
                "95% interval": [_format.interval(a, b) for a, b in zip(e["lo"], e["hi"])],
                "unit": list(e["unit"]),
            }, index=pd.Index(e["measure"], name="measure"))
            parts.append(f"<h4>{html.escape(alt)} against {html.escape(self.base)} "
                         f"({self.pairs[alt]} pairs)</h4>" + table.to_html() + econ.to_html())
        return "".join(parts)


class StudyFile:
    """A study file. Create it with :func:`buurtbereik.open_study`.

    Attributes
    ----------
    path : Path
    attributes : dict
        Root attributes (``status``, ``stop_reason``, ``replications``, ``fingerprint``, ...).
    provenance : dict
        ``/provenance`` attributes (engine version, git revision, seed, CRN, ...).
    run_info : dict
        How the last invocation ran (``created_utc``, ``executor``, ``command_line``, ...).
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        with h5py.File(self.path, "r") as f:
            self.attributes: dict[str, Any] = attrs(f)
            self.provenance: dict[str, Any] = attrs(f["provenance"])
            self.run_info: dict[str, Any] = attrs(f["run_info"]) if "run_info" in f else {}
            self.until: list[str] = strings(f["provenance/until"])
            self.variants: list[str] = strings(f["variants"].attrs["order"])
            self.variant_attributes = {v: attrs(f["variants"][v]) for v in self.variants}
            self.outcome_catalogue = self._catalogue(f["outcomes"])
            self.series_catalogue = self._catalogue(f["series_columns"])
            self._base = (text(f["comparisons"].attrs["base"]) if "comparisons" in f
                          else self.variants[0])

    @staticmethod
    def _catalogue(g: h5py.Group) -> pd.DataFrame:
        return pd.DataFrame({"unit": strings(g["unit"]), "description": strings(g["description"]),
                             "better": g["better"][()].astype(int)},
                            index=pd.Index(strings(g["id"]), name="id"))

    # -- what the study is --------------------------------------------------------------------

    @property
    def name(self) -> str:
        """The study's name."""
        return str(self.provenance.get("study_name", ""))

    @property
    def description(self) -> str:
        """The study's description (may be empty)."""
        return str(self.provenance.get("study_description", ""))

    @property
    def base(self) -> str:
        """The base variant, the first of :attr:`variants`."""
        return self._base

    @property
    def alternatives(self) -> list[str]:
        """Every variant but the base, in study order."""
        return [v for v in self.variants if v != self.base]

    @property
    def replications(self) -> int:
        """Replications per variant that count (the completed prefix in a checkpoint)."""
        return int(self.attributes.get("replications", 0))

    @property
    def complete(self) -> bool:
        """False for a checkpoint."""
        return self.attributes.get("complete") == 1

    @property
    def status(self) -> str:
        """``finished``, ``running`` or ``interrupted``."""
        return str(self.attributes.get("status", ""))

    @property
    def stop_reason(self) -> str:
        """``cap`` or ``precision`` for a finished study; empty in a checkpoint."""
        return str(self.attributes.get("stop_reason", ""))

    @property
    def common_random_numbers(self) -> bool:
        """True when every variant ran on the base's seed."""
        return bool(self.provenance.get("common_random_numbers", 0))

    @property
    def days(self) -> int:
        """Days simulated per replication."""
        return int(self.provenance.get("days", 0))

    @property
    def outcome_ids(self) -> list[str]:
        """The outcome ids, in file order."""
        return list(self.outcome_catalogue.index)

    def _variant(self, variant: Optional[str]) -> str:
        return self.base if variant is None else _check_name(variant, self.variants, "variant")

    def scenario_resolved(self, variant: Optional[str] = None) -> str:
        """The scenario of a variant (default: the base) as run, every default filled in."""
        with h5py.File(self.path, "r") as f:
            return text(f["variants"][self._variant(variant)]["scenario_resolved"])

    def scenario_verbatim(self, variant: Optional[str] = None) -> str:
        """The scenario file's text of a variant (default: the base)."""
        with h5py.File(self.path, "r") as f:
            return text(f["variants"][self._variant(variant)]["scenario_verbatim"])

    @cached_property
    def study_verbatim(self) -> str:
        """The study file's text (for ``run``/``compare``, the equivalent study file)."""
        with h5py.File(self.path, "r") as f:
            return text(f["provenance/study_verbatim"])

    # -- rows ---------------------------------------------------------------------------------

    @cached_property
    def _rows(self) -> dict[str, dict[str, np.ndarray]]:
        with h5py.File(self.path, "r") as f:
            return {v: {"outcomes": f["variants"][v]["outcomes"][()],
                        "replication": f["variants"][v]["replication"][()],
                        "done": f["variants"][v]["done"][()].astype(bool)}
                    for v in self.variants}

    def _counted(self, variant: str) -> np.ndarray:
        """The outcome rows the estimates use: the first ``replications`` rows."""
        return self._rows[variant]["outcomes"][: self.replications]

    def outcomes(self, variant: Optional[str] = None, form: str = "wide") -> pd.DataFrame:
        """The outcome of every finished replication.

        Parameters
        ----------
        variant : str, optional
            One variant; None gives every variant, in study order.
        form : {"wide", "long"}
            "wide": columns ``variant``, ``replication`` and one per outcome; "long": columns
            ``variant``, ``replication``, ``outcome``, ``value``.

        Returns
        -------
        pandas.DataFrame
            ``variant`` is a Categorical in study order. In a checkpoint, unfinished
            replications are left out.

        Raises
        ------
        UnknownNameError
            For an unknown variant.
        ValueError
            For an unknown form.
        """
        if form not in ("wide", "long"):
            raise ValueError(f"form must be 'wide' or 'long', got {form!r}")
        names = self.variants if variant is None else [self._variant(variant)]
        frames = []
        for v in names:
            rows = self._rows[v]
            keep = rows["done"]
            frame = pd.DataFrame(rows["outcomes"][keep], columns=self.outcome_ids)
            frame.insert(0, "replication", rows["replication"][keep])
            frame.insert(0, "variant", v)
            frames.append(frame)
        wide = pd.concat(frames, ignore_index=True)
        wide["variant"] = pd.Categorical(wide["variant"], categories=self.variants)
        if form == "wide":
            return wide
        long = wide.melt(id_vars=["variant", "replication"], var_name="outcome",
                         value_name="value")
        long["outcome"] = pd.Categorical(long["outcome"], categories=self.outcome_ids)
        return long.sort_values(["variant", "replication", "outcome"]).reset_index(drop=True)

    def series_array(self, variant: Optional[str] = None) -> SeriesArray:
        """A variant's daily series (default: the base) as a (replications, days, columns)
        array with its axes; unfinished replications of a checkpoint are left out."""
        v = self._variant(variant)
        with h5py.File(self.path, "r") as f:
            values = f["variants"][v]["series"][()]
        keep = self._rows[v]["done"]
        return SeriesArray(values[keep], self._rows[v]["replication"][keep],
                           np.arange(values.shape[1]), list(self.series_catalogue.index))

    def series(self, variant: Optional[str] = None) -> pd.DataFrame:
        """A variant's daily series (default: the base) as a tidy table.

        Returns
        -------
        pandas.DataFrame
            Columns ``replication``, ``day``, ``column`` (Categorical of the series column ids)
            and ``value``: one row per replication, day and column.
        """
        a = self.series_array(variant)
        r, d, c = a.values.shape
        return pd.DataFrame({
            "replication": np.repeat(a.replications, d * c),
            "day": np.tile(np.repeat(a.days, c), r),
            "column": pd.Categorical.from_codes(np.tile(np.arange(c), r * d),
                                                categories=a.columns),
            "value": a.values.reshape(-1),
        })

    def series_band(self, column: str, variant: Optional[str] = None,
                    band: str = "percentile", level: float = 0.95) -> pd.DataFrame:
        """The mean of a series column over replications, per day, with a band.

        Parameters
        ----------
        column : str
            A series column id, e.g. ``helped.zorgmijder``.
        variant : str, optional
            Default: the base.
        band : {"percentile", "ci"}
            "percentile": the central ``level`` share of the replications (2.5-97.5% for 0.95):
            how much one simulated year varies. "ci": the t-interval of the mean: how precisely
            the expected value is known.
        level : float
            Coverage of the band.

        Returns
        -------
        pandas.DataFrame
            Index ``day``; columns ``mean``, ``lo``, ``hi``.

        Raises
        ------
        UnknownNameError
            For an unknown column or variant.
        ValueError
            For an unknown band.
        """
        a = self.series_array(variant)
        k = a.columns.index(_check_name(column, a.columns, "series column"))
        values = a.values[:, :, k]
        if values.shape[0] == 0:
            raise ValueError(f"{self.path}: no finished replications to draw a band from")
        if band == "percentile":
            tail = 100.0 * (1.0 - level) / 2.0
            lo, hi = np.nanpercentile(values, [tail, 100.0 - tail], axis=0)
            mean = np.nanmean(values, axis=0)
        elif band == "ci":
            e = estimate_columns(values, level)
            mean, lo, hi = e["mean"], e["lo"], e["hi"]
        else:
            raise ValueError(f"band must be 'percentile' or 'ci', got {band!r}")
        return pd.DataFrame({"mean": mean, "lo": lo, "hi": hi}, index=pd.Index(a.days, name="day"))

    # -- estimates ----------------------------------------------------------------------------

    def summary(self, source: str = "rows", level: float = 0.95) -> pd.DataFrame:
        """Mean, sd and 95% t-interval of every outcome per variant.

        Parameters
        ----------
        source : {"rows", "file"}
            "rows": recomputed from the outcome rows that count (the first ``replications``);
            "file": the file's ``estimates`` groups. The two agree to within rounding.
        level : float
            Confidence level (``rows`` only; the file's are 95%).

        Returns
        -------
        pandas.DataFrame
            Columns ``variant``, ``outcome``, ``unit``, ``mean``, ``sd``, ``half_width``,
            ``lo``, ``hi``, ``n``: one row per variant and outcome, in file order.
        """
        if source not in ("rows", "file"):
            raise ValueError(f"source must be 'rows' or 'file', got {source!r}")
        frames = []
        for v in self.variants:
            if source == "rows":
                stats = estimate_columns(self._counted(v), level)
            else:
                with h5py.File(self.path, "r") as f:
                    g = f["variants"][v]["estimates"]
                    stats = {k: g[k][()] for k in _STAT_COLUMNS}
            frame = pd.DataFrame({"variant": v, "outcome": self.outcome_ids,
                                  "unit": list(self.outcome_catalogue["unit"]),
                                  **{k: stats[k] for k in _STAT_COLUMNS}})
            frames.append(frame)
        out = pd.concat(frames, ignore_index=True)
        out["n"] = out["n"].astype(np.int64)
        return out

    def estimates(self) -> pd.DataFrame:
        """The file's estimates: :meth:`summary` with ``source="file"``."""
        return self.summary(source="file")

    # -- comparisons --------------------------------------------------------------------------

    def compare(self, alternative: Optional[str] = None, source: str = "file") -> Comparison:
        """Alternatives against the base, paired by replication.

        Parameters
        ----------
        alternative : str, optional
            One alternative; None compares every alternative.
        source : {"file", "rows"}
            "file": the file's ``comparisons`` groups; "rows": recomputed from the outcome rows
            (paired t-intervals, P(better), Fieller's intervals for the ratios), as the engine
            computes them.

        Returns
        -------
        Comparison

        Raises
        ------
        ValueError
            If the study has a single variant, or for an unknown source.
        UnknownNameError
            For an unknown alternative.
        """
        if len(self.variants) < 2:
            raise ValueError(f"{self.path}: the study has a single variant "
                             f"({self.variants[0]!r}); there is nothing to compare")
        if source not in ("file", "rows"):
            raise ValueError(f"source must be 'file' or 'rows', got {source!r}")
        alts = (self.alternatives if alternative is None
                else [_check_name(alternative, self.alternatives, "alternative")])
        diffs, econ, pairs = [], [], {}
        for alt in alts:
            if source == "file":
                d, e, pairs[alt] = self._comparison_from_file(alt)
            else:
                d, e, pairs[alt] = self._comparison_from_rows(alt)
            diffs.append(d)
            econ.append(e)
        return Comparison(self.base, alts, pairs, self.common_random_numbers, source,
                          pd.concat(diffs, ignore_index=True), pd.concat(econ, ignore_index=True))

    def _difference_frame(self, alt: str, stats: dict, p_better: np.ndarray) -> pd.DataFrame:
        cat = self.outcome_catalogue
        frame = pd.DataFrame({"alternative": alt, "outcome": self.outcome_ids,
                              "unit": list(cat["unit"]), "better": list(cat["better"]),
                              **{k: stats[k] for k in _STAT_COLUMNS}, "p_better": p_better})
        frame["n"] = frame["n"].astype(np.int64)
        return frame

    def _comparison_from_file(self, alt: str) -> tuple[pd.DataFrame, pd.DataFrame, int]:
        with h5py.File(self.path, "r") as f:
            g = f["comparisons"][alt]
            stats = {k: g[k][()] for k in _STAT_COLUMNS}
            d = self._difference_frame(alt, stats, g["p_better"][()])
            e = g["economics"]
            econ = pd.DataFrame({"alternative": alt, "measure": strings(e["measure"]),
                                 "unit": strings(e["unit"]), "estimate": e["estimate"][()],
                                 "lo": e["lo"][()], "hi": e["hi"][()],
                                 "bounded": e["bounded"][()].astype(bool)})
            return d, econ, int(g.attrs.get("pairs", self.replications))

    def _comparison_from_rows(self, alt: str) -> tuple[pd.DataFrame, pd.DataFrame, int]:
        base, other = self._counted(self.base), self._counted(alt)
        better = self.outcome_catalogue["better"].to_numpy()
        d = self._difference_frame(alt, paired_difference(base, other),
                                   probability_better(base, other, better))
        return d, self._economics_from_rows(alt, base, other), int(base.shape[0])

    def _economics_from_rows(self, alt: str, base: np.ndarray,
                             other: np.ndarray) -> pd.DataFrame:
        ids = self.outcome_ids

        def diff(outcome: str) -> np.ndarray:
            k = ids.index(outcome)
            with np.errstate(invalid="ignore"):
                return other[:, k] - base[:, k]

        def est(x: np.ndarray) -> tuple[float, float, float, bool]:
            e = estimate_columns(x)
            lo, hi = float(e["lo"][0]), float(e["hi"][0])
            return float(e["mean"][0]), lo, hi, bool(np.isfinite(lo) and np.isfinite(hi))

        def ratio(num: np.ndarray, den: np.ndarray) -> tuple[float, float, float, bool]:
            r = ratio_of_means(num, den)
            return r.estimate, r.lo, r.hi, r.bounded

        helped, workers = diff("helped.totaal"), diff("cost.workers")
        outreach = workers + diff("cost.debt_help")
        values = {"extra_helped": est(helped), "extra_worker_cost": est(workers),
                  "extra_outreach_cost": est(outreach),
                  "cost_per_extra_helped": ratio(workers, helped)}
        for p in PERSPECTIVES:
            avoided = -diff(f"escalation_cost.{p}")
            net = avoided - (outreach if _PAYS_OUTREACH[p] else 0.0)
            values[f"avoided_cost.{p}"] = est(avoided)
            values[f"net_benefit.{p}"] = est(net)
            values[f"benefit_cost_ratio.{p}"] = ratio(avoided, outreach)
        rows = [(alt, m, u, *values[m]) for m, u in ECONOMIC_MEASURES]
        return pd.DataFrame(rows, columns=["alternative", "measure", "unit", "estimate", "lo",
                                           "hi", "bounded"])

    def economics(self, alternative: Optional[str] = None) -> pd.DataFrame:
        """The file's cost-effectiveness and cost-benefit table (``compare().economics``)."""
        return self.compare(alternative).economics

    # -- display ------------------------------------------------------------------------------

    def __enter__(self) -> "StudyFile":
        return self

    def __exit__(self, *exc: object) -> None:  # nothing is kept open
        return None

    def _state(self) -> str:
        if self.complete:
            return f"finished ({self.stop_reason})"
        return f"checkpoint ({self.status})"

    def __repr__(self) -> str:
        variants = ", ".join(f"{v} [base]" if v == self.base else v for v in self.variants)
        return (f"<StudyFile {self.name!r}: {len(self.variants)} variants ({variants}), "
                f"{self.replications} replications, {self.days} days, {self._state()}; "
                f"{self.path}>")

    def _repr_html_(self) -> str:
        est = self.summary(source="file")
        est = est[est["outcome"].isin(KEY_OUTCOMES)]
        cells = {v: [f"{_format.number(m)} {_format.interval(lo, hi)}"
                     for m, lo, hi in zip(g["mean"], g["lo"], g["hi"])]
                 for v, g in est.groupby("variant", sort=False)}
        table = pd.DataFrame(cells, index=pd.Index(
            est[est["variant"] == self.base]["outcome"], name="mean [95% interval]"))
        head = (f"<p><b>Buurtbereik study</b> {html.escape(self.name)} &middot; "
                f"{len(self.variants)} variants, base {html.escape(self.base)} &middot; "
                f"{self.replications} replications of {self.days} days &middot; "
                f"{'common random numbers' if self.common_random_numbers else 'independent'}"
                f" &middot; {html.escape(self._state())}</p>")
        return head + table.to_html()
