"""Messages quote a file's values in the file's own terms."""

from __future__ import annotations

import datetime

import pytest

from vendormaturity.errors import spelled


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (None, "null"),
        (True, "true"),
        (False, "false"),
        ("strategc", '"strategc"'),
        ('say "hi"', '"say \\"hi\\""'),
        ("line\nbreak\x00", '"line\\nbreak\\u0000"'),  # control characters stay visible
        ("dеlivery", '"dеlivery"'),  # a look-alike letter is kept as written
        (2.5, "2.5"),
        (3, "3"),
        (float("nan"), "nan"),
        (datetime.date(2026, 3, 31), "2026-03-31"),
    ],
)
def test_a_value_is_spelled_as_toml_or_json_spell_it(value: object, shown: str) -> None:
    assert spelled(value) == shown
