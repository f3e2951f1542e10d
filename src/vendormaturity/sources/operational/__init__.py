"""Facts from the systems that already hold them: SLA reports, ticket tools, CRM exports.

A *mapping* file says how the columns and values of each export give the facts of a
questionnaire; :func:`facts_from` reads the exports, computes each fact over a period and
records where it came from (files, rows, period, formula). Bundled mappings for the
standard export columns of ServiceNow, Jira Service Management, Dynamics 365 and
Salesforce, and one for spreadsheets kept by hand, are starting points to adjust.
"""

from __future__ import annotations

from vendormaturity.sources.operational.compute import ExportedFacts, facts_from
from vendormaturity.sources.operational.followup import TrackerStatuses, statuses_from
from vendormaturity.sources.operational.mapping import (
    ExportMapping,
    MappingError,
    bundled_mappings,
    load_mapping,
    mapping_text,
)
from vendormaturity.sources.operational.period import Period, parse_period

__all__ = [
    "ExportMapping",
    "ExportedFacts",
    "MappingError",
    "Period",
    "TrackerStatuses",
    "bundled_mappings",
    "facts_from",
    "load_mapping",
    "mapping_text",
    "parse_period",
    "statuses_from",
]
