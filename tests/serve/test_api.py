"""The JSON API through its paths: assess as the command line does, rounds opened, answered
through their links and closed into the portfolio with the result `assess` gives."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import vendormaturity as vm
from conftest import CliRun

from .helpers import ACME, Served, answers_of, as_dated, example, round_body


def _open(served: Served, body: dict[str, Any]) -> dict[str, Any]:
    response = served.client.post("/api/v1/rounds", json=body, headers=served.team)
    assert 201 == response.status_code, response.text
    opened: dict[str, Any] = response.json()
    return opened


def _links(opened: dict[str, Any]) -> dict[str, str]:
    return {link["respondent"]: link["token"] for link in opened["links"]}


def test_assess_answers_exactly_what_the_command_line_prints(served: Served, cli: CliRun) -> None:
    """POST /api/v1/assess with a response file's JSON gives the bytes of `assess --format json`."""
    path = sorted(ACME.glob("20*.toml"))[-1]
    body = vm.dump_responses(vm.load_responses(path), format="json")
    response = served.client.post(
        "/api/v1/assess", content=body, headers={**served.team, "Content-Type": "application/json"}
    )
    printed = cli("assess", str(path), "--format", "json", "--allow-insufficient")
    assert (200, "application/json") == (response.status_code, response.headers["content-type"])
    assert printed.stdout == response.text


def test_assess_refuses_a_response_set_that_does_not_fit(served: Served) -> None:
    """An answer off the scale is a 422 with its data path, as `validate` would say it."""
    document = json.loads(vm.dump_responses(example(), format="json"))
    document["respondents"][0]["answers"]["obj_business_goals"] = 9
    response = served.client.post("/api/v1/assess", json=document, headers=served.team)
    error = response.json()["error"]
    assert (422, "invalid") == (response.status_code, error["code"])
    assert [
        {
            "file": "request body",
            "line": None,
            "path": "respondents[id=c-cio].answers.obj_business_goals",
            "message": "9 is not on the scale (allowed: 1, 2, 3, 4, 5, or a don't-know code)",
        }
    ] == error["problems"]


def test_a_round_answered_through_its_links_is_stored_as_assess_says(
    served: Served, cli: CliRun, tmp_path: Path
) -> None:
    """Open, every respondent saves through their link, close: the portfolio holds the result that
    `assess` gives on the same answers, and the closed round's links open nothing."""
    rs = example()
    opened = _open(served, round_body(rs))
    links = _links(opened)
    assert [person.id for person in rs.respondents] == list(links)
    for person in rs.respondents:
        saved = served.client.put(f"/api/v1/responses/{links[person.id]}", json=answers_of(person))
        assert 200 == saved.status_code, saved.text
        assert [] == saved.json()["set_aside"]
    followed = served.client.get(f"/api/v1/rounds/{opened['id']}", headers=served.team).json()
    assert [(p.id, len(p.answers)) for p in rs.respondents] == [
        (p["id"], p["answered"]) for p in followed["respondents"]
    ]
    closed = served.client.post(f"/api/v1/rounds/{opened['id']}/close", headers=served.team)
    assert 200 == closed.status_code, closed.text
    same = as_dated(rs, "acme-hosting", "2026-11-02").model_copy(update={"followup": [], "comment": None})
    file = tmp_path / "2026-11-02.toml"
    file.write_text(vm.dump_responses(same), encoding="utf-8")
    printed = cli("assess", str(file), "--format", "json", "--allow-insufficient")
    assert json.loads(printed.stdout) == closed.json()["result"]
    stored = served.client.get("/api/v1/relationships/acme-hosting/results", headers=served.team)
    assert [json.loads(printed.stdout)] == stored.json()
    assert "closed" == closed.json()["round"]["status"]
    for token in links.values():
        assert 410 == served.client.get(f"/api/v1/responses/{token}").status_code


