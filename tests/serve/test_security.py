"""Who may do what, tested: links of 256 random bits that reach one respondent and stop when the
round closes, 401 without a team token, forged forms refused, bodies within the guarded
reader's limits, a Content-Security-Policy on every response, no traceback, wrong-token bursts
slowed down, and every failure a clear JSON error with its status."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from vendormaturity.serve import create_app
from vendormaturity.sources.reader import MAX_DEPTH, MAX_FILE_BYTES
from vendormaturity.store.schema import create_engine

from .helpers import Served, answers_of, example, round_body

WRONG_TOKEN = "a valid API token is needed: Authorization: Bearer TOKEN (vendormaturity token create)"


def _open(served: Served) -> tuple[int, dict[str, str]]:
    response = served.client.post("/api/v1/rounds", json=round_body(example()), headers=served.team)
    assert 201 == response.status_code, response.text
    return response.json()["id"], {link["respondent"]: link["token"] for link in response.json()["links"]}


def _error(response: Any) -> tuple[int, str, str]:
    error = response.json()["error"]
    assert response.status_code == error["status"]
    return response.status_code, error["code"], error["message"]


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf" value="([0-9a-f]{64})"', page)
    assert found is not None, page
    return found.group(1)


# ---------------------------------------------------------------------- links


def test_links_carry_256_random_bits_and_are_stored_only_hashed(served: Served) -> None:
    _, links = _open(served)
    tokens = list(links.values())
    assert len(set(tokens)) == len(tokens) == len(example().respondents)
    for token in tokens:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        assert len(raw) * 8 >= 128
        assert 32 == len(raw)
    engine = create_engine(served.db, must_exist=True)
    with engine.connect() as connection:
        stored = " ".join(
            str(row)
            for table in ("serve_respondents", "serve_rounds", "serve_audit", "serve_tokens")
            for row in connection.execute(sa.text(f"SELECT * FROM {table}"))
        )
    engine.dispose()
    assert [] == [token for token in [*tokens, served.token] if token in stored]


def test_a_link_reaches_only_its_respondent(served: Served) -> None:
    """A link reads and writes its own respondent's answers, never another's nor another round's."""
    rs = example()
    round_id, links = _open(served)
    other = served.client.post(
        "/api/v1/rounds", json=round_body(rs, relationship="other"), headers=served.team
    ).json()
    cio, infra = rs.respondents[0], rs.respondents[1]
    assert 200 == served.client.put(f"/api/v1/responses/{links['c-cio']}", json=answers_of(cio)).status_code
    seen = served.client.get(f"/api/v1/responses/{links['c-infra']}").json()
    assert ("c-infra", {}) == (seen["respondent"]["id"], seen["answers"])
    served.client.put(f"/api/v1/responses/{links['c-infra']}", json=answers_of(infra))
    assert dict(cio.answers) == served.client.get(f"/api/v1/responses/{links['c-cio']}").json()["answers"]
    elsewhere = {link["token"] for link in other["links"]}
    assert not elsewhere & set(links.values())
    assert {"relationship": "other"}.items() <= served.client.get(
        f"/api/v1/responses/{other['links'][0]['token']}"
    ).json()["round"].items()
    round_ = served.client.get(f"/api/v1/rounds/{round_id}", headers=served.team).json()
    assert [len(cio.answers), len(infra.answers), 0] == [p["answered"] for p in round_["respondents"][:3]]


def test_a_link_is_not_a_team_token(served: Served) -> None:
    _, links = _open(served)
    response = served.client.get("/api/v1/rounds", headers={"Authorization": f"Bearer {links['c-cio']}"})
    assert (401, "unauthorised", WRONG_TOKEN) == _error(response)


