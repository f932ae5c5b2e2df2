"""Studies under mpirun: the (variant, replication) tasks spread over the ranks give one study file
identical to a single-process run in every dataset and attribute outside /run_info (which records
the executor, the command line and timing); every rank ends, and an error ends every rank with a
non-zero exit code and one message.

Skipped only when the binary was built without MPI, and then only if mpirun is absent too, so a
machine with MPI installed cannot skip these tests silently.
"""

from __future__ import annotations

import shutil
import subprocess

import h5py
import numpy as np
import pytest
from bbutil import small_scenario, text

MPIRUN = shutil.which("mpirun")
TIMEOUT = 300  # a hang (a rank waiting forever) fails instead of blocking the suite


@pytest.fixture(scope="module", autouse=True)
def mpi_build(cli):
    version = cli("--version")
    assert version.returncode == 0, version.stderr
    if "+mpi" not in version.stdout:
        assert MPIRUN is None, (
            "mpirun is installed but buurtbereik was built without MPI support "
            f"({version.stdout.strip()}); rebuild with libopenmpi-dev installed"
        )
        pytest.skip("buurtbereik built without MPI support (and no mpirun)")
    assert MPIRUN is not None, "buurtbereik has MPI support but mpirun is not on PATH"


@pytest.fixture(scope="module")
def mpirun(bb_bin):
    """mpirun(n, *args, cwd) -> CompletedProcess of `mpirun -n n buurtbereik args`."""

    def run(n, *args, cwd):
        return subprocess.run(
            [MPIRUN, "--allow-run-as-root", "--oversubscribe", "-n", str(n), str(bb_bin),
             *map(str, args)],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )

    return run


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """Two small scenarios (the alternative has a third worker) and study files of three variants
    (base, alternative, a sweep point), with absolute paths so that any working directory gives
    the same study."""
    d = tmp_path_factory.mktemp("mpi")
    base = d / "base.yaml"
    base.write_text(small_scenario(seed=4242, households=600, days=60))
    alt = d / "alt.yaml"
    alt.write_text(small_scenario(seed=4242, households=600, days=60).replace("count: 2", "count: 3"))
    head = (
        f"base: {base}\nalternatives:\n  - {{scenario: {alt}, name: meer-werkers}}\n"
        "sweep:\n  - {key: buurt.households, values: [500]}\n"
    )
    (d / "study.yaml").write_text(
        f"study: mpi-test\n{head}replications: 12\ncommon_random_numbers: true\n"
    )
    # Rounds of 10 under a target never met: execute() runs three times (10, 10, 5), so the
    # workers wait between rounds.
    (d / "rounds.yaml").write_text(
        f"study: mpi-rounds\n{head}replications: 25\nmin_replications: 10\n"
        "until: [helped_share.zorgmijder:0.000001]\n"
    )
    return d


def _attrs(obj) -> dict:
    return {name: obj.attrs[name] for name in obj.attrs}


def contents(path) -> dict:
    """Every dataset (dtype, shape, values) and attribute outside /run_info, by path."""
    out = {}

    def visit(name: str, obj) -> None:
        path_ = "/" + name if name else "/"
        if path_ == "/run_info" or path_.startswith("/run_info/"):
            return
        for k, v in _attrs(obj).items():
            out[f"{path_}@{k}"] = v
        if isinstance(obj, h5py.Dataset):
            out[path_] = (obj.dtype.str, obj.shape, obj[()])
        else:
            for child in obj:
                visit(f"{name}/{child}" if name else child, obj[child])

    with h5py.File(path, "r") as f:
        visit("", f)
    return out


def equal(a, b) -> bool:
    if isinstance(a, tuple):
        return a[:2] == b[:2] and equal(a[2], b[2])
    a, b = np.asarray(a), np.asarray(b)
    if a.shape != b.shape or a.dtype != b.dtype:
        return False
    if a.dtype.kind in "fc":
        return bool(np.array_equal(a, b, equal_nan=True))
    if a.dtype.kind == "O":
        return [text(x) for x in a.ravel()] == [text(x) for x in b.ravel()]
    return bool(np.array_equal(a, b))


def differences(a: dict, b: dict) -> list[str]:
    return sorted(k for k in set(a) | set(b) if k not in a or k not in b or not equal(a[k], b[k]))


def executor(path) -> str:
    with h5py.File(path, "r") as f:
        return text(f["run_info"].attrs["executor"])


def check_same(reference, path) -> None:
    a, b = contents(reference), contents(path)
    assert len(a) > 50
    assert not differences(a, b), f"MPI and single-process files differ in {differences(a, b)}"
    with h5py.File(path, "r") as f:  # not vacuous: every replication is there and finished
        for v in f["variants"].values():
            assert v["done"][()].all() and np.isfinite(v["series"][()]).all()


