"""Mapping files: how the columns, values and rows of operational exports give the facts.

A mapping (TOML) names, per *source* (an export: incidents, SLA report, action tracker…),
the files it comes from, the columns of each field (as the tool names them, in English or
French), what cell values mean (*conditions*), and per fact the *formula* that computes
it: each formula is data – a kind, conditions, a window – never code per tool. Loading
checks the schema and every reference, and reports every problem at once with its line.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
import zoneinfo
from collections.abc import Iterator, Sequence
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Annotated, Any, Literal

import pydantic
from pydantic import BaseModel, ConfigDict, Field, model_validator

from vendormaturity.errors import Loc, NotFoundError, Problem, ValidationError, did_you_mean, format_path
from vendormaturity.i18n import Message, msg, nmsg
from vendormaturity.sources.operational.values import DATE_FORMATS, pattern_problem
from vendormaturity.sources.problems import pydantic_problems
from vendormaturity.sources.reader import SourceText, check_document, read_document, read_source

MAX_CONDITION_DEPTH = 32  # conditions combining conditions; real mappings use 3

__all__ = [
    "FORMULAS",
    "Condition",
    "ExportMapping",
    "FactRule",
    "FollowupRule",
    "MappingError",
    "Source",
    "bundled_mappings",
    "load_mapping",
    "mapping_from_dict",
    "mapping_text",
]

Slug = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
Label = Annotated[dict[str, Annotated[str, Field(min_length=1, max_length=300)]], Field(min_length=1)]
# What rows are, by language: one text, or the forms that follow a number – one, then many
# ("escalated incident", "escalated incidents"), the language's plural rule choosing.
Noun = Annotated[
    dict[
        str,
        Annotated[str, Field(min_length=1, max_length=300)]
        | Annotated[
            list[Annotated[str, Field(min_length=1, max_length=300)]], Field(min_length=2, max_length=2)
        ],
    ],
    Field(min_length=1),
]
Values = Annotated[list[Annotated[str, Field(max_length=200)]], Field(min_length=1)]
Columns = str | Annotated[list[str], Field(min_length=1)]


class MappingError(ValidationError):
    """A mapping file is invalid: schema, references, formats."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Better(_Model):
    """Which way is better, per row: a column whose values say higher or lower."""

    field: Slug
    higher: Values
    lower: Values


class Condition(_Model):
    """What some rows mean: a field's values, a present value, a value against a target, or
    a combination of other conditions. Exactly one form per condition."""

    field: Slug | None = None
    values: Values | None = None  # the field holds one of these (case does not matter)
    others: Values | None = None  # the values that mean "no": any other value is an error
    present: bool | None = None  # the field is filled in (true) or empty (false)
    value: Slug | None = None  # a measured value…
    target: Slug | None = None  # …compared with its target
    better: Literal["higher", "lower"] | Better | None = None
    not_: Slug | None = Field(default=None, alias="not")
    all: Annotated[list[Slug], Field(min_length=1)] | None = None
    any: Annotated[list[Slug], Field(min_length=1)] | None = None

    @model_validator(mode="after")
    def _one_form(self) -> Condition:
        forms = {
            "field with values": self.field is not None and self.values is not None,
            "field with present": self.field is not None and self.present is not None,
            "value with target and better": self.value is not None,
            "not": self.not_ is not None,
            "all": self.all is not None,
            "any": self.any is not None,
        }
        if sum(forms.values()) != 1:
            raise ValueError(
                msg(
                    "give exactly one of: field with values (and others), field with present,"
                    " value with target and better, not, all, any"
                )
            )
        if self.value is not None and (self.target is None or self.better is None):
            raise ValueError(msg("a value is compared with a target: give target and better"))
        if self.others is not None and self.values is None:
            raise ValueError(msg("others lists the values that mean no: give values too"))
        return self

    def describe(self) -> str:
        """The condition in the mapping's own terms, for provenance."""
        if self.values is not None:
            return f"{self.field} in [{', '.join(self.values)}]"
        if self.present is not None:
            return f"{self.field} {'filled in' if self.present else 'empty'}"
        if self.value is not None:
            way = self.better if isinstance(self.better, str) else f"per {self.better.field}"  # type: ignore[union-attr]
            return f"{self.value} meets {self.target} ({way} is better)"
        if self.not_ is not None:
            return f"not {self.not_}"
        joined = self.all if self.all is not None else self.any
        word = " and " if self.all is not None else " or "
        return word.join(joined or ())

    def references(self) -> list[str]:
        return [*filter(None, [self.not_]), *(self.all or ()), *(self.any or ())]

    def fields(self) -> list[str]:
        better = self.better.field if isinstance(self.better, Better) else None
        return [name for name in (self.field, self.value, self.target, better) if name is not None]


