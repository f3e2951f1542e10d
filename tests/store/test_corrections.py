"""Correcting a stored round, on SQLite and PostgreSQL: a round superseded by a corrected version
(the old one kept), a round removed (kept too), both in the audit; and a round no longer in
force never counts: not in the list, show, compare, the reports, the history of later rounds,
nor reassess."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

import vendormaturity as vm
from vendormaturity import cli

from .helpers import ACME, tables

LATE = datetime.date(2025, 9, 11)  # acme-hosting's third round
NEWEST = datetime.date(2026, 9, 15)
Q = vm.load_questionnaire("relationship")


def rounds() -> list[vm.ResponseSet]:
    """acme-hosting's rounds as submitted (a folder read as history carries facts over), oldest first."""
    found = [vm.load_responses(path) for path in sorted(ACME.glob("20*.toml"))]
    assert 4 == len(found)
    return found


def with_late_workbook(rs: vm.ResponseSet) -> vm.ResponseSet:
    """The round as it should have been: a client respondent's workbook came in late (and is sour)."""
    late = rs.respondents[0].model_copy(
        update={
            "id": "c-late",
            "answers": {
                question: 1 for question, value in rs.respondents[0].answers.items() if value != "dk"
            },
        }
    )
    return rs.model_copy(
        update={"respondents": [*rs.respondents, late], "comment": "With the late workbook."}
    )


def assessed(chain: list[vm.ResponseSet]) -> list[vm.AssessmentResult]:
    """Each response set assessed with the ones before it, as `assess` on a folder does."""
    results: list[vm.AssessmentResult] = []
    for rs in chain:
        results.append(vm.assess(Q, rs, history=list(results)))
    return results


def written(rs: vm.ResponseSet, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{rs.date.isoformat()}.toml"
    path.write_text(vm.dump_responses(rs), encoding="utf-8")
    return path


@pytest.fixture
def acme(portfolio: vm.Portfolio) -> vm.Portfolio:
    portfolio.add([ACME])
    return portfolio


# --------------------------------------------------------------------------- superseding


def test_a_superseded_round_counts_once_everywhere(acme: vm.Portfolio, tmp_path: Path) -> None:
    """The corrected version is in force; the list, show, compare, the reports, the history of
    the next round and reassess see it, and only it."""
    chain = rounds()
    corrected = with_late_workbook(chain[2])
    done = acme.supersede("acme-hosting", written(corrected, tmp_path), reason="late workbook", by="alice")
    expected = assessed([*chain[:2], corrected, chain[3]])

    assert (2, "supersede", (LATE, 2), "alice", "late workbook") == (
        done.assessed,
        done.correction.action,
        done.correction.replacement,
        done.correction.actor,
        done.correction.reason,
    )
    line = acme.lines()[0]
    assert (4, NEWEST, expected[-1].phase) == (line.rounds, line.date, line.phase)
    trajectory = acme.trajectory("acme-hosting")
    assert [(r.date, r.version) for r in trajectory.rounds] == [
        (rs.date, 2 if rs.date == LATE else 1) for rs in chain
    ]
    assert [r.phase for r in trajectory.rounds] == [r.phase for r in expected]
    compared = acme.compare("acme-hosting", LATE, LATE + datetime.timedelta(days=1))
    assert expected[2].summary["overall_mean"] == compared.before.overall_mean
    assert expected[-1] == acme.result("acme-hosting")  # its history holds the corrected round
    assert [point.date for point in acme.result("acme-hosting").history] == [rs.date for rs in chain[:3]]
    report_result, report_responses = acme.results(["acme-hosting"])["acme-hosting"]
    assert (expected[-1], chain[3]) == (report_result, report_responses)
    again = acme.reassess(Q.model_copy(update={"version": "1.0.1"}))
    assert 4 == again.assessed


def test_the_old_version_stays_retrievable(acme: vm.Portfolio, tmp_path: Path) -> None:
    """Version 1 is kept as submitted, superseded by version 2; the audit says who, when and why."""
    chain = rounds()
    corrected = with_late_workbook(chain[2])
    before = datetime.datetime.now(datetime.UTC)
    acme.supersede("acme-hosting", corrected, reason="  late workbook ", by="alice")

    assert chain[2] == acme.responses("acme-hosting", LATE, version=1)
    assert corrected == acme.responses("acme-hosting", LATE)
    versions = acme.versions("acme-hosting", LATE)
    assert [(1, "superseded", (LATE, 2)), (2, "active", None)] == [
        (v.version, v.status, v.superseded_by) for v in versions
    ]
    assert "<api>" == versions[1].source
    (correction,) = acme.corrections()
    assert ("alice", "supersede", "acme-hosting", LATE, 1, "late workbook") == (
        correction.actor,
        correction.action,
        correction.relationship,
        correction.date,
        correction.version,
        correction.reason,
    )
    assert before <= correction.at <= datetime.datetime.now(datetime.UTC)
    assert (correction,) == acme.trajectory("acme-hosting").corrections
    assert 5 == acme.counts()["response_sets"]
    assert 1 == acme.counts()["audit"]


def test_a_correction_may_correct_the_date(acme: vm.Portfolio) -> None:
    """A round typed with the wrong date: the corrected version has the right one."""
    chain = rounds()
    right = chain[2].model_copy(update={"date": datetime.date(2025, 10, 2)})
    acme.supersede("acme-hosting", right, date=LATE, reason="the date was mistyped", by="bob")
    assert [rs.date for rs in chain[:2]] + [right.date, NEWEST] == [
        r.date for r in acme.trajectory("acme-hosting").rounds
    ]
    assert assessed([*chain[:2], right, chain[3]])[-1] == acme.result("acme-hosting")
    assert [(LATE, 1, "superseded"), (right.date, 1, "active")] == [
        (v.date, v.version, v.status) for v in acme.versions("acme-hosting") if v.date in (LATE, right.date)
    ]


def test_a_round_corrected_twice_has_three_versions(acme: vm.Portfolio) -> None:
    chain = rounds()
    first = with_late_workbook(chain[2])
    second = first.model_copy(update={"comment": "With the late workbook, checked."})
    acme.supersede("acme-hosting", first, date=LATE, reason="late workbook", by="alice")
    acme.supersede("acme-hosting", second, date=LATE, reason="comment", by="alice")
    assert [(1, "superseded"), (2, "superseded"), (3, "active")] == [
        (v.version, v.status) for v in acme.versions("acme-hosting", LATE)
    ]
    assert [(LATE, 2), (LATE, 3)] == [c.replacement for c in acme.corrections("acme-hosting")]
    assert 3 == acme.trajectory("acme-hosting").rounds[2].version


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {"relationship": "other"},
            "is for relationship 'other', not 'acme-hosting'",
        ),
        ({}, "is the round of 2025-09-11 as stored: there is nothing to correct"),
        (
            {"date": NEWEST},
            "is dated 2026-09-15, the date of another round in force; correct that round instead",
        ),
    ],
)
def test_a_correction_that_does_not_fit_changes_nothing(
    acme: vm.Portfolio, db: str, tmp_path: Path, change: dict[str, object], expected: str
) -> None:
    """Another relationship, the same content, the date of another round: refused, located."""
    path = written(rounds()[2].model_copy(update=change), tmp_path)
    before = tables(db)
    with pytest.raises(vm.ValidationError) as raised:
        acme.supersede("acme-hosting", path, date=LATE, reason="why not", by="alice")
    assert [f"{path}: {expected}"] == [str(problem) for problem in raised.value.problems]
    assert "nothing was corrected" == raised.value.summary
    assert before == tables(db)


