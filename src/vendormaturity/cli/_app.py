"""The command line's shared parts: the Typer app, option types, exit codes and plumbing.

Commands live in one module per group (:mod:`.catalogue`, :mod:`.collect`,
:mod:`.assess`) and register themselves on :data:`app`. Rich, Jinja2, pygal and the
renderers are imported inside the commands that use them, so that ``vendormaturity
--help`` starts fast and ``import vendormaturity`` never pulls them in.
"""

from __future__ import annotations

import contextlib
import datetime
import enum
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperArgument, TyperCommand
from typer.models import CommandFunctionType

import vendormaturity as vm

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

__all__ = [
    "EXIT_FAILED",
    "EXIT_INSUFFICIENT",
    "EXIT_INTERRUPTED",
    "EXIT_INVALID",
    "EXIT_OK",
    "AcceptDatesOption",
    "Format",
    "Lang",
    "LangOption",
    "QuestionnaireArgument",
    "QuestionnaireOption",
    "RespondentSide",
    "RoleChoice",
    "SchemaKind",
    "SeverityLevel",
    "app",
    "console",
    "error_text",
    "fail",
    "invalid_input",
    "load_questionnaire",
    "parse_date",
    "show",
    "write",
]

EXIT_OK = 0
EXIT_FAILED = 1  # --fail-on reached, or an output could not be written
EXIT_INVALID = 2  # invalid input or usage
EXIT_INSUFFICIENT = 3  # too little data for a verdict (unless --allow-insufficient)
EXIT_INTERRUPTED = 130  # Ctrl-C or end of input during `fill`

_EXIT_CODES = (
    "Exit codes: 0 ok; 1 the --fail-on threshold was reached or an output could not be "
    "written; 2 invalid input or usage (every problem is printed on stderr, located by "
    "file, line and data path); 3 too little data for a verdict (the report says what is "
    "missing; --allow-insufficient accepts it); 130 `fill` interrupted (answers are saved)."
)


# Choices for the options, declared here rather than imported from the library so that
# `--help` does not build the pydantic models; tests/test_cli.py checks they match.


class Lang(enum.StrEnum):
    FR = "fr"
    EN = "en"


class Format(enum.StrEnum):
    TERMINAL = "terminal"
    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"


