"""The compiled form of a questionnaire: indices, tables and compiled rules, ready to assess.

:mod:`vendormaturity.engine.compiler` builds it once, when a questionnaire is loaded;
``assess`` only reads it. Every record here is plain and frozen: the hot path reads
attributes of these, not of pydantic models.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from vendormaturity.engine.comments import Vocabulary
from vendormaturity.model.questionnaire import (
    Action,
    Band,
    Fact,
    FactType,
    Horizon,
    Owner,
    Pattern,
    Phase,
    Questionnaire,
    Side,
)
from vendormaturity.rules.expressions import CompiledExpression, Value
from vendormaturity.rules.symbols import DIM_NAMES

__all__ = [
    "Bands",
    "CompiledAction",
    "CompiledFact",
    "CompiledPattern",
    "CompiledQuestion",
    "CompiledQuestionnaire",
    "CompiledRule",
    "SideTables",
]


@attrs.frozen
class Bands:
    """Bands, ready to look values up: min included, max excluded, except the top band's max."""

    limits: tuple[tuple[float, float, str], ...]  # (min, max, id) per band
    top: tuple[float, str] | None  # the highest band's max and id

    @classmethod
    def of(cls, bands: Sequence[Band]) -> Bands:
        highest = max(bands, key=lambda band: band.max, default=None)
        return cls(
            limits=tuple((band.min, band.max, band.id) for band in bands),
            top=None if highest is None else (highest.max, highest.id),
        )

    def find(self, value: float | None) -> str | None:
        """The id of the band holding *value*, or None."""
        if value is None:
            return None
        for low, high, band in self.limits:
            if low <= value < high:
                return band
        return self.top[1] if self.top is not None and value == self.top[0] else None


@attrs.frozen
class CompiledFact:
    """What a fact's value must be, as the response check reads it."""

    type: FactType
    options: tuple[str, ...]  # a choice fact's values
    min: float | None
    max: float | None

    @classmethod
    def of(cls, fact: Fact) -> CompiledFact:
        return cls(
            type=fact.type,
            options=tuple(choice.value for choice in fact.choices or ()),
            min=fact.min,
            max=fact.max,
        )


@attrs.frozen
class CompiledQuestion:
    index: int
    id: str
    dimension: int
    side: Side
    weight: float
    reverse: bool
    low: float
    high: float
    choices: frozenset[float]
    missing_codes: frozenset[str]
    relevant: CompiledExpression | None
    indicates: Phase | None
    # linear map from the item scale onto scoring.range, after reversal
    scale: float
    offset: float
    # the same multiplied by the weight: one multiply-add per answer in the scoring loop
    weighted_scale: float
    weighted_offset: float


@attrs.frozen(eq=False)
class SideTables:
    """What the scoring loop needs to read one side's answers, looked up in bulk.

    The side's questions are grouped by dimension. ``entries[i]`` maps every possible
    answer to question *i* onto one complex number: weight × the rescaled (and, if needed,
    reversed) value as its real part, the weight as its imaginary part. Summing a
    dimension's entries then gives both the weighted sum and the answered weight in one
    pass. A don't-know code and ``None`` (not answered) map to 0; any other answer is
    absent: it does not fit.
    """

    ids: tuple[str, ...]
    known: frozenset[str]
    entries: tuple[Mapping[object, complex], ...]
    slices: tuple[slice, ...]  # per dimension, its questions' positions in ``ids``
    expected: tuple[float, ...]  # per dimension, the weight a respondent of the side is asked


@attrs.frozen
class CompiledRule:
    id: str
    phase: Phase
    weight: float
    when: CompiledExpression
    because: dict[str, str]
    size: float = attrs.field(init=False)  # |weight|: what the rule can weigh, either way

    @size.default
    def _size(self) -> float:
        return abs(self.weight)


@attrs.frozen
class CompiledPattern:
    pattern: Pattern
    when: CompiledExpression
    escalations: tuple[tuple[CompiledExpression, int], ...]  # a condition, the rank it raises to
    dimensions: tuple[int, ...]  # dimension-scoped patterns only
    # raises the pattern as suspected when `when` is not evaluable for lack of a fact
    suspect: CompiledExpression | None = None
    confirm_with: tuple[str, ...] = ()  # the facts (their names in rules) that would settle it
    # the pattern's own fields, read once per finding
    id: str = attrs.field(init=False)
    per_dimension: bool = attrs.field(init=False)
    rank: int = attrs.field(init=False)  # the severity's rank before escalation
    # the ``dim.*`` names the pattern and its escalations read, with their positions in
    # DIM_NAMES: only these are set, dimension by dimension
    dim_symbols: tuple[tuple[str, int], ...] = attrs.field(init=False)
    # the (side, trigger) of each ``comments.<side>.<trigger>`` its conditions read: the
    # comments that reveal these support a finding of the pattern
    comment_reads: tuple[tuple[str, str], ...] = attrs.field(init=False)
    comments_in_when: bool = attrs.field(init=False)  # `when` itself reads comments

    @id.default
    def _id(self) -> str:
        return self.pattern.id

    @per_dimension.default
    def _per_dimension(self) -> bool:
        return self.pattern.scope == "dimension"

    @rank.default
    def _rank(self) -> int:
        return self.pattern.severity.rank

    @dim_symbols.default
    def _dim_symbols(self) -> tuple[tuple[str, int], ...]:
        names = set(self.when.names).union(*(condition.names for condition, _ in self.escalations))
        if self.suspect is not None:
            names |= self.suspect.names
        return tuple(
            (f"dim.{name}", position) for position, name in enumerate(DIM_NAMES) if f"dim.{name}" in names
        )

    @comment_reads.default
    def _comment_reads(self) -> tuple[tuple[str, str], ...]:
        names = set(self.when.names).union(*(condition.names for condition, _ in self.escalations))
        if self.suspect is not None:
            names |= self.suspect.names
        return tuple(sorted(_side_trigger(name) for name in names if name.startswith("comments.")))

    @comments_in_when.default
    def _comments_in_when(self) -> bool:
        return any(name.startswith("comments.") for name in self.when.names)


