"""Commands that collect answers.

``new`` (a file to fill in an editor), ``fill`` (in the terminal), ``export`` (a workbook to
send, or a survey form's mapping) and ``import`` (workbooks and survey exports back).
"""

from __future__ import annotations

import datetime
import enum
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer

import vendormaturity as vm
from vendormaturity.cli._app import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    AcceptDatesOption,
    Lang,
    LangOption,
    QuestionnaireArgument,
    QuestionnaireOption,
    RespondentSide,
    RoleChoice,
    app,
    console,
    env_language,
    fail,
    invalid_input,
    load_questionnaire,
    parse_date,
    write,
)
from vendormaturity.cli._texts import counted, text

T = TypeVar("T")

__all__ = ["export", "fill", "import_", "new"]


@app.command(help="new.help", epilog="new.epilog")
def new(
    questionnaire: QuestionnaireArgument,
    *,
    relationship: Annotated[str, typer.Option("--relationship", "-r", help="new.relationship")],
    out: Annotated[Path, typer.Option("--out", "-o", metavar="FILE", help="new.out")],
    client: Annotated[str, typer.Option(help="opt.client")] = "Client",
    supplier: Annotated[str, typer.Option(help="opt.supplier")] = "Supplier",
    date: Annotated[str | None, typer.Option(help="opt.date_today")] = None,
    lang: LangOption = Lang.EN,
    force: Annotated[bool, typer.Option("--force", help="opt.force_file")] = False,
    accept_dates: AcceptDatesOption = False,
) -> None:
    """The ``new`` command."""
    from vendormaturity.render.template import response_template

    language = lang.value
    q = load_questionnaire(questionnaire, language)
    when = parse_date(date, language, accept=accept_dates)
    if out.exists() and not force:
        fail(text("exists", language, path=out), EXIT_FAILED, lang=language)
    template = response_template(
        q,
        relationship=relationship,
        client=client,
        supplier=supplier,
        date=when,
        lang=language,
        file_name=str(out),
        questionnaire_ref=q.id if questionnaire in vm.bundled_questionnaires() else questionnaire,
    )
    write(out, template, lang=language)
    typer.echo(
        counted("new.wrote", len(q.facts), language, path=out, questions=len(q.questions), facts=len(q.facts))
    )


def _read_line() -> str:
    return input()


@app.command(help="fill.help", epilog="fill.epilog")
def fill(
    questionnaire: QuestionnaireArgument,
    *,
    out: Annotated[Path, typer.Option("--out", "-o", metavar="FILE", help="fill.out")],
    side: Annotated[RespondentSide | None, typer.Option(help="fill.side")] = None,
    respondent: Annotated[str | None, typer.Option(help="fill.respondent")] = None,
    facts: Annotated[bool, typer.Option("--facts", help="fill.facts")] = False,
    lang: LangOption = Lang.EN,
    role: Annotated[RoleChoice, typer.Option(help="fill.role")] = RoleChoice.OPERATIONAL,
    relationship: Annotated[str | None, typer.Option(help="fill.relationship")] = None,
    client: Annotated[str, typer.Option(help="fill.client")] = "Client",
    supplier: Annotated[str, typer.Option(help="fill.supplier")] = "Supplier",
    date: Annotated[str | None, typer.Option(help="fill.date")] = None,
    accept_dates: AcceptDatesOption = False,
) -> None:
    """The ``fill`` command."""
    language = lang.value
    if (side is None) != (respondent is None):
        missing = "--respondent" if respondent is None else "--side"
        raise typer.BadParameter(text("fill.both_or_neither", language), param_hint=missing)
    if side is None and not facts:
        raise typer.BadParameter(text("fill.side_needed", language), param_hint="--side")
    q = load_questionnaire(questionnaire, language)
    person = _person(side, respondent, role, language)
    if out.exists():
        responses, person = _existing(q, out, person, language)
    elif person is None:
        fail(text("fill.needs_respondent", language, path=out), lang=language)
    else:
        responses = vm.ResponseSet(
            questionnaire=q.id if questionnaire in vm.bundled_questionnaires() else questionnaire,
            questionnaire_version=q.version,
            relationship=relationship or out.stem,
            client=client,
            supplier=supplier,
            date=parse_date(date, language, accept=accept_dates),
            respondents=[person],
        )
    try:
        _converse(q, responses, person, out=out, facts=facts, language=language)
    except (KeyboardInterrupt, EOFError):
        typer.echo("", err=False)
        typer.echo(text("fill.interrupted", language, path=out), err=True)
        raise typer.Exit(EXIT_INTERRUPTED) from None


