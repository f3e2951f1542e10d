"""The bundled questionnaires' rules say what the domain says, in the cases where they used not to.

Each rule is read on its own, with the values an assessment would give it, and on a
relationship of the validation corpus answered by eight people a side (little noise).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest

import vendormaturity as vm
from vendormaturity.engine.compiled import CompiledPattern, CompiledRule
from vendormaturity.rules.expressions import Value
from vendormaturity.validity import Corpus, load_corpus
from vendormaturity.validity.harness import run_scenario
from vendormaturity.validity.simulate import Simulation

RELATIONSHIP = vm.load_questionnaire("relationship")
PULSE = vm.load_questionnaire("pulse")


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(Path(__file__).resolve().parents[1] / "validation")


def pattern(pattern_id: str, q: vm.Questionnaire = RELATIONSHIP) -> CompiledPattern:
    return next(p for p in vm.compile_questionnaire(q).patterns if p.id == pattern_id)


def rule(rule_id: str, q: vm.Questionnaire = RELATIONSHIP) -> CompiledRule:
    return next(r for r in vm.compile_questionnaire(q).phase_rules if r.id == rule_id)


def newest(corpus: Corpus, scenario_id: str, **facts: Value) -> vm.AssessmentResult:
    """The scenario's newest assessment, eight respondents a side, with *facts* added (None removes)."""
    s = next(s for s in corpus.scenarios if s.id == scenario_id)
    simulation = Simulation(s, RELATIONSHIP, corpus.concept_map(RELATIONSHIP), per_side=8)
    results: list[vm.AssessmentResult] = []
    for index in range(len(s.assessments)):
        document = simulation.document(index)
        if index == len(s.assessments) - 1:
            document["facts"].update({k: v for k, v in facts.items() if v is not None})
            for name in [k for k, v in facts.items() if v is None]:
                document["facts"].pop(name, None)
        responses = vm.responses_from_dict(document, RELATIONSHIP)
        results.append(vm.assess(RELATIONSHIP, responses, history=list(results)))
    return results[-1]


STUCK: Mapping[str, Value] = {
    "phase.current": "norming",
    "history.norming_streak": 2.0,
    "facts.age_months": 60.0,
    "facts.segment": "strategic",
    "summary.client_mean": 2.9,
    "summary.supplier_mean": 3.1,
    "summary.overall_min": 2.2,  # value creation: the weakest dimension of a stuck relationship
    "overall.value_creation": 2.2,
    "overall.contract_clarity": 3.7,
    "overall.communication": 3.2,
    "facts.escalations_per_month": 0.3,
    "facts.months_to_exit": 30.0,
}


# --------------------------------------------------------------------------- stuck in norming


def test_stuck_in_norming_no_longer_needs_every_dimension_above_2_5() -> None:
    """Value creation at 2.2 is the stuck relationship's weakest point, not a crisis."""
    assert pattern("stuck_in_norming").when.evaluate(STUCK) is True


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"overall.communication": 2.3}, "conflicts are not handled"),
        ({"overall.contract_clarity": 2.7}, "the contract is read two ways"),
        ({"facts.escalations_per_month": 2.0}, "executives are pulled in every other week"),
        ({"facts.months_to_exit": 8.0}, "the end of the contract is the event that breaks the routine"),
        ({"facts.segment": "leverage"}, "a leverage supplier may rest at norming"),
    ],
)
def test_stuck_in_norming_is_ruled_out_by_storming_evidence(change: dict[str, Value], why: str) -> None:
    """A crisis, or a reason why resting at norming is fine, rules the pattern out."""
    assert pattern("stuck_in_norming").when.evaluate({**STUCK, **change}) is False, why


def test_unknown_escalation_counts_leave_the_perceptions_to_judge() -> None:
    """Escalations not counted: communication and the contract rule out a crisis on their own."""
    assert pattern("stuck_in_norming").when.evaluate({**STUCK, "facts.escalations_per_month": None}) is True


def test_stuck_in_norming_is_suspected_when_the_segment_is_unknown(corpus: Corpus) -> None:
    """Three norming assessments alike and no segment: suspected, confirm with the segment."""
    assert pattern("stuck_in_norming").when.evaluate({**STUCK, "facts.segment": None}) is None
    assert pattern("stuck_in_norming").suspect is not None
    result = newest(corpus, "t04-stuck-segment-unknown")
    (finding,) = [f for f in result.findings if f.pattern == "stuck_in_norming"]
    assert ("suspected", ["segment"]) == (finding.status, finding.confirm_with)
    confirmed = newest(corpus, "t04-stuck-segment-unknown", segment="strategic")
    assert ["confirmed"] == [f.status for f in confirmed.findings if f.pattern == "stuck_in_norming"]


