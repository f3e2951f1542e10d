"""What the portfolio answers with: plain frozen records, built from the database."""

from __future__ import annotations

import datetime
from typing import Any

import attrs

from vendormaturity.model.phases import Phase

__all__ = [
    "AddSummary",
    "Change",
    "Corrected",
    "Correction",
    "Line",
    "OpenAction",
    "PhaseChange",
    "ReassessSummary",
    "Relationship",
    "Round",
    "Trajectory",
    "Version",
]


@attrs.frozen
class AddSummary:
    """What an ``add`` did: response sets read, stored, already there, and results computed."""

    read: int
    added: int
    duplicates: int
    assessed: int
    relationships: tuple[str, ...]  # those that gained a round, sorted
    retired: int = 0  # of the duplicates, those of a round superseded or removed: not counted again


@attrs.frozen
class Relationship:
    key: str
    client: str
    supplier: str
    segment: str | None
    contract_start: datetime.date | None
    renewal_date: datetime.date | None


@attrs.frozen
class Round:
    """One assessment of a relationship, as its current result says."""

    date: datetime.date
    phase: Phase
    confidence: float
    overall_mean: float | None
    scores: dict[str, float | None]  # dimension → overall mean on the questionnaire's scale
    patterns: tuple[str, ...]
    questionnaire: str
    questionnaire_version: str
    version: int = 1  # of the round: 1 as first stored, then one more for each correction


@attrs.frozen
class Version:
    """One stored version of a relationship's round, in force or not: none is ever deleted."""

    date: datetime.date
    version: int
    status: str  # "active" (in force), "superseded" or "removed"
    source: str  # where it came from
    added_at: datetime.datetime
    superseded_by: tuple[datetime.date, int] | None  # the (date, version) that corrected it


@attrs.frozen
class Correction:
    """A correction of a round, as the audit records it: what, which round, who, when and why."""

    at: datetime.datetime
    actor: str
    action: str  # "supersede" or "remove"
    relationship: str
    date: datetime.date  # the round corrected, and its version then
    version: int
    replacement: tuple[datetime.date, int] | None  # supersede: the (date, version) in force since
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "at": self.at.isoformat(),
            "actor": self.actor,
            "action": self.action,
            "relationship": self.relationship,
            "date": self.date.isoformat(),
            "version": self.version,
            "replacement": None
            if self.replacement is None
            else {"date": self.replacement[0].isoformat(), "version": self.replacement[1]},
            "reason": self.reason,
        }


@attrs.frozen
class Corrected:
    """What a correction did: the audit's record of it, and the rounds assessed again."""

    correction: Correction
    assessed: int


@attrs.frozen
class OpenAction:
    """An action of a plan not reported done or dropped since it was recommended."""

    action: str
    since: datetime.date
    horizon: str
    due: datetime.date | None  # None: due at renewal, and the renewal date is not known
    status: str  # the last status reported, or "unreported"

    def overdue(self, as_of: datetime.date) -> bool:
        return self.due is not None and self.due < as_of


@attrs.frozen
class Line:
    """One relationship in the portfolio's list."""

    relationship: Relationship
    rounds: int
    date: datetime.date  # of the newest round
    phase: Phase
    trend: str  # "up", "down", "steady", or "new" (a single round)
    overall_mean: float | None
    patterns: tuple[str, ...]  # the findings of the newest round
    overdue_actions: int
    stuck_since: datetime.date | None  # first round of the trailing run in norming

    @property
    def open_findings(self) -> int:
        return len(self.patterns)

    def stuck_months(self) -> int | None:
        if self.stuck_since is None:
            return None
        return _months(self.stuck_since, self.date)

    def as_dict(self) -> dict[str, Any]:
        r = self.relationship
        return {
            "relationship": r.key,
            "client": r.client,
            "supplier": r.supplier,
            "segment": r.segment,
            "contract_start": _iso(r.contract_start),
            "renewal_date": _iso(r.renewal_date),
            "rounds": self.rounds,
            "date": self.date.isoformat(),
            "phase": self.phase.value,
            "trend": self.trend,
            "overall_mean": self.overall_mean,
            "open_findings": self.open_findings,
            "patterns": list(self.patterns),
            "overdue_actions": self.overdue_actions,
            "stuck_since": _iso(self.stuck_since),
        }


@attrs.frozen
class Change:
    """What changed between two rounds of one relationship."""

    before: Round
    after: Round
    scores: dict[str, float | None]  # dimension → after − before (None when either is missing)
    appeared: tuple[str, ...]  # patterns found after, not before
    resolved: tuple[str, ...]  # patterns found before, not after

    @property
    def phase_changed(self) -> bool:
        return self.before.phase is not self.after.phase


@attrs.frozen
class Trajectory:
    """A relationship's rounds, oldest first, and what changed between the last two."""

    relationship: Relationship
    rounds: tuple[Round, ...]
    change: Change | None
    open_actions: tuple[OpenAction, ...]
    corrections: tuple[Correction, ...] = ()  # of its rounds, oldest first


@attrs.frozen
class PhaseChange:
    """A relationship whose newest round is placed in another phase by the new questionnaire."""

    relationship: str
    date: datetime.date
    before: Phase
    after: Phase


@attrs.frozen
class ReassessSummary:
    questionnaire: str
    version: str
    assessed: int
    skipped: int  # response sets to another questionnaire
    relationships: int
    changed: tuple[PhaseChange, ...]


def _iso(value: datetime.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _months(start: datetime.date, end: datetime.date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month
