"""The report's charts as inline SVG, drawn here so that nothing in them misleads.

A score that is missing is never drawn: the radar breaks its outline there and marks the
axis "n/a", the history chart leaves a gap in its line. Every colour means one thing:
blue the client, purple the supplier, red / amber / green good and bad (findings, bands,
the weak threshold and the target), grey the phases of the relationship. Each chart is an
image with a name (``role="img"`` and ``aria-label``); its legend is HTML beside it, so
that it wraps on a phone and is read by a screen reader.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import attrs
from markupsafe import escape

from vendormaturity.model.questionnaire import Phase

__all__ = [
    "CLIENT_COLOUR",
    "FONT",
    "MAX_NAMED_AXES",
    "PHASE_COLOURS",
    "SUPPLIER_COLOUR",
    "TARGET_COLOUR",
    "WEAK_COLOUR",
    "Axis",
    "HistoryPoint",
    "Thresholds",
    "history_chart",
    "named_axes_fit",
    "radar_chart",
]

CLIENT_COLOUR = "#1d4ed8"
SUPPLIER_COLOUR = "#7e22ce"
WEAK_COLOUR = "#b91c1c"
TARGET_COLOUR = "#15803d"
# The phases are grey, darker as the relationship matures: their names always stand beside.
PHASE_COLOURS = {
    Phase.FORMING: "#cbd5e1",
    Phase.STORMING: "#94a3b8",
    Phase.NORMING: "#64748b",
    Phase.PERFORMING: "#334155",
    Phase.ADJOURNING: "#e2e8f0",
}
FONT = '"Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif'
_INK = "#0f172a"
_INK_2 = "#334155"
_GUIDE = "#94a3b8"

MAX_NAMED_AXES = 12  # beyond this, labels around a radar crowd each other: number the axes instead

# The radar's geometry, in SVG units (the figure scales it to its column).
_LABEL_GAP = 10.0  # between the outer web and an axis label
_LABEL_SIZE = 15.0  # font size of the axis labels
_TICK_SIZE = 12.0  # font size of the scale's values
_NA_SIZE = 12.0  # font size of the "n/a" marks
_LINE = 1.2  # line height, in font sizes
_CHAR = 0.6  # average glyph width, in font sizes (wide sans fonts included)
_WRAP = 16  # characters per line of a named axis


@attrs.frozen
class Axis:
    """One dimension of the radar: its name on the axis, and each side's score (0–100) or None."""

    name: str
    client: float | None
    supplier: float | None


@attrs.frozen
class Thresholds:
    """The lines drawn on the radar, as scores (0–100): below *weak* a dimension is weak, from
    *target* on it is where the relationship aims. None: not drawn."""

    weak: float | None = None
    target: float | None = None


@attrs.frozen
class _Geometry:
    """A radar's drawing: its size, centre and radius, in SVG units."""

    width: float
    height: float
    cx: float
    cy: float
    radius: float


# Named axes need room around the web for their names; numbered ones do not.
_NAMED = _Geometry(640.0, 470.0, 320.0, 235.0, 165.0)
_NUMBERED = _Geometry(440.0, 420.0, 220.0, 210.0, 175.0)


@attrs.frozen
class _Box:
    """Where a text of the radar stands, as its reader sees it (SVG units)."""

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
        return _Box(left, top, left + width, bottom)


def _wrap(value: str) -> list[str]:
    lines: list[str] = []
    for word in value.split():
        if lines and len(lines[-1]) + 1 + len(word) <= _WRAP:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _angle(index: int, count: int) -> float:
    return -math.pi / 2 + 2 * math.pi * index / max(count, 3)


def _axis_labels(names: Sequence[str], wrap: bool, shape: _Geometry) -> list[_Label]:
    """Each axis's label outside the web: beside it on the sides, above it at the top, below at the bottom."""
    labels = []
    for index, shown in enumerate(names):
        angle = _angle(index, len(names))
        cos, sin = math.cos(angle), math.sin(angle)
        x = shape.cx + (shape.radius + _LABEL_GAP) * cos
        y = shape.cy + (shape.radius + _LABEL_GAP) * sin
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


def _tick_labels(ticks: Sequence[str], shape: _Geometry) -> list[_Label]:
    """The scale's values along the first (upward) axis, just right of it."""
    return [
        _Label(
            [shown], shape.cx + 4, shape.cy - shape.radius * k / 4 + _TICK_SIZE * 0.35, "start", _TICK_SIZE
        )
        for k, shown in enumerate(ticks, start=1)
    ]


def _fits(labels: Sequence[_Label], shape: _Geometry) -> bool:
    """No label overlaps another or leaves the drawing."""
    boxes = [item.box() for item in labels]
    if not all(box.inside(shape.width, shape.height) for box in boxes):
        return False
    return not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])


def named_axes_fit(names: Sequence[str]) -> bool:
    """Whether the radar can name its axes: twelve dimensions at most, and names that fit
    around the web without touching each other (else the axes are numbered, and the table
    beside shows each dimension's number)."""
    if len(names) > MAX_NAMED_AXES:
        return False
    labels = [*_axis_labels(names, wrap=True, shape=_NAMED), *_tick_labels(["5"] * 4, _NAMED)]
    return _fits(labels, _NAMED)


