"""``vendormaturity portfolio …``: every relationship's assessments over time, in one database.

The database is a SQLite file in the working folder by default (``vendormaturity.db``),
or any SQLAlchemy URL given with ``--db`` or ``VENDORMATURITY_DB`` (a team shares a
PostgreSQL database: ``postgresql://host/db``). SQLAlchemy, Alembic and Rich are imported
inside the commands.
"""

from __future__ import annotations

import datetime
import enum
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

import vendormaturity as vm
from vendormaturity.cli._app import (
    EXIT_FAILED,
    EXIT_INVALID,
    LangOption,
    _Typer,
    app,
    console,
    env_language,
    error_text,
    fail,
    load_questionnaire,
    parse_date,
    refuse_overwrite,
    show,
    write,
    written_by_vendormaturity,
)
from vendormaturity.errors import printable
from vendormaturity.i18n import N_, ntr, ptr, tr, translate
from vendormaturity.sources.outgoing import file_stem, neutral_csv

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress as RichProgress
    from rich.table import Table

    from vendormaturity.render.texts import Labels
    from vendormaturity.store.views import Change, Correction, Line, Trajectory

__all__ = ["portfolio"]

portfolio = _Typer(
    name="portfolio",
    help=N_(
        "Every relationship's assessments over time in one database (SQLite by "
        "default, PostgreSQL for a team): add response files, list the "
        "supplier base, follow one relationship, write the portfolio report, "
        "reassess with a new questionnaire."
    ),
    epilog=N_("Example: vendormaturity portfolio add examples/ --db portfolio.db"),
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(portfolio)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="VENDORMATURITY_DB",
        metavar="FILE|URL",
        help=N_(
            "Database: a SQLite file or a URL such as postgresql://host/db (or set "
            "VENDORMATURITY_DB). Default: vendormaturity.db in the working folder."
        ),
        show_default=False,
    ),
]
_ARROWS = {"up": "↑", "down": "↓", "steady": "→", "new": "·"}


class ListFormat(enum.StrEnum):
    TERMINAL = "terminal"
    JSON = "json"
    CSV = "csv"


class ShowFormat(enum.StrEnum):
    TERMINAL = "terminal"
    JSON = "json"


class ResponsesFormat(enum.StrEnum):
    TOML = "toml"
    JSON = "json"


class ReportFormat(enum.StrEnum):
    HTML = "html"


class PhaseChoice(enum.StrEnum):
    FORMING = "forming"
    STORMING = "storming"
    NORMING = "norming"
    PERFORMING = "performing"
    ADJOURNING = "adjourning"


# --------------------------------------------------------------------------- plumbing


def _open(db: str | None, lang: str, *, create: bool = False) -> vm.Portfolio:
    try:
        return vm.Portfolio(db, create=create)
    except vm.VendorMaturityError as error:
        fail(error_text(error, lang), lang=lang)


def _stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


class _Progress:
    """A Rich progress bar on stderr when it is a terminal; with --verbose, a line per relationship."""

    def __init__(self, *, verbose: bool = False) -> None:
        self.verbose = verbose
        self.bar: RichProgress | None = None

    def start(self, description: str, total: int) -> None:
        if total < 2 or not _stderr_is_terminal():
            return
        from rich.progress import Progress

        if self.bar is None:
            self.bar = Progress(console=console(stderr=True), transient=True)
            self.bar.start()
        self.task = self.bar.add_task(description, total=total)

    def advance(self, steps: int = 1) -> None:
        if self.bar is not None:
            self.bar.advance(self.task, steps)

    def note(self, message: str) -> None:
        if not self.verbose:
            return
        if self.bar is not None:
            self.bar.console.print(printable(message, lines=True), markup=False, highlight=False)
        else:
            typer.echo(printable(message, lines=True), err=True)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()


class _Run:
    """Open the portfolio, report library errors as invalid input (exit 2), close it."""

    def __init__(self, db: str | None, lang: str, *, create: bool = False, verbose: bool = False) -> None:
        self.db, self.lang, self.create = db, lang, create
        self.progress = _Progress(verbose=verbose)

    def __enter__(self) -> vm.Portfolio:
        self.portfolio = _open(self.db, self.lang, create=self.create)
        return self.portfolio

    def __exit__(self, kind: object, error: BaseException | None, _: object) -> None:
        self.progress.stop()
        self.portfolio.close()
        if isinstance(error, vm.ValidationError):
            summary = translate(error.summary, self.lang) if error.summary else tr("invalid input", self.lang)
            typer.echo(tr("error: {message}", self.lang, message=summary), err=True)
            for problem in error.problems:
                typer.echo(f"  {problem.translated(self.lang)}", err=True)
            raise typer.Exit(EXIT_INVALID)
        if isinstance(error, vm.VendorMaturityError | OSError):
            fail(error_text(error, self.lang), lang=self.lang)


