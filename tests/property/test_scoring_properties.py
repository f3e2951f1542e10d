"""Properties of dimension scores a reader relies on: monotone, missing is not zero, weights are relative."""

from __future__ import annotations

import copy
import math

from hypothesis import assume, given
from hypothesis import strategies as st

import vendormaturity as vm
from vendormaturity.engine.scoring import score_responses

from .helpers import assess, edited_responses
from .strategies import Case, cases

SIDES = ("client", "supplier", "overall")


def _means(result: vm.AssessmentResult) -> dict[tuple[str, str], float | None]:
    return {
        (dimension.dimension, side): getattr(dimension, side).mean
        for dimension in result.dimensions
        for side in SIDES
    }


def _referenced_by_relevance(case: Case) -> set[str]:
    compiled = vm.compile_questionnaire(case.questionnaire)
    return {
        name.removeprefix("answers.")
        for question in compiled.questions
        if question.relevant is not None
        for name in question.relevant.names
    }


@given(cases(max_history=0), st.data())
def test_raising_an_answer_moves_its_dimension_the_keyed_way(case: Case, data: st.DataObject) -> None:
    """A higher answer never lowers its dimension's means; reverse-keyed, never raises them."""
    q = case.questionnaire
    gating = _referenced_by_relevance(case)
    scales = {scale.id: scale for scale in q.scales}
    questions = {question.id: question for question in q.questions}
    candidates = [
        (index, question_id)
        for index, respondent in enumerate(case.responses_document["respondents"])
        for question_id, answer in respondent["answers"].items()
        if not isinstance(answer, str)
        and question_id not in gating  # changing it would change which questions are asked
        and answer < scales[questions[question_id].scale].high
    ]
    assume(candidates)
    index, question_id = data.draw(st.sampled_from(candidates), label="respondent and question")
    question = questions[question_id]
    document = copy.deepcopy(case.responses_document)
    respondent = document["respondents"][index]
    higher = [
        choice.value
        for choice in scales[question.scale].choices
        if choice.value > respondent["answers"][question_id]
    ]
    respondent["answers"][question_id] = data.draw(st.sampled_from(higher), label="raised answer")

    before = _means(assess(case))
    after = _means(assess(case, edited_responses(case, document)))

    other = "supplier" if respondent["side"] == "client" else "client"
    for side in (respondent["side"], "overall"):
        old, new = before[question.dimension, side], after[question.dimension, side]
        assert (old is None) == (new is None)
        if old is not None and new is not None:
            assert (new <= old) if question.reverse else (new >= old)
    assert before[question.dimension, other] == after[question.dimension, other]
    assert {k: v for k, v in before.items() if k[0] != question.dimension} == {
        k: v for k, v in after.items() if k[0] != question.dimension
    }


@given(cases(max_history=0), st.data())
def test_a_dont_know_answer_changes_no_mean(case: Case, data: st.DataObject) -> None:
    """A missing code ("don't know") added for an unanswered question changes no mean and no coverage.

    (Of a respondent who answered something: one who answered nothing does not count, and a
    first don't-know makes them count.)"""
    q = case.questionnaire
    compiled = vm.compile_questionnaire(q)
    scales = {scale.id: scale for scale in q.scales}
    candidates = []
    for index, respondent in enumerate(case.responses_document["respondents"]):
        if not respondent["answers"]:
            continue
        numeric = {
            f"answers.{k}": float(v) for k, v in respondent["answers"].items() if not isinstance(v, str)
        }
        for question in q.questions:
            relevant = compiled.questions[compiled.question_index[question.id]].relevant
            if (
                question.id not in respondent["answers"]
                and question.side.value in (respondent["side"], "both")
                and scales[question.scale].missing
                and (relevant is None or relevant(numeric) is not False)
            ):
                candidates.append((index, question.id, scales[question.scale]))
    assume(candidates)
    index, question_id, scale = data.draw(st.sampled_from(candidates), label="respondent and question")
    document = copy.deepcopy(case.responses_document)
    document["respondents"][index]["answers"][question_id] = data.draw(
        st.sampled_from([code.code for code in scale.missing]), label="code"
    )

    before = assess(case)
    after = assess(case, edited_responses(case, document))

    assert _means(before) == _means(after)
    assert [d.overall.coverage for d in before.dimensions] == [d.overall.coverage for d in after.dimensions]


@given(cases(max_history=0), st.data())
def test_scaling_every_weight_changes_no_mean(case: Case, data: st.DataObject) -> None:
    """Multiplying all question weights by one positive constant leaves every mean unchanged (within 1e-9)."""
    document = copy.deepcopy(case.questionnaire_document)
    largest = max(question["weight"] for question in document["questions"])
    factor = data.draw(st.floats(min_value=1e-3, max_value=1000.0 / largest), label="factor")
    for question in document["questions"]:
        question["weight"] *= factor
    scaled = vm.questionnaire_from_dict(document)

    before = score_responses(vm.compile_questionnaire(case.questionnaire), case.responses)
    after = score_responses(vm.compile_questionnaire(scaled), case.responses)

    for side in SIDES:
        for a, b in zip(getattr(before, side).mean, getattr(after, side).mean, strict=True):
            assert (a is None) == (b is None)
            if a is not None and b is not None:
                assert math.isclose(a, b, rel_tol=0.0, abs_tol=1e-9)
