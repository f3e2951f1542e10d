"""The follow-up block of the next assessment, written from the previous plan.

One ``[[followup]]`` entry per action of the plan: its id, its title, owner, horizon and
priority as a comment, and its status – filled from an action tracker when one was read,
otherwise a commented line to fill in. Pasted into the next response file, it reports how
the plan was followed without retyping a single id.
"""

from __future__ import annotations

from collections.abc import Sequence

from vendormaturity.i18n import tr
from vendormaturity.model.responses import ActionStatus, FollowUp
from vendormaturity.model.result import AssessmentResult
from vendormaturity.render.template import toml_value
from vendormaturity.render.texts import label, name

__all__ = ["followup_block"]

_STATUSES = " | ".join(f'"{status.value}"' for status in ActionStatus)


def followup_block(
    result: AssessmentResult,
    *,
    statuses: Sequence[FollowUp] = (),
    lang: str = "en",
    tracker: Sequence[str] = (),
) -> str:
    """The TOML ``[[followup]]`` entries of *result*'s plan, with the *statuses* known so far."""
    intro = tr(
        "Follow-up of the improvement plan of {relationship}, assessed {date} ({questionnaire}).\n"
        "Copy these [[followup]] entries into the next response file. Each action needs a status:\n"
        "  {statuses}\n"
        "Fill in the commented ones, or remove an entry whose status is not known.",
        lang,
        relationship=result.relationship,
        date=result.date.isoformat(),
        questionnaire=" ".join((result.questionnaire, result.questionnaire_version)),
        statuses=_STATUSES,
    )
    lines = _commented(intro)
    if tracker:
        lines += _commented(
            tr("Statuses filled from the action tracker: {files}.", lang, files=", ".join(tracker))
        )
    if not result.plan.actions:
        lines += _commented(tr("The plan has no action to follow up.", lang))
    known = {item.action: item for item in statuses}
    for action in result.plan.actions:
        about = " · ".join(
            [
                name("owner", action.owner, lang),
                name("horizon_short", action.horizon, lang),
                tr("priority {priority}", lang, priority=action.priority),
            ]
        )
        lines += [
            "",
            f"# {label(action.title, lang)} ({about})",
            "[[followup]]",
            f"action = {toml_value(action.id)}",
        ]
        item = known.get(action.id)
        if item is None:
            lines.append(f"# status = {_STATUSES}")
            continue
        lines.append(f"status = {toml_value(item.status.value)}")
        if item.note:
            lines.append(f"note = {toml_value(item.note)}")
    return "\n".join(lines) + "\n"


def _commented(text: str) -> list[str]:
    """*text* as TOML comment lines, one per line of the text."""
    return [f"# {line}".rstrip() for line in text.splitlines()]
