"""Reading the resolved scenario text the engine stores (``show --resolved``; a study file's
``scenario_resolved``): every parameter with its key path, value, unit and source, the
assumptions among them, and the lines in which two scenarios differ.

The resolved text is machine-written YAML of a fixed shape (block mappings, flow mappings
``{value: X, source: "..."}`` with the unit as a trailing comment, lists of flow mappings or of
block mappings with an ``id``), so a small line parser reads it without a YAML library. List
entries are named by their ``id`` (``workers.outreachwerker.count``), as study sweeps name them.
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass
from itertools import zip_longest
from typing import Any, Optional

__all__ = ["Change", "Entry", "assumptions", "is_assumption", "is_partly_assumed",
           "parse_resolved", "scenario_diff"]

_KEY = re.compile(r"^([A-Za-z0-9_.\-]+):(?:\s+(.*))?$")
_ASSUMPTION = re.compile(r"^A(?:\s*[:;(]|\s|$)")
_INNER_ASSUMPTION = re.compile(r"(?:^|[\s(;])A(?::|\)|\s|;|$)")


@dataclass(frozen=True)
class Entry:
    """One parameter line of a resolved scenario.

    Attributes
    ----------
    path : str
        Key path, e.g. ``buurt.households`` or ``collective_locations.buurthuis``.
    value : str
        The value as text (floats shortened to 15 significant digits).
    source : str or None
        Its source (an evidence id or an assumption tag), when the entry has one.
    unit : str
        The unit from the trailing comment ("" if none).
    line : int
        Line number (1-based) in the text.
    """

    path: str
    value: str
    source: Optional[str]
    unit: str
    line: int


@dataclass(frozen=True)
class Change:
    """A changed line between two resolved scenarios: the key path and the line on each side
    (None where a side has no such line)."""

    path: str
    base: Optional[str]
    alternative: Optional[str]


def is_assumption(source: Optional[str]) -> bool:
    """True when a source is an assumption tag: it starts with ``A`` (``A: ...``, ``A``), also
    after the ``default;`` prefix of documented defaults."""
    if not source:
        return False
    s = str(source).strip()
    if s.lower().startswith("default;"):
        s = s[len("default;"):].strip()
    return bool(_ASSUMPTION.match(s))


def is_partly_assumed(source: Optional[str]) -> bool:
    """True when a source cites evidence but carries an assumption inside it, e.g.
    ``P15 (A: persons' share applied to households)``; False for pure assumptions."""
    if not source or is_assumption(source):
        return False
    return bool(_INNER_ASSUMPTION.search(str(source)))


# -- scalars and flow collections --------------------------------------------------------------


def _short(text: str) -> str:
    """A float with more than 15 significant digits (0.10000000000000001) as 0.1."""
    try:
        x = float(text)
    except ValueError:
        return text
    if math.isfinite(x) and re.fullmatch(r"-?\d+\.\d{16,}(e-?\d+)?", text.strip()):
        return f"{x:.15g}"
    return text


def _quoted(s: str, i: int) -> tuple[str, int]:
    quote = s[i]
    out = []
    i += 1
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "/": "/"}
    while i < len(s):
        ch = s[i]
        if quote == '"' and ch == "\\" and i + 1 < len(s):
            out.append(escapes.get(s[i + 1], s[i + 1]))
            i += 2
            continue
        if ch == quote:
            if quote == "'" and s[i + 1:i + 2] == "'":
                out.append("'")
                i += 2
                continue
            return "".join(out), i + 1
        out.append(ch)
        i += 1
    return "".join(out), i


def _flow(s: str, i: int, stops: str) -> tuple[Any, int]:
    """Parse a flow value at s[i:]: mapping, sequence, quoted or plain scalar."""
    while i < len(s) and s[i] == " ":
        i += 1
    if i >= len(s):
        return "", i
    if s[i] in "\"'":
        return _quoted(s, i)
    if s[i] == "{":
        out: dict[str, Any] = {}
        i += 1
        while i < len(s):
            while i < len(s) and s[i] in " ,":
                i += 1
            if i >= len(s) or s[i] == "}":
                return out, i + 1
            colon = s.index(":", i)
            key = s[i:colon].strip()
            value, i = _flow(s, colon + 1, ",}")
            out[key] = value
        return out, i
    if s[i] == "[":
        items: list[Any] = []
        i += 1
        while i < len(s):
            while i < len(s) and s[i] in " ,":
                i += 1
            if i >= len(s) or s[i] == "]":
                return items, i + 1
            value, i = _flow(s, i, ",]")
            items.append(value)
        return items, i
    j = i
    while j < len(s) and s[j] not in stops:
        j += 1
    return s[i:j].strip(), j


def _display(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_display(v)}" for k, v in value.items())
    if isinstance(value, list):
        return "[" + ", ".join(_display(v) for v in value) + "]"
    return _short(str(value))


