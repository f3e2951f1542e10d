"""Compile a questionnaire once: rule expressions, scoring tables and catalogue indices.

The steps read as the compiled form's parts: questions (scales and relevance), phase
rules, patterns, then the tables the hot path reads (per side, for the baseline, for the
plan, for the rule environment). Every expression problem is collected with its data
path, so that a questionnaire file reports all of them at once.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from vendormaturity.engine.comments import compile_vocabulary
from vendormaturity.engine.compiled import (
    Bands,
    CompiledAction,
    CompiledFact,
    CompiledPattern,
    CompiledQuestion,
    CompiledQuestionnaire,
    CompiledRule,
    SideTables,
)
from vendormaturity.errors import ExpressionError, Loc, Problem, QuestionnaireError, format_path
from vendormaturity.i18n import Message, msg
from vendormaturity.model.questionnaire import Phase, Question, Questionnaire, Scale, Side
from vendormaturity.rules.expressions import CompiledExpression, Kind, SymbolType, compile_expression
from vendormaturity.rules.symbols import (
    SCORE_PREFIXES,
    SUMMARY_NAMES,
    derive_table,
    fact_type,
    symbol_table,
)

__all__ = ["compile_checked", "compile_questionnaire"]

Problems = list[tuple[Loc, Message]]
_CACHE = "__vendormaturity_compiled__"  # where a questionnaire keeps its compiled form
_SIDES = ("client", "supplier", "overall")


def compile_questionnaire(q: Questionnaire) -> CompiledQuestionnaire:
    """The compiled form of *q*, built on first use and then kept with it.

    Raises :class:`QuestionnaireError` listing every rule that does not compile; a
    questionnaire loaded with :func:`vendormaturity.load_questionnaire` has been checked.
    """
    cached = q.__dict__.get(_CACHE)
    if cached is not None and cached.questionnaire is q:  # not a copy's stale form
        return cached  # type: ignore[no-any-return]
    compiled, problems = compile_checked(q)
    if problems:
        document = q.model_dump()
        raise QuestionnaireError(
            [Problem(message, path=format_path(document, loc)) for loc, message in problems]
        )
    return compiled


def compile_checked(q: Questionnaire) -> tuple[CompiledQuestionnaire, Problems]:
    """Compile every expression; return the compiled form and the problems found.

    The form is complete even when there are problems (a rule that does not compile is
    left out), so that a loader can report every problem at once.
    """
    step = _Expressions(q)
    questions = step.questions()
    rules = step.phase_rules()
    patterns = step.patterns()
    vocabulary, cue_problems = compile_vocabulary(q)
    step.problems.extend(cue_problems)
    dimensions = tuple(step.dimension_index)  # (a duplicate id, reported elsewhere, counts once)
    labels = {dimension.id: dimension.label for dimension in q.dimensions}
    compiled = CompiledQuestionnaire(
        questionnaire=q,
        questions=tuple(questions),
        question_index={question.id: index for index, question in enumerate(q.questions)},
        dimensions=dimensions,
        dimension_labels=tuple(labels[dimension] for dimension in dimensions),
        facts={fact.id: CompiledFact.of(fact) for fact in q.facts},
        standing=tuple(fact.id for fact in q.facts if fact.standing),
        derivations=tuple(step.derivations()),
        phase_rules=tuple(rules),
        patterns=tuple(patterns),
        low=q.scoring.range[0],
        high=q.scoring.range[1],
        min_coverage=q.scoring.min_coverage,
        bands=Bands.of(q.scoring.bands),
        baseline_bands=Bands.of(q.baseline.bands if q.baseline else []),
        environment=dict.fromkeys(symbol_table(q, "dimension")),
        fact_symbols={fact.id: f"facts.{fact.id}" for fact in q.facts},
        summary_symbols={name: f"summary.{name}" for name in SUMMARY_NAMES},
        vocabulary=vocabulary,
        sides={side: _side_tables(questions, side, len(dimensions)) for side in (Side.CLIENT, Side.SUPPLIER)},
        **_action_indices(q, dimensions),
        **_baseline_tables(questions),
        **_rule_reads(rules, patterns, dimensions),
        **_relevance(questions),
    )
    if not step.problems:
        q.__dict__[_CACHE] = compiled
    return compiled, step.problems


class _Expressions:
    """Compiles the questionnaire's expressions, collecting every problem with its data path."""

    def __init__(self, q: Questionnaire) -> None:
        self.q = q
        self.problems: Problems = []
        self.dimension_index = {dimension.id: index for index, dimension in enumerate(q.dimensions)}

    def compile(
        self,
        loc: Loc,
        source: str,
        symbols: Mapping[str, SymbolType],
        expect: Sequence[Kind] = (Kind.BOOLEAN,),
    ) -> CompiledExpression | None:
        try:
            return compile_expression(source, symbols, expect=expect)
        except ExpressionError as error:
            self.problems.extend(
                (loc, msg("{message} in `{expression}`", message=message, expression=_short(source)))
                for message in error.messages
            )
            return None

    def questions(self) -> list[CompiledQuestion]:
        """Each question with its scale's values, its rescaling and its relevance condition."""
        q = self.q
        scales = {scale.id: scale for scale in q.scales}
        facts = {f"facts.{fact.id}": fact_type(fact) for fact in q.facts}
        every_answer = {f"answers.{question.id}": SymbolType.number() for question in q.questions}
        compiled = []
        for index, question in enumerate(q.questions):
            relevant = None
            if question.relevant is not None:
                relevant = self._relevance(index, question.relevant, every_answer, facts)
            scale = scales.get(question.scale)
            if scale is None or question.dimension not in self.dimension_index:
                continue  # reported by check_references; keep compiling to report the rest
            compiled.append(self._question(index, question, scale, relevant))
        return compiled

    def _relevance(
        self, index: int, source: str, every_answer: dict[str, SymbolType], facts: dict[str, SymbolType]
    ) -> CompiledExpression | None:
        """A relevance condition, which may only read earlier answers and facts."""
        loc: Loc = ("questions", index, "relevant")
        earlier = {f"answers.{other.id}": SymbolType.number() for other in self.q.questions[:index]}
        later = _later_reference(source, every_answer, earlier, facts)
        if later is None:
            return self.compile(loc, source, {**earlier, **facts})
        refers = (
            msg("refers to itself; a relevance condition may only use earlier answers")
            if later == self.q.questions[index].id
            else msg(
                "refers to question '{question}', which comes later; a relevance condition may only use"
                " earlier answers",
                question=later,
            )
        )
        self.problems.append((loc, refers))
        return None

    def _question(
        self, index: int, question: Question, scale: Scale, relevant: CompiledExpression | None
    ) -> CompiledQuestion:
        low, high = self.q.scoring.range
        factor = (high - low) / (scale.high - scale.low)
        slope = -factor if question.reverse else factor
        offset = low + factor * scale.high if question.reverse else low - factor * scale.low
        return CompiledQuestion(
            index=index,
            id=question.id,
            dimension=self.dimension_index[question.dimension],
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

    def derivations(self) -> list[tuple[str, CompiledExpression]]:
        """Each derived fact's expression: over facts that are not derived, and ``date``; it
        gives a value of the fact's own kind."""
        symbols = derive_table(self.q)
        derived = []
        for index, fact in enumerate(self.q.facts):
            if fact.derive is None:
                continue
            kind = fact_type(fact).kind
            expression = self.compile(("facts", index, "derive"), fact.derive, symbols, (kind,))
            if expression is not None:
                derived.append((fact.id, expression))
        return derived

    def phase_rules(self) -> list[CompiledRule]:
        symbols = symbol_table(self.q, "phase")
        rules = []
        for index, rule in enumerate(self.q.phase_rules):
            loc = ("phase_rules", index, "when")
            when = self.compile(loc, rule.when, symbols, (Kind.BOOLEAN, Kind.NUMBER))
            if when is None:
                continue
            constant = when.evaluate({}) if not when.names and when.kind is Kind.NUMBER else None
            if isinstance(constant, float) and not 0.0 <= constant <= 1.0:
                self.problems.append(
                    (
                        loc,
                        msg(
                            "a graded rule gives a value from 0 to 1, and {value:g} would count as"
                            " {counted:g};"
                            " put the rule's strength in `weight`",
                            value=constant,
                            counted=min(1.0, max(0.0, constant)),
                        ),
                    )
                )
                continue
            rules.append(
                CompiledRule(
                    id=rule.id, phase=rule.phase, weight=rule.weight, when=when, because=dict(rule.because)
                )
            )
        return rules

    def patterns(self) -> list[CompiledPattern]:
        """Each pattern with its escalations; a dimension-scoped one must read ``dim.*``."""
        symbols = {scope: symbol_table(self.q, scope) for scope in ("pattern", "dimension")}
        compiled = []
        for index, pattern in enumerate(self.q.patterns):
            scoped = pattern.scope == "dimension"
            chosen = symbols["dimension" if scoped else "pattern"]
            when = self.compile(("patterns", index, "when"), pattern.when, chosen)
            escalations = []
            for position, escalation in enumerate(pattern.escalate):
                loc = ("patterns", index, "escalate", position, "when")
                condition = self.compile(loc, escalation.when, chosen)
                if condition is not None:
                    escalations.append((condition, escalation.severity.rank))
            suspect = self._suspicion(index, chosen, when)
            if when is None:
                continue
            if scoped and not any(name.startswith("dim.") for name in when.names):
                self.problems.append(
                    (("patterns", index, "when"), msg("a dimension-scoped pattern must use `dim.*` names"))
                )
            dimensions = pattern.dimensions if pattern.dimensions is not None else list(self.dimension_index)
            compiled.append(
                CompiledPattern(
                    pattern=pattern,
                    when=when,
                    escalations=tuple(escalations),
                    dimensions=tuple(
                        self.dimension_index[d] for d in dimensions if d in self.dimension_index
                    ),
                    suspect=suspect,
                    confirm_with=tuple(f"facts.{fact}" for fact in pattern.confirm_with),
                )
            )
        return compiled

    def _suspicion(
        self, index: int, symbols: Mapping[str, SymbolType], when: CompiledExpression | None
    ) -> CompiledExpression | None:
        """A pattern's ``suspect_when``, compiled; each fact it is confirmed with must be one
        its ``when`` reads (otherwise giving that fact could not settle anything)."""
        pattern = self.q.patterns[index]
        if when is not None:
            declared = {fact.id for fact in self.q.facts}  # (an unknown one is reported as such)
            for position, fact in enumerate(pattern.confirm_with):
                if fact in declared and f"facts.{fact}" not in when.names:
                    self.problems.append(
                        (
                            ("patterns", index, "confirm_with", position),
                            msg(
                                "fact '{fact}' is not read by `when`, so it cannot confirm the pattern",
                                fact=fact,
                            ),
                        )
                    )
        if pattern.suspect_when is None:
            return None
        return self.compile(("patterns", index, "suspect_when"), pattern.suspect_when, symbols)


def _action_indices(q: Questionnaire, dimensions: tuple[str, ...]) -> dict[str, Any]:
    """The catalogue, and the plan's indices of it, each in (horizon, id) order."""
    catalogue = {action.id: CompiledAction.of(action) for action in q.actions}
    by_horizon = sorted(catalogue.values(), key=lambda action: (action.horizon_rank, action.id))
    return {
        "actions": catalogue,
        "actions_for_dimension": {
            (dimension, phase): tuple(
                a for a in by_horizon if dimension in a.dimensions and (not a.phases or phase in a.phases)
            )
            for dimension in dimensions
            for phase in Phase
        },
        "actions_for_phase": {phase: tuple(a for a in by_horizon if phase in a.phases) for phase in Phase},
        "actions_for_phase_dimension": {
            (phase, dimension): tuple(
                a for a in by_horizon if phase in a.phases and dimension in a.dimensions
            )
            for phase in Phase
            for dimension in dimensions
        },
    }


def _baseline_tables(questions: Sequence[CompiledQuestion]) -> dict[str, Any]:
    """The stage-sum baseline's questions grouped by the stage they indicate, with ratings."""
    tagged: list[CompiledQuestion] = []
    stages: list[tuple[Phase, slice]] = []
    for phase in Phase:
        indicating = [question for question in questions if question.indicates is phase]
        if indicating:  # a stage no question indicates has no baseline mean
            stages.append((phase, slice(len(tagged), len(tagged) + len(indicating))))
        tagged.extend(indicating)
    return {
        "baseline_ids": tuple(question.id for question in tagged),
        "baseline_ratings": tuple(
            {
                **{value: complex(value, 1.0) for value in question.choices},
                **dict.fromkeys([None, *sorted(question.missing_codes)], 0j),
            }
            for question in tagged
        ),
        "baseline_stages": tuple(stages),
    }


def _rule_reads(
    rules: Sequence[CompiledRule], patterns: Sequence[CompiledPattern], dimensions: tuple[str, ...]
) -> dict[str, Any]:
    """The per-dimension names the rules read: only these are set at each assessment."""
    reads = {name for rule in rules for name in rule.when.names}.union(
        *(pattern.when.names for pattern in patterns),
        *(condition.names for pattern in patterns for condition, _ in pattern.escalations),
        *(pattern.suspect.names for pattern in patterns if pattern.suspect is not None),
    )
    return {
        "score_reads": tuple(
            (position, index, f"{prefix}.{dimension}")
            for position, prefix in enumerate(SCORE_PREFIXES)
            for index, dimension in enumerate(dimensions)
            if f"{prefix}.{dimension}" in reads
        ),
        "delta_reads": tuple(
            (position, index, f"delta.{side}.{dimension}")
            for position, side in enumerate(_SIDES)
            for index, dimension in enumerate(dimensions)
            if f"delta.{side}.{dimension}" in reads
        ),
        "dim_reads_delta": "dim.delta_client" in reads,
        "comment_reads": tuple(
            (name, *name.split(".")[1:]) for name in sorted(reads) if name.startswith("comments.")
        ),
        "delta_dimensions": frozenset(
            dimension
            for dimension in dimensions
            if "dim.delta_client" in reads or any(f"delta.{side}.{dimension}" in reads for side in _SIDES)
        ),
    }


def _relevance(questions: Sequence[CompiledQuestion]) -> dict[str, Any]:
    """The conditional questions, and the answers their conditions read."""
    conditional = tuple(question for question in questions if question.relevant is not None)
    inputs = {
        name.removeprefix("answers.")
        for question in conditional
        if question.relevant is not None
        for name in question.relevant.names
    }
    return {
        "conditional": conditional,
        "conditional_ids": frozenset(question.id for question in conditional),
        "relevance_inputs": tuple(sorted(inputs)),
    }


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
    every_answer: Mapping[str, SymbolType],
    earlier: Mapping[str, SymbolType],
    facts: Mapping[str, SymbolType],
) -> str | None:
    """The id of a question named in *source* that is not an earlier one, if any."""
    try:
        compiled = compile_expression(source, {**every_answer, **facts})
    except ExpressionError:
        return None  # the real compile reports the problem
    for name in sorted(compiled.names):
        if name in every_answer and name not in earlier:
            return name.removeprefix("answers.")
    return None


def _short(source: str) -> str:
    return source if len(source) <= 80 else source[:77] + "..."
