"""A catalogue of malformed questionnaires and response files, each with the error it must raise.

Every file in ``tests/data/bad/`` is a small valid document with one defect (its first line
says which). Loading it must raise the documented error, a :class:`VendorMaturityError`,
whose first problem names the file, the line and the data path: never a crash, never
another exception. Files starting with ``q_`` are questionnaires; ``r_`` files are response
sets for the bundled ``pulse`` questionnaire. A few inputs are made here instead of stored:
a 10 MB file, binary garbage, deep nesting.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import vendormaturity as vm
from vendormaturity import NotFoundError, QuestionnaireError, ResponseError, ValidationError

DATA = Path(__file__).parent / "data"
BAD = DATA / "bad"
BIG = "1" + "0" * 400  # an integer literal far beyond the largest float

Loader = Callable[[Path], object]

CATALOGUE = [
    pytest.param(
        QuestionnaireError,
        (
            "bad/q_band_gap.toml:21: scoring.bands[id=high].min: bands leave a gap between 50"
            " and 60 (after 'low')"
        ),
        id="q_band_gap.toml",
    ),
    pytest.param(
        QuestionnaireError,
        "bad/q_band_overlap.toml:21: scoring.bands[id=high].min: band 'high' overlaps 'low' (40 < 50)",
        id="q_band_overlap.toml",
    ),
    pytest.param(
        QuestionnaireError,
        "bad/q_comments_only.toml: schema_version: required key is missing",
        id="q_comments_only.toml",
    ),
    pytest.param(
        QuestionnaireError,
        (
            "bad/q_dimension_pattern_without_dim.toml:127: patterns[id=gap].when: a "
            "dimension-scoped pattern must use `dim.*` names"
        ),
        id="q_dimension_pattern_without_dim.toml",
    ),
    pytest.param(
        QuestionnaireError,
        (
            "bad/q_dimension_without_question.toml:38: dimensions[id=quality]: dimension "
            "'quality' has no question; add one or remove it"
        ),
        id="q_dimension_without_question.toml",
    ),
    pytest.param(
        QuestionnaireError,
        (
            "bad/q_duplicate_dimension.toml:39: dimensions[id=trust].id: duplicate id "
            "'trust': each must be unique"
        ),
        id="q_duplicate_dimension.toml",
    ),
    pytest.param(
        QuestionnaireError,
        ("bad/q_duplicate_question.toml:61: questions[id=q2].id: duplicate id 'q2': each must be unique"),
        id="q_duplicate_question.toml",
    ),
    pytest.param(
        QuestionnaireError,
        "bad/q_empty.toml: file is empty",
        id="q_empty.toml",
    ),
    pytest.param(
        QuestionnaireError,
        (
            "bad/q_expression_escape.toml:97: phase_rules[id=low_trust].when: col 1: this "
            "kind of call is not allowed (allowed functions: abs, between, coalesce, known, "
            "max, min, months_between, ramp) in `().__class__.__mro__[1].__subclasses__()`"
        ),
        id="q_expression_escape.toml",
    ),
    pytest.param(
        QuestionnaireError,
        (
            "bad/q_expression_import.toml:97: phase_rules[id=low_trust].when: col 1: this "
            "kind of call is not allowed (allowed functions: abs, between, coalesce, known, "
            "max, min, months_between, ramp) in `__import__('os').system('true')`"
        ),
        id="q_expression_import.toml",
    ),
    pytest.param(
        QuestionnaireError,
        (
            "bad/q_expression_not_boolean.toml:127: patterns[id=gap].when: expression must "
            "give a boolean, it gives a number in `dim.gap + 1`"
        ),
        id="q_expression_not_boolean.toml",
    ),
    pytest.param(
        QuestionnaireError,
        (
            "bad/q_expression_syntax.toml:97: phase_rules[id=low_trust].when: syntax error: "
            "invalid syntax in `overall.trust <`"
        ),
        id="q_expression_syntax.toml",
    ),
    pytest.param(
        QuestionnaireError,
        (
            "bad/q_expression_too_long.toml:97: phase_rules[id=low_trust].when: expression is"
            " 686 characters long, the limit is 500 in `overall.trust < 2.5 or overall.trust "
            "< 2.5 or overall.trust < 2.5 or overall....`"
        ),
        id="q_expression_too_long.toml",
    ),
    pytest.param(
        QuestionnaireError,
        (
            "bad/q_expression_type_error.toml:90: phase_rules[id=young].when: col 1: '<' "
            "compares numbers, got a string in `facts.segment < 6`"
        ),
        id="q_expression_type_error.toml",
    ),
    pytest.param(
        QuestionnaireError,
        (
            "bad/q_expression_unknown_name.toml:90: phase_rules[id=young].when: col 1: "
            "unknown name 'facts.age_month' (did you mean 'facts.age_months'?) in "
            "`facts.age_month < 6`"
        ),
        id="q_expression_unknown_name.toml",
    ),
    pytest.param(
        QuestionnaireError,
        (
            "bad/q_expression_wrong_choice.toml:118: phase_rules[id=ending].when: col 18: "
            "'leverge' is not a possible value (did you mean 'leverage'?) (expected one of: "
            'leverage, strategic) in `facts.segment == "leverge" and facts.age_months > 120`'
        ),
        id="q_expression_wrong_choice.toml",
    ),
    pytest.param(
        QuestionnaireError,
        (
            "bad/q_fact_choice_without_choices.toml:77: facts[id=segment].choices: a choice "
            "fact needs a non-empty `choices` list"
        ),
        id="q_fact_choice_without_choices.toml",
    ),
    pytest.param(
        QuestionnaireError,
        "bad/q_fact_min_above_max.toml:74: facts[id=age_months].max: max 0 is below min 600",
        id="q_fact_min_above_max.toml",
    ),
    pytest.param(
        QuestionnaireError,
        (
            "bad/q_id_cyrillic.toml:52: questions[id=qа2].id: string should match pattern "
            "'^[a-z][a-z0-9_]*$', got \"qа2\", whose U+0430 (CYRILLIC SMALL LETTER A) is not an"
            " ASCII character"
        ),
        id="q_id_cyrillic.toml",
    ),
    pytest.param(
        QuestionnaireError,
        "bad/q_id_uppercase.toml:3: id: string should match pattern '^[a-z][a-z0-9_]*$', got \"Tiny\"",
        id="q_id_uppercase.toml",
    ),
    pytest.param(
        QuestionnaireError,
        (
            "bad/q_json_syntax_error.json:4: JSON syntax error: Expecting property name "
            "enclosed in double quotes"
        ),
        id="q_json_syntax_error.json",
    ),
    pytest.param(
        QuestionnaireError,
        (
            "bad/q_indicates_adjourning.toml:67: questions[id=q3].indicates: input should be "
            "'forming', 'storming', 'norming' or 'performing', got \"adjourning\""
        ),
        id="q_indicates_adjourning.toml",
    ),
    pytest.param(
        QuestionnaireError,
        "bad/q_min_coverage_nan.toml:10: scoring.min_coverage: NaN and infinity are not allowed",
        id="q_min_coverage_nan.toml",
    ),
    pytest.param(
        QuestionnaireError,
        "bad/q_missing_key.toml:51: questions[id=q2].scale: required key is missing",
        id="q_missing_key.toml",
    ),
    pytest.param(
        QuestionnaireError,
        (
            "bad/q_missing_translation.toml:36: dimensions[id=trust].label: label has no text"
            " for language fr; add it"
        ),
        id="q_missing_translation.toml",
    ),
    pytest.param(
        QuestionnaireError,
        "bad/q_not_utf8.toml:58: file is not valid UTF-8 (byte 1161); save it as UTF-8",
        id="q_not_utf8.toml",
    ),
    pytest.param(
        QuestionnaireError,
        "bad/q_range_inf.toml:9: scoring.range[1]: NaN and infinity are not allowed",
        id="q_range_inf.toml",
    ),
    pytest.param(
        QuestionnaireError,
        "bad/q_range_reversed.toml:9: scoring.range: range must go from low to high, got 5 to 1",
        id="q_range_reversed.toml",
    ),
    pytest.param(
        QuestionnaireError,
        (
            "bad/q_reference_cyrillic.toml:53: questions[id=q2].dimension: string should "
            "match pattern '^[a-z][a-z0-9_]*$', got \"dеlivery\", whose U+0435 (CYRILLIC SMALL "
            "LETTER IE) is not an ASCII character"
        ),
        id="q_reference_cyrillic.toml",
    ),
    pytest.param(
        QuestionnaireError,
        (
            "bad/q_relevance_forward.toml:50: questions[id=q1].relevant: refers to question "
            "'q2', which comes later; a relevance condition may only use earlier answers"
        ),
        id="q_relevance_forward.toml",
    ),
    pytest.param(
        QuestionnaireError,
        (
            "bad/q_relevance_self.toml:68: questions[id=q3].relevant: refers to itself; a "
            "relevance condition may only use earlier answers"
        ),
        id="q_relevance_self.toml",
    ),
    pytest.param(
        QuestionnaireError,
        (
            "bad/q_rule_weight_zero.toml:124: phase_rules[id=useless].weight: weight 0 makes "
            "the rule useless; give it a positive or negative weight"
        ),
        id="q_rule_weight_zero.toml",
    ),
    pytest.param(
        QuestionnaireError,
        (
            "bad/q_scale_not_increasing.toml:27: scales[id=agree5].choices: choice values "
            "must be strictly increasing"
        ),
        id="q_scale_not_increasing.toml",
    ),
    pytest.param(
        QuestionnaireError,
        (
            "bad/q_scale_one_choice.toml:27: scales[id=agree5].choices: list should have at "
            "least 2 items after validation, not 1"
        ),
        id="q_scale_one_choice.toml",
    ),
    pytest.param(
        QuestionnaireError,
        "bad/q_schema_version.toml:2: schema_version: input should be 1, got 2",
        id="q_schema_version.toml",
    ),
    pytest.param(
        QuestionnaireError,
        "bad/q_toml_duplicate_key.toml:67: TOML syntax error: Cannot overwrite a value",
        id="q_toml_duplicate_key.toml",
    ),
    pytest.param(
        QuestionnaireError,
        "bad/q_toml_syntax_error.toml:6: TOML syntax error: Unclosed inline table",
        id="q_toml_syntax_error.toml",
    ),
    pytest.param(
        QuestionnaireError,
        "bad/q_top_level_array.json: a JSON file must hold an object at the top",
        id="q_top_level_array.json",
    ),
    pytest.param(
        QuestionnaireError,
        (
            "bad/q_undeclared_language.toml:36: dimensions[id=trust].label: label has text "
            "for undeclared language de; declare it in `languages` or remove it"
        ),
        id="q_undeclared_language.toml",
    ),
    pytest.param(
        QuestionnaireError,
        (
            "bad/q_unknown_action.toml:128: patterns[id=gap].actions[0]: unknown action "
            "'mirorr' (did you mean 'mirror'?)"
        ),
        id="q_unknown_action.toml",
    ),
    pytest.param(
        QuestionnaireError,
        (
            "bad/q_unknown_action_dimension.toml:137: actions[id=mirror].dimensions[1]: "
            "unknown dimension 'delivey' (did you mean 'delivery'?)"
        ),
        id="q_unknown_action_dimension.toml",
    ),
    pytest.param(
        QuestionnaireError,
        (
            "bad/q_unknown_dimension.toml:53: questions[id=q2].dimension: unknown dimension "
            "'delivry' (did you mean 'delivery'?)"
        ),
        id="q_unknown_dimension.toml",
    ),
    pytest.param(
        QuestionnaireError,
        ("bad/q_unknown_key.toml:66: questions[id=q3].wieght: unknown key 'wieght' (did you mean 'weight'?)"),
        id="q_unknown_key.toml",
    ),
    pytest.param(
        QuestionnaireError,
        (
            "bad/q_unknown_pattern_dimension.toml:129: patterns[id=gap].dimensions[1]: "
            "unknown dimension 'quality'"
        ),
        id="q_unknown_pattern_dimension.toml",
    ),
    pytest.param(
        QuestionnaireError,
        (
            "bad/q_unknown_phase.toml:109: phase_rules[id=strong].phase: input should be "
            "'forming', 'storming', 'norming', 'performing' or 'adjourning', got \"performin\""
        ),
        id="q_unknown_phase.toml",
    ),
    pytest.param(
        QuestionnaireError,
        (
            "bad/q_unknown_scale.toml:54: questions[id=q2].scale: unknown scale 'agree7' (did"
            " you mean 'agree5'?)"
        ),
        id="q_unknown_scale.toml",
    ),
    pytest.param(
        QuestionnaireError,
        (
            "bad/q_unreachable_phase.toml:86: phase_rules: phase 'adjourning' has no rule "
            "with a positive weight, so it can never be placed; add one"
        ),
        id="q_unreachable_phase.toml",
    ),
    pytest.param(
        QuestionnaireError,
        "bad/q_weight_1e400.toml:66: questions[id=q3].weight: NaN and infinity are not allowed",
        id="q_weight_1e400.toml",
    ),
    pytest.param(
        QuestionnaireError,
        (
            "bad/q_weight_huge_integer.toml:66: questions[id=q3].weight: input should be a "
            "valid number, got {BIG}"
        ),
        id="q_weight_huge_integer.toml",
    ),
    pytest.param(
        QuestionnaireError,
        ("bad/q_weight_negative.toml:66: questions[id=q3].weight: input should be greater than 0, got -1"),
        id="q_weight_negative.toml",
    ),
    pytest.param(
        QuestionnaireError,
        (
            "bad/q_weight_wrong_type.toml:66: questions[id=q3].weight: input should be a "
            'valid number, unable to parse string as a number, got "heavy"'
        ),
        id="q_weight_wrong_type.toml",
    ),
    pytest.param(
        ResponseError,
        (
            "bad/r_answer_boolean.toml:19: respondents[id=c1].answers.p01: input should be a "
            "number or a string, got true"
        ),
        id="r_answer_boolean.toml",
    ),
    pytest.param(
        ResponseError,
        (
            "bad/r_answer_huge_integer.toml:19: respondents[id=c1].answers.p01: {BIG} is not "
            "on the scale (allowed: 1, 2, 3, 4, 5, or a don't-know code)"
        ),
        id="r_answer_huge_integer.toml",
    ),
    pytest.param(
        ResponseError,
        ("bad/r_answer_infinite.toml:19: respondents[id=c1].answers.p01: NaN and infinity are not allowed"),
        id="r_answer_infinite.toml",
    ),
    pytest.param(
        ResponseError,
        (
            "bad/r_answer_off_scale.toml:19: respondents[id=c1].answers.p01: 7 is not on the "
            "scale (allowed: 1, 2, 3, 4, 5, or a don't-know code)"
        ),
        id="r_answer_off_scale.toml",
    ),
    pytest.param(
        ResponseError,
        (
            "bad/r_answer_unknown_code.toml:19: respondents[id=c1].answers.p07: 'maybe' is "
            "not an answer code of this question's scale (codes: dk, na; or a number)"
        ),
        id="r_answer_unknown_code.toml",
    ),
    pytest.param(
        ResponseError,
        (
            "bad/r_comment_unknown_question.toml:19: respondents[id=c1].comments.p99: comment"
            " on unknown question 'p99' (did you mean 'p09'?)"
        ),
        id="r_comment_unknown_question.toml",
    ),
    pytest.param(
        ResponseError,
        "bad/r_date_impossible.toml:8: TOML syntax error: Invalid date or datetime",
        id="r_date_impossible.toml",
    ),
    pytest.param(
        ResponseError,
        (
            "bad/r_date_not_a_date.toml:8: date: input should be a valid date or datetime, "
            'invalid character in year, got "end of March"'
        ),
        id="r_date_not_a_date.toml",
    ),
    pytest.param(
        ResponseError,
        (
            "bad/r_duplicate_respondent.toml:22: respondents[id=c1].id: duplicate respondent "
            "'c1': each must be unique"
        ),
        id="r_duplicate_respondent.toml",
    ),
    pytest.param(
        ResponseError,
        (
            "bad/r_fact_5000_digits.toml: TOML value error: Exceeds the limit (4300 digits) "
            "for integer string conversion: value has 5001 digits; use "
            "sys.set_int_max_str_digits() to increase the limit"
        ),
        id="r_fact_5000_digits.toml",
    ),
    pytest.param(
        ResponseError,
        "bad/r_fact_huge_integer.toml:12: facts.age_months: must be a finite number, got {BIG}",
        id="r_fact_huge_integer.toml",
    ),
    pytest.param(
        ResponseError,
        "bad/r_fact_nan.toml:11: facts.kpi_green_ratio: NaN and infinity are not allowed",
        id="r_fact_nan.toml",
    ),
    pytest.param(
        ResponseError,
        "bad/r_fact_not_whole.toml:12: facts.age_months: must be a whole number, got 30.5",
        id="r_fact_not_whole.toml",
    ),
    pytest.param(
        ResponseError,
        "bad/r_fact_out_of_range.toml:11: facts.kpi_green_ratio: must be at most 1, got 1.5",
        id="r_fact_out_of_range.toml",
    ),
    pytest.param(
        ResponseError,
        (
            'bad/r_fact_wrong_choice.toml:13: facts.segment: "strategc" is not one of: '
            "strategic, leverage, bottleneck, non_critical (did you mean 'strategic'?)"
        ),
        id="r_fact_wrong_choice.toml",
    ),
    pytest.param(
        ResponseError,
        'bad/r_fact_wrong_type.toml:14: facts.exit_plan_active: must be true or false, got "yes"',
        id="r_fact_wrong_type.toml",
    ),
    pytest.param(
        ResponseError,
        (
            "bad/r_followup_twice.toml:20: followup[action=xla_pilot].action: action "
            "'xla_pilot' is listed twice"
        ),
        id="r_followup_twice.toml",
    ),
    pytest.param(
        ResponseError,
        (
            "bad/r_followup_unknown_action.toml:16: followup[action=xla_pilots].action: "
            "unknown action 'xla_pilots' (did you mean 'xla_pilot'?)"
        ),
        id="r_followup_unknown_action.toml",
    ),
    pytest.param(
        ResponseError,
        ("bad/r_json_answers_as_list.json: respondents[id=c1].answers: input should be a valid dictionary"),
        id="r_json_answers_as_list.json",
    ),
    pytest.param(
        ResponseError,
        (
            "bad/r_json_fact_null.json: facts.age_months: input should be true or false, "
            "a number or a string, got null"
        ),
        id="r_json_fact_null.json",
    ),
    pytest.param(
        ResponseError,
        "bad/r_json_nan.json: JSON value error: NaN is not allowed",
        id="r_json_nan.json",
    ),
    pytest.param(
        ResponseError,
        "bad/r_json_syntax_error.json:4: JSON syntax error: Expecting ',' delimiter",
        id="r_json_syntax_error.json",
    ),
    pytest.param(
        ResponseError,
        "bad/r_json_top_level_array.json: a JSON file must hold an object at the top",
        id="r_json_top_level_array.json",
    ),
    pytest.param(
        ResponseError,
        (
            "bad/r_no_respondents.toml:10: respondents: list should have at least 1 item "
            "after validation, not 0"
        ),
        id="r_no_respondents.toml",
    ),
    pytest.param(
        ResponseError,
        (
            "bad/r_other_side_question.toml:24: respondents[id=s1].answers.p02: question "
            "'p02' is for the client side; respondent 's1' is supplier"
        ),
        id="r_other_side_question.toml",
    ),
    pytest.param(
        ResponseError,
        (
            "bad/r_question_cyrillic.toml:19: respondents[id=c1].answers.р06: unknown "
            "question 'р06' (did you mean 'p06'?)"
        ),
        id="r_question_cyrillic.toml",
    ),
    pytest.param(
        ResponseError,
        (
            "bad/r_respondent_side_both.toml:23: respondents[id=s1].side: input should be "
            "'client' or 'supplier', got \"both\""
        ),
        id="r_respondent_side_both.toml",
    ),
    pytest.param(
        ResponseError,
        (
            "bad/r_unknown_fact.toml:12: facts.age_month: unknown fact 'age_month' (did you "
            "mean 'age_months'?)"
        ),
        id="r_unknown_fact.toml",
    ),
    pytest.param(
        ResponseError,
        (
            "bad/r_unknown_question.toml:19: respondents[id=c1].answers.p60: unknown question"
            " 'p60' (did you mean 'p10'?)"
        ),
        id="r_unknown_question.toml",
    ),
    pytest.param(
        ResponseError,
        (
            "bad/r_unknown_questionnaire.toml:3: questionnaire: cannot load questionnaire "
            "'nosuch': not a bundled questionnaire (bundled: pulse, relationship); load it and "
            "pass it: load_responses(path, questionnaire=...), or --questionnaire FILE on the "
            "command line"
        ),
        id="r_unknown_questionnaire.toml",
    ),
    pytest.param(
        ResponseError,
        (
            "bad/r_version_malformed.toml:4: questionnaire_version: string should match "
            "pattern '^\\d+\\.\\d+\\.\\d+$', got \"v1\""
        ),
        id="r_version_malformed.toml",
    ),
    pytest.param(
        ResponseError,
        (
            "bad/r_version_mismatch.toml:4: questionnaire_version: answers version 2.0.0 but "
            "the questionnaire is 1.1.0; a different major version asks different questions: "
            "re-collect or convert the answers"
        ),
        id="r_version_mismatch.toml",
    ),
]


def _loader(name: str) -> Loader:
    return vm.load_questionnaire if name.startswith("q_") else vm.load_responses


@pytest.fixture
def in_data(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from ``tests/data`` so that messages name files as ``bad/<file>``."""
    monkeypatch.chdir(DATA)


