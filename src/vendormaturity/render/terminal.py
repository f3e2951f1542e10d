"""Rich output for the command line: a result, its explanation, a questionnaire.

Every text is passed to Rich as a :class:`rich.text.Text`, never as markup, so a name
like ``[red]x`` in a response file prints as written. Colour is decided by Rich: none
when the output is not a terminal or when ``NO_COLOR`` is set; the marks that carry
meaning (▲ on a large gap, ✓/✗ on evidence) are characters, so they survive without it.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from vendormaturity.i18n import tr
from vendormaturity.model.questionnaire import Phase, Questionnaire
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

__all__ = [
    "PHASE_STYLES",
    "explanation",
    "questionnaire_view",
    "report",
]

PHASE_STYLES = {
    Phase.FORMING: "blue",
    Phase.STORMING: "red",
    Phase.NORMING: "yellow",
    Phase.PERFORMING: "green",
    Phase.ADJOURNING: "bright_black",
}
SEVERITY_STYLES = {
    "low": "bright_black",
    "medium": "yellow",
    "high": "bold red",
    "critical": "bold white on red",
}
_BAR_WIDTH = 32


def _heading(value: str) -> Text:
    return Text(value, style="bold underline")


def _table(*columns: tuple[str, str]) -> Table:
    """A table with *columns* given as (header, justify) pairs."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold")
    for header, justify in columns:
        table.add_column(header, justify=justify)  # type: ignore[arg-type]
    return table


def _bars(scores: dict[Phase, float], current: Phase, lang: str) -> Table:
    table = Table.grid(padding=(0, 1))
    table.add_column(width=2)
    table.add_column()
    table.add_column()
    table.add_column(justify="right")
    for phase, probability in scores.items():
        style = PHASE_STYLES[phase]
        filled = round(probability * _BAR_WIDTH)
        bar = Text("█" * filled, style=style) + Text("·" * (_BAR_WIDTH - filled), style="bright_black")
        is_current = phase is current
        table.add_row(
            Text("▶" if is_current else ""),
            Text(name("phase", phase, lang), style="bold" if is_current else ""),
            bar,
            Text(percent(probability, lang), style="bold" if is_current else ""),
        )
    return table


def report(result: AssessmentResult, lang: str, questionnaire: Questionnaire | None = None) -> RenderableType:
    """The result as the terminal shows it."""
    plain = _view.Plain(result, questionnaire, lang)
    parts: list[RenderableType] = [_title(result, questionnaire, lang), Text()]
    parts += _insufficient(result, questionnaire, lang)
    parts += _phase(result, lang)
    parts += [Text(), _heading(tr("Dimensions", lang)), _dimensions(result, lang, questionnaire)]
    parts.append(
        Text(
            tr("Gap = supplier − client, on the 1–5 scale; ▲ marks a gap of one point or more.", lang),
            style="bright_black",
        )
    )
    parts += [Text(), _heading(tr("Findings", lang))]
    parts += _findings(result, lang, plain, questionnaire)
    parts += [Text(), _heading(tr("Improvement plan", lang))]
    parts += _plan(result, lang)
    parts += [Text(), _heading(tr("Follow-up of the previous plan", lang))]
    parts += _followup(result, lang)
    if result.history:
        parts += [Text(), _heading(tr("History", lang)), _history(result, lang)]
    parts += _facts_provenance(result, questionnaire, lang, detailed=False)
    parts += _facts_origins(result, questionnaire, lang)
    parts += _data(result, questionnaire, lang)
    return Group(*parts)


def _insufficient(result: AssessmentResult, questionnaire: Questionnaire | None, lang: str) -> list[Text]:
    """Too little data for a verdict: said before the phase, and where to read what is missing."""
    headline = _view.insufficient_text(result, questionnaire, lang)
    if headline is None:
        return []
    return [
        Text(f"⚠ {headline} {tr('See “Data used and data missing”.', lang)}", style="bold yellow"),
        Text(),
    ]


