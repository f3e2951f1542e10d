"""Read large .xlsx exports through the guarded layer, against openpyxl's read-only mode.

Set-up: an invoices export of ROWS rows × 8 columns (text in shared strings, numbers, date
cells), written by openpyxl; the same workbook with its dimension claiming A1:XFD1048576;
and one with 20,000 extra rows of styled empty cells under it claiming A1:XFD19000. Each
is read to the last value by ``vendormaturity.sources.spreadsheet`` and by openpyxl
(``read_only=True, data_only=True``, rows iterated), the best of ROUNDS kept, with the
peak memory of a fresh process doing the read (its maximum resident size, the interpreter
and the file's bytes included). openpyxl's read of the inflated workbooks pads every row
to 16,384 columns: it is cut off after LIMIT seconds and reported as such.

    python benchmarks/spreadsheet.py [ROWS]
"""

from __future__ import annotations

import datetime
import io
import multiprocessing
import resource
import sys
import time
from pathlib import Path

from openpyxl import Workbook, load_workbook

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import hostile_xlsx as hostile  # noqa: E402
from vendormaturity.sources.spreadsheet import Book, Limits, Sheet, read_book  # noqa: E402

ROWS = 100_000
ROUNDS = 3
LIMIT = 60.0  # seconds an openpyxl read may take before it is called off
LIMITS = Limits(bytes=300_000_000, expanded=1_000_000_000, rows=300_000, columns=2_000, cells=4_000_000)


def workbook(rows: int) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Factures"
    sheet.append(["Numéro", "Date", "Client", "Montant HT", "TVA", "Statut", "Contestée", "Commentaire"])
    start = datetime.datetime(2025, 10, 1)
    for n in range(rows):
        sheet.append(
            [
                f"F{n:07d}",
                start + datetime.timedelta(hours=n),
                f"Client {n % 37}",
                100 + n % 900,
                0.2,
                "Payée" if n % 5 else "En attente",
                "oui" if n % 23 == 0 else "non",
                "" if n % 7 else f"Relance {n}",
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def ours(data: bytes) -> int:
    book = read_book(data, "bench.xlsx", LIMITS)
    if not isinstance(book, Book):
        raise SystemExit(str(book))
    with book:
        sheet = book.sheet(book.sheetnames[0])
    if not isinstance(sheet, Sheet):
        raise SystemExit(str(sheet))
    return sum(len(values) for _, values in sheet.rows)


def theirs(data: bytes) -> int:
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    cells = sum(len(row) for row in book.worksheets[0].iter_rows(values_only=True))
    book.close()
    return cells


def measured(read: str, data: bytes, queue: multiprocessing.Queue[tuple[float, float]]) -> None:
    function = ours if read == "ours" else theirs
    started = time.perf_counter()
    function(data)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB, the whole process at its peak
    queue.put((seconds, peak / 1024))


def run(read: str, data: bytes) -> tuple[float, float] | None:
    """(seconds, peak MiB) of one read in a fresh process, or None past LIMIT."""
    context = multiprocessing.get_context("spawn")  # a fresh process: its peak is the read's own
    queue: multiprocessing.Queue[tuple[float, float]] = context.Queue()
    process = context.Process(target=measured, args=(read, data, queue))
    process.start()
    process.join(LIMIT)
    if process.is_alive():
        process.kill()
        process.join()
        return None
    return queue.get()


def main() -> int:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else ROWS
    plain = workbook(rows)
    part = hostile.sheet_part(plain)
    cases = {
        f"{rows:,} rows": plain,
        "claims A1:XFD1048576": hostile.dimension(plain, part, "A1:XFD1048576"),
        "claims A1:XFD19000, 20,000 empty rows": hostile.empty_rows(
            hostile.dimension(workbook(rows // 10), part, "A1:XFD19000"), part, 20_000
        ),
    }
    print(f"{'workbook':40} {'guarded s':>10} {'MiB':>7} {'openpyxl s':>11} {'MiB':>7} {'ratio':>7}")
    for name, data in cases.items():
        best = min((run("ours", data) or (LIMIT, 0.0) for _ in range(ROUNDS)), key=lambda found: found[0])
        other = run("theirs", data)
        shown = f"{other[0]:>11.2f} {other[1]:>7.0f}" if other else f"{'> ' + str(int(LIMIT)):>11} {'-':>7}"
        ratio = f"{(other[0] / best[0]):>6.1f}x" if other else f"{'> ' + str(int(LIMIT / best[0])):>6}x"
        print(f"{name:40} {best[0]:>10.2f} {best[1]:>7.0f} {shown} {ratio}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