class Source(_Model):
    """One kind of export: its files, columns, date format and the meanings of its values."""

    label: Noun  # what the rows are, in plain words: "incidents"
    files: Annotated[list[Annotated[str, Field(min_length=1, max_length=200)]], Field(min_length=1)]
    columns: Annotated[dict[Slug, Columns], Field(min_length=1)]  # field → header(s) or JSON key(s)
    key: Slug | None = None  # the field identifying a row: duplicates are reported
    date: Slug | None = None  # the field that places a row in time
    start: Slug | None = None  # for people: the day they joined…
    end: Slug | None = None  # …and the day they left (empty: still there)
    date_format: Annotated[str, Field(min_length=1, max_length=60)] = "iso"
    timezone: Annotated[str, Field(min_length=1, max_length=60)] | None = None  # where days count
    written_in: Annotated[str, Field(min_length=1, max_length=60)] | None = None  # zone of dates without one
    decimal: Literal[".", ",", "either"] = "."
    delimiter: Literal[",", ";", "\t", "|"] | None = None  # default: the one the header fits
    header_row: Annotated[int, Field(ge=1, le=1000)] = 1
    sheet: Annotated[str, Field(min_length=1, max_length=100)] | None = None
    records: Annotated[str, Field(max_length=200)] = ""  # JSON: the key holding the records
    exclude: Slug | None = None  # a condition: its rows are left out of every fact
    conditions: dict[Slug, Condition] = {}

    def headers(self, field: str) -> list[str]:
        given = self.columns[field]
        return [given] if isinstance(given, str) else list(given)


FORMULAS: dict[str, str] = {
    "count": msg("rows of the window where the condition holds"),
    "share": msg("rows where the condition holds ÷ rows of the window (of those where `of` holds)"),
    "per_month": msg("rows where the condition holds ÷ months of the window"),
    "streaks": msg("key values present on at least min_run consecutive dates of the window"),
    "turnover": msg("people who left in the window ÷ average headcount, per year"),
    "continuity": msg("key values of the source still present in the `against` source at the window's end"),
}
Formula = Literal["count", "share", "per_month", "streaks", "turnover", "continuity"]
_DATED = ("count", "share", "per_month", "streaks")
_INTEGER_FORMULAS = ("count", "streaks")


class FactRule(_Model):
    """How one fact is computed from one source."""

    source: Slug
    formula: Formula
    where: Slug | None = None  # the condition the counted rows meet
    of: Slug | None = None  # share: the condition of the rows counted against (default: all)
    window: Literal["period", "to_date"] | Annotated[int, Field(ge=1, le=120)] = "period"
    counted: Noun  # what the counted rows are: "escalated incidents"
    of_label: Noun | None = None  # what the rows counted against are: "actions due"
    rest: Noun | None = None  # share: what the rows counted against but not counted are: "overdue"
    key: Slug | None = None  # streaks and continuity: the field whose values are counted
    min_run: Annotated[int, Field(ge=2, le=100)] = 3  # streaks
    against: Slug | None = None  # continuity: the source of who is still there

    def text(self) -> str:
        """The formula as written in the mapping, for provenance."""
        parts = [f"{name} = {value}" for name, value in self._parts() if value is not None]
        return f"{self.formula}({', '.join(parts)})"

    def _parts(self) -> list[tuple[str, object]]:
        window = self.window if isinstance(self.window, str) else f"{self.window} months"
        parts: list[tuple[str, object]] = [("where", self.where), ("of", self.of), ("key", self.key)]
        if self.formula == "streaks":
            parts.append(("min_run", self.min_run))
        parts += [("against", self.against), ("window", window)]
        return parts


