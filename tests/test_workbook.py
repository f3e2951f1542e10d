"""Workbooks out and back: what an exported workbook holds, and what people send back is read exactly."""

from __future__ import annotations

import datetime
import io
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

import vendormaturity as vm
from vendormaturity.model.responses import respondent_id
from vendormaturity.sources.cells import AnswerReader, Refused, read_fact, read_role
from vendormaturity.sources.collected import dump_collected
from vendormaturity.sources.workbook import condition_text, sheet_cell, workbook_questionnaire


def keyed(sheet: Worksheet) -> dict[str, int]:
    return {str(row[0].value): row[0].row for row in sheet.iter_rows(max_col=1) if row[0].value is not None}


def export(q: vm.Questionnaire, side: str = "client", lang: str = "en", **meta: Any) -> Workbook:
    return load_workbook(io.BytesIO(vm.export_workbook(q, side=side, lang=lang, **meta)))


def save(book: Workbook, path: Path) -> Path:
    book.save(path)
    return path


def signed(book: Workbook, name: str = "Claire Martin", role: str = "Manager") -> Worksheet:
    sheet = book["Answers"] if "Answers" in book.sheetnames else book["Réponses"]
    rows = keyed(sheet)
    sheet.cell(rows["#name"], 4).value = name
    sheet.cell(rows["#role"], 4).value = role
    return sheet


# --------------------------------------------------------------------------- export


def test_the_workbook_has_instructions_answers_facts_and_hidden_ids(pulse: vm.Questionnaire) -> None:
    """Sheets for people first; the lists and the machine-readable ids hidden."""
    book = export(pulse, lang="fr")
    states = {name: book[name].sheet_state for name in book.sheetnames}
    expected = {
        "Instructions": "visible",
        "Réponses": "visible",
        "Faits": "visible",
        "_vendormaturity": "veryHidden",
        "_lists": "hidden",
    }
    assert expected == states
    meta = {row[0]: row[1] for row in book["_vendormaturity"].iter_rows(values_only=True)}
    assert ("pulse", "1.1.0", "client", "fr") == (
        meta["questionnaire"],
        meta["questionnaire_version"],
        meta["side"],
        meta["lang"],
    )
    assert "p01 p02 p03 p04 p05 p06 p07 p08 p09 p11" == meta["questions"]
    assert book["Réponses"].column_dimensions["A"].hidden


def test_answer_cells_are_unlocked_drop_downs_in_a_protected_sheet(pulse: vm.Questionnaire) -> None:
    """Only the cells to fill are unlocked; each answer is a drop-down bound to its scale."""
    book = export(pulse, side="supplier")
    sheet = book["Answers"]
    rows = keyed(sheet)
    assert sheet.protection.sheet
    assert book.security is not None
    assert book.security.lockStructure
    assert (False, False, True) == (
        sheet.cell(rows["p10"], 4).protection.locked,
        sheet.cell(rows["p10"], 5).protection.locked,
        sheet.cell(rows["p10"], 3).protection.locked,
    )
    lists = book["_lists"]
    bound = {}
    for validation in sheet.data_validations.dataValidation:
        column = validation.formula1.split("$")[1]
        options = [
            row[0]
            for row in lists.iter_rows(min_col=ord(column) - 64, max_col=ord(column) - 64, values_only=True)
        ]
        for cell_range in validation.sqref.ranges:
            bound[cell_range.coord] = [option for option in options if option is not None]
    assert ["Executive", "Manager", "Operational", "Other"] == bound["D5"]
    agree = bound[f"D{rows['p01']}"]
    assert ("1 – Strongly disagree", "Don't know", "Not applicable") == (agree[0], agree[-2], agree[-1])
    assert "0 – Not at all likely" == bound[f"D{rows['p11']}"][0]
    assert "p02" not in rows  # a client question


