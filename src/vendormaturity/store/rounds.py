"""Rounds collected in the browser: opened by the team, answered through personal links, closed
into the portfolio.

    rounds = Rounds(engine)
    opened, links = rounds.open(spec, actor="team")       # one secret link token per respondent
    rounds.save(links["claire-martin"], Answers(answers={"q01": 4}))
    rounds.close(opened.id, actor="team")                  # the portfolio's own `add`

A link is the respondent's key: 256 random bits, of which only the SHA-256 is stored; it
reaches that respondent's answers only, and nothing once the round is closed. Closing
builds the round's response set and adds it through :class:`~vendormaturity.Portfolio`,
so the stored result is what ``assess`` gives on the same answers. Every write is one
short transaction; a save and a close of the same round are ordered by a lock on the
round's row (on SQLite, by the database's single writer), so an answer acknowledged before
the close is in the portfolio and one after it is refused.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import secrets
from collections.abc import Mapping, Sequence
from typing import Any

import attrs
import sqlalchemy as sa
from sqlalchemy import exc

from vendormaturity.engine.checks import check_responses
from vendormaturity.engine.compiler import compile_questionnaire
from vendormaturity.engine.scoring import not_asked
from vendormaturity.errors import Loc, NotFoundError, Problem, ResponseError, VendorMaturityError, format_path
from vendormaturity.i18n import Message, msg, nmsg
from vendormaturity.model.questionnaire import Questionnaire, Side
from vendormaturity.model.responses import Answer, FactValue, Respondent, ResponseSet, Role, respondent_id
from vendormaturity.model.result import AssessmentResult
from vendormaturity.sources.questionnaires import bundled_questionnaires, load_questionnaire
from vendormaturity.sources.responses import responses_from_dict
from vendormaturity.store.schema import row_transaction, write_transaction
from vendormaturity.store.tables import (
    serve_audit,
    serve_respondents,
    serve_rounds,
    serve_throttle,
    serve_tokens,
)

__all__ = [
    "TOKEN_BYTES",
    "Answers",
    "ClosedError",
    "Closing",
    "ConflictError",
    "Link",
    "Opened",
    "RespondentSpec",
    "RespondentView",
    "RoundSpec",
    "RoundView",
    "Rounds",
    "Saved",
    "Seat",
    "Throttle",
    "TokenOwner",
    "token_hash",
]

TOKEN_BYTES = 32  # 256 random bits in every link and API token
OPEN, CLOSED = "open", "closed"


class ConflictError(VendorMaturityError):
    """What was asked contradicts what is stored (a round of that date exists, nobody answered…)."""


class ClosedError(VendorMaturityError):
    """The round is closed: its links no longer open anything, its answers are in the portfolio."""


def new_token(prefix: str = "") -> str:
    """A fresh secret: *prefix* and 256 random bits, URL-safe."""
    return prefix + secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    """What is stored of a secret: its SHA-256, in hexadecimal."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


# ---------------------------------------------------------------------- what goes in and out


@attrs.frozen
class RespondentSpec:
    """A person asked to answer: their side, role and language; the lead also gives the facts."""

    name: str
    side: Side
    role: Role = Role.OPERATIONAL
    lang: str = "en"
    lead: bool = False
    id: str | None = None  # the respondent's id in the response set; from the name when not given


@attrs.frozen
class RoundSpec:
    relationship: str
    client: str
    supplier: str
    questionnaire: str
    date: datetime.date
    respondents: tuple[RespondentSpec, ...]
    facts: Mapping[str, FactValue] = attrs.field(factory=dict)


@attrs.frozen
class Answers:
    """What a respondent's page (or an application for them) saves: the whole of their answers."""

    answers: Mapping[str, Answer] = attrs.field(factory=dict)
    comments: Mapping[str, str] = attrs.field(factory=dict)
    comment: str | None = None
    submit: bool = False


@attrs.frozen
class Link:
    """A respondent's personal link token, shown once: only its hash is kept."""

    respondent: str
    token: str


