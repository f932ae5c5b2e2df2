"""The teaching notebooks (python/notebooks/*.ipynb) run end to end with nbclient on the
`python3` Jupyter kernel, against the engine under test, without touching the repository.

Each notebook runs in a temporary working directory (its `resultaten/` folder is written there);
it finds the repository through $BUURTBEREIK_REPO and the engine module through
$BUURTBEREIK_BUILD (the build folder of the binary under test), both set here. Notebooks are
stored without outputs, and the last code cells must show something (a figure or a table).
nbclient, nbformat and ipykernel missing is a failure with install instructions, never a skip.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from bbutil import REPO

NOTEBOOK_DIR = REPO / "python" / "notebooks"
NOTEBOOKS = ("01-een-eerste-buurt.ipynb", "02-modellen-en-methoden.ipynb",
             "03-uren-plannen.ipynb")
CELL_TIMEOUT_S = 300
INSTALL = ("install them from Debian: apt-get install -y --no-install-recommends "
           "python3-nbclient python3-nbformat python3-ipykernel")
# Output types that show something to the reader (an error is none of them).
SHOWN = ("stream", "display_data", "execute_result")


def _jupyter():
    """(nbformat, NotebookClient, CellExecutionError); fails with instructions when missing."""
    try:
        import nbformat
        from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
        from nbclient import NotebookClient
        from nbclient.exceptions import CellExecutionError
    except ImportError as exc:
        pytest.fail(f"the notebook tests need nbclient, nbformat and ipykernel ({exc}); "
                    + INSTALL, pytrace=False)
    try:
        KernelSpecManager().get_kernel_spec("python3")
    except NoSuchKernel:
        pytest.fail("no Jupyter kernel named 'python3' is installed; " + INSTALL, pytrace=False)
    return nbformat, NotebookClient, CellExecutionError


def _source(cell) -> str:
    """The cell's code without blank and comment-only lines."""
    lines = (line.strip() for line in cell.source.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("#"))


def _code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


def test_every_notebook_is_tested():
    found = sorted(p.name for p in NOTEBOOK_DIR.glob("*.ipynb"))
    assert found == sorted(NOTEBOOKS), "add new notebooks to NOTEBOOKS in this file"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_is_stored_clean(name):
    nbformat, _, _ = _jupyter()
    nb = nbformat.read(NOTEBOOK_DIR / name, as_version=4)
    nbformat.validate(nb)
    assert nb.nbformat == 4
    assert nb.metadata["kernelspec"]["name"] == "python3"
    dirty = [k for k, c in enumerate(nb.cells)
             if c.cell_type == "code" and (c.outputs or c.execution_count is not None)]
    assert dirty == [], f"{name}: cells {dirty} have outputs; save the notebook without outputs"
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    assert any("## Opdrachten" in c.source for c in nb.cells if c.cell_type == "markdown")


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs(name, bb_bin, engine, tmp_path, monkeypatch):
    nbformat, NotebookClient, CellExecutionError = _jupyter()
    nb = nbformat.read(NOTEBOOK_DIR / name, as_version=4)
    repo_results = NOTEBOOK_DIR / "resultaten"
    existed = repo_results.exists()

    # The kernel inherits this process's environment.
    monkeypatch.setenv("BUURTBEREIK_REPO", str(REPO))
    monkeypatch.setenv("BUURTBEREIK_BUILD", str(bb_bin.parent))
    monkeypatch.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # ipykernel's debugger warning
    monkeypatch.delenv("MPLBACKEND", raising=False)  # figures inline, as in Jupyter
    client = NotebookClient(nb, timeout=CELL_TIMEOUT_S, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}})
    start = time.monotonic()
    try:
        client.execute()
    except CellExecutionError as exc:
        pytest.fail(f"{name}: a cell failed:\n{exc}", pytrace=False)
    print(f"{name}: {time.monotonic() - start:.1f} s")

    cells = _code_cells(nb)
    errors = [k for k, c in enumerate(cells) if any(o.output_type == "error" for o in c.outputs)]
    assert errors == [], f"{name}: code cells {errors} raised"

    # The last code cells with code (not the empty exercise cell) show a result, and the last
    # one a figure or a table.
    last = [c for c in cells if _source(c)][-2:]
    for cell in last:
        assert any(o.output_type in SHOWN for o in cell.outputs), \
            f"{name}: no output from\n{cell.source}"
    rich = [key for o in last[-1].outputs for key in o.get("data", {})]
    assert "image/png" in rich or "text/html" in rich, \
        f"{name}: the last code cell shows no figure or table ({rich})"
    images = sum("image/png" in o.get("data", {}) for c in cells for o in c.outputs)
    assert images >= 2, f"{name}: {images} figures"

    # Results went to the working directory, not into the repository.
    assert list((tmp_path / "resultaten").glob("*.h5")), f"{name}: wrote no result files"
    if not existed:
        assert not repo_results.exists(), f"{name} wrote into {repo_results}"


def test_notebooks_find_the_repository_by_walking_up(bb_bin, engine, tmp_path, monkeypatch):
    """Without $BUURTBEREIK_REPO the set-up cell walks up from the working directory to the
    folder holding scenarios/waterlandpleinbuurt.yaml: here a stand-in repository in tmp_path
    (its python/ a link to the real package), so nothing is written into the real one."""
    nbformat, NotebookClient, CellExecutionError = _jupyter()
    nb = nbformat.read(NOTEBOOK_DIR / NOTEBOOKS[0], as_version=4)
    setup = next(c for c in _code_cells(nb) if "def vind_repo" in c.source)
    check = nbformat.v4.new_code_cell("print(REPO)\nimport buurtbereik.engine")
    nb.cells = [setup, check]

    fake = tmp_path / "repo"
    (fake / "scenarios").mkdir(parents=True)
    (fake / "scenarios" / "waterlandpleinbuurt.yaml").write_text(
        (REPO / "scenarios" / "waterlandpleinbuurt.yaml").read_text())
    (fake / "python").symlink_to(REPO / "python", target_is_directory=True)
    work = fake / "lessen" / "week1"
    work.mkdir(parents=True)

    monkeypatch.delenv("BUURTBEREIK_REPO", raising=False)
    monkeypatch.setenv("BUURTBEREIK_BUILD", str(bb_bin.parent))
    monkeypatch.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    try:
        NotebookClient(nb, timeout=CELL_TIMEOUT_S, kernel_name="python3",
                       resources={"metadata": {"path": str(work)}}).execute()
    except CellExecutionError as exc:
        pytest.fail(f"set-up cell failed:\n{exc}", pytrace=False)
    printed = "".join(o.get("text", "") for o in nb.cells[1].outputs)
    assert Path(printed.strip()) == fake.resolve()
    assert (work / "resultaten").is_dir()