def _data(result: AssessmentResult, questionnaire: Questionnaire | None, lang: str) -> list[RenderableType]:
    """Data used and data missing: answered shares, respondents, facts, rules not evaluated,
    notices, and the confidence as the product of its factors."""
    view = _view.data_view(result, questionnaire, lang)
    parts: list[RenderableType] = [Text(), _heading(tr("Data used and data missing", lang))]
    if view.headline:
        parts.append(Text(f"⚠ {view.headline}", style="bold yellow"))
    parts.append(Text(f"{tr('Respondents', lang)}{colon(lang)}{view.respondents}"))
    if view.confidence:
        parts += [Text(view.confidence), Text(view.confidence_note, style="bright_black")]
    table = _table(
        (tr("Dimension", lang), "left"),
        (f"{tr('Client', lang)} ({tr('answered', lang)} · {tr('people', lang)})", "right"),
        (f"{tr('Supplier', lang)} ({tr('answered', lang)} · {tr('people', lang)})", "right"),
    )
    for row in view.coverage:
        style = "yellow" if row.short else ""
        table.add_row(Text(row.dimension), Text(row.client, style=style), Text(row.supplier, style=style))
    parts += [Text(), Text(tr("Answered share by dimension", lang), style="bold"), table]
    parts.append(Text(view.coverage_note, style="bright_black"))
    none = tr("none", lang)
    if view.facts_given is not None and view.facts_missing is not None:
        parts += [
            Text(),
            Text.assemble(
                (tr("Facts given", lang) + colon(lang), "bold"),
                tr("; ", lang).join(view.facts_given) or none,
            ),
            Text.assemble(
                (tr("Facts not given", lang) + colon(lang), "bold"),
                (
                    tr("; ", lang).join(view.facts_missing) or none,
                    "yellow" if view.facts_missing else "",
                ),
            ),
        ]
    parts += [Text(), Text(tr("Rules not evaluated for lack of data", lang), style="bold")]
    if not view.not_evaluated:
        parts.append(Text(tr("Every rule could be evaluated.", lang)))
    for title, missing in view.not_evaluated:
        parts.append(
            Text.assemble(("? ", "yellow"), title, f"  {tr('missing', lang)}{colon(lang)}", (missing, "cyan"))
        )
    if view.notices:
        parts += [Text(), Text(tr("Notices", lang), style="bold")]
        parts += [Text.assemble(("! ", "yellow"), notice) for notice in view.notices]
    return parts


def _facts_provenance(
    result: AssessmentResult, questionnaire: Questionnaire | None, lang: str, *, detailed: bool
) -> list[RenderableType]:
    """Where the facts computed from operational exports came from (nothing when none was)."""
    if not result.provenance:
        return []
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for line in _provenance.fact_lines(result.provenance, lang, questionnaire):
        mark = Text("?", style="yellow") if line.value is None else Text("•", style="cyan")
        cell = Text(line.sentence(lang))
        if detailed:
            details = [tr("formula: {formula}", lang, formula=line.formula)]
            if line.filter:
                details.append(tr("rows: {filter}", lang, filter=line.filter))
            details.append(tr("mapping: {mapping}", lang, mapping=line.mapping))
            cell.append("\n" + "\n".join(details), style="bright_black")
        grid.add_row(mark, cell)
    return [Text(), _heading(_provenance.heading(lang)), grid]


def _facts_origins(
    result: AssessmentResult, questionnaire: Questionnaire | None, lang: str
) -> list[RenderableType]:
    """The facts this round did not give: carried from an earlier round, or computed."""
    if not result.origins:
        return []
    lines = _provenance.origin_lines(result.origins, lang, questionnaire)
    return [
        Text(),
        _heading(_provenance.origins_heading(lang)),
        *(Text.assemble(("• ", "cyan"), line) for line in lines),
    ]


