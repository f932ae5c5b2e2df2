"""results/README.md documents the result file, and the file matches it: every group, dataset and
group attribute of a real run is documented with its shape, dtype, unit and labels, nothing is
documented that the file lacks, and the README's h5py example runs.

README convention parsed here: a table row whose first cell is a backticked absolute path,
`/group/dataset` (columns: shape, dtype, unit, labels, meaning), `/group` (groups), or `/group@attr`
(columns: type, meaning); a row `Name` (CamelCase) of the Codes table lists labels in code order;
a row `symbol` | rows | `/path` defines a shape symbol as the length of that dataset.
"""

from __future__ import annotations

import re

import h5py
import numpy as np
import pytest
from bbutil import REPO, strings, walk

README = REPO / "results" / "README.md"
ROW = re.compile(r"^\|\s*`([^`]+)`\s*\|(.*)\|\s*$")
TICKED = re.compile(r"`([^`]+)`")
NO_UNIT = "—"


def readme_rows() -> dict[str, list[str]]:
    rows: dict[str, list[str]] = {}
    for number, line in enumerate(README.read_text(encoding="utf-8").splitlines(), 1):
        m = ROW.match(line)
        if not m:
            continue
        key, cells = m.group(1), [c.strip() for c in m.group(2).split("|")]
        assert key not in rows, f"results/README.md:{number}: `{key}` is documented twice"
        rows[key] = cells
    return rows


ROWS = readme_rows()
ATTRIBUTES = {k: v for k, v in ROWS.items() if k.startswith("/") and "@" in k}
OBJECTS = {k: v for k, v in ROWS.items() if k.startswith("/") and "@" not in k}
DATASETS = {k: v for k, v in OBJECTS.items() if len(v) >= 5}
CODE_LISTS = {
    k: TICKED.findall(v[0]) for k, v in ROWS.items() if re.fullmatch(r"[A-Z][A-Za-z]+", k)
}
SYMBOLS = {
    k: v[1].strip("`")
    for k, v in ROWS.items()
    if re.fullmatch(r"[a-z_]+", k) and len(v) >= 2 and re.fullmatch(r"`/[^`]+`", v[1])
}


def test_readme_parses():
    # Guards the parser itself: if the README's table format drifts, fail here, not vacuously.
    assert len(DATASETS) > 50, "too few dataset rows parsed from results/README.md"
    assert len(ATTRIBUTES) > 20 and len(CODE_LISTS) >= 13 and len(SYMBOLS) >= 8


@pytest.fixture(scope="module")
def h5(default_h5):
    with h5py.File(default_h5, "r") as f:
        yield f


def type_name(dtype, shape) -> str:
    base = "string" if h5py.check_string_dtype(dtype) else np.dtype(dtype).name
    return base + ("[]" if shape not in ((), None) else "")


def test_every_group_and_dataset_is_documented_and_exists(h5):
    in_file = set(walk(h5))
    documented = set(OBJECTS)
    missing = sorted(in_file - documented)
    stale = sorted(documented - in_file)
    assert not missing, f"in the file but not documented in results/README.md: {missing}"
    assert not stale, f"documented in results/README.md but not in the file: {stale}"
    for path, obj in walk(h5).items():
        is_dataset_row = path in DATASETS
        assert is_dataset_row == isinstance(obj, h5py.Dataset), (
            f"{path} is a {type(obj).__name__} but README documents it as a "
            f"{'dataset' if is_dataset_row else 'group'}"
        )


def test_every_group_attribute_is_documented_with_its_type(h5):
    found = {}
    groups = [("/", h5)] + [(p, o) for p, o in walk(h5).items() if isinstance(o, h5py.Group)]
    for path, group in groups:
        for name in group.attrs:
            aid = h5py.h5a.open(group.id, name.encode())
            found[f"{path}@{name}"] = type_name(aid.dtype, aid.shape)
    missing = sorted(set(found) - set(ATTRIBUTES))
    stale = sorted(set(ATTRIBUTES) - set(found))
    assert not missing, f"attributes not documented in results/README.md: {missing}"
    assert not stale, f"attributes documented in results/README.md but not in the file: {stale}"
    wrong = {k: (ATTRIBUTES[k][0], t) for k, t in found.items() if ATTRIBUTES[k][0] != t}
    assert not wrong, f"README type != file type (readme, file): {wrong}"


def symbol_sizes(h5) -> dict[str, int]:
    return {name: len(h5[path]) for name, path in SYMBOLS.items()}


@pytest.mark.parametrize("path", sorted(DATASETS))
def test_dataset_matches_readme(h5, path):
    shape_cell, dtype_cell, unit_cell, labels_cell = DATASETS[path][:4]
    ds = h5[path]
    sizes = symbol_sizes(h5)

    dims = [d.strip() for d in shape_cell.strip("()").split(",") if d.strip()]
    assert len(dims) == ds.ndim, f"{path}: README shape {shape_cell}, file shape {ds.shape}"
    for dim, actual in zip(dims, ds.shape):
        expected = int(dim) if dim.isdigit() else sizes.get(dim)
        assert expected is not None, f"{path}: README shape uses unknown symbol '{dim}'"
        assert actual == expected, f"{path}: README {shape_cell}, {dim}={expected}; file {ds.shape}"

    assert type_name(ds.dtype, None) == dtype_cell, f"{path}: README {dtype_cell}, file {ds.dtype}"

    assert {"unit", "description"} <= set(ds.attrs), f"{path}: unit or description missing"
    assert strings(ds.attrs["description"])[0].strip(), f"{path}: empty description"
    unit = strings(ds.attrs["unit"])[0]
    expected_unit = "" if unit_cell == NO_UNIT else unit_cell
    assert unit == expected_unit, f"{path}: README unit '{unit_cell}', file '{unit}'"

    if labels_cell == NO_UNIT:
        assert "labels" not in ds.attrs and "columns" not in ds.attrs, (
            f"{path} has labels/columns the README does not mention"
        )
        return
    kind, _, name = labels_cell.partition(":")
    ids = CODE_LISTS.get(name.strip().strip("`"))
    assert ids, f"{path}: README labels '{labels_cell}' name no list of the Codes table"
    attr = "columns" if kind == "columns" else "labels"
    assert kind in ("values", "entries", "columns"), f"{path}: unknown labels kind '{kind}'"
    assert attr in ds.attrs, f"{path}: `{attr}` attribute missing"
    assert strings(ds.attrs[attr]) == ids, f"{path}: `{attr}` differ from README's {name}"
    if kind == "columns":
        assert ds.shape[1] == len(ids)
    elif kind == "entries":
        assert ds.shape == (len(ids),)
    else:  # codes: every value must decode
        values = ds[()]
        assert values.size == 0 or (values.min() >= 0 and values.max() < len(ids)), (
            f"{path}: codes outside 0..{len(ids) - 1}"
        )


def test_every_dataset_has_unit_and_description(h5):
    # Independent of the README: the writer's own promise.
    for path, obj in walk(h5).items():
        if isinstance(obj, h5py.Dataset):
            assert {"unit", "description"} <= set(obj.attrs), f"{path}: unit/description missing"


def test_readme_example_runs(default_h5, capsys):
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert len(blocks) == 1, "results/README.md should hold exactly one ```python example"
    placeholder = '"results/waterlandpleinbuurt.h5"'
    assert placeholder in blocks[0], f"the example should open {placeholder}"
    code = blocks[0].replace(placeholder, repr(str(default_h5)))
    exec(compile(code, "results/README.md (python example)", "exec"), {})
    out = capsys.readouterr().out
    assert "zorgmijders in need:" in out and "geen_reactie" in out
