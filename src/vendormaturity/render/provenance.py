"""Where the facts computed from operational exports came from, in plain words.

``escalations_per_month = 4.67: 14 escalated incidents of 212 incidents in 3 months,
Jul–Sep 2026, from incidents.csv`` – or why a fact could not be computed. Every report
format shows these lines when the response set carried provenance; the texts of this
block live here, in French and English.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Mapping, Sequence

import attrs

from vendormaturity.model.responses import FactProvenance
from vendormaturity.render.texts import label

__all__ = ["FactLine", "fact_lines", "files_text", "heading", "period_text", "texts"]

_MONTHS = {
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    "fr": ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."],
}
_TEXTS = {
    "heading": {"en": "Facts from operational exports", "fr": "Faits tirés des exports opérationnels"},
    "note": {
        "en": "Computed from the systems' exports by a mapping; the formula and the rows counted "
        "are in the response file.",
        "fr": "Calculés à partir des exports des outils par une table de correspondance ; la formule "
        "et les lignes comptées figurent dans le fichier de réponses.",
    },
    "from": {"en": "from", "fr": "d'après"},
    "and": {"en": "and", "fr": "et"},
    "files": {"en": "{count} files", "fr": "{count} fichiers"},
    "not_computed": {"en": "not computed", "fr": "non calculé"},
    "fact": {"en": "Fact", "fr": "Fait"},
    "value": {"en": "Value", "fr": "Valeur"},
    "how": {"en": "How it was computed", "fr": "Comment il a été calculé"},
    "formula": {"en": "formula", "fr": "formule"},
    "rows": {"en": "rows", "fr": "lignes"},
    "mapping": {"en": "mapping", "fr": "correspondance"},
}


def texts(key: str, lang: str, **values: object) -> str:
    """A fixed text of this block in *lang* (English when the language is not known)."""
    entry = _TEXTS[key]
    template = entry.get(lang, entry["en"])
    return template.format(**values) if values else template


def heading(lang: str) -> str:
    return texts("heading", lang)


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
        colon = " : " if lang == "fr" else ": "
        if self.value is None:
            return f"{self.fact}{colon}{texts('not_computed', lang)} ({self.words})"
        return f"{self.fact} = {self.value}{colon}{self.words}"


def period_text(start: datetime.date, end: datetime.date, lang: str) -> str:
    """``Jul–Sep 2026``, ``Sep 2026``, ``Oct 2025–Sep 2026``; other spans as ISO dates."""
    months = _MONTHS.get(lang, _MONTHS["en"])
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
        return texts("files", lang, count=len(files))
    if len(files) > 1:
        return f"{', '.join(files[:-1])} {texts('and', lang)} {files[-1]}"
    return files[0] if files else ""


def _value(value: object, lang: str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        shown = f"{round(value, 2):g}"
        return shown.replace(".", ",") if lang == "fr" else shown
    return str(value)


def fact_lines(provenance: Mapping[str, FactProvenance], lang: str) -> list[FactLine]:
    """Each fact's provenance in plain words, in the order given."""
    lines = []
    for fact, record in provenance.items():
        if record.missing is not None:
            words, value = record.missing, None
        else:
            parts = [
                label(record.words, lang) or record.formula,
                period_text(record.start, record.end, lang),
            ]
            if record.files:
                parts.append(f"{texts('from', lang)} {files_text(record.files, lang)}")
            words, value = ", ".join(parts), _value(record.value, lang)
        lines.append(FactLine(fact, value, words, record.formula, record.filter, record.mapping))
    return lines
