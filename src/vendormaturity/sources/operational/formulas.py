"""The formulas a mapping may name, each a small function over a source's rows.

A formula returns the value with what it counted – rows, rows considered, the window –
so that the fact's provenance can say it in plain words; or why it cannot give a value.
Which rows count and what cell values mean come from the mapping, never from here.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence

import attrs

from vendormaturity.i18n import Message, decimal, languages, msg, ntr, plural_form, tr
from vendormaturity.sources.operational.mapping import FactRule
from vendormaturity.sources.operational.period import EARLIEST, Period
from vendormaturity.sources.operational.rows import SourceRows
from vendormaturity.sources.operational.values import cell_text

__all__ = ["FORMULA_FUNCTIONS", "Counted", "Missing", "window_of"]


@attrs.frozen
class Counted:
    """A formula's value and what it counted."""

    value: float | int
    window: Period
    rows: int  # rows (or keys, or people) that counted
    of: int | None  # rows considered
    words: dict[str, str]  # in plain words, by language
    filter: str | None


@attrs.frozen
class Missing:
    """Why a formula gives no value.

    *problem*: the reason is itself a problem of the input to report (no row in the period);
    otherwise the data simply holds no value, or the rows' own problems were logged already.
    """

    reason: Message
    window: Period
    problem: bool = False


Result = Counted | Missing
Labels = Mapping[str, Mapping[str, str | Sequence[str]]]  # "counted", "of", "against" → noun by language


def window_of(rule: FactRule, period: Period) -> Period:
    """The days a fact's rows are counted over: the period, its last N months, or up to its end."""
    if rule.window == "period":
        return period
    if rule.window == "to_date":
        return Period(EARLIEST, period.end)
    return period.back(rule.window)


def _say(labels: Mapping[str, str | Sequence[str]], lang: str, count: int | None = None) -> str:
    """What rows are, as the mapping says it in *lang* (else English): the form that follows
    *count* when it gives one and many ("1 escalated incident", "2 escalated incidents")."""
    said = next((labels[choice] for choice in (lang, "en", "fr") if labels.get(choice)), None)
    if said is None:
        said = next(iter(labels.values()), "")
    if isinstance(said, str):
        return said
    if count is None:
        return said[-1]
    return said[min(plural_form(count, lang if lang in labels else "en"), len(said) - 1)]


def _num(value: float, lang: str) -> str:
    return decimal(f"{round(value, 2):g}", lang)


def _months_count(months: float) -> int:
    """The count that chooses the plural of "months" for *months* (1.5 months is plural)."""
    return int(months) if months.is_integer() else 2


def _filter_text(rows: SourceRows, *conditions: str | None) -> str | None:
    parts = [f"{name}: {rows.spec.conditions[name].describe()}" for name in conditions if name is not None]
    if rows.spec.exclude is not None:
        exclude = rows.spec.exclude
        parts.append(f"excluding {exclude}: {rows.spec.conditions[exclude].describe()}")
    return "; ".join(parts) or None


def _dated_rows(rows: SourceRows, window: Period) -> list[int] | Missing:
    """The rows of *window* (less excluded ones), or why there are none to count."""
    date = rows.spec.date or ""
    if rows.date_failed(date):
        return Missing(_dates_unread(rows), window)
    rows.note_undated()
    found = rows.in_window(window)
    if not found:
        span = rows.date_range()
        reason = (
            msg(
                "no row of source '{source}' is dated in {window} (its rows are dated {first}..{last})",
                source=rows.name,
                window=_shown_window(window),
                first=span[0].isoformat(),
                last=span[1].isoformat(),
            )
            if span
            else msg(
                "no row of source '{source}' is dated in {window} (no row is dated)",
                source=rows.name,
                window=_shown_window(window),
            )
        )
        return Missing(reason, window, problem=True)
    kept = rows.kept(found)
    if kept is None:
        return Missing(_exclusion_failed(rows), window)
    return kept


def _dates_unread(rows: SourceRows) -> Message:
    return msg("some dates of source '{source}' could not be read", source=rows.name)


def _exclusion_failed(rows: SourceRows) -> Message:
    return msg("the exclusion of source '{source}' could not be evaluated", source=rows.name)


def _shown_window(window: Period) -> str:
    return f"..{window.end.isoformat()}" if window.start == EARLIEST else str(window)


def _matching(
    rows: SourceRows, condition: str | None, among: list[int], window: Period
) -> list[int] | Missing:
    if condition is None:
        return among
    holds = rows.holds(condition, among)
    if holds is None:
        return Missing(
            msg(
                "condition '{condition}' of source '{source}' could not be evaluated",
                condition=condition,
                source=rows.name,
            ),
            window,
        )
    return [row for row, held in zip(among, holds, strict=True) if held]


