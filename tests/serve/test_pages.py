"""The pages through their forms, as a browser without scripts sends them: the team signs in, opens a
round (and is told what is missing), follows it, adds a respondent, reminds one, closes it and
reads the report and the portfolio; the lead gives the facts; a respondent's answers that do not
fit come back with their problems. And ``token create`` on the command line."""

from __future__ import annotations

import re
from typing import Any

import vendormaturity as vm
from conftest import CliRun

from .helpers import Served, answers_of, example, round_body


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf" value="([0-9a-f]{64})"', page)
    assert found is not None, page
    return found.group(1)


def _links(page: str) -> dict[str, str]:
    """The links page's tokens by respondent."""
    found = re.findall(r'href="http://testserver/r/([^"]+)" data-respondent="([^"]+)"', page)
    return {respondent: token for token, respondent in found}


def _signed_in(served: Served) -> str:
    signed = served.client.post("/team/sign-in", data={"token": served.token}, follow_redirects=False)
    assert 303 == signed.status_code
    page = served.client.get("/team")
    assert 200 == page.status_code
    return _csrf(page.text)


def _round_form(csrf: str, **changes: str) -> dict[str, str]:
    rs = example()
    form = {
        "csrf": csrf,
        "relationship": "acme-hosting",
        "client": rs.client,
        "supplier": rs.supplier,
        "questionnaire": "relationship",
        "date": "2026-11-02",
        "name.0": "Claire Martin",
        "side.0": "client",
        "role.0": "executive",
        "lang.0": "fr",
        "lead.0": "on",
        "name.1": "Sam Lee",
        "side.1": "supplier",
        "role.1": "operational",
        "lang.1": "en",
    }
    return form | changes


def test_the_team_opens_follows_and_closes_a_round_through_the_pages(served: Served) -> None:
    csrf = _signed_in(served)
    assert "No round yet." in served.client.get("/team").text
    missing = served.client.post("/team/rounds", data=_round_form(csrf, relationship=" "))
    assert 422 == missing.status_code
    assert "Give the relationship, client, supplier, date and at least one respondent." in missing.text
    old = served.client.post("/team/rounds", data=_round_form(csrf, date="1985-01-01"))
    assert (422, True) == (old.status_code, "1985-01-01 is before 1990" in old.text)
    opened = served.client.post("/team/rounds", data=_round_form(csrf))
    assert 200 == opened.status_code
    links = _links(opened.text)
    assert ["claire-martin", "sam-lee"] == list(links)
    twice = served.client.post("/team/rounds", data=_round_form(csrf))
    assert "relationship &#39;acme-hosting&#39; already has a round dated 2026-11-02 (round 1)" in twice.text

    followed = served.client.get("/team/rounds/1")
    assert ["claire-martin", "sam-lee"] == re.findall(r'data-respondent="([^"]+)"><td>', followed.text)
    csrf_round = _csrf(followed.text)
    added = served.client.post(
        "/team/rounds/1/respondents",
        data={
            "csrf": csrf_round,
            "name.0": "Aïcha Benali",
            "side.0": "supplier",
            "role.0": "manager",
            "lang.0": "fr",
        },
    )
    assert ["aicha-benali"] == list(_links(added.text))
    nobody = served.client.post("/team/rounds/1/respondents", data={"csrf": csrf_round, "name.0": " "})
    assert 422 == nobody.status_code
    reminded = served.client.post("/team/rounds/1/remind/sam-lee", data={"csrf": csrf_round})
    fresh = _links(reminded.text)["sam-lee"]
    assert fresh != links["sam-lee"]
    assert 404 == served.client.get(f"/api/v1/responses/{links['sam-lee']}").status_code

    rs = example()
    for token, person in [(links["claire-martin"], rs.respondents[0]), (fresh, rs.respondents[4])]:
        assert 200 == served.client.put(f"/api/v1/responses/{token}", json=answers_of(person)).status_code
    closed = served.client.post("/team/rounds/1/close", data={"csrf": csrf_round}, follow_redirects=False)
    assert (303, "/team/relationships/acme-hosting?date=2026-11-02") == (
        closed.status_code,
        closed.headers["location"],
    )
    report = served.client.get(closed.headers["location"], headers={"Accept-Language": "fr"})
    assert (200, True) == (report.status_code, '<html lang="fr"' in report.text)
    assert (
        'href="/team/relationships/acme-hosting?date=2026-11-02"' in served.client.get("/team/rounds/1").text
    )
    portfolio = served.client.get("/team/portfolio")
    assert 200 == portfolio.status_code
    with vm.Portfolio(served.db) as store:
        assert ["acme-hosting"] == store.relationships()
    assert 404 == served.client.get("/team/relationships/acme-hosting?date=2026-11-03").status_code

    out = served.client.post("/team/sign-out", data={"csrf": csrf}, follow_redirects=False)
    assert (303, "/team/sign-in") == (out.status_code, out.headers["location"])
    assert 'vm_team=""' in out.headers["set-cookie"]


