"""Words the reports share: names of values, what rule names stand for, numbers as a language writes them.

Every sentence is in the gettext catalogue (:mod:`vendormaturity.i18n`); this module only
says which message names each value – a phase, a severity, an owner – and formats numbers
with the separators the catalogue gives for the language. Everything a questionnaire says
(dimensions, questions, findings, actions, units) comes from its own labels.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import TYPE_CHECKING, Final

import attrs

from vendormaturity.i18n import N_, Message, decimal, pmsg, ptr, tr

if TYPE_CHECKING:  # the names of phases and segments need none of the questionnaire's models
    from vendormaturity.model.questionnaire import Fact, Questionnaire

__all__ = [
    "Labels",
    "colon",
    "fact_number",
    "integer",
    "label",
    "name",
    "number",
    "percent",
    "phase_description",
    "short",
    "signed",
    "subject",
]

# The name of each value a report shows, by kind of value: the kind is the message's
# context, so that "Medium" (a severity) and "Medium" (a horizon) can differ in translation.
_NAMES: Final[Mapping[str, Mapping[str, Message]]] = {
    "phase": {
        "forming": pmsg("phase", "Forming"),
        "storming": pmsg("phase", "Storming"),
        "norming": pmsg("phase", "Norming"),
        "performing": pmsg("phase", "Performing"),
        "adjourning": pmsg("phase", "Adjourning"),
    },
    "severity": {
        "low": pmsg("severity", "Low"),
        "medium": pmsg("severity", "Medium"),
        "high": pmsg("severity", "High"),
        "critical": pmsg("severity", "Critical"),
    },
    "owner": {
        "client": pmsg("owner", "Client"),
        "supplier": pmsg("owner", "Supplier"),
        "joint": pmsg("owner", "Joint"),
    },
    "horizon": {
        "short": pmsg("horizon", "Short term (within 3 months)"),
        "medium": pmsg("horizon", "Medium term (3 to 12 months)"),
        "renewal": pmsg("horizon", "At renewal or exit"),
    },
    "horizon_short": {
        "short": pmsg("horizon, short", "Short"),
        "medium": pmsg("horizon, short", "Medium"),
        "renewal": pmsg("horizon, short", "Renewal"),
    },
    "status": {
        "done": pmsg("action status", "Done"),
        "in_progress": pmsg("action status", "In progress"),
        "not_started": pmsg("action status", "Not started"),
        "dropped": pmsg("action status", "Dropped"),
        "unreported": pmsg("action status", "Not reported"),
    },
    "confidence": {
        "low": pmsg("confidence", "low"),
        "medium": pmsg("confidence", "medium"),
        "high": pmsg("confidence", "high"),
    },
    "verdict": {
        "clear": pmsg("baseline verdict", "clear"),
        "transition": pmsg("baseline verdict", "in transition"),
        "unclear": pmsg("baseline verdict", "unclear"),
        "no_data": pmsg("baseline verdict", "no data"),
    },
    "side": {
        "client": pmsg("side", "Client"),
        "supplier": pmsg("side", "Supplier"),
        "both": pmsg("side", "Both"),
        "overall": pmsg("side", "Overall"),
    },
    "stage": {
        "pre_deal": pmsg("lifecycle stage", "pre-deal"),
        "operational": pmsg("lifecycle stage", "operational"),
        "post_deal": pmsg("lifecycle stage", "post-deal"),
    },
    "score_status": {
        "ok": pmsg("score status", "ok"),
        "insufficient_data": pmsg("score status", "insufficient data"),
        "no_respondents": pmsg("score status", "no respondents"),
    },
    "role": {
        "executive": pmsg("respondent role", "Executive"),
        "manager": pmsg("respondent role", "Manager"),
        "operational": pmsg("respondent role", "Operational"),
        "other": pmsg("respondent role", "Other"),
    },
    "segment": {
        "strategic": pmsg("segment", "Strategic"),
        "leverage": pmsg("segment", "Leverage"),
        "bottleneck": pmsg("segment", "Bottleneck"),
        "non_critical": pmsg("segment", "Non-critical"),
    },
}

_PHASE_DESCRIPTIONS: Final[Mapping[str, Message]] = {
    "forming": pmsg(
        "phase description",
        "The parties are getting to know each other: roles, expectations and ways of working are "
        "still being discovered.",
    ),
    "storming": pmsg(
        "phase description",
        "Friction and disagreement: expectations collide, escalations are frequent and trust is "
        "being tested.",
    ),
    "norming": pmsg(
        "phase description",
        "Ways of working are established and the service is stable, but the relationship rarely "
        "goes beyond the contract.",
    ),
    "performing": pmsg(
        "phase description",
        "The parties work as partners: shared objectives, candid dialogue and improvements that "
        "benefit both.",
    ),
    "adjourning": pmsg(
        "phase description",
        "The relationship is ending or up for renewal: the priority is an orderly exit or transition.",
    ),
}

# What each name of the rule language stands for, to read evidence and missing data aloud.
# Keys are names with ``*`` for a dimension id or a phase; ``{dimension}`` and ``{phase}``
# are filled with their labels.
_SUBJECTS: Final[Mapping[str, str]] = {
    "client.*": N_("Client average on {dimension}"),
    "supplier.*": N_("Supplier average on {dimension}"),
    "overall.*": N_("Average of both sides on {dimension}"),
    "gap.*": N_("Gap supplier − client on {dimension}"),
    "client_sd.*": N_("Spread of client answers on {dimension} (standard deviation)"),
    "supplier_sd.*": N_("Spread of supplier answers on {dimension} (standard deviation)"),
    "client_rwg.*": N_("Agreement among client respondents on {dimension} (rwg, 1 = full)"),
    "supplier_rwg.*": N_("Agreement among supplier respondents on {dimension} (rwg, 1 = full)"),
    "coverage.*": N_("Share answered on {dimension}"),
    "delta.client.*": N_("Change of the client average on {dimension} since the previous assessment"),
    "delta.supplier.*": N_("Change of the supplier average on {dimension} since the previous assessment"),
    "delta.overall.*": N_("Change of the average of both sides on {dimension} since the previous assessment"),
    "dim.client_respondents": N_("Client respondents on {dimension}"),
    "dim.supplier_respondents": N_("Supplier respondents on {dimension}"),
    "summary.client_mean": N_("Client average over all dimensions"),
    "summary.supplier_mean": N_("Supplier average over all dimensions"),
    "summary.overall_mean": N_("Average of both sides over all dimensions"),
    "summary.client_min": N_("Client's lowest average on a dimension"),
    "summary.supplier_min": N_("Supplier's lowest average on a dimension"),
    "summary.overall_min": N_("Lowest average of both sides on a dimension"),
    "summary.max_gap": N_("Largest gap supplier − client"),
    "summary.max_abs_gap": N_("Largest gap between the sides, either way"),
    "summary.max_client_sd": N_("Largest spread of client answers on a dimension"),
    "summary.dont_know_ratio": N_("Share of questions answered “don't know”"),
    "summary.client_respondents": N_("Client respondents"),
    "summary.supplier_respondents": N_("Supplier respondents"),
    "delta.summary.client_mean": N_("Change of the client average since the previous assessment"),
    "delta.summary.supplier_mean": N_("Change of the supplier average since the previous assessment"),
    "delta.summary.overall_mean": N_("Change of the average of both sides since the previous assessment"),
    "history.count": N_("Earlier assessments"),
    "history.previous_phase": N_("Phase at the previous assessment"),
    "history.norming_streak": N_("Earlier assessments in a row placed in norming"),
    "history.storming_norming_switches": N_(
        "Switches between storming and norming in recent earlier assessments"
    ),
    "trend.norming_streak": N_("Assessments in a row placed in norming, this one included"),
    "trend.storming_norming_switches": N_(
        "Switches between storming and norming in recent assessments, this one included"
    ),
    "followup.planned": N_("Actions of the previous plan"),
    "followup.reported": N_("Previous-plan actions with a reported status"),
    "followup.closed_ratio": N_("Share of the previous plan's due actions closed"),
    "followup.not_started_ratio": N_("Share of the previous plan's due actions not started"),
    "followup.stale": N_("Actions recommended again and again and still not done"),
    "phase.current": N_("Phase placed"),
    "phase.*": N_("Probability of {phase}"),
    "phase.margin": N_("Lead of the placed phase over the next one"),
    "phase.confidence": N_("Confidence of the placement"),
    "baseline.phase": N_("Phase read by the stage-sum baseline"),
}


@attrs.frozen
class Labels:
    """What a questionnaire calls its dimensions, patterns and actions, by id, in one language.

    Without the questionnaire (one that is no longer at hand), an id stands for itself.
    """

    dimensions: Mapping[str, str] = {}
    patterns: Mapping[str, str] = {}
    actions: Mapping[str, str] = {}

    @classmethod
    def of(cls, questionnaire: Questionnaire | None, lang: str) -> Labels:
        if questionnaire is None:
            return cls()
        return cls(
            dimensions={item.id: label(item.label, lang) for item in questionnaire.dimensions},
            patterns={item.id: label(item.title, lang) for item in questionnaire.patterns},
            actions={item.id: label(item.title, lang) for item in questionnaire.actions},
        )

    def dimension(self, key: str) -> str:
        return self.dimensions.get(key, key)

    def pattern(self, key: str) -> str:
        return self.patterns.get(key, key)

    def action(self, key: str) -> str:
        return self.actions.get(key, key)


def subject(key: str, lang: str, **values: str) -> str | None:
    """What a rule name stands for (``client.*`` → "Client average on {dimension}"), or None."""
    template = _SUBJECTS.get(key)
    return None if template is None else tr(template, lang, **values)


def name(kind: str, value: str | enum.Enum, lang: str) -> str:
    """The display name of an enum value: ``name("severity", Severity.HIGH, "fr")``."""
    key = value.value if isinstance(value, enum.Enum) else value
    found = _NAMES[kind].get(str(key))
    return str(key) if found is None else found.translated(lang)


def phase_description(phase: str | enum.Enum, lang: str) -> str:
    """One sentence saying what a Tuckman phase means for a client–supplier relationship."""
    key = phase.value if isinstance(phase, enum.Enum) else phase
    return _PHASE_DESCRIPTIONS[str(key)].translated(lang)


def label(value: Mapping[str, str] | str | None, lang: str) -> str:
    """A label from a questionnaire or result in *lang* where it has it, else in English.

    A plain string is the same in every language (a unit such as ``%``).
    """
    if not value:
        return ""
    if isinstance(value, str):
        return value
    for choice in (lang, "en", "fr"):
        if value.get(choice):
            return value[choice]
    return next(iter(value.values()))


def colon(lang: str) -> str:
    """The separator after a heading word: ``": "`` in English, ``" : "`` (thin space) in French."""
    return tr(": ", lang)


def number(value: float | None, lang: str, digits: int = 2) -> str:
    """``3.58`` in English, ``3,58`` in French; an en dash when there is no value."""
    if value is None:
        return "–"
    return _decimal(f"{value:.{digits}f}", lang)


def short(value: float, lang: str) -> str:
    """A number with no more digits than it needs: 3, 2.64, 0.5 (``2,64`` in French)."""
    return _decimal(f"{round(value, 2):g}", lang)


def fact_number(value: float, fact: Fact | None, lang: str) -> str:
    """A fact's number with its unit; a share as a percentage."""
    if fact is None:
        return short(value, lang)
    unit = label(fact.unit, lang)
    if fact.percent:
        return percent(value, lang) + (f" {unit}" if unit else "")
    from vendormaturity.model.questionnaire import FactType

    shown = f"{value:.0f}" if fact.type is FactType.INTEGER else short(value, lang)
    return f"{shown} {unit}" if unit else shown


def integer(value: int, lang: str) -> str:
    """``3,019`` in English, ``3 019`` in French (narrow no-break space): digits grouped by three."""
    # Translators: the character that groups digits by three in 3,019.
    return f"{value:,d}".replace(",", ptr("thousands separator", ",", lang))


_decimal = decimal


def signed(value: float | None, lang: str, digits: int = 2) -> str:
    """A gap with its sign: ``+1.83``, ``−0.50`` (a true minus sign), ``0.00``."""
    if value is None:
        return "–"
    if round(value, digits) == 0:
        return number(0.0, lang, digits)
    sign = "+" if value > 0 else "−"
    return sign + number(abs(value), lang, digits)


def percent(value: float | None, lang: str) -> str:
    """``60%`` in English, ``60 %`` in French (thin no-break space)."""
    if value is None:
        return "–"
    return tr("{value}%", lang, value=round(value * 100))
