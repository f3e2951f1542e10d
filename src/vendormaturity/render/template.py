"""An empty response file to fill in a text editor, rendered from a questionnaire.

Every question and fact is a commented line with its text, scale or range above it:
uncomment a line, give a value, and the file loads with :func:`vendormaturity.load_responses`.
"""

from __future__ import annotations

import datetime
import textwrap

import tomli_w

from vendormaturity.i18n import tr
from vendormaturity.model.questionnaire import Questionnaire, Side
from vendormaturity.model.responses import Respondent
from vendormaturity.render._view import fact_range
from vendormaturity.render.texts import label, name

__all__ = ["is_placeholder", "response_template", "toml_value"]

_WIDTH = 96


def _choice(value: float, shown: str) -> str:
    """``4 = Agree``; a label that starts with its value (``5 – Maybe``, ``6``) is shown alone."""
    number = f"{value:g}"
    return shown if shown.startswith(number) else f"{number} = {shown}"


def _placeholder_id(side: Side) -> str:
    return f"{side.value}-1"


def is_placeholder(respondent: Respondent) -> bool:
    """Whether *respondent* is one the template wrote and nobody touched: its id, nothing else."""
    return (
        respondent.id == _placeholder_id(respondent.side)
        and not respondent.answers
        and not respondent.comments
        and respondent.comment is None
        and respondent.name is None
    )


def toml_value(value: str | int | float | bool | datetime.date) -> str:
    """*value* written as TOML (quoted and escaped for a string)."""
    return tomli_w.dumps({"v": value}).removeprefix("v = ").strip()


def _comment(text: str, *, hanging: bool = False) -> list[str]:
    """*text* as comment lines; with *hanging*, continuation lines are indented."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        wrapped = textwrap.wrap(
            paragraph,
            width=_WIDTH - 2,
            subsequent_indent="    " if hanging else "",
            break_on_hyphens=False,
        ) or [""]
        lines.extend(f"# {line}".rstrip() for line in wrapped)
    return lines


def response_template(
    q: Questionnaire,
    *,
    relationship: str,
    client: str,
    supplier: str,
    date: datetime.date,
    lang: str = "en",
    file_name: str = "FILE",
    questionnaire_ref: str | None = None,
) -> str:
    """The commented TOML skeleton of a response set for *q*, one client and one supplier.

    *questionnaire_ref* is what the file names as its questionnaire (the id by default;
    a path for a questionnaire that is not bundled).
    """
    intro = tr(
        "Response file for the questionnaire “{title}” ({id} {version}).\n"
        "Fill in the facts, then each respondent's answers: remove the leading '# ' of a line and give a "
        "value. Leave a line commented when there is no answer. Copy a [[respondents]] block for each "
        "further respondent (each id must be unique). Check the file with: vendormaturity validate {file}",
        lang,
        title=label(q.title, lang),
        id=q.id,
        version=q.version,
        file=file_name,
    )
    lines = _comment(intro)
    lines += ["", *_comment(tr("Answer scales:", lang))]
    for scale in q.scales:
        choices = ", ".join(_choice(choice.value, label(choice.label, lang)) for choice in scale.choices)
        missing = ", ".join(f'"{code.code}" = {label(code.label, lang)}' for code in scale.missing)
        lines += _comment(f"{scale.id}: {choices}" + (f"; {missing}" if missing else ""), hanging=True)
    lines += [
        "",
        "schema_version = 1",
        f"questionnaire = {toml_value(questionnaire_ref or q.id)}",
        f"questionnaire_version = {toml_value(q.version)}",
        f"relationship = {toml_value(relationship)}",
        f"client = {toml_value(client)}",
        f"supplier = {toml_value(supplier)}",
        f"date = {toml_value(date)}",
        "",
        "[facts]",
        *_comment(tr("Facts about the relationship", lang)),
    ]
    for fact in q.facts:
        lines += _comment(f"{label(fact.label, lang)} ({fact_range(fact, lang)})")
        if fact.derive is not None:
            lines += _comment(tr("left out, it is computed from the other facts", lang))
        lines.append(f"# {fact.id} = ")
    for side in (Side.CLIENT, Side.SUPPLIER):
        lines += _respondent(q, side, lang)
    return "\n".join(lines) + "\n"


def _respondent(q: Questionnaire, side: Side, lang: str) -> list[str]:
    side_name = name("side", side, lang).lower()
    lines = [
        "",
        *_comment(
            tr("{side} respondent: role is executive, manager, operational or other", lang, side=side_name)
        ),
        "[[respondents]]",
        f'id = "{_placeholder_id(side)}"',
        f'side = "{side.value}"',
        'role = "operational"',
        '# name = ""',
        "",
        "[respondents.answers]",
    ]
    dimensions = {dimension.id: dimension for dimension in q.dimensions}
    current = None
    for question in q.questions:
        if question.side not in (side, Side.BOTH):
            continue
        if question.dimension != current:
            current = question.dimension
            lines += ["", *_comment(f"— {label(dimensions[current].label, lang)} —")]
        note = f" [{question.scale}]"
        if question.relevant:
            note += " " + tr("(only if {condition})", lang, condition=question.relevant)
        lines += _comment(f"{question.id}: {label(question.text, lang)}{note}", hanging=True)
        lines.append(f"# {question.id} = ")
    return lines
