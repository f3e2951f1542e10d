"""Commands that read answers and results: ``validate``, ``assess`` and ``explain``."""

from __future__ import annotations

import io
import json
import re
import sys
import tomllib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Annotated

import typer

import vendormaturity as vm
from vendormaturity.cli._app import (
    EXIT_FAILED,
    EXIT_INVALID,
    Format,
    Lang,
    LangOption,
    QuestionnaireOption,
    SeverityLevel,
    app,
    console,
    error_text,
    fail,
    invalid_input,
    load_questionnaire,
    show,
    write,
)

__all__ = ["assess", "explain", "validate"]

_REPORT_SUFFIXES = {"terminal": ".txt", "json": ".json", "markdown": ".md", "html": ".html"}
_FILE_WIDTH = 100  # columns of a terminal report written to a file


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
    q = load_questionnaire(questionnaire) if questionnaire else None
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
            typer.echo(f"invalid  {path}: {error_text(error).removeprefix(f'{path}: ')}")
        else:
            typer.echo(f"ok       {path}: {summary}")
    count = len(paths)
    typer.echo(f"{count} file{'s' if count != 1 else ''} checked: {count - invalid} valid, {invalid} invalid")
    if invalid:
        raise typer.Exit(EXIT_INVALID)


# --------------------------------------------------------------------------- assess, explain


def _assessed(
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

    yield from track(paths, description="Assessing", console=console(stderr=True), transient=True)


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
    _check_out(paths, out, form)
    q = load_questionnaire(questionnaire) if questionnaire else None
    reports = _Reports(form, lang.value, out, many=len(paths) > 1)
    invalid = False
    worst = -1
    for path in _progress(paths):
        try:
            result, used, responses = _assessed(path, q)
        except (vm.VendorMaturityError, OSError) as error:
            typer.echo(f"error: {error_text(error)}", err=True)
            invalid = True
            continue
        worst = max([worst, *(finding.severity.rank for finding in result.findings)])
        reports.add(result, used, responses)
    reports.finish()
    if invalid:
        raise typer.Exit(EXIT_INVALID)
    if fail_on is not None and worst >= vm.Severity(fail_on.value).rank:
        typer.echo(f"a finding is {fail_on.value} or more severe (--fail-on {fail_on.value})", err=True)
        raise typer.Exit(EXIT_FAILED)


def _check_out(paths: Sequence[Path], out: Path | None, form: Format) -> None:
    """With several PATHs, --out must be a folder (created if needed); HTML needs one."""
    if len(paths) < 2:
        return
    if out is not None and out.exists() and not out.is_dir():
        fail(f"--out {out} must be a folder when several PATHS are given")
    if out is None and form is Format.HTML:
        fail("--format html with several PATHS needs --out FOLDER (one report per relationship)")
    if out is not None:
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            fail(f"cannot create {out}: {error.strerror or error}", EXIT_FAILED)


class _Reports:
    """Where reports go: the terminal, standard output (collected), or files."""

    def __init__(self, form: Format, lang: str, out: Path | None, *, many: bool) -> None:
        self.form, self.lang, self.out, self.many = form, lang, out, many
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
        text = _render(result, self.form, self.lang, used, responses)
        if self.out is None:
            self.collected.append(text)
            return
        target = self.out
        if self.out.is_dir():
            target = self.out / (_slug(result.relationship) + _REPORT_SUFFIXES[self.form.value])
            if target in self.written:
                target = target.with_name(f"{target.stem}-{result.date}{target.suffix}")
        self.written.add(target)
        write(target, text)
        typer.echo(f"wrote {target}", err=True)

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

    q = load_questionnaire(questionnaire) if questionnaire else None
    with invalid_input():
        result, used, _ = _assessed(path, q)
    show(explanation(result, used, lang.value))