def _wide() -> Console:
    """The terminal as it is; into a pipe or a file, wide enough that no name is cut."""
    from rich.console import Console

    out = console()
    return out if out.is_terminal else Console(width=400, highlight=False, color_system=None, markup=False)


# --------------------------------------------------------------------------- init, add


@portfolio.command(
    help=N_(
        "Create the portfolio in an empty database, or upgrade an older one. A "
        "foreign database, or one of a newer schema, is refused and left "
        "untouched."
    ),
    epilog=N_("Example: vendormaturity portfolio init --db postgresql://db.example/portfolio"),
)
def init(db: DbOption = None) -> None:
    """The ``portfolio init`` command."""
    with _Run(db, env_language(), create=True) as store:
        typer.echo(store.init())


@portfolio.command(
    help=N_(
        "Add response files, or folders of them (their dated files, at any "
        "depth), and assess each new round with the relationship's earlier "
        "rounds as history. The same response set twice is stored once. One "
        "transaction: if any file is invalid, every problem is printed and "
        "nothing is added (exit 2)."
    ),
    epilog=N_("Example: vendormaturity portfolio add examples/"),
)
def add(
    paths: Annotated[
        list[Path], typer.Argument(metavar="PATH", help=N_("Response files or folders of them."))
    ],
    db: DbOption = None,
    questionnaire: Annotated[
        str | None,
        typer.Option(
            "--questionnaire",
            "-q",
            metavar="ID|FILE",
            help=N_("Questionnaire id or file to check and assess against."),
        ),
    ] = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help=N_("Print each relationship assessed."))
    ] = False,
    workers: Annotated[
        int | None,
        typer.Option(
            min=1,
            metavar="N",
            help=N_("Processes that read and assess files (default: one per core, for 500 files or more)."),
        ),
    ] = None,
) -> None:
    """The ``portfolio add`` command."""
    from vendormaturity.sources.listing import expand
    from vendormaturity.store.processes import start_server, workers_for

    lang = env_language()
    try:
        files = expand(paths)
    except vm.VendorMaturityError as error:
        fail(error_text(error, lang), lang=lang)
    chosen = workers_for(workers, len(files))
    if chosen > 1:
        start_server()  # (it loads what the workers run while this process opens the store)
    q = load_questionnaire(questionnaire, lang) if questionnaire else None
    run = _Run(db, lang, create=True, verbose=verbose)
    with run as store:
        summary = store.add(files, questionnaire=q, progress=run.progress, workers=chosen)
    typer.echo(
        tr(
            "{sets} {already} of {relationships}; {results}",
            lang,
            sets=ntr("added {count} response set", "added {count} response sets", summary.added, lang),
            already=ntr("({count} already stored)", "({count} already stored)", summary.duplicates, lang),
            relationships=ntr(
                "{count} relationship", "{count} relationships", len(summary.relationships), lang
            ),
            results=ntr("{count} result computed", "{count} results computed", summary.assessed, lang),
        )
    )
    if summary.retired:
        typer.echo(
            ntr(
                "{count} of the response sets already stored is a round superseded or removed: "
                "it is not added again",
                "{count} of the response sets already stored are rounds superseded or removed: "
                "they are not added again",
                summary.retired,
                lang,
            )
        )


# --------------------------------------------------------------------------- list


@portfolio.command(
    name="list",
    help=N_(
        "One line per relationship: newest phase, trend (↑ ↓ → · for a first "
        "round), open findings and overdue actions. Filter by segment, phase "
        "or pattern."
    ),
    epilog=N_("Example: vendormaturity portfolio list --segment strategic --pattern stuck_in_norming"),
)
def list_(
    *,
    db: DbOption = None,
    segment: Annotated[str | None, typer.Option(help=N_("Only this segment (e.g. strategic)."))] = None,
    phase: Annotated[
        PhaseChoice | None, typer.Option(help=N_("Only relationships in this phase now."))
    ] = None,
    pattern: Annotated[str | None, typer.Option(help=N_("Only those with this finding now."))] = None,
    form: Annotated[
        ListFormat, typer.Option("--format", "-f", help=N_("Output format."))
    ] = ListFormat.TERMINAL,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", metavar="DATE", help=N_("Count overdue actions at this date (YYYY-MM-DD).")),
    ] = None,
    every: Annotated[
        bool,
        typer.Option(
            "--all",
            help=N_(
                "At a terminal, list every relationship; without it, a long list stops after a "
                "screenful and says how many are left."
            ),
        ),
    ] = False,
) -> None:
    """The ``portfolio list`` command."""
    lang = env_language()
    day = parse_date(as_of, lang, "--as-of")
    screen = _screenful() if form is ListFormat.TERMINAL and not every else None
    with _Run(db, lang) as store:
        if screen is not None and phase is None and pattern is None:
            lines, total = store.first_lines(screen, segment=segment, as_of=day)  # the same at any size
        else:
            lines = store.lines(
                segment=segment, phase=phase.value if phase else None, pattern=pattern, as_of=day
            )
            total = len(lines)
    if form is ListFormat.JSON:
        typer.echo(json.dumps([line.as_dict() for line in lines], ensure_ascii=False, indent=2))
    elif form is ListFormat.CSV:
        typer.echo(_csv(lines), nl=False)
    else:
        _print_list(lines[:screen] if screen is not None else lines, total, lang)


