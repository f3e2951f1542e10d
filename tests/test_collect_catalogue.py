"""A catalogue of damaged workbooks and survey exports, each with the exact problems it must raise.

The workbooks are built by ``tools/make_collect_samples.py`` (run here into a temporary
folder): an exported pulse workbook filled by Claire Martin, then broken one way each.
The survey exports are files in ``tests/data/collect/`` (see its README). Every problem
names the file and the cell (``Réponses!D14``) or row and column, and nothing is imported.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import attrs
import pytest

import vendormaturity as vm

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "collect"
SUMMARY = (
    "found; nothing was imported "
    "(fix them, or keep the valid answers with keep_partial=True: --keep-partial on the command line)"
)
SAME_CLAIRE = (
    "{a}: Réponses!D4: respondent 'claire-martin' also answered in {b} (Réponses!D4), with different "
    "answers; keep one of them (a --keep-partial import leaves both out)"
)
ACCEPTED = "pick from the list, or type a value (1, 2, 3, 4, 5), or a don't-know code (dk, na)"
MISSING_ROW = (
    "{a}: sheet Réponses has no row for question p09 (deleted?): its answer, if any, is lost; "
    "add it to the response file by hand or export a new workbook"
)


@attrs.frozen
class Case:
    files: tuple[str, ...]  # built workbooks by name, or files of tests/data/collect
    expected: tuple[str, ...]  # {a} and {b} stand for the first and second file
    tool: str = "workbook"
    mapping: str | None = None
    options: tuple[tuple[str, str], ...] = ()


WORKBOOKS = {
    "off-scale": Case(("off-scale",), ('{a}: Réponses!D10: p01: "7" is not on the scale: ' + ACCEPTED,)),
    "unknown-label": Case(
        ("unknown-label",), ('{a}: Réponses!D12: p03: "Souvent" is not an answer on this scale: ' + ACCEPTED,)
    ),
    "date-typed": Case(
        ("date-typed",),
        (
            "{a}: Réponses!D14: p04: 2026-04-03 is a date or a time, not an answer (the spreadsheet "
            "turned what was typed into a date): " + ACCEPTED,
        ),
    ),
    "no-name": Case(
        ("no-name",),
        (
            "{a}: Réponses!D4: the respondent's name is empty: fill in the name; "
            "this workbook's answers cannot be attributed",
        ),
    ),
    "no-role": Case(
        ("no-role",),
        (
            "{a}: Réponses!D5: the respondent's role is empty: pick one (a --keep-partial import records "
            "the format's default, operational)",
        ),
    ),
    "sorted-without-ids": Case(
        ("sorted-without-ids",),
        (
            "{a}: Réponses!C10: this row holds the text of p03 but its hidden id is p01: the rows were "
            "sorted without the hidden column A, so no answer can be trusted; export a new workbook",
        ),
    ),
    "added-column": Case(
        ("added-column",),
        (
            "{a}: Réponses!D: a column was added and holds values that are not read (Réponses!D11, "
            "Réponses!D19): move them into the comment column, or delete the column",
        ),
    ),
    "answers-sheet-deleted": Case(
        ("answers-sheet-deleted",),
        (
            "{a}: the workbook has no sheet 'Réponses' (the answers): it was deleted or renamed; "
            "export a new workbook and copy the answers into it",
        ),
    ),
    "facts-sheet-deleted": Case(
        ("facts-sheet-deleted",),
        (
            "{a}: the workbook has no sheet 'Faits' (the facts): it was deleted or renamed; "
            "export a new workbook and copy the answers into it",
        ),
    ),
    "other-questionnaire": Case(
        ("other-questionnaire",),
        (
            "{a}: _vendormaturity!B3: the workbook is for questionnaire 'relationship', not 'pulse': "
            "import it with --questionnaire relationship, or export a workbook of 'pulse'",
        ),
    ),
    "other-major-version": Case(
        ("other-major-version",),
        (
            "{a}: _vendormaturity!B4: the workbook was exported from pulse 2.0.0 but the questionnaire "
            "is 1.1.0; a different major version asks different questions: export a new workbook",
        ),
    ),
    "fact-out-of-range": Case(("fact-out-of-range",), ("{a}: Faits!D5: must be at most 1, got 1.5",)),
    "fact-not-a-number": Case(
        ("fact-not-a-number",),
        ('{a}: Faits!D6: age_months: "environ 4 ans" is not a number; give a whole number from 0 to 600',),
    ),
    "question-row-deleted": Case(("question-row-deleted",), (MISSING_ROW,)),
    "question-row-copied": Case(
        ("question-row-copied",),
        ("{a}: Réponses!A25: the row of p06 appears twice (rows 17 and 25): keep one of them",),
    ),
    "key-row-deleted": Case(
        ("key-row-deleted",),
        (
            "{a}: sheet Réponses lost its hidden row of column names (was row 7 or 3 deleted?): "
            "export a new workbook and copy the answers into it",
        ),
    ),
    "same-respondent-twice": Case(
        ("base", "second-claire"),
        (SAME_CLAIRE, SAME_CLAIRE.replace("{a}", "{x}").replace("{b}", "{a}").replace("{x}", "{b}")),
    ),
    "facts-disagree": Case(
        ("base", "other-kpi"),
        (
            "{a}: Faits!D5: fact 'kpi_green_ratio' has different values (0.96 in {a} (Faits!D5); 0.8 in {b} "
            "(Faits!D5)); keep one (a --keep-partial import leaves the fact out)",
        ),
    ),
    "relationships-disagree": Case(
        ("base", "other-relationship"),
        (
            "{a}: _vendormaturity!B11: the files give different values of relationship ({a} says "
            "'acme-hosting'; {b} says 'acme-payroll'): "
            "give relationship= (--relationship on the command line)",
        ),
    ),
    "foreign-workbook": Case(
        ("foreign",),
        (
            "{a}: is not a workbook exported by vendormaturity (it has no sheet '_vendormaturity'): "
            "export one with `vendormaturity export`; a survey tool's export is read with --tool",
        ),
    ),
    "not-a-workbook": Case(
        ("not-a-workbook",),
        ("{a}: is not an Excel workbook (.xlsx): save it as an Excel workbook (.xlsx), or as CSV",),
    ),
    "forms-same-name-twice": Case(
        ("forms-same-name-twice",),
        (
            "{a}: Sheet1!E2: respondent 'claire-martin' also answered in {a} (Sheet1!E4), with different "
            "answers; keep one of them (a --keep-partial import leaves both out)",
            "{a}: Sheet1!E4: respondent 'claire-martin' also answered in {a} (Sheet1!E2), with different "
            "answers; keep one of them (a --keep-partial import leaves both out)",
        ),
        tool="forms",
        mapping="pulse-client-en.mapping.toml",
    ),
}

SUPPLIER = "pulse-supplier-en.mapping.toml"
EXPORTS = {
    "google-unmatched-column": Case(
        ("google-unmatched-column.csv",),
        (
            '{a}: column E: the column "Département" matches no question and holds 3 values that would be '
            "lost: map it in the mapping file, or list its heading under ignore",
        ),
        tool="google",
    ),
    "google-bad-answer": Case(
        ("google-bad-answer.csv",),
        ('{a}: row 3, column I: p04: "Peut-être" is not an answer on this scale: ' + ACCEPTED,),
        tool="google",
    ),
    "google-no-side": Case(
        ("google-no-side.csv",),
        (
            "{a}: no side: give --side client or --side supplier, or use a form mapping with a side "
            "(or a side question)",
        ),
        tool="google",
    ),
    "google-bad-side": Case(
        ("google-bad-side.csv",),
        (
            '{a}: row 4, column E: the side is "Les deux": it must be client or supplier; '
            "this response is not read",
        ),
        tool="google",
    ),
    "google-same-question-twice": Case(
        ("google-same-question-twice.csv",),
        (
            "{a}: column Q: two columns are question p01 (column F and column Q): "
            "remove one, or map them apart",
        ),
        tool="google",
    ),
    "limesurvey-cp1252": Case(
        ("limesurvey-cp1252.csv",),
        (
            "{a}:4: the text is not valid UTF-8 (byte 492); give the encoding it was saved in with "
            "--encoding (for example --encoding cp1252 for Excel on Windows in Western Europe)",
        ),
        tool="limesurvey",
        mapping=SUPPLIER,
    ),
    "google-unknown-encoding": Case(
        ("google-pulse-fr.csv",),
        (
            "{a}: 'klingon' is not a character set a file is saved in; give one such as utf-8, cp1252, "
            "latin-1 or utf-16",
        ),
        tool="google",
        options=(("encoding", "klingon"),),
    ),
    "limesurvey-utf16-no-bom": Case(
        ("limesurvey-utf16-no-bom.csv",),
        (
            "{a}: the text holds NUL bytes in every second place: it is UTF-16 without a byte-order "
            "mark (then give --encoding utf-16-le)",
        ),
        tool="limesurvey",
        mapping=SUPPLIER,
    ),
    "limesurvey-ragged": Case(
        ("limesurvey-ragged.csv",),
        (
            "{a}: row 3: 15 fields but the heading line has 18: a separator or a quote is out of place; "
            "nothing of this row is read",
        ),
        tool="limesurvey",
        mapping=SUPPLIER,
    ),
    "mapping-unknown-question": Case(
        ("limesurvey-pulse-codes.csv",),
        ("{m}:150: questions[id=p99].id: unknown question 'p99' (did you mean 'p09'?)",),
        tool="limesurvey",
        mapping="mapping-unknown-question.toml",
    ),
}


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The catalogue's workbooks, made by the tools script as a person would run it."""
    folder = tmp_path_factory.mktemp("catalogue")
    script = ROOT / "tools" / "make_collect_samples.py"
    subprocess.run([sys.executable, str(script), str(folder)], check=True, capture_output=True)
    return folder


