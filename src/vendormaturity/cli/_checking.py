"""``validate``'s report: one line per file checked, skipped or invalid, and the counts."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import typer

import vendormaturity as vm
from vendormaturity.cli._texts import counted, text
from vendormaturity.sources.documents import load_document
from vendormaturity.sources.folders import response_files, story_problems
from vendormaturity.sources.responses import Loaded

__all__ = ["Validation", "status", "status_line"]

_STATUSES = ("ok", "invalid", "warning", "skipped")


def status(name: str, lang: str) -> str:
    """A line's status (``ok``, ``invalid``…), padded to the longest of its language, two spaces more."""
    width = max(len(text(f"validate.{each}", lang)) for each in _STATUSES) + 2
    return text(f"validate.{name}", lang).ljust(width)


def status_line(name: str, path: object, what: str, lang: str) -> str:
    """``ok       path: what``."""
    return text("validate.line", lang, status=status(name, lang), path=path, what=what)


def _summary(item: vm.Questionnaire | Loaded | vm.AssessmentResult, lang: str) -> str:
    if isinstance(item, vm.Questionnaire):
        return counted("validate.questionnaire", len(item.questions), lang, id=item.id, version=item.version)
    if isinstance(item, vm.AssessmentResult):
        return text("validate.result", lang, relationship=item.relationship, date=item.date)
    responses = item.responses
    answers = sum(len(r.answers) for r in responses.respondents)
    return text(
        "validate.responses",
        lang,
        questionnaire=responses.questionnaire,
        version=responses.questionnaire_version,
        respondents=counted("validate.respondents", len(responses.respondents), lang),
        answers=counted("validate.answers", answers, lang),
    )


class Validation:
    """The lines of ``validate``'s report, and its counts."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.valid = self.invalid = self.skipped = self.warnings = self.folders = 0

    def ok(self, path: Path, summary: str, warnings: Sequence[vm.Problem] = ()) -> None:
        self.valid += 1
        typer.echo(status_line("ok", path, summary, self.lang))
        self.warn(warnings)

    def warn(self, warnings: Sequence[vm.Problem]) -> None:
        self.warnings += len(warnings)
        for warning in warnings:
            typer.echo(status("warning", self.lang) + str(warning))

    def bad(self, path: Path, problems: Sequence[vm.Problem]) -> None:
        self.invalid += 1
        if (
            len(problems) == 1
            and problems[0].file == str(path)
            and not (problems[0].line or problems[0].path)
        ):
            # one problem about the whole file
            typer.echo(status_line("invalid", path, problems[0].message, self.lang))
            return
        typer.echo(
            status_line("invalid", path, counted("validate.problems", len(problems), self.lang), self.lang)
        )
        for problem in problems:
            typer.echo(f"  {problem}")

    def skip(self, path: Path, why: str) -> None:
        self.skipped += 1
        typer.echo(status_line("skipped", path, why, self.lang))

    def check(
        self, path: Path, questionnaire: vm.Questionnaire | None, accept_dates: bool
    ) -> vm.Questionnaire | Loaded | vm.AssessmentResult | None:
        try:
            item = load_document(path, questionnaire, accept_dates=accept_dates)
        except vm.ValidationError as error:
            self.bad(path, error.problems)
            return None
        except vm.VendorMaturityError as error:
            self.bad(path, [vm.Problem(str(error).removeprefix(f"{path}: "), file=str(path))])
            return None
        warnings = item.warnings if isinstance(item, Loaded) else []
        self.ok(path, _summary(item, self.lang), warnings)
        return item

    def folder(self, folder: Path, questionnaire: vm.Questionnaire | None, accept_dates: bool) -> None:
        """Each dated file, then whether they tell one relationship's story."""
        dated = response_files(folder)
        for other in sorted(set(folder.iterdir()) - set(dated)):
            if other.is_file():
                self.skip(other, text("validate.not_dated", self.lang))
        loaded: list[tuple[Path, vm.ResponseSet | vm.AssessmentResult]] = []
        for path in dated:
            item = self.check(path, questionnaire, accept_dates)
            if isinstance(item, Loaded):
                loaded.append((path, item.responses))
            elif isinstance(item, vm.AssessmentResult):
                loaded.append((path, item))
        problems = story_problems(folder, loaded)
        if problems:
            self.folders += 1
            what = counted("validate.folder_problems", len(problems), self.lang)
            typer.echo(status_line("invalid", folder, what, self.lang))
            for problem in problems:
                typer.echo(f"  {problem}")

    def total(self) -> str:
        lang = self.lang
        notes = [counted("validate.skipped_count", self.skipped, lang)] if self.skipped else []
        if self.warnings:
            notes.append(counted("validate.warnings", self.warnings, lang))
        return text(
            "validate.total",
            lang,
            files=counted("validate.files", self.valid + self.invalid, lang),
            valid=counted("validate.valid_count", self.valid, lang),
            invalid=counted("validate.invalid_count", self.invalid, lang),
            notes=text("validate.notes", lang, notes=", ".join(notes)) if notes else "",
            folders=counted("validate.folders", self.folders, lang) if self.folders else "",
        )

    @property
    def failed(self) -> bool:
        """Whether to exit 2: a problem anywhere, or nothing valid to check."""
        return bool(self.invalid or self.folders or not self.valid)
