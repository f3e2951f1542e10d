"""Write the example relationships of ``examples/`` from compact scenario definitions.

Each scenario is one fictional client–supplier relationship assessed at one or more dates.
Per date it gives the facts, the follow-up of the previous plan and, per side, a target
profile: the level (1–5, "good" is always high) each dimension should reach. Every
respondent answers every question of their side around that profile, shifted by their own
bias and offsets, with a little deterministic noise (``random.Random`` seeded by
relationship, date and respondent). The generator then reverses reverse-scored items,
skips questions whose ``relevant`` condition is false, answers "dk" where a person cannot
know (pre-deal questions for people who joined later, dimensions they do not see) and
writes readable TOML with ``tomli_w``.

The expected outcome of each case (``expected.toml``) was written from the domain notes,
before the engine was run; ``examples/README.md`` is written from the same definitions.

Run from the repository root::

    .venv/bin/python tools/make_examples.py            # (re)write examples/
    .venv/bin/python tools/make_examples.py --check    # exit 1 if examples/ is out of date
"""

from __future__ import annotations

import argparse
import datetime
import math
import random
import shutil
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import tomli_w
from make_operational_samples import example_exports

import vendormaturity as vm

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
QUESTIONNAIRE = "relationship"

# Short names for the eleven dimensions of the bundled questionnaire.
SHORT = {
    "obj": "shared_objectives",
    "clar": "contract_clarity",
    "gov": "governance",
    "trust": "trust",
    "comm": "communication",
    "qual": "service_quality",
    "imp": "improvement",
    "know": "knowledge",
    "val": "value_creation",
    "com": "commitment",
    "align": "client_alignment",
}
ITEM_NOISE = 0.35  # standard deviation of one answer around its target, before rounding
PERSON_NOISE = 0.12  # standard deviation of a person's own shift on one dimension


def profile(base: float, **levels: float) -> dict[str, float]:
    """A target level per dimension: *base* everywhere, except the short names given."""
    unknown = set(levels) - set(SHORT)
    if unknown:
        raise ValueError(f"unknown dimensions {sorted(unknown)}; use {sorted(SHORT)}")
    return {dimension: levels.get(short, base) for short, dimension in SHORT.items()}


@dataclass(frozen=True)
class Person:
    """One respondent. Offsets and skips use the short dimension names."""

    id: str
    side: str  # client or supplier
    role: str  # executive, manager, operational, other
    name: str
    bias: float = 0.0  # general optimism (+) or severity (−) of this person
    offsets: Mapping[str, float] = field(default_factory=dict)
    dk: float = 0.03  # chance of a "don't know" on any question
    predeal: bool = True  # False: joined after signature, does not know the pre-deal items
    skip: tuple[str, ...] = ()  # dimensions this person cannot judge: "dk" to all their items


@dataclass(frozen=True)
class Wave:
    """One dated assessment of a relationship."""

    date: str
    intended: str  # the phase this assessment is written to express (checked, not used by the engine)
    client: Mapping[str, float]
    supplier: Mapping[str, float]
    facts: Mapping[str, object]
    comment: str
    followup: Sequence[tuple[str, str]] = ()
    items: Mapping[str, float] = field(default_factory=dict)  # per-question target, both sides
    client_items: Mapping[str, float] = field(default_factory=dict)
    supplier_items: Mapping[str, float] = field(default_factory=dict)
    people: Sequence[Person] | None = None  # default: the scenario's people
    notes: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # person → question → comment


@dataclass(frozen=True)
class Exports:
    """The newest assessment's facts come from raw exports written into the folder's exports/.

    The follow-up of the previous plan is read from the action tracker among them: *tracker*
    gives, in the previous plan's order, the status the tracker shows for each action.
    """

    mappings: Sequence[str]
    period: str
    tracker: Sequence[str]


@dataclass(frozen=True)
class Scenario:
    id: str
    client: str
    supplier: str
    service: str  # one line: what the contract covers
    segment: str | None
    start: str  # contract start: gives age_months (derived by the questionnaire)
    end: str | None  # contract end: gives months_to_exit (derived by the questionnaire)
    people: Sequence[Person]
    waves: Sequence[Wave]
    phase: str  # expected phase of the newest assessment
    findings: Sequence[str]  # expected patterns of the newest assessment, exactly
    why: str
    shows: str  # README: what the case shows and what the engine should say
    facts: Mapping[str, object] = field(default_factory=dict)  # defaults for every wave
    extra: Mapping[str, object] = field(default_factory=dict)  # further expected.toml keys
    exports: Exports | None = None  # the newest assessment's facts come from raw exports


# --------------------------------------------------------------------------- helpers


def months_between(start: datetime.date, end: datetime.date) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - (1 if end.day < start.day else 0)


def person(pid: str, side: str, role: str, name: str, **kwargs: object) -> Person:
    return Person(pid, side, role, name, **kwargs)  # type: ignore[arg-type]


def client_(pid: str, role: str, name: str, **kwargs: object) -> Person:
    return person(pid, "client", role, name, **kwargs)


def supplier_(pid: str, role: str, name: str, **kwargs: object) -> Person:
    return person(pid, "supplier", role, name, **kwargs)


# Healthy, unremarkable facts; every scenario states what differs.
CALM = {
    "kpi_green_ratio": 0.88,
    "escalations_per_month": 0.3,
    "actions_closed_ratio": 0.7,
    "key_staff_turnover": 0.1,
    "bid_team_continuity": 0.6,
    "repeated_steering_topics": 0,
    "penalties_applied": 0,
    "contested_invoices_ratio": 0.02,
    "improvement_proposals": 5,
    "key_person_dependency": False,
    "documentation_up_to_date": True,
    "exit_plan_active": False,
}

# --------------------------------------------------------------------------- scenarios

SCENARIOS: list[Scenario] = []


def scenario(s: Scenario) -> None:
    SCENARIOS.append(s)


# 1. The quick-start case: infrastructure hosting stuck in norming behind green KPIs.
scenario(
    Scenario(
        id="acme-hosting",
        client="ACME Industries",
        supplier="HostCo Managed Services",
        service="Infrastructure outsourcing: hosting, servers, storage and network run for twelve plants.",
        segment="strategic",
        start="2022-06-01",
        end="2029-05-31",
        facts={**CALM, "bid_team_continuity": 0.3, "key_staff_turnover": 0.15},
        people=[
            client_("c-cio", "executive", "CIO", bias=0.1),
            client_("c-infra", "manager", "Head of infrastructure"),
            client_("c-vendor", "other", "Vendor manager, purchasing"),
            client_("c-plant", "operational", "IT coordinator, Lyon plant", bias=-0.2, predeal=False),
            supplier_("s-account", "executive", "Account director", bias=0.15),
            supplier_("s-sdm", "manager", "Service delivery manager"),
            supplier_("s-ops", "operational", "Run team lead", predeal=False),
        ],
        waves=[
            Wave(
                date="2023-09-14",
                intended="storming",
                comment="First assessment, end of the transition year.",
                client=profile(2.8, clar=2.3, comm=2.4, qual=2.6, val=2.4, align=3.0, obj=3.0),
                supplier=profile(3.0, clar=2.5, comm=2.6, qual=3.2, val=2.6, align=2.9),
                facts={
                    "kpi_green_ratio": 0.78,
                    "escalations_per_month": 2.2,
                    "contested_invoices_ratio": 0.12,
                    "penalties_applied": 2,
                    "actions_closed_ratio": 0.5,
                    "improvement_proposals": 2,
                    "bid_team_continuity": 0.4,
                },
            ),
            Wave(
                date="2024-09-12",
                intended="norming",
                comment="Annual assessment. Contract reading guide adopted in February.",
                client=profile(3.1, clar=3.6, gov=3.7, comm=3.2, qual=2.9, val=2.5, imp=3.0),
                supplier=profile(3.3, clar=3.8, gov=3.9, comm=3.4, qual=3.5, val=2.8),
                facts={
                    "kpi_green_ratio": 0.91,
                    "escalations_per_month": 0.8,
                    "improvement_proposals": 3,
                    "actions_closed_ratio": 0.6,
                },
                followup=[
                    ("contract_interpretation_guide", "done"),
                    ("joint_escalation_protocol", "done"),
                    ("change_control_board", "in_progress"),
                    ("penalty_reinvestment", "dropped"),
                ],
            ),
            Wave(
                date="2025-09-11",
                intended="norming",
                comment="Annual assessment.",
                client=profile(3.1, clar=3.6, gov=3.7, comm=3.3, qual=2.8, val=2.5, imp=3.0),
                supplier=profile(3.3, clar=3.8, gov=3.9, comm=3.4, qual=3.5, val=2.8),
                facts={
                    "kpi_green_ratio": 0.94,
                    "escalations_per_month": 0.7,
                    "improvement_proposals": 3,
                    "actions_closed_ratio": 0.6,
                },
                followup=[
                    ("xla_pilot", "not_started"),
                    ("joint_quality_review", "done"),
                    ("user_voice_panel", "in_progress"),
                    ("joint_value_roadmap", "done"),
                ],
            ),
            Wave(
                date="2026-09-15",
                intended="norming",
                comment="Annual assessment. SLA report: 96% of indicators green over the year.",
                client=profile(3.1, clar=3.6, gov=3.7, comm=3.3, trust=3.1, qual=2.7, val=2.5, imp=3.0),
                supplier=profile(3.2, clar=3.8, gov=3.9, comm=3.4, trust=3.3, qual=3.2, val=2.8),
                client_items={"qual_kpis_reflect": 2.2},
                facts={
                    "kpi_green_ratio": 0.96,
                    "escalations_per_month": 0.6,
                    "improvement_proposals": 3,
                    "actions_closed_ratio": 0.6,
                },
                followup=[
                    ("xla_pilot", "not_started"),
                    ("joint_quality_review", "done"),
                    ("user_voice_panel", "done"),
                    ("outcome_based_incentives", "in_progress"),
                    ("innovation_fund", "done"),
                ],
                notes={
                    "c-plant": {
                        "qual_user_perceived": "The SLA dashboard is green but the MES slows down "
                        "every morning at shift change; nobody owns that."
                    },
                    "s-sdm": {"qual_kpis_reflect": "Every SLA has been met for eleven months."},
                },
            ),
        ],
        phase="norming",
        findings=["stuck_in_norming", "watermelon"],
        why=(
            "Four years in, three assessments in a row at norming: a clear contract, working governance, "
            "moderate satisfaction on both sides and little value beyond the contract, for a strategic "
            "supplier.\n96% of SLAs are green while the client rates perceived quality below 3: the "
            "watermelon that keeps everyone comfortable."
        ),
        shows=(
            "Stuck in norming behind green KPIs: the engine should place it in norming (after a storming "
            "first year) and find `stuck_in_norming` and `watermelon`, nothing else."
        ),
    )
)

