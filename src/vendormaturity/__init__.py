"""vendormaturity: assess the maturity of a client–supplier relationship.

Questionnaires and scoring rules are data (TOML); ``assess`` places the relationship in
a Tuckman phase with probabilities and evidence, flags the patterns that keep it stuck
and proposes an improvement plan.

Names are imported on first use, so that the command line starts fast and an
application pays only for what it touches.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vendormaturity.assessment import assess
    from vendormaturity.compiled import CompiledQuestionnaire
    from vendormaturity.errors import (
        ExpressionError,
        NotFoundError,
        Problem,
        QuestionnaireError,
        ResponseError,
        ValidationError,
        VendorMaturityError,
    )
    from vendormaturity.history import load_history, load_result
    from vendormaturity.questionnaire import (
        Horizon,
        Owner,
        Phase,
        Questionnaire,
        Severity,
        Side,
        Stage,
        bundled_questionnaires,
        dump_questionnaire,
        load_questionnaire,
        questionnaire_from_dict,
    )
    from vendormaturity.responses import (
        ActionStatus,
        FollowUp,
        Respondent,
        ResponseSet,
        Role,
        dump_responses,
        load_responses,
        responses_from_dict,
    )
    from vendormaturity.result import AssessmentResult, Finding, Plan, PlannedAction
    from vendormaturity.schemas import json_schema

__version__ = "0.1.0"

_HOMES = {
    "assessment": ["assess"],
    "compiled": ["CompiledQuestionnaire"],
    "errors": [
        "ExpressionError",
        "NotFoundError",
        "Problem",
        "QuestionnaireError",
        "ResponseError",
        "ValidationError",
        "VendorMaturityError",
    ],
    "history": ["load_history", "load_result"],
    "questionnaire": [
        "Horizon",
        "Owner",
        "Phase",
        "Questionnaire",
        "Severity",
        "Side",
        "Stage",
        "bundled_questionnaires",
        "dump_questionnaire",
        "load_questionnaire",
        "questionnaire_from_dict",
    ],
    "responses": [
        "ActionStatus",
        "FollowUp",
        "Respondent",
        "ResponseSet",
        "Role",
        "dump_responses",
        "load_responses",
        "responses_from_dict",
    ],
    "result": ["AssessmentResult", "Finding", "Plan", "PlannedAction"],
    "schemas": ["json_schema"],
}
_MODULE_OF = {name: module for module, names in _HOMES.items() for name in names}

__all__ = [
    "ActionStatus",
    "AssessmentResult",
    "CompiledQuestionnaire",
    "ExpressionError",
    "Finding",
    "FollowUp",
    "Horizon",
    "NotFoundError",
    "Owner",
    "Phase",
    "Plan",
    "PlannedAction",
    "Problem",
    "Questionnaire",
    "QuestionnaireError",
    "Respondent",
    "ResponseError",
    "ResponseSet",
    "Role",
    "Severity",
    "Side",
    "Stage",
    "ValidationError",
    "VendorMaturityError",
    "__version__",
    "assess",
    "bundled_questionnaires",
    "dump_questionnaire",
    "dump_responses",
    "json_schema",
    "load_history",
    "load_questionnaire",
    "load_responses",
    "load_result",
    "questionnaire_from_dict",
    "responses_from_dict",
]


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'vendormaturity' has no attribute '{name}'")
    value = getattr(importlib.import_module(f"vendormaturity.{module}"), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return list(__all__)
