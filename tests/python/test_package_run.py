"""The buurtbereik package on a run file the CLI wrote: the tables have one row per day,
household, event, ..., codes become Categoricals with the file's labels, and the summary equals
what the CLI printed, the file's /summary and the per-household records."""

from __future__ import annotations

import shutil
import sys

import h5py
import numpy as np
import pandas as pd
import pytest
from bbutil import REPO, small_scenario, strings

sys.path.insert(0, str(REPO / "python"))

import buurtbereik as bb  # noqa: E402

PROFILES = ["zelfredzaam", "zorgmisser", "zorgmijder", "totaal"]
# The columns `buurtbereik run` prints, and the /summary/funnel columns they are.
PRINTED = {"households": "households", "in need": "in_need", "signalled": "signalled",
           "contacted": "contacted", "in gesprek": "conversation", "toegeleid": "toegeleid",
           "zelf hulp": "self_help"}


@pytest.fixture(scope="module")
def run(package_run):
    return bb.open_run(package_run[0])


def printed_funnel(stdout: str) -> pd.DataFrame:
    rows = {}
    for line in stdout.splitlines():
        parts = line.split()
        if parts and parts[0] in PROFILES and len(parts) == 1 + len(PRINTED):
            rows[parts[0]] = [int(v) for v in parts[1:]]
    return pd.DataFrame.from_dict(rows, orient="index", columns=list(PRINTED.values()))


def test_funnel_equals_what_the_cli_printed(run, package_run):
    printed = printed_funnel(package_run[1].stdout)
    assert list(printed.index) == PROFILES
    assert printed.to_numpy().sum() > 0
    pd.testing.assert_frame_equal(run.funnel.loc[PROFILES, printed.columns], printed,
                                  check_dtype=False, check_names=False)


def test_funnel_equals_the_file_summary_and_the_household_records(run, package_run):
    with h5py.File(package_run[0], "r") as f:
        raw = f["summary/funnel"][()]
        columns = strings(f["summary/funnel"].attrs["columns"])
    assert list(run.funnel.columns) == columns and list(run.funnel.index) == PROFILES
    assert np.array_equal(run.funnel.to_numpy(), raw)
    # Recount from the per-household reach bits, grouped by the Categorical profile.
    h = run.households
    recount = h.groupby("profile", observed=False)[[f"reach.{c}" for c in columns[1:]]].sum()
    recount.columns = columns[1:]
    recount.insert(0, "households", h["profile"].value_counts().reindex(recount.index))
    assert np.array_equal(recount.to_numpy(), raw[:3])
    t = run.summary.totals
    assert t["attempts"] == len(run.events) == run.timeseries["attempts"].sum()
    assert t["contacts"] == run.timeseries["contacts"].sum()


def test_timeseries_has_one_row_per_day(run):
    ts = run.timeseries
    assert len(ts) == run.days == 90
    assert list(ts.index) == list(range(90)) and ts.index.name == "day"
    states = ["geen_nood", "onbekend", "gesignaleerd", "benaderd", "in_gesprek", "geaccepteerd",
              "toegeleid", "zelf_hulp", "geescaleerd"]
    assert list(ts.columns[:9]) == states
    assert (ts[states].sum(axis=1) == run.n_households).all()
    # The last day's states count the households' final states.
    final = run.households["state"].value_counts().reindex(states, fill_value=0)
    assert np.array_equal(ts[states].iloc[-1].to_numpy(), final.to_numpy())
    assert "escalations.crisis" in ts.columns and "hours.huisbezoek_signaal" in ts.columns


