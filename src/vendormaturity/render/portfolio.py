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
from vendormaturity.model.questionnaire import Phase
from vendormaturity.render.html import PHASE_COLOURS, _environment
from vendormaturity.render.texts import name, number

if TYPE_CHECKING:
    from vendormaturity.store.views import Line

__all__ = ["Sections", "render_portfolio", "sections"]

NO_SEGMENT = ""

_TEXTS: dict[str, dict[str, str]] = {
    "title": {"fr": "Portefeuille fournisseurs", "en": "Supplier portfolio"},
    "as_of": {"fr": "au {date}", "en": "as of {date}"},
    "relationships": {"fr": "relations", "en": "relationships"},
    "rounds": {"fr": "évaluations", "en": "assessments"},
    "heat_map": {"fr": "Carte par phase et segment", "en": "Heat map by phase and segment"},
    "heat_note": {
        "fr": "Nombre de relations dans chaque phase (évaluation la plus récente), par segment.",
        "en": "Number of relationships in each phase (newest assessment), by segment.",
    },
    "segment": {"fr": "Segment", "en": "Segment"},
    "no_segment": {"fr": "(sans segment)", "en": "(no segment)"},
    "total": {"fr": "Total", "en": "Total"},
    "stuck": {"fr": "Bloquées le plus longtemps", "en": "Stuck longest"},
    "stuck_note": {
        "fr": "Relations en normalisation sur plusieurs évaluations consécutives, "
        "les plus anciennes d'abord.",
        "en": "Relationships in norming over consecutive assessments, longest first.",
    },
    "since": {"fr": "Depuis", "en": "Since"},
    "months": {"fr": "Mois", "en": "Months"},
    "watch": {"fr": "Pastèques", "en": "Watermelons"},
    "watch_note": {
        "fr": "Indicateurs au vert, qualité perçue médiocre (constat {patterns} à la dernière évaluation).",
        "en": "Indicators green, perceived quality poor (finding {patterns} in the newest assessment).",
    },
    "overdue": {"fr": "Plans d'action en retard", "en": "Overdue action plans"},
    "overdue_note": {
        "fr": "Actions recommandées, ni faites ni abandonnées, dont l'échéance est passée.",
        "en": "Recommended actions neither done nor dropped whose due date has passed.",
    },
    "relationship": {"fr": "Relation", "en": "Relationship"},
    "supplier": {"fr": "Fournisseur", "en": "Supplier"},
    "phase": {"fr": "Phase", "en": "Phase"},
    "trend": {"fr": "Tendance", "en": "Trend"},
    "findings": {"fr": "Constats", "en": "Findings"},
    "actions": {"fr": "Actions en retard", "en": "Overdue actions"},
    "mean": {"fr": "Moyenne", "en": "Mean"},
    "date": {"fr": "Dernière évaluation", "en": "Newest assessment"},
    "none": {"fr": "Aucune.", "en": "None."},
    "more": {"fr": "… et {count} de plus.", "en": "… and {count} more."},
    "generated": {"fr": "Produit par vendormaturity {version}", "en": "Made by vendormaturity {version}"},
}
_ARROWS = {"up": "↑", "down": "↓", "steady": "→", "new": "·"}


def _text(key: str, lang: str, **values: object) -> str:
    entry = _TEXTS[key]
    template = entry.get(lang, entry["en"])
    return template.format(**values) if values else template


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
) -> str:
    """The page; *links* maps a relationship's key to its report, relative to the page."""
    most = max((count for row in chosen.heat.values() for count in row.values()), default=0)

    def cell_style(phase: Phase, count: int) -> str:
        share = 0.0 if not most else 0.12 + 0.88 * count / most
        return f"--accent: {PHASE_COLOURS[phase]}; --share: {share * 100:.0f}%"

    context: dict[str, Any] = {
        "t": lambda key, **values: _text(key, lang, **values),
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
        "watch": ", ".join(watch),
        "version": __version__,
        "no_segment": NO_SEGMENT,
    }
    return _environment().get_template("portfolio.html.j2").render(context)
