"""Phase placement and the stage-sum baseline."""

from __future__ import annotations

import math

import pytest

import vendormaturity as vm
from conftest import ResponsesFactory, respondent
from vendormaturity.engine.phases import stage_sum_baseline


def healthy(make_responses: ResponsesFactory, age: int) -> vm.ResponseSet:
    return make_responses(
        respondent("c", "client", t1=5, t2=1, t3=4, q1=4),
        respondent("s", "supplier", t1=4, t2=2, t3=5),
        facts={"age_months": age},
    )


def test_probabilities_cover_every_phase_and_sum_to_one(
    mini: vm.Questionnaire, make_responses: ResponsesFactory
) -> None:
    """Five phases, one distribution."""
    result = vm.assess(mini, healthy(make_responses, 36))
    assert list(vm.Phase) == list(result.phase_scores)
    assert pytest.approx(1.0, abs=1e-5) == math.fsum(result.phase_scores.values())


def test_high_scores_in_a_mature_relationship_are_performing(
    mini: vm.Questionnaire, make_responses: ResponsesFactory
) -> None:
    """All dimensions ≥ 3.5 after three years: performing, with the rule that drove it as evidence."""
    result = vm.assess(mini, healthy(make_responses, 36))
    assert vm.Phase.PERFORMING == result.phase
    assert ["strong"] == [evidence.rule for evidence in result.phase_evidence]
    assert ["summary.overall_min >= 3.5"] == [e.condition for e in result.phase_evidence[0].evidence]


def test_enthusiasm_alone_does_not_make_a_young_relationship_performing(
    mini: vm.Questionnaire, make_responses: ResponsesFactory
) -> None:
    """The same answers at three months are forming: the age veto counts against performing."""
    result = vm.assess(mini, healthy(make_responses, 3))
    assert vm.Phase.FORMING == result.phase
    assert {"young", "strong", "too_young"} == {evidence.rule for evidence in result.phase_evidence}


def test_rules_without_data_lower_the_confidence(
    mini: vm.Questionnaire, make_responses: ResponsesFactory
) -> None:
    """Without the age fact, age rules are not evaluable and reported as such."""
    responses = make_responses(respondent("c", "client", t1=5, t2=1, t3=4, q1=4), facts={})
    result = vm.assess(mini, responses)
    missing = {item.id: item.missing for item in result.not_evaluable if item.kind == "phase_rule"}
    assert {
        "young": ["facts.age_months"],
        "too_young": ["facts.age_months"],
        "exit": ["facts.age_months"],
    } == missing
    with_age = vm.assess(mini, make_responses(respondent("c", "client", t1=5, t2=1, t3=4, q1=4)))
    assert result.confidence < with_age.confidence


def test_confidence_follows_how_much_data_there_is(
    mini: vm.Questionnaire, make_responses: ResponsesFactory
) -> None:
    """One side only is less sure than both; two people a side are surer than one."""
    client = {"t1": 5, "t2": 1, "t3": 4, "q1": 4}
    supplier = {"t1": 4, "t2": 2, "t3": 5, "q2": 4}
    facts: dict[str, bool | int | float | str] = {"age_months": 36}
    one_side = vm.assess(mini, make_responses(respondent("c", "client", **client), facts=facts))
    both = vm.assess(
        mini,
        make_responses(
            respondent("c", "client", **client), respondent("s", "supplier", **supplier), facts=facts
        ),
    )
    doubled = vm.assess(
        mini,
        make_responses(
            respondent("c", "client", **client),
            respondent("c2", "client", **client),
            respondent("s", "supplier", **supplier),
            respondent("s2", "supplier", **supplier),
            facts=facts,
        ),
    )
    assert one_side.confidence < both.confidence < doubled.confidence
    assert pytest.approx(1.0, abs=1e-3) == doubled.confidence / doubled.phase_scores[doubled.phase]


@pytest.mark.parametrize(
    ("answers", "phase", "verdict"),
    [
        ({"t1": 5, "t2": 1, "t3": 2, "q1": 2}, vm.Phase.PERFORMING, "clear"),
        ({"t1": 2, "t2": 5, "t3": 5, "q1": 2}, vm.Phase.STORMING, "transition"),
        ({"t1": 5, "t2": 1, "t3": 2, "q1": 5}, vm.Phase.PERFORMING, "transition"),
        ({"t1": 4, "t2": 4, "t3": 4, "q1": 4}, vm.Phase.STORMING, "unclear"),
        ({"t1": 4, "t2": 1, "t3": 2, "q1": 4}, vm.Phase.PERFORMING, "transition"),
    ],
)
def test_stage_sum_baseline_follows_clarks_rules(
    mini: vm.Questionnaire, answers: dict[str, int], phase: vm.Phase, verdict: str
) -> None:
    """Highest stage wins; close forming+storming is storming, close norming+performing is performing."""
    baseline = stage_sum_baseline(vm.compile_questionnaire(mini), [answers])
    assert (phase, verdict) == (baseline.phase, baseline.verdict)


def test_baseline_without_tagged_answers(mini: vm.Questionnaire) -> None:
    """No tagged answer, no baseline phase."""
    baseline = stage_sum_baseline(vm.compile_questionnaire(mini), [{"q2": 3}])
    assert (None, "no_data") == (baseline.phase, baseline.verdict)


def test_baseline_reads_raw_ratings_and_bands(mini: vm.Questionnaire) -> None:
    """The reversed t2 counts as given for storming, and its mean falls in a band."""
    baseline = stage_sum_baseline(vm.compile_questionnaire(mini), [{"t2": 5, "t1": 1}, {"t2": 3, "t1": 1}])
    assert 4.0 == baseline.stage_means[vm.Phase.STORMING]
    assert "strong" == baseline.stage_bands[vm.Phase.STORMING]
    assert "not_this_stage" == baseline.stage_bands[vm.Phase.PERFORMING]