def test_codes_become_categoricals_with_the_file_labels(run, package_run):
    with h5py.File(package_run[0], "r") as f:
        for group, name, frame in [("households", "profile", run.households),
                                   ("households", "state", run.households),
                                   ("events", "outcome", run.events),
                                   ("events", "method", run.events),
                                   ("ledger", "activity", run.ledger),
                                   ("signals", "source", run.signals),
                                   ("escalations", "kind", run.escalations),
                                   ("provision_signals", "barrier", run.provision_signals)]:
            ds = f[group][name]
            column = frame[name]
            assert isinstance(column.dtype, pd.CategoricalDtype), (group, name)
            assert list(column.cat.categories) == strings(ds.attrs["labels"])
            assert np.array_equal(column.cat.codes.to_numpy(), ds[()].astype(np.int64))
    assert run.events["in_need"].dtype == bool and run.signals["followed_up"].dtype == bool
    assert list(run.events["worker_id"].cat.categories) == run.workers == ["werker-1", "werker-2"]
    assert len(run.households) == run.n_households == 800


def test_derived_tables_agree_with_the_summary(run):
    s = run.summary
    by_method = run.funnel_by_method()
    assert list(by_method.index) == list(s.hours_by_method.index)
    assert by_method["attempts"].sum() == s.totals["attempts"]
    assert by_method["contacts"].sum() == s.totals["contacts"]
    assert by_method["conversations"].sum() == s.totals["conversations"]
    assert by_method["accepted"].sum() == run.timeseries["acceptances"].sum()
    hours = run.hours_by_method()
    np.testing.assert_allclose(hours["hours"], s.hours_by_method, rtol=1e-9)
    assert hours["hours_unused"].sum() == pytest.approx(s.totals["hours_unused"])
    assert hours["cost_eur"].sum() == pytest.approx(s.totals["worker_cost_eur"])
    assert len(run.escalations) == s.escalations.sum()
    assert len(run.signals) == s.totals["signals"]
    per_day = run.timeseries[[c for c in run.timeseries.columns
                              if c.startswith("provision_signals.")]].to_numpy().sum()
    assert len(run.provision_signals) == per_day > 0


def test_parameters_and_assumptions(run):
    p = run.parameters
    assert {"path", "value", "unit", "source", "origin"} <= set(p.columns)
    assert "buurt.households" in set(p["path"])
    a = run.assumptions()
    assert len(a) > 10
    assert all(s.startswith("A") or s.startswith("default; A") for s in a["source"])
    assert "testbuurt" in run.scenario_verbatim and "households: {value: 800" in \
        run.scenario_resolved


def test_repr(run):
    assert "testbuurt" in repr(run) and "800 households" in repr(run)
    assert "<table" in run._repr_html_() and "zorgmijder" in run._repr_html_()
    assert "Funnel" in repr(run.summary)


def test_no_event_log(tmp_path, run_scenario):
    out = tmp_path / "zonder.h5"
    run_scenario(small_scenario(households=200, days=20), out, "--no-events")
    r = bb.open_run(out)
    assert not r.events_recorded and len(r.events) == 0
    with pytest.raises(ValueError, match="--no-events"):
        r.funnel_by_method()


def test_run_and_study_readers_refuse_each_others_files(package_run, package_ensemble):
    with pytest.raises(bb.UnsupportedFileError, match="single-run file"):
        bb.open_study(package_run[0])
    with pytest.raises(bb.UnsupportedFileError, match="study file"):
        bb.open_run(package_ensemble)
    assert isinstance(bb.open_file(package_run[0]), bb.RunFile)
    assert isinstance(bb.open_file(package_ensemble), bb.StudyFile)


@pytest.mark.parametrize("attribute, value, error", [
    ("filetype", "buurtbereik-iets", bb.UnsupportedFileError),
    ("format_version", 2, bb.UnsupportedFileError),
    ("complete", 0, bb.IncompleteFileError),
])
def test_version_check_refuses_a_run_file(package_run, tmp_path, attribute, value, error):
    bad = tmp_path / "bad.h5"
    shutil.copy(package_run[0], bad)
    with h5py.File(bad, "r+") as f:
        f.attrs[attribute] = value
    with pytest.raises(error, match=attribute) as info:
        bb.open_run(bad)
    assert isinstance(info.value, ValueError) and info.value.path == bad
