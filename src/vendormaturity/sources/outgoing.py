"""What leaves the library for a person to open elsewhere: spreadsheets, CSV files, file names.

User text – a relationship's name, a respondent's, a question's – reaches workbooks and
CSV files that people open in Excel or LibreOffice. A cell that begins with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return is read there as a formula (CSV injection), so
every such text is neutralised as OWASP recommends: a CSV field gets a leading
apostrophe, and a workbook cell is stored as text, never as a formula. Report files are
named after relationships: two names that would give one file name ("north wind",
"north/wind") get two.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from vendormaturity.errors import printable

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

__all__ = [
    "FORMULA_STARTS",
    "file_stem",
    "neutral_csv",
    "neutral_text",
    "neutral_workbook",
    "without_controls",
]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # OWASP, CSV Injection
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")
# what acts on a terminal or reorders text: C0 and C1 controls (but a newline), bidirectional controls
_CONTROLS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def without_controls(text: str) -> str:
    """*text* with its control characters escaped (``\\x1b``); spaces of any kind kept (a French
    narrow no-break space is text, not a control)."""
    return _CONTROLS.sub(lambda found: printable(found.group()), text)


def neutral_text(value: str) -> str:
    """*value* as a spreadsheet shows it as text: a leading apostrophe before a formula's first sign.

    A signed number (``-2``, ``+3.5``) stays as it is: it is a number, not a formula. Control
    characters (an escape sequence in a name) are written escaped (``\\x1b``), as in messages.
    """
    value = without_controls(value)
    if value.startswith(FORMULA_STARTS) and not _NUMBER.match(value):
        return "'" + value
    return value


def neutral_csv(rows: Iterable[Mapping[str, object]], fields: Sequence[str]) -> str:
    """CSV text of *rows* (a header, then one line per row), every text field neutralised."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(fields), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {key: neutral_text(value) if isinstance(value, str) else value for key, value in row.items()}
        )
    return buffer.getvalue()


def neutral_workbook(book: Workbook) -> None:
    """Store as text every cell openpyxl would write as a formula: the library writes no formula."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"


def file_stem(name: str) -> str:
    """A file name for *name* that no other name gets: its safe letters, then a short digest when
    letters had to go (``north/wind`` and ``north wind`` differ)."""
    safe = _UNSAFE.sub("-", name).strip("-.")[:80] or "relationship"
    if safe == name:
        return safe
    digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{safe}-{digest}"