def _csv(lines: list[Line]) -> str:
    fields = [
        "relationship",
        "client",
        "supplier",
        "segment",
        "phase",
        "trend",
        "date",
        "rounds",
        "overall_mean",
        "open_findings",
        "patterns",
        "overdue_actions",
        "stuck_since",
        "contract_start",
        "renewal_date",
    ]
    rows = []
    for line in lines:
        row = line.as_dict()
        row["patterns"] = " ".join(row["patterns"])
        rows.append(row)
    return neutral_csv(rows, fields)


_LIST_RIGHT = frozenset({5, 6})  # findings, overdue: counts, aligned right
_KEY_MIN = 12  # the narrowest the relationship column gets on a narrow terminal


def _screenful() -> int | None:
    """The lines of the list a terminal shows at once; None when the output is not a terminal."""
    out = console()
    return max(10, out.size.height - 4) if out.is_terminal else None


def _print_list(lines: list[Line], total: int, lang: str) -> None:
    """*lines* of the *total* as a table, and how many are left out.

    Laid out here in one pass over the lines, a table of 5,000 relationships takes a few
    milliseconds, where a Rich table measures and wraps every cell.
    """
    from vendormaturity.render.texts import name

    out = console()
    page = len(lines)
    rows = [
        (
            printable(line.relationship.key),
            printable(name("segment", line.relationship.segment, lang)) if line.relationship.segment else "",
            name("phase", line.phase, lang),
            _ARROWS[line.trend],
            line.date.isoformat(),
            str(line.open_findings),
            str(line.overdue_actions),
        )
        for line in lines
    ]
    headers = (
        tr("relationship", lang),
        tr("segment", lang),
        tr("phase", lang),
        tr("trend", lang),
        tr("newest", lang),
        tr("findings", lang),
        tr("overdue", lang),
    )
    table = _layout(headers, rows, _LIST_RIGHT, out.size.width if out.is_terminal else None)
    width = max((len(row) for row in table), default=0)
    caption = ntr("{count} relationship", "{count} relationships", total, lang).center(width).rstrip()
    rest = total - page
    if out.is_terminal:
        from rich.text import Text

        out.print(Text(table[0], style="bold"), highlight=False, soft_wrap=True)
        out.file.write("".join(row + "\n" for row in table[1:]))
        out.file.flush()
    else:
        typer.echo("".join(row + "\n" for row in table), nl=False)
    typer.echo(caption)
    if rest:
        typer.echo(
            ntr(
                "… and {count} more: --all lists every one; --segment, --phase or --pattern narrow the list",
                "… and {count} more: --all lists them all; --segment, --phase or --pattern narrow the list",
                rest,
                lang,
            )
        )


def _layout(
    headers: Sequence[str], rows: Sequence[Sequence[str]], right: frozenset[int], width: int | None
) -> list[str]:
    """A header and rows in columns two spaces apart, no trailing space; the first column cut
    (with "…") when the table would be wider than *width*."""
    from rich.cells import cell_len, set_cell_size

    widths = [
        max([cell_len(header), *(cell_len(row[index]) for row in rows)])
        for index, header in enumerate(headers)
    ]
    overflow = sum(widths) + 2 * (len(widths) - 1) - (width or 0)
    if width is not None and overflow > 0:
        widths[0] = max(_KEY_MIN, widths[0] - overflow)

    def cell(value: str, index: int) -> str:
        if cell_len(value) > widths[index]:
            value = set_cell_size(value, widths[index] - 1) + "…"
        padding = " " * (widths[index] - cell_len(value))
        return padding + value if index in right else value + padding

    return [
        "  ".join(cell(value, index) for index, value in enumerate(row)).rstrip() for row in (headers, *rows)
    ]


# --------------------------------------------------------------------------- show, compare


@portfolio.command(
    name="show",
    help=N_(
        "A relationship's trajectory: phase and dimension scores round by "
        "round, what changed between the last two rounds, and its open actions."
    ),
    epilog=N_("Example: vendormaturity portfolio show acme-hosting"),
)
def show_(
    relationship: Annotated[str, typer.Argument(metavar="RELATIONSHIP", help=N_("The relationship's id."))],
    db: DbOption = None,
    form: Annotated[
        ShowFormat, typer.Option("--format", "-f", help=N_("Output format."))
    ] = ShowFormat.TERMINAL,
    as_of: Annotated[
        str | None, typer.Option("--as-of", metavar="DATE", help=N_("Mark actions overdue at this date."))
    ] = None,
) -> None:
    """The ``portfolio show`` command."""
    lang = env_language()
    day = parse_date(as_of, lang, "--as-of")
    with _Run(db, lang) as store:
        trajectory = store.trajectory(relationship)
    if form is ShowFormat.JSON:
        typer.echo(json.dumps(_trajectory_json(trajectory, day), ensure_ascii=False, indent=2))
        return
    out = _wide()
    for renderable in _trajectory_view(trajectory, day, lang):
        show(renderable, on=out)


