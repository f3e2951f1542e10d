"""``facts_from``: a questionnaire's facts over a period, from a folder of operational exports.

The steps: load the mappings; check the period; find the files of each source (by the
mapping's name patterns, or as assigned); choose, per fact, the definition whose sources
have files; read each source once; compute each fact with its formula; check the value
against the questionnaire's declaration; record its provenance – or why it is missing.
"""

from __future__ import annotations

import datetime
import difflib
import fnmatch
import functools
import zoneinfo
from collections.abc import Mapping, Sequence
from pathlib import Path

import attrs
import tomli_w

from vendormaturity._version import __version__
from vendormaturity.errors import NotFoundError, Problem, ValidationError, spelled
from vendormaturity.i18n import Message, languages, msg, nmsg, tr, translate
from vendormaturity.model.questionnaire import Fact, FactType, Questionnaire
from vendormaturity.model.responses import FactProvenance, FactValue, ResponseSet
from vendormaturity.sources.delimited import check_encoding
from vendormaturity.sources.operational.formulas import (
    FORMULA_FUNCTIONS,
    Counted,
    Missing,
    continuity,
    window_of,
)
from vendormaturity.sources.operational.mapping import ExportMapping, FactRule, integer_formula, load_mapping
from vendormaturity.sources.operational.period import Period, parse_period, period_problem
from vendormaturity.sources.operational.rows import ExportFile, SourceRows, load_rows, used_fields
from vendormaturity.sources.operational.tables import EXPORT_SUFFIXES
from vendormaturity.sources.operational.values import DATE_FORMATS, local_zone, pattern_problem, zone_of
from vendormaturity.sources.questionnaires import bundled_questionnaires, load_questionnaire
from vendormaturity.sources.writing import commented

__all__ = ["ExportedFacts", "MappingLike", "SourcesLike", "assign", "facts_from"]

MappingLike = str | Path | ExportMapping
SourcesLike = Sequence[str | Path] | Mapping[str, Sequence[str | Path]]
_SKIPPED_PREFIXES = (".", "~$")  # hidden files, and Excel's lock files of open workbooks


@attrs.frozen
class ExportedFacts:
    """The facts computed over a period, with the provenance of each – or why it is missing."""

    period: Period
    facts: dict[str, FactValue]
    provenance: dict[str, FactProvenance]  # every fact a mapping defines: computed, or missing with why
    problems: tuple[Problem, ...]  # what was wrong in the inputs, located; facts they touch are missing
    notes: tuple[str, ...]  # what a reader should know: files not used, repeated rows counted once…
    files: dict[str, tuple[str, ...]]  # per source ("mapping/source"), the files read
    # why each missing fact is missing, as said to people (the provenance keeps it in English)
    reasons: Mapping[str, str] = attrs.field(factory=dict)

    @property
    def missing(self) -> dict[str, str]:
        """The facts that could not be computed, and why."""
        return {
            name: self.reasons.get(name) or _english(record.missing)
            for name, record in self.provenance.items()
            if record.missing is not None
        }

    def toml(self, lang: str = "en") -> str:
        """The facts and their provenance as a TOML fragment of a response file, headed by
        comments in *lang*."""
        mappings = sorted({record.mapping for record in self.provenance.values()})
        head = tr(
            "Facts computed by vendormaturity {version} over {period} from operational exports (mappings: "
            "{mappings}). Paste both tables into a response file, or run vendormaturity facts ... --into "
            "RESPONSES.toml.",
            lang,
            version=__version__,
            period=self.period,
            mappings=", ".join(mappings) or tr("none", lang),
        )
        lines = commented(head)
        for name, reason in self.missing.items():
            lines += commented(
                tr("Not computed: {fact}: {reason}", lang, fact=name, reason=translate(reason, lang))
            )
        provenance = {
            name: record.model_dump(mode="python", exclude_none=True, exclude_defaults=True)
            for name, record in self.provenance.items()
        }
        body = tomli_w.dumps({"facts": self.facts, "provenance": provenance})
        return "\n".join(lines) + "\n\n" + body

    def merged_into(self, responses: ResponseSet) -> tuple[ResponseSet, list[str]]:
        """*responses* with these facts and their provenance, and what changed in plain words.

        A computed fact replaces the file's value. A fact that could not be computed keeps a
        value given by hand (without provenance), and replaces one computed earlier: that
        value described another computation.
        """
        facts = dict(responses.facts)
        provenance = dict(responses.provenance)
        changes: list[str] = []
        why = self.missing
        for name, record in self.provenance.items():
            before = facts.get(name)
            if record.value is not None:
                if before != record.value or before.__class__ is not record.value.__class__:
                    changes.append(
                        msg(
                            "{fact}: {before} → {after}",
                            fact=name,
                            before=_shown(before),
                            after=spelled(record.value),
                        )
                    )
                facts[name] = record.value
                provenance[name] = record
            elif before is not None and name not in responses.provenance:
                changes.append(
                    msg(
                        "{fact}: kept {value}, given by hand ({reason})",
                        fact=name,
                        value=spelled(before),
                        reason=why[name],
                    )
                )
            else:
                if before is not None:
                    changes.append(
                        msg(
                            "{fact}: {value} removed ({reason})",
                            fact=name,
                            value=spelled(before),
                            reason=why[name],
                        )
                    )
                facts.pop(name, None)
                provenance[name] = record
        merged = responses.model_copy(update={"facts": facts, "provenance": provenance})
        return merged, changes


