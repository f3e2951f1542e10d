"""The supplier base on one self-contained HTML page, built for triage.

The page opens with the relationships that need attention, ranked by the severity of their
worst finding, then their segment, then their trend: every relationship with a high or
critical finding is named there, above everything else. Then the renewals of the next 6
and 12 months, the relationships longest in norming beside those found *stuck* in
norming, the phase mix per quarter, the heat map by phase and segment, and a complete
table of every relationship. A small inline script (allowed by its hash in the page's
Content-Security-Policy, nothing else may run or be fetched) sorts, filters and searches
that table. A long list shows its first rows, and the others on request: they are in the
page inside a ``<noscript>``, which the browser keeps as text while the script runs, so
ten thousand relationships load as fast as a few hundred; without the script (or printed)
every row is shown. Every text that comes from the data is escaped; each relationship
links to its own report, which the caller writes beside the page and which links back.
"""

from __future__ import annotations

import base64
import datetime
import functools
import hashlib
import importlib.resources
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from vendormaturity._version import __version__
from vendormaturity.i18n import ntr, ptr, tr
from vendormaturity.model.questionnaire import Phase, Severity
from vendormaturity.render.html import PHASE_COLOURS, _environment, css_string
from vendormaturity.render.texts import Labels, colon, integer, name, number

if TYPE_CHECKING:
    from vendormaturity.model.responses import ResponseSet
    from vendormaturity.model.result import AssessmentResult
    from vendormaturity.store.portfolio import Portfolio
    from vendormaturity.store.views import Line, OpenAction

__all__ = [
    "PAGE",
    "Entry",
    "PortfolioPage",
    "QuarterMix",
    "Sections",
    "entries",
    "portfolio_page",
    "quarter_name",
    "render_portfolio",
    "script_hash",
    "sections",
]

NO_SEGMENT = ""
ATTENTION_FROM = Severity.HIGH  # every relationship with a finding this severe is named first
WATCH_FROM = Severity.MEDIUM  # then, up to the list's length, those with a medium finding
STUCK = "stuck_in_norming"  # the pattern of relationships stuck in norming
RENEWAL_WINDOWS = (6, 12)  # months ahead
PAGE = 50  # rows a long list shows before its reader asks for more

_TREND_ORDER = {"down": 0, "steady": 1, "new": 2, "up": 3}  # the worsening first


@attrs.frozen
class Entry:
    """One relationship on the page: its line, and its findings with their severity (the
    newest result's, as its report shows them), most severe first."""

    line: Line
    findings: tuple[tuple[str, Severity], ...]
    owners: tuple[str, ...] = ()  # who owns the actions of its newest plan: client, supplier, joint

    @property
    def key(self) -> str:
        return self.line.relationship.key

    @property
    def worst(self) -> Severity | None:
        return self.findings[0][1] if self.findings else None

    def renewal_months(self, as_of: datetime.date) -> int | None:
        """Whole months from *as_of* to the renewal (negative once past), None if unknown."""
        renewal = self.line.relationship.renewal_date
        if renewal is None:
            return None
        months = (renewal.year - as_of.year) * 12 + renewal.month - as_of.month
        return months - (1 if renewal.day < as_of.day else 0)


@attrs.frozen
class QuarterMix:
    """How many relationships were in each phase at the end of a quarter."""

    quarter: str  # "2025 Q3"
    phases: dict[Phase, int]


@attrs.frozen
class Sections:
    """What the page shows, chosen from its entries."""

    attention: list[Entry]
    attention_more: int  # medium findings left out of the list
    renewals: dict[int, list[Entry]]  # months ahead → renewing within them (and after the shorter window)
    longest: list[Entry]  # in norming, longest first
    longest_more: int
    stuck: list[Entry]  # found stuck in norming
    stuck_more: int
    overdue: list[Entry]
    overdue_more: int
    heat: dict[str, dict[Phase, int]]  # segment → phase → relationships
    every: list[Entry]  # every relationship, in the order of attention

    def linked(self) -> list[Line]:
        """Every relationship the page links to, once."""
        return [entry.line for entry in self.every]


def entries(
    lines: Sequence[Line],
    severities: Mapping[str, Mapping[str, Severity]],
    owners: Mapping[str, Sequence[str]] | None = None,
) -> list[Entry]:
    """Each line with the severity of each of its findings (*severities*: relationship →
    pattern → severity, from its newest result; a pattern without one counts as low) and the
    owners of its newest plan's actions (*owners*: relationship → owners)."""
    found = []
    for line in lines:
        known = severities.get(line.relationship.key, {})
        findings = sorted(
            ((pattern, known.get(pattern, Severity.LOW)) for pattern in line.patterns),
            key=lambda item: (-item[1].rank, item[0]),
        )
        owned = sorted(set((owners or {}).get(line.relationship.key, ())))
        found.append(Entry(line, tuple(findings), tuple(owned)))
    return found