@attrs.frozen
class RespondentView:
    id: str
    name: str | None
    side: Side
    role: Role
    lang: str
    lead: bool
    answered: int  # questions answered (a don't-know counts: it was answered)
    asked: int  # questions of their side that apply, given their answers
    saves: int
    saved_at: datetime.datetime | None
    submitted_at: datetime.datetime | None
    reminded_at: datetime.datetime | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "side": self.side.value,
            "role": self.role.value,
            "lang": self.lang,
            "lead": self.lead,
            "answered": self.answered,
            "asked": self.asked,
            "saves": self.saves,
            "saved_at": _iso(self.saved_at),
            "submitted_at": _iso(self.submitted_at),
            "reminded_at": _iso(self.reminded_at),
        }


@attrs.frozen
class RoundView:
    id: int
    relationship: str
    client: str
    supplier: str
    questionnaire: str
    questionnaire_version: str
    date: datetime.date
    status: str
    facts: dict[str, FactValue]
    opened_by: str
    opened_at: datetime.datetime
    closed_at: datetime.datetime | None
    respondents: tuple[RespondentView, ...]

    @property
    def is_open(self) -> bool:
        return self.status == OPEN

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "relationship": self.relationship,
            "client": self.client,
            "supplier": self.supplier,
            "questionnaire": self.questionnaire,
            "questionnaire_version": self.questionnaire_version,
            "date": self.date.isoformat(),
            "status": self.status,
            "facts": dict(self.facts),
            "opened_by": self.opened_by,
            "opened_at": _iso(self.opened_at),
            "closed_at": _iso(self.closed_at),
            "respondents": [respondent.as_dict() for respondent in self.respondents],
            "answered": sum(1 for respondent in self.respondents if respondent.answered),
            "submitted": sum(1 for respondent in self.respondents if respondent.submitted_at),
        }


@attrs.frozen
class Opened:
    round: RoundView
    links: tuple[Link, ...]


@attrs.frozen
class Seat:
    """What a link opens: one respondent of one open round, with what they saved."""

    round: RoundView
    respondent: RespondentView
    questionnaire: Questionnaire
    answers: dict[str, Answer]
    comments: dict[str, str]
    comment: str | None

    def asked(self) -> list[str]:
        """The ids of the questions this respondent is asked now, in the questionnaire's order."""
        return _asked(self.questionnaire, self.respondent.side, self.answers)


@attrs.frozen
class Saved:
    answered: int
    asked: tuple[str, ...]  # the questions that apply, given the answers saved
    set_aside: tuple[str, ...]  # answers given to questions that do not apply: not kept
    submitted: bool

    def as_dict(self) -> dict[str, Any]:
        return {
            "answered": self.answered,
            "asked": list(self.asked),
            "set_aside": list(self.set_aside),
            "submitted": self.submitted,
        }


@attrs.frozen
class Closing:
    round: RoundView
    result: AssessmentResult
    responses: ResponseSet
    left_out: tuple[str, ...]  # respondents who answered nothing


@attrs.frozen
class TokenOwner:
    id: int
    name: str


# ---------------------------------------------------------------------- questions asked


def _side_questions(q: Questionnaire, side: Side) -> list[str]:
    return [question.id for question in q.questions if question.side in (Side.BOTH, side)]


def _asked(q: Questionnaire, side: Side, answers: Mapping[str, Answer]) -> list[str]:
    """The questions of *side* that apply: the engine's own skip logic, on these answers."""
    skipped = {question.id for question in not_asked(compile_questionnaire(q), answers, side)}
    return [question for question in _side_questions(q, side) if question not in skipped]


def _bundled(questionnaire_id: str) -> Questionnaire:
    known = bundled_questionnaires()
    if questionnaire_id not in known:
        raise NotFoundError(
            Problem(
                msg(
                    "no bundled questionnaire '{questionnaire}' (bundled: {known})",
                    questionnaire=questionnaire_id,
                    known=", ".join(known),
                ),
                path="questionnaire",
            ).as_message()
        )
    return load_questionnaire(questionnaire_id)


