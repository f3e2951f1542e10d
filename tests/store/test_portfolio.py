"""The portfolio through its public API, on SQLite and PostgreSQL: add, list, follow, reassess."""

from __future__ import annotations

import datetime
import json
import shutil
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

import vendormaturity as vm
from vendormaturity.store.views import Line

from .helpers import ACME, EXAMPLE_FOLDERS, EXAMPLES, ROUNDS, copies, in_segment, with_finding

AS_OF = datetime.date(2026, 12, 1)


def by_key(lines: list[Line]) -> dict[str, Line]:
    return {line.relationship.key: line for line in lines}


def test_add_stores_and_assesses_every_round(portfolio: vm.Portfolio) -> None:
    """Adding the examples stores each round once and assesses each with its earlier rounds."""
    summary = portfolio.add([EXAMPLES])
    assert (ROUNDS, ROUNDS, 0, ROUNDS) == (summary.read, summary.added, summary.duplicates, summary.assessed)
    assert [p.name for p in EXAMPLE_FOLDERS] == list(summary.relationships)
    counts = portfolio.counts()
    assert len(EXAMPLE_FOLDERS) == counts["relationships"]
    assert ROUNDS == counts["response_sets"] == counts["results"]


@pytest.mark.parametrize("folder", EXAMPLE_FOLDERS[:6], ids=lambda p: p.name)
def test_newest_result_is_the_folders_assessment(portfolio: vm.Portfolio, folder: Path) -> None:
    """The stored newest result is exactly what `assess` gives for the relationship's folder."""
    portfolio.add([folder])
    current, history = vm.load_history(folder)
    expected = vm.assess(vm.load_questionnaire(current.questionnaire), current, history=history)
    assert expected == portfolio.result(folder.name)


def test_adding_again_stores_nothing(portfolio: vm.Portfolio, tmp_path: Path) -> None:
    """The same response set twice is stored once, even as a JSON twin of a TOML file."""
    portfolio.add([ACME])
    before = portfolio.counts()
    twin = tmp_path / "2026-09-15.json"
    twin.write_text(vm.dump_responses(vm.load_responses(ACME / "2026-09-15.toml"), format="json"))
    summary = portfolio.add([ACME, twin])
    assert (5, 0, 5, 0) == (summary.read, summary.added, summary.duplicates, summary.assessed)
    assert before == portfolio.counts()


def test_rounds_added_out_of_order_give_the_same_results(db: str, tmp_path: Path) -> None:
    """A round older than the stored ones is slotted in, and the later rounds are reassessed."""
    with vm.Portfolio(db, create=True) as store:
        store.add([ACME / "2026-09-15.toml"])
        lonely = store.result("acme-hosting")
        store.add([ACME])
        assert 4 == store.counts()["results"]
        current, history = vm.load_history(ACME)
        expected = vm.assess(vm.load_questionnaire("relationship"), current, history=history)
        assert expected == store.result("acme-hosting")
        assert lonely != expected  # it had no history then
        assert [r.date for r in store.trajectory("acme-hosting").rounds] == [
            *sorted(r.date for r in history),
            current.date,
        ]


def test_another_response_set_for_a_stored_round_is_refused(portfolio: vm.Portfolio, tmp_path: Path) -> None:
    """A round is never replaced: different answers for a stored date are a located error."""
    portfolio.add([ACME / "2026-09-15.toml"])
    changed = vm.load_responses(ACME / "2026-09-15.toml").model_copy(update={"comment": "resubmitted"})
    path = tmp_path / "2026-09-15.toml"
    path.write_text(vm.dump_responses(changed))
    with pytest.raises(vm.ResponseError) as raised:
        portfolio.add([path])
    assert [
        f"{path}: relationship 'acme-hosting' already has a response set dated 2026-09-15 with other "
        f"content (from {ACME / '2026-09-15.toml'}); a round is stored as submitted: to correct it, "
        "supersede it (`vendormaturity portfolio supersede`)"
    ] == [str(problem) for problem in raised.value.problems]
    assert "1 problem; nothing was added to the portfolio" == raised.value.summary
    assert 1 == portfolio.counts()["response_sets"]


