"""vendormaturity: assess the maturity of a client–supplier relationship.

Questionnaires and scoring rules are data (TOML); ``assess`` places the relationship in
a Tuckman phase with probabilities and evidence, flags the patterns that keep it stuck
and proposes an improvement plan.
"""

from __future__ import annotations

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


def __dir__() -> list[str]:
    return list(__all__)
