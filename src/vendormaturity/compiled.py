"""The compiled form of a questionnaire: indices, symbol tables and compiled rules.

Compiling happens once, when a questionnaire is loaded; ``assess`` only reads the
result. The symbol tables here are the single definition of the names a rule may use
(documented in ``docs/questionnaire-format.md``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from vendormaturity._source import Loc
from vendormaturity.errors import ExpressionError
from vendormaturity.expressions import CompiledExpression, Kind, SymbolType, compile_expression
from vendormaturity.questionnaire import (
    Action,
    Fact,
    FactType,
    Pattern,
    Phase,
    Questionnaire,
    Severity,
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


AnswerEntry = tuple[int, float, float]
MISSING: AnswerEntry = (-1, 0.0, 0.0)  # a don't-know answer, told apart by identity: never scored


@attrs.frozen
class CompiledRule:
    id: str
    phase: Phase
    weight: float
    when: CompiledExpression
    because: dict[str, str]


@attrs.frozen
class CompiledPattern:
    pattern: Pattern
    when: CompiledExpression
    escalations: tuple[tuple[CompiledExpression, Severity], ...]
    dimensions: tuple[int, ...]  # dimension-scoped patterns only


@attrs.frozen(eq=False)
class CompiledQuestionnaire:
    questionnaire: Questionnaire
    questions: tuple[CompiledQuestion, ...]
    question_index: Mapping[str, int]
    dimensions: tuple[str, ...]
    facts: Mapping[str, Fact]
    phase_rules: tuple[CompiledRule, ...]
    patterns: tuple[CompiledPattern, ...]
    actions: Mapping[str, Action]
    # catalogue indices for the plan: the actions that improve a dimension, or suit a phase
    actions_for_dimension: Mapping[str, tuple[Action, ...]]
    actions_for_phase: Mapping[Phase, tuple[Action, ...]]
    # (question id, phase) of the questions that feed the stage-sum baseline
    baseline_items: tuple[tuple[str, Phase], ...]
    low: float
    high: float

    # per dimension: the symbol names of its scores (SCORE_PREFIXES order) and of its deltas
    dimension_symbols: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]
    # per side, per question id of that side, per possible answer: (dimension, weight,
    # weight × rescaled value), or MISSING for a don't-know code – the scoring loop's lookup
    answer_tables: Mapping[Side, Mapping[str, Mapping[object, AnswerEntry]]]
    # questions asked only when their relevance condition holds, and the answers those read
    conditional: tuple[CompiledQuestion, ...]
    relevance_inputs: tuple[str, ...]
    # per side, the weight of each dimension's questions a respondent of that side is asked
    expected_weights: Mapping[Side, tuple[float, ...]]


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
                escalations.append((compiled, escalation.severity))
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
    compiled_questionnaire = CompiledQuestionnaire(
        questionnaire=q,
        questions=tuple(questions),
        question_index={question.id: index for index, question in enumerate(q.questions)},
        dimensions=tuple(dimension_index),
        facts={fact.id: fact for fact in q.facts},
        phase_rules=tuple(rules),
        patterns=tuple(patterns),
        actions={action.id: action for action in q.actions},
        actions_for_dimension={
            dimension: tuple(a for a in q.actions if dimension in a.dimensions)
            for dimension in dimension_index
        },
        actions_for_phase={phase: tuple(a for a in q.actions if phase in a.phases) for phase in Phase},
        baseline_items=tuple((qq.id, qq.indicates) for qq in q.questions if qq.indicates is not None),
        low=low,
        high=high,
        conditional=conditional,
        dimension_symbols=tuple(
            (
                tuple(f"{prefix}.{dimension}" for prefix in SCORE_PREFIXES),
                tuple(f"delta.{side}.{dimension}" for side in ("client", "supplier", "overall")),
            )
            for dimension in dimension_index
        ),
        answer_tables={
            side: {
                q.id: {
                    **{
                        value: (q.dimension, q.weight, q.weighted_scale * value + q.weighted_offset)
                        for value in q.choices
                    },
                    **dict.fromkeys(q.missing_codes, MISSING),
                }
                for q in questions
                if q.side in (Side.BOTH, side)
            }
            for side in (Side.CLIENT, Side.SUPPLIER)
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
        expected_weights={
            side: tuple(
                sum(q.weight for q in questions if q.dimension == index and q.side in (Side.BOTH, side))
                for index in range(len(dimension_index))
            )
            for side in (Side.CLIENT, Side.SUPPLIER)
        },
    )
    return compiled_questionnaire, problems


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