def _real_window(rule: FactRule, window: Period, rows: SourceRows, among: list[int]) -> Period:
    """The window as provenance shows it: up to the period's end starts with the first row counted."""
    if rule.window != "to_date" or not among:
        return window
    dates = rows.dates(rows.spec.date or "")
    return Period(min(dates[row] or window.end for row in among), window.end)


def _counted_words(labels: Labels, count: int, total: int) -> dict[str, str]:
    """``12 escalated incidents of 40 incidents``, in every language."""
    return {
        lang: tr(
            "{count} {counted} of {total} {of}",
            lang,
            count=count,
            counted=_say(labels["counted"], lang, count),
            total=total,
            of=_say(labels["of"], lang, total),
        )
        for lang in languages()
    }


def count(rule: FactRule, rows: SourceRows, period: Period, labels: Labels) -> Result:
    """Rows of the window where the condition holds (all rows without one)."""
    window = window_of(rule, period)
    among = _dated_rows(rows, window)
    if isinstance(among, Missing):
        return among
    hits = _matching(rows, rule.where, among, window)
    if isinstance(hits, Missing):
        return hits
    shown = _real_window(rule, window, rows, among)
    words = _counted_words(labels, len(hits), len(among))
    return Counted(len(hits), shown, len(hits), len(among), words, _filter_text(rows, rule.where))


def share(rule: FactRule, rows: SourceRows, period: Period, labels: Labels) -> Result:
    """Rows where the condition holds ÷ rows of the window (those where ``of`` holds)."""
    window = window_of(rule, period)
    among = _dated_rows(rows, window)
    if isinstance(among, Missing):
        return among
    base = _matching(rows, rule.of, among, window)
    if isinstance(base, Missing):
        return base
    shown = _real_window(rule, window, rows, among)
    if not base:
        # the mapping's label of the rows (its data, in English)
        noun = _say(labels["of"], "en")
        return Missing(
            msg("no {rows} in {window} to compute a share of", rows=noun, window=_shown_window(shown)), shown
        )
    hits = _matching(rows, rule.where, base, window)
    if isinstance(hits, Missing):
        return hits
    words = _counted_words(labels, len(hits), len(base))
    if rule.rest is not None:  # name the others too: "(75 overdue)"
        rest = rule.rest
        words = {
            lang: tr(
                "{words} ({count} {rest})",
                lang,
                words=text,
                count=len(base) - len(hits),
                rest=_say(rest, lang, len(base) - len(hits)),
            )
            for lang, text in words.items()
        }
    return Counted(
        round(len(hits) / len(base), 4),
        shown,
        len(hits),
        len(base),
        words,
        _filter_text(rows, rule.where, rule.of),
    )


def per_month(rule: FactRule, rows: SourceRows, period: Period, labels: Labels) -> Result:
    """Rows where the condition holds ÷ months of the window."""
    result = count(rule, rows, period, labels)
    if isinstance(result, Missing):
        return result
    months = result.window.months
    words = {
        lang: ntr(
            "{words} in {months} month",
            "{words} in {months} months",
            _months_count(months),
            lang,
            words=text,
            months=_num(months, lang),
        )
        for lang, text in result.words.items()
    }
    return attrs.evolve(result, value=round(result.rows / months, 4), words=words)


def streaks(rule: FactRule, rows: SourceRows, period: Period, labels: Labels) -> Result:
    """Key values present on at least ``min_run`` consecutive dates of the window."""
    window = window_of(rule, period)
    among = _dated_rows(rows, window)
    if isinstance(among, Missing):
        return among
    hits = _matching(rows, rule.where, among, window)
    if isinstance(hits, Missing):
        return hits
    dates = rows.dates(rows.spec.date or "")
    column = rows.columns[rule.key or ""]
    on: dict[str, set[datetime.date]] = {}
    for row in hits:
        key = " ".join(cell_text(column[row]).split()).casefold()
        day = dates[row]
        if key and day is not None:
            on.setdefault(key, set()).add(day)
    sequence = sorted({day for days in on.values() for day in days})
    position = {day: index for index, day in enumerate(sequence)}
    repeated = sum(
        1 for days in on.values() if _longest_run(sorted(position[day] for day in days)) >= rule.min_run
    )
    shown = _real_window(rule, window, rows, among)
    words = {
        lang: ntr(
            "{repeated} {counted} of {total} {of} over {count} date",
            "{repeated} {counted} of {total} {of} over {count} dates",
            len(sequence),
            lang,
            repeated=repeated,
            counted=_say(labels["counted"], lang, repeated),
            total=len(on),
            of=_say(labels["of"], lang, len(on)),
        )
        for lang in languages()
    }
    return Counted(repeated, shown, repeated, len(on), words, _filter_text(rows, rule.where))


