"""Buurtbereik analysis: read the HDF5 files the Buurtbereik engine writes, as pandas tables,
with t-intervals, paired comparisons, plots and a self-contained HTML report.

Pure Python (numpy, pandas, h5py; matplotlib for plots and reports); no compiled module needed.

>>> import buurtbereik as bb
>>> run = bb.open_run("results/waterlandpleinbuurt.h5")       # doctest: +SKIP
>>> run.funnel                                                # doctest: +SKIP
>>> study = bb.open_study("results/avond.h5")                 # doctest: +SKIP
>>> study.summary(); study.compare()                          # doctest: +SKIP
>>> bb.write_report("results/avond.h5", "avond.html")         # doctest: +SKIP

The compiled engine (Scenario, Simulation, run, compare, study) is in ``buurtbereik.engine``,
imported only when used: ``from buurtbereik.engine import Scenario`` or ``bb.engine.Scenario``.
"""

from __future__ import annotations

import importlib
from typing import Any

from .errors import FileFormatError, IncompleteFileError, UnknownNameError, UnsupportedFileError
from .files import (FORMAT_VERSIONS, RUN_FILETYPE, STUDY_FILETYPE, check_file, open_file,
                    open_run, open_study)
from .run import RunFile, RunSummary
from .scenario import assumptions, parse_resolved, scenario_diff
from .stats import (estimate_columns, estimate_mean, normal_quantile, paired_difference,
                    probability_better, ratio_of_means, t_quantile)
from .study import Comparison, SeriesArray, StudyFile

__version__ = "0.1.0"

__all__ = [
    "Comparison", "FORMAT_VERSIONS", "FileFormatError", "IncompleteFileError", "RUN_FILETYPE",
    "RunFile", "RunSummary", "STUDY_FILETYPE", "SeriesArray", "StudyFile", "UnknownNameError",
    "UnsupportedFileError", "assumptions", "check_file", "estimate_columns", "estimate_mean",
    "normal_quantile", "open_file", "open_run", "open_study", "paired_difference",
    "parse_resolved", "plan", "plots", "engine", "probability_better", "ratio_of_means", "scenario_diff",
    "t_quantile", "write_report", "__version__",
]


def __getattr__(name: str) -> Any:
    # plots and report import matplotlib, which is slow to import and not needed to read files;
    # importing report here eagerly would also break `python -m buurtbereik.report`.
    if name in ("plots", "report", "engine", "plan"):
        return importlib.import_module(f"{__name__}.{name}")
    if name == "write_report":
        return importlib.import_module(f"{__name__}.report").write_report
    raise AttributeError(f"module 'buurtbereik' has no attribute {name!r}")
