"""The result of an assessment: pydantic models, serialisable to JSON (with a JSON Schema).

Top-level keys ``phase``, ``phase_scores``, ``confidence``, ``dimensions``, ``findings``
and ``plan`` are a contract other programs rely on.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict

from vendormaturity.model.questionnaire import Horizon, Owner, Phase, Severity
from vendormaturity.model.responses import ActionStatus, FactOrigin, FactProvenance

__all__ = [
    "AssessmentResult",
    "BaselineResult",
    "Comment",
    "DataUsage",
    "DimensionScore",
    "Evidence",
    "Finding",
    "FollowUpItem",
    "HistoryPoint",
    "Notice",
    "Plan",
    "PlannedAction",
    "Quote",
    "RuleEvidence",
    "SideScore",
    "Unevaluable",
]

Label = dict[str, str]
M = TypeVar("M", bound=BaseModel)


def construct(cls: type[M], /, **fields: Any) -> M:
    """Build a result model from complete, already typed values, skipping validation.

    The engine produces these values itself; validating them again would double the cost
    of an assessment. Every field must be given (defaults are not filled in). The tests
    check that every result survives ``model_validate_json(result.model_dump_json())``.
    """
    instance = _new(cls)
    _set_dict(instance, fields)
    _set_fields_set(instance, set(fields))
    _set_extra(instance, None)
    _set_private(instance, None)
    return instance


def construct_all(cls: type[M], rows: Iterable[dict[str, Any]]) -> list[M]:
    """:func:`construct` for many models of one class, one call for them all."""
    new, set_dict, set_fields_set, set_extra, set_private = (
        _new,
        _set_dict,
        _set_fields_set,
        _set_extra,
        _set_private,
    )
    models = []
    names: set[str] | None = None
    for fields in rows:
        if names is None:
            names = set(fields)  # every row has every field: copying a set beats building one
        instance = new(cls)
        set_dict(instance, fields)
        set_fields_set(instance, names.copy())
        set_extra(instance, None)
        set_private(instance, None)
        models.append(instance)
    return models


# BaseModel keeps its state in four slots; their descriptors set them directly, without
# the lookup ``object.__setattr__`` makes on every call.
_new = object.__new__
_set_dict = BaseModel.__dict__["__dict__"].__set__
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ScoreStatus(enum.StrEnum):
    OK = "ok"
    INSUFFICIENT_DATA = "insufficient_data"
    NO_RESPONDENTS = "no_respondents"


class SideScore(_Model):
    """A dimension's score on one side (or overall)."""

    mean: float | None  # on the questionnaire's scoring range (1–5 by default); None: insufficient data
    score: float | None  # the same, normalised 0–100
    coverage: float  # share of the expected weight that was answered, 0–1
    respondents: int  # respondents who answered at least one item of the dimension
    sd: float | None = None  # standard deviation of respondent means (2+ respondents)
    rwg: float | None = None  # within-group agreement, 0–1 (2+ respondents)
    status: ScoreStatus


class DimensionScore(_Model):
    dimension: str
    label: Label
    client: SideScore
    supplier: SideScore
    overall: SideScore
    gap: float | None  # supplier mean − client mean
    band: str | None  # maturity band of the overall score


class Evidence(_Model):
    """One comparison a rule made, with the value it saw and the threshold."""

    condition: str
    value: float | bool | str | None
    threshold: float | bool | str | None
    holds: bool | None  # None: not evaluable (missing data)
    dimension: str | None = None


class RuleEvidence(_Model):
    """A phase rule that fired, and how much it weighed."""

    rule: str
    phase: Phase
    weight: float
    value: float  # 0–1
    contribution: float  # weight × value
    because: Label
    evidence: list[Evidence]


class Unevaluable(_Model):
    """A rule or pattern that could not be evaluated for lack of data."""

    kind: Literal["phase_rule", "pattern"]
    id: str
    missing: list[str]  # the names whose values were missing


class BaselineResult(_Model):
    """Donald Clark-style stage-sum baseline, for comparison with the engine's placement."""

    phase: Phase | None
    verdict: Literal["clear", "transition", "unclear", "no_data"]
    stage_means: dict[Phase, float | None]
    stage_bands: dict[Phase, str | None]
    respondents: int


class Comment(_Model):
    """A comment of the response set, and the conflict triggers it reveals."""

    respondent: str | None  # the respondent's id; None: the response set's own comment
    side: Literal["client", "supplier"] | None  # None: the response set's own comment
    question: str | None  # the question it was written beside; None: a general comment
    text: str
    triggers: list[str]  # ids of the questionnaire's triggers, in its order
    quotes: dict[str, str] = {}  # per trigger, the sentence (or sentences) it was read in


