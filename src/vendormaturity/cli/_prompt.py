"""``fill``'s conversations: one respondent answering their side's questions, and the facts.

Both save the file after every answer.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import typer

import vendormaturity as vm
from vendormaturity.cli._app import write
from vendormaturity.i18n import ntr, tr
from vendormaturity.model.questionnaire import Fact, FactType

if TYPE_CHECKING:
    from rich.console import Console

    from vendormaturity.engine.compiled import CompiledQuestion

__all__ = ["FactsSession", "FillSession", "respondent_id"]


Move = Literal["next", "back", "skip", "quit"]
# The same keys in both languages, as the documentation gives them; the words too.
_MOVES: dict[str, Move] = {
    "b": "back",
    "back": "back",
    "retour": "back",
    "s": "skip",
    "skip": "skip",
    "passer": "skip",
    "q": "quit",
    "quit": "quit",
    "quitter": "quit",
}


class FillSession:
    """One respondent answering their side's questions, saved after every answer."""

    def __init__(
        self,
        q: vm.Questionnaire,
        *,
        responses: vm.ResponseSet,
        respondent: vm.Respondent,
        out: Path,
        lang: str,
        console: Console,
        read: Callable[[], str],
    ) -> None:
        self.q = q
        self.responses = responses
        self.respondent = respondent
        self.answers: dict[str, int | float | str] = dict(respondent.answers)
        self.out = out
        self.lang = lang
        self.console = console
        self.read = read
        compiled = {question.id: question for question in vm.compile_questionnaire(q).questions}
        sides = (vm.Side.BOTH, respondent.side)
        self.order = [compiled[question.id] for question in q.questions if question.side in sides]
        self.skipped: set[str] = set()

    # state ---------------------------------------------------------------------------

    def _relevant(self, question: CompiledQuestion) -> bool:
        """False only when the condition is known to be false; missing data means ask."""
        if question.relevant is None:
            return True
        env = {f"answers.{k}": float(v) for k, v in self.answers.items() if not isinstance(v, str)}
        return question.relevant(env) is not False

    def _next(self, position: int) -> int | None:
        for index in range(position + 1, len(self.order)):
            question = self.order[index]
            if question.id in self.answers or question.id in self.skipped:
                continue
            if self._relevant(question):
                return index
        return None

    def _previous(self, position: int) -> int | None:
        for index in range(position - 1, -1, -1):
            if self._relevant(self.order[index]):
                return index
        return None

    def save(self) -> None:
        # An answer that a changed earlier answer made irrelevant would not load: drop it.
        for question in self.order:
            if question.id in self.answers and not self._relevant(question):
                del self.answers[question.id]
        from vendormaturity.render.template import is_placeholder

        respondent = self.respondent.model_copy(update={"answers": dict(self.answers)})
        # the template's untouched placeholders (client-1, supplier-1) would count as people
        people = [p for p in self.responses.respondents if p.id == respondent.id or not is_placeholder(p)]
        ids = [person.id for person in people]
        if respondent.id in ids:
            people[ids.index(respondent.id)] = respondent
        else:
            people.append(respondent)
        self.responses = self.responses.model_copy(update={"respondents": people})
        write(self.out, vm.dump_responses(self.responses), lang=self.lang)

    # asking --------------------------------------------------------------------------

    def run(self) -> bool:
        """Ask until every question is answered or skipped (True), or the respondent quits."""
        position = self._next(-1)
        if position is None:
            self.console.print(
                tr(
                    "Nothing left to answer for {id} in {path}.",
                    self.lang,
                    id=self.respondent.id,
                    path=self.out,
                ),
                soft_wrap=True,
            )
            return True
        while position is not None:
            move = self._ask(position)
            if move == "quit":
                return False
            if move == "back":
                previous = self._previous(position)
                if previous is None:
                    self.console.print(tr("(this is the first question)", self.lang), style="yellow")
                position = position if previous is None else previous
                continue
            if move == "skip":
                self.skipped.add(self.order[position].id)
            position = self._next(position)
        answered = sum(1 for question in self.order if question.id in self.answers)
        skipped = (
            ntr(" ({count} skipped)", " ({count} skipped)", len(self.skipped), self.lang)
            if self.skipped
            else ""
        )
        done = ntr(
            "Done: {count} answer saved in {path}{skipped}.",
            "Done: {count} answers saved in {path}{skipped}.",
            answered,
            self.lang,
            path=self.out,
            skipped=skipped,
        )
        self.console.print(done, soft_wrap=True)
        return True

    def _ask(self, position: int) -> Move:
        from rich.text import Text

        from vendormaturity.render.texts import label

        compiled = self.order[position]
        question = self.q.questions[compiled.index]
        scale = next(scale for scale in self.q.scales if scale.id == question.scale)
        dimension = next(d for d in self.q.dimensions if d.id == question.dimension)
        asked = [item for item in self.order if self._relevant(item)]
        heading = f"[{asked.index(compiled) + 1}/{len(asked)}] "
        self.console.print()
        self.console.print(
            Text.assemble((heading, "bold"), (label(dimension.label, self.lang), "bright_black"))
        )
        self.console.print(Text.assemble((f"{question.id}  ", "bold cyan"), label(question.text, self.lang)))
        if question.help:
            self.console.print(Text(label(question.help, self.lang), style="italic"))
        options = [
            _choice(choice.value, label(choice.label, self.lang), self.lang) for choice in scale.choices
        ]
        options += [f"{code.code} {label(code.label, self.lang)}" for code in scale.missing]
        self.console.print(Text("  " + " · ".join(options), style="bright_black"))
        current = self.answers.get(question.id)
        keys = tr("value or code, Enter = keep, b = back, s = skip, q = quit", self.lang)
        while True:
            hint = f" [{_shown(current, self.lang)}]" if current is not None else ""
            self.console.print(Text(f"({keys}){hint} > "), end="")
            raw = self.read().strip().lower()
            move = _MOVES.get(raw)
            if move is not None:
                return move
            if raw == "" and current is not None:
                return "next"
            value = _parse_answer(raw, compiled)
            if value is not None:
                self.answers[question.id] = value
                self.save()
                return "next"
            refused = tr("'{answer}' is not an answer here: {help}", self.lang, answer=raw, help=keys)
            self.console.print(refused, style="yellow", markup=False, highlight=False, soft_wrap=True)