# 2. A performing relationship with no stuck pattern: it left norming two years ago.
scenario(
    Scenario(
        id="brightwater-ams",
        client="Brightwater Utilities",
        supplier="Kestrel Consulting",
        service="Application maintenance and evolution of the customer billing and metering platform.",
        segment="strategic",
        start="2020-01-06",
        end="2028-12-31",
        facts={**CALM, "bid_team_continuity": 0.5, "key_staff_turnover": 0.08},
        people=[
            client_("c-cdo", "executive", "Chief digital officer", bias=0.1),
            client_("c-apps", "manager", "Head of business applications"),
            client_("c-billing", "manager", "Billing operations manager"),
            client_("c-keyuser", "operational", "Billing key user", predeal=False),
            supplier_("s-partner", "executive", "Engagement partner", bias=0.1),
            supplier_("s-dm", "manager", "Delivery manager"),
            supplier_("s-lead", "operational", "Technical lead", predeal=False),
        ],
        waves=[
            Wave(
                date="2023-02-09",
                intended="norming",
                comment="Annual assessment.",
                client=profile(3.2, clar=3.7, gov=3.7, val=2.6, qual=3.3),
                supplier=profile(3.4, clar=3.8, gov=3.8, val=2.9),
                facts={
                    "kpi_green_ratio": 0.86,
                    "actions_closed_ratio": 0.6,
                    "improvement_proposals": 3,
                    "escalations_per_month": 0.4,
                },
            ),
            Wave(
                date="2024-02-08",
                intended="norming",
                comment="Annual assessment. Joint value roadmap signed in October.",
                client=profile(3.4, clar=3.8, gov=3.8, val=3.0, qual=3.5),
                supplier=profile(3.6, clar=3.9, gov=3.9, val=3.3),
                facts={
                    "kpi_green_ratio": 0.88,
                    "actions_closed_ratio": 0.75,
                    "improvement_proposals": 7,
                    "escalations_per_month": 0.3,
                },
                followup=[
                    ("joint_value_roadmap", "done"),
                    ("outcome_based_incentives", "in_progress"),
                    ("innovation_fund", "done"),
                    ("executive_partnership_review", "done"),
                ],
            ),
            Wave(
                date="2025-02-13",
                intended="performing",
                comment="Annual assessment. Gain-sharing clause in force since July.",
                client=profile(3.9, val=3.7, comm=3.8),
                supplier=profile(4.0, val=3.9),
                facts={
                    "kpi_green_ratio": 0.92,
                    "actions_closed_ratio": 0.85,
                    "improvement_proposals": 12,
                    "escalations_per_month": 0.1,
                },
                followup=[
                    ("joint_innovation_days", "done"),
                    ("partnership_health_check", "done"),
                    ("outcome_based_incentives", "done"),
                ],
            ),
            Wave(
                date="2026-02-12",
                intended="performing",
                comment="Annual assessment.",
                client=profile(4.0, val=3.8, comm=3.9, align=3.9),
                supplier=profile(4.1, val=3.9),
                facts={
                    "kpi_green_ratio": 0.93,
                    "actions_closed_ratio": 0.9,
                    "improvement_proposals": 14,
                    "escalations_per_month": 0.1,
                },
                followup=[
                    ("partnership_health_check", "done"),
                    ("joint_innovation_days", "done"),
                    ("succession_planning", "in_progress"),
                ],
                notes={
                    "c-cdo": {
                        "val_beyond_contract": "The smart-meter tariff engine came from their proposal."
                    }
                },
            ),
        ],
        phase="performing",
        findings=[],
        why=(
            "Six years in, every dimension at or above 3.5 on both sides, sides within half a point, 90% of "
            "actions closed and value created beyond the contract.\nIt left norming through a value roadmap "
            "and gain-sharing; nothing keeps it stuck."
        ),
        shows=(
            "A performing relationship with no stuck pattern (norming, norming, performing, performing): the "
            "engine should say performing with no finding."
        ),
    )
)

# 3. A watermelon that must not be called performing.
scenario(
    Scenario(
        id="meridian-servicedesk",
        client="Meridian Private Bank",
        supplier="Atlas Workplace Services",
        service="Multilingual service desk and on-site end-user support for 2,400 staff.",
        segment="leverage",
        start="2023-12-04",
        end="2028-12-03",
        facts={**CALM, "improvement_proposals": 6},
        people=[
            client_("c-coo", "executive", "Chief operating officer"),
            client_("c-itops", "manager", "Head of IT operations", bias=0.1),
            client_("c-branch", "operational", "Branch manager, Geneva", predeal=False, bias=-0.1),
            client_("c-wealth", "operational", "Wealth management assistant", predeal=False),
            supplier_("s-director", "executive", "Client director", bias=0.1),
            supplier_("s-sdm", "manager", "Service desk manager"),
            supplier_("s-agent", "operational", "Level-2 team lead", predeal=False),
        ],
        waves=[
            Wave(
                date="2025-10-07",
                intended="norming",
                comment="First assessment.",
                client=profile(3.5, qual=3.0, val=3.0),
                supplier=profile(3.7, qual=3.9, val=3.4),
                facts={"kpi_green_ratio": 0.93, "actions_closed_ratio": 0.7, "escalations_per_month": 0.4},
            ),
            Wave(
                date="2026-10-08",
                intended="norming",
                comment="Annual assessment. 97% of SLAs met; user satisfaction survey not run this year.",
                client=profile(3.8, qual=2.7, val=3.6),
                supplier=profile(3.9, qual=4.0, val=3.8),
                client_items={"qual_kpis_reflect": 2.0},
                facts={"kpi_green_ratio": 0.97, "actions_closed_ratio": 0.85, "escalations_per_month": 0.3},
                followup=[
                    ("xla_pilot", "in_progress"),
                    ("joint_quality_review", "done"),
                    ("cross_side_calibration", "done"),
                ],
                notes={
                    "c-branch": {
                        "qual_user_perceived": "Tickets are closed within SLA and reopened the next day."
                    }
                },
            ),
        ],
        phase="norming",
        findings=["perception_gap", "watermelon"],
        why=(
            "Everything looks performing (clear contract, trust, value, 85% of actions closed) except what "
            "the "
            "client's users live: 97% of SLAs green, perceived quality 2.7.\nThe supplier rates the same "
            "service 4.0: a watermelon with a perception gap, which is not performing."
        ),
        shows=(
            "A watermelon that must not be called performing: the engine should say norming and find "
            "`watermelon` and `perception_gap` on service quality."
        ),
    )
)