def test_the_catalogue_lists_every_file() -> None:
    """Each file in the catalogue folder has an expected outcome, and each outcome a file."""
    listed = sorted(str(param.id) for param in CATALOGUE)

    assert sorted(path.name for path in BAD.iterdir()) == listed
    assert len(listed) >= 40


@pytest.mark.usefixtures("in_data")
@pytest.mark.parametrize(("error", "first"), CATALOGUE)
def test_a_bad_file_raises_its_documented_error(
    error: type[ValidationError], first: str, request: pytest.FixtureRequest
) -> None:
    """Loading the file raises the documented error; its first problem reads exactly as expected."""
    name = request.node.callspec.id
    with pytest.raises(error) as raised:
        _loader(name)(Path("bad") / name)

    assert first.replace("{BIG}", BIG) == str(raised.value.problems[0])
    assert all(problem.file == f"bad/{name}" for problem in raised.value.problems)


def test_a_missing_file_is_not_found(tmp_path: Path) -> None:
    """A path to nothing raises NotFoundError for both loaders, as does an unknown bundled id."""
    with pytest.raises(NotFoundError, match="no such file"):
        vm.load_questionnaire(tmp_path / "absent.toml")
    with pytest.raises(NotFoundError, match="no such file"):
        vm.load_responses(tmp_path / "absent.toml")
    with pytest.raises(NotFoundError, match="no bundled questionnaire 'nosuch'"):
        vm.load_questionnaire("nosuch")
    with pytest.raises(vm.QuestionnaireError, match="is a folder, not a regular file"):
        vm.load_questionnaire(tmp_path)  # a folder is not a questionnaire file


