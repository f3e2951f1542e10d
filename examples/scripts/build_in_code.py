"""Build a response set in Python (no file) and assess it with the bundled pulse questionnaire.

    python examples/scripts/build_in_code.py

A starting point for an application that collects answers itself (a web form, a survey
tool's export) and wants the phase, the findings and the plan.
"""

from __future__ import annotations

import datetime

import vendormaturity as vm


def responses() -> vm.ResponseSet:
    """Two client managers and one supplier lead answered the quarterly pulse."""
    return vm.ResponseSet(
        questionnaire="pulse",
        questionnaire_version="1.0.0",
        relationship="initech-payroll",
        client="Initech",
        supplier="PayWise",
        date=datetime.date(2025, 9, 30),
        facts={
            "kpi_green_ratio": 0.93,
            "age_months": 26,
            "months_to_exit": 22,
            "escalations_per_month": 1.5,
            "actions_closed_ratio": 0.45,
            "segment": "strategic",
        },
        respondents=[
            vm.Respondent(
                id="payroll-lead",
                side=vm.Side.CLIENT,
                role=vm.Role.MANAGER,
                answers={
                    "p01": 3,
                    "p02": 2,
                    "p03": 3,
                    "p04": 3,
                    "p05": 4,
                    "p06": 4,
                    "p07": 2,
                    "p08": 2,
                    "p09": 3,
                    "p11": 5,
                },
            ),
            vm.Respondent(
                id="hr-director",
                side=vm.Side.CLIENT,
                role=vm.Role.EXECUTIVE,
                answers={
                    "p01": 3,
                    "p02": 3,
                    "p03": "dk",
                    "p04": 4,
                    "p06": 3,
                    "p07": 3,
                    "p08": 2,
                    "p09": 3,
                    "p11": 6,
                },
            ),
            vm.Respondent(
                id="delivery-lead",
                side=vm.Side.SUPPLIER,
                role=vm.Role.MANAGER,
                answers={
                    "p01": 5,
                    "p03": 4,
                    "p04": 4,
                    "p06": 2,
                    "p07": 4,
                    "p08": 4,
                    "p09": 2,
                    "p10": 2,
                    "p11": 8,
                },
            ),
        ],
    )


def main() -> None:
    questionnaire = vm.load_questionnaire("pulse")
    result = vm.assess(questionnaire, responses())
    print(f"{result.relationship}: {result.phase.value} ({result.confidence:.0%} confidence)")
    for finding in result.findings:
        print(f"  finding  {finding.severity.value:<8} {finding.title['en']}")
    for action in result.plan.actions:
        print(
            f"  action   P{action.priority} {action.owner.value:<8} {action.horizon.value:<7} "
            f"{action.title['en']}"
        )


if __name__ == "__main__":
    main()
