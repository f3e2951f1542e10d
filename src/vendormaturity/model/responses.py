"""Response sets as pydantic models: what the respondents of one assessment answered, and the facts.

A response set is a TOML or JSON file (or a model built in code).
:func:`vendormaturity.load_responses` validates one against its questionnaire and reports
every problem at once; nothing is dropped.
"""

from __future__ import annotations

import contextlib
import datetime
import enum
import json
import re
import unicodedata
from typing import Annotated, Any, Literal

import tomli_w
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    model_validator,
)

from vendormaturity.i18n import msg
from vendormaturity.model.questionnaire import Side

__all__ = [
    "ActionStatus",
    "Answer",
    "FactOrigin",
    "FactProvenance",
    "FactValue",
    "FollowUp",
    "Respondent",
    "ResponseSet",
    "Role",
    "dump_responses",
    "respondent_id",
]

Answer = StrictInt | StrictFloat | StrictStr
FactValue = StrictBool | StrictInt | StrictFloat | StrictStr
Text = Annotated[str, Field(max_length=10_000)]


class Role(enum.StrEnum):
    EXECUTIVE = "executive"
    MANAGER = "manager"
    OPERATIONAL = "operational"
    OTHER = "other"


class ActionStatus(enum.StrEnum):
    DONE = "done"
    IN_PROGRESS = "in_progress"
    NOT_STARTED = "not_started"
    DROPPED = "dropped"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Respondent(_Model):
    """One person who answered, on one side of the relationship."""

    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.@-]*$", max_length=64)]
    side: Literal[Side.CLIENT, Side.SUPPLIER]
    role: Role = Role.OPERATIONAL
    name: Annotated[str, Field(max_length=200)] | None = None
    answers: dict[str, Answer] = {}
    comments: dict[str, Text] = {}
    comment: Text | None = None


class FollowUp(_Model):
    """The status of an action of the previous improvement plan."""

    action: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
    status: ActionStatus
    note: Text | None = None


class FactProvenance(_Model):
    """Where a fact computed from operational exports comes from, or why it could not be computed.

    Exactly one of ``value`` (the value computed, equal to the fact's value in the response
    set) and ``missing`` (why no value could be computed; the fact is then absent) is given.
    """

    value: FactValue | None = None
    missing: Text | dict[str, Text] | None = None  # why, by language (a plain text in files written by hand)
    mapping: Annotated[str, Field(min_length=1, max_length=200)]  # a bundled mapping id, or its file
    source: Annotated[str, Field(min_length=1, max_length=64)]  # the mapping's source: "incidents"
    files: list[Annotated[str, Field(max_length=1000)]] = []  # the export files read
    start: datetime.date  # first day of the window the rows were counted over
    end: datetime.date  # last day of that window (inclusive)
    formula: Annotated[str, Field(min_length=1, max_length=500)]  # the mapping's formula, as written
    filter: Annotated[str, Field(max_length=1000)] | None = None  # which rows counted, in the mapping's terms
    rows: Annotated[int, Field(ge=0)] | None = None  # rows that counted
    of: Annotated[int, Field(ge=0)] | None = None  # rows considered in the window
    words: dict[str, Text] = {}  # the computation in plain words, by language

    @model_validator(mode="after")
    def _value_or_missing(self) -> FactProvenance:
        if (self.value is None) == (self.missing is None):
            raise ValueError(msg("give either `value` (the fact was computed) or `missing` (why it was not)"))
        if self.end < self.start:
            raise ValueError(msg("`end` ({end}) is before `start` ({start})", end=self.end, start=self.start))
        return self


class FactOrigin(_Model):
    """Where a fact that this round did not give comes from: an earlier round or a derivation.

    ``carried``: the value the round dated ``round`` gave (its file, when known); a round
    that gives the fact itself wins. ``derived``: computed by ``rule`` (the questionnaire's
    ``derive``) from the facts it names, which ``inputs`` lists.
    """

    kind: Literal["carried", "derived"]
    round: datetime.date | None = None  # carried: the round that gave the value
    file: Annotated[str, Field(max_length=1000)] | None = None  # carried: that round's file
    rule: Annotated[str, Field(max_length=500)] | None = None  # derived: the expression
    inputs: list[Annotated[str, Field(max_length=64)]] = []  # derived: the facts it read

    @model_validator(mode="after")
    def _complete(self) -> FactOrigin:
        if self.kind == "carried" and self.round is None:
            raise ValueError(msg("a carried fact names the `round` (its date) that gave it"))
        if self.kind == "derived" and self.rule is None:
            raise ValueError(msg("a derived fact names the `rule` that computed it"))
        return self