# 4. Healthy norming with a non-critical supplier: it may rightly rest there.
scenario(
    Scenario(
        id="castellane-linen",
        client="Castellane Hotels",
        supplier="Blanchet Linen Services",
        service="Linen rental and laundry for nine hotels.",
        segment="non_critical",
        start="2019-04-01",
        end="2029-03-31",
        facts={
            **CALM,
            "improvement_proposals": 1,
            "kpi_green_ratio": 0.92,
            "penalties_applied": 1,
            "key_staff_turnover": 0.15,
        },
        people=[
            client_("c-ops", "executive", "Director of hotel operations"),
            client_("c-buyer", "other", "Purchasing manager"),
            client_("c-house", "operational", "Head housekeeper, Nice", predeal=False),
            supplier_("s-sales", "executive", "Regional sales director"),
            supplier_("s-plant", "manager", "Laundry plant manager"),
        ],
        waves=[
            Wave(
                date="2024-05-14",
                intended="norming",
                comment="Annual supplier review.",
                client=profile(3.4, clar=3.7, gov=3.6, qual=3.6, val=2.5, imp=3.1),
                supplier=profile(3.5, clar=3.8, gov=3.7, val=2.7),
                facts={},
            ),
            Wave(
                date="2025-05-13",
                intended="norming",
                comment="Annual supplier review.",
                client=profile(3.4, clar=3.7, gov=3.6, qual=3.6, val=2.5, imp=3.1),
                supplier=profile(3.5, clar=3.8, gov=3.7, val=2.7),
                facts={},
            ),
            Wave(
                date="2026-05-12",
                intended="norming",
                comment="Annual supplier review.",
                client=profile(3.4, clar=3.7, gov=3.6, qual=3.6, val=2.5, imp=3.1),
                supplier=profile(3.5, clar=3.8, gov=3.7, val=2.7),
                facts={},
                followup=[("action_register", "done"), ("supplier_improvement_backlog", "dropped")],
            ),
        ],
        phase="norming",
        findings=[],
        why=(
            "Seven years of linen and laundry: rules settled, calm, satisfaction fair and stable, little "
            "innovation — and none needed from a non-critical supplier.\nKraljic: such a supplier may "
            "rightly "
            "rest at norming, so neither stuck_in_norming nor purring applies."
        ),
        shows=(
            "Healthy norming with a non-critical supplier, three assessments at norming: the engine should "
            "say "
            "norming and must not report `stuck_in_norming` (nor `purring`: satisfaction is stable)."
        ),
    )
)

# 5. A young relationship in normal storming.
scenario(
    Scenario(
        id="vauban-cloudops",
        client="Vauban Retail",
        supplier="Orion Cloud Operations",
        service="Migration of the e-commerce platform to a public cloud, then its 24/7 run.",
        segment="strategic",
        start="2026-03-02",
        end="2031-02-28",
        facts={**CALM, "bid_team_continuity": 0.7, "improvement_proposals": 2},
        people=[
            client_("c-cto", "executive", "CTO"),
            client_("c-ecom", "manager", "E-commerce director", bias=-0.1),
            client_("c-platform", "manager", "Platform engineering manager"),
            client_("c-dev", "operational", "Lead developer", predeal=False),
            supplier_("s-exec", "executive", "Managing director"),
            supplier_("s-tm", "manager", "Transition manager"),
            supplier_("s-sre", "operational", "SRE team lead", predeal=False),
        ],
        waves=[
            Wave(
                date="2026-05-20",
                intended="forming",
                comment="Kick-off assessment, during transition.",
                client=profile(3.7, trust=3.9, obj=4.0, gov=3.0, clar=3.4, qual=3.3),
                supplier=profile(3.8, trust=4.0, obj=4.0, gov=3.1, clar=3.5),
                people=[
                    client_("c-cto", "executive", "CTO"),
                    client_("c-ecom", "manager", "E-commerce director"),
                    client_("c-platform", "manager", "Platform engineering manager", dk=0.15),
                    client_("c-dev", "operational", "Lead developer", predeal=False, dk=0.25),
                    supplier_("s-exec", "executive", "Managing director"),
                    supplier_("s-tm", "manager", "Transition manager", dk=0.15),
                    supplier_("s-sre", "operational", "SRE team lead", predeal=False, dk=0.25),
                ],
                facts={"kpi_green_ratio": None, "actions_closed_ratio": None, "escalations_per_month": 0.2},
            ),
            Wave(
                date="2026-10-06",
                intended="storming",
                comment="First assessment after go-live (cut-over on 6 July).",
                client=profile(
                    3.0, clar=2.4, comm=2.7, gov=2.9, obj=3.3, val=2.9, know=3.0, qual=2.8, align=3.2
                ),
                supplier=profile(3.1, clar=2.6, comm=2.8, gov=3.0, obj=3.3, val=3.0, know=3.1),
                facts={
                    "kpi_green_ratio": 0.7,
                    "escalations_per_month": 1.5,
                    "contested_invoices_ratio": 0.08,
                    "actions_closed_ratio": 0.6,
                },
                followup=[
                    ("bid_to_run_handover", "done"),
                    ("expectations_reset", "in_progress"),
                    ("knowledge_base", "done"),
                ],
                notes={
                    "c-ecom": {"clar_scope_disputes": "Is the CDN in scope? Three weeks of emails so far."}
                },
            ),
        ],
        phase="storming",
        findings=[],
        why=(
            "Seven months in and three months after go-live: grey areas of the contract, first escalations, "
            "a few contested invoices — the storming every transition goes through.\nIt is young, so this is "
            "a phase, not structural storming; nothing else is stuck."
        ),
        shows=(
            "A seven-month-old relationship in normal storming (forming at kick-off, then storming): the "
            "engine "
            "should say storming with no finding, in particular no `structural_storming`."
        ),
    )
)

# 6. Structural storming, escalation culture and tit-for-tat.
scenario(
    Scenario(
        id="garonne-engineering",
        client="Garonne Aerospace",
        supplier="Quantix Engineering Services",
        service="Outsourced design office: stress analysis and technical documentation for cabin equipment.",
        segment="strategic",
        start="2023-01-09",
        end="2028-01-08",
        facts={**CALM, "key_staff_turnover": 0.18, "improvement_proposals": 1, "actions_closed_ratio": 0.55},
        people=[
            client_("c-vp", "executive", "VP engineering", bias=-0.1),
            client_("c-pm", "manager", "Cabin programme manager"),
            client_("c-buyer", "other", "Category buyer, engineering services"),
            client_("c-eng", "operational", "Stress engineer", predeal=False),
            supplier_("s-bu", "executive", "Business unit director"),
            supplier_("s-pm", "manager", "Project manager"),
            supplier_("s-eng", "operational", "Design team lead", predeal=False),
        ],
        waves=[
            Wave(
                date="2024-06-18",
                intended="storming",
                comment="First assessment.",
                client=profile(2.8, clar=2.3, comm=2.5, trust=2.7, com=2.7, val=2.6),
                supplier=profile(3.0, clar=2.4, comm=2.6, trust=2.9, com=2.8),
                facts={
                    "escalations_per_month": 2.0,
                    "contested_invoices_ratio": 0.1,
                    "penalties_applied": 3,
                    "kpi_green_ratio": 0.75,
                },
            ),
            Wave(
                date="2025-06-17",
                intended="storming",
                comment="Annual assessment.",
                client=profile(2.6, clar=2.1, comm=2.2, trust=2.4, com=2.4, val=2.3, align=2.9),
                supplier=profile(2.8, clar=2.3, comm=2.4, trust=2.6, com=2.5),
                facts={
                    "escalations_per_month": 3.0,
                    "contested_invoices_ratio": 0.15,
                    "penalties_applied": 5,
                    "kpi_green_ratio": 0.73,
                },
                followup=[
                    ("contract_amendment", "not_started"),
                    ("joint_escalation_protocol", "done"),
                    ("penalty_reinvestment", "dropped"),
                    ("joint_commercial_review", "done"),
                ],
            ),
            Wave(
                date="2026-06-16",
                intended="storming",
                comment="Annual assessment. Seven penalties applied over the year, 18% of invoices disputed.",
                client=profile(
                    2.5, clar=2.0, comm=2.1, trust=2.2, com=2.2, qual=2.6, val=2.2, align=2.9, know=3.1
                ),
                supplier=profile(2.7, clar=2.2, comm=2.3, trust=2.5, com=2.3, know=3.2, align=2.8),
                items={"com_penalties_leverage": 1.5, "comm_cc_managers": 1.6, "comm_escalate_fast": 1.5},
                facts={
                    "escalations_per_month": 3.5,
                    "contested_invoices_ratio": 0.18,
                    "penalties_applied": 7,
                    "kpi_green_ratio": 0.72,
                },
                followup=[
                    ("contract_amendment", "in_progress"),
                    ("joint_escalation_protocol", "done"),
                    ("joint_commercial_review", "done"),
                    ("executive_partnership_review", "not_started"),
                ],
                notes={
                    "s-pm": {"com_penalties_leverage": "Penalties arrive the week we raise a change request."}
                },
            ),
        ],
        phase="storming",
        findings=["escalation_culture", "structural_storming", "zero_sum"],
        why=(
            "Three and a half years in and still storming at every assessment: the contract is read two "
            "ways, "
            "3.5 executive escalations a month, everyone copied.\nPenalties and disputed invoices are used "
            "as "
            "weapons while commitment sinks: structural storming, escalation culture and a zero-sum game."
        ),
        shows=(
            "Storming that has become structural (three storming assessments, 41 months old): the engine "
            "should "
            "say storming and find `structural_storming`, `escalation_culture` and `zero_sum`."
        ),
    )
)