def test_an_invalid_correction_is_reported_and_changes_nothing(
    acme: vm.Portfolio, db: str, tmp_path: Path
) -> None:
    path = tmp_path / "2025-09-11.toml"
    path.write_text(
        (ACME / "2025-09-11.toml")
        .read_text()
        .replace("escalations_per_month = 0.7", "escalations_per_month = -1")
    )
    before = tables(db)
    with pytest.raises(vm.ResponseError) as raised:
        acme.supersede("acme-hosting", path, date=LATE, reason="late workbook", by="alice")
    (problem,) = raised.value.problems
    assert str(problem).startswith(f"{path}:")
    assert str(problem).endswith("facts.escalations_per_month: must be at least 0, got -1")
    assert "the correction is not valid; nothing was corrected" == raised.value.summary
    assert before == tables(db)


def test_what_is_not_there_cannot_be_corrected(acme: vm.Portfolio) -> None:
    with pytest.raises(vm.NotFoundError) as raised:
        acme.supersede("acme-hosting", rounds()[0], date=datetime.date(2020, 1, 1), reason="x", by="a")
    assert (
        "acme-hosting: no round dated 2020-01-01 in force (its rounds: 2023-09-14, 2024-09-12, "
        "2025-09-11, 2026-09-15)"
    ) == str(raised.value)
    with pytest.raises(vm.NotFoundError, match="no relationship 'acme' in the portfolio"):
        acme.remove("acme", LATE, reason="x", by="a")
    with pytest.raises(vm.PortfolioError) as refused:
        acme.remove("acme-hosting", LATE, reason="  ", by="a")
    assert "say why the round is corrected: the reason is kept in the audit" == str(refused.value)


# --------------------------------------------------------------------------- removing


