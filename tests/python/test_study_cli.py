"""Ensembles through the command line: `run --replications`, `compare` and `study` write one
study file whose content does not depend on the thread count; they refuse to overwrite, resume
after Ctrl-C without losing anything, stop on precision targets, and show progress on a
terminal only."""

from __future__ import annotations

import os
import pty
import signal
import subprocess
import time

import h5py
import numpy as np
import pytest
from bbutil import REPO, differences, small_scenario, strings, study_contents, text

EXIT_USAGE = 1
EXIT_IO = 3
EXIT_INTERRUPTED = 130


@pytest.fixture()
def scenario(tmp_path):
    path = tmp_path / "klein.yaml"
    path.write_text(small_scenario(households=400, days=60))
    return path


@pytest.fixture()
def more_hours(tmp_path):
    text_ = small_scenario(households=400, days=60).replace("count: 2", "count: 3")
    text_ = text_.replace("name: testbuurt", "name: drie-werkers")
    path = tmp_path / "drie.yaml"
    path.write_text(text_)
    return path


def test_threads_do_not_change_the_study_file(cli, scenario, tmp_path):
    outs = []
    for threads in (1, 2, 3):
        out = tmp_path / f"t{threads}.h5"
        proc = cli("run", scenario, "-o", out, "--replications", 7, "--threads", threads, "-q")
        assert proc.returncode == 0, proc.stderr
        outs.append(study_contents(out))
    assert differences(outs[0], outs[1]) == []
    assert differences(outs[0], outs[2]) == []


def test_study_file_holds_every_replication_and_its_estimates(cli, scenario, tmp_path):
    out = tmp_path / "s.h5"
    proc = cli("run", scenario, "-o", out, "--replications", 6, "--threads", 2)
    assert proc.returncode == 0, proc.stderr
    assert "6 replications, mean and 95% interval" in proc.stdout
    assert "helped.zorgmijder" in proc.stdout
    with h5py.File(out, "r") as f:
        assert text(f.attrs["filetype"]) == "buurtbereik-study"
        assert f.attrs["format_version"] == 1 and f.attrs["complete"] == 1
        assert text(f.attrs["status"]) == "finished" and text(f.attrs["stop_reason"]) == "cap"
        ids = strings(f["outcomes/id"])
        g = f["variants/testbuurt"]
        outcomes = g["outcomes"][()]
        assert outcomes.shape == (6, len(ids))
        assert list(g["done"][()]) == [1] * 6
        assert list(g["replication"][()]) == list(range(6))
        assert g["series"].shape == (6, 60, len(strings(f["series_columns/id"])))
        # Replications differ, and the stored estimates are the mean and t-interval of the rows.
        k = ids.index("contacted.totaal")
        assert len(set(outcomes[:, k])) > 1
        mean = outcomes[:, k].mean()
        sd = outcomes[:, k].std(ddof=1)
        est = g["estimates"]
        assert est["mean"][k] == pytest.approx(mean, rel=1e-12)
        assert est["sd"][k] == pytest.approx(sd, rel=1e-9)
        assert est["half_width"][k] == pytest.approx(2.570582 * sd / np.sqrt(6), rel=1e-6)
        # The cumulative series ends at the run's totals.
        cols = strings(f["series_columns/id"])
        helped = sum(g["series"][:, -1, cols.index(f"helped.{p}")]
                     for p in ("zelfredzaam", "zorgmisser", "zorgmijder"))
        assert np.array_equal(helped, outcomes[:, ids.index("helped.totaal")])


