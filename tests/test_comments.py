"""The comment reader: how negations, clauses, exclusions and abbreviations decide, and what
an assessment says of the comments (tagged, counted by side, quoted under findings).

A small vocabulary of three triggers shows each mechanism; the bundled vocabulary is read
on the hard cases people really write.
"""

from __future__ import annotations

import copy
import datetime
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import vendormaturity as vm
from conftest import mini_document
from vendormaturity.cli import app
from vendormaturity.engine.compiler import compile_questionnaire


def _label(text: str) -> dict[str, str]:
    return {"fr": text, "en": text}


def trigger(trigger_id: str, fr: list[str], en: list[str], **extra: Any) -> dict[str, Any]:
    return {
        "id": trigger_id,
        "label": _label(trigger_id),
        "description": _label(trigger_id),
        "cues": {"fr": fr, "en": en},
        **extra,
    }


def reading_document() -> dict[str, Any]:
    """The mini questionnaire with a vocabulary of three triggers, and two patterns that count them."""
    document = copy.deepcopy(mini_document())
    document["comments"] = {
        "negations": {"fr": ["pas", "aucun|aucune", "jamais", "sans"], "en": ["no", "not", "never"]},
        "negations_after": {"fr": ["aucun|aucune"], "en": ["none"]},
        "not_negations": {"fr": ["sans cesse"], "en": ["not only"]},
        "breaks": {"fr": ["mais"], "en": ["but"]},
        "window": 3,
        "abbreviations": {"copil": "comite de pilotage", "pm": "project manager"},
    }
    document["triggers"] = [
        trigger(
            "cc_escalation",
            ["(directeur|chef) ~3 en copie"],
            ["(cc|copies) ~4 (director|boss)", "escalat* ~3 director"],
            exclude={"fr": ["niveau 3"], "en": ["level 3"]},
        ),
        trigger("no_followup", ["memes sujets ~4 comite de pilotage"], ["same topics ~4 steering committee"]),
        trigger(
            "perceived_quality_gap",
            ["kpi* ~2 vert* & utilisateur* ~3 plaign*"],
            ["kpi* ~2 green & users ~3 complain*"],
        ),
    ]
    document["patterns"].append(
        {
            "id": "escalation_culture",
            "title": _label("Escalation culture"),
            "description": _label("Managers in copy"),
            "severity": "medium",
            "when": "overall.trust <= 2.5 "
            "or comments.client.cc_escalation + comments.supplier.cc_escalation >= 2",
            "actions": ["mirror"],
        }
    )
    # the watermelon: the KPI report confirms it; comments at most raise a suspicion
    document["patterns"][0].update(
        {
            "when": "facts.kpi_green_ratio >= 0.9 and client.quality <= 3.0 "
            "or client.quality <= 3.0 and comments.all.perceived_quality_gap >= 1",
            "suspect_when": "client.quality <= 3.0 and comments.client.perceived_quality_gap >= 1",
            "confirm_with": ["kpi_green_ratio"],
        }
    )
    return document


QUESTIONNAIRE = vm.questionnaire_from_dict(reading_document(), name="reading.toml")
VOCABULARY = compile_questionnaire(QUESTIONNAIRE).vocabulary


def read(text: str) -> list[str]:
    return list(VOCABULARY.read(text))


@pytest.mark.parametrize(
    ("text", "expected", "why"),
    [
        ("Le PM met son directeur en copie de tout.", ["cc_escalation"], "a cue, found"),
        ("The PM copies his director on everything.", ["cc_escalation"], "in English"),
        ("Le PM copies his director sur chaque ticket.", ["cc_escalation"], "mixed: every language is read"),
        ("LE DIRECTEUR EST EN COPIE", ["cc_escalation"], "capitals"),
        ("Le PM ne met pas son directeur en copie.", [], "a negation just before"),
        ("Le directeur n'est jamais en copie.", [], "a negation in a gap the cue allows"),
        ("Escalations to the director: none.", [], "a negation right after"),
        ("Pas de souci, le directeur en copie de tout.", ["cc_escalation"], "a comma ends the negation"),
        ("No delay but the PM copies his boss.", ["cc_escalation"], "a break ends the negation"),
        ("Sans cesse le directeur en copie.", ["cc_escalation"], "looks like a negation, is not one"),
        (
            "Never a dull day here with the team at all: the PM copies his director.",
            ["cc_escalation"],
            "a negation farther than the window",
        ),
        ("Ticket escalated to level 3 by the director.", [], "an exclusion: the word in another sense"),
        ("Mêmes sujets à chaque COPIL.", ["no_followup"], "an abbreviation spelled out"),
        ("Memes sujets a chaque comite de pilotage.", ["no_followup"], "no accents"),
        ("KPIs are green. Users complain every day.", ["perceived_quality_gap"], "parts in two sentences"),
        ("KPIs are green. Users are happy.", [], "one part only"),
        ("KPIs are green. No users complain.", [], "a part denied"),
    ],
)
def test_how_the_reader_decides(text: str, expected: list[str], why: str) -> None:
    """Each mechanism of docs/comments.md, on its own."""
    assert expected == read(text), why