def _shown(value: FactValue | None) -> str:
    return msg("absent") if value is None else spelled(value)


@attrs.define
class _Inputs:
    """The mappings, the files and what each source was given."""

    mappings: list[ExportMapping]
    period: Period
    encoding: str = "utf-8"
    zone: datetime.tzinfo | None = None
    date_format: str | None = None  # the order of dates written in the exporting user's locale
    problems: list[Problem] = attrs.Factory(list)
    notes: list[str] = attrs.Factory(list)
    reasons: dict[str, Message] = attrs.Factory(dict)  # why a fact is missing, by fact
    assigned: dict[tuple[int, str], list[ExportFile]] = attrs.Factory(dict)


def facts_from(
    sources: SourcesLike | str | Path,
    mapping: MappingLike | Sequence[MappingLike],
    *,
    period: str | Period,
    questionnaire: str | Path | Questionnaire = "relationship",
    encoding: str = "utf-8",
    today: datetime.date | None = None,
    confirm_period: bool = False,
    keep_partial: bool = False,
    timezone: str | None = None,
    date_format: str | None = None,
) -> ExportedFacts:
    """Compute the questionnaire's facts over *period* from operational exports.

    *sources* are export files or folders of them (each file goes to the source whose
    name patterns it matches), or a table from source name to its files. *mapping* is a
    bundled mapping id (``"servicenow"``), a mapping file, a loaded :class:`ExportMapping`,
    or several of them. *period* is ``"2026-Q3"``, ``"2026-09"``, ``"2026"`` or
    ``"2026-07-01..2026-09-30"``; one that ends after *today* or starts before 1990 is
    refused unless *confirm_period*.

    Days count in *timezone* (``Europe/Paris``; default: the system's), unless a source's
    mapping names its own; a date a tool writes without an offset is in the zone its
    mapping declares (``written_in``, UTC for ServiceNow's CSV), else already local.

    *date_format* (``"day_first"``, ``"month_first"`` or a strptime pattern) says how the
    dates of the sources written in the exporting user's locale are written – those whose
    mapping declares ``date_format = "day_or_month_first"``, such as a Salesforce report:
    without it, their order is read from the values, and a column where every date reads
    both ways is refused.

    Raises :class:`ValidationError` listing every problem, unless *keep_partial*: then
    the facts that could be computed are returned, the others are missing with the
    reason in their provenance, and ``problems`` lists what was wrong.
    """
    inputs = _inputs(
        sources,
        mapping,
        period,
        encoding=encoding,
        today=today or datetime.date.today(),
        confirmed=confirm_period,
        timezone=timezone,
        date_format=date_format,
    )
    if isinstance(questionnaire, Questionnaire):
        q = questionnaire
    elif isinstance(questionnaire, str) and questionnaire in bundled_questionnaires():
        q = _bundled_questionnaire(questionnaire)
    else:
        q = load_questionnaire(questionnaire)
    result = _compute(inputs, q)
    if result.problems and not keep_partial:
        raise ValidationError(
            result.problems,
            summary=nmsg(
                "{count} problem in the exports", "{count} problems in the exports", len(result.problems)
            ),
        )
    return result


@functools.lru_cache(maxsize=8)
def _bundled_questionnaire(questionnaire_id: str) -> Questionnaire:
    """A bundled questionnaire, loaded once: its model is frozen and its file never changes."""
    return load_questionnaire(questionnaire_id)


