"""The result as Markdown, for pasting into a client deliverable (French or English).

Text that comes from response files (names, comments, notes) is escaped so that it can
neither inject HTML nor break a table once the Markdown is rendered.
"""

from __future__ import annotations

import re

from vendormaturity._version import __version__
from vendormaturity.model.questionnaire import Questionnaire
from vendormaturity.model.responses import ResponseSet
from vendormaturity.model.result import AssessmentResult, Evidence, Finding
from vendormaturity.render import _view
from vendormaturity.render import provenance as _provenance
from vendormaturity.render.texts import (
    colon,
    label,
    name,
    number,
    percent,
    phase_description,
    signed,
    text,
)

__all__ = ["escape", "render_markdown"]

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")


def escape(value: str) -> str:
    """*value* as literal Markdown text: no markup, no HTML, no table break, one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(value.split()))


def _code(value: str) -> str:
    fence = "`" * (max((len(run) for run in re.findall(r"`+", value)), default=0) + 1)
    return f"{fence} {value} {fence}" if "`" in value else f"{fence}{value}{fence}"


def _table(header: list[str], align: str, rows: list[list[str]]) -> list[str]:
    """A pipe table; *align* holds one of ``l`` or ``r`` per column."""
    rule = ["---:" if kind == "r" else "---" for kind in align]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(rule) + " |"]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return lines


def render_markdown(
    result: AssessmentResult,
    *,
    lang: str = "en",
    questionnaire: Questionnaire | None = None,
    responses: ResponseSet | None = None,
) -> str:
    """The whole report as Markdown text.

    *questionnaire* adds the band labels and question texts; *responses* adds the
    respondents' comments.
    """
    lines: list[str] = []
    lines += _header(result, lang)
    lines += _phase(result, lang)
    lines += _dimensions(result, lang, questionnaire)
    lines += _findings(result, lang, questionnaire)
    lines += _plan(result, lang)
    lines += _followup(result, lang)
    if result.history:
        lines += _history(result, lang)
    if result.provenance:
        lines += _facts_provenance(result, lang)
    notes = _view.comments(responses, questionnaire, lang)
    if notes:
        lines += _comments(notes, lang)
    version = __version__
    lines += ["", "---", "", f"*{text('generated', lang, version=version)}*", ""]
    return "\n".join(lines)


def _comments(notes: list[_view.Comment], lang: str) -> list[str]:
    opening, closing = ("« ", " »") if lang == "fr" else ("“", "”")
    lines = ["", f"## {text('comments', lang)}", ""]
    for note in notes:
        who = ", ".join(part for part in (note.side, note.role) if part)
        about = f" ({escape(note.question)})" if note.question else ""
        prefix = f"*{escape(who)}*{about}{colon(lang)}" if who else ""
        lines.append(f"- {prefix}{opening}{escape(note.text)}{closing}")
    return lines


def _header(result: AssessmentResult, lang: str) -> list[str]:
    count = text(
        "respondents_count",
        lang,
        client=result.respondents.get("client", 0),
        supplier=result.respondents.get("supplier", 0),
    )
    facts = [
        (text("client", lang), escape(result.client)),
        (text("supplier", lang), escape(result.supplier)),
        (text("date", lang), result.date.isoformat()),
        (
            text("questionnaire", lang),
            f"{escape(result.questionnaire)} {result.questionnaire_version}",
        ),
        (text("respondents", lang), count),
    ]
    return [
        f"# {text('report_title', lang)} – {escape(result.relationship)}",
        "",
        *(f"- **{key}**{colon(lang)}{value}" for key, value in facts),
    ]


def _phase(result: AssessmentResult, lang: str) -> list[str]:
    confidence = name("confidence", result.confidence_label, lang)
    lines = [
        "",
        f"## {text('phase_heading', lang)}",
        "",
        f"**{name('phase', result.phase, lang)}** – {text('confidence', lang).lower()} "
        f"{percent(result.confidence, lang)} ({confidence}).",
        "",
        f"> {phase_description(result.phase, lang)}",
        "",
    ]
    rows = []
    for phase, probability in result.phase_scores.items():
        shown = [name("phase", phase, lang), percent(probability, lang)]
        if phase is result.phase:
            shown = [f"**{cell}**" for cell in shown]
        rows.append(shown)
    lines += _table([text("phase", lang), text("probability", lang)], "lr", rows)
    lines += ["", _view.baseline_sentence(result, lang)]
    return lines


def _dimensions(result: AssessmentResult, lang: str, questionnaire: Questionnaire | None) -> list[str]:
    header = [
        text("dimension", lang),
        text("client", lang),
        text("supplier", lang),
        text("gap", lang),
        text("overall", lang),
        text("score", lang),
        text("band", lang),
    ]
    rows = []
    for dimension in result.dimensions:
        gap = signed(dimension.gap, lang)
        if _view.marked_gap(dimension.gap):
            gap = f"**{gap} ▲**"
        score = dimension.overall.score
        rows.append(
            [
                escape(label(dimension.label, lang)),
                _view.mean_text(dimension.client.mean, lang),
                _view.mean_text(dimension.supplier.mean, lang),
                gap,
                _view.mean_text(dimension.overall.mean, lang),
                "–" if score is None else number(score, lang, 0),
                escape(_view.band_name(dimension.band, questionnaire, lang)),
            ]
        )
    return [
        "",
        f"## {text('dimensions', lang)}",
        "",
        *_table(header, "lrrrrrl", rows),
        "",
        f"*{text('gap_note', lang)}*",
    ]


def _evidence_rows(evidence: list[Evidence], result: AssessmentResult, lang: str) -> list[str]:
    labels = {d.dimension: label(d.label, lang) for d in result.dimensions}
    rows = []
    for item in evidence:
        condition = _code(item.condition)
        if item.dimension:
            condition += f" ({escape(labels.get(item.dimension, item.dimension))})"
        rows.append(
            [
                condition,
                escape(_view.evidence_value(item.value, lang)),
                escape(_view.evidence_value(item.threshold, lang)),
                _view.holds_text(item, lang),
            ]
        )
    header = [text(key, lang) for key in ("condition", "value", "threshold", "holds")]
    return _table(header, "lrrl", rows)


def _finding(
    index: int, finding: Finding, result: AssessmentResult, lang: str, questionnaire: Questionnaire | None
) -> list[str]:
    severity = name("severity", finding.severity, lang)
    suspicion = _view.suspicion(finding, questionnaire, lang)
    status = f" – {text('suspected', lang)}" if suspicion else ""
    return [
        "",
        f"### {index}. {escape(label(finding.title, lang))} – {severity}{status}",
        "",
        *([f"*{escape(suspicion)}*", ""] if suspicion else []),
        escape(label(finding.description, lang)),
        "",
        *_evidence_rows(finding.evidence, result, lang),
    ]


def _findings(result: AssessmentResult, lang: str, questionnaire: Questionnaire | None) -> list[str]:
    lines = ["", f"## {text('findings', lang)}"]
    if not result.findings:
        return [*lines, "", text("no_findings", lang)]
    for index, finding in enumerate(result.findings, start=1):
        lines += _finding(index, finding, result, lang, questionnaire)
    return lines


def _plan(result: AssessmentResult, lang: str) -> list[str]:
    plan = result.plan
    target = name("phase", plan.target_phase, lang)
    lines = [
        "",
        f"## {text('plan', lang)}",
        "",
        f"{text('target_phase', lang)}{colon(lang)}**{target}**.",
    ]
    if not plan.actions:
        return [*lines, "", text("no_actions", lang)]
    header = [
        text("priority", lang),
        text("owner", lang),
        text("action", lang),
        text("success_indicator", lang),
        text("addresses", lang),
    ]
    for horizon, actions in _view.plan_by_horizon(plan.actions):
        rows = []
        for action in actions:
            title = f"**{escape(label(action.title, lang))}**"
            if action.carried_over:
                title += f" *({text('carried_over', lang)})*"
            rows.append(
                [
                    str(action.priority),
                    name("owner", action.owner, lang),
                    f"{title} – {escape(label(action.description, lang))}",
                    escape(label(action.success_indicator, lang)),
                    "; ".join(escape(_view.address(a, result, lang)) for a in action.addresses),
                ]
            )
        lines += ["", f"### {name('horizon', horizon, lang)}", "", *_table(header, "rllll", rows)]
    return lines


def _followup(result: AssessmentResult, lang: str) -> list[str]:
    plan = result.plan
    lines = ["", f"## {text('followup', lang)}", ""]
    if not plan.followup:
        return [*lines, text("no_followup", lang)]
    if plan.closed_ratio is not None:
        closed = percent(plan.closed_ratio, lang)
        lines += [f"{text('closed_ratio', lang)}{colon(lang)}{closed}.", ""]
    rows = [
        [
            escape(label(item.title, lang) or item.action),
            name("status", item.status, lang),
            escape(item.note or ""),
        ]
        for item in plan.followup
    ]
    header = [text("action", lang), text("status", lang), text("note", lang)]
    return [*lines, *_table(header, "lll", rows)]


def _history(result: AssessmentResult, lang: str) -> list[str]:
    rows = []
    for point in _view.trajectory(result):
        date = point.date.isoformat()
        if point.current:
            date += f" ({text('current', lang)})"
        rows.append(
            [
                date,
                name("phase", point.phase, lang),
                _view.mean_text(point.client_mean, lang),
                _view.mean_text(point.supplier_mean, lang),
            ]
        )
    header = [
        text("date", lang),
        text("phase", lang),
        text("client_mean", lang),
        text("supplier_mean", lang),
    ]
    return ["", f"## {text('history', lang)}", "", *_table(header, "llrr", rows)]


def _facts_provenance(result: AssessmentResult, lang: str) -> list[str]:
    """Where the facts computed from operational exports came from: one row per fact."""
    rows = [
        [
            _code(line.fact),
            "–" if line.value is None else line.value,
            escape(
                line.words
                if line.value is not None
                else f"{_provenance.texts('not_computed', lang)}: {line.words}"
            ),
        ]
        for line in _provenance.fact_lines(result.provenance, lang)
    ]
    header = [_provenance.texts(key, lang) for key in ("fact", "value", "how")]
    return [
        "",
        f"## {_provenance.heading(lang)}",
        "",
        *_table(header, "lrl", rows),
        "",
        f"*{_provenance.texts('note', lang)}*",
    ]
