"""The HTML report of a study file: one self-contained file (PNG images embedded, no external
resources, no scripts) with the sections question, scenarios, results, plots, assumptions and
provenance; and the `python3 -m buurtbereik.report` command with its exit codes."""

from __future__ import annotations

import base64
import os
import re
import shutil
import subprocess
import sys

import h5py
import pytest
from bbutil import REPO

sys.path.insert(0, str(REPO / "python"))

import buurtbereik as bb  # noqa: E402
from buurtbereik.report import SECTION_IDS  # noqa: E402

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def report_nl(package_study, tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "rapport.html"
    assert bb.write_report(package_study[0], out) == out
    return out.read_text(encoding="utf-8")


def section(document: str, section_id: str) -> str:
    match = re.search(rf'<section id="{section_id}">(.*?)</section>', document, re.S)
    assert match, f"no section {section_id}"
    return match.group(1)


def test_report_is_self_contained(report_nl):
    assert report_nl.startswith("<!DOCTYPE html>") and '<html lang="nl">' in report_nl
    for external in ('src="http', "src='http", 'href="http', "<script", "<link", "url(",
                     "@import"):
        assert external not in report_nl, external
    sources = re.findall(r'<img [^>]*src="([^"]*)"', report_nl)
    # Reach over time for each of the three variants, hours and costs, the CE plane, escalations.
    assert len(sources) == 6
    for src in sources:
        assert src.startswith("data:image/png;base64,")
        assert base64.b64decode(src.split(",", 1)[1]).startswith(PNG_MAGIC)


def test_report_has_its_sections_in_order(report_nl):
    positions = [report_nl.index(f'<section id="{sid}">') for sid in SECTION_IDS]
    assert positions == sorted(positions)
    assert SECTION_IDS == ("question", "scenarios", "results", "plots", "assumptions",
                           "provenance")
    assert "<b>testbuurt</b>" in section(report_nl, "question")


def test_scenarios_show_only_changed_lines(report_nl):
    text = section(report_nl, "scenarios")
    assert "workers.werker.count" in text and "count: 3" in text and "count: 2" in text
    assert "weekdag_avond: 8" in text
    assert "buurt.households" not in text  # unchanged lines are left out


def test_results_have_estimates_comparisons_and_economics(report_nl, package_study):
    text = section(report_nl, "results")
    assert "helped.totaal" in text and "P(beter)" in text
    assert "cost_per_extra_helped" in text and "benefit_cost_ratio.gemeente" in text
    # The file's interval for drie-werkers' extra households helped, in Dutch notation.
    c = bb.open_study(package_study[0]).compare("drie-werkers").measure("extra_helped")
    lo = c.loc["drie-werkers", "lo"]
    assert f"{lo:.1f}".replace(".", ",") in text or f"{lo:.2f}".replace(".", ",") in text


def test_assumptions_are_listed(report_nl):
    text = section(report_nl, "assumptions")
    rows = re.findall(r"<tr><td class=\"mono\">([^<]+)</td>", text)
    assert len(rows) > 20
    assert "profiles.concentration" in rows and "collective_locations.buurthuis" in rows
    assert "A: test" in text and "niet gerangschikt" in text


def test_provenance(report_nl, package_study):
    text = section(report_nl, "provenance")
    with h5py.File(package_study[0], "r") as f:
        revision = f["provenance"].attrs["git_revision"]
        created = f["run_info"].attrs["created_utc"]
    for expected in (str(revision), str(created), "4242", "maximum aantal replicaties bereikt"):
        assert expected in text


def run_report(*args, cwd=None):
    env = dict(os.environ, PYTHONPATH=str(REPO / "python"))
    return subprocess.run([sys.executable, "-m", "buurtbereik.report", *map(str, args)],
                          capture_output=True, text=True, env=env, cwd=cwd, timeout=120)


def test_command_line_writes_an_english_report(package_study, tmp_path):
    out = tmp_path / "report.html"
    proc = run_report(package_study[0], "-o", out, "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""  # no warnings (e.g. about running a module of an imported package)
    document = out.read_text(encoding="utf-8")
    assert '<html lang="en">' in document
    assert "Assumptions in this scenario" in section(document, "assumptions")
    assert "replication cap reached" in section(document, "provenance")
    assert not list(tmp_path.glob(".*partial*"))


def test_command_line_exit_codes(package_study, package_run, tmp_path):
    out = tmp_path / "r.html"
    proc = run_report(package_run[0], "-o", out)
    assert proc.returncode == 2 and "single-run file" in proc.stderr and not out.exists()
    proc = run_report(tmp_path / "missing.h5", "-o", out)
    assert proc.returncode == 2 and "no such file" in proc.stderr
    bad = tmp_path / "v2.h5"
    shutil.copy(package_study[0], bad)
    with h5py.File(bad, "r+") as f:
        f.attrs["format_version"] = 2
    proc = run_report(bad, "-o", out)
    assert proc.returncode == 2 and "format_version is 2" in proc.stderr
    proc = run_report(package_study[0], "-o", tmp_path / "no" / "such" / "folder" / "r.html")
    assert proc.returncode == 3 and "cannot write the report" in proc.stderr
    assert run_report(package_study[0], "--lang", "de").returncode == 2  # usage error
