"""What every report shows, prepared once: readable addresses, the plan by horizon and
owner, the trajectory, the respondents' comments. Pure functions over the result."""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence

import attrs

from vendormaturity.i18n import ntr, tr
from vendormaturity.model.questionnaire import Fact, FactType, Horizon, Owner, Phase, Questionnaire
from vendormaturity.model.responses import ResponseSet
from vendormaturity.model.result import AssessmentResult, Evidence, Finding, PlannedAction, SideScore
from vendormaturity.render._plain import Observation, Plain
from vendormaturity.render.texts import colon, label, name, number, percent, short

__all__ = [
    "GAP_MARK",
    "Comment",
    "CoverageRow",
    "DataView",
    "Observation",
    "Plain",
    "Point",
    "QuoteView",
    "address",
    "band_name",
    "baseline_sentence",
    "choice_text",
    "closed_text",
    "comments",
    "data_view",
    "evidence_value",
    "fact_range",
    "followup_example",
    "holds_text",
    "insufficient_text",
    "is_graded",
    "marked_gap",
    "mean_text",
    "plan_by_horizon",
    "quotes",
    "raised_text",
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
    triggers: str = ""  # the conflict triggers it reveals, by their labels ("" when none)


@attrs.frozen
class QuoteView:
    """A short quote under a finding: who wrote it, and the sentence that supports the finding."""

    who: str  # "Client", "Supplier", or "General comment"
    text: str  # the sentence, shortened to QUOTE_LENGTH characters at most
    quoted: str  # the same in the language's quotation marks


QUOTE_LENGTH = 160  # characters of a quote under a finding
QUOTES_SHOWN = 3  # quotes under a finding; the others are counted


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
                return tr("Weak dimension: {name}", lang, name=label(dimension.label, lang))
    elif kind == "phase" and key in Phase._value2member_map_:
        return tr("Move towards: {name}", lang, name=name("phase", key, lang))
    return reason


def suspicion(finding: Finding, questionnaire: Questionnaire | None, lang: str) -> str | None:
    """For a suspected finding, the sentence naming the facts that would confirm it; else None."""
    if finding.status != "suspected":
        return None
    labels = {fact.id: label(fact.label, lang) for fact in questionnaire.facts} if questionnaire else {}
    facts = ", ".join(labels.get(fact, fact) for fact in finding.confirm_with)
    return tr(
        "Suspected: the answers point to it, but a fact is missing to confirm it. Establish: {facts}.",
        lang,
        facts=facts,
    )


def plan_by_horizon(
    actions: Sequence[PlannedAction],
) -> list[tuple[Horizon, list[PlannedAction]]]:
    """The actions grouped by horizon (short first), each group ordered by priority, then owner."""
    groups: list[tuple[Horizon, list[PlannedAction]]] = []
    for horizon in Horizon:
        chosen = [action for action in actions if action.horizon is horizon]
        if chosen:
            chosen.sort(key=lambda a: (a.priority, _OWNER_ORDER.index(a.owner), a.id))
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
        return yes_no(value, lang)
    if isinstance(value, float | int):
        return short(value, lang)
    return str(value)


def yes_no(value: bool, lang: str) -> str:
    """yes or no, in *lang*."""
    return tr("yes", lang) if value else tr("no", lang)


def is_graded(evidence: Evidence) -> bool:
    """A graded condition (``ramp``, ``between`` as a number…) has a value but no yes or no."""
    return evidence.holds is None and evidence.value is not None and evidence.threshold is None


def holds_text(evidence: Evidence, lang: str) -> str:
    """yes, no, graded (a value between 0 and 1, no verdict) or unknown (missing data)."""
    if is_graded(evidence):
        return tr("graded", lang)
    if evidence.holds is None:
        return tr("unknown", lang)
    return yes_no(evidence.holds, lang)


def comments(
    responses: ResponseSet | None,
    questionnaire: Questionnaire | None,
    lang: str,
    result: AssessmentResult | None = None,
) -> list[Comment]:
    """Every comment of the response set: general ones, then those on a question; with
    *result*, each with the conflict triggers the assessment read in it."""
    if responses is None:
        return []
    texts = {q.id: label(q.text, lang) for q in questionnaire.questions} if questionnaire else {}
    revealed = _revealed(result, questionnaire, lang)
    found: list[Comment] = []
    for respondent in responses.respondents:
        side = name("side", respondent.side, lang)
        role = name("role", respondent.role, lang)
        if respondent.comment:
            found.append(Comment(side, role, "", respondent.comment, revealed.get((respondent.id, None), "")))
        for question_id, comment in respondent.comments.items():
            question = texts.get(question_id, question_id)
            found.append(
                Comment(side, role, question, comment, revealed.get((respondent.id, question_id), ""))
            )
    if responses.comment:
        found.insert(0, Comment("", "", "", responses.comment, revealed.get((None, None), "")))
    return found


def _revealed(
    result: AssessmentResult | None, questionnaire: Questionnaire | None, lang: str
) -> dict[tuple[str | None, str | None], str]:
    """Per (respondent, question) of a comment, the labels of the triggers read in it."""
    if result is None:
        return {}
    labels = _trigger_labels(questionnaire, lang)
    return {
        (comment.respondent, comment.question): tr(", ", lang).join(
            labels.get(trigger, trigger) for trigger in comment.triggers
        )
        for comment in result.comments
        if comment.triggers
    }


def _trigger_labels(questionnaire: Questionnaire | None, lang: str) -> dict[str, str]:
    if questionnaire is None:
        return {}
    return {trigger.id: label(trigger.label, lang) for trigger in questionnaire.triggers}


def quotes(finding: Finding, result: AssessmentResult, lang: str) -> tuple[list[QuoteView], str]:
    """The comments that support *finding*, as short quotes (the first QUOTES_SHOWN), and a
    line counting the others ("" when none is left out)."""
    shown: list[QuoteView] = []
    for quote in finding.quotes[:QUOTES_SHOWN]:
        comment = result.comments[quote.comment]
        sentence = next(
            (comment.quotes[trigger] for trigger in quote.triggers if trigger in comment.quotes), comment.text
        )
        short = _shortened(" ".join(sentence.split()))
        who = name("side", comment.side, lang) if comment.side else tr("General comment", lang)
        shown.append(QuoteView(who=who, text=short, quoted=tr("“{quote}”", lang, quote=short)))
    left = len(finding.quotes) - len(shown)
    more = ntr("and {count} more comment", "and {count} more comments", left, lang) if left else ""
    return shown, more


def _shortened(sentence: str) -> str:
    """*sentence* cut at a word before QUOTE_LENGTH characters, with an ellipsis."""
    if len(sentence) <= QUOTE_LENGTH:
        return sentence
    cut = sentence[: QUOTE_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return f"{cut}…"


def mean_text(value: float | None, lang: str) -> str:
    return tr("n/a", lang) if value is None else number(value, lang)


def baseline_sentence(result: AssessmentResult, lang: str) -> str:
    baseline = result.baseline
    if baseline.phase is None:
        return tr("The baseline cannot conclude (no stage question answered).", lang)
    verdict = name("verdict", baseline.verdict, lang)
    if baseline.phase is result.phase:
        return tr(
            "The baseline also reads {phase} ({verdict}).",
            lang,
            phase=name("phase", result.phase, lang),
            verdict=verdict,
        )
    return tr(
        "The baseline would read {baseline} ({verdict}) where the assessment finds {phase}.",
        lang,
        baseline=name("phase", baseline.phase, lang),
        verdict=verdict,
        phase=name("phase", result.phase, lang),
    )


def fact_range(fact: Fact, lang: str) -> str:
    """What a fact accepts, as a file spells its values: ``number 0–1``, ``whole number 0–600 months``,
    ``true | false``, ``"a" | "b"``."""
    if fact.type is FactType.BOOLEAN:
        return "true | false"
    if fact.type is FactType.CHOICE:
        return " | ".join(f'"{choice.value}"' for choice in fact.choices or ())
    if fact.type is FactType.DATE:
        return tr("date, YYYY-MM-DD", lang)
    bounds = ""
    if fact.min is not None or fact.max is not None:
        low = "" if fact.min is None else f"{fact.min:g}"  # as a file writes it
        high = "" if fact.max is None else f"{fact.max:g}"
        bounds = f" {low}–{high}"
    unit = f" {label(fact.unit, lang)}" if fact.unit else ""
    kind = tr("whole number", lang) if fact.type is FactType.INTEGER else tr("number", lang)
    return f"{kind}{bounds}{unit}"


def choice_text(value: float, shown: str) -> str:
    """``4 Agree``; a label that already starts with its value is shown alone."""
    number_text = f"{value:g}"
    return shown if shown.startswith(number_text) else f"{number_text} {shown}"


# --------------------------------------------------------------------------- plans


def closed_text(result: AssessmentResult, lang: str) -> str | None:
    """ "3 of 4 due actions closed (75%); not counted: 1 dropped, 1 not reported", or None
    when nothing of the previous plan was due. Results saved before the follow-up recorded
    which actions were due give the share alone."""
    plan = result.plan
    if plan.closed_ratio is None:
        return None
    share = percent(plan.closed_ratio, lang)
    if any(item.due is None for item in plan.followup):
        return f"{tr('Share of actions closed', lang)}{colon(lang)}{share}"
    due = [item for item in plan.followup if item.due]
    done = sum(1 for item in due if item.status == "done")
    shown = ntr(
        "{done} of {count} due action closed ({share})",
        "{done} of {count} due actions closed ({share})",
        len(due),
        lang,
        done=done,
        share=share,
    )
    left_out = [item for item in plan.followup if not item.due]
    dropped = sum(1 for item in left_out if item.status == "dropped")
    later = sum(1 for item in left_out if item.status == "in_progress")
    unreported = sum(1 for item in left_out if item.status == "unreported")
    items = [
        *([ntr("{count} dropped", "{count} dropped", dropped, lang)] if dropped else []),
        *(
            [
                ntr(
                    "{count} in progress on a longer horizon",
                    "{count} in progress on a longer horizon",
                    later,
                    lang,
                )
            ]
            if later
            else []
        ),
        *([ntr("{count} not reported", "{count} not reported", unreported, lang)] if unreported else []),
    ]
    if items:
        shown = tr("{closed}; not counted: {items}", lang, closed=shown, items=tr(", ", lang).join(items))
    return shown


def questionnaire_name(result: AssessmentResult, questionnaire: Questionnaire | None, lang: str) -> str:
    """The questionnaire a result was assessed with: its title and version (its id when it is not at hand)."""
    if questionnaire is not None and questionnaire.id == result.questionnaire:
        return f"{label(questionnaire.title, lang)} {result.questionnaire_version}"
    return f"{result.questionnaire} {result.questionnaire_version}"


def priority_note(lang: str) -> str:
    """What the priorities of a plan mean."""
    return tr(
        "Priority: 1 = do first (answers a high or critical finding); 2 = answers another finding, or "
        "a dimension half a point or more below the weak threshold; 3 = other weak dimensions and the "
        "move towards the target phase. Within each horizon, actions are listed by priority, then owner.",
        lang,
    )


def followup_hint(lang: str) -> tuple[str, str]:
    """How to report the follow-up of the plan: the words before and after the example."""
    before, _, after = tr(
        "To follow the plan up, the next response file gives each action's id and status: {example} "
        "(statuses: done, in_progress, not_started, dropped).",
        lang,
        example="\0",
    ).partition("\0")
    return before, after


def followup_example(result: AssessmentResult) -> str:
    """How the next response file reports an action of this plan (its first one)."""
    action = result.plan.actions[0].id if result.plan.actions else "<action id>"
    return f'followup = [{{ action = "{action}", status = "done" }}]'


def raised_text(finding: Finding, plain: Plain, lang: str) -> str | None:
    """Why a finding's severity was raised above its pattern's own, or None when it was not."""
    if not finding.raised_because:
        return None
    # of an "or", the comparisons that held are the reason
    held = [item for item in finding.raised_because if item.holds] or finding.raised_because
    reasons = plain.sentence([plain.observation(item) for item in held])
    return tr(
        "Severity raised to {severity} because: {reasons}",
        lang,
        severity=name("severity", finding.severity, lang).lower(),
        reasons=reasons,
    )


# --------------------------------------------------------------------------- data used


@attrs.frozen
class CoverageRow:
    """A dimension's answered share and respondents, per side."""

    dimension: str
    client: str  # "100% · 4"
    supplier: str
    short: bool  # a side has no score for lack of answers


@attrs.frozen
class DataView:
    """What the verdict rests on and what is missing, in words, for every report.

    Each part is a list or a text a renderer shows under its own heading, so a new kind
    of information (where a fact comes from, a finding left to confirm) is one more part.
    """

    headline: str | None  # "Too little data for a verdict: …", None when the data suffices
    respondents: str  # "4 client-side, 3 supplier-side"
    coverage: list[CoverageRow]
    coverage_note: str
    facts_given: list[str] | None  # the facts' labels; None: not recorded in this result
    facts_missing: list[str] | None
    not_evaluated: list[tuple[str, str]]  # ("Phase rule: <its reason>", "<what was missing>")
    notices: list[str]
    confidence: str | None  # the confidence as the product of its three factors
    confidence_note: str


def data_view(result: AssessmentResult, questionnaire: Questionnaire | None, lang: str) -> DataView:
    """The "Data used and data missing" section of a report."""
    plain = Plain(result, questionnaire, lang)
    data = result.data
    facts = {fact.id: label(fact.label, lang) for fact in questionnaire.facts} if questionnaire else {}
    min_coverage = questionnaire.scoring.min_coverage if questionnaire else None
    return DataView(
        headline=insufficient_text(result, questionnaire, lang, headline=False),
        respondents=tr(
            "{client} client-side, {supplier} supplier-side",
            lang,
            client=result.respondents.get("client", 0),
            supplier=result.respondents.get("supplier", 0),
        ),
        coverage=[
            CoverageRow(
                label(d.label, lang),
                _coverage_cell(d.client, lang),
                _coverage_cell(d.supplier, lang),
                d.client.mean is None or d.supplier.mean is None,
            )
            for d in result.dimensions
        ],
        coverage_note=tr(
            "Share of what each side was asked that was answered, and how many people answered.", lang
        )
        if min_coverage is None
        else tr(
            "Share of what each side was asked that was answered, and how many "
            "people answered; below {share}, a dimension gets no score.",
            lang,
            share=percent(min_coverage, lang),
        ),
        facts_given=None if data is None else [facts.get(f, f) for f in data.facts_given],
        facts_missing=None if data is None else [facts.get(f, f) for f in data.facts_missing],
        not_evaluated=[
            (
                _rule_title(item.kind, item.id, questionnaire, lang),
                ", ".join(map(plain.missing, item.missing)),
            )
            for item in result.not_evaluable
        ],
        notices=[_notice(notice.kind, notice.path, notice.message, lang) for notice in result.notices],
        confidence=None
        if data is None
        else tr(
            "Confidence {confidence} = probability of the placed phase ({phase}) "
            "{probability} × share of the phase rules' weight that could be "
            "evaluated {rules} × share of a full assessment's data present {data}.",
            lang,
            confidence=percent(result.confidence, lang),
            phase=name("phase", result.phase, lang),
            probability=percent(result.phase_scores.get(result.phase), lang),
            rules=percent(data.rule_share, lang),
            data=percent(data.data_share, lang),
        ),
        confidence_note=tr(
            "A full assessment: every dimension answered on both sides, by two people or more on each side.",
            lang,
        ),
    )


def insufficient_text(
    result: AssessmentResult, questionnaire: Questionnaire | None, lang: str, *, headline: bool = True
) -> str | None:
    """Why there is too little data for a verdict, or None; as a *headline* (above the
    phase) it also says how to read the phase."""
    data = result.data
    if data is None or data.sufficient:
        return None
    reason = "no_answers" if "no_answers" in data.reasons else "low_share"
    if reason == "no_answers":
        shown = tr("Too little data for a verdict: no question was answered.", lang)
    else:
        needed = (
            ""
            if questionnaire is None
            else tr(
                " (at least {share} is needed)",
                lang,
                share=percent(questionnaire.scoring.min_data_share, lang),
            )
        )
        shown = tr(
            "Too little data for a verdict: the answers cover {share} of a full assessment's data{needed}.",
            lang,
            share=percent(data.data_share, lang),
            needed=needed,
        )
    if not headline:
        return shown
    below = (
        tr("The phase below is not a finding.", lang)
        if reason == "no_answers"
        else tr("Read the phase below with caution.", lang)
    )
    return f"{shown} {below}"


def _coverage_cell(side: SideScore, lang: str) -> str:
    shown = f"{percent(side.coverage, lang)} · {side.respondents}"
    if side.mean is None:
        shown += f" – {name('score_status', side.status, lang)}"
    return shown


def _rule_title(kind: str, rule_id: str, questionnaire: Questionnaire | None, lang: str) -> str:
    """ "Phase rule: The relationship is less than six months old." or "Pattern: Watermelon effect"."""
    title = rule_id
    if questionnaire is not None:
        rules = questionnaire.phase_rules if kind == "phase_rule" else questionnaire.patterns
        for rule in rules:
            if rule.id == rule_id:
                title = label(rule.because if kind == "phase_rule" else rule.title, lang)  # type: ignore[union-attr]
    if kind == "phase_rule":
        return tr("Phase rule: {title}", lang, title=title)
    return tr("Pattern: {title}", lang, title=title)


_RESPONDENT = re.compile(r"respondents\[id=(?P<id>[^\]]+)\]")


def _notice(kind: str, path: str, message: str, lang: str) -> str:
    """A notice in the report's language where its kind is known, else as the engine wrote it."""
    found = _RESPONDENT.search(path)
    if kind == "no_answers" and found:
        return tr("Respondent “{id}” answered no question and is not counted.", lang, id=found["id"])
    return f"{path}{colon(lang)}{message}"