# 7. Oscillation between storming and norming.
scenario(
    Scenario(
        id="pelican-claims-tma",
        client="Pelican Mutual Insurance",
        supplier="Datanova",
        service="Third-party application maintenance (TMA) of the claims management system.",
        segment="strategic",
        start="2022-01-03",
        end="2028-12-31",
        facts={**CALM, "improvement_proposals": 4, "actions_closed_ratio": 0.6, "kpi_green_ratio": 0.85},
        people=[
            client_("c-cio", "executive", "Deputy CIO"),
            client_("c-claims", "manager", "Claims IT product owner", bias=-0.1),
            client_("c-qa", "manager", "Acceptance test manager"),
            client_("c-handler", "operational", "Claims handler, key user", predeal=False),
            supplier_("s-director", "executive", "Account director"),
            supplier_("s-tma", "manager", "TMA centre manager"),
            supplier_("s-dev", "operational", "Development lead", predeal=False),
        ],
        waves=[
            Wave(
                date="2024-10-15",
                intended="storming",
                comment="Half-yearly assessment, after the failed September release.",
                client=profile(2.8, clar=2.4, comm=2.3, gov=3.0, val=2.5),
                supplier=profile(3.0, clar=2.6, comm=2.5, gov=3.1),
                facts={
                    "escalations_per_month": 2.4,
                    "contested_invoices_ratio": 0.08,
                    "kpi_green_ratio": 0.74,
                },
            ),
            Wave(
                date="2025-04-15",
                intended="norming",
                comment="Half-yearly assessment.",
                client=profile(3.2, clar=3.6, gov=3.7, comm=3.1, val=2.7),
                supplier=profile(3.4, clar=3.8, gov=3.8, comm=3.3, val=2.9),
                facts={"escalations_per_month": 0.8},
                followup=[
                    ("contract_interpretation_guide", "done"),
                    ("change_control_board", "done"),
                    ("joint_escalation_protocol", "in_progress"),
                ],
            ),
            Wave(
                date="2025-10-14",
                intended="storming",
                comment="Half-yearly assessment, after the regulatory release slipped by six weeks.",
                client=profile(2.8, clar=2.4, comm=2.3, gov=3.0, val=2.5),
                supplier=profile(3.0, clar=2.6, comm=2.5, gov=3.1),
                facts={
                    "escalations_per_month": 2.5,
                    "contested_invoices_ratio": 0.09,
                    "kpi_green_ratio": 0.72,
                },
                followup=[("joint_value_roadmap", "not_started"), ("xla_pilot", "dropped")],
            ),
            Wave(
                date="2026-04-14",
                intended="norming",
                comment="Half-yearly assessment.",
                client=profile(3.2, clar=3.6, gov=3.7, comm=3.1, val=2.7),
                supplier=profile(3.4, clar=3.8, gov=3.8, comm=3.3, val=2.9),
                facts={"escalations_per_month": 0.9},
                followup=[
                    ("contract_interpretation_guide", "done"),
                    ("change_control_board", "done"),
                    ("joint_escalation_protocol", "done"),
                ],
            ),
        ],
        phase="norming",
        findings=["oscillation"],
        why=(
            "Every six months the relationship swings: a release goes wrong and it storms, the contract is "
            "re-read and it calms down, then again.\nIt is norming today, but after three storming↔norming "
            "switches that calm is not a settled state."
        ),
        shows=(
            "Storming ↔ norming oscillation over four half-yearly assessments: the engine should say norming "
            "and find `oscillation` (critical: three switches), and not stuck_in_norming."
        ),
    )
)

# 8. A perception gap: the supplier rates itself far above what the client sees.
scenario(
    Scenario(
        id="solenne-ecommerce",
        client="Solenne Cosmetics",
        supplier="Brightpath Digital",
        service="Development and run of the direct-to-consumer e-commerce sites in six countries.",
        segment="strategic",
        start="2023-11-06",
        end="2028-11-05",
        facts={**CALM, "kpi_green_ratio": 0.86, "improvement_proposals": 9, "escalations_per_month": 0.4},
        people=[
            client_("c-cmo", "executive", "Chief marketing officer"),
            client_("c-digital", "manager", "Head of digital commerce"),
            client_("c-crm", "manager", "CRM manager"),
            client_("c-merch", "operational", "E-merchandiser, France", predeal=False),
            supplier_("s-exec", "executive", "Co-founder", bias=0.1),
            supplier_("s-am", "manager", "Account manager"),
            supplier_("s-dev", "operational", "Tech lead", predeal=False),
            supplier_("s-ops", "operational", "Run manager", predeal=False),
        ],
        waves=[
            Wave(
                date="2025-12-09",
                intended="norming",
                comment="First assessment.",
                client=profile(3.2, trust=3.0, qual=3.1, imp=3.0, val=2.9, clar=3.5, gov=3.5),
                supplier=profile(3.8, trust=3.9, qual=3.9, imp=3.8, val=3.7, clar=3.8, gov=3.9),
                facts={"actions_closed_ratio": 0.65},
            ),
            Wave(
                date="2026-11-10",
                intended="norming",
                comment="Annual assessment.",
                client=profile(3.1, trust=2.8, qual=2.9, imp=2.7, val=2.6, clar=3.5, gov=3.6, comm=3.0),
                supplier=profile(3.9, trust=4.0, qual=4.1, imp=3.9, val=3.8, clar=3.8, gov=4.0, comm=3.7),
                facts={"actions_closed_ratio": 0.7},
                followup=[("cross_side_calibration", "not_started"), ("user_voice_panel", "done")],
                notes={
                    "s-am": {"val_beyond_contract": "Nine improvement proposals this year, four delivered."},
                    "c-digital": {"val_supplier_proposals": "Proposals are sales pitches for new modules."},
                },
            ),
        ],
        phase="norming",
        findings=["perception_gap"],
        why=(
            "The rules work (contract read the same way, governance in place) but the supplier rates trust, "
            "quality, improvement and value about 1.2 points above the client.\nBain's delivery gap: each "
            "side sees itself favourably, so their plans target different problems."
        ),
        shows=(
            "A perception gap in a norming relationship: the engine should say norming and find "
            "`perception_gap` (on trust, service quality, improvement and value), nothing else."
        ),
    )
)

# 9. Purring: a leverage supplier, calm and without proposals, while satisfaction erodes.
scenario(
    Scenario(
        id="nordhavn-payroll",
        client="Nordhavn Retail Group",
        supplier="Paywise Payroll Services",
        service="Payroll processing and employee self-service for 6,000 store employees.",
        segment="leverage",
        start="2019-09-02",
        end="2028-08-31",
        facts={**CALM, "improvement_proposals": 1, "escalations_per_month": 0.2, "kpi_green_ratio": 0.88},
        people=[
            client_("c-hrd", "executive", "HR director"),
            client_("c-payroll", "manager", "Payroll manager"),
            client_("c-hris", "manager", "HRIS manager"),
            client_("c-admin", "operational", "Payroll administrator", predeal=False),
            supplier_("s-am", "executive", "Account executive"),
            supplier_("s-csm", "manager", "Customer success manager"),
        ],
        waves=[
            Wave(
                date="2024-06-11",
                intended="norming",
                comment="Annual review.",
                client=profile(3.5, clar=3.8, gov=3.8, val=2.8, imp=3.2),
                supplier=profile(3.6, clar=3.9, gov=3.9, val=3.0),
                facts={"improvement_proposals": 2},
            ),
            Wave(
                date="2025-06-10",
                intended="norming",
                comment="Annual review.",
                client=profile(3.3, clar=3.7, gov=3.7, val=2.6, imp=3.0, qual=3.4),
                supplier=profile(3.5, clar=3.8, gov=3.8, val=2.9),
                facts={"improvement_proposals": 1},
            ),
            Wave(
                date="2026-06-09",
                intended="norming",
                comment="Annual review.",
                client=profile(3.0, clar=3.6, gov=3.6, val=2.4, imp=2.7, qual=3.1, obj=3.0),
                supplier=profile(3.4, clar=3.8, gov=3.8, val=2.8, imp=3.1),
                items={"imp_nobody_improves": 2.0},
                facts={"improvement_proposals": 0},
                followup=[("supplier_improvement_backlog", "not_started"), ("user_voice_panel", "done")],
                notes={
                    "c-payroll": {
                        "imp_nobody_improves": "Same release notes every quarter; we found the "
                        "new absence module at a competitor's."
                    }
                },
            ),
        ],
        phase="norming",
        findings=["purring"],
        why=(
            "Payroll runs, nobody escalates, and the supplier has made no proposal in a year while client "
            "satisfaction slid from 3.5 to 3.0 over two reviews.\nA leverage supplier may rest at norming, "
            "so it is not stuck_in_norming, but the eroding satisfaction is purring."
        ),
        shows=(
            "Purring with a leverage supplier (three norming reviews, satisfaction drifting down): the "
            "engine "
            "should say norming and find `purring` only."
        ),
    )
)

