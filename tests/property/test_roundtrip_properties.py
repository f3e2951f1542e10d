"""Round trips: what vendormaturity writes, it reads back unchanged."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given

import vendormaturity as vm

from .helpers import assess
from .strategies import Case, cases, questionnaire_documents


def _written(text: str, suffix: str, folder: str) -> Path:
    path = Path(folder) / f"written{suffix}"
    path.write_text(text, encoding="utf-8")
    return path


@given(questionnaire_documents())
def test_dumped_questionnaire_loads_as_an_equal_model(document: dict[str, object]) -> None:
    """``dump_questionnaire`` gives TOML that loads back into an equal questionnaire."""
    questionnaire = vm.questionnaire_from_dict(document)

    with tempfile.TemporaryDirectory() as folder:
        loaded = vm.load_questionnaire(_written(vm.dump_questionnaire(questionnaire), ".toml", folder))

    assert questionnaire == loaded
    assert questionnaire.model_dump() == loaded.model_dump()


@given(cases(max_history=0))
def test_dumped_responses_load_as_an_equal_model(case: Case) -> None:
    """``dump_responses`` gives TOML and JSON that load back into an equal response set."""
    with tempfile.TemporaryDirectory() as folder:
        for format_, suffix in (("toml", ".toml"), ("json", ".json")):
            text = vm.dump_responses(case.responses, format=format_)
            loaded = vm.load_responses(_written(text, suffix, folder), case.questionnaire)

            assert case.responses == loaded, format_


@given(cases())
def test_result_json_validates_back_to_the_same_json(case: Case) -> None:
    """A result's JSON, validated as an ``AssessmentResult`` and dumped again, is byte-identical."""
    text = assess(case).model_dump_json()

    assert text == vm.AssessmentResult.model_validate_json(text).model_dump_json()
