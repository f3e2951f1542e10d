"""What every report shows, prepared once: readable addresses, the plan by horizon and
owner, the trajectory, the respondents' comments. Pure functions over the result."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

import attrs

from vendormaturity.model.questionnaire import Fact, FactType, Horizon, Owner, Phase, Questionnaire
from vendormaturity.model.responses import ResponseSet
from vendormaturity.model.result import AssessmentResult, Evidence, Finding, PlannedAction
from vendormaturity.render.texts import label, name, number, text

__all__ = [
    "GAP_MARK",
    "Comment",
    "Point",
    "address",
    "band_name",
    "baseline_sentence",
    "choice_text",
    "comments",
    "evidence_value",
    "fact_range",
    "holds_text",
    "is_graded",
    "marked_gap",
    "mean_text",
    "plan_by_horizon",
    "suspicion",
    "trajectory",
]

GAP_MARK = 1.0  # a gap of one point or more between the sides is worth a conversation
_OWNER_ORDER = (Owner.JOINT, Owner.CLIENT, Owner.SUPPLIER)


@attrs.frozen
class Point:
    """One assessment on the relationship's trajectory."""

    date: datetime.date
    phase: Phase
    client_mean: float | None
    supplier_mean: float | None
    current: bool


@attrs.frozen
class Comment:
    """A respondent's comment, shown by side and role (names stay in the response file)."""

    side: str
    role: str
    question: str  # the question's text, or "" for a general comment
    text: str


def marked_gap(gap: float | None) -> bool:
    return gap is not None and abs(gap) >= GAP_MARK


def band_name(band: str | None, questionnaire: Questionnaire | None, lang: str) -> str:
    """The label of a maturity band, or its id when the questionnaire is not at hand."""
    if band is None:
        return "–"
    if questionnaire is not None:
        for candidate in questionnaire.scoring.bands:
            if candidate.id == band:
                return label(candidate.label, lang)
    return band


def address(reason: str, result: AssessmentResult, lang: str) -> str:
    """``pattern:watermelon`` → ``Watermelon effect``; ``dimension:x`` → ``Weak dimension: …``."""
    kind, _, key = reason.partition(":")
    if kind == "pattern":
        for finding in result.findings:
            if finding.pattern == key:
                return label(finding.title, lang)
    elif kind == "dimension":
        for dimension in result.dimensions:
            if dimension.dimension == key:
                return text("address_dimension", lang, name=label(dimension.label, lang))
    elif kind == "phase" and key in Phase._value2member_map_:
        return text("address_phase", lang, name=name("phase", key, lang))
    return reason


def suspicion(finding: Finding, questionnaire: Questionnaire | None, lang: str) -> str | None:
    """For a suspected finding, the sentence naming the facts that would confirm it; else None."""
    if finding.status != "suspected":
        return None
    labels = {fact.id: label(fact.label, lang) for fact in questionnaire.facts} if questionnaire else {}
    facts = ", ".join(labels.get(fact, fact) for fact in finding.confirm_with)
    return text("suspected_confirm", lang, facts=facts)


def plan_by_horizon(
    actions: Sequence[PlannedAction],
) -> list[tuple[Horizon, list[PlannedAction]]]:
    """The actions grouped by horizon (short first), each group ordered by owner, priority."""
    groups: list[tuple[Horizon, list[PlannedAction]]] = []
    for horizon in Horizon:
        chosen = [action for action in actions if action.horizon is horizon]
        if chosen:
            chosen.sort(key=lambda a: (_OWNER_ORDER.index(a.owner), a.priority, a.id))
            groups.append((horizon, chosen))
    return groups


def trajectory(result: AssessmentResult) -> list[Point]:
    """The earlier assessments, oldest first, then this one."""
    points = [
        Point(point.date, point.phase, point.client_mean, point.supplier_mean, current=False)
        for point in result.history
    ]
    points.append(
        Point(
            result.date,
            result.phase,
            result.summary.get("client_mean"),
            result.summary.get("supplier_mean"),
            current=True,
        )
    )
    return points


def evidence_value(value: float | bool | str | None, lang: str) -> str:
    """A value an expression saw, as a reader expects it."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return text("yes" if value else "no", lang)
    if isinstance(value, float | int):
        shown = f"{round(value, 2):g}"
        return shown.replace(".", ",") if lang == "fr" else shown
    return str(value)


def is_graded(evidence: Evidence) -> bool:
    """A graded condition (``ramp``, ``between`` as a number…) has a value but no yes or no."""
    return evidence.holds is None and evidence.value is not None and evidence.threshold is None


def holds_text(evidence: Evidence, lang: str) -> str:
    """yes, no, graded (a value between 0 and 1, no verdict) or unknown (missing data)."""
    if is_graded(evidence):
        return text("graded", lang)
    if evidence.holds is None:
        return text("unknown", lang)
    return text("yes" if evidence.holds else "no", lang)


def comments(responses: ResponseSet | None, questionnaire: Questionnaire | None, lang: str) -> list[Comment]:
    """Every comment of the response set: general ones, then those on a question."""
    if responses is None:
        return []
    texts = {q.id: label(q.text, lang) for q in questionnaire.questions} if questionnaire else {}
    found: list[Comment] = []
    for respondent in responses.respondents:
        side = name("side", respondent.side, lang)
        role = name("role", respondent.role, lang)
        if respondent.comment:
            found.append(Comment(side, role, "", respondent.comment))
        for question_id, comment in respondent.comments.items():
            found.append(Comment(side, role, texts.get(question_id, question_id), comment))
    if responses.comment:
        found.insert(0, Comment("", "", "", responses.comment))
    return found


def mean_text(value: float | None, lang: str) -> str:
    return text("insufficient", lang) if value is None else number(value, lang)


def baseline_sentence(result: AssessmentResult, lang: str) -> str:
    baseline = result.baseline
    if baseline.phase is None:
        return text("baseline_none", lang)
    verdict = name("verdict", baseline.verdict, lang)
    if baseline.phase is result.phase:
        return text("baseline_agrees", lang, phase=name("phase", result.phase, lang), verdict=verdict)
    return text(
        "baseline_differs",
        lang,
        baseline=name("phase", baseline.phase, lang),
        verdict=verdict,
        phase=name("phase", result.phase, lang),
    )


def fact_range(fact: Fact) -> str:
    """What a fact accepts: ``number 0–1 ratio``, ``true | false``, ``"a" | "b"``."""
    if fact.type is FactType.BOOLEAN:
        return "true | false"
    if fact.type is FactType.CHOICE:
        return " | ".join(f'"{choice.value}"' for choice in fact.choices or ())
    bounds = ""
    if fact.min is not None or fact.max is not None:
        low = "" if fact.min is None else f"{fact.min:g}"
        high = "" if fact.max is None else f"{fact.max:g}"
        bounds = f" {low}–{high}"
    unit = f" {fact.unit}" if fact.unit else ""
    return f"{fact.type.value}{bounds}{unit}"


def choice_text(value: float, shown: str) -> str:
    """``4 Agree``; a label that already starts with its value is shown alone."""
    number_text = f"{value:g}"
    return shown if shown.startswith(number_text) else f"{number_text} {shown}"
