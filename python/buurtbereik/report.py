"""A self-contained HTML report of a study file: the question, how the scenarios differ, the
estimates and comparisons with their intervals, the plots, the assumptions of the base scenario
and the provenance. One file, images embedded as base64 PNG, no scripts and no external
resources, so it can be mailed or archived as it is.

Command line::

    python3 -m buurtbereik.report STUDY.h5 -o report.html [--lang en]

Exit codes: 0 written; 2 the study file is missing, not a study file or of an unknown format
version (or the command line is wrong); 3 the report cannot be written.
"""

from __future__ import annotations

import argparse
import base64
import html
import io
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Optional, Sequence, Union

from . import __version__, _format
from .errors import FileFormatError
from .files import open_study
from .labels import check_lang, tr
from .scenario import assumptions, scenario_diff
from .study import KEY_OUTCOMES, StudyFile

if TYPE_CHECKING:  # matplotlib is imported only when plots are drawn
    from matplotlib.figure import Figure

__all__ = ["build_report", "main", "write_report", "SECTION_IDS"]

SECTION_IDS = ("question", "scenarios", "results", "plots", "assumptions", "provenance")
# At most this many variants get their own reach-over-time plot (the base first).
MAX_REACH_PLOTS = 6

EXIT_OK, EXIT_BAD_INPUT, EXIT_OUTPUT = 0, 2, 3

_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2rem auto;
       max-width: 70rem; padding: 0 1rem; color: #222; line-height: 1.45; }
