"""What people type into a spreadsheet cell or a form, read as answers, facts and roles.

A workbook's drop-down offers ``4 – Agree``; people also type ``4``, ``4,0``, ``agree ``,
the label in the questionnaire's other language (``Plutôt d'accord``) or a don't-know
code (``dk``). Each of these is read exactly; anything else is refused with what the
scale accepts and a did-you-mean. Nothing is guessed: a text that could mean two values
(a label shared by two choices across languages) is refused too.
"""

from __future__ import annotations

import datetime
import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping

import attrs

from vendormaturity.errors import did_you_mean, spelled
from vendormaturity.i18n import N_, Message, languages, msg, pmsg
from vendormaturity.model.questionnaire import Fact, FactType, Questionnaire, Scale
from vendormaturity.model.responses import Role

__all__ = [
    "ROLE_LABELS",
    "SIDE_LABELS",
    "AnswerReader",
    "Refused",
    "cell_text",
    "choice_text",
    "every_language",
    "is_blank",
    "normalise",
    "read_fact",
    "read_role",
    "yes_no",
]

# The fixed words of a workbook and a form: offered in the respondent's language, read in any.
ROLE_LABELS: Mapping[Role, Message] = {
    Role.EXECUTIVE: pmsg("respondent role", "Executive"),
    Role.MANAGER: pmsg("respondent role", "Manager"),
    Role.OPERATIONAL: pmsg("respondent role", "Operational"),
    Role.OTHER: pmsg("respondent role", "Other"),
}
SIDE_LABELS: Mapping[str, Message] = {"client": pmsg("side", "Client"), "supplier": pmsg("side", "Supplier")}
_YES, _NO = pmsg("answer to a yes-or-no fact", "Yes"), pmsg("answer to a yes-or-no fact", "No")
# what a file writes, and what people type in a cell, for a yes or a no
_TRUE, _FALSE = pmsg("boolean value", "true"), pmsg("boolean value", "false")


def yes_no(lang: str) -> tuple[str, str]:
    """The two answers a yes-or-no fact offers, in *lang*."""
    return _YES.translated(lang), _NO.translated(lang)


def every_language(word: Message) -> set[str]:
    """*word* as people may type it: normalised, in each language there is a catalogue for."""
    return {normalise(word.translated(lang)) for lang in languages()}


@functools.cache
def _booleans(known: tuple[str, ...]) -> Mapping[str, bool]:
    return {
        **dict.fromkeys({text for word in (_YES, _TRUE) for text in every_language(word)}, True),
        **dict.fromkeys({text for word in (_NO, _FALSE) for text in every_language(word)}, False),
    }


_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_SPACES = re.compile(r"\s+")
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)$")
_LEADING_NUMBER = re.compile(r"^([+-]?\d+(?:[.,]\d+)?)\s*(?:[-:.)]\s*)?(.*)$")


@attrs.frozen
class Refused:
    """Why a cell's value was not read: the message a problem carries."""

    message: str  # a Message: English, and said in the language asked for


def normalise(text: str) -> str:
    """*text* as compared: Unicode-normalised, dashes unified, spaces collapsed, case folded."""
    text = unicodedata.normalize("NFKC", text)
    text = _DASHES.sub("-", text).replace("\u2019", "'")
    return _SPACES.sub(" ", text).strip().casefold()


def is_blank(value: object) -> bool:
    """An empty cell, or one holding only spaces."""
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: object) -> str:
    """A cell's value quoted in a message: ``"maybe"``, ``7``, ``true``, ``2026-09-15``."""
    if isinstance(value, float) and value.is_integer():
        return f"{value:g}"
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()  # a date typed in a cell: its time is no part of what was typed
    return spelled(value)


def choice_text(value: float, shown: str) -> str:
    """What a drop-down offers: ``4 – Agree``; a label that starts with its value is shown alone."""
    number = f"{value:g}"
    return shown if shown.startswith(number) else f"{number} – {shown}"


def _number(value: float) -> int | float:
    return int(value) if value.is_integer() else value


def _parse_number(text: str) -> float | None:
    compact = text.replace(" ", "").replace("\u202f", "")
    if not _NUMBER.match(compact):
        return None
    return float(compact.replace(",", "."))


