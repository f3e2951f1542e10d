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
    LangOption,
    QuestionnaireArgument,
    QuestionnaireOption,
    RespondentSide,
    RoleChoice,
    app,
    console,
    env_language,
    error_text,
    fail,
    invalid_input,
    language_name,
    load_questionnaire,
    parse_date,
    side_word,
    write,
)
from vendormaturity.i18n import N_, ntr, tr

T = TypeVar("T")

__all__ = ["export", "fill", "import_", "new"]


PreviousOption = Annotated[
    Path | None,
    typer.Option(
        "--from",
        metavar="PATH",
        help=N_(
            "The previous round: a response file or the relationship's folder. Its standing facts "
            "(segment, contract dates…) carry over. Default: the earlier rounds in FILE's folder."
        ),
    ),
]


@app.command(
    help=N_(
        "Write an empty response file to fill in an editor: every question and "
        "fact as a commented line with its text and scale, and one client and "
        "one supplier respondent."
    ),
    epilog=N_("Example: vendormaturity new pulse --relationship acme-hosting --out acme/2025-06-30.toml"),
)
def new(
    questionnaire: QuestionnaireArgument,
    *,
    relationship: Annotated[str, typer.Option("--relationship", "-r", help=N_("Name of the relationship."))],
    out: Annotated[
        Path, typer.Option("--out", "-o", metavar="FILE", help=N_("The response file to create (TOML)."))
    ],
    client: Annotated[str, typer.Option(help=N_("Name of the client organisation."))] = "Client",
    supplier: Annotated[str, typer.Option(help=N_("Name of the supplier organisation."))] = "Supplier",
    date: Annotated[
        str | None, typer.Option(help=N_("Date of the assessment, YYYY-MM-DD (default: today)."))
    ] = None,
    lang: LangOption = "en",
    force: Annotated[bool, typer.Option("--force", help=N_("Overwrite FILE if it exists."))] = False,
    accept_dates: AcceptDatesOption = False,
) -> None:
    """The ``new`` command."""
    from vendormaturity.render.template import response_template

    language = lang
    q = load_questionnaire(questionnaire, language)
    when = parse_date(date, language, accept=accept_dates)
    if out.exists() and not force:
        fail(tr("{path} exists; use --force to overwrite it", language, path=out), EXIT_FAILED, lang=language)
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
        ntr(
            "Wrote {path}: {questions} questions, {facts} facts. Fill it in, then "
            "run: vendormaturity validate {path}",
            "Wrote {path}: {questions} questions, {facts} facts. Fill it in, then "
            "run: vendormaturity validate {path}",
            len(q.facts),
            language,
            path=out,
            questions=len(q.questions),
            facts=len(q.facts),
        )
    )


def _read_line() -> str:
    return input()


