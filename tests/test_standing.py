"""Standing and derived facts: what a relationship already knows carries from round to round."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import vendormaturity as vm
from vendormaturity.engine.standing import complete_facts, standing_facts
from vendormaturity.errors import ExpressionError
from vendormaturity.rules.expressions import SymbolType, compile_expression, months_between

ROOT = Path(__file__).resolve().parents[1]
ACME = ROOT / "examples" / "acme-hosting"
STANDING = ["exit_plan_active", "segment", "contract_start", "contract_end", "contract_end_outcome"]


def folder_without_standing_facts(tmp_path: Path) -> Path:
    """The acme example with its newest round giving none of the standing facts, as a round
    made from respondents' workbooks would."""
    folder = tmp_path / "acme-hosting"
    shutil.copytree(ACME, folder)
    newest = folder / "2026-09-15.toml"
    kept = [
        line
        for line in newest.read_text(encoding="utf-8").splitlines()
        if line.split(" = ")[0] not in STANDING
    ]
    newest.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return folder


def test_the_questionnaires_declare_their_standing_and_derived_facts() -> None:
    """Which facts stand and which derive is data: the bundled questionnaires say the same."""
    for name in ("relationship", "pulse"):
        q = vm.load_questionnaire(name)
        assert STANDING == [fact.id for fact in q.facts if fact.standing]
        assert {
            "age_months": "max(0, months_between(facts.contract_start, date))",
            "months_to_exit": "max(0, months_between(date, facts.contract_end))",
        } == {fact.id: fact.derive for fact in q.facts if fact.derive}


def test_a_folder_carries_each_standing_fact_from_the_round_that_gave_it(tmp_path: Path) -> None:
    """The newest round gives no standing fact: each comes from the last earlier file, named."""
    q = vm.load_questionnaire("relationship")
    current, _ = vm.load_history(folder_without_standing_facts(tmp_path), q)
    assert {
        "contract_start": "2022-06-01",
        "contract_end": "2029-05-31",
        "exit_plan_active": False,
        "segment": "strategic",
    } == {fact: current.facts[fact] for fact in STANDING if fact in current.facts}
    carried = vm.FactOrigin(kind="carried", round=datetime.date(2025, 9, 11), file="2025-09-11.toml")
    assert dict.fromkeys(("contract_start", "contract_end", "exit_plan_active", "segment"), carried) == {
        fact: origin for fact, origin in current.origins.items() if origin.kind == "carried"
    }


def test_assessing_the_folder_keeps_the_verdict_and_says_where_facts_came_from(tmp_path: Path) -> None:
    """With its standing facts carried, the round reads as it did when it typed them all."""
    q = vm.load_questionnaire("relationship")
    typed = vm.assess(q, *vm.load_history(ACME, q))
    carried = vm.assess(q, *vm.load_history(folder_without_standing_facts(tmp_path), q))
    assert (typed.phase, typed.confidence, typed.data.facts_missing if typed.data else None) == (
        carried.phase,
        carried.confidence,
        carried.data.facts_missing if carried.data else None,
    )
    assert [
        "age_months",
        "contract_end",
        "contract_start",
        "exit_plan_active",
        "months_to_exit",
        "segment",
    ] == (sorted(carried.origins))


def test_a_value_typed_in_the_round_wins(tmp_path: Path) -> None:
    """A round that gives a standing fact keeps its own value, with no origin."""
    folder = folder_without_standing_facts(tmp_path)
    newest = folder / "2026-09-15.toml"
    newest.write_text(
        newest.read_text(encoding="utf-8").replace("[facts]\n", '[facts]\nsegment = "leverage"\n'),
        encoding="utf-8",
    )
    current, _ = vm.load_history(folder, vm.load_questionnaire("relationship"))
    assert ("leverage", None) == (current.facts["segment"], current.origins.get("segment"))


def test_the_age_and_the_months_to_exit_derive_from_the_contract_dates() -> None:
    """One response set with the contract's dates: the age and the months to exit follow from them."""
    q = vm.load_questionnaire("relationship")
    responses = vm.load_responses(ACME / "2026-09-15.toml", q)
    result = vm.assess(q, responses)
    derived = {fact: origin for fact, origin in result.origins.items() if origin.kind == "derived"}
    assert {
        "age_months": vm.FactOrigin(
            kind="derived",
            rule="max(0, months_between(facts.contract_start, date))",
            inputs=["contract_start"],
        ),
        "months_to_exit": vm.FactOrigin(
            kind="derived", rule="max(0, months_between(date, facts.contract_end))", inputs=["contract_end"]
        ),
    } == derived
    completed = complete_facts(vm.compile_questionnaire(q), responses)
    assert (51, 32) == (completed.facts["age_months"], completed.facts["months_to_exit"])


