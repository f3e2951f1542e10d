"""Commands that collect answers.

``new`` (a file to fill in an editor), ``fill`` (in the terminal), ``export`` (a workbook to
send, or a survey form's mapping) and ``import`` (workbooks and survey exports back).
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

import vendormaturity as vm
from vendormaturity.cli._app import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    Lang,
    LangOption,
    QuestionnaireArgument,
    QuestionnaireOption,
    RespondentSide,
    RoleChoice,
    app,
    console,
    fail,
    invalid_input,
    load_questionnaire,
    parse_date,
    write,
)

__all__ = ["export", "fill", "import_", "new"]


@app.command(
    help=(
        "Write an empty response file to fill in an editor: every question and fact as a "
        "commented line with its text and scale, and one client and one supplier respondent."
    ),
    epilog="Example: vendormaturity new pulse --relationship acme-hosting --out acme/2025-06-30.toml",
)
def new(
    questionnaire: QuestionnaireArgument,
    *,
    relationship: Annotated[str, typer.Option("--relationship", "-r", help="Name of the relationship.")],
    out: Annotated[
        Path, typer.Option("--out", "-o", metavar="FILE", help="The response file to create (TOML).")
    ],
    client: Annotated[str, typer.Option(help="Name of the client organisation.")] = "Client",
    supplier: Annotated[str, typer.Option(help="Name of the supplier organisation.")] = "Supplier",
    date: Annotated[
        str | None, typer.Option(help="Date of the assessment, YYYY-MM-DD (default: today).")
    ] = None,
    lang: LangOption = Lang.EN,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
) -> None:
    """The ``new`` command."""
    from vendormaturity.render.template import response_template

    q = load_questionnaire(questionnaire)
    when = parse_date(date)
    if out.exists() and not force:
        fail(f"{out} exists; use --force to overwrite it", EXIT_FAILED)
    text = response_template(
        q,
        relationship=relationship,
        client=client,
        supplier=supplier,
        date=when,
        lang=lang.value,
        file_name=str(out),
        questionnaire_ref=q.id if questionnaire in vm.bundled_questionnaires() else questionnaire,
    )
    write(out, text)
    typer.echo(
        f"Wrote {out}: {len(q.questions)} questions, {len(q.facts)} facts. "
        f"Fill it in, then run: vendormaturity validate {out}"
    )


def _read_line() -> str:
    return input()


@app.command(
    help=(
        "Ask one respondent the questions of their side in the terminal, saving the file "
        "after every answer; with --facts, ask the facts too (the workbook's facts sheet: for "
        "whoever owns the operational figures), or only the facts when no respondent is given.\n\n"
        "Questions whose condition does not hold are not asked; a scale's codes (such as "
        "dk) mean don't know; b goes back, s skips, q stops. Run the same command again to "
        "resume: answered questions are not asked again. Ctrl-C loses nothing (exit 130). "
        "A new FILE takes --relationship, --client, --supplier and --date; an existing one "
        "keeps its own and gains or updates the respondent."
    ),
    epilog=(
        'Example: vendormaturity fill pulse --side client --respondent "Claire Martin" '
        "--out acme/2025-06-30.toml"
    ),
)
def fill(
    questionnaire: QuestionnaireArgument,
    *,
    out: Annotated[
        Path, typer.Option("--out", "-o", metavar="FILE", help="The response file to create or complete.")
    ],
    side: Annotated[RespondentSide | None, typer.Option(help="The respondent's side.")] = None,
    respondent: Annotated[
        str | None, typer.Option(help="The respondent's id or name (a name becomes an id).")
    ] = None,
    facts: Annotated[
        bool, typer.Option("--facts", help="Ask the relationship's facts (after the respondent's questions).")
    ] = False,
    lang: LangOption = Lang.EN,
    role: Annotated[RoleChoice, typer.Option(help="The respondent's role.")] = RoleChoice.OPERATIONAL,
    relationship: Annotated[
        str | None, typer.Option(help="Relationship name for a new file (default: FILE's name).")
    ] = None,
    client: Annotated[str, typer.Option(help="Client name for a new file.")] = "Client",
    supplier: Annotated[str, typer.Option(help="Supplier name for a new file.")] = "Supplier",
    date: Annotated[
        str | None, typer.Option(help="Date for a new file, YYYY-MM-DD (default: today).")
    ] = None,
) -> None:
    """The ``fill`` command."""
    from vendormaturity.cli._prompt import FactsSession, FillSession, respondent_id

    if (side is None) != (respondent is None):
        missing = "--respondent" if respondent is None else "--side"
        raise typer.BadParameter(
            "give both --side and --respondent, or neither (with --facts)", param_hint=missing
        )
    if side is None and not facts:
        raise typer.BadParameter(
            "give --side and --respondent (or --facts to ask the facts)", param_hint="--side"
        )
    q = load_questionnaire(questionnaire)
    person: vm.Respondent | None = None
    if side is not None and respondent is not None:
        person_id = respondent_id(respondent)
        with invalid_input():
            person = vm.Respondent(
                id=person_id,
                side=vm.Side(side.value),
                role=vm.Role(role.value),
                name=respondent if respondent != person_id else None,
            )
    if out.exists():
        with invalid_input():
            responses = vm.load_responses(out, q)
        if person is not None:
            existing = next((r for r in responses.respondents if r.id == person.id), None)
            if existing is not None and existing.side is not person.side:
                sides = f"the {existing.side.value} side, not {person.side.value}"
                fail(f"{out}: respondent '{person.id}' is on {sides}")
            person = existing or person
    elif person is None:
        fail(
            f"{out} does not exist, and a response file needs a respondent: give --side and "
            "--respondent to answer the questions first, then the facts"
        )
    else:
        responses = vm.ResponseSet(
            questionnaire=q.id if questionnaire in vm.bundled_questionnaires() else questionnaire,
            questionnaire_version=q.version,
            relationship=relationship or out.stem,
            client=client,
            supplier=supplier,
            date=parse_date(date),
            respondents=[person],
        )
    try:
        if person is not None:
            session = FillSession(
                q,
                responses=responses,
                respondent=person,
                out=out,
                lang=lang.value,
                console=console(),
                read=_read_line,
            )
            session.save()
            if not session.run():
                typer.echo(f"Stopped: answers saved in {out}; run the same command to resume.")
                return
            responses = session.responses
        if facts:
            asking = FactsSession(
                q, responses=responses, out=out, lang=lang.value, console=console(), read=_read_line
            )
            if not asking.run():
                typer.echo(f"Stopped: facts saved in {out}; run the same command to resume.")
    except (KeyboardInterrupt, EOFError):
        typer.echo("", err=False)
        typer.echo(f"Interrupted: answers saved in {out}; run the same command to resume.", err=True)
        raise typer.Exit(EXIT_INTERRUPTED) from None


class Tool(enum.StrEnum):
    WORKBOOK = "workbook"
    FORMS = "forms"
    GOOGLE = "google"
    LIMESURVEY = "limesurvey"


_LANGUAGE_NAMES = {"en": "English", "fr": "French"}


@app.command(
    help=(
        "Write an Excel workbook for one respondent: instructions, the questions of their side "
        "grouped by dimension with a drop-down of answers and a comment cell, their name and "
        "role, and a facts sheet. Send one to each respondent and read them back with import.\n\n"
        "--form-mapping FILE also (or only) writes the mapping of a form built in Microsoft "
        "Forms, Google Forms or LimeSurvey: the titles, codes and options to give its questions. "
        "Without --side, the mapping is for one form for both sides, which asks the side."
    ),
    epilog=(
        "Example: vendormaturity export pulse --side client --lang fr --relationship acme-hosting "
        "--client ACME --supplier HostCo --out acme-client.xlsx"
    ),
)
def export(
    questionnaire: QuestionnaireArgument,
    *,
    side: Annotated[
        RespondentSide | None, typer.Option(help="The respondent's side (needed for a workbook).")
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", metavar="FILE", help="The workbook to write (.xlsx).")
    ] = None,
    form_mapping: Annotated[
        Path | None, typer.Option("--form-mapping", help="Also write the mapping of a survey form (TOML).")
    ] = None,
    lang: LangOption = Lang.EN,
    relationship: Annotated[
        str | None, typer.Option(help="Name of the relationship, read back on import.")
    ] = None,
    client: Annotated[str | None, typer.Option(help="Name of the client organisation.")] = None,
    supplier: Annotated[str | None, typer.Option(help="Name of the supplier organisation.")] = None,
    date: Annotated[str | None, typer.Option(help="Date of the assessment, YYYY-MM-DD.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite files that exist.")] = False,
) -> None:
    """The ``export`` command."""
    if out is None and form_mapping is None:
        raise typer.BadParameter(
            "give --out FILE.xlsx, --form-mapping FILE.toml, or both", param_hint="--out"
        )
    if out is not None and side is None:
        raise typer.BadParameter(
            "a workbook is for one side: give --side client or --side supplier", param_hint="--side"
        )
    q = load_questionnaire(questionnaire)
    when = parse_date(date) if date is not None else None
    for target in (out, form_mapping):
        if target is not None and target.exists() and not force:
            fail(f"{target} exists; use --force to overwrite it", EXIT_FAILED)
    chosen = vm.Side(side.value) if side is not None else None
    if out is not None and chosen is not None:
        from vendormaturity.sources.workbook import side_questions

        data = _excel(
            lambda: vm.export_workbook(
                q,
                side=chosen,
                lang=lang.value,
                relationship=relationship,
                client=client,
                supplier=supplier,
                date=when,
            )
        )
        write(out, data)
        asked = len(side_questions(q, chosen))
        typer.echo(
            f"Wrote {out}: {asked} questions for the {chosen.value} side and {len(q.facts)} facts, "
            f"in {_LANGUAGE_NAMES.get(lang.value, lang.value)}. Send it to a respondent; read the answers "
            "back with: vendormaturity import FILE.xlsx... --out responses.toml"
        )
    if form_mapping is not None:
        with invalid_input():
            text = vm.form_mapping(
                q,
                lang=lang.value,
                side=chosen,
                relationship=relationship,
                client=client,
                supplier=supplier,
                date=when,
            )
        write(form_mapping, text)
        typer.echo(
            f"Wrote {form_mapping}: build the form from it, then read its export with: vendormaturity import "
            f"EXPORT --tool forms|google|limesurvey --mapping {form_mapping} --out responses.toml"
        )


def _excel(make: Callable[[], bytes]) -> bytes:
    """Run *make*, which needs the excel extra; say how to install it when it is missing."""
    try:
        with invalid_input():
            return make()
    except ModuleNotFoundError as error:
        if error.name != "openpyxl":
            raise
        fail("workbooks need openpyxl: pip install 'vendormaturity[excel]'")


@app.command(
    name="import",
    help=(
        "Read the answers of several respondents into one response file: workbooks made by "
        "export (both sides, any language), or the response exports of Microsoft Forms (.xlsx), "
        "Google Forms (.csv from Sheets) or LimeSurvey (.csv) with --tool.\n\n"
        "Every problem is reported with its file and cell (Réponses!D14) or row and column, and "
        "nothing is written unless --keep-partial asks to keep the valid answers (what is left "
        "out is listed, and noted in the file). Survey columns are matched by a --mapping written "
        "by export --form-mapping, or by the question texts in any language."
    ),
    epilog="Example: vendormaturity import answers/*.xlsx --out acme-hosting/2026-09-15.toml",
)
def import_(
    files: Annotated[list[Path], typer.Argument(metavar="FILE...", help="Workbooks or survey exports.")],
    *,
    out: Annotated[
        Path, typer.Option("--out", "-o", metavar="FILE", help="The response file to write (TOML).")
    ],
    tool: Annotated[
        Tool, typer.Option(help="What the files are: workbooks, or a survey tool's exports.")
    ] = Tool.WORKBOOK,
    mapping: Annotated[
        Path | None, typer.Option(help="The form mapping written by export --form-mapping.")
    ] = None,
    side: Annotated[
        RespondentSide | None, typer.Option(help="The side of every response of a survey export.")
    ] = None,
    encoding: Annotated[
        str | None, typer.Option(help="Encoding of a CSV export that is not UTF-8 or UTF-16 (e.g. cp1252).")
    ] = None,
    delimiter: Annotated[
        str | None, typer.Option(help="Field separator of a CSV export, when the heading line does not tell.")
    ] = None,
    keep_partial: Annotated[
        bool, typer.Option("--keep-partial", help="Write the valid answers even when some could not be read.")
    ] = False,
    questionnaire: QuestionnaireOption = None,
    relationship: Annotated[
        str | None, typer.Option(help="Name of the relationship (default: from the files).")
    ] = None,
    client: Annotated[str | None, typer.Option(help="Name of the client organisation.")] = None,
    supplier: Annotated[str | None, typer.Option(help="Name of the supplier organisation.")] = None,
    date: Annotated[
        str | None, typer.Option(help="Date of the assessment, YYYY-MM-DD (default: today).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
) -> None:
    """The ``import`` command."""
    from vendormaturity.sources.collected import dump_collected

    if out.exists() and not force:
        fail(f"{out} exists; use --force to overwrite it", EXIT_FAILED)
    if delimiter is not None and delimiter not in (",", ";", "\t", "tab"):
        raise typer.BadParameter("a comma, a semicolon or tab", param_hint="--delimiter")
    q = load_questionnaire(_questionnaire_of(questionnaire, files, mapping, tool))
    when = parse_date(date) if date is not None else None

    def read() -> vm.Collected:
        if tool is Tool.WORKBOOK:
            return vm.read_workbooks(
                q,
                files,
                keep_partial=keep_partial,
                relationship=relationship,
                client=client,
                supplier=supplier,
                date=when,
            )
        form = vm.load_form_mapping(mapping, q) if mapping is not None else None
        return vm.read_survey_export(
            q,
            files,
            tool=tool.value,
            mapping=form,
            side=side.value if side is not None else None,
            encoding=encoding,
            delimiter="\t" if delimiter == "tab" else delimiter,
            keep_partial=keep_partial,
            relationship=relationship,
            client=client,
            supplier=supplier,
            date=when,
        )

    collected: vm.Collected | None = None

    def run() -> bytes:
        nonlocal collected
        collected = read()
        return b""

    _excel(run)
    assert collected is not None
    write(out, dump_collected(collected))
    people = collected.responses.respondents
    sides = Counter(person.side.value for person in people)
    typer.echo(
        f"Wrote {out}: {len(people)} respondent{'s' if len(people) != 1 else ''} "
        f"({sides['client']} client, {sides['supplier']} supplier) "
        f"and {len(collected.responses.facts)} facts "
        f"from {len(files)} file{'s' if len(files) != 1 else ''}. Check it with: vendormaturity assess {out}"
    )
    for note in collected.notes:
        typer.echo(f"note: {note}")
    if collected.left_out:
        typer.echo(f"Left out (--keep-partial), {len(collected.left_out)} problems:", err=True)
        for problem in collected.left_out:
            typer.echo(f"  {problem}", err=True)


def _questionnaire_of(given: str | None, files: list[Path], mapping: Path | None, tool: Tool) -> str:
    """The questionnaire to read with: --questionnaire, else the one the mapping or a workbook names."""
    if given is not None:
        return given
    from vendormaturity.sources.formmapping import mapping_questionnaire
    from vendormaturity.sources.workbook import workbook_questionnaire

    named = mapping_questionnaire(mapping) if mapping is not None else None
    workbooks = [path for path in files if path.suffix.lower() == ".xlsx"]
    if named is None and workbooks:
        named = _excel_name(lambda: next(filter(None, map(workbook_questionnaire, workbooks)), None))
    if named is None:
        what = "workbooks" if tool is Tool.WORKBOOK else "files"
        fail(f"the {what} name no questionnaire vendormaturity can read: give --questionnaire ID or FILE")
    if named not in vm.bundled_questionnaires():
        fail(f"the files name questionnaire '{named}', which is not bundled: give --questionnaire FILE")
    return named


def _excel_name(find: Callable[[], str | None]) -> str | None:
    try:
        return find()
    except ModuleNotFoundError as error:
        if error.name != "openpyxl":
            raise
        fail("workbooks need openpyxl: pip install 'vendormaturity[excel]'")