def test_a_round_of_a_relationship_with_history_is_assessed_with_it(
    served: Served, cli: CliRun, tmp_path: Path
) -> None:
    """Rounds stored before are the new round's history, as a folder's older files are for `assess`."""
    with vm.Portfolio(served.db) as store:
        store.add([ACME])
    rs = example()
    opened = _open(served, round_body(rs, date="2026-11-02"))
    for person in rs.respondents:
        served.client.put(f"/api/v1/responses/{_links(opened)[person.id]}", json=answers_of(person))
    closed = served.client.post(f"/api/v1/rounds/{opened['id']}/close", headers=served.team).json()
    folder = tmp_path / "acme-hosting"
    folder.mkdir()
    for path in ACME.glob("20*.toml"):
        (folder / path.name).write_bytes(path.read_bytes())
    same = as_dated(rs, "acme-hosting", "2026-11-02").model_copy(update={"followup": [], "comment": None})
    (folder / "2026-11-02.toml").write_text(vm.dump_responses(same), encoding="utf-8")
    printed = cli("assess", str(folder), "--format", "json", "--allow-insufficient")
    assert json.loads(printed.stdout) == closed["result"]
    listed = served.client.get("/api/v1/relationships", headers=served.team).json()
    assert 5 == listed[0]["rounds"]


def test_the_relationships_are_listed_as_the_command_line_lists_them(served: Served, cli: CliRun) -> None:
    """GET /api/v1/relationships is `portfolio list --format json`."""
    with vm.Portfolio(served.db) as store:
        store.add([ACME, ACME.parent / "pelican-claims-tma"])
    printed = cli("portfolio", "list", "--db", served.db, "--format", "json")
    assert (
        json.loads(printed.stdout) == served.client.get("/api/v1/relationships", headers=served.team).json()
    )


def test_the_results_of_a_relationship_oldest_first_or_one_date(served: Served) -> None:
    with vm.Portfolio(served.db) as store:
        store.add([ACME])
        expected = [
            json.loads(store.result("acme-hosting", rnd.date).model_dump_json())
            for rnd in store.trajectory("acme-hosting").rounds
        ]
    every = served.client.get("/api/v1/relationships/acme-hosting/results", headers=served.team)
    one = served.client.get("/api/v1/relationships/acme-hosting/results?date=2024-09-12", headers=served.team)
    none = served.client.get(
        "/api/v1/relationships/acme-hosting/results?date=2024-09-13", headers=served.team
    )
    unknown = served.client.get("/api/v1/relationships/acme-hostin/results", headers=served.team)
    assert expected == every.json()
    assert [expected[1]] == one.json()
    assert (404, "acme-hosting: no round dated 2024-09-13") == (
        none.status_code,
        none.json()["error"]["message"],
    )
    assert (
        "no relationship 'acme-hostin' in the portfolio (did you mean 'acme-hosting'?)"
        == unknown.json()["error"]["message"]
    )


def test_skip_logic_is_applied_on_save(served: Served) -> None:
    """An answer to a question that no longer applies is set aside, and the question is not asked."""
    rs = example()
    opened = _open(served, round_body(rs))
    token = _links(opened)["c-cio"]
    answers = dict(rs.respondents[0].answers) | {"gov_steering_exists": 1}
    saved = served.client.put(f"/api/v1/responses/{token}", json={"answers": answers}).json()
    conditional = [
        q.id for q in vm.load_questionnaire("relationship").questions if q.relevant and q.side != "supplier"
    ]
    assert conditional == [key for key in answers if key in conditional and key in saved["set_aside"]]
    assert not set(conditional) & set(saved["asked"])
    kept = served.client.get(f"/api/v1/responses/{token}").json()
    assert not set(conditional) & set(kept["answers"])
    assert saved["answered"] == len(kept["answers"])


def test_answers_that_do_not_fit_are_refused_and_nothing_changes(served: Served) -> None:
    opened = _open(served, round_body(example()))
    token = _links(opened)["s-account"]
    response = served.client.put(
        f"/api/v1/responses/{token}",
        json={
            "answers": {
                "obj_business_goals": 4,
                "obj_supplier_understands_business": 3,
                "nope": 2,
                "obj_vague_goals": "maybe",
            }
        },
    )
    error = response.json()["error"]
    assert (422, "3 problems in the answers") == (response.status_code, error["message"])
    assert [
        (
            "answers.obj_supplier_understands_business",
            "question 'obj_supplier_understands_business' is for the client side;"
            " respondent 's-account' is supplier",
        ),
        ("answers.nope", "unknown question 'nope'"),
        (
            "answers.obj_vague_goals",
            "'maybe' is not an answer code of this question's scale (codes: dk, na; or a number)",
        ),
    ] == [(problem["path"], problem["message"]) for problem in error["problems"]]
    assert {} == served.client.get(f"/api/v1/responses/{token}").json()["answers"]
    shape = served.client.put(f"/api/v1/responses/{token}", json={"answer": {}})
    assert [("answer", "unknown key 'answer' (did you mean 'answers'?)")] == [
        (problem["path"], problem["message"]) for problem in shape.json()["error"]["problems"]
    ]


