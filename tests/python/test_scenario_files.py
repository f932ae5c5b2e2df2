"""The scenario files beyond the default, and the buurt data they cite.

- scenarios/teaching/: every file is small, explains every key in Dutch and English, validates and
  runs;
- scenarios/*-geen-outreach.yaml: every no-outreach baseline has an empty workforce and is otherwise
  a copy of its counterpart (same buurt, needs, signals, ...), and runs without any outreach;
- scenarios/data/*.csv: every figure has a source, derived ratios agree with the rows they come
  from, and proxies with the rows they copy;
- a scenario figure whose source cites a data row as "data:AREA_CODE/INDICATOR" equals that row's
  value (a percentage as a share), and every buurt figure of de-kleine-wereld.yaml cites a row.

(Files directly in scenarios/ are validated by test_cli_run.py.)
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import h5py
import pandas as pd
import pytest
import yaml
from bbutil import REPO

SCENARIOS = REPO / "scenarios"
TEACHING = sorted((SCENARIOS / "teaching").glob("*.yaml"))
BASELINES = sorted(SCENARIOS.glob("*-geen-outreach.yaml"))
DATA = SCENARIOS / "data"
DATA_FILES = sorted(DATA.glob("*.csv"))
ALL_SCENARIOS = sorted(p for p in SCENARIOS.rglob("*.yaml") if "studies" not in p.parts)
COLUMNS = ["area", "area_code", "year", "indicator", "value", "unit", "source"]

# How a scenario source cites a data row, and how data rows refer to each other.
CITATION = re.compile(r"data:([A-Za-z0-9.]+)/([a-z0-9_]+)")
RATIO = re.compile(r"^D: ([a-z0-9_]+) / ([a-z0-9_]+)( x 100)?,")
PROXY = re.compile(r"proxy: ([A-Za-z0-9.]+)/([a-z0-9_]+)")


def ids(paths):
    return [str(p.relative_to(SCENARIOS)) for p in paths]


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def raw_rows() -> pd.DataFrame:
    """Every data row, all columns as text (exactly as written), with the file it comes from."""
    frames = []
    for path in DATA_FILES:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        frame["file"] = path.name
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def row_index() -> dict[tuple[str, str], pd.Series]:
    return {(r.area_code, r.indicator): r for _, r in raw_rows().iterrows()}


def as_scenario_value(row) -> float:
    """A data row's value in scenario units: percentages become shares."""
    value = float(row["value"])
    return value / 100 if row["unit"].startswith("%") else value


# --- Teaching scenarios ------------------------------------------------------------------------


def test_there_are_two_or_three_teaching_scenarios_and_a_readme():
    assert 2 <= len(TEACHING) <= 3, [p.name for p in TEACHING]
    readme = (SCENARIOS / "teaching" / "README.md").read_text(encoding="utf-8")
    for path in TEACHING:
        assert path.name in readme, f"teaching/README.md does not mention {path.name}"


@pytest.mark.parametrize("scenario", TEACHING, ids=ids(TEACHING))
def test_teaching_scenario_is_small(scenario):
    doc = load(scenario)
    households = doc["buurt"]["households"]
    households = households["value"] if isinstance(households, dict) else households
    assert 300 <= households <= 1000, f"{scenario.name}: {households} households"
    assert doc["horizon_days"] <= 182, f"{scenario.name}: {doc['horizon_days']} days"
    workers = sum(w.get("count", 1) for w in doc["workers"])
    assert 1 <= workers <= 2, f"{scenario.name}: {workers} workers"


@pytest.mark.parametrize("scenario", TEACHING, ids=ids(TEACHING))
def test_teaching_scenario_explains_every_key_in_dutch_and_english(scenario):
    """Every line that opens a key carries, in an inline comment or in the comment lines right above
    it, an explanation marked NL and EN."""
    lines = scenario.read_text(encoding="utf-8").splitlines()
    key = re.compile(r"^(\s*)(?:- )?([a-z_]+):")
    unexplained = []
    block_indent = None  # inside a block scalar (description: >) deeper than this indent
    for number, line in enumerate(lines):
        stripped = line.strip()
        indent = len(line) - len(line.lstrip())
        if block_indent is not None:
            if not stripped or indent > block_indent:
                continue
            block_indent = None
        m = key.match(line)
        if not m:
            continue
        if re.search(r":\s*[>|][-+]?\s*(#.*)?$", line):
            block_indent = indent
        comments = [line.split("#", 1)[1]] if "#" in line else []
        above = number - 1
        while above >= 0 and lines[above].lstrip().startswith("#"):
            comments.append(lines[above])
            above -= 1
        text = " ".join(comments)
        if "NL" not in text or "EN" not in text:
            unexplained.append(f"{scenario.name}:{number + 1}: {m.group(2)}")
    assert not unexplained, "keys without a Dutch and English comment:\n" + "\n".join(unexplained)


