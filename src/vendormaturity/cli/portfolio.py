"""``vendormaturity portfolio …``: every relationship's assessments over time, in one database.

The database is a SQLite file in the working folder by default (``vendormaturity.db``),
or any SQLAlchemy URL given with ``--db`` or ``VENDORMATURITY_DB`` (a team shares a
PostgreSQL database: ``postgresql://host/db``). SQLAlchemy, Alembic and Rich are imported
inside the commands.
"""

from __future__ import annotations

import csv
import datetime
import enum
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

import vendormaturity as vm
from vendormaturity.cli._app import (
    EXIT_FAILED,
    EXIT_INVALID,
    Lang,
    LangOption,
    app,
    console,
    error_text,
    fail,
    load_questionnaire,
    parse_date,
    show,
    write,
)

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress as RichProgress
    from rich.table import Table

    from vendormaturity.store.views import Change, Line, Trajectory

__all__ = ["portfolio"]

portfolio = typer.Typer(
    name="portfolio",
    help=(
        "Every relationship's assessments over time in one database (SQLite by default, "
        "PostgreSQL for a team): add response files, list the supplier base, follow one "
        "relationship, write the portfolio report, reassess with a new questionnaire."
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(portfolio)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="VENDORMATURITY_DB",
        help="Database: a SQLite file or a URL such as postgresql://host/db (or set VENDORMATURITY_DB). "
        "Default: vendormaturity.db in the working folder.",
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


class ReportFormat(enum.StrEnum):
    HTML = "html"


class PhaseChoice(enum.StrEnum):
    FORMING = "forming"
    STORMING = "storming"
    NORMING = "norming"
    PERFORMING = "performing"
    ADJOURNING = "adjourning"


# --------------------------------------------------------------------------- plumbing


def _open(db: str | None, *, create: bool = False) -> vm.Portfolio:
    try:
        return vm.Portfolio(db, create=create)
    except vm.VendorMaturityError as error:
        fail(error_text(error))


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
            self.bar.console.print(message, markup=False, highlight=False)
        else:
            typer.echo(message, err=True)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()


class _Run:
    """Open the portfolio, report library errors as invalid input (exit 2), close it."""

    def __init__(self, db: str | None, *, create: bool = False, verbose: bool = False) -> None:
        self.db, self.create = db, create
        self.progress = _Progress(verbose=verbose)

    def __enter__(self) -> vm.Portfolio:
        self.portfolio = _open(self.db, create=self.create)
        return self.portfolio

    def __exit__(self, kind: object, error: BaseException | None, _: object) -> None:
        self.progress.stop()
        self.portfolio.close()
        if isinstance(error, vm.ValidationError):
            typer.echo(f"error: {error.summary or 'invalid input'}", err=True)
            for problem in error.problems:
                typer.echo(f"  {problem}", err=True)
            raise typer.Exit(EXIT_INVALID)
        if isinstance(error, vm.VendorMaturityError | OSError):
            fail(error_text(error))


def _wide() -> Console:
    """The terminal as it is; into a pipe or a file, wide enough that no name is cut."""
    from rich.console import Console

    out = console()
    return out if out.is_terminal else Console(width=400, highlight=False, color_system=None)


def _cores() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


# --------------------------------------------------------------------------- init, add


@portfolio.command(
    help="Create the portfolio in an empty database, or upgrade an older one. A foreign "
    "database, or one of a newer schema, is refused and left untouched.",
    epilog="Example: vendormaturity portfolio init --db postgresql://db.example/portfolio",
)
def init(db: DbOption = None) -> None:
    """The ``portfolio init`` command."""
    with _Run(db, create=True) as store:
        typer.echo(store.init())


@portfolio.command(
    help="Add response files, or folders of them (their dated files, at any depth), and assess "
    "each new round with the relationship's earlier rounds as history. The same response set "
    "twice is stored once. One transaction: if any file is invalid, every problem is printed "
    "and nothing is added (exit 2).",
    epilog="Example: vendormaturity portfolio add examples/",
)
def add(
    paths: Annotated[list[Path], typer.Argument(metavar="PATH", help="Response files or folders of them.")],
    db: DbOption = None,
    questionnaire: Annotated[
        str | None,
        typer.Option("--questionnaire", "-q", help="Questionnaire id or file to check and assess against."),
    ] = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Print each relationship assessed.")
    ] = False,
    workers: Annotated[
        int | None,
        typer.Option(min=1, help="Processes that read and assess files (default: one per core)."),
    ] = None,
) -> None:
    """The ``portfolio add`` command."""
    q = load_questionnaire(questionnaire) if questionnaire else None
    run = _Run(db, create=True, verbose=verbose)
    with run as store:
        summary = store.add(paths, questionnaire=q, progress=run.progress, workers=workers or _cores())
    typer.echo(
        f"added {_plural(summary.added, 'response set')} "
        f"({summary.duplicates} already stored) of {_plural(len(summary.relationships), 'relationship')}; "
        f"{_plural(summary.assessed, 'result')} computed"
    )


# --------------------------------------------------------------------------- list


@portfolio.command(
    name="list",
    help="One line per relationship: newest phase, trend (↑ ↓ → · for a first round), open "
    "findings and overdue actions. Filter by segment, phase or pattern.",
    epilog="Example: vendormaturity portfolio list --segment strategic --pattern stuck_in_norming",
)
def list_(
    *,
    db: DbOption = None,
    segment: Annotated[str | None, typer.Option(help="Only this segment (e.g. strategic).")] = None,
    phase: Annotated[PhaseChoice | None, typer.Option(help="Only relationships in this phase now.")] = None,
    pattern: Annotated[str | None, typer.Option(help="Only those with this finding now.")] = None,
    form: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = ListFormat.TERMINAL,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Count overdue actions at this date (YYYY-MM-DD).")
    ] = None,
) -> None:
    """The ``portfolio list`` command."""
    day = parse_date(as_of)
    with _Run(db) as store:
        lines = store.lines(segment=segment, phase=phase.value if phase else None, pattern=pattern, as_of=day)
    if form is ListFormat.JSON:
        typer.echo(json.dumps([line.as_dict() for line in lines], ensure_ascii=False, indent=2))
    elif form is ListFormat.CSV:
        typer.echo(_csv(lines), nl=False)
    else:
        show(_list_table(lines), on=_wide())


