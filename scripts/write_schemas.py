"""Rewrite schemas/*.schema.json from the models (tests/test_schemas.py checks they are current)."""

from __future__ import annotations

from pathlib import Path

from vendormaturity.model.schemas import SCHEMA_KINDS, json_schema_text

if __name__ == "__main__":
    folder = Path(__file__).resolve().parents[1] / "schemas"
    folder.mkdir(exist_ok=True)
    for kind in SCHEMA_KINDS:
        (folder / f"{kind}.schema.json").write_text(json_schema_text(kind), encoding="utf-8")  # type: ignore[arg-type]
        print(f"wrote schemas/{kind}.schema.json")