def test_a_typed_age_wins_over_the_derived_one() -> None:
    """A round that types its age keeps it, even when the contract start says otherwise."""
    q = vm.load_questionnaire("relationship")
    responses = vm.load_responses(ACME / "2026-09-15.toml", q)
    typed = responses.model_copy(update={"facts": {**responses.facts, "age_months": 7}})
    completed = complete_facts(vm.compile_questionnaire(q), typed)
    assert (7, ["months_to_exit"]) == (completed.facts["age_months"], list(completed.origins))


def test_a_derived_value_outside_the_fact_range_is_left_out() -> None:
    """A contract start in 1900 would make an age of 1,520 months: no age rather than a wrong one."""
    q = vm.load_questionnaire("relationship")
    responses = vm.load_responses(ACME / "2026-09-15.toml", q)
    odd = responses.model_copy(update={"facts": {**responses.facts, "contract_start": "1900-01-01"}})
    completed = complete_facts(vm.compile_questionnaire(q), odd)
    assert ("age_months" in completed.facts, "months_to_exit" in completed.facts) == (False, True)


def test_nothing_to_add_gives_the_very_same_response_set() -> None:
    """A round with every fact it could get already is returned as it is (its scores kept)."""
    q = vm.load_questionnaire("relationship")
    compiled = vm.compile_questionnaire(q)
    responses = vm.load_responses(ACME / "2026-09-15.toml", q).model_copy(
        update={"facts": {"segment": "leverage"}}
    )
    assert responses is complete_facts(compiled, responses)


def test_a_carried_value_keeps_the_round_it_was_first_given_in(tmp_path: Path) -> None:
    """Carried twice, a value still names the round that typed it, not the one that carried it."""
    q = vm.load_questionnaire("relationship")
    compiled = vm.compile_questionnaire(q)
    rounds = [vm.load_responses(path, q) for path in sorted(ACME.glob("20*.toml"))]
    bare = [rs.model_copy(update={"facts": {}}) for rs in rounds]
    second = complete_facts(compiled, bare[1], [rounds[0]], ["first.toml"])
    third = complete_facts(compiled, bare[2], [rounds[0], second], ["first.toml", "second.toml"])
    assert vm.FactOrigin(kind="carried", round=rounds[0].date, file="first.toml") == third.origins["segment"]
    known = standing_facts(compiled, [rounds[0], second])
    assert ("strategic", rounds[0].date) == (known["segment"][0], known["segment"][1].round)


def test_carried_facts_of_a_folder_for_its_next_round(tmp_path: Path) -> None:
    """`carried_facts` reads the rounds before a date: what the next round starts from."""
    q = vm.load_questionnaire("relationship")
    carried = vm.carried_facts(ACME, q, before=datetime.date(2026, 12, 1))
    assert {
        "contract_start": "2022-06-01",
        "contract_end": "2029-05-31",
        "exit_plan_active": False,
        "segment": "strategic",
    } == carried.facts
    assert (datetime.date(2026, 9, 15), str(ACME / "2026-09-15.toml")) == (
        carried.origins["segment"].round,
        carried.origins["segment"].file,
    )
    assert carried.previous is not None
    assert "ACME Industries" == carried.previous.client
    earlier = vm.carried_facts(ACME, q, before=datetime.date(2023, 9, 14))
    assert ({}, None) == (earlier.facts, earlier.previous)


def test_a_date_fact_must_be_a_calendar_day(tmp_path: Path) -> None:
    """A date fact is written YYYY-MM-DD (a TOML date or text); anything else is located."""
    text = (ACME / "2026-09-15.toml").read_text(encoding="utf-8")
    path = tmp_path / "r.toml"
    path.write_text(
        text.replace("contract_end = 2029-05-31", 'contract_end = "2029-02-30"'), encoding="utf-8"
    )
    with pytest.raises(vm.ResponseError) as raised:
        vm.load_responses(path, vm.load_questionnaire("relationship"))
    assert [f'{path}:21: facts.contract_end: must be a date written YYYY-MM-DD, got "2029-02-30"'] == [
        str(problem) for problem in raised.value.problems
    ]


