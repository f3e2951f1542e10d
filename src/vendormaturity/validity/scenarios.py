"""Validation scenarios: labelled relationship situations, written in domain concepts.

A corpus is a folder holding ``concepts.toml`` (the concepts and facts scenarios may use,
and how each questionnaire measures the concepts) and ``scenarios/*.toml``, one labelled
situation each: a short story, each side's level on the concepts (1–5, high is good) at
every dated assessment, the facts the user knows, and what an expert concludes (the phases
they would accept, the patterns that must be found and those that may be). A scenario
names no question of any questionnaire, so one corpus validates any questionnaire whose
dimensions are mapped onto the concepts.

Files are read through the guarded reader; every problem is reported at once with file,
line and data path (:class:`ScenarioError`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

import attrs
import pydantic
from pydantic import BaseModel, ConfigDict, Field

from vendormaturity.errors import Loc, NotFoundError, Problem, ValidationError, did_you_mean, format_path
from vendormaturity.i18n import N_, Message, msg, nmsg
from vendormaturity.model.questionnaire import Phase, Questionnaire
from vendormaturity.sources.problems import pydantic_problems
from vendormaturity.sources.reader import SourceText, read_document, read_source

__all__ = [
    "ConceptMap",
    "Corpus",
    "Expectation",
    "Respondents",
    "Scenario",
    "ScenarioError",
    "Split",
    "Wave",
    "load_corpus",
]

Slug = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_-]*$", max_length=80)]
Name = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
Level = Annotated[float, Field(ge=1.0, le=5.0, allow_inf_nan=False)]
Share = Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False)]
FactValue = bool | int | float | str
M = TypeVar("M", bound=BaseModel)


class ScenarioError(ValidationError):
    """A corpus file is invalid: schema, unknown concepts or facts, dates out of order."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Respondents(_Model):
    """Who answers, per side, and how they answer."""

    client: Annotated[int, Field(ge=0, le=50)] = 3
    supplier: Annotated[int, Field(ge=0, le=50)] = 3
    noise: Annotated[float, Field(ge=0.0, le=3.0)] = 0.35  # sd of one answer around its target
    spread: Annotated[float, Field(ge=0.0, le=2.0)] = 0.15  # sd of a person's own view of a concept
    bias: Annotated[float, Field(ge=0.0, le=2.0)] = 0.15  # sd of a person's general optimism
    dont_know: Share = 0.04  # chance of a "don't know" on any item
    late_joiners: Share = 0.34  # share who joined after signature: pre-deal items are "don't know"
    client_unseen: list[Name] = []  # concepts the client's respondents cannot judge
    supplier_unseen: list[Name] = []
    skip_logic: bool = True  # False: the survey tool asked every question, relevant or not


class Split(_Model):
    """A divided side: its respondents spread from +by to −by on these concepts (all if none)."""

    side: Literal["client", "supplier"]
    by: Annotated[float, Field(gt=0.0, le=3.0)]
    concepts: list[Name] | None = None


class Wave(_Model):
    """One dated assessment: each side's concept levels, and the facts known that day."""

    date: datetime.date
    client: dict[Name, Level] = {}  # "base", then concepts that differ from it
    supplier: dict[Name, Level] = {}
    facts: dict[Name, FactValue] = {}  # added to (or replacing) the scenario's facts
    unknown: list[Name] = []  # scenario facts not known on this date
    split: list[Split] = []
    dont_know: Share | None = None  # this assessment's rate, instead of the respondents' one
    plan_followed: Share | None = None  # share of the previous plan's actions reported done


class Expectation(_Model):
    """What an expert concludes from the newest assessment."""

    phases: Annotated[list[Phase], Field(min_length=1)]  # acceptable placements, the likeliest first
    flag: list[Name] = []  # patterns that must be found (confirmed, or suspected if a fact is unknown)
    may: list[Name] = []  # patterns an expert would not object to; any other must not be found
    why: Annotated[str, Field(min_length=1)]


class Scenario(_Model):
    id: Slug
    title: Annotated[str, Field(min_length=1)]
    story: Annotated[str, Field(min_length=1)]
    tags: list[Name] = []
    start: datetime.date | None = None  # contract start, if the user knows it: gives age_months
    end: datetime.date | None = None  # contract end, if known: gives months_to_exit
    facts: dict[Name, FactValue] = {}
    respondents: Respondents = Respondents()
    expect: Expectation
    assessments: Annotated[list[Wave], Field(min_length=1)]


