"""`buurtbereik plan hours` and `plan allocate` from the command line and from Python: the answer on
a response known exactly, an infeasible target, parse errors with exit code 1 that point at the
problem, the allocation never worse than the equal split, the plan file (a study file with /plan)
read by buurtbereik.plan and buurtbereik.open_study, the plots, and docs/planning.md's example run
as written."""

from __future__ import annotations

import re

import h5py
import numpy as np
import pytest
from bbutil import REPO, run_doc_python, small_scenario, text

EXIT_USAGE = 1
EXIT_IO = 3

# Two buurten sharing one team (their sections differ); 8 weeks keep every run short.
TWO_BUURTEN = """schema_version: 1
name: twee
seed: 7
horizon_days: 56
collective_locations:
  - {id: buurthuis, eligible: alle, membership: 0.10, source: "A: test"}
workers:
  - id: w
    count: 2
    contract_hours_per_week: 36
    schedule: {weekdag_dag: 24, weekdag_avond: 4, weekend: 0}
    allocation: {huisbezoek_signaal: 0.6, huisbezoek_alle: 0.2, aanwezig_openbaar: 0.1, voorlichting_collectief: 0.1}
buurten:
  - {id: arm, workforce_share: 0.5, min_hours_per_week: 9, buurt: {households: 500, share_minimum_income: 0.5}}
  - {id: rijk, workforce_share: 0.5, buurt: {households: 200, share_minimum_income: 0.05}}
"""


@pytest.fixture()
def small(tmp_path):
    path = tmp_path / "klein.yaml"
    path.write_text(small_scenario(households=300, days=28))
    return path


def test_plan_hours_finds_a_known_threshold_and_writes_a_plan_file(cli, small, tmp_path, engine):
    out = tmp_path / "uren.h5"
    # small_scenario's team schedules `weekly` hours a week; 4 weeks of them times the factor.
    proc = cli("plan", "hours", small, "--target", "hours.scheduled >= 100", "--replications", 2,
               "--tolerance", 1, "-o", out)
    assert proc.returncode == 0, proc.stderr
    assert "Answer: " in proc.stdout and "Method: " in proc.stdout
    from buurtbereik import open_study, plan

    p = plan.open_plan(out)
    a = p.answer
    assert p.kind == "hours" and a["feasible"]
    c = p.curve
    assert list(c.hours_per_week) == sorted(c.hours_per_week)
    assert (np.diff(c.outcome_mean) >= 0).all()
    # Exactly linear: the scheduled hours per contract hour are fixed, so the threshold is known.
    per_hour = c.outcome_mean.iloc[-1] / c.hours_per_week.iloc[-1]
    threshold = 100 / per_hour
    assert threshold <= a["hours_per_week"] <= threshold + 1.0
    assert a["bracket_below"] < threshold
    assert f"{a['hours_per_week']:.1f} hours per week" in proc.stdout
    # A study file: the current hours first, every candidate a variant.
    study = open_study(out)
    assert study.complete and len(study.alternatives) == len(c) - 1
    with h5py.File(out, "r") as f:
        assert text(f["plan"].attrs["target_outcome"]) == "hours.scheduled"
        assert abs(f["plan"].attrs["current_hours_per_week"] - 72.0) < 1e-9
        assert "allocation" not in f["plan"]  # only --optimise-mix chooses one
    assert repr(p).endswith(f"{a['hours_per_week']:.1f} hours/week>")
    fig = plan.plot_response_curve(p)
    assert len(fig.axes) == 2


def test_plan_hours_reports_an_infeasible_target(cli, small, tmp_path):
    proc = cli("plan", "hours", small, "--target", "helped_share.totaal >= 0.99", "--replications",
               2, "--curve-points", 3, "--max-factor", 1, "-o", tmp_path / "nee.h5")
    assert proc.returncode == 0, proc.stderr
    assert re.search(r"Not reachable up to 72\.0 hours per week \(met in at most 0% of "
                     r"replications\): the best mean reached is [\d.]+, at [\d.]+ hours per week",
                     proc.stdout), proc.stdout


@pytest.mark.parametrize("target, problem", [
    ("zorgmisers_helped>=0.7", "unknown outcome 'zorgmisers_helped'; did you mean "
                               "'zorgmissers_helped'? (at column 1)"),
    ("zorgmissers_helped>=1.7", "helped_share.zorgmisser is a share: expected a value from 0 to 1 "
                                "(at column 21)"),
    ("helped.totaal >= 5 within 2 maanden", "expected weeks or days (at column 29)"),
])
def test_bad_targets_are_usage_errors_that_point_at_the_problem(cli, small, tmp_path, target,
                                                                problem):
    proc = cli("plan", "hours", small, "--target", target, "-o", tmp_path / "x.h5")
    assert proc.returncode == EXIT_USAGE
    assert f"error: target '{target}': {problem}" in proc.stderr
    column = int(re.search(r"at column (\d+)", problem).group(1))
    lines = proc.stderr.splitlines()
    assert lines[-1] == "  " + " " * (column - 1) + "^" and lines[-2] == "  " + target
    assert not (tmp_path / "x.h5").exists()


