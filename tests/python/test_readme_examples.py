"""The README's Python example runs as written (with results/ redirected to a temporary folder)."""

from __future__ import annotations

import re

from bbutil import REPO, run_doc_python


def test_readme_python_example_runs(engine, bb_bin, tmp_path):
    run_doc_python(REPO / "README.md", bb_bin, tmp_path)
    assert (tmp_path / "vier-werkers.h5").is_file() and (tmp_path / "bereik.png").is_file()


def test_readme_yaml_examples_are_valid_scenario_changes(cli, tmp_path):
    """Each ```yaml block of the README, as a change of the default scenario (`extends:`), is a
    valid scenario: the keys, ids, quick-scan answers and parameters it shows exist."""
    blocks = re.findall(r"```yaml\n(.*?)```", (REPO / "README.md").read_text(encoding="utf-8"),
                        flags=re.S)
    assert len(blocks) >= 2, "README.md lost its ```yaml examples"
    default = REPO / "scenarios" / "waterlandpleinbuurt.yaml"
    for number, block in enumerate(blocks):
        path = tmp_path / f"readme-{number}.yaml"
        path.write_text(f"schema_version: 1\nextends: {default}\n{block}", encoding="utf-8")
        proc = cli("validate", path)
        assert proc.returncode == 0, f"README yaml block {number} is not valid:\n{block}\n{proc.stderr}"
