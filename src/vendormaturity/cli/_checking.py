"""``validate``'s report: one line per file checked, skipped or invalid, and the counts."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import typer

import vendormaturity as vm
from vendormaturity.i18n import ntr, pmsg, tr
from vendormaturity.sources.documents import load_document
from vendormaturity.sources.folders import response_files, story_problems
from vendormaturity.sources.responses import Loaded

__all__ = ["Validation", "status", "status_line"]

# What a file or a folder turned out to be, at the head of its line.
_STATUSES = {
    "ok": pmsg("validation status", "ok"),
    "invalid": pmsg("validation status", "invalid"),
    "warning": pmsg("validation status", "warning"),
    "skipped": pmsg("validation status", "skipped"),
}


def status(name: str, lang: str) -> str:
    """A line's status (``ok``, ``invalid``…), padded to the longest of its language, two spaces more."""
    width = max(len(each.translated(lang)) for each in _STATUSES.values()) + 2
    return _STATUSES[name].translated(lang).ljust(width)


def status_line(name: str, path: object, what: str, lang: str) -> str:
    """``ok       path: what``."""
    return tr("{status}{path}: {what}", lang, status=status(name, lang), path=path, what=what)


def _summary(item: vm.Questionnaire | Loaded | vm.AssessmentResult, lang: str) -> str:
    if isinstance(item, vm.Questionnaire):
        return ntr(
            "questionnaire {id} {version} ({count} question)",
            "questionnaire {id} {version} ({count} questions)",
            len(item.questions),
            lang,
            id=item.id,
            version=item.version,
        )
    if isinstance(item, vm.AssessmentResult):
        return tr("result of {relationship} on {date}", lang, relationship=item.relationship, date=item.date)
    responses = item.responses
    answers = sum(len(r.answers) for r in responses.respondents)
    return tr(
        "responses to {questionnaire} {version}, {respondents}, {answers}",
        lang,
        questionnaire=responses.questionnaire,
        version=responses.questionnaire_version,
        respondents=ntr("{count} respondent", "{count} respondents", len(responses.respondents), lang),
        answers=ntr("{count} answer", "{count} answers", answers, lang),
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
            status_line(
                "invalid",
                path,
                ntr("{count} problem", "{count} problems", len(problems), self.lang),
                self.lang,
            )
        )
        for problem in problems:
            typer.echo(f"  {problem.translated(self.lang)}")

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
            said = error.translated(self.lang).removeprefix(f"{path}: ")
            self.bad(path, [vm.Problem(said, file=str(path))])
            return None
        warnings = item.warnings if isinstance(item, Loaded) else []
        self.ok(path, _summary(item, self.lang), warnings)
        return item

    def folder(self, folder: Path, questionnaire: vm.Questionnaire | None, accept_dates: bool) -> None:
        """Each dated file, then whether they tell one relationship's story."""
        dated = response_files(folder)
        for other in sorted(set(folder.iterdir()) - set(dated)):
            if other.is_file():
                self.skip(
                    other, tr("not named by date, so not part of the relationship's history", self.lang)
                )
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
            what = ntr(
                "{count} problem across its files",
                "{count} problems across its files",
                len(problems),
                self.lang,
            )
            typer.echo(status_line("invalid", folder, what, self.lang))
            for problem in problems:
                typer.echo(f"  {problem.translated(self.lang)}")

    def total(self) -> str:
        lang = self.lang
        notes = [ntr("{count} skipped", "{count} skipped", self.skipped, lang)] if self.skipped else []
        if self.warnings:
            notes.append(ntr("{count} warning", "{count} warnings", self.warnings, lang))
        return tr(
            "{files}: {valid}, {invalid}{notes}{folders}",
            lang,
            files=ntr("{count} file checked", "{count} files checked", self.valid + self.invalid, lang),
            valid=ntr("{count} valid", "{count} valid", self.valid, lang),
            invalid=ntr("{count} invalid", "{count} invalid", self.invalid, lang),
            notes=tr(" ({notes})", lang, notes=", ".join(notes)) if notes else "",
            folders=ntr(
                "; {count} folder whose files do not tell one story",
                "; {count} folders whose files do not tell one story",
                self.folders,
                lang,
            )
            if self.folders
            else "",
        )

    @property
    def failed(self) -> bool:
        """Whether to exit 2: a problem anywhere, or nothing valid to check."""
        return bool(self.invalid or self.folders or not self.valid)