def _attention_key(segments: Sequence[str]) -> Any:
    order = {segment: index for index, segment in enumerate(segments)}

    def key(entry: Entry) -> tuple[int, int, int, str]:
        worst = entry.worst
        return (
            -(worst.rank if worst is not None else -1),
            order.get(entry.line.relationship.segment or NO_SEGMENT, len(order)),
            _TREND_ORDER.get(entry.line.trend, len(_TREND_ORDER)),
            entry.key,
        )

    return key


def sections(
    found: Sequence[Entry],
    *,
    as_of: datetime.date,
    top: int = 10,
    segments: Sequence[str] = (),
    watch: Sequence[str] = (),
) -> Sections:
    """The page's lists. *segments* ranks the segments, the most exposed first (the
    questionnaire's order of the segment fact); *top* caps every list but the relationships
    with a high or critical finding, which are all named; a relationship with a finding of a
    *watch* pattern joins the medium ones whatever its severity."""
    ranked = sorted(found, key=_attention_key(segments))
    urgent = [
        entry for entry in ranked if entry.worst is not None and entry.worst.rank >= ATTENTION_FROM.rank
    ]
    watched = [
        entry
        for entry in ranked
        if entry.worst is not None
        and entry.worst.rank < ATTENTION_FROM.rank
        and (entry.worst.rank >= WATCH_FROM.rank or any(pattern in watch for pattern in entry.line.patterns))
    ]
    shown_watch = max(0, top - len(urgent))
    renewals: dict[int, list[Entry]] = {}
    lower = 0
    for window in RENEWAL_WINDOWS:
        renewals[window] = sorted(
            (
                entry
                for entry in found
                if (months := entry.renewal_months(as_of)) is not None
                and lower <= months < window
                and entry.line.relationship.renewal_date is not None
                and entry.line.relationship.renewal_date >= as_of
            ),
            key=lambda entry: (entry.line.relationship.renewal_date, entry.key),
        )
        lower = window
    norming = sorted(
        (
            entry
            for entry in found
            if entry.line.phase is Phase.NORMING and entry.line.stuck_since is not None
        ),
        key=lambda entry: (entry.line.stuck_since, entry.key),
    )
    stuck = [entry for entry in ranked if STUCK in entry.line.patterns]
    overdue = sorted(
        (entry for entry in found if entry.line.overdue_actions),
        key=lambda entry: (-entry.line.overdue_actions, entry.key),
    )
    heat: dict[str, dict[Phase, int]] = {}
    for entry in found:
        row = heat.setdefault(entry.line.relationship.segment or NO_SEGMENT, dict.fromkeys(Phase, 0))
        row[entry.line.phase] += 1
    segment_order = {segment: index for index, segment in enumerate(segments)}
    return Sections(
        attention=urgent + watched[:shown_watch],
        attention_more=len(watched) - min(len(watched), shown_watch),
        renewals=renewals,
        longest=norming[:top],
        longest_more=max(0, len(norming) - top),
        stuck=stuck[:top],
        stuck_more=max(0, len(stuck) - top),
        overdue=overdue[:top],
        overdue_more=max(0, len(overdue) - top),
        heat=dict(
            sorted(heat.items(), key=lambda item: (segment_order.get(item[0], len(segment_order)), item[0]))
        ),
        every=ranked,
    )


@functools.lru_cache(maxsize=1)
def _script() -> str:
    return (importlib.resources.files("vendormaturity.render") / "templates" / "portfolio.js").read_text(
        encoding="utf-8"
    )


