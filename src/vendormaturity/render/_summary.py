"""The executive summary every report opens with, and the levels its colours stand for.

The status is read from the findings alone – a high or critical finding is red, a medium
one amber – and a verdict resting on too little data is never green: it says what is
missing and how to get it instead. The bands are levels from the questionnaire's own
order (its first band the lowest), shown per side where the two sides fall in different
bands, so that an average never hides a gap.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from vendormaturity.engine.compiled import Bands
from vendormaturity.i18n import ntr, ptr, tr
from vendormaturity.model.questionnaire import Questionnaire, Severity
from vendormaturity.model.result import AssessmentResult, DimensionScore, Finding, PlannedAction
from vendormaturity.render._view import GAP_MARK, mean_text
from vendormaturity.render.texts import label, name, percent

__all__ = [
    "BandShown",
    "Headline",
    "TopAction",
    "TopFinding",
    "band_level",
    "bands_shown",
    "finding_anchor",
    "headline",
    "ordered_findings",
    "status_of",
    "tentative",
    "title",
]

TOP = 3  # findings and actions in the summary; the others follow in their sections
LEVELS = 4  # colour levels of the bands, from the lowest (0, red) to the highest (3, green)
_RED_FROM = Severity.HIGH.rank
_AMBER_FROM = Severity.MEDIUM.rank


@attrs.frozen
class TopFinding:
    anchor: str
    severity: str  # its key, for the colour
    severity_name: str
    title: str
    suspected: bool


@attrs.frozen
class TopAction:
    title: str
    owner: str  # its key, for the colour
    owner_name: str
    horizon: str
    priority: int


@attrs.frozen
class Headline:
    """What a steering committee reads first."""

    title: str  # "ACME Industries ↔ HostCo Managed Services"
    status: str  # "red", "amber", "green" or "unknown"
    status_name: str
    verdict: str  # one or two sentences
    tentative: bool
    findings: list[TopFinding]
    more_findings: str  # "and 2 more findings below", or ""
    actions: list[TopAction]
    more_actions: str
    missing: list[str]  # what the verdict lacks (low confidence only)
    remedies: list[str]  # how to get it


@attrs.frozen
class BandShown:
    who: str  # "" for both sides together, else the side's name
    band: str
    level: int  # 0 (lowest) to LEVELS − 1


def title(result: AssessmentResult) -> str:
    return f"{result.client} ↔ {result.supplier}"


def tentative(result: AssessmentResult) -> bool:
    """The verdict rests on too little: low confidence, or too little data for a verdict."""
    return result.confidence_label == "low" or (result.data is not None and not result.data.sufficient)


def ordered_findings(findings: Sequence[Finding]) -> list[Finding]:
    """The findings, most severe first (the engine's order among equals)."""
    return sorted(findings, key=lambda finding: -finding.severity.rank)


def finding_anchor(finding: Finding) -> str:
    return f"finding-{finding.pattern}"


def status_of(result: AssessmentResult) -> str:
    worst = max((finding.severity.rank for finding in result.findings), default=-1)
    if worst >= _RED_FROM:
        return "red"
    if worst >= _AMBER_FROM:
        return "amber"
    return "unknown" if tentative(result) else "green"


def _status_name(status: str, lang: str) -> str:
    if status == "red":
        return ptr("report status", "Action needed", lang)
    if status == "amber":
        return ptr("report status", "Watch", lang)
    if status == "green":
        return ptr("report status", "On track", lang)
    return ptr("report status", "Not enough data", lang)


def _verdict(result: AssessmentResult, lang: str) -> str:
    phase = name("phase", result.phase, lang)
    confidence = percent(result.confidence, lang)
    if tentative(result):
        shown = [
            tr(
                "Tentatively {phase}: confidence is low ({confidence}).",
                lang,
                phase=phase,
                confidence=confidence,
            )
        ]
    else:
        shown = [
            tr(
                "{phase}, with {level} confidence ({confidence}).",
                lang,
                phase=phase,
                level=name("confidence", result.confidence_label, lang),
                confidence=confidence,
            )
        ]
    patterns_unknown = sum(1 for item in result.not_evaluable if item.kind == "pattern")
    if result.findings:
        worst = ordered_findings(result.findings)[0]
        shown.append(
            ntr(
                "{count} finding, the most severe: {severity}.",
                "{count} findings, the most severe: {severity}.",
                len(result.findings),
                lang,
                severity=name("severity", worst.severity, lang),
            )
        )
    elif patterns_unknown:
        shown.append(
            ntr(
                "No finding, but {count} pattern could not be evaluated for lack of data.",
                "No finding, but {count} patterns could not be evaluated for lack of data.",
                patterns_unknown,
                lang,
            )
        )
    else:
        shown.append(tr("No finding.", lang))
    client, supplier = result.summary.get("client_mean"), result.summary.get("supplier_mean")
    if client is not None and supplier is not None and abs(supplier - client) >= GAP_MARK:
        shown.append(
            tr(
                "The sides disagree: the client rates the relationship {client}, the supplier {supplier}.",
                lang,
                client=mean_text(client, lang),
                supplier=mean_text(supplier, lang),
            )
        )
    return " ".join(shown)


def _missing(result: AssessmentResult, lang: str) -> tuple[list[str], list[str]]:
    """What a tentative verdict lacks, and how to get it."""
    missing: list[str] = []
    remedies: list[str] = []
    short_sides = [side for side in ("client", "supplier") if result.respondents.get(side, 0) < 2]
    for side in short_sides:
        count = result.respondents.get(side, 0)
        if side == "client":
            missing.append(ntr("{count} client respondent", "{count} client respondents", count, lang))
        else:
            missing.append(ntr("{count} supplier respondent", "{count} supplier respondents", count, lang))
    for side in ("client", "supplier"):
        unscored = sum(1 for d in result.dimensions if getattr(d, side).mean is None)
        if not unscored:
            continue
        if side == "client":
            missing.append(
                ntr(
                    "{count} dimension without a client score",
                    "{count} dimensions without a client score",
                    unscored,
                    lang,
                )
            )
        else:
            missing.append(
                ntr(
                    "{count} dimension without a supplier score",
                    "{count} dimensions without a supplier score",
                    unscored,
                    lang,
                )
            )
    facts = len(result.data.facts_missing) if result.data is not None else 0
    if facts:
        missing.append(ntr("{count} fact not given", "{count} facts not given", facts, lang))
    rules = len(result.not_evaluable)
    if rules:
        missing.append(ntr("{count} rule not evaluated", "{count} rules not evaluated", rules, lang))
    if short_sides or any(d.client.mean is None or d.supplier.mean is None for d in result.dimensions):
        remedies.append(tr("Ask two people or more on each side to answer every dimension.", lang))
    if facts:
        remedies.append(
            tr(
                "Give the missing facts in the response file, or compute them from the "
                "systems' exports (vendormaturity facts).",
                lang,
            )
        )
    return missing, remedies


def headline(result: AssessmentResult, lang: str) -> Headline:
    """The executive summary of *result*."""
    status = status_of(result)
    findings = ordered_findings(result.findings)
    actions = sorted(result.plan.actions, key=lambda a: (a.horizon.rank, a.priority))
    more_findings = len(findings) - TOP
    more_actions = len(actions) - TOP
    low = tentative(result)
    missing, remedies = _missing(result, lang) if low else ([], [])
    return Headline(
        title=title(result),
        status=status,
        status_name=_status_name(status, lang),
        verdict=_verdict(result, lang),
        tentative=low,
        findings=[_top_finding(finding, lang) for finding in findings[:TOP]],
        more_findings=""
        if more_findings <= 0
        else ntr("and {count} more finding below", "and {count} more findings below", more_findings, lang),
        actions=[_top_action(action, lang) for action in actions[:TOP]],
        more_actions=""
        if more_actions <= 0
        else ntr("and {count} more action below", "and {count} more actions below", more_actions, lang),
        missing=missing,
        remedies=remedies,
    )


def _top_finding(finding: Finding, lang: str) -> TopFinding:
    return TopFinding(
        anchor=finding_anchor(finding),
        severity=finding.severity.value,
        severity_name=name("severity", finding.severity, lang),
        title=label(finding.title, lang),
        suspected=finding.status == "suspected",
    )


def _top_action(action: PlannedAction, lang: str) -> TopAction:
    return TopAction(
        title=label(action.title, lang),
        owner=action.owner.value,
        owner_name=name("owner", action.owner, lang),
        horizon=name("horizon_short", action.horizon, lang),
        priority=action.priority,
    )


# --------------------------------------------------------------------------- bands


def band_level(band: str | None, questionnaire: Questionnaire | None) -> int | None:
    """The colour level of *band*: its rank in the questionnaire's bands, from low to high,
    spread over LEVELS; None without the questionnaire or the band."""
    if band is None or questionnaire is None:
        return None
    ordered = [item.id for item in sorted(questionnaire.scoring.bands, key=lambda item: item.min)]
    if band not in ordered:
        return None
    if len(ordered) == 1:
        return LEVELS - 1
    return round(ordered.index(band) * (LEVELS - 1) / (len(ordered) - 1))


def _band_label(band: str, questionnaire: Questionnaire, lang: str) -> str:
    for item in questionnaire.scoring.bands:
        if item.id == band:
            return label(item.label, lang)
    return band


def bands_shown(dimension: DimensionScore, questionnaire: Questionnaire | None, lang: str) -> list[BandShown]:
    """The band of both sides together, or each side's where the two sides' bands differ."""
    if questionnaire is None:
        return [] if dimension.band is None else [BandShown("", dimension.band, LEVELS // 2)]
    bands = Bands.of(questionnaire.scoring.bands)
    client, supplier = bands.find(dimension.client.score), bands.find(dimension.supplier.score)
    if client is not None and supplier is not None and client != supplier:
        return [
            BandShown(
                name("side", "client", lang),
                _band_label(client, questionnaire, lang),
                _level(client, questionnaire),
            ),
            BandShown(
                name("side", "supplier", lang),
                _band_label(supplier, questionnaire, lang),
                _level(supplier, questionnaire),
            ),
        ]
    if dimension.band is None:
        return []
    return [
        BandShown("", _band_label(dimension.band, questionnaire, lang), _level(dimension.band, questionnaire))
    ]


def _level(band: str, questionnaire: Questionnaire) -> int:
    level = band_level(band, questionnaire)
    return LEVELS // 2 if level is None else level