def _person(
    side: RespondentSide | None, respondent: str | None, role: RoleChoice, language: str
) -> vm.Respondent | None:
    """The respondent named on the command line, if one is."""
    from vendormaturity.cli._prompt import respondent_id

    if side is None or respondent is None:
        return None
    person_id = respondent_id(respondent, language)
    with invalid_input(language):
        return vm.Respondent(
            id=person_id,
            side=vm.Side(side.value),
            role=vm.Role(role.value),
            name=respondent if respondent != person_id else None,
        )


def _existing(
    q: vm.Questionnaire, out: Path, person: vm.Respondent | None, language: str
) -> tuple[vm.ResponseSet, vm.Respondent | None]:
    """The response file to complete, and the respondent as it already stands in it."""
    with invalid_input(language):
        responses = vm.load_responses(out, q)
    if person is None:
        return responses, None
    existing = next((r for r in responses.respondents if r.id == person.id), None)
    if existing is not None and existing.side is not person.side:
        message = text(
            "fill.other_side",
            language,
            path=out,
            id=person.id,
            existing=text(f"side.{existing.side.value}", language),
            given=text(f"side.{person.side.value}", language),
        )
        fail(message, lang=language)
    return responses, existing or person


def _converse(
    q: vm.Questionnaire,
    responses: vm.ResponseSet,
    person: vm.Respondent | None,
    *,
    out: Path,
    facts: bool,
    language: str,
) -> None:
    """The respondent's questions, then the facts when asked, each saved as it is answered."""
    from vendormaturity.cli._prompt import FactsSession, FillSession

    if person is not None:
        session = FillSession(
            q,
            responses=responses,
            respondent=person,
            out=out,
            lang=language,
            console=console(),
            read=_read_line,
        )
        session.save()
        if not session.run():
            typer.echo(text("fill.stopped", language, path=out))
            return
        responses = session.responses
    if facts:
        asking = FactsSession(
            q, responses=responses, out=out, lang=language, console=console(), read=_read_line
        )
        if not asking.run():
            typer.echo(text("fill.stopped_facts", language, path=out))


class Tool(enum.StrEnum):
    WORKBOOK = "workbook"
    FORMS = "forms"
    GOOGLE = "google"
    LIMESURVEY = "limesurvey"
    QUALTRICS = "qualtrics"
    SURVEYMONKEY = "surveymonkey"
    TYPEFORM = "typeform"


