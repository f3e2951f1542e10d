"""The questionnaire format as pydantic models: what a questionnaire file may say.

The format is documented in ``docs/questionnaire-format.md``. These models check the
shape of one value at a time; :mod:`vendormaturity.model.references` checks what ties
values together, and :mod:`vendormaturity.sources.questionnaires` loads files.
"""

from __future__ import annotations

import enum
import functools
from typing import Annotated, Literal

import tomli_w
from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "Action",
    "Band",
    "CommentReading",
    "Dimension",
    "Fact",
    "FactType",
    "Horizon",
    "Owner",
    "Pattern",
    "Phase",
    "PhaseRule",
    "Question",
    "Questionnaire",
    "Scale",
    "Severity",
    "Side",
    "Stage",
    "Trigger",
    "dump_questionnaire",
]


class Phase(enum.StrEnum):
    """A Tuckman phase of the relationship."""

    FORMING = "forming"
    STORMING = "storming"
    NORMING = "norming"
    PERFORMING = "performing"
    ADJOURNING = "adjourning"


class Side(enum.StrEnum):
    """Who answers a question."""

    CLIENT = "client"
    SUPPLIER = "supplier"
    BOTH = "both"


class Stage(enum.StrEnum):
    """The lifecycle stage a question is about."""

    PRE_DEAL = "pre_deal"
    OPERATIONAL = "operational"
    POST_DEAL = "post_deal"


class FactType(enum.StrEnum):
    NUMBER = "number"
    INTEGER = "integer"
    BOOLEAN = "boolean"
    CHOICE = "choice"
    DATE = "date"  # a calendar day, written 2026-09-15


class Severity(enum.StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


class Owner(enum.StrEnum):
    CLIENT = "client"
    SUPPLIER = "supplier"
    JOINT = "joint"


class Horizon(enum.StrEnum):
    SHORT = "short"  # within 3 months
    MEDIUM = "medium"  # 3 to 12 months
    RENEWAL = "renewal"  # at renewal or exit

    @property
    def rank(self) -> int:
        return _HORIZON_RANK[self]


_SEVERITY_RANK = {severity: rank for rank, severity in enumerate(Severity)}
_HORIZON_RANK = {horizon: rank for rank, horizon in enumerate(Horizon)}

Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
Label = dict[str, Annotated[str, Field(min_length=1, max_length=2000)]]
Finite = Annotated[float, Field(allow_inf_nan=False)]
Expression = Annotated[str, Field(min_length=1)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


class Band(_Model):
    id: Id
    label: Label
    min: Finite
    max: Finite


class Scoring(_Model):
    range: tuple[Finite, Finite] = (1.0, 5.0)
    min_coverage: Annotated[float, Field(gt=0, le=1)] = 0.5
    # below this share of a full assessment's data, the verdict is marked insufficient
    min_data_share: Annotated[float, Field(ge=0, le=1)] = 0.2
    bands: list[Band] = []


class Choice(_Model):
    value: Finite
    label: Label


class MissingCode(_Model):
    code: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=16)]
    label: Label


class Scale(_Model):
    id: Id
    label: Label
    choices: Annotated[list[Choice], Field(min_length=2)]
    missing: list[MissingCode] = []

    @functools.cached_property
    def low(self) -> float:
        return min(choice.value for choice in self.choices)

    @functools.cached_property
    def high(self) -> float:
        return max(choice.value for choice in self.choices)


class Dimension(_Model):
    id: Id
    label: Label
    description: Label | None = None


class Question(_Model):
    id: Id
    dimension: Id
    scale: Id
    side: Side
    stage: Stage
    text: Label
    reverse: bool = False
    weight: Annotated[float, Field(gt=0, le=1000, allow_inf_nan=False)] = 1.0
    help: Label | None = None
    relevant: Expression | None = None
    # the stage-sum baseline knows the four Tuckman (1965) stages, not adjourning
    indicates: Literal[Phase.FORMING, Phase.STORMING, Phase.NORMING, Phase.PERFORMING] | None = None


class FactChoice(_Model):
    value: Id
    label: Label


class Fact(_Model):
    id: Id
    type: FactType
    label: Label
    # As people read it, in each language ({fr = "mois", en = "months"}); a plain string
    # reads the same in every language.
    unit: Label | Annotated[str, Field(max_length=200)] | None = None
    percent: bool = False  # a share between 0 and 1, shown as a percentage (96%)
    min: Finite | None = None
    max: Finite | None = None
    choices: list[FactChoice] | None = None
    # Standing facts hold from round to round (the segment, the contract's dates): a round
    # that does not give one takes the value of the last round that did.
    standing: bool = False
    # How the value follows from other facts and the assessment date when a round does not
    # give it: an expression of the rule language, e.g. months_between(facts.contract_start, date).
    derive: Expression | None = None

    @model_validator(mode="before")
    @classmethod
    def _ratio_unit(cls, data: object) -> object:
        """``unit = "ratio"`` (or ``"ratio per year"``), as files written before ``percent`` say it."""
        if isinstance(data, dict) and isinstance(data.get("unit"), str) and "percent" not in data:
            written = data["unit"]
            if written == "ratio" or written.startswith("ratio "):
                rest = written.removeprefix("ratio").strip()
                return {
                    **{k: v for k, v in data.items() if k != "unit"},
                    "percent": True,
                    **({"unit": rest} if rest else {}),
                }
        return data


