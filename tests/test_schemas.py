"""JSON Schemas: exported by the package and committed in schemas/ in the same version."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import vendormaturity as vm
from vendormaturity.model.schemas import SCHEMA_KINDS, json_schema_text

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_committed_schemas_are_current(kind: str) -> None:
    """schemas/*.json equal what the models export (regenerate with scripts/write_schemas.py)."""
    assert (ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8") == json_schema_text(kind)  # type: ignore[arg-type]


def test_result_schema_names_the_contract_keys() -> None:
    """The result schema requires the keys other programs rely on."""
    schema = vm.json_schema("result")
    assert {"phase", "phase_scores", "confidence", "dimensions", "findings", "plan"} <= set(
        schema["required"]
    )


def test_unknown_schema_kind() -> None:
    """Asking for a schema that does not exist says which exist."""
    with pytest.raises(
        ValueError, match="unknown schema 'report'; choose one of: questionnaire, responses, result"
    ):
        vm.json_schema("report")  # type: ignore[arg-type]


def test_questionnaire_schema_validates_a_bundled_file() -> None:
    """An editor using the schema accepts the bundled questionnaire."""
    jsonschema = pytest.importorskip("jsonschema")
    document = json.loads(
        json.dumps(vm.load_questionnaire("pulse").model_dump(mode="json", exclude_none=True))
    )
    jsonschema.validate(document, vm.json_schema("questionnaire"))


def test_every_public_name_resolves() -> None:
    """Each name of __all__ is importable from the package, lazily."""
    assert all(getattr(vm, name) is not None for name in vm.__all__)
    with pytest.raises(AttributeError, match="has no attribute 'nothing'"):
        vm.nothing  # noqa: B018 - the attribute access is the test