def test_compare_reports_paired_differences(cli, scenario, more_hours, tmp_path):
    out = tmp_path / "c.h5"
    proc = cli("compare", scenario, more_hours, "-o", out, "--replications", 8)
    assert proc.returncode == 0, proc.stderr
    assert "drie-werkers against testbuurt (8 paired replications, common random numbers)" in proc.stdout
    assert "EUR per extra household helped" in proc.stdout
    assert "woningcorporatie" in proc.stdout
    with h5py.File(out, "r") as f:
        assert strings(f["variants"].attrs["order"]) == ["testbuurt", "drie-werkers"]
        c = f["comparisons/drie-werkers"]
        ids = strings(f["outcomes/id"])
        k = ids.index("cost.workers")
        base = f["variants/testbuurt/outcomes"][:, k]
        alt = f["variants/drie-werkers/outcomes"][:, k]
        assert c["mean"][k] == pytest.approx((alt - base).mean())
        assert (alt > base).all() and c["p_better"][k] == 0.0  # more workers cost more
        p = c["p_better"][()]
        assert np.all((p[~np.isnan(p)] >= 0) & (p[~np.isnan(p)] <= 1))
        e = c["economics"]
        est = dict(zip(strings(e["measure"]), e["estimate"][()]))
        assert est["extra_worker_cost"] == pytest.approx((alt - base).mean())
        assert est["benefit_cost_ratio.woningcorporatie"] == pytest.approx(
            est["avoided_cost.woningcorporatie"] / est["extra_outreach_cost"])
        assert est["net_benefit.woningcorporatie"] == pytest.approx(
            est["avoided_cost.woningcorporatie"])  # the corporation pays no outreach
        assert est["net_benefit.gemeente"] == pytest.approx(
            est["avoided_cost.gemeente"] - est["extra_outreach_cost"])
        # Common random numbers: the same seed for both.
        assert f["variants/testbuurt"].attrs["seed"] == f["variants/drie-werkers"].attrs["seed"]


def test_compare_independent_uses_other_seeds(cli, scenario, more_hours, tmp_path):
    out = tmp_path / "i.h5"
    proc = cli("compare", scenario, more_hours, "-o", out, "--replications", 3, "--independent", "-q")
    assert proc.returncode == 0, proc.stderr
    with h5py.File(out, "r") as f:
        assert f["variants/testbuurt"].attrs["seed"] != f["variants/drie-werkers"].attrs["seed"]
        assert f["provenance"].attrs["common_random_numbers"] == 0


def test_a_finished_study_is_not_overwritten(cli, scenario, tmp_path):
    out = tmp_path / "s.h5"
    assert cli("run", scenario, "-o", out, "--replications", 2, "-q").returncode == 0
    before = out.read_bytes()
    proc = cli("run", scenario, "-o", out, "--replications", 2, "-q")
    assert proc.returncode == EXIT_IO
    assert "holds a finished study; use --force" in proc.stderr
    assert out.read_bytes() == before
    proc = cli("run", scenario, "-o", out, "--replications", 2, "--resume", "-q")
    assert proc.returncode == EXIT_IO and "nothing to resume" in proc.stderr
    assert cli("run", scenario, "-o", out, "--replications", 2, "--force", "-q").returncode == 0


def test_interrupted_study_resumes_to_the_uninterrupted_result(cli, bb_bin, scenario, tmp_path):
    reps = 300
    whole = tmp_path / "whole.h5"
    assert cli("run", scenario, "-o", whole, "--replications", reps, "-q").returncode == 0

    out = tmp_path / "part.h5"
    args = [str(bb_bin), "run", str(scenario), "-o", str(out), "--replications", str(reps),
            "--threads", "1", "--checkpoint-seconds", "0"]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while not out.exists() and time.time() < deadline and proc.poll() is None:
        time.sleep(0.01)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    if proc.returncode == 0:
        pytest.fail("the study finished before it could be interrupted; raise `reps`")
    assert proc.returncode == EXIT_INTERRUPTED, err
    assert "--resume" in err
    with h5py.File(out, "r") as f:
        assert f.attrs["complete"] == 0 and text(f.attrs["status"]) == "interrupted"
        saved = int(f["variants/testbuurt/done"][()].sum())
    assert 0 < saved < reps

    proc = cli("run", scenario, "-o", out, "--replications", reps, "-q")
    assert proc.returncode == EXIT_IO and "--resume" in proc.stderr  # not silently restarted
    proc = cli("run", scenario, "-o", out, "--replications", reps, "--resume", "-q")
    assert proc.returncode == 0, proc.stderr
    assert differences(study_contents(whole), study_contents(out)) == []


def test_precision_target_stops_early(cli, scenario, tmp_path):
    out = tmp_path / "p.h5"
    proc = cli("run", scenario, "-o", out, "--replications", 200, "--until",
               "contacted.totaal:1000")
    assert proc.returncode == 0, proc.stderr
    assert "every precision target met after 10 replications" in proc.stdout
    with h5py.File(out, "r") as f:
        assert text(f.attrs["stop_reason"]) == "precision"
        assert f["variants/testbuurt/outcomes"].shape[0] == 10
        assert strings(f["provenance/until"]) == ["contacted.totaal:1000"]