class FollowupRule(_Model):
    """How an action tracker gives the statuses of the previous plan's actions."""

    source: Slug
    action: Slug  # the field holding the plan's action id
    status: Slug  # the field holding the tracker's status
    done: Values
    in_progress: Values
    not_started: Values
    dropped: Values
    note: Slug | None = None  # a field copied into the follow-up note
    due: Slug | None = None  # the due date, quoted in the note of an open action


class ExportMapping(_Model):
    """A mapping file: sources, their columns and conditions, and the facts' formulas."""

    schema_version: Literal[1] = 1
    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_-]*$", max_length=64)]
    title: Label
    description: Label | None = None
    documentation: list[Annotated[str, Field(max_length=500)]] = []  # what the export columns follow
    sources: Annotated[dict[Slug, Source], Field(min_length=1)]
    facts: dict[Slug, FactRule] = {}
    followup: FollowupRule | None = None


# --------------------------------------------------------------------------- loading

_BUNDLED_PACKAGE = "vendormaturity"


def _bundled_folder() -> Traversable | Path:
    """The bundled mappings: inside the installed wheel, or the repository's folder."""
    packaged = importlib.resources.files(_BUNDLED_PACKAGE) / "mappings"
    if packaged.is_dir():
        return packaged
    # Editable installs and source checkouts: the single copy at the repository root.
    return Path(__file__).resolve().parents[4] / "mappings"


def bundled_mappings() -> list[str]:
    """Ids of the mappings shipped with the package (starting points to adjust), sorted."""
    folder = _bundled_folder()
    if not folder.is_dir():  # pragma: no cover - a broken installation
        return []
    return sorted(
        entry.name.removesuffix(".toml") for entry in folder.iterdir() if entry.name.endswith(".toml")
    )


def mapping_text(mapping_id: str) -> str:
    """The text of a bundled mapping, to copy and adjust."""
    candidate = _bundled_folder() / f"{mapping_id}.toml"
    if not re.fullmatch(r"[a-z][a-z0-9_-]*", mapping_id) or not candidate.is_file():
        raise NotFoundError(
            msg(
                "no bundled mapping '{mapping}' (bundled: {known})",
                mapping=mapping_id,
                known=", ".join(bundled_mappings()),
            )
        )
    return candidate.read_text(encoding="utf-8")


def load_mapping(id_or_path: str | Path) -> ExportMapping:
    """Load and check a mapping: a bundled id (``"servicenow"``) or a path.

    Raises :class:`MappingError` listing every problem, or :class:`NotFoundError`.
    """
    if isinstance(id_or_path, str) and re.fullmatch(r"[a-z][a-z0-9_-]*", id_or_path):
        if (_bundled_folder() / f"{id_or_path}.toml").is_file():
            return _cached(id_or_path)
        if not Path(id_or_path).exists():
            known = ", ".join(bundled_mappings())
            raise NotFoundError(
                msg(
                    "no bundled mapping '{mapping}' (bundled: {known}) and no such file",
                    mapping=id_or_path,
                    known=known,
                )
            )
    read = read_source(id_or_path)
    if isinstance(read, Problem):
        raise MappingError([read])
    return _load(read)


@functools.lru_cache(maxsize=16)
def _cached(mapping_id: str) -> ExportMapping:
    return _load(SourceText(mapping_text(mapping_id), f"{mapping_id}.toml", "toml"))


def mapping_from_dict(document: dict[str, Any], *, name: str = "<mapping>") -> ExportMapping:
    """Validate a parsed mapping (for callers that build one in code)."""
    return _validate(document, SourceText("", name, "json"))


def _load(source: SourceText) -> ExportMapping:
    document = read_document(source)
    if isinstance(document, Problem):
        raise MappingError([document])
    return _validate(document, source)


def _validate(document: dict[str, Any], source: SourceText) -> ExportMapping:
    def problem(loc: Loc, message: Message) -> Problem:
        return Problem(
            message, path=format_path(document, loc), file=source.name, line=source.locator.line(loc)
        )

    shape = None if source.checked else check_document(document, source)  # (read_document checked it)
    if shape is not None:
        raise MappingError([shape])
    try:
        mapping = ExportMapping.model_validate(document)
    except pydantic.ValidationError as error:
        problems = pydantic_problems(error, document, source, ExportMapping)
        raise MappingError(problems, summary=_count(source, problems)) from None
    found = [problem(loc, message) for loc, message in check_mapping(mapping)]
    if found:
        found.sort(key=lambda item: item.line or 0)
        raise MappingError(found, summary=_count(source, found))
    return mapping


