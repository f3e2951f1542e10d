"""Nothing lost under load, on SQLite and on PostgreSQL: ``vendormaturity serve`` with two worker
processes on 127.0.0.1, 200 respondents saving and submitting at once, every round closed from
two clients at once; and a server killed in the middle of the saves keeps every answer it
acknowledged."""

from __future__ import annotations

import threading
import time
from typing import Any

import httpx

import vendormaturity as vm

from .load import Person, answer_all, close_twice, open_rounds, prepared, save_body, serving

ROUNDS, PER_ROUND = 4, 50  # 200 respondents


def test_two_workers_and_200_respondents_at_once_lose_no_answer(db: str) -> None:
    token = prepared(db)
    with serving(db, token, workers=2) as server:
        people = open_rounds(server, ROUNDS, PER_ROUND)
        outcome = answer_all(server, people)
        assert [] == outcome.failures
        assert (ROUNDS * PER_ROUND, 3 * ROUNDS * PER_ROUND) == (len(outcome.acknowledged), outcome.requests)
        round_ids = sorted({person.round_id for person in people})
        with httpx.Client(base_url=server.url, headers=server.team) as client:
            followed = [client.get(f"/api/v1/rounds/{round_id}").json() for round_id in round_ids]
        assert [(PER_ROUND, [2] * PER_ROUND)] * ROUNDS == [
            (r["submitted"], [p["saves"] for p in r["respondents"]]) for r in followed
        ]
        assert {round_id: [200, 410] for round_id in round_ids} == close_twice(server, round_ids)
    with vm.Portfolio(db) as store:
        assert 4 == store.counts()["response_sets"]
        stored = store.results([f"load-{number:03d}" for number in range(ROUNDS)])
    by_round = {key: rs for key, (_, rs) in stored.items()}
    for person in people:
        rs = by_round[f"load-{person.round_id - 1:03d}"]
        [kept] = [respondent for respondent in rs.respondents if respondent.id == person.id]
        sent = save_body(person, 2, 2)
        assert (sent["answers"], sent["comments"], sent["comment"]) == (
            dict(kept.answers),
            dict(kept.comments),
            kept.comment,
        ), person.id


def _save_number(comment: str | None) -> int:
    return int((comment or "save 0").rpartition("save ")[2])


def test_a_server_killed_mid_submit_keeps_every_acknowledged_answer(db: str) -> None:
    token = prepared(db)
    saves = 6
    acknowledged: dict[str, dict[str, Any]] = {}
    with serving(db, token, workers=2) as server:
        people = open_rounds(server, 1, 60)
        outcome: list[Any] = []
        running = threading.Thread(
            target=lambda: outcome.append(answer_all(server, people, saves=saves, acknowledged=acknowledged))
        )
        running.start()
        deadline = time.monotonic() + 120
        while len(acknowledged) < 30 and time.monotonic() < deadline:
            time.sleep(0.005)
        server.kill()
        running.join(timeout=180)
    [done] = outcome
    seen = dict(acknowledged)
    finished = sum(_save_number(body["comment"]) == saves for body in seen.values())
    assert done.failures, "the server was killed after every save was answered: nothing was in flight"
    assert finished < len(people)
    with serving(db, token, workers=2) as again, httpx.Client(base_url=again.url) as client:
        by_token: dict[str, Person] = {person.token: person for person in people}
        for link, body in seen.items():
            kept = client.get(f"/api/v1/responses/{link}").json()
            number = _save_number(kept["comment"])
            assert number >= _save_number(body["comment"]), by_token[link].id
            assert save_body(by_token[link], number, saves)["answers"] == kept["answers"], by_token[link].id