def _split_comment(rest: str) -> tuple[str, str]:
    """Value text and trailing comment (a ``#`` after whitespace, outside quotes)."""
    quote = None
    for k, ch in enumerate(rest):
        if quote:
            if ch == "\\" and quote == '"':
                continue
            if ch == quote and (k == 0 or rest[k - 1] != "\\"):
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch == "#" and (k == 0 or rest[k - 1] in " \t"):
            return rest[:k].rstrip(), rest[k + 1:].strip()
    return rest.rstrip(), ""


def _entry_of(path: str, value_text: str, unit: str, line: int) -> Entry:
    value, _ = _flow(value_text, 0, "")
    if isinstance(value, dict) and "source" in value:
        source = str(value["source"])
        shown = value.get("value", {k: v for k, v in value.items() if k not in ("id", "source")})
        return Entry(path, _display(shown), source, unit, line)
    return Entry(path, _display(value), None, unit, line)


# -- the line parser ---------------------------------------------------------------------------


def _parse(text: str) -> tuple[list[Entry], list[Optional[str]]]:
    """Entries, and the key path of every line (None for blank and comment lines)."""
    entries: list[Entry] = []
    paths: list[Optional[str]] = []
    stack: list[tuple[int, str]] = []  # (indent, path) of the open mappings
    items: dict[str, int] = {}  # list entries seen per parent path
    block_indent: Optional[int] = None  # inside a block scalar deeper than this
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        indent = len(raw) - len(raw.lstrip(" "))
        if block_indent is not None:
            if not stripped or indent > block_indent:
                paths.append(stack[-1][1] if stack else None)
                continue
            block_indent = None
        if not stripped or stripped.startswith("#"):
            paths.append(None)
            continue
        while stack and stack[-1][0] >= indent:
            stack.pop()
        parent = stack[-1][1] if stack else ""
        body = stripped
        if body.startswith("- ") or body == "-":
            body = body[1:].strip()
            count = items.get(parent, 0)
            items[parent] = count + 1
            value_text, unit = _split_comment(body)
            key = _KEY.match(value_text)
            if key and not value_text.startswith("{"):  # a block mapping in a list
                name = _short(str(_flow(key.group(2) or "", 0, "")[0])) if key.group(1) == "id" \
                    else str(count)
                item = f"{parent}.{name}" if parent else name
                stack.append((indent, item))
                path = f"{item}.{key.group(1)}"
                entries.append(_entry_of(path, key.group(2) or "", unit, number))
                paths.append(path)
                continue
            value, _ = _flow(value_text, 0, "")
            name = str(value["id"]) if isinstance(value, dict) and "id" in value else str(count)
            path = f"{parent}.{name}" if parent else name
            entries.append(_entry_of(path, value_text, unit, number))
            paths.append(path)
            continue
        key = _KEY.match(_split_comment(body)[0])
        if not key:
            paths.append(parent or None)
            continue
        path = f"{parent}.{key.group(1)}" if parent else key.group(1)
        value_text, unit = _split_comment(body[len(key.group(1)) + 1:].strip())
        paths.append(path)
        if value_text == "":
            stack.append((indent, path))
        elif value_text[0] in ">|":
            block_indent = indent
            entries.append(Entry(path, "(text)", None, unit, number))
        else:
            entries.append(_entry_of(path, value_text, unit, number))
    return entries, paths


def parse_resolved(text: str) -> list[Entry]:
    """Every entry (key with a value) of a resolved scenario, in text order.

    Parameters
    ----------
    text : str
        A resolved scenario (``RunFile.scenario_resolved``, ``StudyFile.scenario_resolved()``).

    Returns
    -------
    list of Entry
    """
    return _parse(text)[0]


def assumptions(text: str, partly: bool = False) -> list[Entry]:
    """The entries of a resolved scenario whose source is an assumption tag (``A: ...``).

    Parameters
    ----------
    text : str
        A resolved scenario.
    partly : bool
        Instead, the entries whose source cites evidence with an assumption inside it
        (e.g. ``P15 (A: ...)``).

    Returns
    -------
    list of Entry
    """
    test = is_partly_assumed if partly else is_assumption
    return [e for e in parse_resolved(text) if test(e.source)]


def scenario_diff(base: str, alternative: str) -> list[Change]:
    """The lines in which two resolved scenarios differ, with their key paths.

    Parameters
    ----------
    base, alternative : str
        Resolved scenario texts.

    Returns
    -------
    list of Change
        In text order; unchanged lines are left out. A replaced block pairs its lines in order.
    """
    a_lines, b_lines = base.splitlines(), alternative.splitlines()
    a_paths, b_paths = _parse(base)[1], _parse(alternative)[1]
    changes: list[Change] = []
    matcher = difflib.SequenceMatcher(None, a_lines, b_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        left = list(range(i1, i2))
        right = list(range(j1, j2))
        for i, j in zip_longest(left, right):
            path = (a_paths[i] if i is not None else None) or \
                   (b_paths[j] if j is not None else None) or ""
            changes.append(Change(path,
                                  a_lines[i].strip() if i is not None else None,
                                  b_lines[j].strip() if j is not None else None))
    return changes
