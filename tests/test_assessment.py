"""assess(): the public contract, history handling, and errors on inconsistent input."""

from __future__ import annotations

import datetime
import json

import pytest

import vendormaturity as vm
from conftest import ResponsesFactory, respondent


def at(make_responses: ResponsesFactory, day: datetime.date, trust: int) -> vm.ResponseSet:
    return make_responses(
        respondent("c", "client", t1=trust, t2=6 - trust, t3=trust, q1=3, q2=3),
        respondent("s", "supplier", t1=trust, t2=6 - trust, t3=trust, q2=3),
        date=day,
    )


def test_json_has_the_contract_keys(mini: vm.Questionnaire, make_responses: ResponsesFactory) -> None:
    """phase, phase_scores, confidence, dimensions, findings (pattern, severity, evidence), plan.actions."""
    result = vm.assess(mini, at(make_responses, datetime.date(2026, 9, 1), 2))
    data = json.loads(result.model_dump_json())
    assert {"phase", "phase_scores", "confidence", "dimensions", "findings", "plan"} <= set(data)
    assert "actions" in data["plan"]
    assert all({"pattern", "severity", "evidence"} <= set(finding) for finding in data["findings"])
    assert data["phase"] in [phase.value for phase in vm.Phase]


def test_result_json_round_trips(mini: vm.Questionnaire, make_responses: ResponsesFactory) -> None:
    """Result → JSON → model → JSON is identical."""
    result = vm.assess(mini, at(make_responses, datetime.date(2026, 9, 1), 2))
    text = result.model_dump_json()
    assert text == vm.AssessmentResult.model_validate_json(text).model_dump_json()


def test_history_as_response_sets_or_results_is_the_same(
    mini: vm.Questionnaire, make_responses: ResponsesFactory
) -> None:
    """Earlier assessments given as response sets or as saved results lead to the same result."""
    days = [datetime.date(2025, 9, 1), datetime.date(2026, 3, 1)]
    earlier = [at(make_responses, day, trust) for day, trust in zip(days, (2, 3), strict=True)]
    current = at(make_responses, datetime.date(2026, 9, 1), 2)
    saved = [vm.assess(mini, earlier[0])]
    saved.append(vm.assess(mini, earlier[1], history=saved))
    from_responses = vm.assess(mini, current, history=earlier)
    from_results = vm.assess(
        mini, current, history=[vm.AssessmentResult.model_validate_json(r.model_dump_json()) for r in saved]
    )
    assert from_responses.model_dump_json() == from_results.model_dump_json()
    assert [vm.Phase.STORMING, vm.Phase.NORMING] == [point.phase for point in from_results.history]


def test_history_must_be_oldest_first(mini: vm.Questionnaire, make_responses: ResponsesFactory) -> None:
    """History out of order is refused with the position and the dates."""
    earlier = [
        at(make_responses, datetime.date(2026, 3, 1), 2),
        at(make_responses, datetime.date(2025, 9, 1), 2),
    ]
    with pytest.raises(vm.VendorMaturityError, match=r"history\[1\]: dated 2025-09-01, out of order"):
        vm.assess(mini, at(make_responses, datetime.date(2026, 9, 1), 2), history=earlier)


def test_history_of_another_relationship_is_refused(
    mini: vm.Questionnaire, make_responses: ResponsesFactory
) -> None:
    """Mixing relationships is an error, not a silent merge."""
    other = at(make_responses, datetime.date(2026, 3, 1), 2).model_copy(update={"relationship": "other"})
    with pytest.raises(vm.VendorMaturityError, match=r"history\[0\]: is for relationship 'other', not 'rel'"):
        vm.assess(mini, at(make_responses, datetime.date(2026, 9, 1), 2), history=[other])


