"""Scores per side: reverse items, missing answers, coverage, spread, agreement, relevance."""

from __future__ import annotations

import pytest

import vendormaturity as vm
from conftest import ResponsesFactory, respondent
from vendormaturity.engine.scoring import score_responses


def scores(q: vm.Questionnaire, responses: vm.ResponseSet) -> dict[str, tuple[float | None, ...]]:
    result = score_responses(vm.compile_questionnaire(q), responses)
    return {
        dimension: tuple(means)
        for dimension, *means in zip(
            vm.compile_questionnaire(q).dimensions,
            result.client.mean,
            result.supplier.mean,
            result.overall.mean,
            strict=True,
        )
    }


def test_weighted_mean_with_a_reverse_item(mini: vm.Questionnaire, make_responses: ResponsesFactory) -> None:
    """t2 is reversed (5 counts as 1) and t3 weighs double: (4 + 1 + 2×4) / 4."""
    responses = make_responses(respondent("c", "client", t1=4, t2=5, t3=4))
    assert pytest.approx(13 / 4) == scores(mini, responses)["trust"][0]


def test_dont_know_is_missing_not_zero(mini: vm.Questionnaire, make_responses: ResponsesFactory) -> None:
    """A don't-know answer changes no mean."""
    plain = make_responses(respondent("c", "client", t1=4, t3=2))
    with_dk = make_responses(respondent("c", "client", t1=4, t2="dk", t3=2))
    assert scores(mini, plain)["trust"] == scores(mini, with_dk)["trust"]


def test_low_coverage_gives_no_score(mini: vm.Questionnaire, make_responses: ResponsesFactory) -> None:
    """Answering a quarter of the trust weight is not enough to score it."""
    responses = make_responses(respondent("c", "client", t1=5, q1=4))
    client = score_responses(vm.compile_questionnaire(mini), responses).client
    assert (None, 0.25) == (client.mean[0], client.coverage[0])


def test_each_respondent_counts_once(mini: vm.Questionnaire, make_responses: ResponsesFactory) -> None:
    """The side mean is the mean of respondent means, whatever the number of items each answered."""
    responses = make_responses(
        respondent("a", "client", t1=5, t2=1, t3=5),
        respondent("b", "client", t1=1, t2=5, t3=1),
    )
    assert pytest.approx(3.0) == scores(mini, responses)["trust"][0]


def test_overall_is_the_mean_of_the_two_sides(
    mini: vm.Questionnaire, make_responses: ResponsesFactory
) -> None:
    """Three client respondents do not outweigh one supplier respondent."""
    responses = make_responses(
        respondent("a", "client", t1=2, t2=4, t3=2),
        respondent("b", "client", t1=2, t2=4, t3=2),
        respondent("c", "client", t1=2, t2=4, t3=2),
        respondent("s", "supplier", t1=4, t2=2, t3=4),
    )
    assert pytest.approx((2.0, 4.0, 3.0)) == scores(mini, responses)["trust"]


def test_spread_and_agreement(mini: vm.Questionnaire, make_responses: ResponsesFactory) -> None:
    """Standard deviation of respondent means, and rwg against the uniform null (σ² = 2 on 1–5)."""
    responses = make_responses(
        respondent("a", "client", t1=2, t2=4, t3=2),
        respondent("b", "client", t1=4, t2=2, t3=4),
    )
    client = score_responses(vm.compile_questionnaire(mini), responses).client
    assert pytest.approx(2**0.5) == client.sd[0]
    assert pytest.approx(0.0) == client.rwg[0]
    agreeing = make_responses(
        respondent("a", "client", t1=3, t2=3, t3=3), respondent("b", "client", t1=3, t2=3, t3=3)
    )
    assert 1.0 == score_responses(vm.compile_questionnaire(mini), agreeing).client.rwg[0]


def test_one_respondent_has_no_spread(mini: vm.Questionnaire, make_responses: ResponsesFactory) -> None:
    """Spread needs two people."""
    client = score_responses(
        vm.compile_questionnaire(mini), make_responses(respondent("a", "client", t1=3, t3=3))
    ).client
    assert (None, None) == (client.sd[0], client.rwg[0])


def test_irrelevant_questions_are_not_expected(
    mini: vm.Questionnaire, make_responses: ResponsesFactory
) -> None:
    """q2 is asked only when q1 <= 3: with q1 = 5 the quality dimension is fully covered by q1."""
    responses = make_responses(respondent("c", "client", q1=5))
    client = score_responses(vm.compile_questionnaire(mini), responses).client
    assert (1.0, 5.0) == (client.coverage[1], client.mean[1])


def test_a_side_without_respondents(mini: vm.Questionnaire, make_responses: ResponsesFactory) -> None:
    """No supplier respondent: no supplier score, overall falls back on the client side."""
    responses = make_responses(respondent("c", "client", t1=4, t2=2, t3=4))
    assert (4.0, None, 4.0) == scores(mini, responses)["trust"]


def test_answers_are_rescaled_onto_the_scoring_range(
    mini_doc: dict[str, object], make_responses: ResponsesFactory
) -> None:
    """A 0–10 item maps linearly onto 1–5."""
    scales = mini_doc["scales"]
    assert isinstance(scales, list)
    scales.append(
        {
            "id": "ten",
            "label": {"fr": "0–10", "en": "0–10"},
            "choices": [{"value": v, "label": {"fr": str(v), "en": str(v)}} for v in range(11)],
        }
    )
    questions = mini_doc["questions"]
    assert isinstance(questions, list)
    for question in questions:
        if question["id"] in {"t1", "t2", "t3"}:
            question["scale"] = "ten"
            question["reverse"] = False
            question.pop("indicates", None)  # the baseline reads 1–5 items only
    del mini_doc["baseline"]
    q = vm.questionnaire_from_dict(mini_doc)
    responses = make_responses(respondent("c", "client", t1=10, t2=0, t3=5))
    assert pytest.approx((5 + 1 + 2 * 3) / 4) == scores(q, responses)["trust"][0]


def test_relevance_is_decided_per_respondent(
    mini: vm.Questionnaire, make_responses: ResponsesFactory
) -> None:
    """Whether q2 was asked depends on each respondent's own q1, whoever came before."""
    asked = respondent("a", "client", q1=2, q2=4)  # q1 <= 3: q2 asked and answered
    not_asked = respondent("b", "client", q1=5)  # q1 = 5: q2 not asked
    for order in ((asked, not_asked), (not_asked, asked)):
        client = score_responses(vm.compile_questionnaire(mini), make_responses(*order)).client
        assert 1.0 == client.coverage[1]
    partial = score_responses(
        vm.compile_questionnaire(mini), make_responses(respondent("c", "client", q1=2))
    ).client
    assert 1.0 > partial.coverage[1]