h1 { font-size: 1.7rem; } h2 { border-bottom: 2px solid #4c72b0; padding-bottom: .2rem; }
h3 { font-size: 1.1rem; margin-top: 1.5rem; }
nav a { margin-right: 1rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .9rem; }
th, td { border: 1px solid #ccc; padding: .2rem .5rem; text-align: left; vertical-align: top; }
th { background: #eef2f8; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.del { background: #fdecea; font-family: monospace; }
td.ins { background: #e9f7ef; font-family: monospace; }
td.mono, code { font-family: monospace; font-size: .85rem; }
figure { margin: 1rem 0; } figure img { max-width: 100%; height: auto; }
details { margin: .5rem 0 1rem; } summary { cursor: pointer; color: #4c72b0; }
.note { color: #555; font-size: .9rem; }
"""


# -- HTML helpers --------------------------------------------------------------------------------


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _table(headers: Sequence[str], rows: Iterable[Sequence[object]],
           classes: Optional[Sequence[str]] = None) -> str:
    """An HTML table; cell values are escaped; classes[k] is the class of column k's cells."""
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = []
    for row in rows:
        cells = []
        for k, cell in enumerate(row):
            cls = classes[k] if classes and classes[k] else ""
            cells.append(f'<td class="{cls}">{_e(cell)}</td>' if cls else f"<td>{_e(cell)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _details(summary: str, content: str) -> str:
    return f"<details><summary>{_e(summary)}</summary>{content}</details>"


def _section(section_id: str, title: str, body: str) -> str:
    return f'<section id="{section_id}"><h2>{_e(title)}</h2>{body}</section>'


def figure_html(fig: "Figure", alt: str, dpi: int = 100) -> str:
    """A figure as an ``<img>`` with the PNG embedded as a base64 data URI."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (f'<figure><img alt="{_e(alt)}" src="data:image/png;base64,{data}">'
            f"<figcaption class=\"note\">{_e(alt)}</figcaption></figure>")


# -- sections -------------------------------------------------------------------------------------


def _question(study: StudyFile, lang: str) -> str:
    description = study.description.strip() or tr("question.no_description", lang)
    design = tr("question.crn" if study.common_random_numbers else "question.independent", lang)
    items = [
        f"<li>{_e(tr('question.base', lang))}: <b>{_e(study.base)}</b></li>",
        f"<li>{_e(tr('question.variants', lang))}: {_e(', '.join(study.variants))}</li>",
        f"<li>{_e(tr('question.replications', lang, n=study.replications, days=study.days))}"
        f" ({_e(design)})</li>",
    ]
    return f"<p>{_e(description)}</p><ul>{''.join(items)}</ul>"


def _scenarios(study: StudyFile, lang: str) -> str:
    rows = [(v, study.variant_attributes[v].get("scenario_name", ""),
             study.variant_attributes[v].get("origin", ""),
             study.variant_attributes[v].get("seed", "")) for v in study.variants]
    parts = [_table([tr("variant", lang), tr("scenarios.scenario", lang),
                     tr("scenarios.origin", lang), tr("scenarios.seed", lang)], rows,
                    ["", "", "mono", "num"])]
    base_text = study.scenario_resolved(study.base)
    for alt in study.alternatives:
        changes = scenario_diff(base_text, study.scenario_resolved(alt))
        parts.append(f"<h3>{_e(tr('scenarios.diff', lang, alternative=alt, base=study.base))}</h3>")
        if not changes:
            parts.append(f"<p>{_e(tr('scenarios.no_diff', lang))}</p>")
            continue
        parts.append(_table([tr("scenarios.key", lang), study.base, alt],
                            [(c.path, c.base or "", c.alternative or "") for c in changes],
                            ["mono", "del", "ins"]))
    return "".join(parts)


def _estimates_table(study: StudyFile, outcomes: Sequence[str], lang: str) -> str:
    est = study.estimates().set_index(["variant", "outcome"])
    rows = []
    for oid in outcomes:
        row: list[object] = [oid, study.outcome_catalogue.loc[oid, "unit"]]
        for v in study.variants:
            r = est.loc[(v, oid)]
            row.append(f"{_format.number(r['mean'], lang)} "
                       f"{_format.interval(r['lo'], r['hi'], lang, tr('unbounded', lang))}")
        rows.append(row)
    headers = [tr("outcome", lang), tr("unit", lang), *study.variants]
    return _table(headers, rows, ["mono", ""] + ["num"] * len(study.variants))


def _differences_table(diff, outcomes: Sequence[str], lang: str) -> str:
    d = diff.set_index("outcome")
    rows = []
    for oid in outcomes:
        r = d.loc[oid]
        rows.append((oid, r["unit"], _format.number(r["mean"], lang),
                     _format.interval(r["lo"], r["hi"], lang, tr("unbounded", lang)),
                     "" if r["better"] == 0 else _format.number(r["p_better"], lang)))
    return _table([tr("outcome", lang), tr("unit", lang), tr("difference", lang),
                   tr("interval", lang), tr("p_better", lang)], rows,
                  ["mono", "", "num", "num", "num"])


def _economics_table(econ, lang: str) -> str:
    rows = [(r["measure"], r["unit"], _format.number(r["estimate"], lang),
             _format.interval(r["lo"], r["hi"], lang, tr("unbounded", lang)))
            for _, r in econ.iterrows()]
    return _table([tr("measure", lang), tr("unit", lang), tr("estimate", lang),
                   tr("interval", lang)], rows, ["mono", "", "num", "num"])


def _results(study: StudyFile, lang: str) -> str:
    key = [o for o in KEY_OUTCOMES if o in study.outcome_ids]
    parts = [f"<h3>{_e(tr('results.estimates', lang))}</h3>",
             _estimates_table(study, key, lang),
             _details(tr("results.all_outcomes", lang),
                      _estimates_table(study, study.outcome_ids, lang))]
    if len(study.variants) < 2:
        parts.append(f"<p>{_e(tr('results.single', lang))}</p>")
        return "".join(parts)
    comparison = study.compare()
    parts.append(f"<h3>{_e(tr('results.comparisons', lang))}</h3>")
    for alt in comparison.alternatives:
        c = comparison.for_alternative(alt)
        parts.append(f"<h4>{_e(alt)} &minus; {_e(study.base)} "
                     f"({_e(tr('results.pairs', lang, n=c.pairs[alt]))})</h4>")
        parts.append(_differences_table(c.differences, key, lang))
        parts.append(_details(tr("results.all_outcomes", lang),
                              _differences_table(c.differences, study.outcome_ids, lang)))
        parts.append(f"<h4>{_e(tr('results.economics', lang))}: {_e(alt)}</h4>")
        parts.append(_economics_table(c.economics, lang))
    return "".join(parts)


def _plots(study: StudyFile, lang: str) -> str:
    from . import plots

    parts = []
    for v in study.variants[:MAX_REACH_PLOTS]:
        parts.append(figure_html(plots.plot_reach_over_time(study, v, lang=lang),
                                 tr("title.reach", lang, variant=v)))
    parts.append(figure_html(plots.plot_hours_and_costs(study, lang=lang),
                             tr("title.hours_study", lang)))
    if len(study.variants) > 1:
        comparison = study.compare()
        parts.append(figure_html(plots.plot_cost_effectiveness(comparison, lang=lang),
                                 tr("title.ce", lang, base=study.base)))
        parts.append(figure_html(plots.plot_escalations_avoided(comparison, lang=lang),
                                 tr("title.escalations", lang, base=study.base)))
    return "".join(parts) or f"<p>{_e(tr('plots.none', lang))}</p>"


def _assumptions(study: StudyFile, lang: str) -> str:
    base_text = study.scenario_resolved(study.base)
    varied = {c.path for alt in study.alternatives
              for c in scenario_diff(base_text, study.scenario_resolved(alt))}
    entries = assumptions(base_text)
    parts = [f"<p class=\"note\">{_e(tr('assumptions.intro', lang))}</p>"]
    if not entries:
        parts.append(f"<p>{_e(tr('assumptions.none', lang))}</p>")
    else:
        parts.append(f"<p>{_e(tr('assumptions.count', lang, n=len(entries)))}</p>")
        rows = [(e.path, e.value, e.unit, e.source or "",
                 tr("yes", lang) if e.path in varied else "") for e in entries]
        parts.append(_table([tr("parameter", lang), tr("value", lang), tr("unit", lang),
                             tr("source", lang), tr("assumptions.varied", lang)], rows,
                            ["mono", "num", "", "", ""]))
    partly = assumptions(base_text, partly=True)
    if partly:
        rows = [(e.path, e.value, e.unit, e.source or "") for e in partly]
        parts.append(_details(tr("assumptions.partly", lang, n=len(partly)),
                              _table([tr("parameter", lang), tr("value", lang), tr("unit", lang),
                                      tr("source", lang)], rows, ["mono", "num", "", ""])))
    return "".join(parts)


def _provenance(study: StudyFile, lang: str) -> str:
    p, info = study.provenance, study.run_info
    stop = study.stop_reason
    rows = [
        (tr("provenance.file", lang), str(study.path)),
        (tr("provenance.engine_version", lang), p.get("engine_version", "")),
        (tr("provenance.git_revision", lang), p.get("git_revision", "")),
        (tr("provenance.build", lang), f"{p.get('build_type', '')}, {p.get('compiler', '')}, "
                                       f"{p.get('platform', '')}"),
        (tr("provenance.seed", lang), p.get("seed", "")),
        (tr("provenance.crn", lang), tr("yes", lang) if study.common_random_numbers else "-"),
        (tr("provenance.replications", lang),
         f"{study.replications} (min {p.get('min_replications', '')}, "
         f"max {p.get('max_replications', '')})"),
        (tr("provenance.stop_reason", lang), f"{stop}: {tr(stop, lang)}" if stop else "-"),
        (tr("provenance.status", lang), study.status),
        (tr("provenance.until", lang), ", ".join(study.until) or "-"),
        (tr("provenance.created", lang), info.get("created_utc", "")),
        (tr("provenance.executor", lang), info.get("executor", "")),
        (tr("provenance.command_line", lang), info.get("command_line", "")),
        (tr("provenance.study_file", lang), p.get("study_file", "")),
        (tr("provenance.fingerprint", lang), study.attributes.get("fingerprint", "")),
    ]
    note = f"<p class=\"note\">{_e(tr('provenance.report', lang, version=__version__))}</p>"
    return _table(["", ""], rows, ["", "mono"]) + note


def _plan(study: StudyFile, lang: str) -> str:
    """A plan file's answer, table and plot (the file's /plan group; docs/planning.md)."""
    import numpy as np

    from . import plan as planning

    p = planning.open_plan(study.path)
    a = p.answer
    parts = []
    if p.kind == "hours":
        if a["feasible"]:
            text = tr("plan.hours_answer", lang, hours=f"{a['hours_per_week']:.1f}",
                      fte=f"{a['fte']:.2f}", target=a["target_resolved"],
                      met=f"{100 * a['success_at_answer']:.0f}",
                      below=f"{a['bracket_below']:.1f}")
        else:
            text = tr("plan.not_reachable", lang, hours=f"{p.curve.hours_per_week.max():.1f}",
                      best=f"{a['best_value']:.3g}", best_hours=f"{a['best_hours_per_week']:.1f}")
        parts.append(f"<p><b>{_e(tr('plan.answer', lang))}:</b> {_e(text)}</p>")
        c = p.curve
        rows = [(f"{r.hours_per_week:.1f}", f"{r.outcome_mean:.4g}",
                 f"[{r.outcome_lo:.4g}, {r.outcome_hi:.4g}]", f"{100 * r.success:.0f}%",
                 "" if np.isnan(r.marginal_mean) else f"{r.marginal_mean:.4g}")
                for r in c.itertuples()]
        parts.append(_table([tr("plan.hours", lang), a["target_outcome"], "95%", "met",
                             "marginal / hour"], rows))
        parts.append(figure_html(planning.plot_response_curve(p), a["target_resolved"]))
    else:
        al = p.allocation
        mix_cols = [c for c in al.columns if c.startswith("allocation.")]

        def mix(r) -> str:  # the chosen method allocation, or the workers' own
            shares = [(c.split(".", 1)[1], r[c]) for c in mix_cols if r[c] > 0]
            return ", ".join(f"{m} {v:.2f}" for m, v in shares) if shares else "-"

        rows = [(b, f"{r.min_hours_per_week:.1f}", f"{r.current_hours_per_week:.1f}",
                 f"{r.equal_hours_per_week:.1f}", f"{r.chosen_hours_per_week:.1f}", mix(r))
                for b, r in al.iterrows()]
        parts.append(f"<p><b>{_e(tr('plan.allocation', lang))}</b> "
                     f"({_e(p.attrs['objective_resolved'])})</p>")
        parts.append(_table(["buurt", "minimum", "current", "equal", "chosen", "allocation"],
                            rows))
        parts.append(figure_html(planning.plot_allocation(p), p.attrs["objective_resolved"]))
    parts.append(f"<p class=\"note\"><b>{_e(tr('plan.method', lang))}:</b> {_e(p.method)}</p>")
    return "".join(parts)


def _has_plan(study: StudyFile) -> bool:
    import h5py

    with h5py.File(study.path, "r") as f:
        return "plan" in f


# -- the report ------------------------------------------------------------------------------------


def build_report(study: StudyFile, lang: str = "nl") -> str:
    """The report of a study as one HTML document.

    Parameters
    ----------
    study : StudyFile
        An open study file.
    lang : {"nl", "en"}
        Language of the text and the plots.

    Returns
    -------
    str
        A complete HTML document with sections ``question``, ``scenarios``, ``results``,
        ``plots``, ``assumptions`` and ``provenance``.
    """
    check_lang(lang)
    builders = {"question": _question, "scenarios": _scenarios, "results": _results,
                "plots": _plots, "assumptions": _assumptions, "provenance": _provenance,
                "plan": _plan}
    # A plan file (buurtbereik plan) has its answer right after the question.
    ids = list(SECTION_IDS)
    if _has_plan(study):
        ids.insert(1, "plan")
    sections = [_section(sid, tr(f"section.{sid}", lang), builders[sid](study, lang))
                for sid in ids]
    nav = "".join(f'<a href="#{sid}">{_e(tr(f"section.{sid}", lang))}</a>' for sid in ids)
    title = tr("report.title", lang, name=study.name)
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
            f"<header><h1>{_e(title)}</h1><nav>{nav}</nav></header>\n<main>\n"
            + "\n".join(sections) + "\n</main>\n</body>\n</html>\n")


def write_report(study_path: Union[str, "os.PathLike[str]"],
                 out_html: Union[str, "os.PathLike[str]"], lang: str = "nl",
                 partial: bool = False) -> Path:
    """Write the self-contained HTML report of a study file.

    Parameters
    ----------
    study_path : str or path-like
        A study file (``run --replications``, ``compare`` or ``study``).
    out_html : str or path-like
        The report to write; written under a temporary name and renamed when complete.
    lang : {"nl", "en"}
        Language of the report.
    partial : bool
        Also report on a study checkpoint (only its finished replications).

    Returns
    -------
    Path
        The report's path.

    Raises
    ------
    FileNotFoundError, UnsupportedFileError, IncompleteFileError
        If the study file is missing or cannot be read (see :func:`buurtbereik.check_file`).
    ValueError
        For an unknown language.
    OSError
        If the report cannot be written.
    """
    check_lang(lang)
    document = build_report(open_study(study_path, partial=partial), lang)
    return _write_atomically(Path(out_html), document)


def _check_writable(out: Path) -> None:
    """Fail before the work: the report's folder must exist and be writable."""
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise FileNotFoundError(f"no such folder: {folder}")
    if not os.access(folder, os.W_OK):
        raise PermissionError(f"folder not writable: {folder}")
    if out.is_dir():
        raise IsADirectoryError(f"{out} is a folder")


def _write_atomically(out: Path, document: str) -> Path:
    """Write under a temporary name in the same folder, then rename: never a half report."""
    tmp = out.with_name(f".{out.name}.partial-{os.getpid()}")
    try:
        tmp.write_text(document, encoding="utf-8")
        os.replace(tmp, out)
    finally:
        if tmp.exists():
            tmp.unlink()
    return out


def main(argv: Optional[Sequence[str]] = None) -> int:
    """The command line: ``python3 -m buurtbereik.report STUDY.h5 -o report.html [--lang en]``.

    Returns
    -------
    int
        0 written; 2 bad or unsupported study file (argparse also exits with 2 on a wrong
        command line); 3 the report cannot be written.
    """
    parser = argparse.ArgumentParser(
        prog="python3 -m buurtbereik.report",
        description="Write a self-contained HTML report of a Buurtbereik study file.")
    parser.add_argument("study", help="study file (.h5) from run --replications, compare or study")
    parser.add_argument("-o", "--output", help="report to write (default: STUDY with .html)")
    parser.add_argument("--lang", choices=("nl", "en"), default="nl",
                        help="language of the report (default: nl)")
    parser.add_argument("--partial", action="store_true",
                        help="also report on an unfinished study (a checkpoint)")
    args = parser.parse_args(argv)
    out = Path(args.output) if args.output else Path(args.study).with_suffix(".html")
    try:
        study = open_study(args.study, partial=args.partial)
    except (FileFormatError, OSError) as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        _check_writable(out)
        _write_atomically(out, build_report(study, args.lang))
    except OSError as e:
        print(f"error: cannot write the report {out}: {e}", file=sys.stderr)
        return EXIT_OUTPUT
    print(f"Wrote {out}")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
