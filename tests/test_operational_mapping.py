"""Mapping files: the bundled ones, and every problem of a mapping located by line and data path."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest

import vendormaturity as vm
from vendormaturity.sources.operational import MappingError, mapping_text
from vendormaturity.sources.operational.mapping import FORMULAS, mapping_from_dict

BUNDLED = [
    "dynamics365",
    "jira-service-management",
    "salesforce",
    "salesforce-report",
    "servicenow",
    "spreadsheets",
]

HEADER = """\
schema_version = 1
id = "mine"
title = { en = "Mine" }
"""


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "mine.toml"
    path.write_text(HEADER + textwrap.dedent(body), encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(MappingError) as caught:
        vm.load_mapping(path)
    return [str(problem) for problem in caught.value.problems]


def test_the_bundled_mappings() -> None:
    """Four tools and the spreadsheets kept by hand, each naming the public documentation it follows."""
    assert BUNDLED == vm.bundled_mappings()
    for mapping_id in BUNDLED:
        mapping = vm.load_mapping(mapping_id)
        assert mapping_id == mapping.id
        assert mapping.documentation
        assert {"en", "fr"} <= set(mapping.title)
        assert mapping_text(mapping_id).startswith("# Mapping for")


def test_every_bundled_fact_is_a_relationship_fact() -> None:
    """Each fact a bundled mapping computes is declared by the relationship questionnaire."""
    declared = {fact.id for fact in vm.load_questionnaire("relationship").facts}
    computed = {fact for mapping_id in BUNDLED for fact in vm.load_mapping(mapping_id).facts}
    assert set() == computed - declared
    assert {
        "kpi_green_ratio",
        "escalations_per_month",
        "actions_closed_ratio",
        "penalties_applied",
        "contested_invoices_ratio",
        "repeated_steering_topics",
        "key_staff_turnover",
        "bid_team_continuity",
        "improvement_proposals",
    } == computed


def test_an_unknown_mapping() -> None:
    """A name that is neither bundled nor a file says which are bundled."""
    with pytest.raises(vm.NotFoundError, match=r"no bundled mapping 'servicenaw' \(bundled: dynamics365, "):
        vm.load_mapping("servicenaw")
    with pytest.raises(vm.NotFoundError, match="no bundled mapping 'nope'"):
        mapping_text("nope")


def test_a_mapping_file_loads(tmp_path: Path) -> None:
    """A small mapping of one source and one fact loads from its file."""
    path = write(
        tmp_path,
        """
        [sources.tickets]
        label = { en = "tickets" }
        files = ["tickets*.csv"]
        date = "opened"
        columns = { opened = "Opened", flag = ["Escalated", "Escaladé"] }
        conditions.escalated = { field = "flag", values = ["yes"] }

        [facts.escalations_per_month]
        source = "tickets"
        formula = "per_month"
        where = "escalated"
        counted = { en = "escalated tickets" }
        """,
    )
    mapping = vm.load_mapping(path)
    assert ["Escalated", "Escaladé"] == mapping.sources["tickets"].headers("flag")
    assert "per_month(where = escalated, window = period)" == mapping.facts["escalations_per_month"].text()


def test_every_problem_is_located(tmp_path: Path) -> None:
    """Unknown fields, conditions and sources, missing date, bad formats: all at once, by line."""
    path = write(
        tmp_path,
        """
        [sources.tickets]
        label = { en = "tickets" }
        files = ["tickets*.csv"]
        key = "numbr"
        date_format = "dd/mm/yyyy"
        timezone = "Europe/Pariss"
        exclude = "cancelld"
        columns = { number = "Number", state = "State" }
        conditions.cancelled = { field = "stat", values = ["Cancelled"] }
        conditions.loop = { not = "loop" }

        [sources.team]
        label = { en = "people" }
        files = ["team*.csv"]
        start = "joined"
        columns = { joined = "Joined" }

        [facts.escalations_per_month]
        source = "tickets"
        formula = "per_month"
        where = "escalated"
        counted = { en = "escalated tickets" }

        [facts.kpi_green_ratio]
        source = "tikets"
        formula = "share"
        counted = { en = "met" }

        [facts.key_staff_turnover]
        source = "team"
        formula = "continuity"
        counted = { en = "people" }
        against = "crowd"

        [facts.penalties_applied]
        source = "team"
        formula = "streaks"
        key = "name"
        against = "tickets"
        counted = { en = "x" }
        """,
    )
    name = str(path)
    assert [
        f"{name}:8: sources.tickets.key: unknown field 'numbr' (did you mean 'number'?) (not in columns)",
        f'{name}:9: sources.tickets.date_format: unknown date format \'dd/mm/yyyy\'; use "iso", "day_first", '
        '"month_first", "day_or_month_first", "excel_serial" or a strptime pattern',
        f"{name}:10: sources.tickets.timezone: unknown time zone 'Europe/Pariss'; use a name such "
        'as "Europe/Paris"',
        f"{name}:11: sources.tickets.exclude: unknown condition 'cancelld' (did you mean 'cancelled'?)",
        f"{name}:13: sources.tickets.conditions.cancelled: unknown field 'stat' (did you mean "
        "'state'?) (not in columns)",
        f"{name}:14: sources.tickets.conditions.loop: refers to itself through other conditions",
        f"{name}:16: sources.team.end: start and end go together",
        f"{name}:24: facts.escalations_per_month.formula: per_month counts rows by date: source "
        "'tickets' needs a "
        "date field",
        f"{name}:25: facts.escalations_per_month.where: unknown condition 'escalated' of source 'tickets'",
        f"{name}:29: facts.kpi_green_ratio.source: unknown source 'tikets' (did you mean 'tickets'?)",
        f"{name}:33: facts.key_staff_turnover.key: continuity needs the key field whose values it counts",
        f"{name}:37: facts.key_staff_turnover.against: unknown source 'crowd'",
        f"{name}:41: facts.penalties_applied.formula: streaks counts rows by date: source 'team' "
        "needs a date field",
        f"{name}:42: facts.penalties_applied.key: unknown field 'name' of source 'team'",
        f"{name}:43: facts.penalties_applied.against: only continuity compares two sources",
    ] == problems(path)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            'conditions.x = { field = "a" }',
            "sources.s.conditions.x: give exactly one of: field with values (and others), field "
            "with present, "
            "value with target and better, not, all, any",
        ),
        (
            'conditions.x = { value = "a" }',
            "sources.s.conditions.x: a value is compared with a target: give target and better",
        ),
        (
            'conditions.x = { field = "a", present = true, others = ["b"] }',
            "sources.s.conditions.x: others lists the values that mean no: give values too",
        ),
        (
            'conditions.x = { field = "a", valeus = ["b"] }',
            "sources.s.conditions.x.valeus: unknown key 'valeus' (did you mean 'values'?)",
        ),
    ],
)
def test_a_condition_has_one_form(tmp_path: Path, body: str, message: str) -> None:
    """A condition is a field's values, a presence, a comparison or a combination: one of them."""
    path = write(
        tmp_path,
        f"""
        [sources.s]
        label = {{ en = "rows" }}
        files = ["s*.csv"]
        columns = {{ a = "A" }}
        {body}
        """,
    )
    assert [f"{path}:9: {message}"] == problems(path)


