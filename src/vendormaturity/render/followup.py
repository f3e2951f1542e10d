"""The follow-up block of the next assessment, written from the previous plan.

One ``[[followup]]`` entry per action of the plan: its id, its title, owner, horizon and
priority as a comment, and its status – filled from an action tracker when one was read,
otherwise a commented line to fill in. Pasted into the next response file, it reports how
the plan was followed without retyping a single id.
"""

from __future__ import annotations

from collections.abc import Sequence

from vendormaturity.model.responses import ActionStatus, FollowUp
from vendormaturity.model.result import AssessmentResult
from vendormaturity.render.template import toml_value
from vendormaturity.render.texts import label, name

__all__ = ["followup_block"]

_STATUSES = " | ".join(f'"{status.value}"' for status in ActionStatus)
_INTRO = {
    "en": (
        "# Follow-up of the improvement plan of {relationship}, assessed {date} ({questionnaire}).\n"
        "# Copy these [[followup]] entries into the next response file. Each action needs a status:\n"
        "#   {statuses}\n"
        "# Fill in the commented ones, or remove an entry whose status is not known.\n"
    ),
    "fr": (
        "# Suivi du plan d'amélioration de {relationship}, évalué le {date} ({questionnaire}).\n"
        "# Copiez ces entrées [[followup]] dans le prochain fichier de réponses. Chaque action a\n"
        "# besoin d'un statut :\n"
        "#   {statuses}\n"
        "# Complétez ceux en commentaire, ou retirez une entrée au statut inconnu.\n"
    ),
}
_TRACKER = {
    "en": "# Statuses filled from the action tracker: {files}.\n",
    "fr": "# Statuts repris du suivi d'actions : {files}.\n",
}
_PRIORITY = {"en": "priority", "fr": "priorité"}
_NO_ACTIONS = {
    "en": "# The plan has no action to follow up.\n",
    "fr": "# Le plan ne compte aucune action à suivre.\n",
}


def followup_block(
    result: AssessmentResult,
    *,
    statuses: Sequence[FollowUp] = (),
    lang: str = "en",
    tracker: Sequence[str] = (),
) -> str:
    """The TOML ``[[followup]]`` entries of *result*'s plan, with the *statuses* known so far."""
    intro = _INTRO.get(lang, _INTRO["en"]).format(
        relationship=result.relationship,
        date=result.date.isoformat(),
        questionnaire=f"{result.questionnaire} {result.questionnaire_version}",
        statuses=_STATUSES,
    )
    lines = [intro.rstrip("\n")]
    if tracker:
        lines.append(_TRACKER.get(lang, _TRACKER["en"]).format(files=", ".join(tracker)).rstrip("\n"))
    if not result.plan.actions:
        lines.append(_NO_ACTIONS.get(lang, _NO_ACTIONS["en"]).rstrip("\n"))
    known = {item.action: item for item in statuses}
    for action in result.plan.actions:
        about = " · ".join(
            [
                name("owner", action.owner, lang),
                name("horizon_short", action.horizon, lang),
                f"{_PRIORITY.get(lang, _PRIORITY['en'])} {action.priority}",
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