class SeverityLevel(enum.StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class RespondentSide(enum.StrEnum):
    CLIENT = "client"
    SUPPLIER = "supplier"


class RoleChoice(enum.StrEnum):
    EXECUTIVE = "executive"
    MANAGER = "manager"
    OPERATIONAL = "operational"
    OTHER = "other"


class SchemaKind(enum.StrEnum):
    QUESTIONNAIRE = "questionnaire"
    RESPONSES = "responses"
    RESULT = "result"


class Command(TyperCommand):
    """A command whose help reads as people write it.

    Typer shows a required argument as ``{PATH}...`` with its Python type
    (``<list[Path]>``) and every option with one (``<str>``), and passes on pydantic's
    wording in errors ("Value error, 'pdf' is not one of…"). Here an argument reads
    ``PATH...``, an option its metavar or its name in capitals (``--out OUT``), a choice
    its values, a flag nothing.
    """

    def get_params(self, ctx: Any) -> list[Any]:
        params = super().get_params(ctx)
        for param in params:
            _plainly(param)
        return params

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except typer.BadParameter as error:
            error.message = _plain_error(error.message)
            raise


def _plain_error(message: str) -> str:
    return re.sub(r"^(Value error|Assertion failed), ", "", message)


def _plainly(param: Any) -> None:
    """Set how *param* shows in help and usage (on the instance: Typer builds them itself)."""
    if vars(param).get("_plain"):
        return
    shown = vars(param)
    shown["_plain"] = True
    name = param.metavar or (param.name or "").upper()
    if isinstance(param, TyperArgument):
        many = name + ("..." if param.nargs != 1 else "")
        shown["_usage_display_name"] = lambda: many if param.required else f"[{many}]"
        shown["_rich_display_name"] = lambda: many
        shown["display_type_rich"] = lambda ctx: None
        return
    if param.is_flag or param.count:
        shown["display_type_rich"] = lambda ctx: None
        return
    choices = getattr(getattr(param, "type_descriptor", None), "choices", None)
    if param.metavar is None and choices:
        name = "[" + "|".join(str(getattr(choice, "value", choice)) for choice in choices) + "]"
    shown["display_type_rich"] = lambda ctx: name + ("..." if param.nargs != 1 or param.multiple else "")


class _Typer(typer.Typer):
    """Every command of the app uses :class:`Command`."""

    def command(
        self, *args: Any, cls: type[TyperCommand] | None = None, **kwargs: Any
    ) -> Callable[[CommandFunctionType], CommandFunctionType]:
        return super().command(*args, cls=cls or Command, **kwargs)


app = _Typer(
    name="vendormaturity",
    help=(
        "Assess the maturity of a client–supplier relationship: Tuckman phase, stuck "
        "patterns, improvement plan.\n\n" + _EXIT_CODES
    ),
    epilog="Example: vendormaturity assess examples/acme-hosting --format html --out report.html",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

LangOption = Annotated[
    Lang,
    typer.Option(
        "--lang",
        "-l",
        envvar="VENDORMATURITY_LANG",
        help="Language of the texts (or set VENDORMATURITY_LANG).",
    ),
]
QuestionnaireOption = Annotated[
    str | None,
    typer.Option(
        "--questionnaire",
        "-q",
        metavar="ID|FILE",
        help=(
            "Read the response files with this questionnaire (a bundled id, or a file) instead of "
            "the bundled one each file names; needed for a questionnaire of your own."
        ),
    ),
]


AcceptDatesOption = Annotated[
    bool,
    typer.Option(
        "--accept-dates",
        help="Accept assessment dates before 1990 or more than a week ahead (refused as likely typos).",
    ),
]
QuestionnaireArgument = Annotated[
    str,
    typer.Argument(metavar="QUESTIONNAIRE", help="A bundled questionnaire id or a questionnaire file."),
]


# --------------------------------------------------------------------------- plumbing


def fail(message: str, code: int = EXIT_INVALID) -> NoReturn:
    from vendormaturity.errors import printable

    typer.echo(f"error: {printable(message, lines=True)}", err=True)
    raise typer.Exit(code)


def error_text(error: BaseException) -> str:
    """The message of *error*, its control characters escaped."""
    from vendormaturity.errors import printable

    if isinstance(error, OSError) and error.filename is not None:
        return printable(f"{error.filename}: {error.strerror or error}", lines=True)
    return printable(str(error), lines=True)


@contextlib.contextmanager
def invalid_input() -> Iterator[None]:
    """Report a library error or an unreadable file as invalid input (exit 2), no traceback."""
    try:
        yield
    except (vm.VendorMaturityError, OSError) as error:
        fail(error_text(error), EXIT_INVALID)


def write(path: Path, text: str | bytes) -> None:
    """Write an output atomically (``-`` is standard output), creating its folder if needed;
    a failure is exit 1, with the reason."""
    from vendormaturity.sources.writing import write_atomic

    if str(path) == "-":
        if isinstance(text, bytes):
            sys.stdout.buffer.write(text)
        else:
            typer.echo(text, nl=False)
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text)
    except OSError as error:
        fail(f"cannot write {path}: {error.strerror or error}", EXIT_FAILED)


def console(*, stderr: bool = False) -> Console:
    from rich.console import Console

    # Rich leaves out colour when the stream is not a terminal or NO_COLOR is set.
    return Console(stderr=stderr, highlight=False)


def show(renderable: RenderableType, on: Console | None = None) -> None:
    """Print *renderable*; plain output (a pipe, a file) has no trailing spaces."""
    out = on or console()
    if out.is_terminal:
        out.print(renderable)
        return
    with out.capture() as captured:
        out.print(renderable)
    lines = captured.get().splitlines()
    typer.echo("".join(line.rstrip() + "\n" for line in lines), nl=False)


def load_questionnaire(value: str) -> vm.Questionnaire:
    with invalid_input():
        return vm.load_questionnaire(value)


def parse_date(value: str | None) -> datetime.date:
    if value is None:
        return datetime.date.today()
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"'{value}' is not a date (YYYY-MM-DD)", param_hint="--date") from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"vendormaturity {vm.__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """Options common to every command."""
