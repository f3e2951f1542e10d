"""What the JSON API takes: the bodies of its requests, as pydantic models (and in /openapi.json).

Bodies are read through the guarded reader first (:mod:`.bodies`), then validated here; a
value that does not fit is a located problem, as in a file.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal, TypeVar

import pydantic
from pydantic import BaseModel, ConfigDict, Field

from vendormaturity.i18n import msg
from vendormaturity.model.questionnaire import Side
from vendormaturity.model.responses import Answer, FactValue, Role
from vendormaturity.serve.errors import HttpError
from vendormaturity.sources.problems import pydantic_problems
from vendormaturity.sources.reader import SourceText
from vendormaturity.store.rounds import Answers, RespondentSpec, RoundSpec

__all__ = ["AnswersIn", "FactsIn", "RespondentIn", "RespondentsIn", "RoundIn", "validated"]

Name = Annotated[str, Field(min_length=1, max_length=200)]
Text = Annotated[str, Field(max_length=10_000)]
MAX_RESPONDENTS = 1_000


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RespondentIn(_Body):
    """A person asked to answer."""

    name: Name
    side: Literal["client", "supplier"]
    role: Role = Role.OPERATIONAL
    lang: Annotated[str, Field(pattern=r"^[a-z]{2,3}$")] = "en"
    lead: bool = False
    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.@-]*$", max_length=64)] | None = None

    def spec(self) -> RespondentSpec:
        return RespondentSpec(
            name=self.name, side=Side(self.side), role=self.role, lang=self.lang, lead=self.lead, id=self.id
        )


class RoundIn(_Body):
    """A round to open: the relationship, its questionnaire and date, who answers, and facts known."""

    relationship: Name
    client: Name
    supplier: Name
    questionnaire: Name = "relationship"
    date: datetime.date
    respondents: Annotated[list[RespondentIn], Field(min_length=1, max_length=MAX_RESPONDENTS)]
    facts: dict[str, FactValue] = {}
    accept_dates: bool = False  # a date before 1990 or more than a week ahead, meant

    def spec(self) -> RoundSpec:
        return RoundSpec(
            relationship=self.relationship,
            client=self.client,
            supplier=self.supplier,
            questionnaire=self.questionnaire,
            date=self.date,
            respondents=tuple(person.spec() for person in self.respondents),
            facts=dict(self.facts),
        )


class RespondentsIn(_Body):
    """More respondents for an open round."""

    respondents: Annotated[list[RespondentIn], Field(min_length=1, max_length=MAX_RESPONDENTS)]


class AnswersIn(_Body):
    """A respondent's answers, the whole of them (what the page sends): by question id, a value of
    the question's scale or a don't-know code; comments by question id; one general comment."""

    answers: dict[str, Answer] = {}
    comments: dict[str, Text] = {}
    comment: Text | None = None
    submit: bool = False  # True: the respondent says they are done (they may still change them)

    def given(self) -> Answers:
        return Answers(
            answers=dict(self.answers), comments=dict(self.comments), comment=self.comment, submit=self.submit
        )


class FactsIn(_Body):
    """The round's facts, given by its lead (the whole of them)."""

    facts: dict[str, FactValue]


Model = TypeVar("Model", bound=BaseModel)


def validated(model: type[Model], source: SourceText, document: dict[str, Any]) -> Model:
    """*document* as *model*, or a 422 with every problem located."""
    try:
        return model.model_validate(document)
    except pydantic.ValidationError as error:
        problems = pydantic_problems(error, document, source, model)
        raise HttpError(
            422, "invalid", msg("the request body does not fit: see its problems"), problems=problems
        ) from None
