"""Which files of a folder are response sets, told by their names alone.

Nothing here reads a file, nor imports what reading one needs: the command line lists the
files of an import before it opens the store, and starts the import's worker processes
while the rest loads (``vendormaturity.store.processes``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path

from vendormaturity.errors import NotFoundError, Problem
from vendormaturity.i18n import msg

__all__ = ["DATED", "RESPONSE_SUFFIXES", "WORKBOOK_SUFFIXES", "expand"]

RESPONSE_SUFFIXES = (".toml", ".json")  # a response set per file
WORKBOOK_SUFFIXES = (".xlsx",)  # a respondent per file: a round's files are read together
DATED = re.compile(r"^(\d{4}-\d{2}(?:-\d{2})?)")  # a round's file or folder, named by its date


def expand(paths: Sequence[str | Path]) -> list[Path]:
    """The files to read: files as given, folders walked (dated files, any depth), in a stable order.

    In a folder, only files named by date (``2026-09-15.toml``) with a known suffix are
    response sets, as in a relationship's folder; notes and expected outcomes beside them
    are left alone. Raises :class:`NotFoundError` for a path that does not exist.
    """
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for folder, subfolders, names in os.walk(path):
                subfolders.sort()
                dated_folder = DATED.match(Path(folder).name) is not None
                found.extend(
                    Path(folder) / name
                    for name in sorted(names)
                    if (Path(name).suffix.lower() in RESPONSE_SUFFIXES and DATED.match(name))
                    # a round's workbooks are named by respondent, in a folder named by date
                    or (
                        Path(name).suffix.lower() in WORKBOOK_SUFFIXES and (dated_folder or DATED.match(name))
                    )
                )
        elif path.exists():
            found.append(path)
        else:
            raise NotFoundError(Problem(msg("no such file or folder"), file=str(path)).as_message())
    return found
