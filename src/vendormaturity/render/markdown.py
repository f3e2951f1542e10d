"""The result as Markdown, for pasting into a client deliverable (French or English).

Text that comes from response files (names, comments, notes) is escaped so that it can
neither inject HTML nor break a table once the Markdown is rendered.
"""

from __future__ import annotations

import re

from vendormaturity._version import __version__
from vendormaturity.i18n import tr
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
)

__all__ = ["escape", "render_markdown"]

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")
_BREAKS = re.compile(r"[^\S\u00a0\u202f]+")  # white space, but not the no-break spaces of French typography


def escape(value: str) -> str:
    """*value* as literal Markdown text: no markup, no HTML, no table break, one line."""
    return _SPECIAL.sub(r"\\\1", _BREAKS.sub(" ", value).strip())


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
    lines += _header(result, questionnaire, lang)
    headline = _view.insufficient_text(result, questionnaire, lang)
    if headline:
        lines += ["", f"> **⚠ {escape(headline)}** {escape(tr('See “Data used and data missing”.', lang))}"]
    lines += _phase(result, lang)
    lines += _dimensions(result, lang, questionnaire)
    lines += _findings(result, lang, _view.Plain(result, questionnaire, lang), questionnaire)
    lines += _plan(result, lang)
    lines += _followup(result, lang)
    if result.history:
        lines += _history(result, lang)
    if result.provenance:
        lines += _facts_provenance(result, questionnaire, lang)
    if result.origins:
        lines += ["", f"## {_provenance.origins_heading(lang)}", ""]
        lines += [
            f"- {escape(line)}" for line in _provenance.origin_lines(result.origins, lang, questionnaire)
        ]
    lines += _data(_view.data_view(result, questionnaire, lang), lang)
    notes = _view.comments(responses, questionnaire, lang, result)
    if notes:
        lines += _comments(notes, lang)
    version = __version__
    lines += [
        "",
        "---",
        "",
        f"*{tr('Report produced by vendormaturity {version}', lang, version=version)}*",
        "",
    ]
    return "\n".join(lines)


def _comments(notes: list[_view.Comment], lang: str) -> list[str]:
    opening, closing = ("« ", " »") if lang == "fr" else ("“", "”")
    triggers = tr("Triggers", lang)
    lines = ["", f"## {tr('What respondents said', lang)}", ""]
    for note in notes:
        who = ", ".join(part for part in (note.side, note.role) if part)
        about = f" ({escape(note.question)})" if note.question else ""
        prefix = f"*{escape(who)}*{about}{colon(lang)}" if who else ""
        revealed = f" — *{escape(triggers + colon(lang) + note.triggers)}*" if note.triggers else ""
        lines.append(f"- {prefix}{opening}{escape(note.text)}{closing}{revealed}")
    return lines


def _header(result: AssessmentResult, questionnaire: Questionnaire | None, lang: str) -> list[str]:
    count = tr(
        "{client} client-side, {supplier} supplier-side",
        lang,
        client=result.respondents.get("client", 0),
        supplier=result.respondents.get("supplier", 0),
    )
    facts = [
        (tr("Client", lang), escape(result.client)),
        (tr("Supplier", lang), escape(result.supplier)),
        (tr("Date", lang), result.date.isoformat()),
        (
            tr("Questionnaire", lang),
            escape(_view.questionnaire_name(result, questionnaire, lang)),
        ),
        (tr("Respondents", lang), count),
    ]
    return [
        f"# {tr('Relationship assessment', lang)} – {escape(result.relationship)}",
        "",
        *(f"- **{key}**{colon(lang)}{value}" for key, value in facts),
    ]


