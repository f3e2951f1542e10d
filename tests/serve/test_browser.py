"""The pages in real Chromium (Playwright driving the system's browser, nothing downloaded): a
respondent answers the whole ``relationship`` questionnaire on a phone-sized and a desktop page,
in French and in English, with the skip logic applied as they answer and a resume from a new
browser; the team signs in, opens a round, follows it, closes it and reads the report.

Skipped only when Chromium is missing on a developer's machine; CI (``CI`` set) installs it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

import vendormaturity as vm

from .load import Server, example, prepared, serving

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"),
    reason="chromium is not installed (CI installs it and runs these tests)",
)

PHONE: dict[str, Any] = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP: dict[str, Any] = {"viewport": {"width": 1280, "height": 900}}
GATE, GATED = "gov_steering_exists", ["gov_steering_decides", "imp_same_topics"]  # asked when GATE >= 3


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    assert CHROMIUM is not None, "CI must install chromium (see .ci/run)"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    db = f"sqlite:///{tmp_path / 'portfolio.db'}"
    with serving(db, prepared(db), workers=1) as running:
        yield running


def _open(server: Server, people: list[dict[str, Any]]) -> dict[str, str]:
    rs = example()
    body = {
        "relationship": "acme-hosting",
        "client": rs.client,
        "supplier": rs.supplier,
        "date": "2026-11-02",
        "facts": dict(rs.facts),
        "respondents": people,
    }
    opened = httpx.post(f"{server.url}/api/v1/rounds", json=body, headers=server.team)
    assert 201 == opened.status_code, opened.text
    return {link["respondent"]: link["link"] for link in opened.json()["links"]}


def _errors(page: Any) -> list[str]:
    found: list[str] = []
    page.on("console", lambda message: found.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: found.append(str(error)))
    page.on("response", lambda response: found.append(response.url) if response.status >= 400 else None)
    return found


def _answer(page: Any, question: str, value: Any) -> None:
    page.locator(f'#q-{question} input[value="{value}"]').check()


def _saved(page: Any, text: str) -> None:
    """Until the page says its answers were saved in the background."""
    from playwright.sync_api import expect

    expect(page.locator("#status")).to_have_text(text)
    page.evaluate("document.getElementById('status').textContent = ''")


@pytest.mark.parametrize(
    ("device", "lang", "who"),
    [
        pytest.param(PHONE, "fr", "c-cio", id="phone-fr-client"),
        pytest.param(PHONE, "en", "s-account", id="phone-en-supplier"),
        pytest.param(DESKTOP, "en", "c-infra", id="desktop-en-client"),
        pytest.param(DESKTOP, "fr", "s-sdm", id="desktop-fr-supplier"),
    ],
)
def test_a_respondent_answers_the_whole_questionnaire(
    browser: Any, server: Server, device: dict[str, Any], lang: str, who: str
) -> None:
    person = next(p for p in example().respondents if p.id == who)
    side = person.side.value
    links = _open(server, [{"name": "Camille", "id": who, "side": side, "lang": lang, "lead": True}])
    q = vm.load_questionnaire("relationship")
    mine = [question.id for question in q.questions if question.side in ("both", side)]
    assert set(person.answers) == set(mine)  # the example answers every question of its side
    saved_text = {"en": "Saved", "fr": "Enregistré"}[lang]

    context = browser.new_context(**device, locale=lang)
    page = context.new_page()
    errors = _errors(page)
    page.goto(links[who])
    assert lang == page.locator("html").get_attribute("lang")
    intro = {"en": f"You answer for the {side} side.", "fr": "Vous répondez pour le côté"}[lang]
    assert intro in page.locator("main").inner_text()
    assert [question.id for question in q.questions if question.side in ("both", side)] == page.locator(
        "fieldset[data-question]"
    ).evaluate_all("sets => sets.map(set => set.dataset.question)")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow} px wider than the screen"

    # skip logic, as they answer: a low answer to the gate hides its questions, a higher one asks them
    _answer(page, GATE, 1)
    _saved(page, saved_text)
    assert [True, True] == [page.locator(f"#q-{gated}").is_hidden() for gated in GATED]
    _answer(page, GATE, person.answers[GATE])
    _saved(page, saved_text)
    assert [True, True] == [page.locator(f"#q-{gated}").is_visible() for gated in GATED]

    # the first half, then Save (the form itself), then the rest from another browser
    half = mine[: len(mine) // 2]
    for question in half:
        _answer(page, question, person.answers[question])
    page.get_by_role("button", name={"en": "Save", "fr": "Enregistrer"}[lang], exact=True).click()
    page.wait_for_url("**saved=saved**")
    notice = {"en": "Your answers are saved.", "fr": "Vos réponses sont enregistrées."}[lang]
    assert notice in page.locator(".notice").inner_text()
    assert errors == []
    context.close()

    context = browser.new_context(**device, locale=lang)
    page = context.new_page()
    errors = _errors(page)
    page.goto(links[who])
    assert [str(person.answers[question]) for question in half] == [
        page.locator(f"#q-{question} input:checked").get_attribute("value") for question in half
    ]
    for question in mine[len(half) :]:
        _answer(page, question, person.answers[question])
    comment = {"en": "Fewer meetings, please.", "fr": "Moins de réunions, s’il vous plaît."}[lang]
    page.locator("#comment").fill(comment)
    page.get_by_role("button", name={"en": "Send my answers", "fr": "Envoyer mes réponses"}[lang]).click()
    page.wait_for_url("**saved=submitted**")
    thanks = {"en": "Thank you: your answers are sent.", "fr": "Merci\u202f: vos réponses sont envoyées."}[
        lang
    ]
    assert thanks in page.locator(".notice").inner_text()
    assert f"{len(mine)}" == page.locator("#progress").get_attribute("value")
    assert errors == []
    context.close()

    kept = httpx.get(f"{server.url}/api/v1/responses/{links[who].rpartition('/')[2]}").json()
    assert (dict(person.answers), comment) == (kept["answers"], kept["comment"])


def test_the_team_opens_follows_and_closes_a_round_and_reads_the_report(browser: Any, server: Server) -> None:
    rs = example()
    context = browser.new_context(**DESKTOP, locale="en")
    page = context.new_page()
    errors = _errors(page)
    page.goto(server.url + "/team")
    page.fill("#token", server.token)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/team")
    assert "No round yet." in page.locator("main").inner_text()

    page.fill("#relationship", "acme-hosting")
    page.fill("#client", rs.client)
    page.fill("#supplier", rs.supplier)
    page.fill("#date", "2026-11-02")
    chosen = [rs.respondents[0], rs.respondents[4]]
    for row, person in enumerate(chosen):
        page.fill(f'input[name="name.{row}"]', person.name or person.id)
        page.select_option(f'select[name="side.{row}"]', person.side.value)
        page.select_option(f'select[name="role.{row}"]', person.role.value)
    page.check('input[name="lead.0"]')
    page.get_by_role("button", name="Open the round").click()
    page.wait_for_selector("a.link")
    links = page.locator("a.link").evaluate_all("links => links.map(link => link.href)")
    assert 2 == len(links)
    assert all(link.startswith(server.url + "/r/") for link in links)

    for link, person in zip(links, chosen, strict=True):
        token = link.rpartition("/")[2]
        saved = httpx.put(f"{server.url}/api/v1/responses/{token}", json={"answers": dict(person.answers)})
        assert 200 == saved.status_code, saved.text
    page.get_by_role("link", name="Follow the round").click()
    rows = page.locator("#respondents tbody tr").all_inner_texts()
    assert [f"{len(p.answers)} of {len(p.answers)}" in row for row, p in zip(rows, chosen, strict=True)] == [
        True,
        True,
    ]

    page.get_by_role("button", name="Close and assess").click()
    page.wait_for_url("**/team/relationships/acme-hosting?date=2026-11-02")
    same = rs.model_copy(
        update={"respondents": chosen, "followup": [], "comment": None, "relationship": "acme-hosting"}
    )
    result = vm.assess(vm.load_questionnaire("relationship"), same)
    report = page.locator("body").inner_text()
    assert "acme-hosting" in report or rs.client in report
    phase = page.evaluate("document.documentElement.outerHTML")
    assert result.phase.value in phase.lower() or result.phase.value.replace("_", " ") in phase.lower()

    page.goto(server.url + "/team")
    assert "closed" in page.locator("main table").inner_text()
    page.goto(server.url + "/team/portfolio")
    assert "1\nrelationships\n1\nassessments" in page.locator("body").inner_text()
    assert errors == []
    for link in links:
        assert 410 == httpx.get(link, headers={"Accept": "text/html"}).status_code
    context.close()