def test_one_invalid_file_adds_nothing(portfolio: vm.Portfolio, tmp_path: Path) -> None:
    """Every problem of every file is reported, and the valid files are not added either."""
    shutil.copytree(ACME, tmp_path / "acme")
    bad = tmp_path / "acme" / "2027-01-01.toml"
    bad.write_text(
        (ACME / "2026-09-15.toml").read_text().replace("kpi_green_ratio = 0.96", "kpi_green_ratio = 1.5")
    )
    broken = tmp_path / "acme" / "2027-02-01.json"
    broken.write_text("{")
    with pytest.raises(vm.ResponseError) as raised:
        portfolio.add([tmp_path / "acme"])
    messages = [str(problem) for problem in raised.value.problems]
    assert 2 == len(messages)
    assert messages[0].startswith(f"{bad}:")
    assert messages[0].endswith("facts.kpi_green_ratio: must be at most 1, got 1.5")
    assert messages[1].startswith(f"{broken}:")
    assert 0 == portfolio.counts()["response_sets"]


def test_a_failed_first_add_leaves_no_portfolio_and_the_next_one_creates_it(db: str, tmp_path: Path) -> None:
    """The schema made by a first add is rolled back with it; the same object can add again."""
    broken = tmp_path / "2027-02-01.json"
    broken.write_text("{")
    with vm.Portfolio(db, create=True) as store:
        with pytest.raises(vm.ResponseError):
            store.add([ACME, broken])
        with pytest.raises(vm.PortfolioError, match="no portfolio here"):
            vm.Portfolio(db).lines()
        assert 4 == store.add([ACME]).added


def test_a_saved_result_is_not_a_response_set(portfolio: vm.Portfolio, tmp_path: Path) -> None:
    """A result JSON among the response files is refused with a reason, not skipped silently."""
    result = tmp_path / "2026-10-01.json"
    result.write_text(
        vm.assess(
            vm.load_questionnaire("relationship"), vm.load_responses(ACME / "2026-09-15.toml")
        ).model_dump_json()
    )
    with pytest.raises(vm.ResponseError) as raised:
        portfolio.add([result])
    assert [
        f"{result}: is a saved result, not a response set; "
        "the portfolio stores response sets and computes their results"
    ] == [str(p) for p in raised.value.problems]


def test_unknown_paths_and_kinds(portfolio: vm.Portfolio, tmp_path: Path) -> None:
    """A missing path is not found; a file of an unknown kind is a located problem."""
    with pytest.raises(vm.NotFoundError, match="nowhere: no such file or folder"):
        portfolio.add([tmp_path / "nowhere"])
    sheet = tmp_path / "answers.csv"
    sheet.write_text("a,b\n")
    with pytest.raises(vm.ResponseError) as raised:
        portfolio.add([sheet])
    assert [f"{sheet}: cannot read this kind of file (the portfolio reads .json, .toml, .xlsx)"] == [
        str(p) for p in raised.value.problems
    ]


def test_lines_say_where_each_relationship_stands(portfolio: vm.Portfolio) -> None:
    """Phase, trend, findings, overdue actions and norming streak of each relationship."""
    portfolio.add([EXAMPLES])
    lines = by_key(portfolio.lines(as_of=AS_OF))
    acme = lines["acme-hosting"]
    assert (vm.Phase.NORMING, "steady", ("watermelon", "stuck_in_norming")) == (
        acme.phase,
        acme.trend,
        acme.patterns,
    )
    assert (4, datetime.date(2024, 9, 12), 24) == (acme.rounds, acme.stuck_since, acme.stuck_months())
    assert ("strategic", datetime.date(2022, 6, 1), datetime.date(2029, 5, 31)) == (
        acme.relationship.segment,
        acme.relationship.contract_start,
        acme.relationship.renewal_date,
    )
    assert 10 == acme.overdue_actions
    assert "new" == lines["aurora-cloud"].trend
    assert "up" == lines["alder-facilities"].trend
    assert "down" == lines["nordhavn-payroll"].trend
    assert lines["alder-facilities"].stuck_since is None
    early = by_key(portfolio.lines(as_of=datetime.date(2020, 1, 1)))
    assert 0 == sum(line.overdue_actions for line in early.values())


def test_lines_filter_by_segment_phase_and_pattern(portfolio: vm.Portfolio) -> None:
    """Filters combine; an unknown value matches nothing."""
    portfolio.add([EXAMPLES])
    strategic = portfolio.lines(segment="strategic")
    assert in_segment("strategic") == [line.relationship.key for line in strategic]
    assert with_finding("watermelon") == [
        line.relationship.key for line in portfolio.lines(pattern="watermelon")
    ]
    assert ["acme-hosting"] == [
        line.relationship.key
        for line in portfolio.lines(segment="strategic", phase="norming", pattern="watermelon")
    ]
    assert [] == portfolio.lines(segment="nowhere")