@portfolio.command(
    help=N_(
        "What changed for a relationship between two dates: the round in force "
        "at --from against the round in force at --to (phase, dimension "
        "scores, findings)."
    ),
    epilog=N_("Example: vendormaturity portfolio compare acme-hosting --from 2024-01-01 --to 2026-12-31"),
)
def compare(
    relationship: Annotated[str, typer.Argument(metavar="RELATIONSHIP", help=N_("The relationship's id."))],
    start: Annotated[str, typer.Option("--from", metavar="DATE", help=N_("The earlier date (YYYY-MM-DD)."))],
    end: Annotated[str, typer.Option("--to", metavar="DATE", help=N_("The later date (YYYY-MM-DD)."))],
    db: DbOption = None,
    form: Annotated[
        ShowFormat, typer.Option("--format", "-f", help=N_("Output format."))
    ] = ShowFormat.TERMINAL,
) -> None:
    """The ``portfolio compare`` command."""
    lang = env_language()
    first, last = parse_date(start, lang, "--from"), parse_date(end, lang, "--to")
    if last < first:
        fail(tr("--to {end} is before --from {start}", lang, end=last, start=first), lang=lang)
    with _Run(db, lang) as store:
        change = store.compare(relationship, first, last)
    if form is ShowFormat.JSON:
        typer.echo(json.dumps(_change_json(change), ensure_ascii=False, indent=2))
        return
    show(_change_table(change, _labels(change.after.questionnaire, lang), lang), on=_wide())


def _round_json(round_: Any) -> dict[str, Any]:
    return {
        "date": round_.date.isoformat(),
        "version": round_.version,
        "phase": round_.phase.value,
        "confidence": round_.confidence,
        "overall_mean": round_.overall_mean,
        "scores": round_.scores,
        "patterns": list(round_.patterns),
        "questionnaire": round_.questionnaire,
        "questionnaire_version": round_.questionnaire_version,
    }


def _change_json(change: Change) -> dict[str, Any]:
    return {
        "from": _round_json(change.before),
        "to": _round_json(change.after),
        "phase_changed": change.phase_changed,
        "scores": change.scores,
        "appeared": list(change.appeared),
        "resolved": list(change.resolved),
    }


def _trajectory_json(trajectory: Trajectory, day: datetime.date) -> dict[str, Any]:
    r = trajectory.relationship
    return {
        "relationship": r.key,
        "client": r.client,
        "supplier": r.supplier,
        "segment": r.segment,
        "contract_start": r.contract_start.isoformat() if r.contract_start else None,
        "renewal_date": r.renewal_date.isoformat() if r.renewal_date else None,
        "rounds": [_round_json(round_) for round_ in trajectory.rounds],
        "corrections": [correction.as_dict() for correction in trajectory.corrections],
        "last_change": _change_json(trajectory.change) if trajectory.change else None,
        "open_actions": [
            {
                "action": a.action,
                "since": a.since.isoformat(),
                "horizon": a.horizon,
                "due": a.due.isoformat() if a.due else None,
                "status": a.status,
                "overdue": a.overdue(day),
            }
            for a in trajectory.open_actions
        ],
    }


def _labels(questionnaire: str, lang: str) -> Labels:
    """The labels of a bundled questionnaire; the ids themselves for one that is not at hand."""
    from vendormaturity.render.texts import Labels

    if questionnaire not in vm.bundled_questionnaires():
        return Labels()
    return Labels.of(vm.load_questionnaire(questionnaire), lang)