def test_the_typical_stuck_relationship_is_found(corpus: Corpus) -> None:
    """The seed's purring TMA (weakest dimensions below 2.5) is stuck in norming, without follow-up."""
    result = newest(corpus, "t01-tma-purring-strategic")
    assert result.summary["overall_min"] is not None
    assert result.summary["overall_min"] < 2.5
    assert {"stuck_in_norming", "no_followup"} <= {f.pattern for f in result.findings}


def test_the_pulse_rules_out_a_crisis_the_same_way() -> None:
    """The pulse's stuck in norming needs working collaboration and few escalations."""
    env: dict[str, Value] = {
        "phase.current": "norming",
        "history.norming_streak": 1.0,
        "facts.segment": "bottleneck",
        "overall.momentum": 2.4,
        "overall.collaboration": 3.1,
    }
    stuck = pattern("stuck_in_norming", PULSE)
    assert stuck.when.evaluate(env) is True
    assert stuck.when.evaluate({**env, "overall.collaboration": 2.2}) is False


# --------------------------------------------------------------------------- adjourning


def test_an_imminent_end_after_years_of_service_is_adjourning(corpus: Corpus) -> None:
    """Four months to the end of six years, nothing else known: adjourning."""
    result = newest(corpus, "a02-exit-date-only")
    assert vm.Phase.ADJOURNING == result.phase
    assert "adjourning_exit_imminent" in [e.rule for e in result.phase_evidence]


@pytest.mark.parametrize(
    ("facts", "fires"),
    [
        ({"facts.months_to_exit": 4.0, "facts.age_months": 72.0}, True),
        ({"facts.months_to_exit": 4.0}, True),  # age unknown: the end date still dominates
        ({"facts.months_to_exit": 4.0, "facts.age_months": 72.0, "facts.exit_plan_active": True}, True),
        ({"facts.months_to_exit": 4.0, "facts.age_months": 72.0, "facts.exit_plan_active": False}, False),
        ({"facts.months_to_exit": 4.0, "facts.age_months": 10.0}, False),  # a short contract, not years
        ({"facts.months_to_exit": 9.0, "facts.age_months": 72.0}, False),
    ],
)
def test_only_a_known_absence_of_any_plan_keeps_the_former_phase(
    facts: dict[str, Value], fires: bool
) -> None:
    """Nobody ending the relationship (no exit or renewal plan, known): an unprepared exit, not adjourning."""
    for q in (RELATIONSHIP, PULSE):
        name = "adjourning_exit_imminent" if q is RELATIONSHIP else "exit_imminent"
        assert fires is rule(name, q).when.evaluate(facts)


# --------------------------------------------------------------------------- trust drop


def test_a_sharp_trust_drop_between_the_first_two_assessments_is_storming(corpus: Corpus) -> None:
    """The young relationship whose client trust collapsed, with the supplier still confident: storming."""
    result = newest(corpus, "s05-trust-drop-young")
    assert vm.Phase.STORMING == result.phase
    (evidence,) = [e for e in result.phase_evidence if e.rule == "storming_trust_drop"]
    assert evidence.value > 0.5


@pytest.mark.parametrize(("drop", "value"), [(None, 0.0), (-0.3, 0.0), (-0.75, 0.5), (-1.2, 1.0)])
def test_the_trust_drop_is_graded(drop: float | None, value: float) -> None:
    """Nothing below half a point or without an earlier assessment, all from a full point."""
    assert value == pytest.approx(rule("storming_trust_drop").when.evaluate({"delta.client.trust": drop}))


# --------------------------------------------------------------------------- suspicions


def test_know_how_low_before_the_end_is_a_suspected_gap(corpus: Corpus) -> None:
    """Knowledge rated low by the client five months before the end, staffing unknown: suspected."""
    result = newest(corpus, "k02-exit-knowhow-unknown-facts")
    (finding,) = [f for f in result.findings if f.pattern == "knowhow_gap"]
    assert ("suspected", ["key_person_dependency", "key_staff_turnover", "documentation_up_to_date"]) == (
        finding.status,
        finding.confirm_with,
    )
    confirmed = newest(corpus, "k02-exit-knowhow-unknown-facts", key_person_dependency=True)
    assert ["confirmed"] == [f.status for f in confirmed.findings if f.pattern == "knowhow_gap"]
    dismissed = newest(
        corpus,
        "k02-exit-knowhow-unknown-facts",
        key_person_dependency=False,
        key_staff_turnover=0.05,
        documentation_up_to_date=True,
    )
    assert "knowhow_gap" not in [f.pattern for f in dismissed.findings]


