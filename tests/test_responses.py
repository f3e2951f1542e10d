"""Response files: loading, validation against the questionnaire, round trips."""

from __future__ import annotations

import datetime
import textwrap
from pathlib import Path

import pytest

import vendormaturity as vm

HEADER = """\
questionnaire = "pulse"
questionnaire_version = "1.0.0"
relationship = "acme"
client = "ACME"
supplier = "HostCo"
date = 2026-09-15
"""


def write(tmp_path: Path, body: str, name: str = "r.toml") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + textwrap.dedent(body), encoding="utf-8")
    return path


def test_a_valid_file_loads(tmp_path: Path) -> None:
    """Answers, don't-know codes, comments, facts and follow-up all load."""
    path = write(
        tmp_path,
        """
        [facts]
        kpi_green_ratio = 0.95
        segment = "strategic"

        [[respondents]]
        id = "c1"
        side = "client"
        role = "executive"
        [respondents.answers]
        p01 = 4
        p02 = "dk"
        [respondents.comments]
        p01 = "Fine."

        [[followup]]
        action = "xla_pilot"
        status = "in_progress"
        """,
    )
    responses = vm.load_responses(path)
    assert {"p01": 4, "p02": "dk"} == responses.respondents[0].answers
    assert vm.ActionStatus.IN_PROGRESS == responses.followup[0].status
    assert datetime.date(2026, 9, 15) == responses.date


def test_every_problem_is_reported_with_line_and_path(tmp_path: Path) -> None:
    """Unknown question, off-scale value, other side's question, unknown fact, wrong choice: all at once."""
    path = write(
        tmp_path,
        """
        [facts]
        kpi_green_ratio = 1.5
        segmnt = "strategic"

        [[respondents]]
        id = "c1"
        side = "client"
        [respondents.answers]
        p01 = 7
        p10 = 3
        p99 = 2
        p02 = "maybe"

        [[respondents]]
        id = "c1"
        side = "client"
        """,
    )
    with pytest.raises(vm.ResponseError) as caught:
        vm.load_responses(path)
    assert [
        f"{path}:16: respondents[id=c1].answers.p01: 7 is not on the scale "
        "(allowed: 1, 2, 3, 4, 5, or a don't-know code)",
        f"{path}:17: respondents[id=c1].answers.p10: question 'p10' is for the supplier side; "
        "respondent 'c1' is client",
        f"{path}:18: respondents[id=c1].answers.p99: unknown question 'p99' (did you mean 'p09'?)",
        f"{path}:19: respondents[id=c1].answers.p02: 'maybe' is not an answer code of this question's scale "
        "(codes: dk, na; or a number)",
        f"{path}:22: respondents[id=c1].id: duplicate respondent 'c1': each must be unique",
        f"{path}:9: facts.kpi_green_ratio: must be at most 1, got 1.5",
        f"{path}:10: facts.segmnt: unknown fact 'segmnt' (did you mean 'segment'?)",
    ] == [str(problem) for problem in caught.value.problems]


def test_major_version_mismatch_is_refused(tmp_path: Path) -> None:
    """Answers to version 2 of a questionnaire cannot be scored with version 1."""
    path = write(tmp_path, '[[respondents]]\nid = "c"\nside = "client"\n')
    path.write_text(path.read_text().replace('"1.0.0"', '"2.0.0"'))
    with pytest.raises(vm.ResponseError, match=r"answers version 2.0.0 but the questionnaire is 1.1.0"):
        vm.load_responses(path)


def test_unknown_questionnaire_is_located(tmp_path: Path) -> None:
    """A response file naming an unknown questionnaire says so at its `questionnaire` line."""
    path = write(tmp_path, '[[respondents]]\nid = "c"\nside = "client"\n')
    path.write_text(path.read_text().replace('"pulse"', '"puls"'))
    with pytest.raises(vm.ResponseError) as caught:
        vm.load_responses(path)
    problem = caught.value.problems[0]
    assert (1, "questionnaire") == (problem.line, problem.path)
    assert problem.message.startswith("cannot load questionnaire 'puls'")


@pytest.mark.parametrize("form", ["toml", "json"])
def test_dump_and_load_round_trip(tmp_path: Path, form: str) -> None:
    """A response set written as TOML or JSON loads back equal."""
    responses = vm.ResponseSet(
        questionnaire="pulse",
        questionnaire_version="1.0.0",
        relationship="acme",
        client="ACME",
        supplier="HostCo",
        date=datetime.date(2026, 9, 15),
        facts={"kpi_green_ratio": 0.9, "exit_plan_active": False, "segment": "leverage", "age_months": 14},
        respondents=[
            vm.Respondent(
                id="c1", side=vm.Side.CLIENT, answers={"p01": 4, "p02": "dk"}, comments={"p01": "é <b>"}
            ),
        ],
        followup=[vm.FollowUp(action="xla_pilot", status=vm.ActionStatus.DONE, note="ok")],
    )
    path = tmp_path / f"r.{form}"
    path.write_text(vm.dump_responses(responses, format=form), encoding="utf-8")
    assert responses == vm.load_responses(path)