def test_formulas_need_their_fields_and_the_followup_its_source(tmp_path: Path) -> None:
    """share needs a condition, turnover start and end, continuity a source; statuses mean one thing."""
    path = write(
        tmp_path,
        """
        [sources.s]
        label = { en = "rows" }
        files = ["s*.csv"]
        date = "day"
        columns = { day = "Day", who = "Who", status = "Status" }

        [facts.kpi_green_ratio]
        source = "s"
        formula = "share"
        counted = { en = "x" }

        [facts.key_staff_turnover]
        source = "s"
        formula = "turnover"
        counted = { en = "x" }

        [facts.bid_team_continuity]
        source = "s"
        formula = "continuity"
        key = "who"
        counted = { en = "x" }

        [facts.actions_closed_ratio]
        source = "s"
        formula = "continuity"
        key = "who"
        against = "s"
        counted = { en = "x" }

        [followup]
        source = "s"
        action = "who"
        status = "state"
        done = ["Done"]
        in_progress = ["Going"]
        not_started = ["Open", "done"]
        dropped = ["Dropped"]
        """,
    )
    name = str(path)
    assert [
        f"{name}:11: facts.kpi_green_ratio.where: share needs the condition of the rows it counts",
        f"{name}:18: facts.key_staff_turnover.formula: turnover needs start and end fields in source 's'",
        f"{name}:21: facts.bid_team_continuity.against: continuity needs the source of who is still there: "
        'against = "..."',
        f"{name}:37: followup.status: unknown field 'state' (did you mean 'status'?) of source 's'",
        f"{name}:40: followup.not_started: 'done' is also listed under done",
    ] == problems(path)


