"""``validate``'s report: one line per file checked, skipped or invalid, and the counts."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import typer

import vendormaturity as vm
from vendormaturity.sources.documents import load_document
from vendormaturity.sources.folders import response_files, story_problems
from vendormaturity.sources.responses import Loaded

__all__ = ["Validation"]


def _summary(item: vm.Questionnaire | Loaded | vm.AssessmentResult) -> str:
    if isinstance(item, vm.Questionnaire):
        return f"questionnaire {item.id} {item.version} ({len(item.questions)} questions)"
    if isinstance(item, vm.AssessmentResult):
        return f"result of {item.relationship} on {item.date}"
    responses = item.responses
    answers = sum(len(r.answers) for r in responses.respondents)
    people = len(responses.respondents)
    return (
        f"responses to {responses.questionnaire} {responses.questionnaire_version}, "
        f"{people} respondent{'s' if people != 1 else ''}, {answers} answer{'s' if answers != 1 else ''}"
    )


class Validation:
    """The lines of ``validate``'s report, and its counts."""

    def __init__(self) -> None:
        self.valid = self.invalid = self.skipped = self.warnings = self.folders = 0

    def ok(self, path: Path, summary: str, warnings: Sequence[vm.Problem] = ()) -> None:
        self.valid += 1
        typer.echo(f"ok       {path}: {summary}")
        self.warn(warnings)

    def warn(self, warnings: Sequence[vm.Problem]) -> None:
        self.warnings += len(warnings)
        for warning in warnings:
            typer.echo(f"warning  {warning}")

    def bad(self, path: Path, problems: Sequence[vm.Problem]) -> None:
        self.invalid += 1
        if (
            len(problems) == 1
            and problems[0].file == str(path)
            and not (problems[0].line or problems[0].path)
        ):
            typer.echo(f"invalid  {path}: {problems[0].message}")  # one problem about the whole file
            return
        count = len(problems)
        typer.echo(f"invalid  {path}: {count} problem{'s' if count != 1 else ''}")
        for problem in problems:
            typer.echo(f"  {problem}")

    def skip(self, path: Path, why: str) -> None:
        self.skipped += 1
        typer.echo(f"skipped  {path}: {why}")

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
        self.ok(path, _summary(item), warnings)
        return item

    def folder(self, folder: Path, questionnaire: vm.Questionnaire | None, accept_dates: bool) -> None:
        """Each dated file, then whether they tell one relationship's story."""
        dated = response_files(folder)
        for other in sorted(set(folder.iterdir()) - set(dated)):
            if other.is_file():
                self.skip(other, "not named by date, so not part of the relationship's history")
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
            count = len(problems)
            typer.echo(f"invalid  {folder}: {count} problem{'s' if count != 1 else ''} across its files")
            for problem in problems:
                typer.echo(f"  {problem}")

    def total(self) -> str:
        checked = self.valid + self.invalid
        notes = [f"{self.skipped} skipped"] if self.skipped else []
        if self.warnings:
            notes.append(f"{self.warnings} warning{'s' if self.warnings != 1 else ''}")
        extra = f" ({', '.join(notes)})" if notes else ""
        files = f"{checked} file{'s' if checked != 1 else ''}"
        folders = ""
        if self.folders:
            folders = (
                f"; {self.folders} folder{'s' if self.folders != 1 else ''} whose files do not tell one story"
            )
        return f"{files} checked: {self.valid} valid, {self.invalid} invalid{extra}{folders}"

    @property
    def failed(self) -> bool:
        """Whether to exit 2: a problem anywhere, or nothing valid to check."""
        return bool(self.invalid or self.folders or not self.valid)