# --------------------------------------------------------------------------- generated inputs


def _generated() -> Iterator[Any]:
    too_big = b"# padding\n" * 1_000_000 + b"schema_version = 1\n"
    yield pytest.param(too_big, ".toml", f"file is {len(too_big)} bytes, the limit is 5000000", id="10MB")
    garbage = bytes(range(256)) * 64
    yield pytest.param(garbage, ".toml", "file is binary, not a text TOML or JSON file", id="binary-garbage")
    yield pytest.param(garbage.replace(b"\x00", b"\x01"), ".json", None, id="binary-without-nul")
    yield pytest.param(b"\xff\xfe" + "x = 1\n".encode("utf-16-le"), ".toml", None, id="utf-16")
    yield pytest.param(b"a = " + b"[" * 100_000 + b"]" * 100_000, ".toml", None, id="toml-arrays-100000-deep")
    yield pytest.param(
        b"a = " + b"{b = " * 5_000 + b"1" + b"}" * 5_000, ".toml", None, id="toml-inline-tables-5000-deep"
    )
    dotted = ".".join(f"t{n}" for n in range(5_000))
    yield pytest.param(f"[{dotted}]\nx = 1\n".encode(), ".toml", None, id="toml-table-header-5000-deep")
    yield pytest.param(
        b'{"a": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", ".json", None, id="json-100000-deep"
    )
    for depth in (100, 500, 850, 900, 950, 990):
        document = b'{"facts": {"a": ' + b"[" * depth + b"]" * depth + b"}}"
        yield pytest.param(document, ".json", None, id=f"json-{depth}-deep")