def test_the_trigger_in_the_last_clause_of_a_long_comment_is_read() -> None:
    """A long comment that praises first and complains last."""
    text = (
        "The team is friendly and competent, releases are on time, the new reporting is clear "
        "and the steering committee is useful; the only thing: the PM copies his boss on every ticket."
    )
    assert ["cc_escalation"] == read(text)


def test_triggers_come_in_the_vocabulary_s_order_with_the_sentence_they_were_read_in() -> None:
    """The quote is the sentence of the cue; parts in several sentences span them all."""
    text = "Mêmes sujets à chaque COPIL. KPIs are green. Sadly users complain."
    assert {
        "no_followup": (0, 27),
        "perceived_quality_gap": (28, 65),
    } == dict(VOCABULARY.read(text))


def test_a_questionnaire_without_triggers_reads_nothing(mini: vm.Questionnaire) -> None:
    """No vocabulary: no trigger, whatever the comment says."""
    assert {} == compile_questionnaire(mini).vocabulary.read("Le directeur en copie de tout.")


def responses(*respondents: vm.Respondent, **extra: Any) -> vm.ResponseSet:
    return vm.ResponseSet(
        questionnaire="mini",
        questionnaire_version="1.2.0",
        relationship="rel",
        client="Client",
        supplier="Supplier",
        date=datetime.date(2026, 9, 1),
        facts={"age_months": 24},
        respondents=list(respondents),
        **extra,
    )


def person(rid: str, side: str, quality: int = 4, **comments: Any) -> vm.Respondent:
    answers: dict[str, int | float | str] = {"t1": 4, "t2": 2, "t3": 4}
    if side == "client":
        answers.update(q1=quality, q2=quality)
    return vm.Respondent(id=rid, side=vm.Side(side), answers=answers, **comments)


COPIES = "Le directeur est en copie de tout."


def test_the_result_lists_every_comment_with_its_triggers() -> None:
    """The response set's own comment first, then each respondent's general and question comments."""
    result = vm.assess(
        QUESTIONNAIRE,
        responses(
            person("c1", "client", comment="RAS", comments={"q1": COPIES}),
            person("s1", "supplier", comments={"t1": "Same topics at every steering committee."}),
            comment="Annual review.",
        ),
    )
    assert [
        (None, None, None, "Annual review.", []),
        ("c1", "client", None, "RAS", []),
        ("c1", "client", "q1", COPIES, ["cc_escalation"]),
        ("s1", "supplier", "t1", "Same topics at every steering committee.", ["no_followup"]),
    ] == [(c.respondent, c.side, c.question, c.text, c.triggers) for c in result.comments]
    assert {"cc_escalation": COPIES} == result.comments[2].quotes


def test_respondents_are_counted_once_by_side_and_the_general_comment_in_all_only() -> None:
    """Two comments of one person count once; the response set's own comment only in `all`."""
    result = vm.assess(
        QUESTIONNAIRE,
        responses(
            person("c1", "client", comment=COPIES, comments={"q1": COPIES}),
            person("s1", "supplier", comment=COPIES),
            comment=COPIES,
        ),
    )
    assert {"client": 1, "supplier": 1, "all": 3} == result.comment_triggers["cc_escalation"]
    assert {"client": 0, "supplier": 0, "all": 0} == result.comment_triggers["no_followup"]


def test_a_finding_quotes_the_comments_its_rule_counts() -> None:
    """Two respondents who write it are the escalation culture; both are quoted, the unrelated one is not."""
    result = vm.assess(
        QUESTIONNAIRE,
        responses(
            person("c1", "client", comment=COPIES),
            person("c2", "client", comment="Same topics at every steering committee."),
            person("s1", "supplier", comment="Their PM copies our boss on every email."),
        ),
    )
    (finding,) = [f for f in result.findings if f.pattern == "escalation_culture"]
    assert ("confirmed", [(0, ["cc_escalation"]), (2, ["cc_escalation"])]) == (
        finding.status,
        [(quote.comment, quote.triggers) for quote in finding.quotes],
    )
    assert (
        "comments.client.cc_escalation + comments.supplier.cc_escalation >= 2",
        2.0,
        True,
    ) in [(e.condition, e.value, e.holds) for e in finding.evidence]