def test_responses_built_in_code_are_checked(
    mini: vm.Questionnaire, make_responses: ResponsesFactory
) -> None:
    """Answers that do not fit the questionnaire are refused with every problem located."""
    responses = make_responses(respondent("s", "supplier", t1=9, q1=3, zz=2))
    with pytest.raises(vm.ResponseError) as caught:
        vm.assess(mini, responses)
    assert [
        "respondents[id=s].answers.t1: 9 is not on the scale (allowed: 1, 2, 3, 4, 5, or a don't-know code)",
        "respondents[id=s].answers.q1: question 'q1' is for the client side; respondent 's' is supplier",
        "respondents[id=s].answers.zz: unknown question 'zz'",
    ] == [f"{p.path}: {p.message}" for p in caught.value.problems]


def test_a_comment_on_an_unknown_question_is_refused(
    mini: vm.Questionnaire, make_responses: ResponsesFactory
) -> None:
    """A comment is kept with the answers: one on a question that does not exist is located, not kept."""
    commented = vm.Respondent(id="c", side=vm.Side.CLIENT, answers={"t1": 4}, comments={"t9": "late"})
    with pytest.raises(vm.ResponseError) as caught:
        vm.assess(mini, make_responses(commented))
    assert ["respondents[id=c].comments.t9: comment on unknown question 't9'"] == [
        f"{p.path}: {p.message}" for p in caught.value.problems
    ]


def test_an_irrelevant_answer_is_kept_ignored_and_noticed(
    mini: vm.Questionnaire, make_responses: ResponsesFactory
) -> None:
    """q2 is asked only when q1 <= 3: an answer to it after q1 = 5 is kept, not scored, and named."""
    with_answer = make_responses(respondent("c", "client", q1=5, q2=1), respondent("s", "supplier", t1=4))
    without = make_responses(respondent("c", "client", q1=5), respondent("s", "supplier", t1=4))
    result = vm.assess(mini, with_answer)
    assert {"q1": 5, "q2": 1} == with_answer.respondents[0].answers
    assert [
        (
            "irrelevant_answer",
            "respondents[id=c].answers.q2",
            "question 'q2' was answered although it is not relevant here (`answers.q1 <= 3` is false): "
            "the answer is kept but not scored; remove it, or correct the answer the condition reads",
        )
    ] == [(notice.kind, notice.path, notice.message) for notice in result.notices]
    ignored = vm.assess(mini, without)
    assert ignored.dimensions == result.dimensions
    assert ignored.baseline == result.baseline
    assert ignored.summary == result.summary


def test_notices_follow_respondent_ids_not_file_order(
    mini: vm.Questionnaire, make_responses: ResponsesFactory
) -> None:
    """Notices are ordered by respondent, then question: shuffling a file does not reorder them."""
    people = [
        respondent("b", "client", q1=5, q2=1),
        respondent("a", "client"),
        respondent("c", "supplier", t1=4),
    ]
    forward = vm.assess(mini, make_responses(*people)).notices
    backward = vm.assess(mini, make_responses(*reversed(people))).notices
    assert ["no_answers", "irrelevant_answer"] == [notice.kind for notice in forward]
    assert [notice.message for notice in forward] == [notice.message for notice in backward]


def test_a_respondent_who_answered_only_questions_not_asked_does_not_count(
    mini_doc: dict[str, object], make_responses: ResponsesFactory
) -> None:
    """q2 is asked only to those who answered t1: an answer to q2 alone is kept, ignored, and noticed."""
    questions = mini_doc["questions"]
    assert isinstance(questions, list)
    questions[-1]["relevant"] = "known(answers.t1)"
    q = vm.questionnaire_from_dict(mini_doc)
    result = vm.assess(q, make_responses(respondent("c", "client", q2=4), respondent("d", "client", t1=4)))
    assert {"client": 1, "supplier": 0} == result.respondents
    assert ["respondents[id=c].answers.q2"] == [notice.path for notice in result.notices]


def test_notices_leave_answers_that_do_not_fit_to_the_check(
    mini: vm.Questionnaire, make_responses: ResponsesFactory
) -> None:
    """Notices of a response set that does not fit report nothing about its answers: the check does."""
    from vendormaturity.engine.checks import response_notices

    responses = make_responses(respondent("c", "client", q1=5, q2=1, zz=3))
    assert [] == response_notices(vm.compile_questionnaire(mini), responses)


