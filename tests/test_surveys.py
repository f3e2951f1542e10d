"""Survey tools' exports read into response sets: Microsoft Forms, Google Forms, LimeSurvey.

The samples in ``tests/data/collect/`` follow each tool's documented export (see the
README there); each is read exactly, respondent by respondent.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

import vendormaturity as vm

DATA = Path(__file__).parent / "data" / "collect"
CLAIRE = {"p01": 3, "p02": 2, "p03": 4, "p04": 3, "p05": 2, "p06": 4, "p07": 3, "p08": 2, "p09": 2, "p11": 6}
BRUNO = {"p01": 2, "p02": 2, "p03": 3, "p04": 4, "p06": 4, "p07": "dk", "p08": 2, "p09": 3, "p11": 5}


def people(collected: vm.Collected) -> list[tuple[str, str | None, str, str, dict[str, int | float | str]]]:
    return [
        (person.id, person.name, person.side.value, person.role.value, dict(person.answers))
        for person in collected.responses.respondents
    ]


def test_microsoft_forms_export_with_its_mapping(pulse: vm.Questionnaire) -> None:
    """Forms' own Name column names the respondent; an anonymous response gets its response id."""
    mapping = vm.load_form_mapping(DATA / "pulse-client-en.mapping.toml", pulse)
    collected = vm.read_survey_export(
        pulse, DATA / "forms-pulse-client-en.xlsx", tool="forms", mapping=mapping
    )
    claire = {**CLAIRE, "p07": "dk"}
    bruno = {**BRUNO, "p07": 3}
    third = {
        "p01": 4,
        "p02": 3,
        "p03": 4,
        "p04": 2,
        "p05": 4,
        "p06": 3,
        "p07": 2,
        "p08": 3,
        "p09": "na",
        "p11": 4,
    }
    assert [
        ("claire-martin", "Claire Martin", "client", "manager", claire),
        ("bruno-leroy", "Bruno Leroy", "client", "operational", bruno),
        ("client-forms-3", None, "client", "executive", third),
    ] == people(collected)
    assert ("acme-hosting", "ACME Industries") == (
        collected.responses.relationship,
        collected.responses.client,
    )
    assert [("claire-martin", "Sheet1!E2"), ("client-forms-3", "Sheet1!A4")] == [
        (person, origin.where) for person, origin in collected.origins if person != "bruno-leroy"
    ]


def test_google_forms_csv_matched_by_the_french_question_texts(pulse: vm.Questionnaire) -> None:
    """No mapping: the columns are the question texts (one with a line break), the side a question."""
    collected = vm.read_survey_export(pulse, DATA / "google-pulse-fr.csv", tool="google", relationship="acme")
    sam = {"p01": 4, "p03": 4, "p04": 4, "p06": 2, "p07": 4, "p08": 3, "p09": 2, "p10": 3, "p11": 8}
    ines = {
        "p01": 4,
        "p03": 3,
        "p04": 3,
        "p05": 2,
        "p06": 3,
        "p07": 4,
        "p08": 4,
        "p09": 3,
        "p10": 2,
        "p11": 7,
    }
    assert [
        ("claire-martin", "Claire Martin", "client", "manager", CLAIRE),
        ("bruno-leroy", "Bruno Leroy", "client", "operational", BRUNO),
        ("sam-okafor", "Sam Okafor", "supplier", "executive", sam),
        ("ines-garcia", "Inès García", "supplier", "manager", ines),
    ] == people(collected)
    assert () == collected.notes


def test_limesurvey_codes_with_a_mapping_and_a_comment(pulse: vm.Questionnaire) -> None:
    """Question-code headings and answer codes; the mapping fixes the side; quotes in a comment survive."""
    mapping = vm.load_form_mapping(DATA / "pulse-supplier-en.mapping.toml", pulse)
    collected = vm.read_survey_export(
        pulse, DATA / "limesurvey-pulse-codes.csv", tool="limesurvey", mapping=mapping, relationship="acme"
    )
    assert ["sam-okafor", "li-wei", "ines-garcia"] == [
        person.id for person in collected.responses.respondents
    ]
    li = collected.responses.respondents[1]
    assert (
        {
            "p01": 3,
            "p03": "dk",
            "p04": 2,
            "p05": 3,
            "p06": 3,
            "p07": 3,
            "p08": 2,
            "p09": 4,
            "p10": 2,
            "p11": 6,
        }
    ) == (li.answers)
    assert 'The weekly call often runs over; "quick wins" are rarely followed up.' == li.comment


