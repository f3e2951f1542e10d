"""The names a rule may use, by context: the single definition of the rule vocabulary.

Documented in ``docs/questionnaire-format.md``. A phase rule sees facts, scores, summary,
history, follow-up and the triggers read in comments; a pattern also sees the placed phase,
the trend and the baseline; a dimension-scoped pattern also sees ``dim.*``, the values of
the dimension at hand. A fact's ``derive`` sees the other facts and ``date``, the day of the
assessment.
"""

from __future__ import annotations

from typing import Literal

from vendormaturity.model.questionnaire import Fact, FactType, Phase, Questionnaire
from vendormaturity.rules.expressions import SymbolType

__all__ = [
    "COMMENT_SIDES",
    "DELTA_SUMMARY",
    "DIM_NAMES",
    "FOLLOWUP_NAMES",
    "HISTORY_NUMBERS",
    "SCORE_PREFIXES",
    "SUMMARY_NAMES",
    "Context",
    "derive_table",
    "fact_type",
    "symbol_table",
]

Context = Literal["phase", "pattern", "dimension"]

SCORE_PREFIXES = (
    "client",
    "supplier",
    "overall",
    "gap",
    "client_sd",
    "supplier_sd",
    "client_rwg",
    "supplier_rwg",
    "coverage",
)
SUMMARY_NAMES = (
    "client_mean",
    "supplier_mean",
    "overall_mean",
    "client_min",
    "supplier_min",
    "overall_min",
    "max_gap",
    "max_abs_gap",
    "max_client_sd",
    "dont_know_ratio",
    "client_respondents",
    "supplier_respondents",
)
DELTA_SUMMARY = ("client_mean", "supplier_mean", "overall_mean")
HISTORY_NUMBERS = ("count", "norming_streak", "storming_norming_switches")
FOLLOWUP_NAMES = ("planned", "reported", "closed_ratio", "not_started_ratio", "stale")
DIM_NAMES = (
    "client",
    "supplier",
    "overall",
    "gap",
    "client_sd",
    "supplier_sd",
    "client_rwg",
    "supplier_rwg",
    "coverage",
    "delta_client",
    "client_respondents",
    "supplier_respondents",
)
# comments.<side>.<trigger>: how many respondents of the side (all: of both sides, and the
# response set's own comment) wrote a comment revealing the trigger
COMMENT_SIDES = ("client", "supplier", "all")
PHASE_TYPE = SymbolType.string([phase.value for phase in Phase])


def symbol_table(q: Questionnaire, context: Context) -> dict[str, SymbolType]:
    """The names a rule may use in *context*: ``phase``, ``pattern`` or ``dimension``."""
    number = SymbolType.number()
    symbols: dict[str, SymbolType] = {f"facts.{fact.id}": fact_type(fact) for fact in q.facts}
    for dimension in q.dimensions:
        for prefix in SCORE_PREFIXES:
            symbols[f"{prefix}.{dimension.id}"] = number
        for side in ("client", "supplier", "overall"):
            symbols[f"delta.{side}.{dimension.id}"] = number
    symbols.update({f"summary.{name}": number for name in SUMMARY_NAMES})
    symbols.update({f"delta.summary.{name}": number for name in DELTA_SUMMARY})
    symbols.update({f"history.{name}": number for name in HISTORY_NUMBERS})
    symbols["history.previous_phase"] = PHASE_TYPE
    symbols.update({f"followup.{name}": number for name in FOLLOWUP_NAMES})
    symbols.update(
        {f"comments.{side}.{trigger.id}": number for trigger in q.triggers for side in COMMENT_SIDES}
    )
    if context in ("pattern", "dimension"):
        symbols["phase.current"] = PHASE_TYPE
        symbols.update({f"phase.{phase.value}": number for phase in Phase})
        symbols["phase.margin"] = number
        symbols["phase.confidence"] = number
        symbols["trend.norming_streak"] = number
        symbols["trend.storming_norming_switches"] = number
        symbols["baseline.phase"] = PHASE_TYPE
    if context == "dimension":
        symbols.update({f"dim.{name}": number for name in DIM_NAMES})
    return symbols


def derive_table(q: Questionnaire) -> dict[str, SymbolType]:
    """The names a fact's ``derive`` may use: the facts that are not derived, and ``date``."""
    symbols = {f"facts.{fact.id}": fact_type(fact) for fact in q.facts if fact.derive is None}
    symbols["date"] = SymbolType.date()
    return symbols


def fact_type(fact: Fact) -> SymbolType:
    """The type a fact has in rules: a number, true/false, a date, or one of its choices."""
    if fact.type is FactType.BOOLEAN:
        return SymbolType.boolean()
    if fact.type is FactType.DATE:
        return SymbolType.date()
    if fact.type is FactType.CHOICE:
        return SymbolType.string([choice.value for choice in fact.choices or ()])
    return SymbolType.number()
