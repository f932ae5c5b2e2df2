"""Number and interval formatting shared by the text and HTML representations and the report:
the engine's rule (thousands without decimals, small values with a few), in English or Dutch
notation."""

from __future__ import annotations

import math
from typing import Optional


def number(x: Optional[float], lang: str = "en") -> str:
    """A readable number: >= 1000 without decimals, >= 10 with one, >= 0.1 with two, else four.

    Parameters
    ----------
    x : float or None
        The value; None and NaN give "-", infinities "+inf"/"-inf".
    lang : {"en", "nl"}
        "nl" uses a decimal comma and a thousands point (1.176; 2,26).

    Returns
    -------
    str
    """
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "-"
    x = float(x)
    if math.isnan(x):
        return "-"
    if math.isinf(x):
        return "+inf" if x > 0 else "-inf"
    a = abs(x)
    if a >= 1000:
        s = f"{x:,.0f}" if lang == "nl" else f"{x:.0f}"
    elif a >= 10:
        s = f"{x:.1f}"
    elif a >= 0.1 or a == 0:
        s = f"{x:.2f}"
    else:
        s = f"{x:.4f}"
    if lang == "nl":
        s = s.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return s


def interval(lo: float, hi: float, lang: str = "en", unbounded: str = "unbounded") -> str:
    """``[lo, hi]``, "-" when undefined, or the word for an unbounded interval."""
    if lo is None or hi is None or math.isnan(lo) or math.isnan(hi):
        return "-"
    if math.isinf(lo) and math.isinf(hi):
        return unbounded
    sep = "; " if lang == "nl" else ", "
    return f"[{number(lo, lang)}{sep}{number(hi, lang)}]"
