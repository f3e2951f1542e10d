"""The supplier base on one self-contained HTML page: a heat map by phase and segment, the
relationships stuck longest, the watermelons and the overdue action plans.

Like :mod:`.html`, the page fetches nothing, forbids scripts by its Content-Security-Policy
and escapes every text that comes from the data. Each relationship named on the page
links to its own report, which the caller writes beside the page.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from vendormaturity._version import __version__
from vendormaturity.i18n import tr
from vendormaturity.model.questionnaire import Phase
from vendormaturity.render.html import PHASE_COLOURS, _environment
from vendormaturity.render.texts import Labels, name, number

if TYPE_CHECKING:
    from vendormaturity.store.views import Line

__all__ = ["Sections", "render_portfolio", "sections"]

NO_SEGMENT = ""

_ARROWS = {"up": "↑", "down": "↓", "steady": "→", "new": "·"}


@attrs.frozen
class Sections:
    """What the page shows, chosen from the portfolio's lines."""

    heat: dict[str, dict[Phase, int]]  # segment → phase → relationships
    stuck: list[Line]
    stuck_more: int
    watch: list[Line]
    watch_more: int
    overdue: list[Line]
    overdue_more: int

    def linked(self) -> list[Line]:
        """Every relationship the page links to, once."""
        seen: dict[str, Line] = {}
        for line in (*self.stuck, *self.watch, *self.overdue):
            seen.setdefault(line.relationship.key, line)
        return list(seen.values())


def sections(lines: Sequence[Line], *, top: int = 10, watch: Sequence[str] = ("watermelon",)) -> Sections:
    """The heat map and the three lists (each capped at *top*, the rest counted)."""
    heat: dict[str, dict[Phase, int]] = {}
    for line in lines:
        row = heat.setdefault(line.relationship.segment or NO_SEGMENT, dict.fromkeys(Phase, 0))
        row[line.phase] += 1
    stuck = sorted(
        (
            line
            for line in lines
            if line.stuck_since is not None and line.rounds > 1 and line.stuck_since < line.date
        ),
        key=lambda line: (line.stuck_since, line.relationship.key),
    )
    watched = [line for line in lines if any(pattern in line.patterns for pattern in watch)]
    watched.sort(key=lambda line: (-line.rounds, line.relationship.key))
    overdue = sorted(
        (line for line in lines if line.overdue_actions),
        key=lambda line: (-line.overdue_actions, line.relationship.key),
    )
    return Sections(
        heat=dict(sorted(heat.items())),
        stuck=stuck[:top],
        stuck_more=max(0, len(stuck) - top),
        watch=watched[:top],
        watch_more=max(0, len(watched) - top),
        overdue=overdue[:top],
        overdue_more=max(0, len(overdue) - top),
    )


def render_portfolio(
    lines: Sequence[Line],
    chosen: Sections,
    *,
    links: Mapping[str, str],
    as_of: datetime.date,
    lang: str = "en",
    watch: Sequence[str] = ("watermelon",),
    labels: Labels | None = None,
) -> str:
    """The page; *links* maps a relationship's key to its report, relative to the page; *labels*
    name the findings (their ids without it)."""
    said = labels or Labels()
    most = max((count for row in chosen.heat.values() for count in row.values()), default=0)

    def cell_style(phase: Phase, count: int) -> str:
        share = 0.0 if not most else 0.12 + 0.88 * count / most
        return f"--accent: {PHASE_COLOURS[phase]}; --share: {share * 100:.0f}%"

    context: dict[str, Any] = {
        "_": lambda message, **values: tr(message, lang, **values),
        "segment_name": lambda segment: name("segment", segment, lang),
        "phase_name": lambda phase: name("phase", phase, lang),
        "mean": lambda value: number(value, lang),
        "arrow": lambda trend: _ARROWS[trend],
        "lang": lang,
        "lines": lines,
        "s": chosen,
        "phases": list(Phase),
        "colours": PHASE_COLOURS,
        "cell_style": cell_style,
        "links": links,
        "as_of": as_of.isoformat(),
        "rounds": sum(line.rounds for line in lines),
        "watch": tr(", ", lang).join(map(said.pattern, watch)),
        "pattern_name": said.pattern,
        "version": __version__,
        "no_segment": NO_SEGMENT,
    }
    return _environment().get_template("portfolio.html.j2").render(context)
