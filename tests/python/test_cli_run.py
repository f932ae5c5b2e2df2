"""`buurtbereik run` and `validate` through the command line: the default scenario runs and writes a
complete file, the printed summary speaks Dutch and agrees with the file, and every scenario in
scenarios/ is valid."""

from __future__ import annotations

import re

import h5py
import numpy as np
import pytest
from bbutil import REPO, small_scenario, text

DUTCH_TERMS = [
    "zelfredzaam",
    "zorgmisser",
    "zorgmijder",
    "toegeleid",
    "huisuitzetting",
    "huisbezoek_signaal",
    "EUR",
]


def test_default_scenario_writes_a_complete_file(default_run):
    out, proc = default_run
    assert proc.returncode == 0
    with h5py.File(out, "r") as f:
        assert text(f.attrs["filetype"]) == "buurtbereik-run"
        assert int(f.attrs["format_version"]) == 1
        assert int(f.attrs["complete"]) == 1
    assert [p.name for p in out.parent.iterdir()] == [out.name], "stray files next to the result"


def test_default_scenario_summary_is_dutch(default_run):
    out, proc = default_run
    missing = [t for t in DUTCH_TERMS if t not in proc.stdout]
    assert not missing, f"summary lacks {missing}:\n{proc.stdout}"
    assert f"Wrote {out}" in proc.stdout
    assert "error" not in proc.stderr.lower()


def test_printed_summary_agrees_with_the_file(default_run):
    out, proc = default_run
    with h5py.File(out, "r") as f:
        funnel = f["summary/funnel"][()]
        cols = [text(c) for c in f["summary/funnel"].attrs["columns"]]
        s = dict(f["summary"].attrs)
    total = re.search(r"^totaal((?:\s+\d+)+)\s*$", proc.stdout, re.M)
    assert total, f"no 'totaal' row in the summary:\n{proc.stdout}"
    printed = [int(x) for x in total.group(1).split()]
    shown = [
        "households", "in_need", "signalled", "contacted", "conversation", "toegeleid", "self_help"
    ]
    assert printed == [int(funnel[-1, cols.index(c)]) for c in shown]
    contact = re.search(r"(\d+) attempts, (\d+) contacts, (\d+) conversations", proc.stdout)
    assert contact and [int(x) for x in contact.groups()] == [
        s["attempts"], s["contacts"], s["conversations"]
    ]
    hours = re.search(r"^\s*total\s+([\d.]+) h$", proc.stdout, re.M)
    assert hours and np.isclose(float(hours.group(1)), s["hours_total"], atol=0.05)


def test_quiet_prints_nothing(cli, tmp_path):
    (tmp_path / "s.yaml").write_text(small_scenario(households=300, days=20))
    proc = cli("run", tmp_path / "s.yaml", "-q", "-o", tmp_path / "out.h5")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "" and proc.stderr == ""
    assert (tmp_path / "out.h5").is_file()


def test_run_creates_the_output_folder(cli, tmp_path):
    (tmp_path / "s.yaml").write_text(small_scenario(households=300, days=20))
    out = tmp_path / "new" / "deeper" / "out.h5"
    proc = cli("run", tmp_path / "s.yaml", "-q", "-o", out)
    assert proc.returncode == 0, proc.stderr
    assert [p.name for p in out.parent.iterdir()] == ["out.h5"]


SCENARIOS = sorted((REPO / "scenarios").glob("*.yaml"))


def test_there_are_scenarios():
    assert (REPO / "scenarios" / "waterlandpleinbuurt.yaml") in SCENARIOS


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[p.name for p in SCENARIOS])
def test_every_scenario_validates(cli, scenario):
    proc = cli("validate", scenario.relative_to(REPO))
    assert proc.returncode == 0, f"{scenario.name} is not valid:\n{proc.stderr}"
    assert "valid" in proc.stdout and proc.stderr == ""
