"""results/README-study-files.md documents the study file, and a real study file matches it: every group,
dataset and attribute is listed with its dtype and unit, nothing is listed that the file lacks, and
the page's h5py/pandas example runs. docs/studies.md lists every outcome id.

Conventions parsed here: a table row whose first cell is a backticked absolute path; `/a/b` rows of
the "Groups and datasets" table have the cells shape, dtype, unit, meaning (shape `group` for a
group); `/a/b@name` rows have type, meaning. `<variant>` and `<alternative>` stand for names.
"""

from __future__ import annotations

import re
import subprocess
import sys

import h5py
import pytest
from bbutil import DEFAULT_SCENARIO, REPO, strings

PAGE = REPO / "results" / "README-study-files.md"
ROW = re.compile(r"^\|\s*`(/[^`]*)`\s*\|(.*)\|\s*$")
DATASET_ATTRS = {"unit", "description", "columns", "labels"}


def rows() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for number, line in enumerate(PAGE.read_text(encoding="utf-8").splitlines(), 1):
        m = ROW.match(line)
        if m:
            key = m.group(1)
            assert key not in out, f"{PAGE.name}:{number}: `{key}` is documented twice"
            out[key] = [c.strip() for c in m.group(2).split("|")]
    return out


ROWS = rows()


@pytest.fixture(scope="module")
def study(tmp_path_factory, cli):
    folder = tmp_path_factory.mktemp("study_layout")
    out = folder / "avond.h5"
    alt = REPO / "scenarios" / "waterlandpleinbuurt-avond.yaml"
    proc = cli("compare", DEFAULT_SCENARIO, alt, "-o", out, "--replications", 2, "-q")
    assert proc.returncode == 0, proc.stderr
    return out


def generic(path: str, variants: set[str], alternatives: set[str]) -> str:
    parts = path.split("/")
    if len(parts) > 2 and parts[1] == "variants" and parts[2] in variants:
        parts[2] = "<variant>"
    if len(parts) > 2 and parts[1] == "comparisons" and parts[2] in alternatives:
        parts[2] = "<alternative>"
    return "/".join(parts)


def file_entries(path) -> dict[str, tuple]:
    """generic path -> ('group',) | ('dataset', dtype kind, unit) | ('attr',)."""
    out: dict[str, tuple] = {}
    with h5py.File(path, "r") as f:
        variants = set(strings(f["variants"].attrs["order"]))
        alternatives = set(f["comparisons"]) if "comparisons" in f else set()

        def visit(name, obj):
            key = generic("/" + name, variants, alternatives)
            if isinstance(obj, h5py.Dataset):
                unit = obj.attrs["unit"]
                out[key] = ("dataset", obj.dtype, unit if unit else "—")
                extra = set(obj.attrs) - DATASET_ATTRS
                assert not extra, f"{key} has undocumented attributes {extra}"
                assert obj.attrs["description"], f"{key} has no description"
            else:
                out[key] = ("group",)
                for a in obj.attrs:
                    out[f"{key}@{a}"] = ("attr",)

        for a in f.attrs:
            out[f"/@{a}"] = ("attr",)
        f.visititems(visit)
    return out


def test_page_parses():
    assert len(ROWS) > 60


def test_every_object_is_documented_and_nothing_else(study):
    entries = file_entries(study)
    assert sorted(set(entries) - set(ROWS)) == [], "in the file but not in results/README-study-files.md"
    assert sorted(set(ROWS) - set(entries)) == [], "documented but not in the file"


DTYPES = {"float64": "f8", "int64": "i8", "int32": "i4", "uint64": "u8", "uint8": "u1"}


def test_dtypes_and_units_match(study):
    for key, entry in file_entries(study).items():
        if entry[0] != "dataset":
            continue
        shape, dtype, unit = ROWS[key][0], ROWS[key][1], ROWS[key][2]
        if dtype == "string":
            assert entry[1].kind == "O", key
        else:
            assert entry[1] == DTYPES[dtype], f"{key}: {entry[1]} documented as {dtype}"
        assert entry[2] == unit, f"{key}: unit {entry[2]!r} documented as {unit!r}"
        assert shape != "group", key


def test_every_outcome_is_explained_in_docs(study):
    docs = (REPO / "docs" / "studies.md").read_text(encoding="utf-8")
    with h5py.File(study, "r") as f:
        for section in ("outcomes", "series_columns"):
            for oid in strings(f[f"{section}/id"]):
                assert f"`{oid}`" in docs, f"{section} id {oid} is not in docs/studies.md"


def test_the_example_runs(study, tmp_path):
    code = PAGE.read_text(encoding="utf-8").split("```python\n")[1].split("```")[0]
    code = code.replace("results/avond.h5", str(study))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "waterlandpleinbuurt-avond" in proc.stdout
