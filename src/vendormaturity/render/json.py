"""The result as JSON: exactly ``result.model_dump_json(indent=2)``, the documented contract."""

from __future__ import annotations

from vendormaturity.model.result import AssessmentResult

__all__ = ["render_json"]


def render_json(result: AssessmentResult) -> str:
    """The whole result as indented JSON (keys described by ``vm.json_schema("result")``)."""
    return result.model_dump_json(indent=2)