def _side_trigger(name: str) -> tuple[str, str]:
    _, side, trigger = name.split(".")
    return side, trigger


@attrs.frozen
class CompiledAction:
    """A catalogue action as the plan reads it: plain fields, the horizon's rank at hand."""

    id: str
    title: Mapping[str, str]
    description: Mapping[str, str]
    owner: Owner
    horizon: Horizon
    horizon_rank: int
    success_indicator: Mapping[str, str]
    dimensions: tuple[str, ...]
    phases: tuple[Phase, ...]

    @classmethod
    def of(cls, action: Action) -> CompiledAction:
        return cls(
            id=action.id,
            title=action.title,
            description=action.description,
            owner=action.owner,
            horizon=action.horizon,
            horizon_rank=action.horizon.rank,
            success_indicator=action.success_indicator,
            dimensions=tuple(action.dimensions),
            phases=tuple(action.phases),
        )


@attrs.frozen(eq=False)
class CompiledQuestionnaire:
    questionnaire: Questionnaire
    questions: tuple[CompiledQuestion, ...]
    question_index: Mapping[str, int]
    dimensions: tuple[str, ...]
    dimension_labels: tuple[Mapping[str, str], ...]
    facts: Mapping[str, CompiledFact]
    standing: tuple[str, ...]  # the facts a round takes from the last round that gave them
    # (fact id, how it follows from other facts and the date), in the questionnaire's order
    derivations: tuple[tuple[str, CompiledExpression], ...]
    phase_rules: tuple[CompiledRule, ...]
    patterns: tuple[CompiledPattern, ...]
    actions: Mapping[str, CompiledAction]
    # catalogue indices for the plan, each in (horizon, id) order: per (dimension, phase),
    # the actions that improve the dimension and fit the phase (or any phase); per phase,
    # the actions meant for it
    actions_for_dimension: Mapping[tuple[str, Phase], tuple[CompiledAction, ...]]
    actions_for_phase: Mapping[Phase, tuple[CompiledAction, ...]]
    # (the latter by dimension)
    actions_for_phase_dimension: Mapping[tuple[Phase, str], tuple[CompiledAction, ...]]
    # the stage-sum baseline: the ids of the questions that feed it, grouped by the stage
    # they indicate; per question a map from each answer to its raw rating + 1j (a rating
    # and a count, summed in one pass), where a don't-know code and None (not answered)
    # map to 0; and per stage, its questions' positions
    baseline_ids: tuple[str, ...]
    baseline_ratings: tuple[Mapping[object, complex], ...]
    baseline_stages: tuple[tuple[Phase, slice], ...]
    low: float
    high: float
    min_coverage: float
    bands: Bands  # the scoring bands
    baseline_bands: Bands

    # every name a rule may use, mapped to None: the start of each assessment's environment
    environment: Mapping[str, Value]
    fact_symbols: Mapping[str, str]  # fact id -> its name in rules
    summary_symbols: Mapping[str, str]  # summary name -> its name in rules
    # the per-dimension names the rules read (no others are set): for a score,
    # (position in SCORE_PREFIXES, dimension index, name); for a change since the
    # previous assessment, (0 client / 1 supplier / 2 overall, dimension index, name)
    score_reads: tuple[tuple[int, int, str], ...]
    delta_reads: tuple[tuple[int, int, str], ...]
    dim_reads_delta: bool  # a dimension-scoped pattern reads dim.delta_client
    delta_dimensions: frozenset[str]  # the dimensions whose earlier means a change needs
    # the comment reader, and the ``comments.*`` names the rules read, as (name, side, trigger)
    vocabulary: Vocabulary
    comment_reads: tuple[tuple[str, str, str], ...]
    # the scoring loop's tables, per side
    sides: Mapping[Side, SideTables]
    # questions asked only when their relevance condition holds, and the answers those read
    conditional: tuple[CompiledQuestion, ...]
    conditional_ids: frozenset[str]
    relevance_inputs: tuple[str, ...]
    # which conditional questions a respondent was not asked, per side and relevance inputs
    # (a pure function of them, so remembered; bounded, see scoring._not_asked)
    not_asked_cache: dict[tuple[object, ...], tuple[CompiledQuestion, ...]] = attrs.field(
        factory=dict, repr=False
    )