@app.command(help="export.help", epilog="export.epilog")
def export(
    questionnaire: QuestionnaireArgument,
    *,
    side: Annotated[RespondentSide | None, typer.Option(help="export.side")] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", metavar="FILE", help="export.out")] = None,
    form_mapping: Annotated[Path | None, typer.Option("--form-mapping", help="export.form_mapping")] = None,
    lang: LangOption = Lang.EN,
    relationship: Annotated[str | None, typer.Option(help="export.relationship")] = None,
    client: Annotated[str | None, typer.Option(help="opt.client")] = None,
    supplier: Annotated[str | None, typer.Option(help="opt.supplier")] = None,
    date: Annotated[str | None, typer.Option(help="export.date")] = None,
    force: Annotated[bool, typer.Option("--force", help="export.force")] = False,
    accept_dates: AcceptDatesOption = False,
) -> None:
    """The ``export`` command."""
    language = lang.value
    if out is None and form_mapping is None:
        raise typer.BadParameter(text("export.nothing", language), param_hint="--out")
    if out is not None and side is None:
        raise typer.BadParameter(text("export.side_needed", language), param_hint="--side")
    q = load_questionnaire(questionnaire, language)
    when = parse_date(date, language, accept=accept_dates) if date is not None else None
    for target in (out, form_mapping):
        if target is not None and target.exists() and not force:
            fail(text("exists", language, path=target), EXIT_FAILED, lang=language)
    chosen = vm.Side(side.value) if side is not None else None
    if out is not None and chosen is not None:
        _export_workbook(
            q, chosen, out, language, relationship=relationship, client=client, supplier=supplier, date=when
        )
    if form_mapping is not None:
        with invalid_input(language):
            mapping_text = vm.form_mapping(
                q,
                lang=language,
                side=chosen,
                relationship=relationship,
                client=client,
                supplier=supplier,
                date=when,
            )
        write(form_mapping, mapping_text, lang=language)
        typer.echo(text("export.wrote_mapping", language, path=form_mapping))


def _export_workbook(
    q: vm.Questionnaire,
    chosen: vm.Side,
    out: Path,
    language: str,
    *,
    relationship: str | None,
    client: str | None,
    supplier: str | None,
    date: datetime.date | None,
) -> None:
    """Write one respondent's workbook and say what it holds."""
    from vendormaturity.sources.workbook import side_questions

    data = _excel(
        lambda: vm.export_workbook(
            q,
            side=chosen,
            lang=language,
            relationship=relationship,
            client=client,
            supplier=supplier,
            date=date,
        ),
        language,
    )
    write(out, data, lang=language)
    typer.echo(
        counted(
            "export.wrote_workbook",
            len(q.facts),
            language,
            path=out,
            questions=len(side_questions(q, chosen)),
            side=text(f"side.{chosen.value}", language),
            facts=len(q.facts),
            language=text(f"language.{language}", language),
        )
    )


def _excel(make: Callable[[], T], lang: str) -> T:
    """Run *make*, which needs the excel extra; say how to install it when it is missing."""
    try:
        with invalid_input(lang):
            return make()
    except ModuleNotFoundError as error:
        if error.name != "openpyxl":
            raise
        fail(text("no_openpyxl", lang), lang=lang)