@app.command(
    help=N_(
        "Ask one respondent the questions of their side in the terminal, "
        "saving the file after every answer; with --facts, ask the facts too "
        "(the workbook's facts sheet: for whoever owns the operational "
        "figures), or only the facts when no respondent is given.\n\nQuestions "
        "whose condition does not hold are not asked; a scale's codes (such as "
        "dk) mean don't know; b goes back, s skips, q stops. Run the same "
        "command again to resume: answered questions are not asked again. "
        "Ctrl-C loses nothing (exit 130). A new FILE takes --relationship, "
        "--client, --supplier and --date; an existing one keeps its own and "
        "gains or updates the respondent."
    ),
    epilog=N_(
        'Example: vendormaturity fill pulse --side client --respondent "Claire '
        'Martin" --out acme/2025-06-30.toml'
    ),
)
def fill(
    questionnaire: QuestionnaireArgument,
    *,
    out: Annotated[
        Path, typer.Option("--out", "-o", metavar="FILE", help=N_("The response file to create or complete."))
    ],
    side: Annotated[RespondentSide | None, typer.Option(help=N_("The respondent's side."))] = None,
    respondent: Annotated[
        str | None, typer.Option(help=N_("The respondent's id or name (a name becomes an id)."))
    ] = None,
    facts: Annotated[
        bool,
        typer.Option("--facts", help=N_("Ask the relationship's facts (after the respondent's questions).")),
    ] = False,
    lang: LangOption = "en",
    role: Annotated[RoleChoice, typer.Option(help=N_("The respondent's role."))] = RoleChoice.OPERATIONAL,
    relationship: Annotated[
        str | None,
        typer.Option(
            help=N_("Relationship name for a new file (default: the previous round's, or FILE's name).")
        ),
    ] = None,
    client: Annotated[
        str | None, typer.Option(help=N_("Client name for a new file (default: the previous round's)."))
    ] = None,
    supplier: Annotated[
        str | None, typer.Option(help=N_("Supplier name for a new file (default: the previous round's)."))
    ] = None,
    date: Annotated[
        str | None, typer.Option(help=N_("Date for a new file, YYYY-MM-DD (default: today)."))
    ] = None,
    previous: PreviousOption = None,
    accept_dates: AcceptDatesOption = False,
) -> None:
    """The ``fill`` command."""
    language = lang
    if (side is None) != (respondent is None):
        missing = "--respondent" if respondent is None else "--side"
        raise typer.BadParameter(
            tr("give both --side and --respondent, or neither (with --facts)", language), param_hint=missing
        )
    if side is None and not facts:
        raise typer.BadParameter(
            tr("give --side and --respondent (or --facts to ask the facts)", language), param_hint="--side"
        )
    q = load_questionnaire(questionnaire, language)
    person = _person(side, respondent, role, language)
    day = parse_date(date, language, accept=accept_dates)
    if out.exists():
        responses, person = _existing(q, out, person, language)
        carried = _carried(
            q,
            previous,
            out,
            before=responses.date,
            language=language,
            relationship=responses.relationship,
            accept_dates=accept_dates,
        )
    elif person is None:
        fail(
            tr(
                "{path} does not exist, and a response file needs a respondent: give "
                "--side and --respondent to answer the questions first, then the facts",
                language,
                path=out,
            ),
            lang=language,
        )
    else:
        carried = _carried(
            q,
            previous,
            out,
            before=day,
            language=language,
            relationship=relationship,
            accept_dates=accept_dates,
        )
        before = carried.previous if carried is not None else None
        responses = vm.ResponseSet(
            questionnaire=q.id if questionnaire in vm.bundled_questionnaires() else questionnaire,
            questionnaire_version=q.version,
            relationship=relationship or (before.relationship if before else out.stem),
            client=client or (before.client if before else "Client"),
            supplier=supplier or (before.supplier if before else "Supplier"),
            date=day,
            respondents=[person],
        )
    if carried is not None:
        responses = _carry(carried, responses, out, language)
    try:
        _converse(q, responses, person, out=out, facts=facts, language=language)
    except (KeyboardInterrupt, EOFError):
        typer.echo("", err=False)
        typer.echo(
            tr("Interrupted: answers saved in {path}; run the same command to resume.", language, path=out),
            err=True,
        )
        raise typer.Exit(EXIT_INTERRUPTED) from None


def _carried(
    q: vm.Questionnaire,
    source: Path | None,
    out: Path | None,
    *,
    before: datetime.date | None,
    language: str,
    relationship: str | None = None,
    accept_dates: bool = False,
) -> vm.Carried | None:
    """The standing facts of the rounds before *before*: those of --from, else of the rounds
    of *relationship* in the folder *out* goes into (a folder that cannot be read is a note
    there, not a stop)."""
    from vendormaturity.sources.folders import response_files

    if source is None:
        if out is None:
            return None
        try:
            response_files(out.parent)
        except vm.NotFoundError:
            return None
        try:
            return vm.carried_facts(
                out.parent, q, before=before, relationship=relationship, accept_dates=accept_dates
            )
        except (vm.VendorMaturityError, OSError) as error:
            note = tr(
                "the earlier rounds of {folder} were not read, so no fact carries over: {reason}",
                language,
                folder=out.parent,
                reason=error_text(error, language),
            )
            typer.echo(tr("note: {message}", language, message=note), err=True)
            return None
    with invalid_input(language):
        return vm.carried_facts(source, q, before=before, accept_dates=accept_dates)