def _parse_answer(raw: str, question: CompiledQuestion) -> int | float | str | None:
    """A value on the question's scale, a don't-know code, or None."""
    if raw in question.missing_codes:
        return raw
    try:
        value = float(raw.replace(",", "."))
    except ValueError:
        return None
    if value not in question.choices:
        return None
    return int(value) if value.is_integer() else value


def respondent_id(value: str, lang: str) -> str:
    """The id of a respondent named *value* (see :func:`vendormaturity.model.responses.respondent_id`)."""
    from vendormaturity.model.responses import respondent_id as make_id

    slug = make_id(value)
    if not slug:
        raise typer.BadParameter(
            tr("'{value}' gives no usable id (letters, digits, . _ @ -)", lang, value=value),
            param_hint="--respondent",
        )
    return slug


class FactsSession:
    """The facts of a response set asked one by one: the terminal's facts sheet, saved after every value."""

    def __init__(
        self,
        q: vm.Questionnaire,
        *,
        responses: vm.ResponseSet,
        out: Path,
        lang: str,
        console: Console,
        read: Callable[[], str],
    ) -> None:
        self.q = q
        self.responses = responses
        self.facts: dict[str, bool | int | float | str] = dict(responses.facts)
        self.out = out
        self.lang = lang
        self.console = console
        self.read = read

    def save(self) -> None:
        self.responses = self.responses.model_copy(update={"facts": dict(self.facts)})
        write(self.out, vm.dump_responses(self.responses), lang=self.lang)

    def run(self) -> bool:
        """Ask every fact in turn (True at the end), or until the person quits (False)."""
        from rich.text import Text

        from vendormaturity.render.texts import label

        self.console.print()
        self.console.print(
            Text(
                tr(
                    "Facts about the relationship (for whoever owns the operational "
                    "figures; s skips an unknown one)",
                    self.lang,
                ),
                style="bold",
            )
        )
        position = 0
        while position < len(self.q.facts):
            fact = self.q.facts[position]
            self.console.print()
            self.console.print(
                Text.assemble(
                    (f"[{position + 1}/{len(self.q.facts)}] ", "bold"),
                    (f"{fact.id}  ", "bold cyan"),
                    label(fact.label, self.lang),
                )
            )
            self.console.print(Text("  " + _fact_hint(self.q, fact, self.lang), style="bright_black"))
            move = self._ask(fact)
            if move == "quit":
                return False
            if move == "back":
                if position == 0:
                    self.console.print(tr("(this is the first fact)", self.lang), style="yellow")
                position = max(position - 1, 0)
                continue
            position += 1
        given = sum(1 for fact in self.q.facts if fact.id in self.facts)
        done = ntr(
            "Done: {count} of {total} facts saved in {path}.",
            "Done: {count} of {total} facts saved in {path}.",
            given,
            self.lang,
            total=len(self.q.facts),
            path=self.out,
        )
        self.console.print(done, soft_wrap=True)
        return True

    def _ask(self, fact: Fact) -> Move:
        from rich.text import Text

        from vendormaturity.sources.cells import Refused, read_fact

        keys = tr("value, Enter = keep, - = clear, b = back, s = skip, q = quit", self.lang)
        while True:
            current = self.facts.get(fact.id)
            hint = f" [{_shown(current, self.lang)}]" if current is not None else ""
            self.console.print(Text(f"({keys}){hint} > "), end="")
            raw = self.read().strip()
            move = _MOVES.get(raw.lower())
            if move is not None:
                return move
            if raw == "":
                return "next"
            if raw == "-":
                self.facts.pop(fact.id, None)
                self.save()
                return "next"
            value = read_fact(fact, _choice_by_number(fact, raw))
            problem = value.message if isinstance(value, Refused) else self._problem(fact, value)
            if problem is None and value is not None and not isinstance(value, Refused):
                self.facts[fact.id] = value
                self.save()
                return "next"
            refused = tr(
                "{answer} is not a value here: {problem}",
                self.lang,
                answer=_quoted(raw, self.lang),
                problem=problem,
            )
            self.console.print(refused, style="yellow", markup=False, highlight=False, soft_wrap=True)

    def _problem(self, fact: Fact, value: bool | int | float | str | None) -> str | None:
        """What the response check says of *value*, with the same words as for a response file."""
        from vendormaturity.engine.checks import check_responses

        trial = self.responses.model_copy(update={"facts": {fact.id: value}})
        found = [
            message
            for loc, message in check_responses(vm.compile_questionnaire(self.q), trial, answers=False)
            if loc == ("facts", fact.id)
        ]
        return found[0] if found else None


