"""The JSON API under ``/api/v1`` (described at ``/openapi.json``).

Team endpoints take ``Authorization: Bearer TOKEN``; a respondent's endpoints take their
link's token in the path. Bodies are read through the guarded reader, then validated;
every failure is a JSON error with its status and, for a body, its located problems.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from vendormaturity._version import __version__
from vendormaturity.errors import NotFoundError, ResponseError, VendorMaturityError
from vendormaturity.i18n import msg
from vendormaturity.serve import models
from vendormaturity.serve.bodies import read_json
from vendormaturity.serve.errors import HttpError, from_library
from vendormaturity.serve.security import client_of, refuse_bursts, team_from_header
from vendormaturity.serve.state import State, state_of
from vendormaturity.sources.plausibility import implausible_date
from vendormaturity.store.rounds import ClosedError, ConflictError, Link, Seat, TokenOwner

__all__ = ["router"]

router = APIRouter(prefix="/api/v1")


def link_json(state: State, request: Request, link: Link) -> dict[str, str]:
    return {"respondent": link.respondent, "token": link.token, "link": state.link(request, link.token)}


async def _team(request: Request) -> tuple[State, TokenOwner]:
    state = state_of(request)
    owner = await run_in_threadpool(team_from_header, request, state.rounds)
    return state, owner


def failure(error: VendorMaturityError) -> HttpError:
    """A library error as the API says it: 404, 409, 410 or 422."""
    if isinstance(error, ClosedError):
        return HttpError(410, "closed", error.message)
    if isinstance(error, ConflictError):
        return HttpError(409, "conflict", error.message)
    if isinstance(error, NotFoundError):
        return HttpError(404, "not_found", error.message)
    return from_library(error)


async def seat_of(request: Request, token: str) -> tuple[State, Seat]:
    """What a respondent's link opens; a wrong link is counted against its address."""
    state = state_of(request)
    await run_in_threadpool(refuse_bursts, request, state.rounds)
    try:
        seat = await run_in_threadpool(state.rounds.seat, token)
    except NotFoundError as error:
        await run_in_threadpool(state.rounds.throttle.failed, client_of(request))
        raise failure(error) from None
    except VendorMaturityError as error:
        raise failure(error) from None
    return state, seat


# ---------------------------------------------------------------------- stateless


@router.get("/health", operation_id="health", summary="Whether the server and its database answer")
async def health(request: Request) -> dict[str, Any]:
    state = state_of(request)
    await run_in_threadpool(state.ping)
    return {"status": "ok", "version": __version__}


@router.post(
    "/assess",
    operation_id="assess",
    summary="Assess a response set: exactly what `vendormaturity assess FILE --format json` prints",
)
async def assess(request: Request, accept_dates: bool = False) -> Response:
    """Nothing is stored. ``accept_dates`` confirms a date before 1990 or more than a week ahead."""
    await _team(request)
    source, document = await read_json(request)

    def assessed() -> str:
        import vendormaturity as vm
        from vendormaturity.render.json import render_json
        from vendormaturity.sources.responses import responses_from_document

        try:
            loaded = responses_from_document(source, document, accept_dates=accept_dates)
            q = vm.load_questionnaire(loaded.responses.questionnaire)
            return render_json(vm.assess(q, loaded.responses))
        except VendorMaturityError as error:
            raise from_library(error) from None

    text = await run_in_threadpool(assessed)
    return Response(text + "\n", media_type="application/json")


# ---------------------------------------------------------------------- rounds (team)


@router.post("/rounds", operation_id="open_round", summary="Open a round: a personal link per respondent")
async def open_round(request: Request) -> JSONResponse:
    state, owner = await _team(request)
    source, document = await read_json(request)
    body = models.validated(models.RoundIn, source, document)
    spec = body.spec()
    _languages(state, spec.respondents)
    odd = None if body.accept_dates else implausible_date(spec.date)
    if odd is not None:
        raise HttpError(
            422,
            "invalid",
            msg("{problem}; correct it, or confirm it with accept_dates: true", problem=odd),
        )

    def opened() -> Any:
        try:
            return state.rounds.open(
                spec, actor=owner.name, stored_dates=state.stored_dates(spec.relationship)
            )
        except VendorMaturityError as error:
            raise failure(error) from None

    done = await run_in_threadpool(opened)
    body_out = done.round.as_dict()
    body_out["links"] = [link_json(state, request, link) for link in done.links]
    return JSONResponse(body_out, status_code=201)


def _languages(state: State, people: Any) -> None:
    wrong = [person.lang for person in people if person.lang not in state.languages]
    if wrong:
        raise HttpError(
            422,
            "invalid",
            msg(
                "no catalogue for language '{lang}' (languages: {known})",
                lang=wrong[0],
                known=", ".join(state.languages),
            ),
        )


@router.get("/rounds", operation_id="list_rounds", summary="Every round, newest first")
async def list_rounds(request: Request, status: str | None = None) -> list[dict[str, Any]]:
    state, _ = await _team(request)
    if status not in (None, "open", "closed"):
        raise HttpError(422, "invalid", msg("status is open or closed, not '{status}'", status=status))
    rounds = await run_in_threadpool(lambda: state.rounds.all(status=status))
    return [round_.as_dict() for round_ in rounds]


@router.get("/rounds/{round_id}", operation_id="get_round", summary="A round: who has answered and how far")
async def get_round(request: Request, round_id: int) -> dict[str, Any]:
    state, _ = await _team(request)
    try:
        view = await run_in_threadpool(state.rounds.get, round_id)
    except VendorMaturityError as error:
        raise failure(error) from None
    return view.as_dict()