def _carry(carried: vm.Carried, responses: vm.ResponseSet, out: Path, language: str) -> vm.ResponseSet:
    """*responses* with the standing facts it lacks, written at once, and say which."""
    completed, added = carried.into(responses)
    if not added:
        return responses
    write(out, vm.dump_responses(completed), lang=language)
    typer.echo(_carried_text(carried, added, language), err=True)
    return completed


def _carried_text(carried: vm.Carried, added: list[str], language: str) -> str:
    """``carried 2 standing facts from acme/2026-03-15.toml: segment, contract_end``."""
    sources = sorted({carried.origins[fact].file or str(carried.origins[fact].round) for fact in added})
    return ntr(
        "carried {count} standing fact from {source}: {facts}",
        "carried {count} standing facts from {source}: {facts}",
        len(added),
        language,
        source=", ".join(sources),
        facts=", ".join(added),
    )


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
        message = tr(
            "{path}: respondent '{id}' is on the {existing} side, not {given}",
            language,
            path=out,
            id=person.id,
            existing=side_word(existing.side, language),
            given=side_word(person.side, language),
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
            typer.echo(
                tr("Stopped: answers saved in {path}; run the same command to resume.", language, path=out)
            )
            return
        responses = session.responses
    if facts:
        asking = FactsSession(
            q, responses=responses, out=out, lang=language, console=console(), read=_read_line
        )
        if not asking.run():
            typer.echo(
                tr("Stopped: facts saved in {path}; run the same command to resume.", language, path=out)
            )


class Tool(enum.StrEnum):
    WORKBOOK = "workbook"
    FORMS = "forms"
    GOOGLE = "google"
    LIMESURVEY = "limesurvey"
    QUALTRICS = "qualtrics"
    SURVEYMONKEY = "surveymonkey"
    TYPEFORM = "typeform"


@app.command(
    help=N_(
        "Write an Excel workbook for one respondent: instructions, the "
        "questions of their side grouped by dimension with a drop-down of "
        "answers and a comment cell, their name and role, and a facts sheet. "
        "Send one to each respondent and read them back with "
        "import.\n\n--form-mapping FILE also (or only) writes the mapping of a "
        "form built in Microsoft Forms, Google Forms or LimeSurvey: the "
        "titles, codes and options to give its questions. Without --side, the "
        "mapping is for one form for both sides, which asks the side."
    ),
    epilog=N_(
        "Example: vendormaturity export pulse --side client --lang fr "
        "--relationship acme-hosting --client ACME --supplier HostCo --out "
        "acme-client.xlsx"
    ),
)
def export(
    questionnaire: QuestionnaireArgument,
    *,
    side: Annotated[
        RespondentSide | None, typer.Option(help=N_("The respondent's side (needed for a workbook)."))
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", metavar="FILE", help=N_("The workbook to write (.xlsx)."))
    ] = None,
    form_mapping: Annotated[
        Path | None,
        typer.Option("--form-mapping", help=N_("Also write the mapping of a survey form (TOML).")),
    ] = None,
    lang: LangOption = "en",
    relationship: Annotated[
        str | None, typer.Option(help=N_("Name of the relationship, read back on import."))
    ] = None,
    client: Annotated[str | None, typer.Option(help=N_("Name of the client organisation."))] = None,
    supplier: Annotated[str | None, typer.Option(help=N_("Name of the supplier organisation."))] = None,
    date: Annotated[str | None, typer.Option(help=N_("Date of the assessment, YYYY-MM-DD."))] = None,
    force: Annotated[bool, typer.Option("--force", help=N_("Overwrite files that exist."))] = False,
    previous: Annotated[
        Path | None,
        typer.Option(
            "--from",
            metavar="PATH",
            help=N_(
                "The previous round: a response file or the relationship's folder. The facts sheet "
                "is pre-filled with its standing facts (segment, contract dates…), and the "
                "relationship, client and supplier default to its own."
            ),
        ),
    ] = None,
    accept_dates: AcceptDatesOption = False,
) -> None:
    """The ``export`` command."""
    language = lang
    if out is None and form_mapping is None:
        raise typer.BadParameter(
            tr("give --out FILE.xlsx, --form-mapping FILE.toml, or both", language), param_hint="--out"
        )
    if out is not None and side is None:
        raise typer.BadParameter(
            tr("a workbook is for one side: give --side client or --side supplier", language),
            param_hint="--side",
        )
    q = load_questionnaire(questionnaire, language)
    when = parse_date(date, language, accept=accept_dates) if date is not None else None
    for target in (out, form_mapping):
        if target is not None and target.exists() and not force:
            fail(
                tr("{path} exists; use --force to overwrite it", language, path=target),
                EXIT_FAILED,
                lang=language,
            )
    chosen = vm.Side(side.value) if side is not None else None
    carried = (
        _carried(q, previous, None, before=when, language=language, accept_dates=accept_dates)
        if previous is not None
        else None
    )
    if carried is not None and carried.previous is not None:
        relationship = relationship or carried.previous.relationship
        client = client or carried.previous.client
        supplier = supplier or carried.previous.supplier
    if out is not None and chosen is not None:
        _export_workbook(
            q,
            chosen,
            out,
            language,
            relationship=relationship,
            client=client,
            supplier=supplier,
            date=when,
            carried=carried,
            source=previous,
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
        typer.echo(
            tr(
                "Wrote {path}: build the form from it, then read its export with: "
                "vendormaturity import EXPORT --tool forms|google|limesurvey --mapping "
                "{path} --out responses.toml",
                language,
                path=form_mapping,
            )
        )


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
    carried: vm.Carried | None = None,
    source: Path | None = None,
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
            facts=carried.facts if carried is not None else None,
            facts_from=str(source) if source is not None else None,
        ),
        language,
    )
    write(out, data, lang=language)
    if carried is not None and carried.facts:
        typer.echo(
            ntr(
                "pre-filled {count} fact from {source}: {facts}",
                "pre-filled {count} facts from {source}: {facts}",
                len(carried.facts),
                language,
                source=source,
                facts=", ".join(carried.facts),
            )
        )
    typer.echo(
        ntr(
            "Wrote {path}: {questions} questions for the {side} side and {facts} "
            "facts, in {language}. Send it to a respondent; read the answers back "
            "with: vendormaturity import FILE.xlsx... --out responses.toml",
            "Wrote {path}: {questions} questions for the {side} side and {facts} "
            "facts, in {language}. Send it to a respondent; read the answers back "
            "with: vendormaturity import FILE.xlsx... --out responses.toml",
            len(q.facts),
            language,
            path=out,
            questions=len(side_questions(q, chosen)),
            side=side_word(chosen, language),
            facts=len(q.facts),
            language=language_name(language),
        )
    )