def test_comments_alone_do_not_confirm_what_a_missing_fact_leaves_open() -> None:
    """Without the KPI report the watermelon is suspected from a comment, never confirmed by it."""
    gap = "KPIs are green. Users complain every day."
    result = vm.assess(QUESTIONNAIRE, responses(person("c1", "client", quality=2, comment=gap)))
    (finding,) = [f for f in result.findings if f.pattern == "watermelon"]
    assert ("suspected", ["kpi_green_ratio"], [0]) == (
        finding.status,
        finding.confirm_with,
        [quote.comment for quote in finding.quotes],
    )


def test_with_every_fact_known_comments_count_as_the_rule_says() -> None:
    """The report known but below 90 %: the rule's own comment clause confirms the watermelon."""
    gap = "KPIs are green. Users complain every day."
    with_report = responses(person("c1", "client", quality=2, comment=gap)).model_copy(
        update={"facts": {"age_months": 24, "kpi_green_ratio": 0.8}}
    )
    (finding,) = [f for f in vm.assess(QUESTIONNAIRE, with_report).findings if f.pattern == "watermelon"]
    assert "confirmed" == finding.status


def test_without_comments_the_counts_are_zero_not_unknown() -> None:
    """Nobody wrote anything: the comment clause is false and the rest of the rule decides."""
    result = vm.assess(QUESTIONNAIRE, responses(person("c1", "client", quality=2)))
    assert [] == result.comments
    assert "escalation_culture" not in [f.pattern for f in result.findings]
    assert "escalation_culture" not in [item.id for item in result.not_evaluable]


def test_assess_json_carries_the_comments() -> None:
    """`assess --format json` prints each comment with respondent, side, question, text and triggers."""
    folder = Path(__file__).resolve().parents[1] / "examples" / "acme-hosting"
    outcome = CliRunner().invoke(app, ["assess", str(folder / "2026-09-15.toml"), "--format", "json"])
    assert 0 == outcome.exit_code, outcome.output
    document = json.loads(outcome.output)
    tagged = [c for c in document["comments"] if c["triggers"]]
    assert [
        {
            "respondent": "c-plant",
            "side": "client",
            "question": "qual_user_perceived",
            "text": "The SLA dashboard is green but the MES slows down every morning at shift change; "
            "nobody owns that.",
            "triggers": ["perceived_quality_gap"],
        }
    ] == [{key: c[key] for key in ("respondent", "side", "question", "text", "triggers")} for c in tagged]
    assert {"client": 1, "supplier": 0, "all": 1} == document["comment_triggers"]["perceived_quality_gap"]


BUNDLED = compile_questionnaire(vm.load_questionnaire("relationship")).vocabulary


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pas de souci de périmètre, le contrat est clair.", []),
        ("No escalation this quarter.", []),
        ("Their turnover grew to 40 million last year.", []),
        ("Le turnover de l'équipe support est énorme, trois départs en six mois.", ["turnover"]),
        ("P1 tickets are escalated to level 3 within the hour, as agreed.", []),
        ("The PM escalates every ticket to his director.", ["cc_escalation"]),
        ("Le cdc est flou et chaque evolution devient une negociation.", ["scope_dispute"]),
        ("Les memes sujets reviennent a chaque COPIL.", ["no_followup"]),
        ("On découvre la date de MEP la veille.", ["communication_gap"]),
        ("Le PM met son N+1 en copie de chaque mail.", ["cc_escalation"]),
        ("KPIs are green but users complain every day.", ["perceived_quality_gap"]),
        ("Les KPI sont au vert mais les users se plaignent.", ["perceived_quality_gap"]),
        (
            "Bonne année dans l'ensemble, les livraisons sont à l'heure et le support est réactif, "
            "mais les actions décidées en comité ne sont jamais suivies.",
            ["no_followup"],
        ),
        ("Their legal team blocks every data transfer for fear of GDPR fines.", ["risk_fear"]),
        ("La DSI et les métiers se contredisent sur les priorités.", ["client_internal_tension"]),
        ("Users were never trained and don't know how to use the portal.", ["knowhow_gap"]),
        ("Ils contestent nos factures depuis qu'on a refusé l'avenant.", ["retaliation", "scope_dispute"]),
    ],
)
def test_the_bundled_vocabulary_reads_what_people_write(text: str, expected: list[str]) -> None:
    """The hard cases: negation, another sense, no accents, abbreviations, mixed, the last clause."""
    assert sorted(expected) == sorted(BUNDLED.read(text))
