"""The result as one self-contained HTML file: inline CSS, inline SVG charts, no script.

Nothing is fetched when the file is opened (no font, stylesheet, script or image from
the network), a Content-Security-Policy forbids scripts outright, and every text that
comes from a response file is escaped by Jinja2's autoescaping. The report opens with
its executive summary (status, verdict, top findings, first actions); it reflows down
to a phone's width, and a print stylesheet lays it out on A4 pages with the
relationship's name on each, so "Print → Save as PDF" gives a deliverable.
"""

from __future__ import annotations

import datetime
import enum
import functools
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from vendormaturity._version import __version__
from vendormaturity.i18n import ntr, tr
from vendormaturity.model.questionnaire import Band, Phase, Questionnaire
from vendormaturity.model.responses import ResponseSet
from vendormaturity.model.result import AssessmentResult, Evidence
from vendormaturity.render import _summary, _view
from vendormaturity.render import charts as _charts
from vendormaturity.render import provenance as _provenance
from vendormaturity.render.charts import (
    CLIENT_COLOUR,
    PHASE_COLOURS,
    SUPPLIER_COLOUR,
    TARGET_COLOUR,
    WEAK_COLOUR,
    Axis,
    HistoryPoint,
    Thresholds,
    history_chart,
    named_axes_fit,
)
from vendormaturity.render.texts import (
    colon,
    integer,
    label,
    name,
    percent,
    phase_description,
    short,
    signed,
)

if TYPE_CHECKING:
    import jinja2

__all__ = [
    "CLIENT_COLOUR",
    "PHASE_COLOURS",
    "SUPPLIER_COLOUR",
    "Standing",
    "css_string",
    "numbered_axes",
    "radar_chart",
    "render_html",
]

_COLOURS = {
    "client": CLIENT_COLOUR,
    "supplier": SUPPLIER_COLOUR,
    "weak": WEAK_COLOUR,
    "target": TARGET_COLOUR,
}
_CSS_UNSAFE = re.compile(r'[\\"<>&\x00-\x1f\x7f]')


@attrs.frozen
class Standing:
    """What the portfolio knows of the relationship beyond its result, for a report it links
    to: the way back to the page, and the open actions overdue on the page's date."""

    back: str  # the portfolio page, relative to the report
    as_of: datetime.date
    overdue: tuple[tuple[str, str, datetime.date], ...] = ()  # (action title, owner, due date)
    renewal: datetime.date | None = None


@attrs.frozen
class _Ui:
    """The fixed texts and number formats of one language, for the template."""

    lang: str

    def gettext(self, message: str, **values: object) -> str:
        """The template's ``_("...")``: *message* from the catalogue, filled with *values*."""
        return tr(message, self.lang, **values)

    def ngettext(self, singular: str, plural: str, count: int, **values: object) -> str:
        return ntr(singular, plural, count, self.lang, **values)

    def name(self, kind: str, value: Any) -> str:
        return name(kind, value, self.lang)

    def label(self, value: dict[str, str] | None) -> str:
        return label(value, self.lang)

    def mean(self, value: float | None) -> str:
        return _view.mean_text(value, self.lang)

    def pct(self, value: float | None) -> str:
        return percent(value, self.lang)

    def signed(self, value: float | None) -> str:
        return signed(value, self.lang)

    def key(self, value: str | enum.Enum) -> str:
        return str(value.value) if isinstance(value, enum.Enum) else value

    def colon(self) -> str:
        return colon(self.lang)

    def phase_description(self, phase: Phase) -> str:
        return phase_description(phase, self.lang)

    def value(self, value: float | bool | str | None) -> str:
        return _view.evidence_value(value, self.lang)

    def integer(self, value: int) -> str:
        return integer(value, self.lang)