@app.command(name="import", help="import.help", epilog="import.epilog")
def import_(
    files: Annotated[list[Path], typer.Argument(metavar="FILE...", help="import.files")],
    *,
    out: Annotated[Path, typer.Option("--out", "-o", metavar="FILE", help="import.out")],
    tool: Annotated[Tool | None, typer.Option(help="import.tool")] = None,
    mapping: Annotated[Path | None, typer.Option(help="import.mapping")] = None,
    side: Annotated[RespondentSide | None, typer.Option(help="import.side")] = None,
    encoding: Annotated[str | None, typer.Option(help="import.encoding")] = None,
    delimiter: Annotated[str | None, typer.Option(help="import.delimiter")] = None,
    keep_partial: Annotated[bool, typer.Option("--keep-partial", help="import.keep_partial")] = False,
    questionnaire: QuestionnaireOption = None,
    relationship: Annotated[str | None, typer.Option(help="import.relationship")] = None,
    client: Annotated[str | None, typer.Option(help="opt.client")] = None,
    supplier: Annotated[str | None, typer.Option(help="opt.supplier")] = None,
    date: Annotated[str | None, typer.Option(help="opt.date_today")] = None,
    force: Annotated[bool, typer.Option("--force", help="opt.force_file")] = False,
    accept_dates: AcceptDatesOption = False,
) -> None:
    """The ``import`` command."""
    language = env_language()
    if out.exists() and not force:
        fail(text("exists", language, path=out), EXIT_FAILED, lang=language)
    if delimiter is not None and delimiter not in (",", ";", "\t", "tab"):
        raise typer.BadParameter(text("import.bad_delimiter", language), param_hint="--delimiter")
    q = load_questionnaire(_questionnaire_of(questionnaire, files, mapping, tool, language), language)
    when = parse_date(date, language, accept=accept_dates) if date is not None else None
    if tool is Tool.WORKBOOK or (tool is None and mapping is None and _all_workbooks(files, language)):
        collected = _excel(
            lambda: vm.read_workbooks(
                q,
                files,
                keep_partial=keep_partial,
                relationship=relationship,
                client=client,
                supplier=supplier,
                date=when,
                accept_dates=accept_dates,
            ),
            language,
        )
    else:
        form = _excel(lambda: vm.load_form_mapping(mapping, q), language) if mapping is not None else None
        collected = _excel(
            lambda: vm.read_survey_export(
                q,
                files,
                tool=tool.value if tool is not None else None,
                mapping=form,
                side=side.value if side is not None else None,
                encoding=encoding,
                delimiter="\t" if delimiter == "tab" else delimiter,
                keep_partial=keep_partial,
                relationship=relationship,
                client=client,
                supplier=supplier,
                date=when,
                accept_dates=accept_dates,
            ),
            language,
        )
    _report_import(collected, out, files, language)


def _report_import(collected: vm.Collected, out: Path, files: list[Path], language: str) -> None:
    """Write the response file, then say what it holds, what was noted and what was left out."""
    from vendormaturity.sources.collected import dump_collected

    write(out, dump_collected(collected), lang=language)
    people = collected.responses.respondents
    sides = Counter(person.side.value for person in people)
    facts = len(collected.responses.facts)
    typer.echo(
        counted(
            "import.wrote",
            facts,
            language,
            path=out,
            respondents=counted("import.respondents", len(people), language),
            client=sides["client"],
            supplier=sides["supplier"],
            facts=facts,
            files=counted("import.files_read", len(files), language),
        )
    )
    for note in collected.notes:
        typer.echo(text("note", language, message=note))
    if collected.left_out:
        typer.echo(counted("import.left_out", len(collected.left_out), language), err=True)
        for problem in collected.left_out:
            typer.echo(f"  {problem}", err=True)


def _all_workbooks(files: list[Path], lang: str) -> bool:
    """Whether every file is a workbook exported by vendormaturity (read as workbooks, not exports)."""
    from vendormaturity.sources.workbook import workbook_questionnaire

    def named(path: Path) -> str | None:
        return _excel(lambda: workbook_questionnaire(path), lang)

    return all(path.suffix.lower() == ".xlsx" and named(path) is not None for path in files)


def _questionnaire_of(
    given: str | None, files: list[Path], mapping: Path | None, tool: Tool | None, lang: str
) -> str:
    """The questionnaire to read with: --questionnaire, else the one the mapping or a workbook names."""
    if given is not None:
        return given
    from vendormaturity.sources.formmapping import mapping_questionnaire
    from vendormaturity.sources.workbook import workbook_questionnaire

    named = mapping_questionnaire(mapping) if mapping is not None else None
    workbooks = [path for path in files if path.suffix.lower() == ".xlsx"]
    if named is None and workbooks:
        named = _excel(lambda: next(filter(None, map(workbook_questionnaire, workbooks)), None), lang)
    if named is None:
        only_xlsx = all(path.suffix.lower() == ".xlsx" for path in files)
        what = "workbooks" if tool is Tool.WORKBOOK or (tool is None and only_xlsx) else "files"
        fail(text(f"import.no_questionnaire_{what}", lang), lang=lang)
    if named not in vm.bundled_questionnaires():
        fail(text("import.not_bundled", lang, name=named), lang=lang)
    return named
