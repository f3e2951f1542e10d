"""Assessments per second on the full bundled questionnaire, against a plain-Python floor.

Set-up: the `relationship` questionnaire (compiled once), 8 respondents (4 a side)
answering every question of their side, and 4 earlier assessments as history (saved
results, as an application embedding the library keeps them). The floor is a plain
loop that only computes per-dimension means of the same answers. Scaling: the same
with respondents doubled, and with items doubled (a questionnaire with every question
asked twice).

The process pins itself to one core. Rates come from each function's fastest round;
ratios are the median, over rounds, of the two functions' times in the same round
(neighbouring measurements, so a slow spell of a shared machine cancels out).

Comments: the same response set with every respondent writing two comments (16, drawn
from the labelled corpus of validation/comments/), against the same without comments, in
the same rounds: the cost of reading them for conflict triggers, each read afresh, and
read before (the reader keeps what the last few thousand comments revealed).

Targets: >= 5,000 assessments/s on one core; within 10x of the floor; doubling
respondents or items costs at most ~2.2x.

    python benchmarks/assess.py
"""

from __future__ import annotations

import datetime
import os
import statistics
import time
from collections.abc import Callable
from typing import Any

from _data import corpus_comments, response_set
from pydantic import BaseModel

import vendormaturity as vm
from vendormaturity.model.result import construct_all
from vendormaturity.sources.questionnaires import questionnaire_from_dict


def one_core() -> str:
    """Pin this process to one core, as the targets say; return which, for the report."""
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity here)"
    core = max(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    return f"pinned to core {core}"


def rounds_of(*functions: Callable[[], object], rounds: int = 40, calls: int = 25) -> list[list[float]]:
    """Seconds per call of each function, round by round.

    Rounds of the functions alternate, so that a disturbance from other processes (or
    from the virtual machine's host) hits neighbouring rounds alike.
    """
    times: list[list[float]] = [[] for _ in functions]
    for _ in range(rounds):
        for index, function in enumerate(functions):
            start = time.perf_counter()
            for _ in range(calls):
                function()
            times[index].append((time.perf_counter() - start) / calls)
    return times


def paired_ratio(first: list[float], second: list[float]) -> float:
    """The median over rounds of first's time ÷ second's time in the same round.

    Each ratio compares two neighbouring measurements, taken under the same conditions,
    so the median is steadier than a ratio of two separately chosen best rounds.
    """
    return statistics.median(x / y for x, y in zip(first, second, strict=True))


def floor(q: vm.Questionnaire, responses: vm.ResponseSet) -> Callable[[], object]:
    dimension_of = {question.id: question.dimension for question in q.questions}

    def means() -> dict[str, float]:
        sums: dict[str, float] = {}
        counts: dict[str, int] = {}
        for respondent in responses.respondents:
            for question_id, value in respondent.answers.items():
                if isinstance(value, str):
                    continue
                dimension = dimension_of[question_id]
                sums[dimension] = sums.get(dimension, 0.0) + value
                counts[dimension] = counts.get(dimension, 0) + 1
        return {dimension: sums[dimension] / counts[dimension] for dimension in sums}

    return means


def models_of(result: BaseModel) -> dict[type[BaseModel], list[dict[str, Any]]]:
    """The field values of every model in *result* (itself included), by class."""
    found: dict[type[BaseModel], list[dict[str, Any]]] = {}

    def walk(value: object) -> None:
        if isinstance(value, BaseModel):
            for field in value.__dict__.values():
                walk(field)
            found.setdefault(type(value), []).append(dict(value.__dict__))
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)

    walk(result)
    return found


def fresh(responses: vm.ResponseSet, count: int = 1100) -> Callable[[], vm.ResponseSet]:
    """A new copy of *responses* at each call: assess checks and scores each one, as it does a
    response set it has not seen (one loaded and checked keeps its scores for ``assess``)."""
    copies = iter([responses.model_copy() for _ in range(count)])
    return lambda: next(copies)


def doubled_items(q: vm.Questionnaire) -> vm.Questionnaire:
    document = q.model_dump(mode="json", exclude_none=True)
    extra = []
    for question in document["questions"]:
        copy = dict(question, id=question["id"] + "_bis")
        copy.pop("relevant", None)
        extra.append(copy)
    document["questions"] = document["questions"] + extra
    return questionnaire_from_dict(document)


