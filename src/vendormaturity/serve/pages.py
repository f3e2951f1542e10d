"""The pages: a respondent's questions and the lead's facts (the link is the key), and the team's
rounds, report and portfolio (signed in with an API token).

Server-rendered HTML that works without JavaScript: a respondent saves with a button, and
the server applies the questionnaire's skip logic to what was saved. With JavaScript, a
small script of the page (allowed by the page's nonce only) saves each answer as it is
given, through the same JSON endpoint an application uses, and shows or hides the
questions the answer makes apply or not, as the server said.
"""

from __future__ import annotations

import datetime
import functools
import urllib.parse
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from vendormaturity._version import __version__
from vendormaturity.errors import NotFoundError, ResponseError, VendorMaturityError
from vendormaturity.i18n import msg, ntr, tr, translate
from vendormaturity.model.questionnaire import FactType, Questionnaire, Side
from vendormaturity.model.responses import Answer, FactValue, Role
from vendormaturity.serve.api import failure, seat_of
from vendormaturity.serve.bodies import read_form
from vendormaturity.serve.errors import HttpError, language_of, problem_json
from vendormaturity.serve.security import (
    COOKIE,
    check_origin,
    csrf_token,
    refuse_bursts,
    team_from_cookie,
    verify_csrf,
)
from vendormaturity.serve.state import State, state_of
from vendormaturity.sources.plausibility import implausible_date
from vendormaturity.store.rounds import Answers, Link, RespondentSpec, RoundSpec, Seat, TokenOwner

if TYPE_CHECKING:
    import jinja2

__all__ = ["error_page", "router"]

router = APIRouter(include_in_schema=False)
NEW_ROWS = 8  # empty respondent rows of the form that opens a round