def test_open_actions_round_after_round_are_those_of_one_import(db: str, tmp_path: Path) -> None:
    """Each round added on its own writes only the open actions that changed; what is stored
    is what one import of every round stores, and the overdue counts agree."""
    rounds = sorted(ACME.glob("20*.toml"))
    stepwise = vm.Portfolio(db, create=True)
    seen = []
    for path in rounds:
        stepwise.add([path])
        seen.append(stepwise.open_actions(["acme-hosting"])["acme-hosting"])
    at_once = vm.Portfolio(f"sqlite:///{tmp_path / 'at-once.db'}", create=True)
    at_once.add([ACME])
    assert at_once.open_actions(["acme-hosting"]) == {"acme-hosting": seen[-1]}
    assert len({tuple(actions) for actions in seen}) > 1  # the rounds changed them
    assert (
        by_key(stepwise.lines(as_of=AS_OF))["acme-hosting"]
        == by_key(at_once.lines(as_of=AS_OF))["acme-hosting"]
    )


@pytest.mark.parametrize("segment", [None, "strategic", "nowhere"])
def test_the_first_lines_are_those_of_the_whole_list(portfolio: vm.Portfolio, segment: str | None) -> None:
    """A screenful of the list is its first lines, with the count of every line, whatever the
    number asked for."""
    portfolio.add([EXAMPLES])
    whole = portfolio.lines(segment=segment, as_of=AS_OF)
    for count in (1, 3, len(whole), len(whole) + 5):
        assert (whole[:count], len(whole)) == portfolio.first_lines(count, segment=segment, as_of=AS_OF)


def test_trajectory_and_compare(portfolio: vm.Portfolio) -> None:
    """Rounds oldest first with their scores; what changed between two dates."""
    portfolio.add([ACME])
    trajectory = portfolio.trajectory("acme-hosting")
    assert [vm.Phase.STORMING, vm.Phase.NORMING, vm.Phase.NORMING, vm.Phase.NORMING] == [
        r.phase for r in trajectory.rounds
    ]
    change = trajectory.change
    assert change is not None
    assert (datetime.date(2025, 9, 11), datetime.date(2026, 9, 15)) == (change.before.date, change.after.date)
    assert not change.phase_changed
    assert pytest.approx(-0.3815) == change.scores["service_quality"]
    compared = portfolio.compare("acme-hosting", datetime.date(2024, 1, 1), datetime.date(2026, 12, 31))
    assert (vm.Phase.STORMING, vm.Phase.NORMING, True) == (
        compared.before.phase,
        compared.after.phase,
        compared.phase_changed,
    )
    assert ("watermelon", "stuck_in_norming") == compared.appeared
    assert tuple(compared.resolved) == tuple(p for p in trajectory.rounds[0].patterns)
    overdue = [a.action for a in trajectory.open_actions if a.overdue(AS_OF)]
    assert "xla_pilot" in overdue
    assert "joint_value_roadmap" not in overdue


def test_unknown_relationship_and_dates(portfolio: vm.Portfolio) -> None:
    """Clear errors: an unknown relationship (with a did-you-mean), a date before every round."""
    portfolio.add([ACME])
    with pytest.raises(vm.NotFoundError) as raised:
        portfolio.trajectory("acme-hostin")
    assert "no relationship 'acme-hostin' in the portfolio (did you mean 'acme-hosting'?)" == str(
        raised.value
    )
    with pytest.raises(vm.NotFoundError) as raised:
        portfolio.compare("acme-hosting", datetime.date(2020, 1, 1), datetime.date(2026, 1, 1))
    assert (
        "acme-hosting: no round on or before 2020-01-01 (start, --from); its rounds: "
        "2023-09-14, 2024-09-12, 2025-09-11, 2026-09-15"
    ) == str(raised.value)
    with pytest.raises(vm.NotFoundError, match="acme-hosting: no round dated 2020-01-01"):
        portfolio.result("acme-hosting", datetime.date(2020, 1, 1))
    assert datetime.date(2024, 9, 12) == portfolio.result("acme-hosting", datetime.date(2024, 9, 12)).date


