"""The result as one self-contained HTML file: inline CSS, inline SVG charts, no script.

Nothing is fetched when the file is opened (no font, stylesheet, script or image from
the network), a Content-Security-Policy forbids scripts outright, and every text that
comes from a response file is escaped by Jinja2's autoescaping. A print stylesheet lays
the report out on A4 pages, so "Print → Save as PDF" gives a deliverable.
"""

from __future__ import annotations

import enum
import functools
import re
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs

from vendormaturity._version import __version__
from vendormaturity.model.questionnaire import Phase, Questionnaire
from vendormaturity.model.responses import ResponseSet
from vendormaturity.model.result import AssessmentResult, Evidence
from vendormaturity.render import _view
from vendormaturity.render.texts import (
    colon,
    label,
    name,
    percent,
    phase_description,
    signed,
    text,
)

if TYPE_CHECKING:
    import jinja2

__all__ = [
    "CLIENT_COLOUR",
    "MAX_NAMED_AXES",
    "PHASE_COLOURS",
    "SUPPLIER_COLOUR",
    "clean_svg",
    "history_chart",
    "numbered_axes",
    "radar_chart",
    "render_html",
]

CLIENT_COLOUR = "#2563eb"
SUPPLIER_COLOUR = "#ea6c0a"
PHASE_COLOURS = {
    Phase.FORMING: "#6366f1",
    Phase.STORMING: "#dc2626",
    Phase.NORMING: "#d97706",
    Phase.PERFORMING: "#059669",
    Phase.ADJOURNING: "#64748b",
}
_FONT = '"Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif'

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_SCRIPT = re.compile(r"<script\b[^>]*?(?:/>|>.*?</script>)", re.DOTALL)
_TITLE = re.compile(r"<title>.*?</title>", re.DOTALL)  # "Pygal" and raw radians as tooltips
_CHART_ID = re.compile(r"chart-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@attrs.frozen
class _Ui:
    """The fixed texts and number formats of one language, for the template."""

    lang: str

    def t(self, key: str, **values: object) -> str:
        return text(key, self.lang, **values)

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


def clean_svg(svg: str, chart_id: str) -> str:
    """pygal's SVG made inert and stable: no comment, script or tooltip, a fixed element id."""
    svg = _COMMENT.sub("", svg)
    svg = _SCRIPT.sub("", svg)
    svg = _TITLE.sub("", svg)
    return _CHART_ID.sub(chart_id, svg)


def _pygal() -> Any:
    """pygal, without the import hook it leaves behind.

    pygal appends a legacy ``sys.meta_path`` finder (for ``pygal.maps.*`` plugins, unused
    here) that has no ``find_spec``: from then on every failed import anywhere in the
    process raises an ImportWarning on Python 3.11+. Remove it.
    """
    import pygal

    sys.meta_path[:] = [finder for finder in sys.meta_path if type(finder).__name__ != "PluginImportFixer"]
    return pygal


def _style(**extra: Any) -> Any:
    _pygal()
    from pygal.style import Style

    return Style(
        background="transparent",
        plot_background="transparent",
        foreground="#475569",
        foreground_strong="#0f172a",
        foreground_subtle="#cbd5e1",
        font_family=_FONT,
        colors=(CLIENT_COLOUR, SUPPLIER_COLOUR),
        opacity=".22",
        opacity_hover=".3",
        label_font_size=13,
        major_label_font_size=13,
        legend_font_size=13,
        tooltip_font_size=12,
        value_font_size=12,
        guide_stroke_color="#94a3b8",
        major_guide_stroke_color="#94a3b8",
        guide_stroke_dasharray="2,4",
        major_guide_stroke_dasharray="2,4",
        **extra,
    )


def _config(**options: Any) -> Any:
    config = _pygal().Config()
    config.js = []  # pygal's tooltips load a script from the network: none here
    config.disable_xml_declaration = True
    config.legend_at_bottom = True
    config.legend_box_size = 12
    config.show_x_guides = False
    config.print_values = False
    for key, value in options.items():
        setattr(config, key, value)
    return config


def _scale_labels(low: float, high: float) -> list[dict[str, Any]]:
    """Axis ticks on the 0–100 score, labelled with the questionnaire's own scale."""
    return [{"label": f"{low + (high - low) * k / 4:g}", "value": k * 25.0} for k in range(5)]


MAX_NAMED_AXES = 6  # beyond this, labels around a radar overlap: number the axes instead


def numbered_axes(result: AssessmentResult) -> bool:
    """Whether the radar numbers its axes (the table then shows each dimension's number)."""
    return len(result.dimensions) > MAX_NAMED_AXES


def radar_chart(result: AssessmentResult, lang: str, low: float = 1.0, high: float = 5.0) -> str:
    """Client and supplier per dimension, as an inline SVG radar (centre = scale minimum)."""
    chart = _pygal().Radar(
        _config(
            width=460, height=400, range=(0.0, 100.0), fill=True, dots_size=3, margin=10, truncate_label=-1
        ),
        style=_style(),
    )
    if numbered_axes(result):
        chart.x_labels = [str(number) for number in range(1, len(result.dimensions) + 1)]
    else:
        chart.x_labels = [label(d.label, lang) for d in result.dimensions]
    chart.y_labels = _scale_labels(low, high)
    chart.add(text("client", lang), [d.client.score for d in result.dimensions])
    chart.add(text("supplier", lang), [d.supplier.score for d in result.dimensions])
    return clean_svg(chart.render(is_unicode=True), "chart-radar")


def history_chart(points: Sequence[_view.Point], lang: str, low: float = 1.0, high: float = 5.0) -> str:
    """Client and supplier means over the assessments, as an inline SVG line chart."""
    chart = _pygal().Line(
        _config(
            width=900,
            height=300,
            range=(low, high),
            dots_size=4,
            margin=12,
            margin_right=48,
            margin_left=8,
            show_y_guides=True,
            truncate_label=-1,
        ),
        style=_style(stroke_width=3),
    )
    chart.x_labels = [point.date.isoformat() for point in points]
    chart.y_labels = [low + (high - low) * k / 4 for k in range(5)]
    chart.add(text("client", lang), [point.client_mean for point in points])
    chart.add(text("supplier", lang), [point.supplier_mean for point in points])
    return clean_svg(chart.render(is_unicode=True), "chart-history")


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
) -> str:
    """The whole report as one HTML document.

    *questionnaire* adds the band labels, the scoring range and the question texts;
    *responses* adds the respondents' comments (escaped, shown by side and role).
    """
    from markupsafe import Markup

    low, high = questionnaire.scoring.range if questionnaire is not None else (1.0, 5.0)
    points = _view.trajectory(result)
    high_findings = sum(1 for f in result.findings if f.severity.rank >= 2)
    plain = _view.Plain(result, questionnaire, lang)
    context = {
        "r": result,
        "ui": _Ui(lang),
        "lang": lang,
        "phase_colours": {phase.value: colour for phase, colour in PHASE_COLOURS.items()},
        "client_colour": CLIENT_COLOUR,
        "supplier_colour": SUPPLIER_COLOUR,
        "radar": Markup(radar_chart(result, lang, low, high)),
        "history_svg": Markup(history_chart(points, lang, low, high)) if result.history else None,
        "points": points,
        "bands": {d.dimension: _view.band_name(d.band, questionnaire, lang) for d in result.dimensions},
        "marked": {d.dimension: _view.marked_gap(d.gap) for d in result.dimensions},
        "dimension_labels": {d.dimension: label(d.label, lang) for d in result.dimensions},
        "numbered": numbered_axes(result),
        "plan_groups": _view.plan_by_horizon(result.plan.actions),
        "address": lambda reason: _view.address(reason, result, lang),
        "comments": _view.comments(responses, questionnaire, lang),
        "holds": lambda evidence: _view.holds_text(evidence, lang),
        "holds_class": _holds_class,
        "high_findings": high_findings,
        "version": __version__,
        "baseline_sentence": _view.baseline_sentence(result, lang),
        "observe": plain.observation,
        "raised": lambda finding: _view.raised_text(finding, plain, lang),
        "closed": _view.closed_text(result, lang),
        "hint": text("followup_hint", lang, example="\0").split("\0"),
        "followup_example": _view.followup_example(result),
        "separator": text("list_separator", lang),
        "data": _view.data_view(result, questionnaire, lang),
    }
    return _environment().get_template("report.html.j2").render(context)
