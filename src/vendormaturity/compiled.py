"""The compiled form of a questionnaire: indices, symbol tables and compiled rules.

Compiling happens once, when a questionnaire is loaded; ``assess`` only reads the
result. The symbol tables here are the single definition of the names a rule may use
(documented in ``docs/questionnaire-format.md``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import attrs

from vendormaturity._source import Loc
from vendormaturity.errors import ExpressionError
from vendormaturity.expressions import CompiledExpression, Kind, SymbolType, Value, compile_expression
from vendormaturity.questionnaire import (
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

__all__ = ["CompiledQuestionnaire", "compile_questionnaire", "symbol_table"]

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
PHASE_TYPE = SymbolType.string([phase.value for phase in Phase])


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
    # the pattern's own fields, read once per finding
    id: str = attrs.field(init=False)
    per_dimension: bool = attrs.field(init=False)
    rank: int = attrs.field(init=False)  # the severity's rank before escalation
    # the ``dim.*`` names the pattern and its escalations read, with their positions in
    # DIM_NAMES: only these are set, dimension by dimension
    dim_symbols: tuple[tuple[str, int], ...] = attrs.field(init=False)

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
        return tuple(
            (f"dim.{name}", position) for position, name in enumerate(DIM_NAMES) if f"dim.{name}" in names
        )


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
    # the scoring loop's tables, per side
    sides: Mapping[Side, SideTables]
    # questions asked only when their relevance condition holds, and the answers those read
    conditional: tuple[CompiledQuestion, ...]
    relevance_inputs: tuple[str, ...]
    # which conditional questions a respondent was not asked, per side and relevance inputs
    # (a pure function of them, so remembered; bounded, see scoring._not_asked)
    not_asked_cache: dict[tuple[object, ...], tuple[CompiledQuestion, ...]] = attrs.field(
        factory=dict, repr=False
    )


def symbol_table(q: Questionnaire, context: str) -> dict[str, SymbolType]:
    """The names a rule may use in *context*: ``phase``, ``pattern`` or ``dimension``."""
    number = SymbolType.number()
    symbols: dict[str, SymbolType] = {f"facts.{fact.id}": _fact_type(fact) for fact in q.facts}
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


def _fact_type(fact: Fact) -> SymbolType:
    if fact.type is FactType.BOOLEAN:
        return SymbolType.boolean()
    if fact.type is FactType.CHOICE:
        return SymbolType.string([choice.value for choice in fact.choices or ()])
    return SymbolType.number()


def compile_questionnaire(q: Questionnaire) -> tuple[CompiledQuestionnaire, list[tuple[Loc, str]]]:
    """Compile every expression; return the compiled form and the problems found."""
    problems: list[tuple[Loc, str]] = []

    def compile_at(
        loc: Loc, source: str, symbols: Mapping[str, SymbolType], expect: Sequence[Kind] = (Kind.BOOLEAN,)
    ) -> CompiledExpression | None:
        try:
            return compile_expression(source, symbols, expect=expect)
        except ExpressionError as error:
            problems.extend((loc, f"{message} in `{_short(source)}`") for message in error.messages)
            return None

    scales = {scale.id: scale for scale in q.scales}
    dimension_index = {dimension.id: index for index, dimension in enumerate(q.dimensions)}
    low, high = q.scoring.range
    fact_symbols = {f"facts.{fact.id}": _fact_type(fact) for fact in q.facts}
    all_answers = {f"answers.{question.id}": SymbolType.number() for question in q.questions}
    questions = []
    for index, question in enumerate(q.questions):
        scale = scales.get(question.scale)
        relevant = None
        if question.relevant is not None:
            loc: Loc = ("questions", index, "relevant")
            earlier = {f"answers.{other.id}": SymbolType.number() for other in q.questions[:index]}
            later = _later_reference(question.relevant, all_answers, earlier, fact_symbols)
            if later is not None:
                what = "itself" if later == question.id else f"question '{later}', which comes later"
                problems.append(
                    (loc, f"refers to {what}; a relevance condition may only use earlier answers")
                )
            else:
                relevant = compile_at(loc, question.relevant, {**earlier, **fact_symbols})
        if scale is None or question.dimension not in dimension_index:
            continue  # reported by check_references; keep compiling to report the rest
        factor = (high - low) / (scale.high - scale.low)
        slope = -factor if question.reverse else factor
        offset = low + factor * scale.high if question.reverse else low - factor * scale.low
        questions.append(
            CompiledQuestion(
                index=index,
                id=question.id,
                dimension=dimension_index[question.dimension],
                side=question.side,
                weight=question.weight,
                reverse=question.reverse,
                low=scale.low,
                high=scale.high,
                choices=frozenset(choice.value for choice in scale.choices),
                missing_codes=frozenset(code.code for code in scale.missing),
                relevant=relevant,
                indicates=question.indicates,
                scale=slope,
                offset=offset,
                weighted_scale=slope * question.weight,
                weighted_offset=offset * question.weight,
            )
        )

    phase_symbols = symbol_table(q, "phase")
    rules = []
    for index, rule in enumerate(q.phase_rules):
        compiled = compile_at(
            ("phase_rules", index, "when"), rule.when, phase_symbols, (Kind.BOOLEAN, Kind.NUMBER)
        )
        if compiled is not None:
            rules.append(
                CompiledRule(
                    id=rule.id,
                    phase=rule.phase,
                    weight=rule.weight,
                    when=compiled,
                    because=dict(rule.because),
                )
            )

    pattern_symbols = symbol_table(q, "pattern")
    dimension_symbols = symbol_table(q, "dimension")
    patterns = []
    for index, pattern in enumerate(q.patterns):
        symbols = dimension_symbols if pattern.scope == "dimension" else pattern_symbols
        when = compile_at(("patterns", index, "when"), pattern.when, symbols)
        escalations = []
        for position, escalation in enumerate(pattern.escalate):
            compiled = compile_at(("patterns", index, "escalate", position, "when"), escalation.when, symbols)
            if compiled is not None:
                escalations.append((compiled, escalation.severity.rank))
        if (
            pattern.scope == "dimension"
            and when is not None
            and not any(n.startswith("dim.") for n in when.names)
        ):
            problems.append(
                (("patterns", index, "when"), "a dimension-scoped pattern must use `dim.*` names")
            )
        chosen = pattern.dimensions if pattern.dimensions is not None else list(dimension_index)
        if when is not None:
            patterns.append(
                CompiledPattern(
                    pattern=pattern,
                    when=when,
                    escalations=tuple(escalations),
                    dimensions=tuple(dimension_index[d] for d in chosen if d in dimension_index),
                )
            )
    conditional = tuple(question for question in questions if question.relevant is not None)
    reads = {name for rule in rules for name in rule.when.names}.union(
        *(pattern.when.names for pattern in patterns),
        *(condition.names for pattern in patterns for condition, _ in pattern.escalations),
    )
    tagged: list[CompiledQuestion] = []
    stages: list[tuple[Phase, int, int]] = []
    for phase in Phase:
        indicating = [question for question in questions if question.indicates is phase]
        stages.append((phase, len(tagged), len(indicating)))
        tagged.extend(indicating)
    catalogue = {action.id: CompiledAction.of(action) for action in q.actions}
    labels = {dimension.id: dimension.label for dimension in q.dimensions}
    by_horizon = sorted(catalogue.values(), key=lambda action: (action.horizon_rank, action.id))
    compiled_questionnaire = CompiledQuestionnaire(
        questionnaire=q,
        questions=tuple(questions),
        question_index={question.id: index for index, question in enumerate(q.questions)},
        dimensions=tuple(dimension_index),
        dimension_labels=tuple(labels[dimension] for dimension in dimension_index),
        facts={fact.id: CompiledFact.of(fact) for fact in q.facts},
        phase_rules=tuple(rules),
        patterns=tuple(patterns),
        actions=catalogue,
        actions_for_dimension={
            (dimension, phase): tuple(
                a for a in by_horizon if dimension in a.dimensions and (not a.phases or phase in a.phases)
            )
            for dimension in dimension_index
            for phase in Phase
        },
        actions_for_phase={phase: tuple(a for a in by_horizon if phase in a.phases) for phase in Phase},
        actions_for_phase_dimension={
            (phase, dimension): tuple(
                a for a in by_horizon if phase in a.phases and dimension in a.dimensions
            )
            for phase in Phase
            for dimension in dimension_index
        },
        baseline_ids=tuple(question.id for question in tagged),
        baseline_ratings=tuple(
            {
                **{value: complex(value, 1.0) for value in question.choices},
                **dict.fromkeys([None, *sorted(question.missing_codes)], 0j),
            }
            for question in tagged
        ),
        baseline_stages=tuple(
            (phase, slice(first, first + size))
            for phase, first, size in stages
            if size  # a stage no question indicates has no baseline mean
        ),
        low=low,
        high=high,
        min_coverage=q.scoring.min_coverage,
        bands=Bands.of(q.scoring.bands),
        baseline_bands=Bands.of(q.baseline.bands if q.baseline else []),
        conditional=conditional,
        environment=dict.fromkeys(symbol_table(q, "dimension")),
        fact_symbols={fact.id: f"facts.{fact.id}" for fact in q.facts},
        summary_symbols={name: f"summary.{name}" for name in SUMMARY_NAMES},
        score_reads=tuple(
            (position, index, f"{prefix}.{dimension}")
            for position, prefix in enumerate(SCORE_PREFIXES)
            for index, dimension in enumerate(dimension_index)
            if f"{prefix}.{dimension}" in reads
        ),
        delta_reads=tuple(
            (position, index, f"delta.{side}.{dimension}")
            for position, side in enumerate(("client", "supplier", "overall"))
            for index, dimension in enumerate(dimension_index)
            if f"delta.{side}.{dimension}" in reads
        ),
        dim_reads_delta="dim.delta_client" in reads,
        delta_dimensions=frozenset(
            dimension
            for dimension in dimension_index
            if "dim.delta_client" in reads
            or any(f"delta.{side}.{dimension}" in reads for side in ("client", "supplier", "overall"))
        ),
        sides={
            side: _side_tables(questions, side, len(dimension_index)) for side in (Side.CLIENT, Side.SUPPLIER)
        },
        relevance_inputs=tuple(
            sorted(
                {
                    name.removeprefix("answers.")
                    for question in conditional
                    if question.relevant is not None
                    for name in question.relevant.names
                }
            )
        ),
    )
    return compiled_questionnaire, problems


def _side_tables(questions: Sequence[CompiledQuestion], side: Side, dimensions: int) -> SideTables:
    asked = sorted(
        (q for q in questions if q.side in (Side.BOTH, side)), key=lambda q: (q.dimension, q.index)
    )
    # questions that share a scale, a weight and a direction share one table: a few small
    # dicts stay in the processor's cache where one per question would not
    shared: dict[tuple[object, ...], dict[object, complex]] = {}
    entries: list[dict[object, complex]] = []
    for question in asked:
        key = (
            question.weighted_scale,
            question.weighted_offset,
            question.weight,
            question.choices,
            question.missing_codes,
        )
        entry = shared.get(key)
        if entry is None:
            entry = {
                value: complex(question.weighted_scale * value + question.weighted_offset, question.weight)
                for value in question.choices
            }
            entry.update(dict.fromkeys([None, *sorted(question.missing_codes)], 0j))
            shared[key] = entry
        entries.append(entry)
    slices = []
    for dimension in range(dimensions):
        positions = [position for position, q in enumerate(asked) if q.dimension == dimension]
        slices.append(slice(positions[0], positions[-1] + 1) if positions else slice(0, 0))
    return SideTables(
        ids=tuple(question.id for question in asked),
        known=frozenset(question.id for question in asked),
        entries=tuple(entries),
        slices=tuple(slices),
        expected=tuple(
            math.fsum(q.weight for q in asked if q.dimension == dimension) for dimension in range(dimensions)
        ),
    )


def _later_reference(
    source: str,
    all_answers: Mapping[str, SymbolType],
    earlier: Mapping[str, SymbolType],
    facts: Mapping[str, SymbolType],
) -> str | None:
    """The id of a question named in *source* that is not an earlier one, if any."""
    try:
        compiled = compile_expression(source, {**all_answers, **facts})
    except ExpressionError:
        return None  # the real compile reports the problem
    for name in sorted(compiled.names):
        if name in all_answers and name not in earlier:
            return name.removeprefix("answers.")
    return None


def _short(source: str) -> str:
    return source if len(source) <= 80 else source[:77] + "..."
