"""Small helpers to read HDF5 strings and attributes as Python values, whichever way h5py returns
them (``str``, ``bytes``, 0-d or 1-d object arrays)."""

from __future__ import annotations

from typing import Any

import h5py
import numpy as np


def text(value: Any) -> str:
    """An HDF5 string (attribute or dataset value) as ``str``."""
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, np.ndarray) and value.shape == ():
        return text(value[()])
    if isinstance(value, h5py.Dataset):
        return text(value[()])
    return str(value)


def strings(value: Any) -> list[str]:
    """A list of HDF5 strings (string dataset or string-array attribute) as ``list[str]``."""
    if isinstance(value, h5py.Dataset):
        value = value[()]
    return [text(v) for v in np.asarray(value, dtype=object).ravel()]


def plain(value: Any) -> Any:
    """An attribute value as a plain Python scalar, ``str`` or ``list``."""
    if isinstance(value, (bytes, str)):
        return text(value)
    if isinstance(value, np.ndarray):
        if value.shape == ():
            return plain(value[()])
        if value.dtype.kind in "OSU":
            return strings(value)
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    return value


def attrs(obj: h5py.HLObject) -> dict[str, Any]:
    """Every attribute of a group or dataset, as plain Python values."""
    return {name: plain(obj.attrs[name]) for name in obj.attrs}