def _text(item: _Label, css: str, fill: str = "") -> str:
    spans = "".join(
        f'<tspan x="{item.x:.1f}" dy="{0 if n == 0 else item.size * _LINE:.1f}">{escape(line)}</tspan>'
        for n, line in enumerate(item.lines)
    )
    colour = f' fill="{fill}"' if fill else ""
    return (
        f'<text class="{css}" x="{item.x:.1f}" y="{item.y:.1f}" text-anchor="{item.anchor}" '
        f'font-size="{item.size:g}"{colour}>{spans}</text>'
    )


def _at(index: int, count: int, score: float, shape: _Geometry) -> tuple[float, float]:
    """Where a score (0–100) falls on the *index*-th of *count* axes."""
    angle = _angle(index, count)
    radius = shape.radius * max(0.0, min(100.0, score)) / 100
    return shape.cx + radius * math.cos(angle), shape.cy + radius * math.sin(angle)


def _polygon(points: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in points)


def _ring(score: float, count: int, shape: _Geometry) -> list[tuple[float, float]]:
    return [_at(index, count, score, shape) for index in range(max(count, 3))]


def _series(values: Sequence[float | None], colour: str, css: str, shape: _Geometry) -> list[str]:
    """One side's scores: a filled outline when every one is known; else only the edges
    between two known neighbours, so that a missing score draws nothing at all."""
    count = len(values)
    points = [
        None if value is None else _at(index, count, value, shape) for index, value in enumerate(values)
    ]
    known = [point for point in points if point is not None]
    parts = [f'<g class="series {css}" stroke="{colour}" fill="{colour}">']
    if known and len(known) == count and count >= 3:
        parts.append(f'<polygon points="{_polygon(known)}" fill-opacity="0.16" stroke-width="2.5"/>')
    else:
        closing = count >= 3
        for index in range(count if closing else count - 1):
            first, second = points[index], points[(index + 1) % count]
            if first is not None and second is not None:
                parts.append(
                    f'<line x1="{first[0]:.1f}" y1="{first[1]:.1f}" x2="{second[0]:.1f}" '
                    f'y2="{second[1]:.1f}" stroke-width="2.5"/>'
                )
    parts += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5"/>' for x, y in known]
    parts.append("</g>")
    return parts


def _not_available(axes: Sequence[Axis], na: str, shape: _Geometry) -> list[str]:
    """ "n/a" on each axis where a side has no score, in that side's colour (client nearer the centre)."""
    parts = []
    count = len(axes)
    for index, axis in enumerate(axes):
        for value, colour, depth in (
            (axis.client, CLIENT_COLOUR, 38.0),
            (axis.supplier, SUPPLIER_COLOUR, 62.0),
        ):
            if value is None:
                x, y = _at(index, count, depth, shape)
                width = len(na) * _NA_SIZE * _CHAR + 6
                parts.append(
                    f'<rect x="{x - width / 2:.1f}" y="{y - _NA_SIZE * 0.7:.1f}" width="{width:.1f}" '
                    f'height="{_NA_SIZE * 1.4:.1f}" rx="3" fill="#fff" stroke="{colour}" stroke-width="1"/>'
                    f'<text class="na" x="{x:.1f}" y="{y + _NA_SIZE * 0.35:.1f}" text-anchor="middle" '
                    f'font-size="{_NA_SIZE:g}" font-weight="700" fill="{colour}">{escape(na)}</text>'
                )
    return parts


def radar_chart(
    axes: Sequence[Axis],
    *,
    title: str,
    numbered: bool,
    ticks: Sequence[str],
    thresholds: Thresholds = Thresholds(),
    na: str = "n/a",
) -> str:
    """Client and supplier per dimension, as an inline SVG radar (centre = scale minimum).

    *ticks* are the scale's values at a quarter, half, three quarters and the whole radius.
    Axis labels sit outside the web, anchored away from it, wrapped when named. The weak
    threshold (red) and the target (green) are dashed rings; a missing score is marked
    *na* on its axis and never drawn.
    """
    count = len(axes)
    shape = _NUMBERED if numbered else _NAMED
    shown = [str(n) for n in range(1, count + 1)] if numbered else [axis.name for axis in axes]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="chart-radar" class="radar" '
        f'viewBox="0 0 {shape.width:g} {shape.height:g}" '
        f'role="img" aria-label="{escape(title)}" font-family=\'{FONT}\'>',
        f'<g class="web" fill="none" stroke="{_GUIDE}" stroke-width="0.8">',
    ]
    for k in range(1, 5):
        parts.append(f'<polygon points="{_polygon(_ring(25.0 * k, count, shape))}" stroke-dasharray="2,4"/>')
    for x, y in _ring(100.0, count, shape):
        parts.append(f'<line x1="{shape.cx:g}" y1="{shape.cy:g}" x2="{x:.1f}" y2="{y:.1f}"/>')
    parts.append("</g>")
    for score, colour, css in (
        (thresholds.weak, WEAK_COLOUR, "weak"),
        (thresholds.target, TARGET_COLOUR, "target"),
    ):
        if score is not None:
            parts.append(
                f'<polygon class="{css}" points="{_polygon(_ring(score, count, shape))}" fill="none" '
                f'stroke="{colour}" stroke-width="1.6" stroke-dasharray="7,4"/>'
            )
    parts += _series([axis.client for axis in axes], CLIENT_COLOUR, "client", shape)
    parts += _series([axis.supplier for axis in axes], SUPPLIER_COLOUR, "supplier", shape)
    parts += _not_available(axes, na, shape)
    parts.append(f'<g class="labels" fill="{_INK}">')
    parts += [_text(item, "axis-label") for item in _axis_labels(shown, wrap=not numbered, shape=shape)]
    parts.append("</g>")
    parts.append(f'<g class="ticks" fill="{_INK_2}">')
    parts += [_text(item, "tick") for item in _tick_labels(ticks, shape)]
    parts += ["</g>", "</svg>"]
    return "".join(parts)