def test_a_removed_round_no_longer_counts(acme: vm.Portfolio) -> None:
    """Out of the list, show, compare, the history of the next round and reassess; kept, audited."""
    chain = rounds()
    done = acme.remove("acme-hosting", LATE, reason="collected from the wrong supplier", by="carol")
    expected = assessed([*chain[:2], chain[3]])

    assert (1, "remove", None) == (done.assessed, done.correction.action, done.correction.replacement)
    assert 3 == acme.lines()[0].rounds
    assert LATE not in [r.date for r in acme.trajectory("acme-hosting").rounds]
    assert expected[-1] == acme.result("acme-hosting")
    assert chain[1].date == acme.compare("acme-hosting", LATE, LATE).before.date
    assert 3 == acme.reassess(Q.model_copy(update={"version": "1.0.1"})).assessed
    assert chain[2] == acme.responses("acme-hosting", LATE, version=1)
    with pytest.raises(vm.NotFoundError) as raised:
        acme.responses("acme-hosting", LATE)
    assert "acme-hosting: no version in force of the round of 2025-09-11 (its versions: 1 (removed))" == str(
        raised.value
    )


def test_removing_the_newest_round_describes_the_relationship_from_the_one_before(acme: vm.Portfolio) -> None:
    chain = rounds()
    acme.remove("acme-hosting", NEWEST, reason="duplicate round", by="carol")
    line = acme.lines()[0]
    assert (3, LATE) == (line.rounds, line.date)
    assert assessed(chain[:3])[-1] == acme.result("acme-hosting")
    start = acme.trajectory("acme-hosting").relationship.contract_start
    assert datetime.date(2022, 6, 1) == start  # the contract's start, as that round says


def test_removing_every_round_leaves_a_relationship_without_rounds(portfolio: vm.Portfolio) -> None:
    portfolio.add([ACME / "2026-09-15.toml"])
    portfolio.remove("acme-hosting", NEWEST, reason="test round", by="carol")
    assert [] == portfolio.lines()
    trajectory = portfolio.trajectory("acme-hosting")
    assert ((), (), None) == (trajectory.rounds, trajectory.open_actions, trajectory.relationship.segment)


def test_adding_a_removed_round_again_does_not_bring_it_back(acme: vm.Portfolio) -> None:
    """The folder added again next quarter: the removed round is already stored, and stays out."""
    acme.remove("acme-hosting", LATE, reason="wrong supplier", by="carol")
    summary = acme.add([ACME])
    assert (0, 4, 1) == (summary.added, summary.duplicates, summary.retired)
    assert 3 == acme.lines()[0].rounds


def test_a_new_round_for_a_removed_date_is_its_next_version(acme: vm.Portfolio, tmp_path: Path) -> None:
    acme.remove("acme-hosting", LATE, reason="wrong supplier", by="carol")
    redone = with_late_workbook(rounds()[2])
    assert 1 == acme.add([written(redone, tmp_path)]).added
    assert [(1, "removed"), (2, "active")] == [
        (v.version, v.status) for v in acme.versions("acme-hosting", LATE)
    ]
    assert 4 == acme.lines()[0].rounds


# --------------------------------------------------------------------------- the command line


def run(db: str, *args: str, lang: str = "en") -> Result:
    env = {"COLUMNS": "120", "NO_COLOR": None, "VENDORMATURITY_DB": db, "VENDORMATURITY_LANG": lang}
    return CliRunner().invoke(cli.app, ["portfolio", *args], env=env)


