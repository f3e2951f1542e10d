"""Commands that read answers and results: ``validate``, ``assess`` and ``explain``."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Annotated, NamedTuple

import typer

import vendormaturity as vm
from vendormaturity.cli._app import (
    EXIT_FAILED,
    EXIT_INSUFFICIENT,
    EXIT_INVALID,
    AcceptDatesOption,
    Format,
    LangOption,
    QuestionnaireOption,
    SeverityLevel,
    app,
    console,
    env_language,
    error_text,
    fail,
    invalid_input,
    load_questionnaire,
    printable_renderable,
    refuse_overwrite,
    show,
    write,
    written_by_vendormaturity,
)
from vendormaturity.i18n import N_, tr
from vendormaturity.sources.outgoing import file_stem

__all__ = ["assess", "explain", "validate"]

_REPORT_SUFFIXES = {"terminal": ".txt", "json": ".json", "markdown": ".md", "html": ".html"}
_FILE_WIDTH = 100  # columns of a terminal report written to a file


@app.command(
    help=N_(
        "Check questionnaires, response files and saved results, told apart by "
        "their content, and print every problem located by file, line and data "
        "path, and every warning. A folder is a relationship's: its dated "
        "files are checked, and whether they tell one story (one relationship, "
        "one questionnaire, one assessment a date). Exit 2 if any file is "
        "invalid or there is nothing to check."
    ),
    epilog=N_("Example: vendormaturity validate questionnaires/pulse.toml examples/acme-hosting"),
)
def validate(
    files: Annotated[
        list[Path], typer.Argument(metavar="PATH", help=N_("Files to check, or relationship folders."))
    ],
    questionnaire: QuestionnaireOption = None,
    accept_dates: AcceptDatesOption = False,
) -> None:
    """The ``validate`` command."""
    from vendormaturity.cli._checking import Validation
    from vendormaturity.sources.folders import targets

    lang = env_language()
    q = load_questionnaire(questionnaire, lang) if questionnaire else None
    found = targets(files)
    report = Validation(lang)
    for problem in found.problems:
        report.bad(Path(problem.file or ""), [problem])
    for path, why in found.skipped:
        report.skip(path, why)
    for path in found.found:
        if path.is_dir():
            report.folder(path, q, accept_dates)
        else:
            report.check(path, q, accept_dates)
    typer.echo(report.total())
    if report.failed:
        if not report.valid and not report.invalid:
            typer.echo(tr("error: {message}", lang, message=tr("nothing to check", lang)), err=True)
        raise typer.Exit(EXIT_INVALID)


# --------------------------------------------------------------------------- assess, explain


class _Assessed(NamedTuple):
    result: vm.AssessmentResult
    questionnaire: vm.Questionnaire
    responses: vm.ResponseSet
    warnings: list[vm.Problem]


def _assessed(path: Path, questionnaire: vm.Questionnaire | None, *, accept_dates: bool) -> _Assessed:
    """Assess a response file, or a folder of one relationship's dated files."""
    if path.is_dir():
        current, history, warnings = vm.read_history(path, questionnaire, accept_dates=accept_dates)
    else:
        (current, warnings), history = vm.read_responses(path, questionnaire, accept_dates=accept_dates), []
    q = questionnaire or vm.load_questionnaire(current.questionnaire)
    return _Assessed(vm.assess(q, current, history=history), q, current, warnings)


def _warn(warnings: Sequence[vm.Problem], lang: str) -> None:
    for warning in warnings:
        typer.echo(tr("warning: {message}", lang, message=warning), err=True)


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
    plain = Console(
        file=buffer, width=_FILE_WIDTH, highlight=False, color_system=None, force_terminal=False, markup=False
    )
    plain.print(printable_renderable(report(result, lang, q)))
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


def _stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


def _progress(paths: Sequence[Path], lang: str) -> Iterator[Path]:
    """The paths, with a progress bar on stderr when there are several and it is a terminal."""
    if len(paths) < 2 or not _stderr_is_terminal():
        yield from paths
        return
    from rich.progress import track

    described = tr("Assessing", lang)
    yield from track(paths, description=described, console=console(stderr=True), transient=True)


