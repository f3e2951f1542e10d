"""The ``vendormaturity`` command: parse the arguments, call the public API, print.

Rich, Jinja2, pygal and the renderers are imported inside the commands that use them,
so that ``vendormaturity --help`` starts fast and ``import vendormaturity`` never
pulls them in.
"""

from __future__ import annotations

import contextlib
import datetime
import enum
import io
import json
import re
import sys
import tomllib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal, NoReturn

import typer

import vendormaturity as vm

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from vendormaturity.compiled import CompiledQuestion

__all__ = ["app", "main"]

EXIT_OK = 0
EXIT_FAILED = 1  # --fail-on reached, or an output could not be written
EXIT_INVALID = 2  # invalid input or usage
EXIT_INTERRUPTED = 130  # Ctrl-C or end of input during `fill`

_EXIT_CODES = (
    "Exit codes: 0 ok; 1 the --fail-on threshold was reached or an output could not be "
    "written; 2 invalid input or usage (every problem is printed on stderr, located by "
    "file, line and data path); 130 `fill` interrupted (answers are saved)."
)
_REPORT_SUFFIXES = {"terminal": ".txt", "json": ".json", "markdown": ".md", "html": ".html"}
_FILE_WIDTH = 100  # columns of a terminal report written to a file


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


app = typer.Typer(
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
        help="Questionnaire id or file to use instead of the one the response file names.",
    ),
]


# --------------------------------------------------------------------------- plumbing


def _fail(message: str, code: int = EXIT_INVALID) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def _error_text(error: BaseException) -> str:
    if isinstance(error, OSError) and error.filename is not None:
        return f"{error.filename}: {error.strerror or error}"
    return str(error)


@contextlib.contextmanager
def _invalid_input() -> Iterator[None]:
    """Report a library error or an unreadable file as invalid input (exit 2), no traceback."""
    try:
        yield
    except (vm.VendorMaturityError, OSError) as error:
        _fail(_error_text(error), EXIT_INVALID)


def _write(path: Path, text: str) -> None:
    """Write an output atomically; a failure is exit 1, with the reason."""
    from vendormaturity.responses import write_atomic

    try:
        write_atomic(path, text)
    except OSError as error:
        _fail(f"cannot write {path}: {error.strerror or error}", EXIT_FAILED)


def _console(*, stderr: bool = False) -> Console:
    from rich.console import Console

    # Rich leaves out colour when the stream is not a terminal or NO_COLOR is set.
    return Console(stderr=stderr, highlight=False)


def _show(renderable: RenderableType, console: Console | None = None) -> None:
    """Print *renderable*; plain output (a pipe, a file) has no trailing spaces."""
    console = console or _console()
    if console.is_terminal:
        console.print(renderable)
        return
    with console.capture() as captured:
        console.print(renderable)
    lines = captured.get().splitlines()
    typer.echo("".join(line.rstrip() + "\n" for line in lines), nl=False)


def _load_questionnaire(value: str) -> vm.Questionnaire:
    with _invalid_input():
        return vm.load_questionnaire(value)


def _parse_date(value: str | None) -> datetime.date:
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


# --------------------------------------------------------------------------- list, show


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
        q = _load_questionnaire(questionnaire_id)
        table.add_row(
            Text(q.id, style="bold"),
            q.version,
            ", ".join(q.languages),
            str(len(q.questions)),
            Text(label(q.title, lang.value)),
        )
    _show(table)


@app.command(
    help=(
        "Show a questionnaire: its questions grouped by dimension, with who answers them, "
        "their lifecycle stage, reverse scoring and relevance condition; then its scales "
        "and facts."
    ),
    epilog="Example: vendormaturity show pulse --lang fr",
)
def show(
    questionnaire: Annotated[
        str,
        typer.Argument(metavar="QUESTIONNAIRE", help="A bundled questionnaire id or a questionnaire file."),
    ],
    lang: LangOption = Lang.EN,
) -> None:
    """The ``show`` command."""
    from vendormaturity.render.terminal import questionnaire_view

    q = _load_questionnaire(questionnaire)
    _show(questionnaire_view(q, lang.value))


# --------------------------------------------------------------------------- new