def _csv(lines: list[Line]) -> str:
    buffer = io.StringIO()
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
    writer = csv.DictWriter(buffer, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for line in lines:
        row = line.as_dict()
        row["patterns"] = " ".join(row["patterns"])
        writer.writerow(row)
    return buffer.getvalue()


def _list_table(lines: list[Line]) -> Table:
    from rich.table import Table

    table = Table(box=None, pad_edge=False, header_style="bold")
    for column in ("relationship", "segment", "phase", "trend", "newest", "findings", "overdue"):
        table.add_column(column, justify="right" if column in ("findings", "overdue") else "left")
    for line in lines:
        table.add_row(
            line.relationship.key,
            line.relationship.segment or "",
            line.phase.value,
            _ARROWS[line.trend],
            line.date.isoformat(),
            str(line.open_findings),
            str(line.overdue_actions),
        )
    table.caption = f"{_plural(len(lines), 'relationship')}"
    return table


# --------------------------------------------------------------------------- show, compare


@portfolio.command(
    name="show",
    help="A relationship's trajectory: phase and dimension scores round by round, what changed "
    "between the last two rounds, and its open actions.",
    epilog="Example: vendormaturity portfolio show acme-hosting",
)
def show_(
    relationship: Annotated[str, typer.Argument(metavar="RELATIONSHIP", help="The relationship's id.")],
    db: DbOption = None,
    form: Annotated[ShowFormat, typer.Option("--format", "-f", help="Output format.")] = ShowFormat.TERMINAL,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Mark actions overdue at this date.")] = None,
) -> None:
    """The ``portfolio show`` command."""
    day = parse_date(as_of)
    with _Run(db) as store:
        trajectory = store.trajectory(relationship)
    if form is ShowFormat.JSON:
        typer.echo(json.dumps(_trajectory_json(trajectory, day), ensure_ascii=False, indent=2))
        return
    out = _wide()
    for renderable in _trajectory_view(trajectory, day):
        show(renderable, on=out)


@portfolio.command(
    help="What changed for a relationship between two dates: the round in force at --from "
    "against the round in force at --to (phase, dimension scores, findings).",
    epilog="Example: vendormaturity portfolio compare acme-hosting --from 2024-01-01 --to 2026-12-31",
)
def compare(
    relationship: Annotated[str, typer.Argument(metavar="RELATIONSHIP", help="The relationship's id.")],
    start: Annotated[str, typer.Option("--from", help="The earlier date (YYYY-MM-DD).")],
    end: Annotated[str, typer.Option("--to", help="The later date (YYYY-MM-DD).")],
    db: DbOption = None,
    form: Annotated[ShowFormat, typer.Option("--format", "-f", help="Output format.")] = ShowFormat.TERMINAL,
) -> None:
    """The ``portfolio compare`` command."""
    first, last = _date(start, "--from"), _date(end, "--to")
    if last < first:
        fail(f"--to {last} is before --from {first}")
    with _Run(db) as store:
        change = store.compare(relationship, first, last)
    if form is ShowFormat.JSON:
        typer.echo(json.dumps(_change_json(change), ensure_ascii=False, indent=2))
        return
    show(_change_table(change), on=_wide())


def _date(value: str, option: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"'{value}' is not a date (YYYY-MM-DD)", param_hint=option) from None


def _round_json(round_: Any) -> dict[str, Any]:
    return {
        "date": round_.date.isoformat(),
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


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _signed(value: float | None) -> str:
    if value is None:
        return "–"
    return "0.00" if round(value, 2) == 0 else f"{value:+.2f}"


def _trajectory_view(trajectory: Trajectory, day: datetime.date) -> Iterator[Any]:
    from rich.table import Table

    r = trajectory.relationship
    facts = [f"{r.key}: {r.client} / {r.supplier}"]
    if r.segment:
        facts.append(f"segment {r.segment}")
    if r.contract_start:
        facts.append(f"since {r.contract_start.isoformat()}")
    if r.renewal_date:
        facts.append(f"renewal {r.renewal_date.isoformat()}")
    yield ", ".join(facts)
    table = Table(box=None, pad_edge=False, header_style="bold", title="rounds", title_justify="left")
    dimensions = sorted({d for round_ in trajectory.rounds for d in round_.scores})
    table.add_column("dimension")
    for round_ in trajectory.rounds:
        table.add_column(round_.date.isoformat(), justify="right")
    table.add_row("phase", *(round_.phase.value for round_ in trajectory.rounds))
    table.add_row("overall", *(_number(round_.overall_mean) for round_ in trajectory.rounds))
    for dimension in dimensions:
        table.add_row(dimension, *(_number(round_.scores.get(dimension)) for round_ in trajectory.rounds))
    table.add_row("findings", *(str(len(round_.patterns)) for round_ in trajectory.rounds))
    yield table
    if trajectory.change is not None:
        yield _change_table(trajectory.change)
    if trajectory.open_actions:
        actions = Table(
            box=None, pad_edge=False, header_style="bold", title="open actions", title_justify="left"
        )
        for column in ("action", "since", "horizon", "due", "status", ""):
            actions.add_column(column)
        for a in trajectory.open_actions:
            due = a.due.isoformat() if a.due else "at renewal"
            actions.add_row(
                a.action, a.since.isoformat(), a.horizon, due, a.status, "overdue" if a.overdue(day) else ""
            )
        yield actions


def _change_table(change: Change) -> Table:
    from rich.table import Table

    before, after = change.before, change.after
    table = Table(
        box=None,
        pad_edge=False,
        header_style="bold",
        title=f"changes from {before.date.isoformat()} to {after.date.isoformat()}",
        title_justify="left",
    )
    for column, justify in (("", "left"), ("from", "right"), ("to", "right"), ("change", "right")):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    table.add_row(
        "phase", before.phase.value, after.phase.value, "changed" if change.phase_changed else "same"
    )
    table.add_row(
        "overall",
        _number(before.overall_mean),
        _number(after.overall_mean),
        _signed(
            None
            if before.overall_mean is None or after.overall_mean is None
            else after.overall_mean - before.overall_mean
        ),
    )
    for dimension, delta in change.scores.items():
        table.add_row(
            dimension,
            _number(before.scores.get(dimension)),
            _number(after.scores.get(dimension)),
            _signed(delta),
        )
    table.add_row("findings appeared", "", "", ", ".join(change.appeared) or "none")
    table.add_row("findings resolved", "", "", ", ".join(change.resolved) or "none")
    return table


# --------------------------------------------------------------------------- report


@portfolio.command(
    help="Write the portfolio report: one self-contained HTML page (heat map by phase and "
    "segment, the relationships stuck longest, the watermelons, the overdue action plans), "
    "and beside it the own report of each relationship it names, which the page links to.",
    epilog="Example: vendormaturity portfolio report --format html --out portfolio-report",
)
def report(
    *,
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Folder to write index.html and the reports into.")
    ],
    db: DbOption = None,
    form: Annotated[ReportFormat, typer.Option("--format", "-f", help="Output format.")] = ReportFormat.HTML,
    lang: LangOption = Lang.EN,
    top: Annotated[
        int, typer.Option(min=1, help="Relationships shown in each list (the rest are counted).")
    ] = 10,
    watch: Annotated[
        list[str] | None, typer.Option(help="Patterns of the watermelon list (repeatable).")
    ] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Count overdue actions at this date.")] = None,
) -> None:
    """The ``portfolio report`` command."""
    from vendormaturity.render.html import render_html
    from vendormaturity.render.portfolio import render_portfolio, sections

    del form  # HTML is the only format of the page
    day = parse_date(as_of)
    patterns = watch or ["watermelon"]
    run = _Run(db)
    with run as store:
        lines = store.lines(as_of=day)
        chosen = sections(lines, top=top, watch=patterns)
        linked = [line.relationship.key for line in chosen.linked()]
        links = {key: f"relationships/{_slug(key)}.html" for key in linked}
        _folder(out / "relationships")
        run.progress.start("Writing reports", len(linked))
        assessed = store.results(linked)
        for key in linked:
            result, responses = assessed[key]
            q = _questionnaire_for(result)
            write(
                out / links[key], render_html(result, lang=lang.value, questionnaire=q, responses=responses)
            )
            run.progress.advance()
        page = render_portfolio(lines, chosen, links=links, as_of=day, lang=lang.value, watch=patterns)
        write(out / "index.html", page)
    typer.echo(f"wrote {out / 'index.html'} and {_plural(len(linked), 'relationship report')}", err=True)


def _folder(path: Path) -> None:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        fail(f"cannot create {path}: {error.strerror or error}", EXIT_FAILED)


def _questionnaire_for(result: vm.AssessmentResult) -> vm.Questionnaire | None:
    """The bundled questionnaire of the result's version, for labels; None if it is not bundled."""
    if result.questionnaire not in vm.bundled_questionnaires():
        return None
    q = vm.load_questionnaire(result.questionnaire)
    return q if q.version == result.questionnaire_version else None


def _slug(value: str) -> str:
    import re

    return re.sub(r"[^A-Za-z0-9_.-]+", "-", value).strip("-.") or "relationship"


# --------------------------------------------------------------------------- reassess


@portfolio.command(
    help="Assess every stored round again with a new questionnaire version, keeping the "
    "older results, and list the relationships whose newest phase changed.",
    epilog="Example: vendormaturity portfolio reassess --questionnaire relationship-1.1.toml",
)
def reassess(
    questionnaire: Annotated[
        str, typer.Option("--questionnaire", "-q", help="The questionnaire id or file to assess with.")
    ],
    db: DbOption = None,
) -> None:
    """The ``portfolio reassess`` command."""
    q = load_questionnaire(questionnaire)
    run = _Run(db)
    with run as store:
        summary = store.reassess(q, progress=run.progress)
    typer.echo(
        f"reassessed {_plural(summary.assessed, 'round')} "
        f"of {_plural(summary.relationships, 'relationship')} "
        f"with {summary.questionnaire} {summary.version}"
        + (f" ({summary.skipped} answered to another questionnaire, skipped)" if summary.skipped else "")
    )
    if not summary.changed:
        typer.echo("no relationship changed phase")
        return
    typer.echo(f"{_plural(len(summary.changed), 'relationship')} changed phase:")
    for change in summary.changed:
        typer.echo(f"  {change.relationship} ({change.date}): {change.before.value} → {change.after.value}")