def test_bad_objectives_and_scenarios_without_buurten(cli, small, tmp_path):
    proc = cli("plan", "allocate", small, "--objective", "helped_share.totaal", "-o",
               tmp_path / "x.h5")
    assert proc.returncode == EXIT_USAGE
    assert "does not add up over buurten" in proc.stderr and "helped.totaal" in proc.stderr
    proc = cli("plan", "allocate", small, "--objective", "households_helped", "-o",
               tmp_path / "x.h5")
    assert proc.returncode == EXIT_USAGE
    assert "needs a scenario with several buurten" in proc.stderr


def test_plan_allocate_never_worse_than_the_equal_split(cli, tmp_path, engine):
    scenario = tmp_path / "twee.yaml"
    scenario.write_text(TWO_BUURTEN)
    out = tmp_path / "verdeling.h5"
    proc = cli("plan", "allocate", scenario, "--objective", "households_helped", "--step-hours", 9,
               "--replications", 4, "-o", out)
    assert proc.returncode == 0, proc.stderr
    from buurtbereik import open_study, plan

    p = plan.open_plan(out)
    a = p.answer
    assert a["chosen_mean"] >= a["equal_mean"] and a["chosen_mean"] >= a["current_mean"]
    alloc = p.allocation
    assert list(alloc.index) == ["arm", "rijk"]
    assert alloc.chosen_hours_per_week.sum() == pytest.approx(72)
    assert (alloc.chosen_hours_per_week >= alloc.min_hours_per_week - 1e-9).all()
    assert set(p.responses.buurt) == {"arm", "rijk"}
    study = open_study(out)
    assert study.base == "huidig" and study.alternatives == ["gekozen", "gelijk"]
    assert len(plan.plot_allocation(p).axes) == 2
    # The same plan again is refused without --force.
    again = cli("plan", "allocate", scenario, "--objective", "households_helped", "-o", out)
    assert again.returncode == EXIT_IO and "--force" in again.stderr


def test_python_plan_functions_refuse_to_overwrite(engine, small, tmp_path):
    from buurtbereik import plan

    out = tmp_path / "p.h5"
    p = plan.hours(small, "contacted.totaal >= 1", out, replications=2, curve_points=2)
    assert p.kind == "hours"
    with pytest.raises(engine.OutputExistsError):
        plan.hours(small, "contacted.totaal >= 1", out, replications=2)
    with pytest.raises(ValueError, match="unknown outcome"):
        plan.hours(small, "contacted.totl >= 1", tmp_path / "q.h5")


def test_planning_doc_example_runs(engine, bb_bin, tmp_path):
    run_doc_python(REPO / "docs" / "planning.md", bb_bin, tmp_path, timeout=600)
    assert (tmp_path / "plan-uren.png").is_file() and (tmp_path / "plan-verdeling.png").is_file()


def test_the_report_of_a_plan_file_shows_the_plan(cli, small, tmp_path, engine):
    out = tmp_path / "uren.h5"
    proc = cli("plan", "hours", small, "--target", "contacted.totaal >= 10", "--replications", 2,
               "--curve-points", 3, "-o", out)
    assert proc.returncode == 0, proc.stderr
    html = tmp_path / "uren.html"
    rep = cli("report", out, "-o", html, "--lang", "en", timeout=300)
    assert rep.returncode == 0, rep.stderr
    page = html.read_text(encoding="utf-8")
    assert page.index('<section id="question">') < page.index('<section id="plan">') < \
        page.index('<section id="scenarios">')
    assert "<b>Answer:</b>" in page and "contacted.totaal &gt;= 10" in page


def test_allocate_optimise_mix_writes_an_allocation_per_buurt(engine, tmp_path):
    from buurtbereik import plan

    scenario = tmp_path / "twee.yaml"
    scenario.write_text(TWO_BUURTEN)
    p = plan.allocate(scenario, "households_helped", tmp_path / "mix.h5", step_hours=18,
                      replications=3, optimise_mix=True, mix_step=0.5)
    a = p.allocation
    cols = [c for c in a.columns if c.startswith("allocation.")]
    assert cols == ["allocation.huisbezoek_signaal", "allocation.huisbezoek_alle",
                    "allocation.aanwezig_openbaar", "allocation.voorlichting_collectief",
                    "allocation.online"]
    for _, row in a[cols].iterrows():  # a grid allocation, or NaN (the workers' own)
        assert row.isna().all() or row.sum() == pytest.approx(1)
    assert p.answer["chosen_mean"] >= p.answer["equal_mean"]
    from buurtbereik.report import write_report

    page = write_report(tmp_path / "mix.h5", tmp_path / "mix.html", lang="en").read_text()
    assert "<th>allocation</th>" in page