@router.get(
    "/rounds/{round_id}/audit", operation_id="round_audit", summary="What was done in a round, and by whom"
)
async def round_audit(request: Request, round_id: int) -> list[dict[str, Any]]:
    state, _ = await _team(request)
    await get_round(request, round_id)
    return await run_in_threadpool(state.rounds.audit, round_id)


@router.post(
    "/rounds/{round_id}/respondents",
    operation_id="add_respondents",
    summary="Add respondents to an open round: a link each",
)
async def add_respondents(request: Request, round_id: int) -> JSONResponse:
    state, owner = await _team(request)
    source, document = await read_json(request)
    body = models.validated(models.RespondentsIn, source, document)
    people = [person.spec() for person in body.respondents]
    _languages(state, people)
    try:
        links = await run_in_threadpool(
            lambda: state.rounds.add_respondents(round_id, people, actor=owner.name)
        )
    except VendorMaturityError as error:
        raise failure(error) from None
    return JSONResponse({"links": [link_json(state, request, link) for link in links]}, status_code=201)


@router.post(
    "/rounds/{round_id}/respondents/{respondent}/remind",
    operation_id="remind",
    summary="A fresh link for a respondent (the old one stops working; their answers stay)",
)
async def remind(request: Request, round_id: int, respondent: str) -> dict[str, str]:
    state, owner = await _team(request)
    try:
        link = await run_in_threadpool(lambda: state.rounds.remind(round_id, respondent, actor=owner.name))
    except VendorMaturityError as error:
        raise failure(error) from None
    return link_json(state, request, link)


@router.post(
    "/rounds/{round_id}/close",
    operation_id="close_round",
    summary="Close a round: assess it and store it in the portfolio, as `portfolio add` does",
)
async def close_round(request: Request, round_id: int) -> dict[str, Any]:
    state, owner = await _team(request)
    try:
        closing = await run_in_threadpool(lambda: state.rounds.close(round_id, actor=owner.name))
    except VendorMaturityError as error:
        raise failure(error) from None
    return {
        "round": closing.round.as_dict(),
        "left_out": list(closing.left_out),
        "result": json.loads(closing.result.model_dump_json()),
    }


# ---------------------------------------------------------------------- a respondent


@router.get(
    "/responses/{token}",
    operation_id="get_responses",
    summary="What a respondent saved, and what they are asked",
)
async def get_responses(request: Request, token: str) -> dict[str, Any]:
    _, seat = await seat_of(request, token)
    round_ = seat.round
    return {
        "round": {
            "relationship": round_.relationship,
            "client": round_.client,
            "supplier": round_.supplier,
            "questionnaire": round_.questionnaire,
            "questionnaire_version": round_.questionnaire_version,
            "date": round_.date.isoformat(),
        },
        "respondent": seat.respondent.as_dict(),
        "asked": seat.asked(),
        "answers": seat.answers,
        "comments": seat.comments,
        "comment": seat.comment,
        "facts": round_.facts if seat.respondent.lead else None,
    }


@router.put(
    "/responses/{token}",
    operation_id="save_responses",
    summary="Save a respondent's answers (the whole of them)",
)
async def save_responses(request: Request, token: str) -> dict[str, Any]:
    state, seat = await seat_of(request, token)
    source, document = await read_json(request)
    body = models.validated(models.AnswersIn, source, document)
    try:
        saved = await run_in_threadpool(lambda: state.rounds.save(token, body.given(), seat=seat))
    except ResponseError as error:
        raise from_library(error) from None
    except VendorMaturityError as error:
        raise failure(error) from None
    return saved.as_dict()


@router.put(
    "/responses/{token}/facts", operation_id="save_facts", summary="Save the round's facts (its lead only)"
)
async def save_facts(request: Request, token: str) -> dict[str, Any]:
    state, seat = await seat_of(request, token)
    if not seat.respondent.lead:
        raise HttpError(403, "not_lead", msg("only the round's lead gives the facts"))
    source, document = await read_json(request)
    body = models.validated(models.FactsIn, source, document)
    try:
        await run_in_threadpool(lambda: state.rounds.save_facts(token, body.facts, seat=seat))
    except VendorMaturityError as error:
        raise failure(error) from None
    return {"facts": dict(body.facts)}


# ---------------------------------------------------------------------- the portfolio


@router.get(
    "/relationships",
    operation_id="list_relationships",
    summary="The portfolio's list: what `portfolio list --format json` prints",
)
async def list_relationships(request: Request) -> list[dict[str, Any]]:
    state, _ = await _team(request)
    lines = await run_in_threadpool(state.portfolio.lines)
    return [line.as_dict() for line in lines]


@router.get(
    "/relationships/{key}/results",
    operation_id="relationship_results",
    summary="A relationship's results, oldest first, each as `assess --format json` gives it",
)
async def relationship_results(request: Request, key: str, date: datetime.date | None = None) -> Response:
    state, _ = await _team(request)

    def results() -> str:
        try:
            trajectory = state.portfolio.trajectory(key)
            dates = [round_.date for round_ in trajectory.rounds if date is None or round_.date == date]
            if not dates:
                raise NotFoundError(msg("{key}: no round dated {date}", key=key, date=date))
            return (
                "[\n"
                + ",\n".join(state.portfolio.result(key, day).model_dump_json(indent=2) for day in dates)
                + "\n]\n"
            )
        except VendorMaturityError as error:
            raise failure(error) from None

    return Response(await run_in_threadpool(results), media_type="application/json")
