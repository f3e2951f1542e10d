"""Commands that read the systems' exports: ``facts``, ``followup`` and ``mapping``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

import vendormaturity as vm
from vendormaturity.cli._app import (
    EXIT_INVALID,
    LangOption,
    QuestionnaireOption,
    app,
    env_language,
    error_text,
    fail,
    invalid_input,
    load_questionnaire,
    refuse_overwrite,
    write,
)
from vendormaturity.i18n import N_, ntr, tr

__all__ = ["facts", "followup", "mapping"]

MappingOption = Annotated[
    list[str],
    typer.Option(
        "--mapping",
        "-m",
        help=N_(
            "A bundled mapping id (servicenow, jira-service-management, "
            "dynamics365, salesforce, salesforce-report, spreadsheets) or a mapping "
            "file; repeat it to combine several."
        ),
    ),
]
EncodingOption = Annotated[
    str,
    typer.Option(
        help=N_("Encoding of the CSV and JSON exports (UTF-8 by default; cp1252 for Excel on Windows).")
    ),
]


def _sources(paths: list[str], lang: str) -> list[str] | dict[str, list[str]]:
    """The PATH arguments: files and folders, or SOURCE=FILE to give a source its file."""
    named = [path for path in paths if "=" in path and not Path(path).exists()]
    if not named:
        return paths
    if len(named) != len(paths):
        fail(tr("give either files and folders, or SOURCE=FILE for every PATH, not both", lang), lang=lang)
    assigned: dict[str, list[str]] = {}
    for item in named:
        source, _, path = item.partition("=")
        assigned.setdefault(source.strip(), []).append(path)
    return assigned


def _print_problems(problems: tuple[vm.Problem, ...], *, keep: bool, lang: str) -> None:
    count = ntr("{count} problem in the exports", "{count} problems in the exports", len(problems), lang)
    typer.echo(
        tr("warning: {message}", lang, message=count)
        if keep
        else tr("error: {message}", lang, message=count),
        err=True,
    )
    for problem in problems:
        typer.echo(f"  {problem.translated(lang)}", err=True)


def _summary(exported: vm.ExportedFacts, lang: str) -> str:
    from vendormaturity.render.provenance import fact_lines

    lines = [tr("Facts over {period}:", lang, period=exported.period)]
    lines += [f"  {line.sentence(lang)}" for line in fact_lines(exported.provenance, lang)]
    if not exported.provenance:
        lines.append("  " + tr("none: the mappings define no fact of this questionnaire", lang))
    lines += [tr("note: {message}", lang, message=note) for note in exported.notes]
    return "\n".join(lines) + "\n"


@app.command(
    help=N_(
        "Compute the facts of a questionnaire over a period from operational "
        "exports: SLA/KPI reports, ticket and case lists, action trackers, "
        "invoices, staff and CRM team lists.\n\nPATH is an export file (CSV, "
        "XLSX, JSON) or a folder of them; each file goes to the mapping source "
        "whose file names it matches (or write SOURCE=FILE). Every fact "
        "records its provenance: files, rows counted, period and formula. "
        "Without --out or --into, the facts are printed as TOML. A problem in "
        "the exports exits 2 and writes nothing, unless --keep-partial: then "
        "the facts that could be computed are written, the others are recorded "
        "as missing with the reason."
    ),
    epilog=N_(
        "Example: vendormaturity facts exports/ --mapping servicenow --mapping "
        "spreadsheets --period 2026-Q3 --into acme/2026-10-06.toml"
    ),
)
def facts(
    paths: Annotated[
        list[str], typer.Argument(metavar="PATH", help=N_("Export files or folders, or SOURCE=FILE."))
    ],
    *,
    mapping: MappingOption,
    period: Annotated[str, typer.Option(help=N_("2026-Q3, 2026-09, 2026 or 2026-07-01..2026-09-30."))],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", metavar="FILE", help=N_("Write the facts and their provenance here (TOML).")
        ),
    ] = None,
    into: Annotated[
        Path | None,
        typer.Option(help=N_("Merge the facts and their provenance into this response file (TOML or JSON).")),
    ] = None,
    questionnaire: QuestionnaireOption = None,
    encoding: EncodingOption = "utf-8",
    confirm_period: Annotated[
        bool, typer.Option(help=N_("Accept a period that ends after today or starts before 1990."))
    ] = False,
    keep_partial: Annotated[
        bool, typer.Option(help=N_("Write the facts that could be computed despite problems in the exports."))
    ] = False,
    force: Annotated[bool, typer.Option("--force", help=N_("Overwrite --out if it exists."))] = False,
    lang: LangOption = "en",
    timezone: Annotated[
        str | None,
        typer.Option(
            metavar="ZONE",
            help=N_(
                "The time zone days count in (Europe/Paris, UTC…); default: the system's. Dates a "
                "tool writes in UTC (ServiceNow's CSV, Salesforce's Data Loader) are moved into it."
            ),
        ),
    ] = None,
    date_format: Annotated[
        str | None,
        typer.Option(
            metavar="FORMAT",
            help=N_(
                "How the exporting user's locale writes dates, for exports written in it (a Salesforce "
                "report): day_first (15/09/2026), month_first (9/15/2026) or a pattern such as "
                '"%d.%m.%Y %H:%M". Default: read from the dates, refused when they read both ways.'
            ),
        ),
    ] = None,
) -> None:
    """The ``facts`` command."""
    language = lang
    if out is not None and into is not None:
        fail(tr("give --out or --into, not both", language), lang=language)
    if out is not None:
        hint = _into_hint(out, language)
        refuse_overwrite(out, force=force, lang=language, ours=_facts_file, hint=hint)
    current = None
    if into is not None:
        with invalid_input(language):
            q = load_questionnaire(questionnaire, language) if questionnaire else None
            current = vm.load_responses(into, q)
            q = q or vm.load_questionnaire(current.questionnaire)
    else:
        q = load_questionnaire(questionnaire or "relationship", language)
    with invalid_input(language):
        exported = vm.facts_from(
            _sources(paths, language),
            mapping,
            period=period,
            questionnaire=q,
            encoding=encoding,
            confirm_period=confirm_period,
            keep_partial=True,
            timezone=timezone,
            date_format=date_format,
        )
    if exported.problems:
        _print_problems(exported.problems, keep=keep_partial, lang=language)
        if not keep_partial:
            typer.echo(
                tr("nothing written; fix the exports or the mapping, or use --keep-partial", language),
                err=True,
            )
            raise typer.Exit(EXIT_INVALID)
    summary = _summary(exported, language)
    if into is not None and current is not None:
        _merge(into, current, exported, q, language)
        typer.echo(summary, nl=False)
    elif out is not None:
        write(out, exported.toml(language), lang=language)
        typer.echo(tr("wrote {path}", language, path=out))
        typer.echo(summary, nl=False)
    else:
        typer.echo(summary, nl=False, err=True)
        typer.echo(exported.toml(language), nl=False)


def _facts_file(path: Path) -> bool:
    """A facts file this command wrote (it says so on its first line)."""
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            first = handle.readline(1000)
    except OSError:
        return False
    return first.startswith("# Facts computed by vendormaturity")


def _into_hint(out: Path, lang: str) -> str | None:
    """What to say when --out names a response file: the facts belong inside it (--into)."""
    from vendormaturity.sources.documents import looks_like_responses

    if not out.is_file() or not looks_like_responses(out):
        return None
    return tr("it is a response file: merge the facts into it with --into {path}", lang, path=out)


def _merge(
    into: Path, current: vm.ResponseSet, exported: vm.ExportedFacts, q: vm.Questionnaire, lang: str
) -> None:
    from vendormaturity.sources.reader import read_source

    source = read_source(into)
    commented = not isinstance(source, vm.Problem) and any(
        line.lstrip().startswith("#") for line in source.text.splitlines()
    )
    merged, changes = exported.merged_into(current)
    with invalid_input(lang):
        document = merged.model_dump(mode="json", exclude_none=True)
        vm.responses_from_dict(document, q, name=str(into))
    form = "json" if into.suffix.lower() == ".json" else "toml"
    write(into, vm.dump_responses(merged, format=form), lang=lang)
    typer.echo(
        ntr(
            "updated {path}: {count} fact changed",
            "updated {path}: {count} facts changed",
            len(changes),
            lang,
            path=into,
        )
    )
    for change in changes:
        typer.echo(f"  {change}")
    if commented:
        typer.echo(
            tr(
                "note: {message}",
                lang,
                message=tr(
                    "the comments of {path} were not kept: the file is written again from its data",
                    lang,
                    path=into,
                ),
            )
        )


@app.command(
    help=N_(
        "Write the follow-up block of the next assessment from the previous "
        "plan: one [[followup]] entry per action (its id, its title, owner and "
        "horizon as a comment) with the status to fill in.\n\nRESULT-OR-FOLDER "
        "is a saved result (JSON), a response file or a relationship's folder "
        "(its newest assessment's plan). With --tracker, the statuses come "
        "from an action tracker's export, read with the [followup] table of "
        "the mapping."
    ),
    epilog=N_("Example: vendormaturity followup examples/acme-hosting --out next-followup.toml"),
)
def followup(
    path: Annotated[
        Path,
        typer.Argument(
            metavar="RESULT-OR-FOLDER", help=N_("A saved result, a response file or a relationship folder.")
        ),
    ],
    *,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", metavar="FILE", help=N_("Write the block here (TOML)."))
    ] = None,
    tracker: Annotated[
        list[str] | None, typer.Option(help=N_("An action tracker's export (or a folder); repeatable."))
    ] = None,
    mapping: Annotated[
        list[str] | None,
        typer.Option("--mapping", "-m", help=N_("The mapping whose [followup] table reads the tracker.")),
    ] = None,
    questionnaire: QuestionnaireOption = None,
    encoding: EncodingOption = "utf-8",
    lang: LangOption = "en",
    force: Annotated[bool, typer.Option("--force", help=N_("Overwrite --out if it exists."))] = False,
) -> None:
    """The ``followup`` command."""
    from vendormaturity.render.followup import followup_block

    language = lang
    if out is not None:
        refuse_overwrite(out, force=force, lang=language)
    if tracker and not mapping:
        fail(
            tr("--tracker needs --mapping (the mapping whose [followup] table reads it)", language),
            lang=language,
        )
    q = load_questionnaire(questionnaire, language) if questionnaire else None
    with invalid_input(language):
        result = _previous(path, q)
        statuses = None
        if tracker:
            statuses = vm.statuses_from(
                _sources(tracker, language),
                mapping or [],
                actions=[a.id for a in result.plan.actions],
                encoding=encoding,
            )
    if statuses is not None:
        for note in statuses.notes:
            typer.echo(tr("note: {message}", language, message=note), err=True)
    block = followup_block(
        result,
        statuses=list(statuses.followup) if statuses else [],
        lang=language,
        tracker=list(statuses.files) if statuses else [],
    )
    if out is None:
        typer.echo(block, nl=False)
        return
    write(out, block, lang=language)
    filled = len(statuses.followup) if statuses else 0
    typer.echo(
        ntr(
            "wrote {path}: {actions} actions, {count} status from the tracker",
            "wrote {path}: {actions} actions, {count} statuses from the tracker",
            filled,
            language,
            path=out,
            actions=len(result.plan.actions),
        )
    )


def _previous(path: Path, q: vm.Questionnaire | None) -> vm.AssessmentResult:
    """The assessment whose plan is followed up: saved, or assessed now."""
    if path.is_dir():
        current, history = vm.load_history(path, q)
    elif path.suffix.lower() == ".json" and _is_result(path):
        return vm.load_result(path)
    else:
        current, history = vm.load_responses(path, q), []
    return vm.assess(q or vm.load_questionnaire(current.questionnaire), current, history=history)


def _is_result(path: Path) -> bool:
    from vendormaturity.sources.reader import read_document, read_source

    source = read_source(path)
    if isinstance(source, vm.Problem):
        return False
    document = read_document(source)
    return isinstance(document, dict) and "phase_scores" in document


@app.command(
    help=N_(
        "Show the bundled mappings, print one to copy and adjust, or check a "
        "mapping file. Without an argument, lists the bundled mappings and the "
        "facts each computes."
    ),
    epilog=N_("Example: vendormaturity mapping servicenow > my-mapping.toml"),
)
def mapping(
    name: Annotated[
        str | None,
        typer.Argument(metavar="[MAPPING]", help=N_("A bundled mapping id, or a mapping file to check.")),
    ] = None,
) -> None:
    """The ``mapping`` command."""
    from vendormaturity.cli._checking import status_line
    from vendormaturity.render.texts import label

    lang = env_language()
    if name is None:
        for mapping_id in vm.bundled_mappings():
            loaded = vm.load_mapping(mapping_id)
            computed = tr("facts: {facts}", lang, facts=", ".join(loaded.facts) or tr("none", lang))
            typer.echo(f"{mapping_id:<24} {label(loaded.title, lang)}\n{'':<24} {computed}")
        return
    if name in vm.bundled_mappings():
        from vendormaturity.sources.operational import mapping_text

        typer.echo(mapping_text(name), nl=False)
        return
    try:
        loaded = vm.load_mapping(Path(name))
    except vm.ValidationError as error:
        typer.echo(
            status_line(
                "invalid", name, ntr("{count} problem", "{count} problems", len(error.problems), lang), lang
            )
        )
        for problem in error.problems:
            typer.echo(f"  {problem.translated(lang)}")
        raise typer.Exit(EXIT_INVALID) from None
    except (vm.VendorMaturityError, OSError) as error:
        fail(error_text(error, lang), lang=lang)
    summary = ntr(
        "mapping {id}, {count} source, facts: {facts}{followup}",
        "mapping {id}, {count} sources, facts: {facts}{followup}",
        len(loaded.sources),
        lang,
        id=loaded.id,
        facts=", ".join(loaded.facts) or tr("none", lang),
        followup=tr(", follow-up statuses", lang) if loaded.followup is not None else "",
    )
    typer.echo(status_line("ok", name, summary, lang))