def main() -> None:
    q = vm.load_questionnaire("relationship")
    start = datetime.date(2025, 9, 1)
    earlier = [
        response_set(q, seed=seed, date=start + datetime.timedelta(days=90 * seed)) for seed in range(4)
    ]
    history: list[vm.ResponseSet | vm.AssessmentResult] = []
    for item in earlier:
        history.append(vm.assess(q, item, history=list(history)))
    current = response_set(q, seed=99, date=datetime.date(2026, 11, 1))
    answers = sum(len(r.answers) for r in current.respondents)

    print(one_core())

    current_copy = fresh(current)

    def assess_current() -> object:
        return vm.assess(q, current_copy(), history=history)

    times, floor_times = rounds_of(assess_current, floor(q, current))
    rate, floor_rate = 1.0 / min(times), 1.0 / min(floor_times)
    (from_responses,) = rounds_of(lambda: vm.assess(q, current, history=earlier), rounds=10)
    print(f"questionnaire: {len(q.questions)} items, {len(q.dimensions)} dimensions; {answers} answers")
    print(f"assess, history as 4 saved results:   {rate:8.0f} assessments/s ({1e6 / rate:6.1f} µs each)")
    print(f"floor (per-dimension means only):     {floor_rate:8.0f} /s ({1e6 / floor_rate:6.1f} µs each)")
    print(f"ratio to the floor (median of rounds): {paired_ratio(times, floor_times):7.1f}x")
    print(
        f"assess, history as 4 response sets:   {1.0 / min(from_responses):8.0f} assessments/s "
        "(each earlier assessment re-assessed)"
    )
    # What the result alone costs: its models made again from ready values (no computing,
    # no validation), as assess makes them.
    models = models_of(vm.assess(q, current, history=history))
    count = sum(map(len, models.values()))
    (making,) = rounds_of(
        lambda: [construct_all(cls, map(dict, rows)) for cls, rows in models.items()], rounds=20
    )
    budget = 1e6 / 5000
    print(
        f"the result's {count} models alone:        {min(making) * 1e6:8.1f} µs "
        f"({min(making) * 1e6 / budget:.0%} of the {budget:.0f} µs that 5,000/s allows)"
    )

    (checked,) = rounds_of(lambda: vm.assess(q, current, history=history), rounds=10)
    print(
        f"assess a response set already checked: {1.0 / min(checked):8.0f} assessments/s "
        "(loaded and checked: its scores are kept)"
    )
    current_copy = fresh(current)
    double_people = fresh(response_set(q, seed=99, date=datetime.date(2026, 11, 1), copies=2))
    base, people = rounds_of(assess_current, lambda: vm.assess(q, double_people(), history=history))
    q2 = doubled_items(q)
    history2: list[vm.ResponseSet | vm.AssessmentResult] = []
    for item in earlier:
        history2.append(
            vm.assess(
                q2, response_set(q2, seed=len(item.respondents), date=item.date), history=list(history2)
            )
        )
    current2 = fresh(response_set(q2, seed=99, date=datetime.date(2026, 11, 1)))
    current_copy = fresh(current)
    base2, items = rounds_of(assess_current, lambda: vm.assess(q2, current2(), history=history2))
    print(f"respondents doubled (16):            {paired_ratio(people, base):8.2f}x the time")
    print(f"items doubled ({len(q2.questions)}):                 {paired_ratio(items, base2):8.2f}x the time")
    comments_cost(q, current, history)


def comments_cost(
    q: vm.Questionnaire, current: vm.ResponseSet, history: list[vm.ResponseSet | vm.AssessmentResult]
) -> None:
    """The same response set with and without 16 comments, in the same rounds."""
    texts = corpus_comments()
    commented = response_set(q, seed=99, date=datetime.date(2026, 11, 1), comments=texts[::7])
    written = sum(bool(r.comment) + len(r.comments) for r in commented.respondents)
    lately = vm.compile_questionnaire(q).vocabulary.read_lately
    current_copy, commented_copy = fresh(current), fresh(commented, count=2200)

    def plain() -> object:
        return vm.assess(q, current_copy(), history=history)

    def afresh() -> object:
        lately.clear()  # as if these comments had never been read
        return vm.assess(q, commented_copy(), history=history)

    def again() -> object:
        return vm.assess(q, commented_copy(), history=history)

    without, cold, warm = rounds_of(plain, afresh, again, rounds=40)
    print(
        f"with {written} comments, each read afresh:  {1.0 / min(cold):8.0f} assessments/s "
        f"({paired_ratio(cold, without):.2f}x the time without comments)"
    )
    print(
        f"with {written} comments read before:       {1.0 / min(warm):8.0f} assessments/s "
        f"({paired_ratio(warm, without):.2f}x; a history assessed again reads its comments again)"
    )


if __name__ == "__main__":
    main()