@functools.lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("vendormaturity.serve", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _page(request: Request, template: str, lang: str, status: int = 200, **context: Any) -> HTMLResponse:
    from vendormaturity.render.texts import label

    values = {
        "_": lambda message, **more: tr(message, lang, **more),
        "ngettext": lambda singular, plural, count, **more: ntr(singular, plural, count, lang, **more),
        "label": lambda value: label(value, lang),
        "lang": lang,
        "nonce": request.scope.get("state", {}).get("nonce", ""),
        "version": __version__,
        **context,
    }
    return HTMLResponse(_environment().get_template(template).render(values), status_code=status)


def error_page(request: Request, error: HttpError, lang: str) -> str:
    """A failure as a page: what happened, in the reader's language."""
    return bytes(
        _page(
            request,
            "error.html.j2",
            lang,
            status=error.status,
            error=error,
            message=translate(error.message, lang),
            problems=[problem_json(problem, lang) for problem in error.problems],
        ).body
    ).decode("utf-8")


# ---------------------------------------------------------------------- a respondent's page


def _shown(value: Answer) -> str:
    return f"{value:g}" if isinstance(value, int | float) else str(value)


def _parsed(text: str) -> Answer:
    try:
        number = float(text)
    except ValueError:
        return text
    return int(number) if number.is_integer() and "." not in text and "e" not in text.lower() else number


def _questions(seat: Seat, lang: str, answers: Mapping[str, Answer]) -> list[dict[str, Any]]:
    from vendormaturity.render.texts import label

    q = seat.questionnaire
    scales = {scale.id: scale for scale in q.scales}
    asked = set(seat.asked() if answers is seat.answers else _asked_now(seat, answers))
    side = seat.respondent.side
    shown: list[dict[str, Any]] = []
    for question in q.questions:
        if question.side not in (Side.BOTH, side):
            continue
        scale = scales[question.scale]
        shown.append(
            {
                "id": question.id,
                "number": len(shown) + 1,
                "text": label(question.text, lang),
                "help": label(question.help, lang) if question.help else "",
                "choices": [(_shown(choice.value), label(choice.label, lang)) for choice in scale.choices],
                "missing": [(code.code, label(code.label, lang)) for code in scale.missing],
                "value": _shown(answers[question.id]) if question.id in answers else "",
                "comment": seat.comments.get(question.id, ""),
                "hidden": question.id not in asked,
                "conditional": question.relevant is not None,
            }
        )
    return shown


def _asked_now(seat: Seat, answers: Mapping[str, Answer]) -> list[str]:
    from vendormaturity.store.rounds import _asked

    return _asked(seat.questionnaire, seat.respondent.side, answers)


def _respondent_page(
    request: Request, token: str, seat: Seat, *, status: int = 200, notice: str = "", problems: Any = ()
) -> HTMLResponse:
    lang = seat.respondent.lang
    q = seat.questionnaire
    return _page(
        request,
        "respond.html.j2",
        lang,
        status=status,
        seat=seat,
        title=q.label(q.title, lang),
        questions=_questions(seat, lang, seat.answers),
        token=token,
        csrf=csrf_token(token),
        notice=notice,
        problems=[problem_json(problem, lang) for problem in problems],
        api=f"/api/v1/responses/{token}",
    )


@router.get("/r/{token}", response_class=HTMLResponse)
async def respond(request: Request, token: str, saved: str | None = None, aside: int = 0) -> Response:
    _, seat = await seat_of(request, token)
    lang = seat.respondent.lang
    notices = []
    if saved == "submitted":
        notices.append(
            tr("Thank you: your answers are sent. You can still change them until the round closes.", lang)
        )
    elif saved is not None:
        notices.append(tr("Your answers are saved. Come back with the same link to go on.", lang))
    if aside > 0:
        notices.append(
            ntr(
                "{count} answer was set aside: its question no longer applies.",
                "{count} answers were set aside: their questions no longer apply.",
                aside,
                lang,
            )
        )
    return _respondent_page(request, token, seat, notice=" ".join(notices))


@router.post("/r/{token}", response_class=HTMLResponse)
async def respond_save(request: Request, token: str) -> Response:
    check_origin(request)
    state, seat = await seat_of(request, token)
    form = await read_form(request)
    verify_csrf(token, form.get("csrf"))
    given = Answers(
        answers={
            key[2:]: _parsed(value) for key, value in form.items() if key.startswith("a.") and value != ""
        },
        comments={key[2:]: value for key, value in form.items() if key.startswith("c.") and value.strip()},
        comment=form.get("comment") or None,
        submit=form.get("action") == "submit",
    )
    try:
        saved = await run_in_threadpool(lambda: state.rounds.save(token, given, seat=seat))
    except ResponseError as error:
        kept = Seat(
            round=seat.round,
            respondent=seat.respondent,
            questionnaire=seat.questionnaire,
            answers=dict(given.answers),
            comments=dict(given.comments),
            comment=given.comment,
        )
        return _respondent_page(request, token, kept, status=422, problems=error.problems)
    except VendorMaturityError as error:
        raise failure(error) from None
    outcome = "submitted" if saved.submitted else "saved"
    return RedirectResponse(f"/r/{token}?saved={outcome}&aside={len(saved.set_aside)}", status_code=303)


# ---------------------------------------------------------------------- the lead's facts


def _facts(q: Questionnaire, lang: str, values: Mapping[str, FactValue]) -> list[dict[str, Any]]:
    from vendormaturity.render.texts import label

    shown = []
    for fact in q.facts:
        value = values.get(fact.id)
        shown.append(
            {
                "id": fact.id,
                "label": label(fact.label, lang),
                "unit": label(fact.unit, lang) if fact.unit else "",
                "type": fact.type.value,
                "min": fact.min,
                "max": fact.max,
                "percent": fact.percent,
                "choices": [(choice.value, label(choice.label, lang)) for choice in fact.choices or ()],
                "value": ""
                if value is None
                else ("true" if value is True else "false" if value is False else str(value)),
            }
        )
    return shown


def _fact_value(q: Questionnaire, fact_id: str, text: str) -> FactValue:
    types = {fact.id: fact.type for fact in q.facts}
    kind = types.get(fact_id)
    if kind is FactType.BOOLEAN:
        return {"true": True, "false": False}.get(text, text)
    if kind in (FactType.NUMBER, FactType.INTEGER):
        return _parsed(text.replace(",", ".").strip())
    return text


@router.get("/r/{token}/facts", response_class=HTMLResponse)
async def facts_page(request: Request, token: str, saved: str | None = None) -> Response:
    _, seat = await seat_of(request, token)
    return _facts_page(request, token, seat, notice=saved is not None)


def _facts_page(
    request: Request,
    token: str,
    seat: Seat,
    *,
    values: Mapping[str, FactValue] | None = None,
    notice: bool = False,
    status: int = 200,
    problems: Any = (),
) -> HTMLResponse:
    lang = seat.respondent.lang
    if not seat.respondent.lead:
        raise HttpError(403, "not_lead", msg("only the round's lead gives the facts"))
    q = seat.questionnaire
    return _page(
        request,
        "facts.html.j2",
        lang,
        status=status,
        seat=seat,
        title=q.label(q.title, lang),
        facts=_facts(q, lang, seat.round.facts if values is None else values),
        token=token,
        csrf=csrf_token(token),
        notice=tr("The facts are saved.", lang) if notice else "",
        problems=[problem_json(problem, lang) for problem in problems],
    )


@router.post("/r/{token}/facts", response_class=HTMLResponse)
async def facts_save(request: Request, token: str) -> Response:
    check_origin(request)
    state, seat = await seat_of(request, token)
    form = await read_form(request)
    verify_csrf(token, form.get("csrf"))
    if not seat.respondent.lead:
        raise HttpError(403, "not_lead", msg("only the round's lead gives the facts"))
    values = {
        key[2:]: _fact_value(seat.questionnaire, key[2:], value.strip())
        for key, value in form.items()
        if key.startswith("f.") and value.strip()
    }
    try:
        await run_in_threadpool(lambda: state.rounds.save_facts(token, values, seat=seat))
    except ResponseError as error:
        return _facts_page(request, token, seat, values=values, status=422, problems=error.problems)
    except VendorMaturityError as error:
        raise failure(error) from None
    return RedirectResponse(f"/r/{token}/facts?saved=1", status_code=303)


# ---------------------------------------------------------------------- the team


def _team_lang(request: Request) -> str:
    return language_of(request.headers.get("accept-language"))


async def _signed_in(request: Request) -> tuple[State, TokenOwner, str] | None:
    state = state_of(request)
    found = await run_in_threadpool(team_from_cookie, request, state.rounds)
    if found is None:
        return None
    return state, found[0], found[1]


async def _team(request: Request) -> tuple[State, TokenOwner, str]:
    found = await _signed_in(request)
    if found is None:
        raise HttpError(
            401, "unauthorised", msg("sign in with an API token first (vendormaturity token create)")
        )
    return found


async def _team_form(request: Request) -> tuple[State, TokenOwner, dict[str, str]]:
    check_origin(request)
    state, owner, token = await _team(request)
    form = await read_form(request)
    verify_csrf(token, form.get("csrf"))
    return state, owner, form


@router.get("/")
async def home() -> Response:
    return RedirectResponse("/team", status_code=303)


@router.get("/team/sign-in", response_class=HTMLResponse)
async def sign_in_page(request: Request) -> Response:
    return _page(request, "sign_in.html.j2", _team_lang(request), failed=False)


@router.post("/team/sign-in", response_class=HTMLResponse)
async def sign_in(request: Request) -> Response:
    check_origin(request)
    state = state_of(request)
    await run_in_threadpool(refuse_bursts, request, state.rounds)
    form = await read_form(request)
    token = form.get("token", "").strip()
    owner = await run_in_threadpool(state.rounds.token_owner, token) if token else None
    if owner is None:
        from vendormaturity.serve.security import client_of

        await run_in_threadpool(state.rounds.throttle.failed, client_of(request))
        return _page(request, "sign_in.html.j2", _team_lang(request), status=401, failed=True)
    response = RedirectResponse("/team", status_code=303)
    response.set_cookie(
        COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        max_age=12 * 3600,
    )
    return response


@router.post("/team/sign-out")
async def sign_out(request: Request) -> Response:
    await _team_form(request)
    response = RedirectResponse("/team/sign-in", status_code=303)
    response.delete_cookie(COOKIE)
    return response


@router.get("/team", response_class=HTMLResponse)
async def team_home(request: Request) -> Response:
    found = await _signed_in(request)
    if found is None:
        return RedirectResponse("/team/sign-in", status_code=303)
    state, owner, token = found
    rounds = await run_in_threadpool(state.rounds.all)
    return _team_page(request, state, owner, token, rounds=rounds)


def _team_page(
    request: Request,
    state: State,
    owner: TokenOwner,
    token: str,
    *,
    rounds: Any,
    status: int = 200,
    form: Mapping[str, str] | None = None,
    problems: Any = (),
    message: str = "",
) -> HTMLResponse:
    import vendormaturity as vm

    lang = _team_lang(request)
    return _page(
        request,
        "team.html.j2",
        lang,
        status=status,
        owner=owner,
        rounds=rounds,
        csrf=csrf_token(token),
        questionnaires=vm.bundled_questionnaires(),
        languages=state.languages,
        roles=[role.value for role in Role],
        rows=range(NEW_ROWS),
        form=form or {},
        today=datetime.date.today().isoformat(),
        problems=[problem_json(problem, lang) for problem in problems],
        message=message,
    )


def _people(form: Mapping[str, str], rows: int) -> list[RespondentSpec]:
    people = []
    for row in range(rows):
        name = form.get(f"name.{row}", "").strip()
        if not name:
            continue
        people.append(
            RespondentSpec(
                name=name,
                side=Side(form.get(f"side.{row}", "client")),
                role=Role(form.get(f"role.{row}", "operational")),
                lang=form.get(f"lang.{row}", "en"),
                lead=form.get(f"lead.{row}") == "on",
            )
        )
    return people


def _checked_form(state: State, form: Mapping[str, str], rows: int) -> list[RespondentSpec]:
    sides, roles = {"client", "supplier"}, {role.value for role in Role}
    for row in range(rows):
        if not form.get(f"name.{row}", "").strip():
            continue
        if (
            form.get(f"side.{row}", "client") not in sides
            or form.get(f"role.{row}", "operational") not in roles
        ):
            raise HttpError(422, "invalid", msg("a respondent's side or role is not one of the form's"))
        if form.get(f"lang.{row}", "en") not in state.languages:
            raise HttpError(422, "invalid", msg("a respondent's language is not one of the form's"))
        if len(form.get(f"name.{row}", "")) > 200:
            raise HttpError(422, "invalid", msg("a name is longer than {limit} characters", limit=200))
    return _people(form, rows)


@router.post("/team/rounds", response_class=HTMLResponse)
async def team_open(request: Request) -> Response:
    state, owner, form = await _team_form(request)
    lang = _team_lang(request)
    people = _checked_form(state, form, NEW_ROWS)
    fields = {
        key: form.get(key, "").strip() for key in ("relationship", "client", "supplier", "questionnaire")
    }
    try:
        day = datetime.date.fromisoformat(form.get("date", ""))
    except ValueError:
        day = None

    def refused(message: str) -> HTMLResponse:
        rounds = state.rounds.all()
        return _team_page(
            request,
            state,
            owner,
            request.cookies.get(COOKIE, ""),
            rounds=rounds,
            status=422,
            form=form,
            message=message,
        )

    if (
        not all(fields.values())
        or day is None
        or not people
        or any(len(value) > 200 for value in fields.values())
    ):
        return await run_in_threadpool(
            refused, tr("Give the relationship, client, supplier, date and at least one respondent.", lang)
        )
    odd = implausible_date(day)
    if odd is not None and form.get("accept_dates") != "on":
        return await run_in_threadpool(refused, translate(odd, lang))
    spec = RoundSpec(
        relationship=fields["relationship"],
        client=fields["client"],
        supplier=fields["supplier"],
        questionnaire=fields["questionnaire"],
        date=day,
        respondents=tuple(people),
    )

    def opened() -> Any:
        return state.rounds.open(spec, actor=owner.name, stored_dates=state.stored_dates(spec.relationship))

    try:
        done = await run_in_threadpool(opened)
    except VendorMaturityError as error:
        return await run_in_threadpool(refused, error.translated(lang))
    return _links_page(request, state, done.round.id, done.links, lang)


def _links_page(request: Request, state: State, round_id: int, links: Any, lang: str) -> HTMLResponse:
    return _page(
        request,
        "links.html.j2",
        lang,
        round_id=round_id,
        links=[(link.respondent, state.link(request, link.token)) for link in links],
    )


@router.get("/team/rounds/{round_id}", response_class=HTMLResponse)
async def team_round(request: Request, round_id: int) -> Response:
    state, _, token = await _team(request)
    try:
        view = await run_in_threadpool(state.rounds.get, round_id)
    except VendorMaturityError as error:
        raise failure(error) from None
    lang = _team_lang(request)
    return _page(
        request,
        "round.html.j2",
        lang,
        round=view,
        csrf=csrf_token(token),
        languages=state.languages,
        roles=[role.value for role in Role],
        report=_report_link(view.relationship, view.date),
    )


@router.post("/team/rounds/{round_id}/respondents", response_class=HTMLResponse)
async def team_add(request: Request, round_id: int) -> Response:
    state, owner, form = await _team_form(request)
    people = _checked_form(state, form, 1)
    if not people:
        raise HttpError(422, "invalid", msg("give the respondent's name"))
    try:
        links = await run_in_threadpool(
            lambda: state.rounds.add_respondents(round_id, people, actor=owner.name)
        )
    except VendorMaturityError as error:
        raise failure(error) from None
    return _links_page(request, state, round_id, links, _team_lang(request))


@router.post("/team/rounds/{round_id}/remind/{respondent}", response_class=HTMLResponse)
async def team_remind(request: Request, round_id: int, respondent: str) -> Response:
    state, owner, _ = await _team_form(request)
    try:
        link: Link = await run_in_threadpool(
            lambda: state.rounds.remind(round_id, respondent, actor=owner.name)
        )
    except VendorMaturityError as error:
        raise failure(error) from None
    return _links_page(request, state, round_id, [link], _team_lang(request))


@router.post("/team/rounds/{round_id}/close")
async def team_close(request: Request, round_id: int) -> Response:
    state, owner, _ = await _team_form(request)
    try:
        closing = await run_in_threadpool(lambda: state.rounds.close(round_id, actor=owner.name))
    except VendorMaturityError as error:
        raise failure(error) from None
    return RedirectResponse(_report_link(closing.round.relationship, closing.round.date), status_code=303)


def _report_link(relationship: str, date: datetime.date) -> str:
    return f"/team/relationships/{urllib.parse.quote(relationship, safe='')}?date={date.isoformat()}"


@router.get("/team/portfolio", response_class=HTMLResponse)
async def team_portfolio(request: Request) -> Response:
    state, _, _ = await _team(request)
    lang = _team_lang(request)

    def page() -> str:
        from vendormaturity.render.portfolio import portfolio_page
        from vendormaturity.sources.questionnaires import segment_order

        built = portfolio_page(
            state.portfolio,
            as_of=datetime.date.today(),
            links=lambda key: f"relationships/{urllib.parse.quote(key, safe='')}",
            lang=lang,
            labels=_bundled_labels(lang),
            segments=segment_order(),
        )
        return built.html

    return HTMLResponse(await run_in_threadpool(page))


@router.get("/team/relationships/{key}", response_class=HTMLResponse)
async def team_report(request: Request, key: str, date: datetime.date | None = None) -> Response:
    state, _, _ = await _team(request)
    lang = _team_lang(request)

    def page() -> str:
        import vendormaturity as vm
        from vendormaturity.render.html import render_html

        result = state.portfolio.result(key, date)
        q = None
        if result.questionnaire in vm.bundled_questionnaires():
            candidate = vm.load_questionnaire(result.questionnaire)
            q = candidate if candidate.version == result.questionnaire_version else None
        newest, responses = state.portfolio.results([key])[key]
        shown = responses if newest.date == result.date else None  # (the newest round's answers are at hand)
        return render_html(result, lang=lang, questionnaire=q, responses=shown)

    try:
        return HTMLResponse(await run_in_threadpool(page))
    except NotFoundError as error:
        raise failure(error) from None


def _bundled_labels(lang: str) -> Any:
    import vendormaturity as vm
    from vendormaturity.render.texts import Labels

    every = [Labels.of(vm.load_questionnaire(name), lang) for name in reversed(vm.bundled_questionnaires())]
    return Labels(
        dimensions={key: value for labels in every for key, value in labels.dimensions.items()},
        patterns={key: value for labels in every for key, value in labels.patterns.items()},
        actions={key: value for labels in every for key, value in labels.actions.items()},
    )
