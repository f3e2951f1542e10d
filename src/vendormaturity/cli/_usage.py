"""Typer's own words in the language asked for: usage lines, help headings, usage errors.

Typer writes a few words itself – ``Usage:``, the ``Options`` and ``Arguments`` headings,
``[default: …]``, "Missing argument 'PATH...'." – in English, some through the standard
:mod:`gettext` and some as plain strings. The command line says them through the
catalogue instead: :func:`speak` makes Typer's gettext look up the catalogue in the
language of the command, and :func:`translated` turns a usage error into one that
shows itself in that language. The English stays Typer's, word for word.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from typing import IO, Any

import typer
import typer.core

from vendormaturity.i18n import N_, tr

__all__ = ["Context", "speak", "translated"]

# The words Typer looks up through gettext (typer.core), marked here for the catalogue.
TYPER_WORDS = (
    N_("(dynamic)"),
    N_("Aborted!"),
    N_("default: {default}"),
    N_("required"),
    N_("env var: {var}"),
    N_("Arguments"),
    N_("Options"),
    N_("Commands"),
    N_("Missing command."),
    N_("No such command {name!r}."),
)

UsageError: type[Exception] = typer.BadParameter.__mro__[1]  # Typer's (click's) UsageError

_spoken = ["en"]  # the language of this command; one command runs per process


def speak(lang: str) -> None:
    """From now on, Typer's own words are looked up in the catalogue of *lang*."""
    _spoken[0] = lang
    typer.core._ = _typer_gettext  # type: ignore[attr-defined]


def _typer_gettext(message: str) -> str:
    return tr(message, _spoken[0])


_HelpFormatter: type[Any] = typer.Context.formatter_class


class _Formatter(_HelpFormatter):  # type: ignore[misc]  # Typer's formatter, typed Any
    """Help written with ``Usage:`` and the headings' colon in the language of the command."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, tr("Usage: ", _spoken[0]) if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        self.write(" " * self.current_indent + tr("{heading}:", _spoken[0], heading=heading) + "\n")


class Context(typer.Context):
    """The context of every command: its help is formatted by :class:`_Formatter`."""

    formatter_class = _Formatter


# Typer's usage errors, as its English spells them, and what each says in the catalogue.
_SAID: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"Missing argument (?P<name>.+)\.$", re.S), N_("Missing argument {name}.")),
    (re.compile(r"Missing option (?P<name>.+)\.$", re.S), N_("Missing option {name}.")),
    (re.compile(r"Missing parameter: (?P<name>.+)$", re.S), N_("Missing parameter: {name}")),
    (re.compile(r"No such option: (?P<name>\S+)$"), N_("No such option: {name}")),
    (
        re.compile(r"No such option: (?P<name>\S+) \(Possible options: (?P<options>.+)\)$"),
        N_("No such option: {name} (Possible options: {options})"),
    ),
    (
        re.compile(r"Option (?P<name>'[^']*') requires an argument\.$"),
        N_("Option {name} requires an argument."),
    ),
    (
        re.compile(r"Option (?P<name>'[^']*') does not take a value\.$"),
        N_("Option {name} does not take a value."),
    ),
    (
        re.compile(r"Got unexpected extra argument\(s\) \((?P<args>.*)\)$", re.S),
        N_("Got unexpected extra argument(s) ({args})"),
    ),
    (
        re.compile(
            r"Invalid value for (?P<hint>.+?): (?P<value>'.*') is not one of (?P<choices>.+)\.$", re.S
        ),
        N_("Invalid value for {hint}: {value} is not one of {choices}."),
    ),
    (
        re.compile(r"Invalid value for (?P<hint>.+?): (?P<message>.+)$", re.S),
        N_("Invalid value for {hint}: {message}"),
    ),
)


def _plain(message: str) -> str:
    """A parameter's error without pydantic's wording ("Value error, …")."""
    return re.sub(r"^(Value error|Assertion failed), ", "", message)


def _said(message: str, lang: str) -> str:
    for pattern, template in _SAID:
        found = pattern.match(message)
        if found:
            return tr(template, lang, **found.groupdict())
    return message


class _Translated(UsageError):  # type: ignore[misc, valid-type]  # noqa: N818 - shown as Typer's own
    """A usage error of Typer's, shown in the language of the command."""

    exit_code = 2

    def __init__(self, error: Any, lang: str) -> None:
        if isinstance(error, typer.BadParameter):
            error.message = _plain(error.message)
        super().__init__(_said(error.format_message(), lang), error.ctx)
        self.lang = lang

    def format_message(self) -> str:
        return str(self.message)

    def show(self, file: IO[Any] | None = None) -> None:
        out = file if file is not None else sys.stderr
        ctx = self.ctx
        if ctx is not None:
            lines = [ctx.get_usage()]
            if ctx.command.get_help_option(ctx) is not None:
                hint = tr(
                    "Try '{command} {option}' for help.",
                    self.lang,
                    command=ctx.command_path,
                    option=ctx.help_option_names[0],
                )
                lines.append(hint)
            typer.echo("\n".join(lines) + "\n", file=out, color=ctx.color)
        typer.echo(tr("Error: {message}", self.lang, message=self.message), file=out)


def translated(lang: str, run: Callable[[], Any]) -> Any:
    """*run*, with a usage error it raises shown in *lang*."""
    try:
        return run()
    except _Translated:
        raise
    except UsageError as error:
        if type(error).__name__ == "NoArgsIsHelpError":
            raise
        raise _Translated(error, lang) from None