def _stricter(q: vm.Questionnaire) -> vm.Questionnaire:
    """The questionnaire at a new version whose norming band is wider (more relationships norming)."""
    document = q.model_dump(mode="json", exclude_none=True)
    document["version"] = "1.2.0"
    for rule in document["phase_rules"]:
        if rule["phase"] == "performing":
            rule["weight"] = rule["weight"] / 10
    return vm.questionnaire_from_dict(document)


def test_reassess_keeps_old_results_and_lists_phase_changes(portfolio: vm.Portfolio) -> None:
    """Every round is assessed again; the old results stay; phase changes are listed."""
    portfolio.add([EXAMPLES, Path(__file__).parents[1] / "data" / "cli" / "northwind"])
    before = by_key(portfolio.lines())
    q = _stricter(vm.load_questionnaire("relationship"))
    summary = portfolio.reassess(q)
    after = by_key(portfolio.lines())
    assert (ROUNDS, 2 * ROUNDS + 3, "1.2.0") == (
        summary.assessed,
        portfolio.counts()["results"],
        summary.version,
    )
    assert 3 == summary.skipped  # northwind answers the pulse questionnaire
    changed = {c.relationship: (c.before, c.after) for c in summary.changed}
    assert changed == {
        key: (before[key].phase, after[key].phase)
        for key in after
        if before[key].phase is not after[key].phase
    }
    assert changed  # the change of weights moves someone
    assert "1.2.0" == portfolio.result("acme-hosting").questionnaire_version
    again = portfolio.reassess(q)
    assert () == again.changed
    assert (
        2 * ROUNDS + 3 == portfolio.counts()["results"]
    )  # the same version again replaces, never duplicates


def test_reassess_reports_rounds_that_do_not_fit(portfolio: vm.Portfolio) -> None:
    """A questionnaire that drops a question the answers use: every problem, nothing written."""
    portfolio.add([ACME])
    document = vm.load_questionnaire("relationship").model_dump(mode="json", exclude_none=True)
    document["version"] = "2.0.0"
    document["questions"] = [q for q in document["questions"] if q["id"] != "obj_vague_goals"]
    with pytest.raises(vm.ResponseError) as raised:
        portfolio.reassess(vm.questionnaire_from_dict(document))
    assert "no result was stored" in str(raised.value.summary)
    assert any("obj_vague_goals" in str(p) for p in raised.value.problems)
    assert 4 == portfolio.counts()["results"]


def test_facts_keep_their_provenance(portfolio: vm.Portfolio, db: str) -> None:
    """A fact's provenance is stored as JSON beside it; facts typed by hand have none."""
    rs = vm.load_responses(ACME / "2026-09-15.toml")
    origin: dict[str, object] = {
        "value": rs.facts["escalations_per_month"],
        "mapping": "servicenow",
        "source": "incidents",
        "files": ["incidents.csv"],
        "start": "2026-07-01",
        "end": "2026-09-30",
        "formula": "per_month(where = escalated, window = period)",
        "rows": 14,
        "of": 212,
        "words": {},
        "missing": None,  # as stored: the whole record, every field
        "filter": None,
    }
    sourced = vm.responses_from_dict(
        {**rs.model_dump(mode="json"), "provenance": {"escalations_per_month": origin}}
    )
    portfolio.add_responses([sourced])
    engine = sa.create_engine(db)
    with engine.connect() as connection:
        rows: dict[str, object] = dict(
            connection.execute(sa.text("SELECT name, provenance FROM facts")).all()
        )
    engine.dispose()
    loaded = {name: json.loads(value) if isinstance(value, str) else value for name, value in rows.items()}
    assert origin == loaded["escalations_per_month"]
    assert loaded["kpi_green_ratio"] is None


def test_an_application_passes_its_engine_or_connection(db: str) -> None:
    """The same store on an application's engine, or inside its own transaction (rolled back here)."""
    engine = sa.create_engine(db)
    vm.Portfolio(engine, create=True).init()
    with engine.connect() as connection:
        transaction = connection.begin()
        store = vm.Portfolio(connection)
        store.add([ACME])
        assert 4 == store.counts()["response_sets"]
        transaction.rollback()
    assert 0 == vm.Portfolio(engine).counts()["response_sets"]
    vm.Portfolio(engine).add([ACME])
    assert ["acme-hosting"] == vm.Portfolio(engine).relationships()
    engine.dispose()