def _excel(make: Callable[[], T], lang: str) -> T:
    """Run *make*, which needs the excel extra (without it, ``main`` names the extra to install)."""
    with invalid_input(lang):
        return make()


@app.command(
    name="import",
    help=N_(
        "Read the answers of several respondents into one response file: "
        "workbooks made by export (both sides, any language), or the response "
        "exports of Microsoft Forms (.xlsx), Google Forms (.csv from Sheets) "
        "or LimeSurvey (.csv) with --tool.\n\nEvery problem is reported with its "
        "file and cell (Réponses!D14) or row and column, and nothing is "
        "written unless --keep-partial asks to keep the valid answers (what is "
        "left out is listed, and noted in the file). Survey columns are "
        "matched by a --mapping written by export --form-mapping, or by the "
        "question texts in any language."
    ),
    epilog=N_("Example: vendormaturity import answers/*.xlsx --out acme-hosting/2026-09-15.toml"),
)
def import_(
    files: Annotated[list[Path], typer.Argument(metavar="FILE...", help=N_("Workbooks or survey exports."))],
    *,
    out: Annotated[
        Path, typer.Option("--out", "-o", metavar="FILE", help=N_("The response file to write (TOML)."))
    ],
    tool: Annotated[
        Tool | None,
        typer.Option(
            help=N_(
                "What the files are: workbooks, or a survey tool's exports (default: told from the files)."
            )
        ),
    ] = None,
    mapping: Annotated[
        Path | None, typer.Option(help=N_("The form mapping written by export --form-mapping."))
    ] = None,
    side: Annotated[
        RespondentSide | None, typer.Option(help=N_("The side of every response of a survey export."))
    ] = None,
    encoding: Annotated[
        str | None,
        typer.Option(help=N_("Encoding of a CSV export that is not UTF-8 or UTF-16 (e.g. cp1252).")),
    ] = None,
    delimiter: Annotated[
        str | None,
        typer.Option(help=N_("Field separator of a CSV export, when the heading line does not tell.")),
    ] = None,
    keep_partial: Annotated[
        bool,
        typer.Option("--keep-partial", help=N_("Write the valid answers even when some could not be read.")),
    ] = False,
    questionnaire: QuestionnaireOption = None,
    relationship: Annotated[
        str | None, typer.Option(help=N_("Name of the relationship (default: from the files)."))
    ] = None,
    client: Annotated[str | None, typer.Option(help=N_("Name of the client organisation."))] = None,
    supplier: Annotated[str | None, typer.Option(help=N_("Name of the supplier organisation."))] = None,
    date: Annotated[
        str | None, typer.Option(help=N_("Date of the assessment, YYYY-MM-DD (default: today)."))
    ] = None,
    force: Annotated[bool, typer.Option("--force", help=N_("Overwrite FILE if it exists."))] = False,
    previous: PreviousOption = None,
    accept_dates: AcceptDatesOption = False,
) -> None:
    """The ``import`` command."""
    language = env_language()
    if out.exists() and not force:
        fail(tr("{path} exists; use --force to overwrite it", language, path=out), EXIT_FAILED, lang=language)
    if delimiter is not None and delimiter not in (",", ";", "\t", "tab"):
        raise typer.BadParameter(tr("a comma, a semicolon or tab", language), param_hint="--delimiter")
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
    responses = collected.responses
    carried = _carried(
        q,
        previous,
        out,
        before=responses.date,
        language=language,
        relationship=responses.relationship,
        accept_dates=accept_dates,
    )
    _report_import(collected, out, files, language, carried)