@pytest.mark.parametrize(
    ("scenario_id", "pattern_id", "facts"),
    [
        ("w02-watermelon-no-sla-report", "watermelon", ["kpi_green_ratio"]),
        ("p02-purring-no-facts", "purring", ["escalations_per_month", "improvement_proposals"]),
        ("o02-no-followup-perceived", "no_followup", ["actions_closed_ratio", "repeated_steering_topics"]),
        ("s05-trust-drop-young", "honeymoon_hangover", ["bid_team_continuity"]),
    ],
)
def test_perceptions_raise_a_suspicion_naming_the_fact(
    corpus: Corpus, scenario_id: str, pattern_id: str, facts: list[str]
) -> None:
    """Each fact-and-perception pattern of the issue is suspected from strong perceptions alone."""
    result = newest(corpus, scenario_id)
    (finding,) = [f for f in result.findings if f.pattern == pattern_id]
    assert ("suspected", facts) == (finding.status, finding.confirm_with)
    assert pattern_id not in [item.id for item in result.not_evaluable]


def test_zero_sum_is_suspected_from_fairness_in_doubt() -> None:
    """Commitment at 2.3 with no count of penalties or disputes: suspected."""
    zero_sum = pattern("zero_sum")
    assert zero_sum.when.evaluate({"overall.commitment": 2.3}) is None
    assert zero_sum.suspect is not None
    assert zero_sum.suspect.evaluate({"overall.commitment": 2.3}) is True


# --------------------------------------------------------------------------- other refinements


def test_one_person_a_side_is_no_perception_gap() -> None:
    """A gap between two people is two reactions (Temkin), not the sides' perceptions."""
    gap = pattern("perception_gap")
    values = {"dim.gap": 1.4, "dim.client_respondents": 1.0, "dim.supplier_respondents": 3.0}
    assert gap.when.evaluate(values) is False
    assert gap.when.evaluate({**values, "dim.client_respondents": 2.0}) is True
    assert pattern("perception_gap", PULSE).when.evaluate(
        {**values, "dim.gap": -1.4, "dim.client_respondents": 2.0}
    )


def test_a_divided_client_needs_several_voices_or_the_supplier_s_word() -> None:
    """Spread among three people or more; or low alignment the supplier confirms."""
    divided = pattern("divided_client")
    calm = {
        "summary.client_respondents": 3.0,
        "summary.max_client_sd": 0.4,
        "supplier.client_alignment": 3.4,
        "comments.client.client_internal_tension": 0.0,
        "comments.supplier.client_internal_tension": 0.0,
    }
    assert divided.when.evaluate({**calm, "client.client_alignment": 2.4}) is False
    assert divided.when.evaluate({**calm, "client.client_alignment": 2.4, "supplier.client_alignment": 2.5})
    assert divided.when.evaluate({**calm, "client.client_alignment": 3.0, "summary.max_client_sd": 1.1})
    two = {
        **calm,
        "client.client_alignment": 3.0,
        "summary.max_client_sd": 1.1,
        "summary.client_respondents": 2.0,
    }
    assert divided.when.evaluate(two) is False


def test_a_young_relationship_on_the_border_is_in_transition_not_oscillating() -> None:
    """Within a hair of storming and norming counts only after a placement in one of them."""
    oscillation = pattern("oscillation")
    border: dict[str, Value] = {"phase.current": "storming", "phase.storming": 0.4, "phase.norming": 0.35}
    assert oscillation.when.evaluate({**border, "history.previous_phase": "forming"}) is False
    assert oscillation.when.evaluate({**border, "history.previous_phase": "norming"}) is True


def test_a_relapse_after_norming_is_oscillation(corpus: Corpus) -> None:
    """Storming, then norming, now the contract read half as well: the back-and-forth of the seed."""
    result = newest(corpus, "v02-on-the-border")
    assert "oscillation" in [f.pattern for f in result.findings]


def test_norming_in_the_first_months_is_the_honeymoon(corpus: Corpus) -> None:
    """Four months in, a split client and settled-looking rules: forming, not norming."""
    result = newest(corpus, "f03-divided-client-early")
    assert result.phase in (vm.Phase.FORMING, vm.Phase.STORMING)
    assert rule("norming_too_early").when.evaluate({"facts.age_months": 4.0}) == pytest.approx(5 / 6)


