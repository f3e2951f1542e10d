"""The portfolio keeps what a relationship knows: a round that does not repeat the segment or
the contract's dates keeps the last known ones, and is assessed with them."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import vendormaturity as vm

ACME = Path(__file__).resolve().parents[2] / "examples" / "acme-hosting"
STANDING = ("contract_start", "contract_end", "contract_end_outcome", "exit_plan_active", "segment")


def without_standing_facts(path: Path) -> None:
    """The round as a file made from workbooks gives it: none of the standing facts."""
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text(
        "\n".join(line for line in lines if line.split(" = ")[0] not in STANDING) + "\n", encoding="utf-8"
    )


def test_a_round_without_the_segment_keeps_the_last_known_one(
    portfolio: vm.Portfolio, tmp_path: Path
) -> None:
    """Added with its history at once, the newest round keeps the segment and contract dates."""
    folder = tmp_path / "acme-hosting"
    shutil.copytree(ACME, folder)
    without_standing_facts(folder / "2026-09-15.toml")
    portfolio.add([folder])
    (line,) = portfolio.lines(segment="strategic")
    relationship = line.relationship
    assert ("acme-hosting", "strategic", datetime.date(2022, 6, 1), datetime.date(2029, 5, 31)) == (
        relationship.key,
        relationship.segment,
        relationship.contract_start,
        relationship.renewal_date,
    )
    assert "2025-09-11.toml" in (portfolio.result("acme-hosting").origins["segment"].file or "")


def test_a_later_round_added_alone_keeps_the_segment(portfolio: vm.Portfolio, tmp_path: Path) -> None:
    """A new round added to a stored relationship is assessed with the standing facts stored before."""
    folder = tmp_path / "acme-hosting"
    shutil.copytree(ACME, folder)
    newest = folder / "2026-09-15.toml"
    later = tmp_path / "2026-09-15.toml"
    shutil.move(newest, later)
    portfolio.add([folder])
    without_standing_facts(later)
    portfolio.add([later])
    (line,) = portfolio.lines(segment="strategic")
    assert datetime.date(2026, 9, 15) == line.date
    result = portfolio.result("acme-hosting")
    assert ("carried", datetime.date(2025, 9, 11)) == (
        result.origins["segment"].kind,
        result.origins["segment"].round,
    )
    typed = vm.assess(vm.load_questionnaire("relationship"), *vm.load_history(ACME))
    assert (typed.phase, typed.confidence) == (result.phase, result.confidence)
