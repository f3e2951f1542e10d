"""The fixed texts of every report, in French and English, and number formatting.

Everything a questionnaire says (dimensions, questions, findings, actions) comes from the
questionnaire's own bilingual labels; what is left – section headings, phase names and
descriptions, severities, owners, horizons, statuses – is here, in one place.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Final

__all__ = [
    "colon",
    "label",
    "name",
    "number",
    "percent",
    "phase_description",
    "signed",
    "text",
]

_NARROW_NBSP = "\u202f"  # French typography: a thin no-break space before % and :

# Names of enum values, by enum kind then value.
_NAMES: Final[dict[str, dict[str, dict[str, str]]]] = {
    "phase": {
        "forming": {"fr": "Formation", "en": "Forming"},
        "storming": {"fr": "Conflit", "en": "Storming"},
        "norming": {"fr": "Normalisation", "en": "Norming"},
        "performing": {"fr": "Performance", "en": "Performing"},
        "adjourning": {"fr": "Séparation", "en": "Adjourning"},
    },
    "severity": {
        "low": {"fr": "Faible", "en": "Low"},
        "medium": {"fr": "Moyenne", "en": "Medium"},
        "high": {"fr": "Élevée", "en": "High"},
        "critical": {"fr": "Critique", "en": "Critical"},
    },
    "owner": {
        "client": {"fr": "Client", "en": "Client"},
        "supplier": {"fr": "Fournisseur", "en": "Supplier"},
        "joint": {"fr": "Conjoint", "en": "Joint"},
    },
    "horizon": {
        "short": {"fr": "Court terme (moins de 3 mois)", "en": "Short term (within 3 months)"},
        "medium": {"fr": "Moyen terme (3 à 12 mois)", "en": "Medium term (3 to 12 months)"},
        "renewal": {"fr": "Au renouvellement ou à la sortie", "en": "At renewal or exit"},
    },
    "horizon_short": {
        "short": {"fr": "Court terme", "en": "Short"},
        "medium": {"fr": "Moyen terme", "en": "Medium"},
        "renewal": {"fr": "Renouvellement", "en": "Renewal"},
    },
    "status": {
        "done": {"fr": "Terminée", "en": "Done"},
        "in_progress": {"fr": "En cours", "en": "In progress"},
        "not_started": {"fr": "Non commencée", "en": "Not started"},
        "dropped": {"fr": "Abandonnée", "en": "Dropped"},
        "unreported": {"fr": "Non renseignée", "en": "Not reported"},
    },
    "confidence": {
        "low": {"fr": "faible", "en": "low"},
        "medium": {"fr": "moyenne", "en": "medium"},
        "high": {"fr": "élevée", "en": "high"},
    },
    "verdict": {
        "clear": {"fr": "nette", "en": "clear"},
        "transition": {"fr": "en transition", "en": "in transition"},
        "unclear": {"fr": "incertaine", "en": "unclear"},
        "no_data": {"fr": "sans données", "en": "no data"},
    },
    "side": {
        "client": {"fr": "Client", "en": "Client"},
        "supplier": {"fr": "Fournisseur", "en": "Supplier"},
        "both": {"fr": "Les deux", "en": "Both"},
        "overall": {"fr": "Ensemble", "en": "Overall"},
    },
    "stage": {
        "pre_deal": {"fr": "avant contrat", "en": "pre-deal"},
        "operational": {"fr": "exploitation", "en": "operational"},
        "post_deal": {"fr": "après mise en service", "en": "post-deal"},
    },
    "score_status": {
        "ok": {"fr": "ok", "en": "ok"},
        "insufficient_data": {"fr": "données insuffisantes", "en": "insufficient data"},
        "no_respondents": {"fr": "aucun répondant", "en": "no respondents"},
    },
    "role": {
        "executive": {"fr": "Direction", "en": "Executive"},
        "manager": {"fr": "Encadrement", "en": "Manager"},
        "operational": {"fr": "Opérationnel", "en": "Operational"},
        "other": {"fr": "Autre", "en": "Other"},
    },
}

_PHASE_DESCRIPTIONS: Final[dict[str, dict[str, str]]] = {
    "forming": {
        "fr": "Les parties apprennent à se connaître : rôles, attentes et modes de "
        "fonctionnement sont encore en cours de découverte.",
        "en": "The parties are getting to know each other: roles, expectations and ways "
        "of working are still being discovered.",
    },
    "storming": {
        "fr": "Frictions et désaccords : les attentes s'entrechoquent, les escalades sont "
        "fréquentes et la confiance est mise à l'épreuve.",
        "en": "Friction and disagreement: expectations collide, escalations are frequent "
        "and trust is being tested.",
    },
    "norming": {
        "fr": "Les modes de fonctionnement sont établis et le service est stable, mais la "
        "relation va rarement au-delà du contrat.",
        "en": "Ways of working are established and the service is stable, but the "
        "relationship rarely goes beyond the contract.",
    },
    "performing": {
        "fr": "Les parties travaillent en partenaires : objectifs partagés, dialogue franc "
        "et améliorations profitables aux deux.",
        "en": "The parties work as partners: shared objectives, candid dialogue and "
        "improvements that benefit both.",
    },
    "adjourning": {
        "fr": "La relation arrive à son terme ou à son renouvellement : la priorité est une "
        "sortie ou une transition ordonnée.",
        "en": "The relationship is ending or up for renewal: the priority is an orderly exit or transition.",
    },
}

_TEXTS: Final[dict[str, dict[str, str]]] = {
    "report_title": {"fr": "Évaluation de la relation", "en": "Relationship assessment"},
    "relationship": {"fr": "Relation", "en": "Relationship"},
    "client": {"fr": "Client", "en": "Client"},
    "supplier": {"fr": "Fournisseur", "en": "Supplier"},
    "date": {"fr": "Date", "en": "Date"},
    "questionnaire": {"fr": "Questionnaire", "en": "Questionnaire"},
    "respondents": {"fr": "Répondants", "en": "Respondents"},
    "respondents_count": {
        "fr": "{client} côté client, {supplier} côté fournisseur",
        "en": "{client} client-side, {supplier} supplier-side",
    },
    "summary": {"fr": "Synthèse", "en": "Summary"},
    "phase": {"fr": "Phase", "en": "Phase"},
    "phase_heading": {"fr": "Phase de la relation", "en": "Phase of the relationship"},
    "probability": {"fr": "Probabilité", "en": "Probability"},
    "confidence": {"fr": "Confiance", "en": "Confidence"},
    "baseline": {"fr": "Référence par sommes de stades", "en": "Stage-sum baseline"},
    "baseline_note": {
        "fr": "La référence (questionnaire de Donald Clark) ne lit que les notes brutes : "
        "ni faits, ni historique, ni écart entre les parties.",
        "en": "The baseline (Donald Clark's questionnaire) reads raw ratings only: no "
        "facts, no history, no gap between the sides.",
    },
    "baseline_agrees": {
        "fr": "La référence place aussi la relation en {phase} ({verdict}).",
        "en": "The baseline also reads {phase} ({verdict}).",
    },
    "baseline_differs": {
        "fr": "La référence lirait {baseline} ({verdict}) là où l'évaluation conclut à {phase}.",
        "en": "The baseline would read {baseline} ({verdict}) where the assessment finds {phase}.",
    },
    "baseline_none": {
        "fr": "La référence ne peut pas conclure (aucune question de stade répondue).",
        "en": "The baseline cannot conclude (no stage question answered).",
    },
    "dimensions": {"fr": "Dimensions", "en": "Dimensions"},
    "dimension": {"fr": "Dimension", "en": "Dimension"},
    "overall": {"fr": "Ensemble", "en": "Overall"},
    "gap": {"fr": "Écart", "en": "Gap"},
    "gap_note": {
        "fr": "Écart = fournisseur − client, sur l'échelle de 1 à 5 ; ▲ marque un écart d'au moins un point.",
        "en": "Gap = supplier − client, on the 1–5 scale; ▲ marks a gap of one point or more.",
    },
    "score": {"fr": "Score /100", "en": "Score /100"},
    "band": {"fr": "Niveau", "en": "Band"},
    "mean": {"fr": "Moyenne", "en": "Mean"},
    "insufficient": {"fr": "n.d.", "en": "n/a"},
    "radar_title": {"fr": "Client et fournisseur par dimension", "en": "Client and supplier by dimension"},
    "findings": {"fr": "Constats", "en": "Findings"},
    "no_findings": {"fr": "Aucun constat.", "en": "No findings."},
    "severe_count": {
        "fr": "dont {count} de gravité élevée ou critique",
        "en": "{count} high or critical",
    },
    "severity": {"fr": "Gravité", "en": "Severity"},
    "suspected": {"fr": "présumé", "en": "suspected"},
    "suspected_confirm": {
        "fr": (
            "Présumé : les réponses l'indiquent, mais il manque un fait pour le confirmer. "
            "À établir : {facts}."
        ),
        "en": "Suspected: the answers point to it, but a fact is missing to confirm it. Establish: {facts}.",
    },
    "evidence": {"fr": "Éléments", "en": "Evidence"},
    "condition": {"fr": "Condition", "en": "Condition"},
    "value": {"fr": "Valeur", "en": "Value"},
    "threshold": {"fr": "Seuil", "en": "Threshold"},
    "holds": {"fr": "Vérifiée", "en": "Holds"},
    "yes": {"fr": "oui", "en": "yes"},
    "no": {"fr": "non", "en": "no"},
    "unknown": {"fr": "inconnue", "en": "unknown"},
    "graded": {"fr": "graduée", "en": "graded"},
    "plan": {"fr": "Plan d'amélioration", "en": "Improvement plan"},
    "target_phase": {"fr": "Phase visée", "en": "Target phase"},
    "no_actions": {"fr": "Aucune action proposée.", "en": "No action proposed."},
    "priority": {"fr": "Priorité", "en": "Priority"},
    "owner": {"fr": "Porteur", "en": "Owner"},
    "horizon": {"fr": "Horizon", "en": "Horizon"},
    "action": {"fr": "Action", "en": "Action"},
    "success_indicator": {"fr": "Indicateur de réussite", "en": "Success indicator"},
    "addresses": {"fr": "Répond à", "en": "Addresses"},
    "carried_over": {"fr": "reconduite", "en": "carried over"},
    "address_dimension": {"fr": "Dimension faible : {name}", "en": "Weak dimension: {name}"},
    "address_phase": {"fr": "Aller vers : {name}", "en": "Move towards: {name}"},
    "followup": {"fr": "Suivi du plan précédent", "en": "Follow-up of the previous plan"},
    "no_followup": {
        "fr": "Aucun plan précédent à suivre.",
        "en": "No previous plan to follow up.",
    },
    "closed_ratio": {"fr": "Part des actions closes", "en": "Share of actions closed"},
    "status": {"fr": "Statut", "en": "Status"},
    "note": {"fr": "Note", "en": "Note"},
    "history": {"fr": "Historique", "en": "History"},
    "trajectory": {"fr": "Trajectoire des moyennes", "en": "Trajectory of the means"},
    "client_mean": {"fr": "Moyenne client", "en": "Client mean"},
    "supplier_mean": {"fr": "Moyenne fournisseur", "en": "Supplier mean"},
    "current": {"fr": "actuelle", "en": "current"},
    "comments": {"fr": "Ce que disent les répondants", "en": "What respondents said"},
    "not_evaluable": {"fr": "Non évaluable faute de données", "en": "Not evaluable for lack of data"},
    "missing": {"fr": "manque", "en": "missing"},
    "generated": {
        "fr": "Rapport produit par vendormaturity {version}",
        "en": "Report produced by vendormaturity {version}",
    },
    "why_phase": {"fr": "Pourquoi cette phase", "en": "Why this phase"},
    "rules_fired": {"fr": "Règles appliquées", "en": "Rules that applied"},
    "rules_not_applied": {"fr": "Règles non vérifiées", "en": "Rules that did not apply"},
    "weight": {"fr": "poids", "en": "weight"},
    "contribution": {"fr": "contribution", "en": "contribution"},
    "scales": {"fr": "Échelles", "en": "Scales"},
    "facts": {"fr": "Faits", "en": "Facts"},
    "reversed": {"fr": "inversée", "en": "reversed"},
    "if": {"fr": "si", "en": "if"},
    "why_findings": {"fr": "Pourquoi ces constats", "en": "Why these findings"},
}


def text(key: str, lang: str, **values: object) -> str:
    """A fixed text in *lang* (English when the language is not known), filled with *values*."""
    entry = _TEXTS[key]
    template = entry.get(lang, entry["en"])
    return template.format(**values) if values else template


def name(kind: str, value: str | enum.Enum, lang: str) -> str:
    """The display name of an enum value: ``name("severity", Severity.HIGH, "fr")``."""
    key = value.value if isinstance(value, enum.Enum) else value
    entry = _NAMES[kind].get(str(key))
    if entry is None:
        return str(key)
    return entry.get(lang, entry["en"])


def phase_description(phase: str | enum.Enum, lang: str) -> str:
    """One sentence saying what a Tuckman phase means for a client–supplier relationship."""
    key = phase.value if isinstance(phase, enum.Enum) else phase
    entry = _PHASE_DESCRIPTIONS[str(key)]
    return entry.get(lang, entry["en"])


def label(value: Mapping[str, str] | None, lang: str) -> str:
    """A bilingual label from a questionnaire or result, in *lang* where it has it."""
    if not value:
        return ""
    for choice in (lang, "en", "fr"):
        if value.get(choice):
            return value[choice]
    return next(iter(value.values()))


def colon(lang: str) -> str:
    """The separator after a heading word: ``": "`` in English, ``" : "`` in French."""
    return f"{_NARROW_NBSP}: " if lang == "fr" else ": "


def number(value: float | None, lang: str, digits: int = 2) -> str:
    """``3.58`` in English, ``3,58`` in French; an en dash when there is no value."""
    if value is None:
        return "–"
    shown = f"{value:.{digits}f}"
    return shown.replace(".", ",") if lang == "fr" else shown


def signed(value: float | None, lang: str, digits: int = 2) -> str:
    """A gap with its sign: ``+1.83``, ``−0.50`` (a true minus sign), ``0.00``."""
    if value is None:
        return "–"
    if round(value, digits) == 0:
        return number(0.0, lang, digits)
    sign = "+" if value > 0 else "−"
    return sign + number(abs(value), lang, digits)


def percent(value: float | None, lang: str) -> str:
    """``60%`` in English, ``60 %`` in French (thin no-break space)."""
    if value is None:
        return "–"
    whole = f"{value * 100:.0f}"
    return f"{whole}{_NARROW_NBSP}%" if lang == "fr" else f"{whole}%"
