"""Regression: the default scenario's summary equals the stored one, so that any change of
behaviour is seen and acknowledged in the same commit.

When a change is meant to change results, regenerate the stored summary and commit it with the
change (say why in the commit message):

    BUURTBEREIK_UPDATE_REGRESSION=1 /usr/bin/python3 -m pytest tests/python/test_regression.py

Results are bit-identical for the same build inputs; a difference here is a behaviour change
(or a different libm), never noise.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import h5py
import numpy as np
from bbutil import strings

STORED = Path(__file__).parent / "regression" / "waterlandpleinbuurt.json"


def summary_of(path: Path) -> dict:
    with h5py.File(path, "r") as f:
        s = f["summary"]
        rows = strings(s.attrs["funnel_rows"])
        cols = strings(s["funnel"].attrs["columns"])
        funnel = s["funnel"][:]
        out = {
            "funnel": {r: {c: int(funnel[i, j]) for j, c in enumerate(cols)} for i, r in enumerate(rows)},
            "escalations": dict(zip(strings(s["escalations"].attrs["labels"]), map(int, s["escalations"][:]))),
            "hours_by_method": dict(
                zip(strings(s["hours_by_method"].attrs["labels"]), (round(float(v), 6) for v in s["hours_by_method"][:]))
            ),
        }
        for key in ("attempts", "contacts", "conversations", "signals", "signals_followed_up", "debt_help_cases"):
            out[key] = int(s.attrs[key])
        for key in ("worker_cost_eur", "hours_unused"):
            out[key] = round(float(s.attrs[key]), 6)
        out["events"] = int(f["events/day"].shape[0])
        out["trust_sum"] = round(float(np.sum(f["households/trust"][:])), 6)
    return out


def test_default_scenario_summary_matches_the_stored_one(default_h5):
    current = summary_of(default_h5)
    if os.environ.get("BUURTBEREIK_UPDATE_REGRESSION") == "1":
        STORED.write_text(json.dumps(current, indent=2, sort_keys=True) + "\n")
    assert STORED.is_file(), f"no stored summary; create it with BUURTBEREIK_UPDATE_REGRESSION=1 ({__doc__})"
    stored = json.loads(STORED.read_text())
    assert current == stored, (
        "the default scenario's results changed. If that is intended, regenerate the stored summary "
        "with BUURTBEREIK_UPDATE_REGRESSION=1 and commit it with the change.\n"
        f"stored:  {json.dumps(stored, sort_keys=True)}\ncurrent: {json.dumps(current, sort_keys=True)}"
    )