# 10. Action plans without follow-up.
scenario(
    Scenario(
        id="hanseatic-bpo",
        client="Hanseatic Freight Lines",
        supplier="Veritas Business Process Services",
        service="Accounts payable and freight invoice auditing, run from a shared-service centre.",
        segment="leverage",
        start="2021-05-03",
        end="2027-12-31",
        facts={
            **CALM,
            "improvement_proposals": 6,
            "actions_closed_ratio": 0.3,
            "repeated_steering_topics": 4,
            "escalations_per_month": 0.4,
            "kpi_green_ratio": 0.84,
        },
        people=[
            client_("c-cfo", "executive", "CFO"),
            client_("c-ap", "manager", "Accounts payable manager", bias=-0.1),
            client_("c-ssc", "manager", "Shared-services coordinator"),
            client_("c-clerk", "operational", "Freight audit analyst", predeal=False),
            supplier_("s-vp", "executive", "Vice-president, client services"),
            supplier_("s-lead", "manager", "Delivery lead"),
            supplier_("s-tl", "operational", "Team leader, Gdańsk", predeal=False),
        ],
        waves=[
            Wave(
                date="2025-07-08",
                intended="norming",
                comment="Half-yearly assessment.",
                client=profile(3.3, clar=3.6, gov=3.6, imp=2.6, val=2.8),
                supplier=profile(3.5, clar=3.8, gov=3.8, imp=3.0, val=3.0),
                facts={"actions_closed_ratio": 0.45, "repeated_steering_topics": 2},
            ),
            Wave(
                date="2026-01-13",
                intended="norming",
                comment="Half-yearly assessment.",
                client=profile(3.2, clar=3.6, gov=3.6, imp=2.4, val=2.7),
                supplier=profile(3.4, clar=3.8, gov=3.8, imp=2.8, val=2.9),
                items={"imp_same_topics": 2.0},
                facts={"actions_closed_ratio": 0.35, "repeated_steering_topics": 3},
                followup=[
                    ("action_register", "not_started"),
                    ("steering_agenda_reset", "in_progress"),
                    ("supplier_improvement_backlog", "done"),
                ],
            ),
            Wave(
                date="2026-07-07",
                intended="norming",
                comment="Half-yearly assessment. Four topics on every steering agenda since January.",
                client=profile(3.2, clar=3.6, gov=3.5, imp=2.2, val=2.7),
                supplier=profile(3.4, clar=3.8, gov=3.7, imp=2.7, val=2.9),
                items={"imp_same_topics": 1.8, "gov_steering_decides": 2.5, "imp_actions_closed": 2.0},
                facts={},
                followup=[
                    ("action_register", "not_started"),
                    ("steering_agenda_reset", "not_started"),
                    ("supplier_improvement_backlog", "in_progress"),
                    ("user_voice_panel", "done"),
                ],
                notes={
                    "c-ap": {
                        "imp_same_topics": "Duplicate payments, credit notes, the OCR rate, the "
                        "vendor master: every committee since January."
                    }
                },
            ),
        ],
        phase="norming",
        findings=["no_followup"],
        why=(
            "The steering committee meets, notes and decides nothing: 30% of due actions closed, four topics "
            "on every agenda, last plan's actions still not started.\nThe service itself runs at a fair "
            "level: "
            "this is the seed's 'action plans without follow-up', in an otherwise norming relationship."
        ),
        shows=(
            "Action plans without follow-up over three half-yearly assessments: the engine should say "
            "norming "
            "and find `no_followup` (high: repeated topics and stale actions), nothing else."
        ),
    )
)

# 11. A know-how gap behind a single expert.
scenario(
    Scenario(
        id="sabine-lims",
        client="Laboratoires Sabine",
        supplier="Lumen LIMS Support",
        service="Support and validation of the laboratory information management system (LIMS).",
        segment="bottleneck",
        start="2024-08-05",
        end="2030-08-04",
        facts={**CALM, "kpi_green_ratio": 0.85, "improvement_proposals": 3, "actions_closed_ratio": 0.65},
        people=[
            client_("c-qa", "executive", "Quality director"),
            client_("c-labit", "manager", "Laboratory IT manager"),
            client_("c-analyst", "operational", "QC analyst, key user", predeal=False),
            supplier_("s-md", "executive", "Managing director"),
            supplier_("s-consultant", "operational", "LIMS consultant"),
        ],
        waves=[
            Wave(
                date="2025-10-14",
                intended="storming",
                comment="First assessment.",
                client=profile(3.0, clar=2.5, comm=2.7, know=2.8),
                supplier=profile(3.1, clar=2.7, comm=2.8, know=3.0),
                facts={"escalations_per_month": 1.6, "kpi_green_ratio": 0.76, "key_staff_turnover": 0.2},
            ),
            Wave(
                date="2026-10-13",
                intended="norming",
                comment="Annual assessment. Second LIMS consultant left in June.",
                client=profile(3.3, clar=3.6, gov=3.6, know=2.3, val=2.8, qual=3.2),
                supplier=profile(3.5, clar=3.8, gov=3.8, know=2.7, val=3.0),
                items={"know_key_person": 1.3},
                facts={
                    "key_person_dependency": True,
                    "key_staff_turnover": 0.35,
                    "documentation_up_to_date": False,
                    "escalations_per_month": 0.4,
                },
                followup=[
                    ("contract_interpretation_guide", "done"),
                    ("change_control_board", "done"),
                    ("knowledge_base", "not_started"),
                ],
                notes={
                    "c-labit": {
                        "know_key_person": "Only one person can still change a specification "
                        "without breaking validation."
                    }
                },
            ),
        ],
        phase="norming",
        findings=["knowhow_gap"],
        why=(
            "After a storming first year the rules are settled, but the validated LIMS now rests on one "
            "consultant: 35% key-staff turnover, no backup, outdated documentation, know-how rated 2.5.\nOne "
            "departure away from a GxP incident: a know-how gap."
        ),
        shows=(
            "A know-how gap with a bottleneck supplier (storming, then norming): the engine should say "
            "norming "
            "and find `knowhow_gap` (high: key person and high turnover)."
        ),
    )
)

# 12. A divided client.
IT_SIDE = {"obj": 1.2, "clar": 1.1, "align": 0.8, "qual": 0.9, "trust": 0.8, "com": 0.8}
BUSINESS_SIDE = {key: -value for key, value in IT_SIDE.items()}
scenario(
    Scenario(
        id="ferrand-erp",
        client="Groupe Ferrand",
        supplier="Nexalis",
        service="ERP roll-out to 140 DIY stores, then its application maintenance.",
        segment="strategic",
        start="2025-11-03",
        end="2030-11-02",
        facts={**CALM, "bid_team_continuity": 0.65, "improvement_proposals": 3, "actions_closed_ratio": 0.6},
        people=[
            client_("c-cio", "executive", "Group CIO", offsets=IT_SIDE),
            client_("c-pmo", "manager", "ERP programme manager, IT", offsets=IT_SIDE),
            client_("c-cfo", "executive", "Group finance director", offsets=BUSINESS_SIDE),
            client_("c-stores", "manager", "Head of store operations", offsets=BUSINESS_SIDE),
            client_("c-keyuser", "operational", "Store manager, key user", predeal=False),
            supplier_("s-director", "executive", "Programme director"),
            supplier_("s-lead", "manager", "Solution architect"),
            supplier_("s-consultant", "operational", "Finance module consultant", predeal=False),
        ],
        waves=[
            Wave(
                date="2026-02-10",
                intended="forming",
                comment="Kick-off assessment.",
                client=profile(3.6, trust=3.8, obj=3.7, gov=3.0, clar=3.3, align=3.0),
                supplier=profile(3.7, trust=3.8, obj=3.8, gov=3.1, clar=3.4, align=3.0),
                people=[
                    client_("c-cio", "executive", "Group CIO"),
                    client_("c-pmo", "manager", "ERP programme manager, IT", dk=0.1),
                    client_("c-cfo", "executive", "Group finance director", dk=0.1),
                    client_("c-stores", "manager", "Head of store operations", dk=0.2),
                    client_("c-keyuser", "operational", "Store manager, key user", predeal=False, dk=0.3),
                    supplier_("s-director", "executive", "Programme director"),
                    supplier_("s-lead", "manager", "Solution architect", dk=0.1),
                    supplier_(
                        "s-consultant", "operational", "Finance module consultant", predeal=False, dk=0.2
                    ),
                ],
                facts={"kpi_green_ratio": None, "actions_closed_ratio": None, "escalations_per_month": 0.1},
            ),
            Wave(
                date="2026-10-20",
                intended="storming",
                comment="Assessment after the pilot wave of 12 stores.",
                client=profile(2.9, clar=2.4, comm=2.8, align=2.2, gov=3.0, val=2.9),
                supplier=profile(3.0, clar=2.4, comm=2.8, align=2.1, gov=3.0),
                items={"align_contradictory": 1.5},
                facts={
                    "escalations_per_month": 1.6,
                    "contested_invoices_ratio": 0.06,
                    "kpi_green_ratio": 0.72,
                },
                followup=[
                    ("bid_to_run_handover", "done"),
                    ("expectations_reset", "done"),
                    ("knowledge_base", "in_progress"),
                ],
                notes={
                    "s-lead": {
                        "align_contradictory": "Finance wants the standard, IT wants the old "
                        "store-pricing logic rebuilt; both sign change requests."
                    }
                },
            ),
        ],
        phase="storming",
        findings=["divided_client"],
        why=(
            "Eleven months in, the pilot stores expose a client split in two: IT rates the programme near 4, "
            "finance and store operations near 2, and contradictory change requests reach the supplier.\n"
            "Normal first-year storming, fed by a divided client."
        ),
        shows=(
            "A divided client in first-year storming: the engine should say storming and find "
            "`divided_client` (high: wide client spread and low client alignment)."
        ),
    )
)

