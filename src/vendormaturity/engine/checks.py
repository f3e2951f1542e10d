"""Whether a response set fits its questionnaire: respondents, answers, facts, follow-up.

Every problem is a data path and a message; the loaders locate them in the file, and
``assess`` refuses a response set that has any.
"""

from __future__ import annotations

import datetime
import re
import sys
import weakref
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from vendormaturity.engine.compiled import CompiledQuestion, CompiledQuestionnaire
from vendormaturity.engine.scoring import AnswersDoNotFit, Scores, not_asked, score_responses
from vendormaturity.errors import Loc, did_you_mean, spelled
from vendormaturity.i18n import Message, msg
from vendormaturity.model.questionnaire import FactType, Side
from vendormaturity.model.responses import Respondent, ResponseSet

__all__ = ["check_responses", "fitted", "keep_fit", "response_notices"]

# The scores each live response set was last checked with, by its identity: kept beside the
# model (not in it), so that copies, pickles and dumps never carry them; an entry goes with
# its response set.
_FITTED: dict[int, tuple[weakref.ref[ResponseSet], CompiledQuestionnaire, Scores]] = {}


def fitted(
    compiled: CompiledQuestionnaire, rs: ResponseSet
) -> tuple[Scores | None, list[tuple[Loc, Message]]]:
    """The scores of *rs*, or every problem that keeps it from fitting *compiled*.

    The one check loaders and ``assess`` share: a response set loaded and checked keeps its
    scores, so assessing it right after does not check and score it again (a copy made with
    ``model_copy`` is a new response set, checked afresh). Scoring itself checks every answer in bulk; the
    answer-by-answer check runs only when something does not fit, for located messages.
    """
    kept = _FITTED.get(id(rs))
    if kept is not None and kept[0]() is rs and kept[1] is compiled:
        return kept[2], []
    problems = check_responses(compiled, rs, answers=False)
    if not problems:
        try:
            scores = score_responses(compiled, rs)
        except AnswersDoNotFit:
            pass
        else:
            _FITTED[id(rs)] = (weakref.ref(rs, _forget(id(rs))), compiled, scores)
            return scores, []
    return None, check_responses(compiled, rs)


def keep_fit(compiled: CompiledQuestionnaire, source: ResponseSet, copy: ResponseSet) -> None:
    """*copy* of *source*, which only adds facts that are valid by construction (carried from a
    checked round, or derived within the fact's range), keeps the scores *source* was checked
    with: scores never read facts (a relevance condition that needs one counts the question
    as asked), so they need not be computed again."""
    kept = _FITTED.get(id(source))
    if kept is not None and kept[0]() is source and kept[1] is compiled:
        _FITTED[id(copy)] = (weakref.ref(copy, _forget(id(copy))), compiled, kept[2])


def _forget(key: int) -> Callable[[object], None]:
    def forget(_: object) -> None:
        _FITTED.pop(key, None)

    return forget


def check_responses(
    compiled: CompiledQuestionnaire, rs: ResponseSet, *, answers: bool = True
) -> list[tuple[Loc, Message]]:
    """Everything a response set must satisfy to be assessed with *compiled*, as located messages.

    With ``answers=False`` the per-answer checks are left out (the scoring loop makes them).
    """
    problems = _check_questionnaire(compiled, rs)
    seen: set[str] = set()
    for index, respondent in enumerate(rs.respondents):
        if respondent.id in seen:
            problems.append(
                (
                    ("respondents", index, "id"),
                    msg("duplicate respondent '{respondent}': each must be unique", respondent=respondent.id),
                )
            )
        seen.add(respondent.id)
        if answers:
            problems.extend(_check_answers(compiled, respondent, ("respondents", index)))
    problems.extend(_check_facts(compiled, rs))
    problems.extend(_check_provenance(compiled, rs))
    problems.extend(_check_followup(compiled, rs))
    return problems


