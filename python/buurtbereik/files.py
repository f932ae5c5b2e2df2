"""Opening Buurtbereik result files: the version check every reader needs, and ``open_run``,
``open_study`` and ``open_file``.

A file is read only if its ``filetype`` is the expected one, its ``format_version`` is one this
package knows, and ``complete`` = 1 (a study checkpoint may be read with ``partial=True``);
anything else raises a ``ValueError`` subclass that says what was found and what was expected.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Union

import h5py

from ._hdf5 import plain
from .errors import IncompleteFileError, UnsupportedFileError
from .run import RunFile
from .study import StudyFile

__all__ = ["FORMAT_VERSIONS", "RUN_FILETYPE", "STUDY_FILETYPE", "check_file", "open_file",
           "open_run", "open_study"]

RUN_FILETYPE = "buurtbereik-run"
STUDY_FILETYPE = "buurtbereik-study"
# Layout versions this package reads, per file type.
FORMAT_VERSIONS = {RUN_FILETYPE: (1,), STUDY_FILETYPE: (1,)}

PathLike = Union[str, "os.PathLike[str]"]


def _root_attributes(path: Path) -> dict:
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file")
    if path.is_dir():
        raise IsADirectoryError(f"{path}: is a folder, not a result file")
    if not h5py.is_hdf5(path):
        raise UnsupportedFileError(path, "not an HDF5 file, so not a Buurtbereik result file",
                                   found="not HDF5", expected="an HDF5 file")
    try:
        with h5py.File(path, "r") as f:
            return {name: plain(f.attrs[name]) for name in f.attrs}
    except OSError as e:
        raise UnsupportedFileError(path, f"cannot be read as HDF5 ({e})") from e


def check_file(path: PathLike, expected: str | None = None, partial: bool = False) -> str:
    """Check a result file's root attributes; return its file type.

    Parameters
    ----------
    path : str or path-like
        The file.
    expected : {"buurtbereik-run", "buurtbereik-study"}, optional
        The file type required; None accepts either.
    partial : bool
        Accept ``complete`` = 0 (a study checkpoint).

    Returns
    -------
    str
        The ``filetype`` attribute.

    Raises
    ------
    FileNotFoundError, IsADirectoryError
        If there is no such file.
    UnsupportedFileError
        If the file is not HDF5, has no or another ``filetype``, or a ``format_version`` this
        package does not know.
    IncompleteFileError
        If ``complete`` is not 1 (and partial is False or the file is a run file).
    """
    path = Path(path)
    root = _root_attributes(path)
    filetype = root.get("filetype")
    known = tuple(FORMAT_VERSIONS) if expected is None else (expected,)
    if filetype not in known:
        wanted = " or ".join(repr(k) for k in known)
        hint = ""
        if filetype == RUN_FILETYPE:
            hint = "; it is a single-run file: read it with open_run()"
        elif filetype == STUDY_FILETYPE:
            hint = "; it is a study file: read it with open_study()"
        raise UnsupportedFileError(
            path, f"filetype is {filetype!r}, expected {wanted}{hint}",
            found=str(filetype), expected=wanted)
    version = root.get("format_version")
    if version not in FORMAT_VERSIONS[filetype]:
        known_versions = ", ".join(str(v) for v in FORMAT_VERSIONS[filetype])
        raise UnsupportedFileError(
            path, f"format_version is {version!r}, this package reads {filetype} version "
            f"{known_versions}; use the buurtbereik package of the engine that wrote it",
            found=str(version), expected=known_versions)
    complete = root.get("complete")
    if complete != 1:
        status = root.get("status")
        what = f" (status {status!r})" if status else ""
        if filetype == STUDY_FILETYPE and partial:
            return filetype
        advice = ("pass partial=True to read a study checkpoint" if filetype == STUDY_FILETYPE
                  else "the run did not finish writing it; run the scenario again")
        raise IncompleteFileError(path, f"complete is {complete!r}, not 1{what}: {advice}",
                                  found=str(complete), expected="1")
    return filetype


def open_run(path: PathLike) -> RunFile:
    """Open the result file of one run (``buurtbereik run`` without ``--replications``).

    Parameters
    ----------
    path : str or path-like
        A ``buurtbereik-run`` file, format version 1, complete.

    Returns
    -------
    RunFile

    Raises
    ------
    FileNotFoundError, UnsupportedFileError, IncompleteFileError
        See :func:`check_file`.
    """
    check_file(path, RUN_FILETYPE)
    return RunFile(Path(path))


def open_study(path: PathLike, partial: bool = False) -> StudyFile:
    """Open a study file (``run --replications``, ``compare`` or ``study``).

    Parameters
    ----------
    path : str or path-like
        A ``buurtbereik-study`` file, format version 1.
    partial : bool
        Also accept a checkpoint (``complete`` = 0); its unfinished replications are left out.

    Returns
    -------
    StudyFile

    Raises
    ------
    FileNotFoundError, UnsupportedFileError, IncompleteFileError
        See :func:`check_file`.
    """
    check_file(path, STUDY_FILETYPE, partial=partial)
    return StudyFile(Path(path))


def open_file(path: PathLike, partial: bool = False) -> Union[RunFile, StudyFile]:
    """Open a run or a study file, whichever it is.

    Parameters
    ----------
    path : str or path-like
        The file.
    partial : bool
        Accept a study checkpoint.

    Returns
    -------
    RunFile or StudyFile

    Raises
    ------
    FileNotFoundError, UnsupportedFileError, IncompleteFileError
        See :func:`check_file`.
    """
    filetype = check_file(path, None, partial=partial)
    return RunFile(Path(path)) if filetype == RUN_FILETYPE else StudyFile(Path(path))
