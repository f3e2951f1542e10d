"""Turn a validation scenario into response sets of any questionnaire, as people would fill them in.

Each respondent has a general optimism (``bias``) kept over the assessments, and at every
assessment their own view of each concept (``spread``). An item's target is the mean level of
the concepts it measures, plus these, plus the side's split for a divided side, plus answer
noise; it is mapped onto the item's scale (a 0–10 item spans the same ground as a 1–5 one),
reversed for a reverse-keyed item (agreeing with "disagreements are frequent" is bad news),
and rounded to a neighbouring choice with the probability of its distance (unbiased
stochastic rounding). People answer "don't know" at their rate, on pre-deal items if they
joined after signature, and on every item of a concept their side cannot judge. Skip logic is
followed as a survey tool would (each relevance condition over the answers so far and the
facts), unless the scenario says the tool could not hide questions.

Everything is drawn from random generators seeded by scenario, seed, date and respondent:
the same inputs give the same files, and changing one assessment or one person's rate never
reshuffles the others.
"""

from __future__ import annotations

import datetime
import math
import random
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from vendormaturity.engine.compiler import compile_questionnaire
from vendormaturity.model.questionnaire import Questionnaire, Scale, Stage
from vendormaturity.rules.expressions import CompiledExpression, Value
from vendormaturity.validity.scenarios import Scenario, Wave

__all__ = ["Simulation", "months_between"]

_ROLES = ("executive", "manager", "operational", "other")
_LOW, _HIGH = 1.0, 5.0  # concept levels are on 1–5, high is good


def months_between(start: datetime.date, end: datetime.date) -> int:
    """Whole months from *start* to *end* (negative if *end* comes first)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - (1 if end.day < start.day else 0)


@attrs.frozen
class _Person:
    id: str
    side: str
    role: str
    bias: float
    late: bool  # joined after signature: pre-deal items are "don't know"
    offset: float  # where the person stands in a divided side: from +1 to −1


@attrs.frozen
class _Item:
    id: str
    side: str
    concepts: tuple[str, ...]
    pre_deal: bool
    reverse: bool
    choices: tuple[float, ...]  # increasing
    missing: str | None  # the scale's first "don't know" code, if it has one
    relevant: CompiledExpression | None  # the relevance condition


class Simulation:
    """The response sets of one scenario for one questionnaire, at one noise seed.

    *concepts* maps each question id to the concepts it measures
    (:meth:`~vendormaturity.validity.Corpus.concept_map`). *per_side*, if given, replaces
    the number of respondents of every side that has some (a side without respondents
    stays without).
    """

    def __init__(
        self,
        scenario: Scenario,
        questionnaire: Questionnaire,
        concepts: Mapping[str, Sequence[str]],
        *,
        seed: int = 0,
        per_side: int | None = None,
    ) -> None:
        self.scenario = scenario
        self.questionnaire = questionnaire
        self.seed = seed
        self.items = _items(questionnaire, concepts)
        self.concepts = sorted({concept for item in self.items for concept in item.concepts})
        self.facts_declared = {fact.id for fact in questionnaire.facts}
        self.people = self._people(per_side)

    def _people(self, per_side: int | None) -> list[_Person]:
        setup = self.scenario.respondents
        people = []
        for side, count in (("client", setup.client), ("supplier", setup.supplier)):
            total = count if per_side is None or not count else per_side
            for index in range(total):
                pid = f"{side[0]}{index + 1}"
                rng = random.Random(f"{self.scenario.id}/{self.seed}/{pid}")
                people.append(
                    _Person(
                        id=pid,
                        side=side,
                        role=_ROLES[index % len(_ROLES)],
                        bias=rng.gauss(0.0, setup.bias),
                        late=rng.random() < setup.late_joiners,
                        offset=1.0 - 2.0 * index / (total - 1) if total > 1 else 0.0,
                    )
                )
        return people

    def facts(self, wave: Wave) -> dict[str, bool | int | float | str]:
        """The facts the user knows on *wave*'s date that the questionnaire declares."""
        s = self.scenario
        known: dict[str, bool | int | float | str] = {}
        # The contract's dates as the user types them where the questionnaire has date facts
        # (it derives the age and the months to exit from them), else the months themselves.
        if s.start is not None:
            if "contract_start" in self.facts_declared:
                known["contract_start"] = s.start.isoformat()
            else:
                known["age_months"] = max(0, months_between(s.start, wave.date))
        if s.end is not None:
            if "contract_end" in self.facts_declared:
                known["contract_end"] = s.end.isoformat()
            else:
                known["months_to_exit"] = max(0, months_between(wave.date, s.end))
        known.update(s.facts)
        known.update(wave.facts)
        return {
            name: value
            for name, value in sorted(known.items())
            if name in self.facts_declared and name not in wave.unknown
        }

    def document(self, index: int, previous_plan: Sequence[str] = ()) -> dict[str, Any]:
        """The response set of assessment *index* as a document, ready for a TOML or JSON file.

        *previous_plan* lists the actions the previous assessment proposed: if the wave says
        how much of the plan was followed, their statuses are reported.
        """
        s, q = self.scenario, self.questionnaire
        wave = s.assessments[index]
        facts = self.facts(wave)
        document: dict[str, Any] = {
            "schema_version": 1,
            "questionnaire": q.id,
            "questionnaire_version": q.version,
            "relationship": s.id,
            "client": "Client",
            "supplier": "Supplier",
            "date": wave.date,
            "comment": s.title,
            "facts": facts,
            "respondents": [
                {
                    "id": person.id,
                    "side": person.side,
                    "role": person.role,
                    "answers": self._answers(wave, person, facts),
                }
                for person in self.people
            ],
        }
        followup = self._followup(wave, previous_plan)
        if followup:
            document["followup"] = followup
        return document

    def _answers(
        self, wave: Wave, person: _Person, facts: Mapping[str, object]
    ) -> dict[str, int | float | str]:
        setup = self.scenario.respondents
        rng = random.Random(f"{self.scenario.id}/{self.seed}/{wave.date}/{person.id}")
        levels = _levels(getattr(wave, person.side), self.concepts)
        view = {concept: levels[concept] + rng.gauss(0.0, setup.spread) for concept in self.concepts}
        for split in wave.split:
            if split.side == person.side:
                for concept in split.concepts or self.concepts:
                    if concept in view:  # (a concept this questionnaire does not measure is no matter)
                        view[concept] += split.by * person.offset
        unseen = set(setup.client_unseen if person.side == "client" else setup.supplier_unseen)
        rate = setup.dont_know if wave.dont_know is None else wave.dont_know
        environment: dict[str, Value] = {f"facts.{name}": _fact(value) for name, value in facts.items()}
        answers: dict[str, int | float | str] = {}
        for item in self.items:
            if item.side not in ("both", person.side):
                continue
            # the same draws whatever the branch: a rate or a skip changes no other answer
            noise, coin, chance = rng.gauss(0.0, setup.noise), rng.random(), rng.random()
            if item.relevant is not None and setup.skip_logic and item.relevant(environment) is False:
                continue
            if (item.pre_deal and person.late) or unseen.intersection(item.concepts) or chance < rate:
                if item.missing is not None:
                    answers[item.id] = item.missing
                continue
            target = math.fsum(view[c] for c in item.concepts) / len(item.concepts) + person.bias + noise
            value = _on_scale(target, item, coin)
            answers[item.id] = int(value) if float(value).is_integer() else value
            environment[f"answers.{item.id}"] = float(value)
        return answers

    def _followup(self, wave: Wave, previous_plan: Sequence[str]) -> list[dict[str, str]]:
        if wave.plan_followed is None or not previous_plan:
            return []
        rng = random.Random(f"{self.scenario.id}/{self.seed}/{wave.date}/followup")
        order = list(previous_plan)
        rng.shuffle(order)
        done = set(order[: round(wave.plan_followed * len(order))])
        return [
            {"action": action, "status": "done" if action in done else "not_started"}
            for action in previous_plan
        ]