def test_limesurvey_full_text_with_semicolons_needs_only_the_side(pulse: vm.Questionnaire) -> None:
    """Full question texts and full answers, semicolon-separated, UTF-8 with a byte-order mark."""
    collected = vm.read_survey_export(
        pulse, DATA / "limesurvey-pulse-fulltext.csv", tool="limesurvey", side="client", relationship="acme"
    )
    assert [
        ("claire-martin", "Claire Martin", "client", "manager", CLAIRE),
        ("bruno-leroy", "Bruno Leroy", "client", "operational", BRUNO),
    ] == people(collected)


@pytest.mark.parametrize(
    ("file", "encoding"),
    [
        ("limesurvey-utf16.csv", None),
        ("limesurvey-cp1252.csv", "cp1252"),
        ("limesurvey-utf16-no-bom.csv", "utf-16-le"),
    ],
)
def test_other_encodings_are_read_when_marked_or_named(
    pulse: vm.Questionnaire, file: str, encoding: str | None
) -> None:
    """UTF-16 with a byte-order mark is read as is; anything else when its encoding is named."""
    mapping = vm.load_form_mapping(DATA / "pulse-supplier-en.mapping.toml", pulse)
    collected = vm.read_survey_export(
        pulse, DATA / file, tool="limesurvey", mapping=mapping, encoding=encoding, relationship="acme"
    )
    assert "Inès García" == collected.responses.respondents[2].name


def test_tab_separated_text_and_answer_codes_of_the_mapping(pulse: vm.Questionnaire, tmp_path: Path) -> None:
    """A tab-separated export whose tool codes its answers (A1…A5) reads through the mapping's answers."""
    mapping_text = (DATA / "pulse-supplier-en.mapping.toml").read_text(encoding="utf-8")
    mapping_text = mapping_text.replace("[answers]\n", '[answers.agree5]\nA1 = 1\nA4 = 4\nX = "dk"\n')
    mapping_text = mapping_text.replace("ignore = []", 'ignore = ["Department"]')
    (tmp_path / "m.toml").write_text(mapping_text, encoding="utf-8")
    mapping = vm.load_form_mapping(tmp_path / "m.toml", pulse)
    export = tmp_path / "export.csv"
    export.write_text(
        "id\tsubmitdate\tRName\tp01\tp03\tDepartment\n1\t2026-09-15\tSam\tA4\tX\tIT\n", encoding="utf-8"
    )
    collected = vm.read_survey_export(pulse, export, tool="limesurvey", mapping=mapping, relationship="acme")
    assert {"p01": 4, "p03": "dk"} == collected.responses.respondents[0].answers
    assert (
        f"{export}: no column gives the respondents' role: they are recorded as operational "
        "(the response format's default)",
    ) == (collected.notes)


def test_an_export_of_another_form_is_refused(pulse: vm.Questionnaire, tmp_path: Path) -> None:
    """No column matches a question: said once, with how to map the columns."""
    export = tmp_path / "other.csv"
    export.write_text("Timestamp,Favourite colour\n9/15/2026 10:12:34,blue\n", encoding="utf-8")
    with pytest.raises(vm.ResponseError) as raised:
        vm.read_survey_export(pulse, export, tool="google", side="client", relationship="acme")
    assert [
        f"{export}: no column matches a question of pulse by the question texts: "
        "is this a Google Forms export "
        "of this questionnaire? (give --mapping FILE, written by `vendormaturity export --form-mapping`)"
    ] == [str(problem) for problem in raised.value.problems]


def test_a_mapping_of_another_questionnaire_is_refused(relationship: vm.Questionnaire) -> None:
    """A mapping names its questionnaire and version; another one is a located problem."""
    with pytest.raises(vm.ResponseError) as raised:
        vm.load_form_mapping(DATA / "pulse-supplier-en.mapping.toml", relationship)
    assert str(raised.value).startswith(
        f"{DATA / 'pulse-supplier-en.mapping.toml'}: the mapping does not fit relationship 1.1.0\n"
        f"  {DATA / 'pulse-supplier-en.mapping.toml'}:13: questionnaire: "
        "maps questionnaire 'pulse', not 'relationship'"
    )


