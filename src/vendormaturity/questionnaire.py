"""Questionnaire files: the pydantic model of the format, loading, dumping, validation.

The format is documented in ``docs/questionnaire-format.md``. A file is parsed at the
edge, validated against the schema, then every cross-reference and rule expression is
checked; all problems are reported together, each with file, line and data path.
"""

from __future__ import annotations

import enum
import functools
import importlib.resources
import itertools
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import pydantic
import tomli_w
from pydantic import BaseModel, ConfigDict, Field

from vendormaturity._source import (
    Loc,
    SourceText,
    find_non_finite,
    format_path,
    pydantic_problems,
    read_document,
    read_source,
)
from vendormaturity.errors import NotFoundError, Problem, QuestionnaireError, did_you_mean

if TYPE_CHECKING:
    from vendormaturity.compiled import CompiledQuestionnaire

__all__ = [
    "Action",
    "Band",
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
    "bundled_questionnaires",
    "dump_questionnaire",
    "load_questionnaire",
    "questionnaire_from_dict",
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
    unit: str | None = None
    min: Finite | None = None
    max: Finite | None = None
    choices: list[FactChoice] | None = None


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
    targets: dict[Phase, Phase] = Field(default_factory=lambda: dict(_NEXT_PHASE))


class Questionnaire(_Model):
    """A questionnaire as written in its file. Load it with :func:`load_questionnaire`."""

    schema_version: Literal[1]
    id: Id
    version: Annotated[str, Field(pattern=r"^\d+\.\d+\.\d+$")]
    languages: Annotated[list[Annotated[str, Field(pattern=r"^[a-z]{2}$")]], Field(min_length=1)]
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

    @functools.cached_property
    def compiled(self) -> CompiledQuestionnaire:
        """The compiled form used by :func:`vendormaturity.assess` (built once, then cached)."""
        from vendormaturity.compiled import compile_questionnaire

        compiled, problems = compile_questionnaire(self)
        if problems:
            raise QuestionnaireError(
                [Problem(m, path=format_path(self.model_dump(), loc)) for loc, m in problems]
            )
        return compiled

    def label(self, text: dict[str, str] | None, lang: str) -> str:
        """*text* in *lang*, falling back on the questionnaire's first language."""
        if not text:
            return ""
        return text.get(lang) or text[self.languages[0]]


# --------------------------------------------------------------------------- loading

_BUNDLED_PACKAGE = "vendormaturity"


def _bundled_folder() -> Traversable | Path:
    """The bundled questionnaires: inside the installed wheel, or the repository's folder."""
    packaged = importlib.resources.files(_BUNDLED_PACKAGE) / "questionnaires"
    if packaged.is_dir():
        return packaged
    # Editable installs and source checkouts: the single copy at the repository root.
    return Path(__file__).resolve().parents[2] / "questionnaires"


def bundled_questionnaires() -> list[str]:
    """Ids of the questionnaires shipped with the package, sorted."""
    folder = _bundled_folder()
    if not folder.is_dir():  # pragma: no cover - a broken installation
        return []
    return sorted(
        entry.name.removesuffix(".toml") for entry in folder.iterdir() if entry.name.endswith(".toml")
    )


def load_questionnaire(id_or_path: str | Path) -> Questionnaire:
    """Load and fully validate a questionnaire: a bundled id (``"relationship"``) or a path.

    Raises :class:`QuestionnaireError` listing every problem, or :class:`NotFoundError`.
    """
    text_id = str(id_or_path)
    if isinstance(id_or_path, str) and re.fullmatch(r"[a-z][a-z0-9_-]*", id_or_path):
        candidate = _bundled_folder() / f"{id_or_path}.toml"
        if candidate.is_file():
            source = SourceText(candidate.read_text(encoding="utf-8"), f"{id_or_path}.toml", "toml")
            return _load(source)
        if not Path(id_or_path).exists():
            known = ", ".join(bundled_questionnaires())
            raise NotFoundError(f"no bundled questionnaire '{text_id}' (bundled: {known}) and no such file")
    read = read_source(id_or_path)
    if isinstance(read, Problem):
        raise QuestionnaireError([read])
    return _load(read)


def questionnaire_from_dict(document: dict[str, Any], *, name: str = "<questionnaire>") -> Questionnaire:
    """Validate a parsed questionnaire (for callers that build one in code)."""
    source = SourceText("", name, "json")
    return _validate(document, source)


def _load(source: SourceText) -> Questionnaire:
    document = read_document(source)
    if isinstance(document, Problem):
        raise QuestionnaireError([document])
    return _validate(document, source)


def _validate(document: dict[str, Any], source: SourceText) -> Questionnaire:
    bad_number = find_non_finite(document)
    if bad_number is not None:
        raise QuestionnaireError([_problem(document, source, bad_number, "NaN and infinity are not allowed")])
    try:
        questionnaire = Questionnaire.model_validate(document)
    except pydantic.ValidationError as error:
        problems = pydantic_problems(error, document, source, _fields_at)
        raise QuestionnaireError(problems, summary=f"{source.name}: {_count(problems)}") from None
    from vendormaturity.compiled import compile_questionnaire

    compiled, compile_problems = compile_questionnaire(questionnaire)
    found = [*check_references(questionnaire), *compile_problems]
    if found:
        problems = sorted(
            (_problem(document, source, loc, message) for loc, message in found),
            key=lambda problem: problem.line or 0,
        )
        raise QuestionnaireError(problems, summary=f"{source.name}: {_count(problems)}")
    questionnaire.__dict__["compiled"] = compiled
    return questionnaire


def _count(problems: Sequence[Problem]) -> str:
    return f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in questionnaire"


def _problem(document: Any, source: SourceText, loc: Loc, message: str) -> Problem:
    return Problem(message, path=format_path(document, loc), file=source.name, line=source.locator.line(loc))


def _fields_at(loc: Loc) -> list[str]:
    """The keys a model accepts at *loc*, for did-you-mean on unknown keys."""
    model: Any = Questionnaire
    for part in loc:
        if isinstance(part, int) or model is None:
            continue
        field = model.model_fields.get(part)
        model = _model_of(field.annotation) if field is not None else None
    return list(model.model_fields) if isinstance(model, type) and issubclass(model, BaseModel) else []


def _model_of(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        found = _model_of(argument)
        if found is not None:
            return found
    metadata = getattr(annotation, "__origin__", None)
    return _model_of(metadata) if metadata not in (None, list, dict, tuple) else None


def dump_questionnaire(questionnaire: Questionnaire) -> str:
    """The questionnaire as TOML text; loading it back gives an equal model."""
    return tomli_w.dumps(questionnaire.model_dump(mode="json", exclude_none=True))


# --------------------------------------------------------------------------- references


def _duplicates(items: Sequence[Any], field: str, root: Loc) -> Iterator[tuple[Loc, str]]:
    seen: Counter[str] = Counter()
    for index, item in enumerate(items):
        key = getattr(item, field)
        seen[key] += 1
        if seen[key] == 2:
            yield (*root, index, field), f"duplicate {field} '{key}': each must be unique"


@functools.cache
def _label_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of *model* that hold a label (a dict of language → text)."""
    return tuple(
        name for name, field in model.model_fields.items() if field.annotation in (Label, Label | None)
    )


def _labels(model: BaseModel, languages: Sequence[str], loc: Loc) -> Iterator[tuple[Loc, str]]:
    """Every label of *model* (recursively) must give each declared language."""
    labels = _label_fields(type(model))
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            yield from _labels(value, languages, (*loc, name))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _labels(item, languages, (*loc, name, index))
        elif name in labels and isinstance(value, dict):
            missing = [lang for lang in languages if lang not in value]
            extra = [lang for lang in value if lang not in languages]
            if missing:
                yield (*loc, name), f"label has no text for language {', '.join(missing)}; add it"
            if extra:
                yield (
                    (*loc, name),
                    f"label has text for undeclared language {', '.join(extra)}; "
                    "declare it in `languages` or remove it",
                )


def _bands(bands: Sequence[Band], low: float, high: float, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if not bands:
        return
    yield from _duplicates(bands, "id", loc)
    ordered = sorted(enumerate(bands), key=lambda pair: pair[1].min)
    for index, band in ordered:
        if band.min >= band.max:
            yield (*loc, index, "max"), f"band max {band.max:g} must be above its min {band.min:g}"
    first_index, first = ordered[0]
    if first.min > low:
        yield (*loc, first_index, "min"), f"bands leave a gap: nothing covers {low:g} to {first.min:g}"
    last_index, last = ordered[-1]
    if last.max < high:
        yield (*loc, last_index, "max"), f"bands leave a gap: nothing covers {last.max:g} to {high:g}"
    for (_, previous), (index, band) in itertools.pairwise(ordered):
        if band.min > previous.max:
            yield (
                (*loc, index, "min"),
                f"bands leave a gap between {previous.max:g} and {band.min:g} (after '{previous.id}')",
            )
        elif band.min < previous.max:
            yield (
                (*loc, index, "min"),
                f"band '{band.id}' overlaps '{previous.id}' ({band.min:g} < {previous.max:g})",
            )
    for index, band in enumerate(bands):
        if band.min < low or band.max > high:
            yield (*loc, index), f"band '{band.id}' ({band.min:g}–{band.max:g}) lies outside {low:g}–{high:g}"


def check_references(q: Questionnaire) -> list[tuple[Loc, str]]:
    """Every cross-reference, id, label, band and range check that the schema cannot express."""
    problems: list[tuple[Loc, str]] = []
    add = problems.extend
    add(_labels(q, q.languages, ()))
    if len(set(q.languages)) != len(q.languages):
        problems.append((("languages",), "a language is listed twice"))
    low, high = q.scoring.range
    if low >= high:
        problems.append((("scoring", "range"), f"range must go from low to high, got {low:g} to {high:g}"))
    add(_bands(q.scoring.bands, 0.0, 100.0, ("scoring", "bands")))
    for kind in ("scales", "dimensions", "questions", "facts", "phase_rules", "patterns", "actions"):
        add(_duplicates(getattr(q, kind), "id", (kind,)))
    for index, scale in enumerate(q.scales):
        values = [choice.value for choice in scale.choices]
        if values != sorted(set(values)):
            problems.append((("scales", index, "choices"), "choice values must be strictly increasing"))
        add(_duplicates(scale.missing, "code", ("scales", index, "missing")))
    scales = {scale.id for scale in q.scales}
    dimensions = {dimension.id for dimension in q.dimensions}
    actions = {action.id for action in q.actions}
    for index, question in enumerate(q.questions):
        if question.dimension not in dimensions:
            problems.append(
                (
                    ("questions", index, "dimension"),
                    f"unknown dimension '{question.dimension}'"
                    + did_you_mean(question.dimension, dimensions),
                )
            )
        if question.scale not in scales:
            problems.append(
                (
                    ("questions", index, "scale"),
                    f"unknown scale '{question.scale}'{did_you_mean(question.scale, scales)}",
                )
            )
    asked = {question.dimension for question in q.questions}
    for index, dimension in enumerate(q.dimensions):
        if dimension.id not in asked:
            problems.append(
                (("dimensions", index), f"dimension '{dimension.id}' has no question; add one or remove it")
            )
    problems.extend(_check_facts(q))
    for index, pattern in enumerate(q.patterns):
        for position, action in enumerate(pattern.actions):
            if action not in actions:
                problems.append(
                    (
                        ("patterns", index, "actions", position),
                        f"unknown action '{action}'{did_you_mean(action, actions)}",
                    )
                )
        if pattern.dimensions is not None:
            if pattern.scope != "dimension":
                problems.append(
                    (("patterns", index, "dimensions"), '`dimensions` only applies to scope = "dimension"')
                )
            for position, dimension_id in enumerate(pattern.dimensions):
                if dimension_id not in dimensions:
                    problems.append(
                        (
                            ("patterns", index, "dimensions", position),
                            f"unknown dimension '{dimension_id}'{did_you_mean(dimension_id, dimensions)}",
                        )
                    )
    for index, catalogue_action in enumerate(q.actions):
        for position, dimension_id in enumerate(catalogue_action.dimensions):
            if dimension_id not in dimensions:
                problems.append(
                    (
                        ("actions", index, "dimensions", position),
                        f"unknown dimension '{dimension_id}'{did_you_mean(dimension_id, dimensions)}",
                    )
                )
    problems.extend(_check_phases(q))
    return problems


def _check_facts(q: Questionnaire) -> Iterator[tuple[Loc, str]]:
    for index, fact in enumerate(q.facts):
        loc: Loc = ("facts", index)
        if fact.type is FactType.CHOICE:
            if not fact.choices:
                yield (*loc, "choices"), "a choice fact needs a non-empty `choices` list"
            else:
                yield from _duplicates(fact.choices, "value", (*loc, "choices"))
        elif fact.choices is not None:
            yield (*loc, "choices"), f'`choices` only applies to type = "choice", not "{fact.type.value}"'
        if fact.type in (FactType.BOOLEAN, FactType.CHOICE):
            for bound in ("min", "max"):
                if getattr(fact, bound) is not None:
                    yield (*loc, bound), f"`{bound}` only applies to number and integer facts"
        elif fact.min is not None and fact.max is not None and fact.min > fact.max:
            yield (*loc, "max"), f"max {fact.max:g} is below min {fact.min:g}"


def _check_phases(q: Questionnaire) -> Iterator[tuple[Loc, str]]:
    if q.phase_rules:
        winners = {rule.phase for rule in q.phase_rules if rule.weight > 0}
        for phase in Phase:
            if phase not in winners:
                yield (
                    ("phase_rules",),
                    f"phase '{phase.value}' has no rule with a positive weight, "
                    "so it can never be placed; add one",
                )
        for index, rule in enumerate(q.phase_rules):
            if rule.weight == 0:
                yield (
                    ("phase_rules", index, "weight"),
                    "weight 0 makes the rule useless; give it a positive or negative weight",
                )
    if q.baseline is not None:
        scales = {scale.id: scale for scale in q.scales}
        used = [
            scales[question.scale]
            for question in q.questions
            if question.indicates and question.scale in scales
        ]
        if used:
            low, high = min(scale.low for scale in used), max(scale.high for scale in used)
            yield from _bands(q.baseline.bands, low, high, ("baseline", "bands"))
        tagged = {question.indicates for question in q.questions if question.indicates is not None}
        for phase in (Phase.FORMING, Phase.STORMING, Phase.NORMING, Phase.PERFORMING):
            if phase not in tagged:
                yield (
                    ("baseline",),
                    f"no question `indicates` phase '{phase.value}', so the baseline cannot place it",
                )
