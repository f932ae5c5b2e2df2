"""Determinism at the file level: the same scenario and seed give the same contents in every dataset
and attribute (except the provenance timestamp); another seed or replication gives other results;
--no-events changes nothing but the event log."""

from __future__ import annotations

import h5py
import pytest
from bbutil import contents, differences, small_scenario, text


@pytest.fixture(scope="module")
def scenario(tmp_path_factory):
    """One scenario file, so that runs of it also agree in /provenance@scenario_file."""
    path = tmp_path_factory.mktemp("scenario") / "testbuurt.yaml"
    path.write_text(small_scenario(seed=4242))
    return path


@pytest.fixture(scope="module")
def base(tmp_path_factory, run_scenario, scenario):
    out = tmp_path_factory.mktemp("base") / "a.h5"
    run_scenario(scenario, out, "-q")
    return out


def test_same_seed_same_contents(base, tmp_path, run_scenario, scenario):
    run_scenario(scenario, tmp_path / "b.h5", "-q")
    a, b = contents(base), contents(tmp_path / "b.h5")
    assert len(a) > 100
    assert not differences(a, b), f"identical runs differ in {differences(a, b)}"
    with h5py.File(base, "r") as f:  # the comparison is not vacuous
        assert len(f["events/day"]) > 0 and len(f["signals/day"]) > 0


def test_same_contents_from_another_scenario_path(base, tmp_path, run_scenario):
    # Only the scenario's text counts, not where it lies; scenario_file records the path given.
    run_scenario(small_scenario(seed=4242), tmp_path / "elders.h5", "-q", scenario_name="x.yaml")
    diff = differences(contents(base), contents(tmp_path / "elders.h5"))
    assert diff == ["/provenance@scenario_file"]


def test_other_seed_other_results(base, tmp_path, run_scenario):
    run_scenario(small_scenario(seed=4243), tmp_path / "c.h5", "-q")
    diff = differences(contents(base), contents(tmp_path / "c.h5"))
    assert "/provenance@seed" in diff
    assert any(k.startswith("/events/") for k in diff), "another seed gave the same event log"
    assert any(k.startswith("/households/") for k in diff), "another seed gave the same households"


def test_replication_differs_from_replication_zero(base, tmp_path, run_scenario, scenario):
    run_scenario(scenario, tmp_path / "r1.h5", "-q", "--replication", "1")
    diff = differences(contents(base), contents(tmp_path / "r1.h5"))
    assert "/provenance@replication" in diff
    assert any(k.startswith("/events/") for k in diff), "replication 1 repeated replication 0"
    with h5py.File(tmp_path / "r1.h5", "r") as f:
        assert int(f["provenance"].attrs["replication"]) == 1
        assert text(f["provenance/scenario_verbatim"][()]) == small_scenario(seed=4242)


def test_explicit_replication_zero_is_the_default(base, tmp_path, run_scenario, scenario):
    run_scenario(scenario, tmp_path / "r0.h5", "-q", "--replication", "0")
    assert not differences(contents(base), contents(tmp_path / "r0.h5"))


def test_no_events_changes_only_the_event_log(base, tmp_path, run_scenario, scenario):
    run_scenario(scenario, tmp_path / "ne.h5", "-q", "--no-events")
    diff = differences(contents(base), contents(tmp_path / "ne.h5"))
    assert diff and all(k == "/events@recorded" or k.startswith("/events/") for k in diff), diff
    with h5py.File(tmp_path / "ne.h5", "r") as f:
        assert int(f["events"].attrs["recorded"]) == 0
        assert all(len(f["events"][k]) == 0 for k in f["events"])
        assert int(f["summary"].attrs["attempts"]) > 0
