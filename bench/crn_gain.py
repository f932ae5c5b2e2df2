#!/usr/bin/python3
"""How much common random numbers narrow the intervals of a comparison.

Runs `buurtbereik compare BASE ALT` twice with the same replications, once with common random
numbers (the default) and once with `--independent` seeds, and prints, per outcome, the half-width
of the 95% interval of the mean paired difference under each, and their ratio (CRN / independent;
below 1 means CRN is more precise; 0 means the difference vanishes under CRN).

    bench/crn_gain.py                                   # default scenario against -avond, 100 pairs
    bench/crn_gain.py --replications 200 BASE.yaml ALT.yaml

Environment: BUURTBEREIK_BIN, the CLI (default build/buurtbereik).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import h5py

ROOT = Path(__file__).resolve().parents[1]
SHOWN = ["in_need.totaal", "contacted.totaal", "contacted.zorgmijder", "helped.totaal",
         "helped.zorgmisser", "helped.zorgmijder", "days_to_first_contact", "escalations.totaal",
         "escalation_cost.maatschappij", "cost.debt_help"]


def half_widths(path: Path) -> dict[str, float]:
    with h5py.File(path, "r") as f:
        ids = [s.decode() for s in f["outcomes/id"]]
        alt = list(f["comparisons"])[0]
        hw = f[f"comparisons/{alt}/half_width"][()]
        econ = f[f"comparisons/{alt}/economics"]
        measures = [s.decode() for s in econ["measure"]]
        out = dict(zip(ids, hw))
        lo, hi = econ["lo"][()], econ["hi"][()]
        for m in ("net_benefit.maatschappij", "net_benefit.gemeente"):
            k = measures.index(m)
            out[m] = (hi[k] - lo[k]) / 2
        return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("base", nargs="?", default=str(ROOT / "scenarios/waterlandpleinbuurt.yaml"))
    ap.add_argument("alternative", nargs="?",
                    default=str(ROOT / "scenarios/waterlandpleinbuurt-avond.yaml"))
    ap.add_argument("--replications", type=int, default=100)
    args = ap.parse_args()
    binary = os.environ.get("BUURTBEREIK_BIN", str(ROOT / "build/buurtbereik"))
    with tempfile.TemporaryDirectory() as tmp:
        files = {}
        for label, extra in (("crn", []), ("independent", ["--independent"])):
            files[label] = Path(tmp) / f"{label}.h5"
            subprocess.run([binary, "compare", args.base, args.alternative, "-o",
                            str(files[label]), "--replications", str(args.replications), "-q",
                            *extra], check=True)
        crn, ind = half_widths(files["crn"]), half_widths(files["independent"])
    print(f"{Path(args.alternative).name} against {Path(args.base).name}, "
          f"{args.replications} pairs: half-width of the 95% interval of the mean difference")
    print(f"  {'outcome':34} {'CRN':>12} {'independent':>12} {'ratio':>7}")
    for key in SHOWN + ["net_benefit.maatschappij", "net_benefit.gemeente"]:
        ratio = crn[key] / ind[key] if ind[key] else float("nan")
        print(f"  {key:34} {crn[key]:12.4g} {ind[key]:12.4g} {ratio:7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