@app.command(
    help=N_(
        "Assess relationships: the phase with its probabilities and "
        "confidence, the dimensions per side with their gaps, the findings, "
        "the improvement plan and the follow-up of the previous one.\n\nPATH is "
        "a response file, or a folder of one relationship's dated response "
        "files: the newest is assessed and the older ones are its history. "
        "With several PATHs, --out is a folder that receives one report per "
        "relationship."
    ),
    epilog=N_("Example: vendormaturity assess examples/acme-hosting --format html --lang fr --out acme.html"),
)
def assess(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="PATH", help=N_("Response files, or folders of one relationship's dated response files.")
        ),
    ],
    *,
    form: Annotated[Format, typer.Option("--format", "-f", help=N_("Output format."))] = Format.TERMINAL,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            metavar="PATH",
            help=N_("Write the report here: a file, - for standard output, or a folder (a report each)."),
        ),
    ] = None,
    lang: LangOption = "en",
    questionnaire: QuestionnaireOption = None,
    fail_on: Annotated[
        SeverityLevel | None,
        typer.Option(help=N_("Exit 1 if a finding is at least this severe (for CI and scripts).")),
    ] = None,
    allow_insufficient: Annotated[
        bool,
        typer.Option(
            "--allow-insufficient",
            help=N_("Exit 0 even when there is too little data for a verdict (else 3)."),
        ),
    ] = False,
    accept_dates: AcceptDatesOption = False,
    force: Annotated[
        bool, typer.Option("--force", help=N_("Overwrite files that exist and are not reports of this kind."))
    ] = False,
) -> None:
    """The ``assess`` command."""
    from vendormaturity.sources.folders import targets

    language = lang
    if out is not None and str(out) == "-":
        out = None  # standard output, as without --out
    found = targets(paths)
    _check_out(found.found, out, form, language)
    q = load_questionnaire(questionnaire, language) if questionnaire else None
    reports = _Reports(form, language, out, many=len(found.found) > 1, force=force)
    for problem in found.problems:
        typer.echo(tr("error: {message}", language, message=problem), err=True)
    for path, why in found.skipped:
        typer.echo(tr("skipped {path}: {why}", language, path=path, why=why), err=True)
    invalid = bool(found.problems) or not found.found
    worst = -1
    insufficient: list[vm.AssessmentResult] = []
    for path in _progress(found.found, language):
        try:
            assessed = _assessed(path, q, accept_dates=accept_dates)
        except (vm.VendorMaturityError, OSError) as error:
            typer.echo(tr("error: {message}", language, message=error_text(error, language)), err=True)
            invalid = True
            continue
        _warn(assessed.warnings, language)
        result = assessed.result
        if result.data is not None and not result.data.sufficient:
            insufficient.append(result)
        worst = max([worst, *(finding.severity.rank for finding in result.findings)])
        reports.add(result, assessed.questionnaire, assessed.responses)
    reports.finish()
    _exit(
        invalid=invalid,
        insufficient=[] if allow_insufficient else insufficient,
        worst=worst,
        fail_on=fail_on,
        lang=language,
    )


def _exit(
    *,
    invalid: bool,
    insufficient: list[vm.AssessmentResult],
    worst: int,
    fail_on: SeverityLevel | None,
    lang: str,
) -> None:
    """Invalid input first (2), then too little data (3), then a finding at --fail-on (1)."""
    if invalid:
        raise typer.Exit(EXIT_INVALID)
    if insufficient:
        names = ", ".join(f"{result.relationship} ({result.date})" for result in insufficient)
        message = tr(
            "too little data for a verdict: {names}; the report says what is "
            "missing (use --allow-insufficient to accept it)",
            lang,
            names=names,
        )
        typer.echo(tr("error: {message}", lang, message=message), err=True)
        raise typer.Exit(EXIT_INSUFFICIENT)
    if fail_on is not None and worst >= vm.Severity(fail_on.value).rank:
        from vendormaturity.render.texts import name

        severity = fail_on.value if lang != "fr" else name("severity", fail_on.value, lang).lower()
        typer.echo(
            tr(
                "a finding is {severity} or more severe (--fail-on {level})",
                lang,
                severity=severity,
                level=fail_on.value,
            ),
            err=True,
        )
        raise typer.Exit(EXIT_FAILED)