@functools.lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("vendormaturity.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def css_string(value: str) -> str:
    """*value* as a CSS string literal that cannot end the string, the rule or the style element."""
    return '"' + _CSS_UNSAFE.sub(lambda found: f"\\{ord(found[0]):x} ", value) + '"'


def _axis_names(result: AssessmentResult, questionnaire: Questionnaire | None, lang: str) -> list[str]:
    """Each dimension's name on the radar: the questionnaire's short name, else its label."""
    short = {d.id: d.short for d in questionnaire.dimensions} if questionnaire is not None else {}
    return [label(short.get(d.dimension) or d.label, lang) for d in result.dimensions]


def numbered_axes(
    result: AssessmentResult, lang: str = "en", questionnaire: Questionnaire | None = None
) -> bool:
    """Whether the radar numbers its axes (the table then shows each dimension's number)."""
    return not named_axes_fit(_axis_names(result, questionnaire, lang))


def _ticks(low: float, high: float, lang: str, steps: range) -> list[str]:
    return [short(low + (high - low) * k / 4, lang) for k in steps]


def _thresholds(questionnaire: Questionnaire | None) -> tuple[Thresholds, Band | None, Band | None]:
    """The weak line (the top of the lowest band) and the target (the foot of the highest)."""
    if questionnaire is None or len(questionnaire.scoring.bands) < 2:
        return Thresholds(), None, None
    ordered = sorted(questionnaire.scoring.bands, key=lambda band: band.min)
    return Thresholds(weak=ordered[0].max, target=ordered[-1].min), ordered[0], ordered[-1]


def _legend(
    weak: Band | None, target: Band | None, low: float, high: float, lang: str
) -> list[tuple[str, str]]:
    """The radar's legend: (what it shows, its colour's key)."""
    shown = [(name("side", "client", lang), "client"), (name("side", "supplier", lang), "supplier")]
    if weak is not None:
        value = short(low + (high - low) * weak.max / 100, lang)
        shown.append((tr("{band}: below {value}", lang, band=label(weak.label, lang), value=value), "weak"))
    if target is not None:
        value = short(low + (high - low) * target.min / 100, lang)
        shown.append(
            (
                tr("Target ({band}): {value} or more", lang, band=label(target.label, lang), value=value),
                "target",
            )
        )
    return shown


def radar_chart(
    result: AssessmentResult,
    lang: str = "en",
    questionnaire: Questionnaire | None = None,
    low: float = 1.0,
    high: float = 5.0,
) -> str:
    """The report's radar of *result*: each side per dimension, the weak line and the target."""
    thresholds, _, _ = _thresholds(questionnaire)
    names = _axis_names(result, questionnaire, lang)
    axes = [
        Axis(shown, d.client.score, d.supplier.score)
        for shown, d in zip(names, result.dimensions, strict=True)
    ]
    return _charts.radar_chart(
        axes,
        title=tr("Client and supplier by dimension", lang),
        numbered=not named_axes_fit(names),
        ticks=_ticks(low, high, lang, range(1, 5)),
        thresholds=thresholds,
        na=tr("n/a", lang),
    )


def _history(points: Sequence[_view.Point], lang: str, low: float, high: float) -> str:
    return history_chart(
        [
            HistoryPoint(
                p.date.isoformat(), p.phase, name("phase", p.phase, lang), p.client_mean, p.supplier_mean
            )
            for p in points
        ],
        title=tr("Client and supplier means at each assessment, with its phase", lang),
        low=low,
        high=high,
        ticks=_ticks(low, high, lang, range(5)),
    )


@attrs.frozen
class _TrendRow:
    dimension: str
    previous: str
    current: str
    change: str
    direction: str  # "up", "down", "steady" or "unknown"
    spark: str  # an inline SVG of every assessment's value


_SPARK_W, _SPARK_H = 90.0, 22.0


def _spark(values: Sequence[float | None], low: float, high: float) -> str:
    count = len(values)
    step = _SPARK_W / max(count - 1, 1)
    placed: list[tuple[float, float] | None] = [
        None if value is None else (step * i, _SPARK_H - 3 - (_SPARK_H - 6) * (value - low) / (high - low))
        for i, value in enumerate(values)
    ]
    runs: list[list[tuple[float, float]]] = [[]]
    for point in placed:
        if point is None:
            runs.append([])
        else:
            runs[-1].append(point)
    lines = "".join(
        '<polyline points="' + " ".join(f"{x:.1f},{y:.1f}" for x, y in run) + '"/>'
        for run in runs
        if len(run) > 1
    )
    dots = "".join(f'<circle cx="{p[0]:.1f}" cy="{p[1]:.1f}" r="2"/>' for p in placed if p is not None)
    return (
        f'<svg class="spark" viewBox="-3 0 {_SPARK_W + 6:g} {_SPARK_H:g}" '
        'aria-hidden="true" focusable="false">'
        f'<g fill="none" stroke="#334155" stroke-width="1.5">{lines}</g><g fill="#334155">{dots}</g></svg>'
    )


def _trend_rows(
    result: AssessmentResult,
    earlier: Sequence[Mapping[str, float | None]],
    lang: str,
    low: float,
    high: float,
) -> list[_TrendRow]:
    """Each dimension's average of both sides at every assessment, and its change since the previous one."""
    if not earlier or len(earlier) != len(result.history):
        return []
    rows = []
    for d in result.dimensions:
        values = [scores.get(d.dimension) for scores in earlier] + [d.overall.mean]
        previous, current = values[-2], values[-1]
        change = None if previous is None or current is None else current - previous
        direction = (
            "unknown"
            if change is None
            else "steady"
            if round(change, 2) == 0
            else "up"
            if change > 0
            else "down"
        )
        rows.append(
            _TrendRow(
                label(d.label, lang),
                _view.mean_text(previous, lang),
                _view.mean_text(current, lang),
                signed(change, lang) if change is not None else tr("n/a", lang),
                direction,
                _spark(values, low, high),
            )
        )
    return rows


def _holds_class(evidence: Evidence) -> str:
    if _view.is_graded(evidence):
        return "graded"
    if evidence.holds is None:
        return "unknown"
    return "yes" if evidence.holds else "no"


def render_html(
    result: AssessmentResult,
    *,
    lang: str = "en",
    questionnaire: Questionnaire | None = None,
    responses: ResponseSet | None = None,
    earlier: Sequence[Mapping[str, float | None]] = (),
    standing: Standing | None = None,
) -> str:
    """The whole report as one HTML document.

    *questionnaire* adds the band labels, the scoring range, the short axis names and the
    question texts; *responses* adds the respondents' comments (escaped, shown by side and
    role); *earlier* gives each earlier assessment's average per dimension (oldest first,
    as the result's history) for the trend of each dimension; *standing* links back to a
    portfolio page and lists the actions it counts overdue.
    """
    from markupsafe import Markup

    low, high = questionnaire.scoring.range if questionnaire is not None else (1.0, 5.0)
    points = _view.trajectory(result)
    high_findings = sum(1 for f in result.findings if f.severity.rank >= 2)
    plain = _view.Plain(result, questionnaire, lang)
    _, weak, target = _thresholds(questionnaire)
    ui = _Ui(lang)
    context = {
        "r": result,
        "ui": ui,
        "_": ui.gettext,
        "ngettext": ui.ngettext,
        "lang": lang,
        "head": _summary.headline(result, lang),
        "page_name": Markup(css_string(_summary.title(result))),
        "page_number": Markup(css_string(tr("Page", lang))),
        "colours": _COLOURS,
        "phase_colours": {phase.value: colour for phase, colour in PHASE_COLOURS.items()},
        "radar": Markup(radar_chart(result, lang, questionnaire, low, high)),
        "legend": _legend(weak, target, low, high, lang),
        "history_svg": Markup(_history(points, lang, low, high)) if result.history else None,
        "trends": _trend_rows(result, earlier, lang, low, high),
        "points": points,
        "bands": {d.dimension: _summary.bands_shown(d, questionnaire, lang) for d in result.dimensions},
        "marked": {d.dimension: _view.marked_gap(d.gap) for d in result.dimensions},
        "dimension_labels": {d.dimension: label(d.label, lang) for d in result.dimensions},
        "numbered": numbered_axes(result, lang, questionnaire),
        "findings": _summary.ordered_findings(result.findings),
        "anchor": _summary.finding_anchor,
        "plan_groups": _view.plan_by_horizon(result.plan.actions),
        "address": lambda reason: _view.address(reason, result, lang),
        "comments": _view.comments(responses, questionnaire, lang, result),
        "quotes": lambda finding: _view.quotes(finding, result, lang),
        "in_their_words": tr("In their words", lang),
        "triggers_label": tr("Triggers", lang),
        "holds": lambda evidence: _view.holds_text(evidence, lang),
        "holds_class": _holds_class,
        "suspicion": lambda finding: _view.suspicion(finding, questionnaire, lang),
        "high_findings": high_findings,
        "version": __version__,
        "baseline_sentence": _view.baseline_sentence(result, lang),
        "fact_lines": _provenance.fact_lines(result.provenance, lang, questionnaire),
        "provenance_heading": _provenance.heading(lang),
        "origin_lines": _provenance.origin_lines(result.origins, lang, questionnaire),
        "origins_heading": _provenance.origins_heading(lang),
        "provenance_note": _provenance.note(lang),
        "observe": plain.observation,
        "raised": lambda finding: _view.raised_text(finding, plain, lang),
        "closed": _view.closed_text(result, lang),
        "hint": _view.followup_hint(lang),
        "followup_example": _view.followup_example(result),
        "priority_note": _view.priority_note(lang),
        "questionnaire_name": _view.questionnaire_name(result, questionnaire, lang),
        "separator": tr("; ", lang),
        "data": _view.data_view(result, questionnaire, lang),
        "insufficient": _view.insufficient_text(result, questionnaire, lang),
        "standing": standing,
    }
    return _environment().get_template("report.html.j2").render(context)
