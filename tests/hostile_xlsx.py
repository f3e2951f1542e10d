"""Hostile workbooks made from real ones: the parts of an .xlsx changed the way an attacker,
a broken library or a cut download changes them.

Used by the fuzzers (structure-aware mutations of sheet XML, shared strings, dimensions
and workbook.xml), by the tests that name each case, and by tools/replay_hostile.py.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Mapping

SHEET = "xl/worksheets/sheet1.xml"
STRINGS = "xl/sharedStrings.xml"
BOOK = "xl/workbook.xml"
CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10 if n > 1 else "&lol;" * 10}">'
        for n in range(1, 10)
    )
    + "]>\n"
)
EXTERNAL = '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'


def parts(data: bytes) -> dict[str, bytes]:
    """The parts of an .xlsx, by name, in the archive's order."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rezip(members: Mapping[str, bytes]) -> bytes:
    """An .xlsx holding *members* (deflated, as Excel writes them)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def changed(data: bytes, name: str, change: Callable[[bytes], bytes]) -> bytes:
    """*data* with the part *name* changed by *change*."""
    members = parts(data)
    members[name] = change(members[name])
    return rezip(members)


def sheet_part(data: bytes, index: int = 0) -> str:
    """The name of the *index*-th worksheet part."""
    names = sorted(name for name in parts(data) if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", name))
    return names[min(index, len(names) - 1)]


def _after_prologue(xml: bytes, declaration: str) -> bytes:
    body = re.sub(rb"^<\?xml[^>]*\?>\s*", b"", xml)
    return declaration.encode() + body


def billion_laughs(data: bytes, part: str) -> bytes:
    """A part whose first text is an entity expanding to a billion characters."""

    def change(xml: bytes) -> bytes:
        return _after_prologue(xml, LAUGHS).replace(b"<v>", b"<v>&lol9;", 1)

    return changed(data, part, change)


def external_entity(data: bytes, part: str) -> bytes:
    """A part that pulls in a file of the machine through an external entity."""

    def change(xml: bytes) -> bytes:
        return _after_prologue(xml, EXTERNAL).replace(b"<t>", b"<t>&xxe;", 1)

    return changed(data, part, change)


def dimension(data: bytes, part: str, reference: str) -> bytes:
    """A sheet whose declared dimension is *reference* (``A1:XFD1048576``), its data unchanged."""

    def change(xml: bytes) -> bytes:
        if b"<dimension" in xml:
            return re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{reference}"'.encode(), xml)
        return re.sub(rb"(<sheetData)", f'<dimension ref="{reference}"/>'.encode() + rb"\1", xml, count=1)

    return changed(data, part, change)


def empty_rows(data: bytes, part: str, count: int) -> bytes:
    """A sheet with *count* more rows of styled but empty cells, as a formatted template has."""

    def change(xml: bytes) -> bytes:
        last = max((int(number) for number in re.findall(rb'<row r="(\d+)"', xml)), default=0)
        rows = "".join(f'<row r="{last + n}"><c r="A{last + n}" s="0"/></row>' for n in range(1, count + 1))
        return xml.replace(b"</sheetData>", rows.encode() + b"</sheetData>")

    return changed(data, part, change)


def cell(data: bytes, part: str, reference: str, xml_cell: str) -> bytes:
    """A sheet with one more row holding *xml_cell* (``<c r="..." ...>...</c>``) at *reference*."""
    row = re.sub(r"[A-Z]+", "", reference)

    def change(xml: bytes) -> bytes:
        added = f'<row r="{row}">{xml_cell}</row>'.encode()
        if re.search(rf'<row r="{row}"'.encode(), xml):
            opening = re.compile(rf'<row r="{row}"[^>]*>'.encode())
            return opening.sub(lambda found: found.group(0) + xml_cell.encode(), xml, count=1)
        return xml.replace(b"</sheetData>", added + b"</sheetData>")

    return changed(data, part, change)


def uncached_formulas(data: bytes, part: str) -> bytes:
    """Every value of a sheet replaced by a formula with no computed value (as libraries write them)."""

    def change(xml: bytes) -> bytes:
        return re.sub(rb'<c r="([A-Z]+\d+)"[^>]*?(?:/>|>.*?</c>)', rb'<c r="\1"><f>1+1</f></c>', xml)

    return changed(data, part, change)


def strings_out_of_range(data: bytes, part: str) -> bytes:
    """Every shared-string index of a sheet pointing past the end of the shared strings."""

    def change(xml: bytes) -> bytes:
        return re.sub(rb'(t="s"[^>]*>)<v>\d+</v>', rb"\1<v>999999</v>", xml)

    return changed(data, part, change)


def text_in_numbers(data: bytes, part: str) -> bytes:
    """Number cells holding text (a file written by hand or by a broken library)."""

    def number_cell(found: re.Match[bytes]) -> bytes:
        opening = found.group(1)
        if b' t="' in opening and b' t="n"' not in opening:
            return found.group(0)
        return opening + b"><v>abc</v>"

    return changed(data, part, lambda xml: re.sub(rb'(<c r="[A-Z]+\d+"[^>]*)><v>[^<]*</v>', number_cell, xml))


def cut(data: bytes, part: str, keep: float = 0.5) -> bytes:
    """A sheet cut in the middle of its XML, as an interrupted download leaves it."""
    return changed(data, part, lambda xml: xml[: int(len(xml) * keep)])


def no_sheets(data: bytes) -> bytes:
    """A workbook whose workbook.xml lists no sheet."""
    return changed(data, BOOK, lambda xml: re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", xml, flags=re.S))


def encrypted() -> bytes:
    """What Excel writes for a workbook protected by a password to open: a compound file."""
    return CFB + b"\x00" * 504 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 2000


def legacy() -> bytes:
    """The start of an Excel 97–2003 workbook (.xls)."""
    return CFB + b"\x00" * 504 + "Workbook".encode("utf-16-le") + b"\x00" * 2000


# ---------------------------------------------------------------- mutations for the fuzzers

MUTATIONS = (
    "dimension",
    "cell",
    "drop-value",
    "type",
    "string-index",
    "row-number",
    "cut",
    "entity",
    "sheet-name",
    "bytes",
)


def mutate(data: bytes, name: str, part: str, numbers: list[int], text: str) -> bytes:
    """*data* with one structure-aware mutation *name* applied to *part*, driven by *numbers*."""

    def number(index: int, top: int) -> int:
        return numbers[index % len(numbers)] % top if numbers else 0

    def column(n: int) -> str:
        letters = ""
        n += 1
        while n:
            n, rest = divmod(n - 1, 26)
            letters = chr(65 + rest) + letters
        return letters

    if name == "dimension":
        return dimension(data, part, f"A1:{column(number(0, 16_384))}{1 + number(1, 1_048_576)}")
    if name == "cell":
        kinds = ("", ' t="s"', ' t="str"', ' t="b"', ' t="e"', ' t="d"', ' t="inlineStr"', ' t="n"', ' s="1"')
        kind = kinds[number(2, len(kinds))]
        escaped = text.replace("&", "&amp;").replace("<", "&lt;")
        body = f"<is><t>{escaped}</t></is>" if "inlineStr" in kind else f"<v>{escaped}</v>"
        if number(3, 3) == 0:
            body = f"<f>{escaped}</f>"
        reference = f"{column(number(0, 20_000))}{1 + number(1, 1_100_000)}"
        return cell(data, part, reference, f'<c r="{reference}"{kind}>{body}</c>')
    if name == "drop-value":
        return changed(data, part, lambda xml: re.sub(rb"<v>[^<]*</v>", b"", xml, count=1 + number(0, 50)))
    if name == "type":
        return changed(data, part, lambda xml: re.sub(rb' t="s"', b' t="b"', xml, count=1 + number(0, 50)))
    if name == "string-index":
        return changed(
            data,
            part,
            lambda xml: re.sub(
                rb'(t="s"[^>]*>)<v>\d+</v>',
                rb"\1<v>" + str(number(0, 10**9)).encode() + b"</v>",
                xml,
                count=1,
            ),
        )
    if name == "row-number":
        return changed(
            data,
            part,
            lambda xml: re.sub(rb'<row r="\d+"', f'<row r="{number(0, 2**31)}"'.encode(), xml, count=1),
        )
    if name == "cut":
        return cut(data, part, number(0, 1000) / 1000)
    if name == "entity":
        return billion_laughs(data, part) if number(0, 2) else external_entity(data, part)
    if name == "sheet-name":
        safe = text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
        return changed(
            data,
            BOOK,
            lambda xml: re.sub(rb'name="[^"]*"', lambda _: f'name="{safe}"'.encode(), xml, count=1),
        )
    members = parts(data)
    mutated = bytearray(members[part])
    for index in range(min(len(numbers), 20)):
        if mutated:
            mutated[number(index, len(mutated))] = numbers[index] % 256
    members[part] = bytes(mutated)
    return rezip(members)


def shared_strings(data: bytes) -> bytes:
    """*data* with its inline strings moved to a shared-strings part, as Excel stores text."""
    members = parts(data)
    strings: dict[bytes, int] = {}

    def share(found: re.Match[bytes]) -> bytes:
        index = strings.setdefault(found.group(3), len(strings))
        return found.group(1) + b' t="s"' + found.group(2) + b"<v>" + str(index).encode() + b"</v></c>"

    inline = re.compile(
        rb'(<c r="[A-Z]+\d+"(?: s="\d+")?) t="inlineStr"((?: s="\d+")?>)<is>(<t[^>]*>.*?</t>)</is></c>', re.S
    )
    for name in list(members):
        if name.startswith("xl/worksheets/"):
            members[name] = inline.sub(share, members[name])
    items = b"".join(b"<si>" + text + b"</si>" for text in strings)
    members[STRINGS] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">'
        % (len(strings), len(strings))
        + items
        + b"</sst>"
    )
    rels = "xl/_rels/workbook.xml.rels"
    members[rels] = members[rels].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdStrings" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    )
    types = "[Content_Types].xml"
    members[types] = members[types].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    return rezip(members)