def _located(
    problems: Sequence[tuple[Loc, Message]], document: Any, rename: Mapping[str, str]
) -> list[Problem]:
    """The engine's problems about a one-respondent response set, said of what was sent."""
    found = []
    for loc, message in problems:
        where: Loc = loc
        if len(loc) > 2 and loc[0] == "respondents":
            where = loc[2:]
        where = (rename.get(str(where[0]), where[0]), *where[1:]) if where else where
        found.append(Problem(message, path=format_path(document, where), file=_BODY))
    return found


_BODY = "request body"


# ---------------------------------------------------------------------- the rounds


class Rounds:
    """The rounds of one portfolio database, collected through links."""

    def __init__(self, engine: sa.Engine, *, throttle: Throttle | None = None) -> None:
        self.engine = engine
        self.throttle = throttle or Throttle(engine)

    # -------------------------------------------------------------- reading

    def _respondent_views(self, q: Questionnaire | None, rows: Sequence[Any]) -> tuple[RespondentView, ...]:
        views = []
        for row in rows:
            side = Side(row.side)
            answers = dict(row.answers or {})
            asked = _asked(q, side, answers) if q is not None else list(answers)
            views.append(
                RespondentView(
                    id=row.respondent,
                    name=row.name,
                    side=side,
                    role=Role(row.role),
                    lang=row.lang,
                    lead=bool(row.lead),
                    answered=sum(1 for question in asked if question in answers),
                    asked=len(asked),
                    saves=row.saves,
                    saved_at=_aware(row.saved_at),
                    submitted_at=_aware(row.submitted_at),
                    reminded_at=_aware(row.reminded_at),
                )
            )
        return tuple(views)

    def _view(self, connection: sa.Connection, row: Any) -> RoundView:
        people = connection.execute(
            sa.select(serve_respondents)
            .where(serve_respondents.c.round_id == row.id)
            .order_by(serve_respondents.c.id)
        ).all()
        q = _loaded(row.questionnaire)
        return RoundView(
            id=row.id,
            relationship=row.relationship,
            client=row.client,
            supplier=row.supplier,
            questionnaire=row.questionnaire,
            questionnaire_version=row.questionnaire_version,
            date=row.date,
            status=row.status,
            facts=dict(row.facts or {}),
            opened_by=row.opened_by,
            opened_at=_aware(row.opened_at) or _now(),
            closed_at=_aware(row.closed_at),
            respondents=self._respondent_views(q, people),
        )

    def get(self, round_id: int) -> RoundView:
        with self.engine.connect() as connection:
            row = connection.execute(sa.select(serve_rounds).where(serve_rounds.c.id == round_id)).first()
            if row is None:
                raise NotFoundError(msg("no round {id}", id=round_id))
            return self._view(connection, row)

    def all(self, *, status: str | None = None) -> list[RoundView]:
        """Every round, newest first (open ones only, or closed ones only, with *status*)."""
        query = sa.select(serve_rounds).order_by(serve_rounds.c.id.desc())
        if status is not None:
            query = query.where(serve_rounds.c.status == status)
        with self.engine.connect() as connection:
            return [self._view(connection, row) for row in connection.execute(query).all()]

    def audit(self, round_id: int | None = None) -> list[dict[str, Any]]:
        """What was done, oldest first: by whom, when, to which round."""
        query = sa.select(serve_audit).order_by(serve_audit.c.id)
        if round_id is not None:
            query = query.where(serve_audit.c.round_id == round_id)
        with self.engine.connect() as connection:
            return [
                {
                    "at": _iso(_aware(row.at)),
                    "actor": row.actor,
                    "action": row.action,
                    "round": row.round_id,
                    "detail": row.detail,
                }
                for row in connection.execute(query).all()
            ]

    # -------------------------------------------------------------- the team

    def open(self, spec: RoundSpec, *, actor: str, stored_dates: Sequence[datetime.date] = ()) -> Opened:
        """Open a round: check it against its questionnaire, give each respondent a link.

        *stored_dates* are the dates of the rounds the portfolio already holds for the
        relationship: a round of one of those dates could not be stored when closed.
        """
        q = _bundled(spec.questionnaire)
        self._check_spec(q, spec, stored_dates)
        now = _now()
        with row_transaction(self.engine) as connection:
            taken = connection.execute(
                sa.select(serve_rounds.c.id).where(
                    serve_rounds.c.relationship == spec.relationship, serve_rounds.c.date == spec.date
                )
            ).first()
            if taken is not None:
                raise ConflictError(
                    msg(
                        "relationship '{relationship}' already has a round dated {date} (round {id})",
                        relationship=spec.relationship,
                        date=spec.date.isoformat(),
                        id=taken.id,
                    )
                )
            round_id = connection.execute(
                sa.insert(serve_rounds)
                .values(
                    relationship=spec.relationship,
                    client=spec.client,
                    supplier=spec.supplier,
                    questionnaire=q.id,
                    questionnaire_version=q.version,
                    date=spec.date,
                    status=OPEN,
                    facts=dict(spec.facts),
                    opened_by=actor,
                    opened_at=now,
                )
                .returning(serve_rounds.c.id)
            ).scalar_one()
            links = self._seat(connection, round_id, spec.respondents, [])
            _log(connection, actor, "round_opened", round_id, {"respondents": len(links)})
            row = connection.execute(sa.select(serve_rounds).where(serve_rounds.c.id == round_id)).one()
            return Opened(self._view(connection, row), tuple(links))

    def _check_spec(self, q: Questionnaire, spec: RoundSpec, stored: Sequence[datetime.date]) -> None:
        if spec.date in stored:
            raise ConflictError(
                msg(
                    "relationship '{relationship}' already has a round dated {date} in the portfolio",
                    relationship=spec.relationship,
                    date=spec.date.isoformat(),
                )
            )
        stand_in = Respondent(id="lead", side=Side.CLIENT)
        rs = ResponseSet.model_construct(
            questionnaire=q.id,
            questionnaire_version=q.version,
            relationship=spec.relationship,
            client=spec.client,
            supplier=spec.supplier,
            date=spec.date,
            facts=dict(spec.facts),
            provenance={},
            respondents=[stand_in],
            followup=[],
        )
        problems = check_responses(compile_questionnaire(q), rs)
        if problems:
            raise ResponseError(_located(problems, {"facts": dict(spec.facts)}, {}))

    def _seat(
        self,
        connection: sa.Connection,
        round_id: int,
        people: Sequence[RespondentSpec],
        taken: Sequence[str],
    ) -> list[Link]:
        used = set(taken)
        links = []
        for index, person in enumerate(people, start=1):
            base = person.id or respondent_id(person.name) or f"respondent-{len(used) + index}"
            chosen, count = base, 2
            while chosen in used:
                if person.id is not None:
                    raise ConflictError(
                        msg("respondent '{respondent}' is already in this round", respondent=person.id)
                    )
                chosen, count = f"{base[:60]}-{count}", count + 1
            used.add(chosen)
            token = new_token()
            connection.execute(
                sa.insert(serve_respondents).values(
                    round_id=round_id,
                    respondent=chosen,
                    name=person.name,
                    side=person.side.value,
                    role=person.role.value,
                    lang=person.lang,
                    lead=person.lead,
                    token_hash=token_hash(token),
                    answers={},
                    comments={},
                    comment=None,
                    saves=0,
                )
            )
            links.append(Link(chosen, token))
        return links

    def _open_row(self, connection: sa.Connection, round_id: int, *, exclusive: bool) -> Any:
        """The round's row, locked against a close (*exclusive*: against saves too); open, or an error."""
        row = connection.execute(
            sa.select(serve_rounds).where(serve_rounds.c.id == round_id).with_for_update(read=not exclusive)
        ).first()
        if row is None:
            raise NotFoundError(msg("no round {id}", id=round_id))
        if row.status != OPEN:
            raise ClosedError(msg("round {id} is closed", id=round_id))
        return row

    def add_respondents(self, round_id: int, people: Sequence[RespondentSpec], *, actor: str) -> list[Link]:
        """More respondents in an open round, each with a link."""
        with row_transaction(self.engine) as connection:
            self._open_row(connection, round_id, exclusive=False)
            taken = connection.execute(
                sa.select(serve_respondents.c.respondent).where(serve_respondents.c.round_id == round_id)
            ).scalars()
            links = self._seat(connection, round_id, people, list(taken))
            for link in links:
                _log(connection, actor, "respondent_added", round_id, {"respondent": link.respondent})
            return links

    def remind(self, round_id: int, respondent: str, *, actor: str) -> Link:
        """A fresh link for a respondent who has not answered yet (or lost theirs); the old one
        stops working, what they saved is kept."""
        token = new_token()
        with row_transaction(self.engine) as connection:
            self._open_row(connection, round_id, exclusive=False)
            changed = connection.execute(
                sa.update(serve_respondents)
                .where(serve_respondents.c.round_id == round_id, serve_respondents.c.respondent == respondent)
                .values(token_hash=token_hash(token), reminded_at=_now())
            ).rowcount
            if not changed:
                raise NotFoundError(
                    msg("no respondent '{respondent}' in round {id}", respondent=respondent, id=round_id)
                )
            _log(connection, actor, "reminded", round_id, {"respondent": respondent})
        return Link(respondent, token)

    def close(self, round_id: int, *, actor: str) -> Closing:
        """Assess the round and store it in the portfolio, as ``portfolio add`` would.

        One transaction: the round is marked closed and its response set added through the
        portfolio (a savepoint of it), or nothing is. A second close finds the round closed.
        """
        from vendormaturity.store.portfolio import Portfolio

        with write_transaction(self.engine) as connection:
            row = self._open_row(connection, round_id, exclusive=True)
            people = connection.execute(
                sa.select(serve_respondents)
                .where(serve_respondents.c.round_id == round_id)
                .order_by(serve_respondents.c.id)
            ).all()
            q = _bundled(row.questionnaire)
            responses, left_out = self._responses(q, row, people)
            portfolio = Portfolio(connection)
            portfolio.add_responses([responses], questionnaire=q, source=f"round {round_id}")
            result = portfolio.result(row.relationship, row.date)
            connection.execute(
                sa.update(serve_rounds)
                .where(serve_rounds.c.id == round_id)
                .values(status=CLOSED, closed_at=_now())
            )
            _log(
                connection,
                actor,
                "round_closed",
                round_id,
                {"respondents": len(responses.respondents), "phase": result.phase.value},
            )
            closed = connection.execute(sa.select(serve_rounds).where(serve_rounds.c.id == round_id)).one()
            return Closing(self._view(connection, closed), result, responses, tuple(left_out))

    def _responses(self, q: Questionnaire, row: Any, people: Sequence[Any]) -> tuple[ResponseSet, list[str]]:
        """The round as a response set, checked as a response file is."""
        respondents: list[dict[str, Any]] = []
        left_out = []
        for person in people:
            if not person.answers and not person.comments and not person.comment:
                left_out.append(person.respondent)
                continue
            entry: dict[str, Any] = {
                "id": person.respondent,
                "side": person.side,
                "role": person.role,
                "answers": dict(person.answers),
            }
            if person.name:
                entry["name"] = person.name
            if person.comments:
                entry["comments"] = dict(person.comments)
            if person.comment:
                entry["comment"] = person.comment
            respondents.append(entry)
        if not respondents:
            raise ConflictError(msg("nobody has answered yet; the round stays open"))
        document: dict[str, Any] = {
            "schema_version": 1,
            "questionnaire": q.id,
            "questionnaire_version": row.questionnaire_version,
            "relationship": row.relationship,
            "client": row.client,
            "supplier": row.supplier,
            "date": row.date.isoformat(),
            "facts": dict(row.facts or {}),
            "respondents": respondents,
        }
        name = f"round {row.id}"
        return responses_from_dict(document, q, name=name, accept_dates=True), left_out

    # -------------------------------------------------------------- a respondent

    def seat(self, token: str) -> Seat:
        """What *token* opens: :class:`NotFoundError` for no such link, :class:`ClosedError` once closed."""
        with self.engine.connect() as connection:
            person = connection.execute(
                sa.select(serve_respondents).where(serve_respondents.c.token_hash == token_hash(token))
            ).first()
            if person is None or not hmac.compare_digest(person.token_hash, token_hash(token)):
                raise NotFoundError(msg("this link is not valid (or a newer one replaced it)"))
            row = connection.execute(
                sa.select(serve_rounds).where(serve_rounds.c.id == person.round_id)
            ).one()
            if row.status != OPEN:
                raise ClosedError(msg("this round is closed: answers are no longer taken"))
            view = self._view(connection, row)
        q = _bundled(row.questionnaire)
        (me,) = self._respondent_views(q, [person])
        return Seat(
            round=view,
            respondent=me,
            questionnaire=q,
            answers=dict(person.answers or {}),
            comments=dict(person.comments or {}),
            comment=person.comment,
        )

    def save(self, token: str, given: Answers, *, seat: Seat | None = None) -> Saved:
        """Replace what the respondent saved with *given*; answers to questions that do not apply
        (the questionnaire's skip logic on these answers) are set aside, not kept.

        Raises :class:`ResponseError` with every problem located in what was sent.
        """
        seat = seat or self.seat(token)
        q, me = seat.questionnaire, seat.respondent
        self._check_answers(q, me, given)
        asked = _asked(q, me.side, given.answers)
        kept = {key: value for key, value in given.answers.items() if key in asked}
        set_aside = tuple(key for key in given.answers if key not in asked)
        comments = {key: text for key, text in given.comments.items() if key in asked and text.strip()}
        comment = given.comment if given.comment and given.comment.strip() else None
        now = _now()
        values: dict[str, Any] = {
            "answers": kept,
            "comments": comments,
            "comment": comment,
            "saves": serve_respondents.c.saves + 1,
            "saved_at": now,
        }
        if given.submit:
            values["submitted_at"] = now
        with row_transaction(self.engine) as connection:
            try:
                self._open_row(connection, seat.round.id, exclusive=False)
            except ClosedError:
                raise ClosedError(msg("this round is closed: answers are no longer taken")) from None
            changed = connection.execute(
                sa.update(serve_respondents)
                .where(serve_respondents.c.token_hash == token_hash(token))
                .values(**values)
            ).rowcount
            if not changed:
                raise NotFoundError(msg("this link is not valid (or a newer one replaced it)"))
            if given.submit:
                _log(connection, f"respondent:{me.id}", "submitted", seat.round.id, {"answered": len(kept)})
        return Saved(
            answered=len(kept), asked=tuple(asked), set_aside=set_aside, submitted=bool(given.submit)
        )

    def _check_answers(self, q: Questionnaire, me: RespondentView, given: Answers) -> None:
        respondent = Respondent.model_construct(
            id=me.id,
            side=Side.CLIENT if me.side is Side.CLIENT else Side.SUPPLIER,
            role=me.role,
            name=None,
            answers=dict(given.answers),
            comments=dict(given.comments),
            comment=given.comment,
        )
        rs = ResponseSet.model_construct(
            questionnaire=q.id,
            questionnaire_version=q.version,
            relationship="",
            client="",
            supplier="",
            date=datetime.date.min,
            facts={},
            provenance={},
            respondents=[respondent],
            followup=[],
        )
        problems = check_responses(compile_questionnaire(q), rs)
        if problems:
            document = {"answers": dict(given.answers), "comments": dict(given.comments)}
            raise ResponseError(_located(problems, document, {}), summary=_count(problems))

    def save_facts(self, token: str, facts: Mapping[str, FactValue], *, seat: Seat | None = None) -> None:
        """The lead's facts of the round, replacing those given before."""
        seat = seat or self.seat(token)
        if not seat.respondent.lead:
            raise PermissionError(msg("only the round's lead gives the facts"))
        round_ = seat.round
        spec = RoundSpec(
            relationship=round_.relationship,
            client=round_.client,
            supplier=round_.supplier,
            questionnaire=round_.questionnaire,
            date=round_.date,
            respondents=(),
            facts=dict(facts),
        )
        self._check_spec(seat.questionnaire, spec, ())
        with row_transaction(self.engine) as connection:
            self._open_row(connection, round_.id, exclusive=False)
            connection.execute(
                sa.update(serve_rounds).where(serve_rounds.c.id == round_.id).values(facts=dict(facts))
            )
            _log(
                connection,
                f"respondent:{seat.respondent.id}",
                "facts_saved",
                round_.id,
                {"facts": len(facts)},
            )

    # -------------------------------------------------------------- API tokens

    def create_token(self, name: str) -> str:
        """A new API token named *name*; only its hash is stored, the token is shown once."""
        token = new_token("vmt_")
        with row_transaction(self.engine) as connection:
            connection.execute(
                sa.insert(serve_tokens).values(name=name, token_hash=token_hash(token), created_at=_now())
            )
            _log(connection, name, "token_created", None, {})
        return token

    def token_owner(self, token: str) -> TokenOwner | None:
        digest = token_hash(token)
        with self.engine.connect() as connection:
            row = connection.execute(
                sa.select(serve_tokens.c.id, serve_tokens.c.name, serve_tokens.c.token_hash).where(
                    serve_tokens.c.token_hash == digest
                )
            ).first()
        if row is None or not hmac.compare_digest(row.token_hash, digest):
            return None
        return TokenOwner(row.id, row.name)