@pytest.mark.parametrize("scenario", TEACHING, ids=ids(TEACHING))
def test_teaching_scenario_validates(cli, scenario):
    proc = cli("validate", scenario.relative_to(REPO))
    assert proc.returncode == 0, f"{scenario.name} is not valid:\n{proc.stderr}"
    assert "valid" in proc.stdout and proc.stderr == ""


@pytest.mark.parametrize("scenario", TEACHING, ids=ids(TEACHING))
def test_teaching_scenario_runs(cli, scenario, tmp_path):
    out = tmp_path / f"{scenario.stem}.h5"
    proc = cli("run", scenario.relative_to(REPO), "-o", out, "-q", timeout=60)
    assert proc.returncode == 0, f"{scenario.name} failed ({proc.returncode}):\n{proc.stderr}"
    assert proc.stdout == "" and proc.stderr == ""
    with h5py.File(out, "r") as f:
        assert int(f.attrs["complete"]) == 1
        assert f["summary"].attrs["conversations"] > 0, "nobody was talked to"


# --- No-outreach baselines ---------------------------------------------------------------------


def test_the_baselines_exist():
    names = {p.name for p in BASELINES}
    expected = {
        "waterlandpleinbuurt-geen-outreach.yaml",
        "de-kleine-wereld-geen-outreach.yaml",
        "noord-ontwikkelbuurten-geen-outreach.yaml",
    }
    assert expected <= names


def counterpart(baseline: Path) -> Path:
    return baseline.with_name(baseline.name.replace("-geen-outreach", ""))


@pytest.mark.parametrize("baseline", BASELINES, ids=ids(BASELINES))
def test_baseline_has_no_workers_and_otherwise_copies_its_counterpart(baseline):
    other = counterpart(baseline)
    assert other.is_file(), f"{baseline.name} has no counterpart {other.name}"
    base, alt = load(baseline), load(other)
    assert base["workers"] == [], f"{baseline.name}: workers must be [] (no outreach)"
    assert alt.get("workers"), f"{other.name} has no workers to compare with"
    if "extends" in base:  # once baselines use scenario inheritance: extend the counterpart only
        assert (baseline.parent / base["extends"]).resolve() == other.resolve()
        assert set(base) <= {"extends", "name", "description", "workers"}, sorted(base)
        return
    assert base["buurt"] == alt["buurt"], (
        f"the buurt of {baseline.name} differs from {other.name}; copy it (keep the two in step)")
    different = {
        k for k in (set(base) | set(alt)) - {"name", "description", "workers"}
        if base.get(k) != alt.get(k)
    }
    assert not different, f"{baseline.name} and {other.name} differ in {sorted(different)}"
    assert base["name"] != alt["name"], "a baseline needs its own name to tell it apart in results"
    text = baseline.read_text(encoding="utf-8")
    assert "compare" in text and other.name in text, "the header should say how to compare"


@pytest.mark.parametrize("baseline", BASELINES, ids=ids(BASELINES))
def test_baseline_runs_without_outreach(cli, baseline, tmp_path):
    out = tmp_path / f"{baseline.stem}.h5"
    proc = cli("run", baseline.relative_to(REPO), "-o", out, "-q")
    assert proc.returncode == 0, f"{baseline.name} failed ({proc.returncode}):\n{proc.stderr}"
    # A scenario with several buurten writes one run file per buurt (OUT.<buurt>.h5).
    several = "\nbuurten:" in cli("show", baseline.relative_to(REPO), "--resolved").stdout
    files = sorted(tmp_path.glob(f"{baseline.stem}.*.h5")) if several else [out]
    assert files and all(path.exists() for path in files)
    for path in files:
        with h5py.File(path, "r") as f:
            s = f["summary"].attrs
            assert s["attempts"] == 0 and s["contacts"] == 0 and s["hours_total"] == 0


# --- Buurt data --------------------------------------------------------------------------------


def test_there_is_buurt_data_with_a_readme():
    assert DATA / "noord-buurten.csv" in DATA_FILES
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    for path in DATA_FILES:
        assert path.name in readme, f"data/README.md does not describe {path.name}"
    for code in sorted(set(raw_rows().area_code)):
        assert f"`{code}`" in readme, f"data/README.md does not list area {code}"


