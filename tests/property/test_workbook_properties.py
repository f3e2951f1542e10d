"""Export a workbook, fill it as people do, import it: exactly the answers filled come back.

For both bundled questionnaires, both sides and both languages: random answer sets with
don't-know codes and blanks, conditional questions left blank when they do not apply,
answers picked from the drop-down or typed (a number, the label in the other language,
a code, with stray spaces), comments, the respondent's name and role, and facts.
"""

from __future__ import annotations

import datetime
import functools
import io
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

import vendormaturity as vm
from vendormaturity.model.questionnaire import Fact, FactType

COMBINATIONS = [
    (questionnaire, side, lang)
    for questionnaire in ("relationship", "pulse")
    for side in ("client", "supplier")
    for lang in ("fr", "en")
]
ROLES = {"executive": ("Direction", "Executive"), "manager": ("Management", "Manager")}
ROLES |= {"operational": ("Opérationnel", "Operational"), "other": ("Autre", "Other")}
NAMES = st.text(st.characters(categories=["L", "Nd", "Zs"]), min_size=1, max_size=30).filter(
    lambda name: any(character.isalnum() and character.isascii() for character in name)
)
COMMENTS = st.text(st.characters(categories=["L", "N", "P", "Zs"]), min_size=1, max_size=60).filter(
    lambda text: text.strip() == text and bool(text)
)


@functools.cache
def exported(questionnaire: str, side: str, lang: str) -> bytes:
    return vm.export_workbook(vm.load_questionnaire(questionnaire), side=side, lang=lang)


def _choice_text(value: float, label: str) -> str:
    number = f"{value:g}"
    return label if label.startswith(number) else f"{number} – {label}"


@st.composite
def fillings(draw: st.DrawFn, questionnaire: str, side: str, lang: str) -> dict[str, Any]:
    """What one respondent fills: per question what is written and what it means."""
    q = vm.load_questionnaire(questionnaire)
    compiled = {question.id: question for question in vm.compile_questionnaire(q).questions}
    scales = {scale.id: scale for scale in q.scales}
    other = "en" if lang == "fr" else "fr"
    written: dict[str, object] = {}
    meant: dict[str, int | float | str] = {}
    for question in q.questions:
        if question.side.value not in ("both", side):
            continue
        relevant = compiled[question.id].relevant
        numbers = {
            f"answers.{key}": float(value) for key, value in meant.items() if not isinstance(value, str)
        }
        if relevant is not None and relevant(numbers) is not True:
            continue  # blank when it does not apply (or cannot be told)
        scale = scales[question.scale]
        kind = draw(st.sampled_from(["blank", "choice", "choice", "choice", "missing"]))
        if kind == "blank" or (kind == "missing" and not scale.missing):
            continue
        if kind == "missing":
            code = draw(st.sampled_from(scale.missing))
            form = draw(st.sampled_from(["picked", "code", "other"]))
            shown = {"picked": code.label[lang], "code": code.code.upper(), "other": code.label[other]}[form]
            written[question.id], meant[question.id] = shown, code.code
            continue
        choice = draw(st.sampled_from(scale.choices))
        value = int(choice.value) if choice.value.is_integer() else choice.value
        form = draw(st.sampled_from(["picked", "number", "typed", "other"]))
        shown_value: object = {
            "picked": _choice_text(choice.value, choice.label[lang]),
            "number": value,
            "typed": f" {choice.value:g}  ",
            "other": _choice_text(choice.value, choice.label[other]),
        }[form]
        written[question.id], meant[question.id] = shown_value, value
    asked = [question.id for question in q.questions if question.side.value in ("both", side)]
    comments = draw(st.dictionaries(st.sampled_from(asked), COMMENTS, max_size=3))
    facts = draw(st.lists(st.sampled_from(q.facts), unique_by=lambda fact: fact.id, max_size=len(q.facts)))
    return {
        "name": draw(NAMES).strip(),
        "role": draw(st.sampled_from(sorted(ROLES))),
        "written": written,
        "meant": meant,
        "comments": comments,
        "comment": draw(st.none() | COMMENTS),
        "facts": {fact.id: draw(_fact_values(fact, lang)) for fact in facts},
    }


def _fact_values(fact: Fact, lang: str) -> st.SearchStrategy[tuple[object, object]]:
    """(what is written, what it means) for a fact."""
    if fact.type is FactType.BOOLEAN:
        return st.sampled_from([(True, True), (False, False), ("Oui", True), ("No", False)])
    if fact.type is FactType.CHOICE:
        return st.sampled_from([(choice.label[lang], choice.value) for choice in fact.choices or ()])
    if fact.type is FactType.DATE:  # a date cell, or its ISO text typed
        days = st.dates(datetime.date(1990, 1, 1), datetime.date(2100, 12, 31))
        return days.flatmap(
            lambda day: st.sampled_from([(day, day.isoformat()), (day.isoformat(), day.isoformat())])
        )
    low, high = fact.min or 0.0, fact.max if fact.max is not None else 1000.0
    if fact.type is FactType.INTEGER:
        return st.integers(int(low), int(high)).map(lambda number: (number, number))
    # figures as people type them: a spreadsheet keeps 15 significant digits
    hundredths = st.integers(int(low * 100), int(high * 100)).map(lambda number: number / 100)
    return hundredths.map(lambda number: (number, number))


def _fill(data: bytes, lang: str, filling: dict[str, Any]) -> bytes:
    book = load_workbook(io.BytesIO(data))
    answers = book["Réponses" if lang == "fr" else "Answers"]
    rows = {row[0].value: row[0].row for row in answers.iter_rows(max_col=1) if row[0].value}
    answers.cell(rows["#name"], 4).value = filling["name"]
    answers.cell(rows["#role"], 4).value = ROLES[filling["role"]][0 if lang == "fr" else 1]
    for question, shown in filling["written"].items():
        answers.cell(rows[question], 4).value = shown
    for question, text in filling["comments"].items():
        answers.cell(rows[question], 5).value = text
    answers.cell(rows["#comment"], 4).value = filling["comment"]
    facts = book["Faits" if lang == "fr" else "Facts"]
    fact_rows = {row[0].value: row[0].row for row in facts.iter_rows(max_col=1) if row[0].value}
    for fact, (shown, _) in filling["facts"].items():
        facts.cell(fact_rows[fact], 4).value = shown
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(("questionnaire", "side", "lang"), COMBINATIONS)
@settings(max_examples=6)
@given(data=st.data())
def test_import_gives_back_exactly_what_was_filled(
    questionnaire: str, side: str, lang: str, data: st.DataObject, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """export → fill → import is the identity on answers, comments, name, role and facts."""
    filling = data.draw(fillings(questionnaire, side, lang))
    path = Path(tmp_path_factory.mktemp("filled")) / "filled.xlsx"
    path.write_bytes(_fill(exported(questionnaire, side, lang), lang, filling))
    collected = vm.read_workbooks(vm.load_questionnaire(questionnaire), [path], relationship="r")
    (person,) = collected.responses.respondents
    expected = (
        " ".join(filling["name"].split()),
        filling["role"],
        side,
        filling["meant"],
        filling["comments"],
        filling["comment"],
        {fact: meant for fact, (_, meant) in filling["facts"].items()},
    )
    actual = (
        person.name,
        person.role.value,
        person.side.value,
        person.answers,
        person.comments,
        person.comment,
        dict(collected.responses.facts),
    )
    assert expected == actual
    assert () == collected.left_out