def _title(result: AssessmentResult, questionnaire: Questionnaire | None, lang: str) -> Text:
    count = tr(
        "{client} client-side, {supplier} supplier-side",
        lang,
        client=result.respondents.get("client", 0),
        supplier=result.respondents.get("supplier", 0),
    )
    return Text.assemble(
        (result.relationship, "bold"),
        " · ",
        (result.client, "cyan"),
        " ↔ ",
        (result.supplier, "magenta"),
        " · ",
        result.date.isoformat(),
        "\n",
        (f"{_view.questionnaire_name(result, questionnaire, lang)} · {count}", "bright_black"),
    )


def _phase(result: AssessmentResult, lang: str) -> list[RenderableType]:
    confidence = name("confidence", result.confidence_label, lang)
    headline = Text.assemble(
        (tr("Phase", lang) + colon(lang), "bold"),
        (name("phase", result.phase, lang), f"bold {PHASE_STYLES[result.phase]}"),
        f" · {tr('Confidence', lang).lower()} {percent(result.confidence, lang)} ({confidence})",
    )
    return [
        headline,
        Text(phase_description(result.phase, lang), style="italic"),
        _bars(result.phase_scores, result.phase, lang),
        Text(_view.baseline_sentence(result, lang), style="bright_black"),
    ]


def _dimensions(result: AssessmentResult, lang: str, questionnaire: Questionnaire | None) -> Table:
    table = _table(
        (tr("Dimension", lang), "left"),
        (tr("Client", lang), "right"),
        (tr("Supplier", lang), "right"),
        (tr("Gap", lang), "right"),
        (tr("Overall", lang), "right"),
        (tr("Band", lang), "left"),
    )
    for dimension in result.dimensions:
        gap = Text(signed(dimension.gap, lang))
        if _view.marked_gap(dimension.gap):
            gap = Text(f"{signed(dimension.gap, lang)} ▲", style="bold red")
        table.add_row(
            Text(label(dimension.label, lang)),
            Text(_view.mean_text(dimension.client.mean, lang)),
            Text(_view.mean_text(dimension.supplier.mean, lang)),
            gap,
            Text(_view.mean_text(dimension.overall.mean, lang)),
            Text(_view.band_name(dimension.band, questionnaire, lang)),
        )
    return table


def _mark(evidence: Evidence) -> Text:
    if _view.is_graded(evidence):
        return Text("≈", style="cyan")
    if evidence.holds is None:
        return Text("?", style="yellow")
    return Text("✓", style="green") if evidence.holds else Text("✗", style="bright_black")


def _evidence_lines(evidence: Iterable[Evidence], result: AssessmentResult, lang: str) -> list[Text]:
    labels = {d.dimension: label(d.label, lang) for d in result.dimensions}
    lines = []
    for item in evidence:
        line = Text.assemble(_mark(item), " ", (item.condition, "cyan"))
        if item.dimension:
            line.append(f" ({labels.get(item.dimension, item.dimension)})")
        line.append(
            f"  {tr('Value', lang).lower()} {_view.evidence_value(item.value, lang)}"
            f" · {tr('Threshold', lang).lower()} {_view.evidence_value(item.threshold, lang)}",
            style="bright_black",
        )
        lines.append(line)
    return lines


def _plain_lines(evidence: Iterable[Evidence], plain: _view.Plain, lang: str) -> list[Text]:
    """Evidence in words: what was seen, and the condition it was held against."""
    lines = []
    for item in evidence:
        observation = plain.observation(item)
        line = Text.assemble(_mark(item), " ", observation.seen)
        if observation.condition:
            line.append(
                f"  ({tr('Condition', lang).lower()}{colon(lang)}{observation.condition})", "bright_black"
            )
        lines.append(line)
    return lines


