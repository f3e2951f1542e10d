"""Facts from exports do not depend on how the exports were ordered or split into files."""

from __future__ import annotations

import csv
import datetime
import io
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import vendormaturity as vm

TODAY = datetime.date(2026, 10, 15)
MAPPINGS = ["servicenow", "spreadsheets"]
STATES = ["New", "In Progress", "Resolved", "Closed", "Canceled"]
LEVELS = ["Normal", "Moderate", "High", "Overdue"]
TOPICS = ["Capacity", "Backlog", "Invoices", "Security", "Training"]

days = st.dates(min_value=datetime.date(2025, 9, 1), max_value=datetime.date(2026, 10, 10))


@st.composite
def incidents(draw: st.DrawFn) -> list[list[str]]:
    count = draw(st.integers(min_value=1, max_value=40))
    return [
        [
            f"INC{index:07d}",
            f"{draw(days).isoformat()} {draw(st.integers(0, 23)):02d}:15:00",
            draw(st.sampled_from(STATES)),
            draw(st.sampled_from(LEVELS)),
        ]
        for index in range(count)
    ]


@st.composite
def slas(draw: st.DrawFn) -> list[list[str]]:
    rows = draw(
        st.lists(
            st.tuples(days, st.sampled_from(["Completed", "In progress", "Cancelled"]), st.booleans()),
            min_size=1,
            max_size=40,
        )
    )
    return [
        [f"INC{index:07d}", stage, "true" if breached else "false", f"{day} 08:00:00"]
        for index, (day, stage, breached) in enumerate(rows)
    ]


@st.composite
def agendas(draw: st.DrawFn) -> list[list[str]]:
    meetings = draw(st.lists(days, min_size=1, max_size=12, unique=True))
    return [
        [meeting.isoformat(), topic]
        for meeting in meetings
        for topic in draw(st.sets(st.sampled_from(TOPICS), min_size=1))
    ]


@st.composite
def staff(draw: st.DrawFn) -> list[list[str]]:
    people = draw(
        st.lists(st.tuples(days, st.one_of(st.none(), days), st.booleans()), min_size=1, max_size=20)
    )
    rows = []
    for index, (start, end, key) in enumerate(people):
        left = "" if end is None or end < start else end.isoformat()
        rows.append([f"Person {index}", "yes" if key else "no", start.isoformat(), left])
    return rows


SOURCES = {
    "incident": (["number", "opened_at", "state", "escalation"], incidents()),
    "task_sla": (["task", "stage", "has_breached", "start_time"], slas()),
    "copil": (["Date du comité", "Sujet"], agendas()),
    "staff": (["Name", "Key role", "Start", "End"], staff()),
}


def write(folder: Path, stem: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    (folder / f"{stem}.csv").write_text(buffer.getvalue(), encoding="utf-8")


def computed(folder: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """The facts and their provenance, less the file names (which differ by design)."""
    found = vm.facts_from([folder], MAPPINGS, period="2026-Q3", today=TODAY, keep_partial=True)
    provenance = {name: record.model_dump(exclude={"files"}) for name, record in found.provenance.items()}
    return found.facts, provenance


@given(
    data=st.fixed_dictionaries({name: strategy for name, (_, strategy) in SOURCES.items()}),
    order=st.randoms(use_true_random=False),
    pieces=st.integers(min_value=2, max_value=4),
)
def test_facts_do_not_depend_on_row_order_or_files(
    data: dict[str, list[list[str]]], order: Any, pieces: int
) -> None:
    """Shuffling the rows, or splitting each source into several files, changes no fact and no provenance."""
    with tempfile.TemporaryDirectory() as whole, tempfile.TemporaryDirectory() as split:
        for stem, rows in data.items():
            header = SOURCES[stem][0]
            write(Path(whole), stem, header, rows)
            shuffled = list(rows)
            order.shuffle(shuffled)
            cuts = sorted(order.randint(0, len(shuffled)) for _ in range(pieces - 1))
            bounds = [0, *cuts, len(shuffled)]
            for index in range(pieces):
                write(Path(split), f"{stem}_{index}", header, shuffled[bounds[index] : bounds[index + 1]])
        assert computed(Path(whole)) == computed(Path(split))