def test_the_lead_gives_the_facts_and_others_cannot(served: Served) -> None:
    opened = _open(served, round_body(example(), facts={}))
    links = _links(opened)
    lead, other = links["c-cio"], links["c-infra"]
    assert (
        403
        == served.client.put(
            f"/api/v1/responses/{other}/facts", json={"facts": {"age_months": 30}}
        ).status_code
    )
    wrong = served.client.put(f"/api/v1/responses/{lead}/facts", json={"facts": {"age_months": -3, "kpi": 1}})
    assert 422 == wrong.status_code
    assert ["facts.age_months", "facts.kpi"] == [p["path"] for p in wrong.json()["error"]["problems"]]
    assert (
        200
        == served.client.put(
            f"/api/v1/responses/{lead}/facts", json={"facts": {"age_months": 30, "segment": "strategic"}}
        ).status_code
    )
    assert {"age_months": 30, "segment": "strategic"} == served.client.get(
        f"/api/v1/rounds/{opened['id']}", headers=served.team
    ).json()["facts"]
    assert {"age_months": 30, "segment": "strategic"} == served.client.get(
        f"/api/v1/responses/{lead}"
    ).json()["facts"]
    assert served.client.get(f"/api/v1/responses/{other}").json()["facts"] is None


def test_remind_gives_a_new_link_and_keeps_the_answers(served: Served) -> None:
    opened = _open(served, round_body(example()))
    old = _links(opened)["c-cio"]
    served.client.put(f"/api/v1/responses/{old}", json={"answers": {"obj_business_goals": 2}})
    reminded = served.client.post(
        f"/api/v1/rounds/{opened['id']}/respondents/c-cio/remind", headers=served.team
    ).json()
    assert 404 == served.client.get(f"/api/v1/responses/{old}").status_code
    assert {"obj_business_goals": 2} == served.client.get(f"/api/v1/responses/{reminded['token']}").json()[
        "answers"
    ]
    assert reminded["link"] == f"http://testserver/r/{reminded['token']}"
    nobody = served.client.post(
        f"/api/v1/rounds/{opened['id']}/respondents/nobody/remind", headers=served.team
    )
    assert (404, f"no respondent 'nobody' in round {opened['id']}") == (
        nobody.status_code,
        nobody.json()["error"]["message"],
    )


def test_respondents_can_be_added_while_the_round_is_open(served: Served) -> None:
    opened = _open(served, round_body(example()))
    added = served.client.post(
        f"/api/v1/rounds/{opened['id']}/respondents",
        json={
            "respondents": [
                {"name": "Aïcha Benali", "side": "client"},
                {"name": "Aïcha Benali", "side": "supplier", "lang": "fr"},
            ]
        },
        headers=served.team,
    )
    assert ["aicha-benali", "aicha-benali-2"] == [link["respondent"] for link in added.json()["links"]]
    again = served.client.post(
        f"/api/v1/rounds/{opened['id']}/respondents",
        json={"respondents": [{"name": "X", "id": "c-cio", "side": "client"}]},
        headers=served.team,
    )
    assert (409, "respondent 'c-cio' is already in this round") == (
        again.status_code,
        again.json()["error"]["message"],
    )
    nine = served.client.get(f"/api/v1/rounds/{opened['id']}", headers=served.team).json()
    assert 9 == len(nine["respondents"])


def test_closing_twice_or_with_no_answers_is_a_conflict(served: Served) -> None:
    rs = example()
    opened = _open(served, round_body(rs))
    empty = served.client.post(f"/api/v1/rounds/{opened['id']}/close", headers=served.team)
    assert (409, "nobody has answered yet; the round stays open") == (
        empty.status_code,
        empty.json()["error"]["message"],
    )
    served.client.put(f"/api/v1/responses/{_links(opened)['c-cio']}", json=answers_of(rs.respondents[0]))
    first = served.client.post(f"/api/v1/rounds/{opened['id']}/close", headers=served.team)
    second = served.client.post(f"/api/v1/rounds/{opened['id']}/close", headers=served.team)
    assert 200 == first.status_code
    assert ["c-infra", "c-vendor", "c-plant", "s-account", "s-sdm", "s-ops"] == first.json()["left_out"]
    assert (410, f"round {opened['id']} is closed") == (second.status_code, second.json()["error"]["message"])
    with vm.Portfolio(served.db) as store:
        assert 1 == store.counts()["response_sets"]
    audit = served.client.get(f"/api/v1/rounds/{opened['id']}/audit", headers=served.team).json()
    assert ["round_opened", "round_closed"] == [entry["action"] for entry in audit]


