"""Internal agreement of one result file (the default scenario's): every aggregate equals the sum of
the records it summarises, counted independently here from the file's own tables."""

from __future__ import annotations

import h5py
import numpy as np
import pytest
from bbutil import strings


@pytest.fixture(scope="module")
def f(default_h5):
    with h5py.File(default_h5, "r") as h5:
        yield h5


def col(f, path):
    return f[path][()]


def index_of(ds, label):
    return strings(ds.attrs["labels" if "labels" in ds.attrs else "columns"]).index(label)


def households(f) -> int:
    return len(f["households/id"])


def test_household_count_matches_the_scenario(f):
    paths = strings(col(f, "provenance/parameters/path"))
    value = col(f, "provenance/parameters/value")[paths.index("buurt.households")]
    assert households(f) == int(value) > 0
    assert np.array_equal(col(f, "households/id"), np.arange(households(f)))


def test_funnel_state_rows_sum_to_households(f):
    states = col(f, "timeseries/funnel_state")
    assert states.shape[0] == len(f["timeseries/day"]) > 0
    assert (states >= 0).all()
    assert (states.sum(axis=1) == households(f)).all()


def test_last_funnel_row_counts_household_states(f):
    states = col(f, "timeseries/funnel_state")
    final = np.bincount(col(f, "households/state"), minlength=states.shape[1])
    assert np.array_equal(final, states[-1])


def test_attempts_agree(f):
    events = len(f["events/day"])
    assert int(f["events"].attrs["recorded"]) == 1
    assert events > 0, "the default scenario should make contact attempts"
    assert events == int(f["summary"].attrs["attempts"])
    assert events == int(col(f, "households/attempts").sum(dtype=np.int64))
    assert events == int(col(f, "timeseries/attempts").sum(dtype=np.int64))
    per_household = np.bincount(col(f, "events/household"), minlength=households(f))
    assert np.array_equal(per_household, col(f, "households/attempts"))


def test_contacts_and_conversations_agree_with_event_outcomes(f):
    outcome = f["events/outcome"]
    codes = outcome[()]
    met = codes != index_of(outcome, "geen_reactie")
    talked = np.isin(
        codes, [index_of(outcome, o) for o in ("gesprek", "hulp_afgewezen", "geaccepteerd")]
    )
    accepted = codes == index_of(outcome, "geaccepteerd")
    s = f["summary"].attrs
    assert met.sum() == s["contacts"] == col(f, "timeseries/contacts").sum()
    assert talked.sum() == s["conversations"] == col(f, "timeseries/conversations").sum()
    assert talked.sum() == col(f, "households/conversations").sum(dtype=np.int64)
    assert accepted.sum() == col(f, "timeseries/acceptances").sum()


def test_hours_and_cost_agree(f):
    s = f["summary"].attrs
    ledger_hours = col(f, "ledger/hours")
    assert ledger_hours.sum() > 0 and (ledger_hours > 0).all()
    assert np.isclose(ledger_hours.sum(), s["hours_total"], rtol=1e-9)
    assert np.isclose(col(f, "timeseries/hours").sum(), s["hours_total"], rtol=1e-9)
    assert np.isclose(col(f, "ledger/cost_eur").sum(), s["worker_cost_eur"], rtol=1e-9)
    assert np.isclose(col(f, "timeseries/cost_eur").sum(), s["worker_cost_eur"], rtol=1e-9)
    niet_besteed = index_of(f["ledger/activity"], "niet_besteed")
    unused = ledger_hours[col(f, "ledger/activity") == niet_besteed]
    assert np.isclose(unused.sum(), s["hours_unused"], rtol=1e-9, atol=1e-9)
    daily_unused = col(f, "timeseries/hours_unused").sum()
    assert np.isclose(daily_unused, s["hours_unused"], rtol=1e-9, atol=1e-9)
    methods = len(f["summary/hours_by_method"].attrs["labels"])
    by_method = np.bincount(col(f, "ledger/method"), weights=ledger_hours, minlength=methods)
    assert np.allclose(by_method, col(f, "summary/hours_by_method"), rtol=1e-9)
    assert np.allclose(col(f, "timeseries/hours").sum(axis=0), by_method, rtol=1e-9)


def test_summary_funnel_total_is_sum_of_profiles(f):
    funnel = col(f, "summary/funnel")
    rows = strings(f["summary"].attrs["funnel_rows"])
    assert rows == strings(f["households/profile"].attrs["labels"]) + ["totaal"]
    assert np.array_equal(funnel[rows.index("totaal")], funnel[:-1].sum(axis=0))