@pytest.mark.parametrize("target, message", [
    ("helped.totall:2", "did you mean 'helped.totaal'"),
    ("helped.totaal", "expected OUTCOME:HALF_WIDTH"),
    ("helped.totaal:0", "is not a positive number"),
])
def test_bad_precision_targets_are_usage_errors(cli, scenario, tmp_path, target, message):
    out = tmp_path / "x.h5"
    proc = cli("run", scenario, "-o", out, "--replications", 5, "--until", target)
    assert proc.returncode == EXIT_USAGE
    assert message in proc.stderr
    assert not out.exists()


def test_study_file_with_alternatives_and_sweep(cli, scenario, more_hours, tmp_path):
    study = tmp_path / "studie.yaml"
    study.write_text(
        "study: uren-en-buurtgrootte\n"
        f"base: {scenario.name}\n"
        f"alternatives: [{{scenario: {more_hours.name}, name: drie}}]\n"
        "sweep:\n"
        "  - {key: buurt.households, values: [300, 500]}\n"
        "replications: 3\n")
    out = tmp_path / "studie.h5"
    proc = cli("study", study, "-o", out)
    assert proc.returncode == 0, proc.stderr
    with h5py.File(out, "r") as f:
        assert strings(f["variants"].attrs["order"]) == [
            "testbuurt", "drie", "buurt.households=300", "buurt.households=500"]
        assert text(f["provenance/study_verbatim"][()]) == study.read_text()
        ids = strings(f["outcomes/id"])
        assert list(f["comparisons"]) == sorted(["drie", "buurt.households=300",
                                                  "buurt.households=500"])
        k = ids.index("in_need.totaal")
        assert (f["variants/buurt.households=500/outcomes"][:, k]
                > f["variants/buurt.households=300/outcomes"][:, k]).all()


def test_progress_only_on_a_terminal(bb_bin, scenario, tmp_path):
    master, slave = pty.openpty()
    out = tmp_path / "tty.h5"
    proc = subprocess.run([str(bb_bin), "run", str(scenario), "-o", str(out), "--replications",
                           "20", "--threads", "1"], stdout=subprocess.PIPE, stderr=slave,
                          timeout=120)
    os.close(slave)
    shown = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(master)
    assert proc.returncode == 0
    shown = shown.decode()
    assert "replications 20/20 (100%)" in shown
    assert "/s" in shown and "to go" in shown
    # Not a terminal: no progress at all.
    quiet = subprocess.run([str(bb_bin), "run", str(scenario), "-o", str(tmp_path / "p.h5"),
                            "--replications", "3"], capture_output=True, text=True, timeout=120)
    assert quiet.returncode == 0 and "replications 3/3" not in quiet.stderr


STUDY_FILES = sorted((REPO / "scenarios" / "studies").glob("*.yaml"))


@pytest.mark.parametrize("study", STUDY_FILES, ids=[p.stem for p in STUDY_FILES])
def test_every_example_study_runs(cli, study, tmp_path):
    out = tmp_path / f"{study.stem}.h5"
    proc = cli("study", study, "-o", out, "--replications", 2, "--threads", 2)
    assert proc.returncode == 0, proc.stderr
    with h5py.File(out, "r") as f:
        assert f.attrs["complete"] == 1 and f.attrs["replications"] == 2
        assert len(strings(f["variants"].attrs["order"])) >= 2


def test_example_studies_exist():
    assert STUDY_FILES, "scenarios/studies/ holds no study file"


def test_single_run_never_replaces_a_study_and_study_options_need_replications(cli, scenario,
                                                                                 tmp_path):
    out = tmp_path / "s.h5"
    assert cli("run", scenario, "-o", out, "--replications", 2, "-q").returncode == 0
    before = out.read_bytes()
    proc = cli("run", scenario, "-o", out, "-q")
    assert proc.returncode == EXIT_IO and "holds a study; use --force" in proc.stderr
    proc = cli("run", scenario, "-o", out, "--resume", "-q")
    assert proc.returncode == EXIT_USAGE and "--resume applies to studies" in proc.stderr
    assert out.read_bytes() == before
    assert cli("run", scenario, "-o", out, "--force", "-q").returncode == 0
    with h5py.File(out, "r") as f:
        assert text(f.attrs["filetype"]) == "buurtbereik-run"
