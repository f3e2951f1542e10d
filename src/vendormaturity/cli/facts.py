"""Commands that read the systems' exports: ``facts``, ``followup`` and ``mapping``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

import vendormaturity as vm
from vendormaturity.cli._app import (
    EXIT_FAILED,
    EXIT_INVALID,
    Lang,
    LangOption,
    QuestionnaireOption,
    app,
    env_language,
    error_text,
    fail,
    invalid_input,
    load_questionnaire,
    write,
)
from vendormaturity.cli._texts import counted, text
from vendormaturity.i18n import N_

__all__ = ["facts", "followup", "mapping"]

MappingOption = Annotated[list[str], typer.Option("--mapping", "-m", help="opt.mapping")]
EncodingOption = Annotated[str, typer.Option(help="opt.encoding")]


def _sources(paths: list[str], lang: str) -> list[str] | dict[str, list[str]]:
    """The PATH arguments: files and folders, or SOURCE=FILE to give a source its file."""
    named = [path for path in paths if "=" in path and not Path(path).exists()]
    if not named:
        return paths
    if len(named) != len(paths):
        fail(text("facts.either", lang), lang=lang)
    assigned: dict[str, list[str]] = {}
    for item in named:
        source, _, path = item.partition("=")
        assigned.setdefault(source.strip(), []).append(path)
    return assigned


def _print_problems(problems: tuple[vm.Problem, ...], *, keep: bool, lang: str) -> None:
    count = counted("facts.problems", len(problems), lang)
    typer.echo(text("warning" if keep else "error", lang, message=count), err=True)
    for problem in problems:
        typer.echo(f"  {problem}", err=True)


def _summary(exported: vm.ExportedFacts, lang: str) -> str:
    from vendormaturity.render.provenance import fact_lines

    lines = [text("facts.over", lang, period=exported.period)]
    lines += [f"  {line.sentence(lang)}" for line in fact_lines(exported.provenance, lang)]
    if not exported.provenance:
        lines.append("  " + text("facts.none", lang))
    lines += [text("note", lang, message=note) for note in exported.notes]
    return "\n".join(lines) + "\n"


@app.command(help="facts.help", epilog="facts.epilog")
def facts(
    paths: Annotated[list[str], typer.Argument(metavar="PATH", help="facts.paths")],
    *,
    mapping: MappingOption,
    period: Annotated[str, typer.Option(help="facts.period")],
    out: Annotated[Path | None, typer.Option("--out", "-o", metavar="FILE", help="facts.out")] = None,
    into: Annotated[Path | None, typer.Option(help="facts.into")] = None,
    questionnaire: QuestionnaireOption = None,
    encoding: EncodingOption = "utf-8",
    confirm_period: Annotated[bool, typer.Option(help="facts.confirm_period")] = False,
    keep_partial: Annotated[bool, typer.Option(help="facts.keep_partial")] = False,
    lang: LangOption = Lang.EN,
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
) -> None:
    """The ``facts`` command."""
    language = lang.value
    if out is not None and into is not None:
        fail(text("facts.out_or_into", language), lang=language)
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
        )
    if exported.problems:
        _print_problems(exported.problems, keep=keep_partial, lang=language)
        if not keep_partial:
            typer.echo(text("facts.nothing_written", language), err=True)
            raise typer.Exit(EXIT_INVALID)
    summary = _summary(exported, language)
    if into is not None and current is not None:
        _merge(into, current, exported, q, language)
        typer.echo(summary, nl=False)
    elif out is not None:
        write(out, exported.toml(), lang=language)
        typer.echo(text("wrote", language, path=out))
        typer.echo(summary, nl=False)
    else:
        typer.echo(summary, nl=False, err=True)
        typer.echo(exported.toml(), nl=False)


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
    typer.echo(counted("facts.updated", len(changes), lang, path=into))
    for change in changes:
        typer.echo(f"  {change}")
    if commented:
        typer.echo(text("note", lang, message=text("facts.comments_lost", lang, path=into)))


@app.command(help="followup.help", epilog="followup.epilog")
def followup(
    path: Annotated[Path, typer.Argument(metavar="RESULT-OR-FOLDER", help="followup.path")],
    *,
    out: Annotated[Path | None, typer.Option("--out", "-o", metavar="FILE", help="followup.out")] = None,
    tracker: Annotated[list[str] | None, typer.Option(help="followup.tracker")] = None,
    mapping: Annotated[list[str] | None, typer.Option("--mapping", "-m", help="followup.mapping")] = None,
    questionnaire: QuestionnaireOption = None,
    encoding: EncodingOption = "utf-8",
    lang: LangOption = Lang.EN,
    force: Annotated[bool, typer.Option("--force", help="followup.force")] = False,
) -> None:
    """The ``followup`` command."""
    from vendormaturity.render.followup import followup_block

    language = lang.value
    if out is not None and out.exists() and not force:
        fail(text("exists", language, path=out), EXIT_FAILED, lang=language)
    if tracker and not mapping:
        fail(text("followup.tracker_needs_mapping", language), lang=language)
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
            typer.echo(text("note", language, message=note), err=True)
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
    typer.echo(counted("followup.wrote", filled, language, path=out, actions=len(result.plan.actions)))


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


@app.command(help="mapping.help", epilog="mapping.epilog")
def mapping(
    name: Annotated[str | None, typer.Argument(metavar="[MAPPING]", help="mapping.name")] = None,
) -> None:
    """The ``mapping`` command."""
    from vendormaturity.cli._checking import status_line
    from vendormaturity.render.texts import label

    lang = env_language()
    if name is None:
        for mapping_id in vm.bundled_mappings():
            loaded = vm.load_mapping(mapping_id)
            computed = text("mapping.facts", lang, facts=", ".join(loaded.facts) or text("none", lang))
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
            status_line("invalid", name, counted("validate.problems", len(error.problems), lang), lang)
        )
        for problem in error.problems:
            typer.echo(f"  {problem}")
        raise typer.Exit(EXIT_INVALID) from None
    except (vm.VendorMaturityError, OSError) as error:
        fail(error_text(error), lang=lang)
    summary = counted(
        "mapping.ok",
        len(loaded.sources),
        lang,
        id=loaded.id,
        facts=", ".join(loaded.facts) or text("none", lang),
        followup=text("mapping.followup", lang) if loaded.followup is not None else "",
    )
    typer.echo(status_line("ok", name, summary, lang))
