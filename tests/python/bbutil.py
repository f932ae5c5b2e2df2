"""Helpers shared by the pytest files: paths, the small inline scenario and HDF5 reading."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import h5py
import numpy as np

REPO = Path(__file__).resolve().parents[2]
DEFAULT_SCENARIO = REPO / "scenarios" / "waterlandpleinbuurt.yaml"

# A small scenario (800 households, 90 days by default) that runs in well under a second; seed,
# households and days are filled in by small_scenario(), everything else is fixed here.
SMALL_SCENARIO = """\
# A small test buurt: two workers by the help model, two collective locations.
schema_version: 1
name: testbuurt
seed: {seed}
horizon_days: {days}
buurt:
  households: {households}
  share_minimum_income: {{value: 0.3, source: "P4: AT5 2023"}}
  share_social_rent: 0.8
signals:
  follow_up_threshold_eur: {{value: 75, source: "F10: Divosa 2024"}}
collective_locations:
  - {{id: buurthuis, eligible: alle, membership: 0.10, source: "A: test"}}
  - {{id: basisschool, eligible: met_kinderen, membership: 0.50, source: "A: test"}}
workers:
  - id: werker
    count: 2
    contract_hours_per_week: 36
    hourly_cost_eur: 75
    schedule: {{weekdag_dag: 22, weekdag_avond: 4, weekend: 1}}
    allocation:
      huisbezoek_signaal: 0.55
      huisbezoek_alle: 0.20
      aanwezig_openbaar: 0.15
      voorlichting_collectief: 0.10
    models: {{hulp: 1.0}}
"""


def small_scenario(seed: int = 4242, households: int = 800, days: int = 90) -> str:
    return SMALL_SCENARIO.format(seed=seed, households=households, days=days)


def text(value) -> str:
    """An HDF5 string (dataset value or attribute) as str."""
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, np.ndarray) and value.shape == ():
        return text(value[()])
    return str(value)


def strings(values) -> list[str]:
    return [text(v) for v in np.asarray(values).ravel()]


def walk(f: h5py.File) -> dict[str, h5py.HLObject]:
    """Every group and dataset below the root, by absolute path."""
    objects: dict[str, h5py.HLObject] = {}
    f.visititems(lambda name, obj: objects.__setitem__("/" + name, obj))
    return objects


# Attributes that legitimately differ between two runs of the same scenario, seed and replication.
VOLATILE = {("/provenance", "created_utc")}


def contents(path) -> dict:
    """Every dataset's values and every attribute (of root, groups and datasets), by path."""
    out = {}
    with h5py.File(path, "r") as f:
        objects = {"/": f, **walk(f)}
        for p, obj in objects.items():
            if isinstance(obj, h5py.Dataset):
                out[p] = (obj.dtype.str, obj.shape, obj[()])
            for name in obj.attrs:
                if (p, name) not in VOLATILE:
                    out[f"{p}@{name}"] = obj.attrs[name]
    return out


def same(a, b) -> bool:
    if isinstance(a, tuple):
        return a[:2] == b[:2] and same(a[2], b[2])
    a, b = np.asarray(a), np.asarray(b)
    if a.dtype.kind in "fc":  # bitwise, so NaN == NaN and -0.0 != 0.0
        return a.shape == b.shape and a.dtype == b.dtype and a.tobytes() == b.tobytes()
    return a.shape == b.shape and np.array_equal(a, b)


def differences(a: dict, b: dict) -> list[str]:
    """Paths (and path@attribute) whose contents differ or that only one side has."""
    keys = set(a) | set(b)
    return sorted(k for k in keys if k not in a or k not in b or not same(a[k], b[k]))


def study_contents(path) -> dict:
    """contents() of a study file without /run_info, which records how (not what) it ran."""
    return {k: v for k, v in contents(path).items() if not k.startswith("/run_info")}


def run_doc_python(doc: Path, bb_bin: Path, tmp_path: Path, timeout: int = 300) -> int:
    """Runs every ```python block of `doc` as written, with "results/ redirected to `tmp_path`,
    the package and the built engine module on the path; fails naming the block. Returns the
    number of blocks run (a document without one is a failure)."""
    import pytest

    blocks = re.findall(r"```python\n(.*?)```", doc.read_text(encoding="utf-8"), flags=re.S)
    if not blocks:
        pytest.fail(f"{doc.name} has no ```python block")
    env = dict(os.environ, PYTHONPATH=f"{REPO / 'python'}:{bb_bin.parent / 'python'}",
               MPLBACKEND="Agg")
    for code in blocks:
        code = code.replace('"results/', f'"{tmp_path}/')
        proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env,
                              capture_output=True, text=True, timeout=timeout)
        assert proc.returncode == 0, f"{doc.name} example failed:\n{code}\n{proc.stderr}"
    return len(blocks)