def _check_questionnaire(compiled: CompiledQuestionnaire, rs: ResponseSet) -> list[tuple[Loc, Message]]:
    """The response set answers this questionnaire, in a version that asks the same questions."""
    q = compiled.questionnaire
    problems: list[tuple[Loc, Message]] = []
    if rs.questionnaire != q.id and Path(rs.questionnaire).stem != q.id:
        problems.append(
            (
                ("questionnaire",),
                msg(
                    "answers questionnaire '{given}', not '{expected}'", given=rs.questionnaire, expected=q.id
                ),
            )
        )
    if rs.questionnaire_version.split(".")[0] != q.version.split(".")[0]:
        problems.append(
            (
                ("questionnaire_version",),
                msg(
                    "answers version {given} but the questionnaire is {version}; a different major version"
                    " asks different questions: re-collect or convert the answers",
                    given=rs.questionnaire_version,
                    version=q.version,
                ),
            )
        )
    return problems


def _check_followup(compiled: CompiledQuestionnaire, rs: ResponseSet) -> list[tuple[Loc, Message]]:
    """Each followed-up action is one of the questionnaire's, listed once."""
    problems: list[tuple[Loc, Message]] = []
    actions = compiled.actions
    followed: Counter[str] = Counter()
    for index, item in enumerate(rs.followup):
        followed[item.action] += 1
        if item.action not in actions:
            problems.append(
                (
                    ("followup", index, "action"),
                    msg(
                        "unknown action '{name}'{hint}",
                        name=item.action,
                        hint=did_you_mean(item.action, actions),
                    ),
                )
            )
        elif followed[item.action] == 2:
            problems.append(
                (("followup", index, "action"), msg("action '{action}' is listed twice", action=item.action))
            )
    return problems


def response_notices(compiled: CompiledQuestionnaire, rs: ResponseSet) -> list[tuple[str, Loc, Message]]:
    """What a response set holds that is kept but not used, as (kind, data path, message).

    These are not errors: the response set is valid and assessed; a reader should know.
    Kinds: ``no_answers`` (a respondent who answered nothing, not counted) and
    ``irrelevant_answer`` (an answer to a question whose relevance condition is false for
    that respondent, kept as given and ignored in scoring). Ordered by respondent id, then
    question id, so that the order of the file does not change the result.
    """
    found: list[tuple[tuple[str, str], tuple[str, Loc, Message]]] = []
    for index, respondent in enumerate(rs.respondents):
        answers = respondent.answers
        if not answers:
            message = msg(
                "respondent '{respondent}' answered no question, so does not count;"
                " remove them or collect their answers",
                respondent=respondent.id,
            )
            found.append(((respondent.id, ""), ("no_answers", ("respondents", index), message)))
            continue
        if answers.keys().isdisjoint(compiled.conditional_ids):
            continue  # no conditional question answered: nothing to ignore
        if not answers.keys() <= compiled.sides[respondent.side].known:
            continue  # (an answer that does not fit is an error, reported by check_responses)
        for question in not_asked(compiled, answers, respondent.side):
            if question.id in answers and question.relevant is not None:
                message = msg(
                    "question '{question}' was answered although it is not relevant here"
                    " (`{condition}` is false): the answer is kept but not scored;"
                    " remove it, or correct the answer the condition reads",
                    question=question.id,
                    condition=question.relevant.source,
                )
                loc: Loc = ("respondents", index, "answers", question.id)
                found.append(((respondent.id, question.id), ("irrelevant_answer", loc, message)))
    found.sort(key=lambda item: item[0])
    return [notice for _, notice in found]


def _check_answers(
    compiled: CompiledQuestionnaire, respondent: Respondent, loc: Loc
) -> Iterator[tuple[Loc, Message]]:
    questions = compiled.questions
    index_of = compiled.question_index
    for question_id, answer in respondent.answers.items():
        index = index_of.get(question_id)
        if index is None:
            where: Loc = (*loc, "answers", question_id)
            yield (
                where,
                msg(
                    "unknown question '{question}'{hint}",
                    question=question_id,
                    hint=did_you_mean(question_id, index_of),
                ),
            )
            continue
        problem = _answer_problem(questions[index], answer, respondent)
        if problem is not None:
            yield (*loc, "answers", question_id), problem
    for question_id in respondent.comments:
        if question_id not in index_of:
            yield (
                (*loc, "comments", question_id),
                msg(
                    "comment on unknown question '{question}'{hint}",
                    question=question_id,
                    hint=did_you_mean(question_id, index_of),
                ),
            )


