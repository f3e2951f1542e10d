"""Findings: relationship and dimension patterns, escalation, missing data."""

from __future__ import annotations

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
