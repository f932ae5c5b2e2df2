"""Shared fixtures for the CLI and result-file tests: the `buurtbereik` binary, a small inline
scenario, runs of it, and one run of the default scenario that several test files reuse.

The binary is taken from $BUURTBEREIK_BIN, else <repo>/build/buurtbereik. A missing binary is a
test failure with instructions, never a skip.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from bbutil import DEFAULT_SCENARIO, REPO


def _binary() -> Path:
    return Path(os.environ.get("BUURTBEREIK_BIN", str(REPO / "build" / "buurtbereik"))).absolute()


@pytest.fixture(scope="session")
def bb_bin() -> Path:
    path = _binary()
    if not (path.is_file() and os.access(path, os.X_OK)):
        pytest.fail(
            f"buurtbereik binary not found at {path}. Build it first "
            "(cmake -S . -B build && cmake --build build --target buurtbereik) "
            "or point BUURTBEREIK_BIN at it.",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="session")
def cli(bb_bin):
    """cli(*args, cwd=REPO) -> CompletedProcess with text output; never raises on an exit code."""

    def run(*args, cwd=REPO, timeout=120, **kwargs):
        return subprocess.run(
            [str(bb_bin), *map(str, args)],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=timeout,
            **kwargs,
        )

    return run


@pytest.fixture(scope="session")
def run_scenario(cli):
    """run_scenario(text_or_path, out_h5, *extra_args) writes the scenario (if text), runs it and
    asserts success; returns the CompletedProcess."""

    def run(scenario, out: Path, *extra, scenario_name="scenario.yaml"):
        if isinstance(scenario, str):
            path = out.parent / scenario_name
            path.write_text(scenario)
        else:
            path = scenario
        proc = cli("run", path, "-o", out, *extra)
        assert proc.returncode == 0, f"run failed ({proc.returncode}):\n{proc.stderr}"
        assert out.is_file()
        return proc

    return run


@pytest.fixture(scope="session")
def default_run(tmp_path_factory, cli):
    """One run of the default scenario, shared by every test that needs a full-size file.

    Returns (path of the .h5 file, CompletedProcess). Run from the repository root with the
    scenario's relative path, as a user would.
    """
    folder = tmp_path_factory.mktemp("default_run")
    out = folder / "waterlandpleinbuurt.h5"
    proc = cli("run", DEFAULT_SCENARIO.relative_to(REPO), "-o", out)
    assert proc.returncode == 0, f"default scenario failed ({proc.returncode}):\n{proc.stderr}"
    return out, proc


@pytest.fixture(scope="session")
def default_h5(default_run):
    return default_run[0]
