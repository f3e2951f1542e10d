"""The command line's shared parts: the Typer app, option types, exit codes and plumbing.

Commands live in one module per group (:mod:`.catalogue`, :mod:`.collect`,
:mod:`.assess`) and register themselves on :data:`app`. Rich, Jinja2 and the
renderers are imported inside the commands that use them, so that ``vendormaturity
--help`` starts fast and ``import vendormaturity`` never pulls them in.
"""

from __future__ import annotations

import contextlib
import datetime
import enum
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup
from typer.models import CommandFunctionType

import vendormaturity as vm
from vendormaturity.cli._language import env_language, requested_language
from vendormaturity.cli._usage import Context, speak, translated
from vendormaturity.i18n import N_, languages, pmsg, ptr, tr

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType
    from rich.segment import Segment

__all__ = [
    "EXIT_FAILED",
    "EXIT_INSUFFICIENT",
    "EXIT_INTERRUPTED",
    "EXIT_INVALID",
    "EXIT_OK",
    "AcceptDatesOption",
    "Command",
    "Format",
    "Group",
    "LangOption",
    "QuestionnaireArgument",
    "QuestionnaireOption",
    "RespondentSide",
    "RoleChoice",
    "SchemaKind",
    "SeverityLevel",
    "app",
    "console",
    "env_language",
    "error_text",
    "fail",
    "invalid_input",
    "language_name",
    "load_questionnaire",
    "parse_date",
    "printable_renderable",
    "show",
    "side_word",
    "write",
]

EXIT_OK = 0
EXIT_FAILED = 1  # --fail-on reached, or an output could not be written
EXIT_INVALID = 2  # invalid input or usage
EXIT_INSUFFICIENT = 3  # too little data for a verdict (unless --allow-insufficient)
EXIT_INTERRUPTED = 130  # Ctrl-C or end of input during `fill`


# Choices for the options, declared here rather than imported from the library so that
# `--help` does not build the pydantic models; tests/test_cli.py checks they match.


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
    """A command whose help reads as people write it, in the language asked for.

    Typer shows a required argument as ``{PATH}...`` with its Python type
    (``<list[Path]>``) and every option with one (``<str>``), and passes on pydantic's
    wording in errors ("Value error, 'pdf' is not one of…"). Here an argument reads
    ``PATH...``, an option its metavar or its name in capitals (``--out OUT``), a choice
    its values, a flag nothing.

    Help texts are declared in English, marked for the catalogue with ``N_``, and
    translated when the help is shown, into the language of :func:`_help_language`.
    """

    context_class = Context

    def get_params(self, ctx: Any) -> list[Any]:
        params = super().get_params(ctx)
        lang = _help_language(ctx)
        for param in params:
            _plainly(param)
            _localise(param, lang)
        return params

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        _remember_language(ctx, args)
        return list(super().parse_args(ctx, args))

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _localise(self, _help_language(ctx))
        super().format_help(ctx, formatter)

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        lang = requested_language(args) or (_help_language(parent) if parent is not None else env_language())
        return translated(lang, lambda: super(Command, self).make_context(info_name, args, parent, **extra))


