"""Properties of ``assess`` over generated questionnaires, response sets and histories."""

from __future__ import annotations

import copy
import math
import tomllib

import pytest
from hypothesis import given
from hypothesis import strategies as st

import vendormaturity as vm

from .helpers import assess, differences, edited_responses
from .strategies import Case, cases, questionnaire_documents

ROUNDING = 5e-5  # results store means rounded to 4 decimals


@given(questionnaire_documents())
def test_generated_questionnaires_are_valid(document: dict[str, object]) -> None:
    """Every generated questionnaire loads: the strategies draw only valid ones."""
    questionnaire = vm.questionnaire_from_dict(document)

    assert {phase.value for phase in vm.Phase} == {rule.phase.value for rule in questionnaire.phase_rules}


@given(cases())
def test_assessment_is_deterministic(case: Case) -> None:
    """The same inputs give byte-identical JSON, whether the questionnaire is reused or reloaded."""
    first = assess(case).model_dump_json()
    reloaded = vm.questionnaire_from_dict(copy.deepcopy(case.questionnaire_document))

    assert first == assess(case).model_dump_json()
    assert first == vm.assess(reloaded, case.responses, history=list(case.history)).model_dump_json()
    assert (
        first
        == vm.assess(
            vm.compile_questionnaire(reloaded), case.responses, history=list(case.history)
        ).model_dump_json()
    )


@given(cases(max_history=4))
def test_earlier_rounds_read_in_part_give_the_same_assessment(case: Case) -> None:
    """History read as what later assessments need of a result (as the portfolio reads its store)
    gives byte for byte the result that whole results, or the response sets themselves, give."""
    results: list[vm.AssessmentResult] = []
    for earlier in case.history:
        results.append(vm.assess(case.questionnaire, earlier, history=list(results)))
    read = [vm.EarlierAssessment.model_validate_json(result.model_dump_json()) for result in results]

    expected = assess(case).model_dump_json()

    assert expected == vm.assess(case.questionnaire, case.responses, history=results).model_dump_json()
    assert expected == vm.assess(case.questionnaire, case.responses, history=read).model_dump_json()
    written = [vm.EarlierAssessment.model_validate(vm.EarlierAssessment.document(r)) for r in results]
    assert read == written  # the document the portfolio writes reads back as the result read in part


@given(cases(), st.data())
def test_respondent_and_answer_order_change_nothing(case: Case, data: st.DataObject) -> None:
    """Shuffling the respondents, and the answers within each respondent, gives the same result."""
    document = copy.deepcopy(case.responses_document)
    document["respondents"] = data.draw(st.permutations(document["respondents"]), label="respondents")
    for respondent in document["respondents"]:
        order = data.draw(
            st.permutations(list(respondent["answers"])), label=f"answers of {respondent['id']}"
        )
        respondent["answers"] = {question: respondent["answers"][question] for question in order}

    original = assess(case).model_dump_json()
    shuffled = assess(case, edited_responses(case, document)).model_dump_json()

    assert [] == differences(original, shuffled)


@given(cases())
def test_every_number_stays_in_its_bounds(case: Case) -> None:
    """Means lie on the scoring range, scores on 0–100, shares and probabilities on 0–1."""
    result = assess(case)
    low, high = case.questionnaire.scoring.range

    for dimension in result.dimensions:
        for score in (dimension.client, dimension.supplier, dimension.overall):
            assert score.mean is None or low - ROUNDING <= score.mean <= high + ROUNDING
            assert score.score is None or 0.0 <= score.score <= 100.0
            assert 0.0 <= score.coverage <= 1.0
            assert score.sd is None or score.sd >= 0.0
            assert score.rwg is None or 0.0 <= score.rwg <= 1.0
            assert (score.mean is None) == (score.score is None)
        assert dimension.gap is None or abs(dimension.gap) <= high - low + 2 * ROUNDING
    assert set(vm.Phase) == set(result.phase_scores)
    assert all(0.0 <= probability <= 1.0 for probability in result.phase_scores.values())
    assert math.isclose(1.0, math.fsum(result.phase_scores.values()), abs_tol=1e-5)
    assert result.phase_scores[result.phase] == max(result.phase_scores.values())
    assert 0.0 <= result.confidence <= 1.0
    ratio = result.summary["dont_know_ratio"]
    assert ratio is None or 0.0 <= ratio <= 1.0
    assert len(result.plan.actions) <= case.questionnaire.plan.max_actions


@given(cases(max_history=0))
def test_no_answer_is_lost(case: Case) -> None:
    """Every respondent who answered and every answer given is counted: numeric ones in means,
    codes as don't know; a respondent who answered nothing is named in a notice instead."""
    result = assess(case)
    respondents = case.responses.respondents
    answers = [answer for respondent in respondents for answer in respondent.answers.values()]
    codes = sum(1 for answer in answers if isinstance(answer, str))

    assert {
        "client": sum(r.side is vm.Side.CLIENT and bool(r.answers) for r in respondents),
        "supplier": sum(r.side is vm.Side.SUPPLIER and bool(r.answers) for r in respondents),
    } == result.respondents
    assert sorted(f"respondents[id={r.id}]" for r in respondents if not r.answers) == [
        notice.path for notice in result.notices if notice.kind == "no_answers"
    ]
    if answers:
        assert result.summary["dont_know_ratio"] == round(codes / len(answers), 4)


def test_a_question_cannot_indicate_adjourning() -> None:
    """``indicates = "adjourning"`` is refused at load: the stage-sum baseline has no adjourning stage."""
    document = tomllib.loads(vm.dump_questionnaire(vm.load_questionnaire("pulse")))
    (question,) = [question for question in document["questions"] if question["id"] == "p02"]
    question["indicates"] = "adjourning"

    with pytest.raises(vm.QuestionnaireError) as raised:
        vm.questionnaire_from_dict(document)

    assert (
        "<questionnaire>: questions[id=p02].indicates: input should be 'forming', 'storming', "
        "'norming' or 'performing', got \"adjourning\""
    ) == str(raised.value.problems[0])
