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
from vendormaturity.model.questionnaire import Fact, FactType

if TYPE_CHECKING:
    from rich.console import Console

    from vendormaturity.engine.compiled import CompiledQuestion

__all__ = ["FactsSession", "FillSession", "respondent_id"]


_ANSWER_HELP = "value or code, Enter = keep, b = back, s = skip, q = quit"
Move = Literal["next", "back", "skip", "quit"]
_MOVES: dict[str, Move] = {
    "b": "back",
    "back": "back",
    "s": "skip",
    "skip": "skip",
    "q": "quit",
    "quit": "quit",
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
        write(self.out, vm.dump_responses(self.responses))

    # asking --------------------------------------------------------------------------

    def run(self) -> bool:
        """Ask until every question is answered or skipped (True), or the respondent quits."""
        position = self._next(-1)
        if position is None:
            self.console.print(
                f"Nothing left to answer for {self.respondent.id} in {self.out}.", soft_wrap=True
            )
            return True
        while position is not None:
            move = self._ask(position)
            if move == "quit":
                return False
            if move == "back":
                previous = self._previous(position)
                if previous is None:
                    self.console.print("(this is the first question)", style="yellow")
                position = position if previous is None else previous
                continue
            if move == "skip":
                self.skipped.add(self.order[position].id)
            position = self._next(position)
        answered = sum(1 for question in self.order if question.id in self.answers)
        skipped = f" ({len(self.skipped)} skipped)" if self.skipped else ""
        self.console.print(f"Done: {answered} answers saved in {self.out}{skipped}.", soft_wrap=True)
        return True

    def _ask(self, position: int) -> Move:
        from rich.text import Text

        from vendormaturity.render._view import choice_text
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
        options = [choice_text(choice.value, label(choice.label, self.lang)) for choice in scale.choices]
        options += [f"{code.code} {label(code.label, self.lang)}" for code in scale.missing]
        self.console.print(Text("  " + " · ".join(options), style="bright_black"))
        current = self.answers.get(question.id)
        while True:
            hint = f" [{current}]" if current is not None else ""
            self.console.print(Text(f"({_ANSWER_HELP}){hint} > "), end="")
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
            self.console.print(f"'{raw}' is not an answer here: {_ANSWER_HELP}", style="yellow")


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


def respondent_id(value: str) -> str:
    """The id of a respondent named *value* (see :func:`vendormaturity.model.responses.respondent_id`)."""
    from vendormaturity.model.responses import respondent_id as make_id

    slug = make_id(value)
    if not slug:
        raise typer.BadParameter(
            f"'{value}' gives no usable id (letters, digits, . _ @ -)", param_hint="--respondent"
        )
    return slug


_FACT_HELP = "value, Enter = keep, - = clear, b = back, s = skip, q = quit"


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
        write(self.out, vm.dump_responses(self.responses))

    def run(self) -> bool:
        """Ask every fact in turn (True at the end), or until the person quits (False)."""
        from rich.text import Text

        from vendormaturity.render.texts import label

        self.console.print()
        self.console.print(
            Text(
                _FACTS_HEADING[self.lang] if self.lang in _FACTS_HEADING else _FACTS_HEADING["en"],
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
                    self.console.print("(this is the first fact)", style="yellow")
                position = max(position - 1, 0)
                continue
            position += 1
        given = sum(1 for fact in self.q.facts if fact.id in self.facts)
        self.console.print(f"Done: {given} of {len(self.q.facts)} facts saved in {self.out}.", soft_wrap=True)
        return True

    def _ask(self, fact: Fact) -> Move:
        from rich.text import Text

        from vendormaturity.sources.cells import Refused, read_fact

        while True:
            current = self.facts.get(fact.id)
            hint = f" [{_shown(current)}]" if current is not None else ""
            self.console.print(Text(f"({_FACT_HELP}){hint} > "), end="")
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
            self.console.print(f"{raw!r} is not a value here: {problem}", style="yellow")

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


_FACTS_HEADING = {
    "en": "Facts about the relationship (for whoever owns the operational figures; s skips an unknown one)",
    "fr": "Faits sur la relation (pour qui détient les chiffres opérationnels ; s passe un fait inconnu)",
}


def _shown(value: bool | int | float | str) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return f"{value:g}" if isinstance(value, float) else str(value)


def _fact_hint(q: vm.Questionnaire, fact: Fact, lang: str) -> str:
    """What a fact accepts, as the person types it."""
    from vendormaturity.render.texts import label

    if fact.type is FactType.BOOLEAN:
        return "yes / no"
    if fact.type is FactType.CHOICE:
        return " · ".join(
            f"{number} {label(choice.label, lang)}"
            for number, choice in enumerate(fact.choices or (), start=1)
        )
    kind = "whole number" if fact.type is FactType.INTEGER else "number"
    low = "" if fact.min is None else f" from {fact.min:g}"
    high = "" if fact.max is None else f" to {fact.max:g}"
    unit = f" ({fact.unit})" if fact.unit else ""
    return f"{kind}{low}{high}{unit}"


def _choice_by_number(fact: Fact, raw: str) -> str:
    """A choice fact's option typed by its number in the list."""
    choices = fact.choices or ()
    if fact.type is FactType.CHOICE and raw.isdigit() and 1 <= int(raw) <= len(choices):
        return choices[int(raw) - 1].value
    return raw