def test_results_bring_the_response_sets_for_reports(portfolio: vm.Portfolio) -> None:
    """The newest result and response set of each relationship asked for."""
    portfolio.add([EXAMPLES])
    found = portfolio.results(["acme-hosting", "aurora-cloud"])
    result, responses = found["acme-hosting"]
    assert (datetime.date(2026, 9, 15), responses) == (
        result.date,
        vm.load_responses(ACME / "2026-09-15.toml"),
    )


def test_worker_processes_give_the_same_portfolio(db: str, tmp_path: Path) -> None:
    """Reading and assessing in two worker processes stores what one process stores."""
    many = copies(tmp_path / "many", 40)
    with vm.Portfolio(db, create=True) as store:
        summary = store.add([many, ACME], workers=2)
        assert summary.added == summary.assessed == sum(1 for _ in many.rglob("*.toml")) + 4
        parallel = [line.as_dict() for line in store.lines(as_of=AS_OF)]
    with vm.Portfolio(tmp_path / "alone.db", create=True) as alone:
        alone.add([many, ACME])
        assert [line.as_dict() for line in alone.lines(as_of=AS_OF)] == parallel


def test_a_worker_collects_garbage_less_often_and_not_what_it_keeps() -> None:
    """A worker's collector leaves what it holds for good out of collections, and runs less often
    (restored after: this test runs in the test process)."""
    import gc

    from vendormaturity.store import prepare

    thresholds = gc.get_threshold()
    try:
        prepare.start_worker(None)
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold() == (prepare._GC_YOUNG, *thresholds[1:])
        # and it still reads and assesses as a process without workers does
        rounds, problems, read = prepare.read_task(sorted(ACME.glob("20*.toml")))
        assert (problems, read) == ([], 4)
        job = prepare.Job("acme-hosting", tuple(r.document for r in rounds), ())
        (assessed,) = prepare.assess_task([job])
        current, history = vm.load_history(ACME)
        expected = vm.assess(vm.load_questionnaire("relationship"), current, history=history)
        assert assessed.latest == (expected.date, expected.phase.value)
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)
        prepare._worker = None


def _questionnaires_loaded(_: object, __: object = None) -> int:
    """(Run in a worker, before it has read anything: the questionnaires it starts with.)"""
    from vendormaturity.sources.questionnaires import _load_bundled

    return _load_bundled.cache_info().currsize


@pytest.mark.skipif(sys.platform == "win32", reason="workers are started fresh where there is no fork server")
def test_workers_start_with_the_bundled_questionnaires_loaded_once_for_them_all() -> None:
    """The fork server loads the bundled questionnaires before it forks the workers, which share them."""
    from vendormaturity.store.importer import Pool

    with Pool(2, None) as pool:
        loaded = [pool.submit(_questionnaires_loaded, None).result(timeout=60) for _ in range(4)]
    assert loaded == [len(vm.bundled_questionnaires())] * 4


def test_a_server_that_does_not_answer() -> None:
    """A database that cannot be reached: a clear error naming it, password hidden."""
    url = "postgresql://someone:secret@127.0.0.1:1/nothing"
    with vm.Portfolio(url) as store, pytest.raises(vm.PortfolioError) as raised:
        store.lines()
    message = str(raised.value)
    assert message.startswith(
        "postgresql+psycopg://someone:***@127.0.0.1:1/nothing: cannot use the database: "
    )
    assert "secret" not in message


def test_a_relationship_split_across_folders(portfolio: vm.Portfolio, tmp_path: Path) -> None:
    """Rounds of one relationship in two folders, newest first: one history, in date order."""
    files = sorted(ACME.glob("20*.toml"))
    for name, chosen in (("late", files[2:]), ("early", files[:2])):
        (tmp_path / name).mkdir()
        for path in chosen:
            shutil.copy(path, tmp_path / name / path.name)
    summary = portfolio.add([tmp_path / "late", tmp_path / "early"])
    assert (4, 4) == (summary.added, summary.assessed)  # read together: each assessed once, in order
    current, history = vm.load_history(ACME)
    assert vm.assess(vm.load_questionnaire("relationship"), current, history=history) == portfolio.result(
        "acme-hosting"
    )
    assert 4 == portfolio.counts()["results"]