def test_a_chained_skip_is_followed(mini_doc: dict[str, object], make_responses: ResponsesFactory) -> None:
    """q3 depends on q2, itself not asked: q2's answer is not seen, so q3 is asked as a survey would."""
    questions = mini_doc["questions"]
    assert isinstance(questions, list)
    questions.append(dict(questions[-1], id="q3", relevant="answers.q2 >= 3"))
    q = vm.questionnaire_from_dict(mini_doc)
    result = vm.assess(q, make_responses(respondent("c", "client", q1=5, q2=4, q3=2)))
    assert ["respondents[id=c].answers.q2"] == [notice.path for notice in result.notices]


def test_assessing_is_deterministic(mini: vm.Questionnaire, make_responses: ResponsesFactory) -> None:
    """Same inputs, byte-identical JSON."""
    responses = at(make_responses, datetime.date(2026, 9, 1), 2)
    assert vm.assess(mini, responses).model_dump_json() == vm.assess(mini, responses).model_dump_json()


def test_trend_symbols_see_oscillation(mini_doc: dict[str, object], make_responses: ResponsesFactory) -> None:
    """storming → norming → storming counts two switches, including the current placement."""
    patterns = mini_doc["patterns"]
    assert isinstance(patterns, list)
    patterns.append(
        {
            "id": "oscillation",
            "title": {"fr": "Oscillation", "en": "Oscillation"},
            "description": {"fr": "Va-et-vient", "en": "Back and forth"},
            "severity": "medium",
            "when": 'trend.storming_norming_switches >= 2 and history.previous_phase == "norming"',
        }
    )
    q = vm.questionnaire_from_dict(mini_doc)
    days = [datetime.date(2025, 9, 1), datetime.date(2026, 3, 1)]
    earlier = [at(make_responses, days[0], 2), at(make_responses, days[1], 3)]
    result = vm.assess(q, at(make_responses, datetime.date(2026, 9, 1), 2), history=earlier)
    assert "oscillation" in [f.pattern for f in result.findings]


def test_changes_since_the_previous_assessment_are_read_per_dimension(
    mini_doc: dict[str, object], make_responses: ResponsesFactory
) -> None:
    """delta.* and dim.delta_client are this assessment's mean minus the previous one's."""
    patterns = mini_doc["patterns"]
    assert isinstance(patterns, list)
    for pattern_id, scope, when in [
        ("client_trust_fell", "dimension", "dim.delta_client <= -1.0"),
        ("supplier_trust_fell", "relationship", "delta.supplier.trust <= -1.0"),
    ]:
        patterns.append(
            {
                "id": pattern_id,
                "title": {"fr": "Baisse", "en": "Fall"},
                "description": {"fr": "Baisse", "en": "Fall"},
                "severity": "medium",
                "scope": scope,
                "when": when,
            }
        )
    q = vm.questionnaire_from_dict(mini_doc)
    before = vm.assess(q, at(make_responses, datetime.date(2026, 3, 1), 4))
    now = vm.assess(q, at(make_responses, datetime.date(2026, 9, 1), 2), history=[before])
    trust_then = next(d for d in before.dimensions if d.dimension == "trust")
    trust_now = next(d for d in now.dimensions if d.dimension == "trust")
    assert trust_now.client.mean is not None
    assert trust_then.client.mean is not None
    assert trust_now.supplier.mean is not None
    assert trust_then.supplier.mean is not None
    findings = {finding.pattern: finding for finding in now.findings}
    (client_fall,) = findings["client_trust_fell"].evidence
    assert ("trust", True) == (client_fall.dimension, client_fall.holds)
    assert client_fall.value == pytest.approx(trust_now.client.mean - trust_then.client.mean, abs=1e-4)
    (supplier_fall,) = findings["supplier_trust_fell"].evidence
    assert supplier_fall.value == pytest.approx(trust_now.supplier.mean - trust_then.supplier.mean, abs=1e-4)
    # without an earlier assessment there is no change to read: not evaluable, not false
    alone = vm.assess(q, at(make_responses, datetime.date(2026, 9, 1), 2))
    assert {"client_trust_fell", "supplier_trust_fell"} <= {u.id for u in alone.not_evaluable}