def _report_import(
    collected: vm.Collected, out: Path, files: list[Path], language: str, carried: vm.Carried | None
) -> None:
    """Write the response file, then say what it holds, what was noted and what was left out."""
    import attrs

    from vendormaturity.sources.collected import dump_collected

    added: list[str] = []
    if carried is not None:
        responses, added = carried.into(collected.responses)
        collected = attrs.evolve(collected, responses=responses)
    write(out, dump_collected(collected, lang=language), lang=language)
    if carried is not None and added:
        typer.echo(_carried_text(carried, added, language))
    people = collected.responses.respondents
    sides = Counter(person.side.value for person in people)
    facts = len(collected.responses.facts)
    typer.echo(
        ntr(
            "Wrote {path}: {respondents} ({client} client, {supplier} supplier) "
            "and {facts} facts from {files}. Check it with: vendormaturity assess "
            "{path}",
            "Wrote {path}: {respondents} ({client} client, {supplier} supplier) "
            "and {facts} facts from {files}. Check it with: vendormaturity assess "
            "{path}",
            facts,
            language,
            path=out,
            respondents=ntr("{count} respondent", "{count} respondents", len(people), language),
            client=sides["client"],
            supplier=sides["supplier"],
            facts=facts,
            files=ntr("{count} file", "{count} files", len(files), language),
        )
    )
    for note in collected.notes:
        typer.echo(tr("note: {message}", language, message=note))
    if collected.left_out:
        typer.echo(
            ntr(
                "Left out (--keep-partial), {count} problem:",
                "Left out (--keep-partial), {count} problems:",
                len(collected.left_out),
                language,
            ),
            err=True,
        )
        for problem in collected.left_out:
            typer.echo(f"  {problem.translated(language)}", err=True)


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
        if tool is Tool.WORKBOOK or (tool is None and only_xlsx):
            fail(
                tr(
                    "the workbooks name no questionnaire vendormaturity can read: "
                    "give --questionnaire ID or FILE",
                    lang,
                ),
                lang=lang,
            )
        fail(
            tr(
                "the files name no questionnaire vendormaturity can read: give --questionnaire ID or FILE",
                lang,
            ),
            lang=lang,
        )
    if named not in vm.bundled_questionnaires():
        fail(
            tr(
                "the files name questionnaire '{name}', which is not bundled: give --questionnaire FILE",
                lang,
                name=named,
            ),
            lang=lang,
        )
    return named