class _QuestionnaireMap(_Model):
    dimensions: dict[Name, Annotated[list[Name], Field(min_length=1)]]
    questions: dict[Name, Annotated[list[Name], Field(min_length=1)]] = {}


class _ConceptsFile(_Model):
    concepts: Annotated[list[Name], Field(min_length=1)]
    facts: list[Name] = []
    questionnaires: dict[Name, _QuestionnaireMap] = {}


@attrs.frozen
class ConceptMap:
    """How one questionnaire measures the concepts: per dimension, and per question where it differs."""

    dimensions: dict[str, tuple[str, ...]]
    questions: dict[str, tuple[str, ...]]

    def of(self, questionnaire: Questionnaire) -> dict[str, tuple[str, ...]]:
        """The concepts each question of *questionnaire* measures, by question id.

        Raises :class:`ScenarioError` if a dimension or a question of the map is not the
        questionnaire's, or a dimension of the questionnaire is not mapped.
        """
        problems = [
            Problem(
                msg("dimension '{dimension}' is not mapped onto concepts; add it", dimension=d),
                path=f"questionnaires.{questionnaire.id}",
            )
            for d in (dimension.id for dimension in questionnaire.dimensions)
            if d not in self.dimensions
        ]
        known = {question.id for question in questionnaire.questions}
        problems += [
            Problem(
                msg("unknown question '{question}'{hint}", question=q, hint=did_you_mean(q, known)),
                path=f"questionnaires.{questionnaire.id}",
            )
            for q in self.questions
            if q not in known
        ]
        if problems:
            raise ScenarioError(problems)
        return {
            question.id: self.questions.get(question.id) or self.dimensions[question.dimension]
            for question in questionnaire.questions
        }


@attrs.frozen
class Corpus:
    """Validation scenarios and the concepts they are written in."""

    concepts: tuple[str, ...]
    facts: tuple[str, ...]
    maps: dict[str, ConceptMap]  # by questionnaire id
    scenarios: tuple[Scenario, ...]

    def concept_map(self, questionnaire: Questionnaire) -> dict[str, tuple[str, ...]]:
        """The concepts each question of *questionnaire* measures (see :meth:`ConceptMap.of`)."""
        found = self.maps.get(questionnaire.id)
        if found is None:
            known = ", ".join(sorted(self.maps)) or msg("none")
            raise ScenarioError(
                [
                    Problem(
                        msg(
                            "no concept map for questionnaire '{questionnaire}' (maps: {known}); add one",
                            questionnaire=questionnaire.id,
                            known=known,
                        )
                    )
                ]
            )
        return found.of(questionnaire)


def load_corpus(folder: str | Path) -> Corpus:
    """Load ``concepts.toml`` and every ``scenarios/*.toml`` of *folder*, checked together.

    Raises :class:`ScenarioError` listing every problem of every file.
    """
    root = Path(folder)
    problems: list[Problem] = []
    read = _read(root / "concepts.toml", _ConceptsFile, problems)
    concepts = None
    if read is not None:
        concepts, source = read
        problems += _map_problems(source, concepts)
    scenarios: list[Scenario] = []
    files = sorted((root / "scenarios").glob("*.toml"))
    if not files:
        problems.append(Problem(msg("no scenario file (scenarios/*.toml)"), file=str(root)))
    for path in files:
        found = _read(path, Scenario, problems)
        if found is None or concepts is None:
            continue
        scenario, source = found
        where = _Where(source, scenario.model_dump(mode="json"))
        problems += where.all(_scenario_problems(scenario, concepts, path.stem))
        scenarios.append(scenario)
    if problems or concepts is None:
        raise ScenarioError(
            problems,
            summary=nmsg(
                "{count} problem in the corpus at {folder}",
                "{count} problems in the corpus at {folder}",
                len(problems),
                folder=str(root),
            ),
        )
    return Corpus(
        concepts=tuple(concepts.concepts),
        facts=tuple(concepts.facts),
        maps={
            key: ConceptMap(
                dimensions={d: tuple(c) for d, c in value.dimensions.items()},
                questions={q: tuple(c) for q, c in value.questions.items()},
            )
            for key, value in concepts.questionnaires.items()
        },
        scenarios=tuple(scenarios),
    )


