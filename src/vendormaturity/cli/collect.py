"""Commands that collect answers: ``new`` (a file to fill in an editor) and ``fill`` (in the terminal)."""

from __future__ import annotations

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

__all__ = ["fill", "new"]


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
    out: Annotated[Path, typer.Option("--out", "-o", help="The response file to create (TOML).")],
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
        "after every answer.\n\n"
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
    side: Annotated[RespondentSide, typer.Option(help="The respondent's side.")],
    respondent: Annotated[str, typer.Option(help="The respondent's id or name (a name becomes an id).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="The response file to create or complete.")],
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
    from vendormaturity.cli._prompt import FillSession, respondent_id

    q = load_questionnaire(questionnaire)
    person_id = respondent_id(respondent)
    chosen_side = vm.Side(side.value)
    with invalid_input():
        person = vm.Respondent(
            id=person_id,
            side=chosen_side,
            role=vm.Role(role.value),
            name=respondent if respondent != person_id else None,
        )
    if out.exists():
        with invalid_input():
            responses = vm.load_responses(out, q)
        existing = next((r for r in responses.respondents if r.id == person_id), None)
        if existing is not None and existing.side is not chosen_side:
            fail(f"{out}: respondent '{person_id}' is on the {existing.side.value} side, not {side.value}")
        person = existing or person
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
    try:
        if not session.run():
            typer.echo(f"Stopped: answers saved in {out}; run the same command to resume.")
    except (KeyboardInterrupt, EOFError):
        typer.echo("", err=False)
        typer.echo(f"Interrupted: answers saved in {out}; run the same command to resume.", err=True)
        raise typer.Exit(EXIT_INTERRUPTED) from None