def _check_out(paths: Sequence[Path], out: Path | None, form: Format, lang: str) -> None:
    """With several PATHs, --out must be a folder (created if needed); HTML needs one."""
    if len(paths) < 2:
        return
    if out is not None and out.exists() and not out.is_dir():
        fail(tr("--out {path} must be a folder when several PATHS are given", lang, path=out), lang=lang)
    if out is None and form is Format.HTML:
        fail(
            tr("--format html with several PATHS needs --out FOLDER (one report per relationship)", lang),
            lang=lang,
        )
    if out is not None:
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            fail(
                tr("cannot create {path}: {reason}", lang, path=out, reason=error.strerror or error),
                EXIT_FAILED,
                lang=lang,
            )


def _report_of(path: Path, relationship: str) -> bool:
    """A report this command wrote: HTML or JSON of the package, or a Markdown or text report
    whose first line names the same relationship."""
    if written_by_vendormaturity(path):
        return True
    if path.suffix.lower() not in (".md", ".txt", ".markdown"):
        return False
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            first = handle.readline(1000)
    except OSError:
        return False
    return relationship in first


class _Reports:
    """Where reports go: the terminal, standard output (collected), or files."""

    def __init__(self, form: Format, lang: str, out: Path | None, *, many: bool, force: bool) -> None:
        self.form, self.lang, self.out, self.many, self.force = form, lang, out, many, force
        self.collected: list[str] = []
        self.written: set[Path] = set()
        self.shown = 0

    def add(self, result: vm.AssessmentResult, used: vm.Questionnaire, responses: vm.ResponseSet) -> None:
        if self.out is None and self.form is Format.TERMINAL:
            from rich.rule import Rule

            from vendormaturity.render.terminal import report

            if self.shown:
                show(Rule())
            show(report(result, self.lang, used))
            self.shown += 1
            return
        report_text = _render(result, self.form, self.lang, used, responses)
        if self.out is None:
            self.collected.append(report_text)
            return
        target = self.out
        if self.out.is_dir():
            target = self.out / (file_stem(result.relationship) + _REPORT_SUFFIXES[self.form.value])
            if target in self.written:
                target = target.with_name(f"{target.stem}-{result.date}{target.suffix}")
            count = 2
            while target in self.written:  # the same relationship twice on one date
                target = target.with_name(f"{target.stem.rsplit('~', 1)[0]}~{count}{target.suffix}")
                count += 1
        if target not in self.written:
            refuse_overwrite(
                target,
                force=self.force,
                lang=self.lang,
                ours=lambda path: _report_of(path, result.relationship),
            )
        self.written.add(target)
        write(target, report_text, lang=self.lang)
        typer.echo(tr("wrote {path}", self.lang, path=target), err=True)

    def finish(self) -> None:
        """Print what was collected for standard output: JSON as one document."""
        reports = self.collected
        if not reports:
            return
        if self.form is Format.JSON and self.many:
            typer.echo("[\n" + ",\n".join(reports) + "\n]")
        elif self.form is Format.JSON:
            typer.echo(reports[0])
        else:
            typer.echo("\n---\n\n".join(reports), nl=False)


@app.command(
    help=N_(
        "Explain an assessment: every phase rule that applied with its weight, "
        "contribution and evidence; the rules that did not apply or lacked "
        "data; each finding's conditions with values and thresholds; the "
        "stage-sum baseline beside the phase."
    ),
    epilog=N_("Example: vendormaturity explain examples/acme-hosting --lang fr"),
)
def explain(
    path: Annotated[
        Path,
        typer.Argument(metavar="PATH", help=N_("A response file, or a folder of one relationship's files.")),
    ],
    *,
    lang: LangOption = "en",
    questionnaire: QuestionnaireOption = None,
    accept_dates: AcceptDatesOption = False,
) -> None:
    """The ``explain`` command."""
    from vendormaturity.render.terminal import explanation

    q = load_questionnaire(questionnaire, lang) if questionnaire else None
    with invalid_input(lang):
        assessed = _assessed(path, q, accept_dates=accept_dates)
    _warn(assessed.warnings, lang)
    show(explanation(assessed.result, assessed.questionnaire, lang))