def _map_problems(source: SourceText, concepts: _ConceptsFile) -> list[Problem]:
    """Each questionnaire's map names known concepts only."""
    known = set(concepts.concepts)
    found = []
    for questionnaire, mapping in concepts.questionnaires.items():
        for part in ("dimensions", "questions"):
            table = f"questionnaires.{questionnaire}.{part}"  # (the header the locator finds)
            for key, names in getattr(mapping, part).items():
                for _, message in _names(names, known, "concept", ()):
                    line = source.locator.line((table, key))
                    found.append(Problem(message, path=f"{table}.{key}", file=source.name, line=line))
    return found


def _read(path: Path, model: type[M], problems: list[Problem]) -> tuple[M, SourceText] | None:
    try:
        source = read_source(path)
    except NotFoundError as error:
        problems.append(Problem(error.message))
        return None
    if isinstance(source, Problem):
        problems.append(source)
        return None
    document = read_document(source)
    if isinstance(document, Problem):
        problems.append(document)
        return None
    try:
        return model.model_validate(document), source
    except pydantic.ValidationError as error:
        problems += pydantic_problems(error, document, source, model)
        return None


@attrs.frozen
class _Where:
    """Locates a scenario's problems: its file, the line of the data path, the path by id."""

    source: SourceText
    document: dict[str, Any]

    def all(self, found: Iterator[tuple[Loc, Message]]) -> list[Problem]:
        return [
            Problem(
                message,
                path=format_path(self.document, loc),
                file=self.source.name,
                line=self.source.locator.line(loc),
            )
            for loc, message in found
        ]


def _scenario_problems(
    scenario: Scenario, concepts: _ConceptsFile, stem: str
) -> Iterator[tuple[Loc, Message]]:
    """What the schema cannot say: names known, dates in order, the file named after the id."""
    known = set(concepts.concepts)
    facts = set(concepts.facts)
    if scenario.id != stem:
        yield ("id",), msg("the id must be the file's name '{name}'", name=stem)
    yield from _names(scenario.facts, facts, "fact", ("facts",))
    for side in ("client_unseen", "supplier_unseen"):
        yield from _names(getattr(scenario.respondents, side), known, "concept", ("respondents", side))
    for index, wave in enumerate(scenario.assessments):
        loc: Loc = ("assessments", index)
        yield from _wave_problems(wave, scenario, known, facts, loc)
        if index and wave.date <= scenario.assessments[index - 1].date:
            yield (*loc, "date"), msg("assessments must be in date order, oldest first, each on its own date")


def _wave_problems(
    wave: Wave, scenario: Scenario, known: set[str], facts: set[str], loc: Loc
) -> Iterator[tuple[Loc, Message]]:
    yield from _names(wave.facts, facts, "fact", (*loc, "facts"))
    yield from _names(wave.unknown, facts, "fact", (*loc, "unknown"))
    counts = {"client": scenario.respondents.client, "supplier": scenario.respondents.supplier}
    for side in ("client", "supplier"):
        levels: dict[str, float] = getattr(wave, side)
        yield from _names(levels, known | {"base"}, "concept", (*loc, side))
        if counts[side] and not set(levels) >= ({"base"} if "base" in levels else known):
            yield (*loc, side), msg("give a `base` level, or a level for every concept")
    for position, split in enumerate(wave.split):
        yield from _names(split.concepts or [], known, "concept", (*loc, "split", position, "concepts"))


def _names(
    names: Sequence[str] | dict[str, Any], known: set[str], kind: str, loc: Loc
) -> Iterator[tuple[Loc, Message]]:
    for name in names:
        if name not in known:
            where = (*loc, name) if isinstance(names, dict) else loc
            yield where, msg(_UNKNOWN[kind], name=name, hint=did_you_mean(name, known))


# What names a missing thing, by its kind.
_UNKNOWN = {"concept": N_("unknown concept '{name}'{hint}"), "fact": N_("unknown fact '{name}'{hint}")}