def _longest_run(positions: list[int]) -> int:
    longest = current = 0
    previous = None
    for index in positions:
        current = current + 1 if previous is not None and index == previous + 1 else 1
        longest = max(longest, current)
        previous = index
    return longest


def _people(rows: SourceRows, rule: FactRule, window: Period) -> list[int] | Missing:
    kept = rows.kept(range(rows.count))
    if kept is None:
        return Missing(_exclusion_failed(rows), window)
    return _matching(rows, rule.where, kept, window)


def _spans(
    rows: SourceRows, people: list[int], window: Period
) -> list[tuple[datetime.date, datetime.date | None]] | Missing:
    start, end = rows.spec.start or "", rows.spec.end or ""
    starts, ends = rows.dates(start), rows.dates(end)
    if rows.date_failed(start) or rows.date_failed(end):
        return Missing(_dates_unread(rows), window)
    spans: list[tuple[datetime.date, datetime.date | None]] = []
    for row in people:
        joined = starts[row]
        if joined is None:
            rows.log.add(
                rows.locate(
                    row, start, msg("no {field} date: the person cannot be placed in time", field=start)
                )
            )
            continue
        spans.append((joined, ends[row]))
    if len(spans) != len(people):
        return Missing(
            msg("some rows of source '{source}' have no {field} date", source=rows.name, field=start), window
        )
    return spans


def _present(span: tuple[datetime.date, datetime.date | None], day: datetime.date) -> bool:
    return span[0] <= day and (span[1] is None or span[1] >= day)


def turnover(rule: FactRule, rows: SourceRows, period: Period, labels: Labels) -> Result:
    """People who left in the window ÷ their average headcount (first and last day), per year."""
    window = window_of(rule, period)
    people = _people(rows, rule, window)
    if isinstance(people, Missing):
        return people
    spans = _spans(rows, people, window)
    if isinstance(spans, Missing):
        return spans
    left = sum(1 for _, end in spans if end is not None and end in window)
    average = (
        sum(_present(s, window.start) for s in spans) + sum(_present(s, window.end) for s in spans)
    ) / 2
    if average == 0:
        return Missing(
            msg(
                "no {rows} on the first or last day of {window}",
                rows=_say(labels["of"], "en"),
                window=str(window),
            ),
            window,
        )
    value = round(left / average * 12 / window.months, 4)
    months = window.months
    words = {
        lang: ntr(
            "{left} {counted} in {months} month, average headcount {average}",
            "{left} {counted} in {months} months, average headcount {average}",
            _months_count(months),
            lang,
            left=left,
            counted=_say(labels["counted"], lang, left),
            months=_num(months, lang),
            average=_num(average, lang),
        )
        for lang in languages()
    }
    return Counted(value, window, left, len(spans), words, _filter_text(rows, rule.where))


def continuity(
    rule: FactRule, rows: SourceRows, period: Period, labels: Labels, against: SourceRows
) -> Result:
    """Key values of the source (the bid team) still present in *against* on the window's last day."""
    window = window_of(rule, period)
    people = _people(rows, rule, window)
    if isinstance(people, Missing):
        return people
    key = rule.key or ""
    team = {cell_text(rows.columns[key][row]).casefold() for row in people} - {""}
    if not team:
        return Missing(
            msg("no {rows} in source '{source}'", rows=_say(labels["of"], "en"), source=rows.name), window
        )
    present = against.kept(range(against.count))
    if present is None:
        return Missing(_exclusion_failed(against), window)
    if against.spec.start is not None:
        spans = _spans(against, present, window)
        if isinstance(spans, Missing):
            return spans
        present = [row for row, span in zip(present, spans, strict=True) if _present(span, window.end)]
    still = team & {cell_text(against.columns[key][row]).casefold() for row in present}
    end = window.end.isoformat()
    words = {
        lang: tr(
            "{count} {counted} of {total} still in {place} on {end}",
            lang,
            count=len(still),
            counted=_say(labels["counted"], lang, len(still)),
            total=len(team),
            place=_say(labels["against"], lang),
            end=end,
        )
        for lang in languages()
    }
    return Counted(
        round(len(still) / len(team), 4), window, len(still), len(team), words, _filter_text(rows, rule.where)
    )


Formula = Callable[[FactRule, SourceRows, Period, Labels], Result]
FORMULA_FUNCTIONS: dict[str, Formula] = {
    "count": count,
    "share": share,
    "per_month": per_month,
    "streaks": streaks,
    "turnover": turnover,
}