class AnswerReader:
    """Reads answers to a questionnaire's questions from cell values, in any of its languages."""

    def __init__(self, questionnaire: Questionnaire) -> None:
        self.questionnaire = questionnaire
        self._scales = {scale.id: scale for scale in questionnaire.scales}
        self._lookups = {scale.id: self._lookup(scale) for scale in questionnaire.scales}

    def _lookup(self, scale: Scale) -> dict[str, set[int | float | str]]:
        found: dict[str, set[int | float | str]] = {}

        def add(text: str, value: int | float | str) -> None:
            found.setdefault(normalise(text), set()).add(value)

        for choice in scale.choices:
            value = _number(choice.value)
            add(f"{choice.value:g}", value)
            for text in choice.label.values():
                add(text, value)
                add(choice_text(choice.value, text), value)
        for missing in scale.missing:
            add(missing.code, missing.code)
            for text in missing.label.values():
                add(text, missing.code)
        return found

    def options(self, scale_id: str, lang: str) -> list[str]:
        """The drop-down of a scale in *lang*: every choice, then every don't-know code."""
        scale = self._scales[scale_id]
        shown = [choice_text(c.value, self.questionnaire.label(c.label, lang)) for c in scale.choices]
        return shown + [self.questionnaire.label(missing.label, lang) for missing in scale.missing]

    def read(
        self, scale_id: str, value: object, extra: Mapping[str, int | float | str] = {}
    ) -> int | float | str | Refused | None:
        """The answer in a cell: a value of the scale, a don't-know code, None when blank, or why not.

        *extra* maps further normalised texts to answers (a survey tool's own answer codes).
        """
        if is_blank(value):
            return None
        scale = self._scales[scale_id]
        if isinstance(value, bool):
            return Refused(
                msg(
                    "{value} is not an answer: {accepted}",
                    value=cell_text(value),
                    accepted=self._accepted(scale),
                )
            )
        if isinstance(value, datetime.date | datetime.time | datetime.timedelta):
            return Refused(
                msg(
                    "{value} is a date or a time, not an answer (the spreadsheet turned what"
                    " was typed into a date): {accepted}",
                    value=cell_text(value),
                    accepted=self._accepted(scale),
                )
            )
        if isinstance(value, int | float):
            return self._numeric(scale, float(value), cell_text(value))
        text = str(value)
        key = normalise(text)
        if key in extra:
            return extra[key]
        found = self._lookups[scale.id].get(key)
        if found is not None:
            if len(found) == 1:
                return next(iter(found))
            meanings = ", ".join(sorted(cell_text(item) for item in found))
            return Refused(
                msg(
                    "{value} could mean {meanings}: pick from the list",
                    value=cell_text(text.strip()),
                    meanings=meanings,
                )
            )
        number = _parse_number(key)
        if number is not None:
            return self._numeric(scale, number, cell_text(text.strip()))
        return self._value_and_label(scale, key, text)

    def _value_and_label(self, scale: Scale, key: str, text: str) -> int | float | str | Refused:
        """``4 - agree``, ``4 agree``: a value followed by its own label, in any language."""
        match = _LEADING_NUMBER.match(key)
        if match is not None:
            number = _parse_number(match.group(1))
            choice = next((c for c in scale.choices if c.value == number), None)
            rest = match.group(2)
            if choice is not None and rest in {normalise(label) for label in choice.label.values()}:
                return _number(choice.value)
            if choice is not None:
                meant = self._lookups[scale.id].get(rest)
                if meant is not None:
                    others = ", ".join(sorted(cell_text(item) for item in meant))
                    return Refused(
                        msg(
                            "{value} gives the value {number:g} with the label of {others}: pick from the"
                            " list",
                            value=cell_text(text.strip()),
                            number=choice.value,
                            others=others,
                        )
                    )
        hint = did_you_mean(text.strip(), self.options(scale.id, "en") + self.options(scale.id, "fr"))
        return Refused(
            msg(
                "{value} is not an answer on this scale{hint}: {accepted}",
                value=cell_text(text.strip()),
                hint=hint,
                accepted=self._accepted(scale),
            )
        )

    def _numeric(self, scale: Scale, number: float, shown: str) -> int | float | Refused:
        for choice in scale.choices:
            if choice.value == number:
                return _number(choice.value)
        return Refused(
            msg("{value} is not on the scale: {accepted}", value=shown, accepted=self._accepted(scale))
        )

    def _accepted(self, scale: Scale) -> Message:
        values = ", ".join(f"{choice.value:g}" for choice in scale.choices)
        codes = ", ".join(missing.code for missing in scale.missing)
        if codes:
            return msg(
                "pick from the list, or type a value ({values}), or a don't-know code ({codes})",
                values=values,
                codes=codes,
            )
        return msg("pick from the list, or type a value ({values})", values=values)


