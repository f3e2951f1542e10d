"""Helpers shared by the property tests: re-validating edited documents, comparing results."""

from __future__ import annotations

import copy
import json
import math
from typing import Any

import vendormaturity as vm

from .strategies import Case, Document

__all__ = ["assess", "differences", "edited_responses"]


def assess(case: Case, responses: vm.ResponseSet | None = None) -> vm.AssessmentResult:
    """Assess *case* (or other *responses* for its questionnaire) with its history."""
    return vm.assess(case.questionnaire, responses or case.responses, history=list(case.history))


def edited_responses(case: Case, document: Document) -> vm.ResponseSet:
    """*document* validated against the case's questionnaire: it must still be a valid response set."""
    return vm.responses_from_dict(copy.deepcopy(document), case.questionnaire)


def differences(first: str, second: str, tolerance: float = 0.0) -> list[str]:
    """Where two JSON documents differ; numbers within *tolerance* count as equal."""
    found: list[str] = []
    _compare(json.loads(first), json.loads(second), "", tolerance, found)
    return found


def _compare(a: Any, b: Any, path: str, tolerance: float, found: list[str]) -> None:
    if isinstance(a, dict) and isinstance(b, dict):
        if list(a) != list(b):
            found.append(f"{path}: keys {list(a)} != {list(b)}")
            return
        for key in a:
            _compare(a[key], b[key], f"{path}.{key}", tolerance, found)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            found.append(f"{path}: {len(a)} items != {len(b)} items")
            return
        for index, (x, y) in enumerate(zip(a, b, strict=True)):
            _compare(x, y, f"{path}[{index}]", tolerance, found)
    elif _is_number(a) and _is_number(b):
        if not math.isclose(a, b, rel_tol=0.0, abs_tol=tolerance):
            found.append(f"{path}: {a!r} != {b!r}")
    elif a != b or type(a) is not type(b):
        found.append(f"{path}: {a!r} != {b!r}")


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