def _items(questionnaire: Questionnaire, concepts: Mapping[str, Sequence[str]]) -> list[_Item]:
    scales = {scale.id: scale for scale in questionnaire.scales}
    compiled = compile_questionnaire(questionnaire)
    return [
        _Item(
            id=question.id,
            side=question.side.value,
            concepts=tuple(concepts[question.id]),
            pre_deal=question.stage is Stage.PRE_DEAL,
            reverse=question.reverse,
            choices=tuple(choice.value for choice in scales[question.scale].choices),
            missing=_missing_code(scales[question.scale]),
            relevant=compiled_question.relevant,
        )
        for question, compiled_question in zip(questionnaire.questions, compiled.questions, strict=True)
    ]


def _missing_code(scale: Scale) -> str | None:
    return scale.missing[0].code if scale.missing else None


def _levels(given: Mapping[str, float], concepts: Sequence[str]) -> dict[str, float]:
    """Each concept's level: as given, or the base level."""
    base = given.get("base", _LOW)  # (a side with respondents gives a base or every concept)
    return {concept: given.get(concept, base) for concept in concepts}


def _on_scale(target: float, item: _Item, coin: float) -> float:
    """A 1–5 target (high is good) as a choice of the item's scale, reversed if the item is."""
    low, high = item.choices[0], item.choices[-1]
    x = low + (min(_HIGH, max(_LOW, target)) - _LOW) / (_HIGH - _LOW) * (high - low)
    if item.reverse:
        x = low + high - x
    for below, above in zip(item.choices, item.choices[1:], strict=False):
        if below <= x <= above:
            return above if coin < (x - below) / (above - below) else below
    return low if x < low else high  # pragma: no cover - x lies within the scale by construction


def _fact(value: object) -> Value:
    if isinstance(value, bool | str):
        return value
    return float(value)  # type: ignore[arg-type]