def test_a_mapping_that_is_no_mapping_is_refused(pulse: vm.Questionnaire, tmp_path: Path) -> None:
    """A TOML file of another kind fails its schema check, located."""
    path = tmp_path / "m.toml"
    path.write_text('kind = "something"\n', encoding="utf-8")
    with pytest.raises(vm.ResponseError) as raised:
        vm.load_form_mapping(path, pulse)
    assert str(raised.value).startswith(
        f"{path}: not a form mapping this version can read\n  {path}:1: kind: "
    )


def test_a_form_mapping_for_both_sides_asks_the_side(pulse: vm.Questionnaire) -> None:
    """Without a side, the mapping holds every question and a side question."""
    text = vm.form_mapping(pulse, lang="fr")
    assert "side = " not in text.split("[respondent")[0]
    assert 'heading = "De quel côté de la relation êtes-vous\u202f?"' in text
    assert 11 == text.count("\n[[questions]]\n")
    assert "#   p05\u202f: Répondez seulement si votre réponse à p04 vaut 3 ou moins." in text
    assert 'code = "G1[SQ001]"' in vm.form_mapping(vm.load_questionnaire("relationship"), lang="en")


def test_a_form_mapping_says_how_to_build_each_tools_form_in_its_language(pulse: vm.Questionnaire) -> None:
    """The header says, in the mapping's language, to ask a grid as a Forms Likert, to export Qualtrics'
    choice text with its Status, and to make SurveyMonkey's last question required."""

    def header(lang: str) -> str:
        text = vm.form_mapping(pulse, lang=lang, side="client")
        comments = [line.removeprefix("#").strip() for line in text.split("\nkind = ")[0].splitlines()]
        return " ".join(comments)

    english, french = header("en"), header("fr")
    assert english.startswith("Form mapping for pulse 1.0.0, the client side, in en.")
    assert (
        "Microsoft Forms: a Likert question per grid (statements: the headings; options: the options), a "
        "Choice question for the others; Forms exports one column per statement."
    ) in english
    assert "Export CSV or Excel with Use choice text, keeping the Status column" in english
    assert "make the last question required, so that a complete response can be told from a partial one" in (
        english
    )
    assert french.startswith("Correspondance de formulaire pour pulse 1.0.0, le côté client, en fr.")
    assert "Microsoft Forms\u202f: une question Likert par grille" in french
    assert "rendez la dernière question obligatoire" in french


def test_an_unknown_tool_is_refused(pulse: vm.Questionnaire) -> None:
    """The tool is one of those whose export is known."""
    with pytest.raises(
        ValueError,
        match=r"^unknown survey tool 'surveygizmo' \(known: forms, google, limesurvey, qualtrics, "
        r"surveymonkey, typeform\)$",
    ):
        vm.read_survey_export(pulse, DATA / "google-pulse-fr.csv", tool="surveygizmo")


P01 = "This quarter, the service delivered matched what had been agreed (deadlines, quality, availability)."
SMALL = [
    pytest.param("", ["{f}: file is empty"], id="empty"),
    pytest.param(
        f"Timestamp,{P01}\n1,{'x' * 140_000}\n",
        ["{f}:2: CSV syntax error: a field is longer than 131072 characters; no export needs that"],
        id="huge-field",
    ),
    pytest.param(
        f'Timestamp,Your name,Your name,"{P01}"\n1,Ann,Bob,4\n',
        [
            "{f}: column C: two columns are the respondent's name (column B and column C): "
            "remove one, or map them apart"
        ],
        id="two-name-columns",
    ),
    pytest.param(
        f'Timestamp,Your name,Your role,"{P01}"\n1,{"n" * 201},Boss,4\n',
        ["{f}: row 2, column B: the name is longer than 200 characters: shorten it"],
        id="long-name",
    ),
    pytest.param(
        f'Timestamp,Your name,Your role,"{P01}"\n1,Ann,Boss,4\n',
        [
            '{f}: row 2, column C: "Boss" is not a role: pick one of Executive, Manager, Operational, Other '
            "(a --keep-partial import records the format's default, operational)"
        ],
        id="bad-role",
    ),
    pytest.param(
        f'Timestamp,Your name,Your role,"{P01}",'
        '"Anything else you would like to say about the relationship?"\n'
        f"1,Ann,Other,4,{'c' * 10_001}\n",
        ["{f}: row 2, column E: the comment is longer than 10000 characters: shorten it"],
        id="long-comment",
    ),
]