def _count(source: SourceText, problems: Sequence[Problem]) -> Message:
    return nmsg(
        "{file}: {count} problem in mapping",
        "{file}: {count} problems in mapping",
        len(problems),
        file=source.name,
    )


# --------------------------------------------------------------------------- references


def check_mapping(mapping: ExportMapping) -> list[tuple[Loc, Message]]:
    """Every reference of a mapping resolves, and each formula has the fields it needs."""
    found: list[tuple[Loc, Message]] = []
    for name, source in mapping.sources.items():
        found.extend(_check_source(name, source))
    for fact_id, rule in mapping.facts.items():
        found.extend(_check_fact(mapping, fact_id, rule))
    if mapping.followup is not None:
        found.extend(_check_followup(mapping, mapping.followup))
    return found


def _unknown_field(name: str, source: Source) -> Message:
    return msg(
        "unknown field '{name}'{hint} (not in columns)", name=name, hint=did_you_mean(name, source.columns)
    )


def _unknown_field_of(name: str, source: Source, source_name: str) -> Message:
    return msg(
        "unknown field '{name}'{hint} of source '{source}'",
        name=name,
        hint=did_you_mean(name, source.columns),
        source=source_name,
    )


def _unknown_condition(name: str, source: Source) -> Message:
    return msg("unknown condition '{name}'{hint}", name=name, hint=did_you_mean(name, source.conditions))


def _unknown_source(name: str, mapping: ExportMapping) -> Message:
    return msg("unknown source '{name}'{hint}", name=name, hint=did_you_mean(name, mapping.sources))


def _check_source(name: str, source: Source) -> Iterator[tuple[Loc, Message]]:
    loc: Loc = ("sources", name)
    for role in ("key", "date", "start", "end"):
        field = getattr(source, role)
        if field is not None and field not in source.columns:
            yield (*loc, role), _unknown_field(field, source)
    if (source.start is None) != (source.end is None):
        yield (*loc, "start" if source.start is None else "end"), msg("start and end go together")
    if source.date_format not in DATE_FORMATS and "%" not in source.date_format:
        formats = ", ".join(f'"{item}"' for item in DATE_FORMATS)
        yield (
            (*loc, "date_format"),
            msg(
                "unknown date format '{format}'; use {formats} or a strptime pattern",
                format=source.date_format,
                formats=formats,
            ),
        )
    elif source.date_format not in DATE_FORMATS:
        broken = pattern_problem(source.date_format)
        if broken is not None:
            yield (*loc, "date_format"), broken
    for key in ("timezone", "written_in"):
        named = getattr(source, key)
        if named is not None and named.upper() != "UTC":
            try:
                zoneinfo.ZoneInfo(named)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                yield (
                    (*loc, key),
                    msg("unknown time zone '{zone}'; use a name such as \"Europe/Paris\"", zone=named),
                )
    if source.exclude is not None and source.exclude not in source.conditions:
        yield (*loc, "exclude"), _unknown_condition(source.exclude, source)
    depths = _depths(source)
    for condition_name, condition in source.conditions.items():
        where: Loc = (*loc, "conditions", condition_name)
        for field in condition.fields():
            if field not in source.columns:
                yield where, _unknown_field(field, source)
        for other in condition.references():
            if other not in source.conditions:
                yield where, _unknown_condition(other, source)
        depth = depths.get(condition_name, 0)
        if depth is None:
            yield where, msg("refers to itself through other conditions")
        elif depth > MAX_CONDITION_DEPTH:
            yield (
                where,
                msg(
                    "combines conditions more than {limit} deep; no export needs that: "
                    "name fewer steps (all = [...] or any = [...] take several at once)",
                    limit=MAX_CONDITION_DEPTH,
                ),
            )