class Quote(_Model):
    """A comment that supports a finding: its position in the result's ``comments``, and the
    triggers read in it that the pattern's rules count."""

    comment: int
    triggers: list[str]


class Finding(_Model):
    pattern: str
    severity: Severity
    title: Label
    description: Label
    evidence: list[Evidence]
    dimensions: list[str] = []
    actions: list[str] = []
    # "suspected": the pattern's condition needs a fact that is unknown, and the
    # perceptions alone give strong evidence (the pattern's ``suspect_when``)
    status: Literal["confirmed", "suspected"] = "confirmed"
    confirm_with: list[str] = []  # suspected only: the unknown facts that would confirm it or not
    # the comparisons of the escalation that raised the severity above the pattern's own
    # (empty when it was not raised)
    raised_because: list[Evidence] = []
    # the comments whose triggers the pattern's rules count (comments.<side>.<trigger>)
    quotes: list[Quote] = []


class PlannedAction(_Model):
    id: str
    title: Label
    description: Label
    owner: Owner
    horizon: Horizon
    priority: int  # 1 (do first) to 3
    addresses: list[str]  # "pattern:<id>", "dimension:<id>" or "phase:<phase>"
    success_indicator: Label
    carried_over: bool = False  # recommended before and not done yet
    dropped_before: bool = False  # a follow-up reported it dropped, in this or an earlier assessment


class FollowUpItem(_Model):
    action: str
    title: Label
    status: ActionStatus | Literal["unreported"]
    note: str | None = None
    # counted in the closed ratio: reported, not dropped, and not an action still in progress
    # whose horizon is beyond the short term (None in results saved before it was recorded)
    due: bool | None = None


class Plan(_Model):
    actions: list[PlannedAction]
    followup: list[FollowUpItem] = []
    closed_ratio: float | None = None  # done ÷ (reported − dropped) of the previous plan
    target_phase: Phase


class HistoryPoint(_Model):
    date: datetime.date
    phase: Phase
    phase_scores: dict[Phase, float]
    client_mean: float | None
    supplier_mean: float | None


class Notice(_Model):
    """Something in the response set the reader should know of: kept as given, but not used."""

    kind: str  # "no_answers" (a respondent who answered nothing) or "irrelevant_answer" (answered, not asked)
    path: str  # where, as a data path of the response set: respondents[id=c2]
    message: str


class DataUsage(_Model):
    """How much of a full assessment's data the verdict rests on, and what was missing."""

    data_share: float  # 0–1: answered coverage per side and dimension, with two or more people a side
    rule_share: float  # 0–1: the share of phase-rule weight that could be evaluated
    facts_given: list[str]  # the questionnaire's facts the response set gives
    facts_missing: list[str]  # those it does not
    sufficient: bool  # False: too little data for a verdict (see reasons)
    reasons: list[Literal["no_answers", "low_data_share"]] = []


class AssessmentResult(_Model):
    """Everything an assessment says, with the evidence behind it."""

    schema_version: Literal[1] = 1
    questionnaire: str
    questionnaire_version: str
    relationship: str
    client: str
    supplier: str
    date: datetime.date
    respondents: dict[str, int]
    phase: Phase
    phase_scores: dict[Phase, float]
    confidence: float
    confidence_label: Literal["low", "medium", "high"]
    phase_evidence: list[RuleEvidence]
    baseline: BaselineResult
    dimensions: list[DimensionScore]
    summary: dict[str, float | None]
    findings: list[Finding]
    not_evaluable: list[Unevaluable]
    plan: Plan
    history: list[HistoryPoint] = []
    notices: list[Notice] = []
    data: DataUsage | None = None  # None in results saved before it was recorded
    provenance: dict[str, FactProvenance] = {}  # facts computed from operational exports, as given
    origins: dict[str, FactOrigin] = {}  # facts carried from an earlier round or derived
    # every comment of the response set with the triggers it reveals (the response set's own
    # comment first, then by respondent id each one's general comment and those beside
    # questions, in the questionnaire's order)
    comments: list[Comment] = []
    # per trigger of the questionnaire, how many respondents of each side revealed it in a
    # comment ("all": both sides, and the response set's own comment)
    comment_triggers: dict[str, dict[Literal["client", "supplier", "all"], int]] = {}
