"""The result file of one run (``filetype`` = ``buurtbereik-run``) as pandas tables.

Every group of the file (results/README.md) becomes a tidy DataFrame: one row per day, household,
event, ledger row, escalation or signal. Integer codes with a ``labels`` attribute become pandas
Categoricals with those labels as categories; matrices become one column per named column. The file
is opened only while a table is read, and each table is read once.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Iterable

import h5py
import numpy as np
import pandas as pd

from . import _format
from ._hdf5 import attrs, strings, text
from .scenario import is_assumption

__all__ = ["RunFile", "RunSummary", "REACH_BITS", "TRAIT_BITS"]

# Bit k of /households/traits and /households/reach (results/README.md, "Bit fields").
TRAIT_BITS = ("minimum_income", "migration_background", "limited_dutch", "senior", "social_rent",
              "phone_known")
REACH_BITS = ("in_need", "signalled", "attempted", "contacted", "conversation", "accepted",
              "toegeleid", "self_help")

# Outcomes of /events that count as met, as a conversation and as accepted help.
_MET = ("geweigerd", "gesprek", "hulp_afgewezen", "geaccepteerd")
_CONVERSATION = ("gesprek", "hulp_afgewezen", "geaccepteerd")
_ACCEPTED = ("geaccepteerd",)

_TIMESERIES_ORDER = ("day", "funnel_state", "new_needs", "signals", "signals_followed_up",
                     "attempts", "contacts", "conversations", "acceptances", "handovers",
                     "self_help", "escalations", "hours", "hours_unused", "cost_eur")


def _column(ds: h5py.Dataset) -> Any:
    """A 1-D dataset as a column: Categorical for codes with labels, bool, str or numbers."""
    values = ds[()]
    unit = text(ds.attrs.get("unit", ""))
    if "labels" in ds.attrs and unit == "":
        labels = strings(ds.attrs["labels"])
        return pd.Categorical.from_codes(values.astype(np.int64), categories=labels)
    if unit == "bool":
        return values.astype(bool)
    if values.dtype.kind in "OS":
        return np.array([text(v) for v in values], dtype=object)
    return values


def read_table(group: h5py.Group, order: Iterable[str] = (),
               bare_matrices: Iterable[str] = ()) -> pd.DataFrame:
    """A table group as a DataFrame.

    Parameters
    ----------
    group : h5py.Group
        A group whose datasets all have the same number of rows.
    order : iterable of str
        Datasets to put first, in this order; the others follow alphabetically.
    bare_matrices : iterable of str
        Matrices whose columns are named by their labels alone; other matrices give columns
        ``<dataset>.<label>``.

    Returns
    -------
    pandas.DataFrame
    """
    bare = set(bare_matrices)
    names = [n for n in order if n in group] + sorted(n for n in group if n not in order)
    columns: dict[str, Any] = {}
    for name in names:
        ds = group[name]
        if not isinstance(ds, h5py.Dataset):
            continue
        if ds.ndim == 1:
            columns[name] = _column(ds)
        elif ds.ndim == 2:
            labels = (strings(ds.attrs["columns"]) if "columns" in ds.attrs
                      else [str(k) for k in range(ds.shape[1])])
            values = ds[()]
            for k, label in enumerate(labels):
                columns[label if name in bare else f"{name}.{label}"] = values[:, k]
    return pd.DataFrame(columns)


def _bits(values: np.ndarray, names: Iterable[str], prefix: str) -> dict[str, np.ndarray]:
    return {f"{prefix}.{name}": ((values.astype(np.int64) >> k) & 1).astype(bool)
            for k, name in enumerate(names)}


@dataclass
class RunSummary:
    """What ``buurtbereik run`` prints, from ``/summary``.

    Attributes
    ----------
    funnel : pandas.DataFrame
        Households per profile (rows ``zelfredzaam``, ``zorgmisser``, ``zorgmijder``, ``totaal``)
        and funnel column (``households``, ``in_need``, ``signalled``, ``attempted``,
        ``contacted``, ``conversation``, ``accepted``, ``toegeleid``, ``self_help``).
    escalations : pandas.Series
        Escalations per kind.
    escalation_cost_eur : pandas.Series
        Escalation cost per perspective, euro.
    hours_by_method : pandas.Series
        Worker hours per contact method, unused hours included.
    totals : dict
        The scalar attributes: ``hours_total``, ``hours_unused``, ``worker_cost_eur``,
        ``debt_help_cases``, ``debt_help_cost_eur``, ``cost_per_toegeleid_eur``, ``attempts``,
        ``contacts``, ``conversations``, ``signals``, ``signals_followed_up``.
    """

    funnel: pd.DataFrame
    escalations: pd.Series
    escalation_cost_eur: pd.Series
    hours_by_method: pd.Series
    totals: dict = field(default_factory=dict)

    def __repr__(self) -> str:
        t = self.totals
        lines = ["Funnel (households ever in each stage while in need)",
                 self.funnel.to_string(),
                 f"Contact: {t.get('attempts')} attempts, {t.get('contacts')} contacts, "
                 f"{t.get('conversations')} conversations; signals: {t.get('signals')} "
                 f"({t.get('signals_followed_up')} followed up)",
                 "Escalations: " + ", ".join(f"{k} {v}" for k, v in self.escalations.items()),
                 "Hours by method: " + ", ".join(f"{k} {_format.number(v)}"
                                                 for k, v in self.hours_by_method.items()),
                 f"Worker cost: EUR {_format.number(t.get('worker_cost_eur'))}"]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return self.funnel.to_html()


class RunFile:
    """One run's result file. Create it with :func:`buurtbereik.open_run`.

    Tables (pandas DataFrames, each read once): :attr:`timeseries`, :attr:`households`,
    :attr:`events`, :attr:`ledger`, :attr:`escalations`, :attr:`signals`,
    :attr:`provision_signals`, :attr:`parameters`;
    the summary: :attr:`summary` and :attr:`funnel`; derived tables: :meth:`funnel_by_method`,
    :meth:`hours_by_method`, :meth:`assumptions`.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        with h5py.File(self.path, "r") as f:
            self.provenance: dict[str, Any] = attrs(f["provenance"])
            self.calibration: dict[str, Any] = attrs(f["provenance/calibration"])
            self.workers: list[str] = strings(f["provenance/workers"])
            self.collective_locations: list[str] = strings(f["provenance/collective_locations"])
            self.days: int = int(f["timeseries/day"].shape[0])
            self.n_households: int = int(f["households/id"].shape[0])
            self.events_recorded: bool = bool(f["events"].attrs.get("recorded", 1))

    def _read(self, group: str, **kwargs) -> pd.DataFrame:
        with h5py.File(self.path, "r") as f:
            return read_table(f[group], **kwargs)

    # -- provenance ---------------------------------------------------------------------------

    @property
    def scenario_name(self) -> str:
        """The scenario's ``name``."""
        return str(self.provenance.get("scenario_name", ""))

    @property
    def seed(self) -> int:
        """The scenario's seed."""
        return int(self.provenance.get("seed", 0))

    @property
    def replication(self) -> int:
        """The replication number of this run."""
        return int(self.provenance.get("replication", 0))

    @cached_property
    def scenario_verbatim(self) -> str:
        """The scenario file's text as read."""
        with h5py.File(self.path, "r") as f:
            return text(f["provenance/scenario_verbatim"])

    @cached_property
    def scenario_resolved(self) -> str:
        """The scenario with every default filled in, each parameter with unit and source."""
        with h5py.File(self.path, "r") as f:
            return text(f["provenance/scenario_resolved"])

    @cached_property
    def parameters(self) -> pd.DataFrame:
        """Every model parameter: ``path``, ``value``, ``unit``, ``source``, ``origin``."""
        return self._read("provenance/parameters",
                          order=("path", "value", "unit", "source", "origin"))

    def assumptions(self) -> pd.DataFrame:
        """The parameters whose source is an assumption tag (``A: ...``, also after
        ``default;``): what-if levers, never findings.

        Returns
        -------
        pandas.DataFrame
            Rows of :attr:`parameters`.
        """
        p = self.parameters
        return p[p["source"].map(is_assumption)].reset_index(drop=True)

    # -- tables -------------------------------------------------------------------------------

    @cached_property
    def timeseries(self) -> pd.DataFrame:
        """One row per day (index ``day``): households per funnel state (columns named by the
        ``FunnelState`` labels), daily counts, ``escalations.<kind>``, ``hours.<method>``,
        ``hours_unused`` and ``cost_eur``."""
        df = self._read("timeseries", order=_TIMESERIES_ORDER, bare_matrices=("funnel_state",))
        return df.set_index("day")

    @cached_property
    def households(self) -> pd.DataFrame:
        """One row per household (index ``id``). ``profile``, ``composition`` and ``state`` are
        Categoricals; matrices give ``availability.<slot>``, ``needs.<domain>`` and
        ``escalations.<kind>``; the bit fields are kept as integers and decoded into boolean
        columns ``trait.<name>``, ``reach.<stage>`` and ``location.<id>``."""
        df = self._read("households", order=("id", "profile", "composition", "size", "state"))
        extra = {**_bits(df["traits"].to_numpy(), TRAIT_BITS, "trait"),
                 **_bits(df["reach"].to_numpy(), REACH_BITS, "reach"),
                 **_bits(df["locations"].to_numpy(), self.collective_locations, "location")}
        return pd.concat([df, pd.DataFrame(extra)], axis=1).set_index("id")

    @cached_property
    def events(self) -> pd.DataFrame:
        """One row per contact attempt, in order: ``day``, ``slot``, ``worker`` (index),
        ``worker_id``, ``household``, ``method``, ``action``, ``outcome``, ``reason`` (the codes
        as Categoricals), ``in_need`` (bool) and ``hours``. Empty when the run used
        ``--no-events`` (see :attr:`events_recorded`)."""
        df = self._read("events", order=("day", "slot", "worker", "household", "method",
                                         "action", "outcome", "reason", "in_need", "hours"))
        df.insert(3, "worker_id", pd.Categorical.from_codes(
            df["worker"].to_numpy().astype(np.int64), categories=self.workers))
        return df

    @cached_property
    def ledger(self) -> pd.DataFrame:
        """Worker hours and cost per day, worker, method (Categorical) and activity
        (Categorical; ``niet_besteed`` = scheduled but unused)."""
        return self._read("ledger", order=("day", "worker", "method", "activity", "hours",
                                           "cost_eur"))

    @cached_property
    def escalations(self) -> pd.DataFrame:
        """One row per escalation: ``day``, ``household``, ``kind`` (Categorical), its cost
        ``cost_eur.<perspective>`` and ``imposed`` (a statutory measure imposed at a contact
        under ``dwang_drang``)."""
        return self._read("escalations", order=("day", "household", "kind", "cost_eur"))

    @cached_property
    def provision_signals(self) -> pd.DataFrame:
        """One row per signal about provisions a worker recorded: ``day``, ``worker``,
        ``household`` and ``barrier`` (Categorical: onbekendheid, taal, wantrouwen, schaamte,
        bereikbaarheid, aansluiting). Count them by kind with
        ``run.provision_signals["barrier"].value_counts()``."""
        return self._read("provision_signals", order=("day", "worker", "household", "barrier"))

    @cached_property
    def signals(self) -> pd.DataFrame:
        """One row per signal: ``day``, ``household``, ``source`` (Categorical),
        ``arrears_eur`` and ``followed_up`` (bool)."""
        return self._read("signals", order=("day", "household", "source", "arrears_eur",
                                            "followed_up"))

    @cached_property
    def summary(self) -> RunSummary:
        """The run's summary (``/summary``): the funnel by profile, escalations, hours by
        method and the totals."""
        with h5py.File(self.path, "r") as f:
            g = f["summary"]
            totals = attrs(g)
            rows = totals.pop("funnel_rows")
            funnel = pd.DataFrame(g["funnel"][()], index=pd.Index(rows, name="profile"),
                                  columns=strings(g["funnel"].attrs["columns"]))

            def series(name: str) -> pd.Series:
                return pd.Series(g[name][()], index=strings(g[name].attrs["labels"]), name=name)

            return RunSummary(funnel, series("escalations"), series("escalation_cost_eur"),
                              series("hours_by_method"), totals)

    @property
    def funnel(self) -> pd.DataFrame:
        """The funnel table by profile (``summary.funnel``)."""
        return self.summary.funnel

    # -- derived tables -----------------------------------------------------------------------

    def funnel_by_method(self, in_need_only: bool = False) -> pd.DataFrame:
        """Contact attempts per method and how far they got, from the event log.

        Parameters
        ----------
        in_need_only : bool
            Count only attempts on households that were in need at the time.

        Returns
        -------
        pandas.DataFrame
            Index ``method`` (every contact method, in code order); columns ``attempts``,
            ``contacts`` (the household was met), ``conversations`` and ``accepted`` (help
            accepted).

        Raises
        ------
        ValueError
            If the run was written with ``--no-events``.
        """
        if not self.events_recorded:
            raise ValueError(f"{self.path}: the run was written with --no-events, so it has no "
                             "event log to count attempts per method from")
        ev = self.events
        if in_need_only:
            ev = ev[ev["in_need"]]
        outcome = ev["outcome"].astype(str)
        flags = pd.DataFrame({
            "method": ev["method"],
            "attempts": 1,
            "contacts": outcome.isin(_MET).astype(int),
            "conversations": outcome.isin(_CONVERSATION).astype(int),
            "accepted": outcome.isin(_ACCEPTED).astype(int),
        })
        table = flags.groupby("method", observed=False).sum()
        table.index = pd.Index([str(m) for m in table.index], name="method")
        return table

    def hours_by_method(self) -> pd.DataFrame:
        """Worker hours and cost per contact method, from the ledger.

        Returns
        -------
        pandas.DataFrame
            Index ``method`` (every contact method, in code order); columns ``hours`` (unused
            included), ``hours_used``, ``hours_unused`` (``niet_besteed``) and ``cost_eur``.
        """
        led = self.ledger
        unused = led["activity"].astype(str) == "niet_besteed"
        frame = pd.DataFrame({"method": led["method"], "hours": led["hours"],
                              "hours_used": led["hours"].where(~unused, 0.0),
                              "hours_unused": led["hours"].where(unused, 0.0),
                              "cost_eur": led["cost_eur"]})
        table = frame.groupby("method", observed=False).sum()
        table.index = pd.Index([str(m) for m in table.index], name="method")
        return table

    # -- display ------------------------------------------------------------------------------

    def __enter__(self) -> "RunFile":
        return self

    def __exit__(self, *exc: object) -> None:  # nothing is kept open
        return None

    def __repr__(self) -> str:
        return (f"<RunFile {self.scenario_name!r} (seed {self.seed}, replication "
                f"{self.replication}): {self.n_households} households, {self.days} days, "
                f"{self.summary.totals.get('attempts')} attempts; {self.path}>")

    def _repr_html_(self) -> str:
        t = self.summary.totals
        head = (f"<p><b>Buurtbereik run</b> {html.escape(self.scenario_name)} &middot; seed "
                f"{self.seed}, replication {self.replication} &middot; {self.n_households} "
                f"households, {self.days} days &middot; engine "
                f"{html.escape(str(self.provenance.get('engine_version', '')))}</p>")
        foot = (f"<p>{t.get('attempts')} attempts, {t.get('contacts')} contacts, "
                f"{t.get('conversations')} conversations; worker cost EUR "
                f"{_format.number(t.get('worker_cost_eur'))}</p>")
        return head + self.funnel.to_html() + foot
