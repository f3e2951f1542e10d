"""Findings: relationship and dimension patterns, escalation, missing data."""

from __future__ import annotations

import pytest

import vendormaturity as vm
from conftest import ResponsesFactory, respondent


def test_watermelon_is_found_with_its_evidence(
    mini: vm.Questionnaire, make_responses: ResponsesFactory
) -> None:
    """Green KPIs and a client rating quality 3 or less: a watermelon, with the values read aloud."""
    responses = make_responses(
        respondent("c", "client", t1=4, t2=2, t3=4, q1=3, q2=3),
        facts={"age_months": 30, "kpi_green_ratio": 0.95},
    )
    (finding,) = [f for f in vm.assess(mini, responses).findings if f.pattern == "watermelon"]
    assert vm.Severity.HIGH == finding.severity
    assert [("facts.kpi_green_ratio >= 0.9", 0.95, 0.9, True), ("client.quality <= 3.0", 3.0, 3.0, True)] == [
        (e.condition, e.value, e.threshold, e.holds) for e in finding.evidence
    ]
    assert ["xla"] == finding.actions


def test_escalation_raises_the_severity(mini: vm.Questionnaire, make_responses: ResponsesFactory) -> None:
    """At 2.0 or below the watermelon is critical."""
    responses = make_responses(
        respondent("c", "client", t1=4, t2=2, t3=4, q1=1, q2=2),
        facts={"age_months": 30, "kpi_green_ratio": 0.95},
    )
    (finding,) = [f for f in vm.assess(mini, responses).findings if f.pattern == "watermelon"]
    assert vm.Severity.CRITICAL == finding.severity
    assert [("client.quality <= 2.0", 1.5, 2.0, True)] == [
        (e.condition, e.value, e.threshold, e.holds) for e in finding.raised_because
    ]


def test_a_severity_not_raised_has_no_reason(
    mini: vm.Questionnaire, make_responses: ResponsesFactory
) -> None:
    """At 3.0 the watermelon keeps its own severity, and no escalation is given as a reason."""
    responses = make_responses(
        respondent("c", "client", t1=4, t2=2, t3=4, q1=3, q2=3),
        facts={"age_months": 30, "kpi_green_ratio": 0.95},
    )
    (finding,) = [f for f in vm.assess(mini, responses).findings if f.pattern == "watermelon"]
    assert (vm.Severity.HIGH, []) == (finding.severity, finding.raised_because)


def test_a_dimension_escalation_names_its_dimension(
    mini_doc: dict[str, object], make_responses: ResponsesFactory
) -> None:
    """A dimension pattern raised in one dimension gives that dimension's escalation as the reason."""
    patterns = mini_doc["patterns"]
    assert isinstance(patterns, list)
    patterns[1]["escalate"] = [{"when": "abs(dim.gap) >= 1.5", "severity": "high"}]
    q = vm.questionnaire_from_dict(mini_doc)
    responses = make_responses(
        respondent("c", "client", t1=2, t2=4, t3=2, q1=4),
        respondent("s", "supplier", t1=4, t2=2, t3=4, q2=4),
    )
    (finding,) = [f for f in vm.assess(q, responses).findings if f.pattern == "perception_gap"]
    assert vm.Severity.HIGH == finding.severity
    assert [("abs(dim.gap) >= 1.5", 2.0, 1.5, True, "trust")] == [
        (e.condition, e.value, e.threshold, e.holds, e.dimension) for e in finding.raised_because
    ]


def test_a_pattern_without_data_is_not_evaluable(
    mini: vm.Questionnaire, make_responses: ResponsesFactory
) -> None:
    """Without the KPI fact the watermelon cannot be judged: listed as not evaluable, not as absent."""
    result = vm.assess(mini, make_responses(respondent("c", "client", t1=4, t2=2, t3=4, q1=3, q2=3)))
    assert "watermelon" not in [f.pattern for f in result.findings]
    assert ["facts.kpi_green_ratio"] == next(u.missing for u in result.not_evaluable if u.id == "watermelon")


def test_dimension_patterns_list_the_dimensions_they_matched(
    mini: vm.Questionnaire, make_responses: ResponsesFactory
) -> None:
    """The supplier rates trust two points above the client: one finding naming the dimension."""
    responses = make_responses(
        respondent("c", "client", t1=2, t2=4, t3=2, q1=4),
        respondent("s", "supplier", t1=4, t2=2, t3=4, q2=4),
    )
    (finding,) = [f for f in vm.assess(mini, responses).findings if f.pattern == "perception_gap"]
    assert ["trust"] == finding.dimensions
    assert [("abs(dim.gap) >= 1.0", 2.0, 1.0, True, "trust")] == [
        (e.condition, e.value, e.threshold, e.holds, e.dimension) for e in finding.evidence
    ]