@pytest.mark.parametrize(("text", "expected"), SMALL)
def test_small_damaged_exports(
    pulse: vm.Questionnaire, tmp_path: Path, text: str, expected: list[str]
) -> None:
    """Exports made here, one defect each: every problem located by file, row and column."""
    export = tmp_path / "export.csv"
    export.write_text(text, encoding="utf-8")
    with pytest.raises(vm.ResponseError) as raised:
        vm.read_survey_export(pulse, export, tool="google", side="client", relationship="acme")
    assert [line.format(f=export) for line in expected] == [str(problem) for problem in raised.value.problems]


def test_ids_from_rows_comments_from_mapped_columns_and_empty_columns_noted(
    pulse: vm.Questionnaire, tmp_path: Path
) -> None:
    """No name nor e-mail: the row names the respondent; a mapped comment column; an empty column noted."""
    mapping_text = (DATA / "pulse-client-en.mapping.toml").read_text(encoding="utf-8")
    mapping_text = mapping_text.replace('code = "p01"\n', 'code = "p01"\ncomment = { heading = "Why?" }\n', 1)
    (tmp_path / "m.toml").write_text(mapping_text, encoding="utf-8")
    mapping = vm.load_form_mapping(tmp_path / "m.toml", pulse)
    export = tmp_path / "export.csv"
    export.write_text(f'Timestamp,"{P01}",Why?,Notes\n1,4,Because.,\n,,,\n2,dk,,\n', encoding="utf-8")
    collected = vm.read_survey_export(pulse, export, tool="google", mapping=mapping)
    assert [
        ("client-google-row2", {"p01": 4}, {"p01": "Because."}),
        ("client-google-row4", {"p01": "dk"}, {}),
    ] == [(person.id, person.answers, person.comments) for person in collected.responses.respondents]
    assert f'{export}: column D "Notes" matches no question (empty)' in collected.notes


def test_unreadable_inputs_of_each_kind(pulse: vm.Questionnaire, tmp_path: Path) -> None:
    """A missing file, a wrong encoding given, an empty Forms sheet, a Forms export that is no workbook."""
    wrong = tmp_path / "latin.csv"
    wrong.write_bytes(f"Timestamp,{P01}\n1,é\n".encode("latin-1"))
    empty = tmp_path / "empty.xlsx"
    Workbook().save(empty)
    text = tmp_path / "text.xlsx"
    text.write_text("no", encoding="utf-8")
    problems = []
    for path, tool, encoding in (
        (tmp_path / "gone.csv", "google", None),
        (wrong, "google", "ascii"),
        (empty, "forms", None),
        (text, "forms", None),
    ):
        with pytest.raises(vm.ResponseError) as raised:
            vm.read_survey_export(pulse, path, tool=tool, encoding=encoding, side="client", relationship="r")
        problems += [str(problem) for problem in raised.value.problems]
    assert [
        f"{tmp_path / 'gone.csv'}: no such file",
        f"{wrong}:2: the text is not valid ASCII (byte 113); check the encoding it was saved in "
        "(--encoding ascii does not fit)",
        f"{empty}: sheet Sheet is empty",
        f"{text}: is not an Excel workbook (.xlsx): save it as an Excel workbook (.xlsx), or as CSV",
    ] == problems


def test_an_unfinished_response_is_left_out_with_a_notice(pulse: vm.Questionnaire) -> None:
    """LimeSurvey writes no submission date for a response not finished: never imported as complete."""
    export = DATA / "limesurvey-incomplete.csv"
    mapping = vm.load_form_mapping(DATA / "pulse-supplier-en.mapping.toml", pulse)
    collected = vm.read_survey_export(pulse, export, mapping=mapping, relationship="acme")
    assert ["Sam Okafor", "Inès García"] == [person.name for person in collected.responses.respondents]
    assert (
        f"{export}: row 3, column B: the response was not finished: it is left out (--keep-partial keeps "
        "what it answered)"
    ) in collected.notes
    kept = vm.read_survey_export(pulse, export, mapping=mapping, relationship="acme", keep_partial=True)
    assert ["Sam Okafor", "Li Wei", "Inès García"] == [person.name for person in kept.responses.respondents]
    assert (
        f"{export}: row 3, column B: the response was not finished: kept as far as it goes (--keep-partial)"
    ) in kept.notes


