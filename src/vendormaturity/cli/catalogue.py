"""Commands about questionnaires: ``list``, ``show`` and ``schema``."""

from __future__ import annotations

from typing import Annotated

import typer

import vendormaturity as vm
from vendormaturity.cli._app import (
    Lang,
    LangOption,
    QuestionnaireArgument,
    SchemaKind,
    app,
    load_questionnaire,
    show,
)

__all__ = ["list_questionnaires", "schema", "show_questionnaire"]


@app.command(
    "list",
    help="List the bundled questionnaires: id, version, languages, number of questions.",
    epilog="Example: vendormaturity list --lang fr",
)
def list_questionnaires(lang: LangOption = Lang.EN) -> None:
    """The ``list`` command."""
    from rich.table import Table
    from rich.text import Text

    from vendormaturity.render.texts import label

    table = Table("id", "version", "languages", "questions", "title", box=None, header_style="bold")
    for questionnaire_id in vm.bundled_questionnaires():
        q = load_questionnaire(questionnaire_id)
        table.add_row(
            Text(q.id, style="bold"),
            q.version,
            ", ".join(q.languages),
            str(len(q.questions)),
            Text(label(q.title, lang.value)),
        )
    show(table)


@app.command(
    "show",
    help=(
        "Show a questionnaire: its questions grouped by dimension, with who answers them, "
        "their lifecycle stage, reverse scoring and relevance condition; then its scales "
        "and facts."
    ),
    epilog="Example: vendormaturity show pulse --lang fr",
)
def show_questionnaire(questionnaire: QuestionnaireArgument, lang: LangOption = Lang.EN) -> None:
    """The ``show`` command."""
    from vendormaturity.render.terminal import questionnaire_view

    q = load_questionnaire(questionnaire)
    show(questionnaire_view(q, lang.value))


@app.command(
    help="Print the JSON Schema of questionnaire files, response files or results.",
    epilog="Example: vendormaturity schema responses > responses.schema.json",
)
def schema(
    kind: Annotated[
        SchemaKind,
        typer.Argument(metavar="KIND", help="Which schema to print: questionnaire, responses or result."),
    ],
) -> None:
    """The ``schema`` command."""
    from vendormaturity.model.schemas import json_schema_text

    typer.echo(json_schema_text(kind.value), nl=False)