# --------------------------------------------------------------------------- history


@attrs.frozen
class HistoryPoint:
    """One assessment on the history chart: when, its phase (named), and each side's mean."""

    date: str
    phase: Phase
    phase_name: str
    client: float | None
    supplier: float | None


_H_WIDTH, _H_HEIGHT = 560.0, 300.0
_H_LEFT, _H_RIGHT, _H_TOP, _H_BOTTOM = 34.0, 14.0, 40.0, 34.0
_H_SIZE = 14.0


def _segments(points: Sequence[tuple[float, float] | None]) -> list[list[tuple[float, float]]]:
    """Runs of consecutive known points: a missing mean breaks the line."""
    runs: list[list[tuple[float, float]]] = [[]]
    for point in points:
        if point is None:
            runs.append([])
        else:
            runs[-1].append(point)
    return [run for run in runs if run]


def history_chart(
    points: Sequence[HistoryPoint], *, title: str, low: float, high: float, ticks: Sequence[str]
) -> str:
    """Client and supplier means over the assessments, each assessment's column shaded and
    named by its phase; a mean that is missing leaves a gap in its line."""
    inner_w = _H_WIDTH - _H_LEFT - _H_RIGHT
    inner_h = _H_HEIGHT - _H_TOP - _H_BOTTOM
    count = max(len(points), 1)
    step = inner_w / count

    def x_of(index: int) -> float:
        return _H_LEFT + step * (index + 0.5)

    def y_of(value: float) -> float:
        return _H_TOP + inner_h * (1 - (value - low) / (high - low))

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="chart-history" class="history" '
        f'viewBox="0 0 {_H_WIDTH:g} {_H_HEIGHT:g}" '
        f'role="img" aria-label="{escape(title)}" font-family=\'{FONT}\'>',
        '<g class="phases">',
    ]
    for index, point in enumerate(points):
        left = _H_LEFT + step * index
        parts.append(
            f'<rect x="{left + 2:.1f}" y="{_H_TOP:g}" width="{step - 4:.1f}" height="{inner_h:g}" '
            f'fill="{PHASE_COLOURS[point.phase]}" fill-opacity="0.28"/>'
            f'<text x="{x_of(index):.1f}" y="{_H_TOP - 10:g}" text-anchor="middle" font-size="{_H_SIZE:g}" '
            f'font-weight="600" fill="{_INK}">{escape(point.phase_name)}</text>'
            f'<text x="{x_of(index):.1f}" y="{_H_HEIGHT - 10:g}" text-anchor="middle" '
            f'font-size="{_H_SIZE:g}" '
            f'fill="{_INK_2}">{escape(point.date)}</text>'
        )
    parts.append(f'</g><g class="grid" stroke="{_GUIDE}" stroke-width="0.8" stroke-dasharray="2,4">')
    for k in range(5):
        y = y_of(low + (high - low) * k / 4)
        parts.append(f'<line x1="{_H_LEFT:g}" y1="{y:.1f}" x2="{_H_WIDTH - _H_RIGHT:g}" y2="{y:.1f}"/>')
    parts.append(f'</g><g class="ticks" fill="{_INK_2}" font-size="{_H_SIZE:g}" text-anchor="end">')
    for k, shown in enumerate(ticks):
        y = y_of(low + (high - low) * k / 4)
        parts.append(f'<text x="{_H_LEFT - 6:g}" y="{y + _H_SIZE * 0.35:.1f}">{escape(shown)}</text>')
    parts.append("</g>")
    for side, colour in (("client", CLIENT_COLOUR), ("supplier", SUPPLIER_COLOUR)):
        values: list[float | None] = [getattr(point, side) for point in points]
        placed = [None if value is None else (x_of(i), y_of(value)) for i, value in enumerate(values)]
        parts.append(f'<g class="series {side}" stroke="{colour}" fill="{colour}">')
        for run in _segments(placed):
            if len(run) > 1:
                parts.append(f'<polyline points="{_polygon(run)}" fill="none" stroke-width="3"/>')
        parts += [f'<circle cx="{p[0]:.1f}" cy="{p[1]:.1f}" r="4.5"/>' for p in placed if p is not None]
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)
