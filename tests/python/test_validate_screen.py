"""`buurtbereik validate --screen`: the one-at-a-time screening of the assumptions a scenario leaves
at their defaults prints a ranked table after the usual validation output and lists dominant
assumptions as warnings, with exit code 0; a bad --outcome is a usage error (exit 1) that names
the outcome, before anything is validated or run."""

from __future__ import annotations

import re

from bbutil import small_scenario

EXIT_USAGE = 1  # the exit codes documented at the top of sim/cli/main.cpp

ROW = re.compile(r"^\s+(\d+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+([\d.]+)%\s+\[")
WARNING = re.compile(
    r"^warning: assumption (\S+) \(default (\S+), (A.*)\) dominates helped\.totaal: its range "
    r"(\S+)\.\.(\S+) moves the mean from (\S+) to (\S+) \(([\d.]+)% of the base\)"
    r"(; its 95% interval of high-low, \[\S+, \S+\], includes 0: more replications tell it "
    r"from noise)?$")


def test_screen_prints_a_ranked_table_and_warnings(cli, tmp_path):
    path = tmp_path / "klein.yaml"
    path.write_text(small_scenario(households=300, days=30))
    proc = cli("validate", path, "--screen", "--replications", 2, "--threshold", 0.02,
               "--threads", 2)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].endswith("valid (300 households, 1 worker entries, 30 days)")
    head = next(line for line in lines if line.startswith("Screening of "))
    assert "for helped.totaal" in head and "2 replications on common random numbers" in head
    assert any("parameter" in line and "mean at low" in line and "mean at high" in line
               for line in lines)
    rows = [m for m in map(ROW.match, lines) if m]
    assert len(rows) == 10, proc.stdout
    assert [int(m.group(1)) for m in rows] == list(range(1, 11))
    swings = [float(m.group(7)) for m in rows]
    assert swings == sorted(swings, reverse=True), "rows are not ranked by swing"
    assert all(float(m.group(3)) < float(m.group(4)) for m in rows), "low is not below high"
    # Only assumptions at their defaults: not the figures the file sets, not evidence.
    screened = {m.group(2) for m in rows}
    assert not screened & {"buurt.households", "buurt.share_minimum_income",
                           "signals.follow_up_threshold_eur", "buurt.share_social_rent"}
    warnings = [WARNING.match(line) for line in lines if line.startswith("warning: assumption")]
    assert warnings and all(warnings), proc.stdout
    # Every row at or above the 2% threshold is a warning, in rank order.
    flagged = [m.group(2) for m in rows if float(m.group(7)) >= 2.0]
    assert [w.group(1) for w in warnings[:len(flagged)]] == flagged
    assert re.search(r"^\d+ assumptions? dominates? helped\.totaal$", proc.stdout, re.M)


def test_screen_rejects_an_unknown_outcome(cli, tmp_path):
    path = tmp_path / "klein.yaml"
    path.write_text(small_scenario(households=300, days=30))
    proc = cli("validate", path, "--screen", "--outcome", "helpd.totaal")
    assert proc.returncode == EXIT_USAGE
    assert "helpd.totaal" in proc.stderr and "did you mean 'helped.totaal'?" in proc.stderr
    assert proc.stdout == ""


def test_screen_options_need_screen(cli, tmp_path):
    path = tmp_path / "klein.yaml"
    path.write_text(small_scenario(households=300, days=30))
    proc = cli("validate", path, "--replications", 2)
    assert proc.returncode == EXIT_USAGE
    assert "--replications applies to --screen" in proc.stderr
