"""Commands about questionnaires: ``list``, ``show`` and ``schema``."""

from __future__ import annotations

from typing import Annotated

import typer

import vendormaturity as vm
from vendormaturity.cli._app import (
    LangOption,
    QuestionnaireArgument,
    SchemaKind,
    app,
    load_questionnaire,
    show,
)
from vendormaturity.i18n import N_, tr

__all__ = ["list_questionnaires", "schema", "show_questionnaire"]


@app.command(
    "list",
    help=N_("List the bundled questionnaires: id, version, languages, number of questions."),
    epilog=N_("Example: vendormaturity list --lang fr"),
)
def list_questionnaires(lang: LangOption = "en") -> None:
    """The ``list`` command."""
    from rich.table import Table
    from rich.text import Text

    from vendormaturity.render.texts import label

    columns = (
        tr("id", lang),
        tr("version", lang),
        tr("languages", lang),
        tr("questions", lang),
        tr("title", lang),
    )
    table = Table(*columns, box=None, header_style="bold")
    for questionnaire_id in vm.bundled_questionnaires():
        q = load_questionnaire(questionnaire_id, lang)
        table.add_row(
            Text(q.id, style="bold"),
            q.version,
            ", ".join(q.languages),
            str(len(q.questions)),
            Text(label(q.title, lang)),
        )
    show(table)


@app.command(
    "show",
    help=N_(
        "Show a questionnaire: its questions grouped by dimension, with who "
        "answers them, their lifecycle stage, reverse scoring and relevance "
        "condition; then its scales and facts."
    ),
    epilog=N_("Example: vendormaturity show pulse --lang fr"),
)
def show_questionnaire(questionnaire: QuestionnaireArgument, lang: LangOption = "en") -> None:
    """The ``show`` command."""
    from vendormaturity.render.terminal import questionnaire_view

    q = load_questionnaire(questionnaire, lang)
    show(questionnaire_view(q, lang))


@app.command(
    help=N_("Print the JSON Schema of questionnaire files, response files or results."),
    epilog=N_("Example: vendormaturity schema responses > responses.schema.json"),
)
def schema(
    kind: Annotated[
        SchemaKind,
        typer.Argument(metavar="KIND", help=N_("Which schema to print: questionnaire, responses or result.")),
    ],
) -> None:
    """The ``schema`` command."""
    from vendormaturity.model.schemas import json_schema_text

    typer.echo(json_schema_text(kind.value), nl=False)