def _findings(
    result: AssessmentResult,
    lang: str,
    plain: _view.Plain | None = None,
    questionnaire: Questionnaire | None = None,
) -> list[RenderableType]:
    """The findings; with *plain*, their evidence in words (else as the rules wrote it)."""
    if not result.findings:
        return [Text(tr("No findings.", lang))]
    words = plain or _view.Plain(result, None, lang)
    parts: list[RenderableType] = []
    for index, finding in enumerate(result.findings):
        severity = name("severity", finding.severity, lang).upper()
        suspicion = _view.suspicion(finding, questionnaire, lang)
        parts.append(
            Text.assemble(
                (f" {severity} ", SEVERITY_STYLES[finding.severity.value]),
                " ",
                (label(finding.title, lang), "bold"),
                (f" ({tr('suspected', lang)})" if suspicion else "", "italic yellow"),
            )
        )
        evidence = (
            _plain_lines(finding.evidence, plain, lang)
            if plain is not None
            else _evidence_lines(finding.evidence, result, lang)
        )
        body = [Text(label(finding.description, lang)), *evidence]
        if suspicion:
            body.insert(1, Text(suspicion, style="yellow"))
        raised = _view.raised_text(finding, words, lang)
        if raised:
            body.append(Text(f"▲ {raised}", style="bold"))
        body += _quotes(finding, result, lang)
        last = index == len(result.findings) - 1
        parts.append(Padding(Group(*body), (0, 0, 0 if last else 1, 2), expand=False))
    return parts


def _quotes(finding: Finding, result: AssessmentResult, lang: str) -> list[Text]:
    """The comments that support the finding, as short quotes."""
    shown, more = _view.quotes(finding, result, lang)
    lines = [
        Text.assemble(("❝ ", "dim"), (quote.quoted, "italic"), (f" — {quote.who}", "dim")) for quote in shown
    ]
    if more:
        lines.append(Text(more, style="dim"))
    return lines


def _plan(result: AssessmentResult, lang: str) -> list[RenderableType]:
    plan = result.plan
    target = Text.assemble(
        tr("Target phase", lang) + colon(lang),
        (name("phase", plan.target_phase, lang), f"bold {PHASE_STYLES[plan.target_phase]}"),
    )
    if not plan.actions:
        return [target, Text(tr("No action proposed.", lang))]
    table = _table(
        ("P", "right"),
        (tr("Owner", lang), "left"),
        (tr("Horizon", lang), "left"),
        (tr("Action", lang), "left"),
        (tr("Addresses", lang), "left"),
    )
    for horizon, actions in _view.plan_by_horizon(plan.actions):
        for action in actions:
            title = Text(label(action.title, lang))
            title.append(f" [{action.id}]", style="bright_black")
            if action.carried_over:
                title.append(f" ({tr('carried over', lang)})", style="yellow")
            if action.dropped_before:
                title.append(f" ({tr('dropped before', lang)})", style="magenta")
            table.add_row(
                Text(str(action.priority), style="bold" if action.priority == 1 else ""),
                Text(name("owner", action.owner, lang)),
                Text(name("horizon_short", horizon, lang)),
                title,
                Text(
                    tr("; ", lang).join(_view.address(a, result, lang) for a in action.addresses),
                    style="bright_black",
                ),
            )
    before, after = _view.followup_hint(lang)
    notes = [
        Text(_view.priority_note(lang), style="bright_black"),
        Text(before + _view.followup_example(result) + after, style="bright_black"),
    ]
    return [target, table, *notes]


def _followup(result: AssessmentResult, lang: str) -> list[RenderableType]:
    plan = result.plan
    if not plan.followup:
        return [Text(tr("No previous plan to follow up.", lang))]
    parts: list[RenderableType] = []
    closed = _view.closed_text(result, lang)
    if closed is not None:
        parts.append(Text(closed))
    table = _table((tr("Action", lang), "left"), (tr("Status", lang), "left"), (tr("Note", lang), "left"))
    for item in plan.followup:
        done = item.status == "done"
        title = Text(label(item.title, lang) or item.action)
        if item.title:
            title.append(f" [{item.action}]", style="bright_black")
        table.add_row(
            title,
            Text(name("status", item.status, lang), style="green" if done else "yellow"),
            Text(item.note or ""),
        )
    parts.append(table)
    return parts