def test_a_file_no_tool_wrote_is_said_to_look_like_what_it_is(
    pulse: vm.Questionnaire, tmp_path: Path
) -> None:
    """Without --tool, a file whose headings no tool writes is refused with what it looks like."""
    path = tmp_path / "other.csv"
    path.write_text("Name,Role,Score\nAnn,Manager,4\n", encoding="utf-8")
    with pytest.raises(vm.ResponseError) as raised:
        vm.read_survey_export(pulse, path, side="client", relationship="acme")
    assert [
        f"{path}: this is not an export of a survey tool this reads (Microsoft Forms, Google Forms, "
        "LimeSurvey, Qualtrics, SurveyMonkey, Typeform): it looks like a CSV table of 3 columns ('Name', "
        "'Role', 'Score') and 1 row; give --tool when it is one of them, or read a vendormaturity workbook "
        "with --tool workbook"
    ] == [str(problem) for problem in raised.value.problems]


# --------------------------------------------------------------------------- what a response is

CORPUS = Path(__file__).parent / "data" / "surveys"
QUALTRICS = CORPUS / "Pulse_ACME_September 15, 2026_10.12.csv"


def qualtrics_rows() -> list[list[str]]:
    import csv

    return list(csv.reader(QUALTRICS.read_text(encoding="utf-8-sig").splitlines()))


def write_rows(path: Path, rows: list[list[str]]) -> Path:
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def corpus_mapping(pulse: vm.Questionnaire) -> vm.FormMapping:
    return vm.load_form_mapping(CORPUS / "pulse-client-en.mapping.toml", pulse)


def test_a_qualtrics_export_of_numeric_values_is_refused(pulse: vm.Questionnaire, tmp_path: Path) -> None:
    """With "Use numeric values", answers are the options' numbers (a 0–10 answer of 0 reads 1): refused."""
    rows = qualtrics_rows()
    status = rows[0].index("Status")
    for row in rows[3:]:
        row[status] = {"IP Address": "0", "Survey Preview": "1", "Survey Test": "2", "Spam": "8"}[row[status]]
    path = write_rows(tmp_path / "numeric.csv", rows)
    with pytest.raises(vm.ResponseError) as raised:
        vm.read_survey_export(pulse, path, mapping=corpus_mapping(pulse))
    assert [
        f"{path}: row 4, column C: the response type is the number 1: this export holds numeric values, where"
        " an answer is its option's number in the form rather than its text; export again with the choice"
        " text"
    ] == [str(problem) for problem in raised.value.problems]


def test_an_unknown_response_type_is_refused_at_its_cell(pulse: vm.Questionnaire, tmp_path: Path) -> None:
    """A Status Qualtrics does not document is neither read as a respondent's nor silently dropped."""
    rows = qualtrics_rows()
    rows[6][rows[0].index("Status")] = "Kiosk"
    path = write_rows(tmp_path / "kiosk.csv", rows)
    mapping = corpus_mapping(pulse)
    with pytest.raises(vm.ResponseError) as raised:
        vm.read_survey_export(pulse, path, mapping=mapping)
    assert [
        f'{path}: row 7, column C: the response type is "Kiosk", not one this reads (IP Address, Imported, '
        "Offline, EX, EX Offline; left out: Survey Preview, Survey Test, Spam, Survey Preview Spam, Preview "
        "Spam, Imported Spam, Offline Survey Preview, EX Spam): this response is not read; correct the cell "
        "or delete the row"
    ] == [str(problem) for problem in raised.value.problems]
    kept = vm.read_survey_export(pulse, path, mapping=mapping, keep_partial=True)
    assert "Amina Faure" not in [person.name for person in kept.responses.respondents]