def test_summary_funnel_counts_reach_bits(f):
    funnel = col(f, "summary/funnel")
    columns = strings(f["summary/funnel"].attrs["columns"])
    reach = col(f, "households/reach")
    profile = col(f, "households/profile")
    assert funnel[-1, columns.index("households")] == households(f)
    in_need = int(((reach & 1) != 0).sum())
    assert funnel[-1, columns.index("in_need")] == in_need > 0
    for p in range(3):
        mine = reach[profile == p]
        assert funnel[p, columns.index("households")] == mine.size
        for bit, name in enumerate(columns[1:]):
            assert funnel[p, 1 + bit] == ((mine >> bit) & 1).sum(), f"profile {p}, {name}"


def test_reach_bits_match_first_days(f):
    reach = col(f, "households/reach")
    for bit, name in [(0, "need"), (1, "signal"), (2, "attempt"), (3, "contact"),
                      (4, "conversation"), (6, "toegeleid")]:
        ever = col(f, f"households/first_{name}_day") >= 0
        bit_set = ((reach >> bit) & 1) == 1
        assert np.array_equal(ever, bit_set), f"first_{name}_day vs reach bit {bit}"


def test_escalations_agree(f):
    kinds = col(f, "escalations/kind")
    n = len(strings(f["escalations/kind"].attrs["labels"]))
    per_kind = np.bincount(kinds, minlength=n)
    assert np.array_equal(per_kind, col(f, "summary/escalations"))
    assert np.array_equal(per_kind, col(f, "timeseries/escalations").sum(axis=0))
    assert np.array_equal(per_kind, col(f, "households/escalations").sum(axis=0, dtype=np.int64))
    cost = col(f, "escalations/cost_eur").sum(axis=0)
    assert np.allclose(cost, col(f, "summary/escalation_cost_eur"))


def test_signals_agree(f):
    s = f["summary"].attrs
    n = len(f["signals/day"])
    followed = col(f, "signals/followed_up").astype(bool)
    assert n == s["signals"] == col(f, "timeseries/signals").sum() > 0
    daily = col(f, "timeseries/signals_followed_up").sum()
    assert followed.sum() == s["signals_followed_up"] == daily
    per_household = np.bincount(col(f, "signals/household"), minlength=households(f))
    assert np.array_equal(per_household, col(f, "households/signals"))


def test_indices_point_into_their_tables(f):
    workers = len(f["provenance/workers"])
    days = len(f["timeseries/day"])
    for table in ("events", "ledger", "escalations", "signals"):
        day = col(f, f"{table}/day")
        assert day.size == 0 or (day.min() >= 0 and day.max() < days), table
        assert np.all(np.diff(day) >= 0), f"{table} rows are not in day order"
        if f"{table}/household" in f:
            hh = col(f, f"{table}/household")
            assert hh.size == 0 or (hh.min() >= 0 and hh.max() < households(f)), table
        if f"{table}/worker" in f:
            w = col(f, f"{table}/worker")
            assert w.size == 0 or (w.min() >= 0 and w.max() < workers), table
    loc_bits = col(f, "households/locations").astype(np.int64)
    assert (loc_bits < (1 << len(f["provenance/collective_locations"]))).all()


def test_cost_per_toegeleid(f):
    s = f["summary"].attrs
    funnel = col(f, "summary/funnel")
    helped = funnel[-1, strings(f["summary/funnel"].attrs["columns"]).index("toegeleid")]
    if helped == 0:
        assert np.isnan(s["cost_per_toegeleid_eur"])
    else:
        assert np.isclose(s["cost_per_toegeleid_eur"], s["worker_cost_eur"] / helped)


def test_signals_about_provisions_and_network_counts_agree(f):
    s = f["summary"].attrs
    barriers = len(f["summary/provision_signals"].attrs["labels"])
    per_barrier = np.bincount(col(f, "provision_signals/barrier"), minlength=barriers)
    assert np.array_equal(per_barrier, col(f, "summary/provision_signals"))
    assert np.array_equal(col(f, "timeseries/provision_signals").sum(axis=0), per_barrier)
    assert col(f, "timeseries/referrals").sum() == s["referrals"]
    assert col(f, "timeseries/connected").sum() == s["connected"] == col(f, "households/connected").sum()
    imposed = col(f, "escalations/imposed")
    assert imposed.sum() == s["measures_imposed"]