def _count(problems: Sequence[object]) -> Message:
    return nmsg("{count} problem in the answers", "{count} problems in the answers", len(problems))


def _loaded(questionnaire_id: str) -> Questionnaire | None:
    try:
        return _bundled(questionnaire_id)
    except NotFoundError:
        return None


def _log(
    connection: sa.Connection, actor: str, action: str, round_id: int | None, detail: dict[str, Any]
) -> None:
    connection.execute(
        sa.insert(serve_audit).values(at=_now(), actor=actor, action=action, round_id=round_id, detail=detail)
    )


def _aware(value: datetime.datetime | None) -> datetime.datetime | None:
    """SQLite gives back naive times: they were written in UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=datetime.UTC)


def _iso(value: datetime.datetime | None) -> str | None:
    return None if value is None else value.isoformat()


# ---------------------------------------------------------------------- wrong tokens


@attrs.frozen
class Throttle:
    """Wrong tokens counted by client address, in the database so that every worker sees them.

    After *limit* wrong tokens within *window* seconds, an address is refused anything that
    carries a token until the window has passed: a guessing burst is slowed to *limit* tries
    a window, from any number of workers.
    """

    engine: sa.Engine
    limit: int = 20
    window: float = 60.0

    def wait(self, client: str) -> int:
        """Seconds *client* must wait before a token of theirs is looked at (0: go on)."""
        with self.engine.connect() as connection:
            row = connection.execute(
                sa.select(serve_throttle).where(serve_throttle.c.client == client[:64])
            ).first()
        if row is None or row.failures < self.limit:
            return 0
        left = self.window - (_now() - (_aware(row.since) or _now())).total_seconds()
        return max(0, int(left + 0.999))

    def failed(self, client: str) -> None:
        """Count a wrong token of *client*; a window that has passed starts again."""
        now = _now()
        key = client[:64]
        for _ in range(2):  # an insert that lost a race with another worker's becomes an update
            try:
                with row_transaction(self.engine) as connection:
                    row = connection.execute(
                        sa.select(serve_throttle).where(serve_throttle.c.client == key).with_for_update()
                    ).first()
                    if row is None:
                        connection.execute(
                            sa.insert(serve_throttle).values(client=key, failures=1, since=now)
                        )
                    elif (now - (_aware(row.since) or now)).total_seconds() >= self.window:
                        connection.execute(
                            sa.update(serve_throttle)
                            .where(serve_throttle.c.client == key)
                            .values(failures=1, since=now)
                        )
                    else:
                        connection.execute(
                            sa.update(serve_throttle)
                            .where(serve_throttle.c.client == key)
                            .values(failures=serve_throttle.c.failures + 1)
                        )
                return
            except exc.IntegrityError:
                continue