def test_links_stop_working_when_the_round_closes(served: Served) -> None:
    rs = example()
    round_id, links = _open(served)
    served.client.put(f"/api/v1/responses/{links['c-cio']}", json=answers_of(rs.respondents[0]))
    assert 200 == served.client.post(f"/api/v1/rounds/{round_id}/close", headers=served.team).status_code
    closed = (410, "closed", "this round is closed: answers are no longer taken")
    for token in links.values():
        assert closed == _error(served.client.get(f"/api/v1/responses/{token}"))
        assert closed == _error(served.client.put(f"/api/v1/responses/{token}", json={"answers": {}}))
        page = served.client.get(f"/r/{token}", headers={"Accept": "text/html"})
        assert 410 == page.status_code
        assert "text/html" in page.headers["content-type"]
    lead = links["c-cio"]
    assert closed == _error(served.client.put(f"/api/v1/responses/{lead}/facts", json={"facts": {}}))


def test_an_unknown_link_is_a_404_and_counted(served: Served) -> None:
    _, links = _open(served)
    wrong = links["c-cio"][:-2] + ("AA" if not links["c-cio"].endswith("AA") else "BB")
    assert (404, "not_found") == _error(served.client.get(f"/api/v1/responses/{wrong}"))[:2]
    engine = create_engine(served.db, must_exist=True)
    with engine.connect() as connection:
        assert [("testclient", 1)] == [
            tuple(row) for row in connection.execute(sa.text("SELECT client, failures FROM serve_throttle"))
        ]
    engine.dispose()


# ---------------------------------------------------------------------- team tokens


TEAM_ENDPOINTS = [
    ("post", "/api/v1/assess"),
    ("post", "/api/v1/rounds"),
    ("get", "/api/v1/rounds"),
    ("get", "/api/v1/rounds/1"),
    ("get", "/api/v1/rounds/1/audit"),
    ("post", "/api/v1/rounds/1/respondents"),
    ("post", "/api/v1/rounds/1/respondents/c-cio/remind"),
    ("post", "/api/v1/rounds/1/close"),
    ("get", "/api/v1/relationships"),
    ("get", "/api/v1/relationships/acme-hosting/results"),
]


@pytest.mark.parametrize(("method", "path"), TEAM_ENDPOINTS)
@pytest.mark.parametrize(
    "authorization", [None, "Bearer", "Bearer wrong-token", "Basic dGVhbTp4", "vmt_abc"], ids=str
)
def test_team_endpoints_answer_401_without_a_valid_token(
    served: Served, method: str, path: str, authorization: str | None
) -> None:
    _open(served)
    headers = {} if authorization is None else {"Authorization": authorization}
    response = served.client.request(method, path, headers=headers, json={})
    assert (401, "unauthorised", WRONG_TOKEN) == _error(response)
    assert "Bearer" == response.headers["www-authenticate"]
    assert 1 == len(served.client.get("/api/v1/rounds", headers=served.team).json())


def test_openapi_marks_exactly_the_team_endpoints(served: Served) -> None:
    paths = served.client.get("/openapi.json").json()["paths"]
    secured = sorted(
        (
            method,
            path.replace("{round_id}", "1").replace("{key}", "acme-hosting").replace("{respondent}", "c-cio"),
        )
        for path, operations in paths.items()
        for method, operation in operations.items()
        if operation.get("security") == [{"bearer": []}]
    )
    assert sorted(TEAM_ENDPOINTS) == secured


def test_the_team_pages_need_a_signed_in_token(served: Served) -> None:
    assert "/team/sign-in" == served.client.get("/team", follow_redirects=False).headers["location"]
    refused = served.client.get("/team/rounds/1", headers={"Accept": "text/html"})
    assert 401 == refused.status_code
    served.client.cookies.set("vm_team", "wrong")
    assert (401, "unauthorised", WRONG_TOKEN) == _error(served.client.get("/team/rounds/1"))


def test_signing_in_sets_a_cookie_scripts_and_other_sites_cannot_use(served: Served) -> None:
    wrong = served.client.post("/team/sign-in", data={"token": "nope"}, follow_redirects=False)
    assert 401 == wrong.status_code
    signed = served.client.post("/team/sign-in", data={"token": served.token}, follow_redirects=False)
    assert (303, "/team") == (signed.status_code, signed.headers["location"])
    cookie = signed.headers["set-cookie"].lower()
    assert ["httponly", "samesite=strict"] == [
        part for part in ("httponly", "samesite=strict") if part in cookie
    ]