def test_no_performing_without_hindsight(corpus: Corpus) -> None:
    """A kick-off with no facts at all and a third of 'don't know': forming, never performing."""
    run = run_scenario(
        next(s for s in corpus.scenarios if s.id == "f05-kickoff-no-facts"),
        RELATIONSHIP,
        corpus.concept_map(RELATIONSHIP),
        per_side=8,
    )
    assert vm.Phase.FORMING == run.phase


# --------------------------------------------------------------------------- comments as evidence


def counts(**by_name: float) -> dict[str, Value]:
    """Every comments.<side>.<trigger> of the relationship questionnaire at 0, but those given."""
    names = {
        f"comments.{side}.{trigger.id}": 0.0
        for trigger in RELATIONSHIP.triggers
        for side in ("client", "supplier", "all")
    }
    names.update({f"comments.{name.replace('__', '.')}": value for name, value in by_name.items()})
    return dict(names)


@pytest.mark.parametrize(
    ("pattern_id", "perceptions", "comments", "condition"),
    [
        (
            "watermelon",
            {"client.service_quality": 2.9, "supplier.service_quality": 3.2},
            {"client__perceived_quality_gap": 1.0},
            "suspect",
        ),
        (
            "escalation_culture",
            {"overall.communication": 2.8},
            {"client__cc_escalation": 1.0, "supplier__cc_escalation": 1.0},
            "suspect",
        ),
        (
            "no_followup",
            {"overall.improvement": 2.9, "summary.overall_mean": 3.1},
            {"supplier__no_followup": 1.0},
            "suspect",
        ),
        (
            "knowhow_gap",
            {"overall.knowledge": 2.8, "client.knowledge": 2.9, "summary.client_mean": 3.1},
            {"client__turnover": 1.0, "supplier__knowhow_gap": 1.0},
            "suspect",
        ),
        ("zero_sum", {"overall.commitment": 2.9}, {"client__retaliation": 1.0}, "suspect"),
        (
            "divided_client",
            {
                "client.client_alignment": 3.0,
                "supplier.client_alignment": 3.2,
                "summary.max_client_sd": 0.5,
                "summary.client_respondents": 3.0,
            },
            {"client__client_internal_tension": 1.0, "supplier__client_internal_tension": 1.0},
            "when",
        ),
        (
            "honeymoon_hangover",
            {"history.count": 1.0, "delta.client.trust": -0.6},
            {"supplier__turnover": 1.0},
            "suspect",
        ),
    ],
)
def test_comments_support_the_patterns_they_reveal(
    pattern_id: str, perceptions: dict[str, Value], comments: dict[str, float], condition: str
) -> None:
    """With middling perceptions, the comments that reveal the pattern's trigger tip the condition
    that counts them; without those comments it does not hold."""
    compiled = pattern(pattern_id)
    expression = compiled.suspect if condition == "suspect" else compiled.when
    assert expression is not None
    assert expression.evaluate({**perceptions, **counts(**comments)}) is True
    assert expression.evaluate({**perceptions, **counts()}) is not True


def watermelon_of(corpus: Corpus, scenario_id: str, comment: str | None) -> list[tuple[str, str, list[str]]]:
    """The scenario without its SLA report; *comment* written by a client respondent, newest assessment."""
    s = next(s for s in corpus.scenarios if s.id == scenario_id)
    simulation = Simulation(s, RELATIONSHIP, corpus.concept_map(RELATIONSHIP), per_side=3)
    results: list[vm.AssessmentResult] = []
    for index in range(len(s.assessments)):
        document = simulation.document(index)
        document["facts"].pop("kpi_green_ratio", None)
        if comment is not None and index == len(s.assessments) - 1:
            document["respondents"][0]["comment"] = comment
        results.append(
            vm.assess(RELATIONSHIP, vm.responses_from_dict(document, RELATIONSHIP), history=list(results))
        )
    newest = results[-1]
    return [
        (f.status, newest.comments[quote.comment].side or "", quote.triggers)
        for f in newest.findings
        if f.pattern == "watermelon"
        for quote in f.quotes
    ] or [(f.status, "", []) for f in newest.findings if f.pattern == "watermelon"]


def test_a_watermelon_written_in_comments_is_suspected_not_confirmed(corpus: Corpus) -> None:
    """Quality rated middling, no SLA report: nothing; a client who writes 'green KPIs, users
    complain' raises the suspicion, quoted; only the report would confirm it."""
    assert [] == watermelon_of(corpus, "p02-purring-no-facts", None)
    written = "Les KPI sont au vert mais les utilisateurs se plaignent."
    assert [("suspected", "client", ["perceived_quality_gap"])] == watermelon_of(
        corpus, "p02-purring-no-facts", written
    )