class Group(TyperGroup):
    """A group of commands (the app, ``portfolio``) whose help is in the language asked for."""

    context_class = Context

    def get_params(self, ctx: Any) -> list[Any]:
        params = super().get_params(ctx)
        lang = _help_language(ctx)
        for param in params:
            _localise(param, lang)
        return params

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        _remember_language(ctx, args)
        return list(super().parse_args(ctx, args))

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _localise(self, _help_language(ctx))
        super().format_help(ctx, formatter)

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        lang = requested_language(args) or (_help_language(parent) if parent is not None else env_language())
        speak(lang)
        return translated(lang, lambda: super(Group, self).make_context(info_name, args, parent, **extra))

    def invoke(self, ctx: Any) -> Any:
        return translated(_help_language(ctx), lambda: super(Group, self).invoke(ctx))

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The commands and their short help, under a heading in the language asked for."""
        lang = _help_language(ctx)
        commands = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                _localise(command, lang)
                commands.append((name, command))
        limit = formatter.width - 6 - max((len(name) for name, _ in commands), default=0)
        with formatter.section(tr("Commands", lang)):
            formatter.write_dl([(name, command.get_short_help_str(limit)) for name, command in commands])


_LANGUAGE = "vendormaturity.lang"  # where a command line's --lang is kept, in the context's meta


def _remember_language(ctx: Any, args: list[str]) -> None:
    """Keep the language the command line asks for: the help is printed before --lang is parsed."""
    asked = requested_language(args)
    if asked is not None:
        ctx.meta[_LANGUAGE] = asked
        speak(asked)


def _help_language(ctx: Any) -> str:
    """The language of the help: --lang on the command line, else VENDORMATURITY_LANG, else English."""
    asked = ctx.meta.get(_LANGUAGE)
    return asked if isinstance(asked, str) else env_language()


def _localise(thing: Any, lang: str) -> None:
    """Write the help texts of a command or a parameter, declared in English, in *lang*."""
    declared = vars(thing).get("_declared_help")
    if declared is None:
        declared = {name: getattr(thing, name, None) for name in ("help", "epilog", "short_help")}
        if getattr(thing, "name", None) == "help" and not getattr(thing, "expose_value", True):
            declared["help"] = N_("Show this message and exit.")  # click's own --help option
        vars(thing)["_declared_help"] = declared
    for name, english in declared.items():
        if isinstance(english, str):
            setattr(thing, name, tr(english, lang))


def _plainly(param: Any) -> None:
    """Set how *param* shows in help and usage (on the instance: Typer builds them itself)."""
    if vars(param).get("_plain"):
        return
    shown = vars(param)
    shown["_plain"] = True
    name = param.metavar or (param.name or "").upper()
    if isinstance(param, TyperArgument):
        many = name + ("..." if param.nargs != 1 and not name.endswith("...") else "")
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
    """Every command of the app uses :class:`Command`, every group :class:`Group`."""

    def __init__(self, *, cls: type[TyperGroup] | None = None, **kwargs: Any) -> None:
        super().__init__(cls=cls or Group, **kwargs)

    def command(
        self, *args: Any, cls: type[TyperCommand] | None = None, **kwargs: Any
    ) -> Callable[[CommandFunctionType], CommandFunctionType]:
        return super().command(*args, cls=cls or Command, **kwargs)


app = _Typer(
    name="vendormaturity",
    help=N_(
        "Assess the maturity of a client–supplier relationship: Tuckman phase, "
        "stuck patterns, improvement plan.\n\nExit codes: 0 ok; 1 the --fail-on "
        "threshold was reached or an output could not be written; 2 invalid "
        "input or usage (every problem is printed on stderr, located by file, "
        "line and data path); 3 too little data for a verdict (the report says "
        "what is missing; --allow-insufficient accepts it); 130 `fill` "
        "interrupted (answers are saved)."
    ),
    epilog=N_("Example: vendormaturity assess examples/acme-hosting --format html --out report.html"),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _known_language(value: str) -> str:
    """*value* if there is a catalogue for it, else a usage error that lists those there are."""
    if value not in languages():
        raise typer.BadParameter(
            tr("'{value}' is not one of {known}", env_language(), value=value, known=", ".join(languages()))
        )
    return value


LangOption = Annotated[
    str,
    typer.Option(
        "--lang",
        "-l",
        envvar="VENDORMATURITY_LANG",
        metavar="[" + "|".join(languages()) + "]",  # the languages there is a catalogue for
        callback=_known_language,
        help=N_("Language of the texts (or set VENDORMATURITY_LANG)."),
    ),
]


QuestionnaireOption = Annotated[
    str | None,
    typer.Option(
        "--questionnaire",
        "-q",
        metavar="ID|FILE",
        help=N_(
            "Read the response files with this questionnaire (a bundled id, or a "
            "file) instead of the bundled one each file names; needed for a "
            "questionnaire of your own."
        ),
    ),
]


AcceptDatesOption = Annotated[
    bool,
    typer.Option(
        "--accept-dates",
        help=N_("Accept assessment dates before 1990 or more than a week ahead (refused as likely typos)."),
    ),
]
QuestionnaireArgument = Annotated[
    str,
    typer.Argument(metavar="QUESTIONNAIRE", help=N_("A bundled questionnaire id or a questionnaire file.")),
]


# --------------------------------------------------------------------------- plumbing

# A side and a language, as a sentence names them ("for the client side, in French").
_SIDE_WORDS = {
    "client": pmsg("side, in a sentence", "client"),
    "supplier": pmsg("side, in a sentence", "supplier"),
}


def side_word(side: enum.Enum | str, lang: str) -> str:
    """``client`` or ``supplier`` in *lang*, as a sentence says it."""
    key = side.value if isinstance(side, enum.Enum) else side
    return _SIDE_WORDS[str(key)].translated(lang)


def language_name(code: str) -> str:
    """The language *code* as its own speakers name it (``English``, ``français``), from its
    catalogue; the code itself when the catalogue does not say."""
    # Translators: the name of your language, in your language ("français", "Deutsch").
    own = ptr("the name of this language", "English", code)
    return own if own != "English" or code == "en" else code


def fail(message: str, code: int = EXIT_INVALID, *, lang: str) -> NoReturn:
    """Print ``error: message`` in *lang* on stderr and exit with *code*."""
    from vendormaturity.errors import printable

    # Escape what the message quotes, but not the narrow no-break spaces of French typography.
    shown = "\u202f".join(printable(part, lines=True) for part in message.split("\u202f"))
    typer.echo(tr("error: {message}", lang, message=shown), err=True)
    raise typer.Exit(code)


def error_text(error: BaseException, lang: str) -> str:
    """The message of *error* in *lang* (the library's own messages are translated), its control
    characters escaped."""
    from vendormaturity.errors import printable

    if isinstance(error, OSError) and error.filename is not None:
        return printable(f"{error.filename}: {error.strerror or error}", lines=True)
    if isinstance(error, vm.VendorMaturityError):
        return error.translated(lang)
    return printable(str(error), lines=True)


@contextlib.contextmanager
def invalid_input(lang: str) -> Iterator[None]:
    """Report a library error or an unreadable file as invalid input (exit 2), no traceback."""
    try:
        yield
    except (vm.VendorMaturityError, OSError) as error:
        fail(error_text(error, lang), EXIT_INVALID, lang=lang)


def write(path: Path, content: str | bytes, *, lang: str) -> None:
    """Write an output atomically (``-`` is standard output), creating its folder if needed;
    a failure is exit 1, with the reason."""
    from vendormaturity.sources.writing import write_atomic

    if str(path) == "-":
        if isinstance(content, bytes):
            sys.stdout.buffer.write(content)
        else:
            typer.echo(content, nl=False)
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, content)
    except OSError as error:
        fail(
            tr("cannot write {path}: {reason}", lang, path=path, reason=error.strerror or error),
            EXIT_FAILED,
            lang=lang,
        )


def refuse_overwrite(
    path: Path, *, force: bool, lang: str, ours: Callable[[Path], bool] | None = None, hint: str | None = None
) -> None:
    """Stop (exit 1) before replacing a file the command did not write, unless ``--force``.

    *ours* recognises a file of the kind the command writes (its own earlier report), which
    it may replace; *hint* says what to do instead of ``--force``.
    """
    if force or str(path) == "-" or not path.is_file():
        return
    if ours is not None and ours(path):
        return
    if hint is not None:
        message = tr("{path} exists; {hint}, or use --force to overwrite it", lang, path=path, hint=hint)
        fail(message, EXIT_FAILED, lang=lang)
    fail(tr("{path} exists; use --force to overwrite it", lang, path=path), EXIT_FAILED, lang=lang)


def written_by_vendormaturity(path: Path) -> bool:
    """An HTML page this package wrote (its generator mark), or a saved result (JSON)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    if b'<meta name="generator" content="vendormaturity' in head:
        return True
    # a result names its phase scores in its first lines, before the long lists
    return head.lstrip().startswith((b"{", b"[")) and b'"phase_scores"' in head


def console(*, stderr: bool = False) -> Console:
    from rich.console import Console

    # Rich leaves out colour when the stream is not a terminal or NO_COLOR is set.
    # markup=False: names and texts from files print as written ("[/bold]" is a name, not a tag)
    return Console(stderr=stderr, highlight=False, markup=False)


class _Printable:
    """A renderable whose text reaches the terminal with its control characters escaped.

    Names and texts come from files: an escape sequence in one (``\\x1b]8;;…``), a C1
    control or a carriage return would act on the terminal. Rich's own styling is kept.
    """

    def __init__(self, inner: RenderableType) -> None:
        self.inner = inner

    def __rich_console__(self, out: Console, options: ConsoleOptions) -> Iterator[Segment]:
        from rich.segment import Segment

        from vendormaturity.sources.outgoing import without_controls

        for segment in out.render(self.inner, options):
            if segment.control or segment.text.isprintable():
                yield segment
            else:
                yield Segment(without_controls(segment.text), segment.style)


def printable_renderable(renderable: RenderableType) -> RenderableType:
    """*renderable* with the control characters of its text escaped, for a terminal or a file."""
    return _Printable(renderable)


def show(renderable: RenderableType, on: Console | None = None) -> None:
    """Print *renderable*; plain output (a pipe, a file) has no trailing spaces."""
    out = on or console()
    if out.is_terminal:
        out.print(_Printable(renderable))
        return
    with out.capture() as captured:
        out.print(_Printable(renderable))
    lines = captured.get().splitlines()
    typer.echo("".join(line.rstrip() + "\n" for line in lines), nl=False)


def load_questionnaire(value: str, lang: str) -> vm.Questionnaire:
    with invalid_input(lang):
        return vm.load_questionnaire(value)


def parse_date(
    value: str | None, lang: str, option: str = "--date", *, accept: bool | None = None
) -> datetime.date:
    """The date of *option*; an assessment's date (*accept* not None) must be one a person meant."""
    if value is None:
        return datetime.date.today()
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            tr("'{value}' is not a date (YYYY-MM-DD)", lang, value=value), param_hint=option
        ) from None
    from vendormaturity.sources.plausibility import implausible_date

    odd = None if accept is None or accept else implausible_date(day)
    if odd is not None:
        raise typer.BadParameter(
            tr("{reason}; correct it, or confirm it with --accept-dates", lang, reason=odd), param_hint=option
        )
    return day


def _version(value: bool) -> None:
    if value:
        typer.echo(f"vendormaturity {vm.__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_version, is_eager=True, help=N_("Print the version and exit.")
        ),
    ] = False,
) -> None:
    """Options common to every command."""
