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
    "subject",
    "text",
    "unit",
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
    # evidence in plain words: what was seen, and the condition it was compared with
    "observed": {"fr": "Constaté", "en": "Observed"},
    "value_unknown": {"fr": "inconnue", "en": "unknown"},
    "op_>=": {"fr": "au moins {value}", "en": "at least {value}"},
    "op_<=": {"fr": "au plus {value}", "en": "at most {value}"},
    "op_>": {"fr": "plus de {value}", "en": "more than {value}"},
    "op_<": {"fr": "moins de {value}", "en": "less than {value}"},
    "op_==": {"fr": "{value}", "en": "{value}"},
    "op_!=": {"fr": "autre que {value}", "en": "other than {value}"},
    "op_in": {"fr": "l'un de : {value}", "en": "one of: {value}"},
    "op_not in": {"fr": "aucun de : {value}", "en": "none of: {value}"},
    "op_between": {"fr": "entre {low} et {high}", "en": "between {low} and {high}"},
    "op_ramp": {"fr": "graduée de {low} à {high}", "en": "graded from {low} to {high}"},
    "op_known": {"fr": "connue", "en": "known"},
    "either_way": {"fr": "{subject}, en valeur absolue", "en": "{subject}, either way"},
    "if_unknown": {
        "fr": "{subject} (comptée {value} si inconnue)",
        "en": "{subject} (counted as {value} if unknown)",
    },
    "minus": {"fr": "{left} moins {right}", "en": "{left} minus {right}"},
    "raised_because": {
        "fr": "Gravité relevée à {severity} car{colon}{reasons}",
        "en": "Severity raised to {severity} because{colon}{reasons}",
    },
    # data used and data missing
    "data": {"fr": "Données utilisées et données manquantes", "en": "Data used and data missing"},
    "insufficient_no_answers": {
        "fr": "Données insuffisantes pour conclure : aucune question n'a reçu de réponse.",
        "en": "Too little data for a verdict: no question was answered.",
    },
    "insufficient_low_share": {
        "fr": "Données insuffisantes pour conclure : les réponses couvrent {share} des données "
        "d'une évaluation complète{needed}.",
        "en": "Too little data for a verdict: the answers cover {share} of a full assessment's data{needed}.",
    },
    "phase_below_no_answers": {
        "fr": "La phase ci-dessous n'est pas un constat.",
        "en": "The phase below is not a finding.",
    },
    "phase_below_low_share": {
        "fr": "La phase ci-dessous est à lire avec prudence.",
        "en": "Read the phase below with caution.",
    },
    "insufficient_needed": {"fr": " (il en faut au moins {share})", "en": " (at least {share} is needed)"},
    "see_data": {
        "fr": "Voir « Données utilisées et données manquantes ».",
        "en": "See “Data used and data missing”.",
    },
    "answered_share": {"fr": "Part répondue par dimension", "en": "Answered share by dimension"},
    "answered": {"fr": "répondu", "en": "answered"},
    "people": {"fr": "personnes", "en": "people"},
    "coverage_note": {
        "fr": "Part du questionnaire attendue de chaque partie qui a reçu une réponse, et nombre "
        "de répondants ; en dessous de {share}, une dimension n'a pas de score.",
        "en": "Share of what each side was asked that was answered, and how many people answered; "
        "below {share}, a dimension gets no score.",
    },
    "coverage_note_plain": {
        "fr": "Part du questionnaire attendue de chaque partie qui a reçu une réponse, et nombre "
        "de répondants.",
        "en": "Share of what each side was asked that was answered, and how many people answered.",
    },
    "facts_given": {"fr": "Faits renseignés", "en": "Facts given"},
    "facts_missing": {"fr": "Faits non renseignés", "en": "Facts not given"},
    "none": {"fr": "aucun", "en": "none"},
    "not_evaluated_because": {
        "fr": "Règles non évaluées, faute de données",
        "en": "Rules not evaluated for lack of data",
    },
    "rule_kind_phase_rule": {"fr": "Règle de phase", "en": "Phase rule"},
    "rule_kind_pattern": {"fr": "Constat", "en": "Pattern"},
    "rule": {"fr": "Règle", "en": "Rule"},
    "all_evaluated": {
        "fr": "Toutes les règles ont pu être évaluées.",
        "en": "Every rule could be evaluated.",
    },
    "notices": {"fr": "À savoir", "en": "Notices"},
    "notice_no_answers": {
        "fr": "Le répondant « {id} » n'a répondu à aucune question : il n'est pas compté.",
        "en": "Respondent “{id}” answered no question and is not counted.",
    },
    "confidence_explained": {"fr": "D'où vient la confiance", "en": "How confidence is computed"},
    "confidence_formula": {
        "fr": "Confiance {confidence} = probabilité de la phase retenue ({phase}) {probability} "
        "× part du poids des règles de phase évaluable {rules} "
        "× part des données d'une évaluation complète présentes {data}.",
        "en": "Confidence {confidence} = probability of the placed phase ({phase}) {probability} "
        "× share of the phase rules' weight that could be evaluated {rules} "
        "× share of a full assessment's data present {data}.",
    },
    "confidence_data_note": {
        "fr": "Une évaluation complète : chaque dimension renseignée des deux côtés, par au moins "
        "deux personnes de chaque côté.",
        "en": "A full assessment: every dimension answered on both sides, by two people or more "
        "on each side.",
    },
    # plans read without a manual
    "priority_note": {
        "fr": "Priorité : 1 = à faire d'abord (répond à un constat de gravité élevée ou critique) ; "
        "2 = répond à un autre constat, ou à une dimension d'au moins un demi-point sous le seuil "
        "de faiblesse ; 3 = autres dimensions faibles et passage à la phase visée. Dans chaque "
        "horizon, les actions sont classées par priorité, puis par porteur.",
        "en": "Priority: 1 = do first (answers a high or critical finding); 2 = answers another "
        "finding, or a dimension half a point or more below the weak threshold; 3 = other weak "
        "dimensions and the move towards the target phase. Within each horizon, actions are listed "
        "by priority, then owner.",
    },
    "followup_hint": {
        "fr": "Pour le suivi, le prochain fichier de réponses reprend l'identifiant de chaque "
        "action et son statut : {example} (statuts : done, in_progress, not_started, dropped).",
        "en": "To follow the plan up, the next response file gives each action's id and status: "
        "{example} (statuses: done, in_progress, not_started, dropped).",
    },
    "id": {"fr": "Identifiant", "en": "Id"},
    "dropped_before": {"fr": "abandonnée précédemment", "en": "dropped before"},
    "closed_count": {
        "fr": "{done} actions échues sur {due} soldées ({share})",
        "en": "{done} of {due} due actions closed ({share})",
    },
    "closed_count_one": {
        "fr": "{done} action échue sur {due} soldée ({share})",
        "en": "{done} of {due} due action closed ({share})",
    },
    "not_counted": {"fr": "non comptées{colon}{items}", "en": "not counted{colon}{items}"},
    "not_counted_dropped": {"fr": "{count} abandonnées", "en": "{count} dropped"},
    "not_counted_dropped_one": {"fr": "{count} abandonnée", "en": "{count} dropped"},
    "not_counted_later": {
        "fr": "{count} en cours à un horizon plus lointain",
        "en": "{count} in progress on a longer horizon",
    },
    "not_counted_later_one": {
        "fr": "{count} en cours à un horizon plus lointain",
        "en": "{count} in progress on a longer horizon",
    },
    "not_counted_unreported": {"fr": "{count} non renseignées", "en": "{count} not reported"},
    "not_counted_unreported_one": {"fr": "{count} non renseignée", "en": "{count} not reported"},
    "list_separator": {"fr": "\u202f; ", "en": "; "},
}

