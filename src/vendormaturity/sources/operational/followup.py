"""The statuses of the previous plan's actions, read from an action tracker's export.

The mapping's ``[followup]`` table names the tracker's source, the field holding the
plan's action id, the status field and which of its values mean done, in progress, not
started or dropped. A status no list names, or an action listed twice, is a located
problem; rows about actions outside the plan are counted in a note, never dropped unsaid.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from pathlib import Path

import attrs

from vendormaturity.errors import Problem, ValidationError
from vendormaturity.i18n import msg, nmsg
from vendormaturity.model.responses import ActionStatus, FollowUp
from vendormaturity.sources.operational.compute import MappingLike, SourcesLike, _Inputs, assign
from vendormaturity.sources.operational.mapping import ExportMapping, FollowupRule, load_mapping
from vendormaturity.sources.operational.period import Period
from vendormaturity.sources.operational.rows import SourceRows, load_rows
from vendormaturity.sources.operational.values import cell_text

__all__ = ["TrackerStatuses", "statuses_from"]

_STATUSES = (ActionStatus.DONE, ActionStatus.IN_PROGRESS, ActionStatus.NOT_STARTED, ActionStatus.DROPPED)
_OPEN = (ActionStatus.IN_PROGRESS, ActionStatus.NOT_STARTED)


@attrs.frozen
class TrackerStatuses:
    """The follow-up of the plan's actions found in the tracker, and what else it said."""

    followup: tuple[FollowUp, ...]  # in the plan's order
    problems: tuple[Problem, ...]
    notes: tuple[str, ...]
    files: tuple[str, ...]


def statuses_from(
    sources: SourcesLike | str | Path,
    mapping: MappingLike | Sequence[MappingLike],
    *,
    actions: Sequence[str],
    encoding: str = "utf-8",
) -> TrackerStatuses:
    """The status of each of *actions* (the previous plan's ids) that the tracker reports.

    Uses the ``[followup]`` table of the (first) mapping that has one. Raises
    :class:`ValidationError` listing every problem.
    """
    given = [mapping] if isinstance(mapping, str | Path | ExportMapping) else list(mapping)
    mappings = [item if isinstance(item, ExportMapping) else load_mapping(item) for item in given]
    found = [(index, m.followup) for index, m in enumerate(mappings) if m.followup is not None]
    if not found:
        raise ValidationError([Problem(msg("no mapping has a [followup] table naming the action tracker"))])
    index, rule = found[0]
    inputs = _Inputs(mappings, Period(datetime.date.min, datetime.date.max), encoding)
    assign(inputs, sources)
    files = inputs.assigned.get((index, rule.source), [])
    if not files and not inputs.problems:
        patterns = ", ".join(mappings[index].sources[rule.source].files)
        inputs.problems.append(
            Problem(
                msg(
                    "no file of the action tracker '{source}' was given (file names {patterns})",
                    source=rule.source,
                    patterns=patterns,
                )
            )
        )
    if inputs.problems:
        raise ValidationError(inputs.problems)
    spec = mappings[index].sources[rule.source]
    fields = [rule.action, rule.status, *(field for field in (rule.note, rule.due) if field is not None)]
    rows = load_rows(rule.source, spec, files, fields, encoding=encoding)
    followup, notes = ([], []) if rows.unreadable else _statuses(rows, rule, actions)
    problems = rows.log.finish()
    if problems:
        raise ValidationError(
            problems,
            summary=nmsg(
                "{count} problem in the action tracker",
                "{count} problems in the action tracker",
                len(problems),
            ),
        )
    return TrackerStatuses(tuple(followup), (), (*inputs.notes, *notes), tuple(f.shown for f in files))


def _statuses(
    rows: SourceRows, rule: FollowupRule, actions: Sequence[str]
) -> tuple[list[FollowUp], list[str]]:
    meaning = {value.casefold(): status for status in _STATUSES for value in getattr(rule, status.value)}
    # every row counts: a dropped action is a status to report, not a row to leave out
    found: dict[str, FollowUp] = {}
    first_row: dict[str, int] = {}
    outside: list[str] = []
    unnamed = 0
    dues = rows.dates(rule.due) if rule.due is not None else None
    for row in range(rows.count):
        action = cell_text(rows.columns[rule.action][row])
        if not action:
            unnamed += 1
            continue
        if action not in actions:
            outside.append(action)
            continue
        if action in first_row:
            where = rows.place(first_row[action])
            rows.log.add(
                rows.locate(
                    row,
                    rule.action,
                    msg(
                        "action '{action}' is also on row {row}; keep one row per plan action",
                        action=action,
                        row=where.line or where.path,
                    ),
                )
            )
            continue
        first_row[action] = row
        text = cell_text(rows.columns[rule.status][row])
        status = meaning.get(text.casefold())
        if status is None:
            rows.log.add(
                rows.locate(
                    row,
                    rule.status,
                    msg(
                        "status '{status}' means none of done, in_progress, not_started, dropped"
                        " in the mapping; add it to one",
                        status=text,
                    ),
                )
            )
            continue
        found[action] = FollowUp(action=action, status=status, note=_note(rows, rule, row, status, dues))
    notes: list[str] = []
    if outside:
        notes.append(
            nmsg(
                "{count} tracker row about actions outside the plan: {actions}",
                "{count} tracker rows about actions outside the plan: {actions}",
                len(outside),
                actions=", ".join(sorted(set(outside))),
            )
        )
    if unnamed:
        notes.append(
            nmsg(
                "{count} tracker row without a plan action id",
                "{count} tracker rows without a plan action id",
                unnamed,
            )
        )
    return [found[action] for action in actions if action in found], notes


def _note(
    rows: SourceRows,
    rule: FollowupRule,
    row: int,
    status: ActionStatus,
    dues: list[datetime.date | None] | None,
) -> str | None:
    parts = []
    if rule.note is not None:
        text = cell_text(rows.columns[rule.note][row])
        if text:
            parts.append(text)
    if dues is not None and status in _OPEN and dues[row] is not None:
        parts.append(f"due {dues[row].isoformat()}")  # type: ignore[union-attr]
    return " · ".join(parts)[:10_000] or None