def test_a_conditional_question_says_when_it_applies(pulse: vm.Questionnaire) -> None:
    """The condition is under the question's text, in words."""
    fr, en = export(pulse, lang="fr")["Réponses"], export(pulse)["Answers"]
    assert str(fr.cell(keyed(fr)["p05"], 3).value).endswith(
        "\nRépondez seulement si votre réponse à p04 vaut 3 ou moins."
    )
    assert str(en.cell(keyed(en)["p05"], 3).value).endswith(
        "\nAnswer only if your answer to p04 is 3 or less."
    )


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        (
            "answers.a >= 3 and facts.age_months < 12",
            "Answer only if your answer to a is 3 or more and the fact “Age of the relationship” is less "
            "than 12.",
        ),
        (
            "answers.a == 1 or answers.b != 2",
            "Answer only if your answer to a is 1 or your answer to b is not 2.",
        ),
        ("answers.a > 2.5", "Answer only if your answer to a is more than 2.5."),
        ("known(answers.a)", "Answer only if: known(answers.a)"),
    ],
)
def test_conditions_read_in_words_or_as_written(
    pulse: vm.Questionnaire, expression: str, expected: str
) -> None:
    """Usual shapes become a sentence; anything else is shown as the rule itself."""
    assert expected == condition_text(pulse, expression, "en")


def test_export_names_the_relationship_and_writes_the_file(pulse: vm.Questionnaire, tmp_path: Path) -> None:
    """Given names are shown to the respondent and stored for the import; path gets the same bytes."""
    path = tmp_path / "w.xlsx"
    data = vm.export_workbook(
        pulse,
        side="client",
        lang="en",
        path=path,
        relationship="acme",
        client="ACME",
        date=datetime.date(2026, 9, 15),
    )
    assert data == path.read_bytes()
    book = load_workbook(path)
    assert (
        "Relationship: acme · client: ACME · supplier: – · date: 2026-09-15"
        == book["Instructions"]["A3"].value
    )
    assert "pulse" == workbook_questionnaire(path)


@pytest.mark.parametrize(
    ("side", "lang", "message"),
    [
        ("both", "en", "a workbook is for one side: client or supplier"),
        ("client", "de", "questionnaire 'pulse' has no language 'de' (it has fr, en)"),
    ],
)
def test_export_refuses_what_it_cannot_make(
    pulse: vm.Questionnaire, side: str, lang: str, message: str
) -> None:
    """One side, one of the questionnaire's languages."""
    with pytest.raises(ValueError, match="^" + message.replace("(", r"\(").replace(")", r"\)") + "$"):
        vm.export_workbook(pulse, side=side, lang=lang)


def test_a_questionnaire_without_facts_has_no_facts_sheet(mini_doc: dict[str, Any], tmp_path: Path) -> None:
    """The facts sheet is only there when the questionnaire declares facts."""
    mini_doc["facts"] = []
    for rule in [*mini_doc["phase_rules"], *mini_doc["patterns"]]:
        rule["when"] = rule["when"].replace("facts.age_months", "summary.client_respondents")
        rule["when"] = rule["when"].replace("facts.kpi_green_ratio", "overall.trust")
    bare = vm.questionnaire_from_dict(mini_doc)
    book = load_workbook(io.BytesIO(vm.export_workbook(bare, side="client", lang="en")))
    assert "Facts" not in book.sheetnames
    sheet = signed(book)
    rows = keyed(sheet)
    sheet.cell(rows["t1"], 4).value = 3
    collected = vm.read_workbooks(bare, [save(book, tmp_path / "m.xlsx")], relationship="r")
    assert {"t1": 3} == collected.responses.respondents[0].answers


# --------------------------------------------------------------------------- reading what people send back


def test_answers_typed_spaced_or_in_the_other_language_are_read(
    pulse: vm.Questionnaire, tmp_path: Path
) -> None:
    """A number, a label with spaces, the French label in an English workbook, a code: all read exactly."""
    book = export(pulse, relationship="acme")
    sheet = signed(book, name="  Claire   Martin ", role="manager")
    rows = keyed(sheet)
    typed: dict[str, int | str] = {
        "p01": 4,
        "p02": "  agree ",
        "p03": "Tout à fait d'accord",
        "p04": "2 - disagree",
        "p05": "DK",
        "p06": "3,0",
        "p11": "10 – Extremely likely",
    }
    for question, value in typed.items():
        sheet.cell(rows[question], 4).value = value
    sheet.cell(rows["p01"], 5).value = 12  # a number typed as a comment
    collected = vm.read_workbooks(pulse, [save(book, tmp_path / "c.xlsx")])
    person = collected.responses.respondents[0]
    assert ("claire-martin", "Claire Martin", vm.Role.MANAGER) == (person.id, person.name, person.role)
    assert {"p01": 4, "p02": 4, "p03": 5, "p04": 2, "p05": "dk", "p06": 3, "p11": 10} == person.answers
    assert {"p01": "12"} == person.comments