# ---------------------------------------------------------------------- forged forms


def test_a_respondent_form_without_its_token_is_refused(served: Served) -> None:
    _, links = _open(served)
    link = links["c-cio"]
    page = served.client.get(f"/r/{link}").text
    form = {"a.obj_business_goals": "4", "action": "save"}
    missing = served.client.post(f"/r/{link}", data=form)
    forged = served.client.post(f"/r/{link}", data=form | {"csrf": "0" * 64})
    of_another = served.client.post(
        f"/r/{link}", data=form | {"csrf": _csrf(served.client.get(f"/r/{links['c-infra']}").text)}
    )
    expected = (403, "forged_form", "this form was not sent from its page; reload the page and try again")
    assert [expected] * 3 == [_error(missing), _error(forged), _error(of_another)]
    assert {} == served.client.get(f"/api/v1/responses/{link}").json()["answers"]
    sent = served.client.post(f"/r/{link}", data=form | {"csrf": _csrf(page)}, follow_redirects=False)
    assert (303, f"/r/{link}?saved=saved&aside=0") == (sent.status_code, sent.headers["location"])
    assert {"obj_business_goals": 4} == served.client.get(f"/api/v1/responses/{link}").json()["answers"]


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
    ],
    ids=["origin", "null-origin", "cross-site", "same-site"],
)
def test_a_form_posted_from_another_site_is_refused(served: Served, headers: dict[str, str]) -> None:
    _, links = _open(served)
    link = links["c-cio"]
    form = {"a.obj_business_goals": "4", "csrf": _csrf(served.client.get(f"/r/{link}").text)}
    refused = served.client.post(f"/r/{link}", data=form, headers=headers)
    expected = (403, "cross_site", "a form of this site can only be sent from this site")
    assert expected == _error(refused)
    assert expected == _error(
        served.client.post("/team/sign-in", data={"token": served.token}, headers=headers)
    )
    assert {} == served.client.get(f"/api/v1/responses/{link}").json()["answers"]


def test_a_browser_form_of_a_page_without_referrer_is_taken(served: Served) -> None:
    """Under ``Referrer-Policy: no-referrer`` a browser sends ``Origin: null`` with the page's own
    form, and says ``Sec-Fetch-Site: same-origin``: that form is taken."""
    _, links = _open(served)
    link = links["c-cio"]
    form = {"a.obj_business_goals": "4", "csrf": _csrf(served.client.get(f"/r/{link}").text)}
    sent = served.client.post(
        f"/r/{link}",
        data=form,
        headers={"Origin": "null", "Sec-Fetch-Site": "same-origin"},
        follow_redirects=False,
    )
    assert 303 == sent.status_code
    assert {"obj_business_goals": 4} == served.client.get(f"/api/v1/responses/{link}").json()["answers"]


def test_a_team_form_without_its_token_is_refused(served: Served) -> None:
    round_id, _ = _open(served)
    served.client.post("/team/sign-in", data={"token": served.token})
    forged = served.client.post(f"/team/rounds/{round_id}/close", data={"csrf": "f" * 64})
    missing = served.client.post(f"/team/rounds/{round_id}/remind/c-cio", data={"x": "1"})
    assert [403, 403] == [forged.status_code, missing.status_code]
    assert "open" == served.client.get(f"/api/v1/rounds/{round_id}", headers=served.team).json()["status"]
    audit = served.client.get(f"/api/v1/rounds/{round_id}/audit", headers=served.team).json()
    assert ["round_opened"] == [entry["action"] for entry in audit]


# ---------------------------------------------------------------------- bodies


def test_a_body_declared_too_large_is_refused_before_it_is_read(served: Served) -> None:
    response = served.client.post(
        "/api/v1/assess",
        content=b"{}",
        headers={
            **served.team,
            "Content-Type": "application/json",
            "Content-Length": str(MAX_FILE_BYTES + 1),
        },
    )
    message = f"the request body is {MAX_FILE_BYTES + 1} bytes or more, the limit is {MAX_FILE_BYTES}"
    assert (413, "too_large", message) == _error(response)


