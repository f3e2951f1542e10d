"""The result as one self-contained HTML file: inline CSS, inline SVG charts, no script.

Nothing is fetched when the file is opened (no font, stylesheet, script or image from
the network), a Content-Security-Policy forbids scripts outright, and every text that
comes from a response file is escaped by Jinja2's autoescaping. A print stylesheet lays
the report out on A4 pages, so "Print → Save as PDF" gives a deliverable.
"""

from __future__ import annotations

import enum
import functools
import math
import re
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs

from vendormaturity._version import __version__
from vendormaturity.i18n import ntr, tr
from vendormaturity.model.questionnaire import Phase, Questionnaire
from vendormaturity.model.responses import ResponseSet
from vendormaturity.model.result import AssessmentResult, Evidence
from vendormaturity.render import _view
from vendormaturity.render import provenance as _provenance
from vendormaturity.render.texts import (
    colon,
    label,
    name,
    percent,
    phase_description,
    signed,
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


MAX_NAMED_AXES = 6  # beyond this, labels around a radar crowd each other: number the axes instead

# The radar's geometry, in SVG units (the figure scales it to its column).
_LABEL_GAP = 12.0  # between the outer web and an axis label
_LABEL_SIZE = 15.0  # font size of the axis labels
_TICK_SIZE = 12.0  # font size of the scale's values
_LINE = 1.2  # line height, in font sizes
_CHAR = 0.6  # average glyph width, in font sizes (wide sans fonts included)
_WRAP = 16  # characters per line of a named axis


@attrs.frozen
class _Geometry:
    """A radar's drawing: its size, centre and radius, in SVG units."""

    width: float
    height: float
    cx: float
    cy: float
    radius: float


# Named axes need room around the web for their wrapped names; numbered ones do not.
_NAMED = _Geometry(560.0, 420.0, 280.0, 200.0, 110.0)
_NUMBERED = _Geometry(400.0, 380.0, 200.0, 175.0, 140.0)
_LEGEND_ROOM = 30.0  # at the bottom of the drawing


@attrs.frozen
class _Box:
    """Where a text of the radar stands, as its reader sees it (SVG units)."""

    text: str
    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: _Box, margin: float = 1.0) -> bool:
        return not (
            self.right + margin <= other.left
            or other.right + margin <= self.left
            or self.bottom + margin <= other.top
            or other.bottom + margin <= self.top
        )

    def inside(self, width: float, height: float) -> bool:
        return self.left >= 0 and self.top >= 0 and self.right <= width and self.bottom <= height


@attrs.frozen
class _Label:
    lines: list[str]
    x: float
    y: float  # baseline of the first line
    anchor: str  # start, middle or end
    size: float

    def box(self) -> _Box:
        width = max(len(line) for line in self.lines) * self.size * _CHAR
        left = {"start": self.x, "middle": self.x - width / 2, "end": self.x - width}[self.anchor]
        top = self.y - self.size * 0.8
        bottom = self.y + self.size * (_LINE * (len(self.lines) - 1) + 0.25)
        return _Box(" ".join(self.lines), left, top, left + width, bottom)


def _wrap(value: str) -> list[str]:
    lines: list[str] = []
    for word in value.split():
        if lines and len(lines[-1]) + 1 + len(word) <= _WRAP:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _axis_labels(names: Sequence[str], wrap: bool, shape: _Geometry) -> list[_Label]:
    """Each axis's label outside the web: beside it on the sides, above it at the top, below at the bottom."""
    cx, cy = shape.cx, shape.cy
    count = max(len(names), 3)
    labels = []
    for index, shown in enumerate(names):
        angle = -math.pi / 2 + 2 * math.pi * index / count
        cos, sin = math.cos(angle), math.sin(angle)
        x = cx + (shape.radius + _LABEL_GAP) * cos
        y = cy + (shape.radius + _LABEL_GAP) * sin
        lines = _wrap(shown) if wrap else [shown]
        anchor = "middle" if abs(cos) < 0.26 else "start" if cos > 0 else "end"
        height = _LABEL_SIZE * _LINE * (len(lines) - 1)
        if sin < -0.26:  # above the web: the last line sits on the axis's end
            y -= height + 2
        elif sin > 0.26:  # below: the first line hangs from it
            y += _LABEL_SIZE * 0.8
        else:  # beside: centred on the axis
            y += _LABEL_SIZE * 0.3 - height / 2
        labels.append(_Label(lines, x, y, anchor, _LABEL_SIZE))
    return labels


def _tick_labels(low: float, high: float, shape: _Geometry) -> list[_Label]:
    """The scale's values along the first (upward) axis, just right of it."""
    cx, cy = shape.cx, shape.cy
    return [
        _Label(
            [f"{low + (high - low) * k / 4:g}"],
            cx + 4,
            cy - shape.radius * k / 4 + _TICK_SIZE * 0.35,
            "start",
            _TICK_SIZE,
        )
        for k in range(1, 5)
    ]


def _fits(labels: Sequence[_Label], shape: _Geometry) -> bool:
    """No label overlaps another or leaves the drawing."""
    boxes = [item.box() for item in labels]
    if not all(box.inside(shape.width, shape.height - _LEGEND_ROOM) for box in boxes):
        return False
    return not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])