class ResponseSet(_Model):
    """One assessment of one relationship: respondents, answers, facts, follow-up."""

    schema_version: Literal[1] = 1
    questionnaire: Annotated[str, Field(min_length=1, max_length=200)]
    questionnaire_version: Annotated[str, Field(pattern=r"^\d+\.\d+\.\d+$")]
    relationship: Annotated[str, Field(min_length=1, max_length=200)]
    client: Annotated[str, Field(min_length=1, max_length=200)]
    supplier: Annotated[str, Field(min_length=1, max_length=200)]
    date: datetime.date
    facts: dict[str, FactValue] = {}
    provenance: dict[str, FactProvenance] = {}  # facts computed from operational exports
    origins: dict[str, FactOrigin] = {}  # facts carried from an earlier round or derived
    respondents: Annotated[list[Respondent], Field(min_length=1)]
    followup: list[FollowUp] = []
    comment: Text | None = None

    @model_validator(mode="before")
    @classmethod
    def _dates_as_text(cls, data: object) -> object:
        """A date fact read from TOML (``contract_end = 2027-06-30``) is held as its ISO text,
        as JSON gives it."""
        if isinstance(data, dict) and isinstance(data.get("facts"), dict):
            facts = data["facts"]
            if any(value.__class__ is datetime.date for value in facts.values()):
                data = {
                    **data,
                    "facts": {
                        key: value.isoformat() if value.__class__ is datetime.date else value
                        for key, value in facts.items()
                    },
                }
        return data


_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def dump_responses(responses: ResponseSet, *, format: str = "toml") -> str:
    """The response set as TOML (default) or JSON text; loading it back gives an equal model."""
    data = _without_empty(responses.model_dump(mode="json", exclude_none=True))
    if format == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    data["date"] = responses.date  # a real TOML date, not a string
    for fact_id, value in responses.facts.items():  # date facts too (no other fact is written so)
        if isinstance(value, str) and _DAY.match(value):
            with contextlib.suppress(ValueError):  # not a day of the calendar: kept as text
                data["facts"][fact_id] = datetime.date.fromisoformat(value)
    for fact_id, origin in responses.origins.items():
        if origin.round is not None:
            data["origins"][fact_id]["round"] = origin.round
    for fact_id, record in responses.provenance.items():
        data["provenance"][fact_id].update(start=record.start, end=record.end)
    return tomli_w.dumps(data)


def _without_empty(data: dict[str, Any]) -> dict[str, Any]:
    """Leave out empty lists and tables (their defaults), so written files stay readable."""
    cleaned: dict[str, Any] = {}
    for key, value in data.items():
        kept = value
        if isinstance(value, dict):
            kept = _without_empty(value)
        elif isinstance(value, list):
            kept = [_without_empty(item) if isinstance(item, dict) else item for item in value]
        if kept in ([], {}):
            continue
        cleaned[key] = kept
    return cleaned


# letters that carry no accent to drop, spelled as people spell them without it
_LATIN = str.maketrans(
    {
        "Ł": "L",
        "ł": "l",
        "Ø": "O",
        "ø": "o",
        "Đ": "D",
        "đ": "d",
        "ß": "ss",
        "Æ": "AE",
        "æ": "ae",
        "Œ": "OE",
        "œ": "oe",
    }
)


def respondent_id(name: str) -> str:
    """The id a respondent named *name* gets: accents dropped, lower case, a hyphen between
    words ("Aïcha Benali" → "aicha-benali"); empty when no letter or digit is left."""
    plain = unicodedata.normalize("NFKD", name.translate(_LATIN))
    ascii_only = "".join(character for character in plain if not unicodedata.combining(character)).lower()
    return re.sub(r"[^a-z0-9_.@-]+", "-", ascii_only.strip()).strip("-._@")[:64]
