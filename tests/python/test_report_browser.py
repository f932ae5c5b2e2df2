"""`buurtbereik report` writes a self-contained HTML report that a real browser renders: headless
Chromium loads it with no errors, every section is there and every embedded plot decodes."""

from __future__ import annotations

import shutil
import subprocess

import pytest

SECTIONS = ("question", "scenarios", "results", "plots", "assumptions", "provenance")

# Appended to a copy of the report: records script errors and whether every image decoded, as
# attributes of <body> that --dump-dom shows. (The report itself has no script.)
PROBE = """
<script>
window.__errors = [];
window.addEventListener('error', e => window.__errors.push(String(e.message || e.type)), true);
window.addEventListener('load', () => {
  const imgs = Array.from(document.images);
  const bad = imgs.filter(i => !(i.complete && i.naturalWidth > 0)).length;
  document.body.setAttribute('data-images', imgs.length + '/' + bad);
  document.body.setAttribute('data-errors', window.__errors.length);
});
</script>
"""


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.fail("headless Chromium is needed: apt-get install chromium (scripts/deps.sh does)",
                    pytrace=False)
    return path


def headless(*args, timeout=180):
    return subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu",
                           "--disable-dev-shm-usage", "--no-first-run", *args],
                          capture_output=True, text=True, timeout=timeout)


def test_report_command_and_browser_rendering(cli, package_study, tmp_path):
    study, _ = package_study
    out = tmp_path / "rapport.html"
    proc = cli("report", study, "-o", out)
    assert proc.returncode == 0, proc.stderr
    html = out.read_text(encoding="utf-8")
    assert 'src="http' not in html and "url(http" not in html  # nothing loaded from outside
    probe = tmp_path / "probe.html"
    probe.write_text(html.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    dom = headless("--virtual-time-budget=10000", "--dump-dom", probe.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    for section in SECTIONS:
        assert f'id="{section}"' in dom.stdout, f"section {section} missing in the rendered page"
    assert 'data-errors="0"' in dom.stdout
    images = dom.stdout.split('data-images="', 1)[1].split('"', 1)[0]
    total, bad = (int(x) for x in images.split("/"))
    assert total >= 4 and bad == 0, f"{bad} of {total} images did not decode"

    shot = tmp_path / "rapport.png"
    render = headless(f"--screenshot={shot}", "--window-size=1280,2400", out.as_uri())
    assert render.returncode == 0, render.stderr[-2000:]
    assert shot.stat().st_size > 20_000  # a rendered page, not a blank one


def test_report_command_errors(cli, tmp_path):
    proc = cli("report", tmp_path / "missing.h5", "-o", tmp_path / "r.html")
    assert proc.returncode == 2
    assert "missing.h5" in proc.stderr
    assert not (tmp_path / "r.html").exists()
    proc = cli("report", tmp_path / "x.h5", "-o", tmp_path / "r.html", "--lang", "fr")
    assert proc.returncode == 1