def _answer_problem(question: CompiledQuestion, answer: object, respondent: Respondent) -> Message | None:
    """Why *answer* does not fit *question* for *respondent*, if it does not."""
    side = respondent.side.value
    if question.side is not Side.BOTH and question.side.value != side:
        return msg(
            "question '{question}' is for the {question_side} side; respondent '{respondent}' is {side}",
            question=question.id,
            question_side=question.side.value,
            respondent=respondent.id,
            side=side,
        )
    if answer.__class__ is str:
        if answer in question.missing_codes:
            return None
        return msg(
            "'{answer}' is not an answer code of this question's scale (codes: {codes}; or a number)",
            answer=answer,
            codes=", ".join(sorted(question.missing_codes)) or msg("none"),
        )
    if answer in question.choices:
        return None
    return msg(
        "{answer} is not on the scale (allowed: {allowed}, or a don't-know code)",
        answer=spelled(answer),
        allowed=", ".join(f"{value:g}" for value in sorted(question.choices)),
    )


_LARGEST = sys.float_info.max


_BOOLEAN, _CHOICE, _INTEGER, _DATE = FactType.BOOLEAN, FactType.CHOICE, FactType.INTEGER, FactType.DATE
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _check_facts(compiled: CompiledQuestionnaire, rs: ResponseSet) -> Iterator[tuple[Loc, Message]]:
    facts = compiled.facts
    for name, value in rs.facts.items():
        where: Loc = ("facts", name)
        fact = facts.get(name)
        if fact is None:
            yield where, msg("unknown fact '{name}'{hint}", name=name, hint=did_you_mean(name, facts))
            continue
        kind = fact.type
        if kind is _BOOLEAN:
            if value.__class__ is not bool:
                yield where, msg("must be true or false, got {value}", value=spelled(value))
            continue
        if kind is _DATE:
            if not _is_day(value):
                yield where, msg("must be a date written YYYY-MM-DD, got {value}", value=spelled(value))
            continue
        if kind is _CHOICE:
            if value not in fact.options:
                options = fact.options
                hint = did_you_mean(str(value), options)
                yield (
                    where,
                    msg(
                        "{value} is not one of: {options}{hint}",
                        value=spelled(value),
                        options=", ".join(options),
                        hint=hint,
                    ),
                )
            continue
        if value.__class__ is not float and (value.__class__ is bool or not isinstance(value, int | float)):
            yield where, msg("must be a number, got {value}", value=spelled(value))
            continue
        if not -_LARGEST <= value <= _LARGEST:  # NaN, infinity, or an integer no float can hold
            yield where, msg("must be a finite number, got {value}", value=spelled(value))
            continue
        if kind is _INTEGER and not float(value).is_integer():
            yield where, msg("must be a whole number, got {value}", value=spelled(value))
            continue
        if fact.min is not None and value < fact.min:
            yield where, msg("must be at least {low:g}, got {value}", low=fact.min, value=spelled(value))
        elif fact.max is not None and value > fact.max:
            yield where, msg("must be at most {high:g}, got {value}", high=fact.max, value=spelled(value))


def _is_day(value: object) -> bool:
    if value.__class__ is not str or not _DAY.fullmatch(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _check_provenance(compiled: CompiledQuestionnaire, rs: ResponseSet) -> Iterator[tuple[Loc, Message]]:
    """Each provenance record names a declared fact and still describes the fact's value."""
    facts = compiled.facts
    for name, record in rs.provenance.items():
        where: Loc = ("provenance", name)
        if name not in facts:
            yield (
                where,
                msg("provenance of unknown fact '{fact}'{hint}", fact=name, hint=did_you_mean(name, facts)),
            )
            continue
        given = rs.facts.get(name)
        if record.value is None:
            if given is not None:
                yield (
                    where,
                    msg(
                        "says the fact could not be computed, but facts.{fact} is {value};"
                        " remove this record if the value was given by hand",
                        fact=name,
                        value=spelled(given),
                    ),
                )
        elif given is None:
            yield (
                where,
                msg(
                    "records the value {value} but facts.{fact} is not given",
                    value=spelled(record.value),
                    fact=name,
                ),
            )
        elif given != record.value or given.__class__ is not record.value.__class__:
            yield (
                where,
                msg(
                    "records the value {value} but facts.{fact} is {given}; compute the facts again,"
                    " or remove this record if the value was changed by hand",
                    value=spelled(record.value),
                    fact=name,
                    given=spelled(given),
                ),
            )
