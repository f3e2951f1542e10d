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

from vendormaturity._version import __version__

if TYPE_CHECKING:
    from vendormaturity.engine.assessment import assess
    from vendormaturity.engine.compiled import CompiledQuestionnaire
    from vendormaturity.engine.compiler import compile_questionnaire
    from vendormaturity.errors import (
        ExpressionError,
        NotFoundError,
        Problem,
        QuestionnaireError,
        ResponseError,
        ValidationError,
        VendorMaturityError,
    )
    from vendormaturity.model.questionnaire import (
        Horizon,
        Owner,
        Phase,
        Questionnaire,
        Severity,
        Side,
        Stage,
        dump_questionnaire,
    )
    from vendormaturity.model.responses import (
        ActionStatus,
        FactOrigin,
        FactProvenance,
        FollowUp,
        Respondent,
        ResponseSet,
        Role,
        dump_responses,
    )
    from vendormaturity.model.result import AssessmentResult, Finding, Plan, PlannedAction
    from vendormaturity.model.schemas import json_schema
    from vendormaturity.sources.collected import Collected
    from vendormaturity.sources.documents import load_result
    from vendormaturity.sources.folders import Carried, carried_facts, load_history, read_history
    from vendormaturity.sources.formmapping import form_mapping, load_form_mapping
    from vendormaturity.sources.operational import (
        ExportedFacts,
        ExportMapping,
        Period,
        TrackerStatuses,
        bundled_mappings,
        facts_from,
        load_mapping,
        statuses_from,
    )
    from vendormaturity.sources.questionnaires import (
        bundled_questionnaires,
        load_questionnaire,
        questionnaire_from_dict,
    )
    from vendormaturity.sources.responses import load_responses, read_responses, responses_from_dict
    from vendormaturity.sources.surveys import read_survey_export
    from vendormaturity.sources.workbook import export_workbook, read_workbooks
    from vendormaturity.store.portfolio import Portfolio
    from vendormaturity.store.schema import PortfolioError

# where each public name lives: the pipeline's rooms (see docs/architecture.md)
_HOMES = {
    "engine.assessment": ["assess"],
    "engine.compiled": ["CompiledQuestionnaire"],
    "engine.compiler": ["compile_questionnaire"],
    "errors": [
        "ExpressionError",
        "NotFoundError",
        "Problem",
        "QuestionnaireError",
        "ResponseError",
        "ValidationError",
        "VendorMaturityError",
    ],
    "model.questionnaire": [
        "Horizon",
        "Owner",
        "Phase",
        "Questionnaire",
        "Severity",
        "Side",
        "Stage",
        "dump_questionnaire",
    ],
    "model.responses": [
        "ActionStatus",
        "FactOrigin",
        "FactProvenance",
        "FollowUp",
        "Respondent",
        "ResponseSet",
        "Role",
        "dump_responses",
    ],
    "model.result": ["AssessmentResult", "Finding", "Plan", "PlannedAction"],
    "model.schemas": ["json_schema"],
    "sources.collected": ["Collected"],
    "sources.documents": ["load_result"],
    "sources.folders": ["Carried", "carried_facts", "load_history", "read_history"],
    "sources.formmapping": ["form_mapping", "load_form_mapping"],
    "sources.operational": [
        "ExportMapping",
        "ExportedFacts",
        "Period",
        "TrackerStatuses",
        "bundled_mappings",
        "facts_from",
        "load_mapping",
        "statuses_from",
    ],
    "sources.questionnaires": ["bundled_questionnaires", "load_questionnaire", "questionnaire_from_dict"],
    "sources.responses": ["load_responses", "read_responses", "responses_from_dict"],
    "sources.surveys": ["read_survey_export"],
    "sources.workbook": ["export_workbook", "read_workbooks"],
    "store.portfolio": ["Portfolio"],
    "store.schema": ["PortfolioError"],
}
_MODULE_OF = {name: module for module, names in _HOMES.items() for name in names}

__all__ = [
    "ActionStatus",
    "AssessmentResult",
    "Carried",
    "Collected",
    "CompiledQuestionnaire",
    "ExportMapping",
    "ExportedFacts",
    "ExpressionError",
    "FactOrigin",
    "FactProvenance",
    "Finding",
    "FollowUp",
    "Horizon",
    "NotFoundError",
    "Owner",
    "Period",
    "Phase",
    "Plan",
    "PlannedAction",
    "Portfolio",
    "PortfolioError",
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
    "TrackerStatuses",
    "ValidationError",
    "VendorMaturityError",
    "__version__",
    "assess",
    "bundled_mappings",
    "bundled_questionnaires",
    "carried_facts",
    "compile_questionnaire",
    "dump_questionnaire",
    "dump_responses",
    "export_workbook",
    "facts_from",
    "form_mapping",
    "json_schema",
    "load_form_mapping",
    "load_history",
    "load_mapping",
    "load_questionnaire",
    "load_responses",
    "load_result",
    "questionnaire_from_dict",
    "read_history",
    "read_responses",
    "read_survey_export",
    "read_workbooks",
    "responses_from_dict",
    "statuses_from",
]


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        from vendormaturity.i18n import msg

        raise AttributeError(msg("module 'vendormaturity' has no attribute '{name}'", name=name))
    try:
        value = getattr(importlib.import_module(f"vendormaturity.{module}"), name)
    except ModuleNotFoundError as error:
        from vendormaturity._extras import extra_for
        from vendormaturity.i18n import msg

        extra = extra_for(error)
        if extra is None:
            raise
        raise ModuleNotFoundError(
            msg(
                "vendormaturity.{name} needs {module}, which the {extra} extra installs: "
                "pip install 'vendormaturity[{extra}]'",
                name=name,
                module=error.name,
                extra=extra,
            ),
            name=error.name,
        ) from None
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return list(__all__)