def test_a_round_of_a_date_already_there_is_refused(served: Served) -> None:
    with vm.Portfolio(served.db) as store:
        store.add([ACME])
    stored = served.client.post(
        "/api/v1/rounds", json=round_body(example(), date="2025-09-11"), headers=served.team
    )
    assert (409, "relationship 'acme-hosting' already has a round dated 2025-09-11 in the portfolio") == (
        stored.status_code,
        stored.json()["error"]["message"],
    )
    _open(served, round_body(example()))
    twice = served.client.post("/api/v1/rounds", json=round_body(example()), headers=served.team)
    assert 409 == twice.status_code
    assert (
        "relationship 'acme-hosting' already has a round dated 2026-11-02 (round 1)"
        == twice.json()["error"]["message"]
    )


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {"date": "1985-01-01"},
            "1985-01-01 is before 1990; correct it, or confirm it with accept_dates: true",
        ),
        (
            {"questionnaire": "relationshp"},
            "questionnaire: no bundled questionnaire 'relationshp' (bundled: pulse, relationship)",
        ),
        (
            {"respondents": [{"name": "A", "side": "client", "lang": "de"}]},
            "no catalogue for language 'de' (languages: en, fr)",
        ),
    ],
)
def test_a_round_that_cannot_be_opened_says_why(
    served: Served, change: dict[str, Any], expected: str
) -> None:
    response = served.client.post("/api/v1/rounds", json=round_body(example()) | change, headers=served.team)
    assert (expected, response.status_code in (404, 422)) == (response.json()["error"]["message"], True)


def test_rounds_are_listed_newest_first_and_by_status(served: Served) -> None:
    first = _open(served, round_body(example(), relationship="a"))
    second = _open(served, round_body(example(), relationship="b"))
    served.client.put(
        f"/api/v1/responses/{_links(first)['c-cio']}", json={"answers": {"obj_business_goals": 3}}
    )
    served.client.post(f"/api/v1/rounds/{first['id']}/close", headers=served.team)
    listed = served.client.get("/api/v1/rounds", headers=served.team).json()
    assert [second["id"], first["id"]] == [item["id"] for item in listed]
    assert [second["id"]] == [
        item["id"] for item in served.client.get("/api/v1/rounds?status=open", headers=served.team).json()
    ]
    assert 422 == served.client.get("/api/v1/rounds?status=done", headers=served.team).status_code


def test_openapi_describes_the_contract_paths(served: Served) -> None:
    """/openapi.json names every path of the contract, the bodies they take and who may call them."""
    document = served.client.get("/openapi.json").json()
    paths = document["paths"]
    for path, method in [
        ("/api/v1/assess", "post"),
        ("/api/v1/rounds", "post"),
        ("/api/v1/rounds/{round_id}", "get"),
        ("/api/v1/responses/{token}", "put"),
        ("/api/v1/rounds/{round_id}/close", "post"),
        ("/api/v1/relationships", "get"),
        ("/api/v1/relationships/{key}/results", "get"),
    ]:
        assert method in paths[path], path
    assert {"$ref": "#/components/schemas/RoundIn"} == paths["/api/v1/rounds"]["post"]["requestBody"][
        "content"
    ]["application/json"]["schema"]
    assert [{"bearer": []}] == paths["/api/v1/rounds"]["post"]["security"]
    assert "security" not in paths["/api/v1/responses/{token}"]["put"]
    assert "respondents" in document["components"]["schemas"]["ResponseSet"]["properties"]
    assert not [path for path in paths if not path.startswith("/api/v1/")]


def test_health_answers_without_a_token(served: Served) -> None:
    assert {"status": "ok", "version": vm.__version__} == served.client.get("/api/v1/health").json()