def _read(case: Case, paths: list[Path], pulse: vm.Questionnaire) -> vm.Collected:
    mapping = vm.load_form_mapping(DATA / case.mapping, pulse) if case.mapping else None
    if case.tool == "workbook":
        return vm.read_workbooks(pulse, paths)
    options = dict(case.options)
    return vm.read_survey_export(
        pulse,
        paths,
        tool=case.tool,
        mapping=mapping,
        relationship="acme-hosting",
        encoding=options.get("encoding"),
        side=options.get("side"),
    )


def _problems(case: Case, paths: list[Path], pulse: vm.Questionnaire) -> list[str]:
    with pytest.raises(vm.ResponseError) as raised:
        _read(case, paths, pulse)
    return [str(problem) for problem in raised.value.problems]


def _expected(case: Case, paths: list[Path]) -> list[str]:
    names = {"a": str(paths[0]), "b": str(paths[-1]), "m": str(DATA / (case.mapping or ""))}
    return [line.format(**names) for line in case.expected]


@pytest.mark.parametrize("name", sorted(WORKBOOKS))
def test_a_damaged_workbook_is_reported_at_its_cell(name: str, built: Path, pulse: vm.Questionnaire) -> None:
    """Each damaged workbook raises exactly its problems, located by file, sheet and cell."""
    case = WORKBOOKS[name]
    paths = [built / f"{file}.xlsx" for file in case.files]
    assert _expected(case, paths) == _problems(case, paths, pulse)


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_a_damaged_survey_export_is_reported_at_its_row(name: str, pulse: vm.Questionnaire) -> None:
    """Each damaged export raises exactly its problems, located by file, row and column."""
    case = EXPORTS[name]
    paths = [DATA / file for file in case.files]
    assert _expected(case, paths) == _problems(case, paths, pulse)


def test_the_catalogue_is_large_enough() -> None:
    """At least fifteen damaged inputs, workbooks and survey exports together."""
    assert len(WORKBOOKS) + len(EXPORTS) >= 15


def test_the_error_says_nothing_was_imported(built: Path, pulse: vm.Questionnaire) -> None:
    """The error's first line counts the problems and says how to keep the valid answers."""
    with pytest.raises(vm.ResponseError) as raised:
        vm.read_workbooks(pulse, [built / "off-scale.xlsx", built / "no-role.xlsx"])
    assert f"4 problems {SUMMARY}" == str(raised.value).splitlines()[0]