def _trajectory_view(trajectory: Trajectory, day: datetime.date, lang: str) -> Iterator[Any]:
    from rich.table import Table

    from vendormaturity.render.texts import name, number

    r = trajectory.relationship
    labels = _labels(trajectory.rounds[-1].questionnaire, lang) if trajectory.rounds else _labels("", lang)
    facts = [tr("{key}: {client} / {supplier}", lang, key=r.key, client=r.client, supplier=r.supplier)]
    if r.segment:
        facts.append(tr("segment {segment}", lang, segment=name("segment", r.segment, lang).lower()))
    if r.contract_start:
        facts.append(tr("since {date}", lang, date=r.contract_start.isoformat()))
    if r.renewal_date:
        facts.append(tr("renewal {date}", lang, date=r.renewal_date.isoformat()))
    yield ", ".join(facts)
    table = Table(
        box=None,
        pad_edge=False,
        header_style="bold",
        title=tr("rounds", lang),
        title_justify="left",
    )
    dimensions = sorted({d for round_ in trajectory.rounds for d in round_.scores})
    table.add_column(tr("dimension", lang))
    for round_ in trajectory.rounds:
        table.add_column(_round_name(round_.date, round_.version), justify="right")
    table.add_row(tr("phase", lang), *(name("phase", round_.phase, lang) for round_ in trajectory.rounds))
    table.add_row(
        tr("overall", lang),
        *(number(round_.overall_mean, lang) for round_ in trajectory.rounds),
    )
    for dimension in dimensions:
        table.add_row(
            labels.dimension(dimension),
            *(number(round_.scores.get(dimension), lang) for round_ in trajectory.rounds),
        )
    table.add_row(tr("findings", lang), *(str(len(round_.patterns)) for round_ in trajectory.rounds))
    yield table
    if trajectory.change is not None:
        yield _change_table(trajectory.change, labels, lang)
    if trajectory.open_actions:
        actions = Table(
            box=None,
            pad_edge=False,
            header_style="bold",
            title=tr("open actions", lang),
            title_justify="left",
        )
        for column in (
            tr("action", lang),
            tr("since", lang),
            tr("horizon", lang),
            tr("due", lang),
            tr("status", lang),
        ):
            actions.add_column(column)
        actions.add_column("")
        overdue = tr("overdue", lang)
        for a in trajectory.open_actions:
            due = a.due.isoformat() if a.due else tr("at renewal", lang)
            actions.add_row(
                labels.action(a.action),
                a.since.isoformat(),
                name("horizon_short", a.horizon, lang),
                due,
                name("status", a.status, lang),
                overdue if a.overdue(day) else "",
            )
        yield actions
    yield from _corrections_view(trajectory.corrections, lang)


def _round_name(date: datetime.date, version: int) -> str:
    """A round as shown: its date, and its version once it was corrected (``2026-09-15 v2``)."""
    return date.isoformat() if version == 1 else _versioned(date, version)


def _versioned(date: datetime.date, version: int) -> str:
    """One version of a round, always with its number (``2026-09-15 v1``)."""
    return f"{date.isoformat()} v{version}"


def _corrections_view(corrections: Sequence[Correction], lang: str) -> Iterator[str]:
    """What was corrected, so that the reader knows which version of a round is shown."""
    if not corrections:
        return
    yield tr("corrections (portfolio audit lists them all; portfolio responses shows any version):", lang)
    for c in corrections:
        values = {
            "at": _when(c.at),
            "actor": c.actor,
            "round": _versioned(c.date, c.version),
            "reason": c.reason,
        }
        if c.replacement is None:
            yield tr("  {at} {actor} removed the round {round}: {reason}", lang, **values)
        else:
            yield tr(
                "  {at} {actor} superseded {round} with {replacement}: {reason}",
                lang,
                replacement=_versioned(*c.replacement),
                **values,
            )


def _when(at: datetime.datetime) -> str:
    """A time of the audit, in UTC to the minute."""
    return at.strftime("%Y-%m-%d %H:%M UTC")


def _change_table(change: Change, labels: Labels, lang: str) -> Table:
    from rich.table import Table

    from vendormaturity.render.texts import name, number, signed

    before, after = change.before, change.after
    table = Table(
        box=None,
        pad_edge=False,
        header_style="bold",
        title=tr(
            "changes from {start} to {end}", lang, start=before.date.isoformat(), end=after.date.isoformat()
        ),
        title_justify="left",
    )
    table.add_column("", justify="left")
    for column in (tr("from", lang), tr("to", lang), tr("change", lang)):
        table.add_column(column, justify="right")
    table.add_row(
        tr("phase", lang),
        name("phase", before.phase, lang),
        name("phase", after.phase, lang),
        tr("changed", lang) if change.phase_changed else tr("same", lang),
    )
    table.add_row(
        tr("overall", lang),
        number(before.overall_mean, lang),
        number(after.overall_mean, lang),
        signed(
            None
            if before.overall_mean is None or after.overall_mean is None
            else after.overall_mean - before.overall_mean,
            lang,
        ),
    )
    for dimension, delta in change.scores.items():
        table.add_row(
            labels.dimension(dimension),
            number(before.scores.get(dimension), lang),
            number(after.scores.get(dimension), lang),
            signed(delta, lang),
        )
    none = tr("none", lang)
    appeared = tr(", ", lang).join(map(labels.pattern, change.appeared)) or none
    resolved = tr(", ", lang).join(map(labels.pattern, change.resolved)) or none
    table.add_row(tr("findings appeared", lang), "", "", appeared)
    table.add_row(tr("findings resolved", lang), "", "", resolved)
    return table


# --------------------------------------------------------------------------- report