def test_rows_sorted_or_hidden_and_an_empty_extra_column_change_nothing(
    pulse: vm.Questionnaire, tmp_path: Path
) -> None:
    """Reading goes by the hidden ids, not positions: rows sorted (with column A) or hidden, a new column."""
    book = export(pulse)
    sheet = signed(book)
    rows = keyed(sheet)
    sheet.cell(rows["p01"], 4).value = "4 – Agree"
    sheet.cell(rows["p09"], 4).value = "1 – Strongly disagree"
    expected = vm.read_workbooks(pulse, [save(book, tmp_path / "a.xlsx")], relationship="r").responses
    first, last = rows["p01"], rows["p09"]
    for column in range(1, 6):  # the whole rows swapped, hidden ids included
        upper, lower = sheet.cell(first, column), sheet.cell(last, column)
        upper.value, lower.value = lower.value, upper.value
    sheet.row_dimensions[first].hidden = True
    sheet.insert_cols(5)
    moved = vm.read_workbooks(pulse, [save(book, tmp_path / "b.xlsx")], relationship="r").responses
    assert expected == moved


def test_both_sides_merge_into_one_response_set_that_assesses(
    pulse: vm.Questionnaire, tmp_path: Path
) -> None:
    """A client and a supplier workbook give one response set, with the names from the workbooks."""
    paths = []
    for side, name in (("client", "Claire"), ("supplier", "Sam")):
        book = export(pulse, side=side, relationship="acme", client="ACME", supplier="HostCo")
        sheet = signed(book, name=name)
        for question, row in keyed(sheet).items():
            if question.startswith("p") and question != "p05":  # p05 applies only when p04 <= 3
                sheet.cell(row, 4).value = 4
        paths.append(save(book, tmp_path / f"{side}.xlsx"))
    collected = vm.read_workbooks(pulse, paths, date=datetime.date(2026, 9, 15))
    responses = collected.responses
    assert ("acme", "ACME", "HostCo", datetime.date(2026, 9, 15)) == (
        responses.relationship,
        responses.client,
        responses.supplier,
        responses.date,
    )
    assert [("claire", "client"), ("sam", "supplier")] == [
        (r.id, r.side.value) for r in responses.respondents
    ]
    assert vm.assess(pulse, responses).phase in set(vm.Phase)


def test_keep_partial_keeps_the_valid_answers_and_lists_the_rest(
    pulse: vm.Questionnaire, tmp_path: Path
) -> None:
    """A bad answer and an out-of-range fact are left out and listed; everything else is kept,
    an answer skip logic would hide too (not scored, and noted at its cell)."""
    book = export(pulse, relationship="acme")
    sheet = signed(book, role="")
    rows = keyed(sheet)
    sheet.cell(rows["p01"], 4).value = "maybe"
    sheet.cell(rows["p03"], 4).value = 4
    sheet.cell(rows["p04"], 4).value = 5
    sheet.cell(rows["p05"], 4).value = 2  # not relevant when p04 is 5
    facts = book["Facts"]
    facts.cell(keyed(facts)["kpi_green_ratio"], 4).value = 2
    facts.cell(keyed(facts)["age_months"], 4).value = 30
    path = save(book, tmp_path / "p.xlsx")
    collected = vm.read_workbooks(pulse, [path], keep_partial=True)
    person = collected.responses.respondents[0]
    assert ({"p03": 4, "p04": 5, "p05": 2}, vm.Role.OPERATIONAL, {"age_months": 30}) == (
        person.answers,
        person.role,
        collected.responses.facts,
    )
    assert ["Answers!D5", f"Answers!D{rows['p01']}", "Facts!D5"] == [
        problem.path for problem in collected.left_out
    ]
    assert [
        f"{path}: Answers!D{rows['p05']}: question 'p05' was answered although it is not relevant here "
        "(`answers.p04 <= 3` is false): the answer is kept but not scored; remove it, or correct the "
        "answer the condition reads"
    ] == list(collected.notes)
    text = dump_collected(collected)
    assert text.startswith(
        "# Imported with `vendormaturity import` from 1 file:\n"
        f"#   claire-martin (client): {path}, Answers!D4\n"
    )
    assert (
        f"# Left out (--keep-partial):\n#   {path}: Answers!D5: the respondent's role is empty: pick one"
        in text
    )


