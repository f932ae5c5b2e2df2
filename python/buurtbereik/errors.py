"""Exceptions of the buurtbereik package: every problem with a result file is a ``ValueError``
subclass whose message names the file, what was found and what was expected."""

from __future__ import annotations

from pathlib import Path
from typing import Optional


class FileFormatError(ValueError):
    """A file that this package cannot read as a Buurtbereik result file.

    Parameters
    ----------
    path : str or Path
        The file.
    message : str
        What is wrong, for the user.
    found, expected : str, optional
        The offending value and what was expected, for programs.
    """

    def __init__(self, path, message: str, found: Optional[str] = None,
                 expected: Optional[str] = None) -> None:
        self.path = Path(path)
        self.found = found
        self.expected = expected
        super().__init__(f"{path}: {message}")


class UnsupportedFileError(FileFormatError):
    """Not a Buurtbereik file of the expected type, or of a format version this package does not
    know (a reader would misread it)."""


class IncompleteFileError(FileFormatError):
    """A file without ``complete`` = 1: a study checkpoint (readable with ``partial=True``) or a
    file whose writing was interrupted."""


class UnknownNameError(ValueError):
    """A variant, outcome or measure name that the file does not have; the message lists the
    names it does have, or suggests a near miss."""