@portfolio.command(
    help=N_(
        "Write the portfolio report: one self-contained HTML page for triage (the "
        "relationships that need attention, ranked by severity, segment and trend; "
        "renewals; norming; the phase mix per quarter; a heat map; a table of every "
        "relationship that sorts, filters and searches), and beside it the own report "
        "of every relationship, which the page links to and which links back."
    ),
    epilog=N_("Example: vendormaturity portfolio report --format html --out portfolio-report"),
)
def report(
    *,
    out: Annotated[
        Path,
        typer.Option(
            "--out", "-o", metavar="FOLDER", help=N_("Folder to write index.html and the reports into.")
        ),
    ],
    db: DbOption = None,
    form: Annotated[
        ReportFormat, typer.Option("--format", "-f", help=N_("Output format."))
    ] = ReportFormat.HTML,
    lang: LangOption = "en",
    top: Annotated[
        int,
        typer.Option(min=1, metavar="N", help=N_("Relationships shown in each list (the rest are counted).")),
    ] = 10,
    rows: Annotated[
        int | None,
        typer.Option(
            min=1,
            metavar="N",
            help=N_(
                "Rows a long table shows before its reader asks for more (all are in the page; default 50)."
            ),
        ),
    ] = None,
    watch: Annotated[
        list[str] | None,
        typer.Option(
            metavar="PATTERN",
            help=N_(
                "Patterns that put a relationship in the attention list whatever their severity (repeatable)."
            ),
        ),
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", metavar="DATE", help=N_("Count overdue actions at this date."))
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help=N_("Overwrite files in FOLDER that are not pages of a report."))
    ] = False,
) -> None:
    """The ``portfolio report`` command."""
    from vendormaturity.render.html import Standing, render_html
    from vendormaturity.render.portfolio import PAGE, portfolio_page
    from vendormaturity.render.texts import name
    from vendormaturity.sources.questionnaires import segment_order

    del form  # HTML is the only format of the page
    language = lang
    day = parse_date(as_of, language, "--as-of")
    run = _Run(db, language)
    with run as store:
        keys = store.relationships()
        links = {key: f"relationships/{file_stem(key)}.html" for key in keys}
        for page_path in [out / "index.html", *(out / link for link in links.values())]:
            refuse_overwrite(page_path, force=force, lang=language, ours=written_by_vendormaturity)
        _folder(out / "relationships", language)
        built = portfolio_page(
            store,
            as_of=day,
            links=lambda key: f"relationships/{file_stem(key)}.html",
            lang=language,
            labels=_bundled_labels(language),
            segments=segment_order(),
            top=top,
            watch=watch or (),
            page=rows or PAGE,
        )
        run.progress.start(tr("Writing reports", language), len(built.lines))
        for line in built.lines:
            key = line.relationship.key
            result, responses = built.assessed[key]
            q = _questionnaire_for(result)
            owners = {action.id: name("owner", action.owner, language) for action in result.plan.actions}
            titles = _action_titles(result, q, language)
            standing = Standing(
                back="../index.html",
                as_of=day,
                overdue=tuple(
                    (titles.get(action.action, action.action), owners.get(action.action, ""), action.due)
                    for action in built.opened.get(key, [])
                    if action.due is not None and action.overdue(day)
                ),
                renewal=line.relationship.renewal_date,
            )
            page = render_html(result, lang=language, questionnaire=q, responses=responses, standing=standing)
            write(out / f"relationships/{file_stem(key)}.html", page, lang=language)
            run.progress.advance()
        write(out / "index.html", built.html, lang=language)
    reports = ntr("{count} relationship report", "{count} relationship reports", len(keys), language)
    typer.echo(
        tr("wrote {index} and {reports}", language, index=out / "index.html", reports=reports), err=True
    )


def _action_titles(result: vm.AssessmentResult, q: vm.Questionnaire | None, lang: str) -> dict[str, str]:
    """The title of each action the result knows of: its questionnaire's, else the plan's and
    the follow-up's own (the bundled questionnaires may give one id another title)."""
    from vendormaturity.render.texts import Labels, label

    titles = dict(Labels.of(q, lang).actions) if q is not None else {}
    titles.update((item.action, label(item.title, lang)) for item in result.plan.followup if item.title)
    titles.update((action.id, label(action.title, lang)) for action in result.plan.actions)
    return titles


def _bundled_labels(lang: str) -> Labels:
    """The labels of every bundled questionnaire, the first one's where two use the same id."""
    from vendormaturity.render.texts import Labels

    every = [_labels(questionnaire, lang) for questionnaire in reversed(vm.bundled_questionnaires())]
    return Labels(
        dimensions={key: value for labels in every for key, value in labels.dimensions.items()},
        patterns={key: value for labels in every for key, value in labels.patterns.items()},
        actions={key: value for labels in every for key, value in labels.actions.items()},
    )


def _folder(path: Path, lang: str) -> None:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        fail(
            tr("cannot create {path}: {reason}", lang, path=path, reason=error.strerror or error),
            EXIT_FAILED,
            lang=lang,
        )


