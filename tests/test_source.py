"""Turning pydantic's validation errors into located problems."""

from __future__ import annotations

from typing import Annotated

import pydantic
import pytest
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictFloat, StrictInt, StrictStr

from vendormaturity.sources.problems import pydantic_problems
from vendormaturity.sources.reader import SourceText, read_document


class Inner(BaseModel):
    model_config = ConfigDict(extra="forbid")
    size: StrictInt


class Sample(BaseModel):
    model_config = ConfigDict(extra="forbid")
    answers: dict[str, StrictInt | StrictFloat | StrictStr] = {}
    flag: StrictBool | StrictInt = 0
    code: StrictInt | Annotated[str, Field(pattern=r"^[a-z]+$")] = 0
    inner: Inner | StrictStr = ""
    items: list[dict[str, StrictInt | StrictStr]] = []
    name: str = ""


def problems(text: str) -> list[str]:
    source = SourceText(text, "f.toml", "toml")
    document = read_document(source)
    assert isinstance(document, dict)
    with pytest.raises(pydantic.ValidationError) as raised:
        Sample.model_validate(document)
    return [str(problem) for problem in pydantic_problems(raised.value, document, source, Sample)]


def test_a_value_of_no_member_kind_is_one_problem_at_its_own_path() -> None:
    """`true` for `int | float | str`: one problem, no member tag in the path, the line kept."""
    text = 'name = "x"\n\n[answers]\np00 = 1\np01 = true\n'

    assert ["f.toml:5: answers.p01: input should be a number or a string, got true"] == problems(text)


def test_each_union_says_what_its_members_expect() -> None:
    """The expected kinds come from the union's members, whichever field it is."""
    assert ['f.toml:1: flag: input should be true or false or an integer, got "yes"'] == problems(
        'flag = "yes"\n'
    )
    assert ["f.toml:1: code: input should be an integer or a string, got 1.5"] == problems("code = 1.5\n")


def test_a_key_named_like_a_member_stays_in_the_path() -> None:
    """An answer keyed `int` is a key of the file, not pydantic's name for a member."""
    assert ["f.toml:2: answers.int: input should be a number or a string, got true"] == problems(
        "[answers]\nint = true\n"
    )


def test_the_member_of_the_right_kind_reports_its_own_problem() -> None:
    """A string breaking the string member's pattern is told so, not that it is no integer."""
    assert ["f.toml:1: code: string should match pattern '^[a-z]+$', got \"AB\""] == problems('code = "AB"\n')


def test_problems_inside_a_member_keep_their_deeper_path() -> None:
    """A table for `Inner | str` is checked as an Inner: its own problems, at their own keys."""
    text = '[inner]\nsize = "big"\ncolour = "red"\n'

    assert [
        'f.toml:2: inner.size: input should be a valid integer, got "big"',
        "f.toml:3: inner.colour: unknown key 'colour'; allowed keys: size",
    ] == problems(text)
    assert ["f.toml:1: inner.size: required key is missing"] == problems("[inner]\n")


def test_problems_at_other_places_are_all_kept() -> None:
    """Two bad answers, a union in a list and a plain field: one problem for each place."""
    text = "name = 3\nitems = [{a = 1}, {a = 2.5}]\n\n[answers]\np01 = true\np02 = [1]\n"

    assert [
        "f.toml:5: answers.p01: input should be a number or a string, got true",
        "f.toml:6: answers.p02: input should be a number or a string",
        "f.toml:2: items[1].a: input should be an integer or a string, got 2.5",
        "f.toml:1: name: input should be a valid string, got 3",
    ] == problems(text)
