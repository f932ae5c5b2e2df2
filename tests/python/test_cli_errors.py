"""Bad input through the command line: a bad scenario exits with code 2 and a message naming the
file, line:column and key path; a result file that cannot be written exits with code 3; a bad
command line exits with code 1. In every case no result file and no partial file is left behind,
and an existing result file survives."""

from __future__ import annotations

import os
import re
import resource
import signal
from pathlib import Path

import pytest
from bbutil import DEFAULT_SCENARIO, small_scenario

EXIT_USAGE = 1  # the exit codes documented at the top of sim/cli/main.cpp
EXIT_SCENARIO = 2
EXIT_IO = 3


def leftovers(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if ".h5" in p.name)


def position(text: str, line_marker: str, token: str) -> tuple[int, int]:
    """1-based line and column of `token` on the only line containing `line_marker`."""
    lines = [(i, line) for i, line in enumerate(text.splitlines()) if line_marker in line]
    assert len(lines) == 1, f"marker {line_marker!r} must be on exactly one line"
    i, line = lines[0]
    return i + 1, line.index(token) + 1


# id: (replace this, with this, key path in the message, (line marker, token) the error points
# at, another part of the message)
CASES = {
    "unknown-key": (
        "  households: 800",
        "  housholds: 800",
        "buurt.housholds",
        ("housholds", "housholds"),
        "did you mean 'households'?",
    ),
    "unknown-worker-key": (
        "    allocation:",
        "    alocation:",
        "workers[0].alocation",
        ("alocation", "alocation"),
        "did you mean 'allocation'?",
    ),
    "wrong-type": (
        "  households: 800",
        "  households: veel",
        "buurt.households",
        ("households: veel", "veel"),
        "found 'veel'",
    ),
    "wrong-bool": (
        "    models: {hulp: 1.0}",
        "    protocol: {duo: ja}\n    models: {hulp: 1.0}",
        "workers[0].protocol.duo",
        ("duo: ja", "ja"),
        "true or false",
    ),
    "out-of-range": (
        '  share_minimum_income: {value: 0.3, source: "P4: AT5 2023"}',
        '  share_minimum_income: {value: 1.5, source: "P4: AT5 2023"}',
        "buurt.share_minimum_income",
        ("value: 1.5", "1.5"),
        "found '1.5'",
    ),
    "negative-count": (
        "    count: 2",
        "    count: -2",
        "workers[0].count",
        ("count: -2", "-2"),
        "found '-2'",
    ),
    "inconsistent-allocation": (  # points at the allocation map, i.e. its first entry
        "      voorlichting_collectief: 0.10",
        "      voorlichting_collectief: 0.30",
        "workers[0].allocation",
        ("huisbezoek_signaal: 0.55", "huisbezoek_signaal"),
        "shares summing to 1",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_scenario_is_reported_precisely(cli, tmp_path, case):
    old, new, key_path, (marker, token), message = CASES[case]
    good = small_scenario()
    assert good.count(old) == 1
    bad = good.replace(old, new)
    scenario = tmp_path / "bad.yaml"
    scenario.write_text(bad)
    line, column = position(bad, marker, token)
    proc = cli("run", scenario, "-o", tmp_path / "out" / "x.h5")
    assert proc.returncode == EXIT_SCENARIO, proc.stderr
    where = f"{scenario}:{line}:{column}: "
    assert where in proc.stderr, f"expected {where}\n{proc.stderr}"
    assert f"key '{key_path}'" in proc.stderr, proc.stderr
    assert message in proc.stderr, proc.stderr
    assert proc.stdout == ""
    assert leftovers(tmp_path) == []


def test_all_errors_are_reported_at_once(cli, tmp_path):
    bad = small_scenario().replace("  households: 800", "  housholds: 800").replace(
        "    count: 2", "    count: 0"
    )
    scenario = tmp_path / "bad.yaml"
    scenario.write_text(bad)
    proc = cli("validate", scenario)
    assert proc.returncode == EXIT_SCENARIO
    assert "2 errors" in proc.stderr
    assert "'buurt.housholds'" in proc.stderr and "'workers[0].count'" in proc.stderr


def test_malformed_yaml(cli, tmp_path):
    scenario = tmp_path / "broken.yaml"
    scenario.write_text(small_scenario().replace("  households: 800", "  households: [800"))
    proc = cli("run", scenario, "-o", tmp_path / "x.h5")
    assert proc.returncode == EXIT_SCENARIO
    m = re.search(re.escape(str(scenario)) + r":(\d+):(\d+): ", proc.stderr)
    assert m and int(m.group(1)) > 0 and int(m.group(2)) > 0, proc.stderr
    assert "malformed YAML" in proc.stderr
    assert leftovers(tmp_path) == []


def test_missing_scenario_file(cli, tmp_path):
    missing = tmp_path / "er-is-niets.yaml"
    proc = cli("run", missing, "-o", tmp_path / "x.h5")
    assert proc.returncode == EXIT_SCENARIO
    assert str(missing) in proc.stderr and "missing or unreadable" in proc.stderr
    assert leftovers(tmp_path) == []


def test_validate_and_show_reject_bad_scenarios_too(cli, tmp_path):
    scenario = tmp_path / "bad.yaml"
    scenario.write_text(small_scenario().replace("  households: 800", "  housholds: 800"))
    for args in (["validate", scenario], ["show", "--resolved", scenario]):
        proc = cli(*args)
        assert proc.returncode == EXIT_SCENARIO, args
        assert "did you mean 'households'?" in proc.stderr and proc.stdout == ""


def test_failed_run_keeps_an_existing_result(cli, tmp_path):
    out = tmp_path / "x.h5"
    out.write_bytes(b"an earlier result")
    scenario = tmp_path / "bad.yaml"
    scenario.write_text(small_scenario().replace("  households: 800", "  households: -1"))
    proc = cli("run", scenario, "-o", out)
    assert proc.returncode == EXIT_SCENARIO
    assert out.read_bytes() == b"an earlier result"
    assert leftovers(tmp_path) == ["x.h5"]


@pytest.fixture
def small(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(small_scenario(households=300, days=20))
    return path


def test_unwritable_output_in_proc(cli, small):
    target = Path("/proc/buurtbereik-test.h5")
    proc = cli("run", small, "-q", "-o", target)
    assert proc.returncode == EXIT_IO, proc.stderr
    assert str(target) in proc.stderr
    assert not list(Path("/proc").glob("buurtbereik-test.h5*"))


def test_output_folder_is_a_file(cli, tmp_path, small):
    (tmp_path / "afile").write_text("not a folder")
    proc = cli("run", small, "-q", "-o", tmp_path / "afile" / "x.h5")
    assert proc.returncode == EXIT_IO, proc.stderr
    assert "afile" in proc.stderr
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into a read-only folder")
def test_read_only_output_folder(cli, tmp_path, small):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        proc = cli("run", small, "-q", "-o", folder / "x.h5")
    finally:
        folder.chmod(0o755)
    assert proc.returncode == EXIT_IO, proc.stderr
    assert leftovers(tmp_path) == []


def test_write_failure_midway_leaves_no_partial_file(cli, tmp_path, small):
    # A file-size limit makes writes fail part-way, as a full disk would (SIGXFSZ ignored, so
    # write() returns EFBIG). The run must exit with code 3, remove its partial file and leave an
    # existing result alone.
    out = tmp_path / "x.h5"
    out.write_bytes(b"an earlier result")
    limit = 16 * 1024

    def limit_file_size():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)

    proc = cli("run", small, "-q", "-o", out, preexec_fn=limit_file_size)
    distinct = "\n".join(dict.fromkeys(proc.stderr.splitlines()))  # HDF5 repeats itself
    assert proc.returncode == EXIT_IO, f"exit code {proc.returncode}, stderr:\n{distinct}"
    assert f"cannot write {out}" in proc.stderr
    assert out.read_bytes() == b"an earlier result"
    assert leftovers(tmp_path) == ["x.h5"]


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["frobnicate"],
        ["run", DEFAULT_SCENARIO],
        ["run", DEFAULT_SCENARIO, "-o", "x.h5", "--replication", "-1"],
        ["run", DEFAULT_SCENARIO, "-o", "x.h5", "--no-such-option"],
    ],
    ids=["no-command", "unknown-command", "no-output", "bad-replication", "unknown-option"],
)
def test_usage_errors(cli, tmp_path, args):
    proc = cli(*args, cwd=tmp_path)
    assert proc.returncode == EXIT_USAGE, f"exit code {proc.returncode}:\n{proc.stderr}"
    assert proc.stderr.strip() and "--help" in proc.stderr
    assert leftovers(tmp_path) == []