def _questionnaire_for(result: vm.AssessmentResult) -> vm.Questionnaire | None:
    """The bundled questionnaire of the result's version, for labels; None if it is not bundled."""
    if result.questionnaire not in vm.bundled_questionnaires():
        return None
    q = vm.load_questionnaire(result.questionnaire)
    return q if q.version == result.questionnaire_version else None


# --------------------------------------------------------------------------- reassess


@portfolio.command(
    help=N_(
        "Assess every stored round again with a new questionnaire version, "
        "keeping the older results, and list the relationships whose newest "
        "phase changed."
    ),
    epilog=N_("Example: vendormaturity portfolio reassess --questionnaire relationship-1.1.toml"),
)
def reassess(
    questionnaire: Annotated[
        str,
        typer.Option(
            "--questionnaire",
            "-q",
            metavar="ID|FILE",
            help=N_("The questionnaire id or file to assess with."),
        ),
    ],
    db: DbOption = None,
) -> None:
    """The ``portfolio reassess`` command."""
    lang = env_language()
    q = load_questionnaire(questionnaire, lang)
    run = _Run(db, lang)
    with run as store:
        summary = store.reassess(q, progress=run.progress, workers=None)
    skipped = (
        ntr(
            " ({count} answered to another questionnaire, skipped)",
            " ({count} answered to another questionnaire, skipped)",
            summary.skipped,
            lang,
        )
        if summary.skipped
        else ""
    )
    typer.echo(
        tr(
            "{rounds} of {relationships} with {questionnaire} {version}{skipped}",
            lang,
            rounds=ntr("reassessed {count} round", "reassessed {count} rounds", summary.assessed, lang),
            relationships=ntr("{count} relationship", "{count} relationships", summary.relationships, lang),
            questionnaire=summary.questionnaire,
            version=summary.version,
            skipped=skipped,
        )
    )
    if not summary.changed:
        typer.echo(tr("no relationship changed phase", lang))
        return
    typer.echo(
        ntr(
            "{count} relationship changed phase:",
            "{count} relationships changed phase:",
            len(summary.changed),
            lang,
        )
    )
    for change in summary.changed:
        typer.echo(
            tr(
                "  {relationship} ({date}): {before} → {after}",
                lang,
                relationship=change.relationship,
                date=change.date,
                before=change.before.value,
                after=change.after.value,
            )
        )


# --------------------------------------------------------------------------- corrections

ReasonOption = Annotated[
    str,
    typer.Option("--reason", metavar="TEXT", help=N_("Why the round is corrected: kept in the audit.")),
]
ByOption = Annotated[
    str | None,
    typer.Option(
        "--by", metavar="NAME", help=N_("Who corrects it, kept in the audit (default: your user name).")
    ),
]


@portfolio.command(
    help=N_(
        "Correct a stored round with a corrected response file (or the folder of the round's "
        "workbooks): it becomes the version in force, the version it replaces is kept, superseded, "
        "and the round and those after it are assessed again. Who, when and why go in the audit."
    ),
    epilog=N_(
        "Example: vendormaturity portfolio supersede acme-hosting corrected/2026-09-15.toml "
        '--reason "late workbook from the supplier"'
    ),
)
def supersede(
    relationship: Annotated[str, typer.Argument(metavar="RELATIONSHIP", help=N_("The relationship's id."))],
    path: Annotated[
        Path,
        typer.Argument(
            metavar="PATH",
            help=N_("The corrected response file, or the folder of the round's workbooks."),
        ),
    ],
    *,
    reason: ReasonOption,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="DATE",
            help=N_(
                "The date of the round to correct, when the correction changes it "
                "(default: the date of the corrected response set)."
            ),
        ),
    ] = None,
    by: ByOption = None,
    db: DbOption = None,
    questionnaire: Annotated[
        str | None,
        typer.Option(
            "--questionnaire",
            "-q",
            metavar="ID|FILE",
            help=N_("Questionnaire id or file to check and assess against."),
        ),
    ] = None,
) -> None:
    """The ``portfolio supersede`` command."""
    lang = env_language()
    q = load_questionnaire(questionnaire, lang) if questionnaire else None
    day = parse_date(date, lang) if date else None
    with _Run(db, lang) as store:
        done = store.supersede(relationship, path, date=day, reason=reason, by=by, questionnaire=q)
    c = done.correction
    assert c.replacement is not None
    typer.echo(
        tr(
            "{relationship}: {replacement} (from {path}) is the round in force; {round} is kept, "
            "superseded; {assessed}",
            lang,
            relationship=c.relationship,
            replacement=_versioned(*c.replacement),
            path=path,
            round=_versioned(c.date, c.version),
            assessed=ntr(
                "{count} round assessed again", "{count} rounds assessed again", done.assessed, lang
            ),
        )
    )