def _phase(result: AssessmentResult, lang: str) -> list[str]:
    confidence = name("confidence", result.confidence_label, lang)
    lines = [
        "",
        f"## {tr('Phase of the relationship', lang)}",
        "",
        f"**{name('phase', result.phase, lang)}** – {tr('Confidence', lang).lower()} "
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
    lines += _table([tr("Phase", lang), tr("Probability", lang)], "lr", rows)
    lines += ["", _view.baseline_sentence(result, lang)]
    return lines


def _dimensions(result: AssessmentResult, lang: str, questionnaire: Questionnaire | None) -> list[str]:
    header = [
        tr("Dimension", lang),
        tr("Client", lang),
        tr("Supplier", lang),
        tr("Gap", lang),
        tr("Overall", lang),
        tr("Score /100", lang),
        tr("Band", lang),
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
        f"## {tr('Dimensions', lang)}",
        "",
        *_table(header, "lrrrrrl", rows),
        "",
        f"*{tr('Gap = supplier − client, on the 1–5 scale; ▲ marks a gap of one point or more.', lang)}*",
    ]


def _evidence_rows(evidence: list[Evidence], plain: _view.Plain, lang: str) -> list[str]:
    """Evidence in words: what was observed, the condition, whether it held."""
    rows = []
    for item in evidence:
        observation = plain.observation(item)
        seen = escape(observation.seen) if observation.readable else _code(observation.seen)
        rows.append([seen, escape(observation.condition) or "–", _view.holds_text(item, lang)])
    header = [tr("Observed", lang), tr("Condition", lang), tr("Holds", lang)]
    return _table(header, "lll", rows)


def _finding(
    index: int,
    finding: Finding,
    result: AssessmentResult,
    plain: _view.Plain,
    *,
    lang: str,
    questionnaire: Questionnaire | None,
) -> list[str]:
    severity = name("severity", finding.severity, lang)
    suspicion = _view.suspicion(finding, questionnaire, lang)
    status = f" – {tr('suspected', lang)}" if suspicion else ""
    lines = [
        "",
        f"### {index}. {escape(label(finding.title, lang))} – {severity}{status}",
        "",
        *([f"*{escape(suspicion)}*", ""] if suspicion else []),
        escape(label(finding.description, lang)),
        "",
        *_evidence_rows(finding.evidence, plain, lang),
    ]
    raised = _view.raised_text(finding, plain, lang)
    if raised:
        lines += ["", f"**▲** {escape(raised)}"]
    return lines + _quotes(finding, result, lang)


def _quotes(finding: Finding, result: AssessmentResult, lang: str) -> list[str]:
    """The comments that support the finding, as short quotes, one paragraph each."""
    shown, more = _view.quotes(finding, result, lang)
    paragraphs = [f"> {escape(quote.quoted)} — *{escape(quote.who)}*" for quote in shown]
    if more:
        paragraphs.append(f"> *{escape(more)}*")
    return ["", *"\n>\n".join(paragraphs).splitlines()] if paragraphs else []


def _findings(
    result: AssessmentResult, lang: str, plain: _view.Plain, questionnaire: Questionnaire | None
) -> list[str]:
    lines = ["", f"## {tr('Findings', lang)}"]
    if not result.findings:
        return [*lines, "", tr("No findings.", lang)]
    for index, finding in enumerate(result.findings, start=1):
        lines += _finding(index, finding, result, plain, lang=lang, questionnaire=questionnaire)
    return lines


def _plan(result: AssessmentResult, lang: str) -> list[str]:
    plan = result.plan
    target = name("phase", plan.target_phase, lang)
    lines = [
        "",
        f"## {tr('Improvement plan', lang)}",
        "",
        f"{tr('Target phase', lang)}{colon(lang)}**{target}**.",
    ]
    if not plan.actions:
        return [*lines, "", tr("No action proposed.", lang)]
    header = [
        tr("Priority", lang),
        tr("Owner", lang),
        tr("Action", lang),
        tr("Success indicator", lang),
        tr("Addresses", lang),
    ]
    for horizon, actions in _view.plan_by_horizon(plan.actions):
        rows = []
        for action in actions:
            title = f"**{escape(label(action.title, lang))}** {_code(action.id)}"
            if action.carried_over:
                title += f" *({tr('carried over', lang)})*"
            if action.dropped_before:
                title += f" *({tr('dropped before', lang)})*"
            rows.append(
                [
                    str(action.priority),
                    name("owner", action.owner, lang),
                    f"{title} – {escape(label(action.description, lang))}",
                    escape(label(action.success_indicator, lang)),
                    tr("; ", lang).join(escape(_view.address(a, result, lang)) for a in action.addresses),
                ]
            )
        lines += ["", f"### {name('horizon', horizon, lang)}", "", *_table(header, "rllll", rows)]
    hint = _view.followup_hint(lang)
    example = _code(_view.followup_example(result))
    return [
        *lines,
        "",
        f"*{escape(_view.priority_note(lang))}*",
        "",
        f"*{escape(hint[0])}* {example} *{escape(hint[1])}*",
    ]


def _followup(result: AssessmentResult, lang: str) -> list[str]:
    plan = result.plan
    lines = ["", f"## {tr('Follow-up of the previous plan', lang)}", ""]
    if not plan.followup:
        return [*lines, tr("No previous plan to follow up.", lang)]
    closed = _view.closed_text(result, lang)
    if closed is not None:
        lines += [f"{escape(closed)}.", ""]
    rows = [
        [
            escape(label(item.title, lang) or item.action) + (f" {_code(item.action)}" if item.title else ""),
            name("status", item.status, lang),
            escape(item.note or ""),
        ]
        for item in plan.followup
    ]
    header = [tr("Action", lang), tr("Status", lang), tr("Note", lang)]
    return [*lines, *_table(header, "lll", rows)]


def _history(result: AssessmentResult, lang: str) -> list[str]:
    rows = []
    for point in _view.trajectory(result):
        date = point.date.isoformat()
        if point.current:
            date += f" ({tr('current', lang)})"
        rows.append(
            [
                date,
                name("phase", point.phase, lang),
                _view.mean_text(point.client_mean, lang),
                _view.mean_text(point.supplier_mean, lang),
            ]
        )
    header = [
        tr("Date", lang),
        tr("Phase", lang),
        tr("Client mean", lang),
        tr("Supplier mean", lang),
    ]
    return ["", f"## {tr('History', lang)}", "", *_table(header, "llrr", rows)]


def _facts_provenance(result: AssessmentResult, questionnaire: Questionnaire | None, lang: str) -> list[str]:
    """Where the facts computed from operational exports came from: one row per fact."""
    rows = [
        [
            escape(line.fact),
            "–" if line.value is None else line.value,
            escape(line.words if line.value is not None else tr("not computed: {why}", lang, why=line.words)),
        ]
        for line in _provenance.fact_lines(result.provenance, lang, questionnaire)
    ]
    header = [tr("Fact", lang), tr("Value", lang), tr("How it was computed", lang)]
    return [
        "",
        f"## {_provenance.heading(lang)}",
        "",
        *_table(header, "lrl", rows),
        "",
        f"*{_provenance.note(lang)}*",
    ]


def _data(view: _view.DataView, lang: str) -> list[str]:
    """Data used and data missing."""
    lines = ["", f"## {tr('Data used and data missing', lang)}", ""]
    if view.headline:
        lines += [f"**⚠ {escape(view.headline)}**", ""]
    lines.append(f"- **{tr('Respondents', lang)}**{colon(lang)}{view.respondents}")
    none = tr("none", lang)
    if view.facts_given is not None and view.facts_missing is not None:
        separator = tr("; ", lang)
        given = separator.join(map(escape, view.facts_given)) or none
        missing = separator.join(map(escape, view.facts_missing)) or none
        lines.append(f"- **{tr('Facts given', lang)}**{colon(lang)}{given}")
        lines.append(f"- **{tr('Facts not given', lang)}**{colon(lang)}{missing}")
    if view.confidence:
        lines += [
            "",
            f"### {tr('How confidence is computed', lang)}",
            "",
            view.confidence,
            "",
            f"*{view.confidence_note}*",
        ]
    side = f"({tr('answered', lang)} · {tr('people', lang)})"
    header = [tr("Dimension", lang), f"{tr('Client', lang)} {side}", f"{tr('Supplier', lang)} {side}"]
    rows = [
        [
            escape(row.dimension),
            f"**{row.client}**" if row.short else row.client,
            f"**{row.supplier}**" if row.short else row.supplier,
        ]
        for row in view.coverage
    ]
    lines += [
        "",
        f"### {tr('Answered share by dimension', lang)}",
        "",
        *_table(header, "lrr", rows),
        "",
        f"*{view.coverage_note}*",
    ]
    lines += ["", f"### {tr('Rules not evaluated for lack of data', lang)}", ""]
    if view.not_evaluated:
        rows = [[escape(title), escape(missing)] for title, missing in view.not_evaluated]
        lines += _table([tr("Rule", lang), tr("missing", lang).capitalize()], "ll", rows)
    else:
        lines.append(tr("Every rule could be evaluated.", lang))
    if view.notices:
        lines += ["", f"### {tr('Notices', lang)}", "", *(f"- {escape(notice)}" for notice in view.notices)]
    return lines
