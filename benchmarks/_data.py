"""Deterministic synthetic response sets for the benchmarks."""

from __future__ import annotations

import compileall
import datetime
import itertools
import random
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import vendormaturity as vm
from vendormaturity.model.questionnaire import Side


def as_installed() -> None:
    """Compile the package's bytecode, as pip does when it installs a wheel: commands timed in
    fresh interpreters then start as a user's do, even from a source checkout where
    ``PYTHONDONTWRITEBYTECODE`` keeps Python from writing it."""
    compileall.compile_dir(Path(vm.__file__).parent, quiet=1)


def response_set(
    q: vm.Questionnaire,
    *,
    per_side: int = 4,
    seed: int = 0,
    date: datetime.date = datetime.date(2026, 9, 1),
    copies: int = 1,
    comments: Sequence[str] = (),
) -> vm.ResponseSet:
    """A response set where every respondent answers every question of their side.

    *copies* > 1 repeats the respondents, to measure scaling in respondents. *comments* are
    handed out in turn: each respondent writes a general comment and one beside a question.
    """
    texts = itertools.cycle(comments) if comments else None
    rng = random.Random(seed)
    scales = {scale.id: scale for scale in q.scales}
    respondents = []
    for copy in range(copies):
        for side in (Side.CLIENT, Side.SUPPLIER):
            for number in range(per_side):
                answers: dict[str, int | float | str] = {}
                for question in q.questions:
                    if question.side not in (Side.BOTH, side) or question.relevant is not None:
                        continue
                    scale = scales[question.scale]
                    if rng.random() < 0.05 and scale.missing:
                        answers[question.id] = scale.missing[0].code
                    else:
                        answers[question.id] = rng.choice(scale.choices).value
                written: dict[str, Any] = {}
                if texts is not None:
                    written = {"comment": next(texts), "comments": {next(iter(answers)): next(texts)}}
                respondents.append(
                    vm.Respondent(id=f"{side.value}-{copy}-{number}", side=side, answers=answers, **written)
                )
    facts: dict[str, bool | int | float | str] = {}
    for fact in q.facts:
        if fact.type.value == "boolean":
            facts[fact.id] = rng.random() < 0.5
        elif fact.type.value == "choice" and fact.choices:
            facts[fact.id] = fact.choices[0].value
        elif fact.type.value == "date":
            facts[fact.id] = (
                datetime.date(2022, 1, 1) + datetime.timedelta(days=rng.randint(0, 1500))
            ).isoformat()
        elif fact.type.value == "integer":
            facts[fact.id] = int(fact.min or 0) + rng.randint(0, 24)
        else:
            low, high = fact.min or 0.0, fact.max if fact.max is not None else 1.0
            facts[fact.id] = round(low + (min(high, low + 1.0) - low) * rng.random(), 2)
    return vm.ResponseSet(
        questionnaire=q.id,
        questionnaire_version=q.version,
        relationship="benchmark",
        client="Client",
        supplier="Supplier",
        date=date,
        facts=facts,
        respondents=respondents,
    )


def corpus_comments() -> list[str]:
    """The labelled comments of validation/comments/, as people write them."""
    folder = Path(__file__).resolve().parents[1] / "validation" / "comments"
    return [
        entry["text"]
        for path in sorted(folder.glob("*.toml"))
        for entry in tomllib.loads(path.read_text(encoding="utf-8"))["comments"]
    ]