@portfolio.command(
    help=N_(
        "Take a round out of the portfolio: it no longer counts (list, show, compare, report, "
        "reassess, the history of later rounds), the rounds after it are assessed again, and it "
        "stays retrievable. Who, when and why go in the audit. Asks for --yes."
    ),
    epilog=N_(
        "Example: vendormaturity portfolio remove acme-hosting --date 2026-09-15 "
        '--reason "wrong supplier" --yes'
    ),
)
def remove(
    relationship: Annotated[str, typer.Argument(metavar="RELATIONSHIP", help=N_("The relationship's id."))],
    *,
    date: Annotated[str, typer.Option("--date", metavar="DATE", help=N_("The date of the round to remove."))],
    reason: ReasonOption,
    by: ByOption = None,
    yes: Annotated[bool, typer.Option("--yes", help=N_("Confirm the removal."))] = False,
    db: DbOption = None,
) -> None:
    """The ``portfolio remove`` command."""
    lang = env_language()
    day = parse_date(date, lang)
    if not yes:
        fail(
            tr(
                "removing the round of {date} of {relationship} takes it out of the list, the reports "
                "and the history of its later rounds (it stays retrievable, and the removal is "
                "recorded in the audit): run the command again with --yes to remove it",
                lang,
                date=day,
                relationship=relationship,
            ),
            lang=lang,
        )
    with _Run(db, lang) as store:
        done = store.remove(relationship, day, reason=reason, by=by)
    c = done.correction
    typer.echo(
        tr(
            "{relationship}: the round {round} is removed (and kept); {assessed}",
            lang,
            relationship=c.relationship,
            round=_versioned(c.date, c.version),
            assessed=ntr(
                "{count} round assessed again", "{count} rounds assessed again", done.assessed, lang
            ),
        )
    )


@portfolio.command(
    help=N_(
        "List the corrections of the portfolio's rounds (of one relationship): when, who, what, which "
        "round and version, and why."
    ),
    epilog=N_("Example: vendormaturity portfolio audit acme-hosting"),
)
def audit(
    relationship: Annotated[
        str | None,
        typer.Argument(metavar="[RELATIONSHIP]", help=N_("Only the corrections of this relationship.")),
    ] = None,
    db: DbOption = None,
    form: Annotated[
        ListFormat, typer.Option("--format", "-f", help=N_("Output format."))
    ] = ListFormat.TERMINAL,
) -> None:
    """The ``portfolio audit`` command."""
    lang = env_language()
    with _Run(db, lang) as store:
        corrections = store.corrections(relationship)
    rows = [correction.as_dict() for correction in corrections]
    if form is ListFormat.JSON:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = [
        (
            _when(c.at),
            printable(c.actor),
            tr("superseded", lang) if c.replacement is not None else tr("removed", lang),
            printable(c.relationship),
            _versioned(c.date, c.version),
            "" if c.replacement is None else _versioned(*c.replacement),
            printable(c.reason),
        )
        for c in corrections
    ]
    headers = (
        ptr("audit", "when", lang),
        ptr("audit", "who", lang),
        ptr("audit", "what", lang),
        ptr("audit", "relationship", lang),
        ptr("audit", "round", lang),
        ptr("audit", "new version", lang),
        ptr("audit", "why", lang),
    )
    if form is ListFormat.CSV:
        fields = ("at", "actor", "action", "relationship", "date", "version", "replacement", "reason")
        records = [
            {
                "at": c.at.isoformat(),
                "actor": c.actor,
                "action": c.action,
                "relationship": c.relationship,
                "date": c.date,
                "version": c.version,
                "replacement": "" if c.replacement is None else _versioned(*c.replacement),
                "reason": c.reason,
            }
            for c in corrections
        ]
        typer.echo(neutral_csv(records, fields), nl=False)
        return
    if not corrections:
        typer.echo(tr("no round was corrected", lang))
        return
    typer.echo("".join(line + "\n" for line in _layout(headers, table, frozenset(), None)), nl=False)


@portfolio.command(
    help=N_(
        "Print a round's response set as it was submitted: the version in force, or any version "
        "kept (superseded or removed), as TOML or JSON."
    ),
    epilog=N_("Example: vendormaturity portfolio responses acme-hosting --date 2026-09-15 --version 1"),
)
def responses(
    relationship: Annotated[str, typer.Argument(metavar="RELATIONSHIP", help=N_("The relationship's id."))],
    date: Annotated[str, typer.Option("--date", metavar="DATE", help=N_("The date of the round."))],
    version: Annotated[
        int | None,
        typer.Option(min=1, metavar="N", help=N_("Which version (default: the one in force).")),
    ] = None,
    db: DbOption = None,
    form: Annotated[
        ResponsesFormat, typer.Option("--format", "-f", help=N_("Output format."))
    ] = ResponsesFormat.TOML,
) -> None:
    """The ``portfolio responses`` command."""
    lang = env_language()
    day = parse_date(date, lang)
    with _Run(db, lang) as store:
        found = store.responses(relationship, day, version=version)
    typer.echo(vm.dump_responses(found, format=form.value), nl=False)