def test_followup_and_continuity_sources_must_exist(tmp_path: Path) -> None:
    """A follow-up source or a continuity key that is not there is named."""
    path = write(
        tmp_path,
        """
        [sources.s]
        label = { en = "rows" }
        files = ["s*.csv"]
        columns = { who = "Who" }

        [sources.t]
        label = { en = "rows" }
        files = ["t*.csv"]
        columns = { name = "Name" }

        [facts.bid_team_continuity]
        source = "s"
        formula = "continuity"
        key = "who"
        against = "t"
        counted = { en = "x" }

        [followup]
        source = "trackr"
        action = "who"
        status = "who"
        done = ["Done"]
        in_progress = ["Going"]
        not_started = ["Open"]
        dropped = ["Dropped"]
        """,
    )
    name = str(path)
    assert [
        f"{name}:18: facts.bid_team_continuity.key: field 'who' is not in the columns of source 't'",
        f"{name}:23: followup.source: unknown source 'trackr'",
    ] == problems(path)


def test_schema_problems_and_unreadable_files(tmp_path: Path) -> None:
    """A wrong type, a NaN, a syntax error and a missing file are located or named."""
    path = write(tmp_path, '[sources.s]\nlabel = { en = "rows" }\nfiles = "s.csv"\ncolumns = { a = "A" }\n')
    assert [f'{path}:6: sources.s.files: input should be a valid list, got "s.csv"'] == problems(path)
    path.write_text(
        HEADER + "[sources.s]\nlabel = { en = 'x' }\nfiles = ['a']\ncolumns = { a = 'A' }\nheader_row = nan\n"
    )
    assert [f"{path}:8: sources.s.header_row: NaN and infinity are not allowed"] == problems(path)
    path.write_text(HEADER + "[sources.s\n", encoding="utf-8")
    assert [f"{path}:4: TOML syntax error: Expected ']' at the end of a table declaration"] == problems(path)
    with pytest.raises(vm.NotFoundError, match="no such file"):
        vm.load_mapping(tmp_path / "absent.toml")
    (tmp_path / "empty.toml").write_text("", encoding="utf-8")
    with pytest.raises(MappingError, match="file is empty"):
        vm.load_mapping(tmp_path / "empty.toml")


def test_a_mapping_built_in_code() -> None:
    """A mapping given as a table is checked as a file is."""
    document: dict[str, Any] = {
        "id": "code",
        "title": {"en": "In code"},
        "sources": {"s": {"label": {"en": "rows"}, "files": ["s*.csv"], "columns": {"a": "A"}, "key": "b"}},
    }
    with pytest.raises(MappingError) as caught:
        mapping_from_dict(document)
    assert ["<mapping>: sources.s.key: unknown field 'b' (not in columns)"] == [
        str(p) for p in caught.value.problems
    ]


def test_every_formula_is_described() -> None:
    """docs/facts.md and --help describe the formulas from one table."""
    assert ["count", "share", "per_month", "streaks", "turnover", "continuity"] == list(FORMULAS)
