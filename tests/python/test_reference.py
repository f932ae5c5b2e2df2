"""The committed documentation is generated from, or checked against, what the code uses:
docs/scenario-reference.md equals `buurtbereik reference`, docs/models.md equals `buurtbereik
models`, the reference lists every parameter a run records, and every evidence id cited by the
reference, the models or a scenario exists in docs/evidence.md."""

from __future__ import annotations

import re

import h5py
from bbutil import REPO, strings

REFERENCE = REPO / "docs" / "scenario-reference.md"
EVIDENCE = REPO / "docs" / "evidence.md"
REGENERATE = "regenerate it with: build/buurtbereik reference > docs/scenario-reference.md"
MODELS = REPO / "docs" / "models.md"
REGENERATE_MODELS = "regenerate it with: build/buurtbereik models > docs/models.md"
EVIDENCE_ID = re.compile(r"(?<![A-Za-z0-9])([A-Z]\d{1,2})(?![0-9A-Za-z])")


def test_reference_is_up_to_date(cli):
    assert REFERENCE.is_file(), f"docs/scenario-reference.md is missing; {REGENERATE}"
    proc = cli("reference")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip(), "buurtbereik reference printed nothing"
    assert proc.stdout == REFERENCE.read_text(encoding="utf-8"), (
        f"docs/scenario-reference.md is out of date with the code; {REGENERATE}"
    )


def test_models_reference_is_up_to_date(cli):
    assert MODELS.is_file(), f"docs/models.md is missing; {REGENERATE_MODELS}"
    proc = cli("models")
    assert proc.returncode == 0, proc.stderr
    for heading in ("## The six outreach models", "## The contact methods",
                    "## The effective factors"):
        assert heading in proc.stdout
    for model in ("kwartiermaken", "politiserend", "verbindend", "hulp", "dwang_drang",
                  "presentie"):
        assert f"### `{model}`" in proc.stdout, model
    assert proc.stdout == MODELS.read_text(encoding="utf-8"), (
        f"docs/models.md is out of date with the code; {REGENERATE_MODELS}"
    )


def test_every_method_parameter_in_the_models_reference_exists():
    reference = REFERENCE.read_text(encoding="utf-8")
    text = MODELS.read_text(encoding="utf-8")
    section = text.split("## The contact methods")[1].split("## The effective factors")[0]
    listed = re.findall(r"^\| `([a-z_.]+)` \|", section, re.M)
    assert len(listed) >= 20
    missing = [p for p in listed if f"| `{p}` |" not in reference]
    assert not missing, f"method parameters not in the scenario reference: {missing}"


def test_reference_lists_every_recorded_parameter(default_h5):
    text = REFERENCE.read_text(encoding="utf-8")
    with h5py.File(default_h5, "r") as f:
        paths = strings(f["provenance/parameters/path"][()])
    models = MODELS.read_text(encoding="utf-8")

    def documented(path: str) -> bool:
        group, _, rest = path.partition(".")
        if group in ("models", "factors"):  # documented per model or factor in docs/models.md
            model, _, key = rest.partition(".")
            return f"### `{model}`" in models and f"| `{key}` |" in models
        return f"| `{path}` |" in text

    assert any(p.startswith("models.presentie.") for p in paths)
    missing = [p for p in paths if not documented(p)]
    assert not missing, f"not in docs/scenario-reference.md: {missing}; {REGENERATE}"


def evidence_ids() -> set[str]:
    return set(re.findall(r"^\| ([A-Z]\d{1,2}) \|", EVIDENCE.read_text(encoding="utf-8"), re.M))


def test_evidence_copy_has_its_header_and_table():
    first = EVIDENCE.read_text(encoding="utf-8").splitlines()[0]
    assert "copy" in first.lower() and "evidence" in first.lower()
    assert {"P1", "P5", "F10", "C2"} <= evidence_ids()


def test_cited_evidence_ids_exist():
    known = evidence_ids()
    cited: dict[str, str] = {}
    lines = REFERENCE.read_text(encoding="utf-8").splitlines()
    lines += MODELS.read_text(encoding="utf-8").splitlines()
    for line in lines:
        if line.startswith("| `"):
            source = line.strip().rstrip("|").split("|")[-1]
            for m in EVIDENCE_ID.finditer(source):
                cited.setdefault(m.group(1), f"docs/scenario-reference.md: {line[:60]}")
    for scenario in sorted((REPO / "scenarios").rglob("*.yaml")):
        for number, line in enumerate(scenario.read_text(encoding="utf-8").splitlines(), 1):
            m = re.search(r"source:\s*\"?([A-Z]\d{1,2})\b", line)
            if m:
                cited.setdefault(m.group(1), f"{scenario.relative_to(REPO)}:{number}")
    assert cited, "no evidence ids found; has the source format changed?"
    unknown = {i: where for i, where in cited.items() if i not in known}
    assert not unknown, f"evidence ids not in docs/evidence.md: {unknown}"