# 13. Honeymoon hangover: the bid team left and trust fell between the first two assessments.
scenario(
    Scenario(
        id="kerlann-workplace",
        client="Kerlann Mutuelle",
        supplier="Axiom Digital Workplace",
        service="Outsourced end-user computing: 1,800 workstations, field support, device lifecycle.",
        segment="leverage",
        start="2025-09-01",
        end="2030-08-31",
        facts={**CALM, "improvement_proposals": 3},
        people=[
            client_("c-dsi", "executive", "IT director"),
            client_("c-workplace", "manager", "Workplace services manager"),
            client_("c-security", "manager", "CISO"),
            client_("c-agency", "operational", "Agency manager, Quimper", predeal=False),
            supplier_("s-bid", "executive", "Sales director"),
            supplier_("s-sdm", "manager", "Service delivery manager", predeal=False),
            supplier_("s-field", "operational", "Field support supervisor", predeal=False),
        ],
        waves=[
            Wave(
                date="2026-01-13",
                intended="forming",
                comment="First assessment, at the end of the transition.",
                client=profile(3.8, trust=4.2, obj=4.0, gov=3.1, clar=3.5),
                supplier=profile(3.9, trust=4.2, obj=4.0, gov=3.2, clar=3.6),
                facts={
                    "bid_team_continuity": 0.9,
                    "kpi_green_ratio": None,
                    "actions_closed_ratio": None,
                    "escalations_per_month": 0.2,
                },
            ),
            Wave(
                date="2026-10-13",
                intended="storming",
                comment="Annual assessment. The bid team has moved to other accounts since March.",
                client=profile(2.9, trust=3.0, clar=2.3, comm=2.7, obj=3.0, qual=2.8),
                supplier=profile(3.2, trust=3.4, clar=2.6, comm=2.9, obj=3.2),
                client_items={"trust_references": 3.6},
                facts={
                    "bid_team_continuity": 0.25,
                    "escalations_per_month": 1.8,
                    "kpi_green_ratio": 0.75,
                    "contested_invoices_ratio": 0.07,
                    "actions_closed_ratio": 0.55,
                },
                followup=[
                    ("expectations_reset", "not_started"),
                    ("bid_to_run_handover", "done"),
                    ("knowledge_base", "done"),
                ],
                notes={
                    "c-dsi": {
                        "trust_honest_status": "The people who promised a dedicated agency team are "
                        "gone; the new team has never read the offer."
                    }
                },
            ),
        ],
        phase="storming",
        findings=["honeymoon_hangover"],
        why=(
            "The team that sold the contract left after transition (25% still there) and client trust fell "
            "from 4.2 to 3.0 between the first two assessments.\nThirteen months in, it is first-year "
            "storming "
            "with a hangover, not yet structural."
        ),
        shows=(
            "Honeymoon hangover (forming at four months, storming at thirteen): the engine should say "
            "storming "
            "and find `honeymoon_hangover` only."
        ),
    )
)

# 14. Forming: three months in, high hopes and many "don't know".
scenario(
    Scenario(
        id="aurora-cloud",
        client="Aurora Biotech",
        supplier="Cirrus Cloud Partners",
        service="Migration of research computing to a managed cloud platform, then its run.",
        segment="strategic",
        start="2026-08-03",
        end="2031-07-31",
        facts={
            **CALM,
            "kpi_green_ratio": None,
            "actions_closed_ratio": None,
            "escalations_per_month": 0.0,
            "bid_team_continuity": 0.9,
            "improvement_proposals": 2,
            "key_staff_turnover": 0.0,
            "documentation_up_to_date": False,
        },
        people=[
            client_("c-cio", "executive", "CIO"),
            client_("c-research", "manager", "Head of research computing", dk=0.15),
            client_("c-security", "manager", "Security officer", dk=0.2),
            client_("c-scientist", "operational", "Bioinformatician", predeal=False, dk=0.35),
            supplier_("s-partner", "executive", "Partner"),
            supplier_("s-tm", "manager", "Transition manager", dk=0.15),
            supplier_("s-architect", "operational", "Cloud architect", predeal=False, dk=0.3),
        ],
        waves=[
            Wave(
                date="2026-11-03",
                intended="forming",
                comment="Kick-off assessment, three months into the transition.",
                client=profile(3.7, trust=3.9, obj=4.0, gov=3.0, clar=3.4, qual=3.3, know=3.3),
                supplier=profile(3.8, trust=4.0, obj=4.1, gov=3.1, clar=3.5, know=3.3),
                items={"gov_discovering": 2.0, "trust_best_face": 2.2},
                facts={},
            ),
        ],
        phase="forming",
        findings=[],
        why=(
            "Three months in, in transition: trust and shared objectives rated high, the parties still "
            "discovering each other, many 'don't know' answers and no SLA yet.\nThis is forming; nothing "
            "is stuck yet, and the KPI-based patterns cannot be evaluated."
        ),
        shows=(
            "A relationship in forming (a single kick-off assessment): the engine should say forming with no "
            "finding."
        ),
    )
)

# 15. Adjourning: an exit with a plan.
scenario(
    Scenario(
        id="torvald-datacentre",
        client="Torvald Shipping",
        supplier="Baltic Data Centre Services",
        service="Colocation and data-centre operations; the client is moving to the cloud in 2027.",
        segment="bottleneck",
        start="2018-03-01",
        end="2027-05-31",
        facts={**CALM, "kpi_green_ratio": 0.94, "improvement_proposals": 2, "escalations_per_month": 0.2},
        people=[
            client_("c-cto", "executive", "CTO"),
            client_("c-infra", "manager", "Infrastructure manager"),
            client_("c-migration", "manager", "Cloud migration lead", predeal=False),
            client_("c-ops", "operational", "Operations engineer", predeal=False),
            supplier_("s-exec", "executive", "Chief executive"),
            supplier_("s-dcm", "manager", "Data-centre manager"),
            supplier_("s-tech", "operational", "Site technician", predeal=False),
        ],
        waves=[
            Wave(
                date="2025-05-20",
                intended="norming",
                comment="Annual review, before the exit decision.",
                client=profile(3.4, clar=3.7, gov=3.7, val=2.7, qual=3.6),
                supplier=profile(3.5, clar=3.8, gov=3.8, val=2.8),
                facts={},
            ),
            Wave(
                date="2026-11-17",
                intended="adjourning",
                comment="Exit review: the reversibility plan started in May; last racks leave in May 2027.",
                client=profile(3.5, clar=3.7, gov=3.8, val=2.7, qual=3.7, know=3.5),
                supplier=profile(3.6, clar=3.8, gov=3.9, val=2.8, know=3.6),
                facts={"exit_plan_active": True},
                followup=[
                    ("exit_plan", "done"),
                    ("reversibility_knowledge_transfer", "in_progress"),
                    ("renewal_decision_review", "done"),
                ],
            ),
        ],
        phase="adjourning",
        findings=[],
        why=(
            "The contract ends in six months, the client is leaving for the cloud, and the reversibility "
            "plan "
            "is running with knowledge transfer under way.\nA professional exit: adjourning, with no finding."
        ),
        shows=(
            "An exit with a plan: the engine should say adjourning, with no finding (no `unprepared_exit`)."
        ),
    )
)

# 16. An exit without a plan.
scenario(
    Scenario(
        id="beaumont-records",
        client="Beaumont Hospital Group",
        supplier="Medisys Archiving",
        service="Digitisation and archiving of medical records for four hospitals.",
        segment="bottleneck",
        start="2019-01-07",
        end="2027-04-30",
        facts={
            **CALM,
            "kpi_green_ratio": 0.9,
            "actions_closed_ratio": 0.8,
            "improvement_proposals": 3,
            "escalations_per_month": 0.2,
        },
        people=[
            client_("c-cio", "executive", "CIO"),
            client_("c-records", "manager", "Head of medical records"),
            client_("c-dpo", "other", "Data protection officer"),
            client_("c-secretary", "operational", "Medical secretary, cardiology", predeal=False),
            supplier_("s-director", "executive", "Healthcare director"),
            supplier_("s-pm", "manager", "Contract manager"),
            supplier_("s-scan", "operational", "Scanning centre supervisor", predeal=False),
        ],
        waves=[
            Wave(
                date="2025-11-25",
                intended="norming",
                comment="Annual review.",
                client=profile(3.6, clar=3.9, gov=3.8, val=2.9, qual=3.7),
                supplier=profile(3.8, clar=4.0, gov=3.9, val=3.0),
                facts={},
            ),
            Wave(
                date="2026-11-24",
                intended="norming",
                comment="Annual review. Contract ends on 30 April 2027; no tender, no extension signed.",
                client=profile(3.6, clar=3.9, gov=3.8, val=2.8, qual=3.7),
                supplier=profile(3.8, clar=4.0, gov=3.9, val=3.0),
                facts={},
                followup=[
                    ("joint_value_roadmap", "done"),
                    ("innovation_fund", "in_progress"),
                    ("knowledge_base", "done"),
                ],
            ),
        ],
        phase="norming",
        findings=["unprepared_exit"],
        why=(
            "A sound, settled relationship whose contract ends in five months with no tender, no extension "
            "and "
            "no reversibility plan.\nIt still behaves as norming; the unprepared exit puts four hospitals' "
            "records at risk."
        ),
        shows=(
            "An exit without a plan: the engine should say norming (business as usual) and find "
            "`unprepared_exit` (critical: five months left)."
        ),
    )
)