def test_the_same_workbook_twice_is_read_once_with_a_note(pulse: vm.Questionnaire, tmp_path: Path) -> None:
    """Identical answers from the same respondent lose nothing: read once, and said."""
    book = export(pulse, relationship="acme")
    signed(book)
    first, second = save(book, tmp_path / "a.xlsx"), save(book, tmp_path / "b.xlsx")
    collected = vm.read_workbooks(pulse, [first, second])
    assert 1 == len(collected.responses.respondents)
    assert (
        f"{second}: respondent 'claire-martin' is the same as in {first} (same answers): read once",
        f"{first}: Answers!D4: respondent 'claire-martin' answered no question, so does not count; "
        "remove them or collect their answers",
    ) == collected.notes


def test_duplicates_are_both_left_out_by_keep_partial(pulse: vm.Questionnaire, tmp_path: Path) -> None:
    """Two different answer sets of one person: neither is chosen; a third respondent is kept."""
    paths = []
    for index, (name, value) in enumerate((("Claire", 1), ("Claire", 2), ("Bruno", 3))):
        book = export(pulse, relationship="acme")
        sheet = signed(book, name=name)
        sheet.cell(keyed(sheet)["p01"], 4).value = value
        paths.append(save(book, tmp_path / f"{index}.xlsx"))
    collected = vm.read_workbooks(pulse, paths, keep_partial=True)
    assert ["bruno"] == [person.id for person in collected.responses.respondents]
    assert 2 == len(collected.left_out)


def test_the_relationship_must_be_named_somewhere(pulse: vm.Questionnaire, tmp_path: Path) -> None:
    """No workbook names it and none is given: refused, never invented."""
    book = export(pulse)
    signed(book)
    with pytest.raises(vm.ResponseError) as raised:
        vm.read_workbooks(pulse, [save(book, tmp_path / "a.xlsx")], keep_partial=True)
    assert [
        "the relationship is not named: no file names it; give relationship= (--relationship on the "
        "command line), or export the workbooks with the relationship named"
    ] == [str(problem) for problem in raised.value.problems]


def test_a_missing_file_and_a_too_long_name_are_located(pulse: vm.Questionnaire, tmp_path: Path) -> None:
    """A path that does not exist, and a name no response file can hold, are problems of their file."""
    book = export(pulse, relationship="acme")
    signed(book, name="x" * 201)
    long_name = save(book, tmp_path / "long.xlsx")
    with pytest.raises(vm.ResponseError) as raised:
        vm.read_workbooks(pulse, [tmp_path / "gone.xlsx", long_name])
    assert [
        f"{tmp_path / 'gone.xlsx'}: no such file",
        f"{long_name}: Answers!D4: the name is longer than 200 characters: fill in the name; "
        "this workbook's answers cannot be attributed",
    ] == [str(problem) for problem in raised.value.problems]