def test_a_date_fact_is_written_back_as_a_toml_date(tmp_path: Path) -> None:
    """Dumped and loaded again, a response set with date facts is the same, its dates TOML dates."""
    q = vm.load_questionnaire("relationship")
    responses = vm.load_responses(ACME / "2026-09-15.toml", q)
    text = vm.dump_responses(responses)
    assert "contract_start = 2022-06-01\n" in text
    path = tmp_path / "again.toml"
    path.write_text(text, encoding="utf-8")
    assert responses == vm.load_responses(path, q)


@given(st.dates(), st.dates())
def test_months_between_is_antisymmetric_and_counts_whole_months(a: datetime.date, b: datetime.date) -> None:
    """From a to b is minus from b to a; a month is counted once its day is reached."""
    months = months_between(a, b)
    assert months == -months_between(b, a)
    if a <= b:
        assert 0 <= months <= (b.year - a.year) * 12 + b.month - a.month


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        ("2024-01-15", "2024-03-14", 1),
        ("2024-01-15", "2024-03-15", 2),
        ("2024-01-31", "2024-02-29", 0),
        ("2026-09-15", "2022-06-01", -51),
    ],
)
def test_months_between_in_rules(start: str, end: str, months: int) -> None:
    """`months_between(a, b)` reads two dates and gives whole months."""
    expression = compile_expression(
        "months_between(a, b)",
        {"a": SymbolType.date(), "b": SymbolType.date()},
        expect=[SymbolType.number().kind],
    )
    assert float(months) == expression({"a": start, "b": end})
    assert expression({"a": start, "b": None}) is None


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("months_between(n, d) > 3", "col 16: months_between() needs dates, got a number"),
        ("d > d", "col 1: '>' compares numbers, got a date"),
        ('d == "2026-01-01"', "col 1: cannot compare a date with a string"),
        ("d + 1 > 0", "col 1: arithmetic needs numbers, got a date"),
    ],
)
def test_a_date_is_read_only_through_months_between(source: str, message: str) -> None:
    """Dates are not numbers or strings: they are compared by counting the months between them."""
    with pytest.raises(ExpressionError) as raised:
        compile_expression(source, {"n": SymbolType.number(), "d": SymbolType.date()})
    assert message == raised.value.messages[0]


def _with_fact(**fact: object) -> dict[str, object]:
    document = vm.load_questionnaire("pulse").model_dump(mode="json", exclude_none=True)
    document["facts"] = [*document["facts"], {"id": "extra", "label": {"fr": "x", "en": "x"}, **fact}]
    return document


@pytest.mark.parametrize(
    ("fact", "message"),
    [
        (
            {"type": "integer", "derive": "months_between(facts.contract_start, facts.age_months)"},
            "facts[id=extra].derive: col 38: unknown name 'facts.age_months' (did you mean 'facts.segment'?) "
            "in `months_between(facts.contract_start, facts.age_months)`",
        ),
        (
            {"type": "integer", "derive": "facts.segment"},
            "facts[id=extra].derive: expression must give a number",
        ),
        ({"type": "date", "min": 0}, "facts[id=extra].min: `min` only applies to number and integer facts"),
    ],
)
def test_a_derivation_is_checked_when_the_questionnaire_loads(fact: dict[str, object], message: str) -> None:
    """A derivation reads facts that are not derived and gives the fact's own kind; a date has no range."""
    with pytest.raises(vm.QuestionnaireError) as raised:
        vm.questionnaire_from_dict(_with_fact(**fact))
    assert message in str(raised.value)


def test_completing_a_checked_round_keeps_its_scores() -> None:
    """Carried and derived facts change no score: a completed round is not scored again."""
    from vendormaturity.engine.checks import fitted

    q = vm.load_questionnaire("relationship")
    compiled = vm.compile_questionnaire(q)
    responses = vm.load_responses(ACME / "2026-09-15.toml", q)
    completed = complete_facts(compiled, responses)
    assert completed is not responses
    assert fitted(compiled, responses)[0] is fitted(compiled, completed)[0]
