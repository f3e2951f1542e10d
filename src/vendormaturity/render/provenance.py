"""Where the facts computed from operational exports came from, in plain words.

``escalations_per_month = 4.67: 14 escalated incidents of 212 incidents in 3 months,
Jul–Sep 2026, from incidents.csv`` – or why a fact could not be computed. Every report
format shows these lines when the response set carried provenance.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Mapping, Sequence

import attrs

from vendormaturity.i18n import ntr, pmsg, tr
from vendormaturity.model.questionnaire import Questionnaire
from vendormaturity.model.responses import FactOrigin, FactProvenance
from vendormaturity.render.texts import fact_number, label, short

__all__ = [
    "FactLine",
    "fact_lines",
    "files_text",
    "heading",
    "note",
    "origin_lines",
    "origins_heading",
    "period_text",
]

# Month names as periods abbreviate them (Jul–Sep 2026).
_MONTHS = (
    pmsg("month, short", "Jan"),
    pmsg("month, short", "Feb"),
    pmsg("month, short", "Mar"),
    pmsg("month, short", "Apr"),
    pmsg("month, short", "May"),
    pmsg("month, short", "Jun"),
    pmsg("month, short", "Jul"),
    pmsg("month, short", "Aug"),
    pmsg("month, short", "Sep"),
    pmsg("month, short", "Oct"),
    pmsg("month, short", "Nov"),
    pmsg("month, short", "Dec"),
)


def heading(lang: str) -> str:
    return tr("Facts from operational exports", lang)


def note(lang: str) -> str:
    return tr(
        "Computed from the systems' exports by a mapping; the formula and the rows counted are in the "
        "response file.",
        lang,
    )


def origins_heading(lang: str) -> str:
    return tr("Facts carried over or computed", lang)


def origin_lines(
    origins: Mapping[str, FactOrigin], lang: str, questionnaire: Questionnaire | None = None
) -> list[str]:
    """Each fact this round did not give, and where its value came from: ``Segment (Kraljic):
    carried from the round of 2025-09-11 (2025-09-11.toml)``, ``Age of the relationship:
    computed from Start date of the contract``."""
    facts = {fact.id: fact for fact in questionnaire.facts} if questionnaire is not None else {}

    def named(fact: str) -> str:
        return label(facts[fact].label, lang) if fact in facts else fact

    lines = []
    for fact, origin in origins.items():
        if origin.kind == "carried" and origin.file:
            line = tr(
                "{fact}: carried from the round of {date} ({file})",
                lang,
                fact=named(fact),
                date=str(origin.round),
                file=origin.file,
            )
        elif origin.kind == "carried":
            line = tr(
                "{fact}: carried from the round of {date}", lang, fact=named(fact), date=str(origin.round)
            )
        else:
            inputs = [named(name) for name in origin.inputs]
            line = tr(
                "{fact}: computed from {facts}",
                lang,
                fact=named(fact),
                facts=tr(", ", lang).join(inputs) if inputs else origin.rule or "",
            )
        lines.append(line)
    return lines


@attrs.frozen
class FactLine:
    """One fact's provenance, ready to print."""

    fact: str
    value: str | None  # None: not computed
    words: str  # "14 escalated incidents of 212 incidents in 3 months, Jul–Sep 2026, from incidents.csv"
    formula: str
    filter: str | None
    mapping: str

    def sentence(self, lang: str) -> str:
        """``fact = value: how``, or ``fact: not computed (why)``."""
        if self.value is None:
            return tr("{fact}: not computed ({why})", lang, fact=self.fact, why=self.words)
        return tr("{fact} = {value}: {how}", lang, fact=self.fact, value=self.value, how=self.words)


def period_text(start: datetime.date, end: datetime.date, lang: str) -> str:
    """``Jul–Sep 2026``, ``Sep 2026``, ``Oct 2025–Sep 2026``; other spans as ISO dates."""
    months = [month.translated(lang) for month in _MONTHS]
    whole = start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1]
    if not whole:
        return f"{start.isoformat()}..{end.isoformat()}"
    last = f"{months[end.month - 1]} {end.year}"
    if (start.year, start.month) == (end.year, end.month):
        return last
    if start.year == end.year:
        return f"{months[start.month - 1]}–{last}"
    return f"{months[start.month - 1]} {start.year}–{last}"


def files_text(files: Sequence[str], lang: str) -> str:
    """``incidents.csv``, ``a.csv and b.csv``, or ``4 files`` beyond three."""
    if len(files) > 3:
        return ntr("{count} file", "{count} files", len(files), lang)
    if len(files) > 1:
        return tr("{files} and {last}", lang, files=", ".join(files[:-1]), last=files[-1])
    return files[0] if files else ""


def _value(value: object, lang: str) -> str:
    if isinstance(value, bool):
        return tr("yes", lang) if value else tr("no", lang)
    if isinstance(value, int | float):
        return short(value, lang)
    return str(value)


def _words(record: FactProvenance, lang: str) -> str:
    """How a fact was computed: the computation in words, the period, the files."""
    parts = [label(record.words, lang) or record.formula, period_text(record.start, record.end, lang)]
    if record.files:
        parts.append(tr("from {files}", lang, files=files_text(record.files, lang)))
    return ", ".join(parts)


def fact_lines(
    provenance: Mapping[str, FactProvenance], lang: str, questionnaire: Questionnaire | None = None
) -> list[FactLine]:
    """Each fact's provenance in plain words, in the order given; a fact is named by its
    label when the *questionnaire* is known, else by its id."""
    facts = {fact.id: fact for fact in questionnaire.facts} if questionnaire is not None else {}
    lines = []
    for fact, record in provenance.items():
        shown = label(facts[fact].label, lang) if fact in facts else fact
        if record.missing is not None:
            words, value = label(record.missing, lang), None
        elif isinstance(record.value, int | float) and not isinstance(record.value, bool) and fact in facts:
            words, value = _words(record, lang), fact_number(float(record.value), facts[fact], lang)
        else:
            words, value = _words(record, lang), _value(record.value, lang)
        lines.append(FactLine(shown, value, words, record.formula, record.filter, record.mapping))
    return lines
