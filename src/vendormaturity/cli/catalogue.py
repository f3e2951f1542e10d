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
from vendormaturity.cli._texts import text

__all__ = ["list_questionnaires", "schema", "show_questionnaire"]


@app.command("list", help="list.help", epilog="list.epilog")
def list_questionnaires(lang: LangOption = Lang.EN) -> None:
    """The ``list`` command."""
    from rich.table import Table
    from rich.text import Text

    from vendormaturity.render.texts import label

    columns = ("list.id", "list.version", "list.languages", "list.questions", "list.title")
    table = Table(*(text(column, lang.value) for column in columns), box=None, header_style="bold")
    for questionnaire_id in vm.bundled_questionnaires():
        q = load_questionnaire(questionnaire_id, lang.value)
        table.add_row(
            Text(q.id, style="bold"),
            q.version,
            ", ".join(q.languages),
            str(len(q.questions)),
            Text(label(q.title, lang.value)),
        )
    show(table)


@app.command("show", help="show.help", epilog="show.epilog")
def show_questionnaire(questionnaire: QuestionnaireArgument, lang: LangOption = Lang.EN) -> None:
    """The ``show`` command."""
    from vendormaturity.render.terminal import questionnaire_view

    q = load_questionnaire(questionnaire, lang.value)
    show(questionnaire_view(q, lang.value))


@app.command(help="schema.help", epilog="schema.epilog")
def schema(kind: Annotated[SchemaKind, typer.Argument(metavar="KIND", help="schema.kind")]) -> None:
    """The ``schema`` command."""
    from vendormaturity.model.schemas import json_schema_text

    typer.echo(json_schema_text(kind.value), nl=False)
