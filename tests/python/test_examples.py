"""scenarios/examples/: one scenario per outreach model, a mix, effective factors and a quick scan.
Every file validates and runs, and the behaviour it is about shows up in its own results (a run of
one replication; the statistical claims about the models are the stylised-fact tests in
tests/facts/)."""

from __future__ import annotations

import h5py
import numpy as np
import pytest
import yaml
from bbutil import REPO, strings

EXAMPLES = REPO / "scenarios" / "examples"
MODELS = ["hulp", "presentie", "dwang_drang", "verbindend", "kwartiermaken", "politiserend"]


@pytest.fixture(scope="module")
def runs(bb_bin, tmp_path_factory):
    """Runs every example once (events kept) and returns {stem: path of its run file}."""
    import subprocess

    out = tmp_path_factory.mktemp("examples")
    paths = {}
    for scenario in sorted(EXAMPLES.glob("*.yaml")):
        target = out / f"{scenario.stem}.h5"
        proc = subprocess.run([str(bb_bin), "run", str(scenario), "-o", str(target), "--quiet"],
                              capture_output=True, text=True, cwd=REPO, timeout=300)
        assert proc.returncode == 0, f"{scenario.name}: {proc.stderr}"
        paths[scenario.stem] = target
    return paths


def test_there_is_one_example_per_model_and_the_readme_lists_every_file():
    stems = {p.stem for p in EXAMPLES.glob("*.yaml")}
    assert set(MODELS) <= stems
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    for p in EXAMPLES.glob("*.yaml"):
        assert f"]({p.name})" in readme, f"{p.name} is not in scenarios/examples/README.md"


@pytest.mark.parametrize("model", MODELS)
def test_each_model_example_uses_only_its_model(model, runs):
    with h5py.File(runs[model], "r") as f:
        resolved = yaml.safe_load(f["provenance/scenario_resolved"][()].decode())
    for worker in resolved["workers"]:
        assert worker["models"] == {model: 1}, worker["id"]


def reasons(f: h5py.File) -> list[str]:
    labels = strings(f["events/reason"].attrs["labels"])
    return [labels[r] for r in f["events/reason"][()]]


def test_presence_makes_further_contacts_after_a_no(runs):
    with h5py.File(runs["presentie"], "r") as f, h5py.File(runs["hulp"], "r") as g:
        assert reasons(f).count("vervolgcontact") > 100
        assert reasons(g).count("vervolgcontact") == 0


def test_pressure_imposes_statutory_measures_only_under_dwang_drang(runs):
    with h5py.File(runs["dwang_drang"], "r") as f, h5py.File(runs["hulp"], "r") as g:
        assert f["escalations/imposed"][()].sum() > 0
        assert g["escalations/imposed"][()].sum() == 0
        assert f["households/trust"][()].mean() < g["households/trust"][()].mean()


def test_connecting_builds_a_network_that_refers_neighbours(runs):
    with h5py.File(runs["verbindend"], "r") as f, h5py.File(runs["hulp"], "r") as g:
        assert f["households/connected"][()].sum() > 100
        assert f["timeseries/referrals"][()].sum() > 10
        assert g["timeseries/referrals"][()].sum() == 0
        sources = strings(f["signals/source"].attrs["labels"])
        assert (f["signals/source"][()] == sources.index("netwerk")).sum() > 10


def test_quartermaking_lowers_stigma_and_politicising_raises_self_help_after_the_lag(runs):
    with h5py.File(runs["kwartiermaken"], "r") as f:
        stigma = f["timeseries/stigma_factor"][()]
        assert stigma[0] == 1.0 and stigma[-1] < 0.9
        assert np.all(np.diff(stigma) <= 0)
    with h5py.File(runs["politiserend"], "r") as f:
        factor = f["timeseries/self_help_factor"][()]
        assert np.all(factor[:365] == 1.0), "no effect before the policy lag"
        assert factor[-1] > 1.05
    with h5py.File(runs["hulp"], "r") as g:
        assert np.all(g["timeseries/stigma_factor"][()] == 1.0)
        assert np.all(g["timeseries/self_help_factor"][()] == 1.0)


def test_politicising_records_the_most_signals_about_provisions(runs):
    counts = {}
    for model in MODELS:
        with h5py.File(runs[model], "r") as f:
            counts[model] = len(f["provision_signals/day"])
    assert max(counts, key=counts.get) == "politiserend", counts


def test_collective_work_is_booked_for_the_collective_models_only(runs):
    for model in MODELS:
        with h5py.File(runs[model], "r") as f:
            labels = strings(f["ledger/activity"].attrs["labels"])
            collective = f["ledger/hours"][()][f["ledger/activity"][()] ==
                                               labels.index("collectief_werk")].sum()
        if model in ("verbindend", "kwartiermaken", "politiserend"):
            assert collective > 0, model
        else:
            assert collective == 0, model


def test_factors_and_quick_scan_examples(runs, cli):
    with h5py.File(runs["ervaringsdeskundige"], "r") as f:
        resolved = yaml.safe_load(f["provenance/scenario_resolved"][()].decode())
        assert ["ervaringsdeskundige", "onbevooroordeeld"] in [w["factors"] for w in
                                                               resolved["workers"]]
    with h5py.File(runs["quick-scan"], "r") as f:
        text = f["provenance/scenario_resolved"][()].decode()
        assert "quick scan: locatie: online" in text
        labels = strings(f["ledger/method"].attrs["labels"])
        online = f["ledger/hours"][()][f["ledger/method"][()] == labels.index("online")].sum()
        assert online > 0
    shown = cli("show", "--resolved", "scenarios/examples/quick-scan.yaml")
    assert shown.returncode == 0 and "quick scan: result -> models" in shown.stdout


def test_interventions_example_changes_the_team_from_its_weeks(runs):
    with h5py.File(runs["interventies"], "r") as f:
        workers = strings(f["provenance/workers"])
        assert workers[-2:] == ["campagne", "presentiewerker"]
        day = f["ledger/day"][()]
        worker = f["ledger/worker"][()]
        hours = f["ledger/hours"][()]
        campaign, presence = workers.index("campagne"), workers.index("presentiewerker")
        assert day[worker == campaign].min() >= 13 * 7 and day[worker == campaign].max() <= 21 * 7
        assert day[worker == presence].min() >= 26 * 7
        methods = strings(f["ledger/method"].attrs["labels"])
        used = f["ledger/method"][()][(worker == campaign) & (hours > 0)]
        assert set(used) == {methods.index("voorlichting_collectief")}
