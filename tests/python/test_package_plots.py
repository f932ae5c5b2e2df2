"""The buurtbereik plots: each returns a matplotlib Figure with Dutch labels by default and
English ones with lang="en", draws the numbers of the file, and saves to PNG without a display
(built without pyplot)."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest
from bbutil import REPO

sys.path.insert(0, str(REPO / "python"))

import buurtbereik as bb  # noqa: E402
from buurtbereik import plots  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def run(package_run):
    return bb.open_run(package_run[0])


@pytest.fixture(scope="module")
def study(package_study):
    return bb.open_study(package_study[0])


def saved(fig: Figure, path) -> bytes:
    fig.savefig(path, dpi=50)
    return path.read_bytes()


def labels(fig: Figure) -> set[str]:
    """Every axis label, title, tick label and legend entry of a figure."""
    out = {fig._suptitle.get_text()} if fig._suptitle else set()
    for ax in fig.axes:
        out |= {ax.get_xlabel(), ax.get_ylabel(), ax.get_title()}
        out |= {t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()}
        legend = ax.get_legend()
        if legend:
            out |= {t.get_text() for t in legend.get_texts()}
    return out


@pytest.mark.parametrize("lang, words", [
    ("nl", {"dag", "huishoudens (cumulatief)", "toegeleid naar hulp"}),
    ("en", {"day", "households (cumulative)", "helped (toegeleid)"}),
])
def test_reach_over_time(study, tmp_path, lang, words):
    fig = plots.plot_reach_over_time(study, "drie-werkers", lang=lang)
    assert isinstance(fig, Figure) and len(fig.axes) == 2
    assert words <= labels(fig)
    assert fig.axes[0].get_xlabel() == ("dag" if lang == "nl" else "day")
    # The lines are the means over replications of the study's series.
    line = fig.axes[1].get_lines()[2]  # helped, zorgmijder
    band = study.series_band("helped.zorgmijder", "drie-werkers")
    assert np.array_equal(line.get_ydata(), band["mean"].to_numpy())
    assert saved(fig, tmp_path / f"reach-{lang}.png").startswith(PNG_MAGIC)


@pytest.mark.parametrize("lang, xlabel, ylabel, method", [
    ("nl", "contactmethode", "aantal", "huisbezoek op signaal"),
    ("en", "contact method", "count", "home visit on a signal"),
])
def test_funnel_by_method(run, tmp_path, lang, xlabel, ylabel, method):
    fig = plots.plot_funnel_by_method(run, lang=lang)
    ax = fig.axes[0]
    assert (ax.get_xlabel(), ax.get_ylabel()) == (xlabel, ylabel)
    assert method in labels(fig)
    # The first bar group holds the attempts per method, as counted from the event log.
    methods = len(run.funnel_by_method())
    heights = [p.get_height() for p in ax.patches[:methods]]
    assert heights == list(run.funnel_by_method()["attempts"])
    assert sum(heights) == run.summary.totals["attempts"]
    assert saved(fig, tmp_path / f"funnel-{lang}.png").startswith(PNG_MAGIC)


@pytest.mark.parametrize("lang, hours, unused", [("nl", "uren", "niet besteed"),
                                                 ("en", "hours", "unused")])
def test_hours_and_costs_of_a_run_and_a_study(run, study, tmp_path, lang, hours, unused):
    fig = plots.plot_hours_and_costs(run, lang=lang)
    assert fig.axes[0].get_xlabel() == hours and fig.axes[1].get_xlabel() == "euro"
    assert unused in labels(fig)
    used = [p.get_width() for p in fig.axes[0].patches[:len(run.hours_by_method())]]
    np.testing.assert_allclose(used, run.hours_by_method()["hours_used"])
    assert saved(fig, tmp_path / f"hours-run-{lang}.png").startswith(PNG_MAGIC)
    fig = plots.plot_hours_and_costs(study, lang=lang)
    assert fig.axes[0].get_xlabel() == hours and set(study.variants) <= labels(fig)
    assert saved(fig, tmp_path / f"hours-study-{lang}.png").startswith(PNG_MAGIC)


@pytest.mark.parametrize("lang, xlabel, ylabel", [
    ("nl", "extra huishoudens toegeleid", "extra kosten werkers (euro)"),
    ("en", "extra households helped", "extra worker cost (euro)"),
])
def test_cost_effectiveness_plane(study, tmp_path, lang, xlabel, ylabel):
    fig = plots.plot_cost_effectiveness(study, lang=lang)
    ax = fig.axes[0]
    assert (ax.get_xlabel(), ax.get_ylabel()) == (xlabel, ylabel)
    c = study.compare()
    points = [line for line in ax.get_lines() if line.get_marker() == "o"]
    assert len(points) == 2
    x = c.measure("extra_helped").loc["drie-werkers", "estimate"]
    y = c.measure("extra_worker_cost").loc["drie-werkers", "estimate"]
    assert (points[0].get_xdata()[0], points[0].get_ydata()[0]) == pytest.approx((x, y))
    assert {"drie-werkers", "avond"} <= {t.get_text() for t in ax.texts}
    outreach = plots.plot_cost_effectiveness(study, cost="outreach", lang=lang)
    assert "schuldhulp" in outreach.axes[0].get_ylabel() or "debt" in \
        outreach.axes[0].get_ylabel()
    assert saved(fig, tmp_path / f"ce-{lang}.png").startswith(PNG_MAGIC)


@pytest.mark.parametrize("lang, kind, xlabel", [
    ("nl", "huisuitzetting", "voorkomen escalaties per replicatie (95%-interval)"),
    ("en", "eviction", "escalations avoided per replication (95% interval)"),
])
def test_escalations_avoided(study, tmp_path, lang, kind, xlabel):
    fig = plots.plot_escalations_avoided(study.compare(), lang=lang)
    ax = fig.axes[0]
    assert ax.get_xlabel() == xlabel and kind in labels(fig)
    widths = [p.get_width() for p in ax.patches[:4]]  # drie-werkers, the four kinds
    diffs = study.compare("drie-werkers").differences.set_index("outcome")["mean"]
    expected = [-diffs[f"escalations.{k}"] for k in plots.ESCALATION_KINDS]
    assert widths == pytest.approx(expected)
    assert saved(fig, tmp_path / f"esc-{lang}.png").startswith(PNG_MAGIC)


def test_wrong_inputs_are_refused(run, study, package_ensemble):
    with pytest.raises(TypeError, match="single-run file"):
        plots.plot_funnel_by_method(study)
    with pytest.raises(TypeError, match="study file"):
        plots.plot_reach_over_time(run)
    with pytest.raises(ValueError, match="language"):
        plots.plot_funnel_by_method(run, lang="de")
    with pytest.raises(ValueError, match="single variant"):
        plots.plot_cost_effectiveness(package_ensemble)
    with pytest.raises(bb.UnknownNameError):
        plots.plot_reach_over_time(study, "nacht")


def test_plots_need_no_pyplot_and_no_display(package_run, tmp_path):
    code = (
        "import sys; import buurtbereik as bb; from buurtbereik import plots\n"
        f"plots.plot_funnel_by_method(bb.open_run({str(package_run[0])!r}))"
        f".savefig({str(tmp_path / 'x.png')!r})\n"
        "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot was imported'\n")
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "MPLBACKEND")}
    env["PYTHONPATH"] = str(REPO / "python")
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "x.png").read_bytes().startswith(PNG_MAGIC)