# 17. Sparse answers: few respondents, many "don't know", facts not collected.
scenario(
    Scenario(
        id="pyrene-telemetry",
        client="Pyrene Water Authority",
        supplier="Hydrotel Telemetry",
        service="Maintenance of the SCADA telemetry network of 300 pumping stations.",
        segment="bottleneck",
        start="2025-05-05",
        end=None,
        facts={},
        people=[
            client_("c-network", "manager", "Network operations manager", dk=0.15),
            client_("c-tech", "operational", "Telemetry technician", predeal=False, dk=0.3),
            supplier_(
                "s-engineer",
                "operational",
                "Field engineer",
                predeal=False,
                dk=0.2,
                skip=("val", "com", "align", "obj"),
            ),
        ],
        waves=[
            Wave(
                date="2026-09-22",
                intended="norming",
                comment="Light-touch pulse sent by the new vendor manager; fact sheet not compiled yet.",
                client=profile(3.1, clar=3.2, gov=3.4, comm=3.1, val=2.6, qual=2.9, know=3.2),
                supplier=profile(3.2, clar=3.3, gov=3.5, comm=3.2, qual=3.2, know=2.9),
                facts={"age_months": None},
            ),
        ],
        phase="norming",
        findings=[],
        why=(
            "Three respondents, a third of the answers 'don't know', the supplier silent on four dimensions "
            "and no facts beyond the segment.\nThe few signals read as norming, but many rules and patterns "
            "are "
            "not evaluable and the confidence must be low."
        ),
        shows=(
            "Sparse answers: the engine should lean to norming with low confidence, report the rules and "
            "patterns it could not evaluate, and find nothing."
        ),
        extra={"confidence_label": "low"},
    )
)

# 18. A full path to performing with a leverage supplier.
scenario(
    Scenario(
        id="alder-facilities",
        client="Alder & Finch LLP",
        supplier="Crestline Facility Services",
        service="Integrated facility management of three office buildings: maintenance, cleaning, reception.",
        segment="leverage",
        start="2023-07-03",
        end="2030-07-02",
        facts={**CALM, "improvement_proposals": 8, "key_staff_turnover": 0.12},
        people=[
            client_("c-coo", "executive", "Chief operating officer"),
            client_("c-fm", "manager", "Facilities manager"),
            client_("c-office", "manager", "Office manager, London"),
            client_("c-staff", "operational", "Associate, staff panel", predeal=False),
            supplier_("s-md", "executive", "Managing director"),
            supplier_("s-cm", "manager", "Contract manager"),
            supplier_("s-site", "operational", "Site supervisor", predeal=False),
        ],
        waves=[
            Wave(
                date="2024-04-16",
                intended="storming",
                comment="First assessment, nine months in.",
                client=profile(2.9, clar=2.4, comm=2.6, qual=2.7),
                supplier=profile(3.1, clar=2.5, comm=2.8),
                facts={
                    "escalations_per_month": 1.8,
                    "contested_invoices_ratio": 0.09,
                    "kpi_green_ratio": 0.7,
                    "actions_closed_ratio": 0.5,
                },
            ),
            Wave(
                date="2025-04-15",
                intended="norming",
                comment="Annual assessment.",
                client=profile(3.4, clar=3.7, gov=3.7, val=2.9),
                supplier=profile(3.5, clar=3.8, gov=3.8, val=3.1),
                facts={"escalations_per_month": 0.5, "kpi_green_ratio": 0.86, "actions_closed_ratio": 0.75},
                followup=[
                    ("contract_interpretation_guide", "done"),
                    ("joint_escalation_protocol", "done"),
                    ("change_control_board", "done"),
                ],
            ),
            Wave(
                date="2026-04-14",
                intended="performing",
                comment="Annual assessment. Energy savings programme delivered 11% in its first year.",
                client=profile(3.9, val=3.7, align=3.8),
                supplier=profile(4.0, val=3.9),
                facts={
                    "escalations_per_month": 0.1,
                    "kpi_green_ratio": 0.93,
                    "actions_closed_ratio": 0.9,
                    "improvement_proposals": 10,
                },
                followup=[
                    ("joint_value_roadmap", "done"),
                    ("supplier_improvement_backlog", "done"),
                    ("xla_pilot", "done"),
                ],
            ),
        ],
        phase="performing",
        findings=[],
        why=(
            "Storming in the first year, norming after the contract was clarified, performing once the "
            "supplier's energy-savings proposals paid off for both sides.\nNot every leverage supplier needs "
            "to perform, but this one does, and nothing keeps it stuck."
        ),
        shows=(
            "The full path storming → norming → performing with a leverage supplier: the engine should say "
            "performing with no finding."
        ),
    )
)


# 19. From raw exports to a report: the facts of the newest assessment are computed from the
# ServiceNow incident list and the spreadsheets the service manager keeps, and the follow-up of
# the previous plan is read from the action tracker.
scenario(
    Scenario(
        id="ouessant-logistics",
        client="Ouessant Logistique",
        supplier="Kerbrat Services Informatiques",
        service="Run of the warehouse and transport management systems, service desk and infrastructure "
        "for fourteen depots.",
        segment="leverage",
        start="2022-04-01",
        end="2028-03-31",
        facts={**CALM, "kpi_green_ratio": 0.91},
        people=[
            client_("c-dsi", "executive", "Directeur des systèmes d'information"),
            client_("c-ops", "manager", "Responsable des opérations logistiques", bias=-0.1),
            client_("c-achats", "other", "Acheteuse IT"),
            client_("c-depot", "operational", "Chef de quai, dépôt de Brest", bias=-0.2, predeal=False),
            supplier_("s-dir", "executive", "Directeur de compte", bias=0.1),
            supplier_("s-sdm", "manager", "Responsable de service"),
            supplier_("s-n2", "operational", "Chef d'équipe support", predeal=False),
        ],
        waves=[
            Wave(
                date="2025-10-14",
                intended="norming",
                comment="Annual assessment; facts typed in by hand from the monthly service review.",
                client=profile(3.2, clar=3.6, gov=3.6, qual=2.9, imp=2.8, val=2.9),
                supplier=profile(3.4, clar=3.8, gov=3.8, qual=3.5, imp=3.1, val=3.0),
                facts={
                    "actions_closed_ratio": 0.55,
                    "repeated_steering_topics": 1,
                    "escalations_per_month": 0.9,
                },
            ),
            Wave(
                date="2026-10-13",
                intended="norming",
                comment="Annual assessment; facts for 2026-Q3 computed from the exports in exports/.",
                client=profile(3.2, clar=3.6, gov=3.5, qual=2.6, imp=2.5, val=2.9),
                supplier=profile(3.4, clar=3.8, gov=3.8, qual=3.3, imp=3.0, val=3.0),
                items={"imp_actions_closed": 2.0},
                facts={},
                notes={
                    "c-ops": {
                        "qual_kpis_reflect": "Les indicateurs sont au vert chaque mois, mais les "
                        "quais attendent les étiquettes de transport tous les matins."
                    }
                },
            ),
        ],
        phase="norming",
        findings=["no_followup", "watermelon"],
        why=(
            "The exports say it: over 90% of the KPI report's indicator-months at target while the depots "
            "rate the service poorly, and fewer than half of the due actions closed, with last year's plan "
            "mostly not started in the tracker.\nA leverage supplier in norming: the point is not to "
            "perform, but to measure what the depots experience and to close what is decided."
        ),
        shows=(
            "From raw exports to a report: the newest assessment's facts come from `exports/` (a ServiceNow "
            "incident list and the service manager's spreadsheets, read with the bundled `servicenow` and "
            "`spreadsheets` mappings for 2026-Q3, each with its provenance), and the follow-up of the "
            "previous plan from the action tracker. The engine should say norming and find `watermelon` "
            "and `no_followup`, nothing else."
        ),
        exports=Exports(
            mappings=["servicenow", "spreadsheets"],
            period="2026-Q3",
            tracker=["not_started", "in_progress", "not_started", "done", "not_started", "dropped"],
        ),
        extra={
            "exports": {"folder": "exports", "mappings": ["servicenow", "spreadsheets"], "period": "2026-Q3"}
        },
    )
)


# --------------------------------------------------------------------------- generation