def test_a_zip_bomb_is_refused_before_parsing(
    pulse: vm.Questionnaire, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A small file that would inflate past the limit is refused from its declared sizes."""
    import zipfile

    import attrs

    from vendormaturity.sources import workbook

    scaled = attrs.evolve(workbook.WORKBOOK_LIMITS, expanded=100_000)  # the real limit, 200 MB, scaled down
    monkeypatch.setattr(workbook, "WORKBOOK_LIMITS", scaled)
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * 100_001)
    with pytest.raises(vm.ResponseError) as raised:
        vm.read_workbooks(pulse, [path], relationship="r")
    assert [f"{path}: expands to 100001 bytes, the limit is 100000; no workbook of answers needs that"] == [
        str(problem) for problem in raised.value.problems
    ]


# --------------------------------------------------------------------------- cells


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("   ", None),
        (4.0, 4),
        ("Plutôt d'accord", 4),
        ("4 agree", 4),
        (
            True,
            Refused(
                "true is not an answer: pick from the list, or type a value (1, 2, 3, 4, 5), "
                "or a don't-know code (dk, na)"
            ),
        ),
        (
            "4 – Disagree",
            Refused('"4 – Disagree" gives the value 4 with the label of 2: pick from the list'),
        ),
        (
            "Agre",
            Refused(
                "\"Agre\" is not an answer on this scale (did you mean '4 – Agree'?): "
                "pick from the list, or type "
                "a value (1, 2, 3, 4, 5), or a don't-know code (dk, na)"
            ),
        ),
    ],
)
def test_an_answer_cell_is_read_exactly_or_refused(
    pulse: vm.Questionnaire, value: object, expected: object
) -> None:
    """What a cell may hold for an agreement question, and what it means."""
    assert expected == AnswerReader(pulse).read("agree5", value)


def test_a_text_meaning_two_values_is_refused(mini_doc: dict[str, Any]) -> None:
    """A label shared by two choices (across languages) is ambiguous: never guessed."""
    scale = mini_doc["scales"][0]
    scale["choices"][0]["label"] = {"fr": "Bof", "en": "Low"}
    scale["choices"][1]["label"] = {"fr": "Low", "en": "Meh"}
    q = vm.questionnaire_from_dict(mini_doc)
    assert Refused('"low" could mean 1, 2: pick from the list') == AnswerReader(q).read("agree5", "low")


@pytest.mark.parametrize(
    ("fact", "value", "expected"),
    [
        ("kpi_green_ratio", "96 %", 0.96),
        ("kpi_green_ratio", "0,5", 0.5),
        ("kpi_green_ratio", False, Refused("false is not a number; give a number from 0 to 1")),
        ("age_months", 12.0, 12),
        (
            "age_months",
            datetime.date(2026, 1, 2),
            Refused("2026-01-02 is a date or a time; give a whole number from 0 to 600"),
        ),
        ("segment", "leverage ", "leverage"),
        ("segment", "Strategic", "strategic"),
        (
            "segment",
            "strategik",
            Refused(
                "\"strategik\" is not a choice (did you mean 'strategic'?); pick one of: strategic, leverage"
            ),
        ),
    ],
)
def test_a_fact_cell_is_read_by_its_type(
    mini: vm.Questionnaire, fact: str, value: object, expected: object
) -> None:
    """Numbers with commas or percents, whole numbers, choices by value or label."""
    facts = {item.id: item for item in mini.facts}
    assert expected == read_fact(facts[fact], value)


def test_yes_no_facts_and_roles_in_either_language(relationship: vm.Questionnaire) -> None:
    """Booleans and roles read from their words in French or English."""
    fact = next(item for item in relationship.facts if item.id == "exit_plan_active")
    assert [True, False, Refused('"peut-être" is not yes or no; give yes or no')] == [
        read_fact(fact, "Oui"),
        read_fact(fact, "no"),
        read_fact(fact, "peut-être"),
    ]
    assert [vm.Role.EXECUTIVE, vm.Role.OTHER, None] == [
        read_role("direction"),
        read_role("Other"),
        read_role(" "),
    ]
    assert Refused('"boss" is not a role: pick one of Executive, Manager, Operational, Other') == read_role(
        "boss"
    )


def test_ids_and_cells_are_spelled_as_people_read_them() -> None:
    """A respondent id from a name; a cell of a sheet whose name needs quotes."""
    assert ("eloise-dupont", "") == (respondent_id(" Éloïse Dupont "), respondent_id("!!!"))
    assert ("Réponses!D14", "'My answers'!A1") == (
        sheet_cell("Réponses", 4, 14),
        sheet_cell("My answers", 1, 1),
    )


def test_a_workbook_of_another_minor_version_is_read(pulse: vm.Questionnaire, tmp_path: Path) -> None:
    """Same major version, same questions: a workbook exported from 1.3.0 reads with 1.1.0."""
    book = export(pulse, relationship="acme")
    sheet = signed(book)
    sheet.cell(keyed(sheet)["p01"], 4).value = 5
    meta = book["_vendormaturity"]
    meta.cell(keyed(meta)["questionnaire_version"], 2).value = "1.3.0"
    collected = vm.read_workbooks(pulse, [save(book, tmp_path / "a.xlsx")])
    assert ("1.1.0", {"p01": 5}) == (
        collected.responses.questionnaire_version,
        collected.responses.respondents[0].answers,
    )