@app.command(
    help=(
        "Write an empty response file to fill in an editor: every question and fact as a "
        "commented line with its text and scale, and one client and one supplier respondent."
    ),
    epilog="Example: vendormaturity new pulse --relationship acme-hosting --out acme/2025-06-30.toml",
)
def new(
    questionnaire: Annotated[
        str,
        typer.Argument(metavar="QUESTIONNAIRE", help="A bundled questionnaire id or a questionnaire file."),
    ],
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

    q = _load_questionnaire(questionnaire)
    when = _parse_date(date)
    if out.exists() and not force:
        _fail(f"{out} exists; use --force to overwrite it", EXIT_FAILED)
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
    _write(out, text)
    typer.echo(
        f"Wrote {out}: {len(q.questions)} questions, {len(q.facts)} facts. "
        f"Fill it in, then run: vendormaturity validate {out}"
    )


# --------------------------------------------------------------------------- fill


_ANSWER_HELP = "value or code, Enter = keep, b = back, s = skip, q = quit"
Move = Literal["next", "back", "skip", "quit"]
_MOVES: dict[str, Move] = {
    "b": "back",
    "back": "back",
    "s": "skip",
    "skip": "skip",
    "q": "quit",
    "quit": "quit",
}


class _FillSession:
    """One respondent answering their side's questions, saved after every answer."""

    def __init__(
        self,
        q: vm.Questionnaire,
        *,
        responses: vm.ResponseSet,
        respondent: vm.Respondent,
        out: Path,
        lang: str,
        console: Console,
        read: Callable[[], str],
    ) -> None:
        self.q = q
        self.responses = responses
        self.respondent = respondent
        self.answers: dict[str, int | float | str] = dict(respondent.answers)
        self.out = out
        self.lang = lang
        self.console = console
        self.read = read
        compiled = {question.id: question for question in q.compiled.questions}
        sides = (vm.Side.BOTH, respondent.side)
        self.order = [compiled[question.id] for question in q.questions if question.side in sides]
        self.skipped: set[str] = set()

    # state ---------------------------------------------------------------------------

    def _relevant(self, question: CompiledQuestion) -> bool:
        """False only when the condition is known to be false; missing data means ask."""
        if question.relevant is None:
            return True
        env = {f"answers.{k}": float(v) for k, v in self.answers.items() if not isinstance(v, str)}
        return question.relevant(env) is not False

    def _next(self, position: int) -> int | None:
        for index in range(position + 1, len(self.order)):
            question = self.order[index]
            if question.id in self.answers or question.id in self.skipped:
                continue
            if self._relevant(question):
                return index
        return None

    def _previous(self, position: int) -> int | None:
        for index in range(position - 1, -1, -1):
            if self._relevant(self.order[index]):
                return index
        return None

    def save(self) -> None:
        # An answer that a changed earlier answer made irrelevant would not load: drop it.
        for question in self.order:
            if question.id in self.answers and not self._relevant(question):
                del self.answers[question.id]
        respondent = self.respondent.model_copy(update={"answers": dict(self.answers)})
        people = list(self.responses.respondents)
        ids = [person.id for person in people]
        if respondent.id in ids:
            people[ids.index(respondent.id)] = respondent
        else:
            people.append(respondent)
        self.responses = self.responses.model_copy(update={"respondents": people})
        _write(self.out, vm.dump_responses(self.responses))

    # asking --------------------------------------------------------------------------

    def run(self) -> bool:
        """Ask until every question is answered or skipped (True), or the respondent quits."""
        position = self._next(-1)
        if position is None:
            self.console.print(
                f"Nothing left to answer for {self.respondent.id} in {self.out}.", soft_wrap=True
            )
            return True
        while position is not None:
            move = self._ask(position)
            if move == "quit":
                return False
            if move == "back":
                previous = self._previous(position)
                if previous is None:
                    self.console.print("(this is the first question)", style="yellow")
                position = position if previous is None else previous
                continue
            if move == "skip":
                self.skipped.add(self.order[position].id)
            position = self._next(position)
        answered = sum(1 for question in self.order if question.id in self.answers)
        skipped = f" ({len(self.skipped)} skipped)" if self.skipped else ""
        self.console.print(f"Done: {answered} answers saved in {self.out}{skipped}.", soft_wrap=True)
        return True

    def _ask(self, position: int) -> Move:
        from rich.text import Text

        from vendormaturity.render._view import choice_text
        from vendormaturity.render.texts import label

        compiled = self.order[position]
        question = self.q.questions[compiled.index]
        scale = next(scale for scale in self.q.scales if scale.id == question.scale)
        dimension = next(d for d in self.q.dimensions if d.id == question.dimension)
        asked = [item for item in self.order if self._relevant(item)]
        heading = f"[{asked.index(compiled) + 1}/{len(asked)}] "
        self.console.print()
        self.console.print(
            Text.assemble((heading, "bold"), (label(dimension.label, self.lang), "bright_black"))
        )
        self.console.print(Text.assemble((f"{question.id}  ", "bold cyan"), label(question.text, self.lang)))
        if question.help:
            self.console.print(Text(label(question.help, self.lang), style="italic"))
        options = [choice_text(choice.value, label(choice.label, self.lang)) for choice in scale.choices]
        options += [f"{code.code} {label(code.label, self.lang)}" for code in scale.missing]
        self.console.print(Text("  " + " · ".join(options), style="bright_black"))
        current = self.answers.get(question.id)
        while True:
            hint = f" [{current}]" if current is not None else ""
            self.console.print(Text(f"({_ANSWER_HELP}){hint} > "), end="")
            raw = self.read().strip().lower()
            move = _MOVES.get(raw)
            if move is not None:
                return move
            if raw == "" and current is not None:
                return "next"
            value = _parse_answer(raw, compiled)
            if value is not None:
                self.answers[question.id] = value
                self.save()
                return "next"
            self.console.print(f"'{raw}' is not an answer here: {_ANSWER_HELP}", style="yellow")


def _parse_answer(raw: str, question: CompiledQuestion) -> int | float | str | None:
    """A value on the question's scale, a don't-know code, or None."""
    if raw in question.missing_codes:
        return raw
    try:
        value = float(raw.replace(",", "."))
    except ValueError:
        return None
    if value not in question.choices:
        return None
    return int(value) if value.is_integer() else value


def _respondent_id(value: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9_.@-]+", "-", value.strip()).strip("-._@")[:64]
    if not slug:
        raise typer.BadParameter(
            f"'{value}' gives no usable id (letters, digits, . _ @ -)", param_hint="--respondent"
        )
    return slug


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
    questionnaire: Annotated[
        str,
        typer.Argument(metavar="QUESTIONNAIRE", help="A bundled questionnaire id or a questionnaire file."),
    ],
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
    q = _load_questionnaire(questionnaire)
    person_id = _respondent_id(respondent)
    chosen_side = vm.Side(side.value)
    with _invalid_input():
        person = vm.Respondent(
            id=person_id,
            side=chosen_side,
            role=vm.Role(role.value),
            name=respondent if respondent != person_id else None,
        )
    if out.exists():
        with _invalid_input():
            responses = vm.load_responses(out, q)
        existing = next((r for r in responses.respondents if r.id == person_id), None)
        if existing is not None and existing.side is not chosen_side:
            _fail(f"{out}: respondent '{person_id}' is on the {existing.side.value} side, not {side.value}")
        person = existing or person
    else:
        responses = vm.ResponseSet(
            questionnaire=q.id if questionnaire in vm.bundled_questionnaires() else questionnaire,
            questionnaire_version=q.version,
            relationship=relationship or out.stem,
            client=client,
            supplier=supplier,
            date=_parse_date(date),
            respondents=[person],
        )
    session = _FillSession(
        q,
        responses=responses,
        respondent=person,
        out=out,
        lang=lang.value,
        console=_console(),
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


# --------------------------------------------------------------------------- validate


def _kind_of(path: Path) -> str:
    """``questionnaire``, ``result`` or ``responses``, from what the file holds."""
    try:
        raw = path.read_text(encoding="utf-8")
        document = json.loads(raw) if path.suffix.lower() == ".json" else tomllib.loads(raw)
    except (OSError, ValueError):
        return "responses"  # the loader says precisely what is wrong with the file
    if isinstance(document, dict) and "questions" in document:
        return "questionnaire"
    if isinstance(document, dict) and "phase_scores" in document:
        return "result"
    return "responses"


def _expand(paths: Sequence[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.is_file() and p.suffix in (".toml", ".json")))
        else:
            found.append(path)
    return found


def _check(path: Path, questionnaire: vm.Questionnaire | None) -> str:
    kind = _kind_of(path)
    if kind == "questionnaire":
        q = vm.load_questionnaire(path)
        return f"questionnaire {q.id} {q.version} ({len(q.questions)} questions)"
    if kind == "result":
        result = vm.load_result(path)
        return f"result of {result.relationship} on {result.date}"
    responses = vm.load_responses(path, questionnaire)
    answers = sum(len(r.answers) for r in responses.respondents)
    people = len(responses.respondents)
    return (
        f"responses to {responses.questionnaire} {responses.questionnaire_version}, "
        f"{people} respondent{'s' if people != 1 else ''}, {answers} answer{'s' if answers != 1 else ''}"
    )


@app.command(
    help=(
        "Check questionnaires and response files, told apart by their content, and print "
        "every problem located by file, line and data path. Exit 2 if any file is invalid."
    ),
    epilog="Example: vendormaturity validate questionnaires/pulse.toml examples/acme-hosting",
)
def validate(
    files: Annotated[
        list[Path],
        typer.Argument(metavar="FILE", help="Questionnaire or response files, or folders of them."),
    ],
    questionnaire: QuestionnaireOption = None,
) -> None:
    """The ``validate`` command."""
    q = _load_questionnaire(questionnaire) if questionnaire else None
    paths = _expand(files)
    invalid = 0
    for path in paths:
        try:
            summary = _check(path, q)
        except vm.ValidationError as error:
            invalid += 1
            count = len(error.problems)
            typer.echo(f"invalid  {path}: {count} problem{'s' if count != 1 else ''}")
            for problem in error.problems:
                typer.echo(f"  {problem}")
        except (vm.VendorMaturityError, OSError) as error:
            invalid += 1
            typer.echo(f"invalid  {path}: {_error_text(error).removeprefix(f'{path}: ')}")
        else:
            typer.echo(f"ok       {path}: {summary}")
    count = len(paths)
    typer.echo(f"{count} file{'s' if count != 1 else ''} checked: {count - invalid} valid, {invalid} invalid")
    if invalid:
        raise typer.Exit(EXIT_INVALID)


# --------------------------------------------------------------------------- assess, explain


def _assess(
    path: Path, questionnaire: vm.Questionnaire | None
) -> tuple[vm.AssessmentResult, vm.Questionnaire, vm.ResponseSet]:
    """Assess a response file, or a folder of one relationship's dated files."""
    if path.is_dir():
        current, history = vm.load_history(path, questionnaire)
    else:
        current, history = vm.load_responses(path, questionnaire), []
    q = questionnaire or vm.load_questionnaire(current.questionnaire)
    return vm.assess(q, current, history=history), q, current


def _render(
    result: vm.AssessmentResult,
    form: Format,
    lang: str,
    q: vm.Questionnaire,
    responses: vm.ResponseSet,
) -> str:
    """A report as text: terminal output (plain) for files, JSON, Markdown or HTML."""
    if form is Format.JSON:
        from vendormaturity.render.json import render_json

        return render_json(result)
    if form is Format.MARKDOWN:
        from vendormaturity.render.markdown import render_markdown

        return render_markdown(result, lang=lang, questionnaire=q, responses=responses)
    if form is Format.HTML:
        from vendormaturity.render.html import render_html

        return render_html(result, lang=lang, questionnaire=q, responses=responses)
    from rich.console import Console

    from vendormaturity.render.terminal import report

    buffer = io.StringIO()
    plain = Console(file=buffer, width=_FILE_WIDTH, highlight=False, color_system=None, force_terminal=False)
    plain.print(report(result, lang, q))
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


def _slug(value: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", value).strip("-.") or "relationship"


def _stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


def _progress(paths: Sequence[Path]) -> Iterator[Path]:
    """The paths, with a progress bar on stderr when there are several and it is a terminal."""
    if len(paths) < 2 or not _stderr_is_terminal():
        yield from paths
        return
    from rich.progress import track

    yield from track(paths, description="Assessing", console=_console(stderr=True), transient=True)


@app.command(
    help=(
        "Assess relationships: the phase with its probabilities and confidence, the "
        "dimensions per side with their gaps, the findings, the improvement plan and the "
        "follow-up of the previous one.\n\n"
        "PATH is a response file, or a folder of one relationship's dated response files: "
        "the newest is assessed and the older ones are its history. With several PATHs, "
        "--out is a folder that receives one report per relationship."
    ),
    epilog=("Example: vendormaturity assess examples/acme-hosting --format html --lang fr --out acme.html"),
)
def assess(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="PATH",
            help="Response files, or folders of one relationship's dated response files.",
        ),
    ],
    *,
    form: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.TERMINAL,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Write the report here (a folder when there are several PATHS)."),
    ] = None,
    lang: LangOption = Lang.EN,
    questionnaire: QuestionnaireOption = None,
    fail_on: Annotated[
        SeverityLevel | None,
        typer.Option(help="Exit 1 if a finding is at least this severe (for CI and scripts)."),
    ] = None,
) -> None:
    """The ``assess`` command."""
    many = len(paths) > 1
    if many and out is not None and out.exists() and not out.is_dir():
        _fail(f"--out {out} must be a folder when several PATHS are given")
    if many and out is None and form is Format.HTML:
        _fail("--format html with several PATHS needs --out FOLDER (one report per relationship)")
    q = _load_questionnaire(questionnaire) if questionnaire else None
    if many and out is not None:
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            _fail(f"cannot create {out}: {error.strerror or error}", EXIT_FAILED)
    invalid = False
    worst = -1
    reports: list[str] = []
    written: set[Path] = set()
    for path in _progress(paths):
        try:
            result, used, responses = _assess(path, q)
        except (vm.VendorMaturityError, OSError) as error:
            typer.echo(f"error: {_error_text(error)}", err=True)
            invalid = True
            continue
        worst = max([worst, *(finding.severity.rank for finding in result.findings)])
        if out is None and form is Format.TERMINAL:
            from rich.rule import Rule

            from vendormaturity.render.terminal import report

            if reports:
                _show(Rule())
            _show(report(result, lang.value, used))
            reports.append("")
            continue
        text = _render(result, form, lang.value, used, responses)
        if out is None:
            reports.append(text)
            continue
        target = out
        if out.is_dir():
            target = out / (_slug(result.relationship) + _REPORT_SUFFIXES[form.value])
            if target in written:
                target = target.with_name(f"{target.stem}-{result.date}{target.suffix}")
        written.add(target)
        _write(target, text)
        typer.echo(f"wrote {target}", err=True)
    if out is None and form is not Format.TERMINAL and reports:
        if form is Format.JSON and many:
            typer.echo("[\n" + ",\n".join(reports) + "\n]")
        elif form is Format.JSON:
            typer.echo(reports[0])
        else:
            typer.echo("\n---\n\n".join(reports), nl=False)
    if invalid:
        raise typer.Exit(EXIT_INVALID)
    if fail_on is not None and worst >= vm.Severity(fail_on.value).rank:
        typer.echo(f"a finding is {fail_on.value} or more severe (--fail-on {fail_on.value})", err=True)
        raise typer.Exit(EXIT_FAILED)


@app.command(
    help=(
        "Explain an assessment: every phase rule that applied with its weight, contribution "
        "and evidence; the rules that did not apply or lacked data; each finding's "
        "conditions with values and thresholds; the stage-sum baseline beside the phase."
    ),
    epilog="Example: vendormaturity explain examples/acme-hosting --lang fr",
)
def explain(
    path: Annotated[
        Path, typer.Argument(metavar="PATH", help="A response file, or a folder of one relationship's files.")
    ],
    *,
    lang: LangOption = Lang.EN,
    questionnaire: QuestionnaireOption = None,
) -> None:
    """The ``explain`` command."""
    from vendormaturity.render.terminal import explanation

    q = _load_questionnaire(questionnaire) if questionnaire else None
    with _invalid_input():
        result, used, _ = _assess(path, q)
    _show(explanation(result, used, lang.value))


# --------------------------------------------------------------------------- schema


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
    from vendormaturity.schemas import json_schema_text

    typer.echo(json_schema_text(kind.value), nl=False)


def main() -> None:
    """Run the ``vendormaturity`` command."""
    app(prog_name="vendormaturity")
