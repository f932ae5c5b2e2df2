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


# --- Files for the tests of the buurtbereik Python package (test_package_*.py) -------------------
# Small scenarios (bbutil.small_scenario) run by the real CLI once per session.


@pytest.fixture(scope="session")
def package_run(tmp_path_factory, run_scenario):
    """One small run file: (path, CompletedProcess) of `run` on small_scenario() (90 days)."""
    from bbutil import small_scenario

    folder = tmp_path_factory.mktemp("package_run")
    out = folder / "klein.h5"
    proc = run_scenario(small_scenario(), out)
    return out, proc


@pytest.fixture(scope="session")
def package_study(tmp_path_factory, cli):
    """A comparison study file: a base (two workers), three workers and evening hours, six
    replication pairs of a year in 1,000 households; (path, CompletedProcess)."""
    from bbutil import small_scenario

    folder = tmp_path_factory.mktemp("package_study")
    base = small_scenario(households=1000, days=365)
    paths = {"klein": base,
             "drie": base.replace("count: 2", "count: 3")
                         .replace("name: testbuurt", "name: drie-werkers"),
             "avond": base.replace("weekdag_dag: 22, weekdag_avond: 4, weekend: 1",
                                   "weekdag_dag: 16, weekdag_avond: 8, weekend: 3")
                          .replace("name: testbuurt", "name: avond")}
    for name, text_ in paths.items():
        (folder / f"{name}.yaml").write_text(text_)
    out = folder / "vergelijking.h5"
    proc = cli("compare", folder / "klein.yaml", folder / "drie.yaml", folder / "avond.yaml",
               "-o", out, "--replications", 6, "-q")
    assert proc.returncode == 0, f"compare failed ({proc.returncode}):\n{proc.stderr}"
    return out, proc


@pytest.fixture(scope="session")
def package_ensemble(tmp_path_factory, cli):
    """A single-variant study file: `run --replications 5` of small_scenario(); its path."""
    from bbutil import small_scenario

    folder = tmp_path_factory.mktemp("package_ensemble")
    scenario = folder / "klein.yaml"
    scenario.write_text(small_scenario(households=400, days=60))
    out = folder / "ensemble.h5"
    proc = cli("run", scenario, "-o", out, "--replications", 5, "-q")
    assert proc.returncode == 0, f"run --replications failed ({proc.returncode}):\n{proc.stderr}"
    return out


@pytest.fixture(scope="session")
def engine(bb_bin):
    """The compiled engine as `buurtbereik.engine`, from the build folder of the binary under test
    (<build>/python). A missing module is a failure with instructions, never a skip."""
    import sys

    from bbutil import REPO

    module_dir = bb_bin.parent / "python"
    if not list(module_dir.glob("_buurtbereik*.so")):
        pytest.fail(f"the engine module _buurtbereik is not built in {module_dir}; build it "
                    "(cmake --build build) with BUURTBEREIK_BUILD_PYTHON=ON", pytrace=False)
    for path in (str(REPO / "python"), str(module_dir)):
        if path not in sys.path:
            sys.path.insert(0, path)
    import buurtbereik.engine

    return buurtbereik.engine