class PhaseSettings(_Model):
    temperature: Annotated[float, Field(gt=0, le=100, allow_inf_nan=False)] = 1.0
    # starting score of each phase before any rule: a rare phase (adjourning) starts lower
    prior: dict[Phase, Annotated[float, Field(ge=-100, le=100, allow_inf_nan=False)]] = {}
    # how many recent placements the oscillation counters look at
    trend_window: Annotated[int, Field(ge=2, le=50)] = 4


class PhaseRule(_Model):
    id: Id
    phase: Phase
    weight: Annotated[float, Field(ge=-100, le=100, allow_inf_nan=False)]
    when: Expression
    because: Label


class Baseline(_Model):
    close: Annotated[float, Field(ge=0, allow_inf_nan=False)] = 0.25
    bands: list[Band] = []


class Escalation(_Model):
    when: Expression
    severity: Severity


class Pattern(_Model):
    id: Id
    title: Label
    description: Label
    severity: Severity
    when: Expression
    scope: Literal["relationship", "dimension"] = "relationship"
    dimensions: list[Id] | None = None
    actions: list[Id] = []
    escalate: list[Escalation] = []
    # When `when` cannot be evaluated because a fact is unknown, and this holds, the
    # pattern is found as *suspected*; `confirm_with` names the facts that would settle it.
    suspect_when: Expression | None = None
    confirm_with: list[Id] = []


Cue = Annotated[str, Field(min_length=1, max_length=300)]
Cues = dict[str, list[Cue]]  # by language: the cues written in it (every language is read in every comment)


class CommentReading(_Model):
    """How comments are read, in every language at once (docs/comments.md)."""

    # a cue preceded by one of these, with at most `window` words between them in its
    # clause, or with one of these in a gap it allows, is denied ("pas de souci de périmètre")
    negations: Cues = {}
    window: Annotated[int, Field(ge=0, le=8)] = 3
    # these deny a cue they directly follow ("escalations: none")
    negations_after: Cues = {}
    # these look like a negation and are not ("de plus en plus", "not only")
    not_negations: Cues = {}
    # words that open a new clause, as a comma does: a negation does not reach past them
    breaks: Cues = {}
    # a word read as the words it stands for ("copil" = "comité de pilotage"), in any language
    abbreviations: dict[
        Annotated[str, Field(pattern=r"^[a-z0-9]+(?:\+[0-9]+)?$", max_length=32)],
        Annotated[str, Field(min_length=1, max_length=200)],
    ] = {}


class Trigger(_Model):
    """A conflict trigger a comment may reveal, and the cues that reveal it."""

    id: Id
    label: Label
    description: Label
    cues: Cues
    # a cue of the trigger is not read in a clause where one of these is found (the word in
    # another sense: revenue "turnover", a ticket "escalated" to level 3)
    exclude: Cues = {}


class Action(_Model):
    id: Id
    title: Label
    description: Label
    owner: Owner
    horizon: Horizon
    success_indicator: Label
    dimensions: list[Id] = []
    phases: list[Phase] = []


_NEXT_PHASE = {
    Phase.FORMING: Phase.NORMING,  # through storming, as fast as possible
    Phase.STORMING: Phase.NORMING,
    Phase.NORMING: Phase.PERFORMING,
    Phase.PERFORMING: Phase.PERFORMING,  # hold it
    Phase.ADJOURNING: Phase.ADJOURNING,  # an orderly exit or renewal
}


class PlanSettings(_Model):
    max_actions: Annotated[int, Field(ge=1, le=100)] = 10
    weak_threshold: Finite = 3.0
    # the catalogue action proposed to establish the facts behind suspected findings
    confirm_action: Id | None = None
    targets: dict[Phase, Phase] = Field(default_factory=lambda: dict(_NEXT_PHASE))


class Questionnaire(_Model):
    """A questionnaire as written in its file. Load it with :func:`load_questionnaire`."""

    # (the loader also checks every reference and rule; a model built directly is checked
    # for its shape only)

    schema_version: Literal[1]
    id: Id
    version: Annotated[str, Field(pattern=r"^\d+\.\d+\.\d+$")]
    languages: Annotated[list[Annotated[str, Field(pattern=r"^[a-z]{2,3}$")]], Field(min_length=1)]
    title: Label
    description: Label | None = None
    scoring: Scoring = Scoring()
    scales: Annotated[list[Scale], Field(min_length=1)]
    dimensions: Annotated[list[Dimension], Field(min_length=1)]
    questions: Annotated[list[Question], Field(min_length=1)]
    facts: list[Fact] = []
    phases: PhaseSettings = PhaseSettings()
    phase_rules: list[PhaseRule] = []
    baseline: Baseline | None = None
    patterns: list[Pattern] = []
    actions: list[Action] = []
    plan: PlanSettings = PlanSettings()
    comments: CommentReading = CommentReading()
    triggers: list[Trigger] = []

    def label(self, text: dict[str, str] | str | None, lang: str) -> str:
        """*text* in *lang*, falling back on the questionnaire's first language (a plain string
        reads the same in every language)."""
        if not text:
            return ""
        if isinstance(text, str):
            return text
        return text.get(lang) or text[self.languages[0]]


def dump_questionnaire(questionnaire: Questionnaire) -> str:
    """The questionnaire as TOML text; loading it back gives an equal model."""
    return tomli_w.dumps(questionnaire.model_dump(mode="json", exclude_none=True))