def test_a_streamed_body_is_cut_at_the_limit(served: Served) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"answers": {"x": "'
        for _ in range(MAX_FILE_BYTES // 65_536 + 2):
            yield b"a" * 65_536

    _, links = _open(served)
    response = served.client.put(
        f"/api/v1/responses/{links['c-cio']}", content=chunks(), headers={"Content-Type": "application/json"}
    )
    status, code, message = _error(response)
    assert (413, "too_large") == (status, code)
    assert message.endswith(f"bytes or more, the limit is {MAX_FILE_BYTES}")


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        (
            b'{"answers": {}, "answers": {}}',
            "application/json",
            (422, "invalid", "the request body cannot be read"),
        ),
        (
            b"[" * (MAX_DEPTH + 5) + b"]" * (MAX_DEPTH + 5),
            "application/json",
            (422, "invalid", "the request body cannot be read"),
        ),
        (b'{"answers": NaN}', "application/json", (422, "invalid", "the request body cannot be read")),
        (b'{"answers": {\xff}}', "application/json", (422, "invalid", "the request body cannot be read")),
        (
            b"answers=1",
            "text/plain",
            (415, "unsupported_media_type", "send JSON (Content-Type: application/json), not text/plain"),
        ),
        (b"[]", "application/json", (422, "invalid", "the request body cannot be read")),
    ],
    ids=["key-twice", "too-deep", "nan", "not-utf8", "not-json", "not-an-object"],
)
def test_bodies_go_through_the_guarded_reader(
    served: Served, body: bytes, content_type: str, expected: tuple[int, str, str]
) -> None:
    _, links = _open(served)
    response = served.client.put(
        f"/api/v1/responses/{links['c-cio']}", content=body, headers={"Content-Type": content_type}
    )
    assert expected == _error(response)
    if expected[0] == 422:
        [problem] = response.json()["error"]["problems"]
        assert "request body" == problem["file"]
        assert problem["message"]


def test_a_form_with_too_many_fields_is_refused(served: Served) -> None:
    _, links = _open(served)
    link = links["c-cio"]
    body = "&".join(f"c.q{index}=x" for index in range(2_001))
    response = served.client.post(
        f"/r/{link}",
        content=body,
        headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"},
    )
    assert (422, "invalid", "the request body cannot be read") == _error(response)
    assert ["more than 2000 fields in one form"] == [
        p["message"] for p in response.json()["error"]["problems"]
    ]


# ---------------------------------------------------------------------- headers and failures


def test_every_response_carries_the_security_headers(served: Served) -> None:
    _, links = _open(served)
    responses = [
        served.client.get("/api/v1/health"),
        served.client.get("/openapi.json"),
        served.client.get(f"/r/{links['c-cio']}"),
        served.client.get("/team/sign-in"),
        served.client.get("/nothing-here", headers={"Accept": "text/html"}),
        served.client.get("/api/v1/rounds"),
    ]
    for response in responses:
        policy = response.headers["content-security-policy"]
        assert policy.startswith("default-src 'none'; script-src 'nonce-")
        assert "frame-ancestors 'none'" in policy
        assert ("nosniff", "no-referrer", "DENY", "no-store") == (
            response.headers["x-content-type-options"],
            response.headers["referrer-policy"],
            response.headers["x-frame-options"],
            response.headers["cache-control"],
        )
    page = responses[2]
    nonce = re.search(r"'nonce-([^']+)'", page.headers["content-security-policy"])
    assert nonce is not None
    scripts = re.findall(r"<script([^>]*)>", page.text)
    assert scripts
    assert all(f'nonce="{nonce.group(1)}"' in attributes for attributes in scripts)
    assert responses[0].headers["content-security-policy"] != responses[1].headers["content-security-policy"]


