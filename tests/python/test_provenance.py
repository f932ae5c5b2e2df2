"""Provenance: the file holds the scenario verbatim and resolved, the resolved scenario is a valid
scenario that resolves to itself, and every parameter has its path, value, unit, source and
origin."""

from __future__ import annotations

import h5py
import numpy as np
import pytest
import yaml
from bbutil import DEFAULT_SCENARIO, REPO, contents, differences, strings, text


@pytest.fixture(scope="module")
def prov(default_h5):
    with h5py.File(default_h5, "r") as f:
        g = f["provenance"]
        p = g["parameters"]
        yield {
            "attrs": {k: g.attrs[k] for k in g.attrs},
            "verbatim": text(g["scenario_verbatim"][()]),
            "resolved": text(g["scenario_resolved"][()]),
            "params": {k: (strings(p[k]) if k != "value" else p[k][()]) for k in p},
        }


def flatten(node, prefix=""):
    """{'a': {'b': 1}} -> {'a.b': 1}; a {value, source} map is a leaf."""
    out = {}
    for key, value in node.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict) and "value" not in value:
            out.update(flatten(value, path + "."))
        else:
            out[path] = value
    return out


def test_scenario_verbatim_is_the_file_text(prov):
    assert prov["verbatim"] == DEFAULT_SCENARIO.read_text(encoding="utf-8")


def test_run_identity(prov, cli):
    a = prov["attrs"]
    assert text(a["scenario_file"]) == "scenarios/waterlandpleinbuurt.yaml"
    assert text(a["scenario_name"]) == "waterlandpleinbuurt"
    assert int(a["seed"]) == yaml.safe_load(prov["verbatim"])["seed"]
    assert int(a["replication"]) == 0
    for key in ("engine_version", "git_revision", "build_type", "compiler", "platform"):
        assert text(a[key]).strip(), f"/provenance@{key} is empty"
    version = cli("--version")
    assert version.returncode == 0
    assert text(a["engine_version"]) in version.stdout
    assert text(a["git_revision"]) in version.stdout
    assert len(text(a["created_utc"])) == 20 and text(a["created_utc"]).endswith("Z")


def test_resolved_scenario_round_trips(prov, cli, tmp_path):
    resolved = tmp_path / "resolved.yaml"
    resolved.write_text(prov["resolved"], encoding="utf-8")
    assert isinstance(yaml.safe_load(prov["resolved"]), dict)
    check = cli("validate", resolved)
    assert check.returncode == 0, f"validate rejects the resolved scenario:\n{check.stderr}"
    shown = cli("show", "--resolved", resolved)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout == prov["resolved"], "show --resolved of the resolved scenario changed it"


def test_resolved_scenario_reproduces_the_run(prov, default_h5, run_scenario, tmp_path):
    # The resolved scenario must hold everything the run depends on: running it gives the same
    # results. Only the provenance of the scenario itself may differ.
    resolved = tmp_path / "resolved.yaml"
    resolved.write_text(prov["resolved"], encoding="utf-8")
    run_scenario(resolved, tmp_path / "again.h5", "-q")
    diff = differences(contents(default_h5), contents(tmp_path / "again.h5"))
    allowed = {
        "/provenance/scenario_verbatim",
        "/provenance/parameters/origin",
        "/provenance/parameters/source",
        "/provenance@scenario_file",
    }
    other = sorted(set(diff) - allowed)
    assert not other, f"the resolved scenario gives other results in {other}"


def test_show_resolved_of_the_file_equals_the_stored_resolution(prov, cli):
    shown = cli("show", "--resolved", DEFAULT_SCENARIO.relative_to(REPO))
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout == prov["resolved"]


def test_parameters_table(prov):
    p = prov["params"]
    n = len(p["path"])
    assert n > 50
    assert set(p) == {"path", "value", "unit", "source", "origin"}
    assert all(len(p[k]) == n for k in p)
    assert len(set(p["path"])) == n, "a parameter is listed twice"
    assert set(p["origin"]) == {"scenario", "default"}
    assert np.isfinite(p["value"]).all()
    assert all(s.strip() for s in p["source"]), "a parameter without source or assumption tag"


def test_parameter_origin_and_source_follow_the_file(prov):
    p = prov["params"]
    rows = {path: i for i, path in enumerate(p["path"])}
    in_file = {k: v for k, v in flatten(yaml.safe_load(prov["verbatim"])).items() if k in rows}
    assert "buurt.households" in in_file and "needs.financien.prevalence" in in_file
    for path, i in rows.items():
        expected = "scenario" if path in in_file else "default"
        assert p["origin"][i] == expected, f"{path}: origin {p['origin'][i]}, expected {expected}"
    for path, given in in_file.items():
        i = rows[path]
        value = given["value"] if isinstance(given, dict) else given
        assert p["value"][i] == pytest.approx(value), path
        if isinstance(given, dict) and "source" in given:
            assert p["source"][i] == given["source"], path