@pytest.mark.parametrize("path", DATA_FILES, ids=[p.name for p in DATA_FILES])
def test_data_file_reads_with_pandas_and_has_the_columns(path):
    frame = pd.read_csv(path, dtype={"year": "Int64"})
    assert list(frame.columns) == COLUMNS
    assert len(frame) > 0
    assert pd.api.types.is_numeric_dtype(frame["value"]), "every value must be a number"
    assert not frame.duplicated(["area", "indicator"]).any(), "one row per (area, indicator)"
    assert not frame.duplicated(["area_code", "indicator"]).any(), "one row per (code, indicator)"
    assert frame[["area", "area_code", "indicator", "unit"]].notna().all().all()


@pytest.mark.parametrize("path", DATA_FILES, ids=[p.name for p in DATA_FILES])
def test_every_figure_has_a_source(path):
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = frame[(frame.value.str.strip() != "") & (frame.source.str.strip() == "")]
    assert missing.empty, f"figures without a source:\n{missing[COLUMNS[:6]]}"
    assert (frame.value.str.strip() != "").all(), "a row without a value"
    for _, r in frame.iterrows():
        float(r["value"])  # every value is a number
        assert r["year"] == "" or re.fullmatch(r"\d{4}", r["year"]), r["year"]
        if r["source"].startswith("A:"):
            assert len(r["source"]) > 12, f"{r.area_code}/{r.indicator}: give the reason"


def test_derived_ratios_agree_with_their_rows():
    rows = row_index()
    checked = 0
    for (code, indicator), r in rows.items():
        m = RATIO.match(r["source"])
        if not m:
            continue
        num, den = rows[(code, m.group(1))], rows[(code, m.group(2))]
        for ref in (m.group(1), m.group(2)):
            assert f"{code}/{ref}" in r["source"], f"{code}/{indicator}: cite the rows it uses"
        value = float(num["value"]) / float(den["value"]) * (100 if m.group(3) else 1)
        decimals = len(r["value"].split(".")[1]) if "." in r["value"] else 0
        assert round(value, decimals) == float(r["value"]), (
            f"{code}/{indicator}: {r['value']} but {m.group(1)} / {m.group(2)} gives {value}")
        checked += 1
    assert checked >= 4, "no derived ratios found; has the 'D: a / b' form changed?"


def test_proxies_agree_with_the_rows_they_copy():
    rows = row_index()
    checked = 0
    for (code, indicator), r in rows.items():
        m = PROXY.search(r["source"])
        if not m:
            continue
        assert r["source"].startswith("A:"), f"{code}/{indicator}: a proxy is an assumption (A:)"
        target = rows.get((m.group(1), m.group(2)))
        assert target is not None, f"{code}/{indicator}: proxy {m.group(0)} is not a row"
        assert (float(r["value"]), r["unit"]) == (float(target["value"]), target["unit"]), (
            f"{code}/{indicator} = {r['value']} {r['unit']}, its proxy "
            f"{m.group(0)} = {target['value']} {target['unit']}")
        checked += 1
    assert checked > 0


# --- Scenario figures that cite data rows ------------------------------------------------------


def cited_figures(node, path=""):
    """(key path, value, source) of every {value|membership, source} in a parsed scenario."""
    if isinstance(node, dict):
        if isinstance(node.get("source"), str):
            value = node.get("value", node.get("membership"))
            if value is not None:
                yield path, value, node["source"]
        for k, v in node.items():
            yield from cited_figures(v, f"{path}.{k}" if path else str(k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from cited_figures(v, f"{path}[{i}]")


@pytest.mark.parametrize("scenario", ALL_SCENARIOS, ids=ids(ALL_SCENARIOS))
def test_cited_data_rows_match_the_scenario(scenario):
    rows = row_index()
    wrong = []
    for path, value, source in cited_figures(load(scenario)):
        for m in CITATION.finditer(source):
            row = rows.get((m.group(1), m.group(2)))
            if row is None:
                wrong.append(f"{path}: {m.group(0)} is not a row of scenarios/data")
            elif not math.isclose(float(value), as_scenario_value(row), rel_tol=0, abs_tol=1e-9):
                wrong.append(f"{path}: {value}, but {m.group(0)} is {row['value']} {row['unit']}")
    assert not wrong, f"{scenario.name}:\n" + "\n".join(wrong)


def test_every_buurt_figure_of_de_kleine_wereld_cites_a_data_row():
    doc = load(SCENARIOS / "de-kleine-wereld.yaml")
    figures = dict(doc["buurt"])
    figures["needs.financien.prevalence"] = doc["needs"]["financien"]["prevalence"]
    for key, figure in figures.items():
        assert isinstance(figure, dict), f"{key}: write it as {{value, source}}"
        assert figure["source"].startswith("A:"), f"{key}: De Kleine Wereld has no measured figures"
        m = CITATION.search(figure["source"])
        assert m and m.group(1) == "DKW", f"{key}: cite its row as data:DKW/<indicator>"
    assert {"households", "share_one_person", "share_minimum_income"} <= set(doc["buurt"])
