"""JSON Schemas of the file formats and of the result, for editors and other programs."""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel

from vendormaturity.i18n import msg
from vendormaturity.model.questionnaire import Questionnaire
from vendormaturity.model.responses import ResponseSet
from vendormaturity.model.result import AssessmentResult

__all__ = ["SCHEMA_KINDS", "json_schema", "json_schema_text"]

SCHEMA_KINDS = ("questionnaire", "responses", "result")
SchemaKind = Literal["questionnaire", "responses", "result"]

_MODELS: dict[str, type[BaseModel]] = {
    "questionnaire": Questionnaire,
    "responses": ResponseSet,
    "result": AssessmentResult,
}
_TITLES = {
    "questionnaire": "vendormaturity questionnaire (schema_version 1)",
    "responses": "vendormaturity response set (schema_version 1)",
    "result": "vendormaturity assessment result (schema_version 1)",
}


def json_schema(kind: SchemaKind) -> dict[str, Any]:
    """The JSON Schema of a questionnaire file, a response file or a result."""
    if kind not in _MODELS:
        raise ValueError(
            msg("unknown schema '{kind}'; choose one of: {kinds}", kind=kind, kinds=", ".join(SCHEMA_KINDS))
        )
    mode: Literal["validation", "serialization"] = "serialization" if kind == "result" else "validation"
    schema: dict[str, Any] = _MODELS[kind].model_json_schema(mode=mode)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = _TITLES[kind]
    return schema


def json_schema_text(kind: SchemaKind) -> str:
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