def test_without_a_status_column_previews_cannot_be_told_and_the_file_is_refused(
    pulse: vm.Questionnaire, tmp_path: Path
) -> None:
    rows = qualtrics_rows()
    status = rows[0].index("Status")
    path = write_rows(tmp_path / "no-status.csv", [row[:status] + row[status + 1 :] for row in rows])
    with pytest.raises(vm.ResponseError) as raised:
        vm.read_survey_export(pulse, path, mapping=corpus_mapping(pulse))
    assert [
        f"{path}: no Status column: a preview, a test or spam cannot be told from a respondent's response;"
        " export again with the Status column"
    ] == [str(problem) for problem in raised.value.problems]


def test_progress_says_a_response_is_unfinished_when_finished_is_not_exported(
    pulse: vm.Questionnaire, tmp_path: Path
) -> None:
    """Without Finished, a Progress under 100 leaves the response out; with it, both must agree."""
    rows = qualtrics_rows()
    finished = rows[0].index("Finished")
    path = write_rows(tmp_path / "progress.csv", [row[:finished] + row[finished + 1 :] for row in rows])
    collected = vm.read_survey_export(pulse, path, tool="qualtrics", mapping=corpus_mapping(pulse))
    assert [
        f"{path}: row 8, column E: the response was not finished: it is left out (--keep-partial keeps what "
        "it answered)",
        f"{path}: row 14, column E: the response was not finished: it is left out (--keep-partial keeps what "
        "it answered)",
    ] == [note for note in collected.notes if "not finished" in note]
    rows = qualtrics_rows()
    rows[6][rows[0].index("Progress")] = "60"
    path = write_rows(tmp_path / "contradiction.csv", rows)
    with pytest.raises(vm.ResponseError) as raised:
        vm.read_survey_export(pulse, path, mapping=corpus_mapping(pulse))
    assert [
        f"{path}: row 7, column E: the response is marked finished (True) but its progress is 60, not 100: "
        "the row was changed after the export; correct it or export again"
    ] == [str(problem) for problem in raised.value.problems]


def test_a_surveymonkey_response_without_its_last_answer_is_not_taken_as_complete(
    pulse: vm.Questionnaire, tmp_path: Path
) -> None:
    """SurveyMonkey's export does not say which responses are partial: only the last answer proves it."""
    import csv

    rows = list(csv.reader((CORPUS / "Sheet_1.csv").read_text(encoding="utf-8").splitlines()))
    rows[3][-1] = ""  # Amina Faure left the last question blank
    path = write_rows(tmp_path / "Sheet_1.csv", rows)
    mapping = corpus_mapping(pulse)
    collected = vm.read_survey_export(pulse, path, mapping=mapping)
    assert "Amina Faure" not in [person.name for person in collected.responses.respondents]
    assert [
        f"{path}: row 4, column U: SurveyMonkey's export does not say whether this response was completed, "
        "and the form's last question is not answered: it may be a partial response, and is left out "
        "(--keep-partial keeps what it answered; make the last question required in the form to tell them "
        "apart)"
    ] == list(collected.notes)
    kept = vm.read_survey_export(pulse, path, mapping=mapping, keep_partial=True)
    amina = next(person for person in kept.responses.respondents if person.name == "Amina Faure")
    import json

    drawn = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))["Sheet_1.csv"]["respondents"]
    answered = next(person["answers"] for person in drawn if person["name"] == "Amina Faure")
    assert {key: value for key, value in answered.items() if key != "p11"} == dict(amina.answers)


@pytest.mark.parametrize("style", ["statement", "title.statement"])
def test_a_microsoft_forms_likert_is_read_by_its_statements(
    pulse: vm.Questionnaire, tmp_path: Path, style: str
) -> None:
    """A Likert question's columns, headed by the statement (or "Title.Statement"), match by the statement,
    with the mapping or by the questionnaire's texts alone."""
    mapping = corpus_mapping(pulse)
    grid = next(item for item in mapping.questions if item.grid is not None)
    heading = grid.heading if style == "statement" else f"{grid.grid}.{grid.heading}"
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["ID", "Start time", "Completion time", "Email", "Name", heading])
    sheet.append([1, None, None, "anonymous", "Claire Martin", grid.options[3]])
    path = tmp_path / "Pulse(1-1).xlsx"
    book.save(path)
    for given in (mapping, None):
        collected = vm.read_survey_export(pulse, path, mapping=given, side="client", relationship="acme")
        assert [{grid.id: 4}] == [dict(person.answers) for person in collected.responses.respondents]