# What each name of the rule language stands for, to read evidence and missing data aloud.
# Keys are names with ``*`` for a dimension id or a phase; ``{dimension}`` and ``{phase}``
# are filled with their labels.
_SUBJECTS: Final[dict[str, dict[str, str]]] = {
    "client.*": {"fr": "Moyenne du client sur {dimension}", "en": "Client average on {dimension}"},
    "supplier.*": {"fr": "Moyenne du fournisseur sur {dimension}", "en": "Supplier average on {dimension}"},
    "overall.*": {
        "fr": "Moyenne des deux parties sur {dimension}",
        "en": "Average of both sides on {dimension}",
    },
    "gap.*": {
        "fr": "Écart fournisseur − client sur {dimension}",
        "en": "Gap supplier − client on {dimension}",
    },
    "client_sd.*": {
        "fr": "Dispersion des réponses du client sur {dimension} (écart type)",
        "en": "Spread of client answers on {dimension} (standard deviation)",
    },
    "supplier_sd.*": {
        "fr": "Dispersion des réponses du fournisseur sur {dimension} (écart type)",
        "en": "Spread of supplier answers on {dimension} (standard deviation)",
    },
    "client_rwg.*": {
        "fr": "Accord entre les répondants du client sur {dimension} (rwg, 1 = total)",
        "en": "Agreement among client respondents on {dimension} (rwg, 1 = full)",
    },
    "supplier_rwg.*": {
        "fr": "Accord entre les répondants du fournisseur sur {dimension} (rwg, 1 = total)",
        "en": "Agreement among supplier respondents on {dimension} (rwg, 1 = full)",
    },
    "coverage.*": {"fr": "Part répondue sur {dimension}", "en": "Share answered on {dimension}"},
    "delta.client.*": {
        "fr": "Évolution de la moyenne du client sur {dimension} depuis l'évaluation précédente",
        "en": "Change of the client average on {dimension} since the previous assessment",
    },
    "delta.supplier.*": {
        "fr": "Évolution de la moyenne du fournisseur sur {dimension} depuis l'évaluation précédente",
        "en": "Change of the supplier average on {dimension} since the previous assessment",
    },
    "delta.overall.*": {
        "fr": "Évolution de la moyenne des deux parties sur {dimension} depuis l'évaluation précédente",
        "en": "Change of the average of both sides on {dimension} since the previous assessment",
    },
    "dim.client_respondents": {
        "fr": "Répondants du client sur {dimension}",
        "en": "Client respondents on {dimension}",
    },
    "dim.supplier_respondents": {
        "fr": "Répondants du fournisseur sur {dimension}",
        "en": "Supplier respondents on {dimension}",
    },
    "summary.client_mean": {
        "fr": "Moyenne du client, toutes dimensions",
        "en": "Client average over all dimensions",
    },
    "summary.supplier_mean": {
        "fr": "Moyenne du fournisseur, toutes dimensions",
        "en": "Supplier average over all dimensions",
    },
    "summary.overall_mean": {
        "fr": "Moyenne des deux parties, toutes dimensions",
        "en": "Average of both sides over all dimensions",
    },
    "summary.client_min": {
        "fr": "Plus faible moyenne du client sur une dimension",
        "en": "Client's lowest average on a dimension",
    },
    "summary.supplier_min": {
        "fr": "Plus faible moyenne du fournisseur sur une dimension",
        "en": "Supplier's lowest average on a dimension",
    },
    "summary.overall_min": {
        "fr": "Plus faible moyenne des deux parties sur une dimension",
        "en": "Lowest average of both sides on a dimension",
    },
    "summary.max_gap": {"fr": "Plus grand écart fournisseur − client", "en": "Largest gap supplier − client"},
    "summary.max_abs_gap": {
        "fr": "Plus grand écart entre les parties, dans un sens ou dans l'autre",
        "en": "Largest gap between the sides, either way",
    },
    "summary.max_client_sd": {
        "fr": "Plus forte dispersion des réponses du client sur une dimension",
        "en": "Largest spread of client answers on a dimension",
    },
    "summary.dont_know_ratio": {
        "fr": "Part des questions répondues « je ne sais pas »",
        "en": "Share of questions answered “don't know”",
    },
    "summary.client_respondents": {"fr": "Répondants du client", "en": "Client respondents"},
    "summary.supplier_respondents": {"fr": "Répondants du fournisseur", "en": "Supplier respondents"},
    "delta.summary.client_mean": {
        "fr": "Évolution de la moyenne du client depuis l'évaluation précédente",
        "en": "Change of the client average since the previous assessment",
    },
    "delta.summary.supplier_mean": {
        "fr": "Évolution de la moyenne du fournisseur depuis l'évaluation précédente",
        "en": "Change of the supplier average since the previous assessment",
    },
    "delta.summary.overall_mean": {
        "fr": "Évolution de la moyenne des deux parties depuis l'évaluation précédente",
        "en": "Change of the average of both sides since the previous assessment",
    },
    "history.count": {"fr": "Évaluations antérieures", "en": "Earlier assessments"},
    "history.previous_phase": {
        "fr": "Phase à l'évaluation précédente",
        "en": "Phase at the previous assessment",
    },
    "history.norming_streak": {
        "fr": "Évaluations antérieures consécutives en normalisation",
        "en": "Earlier assessments in a row placed in norming",
    },
    "history.storming_norming_switches": {
        "fr": "Bascules entre conflit et normalisation dans les évaluations antérieures récentes",
        "en": "Switches between storming and norming in recent earlier assessments",
    },
    "trend.norming_streak": {
        "fr": "Évaluations consécutives en normalisation, celle-ci comprise",
        "en": "Assessments in a row placed in norming, this one included",
    },
    "trend.storming_norming_switches": {
        "fr": "Bascules entre conflit et normalisation dans les évaluations récentes, celle-ci comprise",
        "en": "Switches between storming and norming in recent assessments, this one included",
    },
    "followup.planned": {"fr": "Actions du plan précédent", "en": "Actions of the previous plan"},
    "followup.reported": {
        "fr": "Actions du plan précédent dont le statut est renseigné",
        "en": "Previous-plan actions with a reported status",
    },
    "followup.closed_ratio": {
        "fr": "Part des actions échues du plan précédent qui sont soldées",
        "en": "Share of the previous plan's due actions closed",
    },
    "followup.not_started_ratio": {
        "fr": "Part des actions échues du plan précédent non commencées",
        "en": "Share of the previous plan's due actions not started",
    },
    "followup.stale": {
        "fr": "Actions recommandées à répétition et toujours pas faites",
        "en": "Actions recommended again and again and still not done",
    },
    "phase.current": {"fr": "Phase retenue", "en": "Phase placed"},
    "phase.*": {"fr": "Probabilité de la phase {phase}", "en": "Probability of {phase}"},
    "phase.margin": {
        "fr": "Avance de la phase retenue sur la suivante",
        "en": "Lead of the placed phase over the next one",
    },
    "phase.confidence": {"fr": "Confiance du placement", "en": "Confidence of the placement"},
    "baseline.phase": {
        "fr": "Phase lue par la référence par sommes de stades",
        "en": "Phase read by the stage-sum baseline",
    },
}

# Units written in the bundled questionnaires (free text in English), as French readers read them.
_UNITS: Final[dict[str, dict[str, str]]] = {
    "months": {"fr": "mois"},
    "per month": {"fr": "par mois"},
    "per year": {"fr": "par an"},
    "topics": {"fr": "sujets"},
    "penalties in 12 months": {"fr": "pénalités sur 12 mois"},
    "proposals in 12 months": {"fr": "propositions sur 12 mois"},
}


def text(key: str, lang: str, **values: object) -> str:
    """A fixed text in *lang* (English when the language is not known), filled with *values*."""
    entry = _TEXTS[key]
    template = entry.get(lang, entry["en"])
    return template.format(**values) if values else template


def subject(key: str, lang: str, **values: str) -> str | None:
    """What a rule name stands for (``client.*`` → "Client average on {dimension}"), or None."""
    entry = _SUBJECTS.get(key)
    if entry is None:
        return None
    return entry.get(lang, entry["en"]).format(**values)


def unit(value: str, lang: str) -> str:
    """A fact's unit as readers of *lang* read it (the unit as written when not known)."""
    return _UNITS.get(value, {}).get(lang, value)


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
