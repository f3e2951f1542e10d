"""Which files of a folder are response sets, told by their names alone.

Nothing here reads a file, nor imports what reading one needs: the command line lists the
files of an import before it opens the store, and starts the import's worker processes
while the rest loads (``vendormaturity.store.processes``).
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Sequence
from pathlib import Path

from vendormaturity.errors import NotFoundError, Problem
from vendormaturity.i18n import msg

__all__ = ["DATED", "RESPONSE_SUFFIXES", "WORKBOOK_SUFFIXES", "expand"]

RESPONSE_SUFFIXES = (".toml", ".json")  # a response set per file
WORKBOOK_SUFFIXES = (".xlsx",)  # a respondent per file: a round's files are read together
DATED = re.compile(r"^(\d{4}-\d{2}(?:-\d{2})?)")  # a round's file or folder, named by its date
# what a path that is not there fails with (as for pathlib's exists()): a name missing, a file
# where a folder was meant, a loop of links
_MISSING = {errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP}


def expand(paths: Sequence[str | Path]) -> list[Path]:
    """The files to read: files as given, folders walked (dated files, any depth), in a stable order.

    In a folder, only files named by date (``2026-09-15.toml``) with a known suffix are
    response sets, as in a relationship's folder; notes and expected outcomes beside them
    are left alone. Raises :class:`NotFoundError` for a path that does not exist.
    """
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        if _is_folder(path):
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
        else:
            found.append(path)
    return found


def _is_folder(path: Path) -> bool:
    """Whether *path* is a folder (else a file); one look at the disk, for a path that is not
    there (or not reachable) raises :class:`NotFoundError`. The command line lists an import's
    files before it opens the store and the store lists them again, tens of thousands of them."""
    try:
        return stat.S_ISDIR(path.stat().st_mode)
    except OSError as error:
        if error.errno not in _MISSING:
            raise
        raise NotFoundError(Problem(msg("no such file or folder"), file=str(path)).as_message()) from None