def test_responses_from_a_mapping(pulse: vm.Questionnaire) -> None:
    """Applications receiving JSON validate it the same way."""
    document = {
        "questionnaire": "pulse",
        "questionnaire_version": "1.0.0",
        "relationship": "acme",
        "client": "ACME",
        "supplier": "HostCo",
        "date": "2026-09-15",
        "respondents": [{"id": "s1", "side": "supplier", "answers": {"p02": 3}}],
    }
    with pytest.raises(
        vm.ResponseError, match=r"respondents\[id=s1\].answers.p02: question 'p02' is for the client side"
    ):
        vm.responses_from_dict(document, pulse)


PROVENANCE = """
[facts]
kpi_green_ratio = 0.9
escalations_per_month = 1.5

[provenance.kpi_green_ratio]
value = 0.9
mapping = "spreadsheets"
source = "kpi"
files = ["kpi.csv"]
start = 2026-07-01
end = 2026-09-30
formula = "share(where = met, window = period)"
rows = 27
of = 30
words = { en = "27 indicator-months at target of 30", fr = "27 indicateurs-mois à l'objectif sur 30" }

[provenance.actions_closed_ratio]
missing = "no file of source 'actions' was given"
mapping = "spreadsheets"
source = "actions"
start = 2026-07-01
end = 2026-09-30
formula = "share(where = closed, window = to_date)"

[[respondents]]
id = "c1"
side = "client"
"""


def test_provenance_sits_beside_the_facts(tmp_path: Path) -> None:
    """A [provenance] table says where computed facts came from, or why one is missing."""
    responses = vm.load_responses(write(tmp_path, PROVENANCE))
    record = responses.provenance["kpi_green_ratio"]
    assert (0.9, 27, 30, ["kpi.csv"]) == (record.value, record.rows, record.of, record.files)
    assert "no file of source 'actions' was given" == responses.provenance["actions_closed_ratio"].missing
    for form in ("toml", "json"):
        copy = tmp_path / f"copy.{form}"
        copy.write_text(vm.dump_responses(responses, format=form), encoding="utf-8")
        assert responses == vm.load_responses(copy)


def test_provenance_must_describe_the_facts(tmp_path: Path) -> None:
    """A record whose value no longer matches its fact, or whose fact is given by hand, is refused."""
    text = PROVENANCE.replace(
        "kpi_green_ratio = 0.9\n", "kpi_green_ratio = 0.95\nactions_closed_ratio = 0.5\n", 1
    ).replace(
        "escalations_per_month = 1.5\n",
        "escalations_per_month = 1.5\n\n[provenance.age_month]\n"
        'value = 3\nmapping = "m"\nsource = "s"\nstart = 2026-07-01\nend = 2026-09-30\nformula = "count()"\n',
        1,
    )
    path = write(tmp_path, text)
    with pytest.raises(vm.ResponseError) as caught:
        vm.load_responses(path)
    assert [
        f"{path}:13: provenance.age_month: provenance of unknown fact 'age_month' (did you mean "
        "'age_months'?)",
        f"{path}:21: provenance.kpi_green_ratio: records the value 0.9 but facts.kpi_green_ratio is 0.95; "
        "compute the facts again, or remove this record if the value was changed by hand",
        f"{path}:33: provenance.actions_closed_ratio: says the fact could not be computed, but "
        "facts.actions_closed_ratio is 0.5; remove this record if the value was given by hand",
    ] == [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("value = 0.9\n", ""), "give either `value` (the fact was computed) or `missing` (why it was not)"),
        (
            (
                'end = 2026-09-30\nformula = "share(where = met',
                'end = 2026-06-30\nformula = "share(where = met',
            ),
            "`end` (2026-06-30) is before `start` (2026-07-01)",
        ),
    ],
)
def test_a_provenance_record_is_whole(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    """A record holds a value or a reason, and a window that ends after it starts."""
    path = write(tmp_path, PROVENANCE.replace(*change, 1))
    with pytest.raises(vm.ResponseError) as caught:
        vm.load_responses(path)
    assert [f"{path}:12: provenance.kpi_green_ratio: {message}"] == [str(p) for p in caught.value.problems]


def test_a_value_without_its_fact(tmp_path: Path) -> None:
    """A computed record whose fact is absent from [facts] is refused."""
    path = write(tmp_path, PROVENANCE.replace("kpi_green_ratio = 0.9\n", "", 1))
    with pytest.raises(vm.ResponseError) as caught:
        vm.load_responses(path)
    assert [
        f"{path}:11: provenance.kpi_green_ratio: records the value 0.9 but facts.kpi_green_ratio is not given"
    ] == [str(p) for p in caught.value.problems]


def test_an_answer_skip_logic_would_hide_is_kept_and_noticed() -> None:
    """A survey tool that cannot enforce skip logic: the file loads, the answer stays, a notice names it."""
    path = Path(__file__).parent / "data" / "notices" / "irrelevant_answer.toml"
    responses = vm.load_responses(path)
    result = vm.assess(vm.load_questionnaire("pulse"), responses)
    assert 2 == responses.respondents[0].answers["p05"]
    assert [
        (
            "irrelevant_answer",
            "respondents[id=c1].answers.p05",
            "question 'p05' was answered although it is not relevant here (`answers.p04 <= 3` is false): "
            "the answer is kept but not scored; remove it, or correct the answer the condition reads",
        )
    ] == [(notice.kind, notice.path, notice.message) for notice in result.notices]
    by_id = {dimension.dimension: dimension for dimension in result.dimensions}
    assert 4.0 == by_id["collaboration"].client.mean  # p04 = 4 alone: p05 = 2 is not counted