def _history(result: AssessmentResult, lang: str) -> Table:
    table = _table(
        (tr("Date", lang), "left"),
        (tr("Phase", lang), "left"),
        (tr("Client mean", lang), "right"),
        (tr("Supplier mean", lang), "right"),
    )
    for point in _view.trajectory(result):
        when = point.date.isoformat() + (f" ({tr('current', lang)})" if point.current else "")
        table.add_row(
            Text(when),
            Text(name("phase", point.phase, lang), style=PHASE_STYLES[point.phase]),
            Text(_view.mean_text(point.client_mean, lang)),
            Text(_view.mean_text(point.supplier_mean, lang)),
        )
    return table


# --------------------------------------------------------------------------- explain


def explanation(result: AssessmentResult, questionnaire: Questionnaire, lang: str) -> RenderableType:
    """Why this phase, why these findings, and how the stage-sum baseline compares."""
    parts: list[RenderableType] = [_title(result, questionnaire, lang), Text()]
    parts += _insufficient(result, questionnaire, lang)
    parts += [_heading(tr("Why this phase", lang)), *_phase(result, lang)[:1]]
    parts.append(_bars(result.phase_scores, result.phase, lang))
    parts += [Text(), Text(tr("Rules that applied", lang), style="bold")]
    for rule in result.phase_evidence:
        header = Text.assemble(
            ("+" if rule.contribution >= 0 else "−", "green" if rule.contribution >= 0 else "red"),
            " ",
            (rule.rule, "bold"),
            f" → {name('phase', rule.phase, lang)}  ",
            (
                f"{tr('weight', lang)} {signed(rule.weight, lang)} × {number(rule.value, lang)}"
                f" = {tr('contribution', lang)} {signed(rule.contribution, lang)}",
                "bright_black",
            ),
        )
        body = [
            Text(label(rule.because, lang), style="italic"),
            *_evidence_lines(rule.evidence, result, lang),
        ]
        parts += [header, Padding(Group(*body), (0, 0, 0, 2), expand=False)]
    fired = {rule.rule for rule in result.phase_evidence}
    missing = {item.id: item.missing for item in result.not_evaluable if item.kind == "phase_rule"}
    quiet = [rule for rule in questionnaire.phase_rules if rule.id not in fired and rule.id not in missing]
    if quiet:
        parts += [Text(), Text(tr("Rules that did not apply", lang), style="bold")]
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True)
        grid.add_column()
        for quiet_rule in quiet:
            grid.add_row(
                Text.assemble(
                    "  ", (quiet_rule.id, "bright_black"), f" → {name('phase', quiet_rule.phase, lang)}"
                ),
                Text(quiet_rule.when, style="cyan"),
            )
        parts.append(grid)
    parts += _unevaluable(result, "phase_rule", lang)
    parts += [Text(), _heading(tr("Why these findings", lang))]
    parts += _findings(result, lang, questionnaire=questionnaire)
    parts += _unevaluable(result, "pattern", lang)
    parts += [Text(), _heading(tr("Stage-sum baseline", lang)), *_baseline(result, questionnaire, lang)]
    parts += _facts_provenance(result, questionnaire, lang, detailed=True)
    parts += _facts_origins(result, questionnaire, lang)
    parts += _data(result, questionnaire, lang)
    return Group(*parts)


def _unevaluable(result: AssessmentResult, kind: str, lang: str) -> list[RenderableType]:
    items = [item for item in result.not_evaluable if item.kind == kind]
    if not items:
        return []
    lines: list[RenderableType] = [Text(), Text(tr("Not evaluable for lack of data", lang), style="bold")]
    for item in items:
        lines.append(
            Text.assemble(
                ("? ", "yellow"),
                (item.id, "bold"),
                f"  {tr('missing', lang)}{colon(lang)}",
                (", ".join(item.missing), "cyan"),
            )
        )
    return lines