def numbered_axes(result: AssessmentResult, lang: str = "en") -> bool:
    """Whether the radar numbers its axes (the table then shows each dimension's number):
    beyond six dimensions, or when the dimensions' names would not fit around the web."""
    if len(result.dimensions) > MAX_NAMED_AXES:
        return True
    names = [label(d.label, lang) for d in result.dimensions]
    labels = [*_axis_labels(names, wrap=True, shape=_NAMED), *_tick_labels(1.0, 5.0, _NAMED)]
    return not _fits(labels, _NAMED)


def _svg_text(item: _Label, css: str) -> str:
    from markupsafe import escape

    spans = "".join(
        f'<tspan x="{item.x:.1f}" dy="{0 if n == 0 else item.size * _LINE:.1f}">{escape(line)}</tspan>'
        for n, line in enumerate(item.lines)
    )
    return (
        f'<text class="{css}" x="{item.x:.1f}" y="{item.y:.1f}" text-anchor="{item.anchor}" '
        f'font-size="{item.size:g}">{spans}</text>'
    )


def _points(values: Sequence[float | None], shape: _Geometry) -> list[tuple[float, float] | None]:
    """Where each score (0–100) falls on its axis; None where a side has no score. A web has
    three axes at least: fewer dimensions leave the last ones empty."""
    cx, cy = shape.cx, shape.cy
    count = max(len(values), 3)
    points: list[tuple[float, float] | None] = []
    for index, value in enumerate(values):
        if value is None:
            points.append(None)
            continue
        angle = -math.pi / 2 + 2 * math.pi * index / count
        radius = shape.radius * max(0.0, min(100.0, value)) / 100
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return points


def _polygon(points: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in points)


def radar_chart(result: AssessmentResult, lang: str, low: float = 1.0, high: float = 5.0) -> str:
    """Client and supplier per dimension, as an inline SVG radar (centre = scale minimum).

    Drawn here rather than by a chart library so that every label's place is known: axis
    labels sit outside the web, anchored away from it, wrapped when named, and the axes
    are numbered when the names would collide or leave the drawing. A side with no score
    on a dimension is drawn at the centre there, without a dot (the table says n/a).
    """
    from markupsafe import escape

    dimensions = result.dimensions
    count = max(len(dimensions), 3)
    names = [label(d.label, lang) for d in dimensions]
    numbered = numbered_axes(result, lang)
    shown = [str(n) for n in range(1, len(dimensions) + 1)] if numbered else names
    shape = _NUMBERED if numbered else _NAMED
    axes = _axis_labels(shown, wrap=not numbered, shape=shape)
    cx, cy = shape.cx, shape.cy
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="chart-radar" class="radar" '
        f'viewBox="0 0 {shape.width:g} {shape.height:g}" role="img" '
        f"aria-label=\"{escape(tr('Client and supplier by dimension', lang))}\" font-family='{_FONT}'>",
        '<g class="web" fill="none" stroke="#94a3b8" stroke-width="0.8">',
    ]
    for k in range(1, 5):
        ring = _points([25.0 * k] * count, shape)
        parts.append(f'<polygon points="{_polygon([p for p in ring if p])}" stroke-dasharray="2,4"/>')
    for point in _points([100.0] * count, shape):
        if point:
            parts.append(f'<line x1="{cx:g}" y1="{cy:g}" x2="{point[0]:.1f}" y2="{point[1]:.1f}"/>')
    parts.append("</g>")
    for index, (side, colour) in enumerate((("client", CLIENT_COLOUR), ("supplier", SUPPLIER_COLOUR))):
        values = [getattr(d, side).score for d in dimensions]
        points = _points([0.0 if v is None else v for v in values], shape) if dimensions else []
        known = [p for p, v in zip(points, values, strict=True) if p is not None and v is not None]
        parts.append(f'<g class="series serie-{index} color-{index}" stroke="{colour}" fill="{colour}">')
        if points:
            outline = _polygon([p for p in points if p is not None])
            parts.append(f'<polygon points="{outline}" fill-opacity="0.22" stroke-width="2"/>')
        parts += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3"/>' for x, y in known]
        parts.append("</g>")
    parts.append('<g class="labels" fill="#0f172a">')
    parts += [_svg_text(item, "axis-label") for item in axes]
    parts.append("</g>")
    parts.append('<g class="ticks" fill="#475569">')
    parts += [_svg_text(item, "tick") for item in _tick_labels(low, high, shape)]
    parts.append("</g>")
    legend_y = shape.height - 12
    parts.append('<g class="legend-items">')
    sides = ((name("side", "client", lang), CLIENT_COLOUR), (name("side", "supplier", lang), SUPPLIER_COLOUR))
    for index, (side, colour) in enumerate(sides):
        x = shape.width / 2 - 120 + index * 140
        parts.append(
            f'<rect x="{x:g}" y="{legend_y - 10:g}" width="12" height="12" fill="{colour}" '
            f'fill-opacity="0.5" stroke="{colour}"/><text class="legend" x="{x + 18:g}" y="{legend_y:g}" '
            f'font-size="15" fill="#0f172a">{escape(side)}</text>'
        )
    parts += ["</g>", "</svg>"]
    return "".join(parts)


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
    chart.add(tr("Client", lang), [point.client_mean for point in points])
    chart.add(tr("Supplier", lang), [point.supplier_mean for point in points])
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
        "_": _Ui(lang).gettext,
        "ngettext": _Ui(lang).ngettext,
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
        "numbered": numbered_axes(result, lang),
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
    }
    return _environment().get_template("report.html.j2").render(context)