def read_fact(fact: Fact, value: object) -> bool | int | float | str | Refused | None:
    """A fact's value from a cell: typed by the fact, None when blank, or why not.

    Ranges are not checked here: the response check does it, with the same message as
    for a response file.
    """
    if is_blank(value):
        return None
    if fact.type is FactType.DATE:
        return _fact_day(fact, value)
    if isinstance(value, datetime.date | datetime.time | datetime.timedelta):
        return Refused(
            msg(
                "{value} is a date or a time; {expected}",
                value=cell_text(value),
                expected=_fact_expects(fact),
            )
        )
    if fact.type is FactType.BOOLEAN:
        if isinstance(value, bool):
            return value
        answer = _booleans(languages()).get(normalise(str(value)))
        if answer is None:
            return Refused(
                msg(
                    "{value} is not yes or no; {expected}",
                    value=cell_text(value),
                    expected=_fact_expects(fact),
                )
            )
        return answer
    if fact.type is FactType.CHOICE:
        key = normalise(str(value))
        for choice in fact.choices or ():
            if key == normalise(choice.value) or key in {normalise(text) for text in choice.label.values()}:
                return choice.value
        known = [choice.value for choice in fact.choices or ()]
        return Refused(
            msg(
                "{value} is not a choice{hint}; {expected}",
                value=cell_text(value),
                hint=did_you_mean(str(value), known),
                expected=_fact_expects(fact),
            )
        )
    number = _fact_number(value)
    if number is None:
        return Refused(
            msg("{value} is not a number; {expected}", value=cell_text(value), expected=_fact_expects(fact))
        )
    if fact.type is FactType.INTEGER and number.is_integer():
        return int(number)
    return number


def _fact_day(fact: Fact, value: object) -> str | Refused:
    """A date fact: a date cell (at midnight, as spreadsheets store days), or the text of an
    ISO date; held as its ISO text. A day-first or month-first date is ambiguous: refused."""
    if isinstance(value, datetime.datetime):
        if value.time() != datetime.time():
            return Refused(
                msg(
                    "{value} has a time of day; {expected}",
                    value=cell_text(value),
                    expected=_fact_expects(fact),
                )
            )
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value).strip()
    try:
        if len(text) == 10:
            return datetime.date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    return Refused(
        msg("{value} is not a date; {expected}", value=cell_text(value), expected=_fact_expects(fact))
    )


def _fact_number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    text = normalise(str(value))
    if text.endswith("%"):
        number = _parse_number(text.removesuffix("%").strip())
        return None if number is None else number / 100
    return _parse_number(text)


# What a number fact takes, by (whole number, has a minimum, has a maximum).
_EXPECTS_NUMBER = {
    (True, False, False): N_("give a whole number"),
    (True, True, False): N_("give a whole number from {low:g}"),
    (True, False, True): N_("give a whole number to {high:g}"),
    (True, True, True): N_("give a whole number from {low:g} to {high:g}"),
    (False, False, False): N_("give a number"),
    (False, True, False): N_("give a number from {low:g}"),
    (False, False, True): N_("give a number to {high:g}"),
    (False, True, True): N_("give a number from {low:g} to {high:g}"),
}


def _fact_expects(fact: Fact) -> Message:
    if fact.type is FactType.BOOLEAN:
        return msg("give yes or no")
    if fact.type is FactType.CHOICE:
        return msg("pick one of: {choices}", choices=", ".join(choice.value for choice in fact.choices or ()))
    if fact.type is FactType.DATE:
        return msg("give a date written YYYY-MM-DD")
    shape = (fact.type is FactType.INTEGER, fact.min is not None, fact.max is not None)
    return msg(_EXPECTS_NUMBER[shape], low=fact.min, high=fact.max)


def read_role(value: object) -> Role | Refused | None:
    """A respondent's role from its label in any language, or its id; None when blank."""
    if is_blank(value):
        return None
    key = normalise(str(value))
    for role, word in ROLE_LABELS.items():
        if key == role.value or key in every_language(word):
            return role
    return Refused(
        msg("{value} is not a role: pick one of {roles}", value=cell_text(value), roles=_role_names())
    )


def _role_names() -> str:
    return ", ".join(map(str, ROLE_LABELS.values()))


def labels_of(texts: Iterable[Mapping[str, str]]) -> set[str]:
    """Every normalised text of several labels."""
    return {normalise(text) for label in texts for text in label.values()}