def script_hash() -> str:
    """The Content-Security-Policy source that allows the page's own script and no other."""
    digest = hashlib.sha256(_script().encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def render_portfolio(
    found: Sequence[Entry],
    chosen: Sections,
    *,
    links: Mapping[str, str],
    as_of: datetime.date,
    lang: str = "en",
    labels: Labels | None = None,
    quarters: Sequence[QuarterMix] = (),
    page: int = PAGE,
) -> str:
    """The page; *links* maps a relationship's key to its report, relative to the page; *labels*
    name the findings (their ids without it); *quarters* give the phase mix, oldest first. A
    list longer than *page* rows shows that many, and its reader asks for more (the others are
    in the page, and all shown without JavaScript or when printed)."""
    if page < 1:
        raise ValueError(f"a page holds at least one row, not {page}")
    from markupsafe import Markup

    said = labels or Labels()
    most = max((count for row in chosen.heat.values() for count in row.values()), default=0)
    widest = max((sum(mix.phases.values()) for mix in quarters), default=0)

    def cell_style(phase: Phase, count: int) -> str:
        share = 0.0 if not most else 0.12 + 0.88 * count / most
        return f"--share: {share * 100:.0f}%"

    def mix_width(count: int) -> str:
        return f"{100 * count / widest:.2f}%" if widest else "0%"

    patterns = sorted({pattern for entry in found for pattern in entry.line.patterns}, key=said.pattern)
    segments = list(chosen.heat)
    context: dict[str, Any] = {
        "_": lambda message, **values: tr(message, lang, **values),
        "ngettext": lambda one, many, count, **values: ntr(one, many, count, lang, **values),
        "segment_name": lambda segment: (
            name("segment", segment, lang) if segment else ptr("segment", "(no segment)", lang)
        ),
        "phase_name": lambda phase: name("phase", phase, lang),
        "severity_name": lambda severity: name("severity", severity, lang),
        "owner_name": lambda owner: name("owner", owner, lang),
        "owners": sorted({owner for entry in found for owner in entry.owners}),
        "trend_name": lambda trend: _trend_name(trend, lang),
        "mean": lambda value: number(value, lang),
        "n": lambda value: integer(value, lang),
        "css": lambda text: Markup(css_string(text)),
        "lang": lang,
        "found": found,
        "s": chosen,
        "phases": list(Phase),
        "colours": PHASE_COLOURS,
        "cell_style": cell_style,
        "mix_width": mix_width,
        "links": links,
        "as_of": as_of,
        "rounds": sum(entry.line.rounds for entry in found),
        "pattern_name": said.pattern,
        "patterns": patterns,
        "segments": segments,
        "windows": RENEWAL_WINDOWS,
        "quarters": quarters,
        "page": page,
        "version": __version__,
        "script": Markup(_script()),
        "script_hash": Markup(script_hash()),
        "urgent": sum(
            1 for entry in found if entry.worst is not None and entry.worst.rank >= ATTENTION_FROM.rank
        ),
        "colon": colon(lang),
    }
    return _environment().get_template("portfolio.html.j2").render(context)


def _trend_name(trend: str, lang: str) -> str:
    if trend == "up":
        return ptr("trend", "improving", lang)
    if trend == "down":
        return ptr("trend", "worsening", lang)
    if trend == "steady":
        return ptr("trend", "steady", lang)
    return ptr("trend", "first assessment", lang)


def quarter_name(end: datetime.date, lang: str) -> str:
    """A calendar quarter as the page names it: "2025 Q3"."""
    return tr("{year} Q{quarter}", lang, year=end.year, quarter=(end.month - 1) // 3 + 1)


@attrs.frozen
class PortfolioPage:
    """The page, and what it was built from: each relationship's newest result and response
    set, and its open actions (its report shows the same ones)."""

    html: str
    lines: list[Line]
    assessed: dict[str, tuple[AssessmentResult, ResponseSet]]
    opened: dict[str, list[OpenAction]]


def portfolio_page(
    store: Portfolio,
    *,
    as_of: datetime.date,
    links: Callable[[str], str],
    lang: str = "en",
    labels: Labels | None = None,
    segments: Sequence[str] = (),
    top: int = 10,
    watch: Sequence[str] = (),
    page: int = PAGE,
) -> PortfolioPage:
    """The page of a portfolio as it stands on *as_of*; *links* gives the address of each
    relationship's report from its key (``portfolio report`` and ``serve`` both build it here)."""
    lines = store.lines(as_of=as_of)
    keys = [line.relationship.key for line in lines]
    assessed = store.results(keys)
    severities = {
        key: {finding.pattern: finding.severity for finding in result.findings}
        for key, (result, _) in assessed.items()
    }
    owners = {
        key: [action.owner.value for action in result.plan.actions] for key, (result, _) in assessed.items()
    }
    found = entries(lines, severities, owners)
    chosen = sections(found, as_of=as_of, top=top, segments=segments, watch=watch)
    mix = [QuarterMix(quarter_name(end, lang), counts) for end, counts in store.phase_mix(as_of)]
    html = render_portfolio(
        found,
        chosen,
        links={key: links(key) for key in keys},
        as_of=as_of,
        lang=lang,
        labels=labels,
        quarters=mix,
        page=page,
    )
    return PortfolioPage(html, lines, assessed, store.open_actions(keys))
