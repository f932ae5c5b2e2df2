"""The compiled engine, for Python: ``Scenario``, ``Simulation``, ``run``, ``compare`` and ``study``.

They live in the pybind11 module ``_buurtbereik`` that the CMake build places in ``build/python``;
put both folders on the path (``PYTHONPATH=python:build/python``). Everything else in the
``buurtbereik`` package works without it.

>>> from buurtbereik.engine import Scenario, Simulation, run       # doctest: +SKIP
>>> sc = Scenario.load("scenarios/waterlandpleinbuurt.yaml")       # doctest: +SKIP
>>> sim = Simulation(sc, replication=0); sim.run(); sim.summary()  # doctest: +SKIP
>>> bigger = sc.with_changes({"workers.outreachwerker.count": 4})  # doctest: +SKIP
>>> run(bigger, "results/vier.h5", replications=100)               # doctest: +SKIP

``Simulation.households()`` returns read-only numpy *views* (no copy) of the household arrays: they
change as the simulation steps and keep it alive; copy one with ``np.array(view)`` to keep a day's
state. ``run``, ``compare``, ``study`` and ``Simulation.run`` release the GIL, so other Python
threads keep running; Ctrl-C stops a study after saving a checkpoint (``resume=True`` continues).
Scenario errors raise ``ScenarioError`` (a ``ValueError``) with the command line's message and an
``issues`` list.
"""

from __future__ import annotations

try:
    from _buurtbereik import (OutputExistsError, ResultFileError, Scenario, ScenarioError,
                              Simulation, compare, engine_version, git_revision, labels,
                              plan_allocate, plan_hours, run, study)
except ImportError as exc:  # pragma: no cover - exercised only without a build
    raise ImportError(
        "the compiled engine module _buurtbereik was not found: build it (cmake --build build) "
        "and put build/python on PYTHONPATH (PYTHONPATH=python:build/python)") from exc

__all__ = ["OutputExistsError", "ResultFileError", "Scenario", "ScenarioError", "Simulation",
           "compare", "engine_version", "git_revision", "labels", "plan_allocate", "plan_hours",
           "run", "study"]