def _shown(value: bool | int | float | str, lang: str) -> str:
    """A value as the person would type it: ``yes``, ``0.5`` (``oui``, ``0,5`` in French)."""
    if isinstance(value, bool):
        return tr("yes", lang) if value else tr("no", lang)
    if isinstance(value, float):
        return _number(value, lang)
    return str(value)


def _choice(value: float, shown: str, lang: str) -> str:
    """``4 Agree``, ``1,5 Plutôt bas``: a scale's choice as it is typed, then its label (alone when
    the label already starts with the value)."""
    typed = _number(value, lang)
    return shown if shown.startswith((f"{value:g}", typed)) else f"{typed} {shown}"


def _number(value: float, lang: str) -> str:
    """``0.5`` (``0,5`` in French), as typed: the prompt reads both."""
    from vendormaturity.render.texts import short

    return short(value, lang)


def _quoted(raw: str, lang: str) -> str:
    """What the person typed, quoted as each language quotes, control characters escaped."""
    from vendormaturity.errors import printable

    return tr("'{value}'", lang, value=printable(raw))


def _fact_hint(q: vm.Questionnaire, fact: Fact, lang: str) -> str:
    """What a fact accepts, as the person types it."""
    from vendormaturity.render.texts import label

    if fact.type is FactType.BOOLEAN:
        return tr("yes / no", lang)
    if fact.type is FactType.DATE:
        return tr("a date, YYYY-MM-DD", lang)
    if fact.type is FactType.CHOICE:
        return " · ".join(
            f"{number} {label(choice.label, lang)}"
            for number, choice in enumerate(fact.choices or (), start=1)
        )
    kind = tr("whole number", lang) if fact.type is FactType.INTEGER else tr("number", lang)
    if fact.min is not None and fact.max is not None:
        bounds = tr(" from {low} to {high}", lang, low=_number(fact.min, lang), high=_number(fact.max, lang))
    elif fact.min is not None:
        bounds = tr(" from {low}", lang, low=_number(fact.min, lang))
    elif fact.max is not None:
        bounds = tr(" to {high}", lang, high=_number(fact.max, lang))
    else:
        bounds = ""
    shown_unit = f" ({label(fact.unit, lang)})" if fact.unit else ""
    if fact.percent:
        from vendormaturity.render.texts import percent

        share = tr("a share: {half} = {percent}", lang, half=_number(0.5, lang), percent=percent(0.5, lang))
        parts = [share, label(fact.unit, lang)] if fact.unit else [share]
        shown_unit = f" ({tr(', ', lang).join(parts)})"
    return f"{kind}{bounds}{shown_unit}"


def _choice_by_number(fact: Fact, raw: str) -> str:
    """A choice fact's option typed by its number in the list."""
    choices = fact.choices or ()
    if fact.type is FactType.CHOICE and raw.isdigit() and 1 <= int(raw) <= len(choices):
        return choices[int(raw) - 1].value
    return raw
