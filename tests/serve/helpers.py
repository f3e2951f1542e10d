"""Helpers of the application's tests: a served portfolio, a round of the example's respondents."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import attrs

import vendormaturity as vm

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
ACME = EXAMPLES / "acme-hosting"


@attrs.frozen
class Served:
    db: str
    token: str
    client: Any  # fastapi.testclient.TestClient
    app: Any

    @property
    def team(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def example() -> vm.ResponseSet:
    """The newest round of the acme-hosting example."""
    return vm.load_responses(sorted(ACME.glob("20*.toml"))[-1])


def round_body(
    rs: vm.ResponseSet, *, relationship: str = "acme-hosting", date: str = "2026-11-02", **extra: Any
) -> dict[str, Any]:
    """A round to open with the respondents of *rs*, the first client the lead, in French."""
    people = []
    for index, person in enumerate(rs.respondents):
        people.append(
            {
                "name": person.name or person.id,
                "id": person.id,
                "side": person.side.value,
                "role": person.role.value,
                "lang": "fr" if index % 2 else "en",
                "lead": index == 0,
            }
        )
    return {
        "relationship": relationship,
        "client": rs.client,
        "supplier": rs.supplier,
        "questionnaire": rs.questionnaire,
        "date": date,
        "respondents": people,
        "facts": dict(rs.facts),
        **extra,
    }


def answers_of(person: vm.Respondent) -> dict[str, Any]:
    body: dict[str, Any] = {"answers": dict(person.answers), "comments": dict(person.comments)}
    if person.comment:
        body["comment"] = person.comment
    return body


def as_dated(rs: vm.ResponseSet, relationship: str, date: str) -> vm.ResponseSet:
    return rs.model_copy(update={"relationship": relationship, "date": datetime.date.fromisoformat(date)})