def _baseline(
    result: AssessmentResult, questionnaire: Questionnaire | None, lang: str
) -> list[RenderableType]:
    baseline = result.baseline
    declared = questionnaire.baseline if questionnaire is not None else None
    bands = {band.id: label(band.label, lang) for band in declared.bands} if declared is not None else {}
    table = _table((tr("Phase", lang), "left"), (tr("Mean", lang), "right"), (tr("Band", lang), "left"))
    for phase, mean in baseline.stage_means.items():
        table.add_row(
            Text(name("phase", phase, lang), style="bold" if phase is baseline.phase else ""),
            Text(number(mean, lang)),
            Text(bands.get(baseline.stage_bands.get(phase) or "", baseline.stage_bands.get(phase) or "–")),
        )
    return [
        Text(_view.baseline_sentence(result, lang)),
        Text(
            tr(
                "The baseline (Donald Clark's questionnaire) reads raw ratings only: "
                "no facts, no history, no gap between the sides.",
                lang,
            ),
            style="bright_black",
        ),
        table,
    ]


# --------------------------------------------------------------------------- questionnaires


class _Flow:
    """Items one after another, lines broken between two items, never inside one
    ("5 Strongly agree" stays whole), indented under their heading."""

    def __init__(self, items: list[str], separator: str = " · ", indent: int = 2) -> None:
        self.items, self.separator, self.indent = items, separator, indent

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(20, options.max_width - self.indent)
        line = ""
        for item in self.items:
            candidate = f"{line}{self.separator}{item}" if line else item
            if line and cell_len(candidate + self.separator.rstrip()) > width:
                yield Text(" " * self.indent + line + self.separator.rstrip())
                candidate = item
            line = candidate
        if line:
            yield Text(" " * self.indent + line)


def questionnaire_view(q: Questionnaire, lang: str) -> RenderableType:
    """A questionnaire as a reader sees it: questions by dimension, then scales and facts."""
    parts: list[RenderableType] = [
        Text.assemble(
            (label(q.title, lang), "bold"),
            (f"  {q.id} {q.version} · {', '.join(q.languages)}", "bright_black"),
        ),
    ]
    if q.description:
        parts.append(Text(label(q.description, lang), style="italic"))
    for dimension in q.dimensions:
        parts += [Text(), _heading(label(dimension.label, lang))]
        if dimension.description:
            parts.append(Text(label(dimension.description, lang), style="bright_black"))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(justify="right", style="bold cyan", no_wrap=True)
        grid.add_column()
        for question in (item for item in q.questions if item.dimension == dimension.id):
            markers = [name("side", question.side, lang), name("stage", question.stage, lang), question.scale]
            if question.reverse:
                markers.append("↺ " + tr("reversed", lang))
            if question.weight != 1.0:
                markers.append(f"× {question.weight:g}")
            cell = Text(label(question.text, lang) + "\n")
            cell.append(" · ".join(markers), style="bright_black")
            if question.relevant:
                cell.append(f" · {tr('if', lang)} ", style="bright_black")
                cell.append(question.relevant, style="yellow")
            grid.add_row(Text(question.id), cell)
        parts.append(grid)
    parts += [Text(), _heading(tr("Scales", lang))]
    for scale in q.scales:
        parts.append(Text.assemble((scale.id, "bold"), f"  {label(scale.label, lang)}"))
        options = [_view.choice_text(choice.value, label(choice.label, lang)) for choice in scale.choices]
        options += [f"{code.code} = {label(code.label, lang)}" for code in scale.missing]
        parts.append(_Flow(options))
    if q.facts:
        parts += [Text(), _heading(tr("Facts", lang))]
        facts = Table.grid(padding=(0, 2))
        facts.add_column(no_wrap=True, style="bold")
        facts.add_column(ratio=1)
        for fact in q.facts:
            facts.add_row(
                fact.id,
                Text.assemble(label(fact.label, lang), (f"  {_view.fact_range(fact, lang)}", "bright_black")),
            )
        parts.append(facts)
    return Group(*parts)