def test_the_team_form_refuses_values_it_does_not_offer(served: Served) -> None:
    csrf = _signed_in(served)
    for change, expected in [
        ({"side.0": "both"}, "a respondent&#39;s side or role is not one of the form&#39;s"),
        ({"lang.0": "de"}, "a respondent&#39;s language is not one of the form&#39;s"),
        ({"name.0": "x" * 201}, "a name is longer than 200 characters"),
    ]:
        refused = served.client.post(
            "/team/rounds", data=_round_form(csrf, **change), headers={"Accept": "text/html"}
        )
        assert (422, True) == (refused.status_code, expected in refused.text), expected


def test_the_lead_gives_the_facts_on_their_page(served: Served) -> None:
    opened = served.client.post(
        "/api/v1/rounds", json=round_body(example(), facts={}), headers=served.team
    ).json()
    links = {link["respondent"]: link["token"] for link in opened["links"]}
    lead = links["c-cio"]
    page = served.client.get(f"/r/{lead}/facts")
    assert 200 == page.status_code
    csrf = _csrf(page.text)
    wrong = served.client.post(
        f"/r/{lead}/facts", data={"csrf": csrf, "f.age_months": "-3", "f.segment": "strategic"}
    )
    assert 422 == wrong.status_code
    assert "Some facts cannot be saved:" in wrong.text
    saved = served.client.post(
        f"/r/{lead}/facts",
        data={
            "csrf": csrf,
            "f.age_months": "30",
            "f.segment": "strategic",
            "f.kpi_green_ratio": "0,9",
            "f.exit_plan_active": "false",
        },
        follow_redirects=False,
    )
    assert (303, f"/r/{lead}/facts?saved=1") == (saved.status_code, saved.headers["location"])
    assert "The facts are saved." in served.client.get(saved.headers["location"]).text
    facts = served.client.get(f"/api/v1/rounds/{opened['id']}", headers=served.team).json()["facts"]
    assert {
        "age_months": 30,
        "segment": "strategic",
        "kpi_green_ratio": 0.9,
        "exit_plan_active": False,
    } == facts
    other = served.client.get(f"/r/{links['c-infra']}/facts", headers={"Accept": "text/html"})
    assert 403 == other.status_code


def test_answers_that_do_not_fit_come_back_with_their_problems(served: Served) -> None:
    opened = served.client.post("/api/v1/rounds", json=round_body(example()), headers=served.team).json()
    token = {link["respondent"]: link["token"] for link in opened["links"]}["c-infra"]  # French
    page = served.client.get(f"/r/{token}")
    assert '<html lang="fr"' in page.text
    form: dict[str, Any] = {
        "csrf": _csrf(page.text),
        "a.obj_business_goals": "9",
        "c.obj_business_goals": "trop",
    }
    refused = served.client.post(f"/r/{token}", data=form)
    assert 422 == refused.status_code
    assert "Certaines réponses ne peuvent pas être enregistrées" in refused.text
    assert "trop</textarea>" in refused.text
    sent = served.client.post(f"/r/{token}", data=form | {"a.obj_business_goals": "4", "action": "submit"})
    assert "Merci\u202f: vos réponses sont envoyées." in sent.text
    aside = served.client.post(
        f"/r/{token}",
        data={"csrf": form["csrf"], "a.gov_steering_exists": "1", "a.gov_steering_decides": "4"},
        follow_redirects=False,
    )
    assert aside.headers["location"].endswith("aside=1")
    assert "1 réponse a été mise de côté" in served.client.get(aside.headers["location"]).text


def test_token_create_prints_a_token_the_api_takes(served: Served, cli: CliRun) -> None:
    created = cli("token", "create", "--name", "reporting", "--db", served.db)
    token = created.stdout.strip()
    assert (
        "token 'reporting' created; it is shown only this once: keep it in a safe place\n" == created.stderr
    )
    assert (
        200 == served.client.get("/api/v1/rounds", headers={"Authorization": f"Bearer {token}"}).status_code
    )
    empty = cli("token", "create", "--name", " ", "--db", served.db)
    assert (2, "error: --name must be 1 to 200 characters") == (
        empty.exit_code,
        empty.stderr.strip().splitlines()[-1],
    )