def test_findings_are_ordered_by_severity(mini: vm.Questionnaire, make_responses: ResponsesFactory) -> None:
    """The most severe finding comes first."""
    responses = make_responses(
        respondent("c", "client", t1=2, t2=4, t3=2, q1=2, q2=2),
        respondent("s", "supplier", t1=4, t2=2, t3=4, q2=4),
        facts={"age_months": 30, "kpi_green_ratio": 0.95},
    )
    assert ["watermelon", "perception_gap"] == [f.pattern for f in vm.assess(mini, responses).findings]


def suspected(mini_doc: dict[str, object]) -> vm.Questionnaire:
    """The mini questionnaire: without the KPIs, a watermelon is suspected at client quality 2.5 or less."""
    patterns = mini_doc["patterns"]
    assert isinstance(patterns, list)
    patterns[0].update({"suspect_when": "client.quality <= 2.5", "confirm_with": ["kpi_green_ratio"]})
    return vm.questionnaire_from_dict(mini_doc)


def test_a_fact_unknown_and_strong_perceptions_make_a_suspected_finding(
    mini_doc: dict[str, object], make_responses: ResponsesFactory
) -> None:
    """No KPI report, quality rated 2: the watermelon is suspected, at its own severity, naming the fact."""
    result = vm.assess(
        suspected(mini_doc), make_responses(respondent("c", "client", t1=4, t2=2, t3=4, q1=2, q2=2))
    )
    (finding,) = [f for f in result.findings if f.pattern == "watermelon"]
    assert ("suspected", ["kpi_green_ratio"], vm.Severity.HIGH) == (
        finding.status,
        finding.confirm_with,
        finding.severity,  # not escalated to critical: escalation waits for the fact
    )
    assert [("client.quality <= 2.5", 2.0, 2.5, True), ("facts.kpi_green_ratio >= 0.9", None, 0.9, None)] == [
        (e.condition, e.value, e.threshold, e.holds) for e in finding.evidence[:2]
    ]
    assert "watermelon" not in [item.id for item in result.not_evaluable]


@pytest.mark.parametrize(
    ("kpi", "found"),
    [(0.95, ("watermelon", "confirmed", vm.Severity.CRITICAL)), (0.5, None)],
)
def test_the_fact_confirms_escalates_or_dismisses_a_suspicion(
    mini_doc: dict[str, object], make_responses: ResponsesFactory, kpi: float, found: object
) -> None:
    """Given the KPI share, the same answers give a confirmed (and escalated) finding, or none."""
    responses = make_responses(
        respondent("c", "client", t1=4, t2=2, t3=4, q1=2, q2=2),
        facts={"age_months": 30, "kpi_green_ratio": kpi},
    )
    findings = [f for f in vm.assess(suspected(mini_doc), responses).findings if f.pattern == "watermelon"]
    assert found == next(((f.pattern, f.status, f.severity) for f in findings), None)


def test_weak_perceptions_leave_the_pattern_not_evaluable(
    mini_doc: dict[str, object], make_responses: ResponsesFactory
) -> None:
    """Quality rated 3: not enough to suspect a watermelon without the KPIs; it stays not evaluable."""
    result = vm.assess(
        suspected(mini_doc), make_responses(respondent("c", "client", t1=4, t2=2, t3=4, q1=3, q2=3))
    )
    assert "watermelon" not in [f.pattern for f in result.findings]
    assert ["facts.kpi_green_ratio"] == next(u.missing for u in result.not_evaluable if u.id == "watermelon")


def test_suspected_findings_come_after_confirmed_ones_of_the_same_severity(
    mini_doc: dict[str, object], make_responses: ResponsesFactory
) -> None:
    """Most severe first; at equal severity, what is confirmed before what is suspected."""
    patterns = mini_doc["patterns"]
    assert isinstance(patterns, list)
    patterns.append(
        dict(patterns[0], id="z_confirmed", when="client.quality <= 2.5", escalate=[], confirm_with=[])
    )
    q = suspected(mini_doc)
    result = vm.assess(q, make_responses(respondent("c", "client", t1=4, t2=2, t3=4, q1=2, q2=2)))
    assert [("z_confirmed", "confirmed"), ("watermelon", "suspected")] == [
        (f.pattern, f.status) for f in result.findings if f.severity is vm.Severity.HIGH
    ]