def test_a_server_failure_is_a_json_error_without_a_traceback(
    served: Served, caplog: pytest.LogCaptureFixture
) -> None:
    engine = create_engine(served.db, must_exist=True)
    with engine.begin() as connection:
        connection.execute(sa.text("DROP TABLE serve_audit"))
    engine.dispose()
    response = served.client.post("/api/v1/rounds", json=round_body(example()), headers=served.team)
    expected = (500, "internal", "the server failed on this request; it is logged, nothing was lost")
    assert expected == _error(response)
    assert "Traceback" not in response.text
    assert "serve_audit" not in response.text
    page = served.client.get("/team/rounds/1", headers={"Accept": "text/html"})
    assert "Traceback" not in page.text
    assert ["request failed: POST /api/v1/rounds"] == [
        record.getMessage() for record in caplog.records if record.name == "vendormaturity.serve"
    ][:1]


@pytest.mark.parametrize(
    ("method", "path", "expected"),
    [
        ("get", "/api/v1/nothing", (404, "not_found", "nothing here")),
        ("delete", "/api/v1/health", (405, "method_not_allowed", "this address does not take this method")),
        ("get", "/api/v1/rounds/abc", (422, "invalid", "the address or its parameters do not fit")),
        ("get", "/api/v1/rounds/999", (404, "not_found", "no round 999")),
        ("get", "/api/v1/rounds?status=done", (422, "invalid", "status is open or closed, not 'done'")),
    ],
)
def test_failures_are_clear_json_errors(
    served: Served, method: str, path: str, expected: tuple[int, str, str]
) -> None:
    response = served.client.request(method, path, headers=served.team)
    assert ("application/json", expected) == (response.headers["content-type"], _error(response))


def test_errors_speak_the_language_asked_for(served: Served) -> None:
    response = served.client.get("/api/v1/rounds", headers={"Accept-Language": "fr-FR,fr;q=0.9,en;q=0.5"})
    status, _, message = _error(response)
    assert 401 == status
    assert message != WRONG_TOKEN
    assert "vendormaturity token create" in message


# ---------------------------------------------------------------------- bursts


def test_a_burst_of_wrong_tokens_is_slowed_down(served: Served) -> None:
    """After five wrong tokens (the fixture's limit) the address waits, even with a right token."""
    wrong = {"Authorization": "Bearer wrong"}
    assert [401] * 5 == [served.client.get("/api/v1/rounds", headers=wrong).status_code for _ in range(5)]
    slowed = served.client.get("/api/v1/rounds", headers=served.team)
    status, code, message = _error(slowed)
    assert (429, "too_many_wrong_tokens") == (status, code)
    assert re.fullmatch(r"too many wrong tokens from this address; try again in (\d+) s", message)
    assert 55 <= int(slowed.headers["retry-after"]) <= 60
    assert 429 == served.client.get("/api/v1/responses/some-link").status_code
    assert 200 == served.client.get("/api/v1/health").status_code


def test_wrong_links_count_as_wrong_tokens_and_every_worker_sees_them(served: Served) -> None:
    """The count is in the database: a second application over it (another worker) waits too."""
    for _ in range(5):
        assert 404 == served.client.get("/api/v1/responses/guess").status_code
    other = create_app(served.db, throttle_limit=5, throttle_window=60.0)
    with TestClient(other, raise_server_exceptions=False) as client:
        assert (429, "too_many_wrong_tokens") == _error(client.get("/api/v1/rounds", headers=served.team))[:2]
    other.state.vendormaturity.engine.dispose()


def test_the_wait_ends_with_the_window(served: Served) -> None:
    quick = create_app(served.db, throttle_limit=2, throttle_window=0.0)
    with TestClient(quick, raise_server_exceptions=False) as client:
        wrong = {"Authorization": "Bearer wrong"}
        statuses = [client.get("/api/v1/rounds", headers=wrong).status_code for _ in range(4)]
        assert [401, 401, 401, 401] == statuses
        assert 200 == client.get("/api/v1/rounds", headers=served.team).status_code
    quick.state.vendormaturity.engine.dispose()
