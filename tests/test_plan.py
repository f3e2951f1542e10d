"""The improvement plan: chosen for findings and weak dimensions, prioritised, followed up."""

from __future__ import annotations

import datetime

import vendormaturity as vm
from conftest import ResponsesFactory, respondent


def watermelon(make_responses: ResponsesFactory, **extra: object) -> vm.ResponseSet:
    return make_responses(
        respondent("c", "client", t1=2, t2=4, t3=2, q1=2, q2=2),
        respondent("s", "supplier", t1=3, t2=3, t3=3, q2=3),
        facts={"age_months": 30, "kpi_green_ratio": 0.95},
        **extra,
    )


def test_actions_answer_findings_first(mini: vm.Questionnaire, make_responses: ResponsesFactory) -> None:
    """A high finding's action is priority 1; the plan says what each action addresses."""
    plan = vm.assess(mini, watermelon(make_responses)).plan
    first = plan.actions[0]
    assert ("xla", 1, vm.Owner.JOINT, vm.Horizon.SHORT) == (
        first.id,
        first.priority,
        first.owner,
        first.horizon,
    )
    assert ["pattern:watermelon", "dimension:quality"] == first.addresses


def test_actions_are_not_repeated(mini: vm.Questionnaire, make_responses: ResponsesFactory) -> None:
    """An action chosen for two reasons appears once, with both reasons."""
    plan = vm.assess(mini, watermelon(make_responses)).plan
    ids = [action.id for action in plan.actions]
    assert len(ids) == len(set(ids))
    mirror = next(action for action in plan.actions if action.id == "mirror")
    assert ["pattern:perception_gap", "dimension:trust"] == mirror.addresses


def test_weak_dimension_actions_respect_their_phases(
    mini: vm.Questionnaire, make_responses: ResponsesFactory
) -> None:
    """The trust workshop is meant for storming and norming; a weak trust score in norming brings it in."""
    result = vm.assess(mini, watermelon(make_responses))
    assert (vm.Phase.NORMING, vm.Phase.PERFORMING) == (result.phase, result.plan.target_phase)
    workshop = next(action for action in result.plan.actions if action.id == "trust_workshop")
    assert (2, ["dimension:trust", "phase:performing"]) == (workshop.priority, workshop.addresses)


def test_holding_performing(mini: vm.Questionnaire, make_responses: ResponsesFactory) -> None:
    """A performing relationship gets the actions meant to hold it."""
    responses = make_responses(
        respondent("c", "client", t1=5, t2=1, t3=4, q1=4),
        respondent("s", "supplier", t1=4, t2=2, t3=5),
        facts={"age_months": 36},
    )
    result = vm.assess(mini, responses)
    assert (vm.Phase.PERFORMING, vm.Phase.PERFORMING) == (result.phase, result.plan.target_phase)
    assert [("innovation_day", 3, ["phase:performing"])] == [
        (a.id, a.priority, a.addresses) for a in result.plan.actions
    ]


def test_follow_up_of_the_previous_plan(mini: vm.Questionnaire, make_responses: ResponsesFactory) -> None:
    """Statuses of the previous plan are reported; open actions recommended again are carried over."""
    earlier = vm.assess(mini, watermelon(make_responses, date=datetime.date(2026, 3, 1)))
    followup = [
        vm.FollowUp(action="xla", status=vm.ActionStatus.NOT_STARTED),
        vm.FollowUp(action="mirror", status=vm.ActionStatus.DONE),
        vm.FollowUp(action="trust_workshop", status=vm.ActionStatus.DROPPED),
    ]
    result = vm.assess(mini, watermelon(make_responses, followup=followup), history=[earlier])
    assert 0.5 == result.plan.closed_ratio
    statuses = {item.action: str(item.status) for item in result.plan.followup}
    assert {"xla": "not_started", "mirror": "done", "trust_workshop": "dropped"} == statuses
    carried = {action.id: action.carried_over for action in result.plan.actions}
    assert carried["xla"] is True
    assert "mirror" not in carried  # done: not proposed again
    assert {"xla": True, "mirror": True, "trust_workshop": False} == {
        item.action: item.due for item in result.plan.followup
    }


def test_a_dropped_action_proposed_again_is_marked(
    mini: vm.Questionnaire, make_responses: ResponsesFactory
) -> None:
    """The client dropped the trust workshop: proposed again, it says so, and is not carried over."""
    first = vm.assess(mini, watermelon(make_responses, date=datetime.date(2025, 9, 1)))
    dropped = [vm.FollowUp(action="trust_workshop", status=vm.ActionStatus.DROPPED)]
    second = vm.assess(
        mini, watermelon(make_responses, date=datetime.date(2026, 3, 1), followup=dropped), history=[first]
    )
    marks = {a.id: (a.dropped_before, a.carried_over) for a in second.plan.actions}
    assert (True, False) == marks["trust_workshop"]
    assert (False, True) == marks["xla"]
    # a later assessment still remembers the drop, though its own follow-up does not report it
    third = vm.assess(mini, watermelon(make_responses), history=[first, second])
    assert {"trust_workshop"} == {a.id for a in third.plan.actions if a.dropped_before}


def test_unreported_actions_are_listed(mini: vm.Questionnaire, make_responses: ResponsesFactory) -> None:
    """An earlier plan with no reported status shows every action as unreported."""
    earlier = vm.assess(mini, watermelon(make_responses, date=datetime.date(2026, 3, 1)))
    result = vm.assess(mini, watermelon(make_responses), history=[earlier])
    assert {"unreported"} == {str(item.status) for item in result.plan.followup}
    assert result.plan.closed_ratio is None


def test_the_plan_is_capped(mini_doc: dict[str, object], make_responses: ResponsesFactory) -> None:
    """No more actions than the questionnaire allows, most urgent first."""
    plan_settings = mini_doc["plan"]
    assert isinstance(plan_settings, dict)
    plan_settings["max_actions"] = 1
    q = vm.questionnaire_from_dict(mini_doc)
    assert ["xla"] == [action.id for action in vm.assess(q, watermelon(make_responses)).plan.actions]


def test_a_suspected_finding_first_asks_for_its_fact(
    mini_doc: dict[str, object], make_responses: ResponsesFactory
) -> None:
    """Establishing the fact comes at the finding's priority; its own actions one step later."""
    patterns = mini_doc["patterns"]
    plan = mini_doc["plan"]
    actions = mini_doc["actions"]
    assert isinstance(patterns, list)
    assert isinstance(plan, dict)
    assert isinstance(actions, list)
    patterns[0].update({"suspect_when": "client.quality <= 2.5", "confirm_with": ["kpi_green_ratio"]})
    actions.append(dict(actions[0], id="check_facts", dimensions=[]))
    plan["confirm_action"] = "check_facts"
    q = vm.questionnaire_from_dict(mini_doc)
    result = vm.assess(q, make_responses(respondent("c", "client", t1=4, t2=2, t3=4, q1=2, q2=2)))
    planned = {action.id: (action.priority, action.addresses) for action in result.plan.actions}
    assert (1, ["pattern:watermelon"]) == planned["check_facts"]  # a high finding: priority 1
    assert 2 == planned["xla"][0]
    assert "pattern:watermelon" in planned["xla"][1]