class Generator:
    def __init__(self) -> None:
        self.questionnaire = vm.load_questionnaire(QUESTIONNAIRE)
        self.compiled = vm.compile_questionnaire(self.questionnaire)
        self.scales = {scale.id: scale for scale in self.questionnaire.scales}

    def answers(self, s: Scenario, wave: Wave, who: Person) -> dict[str, int | str]:
        rng = random.Random(f"{s.id}/{wave.date}/{who.id}")
        levels = wave.client if who.side == "client" else wave.supplier
        side_items = wave.client_items if who.side == "client" else wave.supplier_items
        shift = {dimension: rng.gauss(0.0, PERSON_NOISE) for dimension in SHORT.values()}
        offsets = {SHORT[key]: value for key, value in who.offsets.items()}
        skipped = {SHORT[key] for key in who.skip}
        answers: dict[str, int | str] = {}
        for question, compiled in zip(self.questionnaire.questions, self.compiled.questions, strict=True):
            if question.side.value not in ("both", who.side):
                continue
            if compiled.relevant is not None:
                env = {f"answers.{k}": float(v) for k, v in answers.items() if not isinstance(v, str)}
                if compiled.relevant(env) is False:
                    continue
            # Draw the same random numbers whatever the branch, so that changing a person's
            # don't-know rate or skipped dimensions never reshuffles the noise of their other answers.
            noise, coin, dont_know = rng.gauss(0.0, ITEM_NOISE), rng.random(), rng.random()
            if question.dimension in skipped or (question.stage.value == "pre_deal" and not who.predeal):
                answers[question.id] = "dk"
                continue
            if dont_know < who.dk:
                answers[question.id] = "dk"
                continue
            target = side_items.get(question.id, wave.items.get(question.id, levels[question.dimension]))
            target += who.bias + offsets.get(question.dimension, 0.0) + shift[question.dimension]
            values = [choice.value for choice in self.scales[question.scale].choices]
            low, high = min(values), max(values)
            x = min(high, max(low, target + noise))
            floor = math.floor(x)
            scored = min(high, floor + (1 if coin < x - floor else 0))  # unbiased stochastic rounding
            answers[question.id] = int(low + high - scored if question.reverse else scored)
        return answers

    def document(self, s: Scenario, wave: Wave) -> dict[str, object]:
        date = datetime.date.fromisoformat(wave.date)
        facts: dict[str, object] = {}
        declared = {fact.id for fact in self.questionnaire.facts}
        # The contract's dates as a user types them, where the questionnaire derives the age and
        # the months to exit from them; else those months. A wave that does not know the age
        # (or the months to exit) does not know the date it comes from either.
        start, end = datetime.date.fromisoformat(s.start), s.end and datetime.date.fromisoformat(s.end)
        if "contract_start" in declared:
            facts["contract_start"] = start
        else:
            facts["age_months"] = months_between(start, date)
        if end and "contract_end" in declared:
            facts["contract_end"] = end
        elif end:
            facts["months_to_exit"] = max(0, months_between(date, end))
        if s.segment is not None:
            facts["segment"] = s.segment
        facts.update(s.facts)
        facts.update(wave.facts)
        for months, day in (("age_months", "contract_start"), ("months_to_exit", "contract_end")):
            if months in facts and facts[months] is None:
                facts.pop(day, None)
        facts = {key: value for key, value in facts.items() if value is not None}
        respondents = []
        for who in wave.people if wave.people is not None else s.people:
            entry: dict[str, object] = {"id": who.id, "side": who.side, "role": who.role, "name": who.name}
            entry["answers"] = self.answers(s, wave, who)
            notes = wave.notes.get(who.id)
            if notes:
                entry["comments"] = dict(notes)
            respondents.append(entry)
        document: dict[str, object] = {
            "schema_version": 1,
            "questionnaire": self.questionnaire.id,
            "questionnaire_version": self.questionnaire.version,
            "relationship": s.id,
            "client": s.client,
            "supplier": s.supplier,
            "date": date,
            "comment": wave.comment,
            "facts": dict(sorted(facts.items())),
            "respondents": respondents,
        }
        if wave.followup:
            document["followup"] = [{"action": action, "status": status} for action, status in wave.followup]
        return document


def expected_document(s: Scenario) -> dict[str, object]:
    return {"phase": s.phase, "findings": sorted(s.findings), "why": s.why, **s.extra}


def readme(scenarios: Sequence[Scenario]) -> str:
    lines = [
        "# Example relationships",
        "",
        "Each folder holds one fictional client–supplier relationship: dated response files",
        "(`YYYY-MM-DD.toml`; the newest is assessed, the older ones are its history) and",
        "`expected.toml`, the outcome the domain expects for the newest assessment: `phase`, the",
        "exact set of `findings` and `why` (the sparse case also gives `confidence_label`). The",
        "expectations were written from the domain notes before the engine was run. Assess one with:",
        "",
        "```sh",
        ".venv/bin/vendormaturity assess examples/acme-hosting",
        "```",
        "",
        "The files are generated by `tools/make_examples.py` from compact scenario definitions",
        "(a target level per dimension and side, respondent biases, deterministic noise): edit the",
        "scenarios there and run `.venv/bin/python tools/make_examples.py`, never the TOML files by",
        "hand. Company names are fictional.",
        "",
        "A folder with an `exports/` subfolder goes from raw exports to a report: its newest",
        "assessment's facts were computed from those files (`vendormaturity facts`, see",
        "`docs/facts.md`) and carry their provenance, which the reports show.",
        "",
        "| Relationship | Segment | Assessments | Expected phase | Expected findings |",
        "|---|---|---|---|---|",
    ]
    for s in scenarios:
        found = ", ".join(f"`{f}`" for f in sorted(s.findings)) or "–"
        segment = (s.segment or "unknown").replace("_", "-")
        lines.append(f"| [{s.id}](#{s.id}) | {segment} | {len(s.waves)} | {s.phase} | {found} |")
    lines.append("")
    for s in scenarios:
        segment = (s.segment or "segment unknown").replace("_", "-")
        dates = ", ".join(wave.date for wave in s.waves)
        lines += [
            f"## {s.id}",
            "",
            f"{s.client} and {s.supplier} ({segment}): {s.service} Assessed {dates}.",
            "",
            s.shows,
            "",
        ]
    return "\n".join(lines)


def render(out: Path) -> None:
    generator = Generator()
    out.mkdir(parents=True, exist_ok=True)
    for s in SCENARIOS:
        folder = out / s.id
        folder.mkdir()
        for index, wave in enumerate(s.waves):
            document = generator.document(s, wave)
            if s.exports is not None and index == len(s.waves) - 1:
                from_exports(generator, s, folder, document)
            vm.responses_from_dict(document, generator.questionnaire, name=f"{s.id}/{wave.date}")
            (folder / f"{wave.date}.toml").write_text(tomli_w.dumps(document), encoding="utf-8")
        (folder / "expected.toml").write_text(
            tomli_w.dumps(expected_document(s), multiline_strings=True), encoding="utf-8"
        )
    (out / "README.md").write_text(readme(SCENARIOS), encoding="utf-8")


def from_exports(generator: Generator, s: Scenario, folder: Path, document: dict[str, object]) -> None:
    """Write the raw exports, then take the newest assessment's facts and follow-up from them.

    The previous plan comes from assessing the earlier files, as ``vendormaturity followup``
    would; the action tracker refers to its actions.
    """
    assert s.exports is not None
    q = generator.questionnaire
    current, history = vm.load_history(folder, q)
    previous = vm.assess(q, current, history=history)
    plan = [action.id for action in previous.plan.actions]
    exports = folder / "exports"
    example_exports(exports, list(zip(plan, s.exports.tracker, strict=False)))
    date = document["date"]
    assert isinstance(date, datetime.date)
    found = vm.facts_from(
        [exports], list(s.exports.mappings), period=s.exports.period, questionnaire=q, today=date
    )
    statuses = vm.statuses_from([exports], list(s.exports.mappings), actions=plan)
    facts = document["facts"]
    assert isinstance(facts, dict)
    facts.update(found.facts)
    document["facts"] = dict(sorted(facts.items()))
    document["provenance"] = {
        name: record.model_dump(mode="python", exclude_none=True, exclude_defaults=True)
        for name, record in found.provenance.items()
    }
    document["followup"] = [item.model_dump(mode="json", exclude_none=True) for item in statuses.followup]


def generated(root: Path) -> list[Path]:
    """The paths this script owns under *root*: the scenario folders and the README.

    Anything else in examples/ (the consultant scripts) is left alone.
    """
    owned = {s.id for s in SCENARIOS} | {"README.md"}
    return sorted(
        p.relative_to(root) for p in root.rglob("*") if p.is_file() and p.relative_to(root).parts[0] in owned
    )


def same_tree(a: Path, b: Path) -> bool:
    files_a, files_b = generated(a), generated(b)
    return files_a == files_b and all((a / f).read_bytes() == (b / f).read_bytes() for f in files_a)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that examples/ is up to date")
    parser.add_argument("--out", type=Path, default=EXAMPLES, help="output folder (default: examples/)")
    args = parser.parse_args(argv)
    ids = [s.id for s in SCENARIOS]
    if len(set(ids)) != len(ids):
        raise SystemExit("duplicate scenario ids")
    staging = args.out.with_name(args.out.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    render(staging)
    if args.check:
        fresh = args.out.is_dir() and same_tree(staging, args.out)
        shutil.rmtree(staging)
        print("examples are up to date" if fresh else "examples are out of date: run tools/make_examples.py")
        return 0 if fresh else 1
    args.out.mkdir(exist_ok=True)
    for entry in staging.iterdir():
        target = args.out / entry.name
        if target.is_dir():
            shutil.rmtree(target)
        entry.replace(target)
    defined = {s.id for s in SCENARIOS}
    for stale in args.out.iterdir():  # scenario folders no longer defined
        if stale.is_dir() and stale.name not in defined and (stale / "expected.toml").exists():
            shutil.rmtree(stale)
    shutil.rmtree(staging)
    files = sum(len(s.waves) for s in SCENARIOS)
    print(f"wrote {len(SCENARIOS)} relationships, {files} response files to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