@pytest.fixture(scope="module")
def single(folder, cli):
    """The single-process study files, one thread."""
    out = {}
    for name in ("study", "rounds"):
        out[name] = folder / f"{name}-single.h5"
        p = cli("study", folder / f"{name}.yaml", "-o", out[name], "--threads", "1", "-q",
                cwd=folder)
        assert p.returncode == 0, p.stderr
    return out


@pytest.mark.parametrize("ranks", [2, 3])
def test_study_file_equals_single_process(ranks, folder, single, mpirun):
    out = folder / f"study-{ranks}.h5"
    # --threads is ignored under MPI (no error).
    p = mpirun(ranks, "study", folder / "study.yaml", "-o", out, "--threads", "7", cwd=folder)
    assert p.returncode == 0, p.stderr
    assert executor(out) == f"{ranks} MPI ranks"
    assert p.stdout.count(f"Wrote {out}") == 1, "only rank 0 prints"
    assert f"({ranks} MPI ranks," in p.stdout
    check_same(single["study"], out)


def test_rounds_keep_workers_between_executes(folder, single, mpirun):
    out = folder / "rounds-3.h5"
    p = mpirun(3, "study", folder / "rounds.yaml", "-o", out, "-q", cwd=folder)
    assert p.returncode == 0, p.stderr
    assert p.stdout == ""
    check_same(single["rounds"], out)
    with h5py.File(out, "r") as f:
        assert text(f.attrs["stop_reason"]) == "cap" and int(f.attrs["replications"]) == 25


def test_compare_and_run_replications(folder, cli, mpirun):
    for args in (
        ["compare", folder / "base.yaml", folder / "alt.yaml", "--replications", "6"],
        ["run", folder / "base.yaml", "--replications", "6"],
    ):
        ref, par = folder / f"{args[0]}-single.h5", folder / f"{args[0]}-mpi.h5"
        p = cli(*args, "-o", ref, "--threads", "1", "-q", cwd=folder)
        assert p.returncode == 0, p.stderr
        p = mpirun(2, *args, "-o", par, "-q", cwd=folder)
        assert p.returncode == 0, p.stderr
        assert executor(par) == "2 MPI ranks"
        check_same(ref, par)


def test_bad_study_file_fails_on_every_rank(folder, mpirun):
    bad = folder / "bad.yaml"
    bad.write_text(f"study: bad\nbase: {folder / 'missing.yaml'}\nreplications: 4\n")
    p = mpirun(3, "study", bad, "-o", folder / "bad.h5", cwd=folder)
    assert p.returncode == 2, p.stderr
    assert p.stderr.count("missing.yaml") == 1, "the error is printed by rank 0 only"
    assert not (folder / "bad.h5").exists()


def test_rank0_error_stops_the_workers(folder, single, mpirun):
    # The output exists: rank 0 refuses after the workers started serving; they all end with 3.
    p = mpirun(3, "study", folder / "study.yaml", "-o", single["study"], cwd=folder)
    assert p.returncode == 3, p.stderr
    assert p.stderr.count("use --force") == 1


def test_worker_failure_reaches_rank0(folder, bb_bin):
    # MPMD: rank 1 gets a study it cannot load; rank 0 fails with its message instead of waiting.
    out = folder / "mpmd.h5"
    p = subprocess.run(
        [MPIRUN, "--allow-run-as-root", "--oversubscribe",
         "-n", "1", str(bb_bin), "study", str(folder / "study.yaml"), "-o", str(out), "--force",
         "-q", ":",
         "-n", "1", str(bb_bin), "study", str(folder / "missing-study.yaml"), "-o", str(out),
         "--force", "-q"],
        cwd=folder, capture_output=True, text=True, timeout=TIMEOUT,
    )
    assert p.returncode != 0
    assert not out.exists()
    assert "MPI rank 1 failed" in p.stderr and "missing-study.yaml" in p.stderr


def test_worker_task_error_reaches_rank0(folder, bb_bin):
    # MPMD: rank 1 prepared a one-variant study, so the tasks of variants 1 and 2 throw there; rank
    # 0 rethrows the first error with its text, and every rank still ends (no hang).
    out = folder / "task-error.h5"
    p = subprocess.run(
        [MPIRUN, "--allow-run-as-root", "--oversubscribe",
         "-n", "1", str(bb_bin), "study", str(folder / "study.yaml"), "-o", str(out), "-q", ":",
         "-n", "1", str(bb_bin), "run", str(folder / "base.yaml"), "--replications", "12",
         "-o", str(out), "-q"],
        cwd=folder, capture_output=True, text=True, timeout=TIMEOUT,
    )
    assert p.returncode == 4, p.stderr
    assert "internal error: MPI rank 1: variant 1" in p.stderr or (
        "internal error: MPI rank 1: variant 2" in p.stderr
    ), p.stderr
    assert not out.exists()
