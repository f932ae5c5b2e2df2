"""The engine from Python (buurtbereik.engine, the pybind11 module): the same results as the
command line, its error messages as ScenarioError, numpy views of the households, changed
scenarios, and studies that release the GIL."""

from __future__ import annotations

import threading

import numpy as np
import pytest
from bbutil import DEFAULT_SCENARIO, contents, differences, small_scenario, study_contents


@pytest.fixture()
def scenario_file(tmp_path):
    path = tmp_path / "klein.yaml"
    path.write_text(small_scenario(households=500, days=60))
    return path


def test_simulation_writes_what_the_cli_writes(engine, cli, scenario_file, tmp_path):
    via_cli = tmp_path / "cli.h5"
    assert cli("run", scenario_file, "-o", via_cli, "-q").returncode == 0
    sim = engine.Simulation(engine.Scenario.load(str(scenario_file)))
    sim.run()
    via_python = tmp_path / "python.h5"
    sim.write(str(via_python))
    assert differences(contents(via_cli), contents(via_python)) == []


def test_summary_equals_the_cli_summary(engine, default_run):
    _, proc = default_run
    sim = engine.Simulation(engine.Scenario.load(str(DEFAULT_SCENARIO)))
    sim.run()
    s = sim.summary()
    total = s["funnel"]["totaal"]
    # The CLI's funnel row for all households: "totaal <households> <in need> <signalled> ...".
    row = next(line.split() for line in proc.stdout.splitlines() if line.startswith("totaal"))
    assert [int(x) for x in row[1:8]] == [total[k] for k in (
        "households", "in_need", "signalled", "contacted", "conversation", "toegeleid",
        "self_help")]
    assert s["worker_cost_eur"] > 0 and s["days"] == 365


def test_scenario_errors_carry_the_cli_message(engine, cli, tmp_path):
    bad = tmp_path / "fout.yaml"
    bad.write_text(small_scenario().replace("  households: 800", "  housholds: 800"))
    proc = cli("validate", bad)
    assert proc.returncode == 2
    with pytest.raises(engine.ScenarioError) as err:
        engine.Scenario.load(str(bad))
    assert isinstance(err.value, ValueError)
    assert proc.stderr.strip() == f"error: {err.value}"
    issue = err.value.issues[0]
    assert issue["key_path"] == "buurt.housholds" and issue["hint"] == "did you mean 'households'?"
    assert engine.Scenario.validate(str(bad)) == [m.strip() for m in str(err.value).splitlines()[1:]]
    assert engine.Scenario.validate(str(DEFAULT_SCENARIO)) == []


def test_households_are_read_only_views_that_follow_the_simulation(engine, scenario_file):
    sim = engine.Simulation(engine.Scenario.load(str(scenario_file)))
    h = sim.households()
    assert h["needs"].shape == (500, len(engine.labels["domain"]))
    assert not h["state"].flags.writeable and not h["state"].flags.owndata
    before = np.array(h["first_contact_day"])
    for _ in range(30):
        sim.step()
    assert sim.day == 30
    assert not np.array_equal(before, h["first_contact_day"])  # the view sees the new state
    counts = np.bincount(h["state"], minlength=len(engine.labels["state"]))
    assert dict(zip(engine.labels["state"], counts.tolist())) == sim.state_counts()
    with pytest.raises(ValueError):
        h["trust"][0] = 1.0
    del sim  # the arrays keep the simulation alive
    assert h["trust"].sum() > 0
    with pytest.raises(RuntimeError):
        s = engine.Simulation(engine.Scenario.load(str(scenario_file)))
        s.run()
        s.step()


def test_with_changes_validates_the_changed_scenario(engine, scenario_file):
    sc = engine.Scenario.load(str(scenario_file))
    changed = sc.with_changes({"buurt.households": 700, "workers.werker.count": 3,
                               "horizon_days": 30})
    assert (changed.households, changed.horizon_days) == (700, 30)
    assert "count: 3" in changed.text and sc.households == 500
    with pytest.raises(engine.ScenarioError, match="did you mean 'households'"):
        sc.with_changes({"buurt.housholds": 700})
    with pytest.raises(engine.ScenarioError, match="no element 'niemand'"):
        sc.with_changes({"workers.niemand.count": 1})


def test_run_and_compare_release_the_gil(engine, scenario_file, tmp_path):
    sc = engine.Scenario.load(str(scenario_file))
    ticks = 0
    stop = threading.Event()

    def count():
        nonlocal ticks
        while not stop.is_set():
            ticks += 1

    thread = threading.Thread(target=count)
    thread.start()
    try:
        result = engine.run(sc, str(tmp_path / "r.h5"), replications=40, threads=1)
        during_run = ticks
        seen = []
        engine.compare(sc, [sc.with_changes({"workers.werker.count": 3})],
                       str(tmp_path / "c.h5"), replications=20, threads=1,
                       progress=lambda done, total: seen.append((done, total)))
    finally:
        stop.set()
        thread.join()
    assert result["replications"] == 40 and result["stop_reason"] == "cap"
    assert during_run > 1000, "the Python thread did not run while the study ran"
    assert seen[-1] == (40, 40)


def test_python_study_equals_the_cli_study(engine, cli, scenario_file, tmp_path):
    assert cli("run", scenario_file, "-o", tmp_path / "cli.h5", "--replications", 4, "-q",
               "--threads", 1).returncode == 0
    engine.run(str(scenario_file), str(tmp_path / "py.h5"), replications=4, threads=2)
    assert differences(study_contents(tmp_path / "cli.h5"),
                       study_contents(tmp_path / "py.h5")) == []
    with pytest.raises(engine.OutputExistsError, match="use --force"):
        engine.run(str(scenario_file), str(tmp_path / "py.h5"), replications=4)


def test_paths_and_names(engine, scenario_file, tmp_path):
    """pathlib.Path works wherever a path does, and with_changes can rename (variant names)."""
    sc = engine.Scenario.load(scenario_file)  # a Path, not a str
    assert engine.Scenario.validate(scenario_file) == []
    renamed = sc.with_changes({"workers.werker.count": 3}, name="drie-werkers")
    assert renamed.name == "drie-werkers"
    result = engine.compare(scenario_file, [renamed], tmp_path / "c.h5", replications=2)
    assert result["variants"] == ["testbuurt", "drie-werkers"]
    sim = engine.Simulation(sc)
    sim.run()
    sim.write(tmp_path / "run.h5")
    assert (tmp_path / "run.h5").is_file()


def test_an_exception_in_progress_stops_the_study_and_is_raised(engine, scenario_file, tmp_path):
    import h5py

    def progress(done, total):
        if done >= 3:
            raise ValueError("genoeg")

    out = tmp_path / "stopped.h5"
    with pytest.raises(ValueError, match="genoeg"):
        engine.run(scenario_file, out, replications=50, threads=1, progress=progress)
    with h5py.File(out, "r") as f:  # the checkpoint is there, to resume from
        assert f.attrs["complete"] == 0
    result = engine.run(scenario_file, out, replications=50, threads=1, resume=True)
    assert result["replications"] == 50


def test_a_running_simulation_refuses_other_calls(engine, tmp_path):
    big = engine.Scenario.parse(small_scenario(households=3000, days=365), "groot.yaml")
    sim = engine.Simulation(big)
    errors = []
    thread = threading.Thread(target=sim.run)
    thread.start()
    try:
        while thread.is_alive() and not errors:
            try:
                sim.summary()
            except RuntimeError as e:
                errors.append(str(e))
    finally:
        thread.join()
    assert errors and "running in another thread" in errors[0]
    assert sim.done and sim.summary()["days"] == 365