def _inputs(
    sources: SourcesLike | str | Path,
    mapping: MappingLike | Sequence[MappingLike],
    period: str | Period,
    *,
    encoding: str,
    today: datetime.date,
    confirmed: bool,
    timezone: str | None = None,
    date_format: str | None = None,
) -> _Inputs:
    given = [mapping] if isinstance(mapping, str | Path | ExportMapping) else list(mapping)
    if not given:
        raise ValidationError([Problem(msg("give at least one mapping"))])
    mappings = [item if isinstance(item, ExportMapping) else load_mapping(item) for item in given]
    problems: list[Problem] = []
    ids = [item.id for item in mappings]
    for twice in sorted({name for name in ids if ids.count(name) > 1}):
        problems.append(Problem(msg("mapping '{mapping}' is given twice", mapping=twice)))
    chosen = parse_period(period) if isinstance(period, str) else period
    if isinstance(chosen, str):
        raise ValidationError([Problem(msg("--period {problem}", problem=chosen))])
    late = period_problem(chosen, today, confirmed=confirmed)
    if late is not None:
        problems.append(late)
    checked = check_encoding(encoding)
    if isinstance(checked, Problem):
        problems.append(checked)
    zone: datetime.tzinfo = local_zone()
    if timezone is not None:
        try:
            zone = zone_of(timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            problems.append(
                Problem(msg("unknown time zone '{zone}'; use a name such as \"Europe/Paris\"", zone=timezone))
            )
    if date_format is not None:
        problems.extend(_date_format_problems(date_format))
    if problems:
        raise ValidationError(problems)
    inputs = _Inputs(mappings, chosen, encoding, zone, date_format)
    assign(inputs, sources)
    _note_unused_date_format(inputs)
    return inputs


def _date_format_problems(date_format: str) -> list[Problem]:
    """Why *date_format* cannot say how a locale writes dates, if it cannot."""
    if date_format in DATE_FORMATS and date_format != "day_or_month_first":
        return []
    if "%" in date_format:
        broken = pattern_problem(date_format)
        return [] if broken is None else [Problem(msg("--date-format: {problem}", problem=broken))]
    return [
        Problem(
            msg(
                "--date-format '{format}' is not a date format: give day_first (31/12/2026), month_first"
                ' (12/31/2026) or a pattern such as "%d.%m.%Y %H:%M"',
                format=date_format[:60],
            )
        )
    ]


def _note_unused_date_format(inputs: _Inputs) -> None:
    """Say so when --date-format applies to none of the sources given files."""
    if inputs.date_format is None:
        return
    if any(
        inputs.mappings[index].sources[name].date_format == "day_or_month_first"
        for index, name in inputs.assigned
    ):
        return
    inputs.notes.append(
        msg(
            "--date-format {format} was not used: it applies to exports written in the exporting user's"
            ' locale (date_format = "day_or_month_first" in the mapping), and no source given files is one',
            format=inputs.date_format,
        )
    )


def assign(inputs: _Inputs, sources: SourcesLike | str | Path) -> None:
    """Give each source its files: those named for it, or those whose names match its patterns."""
    if isinstance(sources, str | Path):
        sources = [sources]  # one file or folder, not a sequence of characters
    if isinstance(sources, Mapping):
        _assign_named(inputs, sources)
    else:
        _assign_by_pattern(inputs, sources)


def _export_files(path: Path) -> list[ExportFile]:
    """The export files of a folder (not its subfolders, hidden or lock files), or the file itself."""
    if path.is_dir():
        children = sorted(path.iterdir(), key=lambda child: child.name)
        return [
            ExportFile(child, str(child), child.name)
            for child in children
            if child.is_file()
            and child.suffix.lower() in EXPORT_SUFFIXES
            and not child.name.startswith(_SKIPPED_PREFIXES)
        ]
    if not path.exists():
        raise NotFoundError(Problem(msg("no such file or folder"), file=str(path)).as_message())
    return [ExportFile(path, str(path), path.name)]


def _assign_by_pattern(inputs: _Inputs, paths: Sequence[str | Path]) -> None:
    for given in paths:
        explicit = not Path(given).is_dir()
        for export in _export_files(Path(given)):
            name = export.path.name.casefold()
            matches = [
                (index, source_name)
                for index, mapping in enumerate(inputs.mappings)
                for source_name, source in mapping.sources.items()
                if any(fnmatch.fnmatchcase(name, pattern.casefold()) for pattern in source.files)
            ]
            if len(matches) > 1:
                names = ", ".join(f"{inputs.mappings[index].id}/{source}" for index, source in matches)
                inputs.problems.append(
                    Problem(
                        msg(
                            "matches the file names of several sources ({sources}); assign it: SOURCE={file}",
                            sources=names,
                            file=export.shown,
                        ),
                        file=export.shown,
                    )
                )
            elif matches:
                inputs.assigned.setdefault(matches[0], []).append(export)
            elif explicit:
                inputs.problems.append(Problem(_no_source(inputs, file=True), file=export.shown))
            else:
                inputs.notes.append(
                    msg("{file}: not used (its name matches no source of the mappings)", file=export.shown)
                )
    if not inputs.assigned and not inputs.problems:
        inputs.problems.append(Problem(_no_source(inputs, file=False)))


def _no_source(inputs: _Inputs, *, file: bool) -> Message:
    patterns = _patterns(inputs)
    if file:
        return msg(
            "its name is none of the file names the sources take ({patterns}); rename it, or say which "
            "source it is: SOURCE=FILE",
            patterns=patterns,
        )
    return msg(
        "no export file has a name a source takes ({patterns}); rename the files, or say which source each "
        "is: SOURCE=FILE",
        patterns=patterns,
    )


def _patterns(inputs: _Inputs) -> str:
    """The file names of every source, as the mappings give them: ``servicenow/incidents: incident*.csv``."""
    return "; ".join(
        f"{mapping.id}/{name}: {', '.join(source.files)}"
        for mapping in inputs.mappings
        for name, source in mapping.sources.items()
    )


def _assign_named(inputs: _Inputs, named: Mapping[str, Sequence[str | Path]]) -> None:
    for source_name, paths in named.items():
        owner, _, short = source_name.rpartition("/")
        found = [
            (index, short)
            for index, mapping in enumerate(inputs.mappings)
            if short in mapping.sources and owner in ("", mapping.id)
        ]
        if len(found) != 1:
            known = {f"{m.id}/{name}": name for m in inputs.mappings for name in m.sources}
            close = difflib.get_close_matches(short, list(known.values()), n=1, cutoff=0.6)
            full = next((full for full, name in known.items() if close and name == close[0]), None)
            hint = msg(" (did you mean '{name}'?)", name=full) if full is not None else ""
            values = {"source": source_name, "hint": hint, "sources": ", ".join(sorted(known))}
            inputs.problems.append(
                Problem(
                    msg("several mappings have a source '{source}'{hint}; sources: {sources}", **values)
                    if found
                    else msg("no mapping has a source '{source}'{hint}; sources: {sources}", **values)
                )
            )
            continue
        for given in paths:
            inputs.assigned.setdefault(found[0], []).extend(_export_files(Path(given)))


# --------------------------------------------------------------------------- computing


@attrs.frozen
class _Job:
    """One fact to compute: its declaration and the mapping's definition of it."""

    mapping: ExportMapping
    fact_id: str
    rule: FactRule
    fact: Fact

    def base(self, files: Sequence[str] = ()) -> dict[str, object]:
        """The provenance fields every record of this fact has."""
        return {
            "mapping": self.mapping.id,
            "source": self.rule.source,
            "files": list(files),
            "formula": self.rule.text(),
        }


def _compute(inputs: _Inputs, q: Questionnaire) -> ExportedFacts:
    declared = {fact.id: fact for fact in q.facts}
    chosen = _choose(inputs, declared)
    loaded: dict[tuple[int, str], SourceRows] = {}
    facts: dict[str, FactValue] = {}
    provenance: dict[str, FactProvenance] = {}
    for fact_id in [fact.id for fact in q.facts if fact.id in chosen]:
        index, rule, ambiguous = chosen[fact_id]
        job = _Job(inputs.mappings[index], fact_id, rule, declared[fact_id])
        if ambiguous is not None:
            provenance[fact_id] = _missing(inputs, job, job.base(), window_of(rule, inputs.period), ambiguous)
            continue
        needed = [rule.source, *([rule.against] if rule.against else [])]
        record = _fact(inputs, job, [_rows(inputs, loaded, index, name, chosen) for name in needed])
        provenance[fact_id] = record
        if record.value is not None:
            facts[fact_id] = record.value
    problems = [*inputs.problems]
    notes = [*inputs.notes]
    for source_rows in loaded.values():
        problems.extend(source_rows.log.finish())
        notes.extend(
            msg("source '{source}': {note}", source=source_rows.name, note=note) for note in source_rows.notes
        )
    files = {
        f"{inputs.mappings[index].id}/{name}": tuple(export.shown for export in exports)
        for (index, name), exports in inputs.assigned.items()
    }
    return ExportedFacts(
        inputs.period, facts, provenance, tuple(problems), tuple(notes), files, inputs.reasons
    )


def _choose(inputs: _Inputs, declared: Mapping[str, Fact]) -> dict[str, tuple[int, FactRule, Message | None]]:
    """Per fact, the one definition to compute: the one whose sources were given files.

    When two definitions have files, neither is chosen over the other: the fact gets the
    reason it is missing.
    """
    candidates: dict[str, list[tuple[int, FactRule]]] = {}
    for index, mapping in enumerate(inputs.mappings):
        for fact_id, rule in mapping.facts.items():
            if fact_id not in declared:
                inputs.notes.append(
                    msg(
                        "{mapping}: fact '{fact}' is not declared by the questionnaire; not computed",
                        mapping=mapping.id,
                        fact=fact_id,
                    )
                )
                continue
            problem = _type_problem(mapping, fact_id, rule, declared[fact_id])
            if problem is not None:
                inputs.problems.append(problem)
                continue
            candidates.setdefault(fact_id, []).append((index, rule))
    chosen: dict[str, tuple[int, FactRule, Message | None]] = {}
    for fact_id, options in candidates.items():
        with_files = [option for option in options if _has_files(inputs, option)]
        ambiguous = None
        if len(with_files) > 1:
            names = functools.reduce(
                _and, (f"{inputs.mappings[index].id}/{rule.source}" for index, rule in with_files)
            )
            ambiguous = msg("it can be computed from {sources}, which all have files", sources=names)
            inputs.problems.append(
                Problem(
                    msg(
                        "fact '{fact}': {problem}; give the files of only one of these sources",
                        fact=fact_id,
                        problem=ambiguous,
                    )
                )
            )
        chosen[fact_id] = (*(with_files or options)[0], ambiguous)
    return chosen


def _and(first: str, second: str) -> str:
    return msg("{first} and {second}", first=first, second=second)


def _has_files(inputs: _Inputs, option: tuple[int, FactRule]) -> bool:
    index, rule = option
    return all((index, name) in inputs.assigned for name in (rule.source, rule.against) if name is not None)


def _type_problem(mapping: ExportMapping, fact_id: str, rule: FactRule, fact: Fact) -> Problem | None:
    where = f"facts.{fact_id}.formula"
    if fact.type in (FactType.BOOLEAN, FactType.CHOICE):
        return Problem(
            msg("fact '{fact}' is a {type}: no formula computes it", fact=fact_id, type=fact.type.value),
            path=where,
            file=mapping.id,
        )
    if fact.type is FactType.INTEGER and not integer_formula(rule.formula):
        return Problem(
            msg(
                "fact '{fact}' is a whole number; {formula} gives a ratio (use count or streaks)",
                fact=fact_id,
                formula=rule.formula,
            ),
            path=where,
            file=mapping.id,
        )
    return None


def _rows(
    inputs: _Inputs,
    loaded: dict[tuple[int, str], SourceRows],
    index: int,
    name: str,
    chosen: Mapping[str, tuple[int, FactRule, Message | None]],
) -> SourceRows | None:
    key = (index, name)
    if key in loaded:
        return loaded[key]
    files = inputs.assigned.get(key)
    if not files:
        return None
    spec = inputs.mappings[index].sources[name]
    if inputs.date_format is not None and spec.date_format == "day_or_month_first":
        spec = spec.model_copy(update={"date_format": inputs.date_format})
    rules = [rule for i, rule, _ in chosen.values() if i == index and name in (rule.source, rule.against)]
    conditions = [c for rule in rules if rule.source == name for c in (rule.where, rule.of) if c is not None]
    extra = [spec.key, spec.date, spec.start, spec.end, *(rule.key for rule in rules)]
    fields = used_fields(spec, conditions, extra)
    loaded[key] = load_rows(name, spec, files, fields, encoding=inputs.encoding, zone=inputs.zone)
    return loaded[key]


def _fact(inputs: _Inputs, job: _Job, rows: list[SourceRows | None]) -> FactProvenance:
    rule, mapping = job.rule, job.mapping
    window = window_of(rule, inputs.period)
    base = job.base([export.recorded for found in rows if found is not None for export in found.files])
    absent = [name for name, found in zip([rule.source, rule.against], rows, strict=False) if found is None]
    if absent:
        patterns = ", ".join(mapping.sources[absent[0] or ""].files)
        reason = msg(
            "no file of source '{source}' was given (file names {patterns})",
            source=absent[0],
            patterns=patterns,
        )
        return _missing(inputs, job, base, window, reason)
    present = [found for found in rows if found is not None]
    unreadable = [found.name for found in present if found.unreadable]
    if unreadable:
        reason = msg("source '{source}' has problems (listed with the files)", source=unreadable[0])
        return _missing(inputs, job, base, window, reason)
    source = mapping.sources[rule.source]
    labels = {
        "counted": rule.counted,
        "of": rule.of_label or source.label,
        "against": mapping.sources[rule.against].label if rule.against else source.label,
    }
    if rule.formula == "continuity":
        outcome = continuity(rule, present[0], inputs.period, labels, present[1])
    else:
        outcome = FORMULA_FUNCTIONS[rule.formula](rule, present[0], inputs.period, labels)
    if isinstance(outcome, Missing):
        if outcome.problem:
            shown = ", ".join(export.shown for export in present[0].files)
            inputs.problems.append(Problem(outcome.reason, file=shown))
        return _missing(inputs, job, base, outcome.window, outcome.reason)
    if outcome.window.start < inputs.period.start:  # a window longer than the period (12 months to date)
        _coverage(inputs, job.fact_id, present[0], source.date, outcome.window)
    return _computed(inputs, job, base, outcome)


def _coverage(inputs: _Inputs, fact_id: str, rows: SourceRows, field: str | None, window: Period) -> None:
    """A warning when the rows cover only part of a fact's longer window (a 6-month file for 12 months)."""
    if field is None:
        return
    days = [day for day in rows.dates(field) if day is not None]
    if not days:
        return
    first, last = min(days), max(days)
    if first <= window.start + datetime.timedelta(days=31):
        return
    inputs.notes.append(
        msg(
            "{fact}: the rows of source '{source}' are dated {first}..{last}, only part of {start}..{end}: "
            "the fact counts those days as the whole window; give the exports of the whole window",
            fact=fact_id,
            source=rows.name,
            first=first.isoformat(),
            last=last.isoformat(),
            start=window.start.isoformat(),
            end=window.end.isoformat(),
        )
    )


def _missing(
    inputs: _Inputs, job: _Job, base: Mapping[str, object], window: Period, reason: Message
) -> FactProvenance:
    inputs.reasons[job.fact_id] = reason
    said = {lang: reason.translated(lang) for lang in languages()}  # kept in the response file
    record = {**base, "missing": said, "start": window.start, "end": window.end}
    return FactProvenance.model_validate(record)


def _computed(inputs: _Inputs, job: _Job, base: Mapping[str, object], outcome: Counted) -> FactProvenance:
    value: int | float = outcome.value
    if job.fact.type is FactType.INTEGER:
        value = int(value)
    bound = _out_of_range(job.fact, value)
    if bound is not None:
        reason = msg(
            "computed {value}, {bound}; check the conditions of the mapping",
            value=spelled(value),
            bound=bound,
        )
        inputs.problems.append(Problem(reason, path=f"facts.{job.fact_id}", file=job.mapping.id))
        return _missing(inputs, job, base, outcome.window, reason)
    return FactProvenance.model_validate(
        {
            **base,
            "value": value,
            "start": outcome.window.start,
            "end": outcome.window.end,
            "filter": outcome.filter,
            "rows": outcome.rows,
            "of": outcome.of,
            "words": outcome.words,
        }
    )


def _out_of_range(fact: Fact, value: float) -> Message | None:
    if fact.min is not None and value < fact.min:
        return msg("below the fact's minimum {low:g}", low=fact.min)
    if fact.max is not None and value > fact.max:
        return msg("above the fact's maximum {high:g}", high=fact.max)
    return None


def _english(said: str | Mapping[str, str] | None) -> str:
    """Why a fact is missing, as a record says it in English (or in its only language)."""
    if said is None or isinstance(said, str):
        return said or ""
    return said.get("en") or next(iter(said.values()), "")