def test_supersede_and_remove_as_typed(db: str, tmp_path: Path) -> None:
    assert 0 == run(db, "add", str(ACME)).exit_code
    path = written(with_late_workbook(rounds()[2]), tmp_path)
    done = run(db, "supersede", "acme-hosting", str(path), "--reason", "late workbook", "--by", "alice")
    assert 0 == done.exit_code, done.output
    assert (
        f"acme-hosting: 2025-09-11 v2 (from {path}) is the round in force; 2025-09-11 v1 is kept, "
        "superseded; 2 rounds assessed again\n"
    ) == done.stdout
    refused = run(db, "remove", "acme-hosting", "--date", "2024-09-12", "--reason", "wrong supplier")
    assert 2 == refused.exit_code
    assert (
        "error: removing the round of 2024-09-12 of acme-hosting takes it out of the list, the reports "
        "and the history of its later rounds (it stays retrievable, and the removal is recorded in the "
        "audit): run the command again with --yes to remove it\n"
    ) == refused.stderr
    assert 4 == len(vm.Portfolio(db).trajectory("acme-hosting").rounds)
    removed = run(
        db, "remove", "acme-hosting", "--date", "2024-09-12", "--reason", "wrong", "--by", "bob", "--yes"
    )
    assert (0, "acme-hosting: the round 2024-09-12 v1 is removed (and kept); 2 rounds assessed again\n") == (
        removed.exit_code,
        removed.stdout,
    )
    audit = run(db, "audit", "acme-hosting").stdout.splitlines()
    assert ["when", "who", "what", "relationship", "round", "new", "version", "why"] == audit[0].split()
    assert audit[1].endswith("alice  superseded  acme-hosting  2025-09-11 v1  2025-09-11 v2  late workbook")
    assert audit[2].endswith("bob    removed     acme-hosting  2024-09-12 v1                 wrong")
    rows = json.loads(run(db, "audit", "--format", "json").stdout)
    assert [("supersede", {"date": "2025-09-11", "version": 2}), ("remove", None)] == [
        (row["action"], row["replacement"]) for row in rows
    ]
    csv_lines = run(db, "audit", "-f", "csv").stdout.splitlines()
    assert "at,actor,action,relationship,date,version,replacement,reason" == csv_lines[0]
    assert csv_lines[1].endswith(",alice,supersede,acme-hosting,2025-09-11,1,2025-09-11 v2,late workbook")
    shown = run(db, "show", "acme-hosting").stdout
    assert "2025-09-11 v2" in shown.splitlines()[1] + shown.splitlines()[2]
    assert "alice superseded 2025-09-11 v1 with 2025-09-11 v2: late workbook" in shown
    assert "bob removed the round 2024-09-12 v1: wrong" in shown
    data = json.loads(run(db, "show", "acme-hosting", "-f", "json").stdout)
    assert [1, 2, 1] == [r["version"] for r in data["rounds"]]
    assert ["supersede", "remove"] == [c["action"] for c in data["corrections"]]
    old = run(db, "responses", "acme-hosting", "--date", "2025-09-11", "--version", "1")
    assert rounds()[2] == vm.responses_from_dict(__import__("tomllib").loads(old.stdout))
    again = run(db, "add", str(ACME))
    assert (
        "added 0 response sets (4 already stored) of 0 relationships; 0 results computed\n"
        "2 of the response sets already stored are rounds superseded or removed: they are not added again\n"
    ) == again.stdout


def test_command_line_errors_of_corrections(db: str, tmp_path: Path) -> None:
    assert 0 == run(db, "add", str(ACME)).exit_code
    unknown = run(db, "remove", "acme-hosting", "--date", "2020-01-01", "--reason", "x", "--yes")
    assert 2 == unknown.exit_code
    assert unknown.stderr.startswith("error: acme-hosting: no round dated 2020-01-01 in force (its rounds: ")
    same = run(db, "supersede", "acme-hosting", str(ACME / "2025-09-11.toml"), "--reason", "x")
    assert 2 == same.exit_code
    assert f"  {ACME / '2025-09-11.toml'}: is the round of 2025-09-11 as stored" in same.stderr
    no_reason = run(db, "supersede", "acme-hosting", str(ACME / "2025-09-11.toml"))
    assert 2 == no_reason.exit_code
    assert "--reason" in no_reason.output
    missing = run(db, "responses", "acme-hosting", "--date", "2025-09-11", "--version", "7")
    assert (
        2,
        "error: acme-hosting: no version 7 of the round of 2025-09-11 (its versions: 1 (active))\n",
    ) == (
        missing.exit_code,
        missing.stderr,
    )
    assert "no round was corrected\n" == run(db, "audit").stdout


def test_corrections_speak_french(db: str, tmp_path: Path) -> None:
    assert 0 == run(db, "add", str(ACME)).exit_code
    refused = run(db, "remove", "acme-hosting", "--date", "2024-09-12", "--reason", "x", lang="fr")
    assert 2 == refused.exit_code
    assert refused.stderr.endswith("relancez la commande avec --yes pour la retirer\n")
    removed = run(
        db,
        "remove",
        "acme-hosting",
        "--date",
        "2024-09-12",
        "--reason",
        "x",
        "--by",
        "bob",
        "--yes",
        lang="fr",
    )
    assert (
        "acme-hosting : la campagne 2024-09-12 v1 est retirée (et conservée) ; 2 campagnes réévaluées\n"
        == (removed.stdout.replace("\u202f", " "))
    )
    path = written(with_late_workbook(rounds()[2]), tmp_path)
    done = run(
        db, "supersede", "acme-hosting", str(path), "--reason", "cahier tardif", "--by", "alice", lang="fr"
    )
    assert (
        f"acme-hosting : 2025-09-11 v2 (de {path}) est la campagne en vigueur ; 2025-09-11 v1 est conservée, "
        "remplacée ; 2 campagnes réévaluées\n"
    ) == done.stdout.replace("\u202f", " ")
    shown = run(db, "show", "acme-hosting", lang="fr").stdout.replace("\u202f", " ")
    assert "2025-09-11 v2" in shown
    assert "bob a retiré la campagne 2024-09-12 v1 : x" in shown
    assert "alice a remplacé 2025-09-11 v1 par 2025-09-11 v2 : cahier tardif" in shown
    assert ["quand", "qui", "quoi"] == run(db, "audit", lang="fr").stdout.split()[:3]