def _depths(source: Source) -> dict[str, int | None]:
    """How deep each condition combines others (1: it names none); ``None`` for one in a cycle.

    One walk over all of them, without recursion: a chain of thousands stays linear. A
    condition that only names a condition of a cycle has no depth and is not listed.
    """
    depths: dict[str, int | None] = {}
    blocked: set[str] = set()  # in a cycle, or naming one
    for start in source.conditions:
        if start in depths or start in blocked:
            continue
        path: list[str] = []
        stack: list[tuple[str, bool]] = [(start, False)]
        while stack:
            name, done = stack.pop()
            if done:
                path.pop()
                others = [
                    other for other in source.conditions[name].references() if other in source.conditions
                ]
                if name in blocked or any(other in blocked for other in others):
                    blocked.add(name)
                else:
                    depths[name] = 1 + max((depths[other] or 0 for other in others), default=0)
                continue
            if name in depths or name in blocked:
                continue
            if name in path:
                cycle = path[path.index(name) :]
                blocked.update(cycle)
                depths.update(dict.fromkeys(cycle))
                continue
            path.append(name)
            stack.append((name, True))
            for other in source.conditions[name].references():
                if other in source.conditions and other not in depths:
                    stack.append((other, False))
    return depths


def _check_fact(mapping: ExportMapping, fact_id: str, rule: FactRule) -> Iterator[tuple[Loc, Message]]:
    loc: Loc = ("facts", fact_id)
    source = mapping.sources.get(rule.source)
    if source is None:
        yield (*loc, "source"), _unknown_source(rule.source, mapping)
        return
    for role in ("where", "of"):
        condition = getattr(rule, role)
        if condition is not None and condition not in source.conditions:
            yield (
                (*loc, role),
                msg(
                    "unknown condition '{name}'{hint} of source '{source}'",
                    name=condition,
                    hint=did_you_mean(condition, source.conditions),
                    source=rule.source,
                ),
            )
    if rule.formula in _DATED and source.date is None:
        yield (
            (*loc, "formula"),
            msg(
                "{formula} counts rows by date: source '{source}' needs a date field",
                formula=rule.formula,
                source=rule.source,
            ),
        )
    if rule.formula == "share" and rule.where is None:
        yield (*loc, "where"), msg("share needs the condition of the rows it counts")
    if rule.formula == "turnover" and source.start is None:
        yield (
            (*loc, "formula"),
            msg("turnover needs start and end fields in source '{source}'", source=rule.source),
        )
    if rule.formula in ("streaks", "continuity"):
        if rule.key is None:
            yield (
                (*loc, "key"),
                msg("{formula} needs the key field whose values it counts", formula=rule.formula),
            )
        elif rule.key not in source.columns:
            yield (*loc, "key"), _unknown_field_of(rule.key, source, rule.source)
    if rule.formula == "continuity":
        yield from _check_against(mapping, loc, rule)
    elif rule.against is not None:
        yield (*loc, "against"), msg("only continuity compares two sources")


def _check_against(mapping: ExportMapping, loc: Loc, rule: FactRule) -> Iterator[tuple[Loc, Message]]:
    if rule.against is None:
        yield (*loc, "against"), msg('continuity needs the source of who is still there: against = "..."')
        return
    other = mapping.sources.get(rule.against)
    if other is None:
        yield (*loc, "against"), _unknown_source(rule.against, mapping)
    elif rule.key is not None and rule.key not in other.columns:
        yield (
            (*loc, "key"),
            msg(
                "field '{field}' is not in the columns of source '{source}'",
                field=rule.key,
                source=rule.against,
            ),
        )


def _check_followup(mapping: ExportMapping, rule: FollowupRule) -> Iterator[tuple[Loc, Message]]:
    loc: Loc = ("followup",)
    source = mapping.sources.get(rule.source)
    if source is None:
        yield (*loc, "source"), _unknown_source(rule.source, mapping)
        return
    for role in ("action", "status", "note", "due"):
        field = getattr(rule, role)
        if field is not None and field not in source.columns:
            yield (*loc, role), _unknown_field_of(field, source, rule.source)
    seen: dict[str, str] = {}
    for status in ("done", "in_progress", "not_started", "dropped"):
        for value in getattr(rule, status):
            earlier = seen.setdefault(value.casefold(), status)
            if earlier != status:
                yield (
                    (*loc, status),
                    msg("'{value}' is also listed under {status}", value=value, status=earlier),
                )


def integer_formula(formula: str) -> bool:
    """Whether a formula gives whole numbers (a count) rather than a ratio or a rate."""
    return formula in _INTEGER_FORMULAS
