"""Helpers of the store's tests: example relationships in bulk, database snapshots."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

import vendormaturity as vm
from vendormaturity.sources.folders import response_files

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
ACME = EXAMPLES / "acme-hosting"


def copies(folder: Path, count: int, *, prefix: str = "rel", start: int = 0) -> Path:
    """*count* relationships made from the examples' rounds, each a folder of dated files."""
    sources = sorted(p for p in EXAMPLES.iterdir() if p.is_dir() and p.name != "scripts")
    for number in range(start, start + count):
        example = sources[number % len(sources)]
        key = f"{prefix}-{number:04d}"
        target = folder / key
        target.mkdir(parents=True)
        current, history = vm.load_history(example)
        for rs in [*history, current]:
            assert isinstance(rs, vm.ResponseSet)
            renamed = rs.model_copy(update={"relationship": key})
            (target / f"{rs.date.isoformat()}.toml").write_text(vm.dump_responses(renamed), encoding="utf-8")
    return folder


def tables(db: str) -> dict[str, list[tuple[str, ...]]]:
    """Every table's rows, sorted: a snapshot to compare before and after."""
    engine = sa.create_engine(db)
    try:
        with engine.connect() as connection:
            names = sorted(sa.inspect(connection).get_table_names())
            return {
                name: sorted(
                    tuple(map(repr, row)) for row in connection.execute(sa.text(f'SELECT * FROM "{name}"'))
                )
                for name in names
            }
    finally:
        engine.dispose()


def run(db: str, sql: str) -> None:
    """Run one statement in its own transaction."""
    engine = sa.create_engine(db)
    with engine.begin() as connection:
        connection.execute(sa.text(sql))
    engine.dispose()


# The example corpus in figures, counted from the files (it grows with the examples).
EXAMPLE_FOLDERS = sorted(path.parent for path in EXAMPLES.glob("*/expected.toml"))
ROUNDS = sum(len(response_files(folder)) for folder in EXAMPLE_FOLDERS)


def expected(folder: Path) -> dict[str, object]:
    """The outcome written from the domain for an example relationship (its expected.toml)."""
    import tomllib

    return tomllib.loads((folder / "expected.toml").read_text(encoding="utf-8"))


def with_finding(pattern: str) -> list[str]:
    """The example relationships whose expected outcome includes *pattern*, by name."""
    return [folder.name for folder in EXAMPLE_FOLDERS if pattern in str(expected(folder)["findings"])]


def in_segment(segment: str) -> list[str]:
    """The example relationships whose newest round gives *segment*, by name."""
    return [
        folder.name
        for folder in EXAMPLE_FOLDERS
        if vm.load_history(folder)[0].facts.get("segment") == segment
    ]