def test_help_exits_zero(cli):
    proc = cli("--help")
    assert proc.returncode == 0 and "run" in proc.stdout and "validate" in proc.stdout


def test_validate_lists_warnings_apart_from_errors(cli, tmp_path):
    """A valid scenario's advice (figures without a source, assumption levers at their defaults)
    comes after 'valid', with its place; the exit code stays 0, and `run` repeats it on stderr."""
    path = tmp_path / "advies.yaml"
    path.write_text(
        "schema_version: 1\n"
        f"extends: {DEFAULT_SCENARIO}\n"
        "horizon_days: 30\n"
        "needs:\n  financien:\n    prevalence: 0.18\n"
        "workers:\n  - id: outreachwerker\n    models: {presentie: 1}\n",
        encoding="utf-8")
    proc = cli("validate", path)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].endswith("valid (6095 households, 1 worker entries, 30 days)")
    assert lines[1] == "2 warnings:"
    assert f"{path}:6:17: key 'needs.financien.prevalence': found a figure set without a source" \
        in lines[2]
    assert "key 'workers[0].models.presentie'" in lines[3] and "study sweep" in lines[3]
    run = cli("run", path, "-o", tmp_path / "advies.h5")
    assert run.returncode == 0 and "2 scenario warnings" in run.stderr
    quiet = cli("run", path, "-o", tmp_path / "advies.h5", "--quiet")
    assert quiet.returncode == 0 and "warning" not in quiet.stderr