GENERATED = list(_generated())


@pytest.mark.parametrize(
    "loader", [vm.load_questionnaire, vm.load_responses], ids=["questionnaire", "responses"]
)
@pytest.mark.parametrize(("content", "suffix", "first"), GENERATED)
def test_a_generated_bad_file_raises_a_validation_error(
    loader: Loader, content: bytes, suffix: str, first: str | None, tmp_path: Path
) -> None:
    """Huge, binary and deeply nested files raise the loader's error with a located problem, never a crash."""
    path = tmp_path / f"bad{suffix}"
    path.write_bytes(content)
    error = QuestionnaireError if loader is vm.load_questionnaire else ResponseError

    with pytest.raises(error) as raised:
        loader(path)

    assert raised.value.problems
    assert all(problem.file == str(path) for problem in raised.value.problems)
    if first is not None:
        assert f"{path}: {first}" == str(raised.value.problems[0])


# --------------------------------------------------------------------------- command line

# The CLI tells questionnaires from response files by their content: a file with only
# comments reads as neither, so its first problem differs from the questionnaire loader's.
_CLI_SAYS_OTHERWISE = {"q_comments_only.toml"}


@pytest.mark.skipif(importlib.util.find_spec("vendormaturity.cli") is None, reason="the CLI is not built yet")
def test_the_cli_rejects_every_catalogue_file_without_a_traceback(in_data: None) -> None:
    """``vendormaturity validate`` exits 2 on the catalogue, prints each first problem, no traceback."""
    names = sorted(path.name for path in BAD.iterdir())
    done = subprocess.run(
        [sys.executable, "-m", "vendormaturity", "validate", *(f"bad/{name}" for name in names)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    output = done.stdout + done.stderr

    assert 2 == done.returncode
    assert "Traceback" not in output
    assert f"{len(names)} files checked: 0 valid, {len(names)} invalid" in output
    for param in CATALOGUE:
        assert f"invalid  bad/{param.id}" in output
        if param.id not in _CLI_SAYS_OTHERWISE:
            assert str(param.values[1]).replace("{BIG}", BIG) in output


@pytest.mark.skipif(importlib.util.find_spec("vendormaturity.cli") is None, reason="the CLI is not built yet")
@pytest.mark.parametrize("name", sorted(path.name for path in BAD.iterdir()))
def test_the_cli_exits_2_on_each_catalogue_file(name: str, in_data: None) -> None:
    """Validating one catalogue file exits 2 with the file named as invalid and no traceback."""
    from typer.testing import CliRunner

    from vendormaturity import cli

    result = CliRunner().invoke(cli.app, ["validate", f"bad/{name}"])

    assert 2 == result.exit_code, result.output
    assert isinstance(result.exception, SystemExit)
    assert f"invalid  bad/{name}" in result.output
    assert "Traceback" not in result.output
