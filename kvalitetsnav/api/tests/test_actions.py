"""The actions endpoints as each role meets them: the same rules as the pages."""

import datetime as dt

from django.utils import timezone

from kvalitetsnav.actions import services
from kvalitetsnav.actions.models import Action, ActionStatus
from kvalitetsnav.core.models import AuditEvent


def _in_days(days):
    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()


# Seeing ------------------------------------------------------------------------


def test_a_manager_of_unit_b_gets_404_for_unit_as_action(api_as, world, action_a):
    api = api_as(world.manager_b)
    assert api.get(f"/actions/{action_a.pk}").status_code == 404
    assert api.patch(f"/actions/{action_a.pk}", {"version": 1, "title": "B"}).status_code == 404
    assert api.post(f"/actions/{action_a.pk}/advance", {"version": 1}).status_code == 404
    assert (
        api.post(f"/actions/{action_a.pk}/cancel", {"version": 1, "reason": "x"}).status_code == 404
    )
    action_a.refresh_from_db()
    assert (action_a.title, action_a.status) == ("Ny rutin för nyckelhantering", "planerad")


def test_a_manager_of_unit_b_does_not_find_unit_as_action_in_the_list(
    api_as, world, action_a, action_b
):
    items = api_as(world.manager_b).get("/actions").json()["items"]
    assert [item["id"] for item in items] == [str(action_b.pk)]


def test_the_department_head_sees_the_actions_of_every_unit_below(
    api_as, world, action_a, action_b
):
    other = services.action_create(actor=world.manager_a2, title="Boende", node=world.unit_a2)
    body = api_as(world.dept_head_a).get("/actions").json()
    assert {item["id"] for item in body["items"]} == {str(action_a.pk), str(other.pk)}
    assert body["count"] == 2


def test_the_detail_shows_what_the_user_may_do(api_as, world, action_a):
    assert api_as(world.staff_a).get(f"/actions/{action_a.pk}").json()["permissions"] == {
        "change": False,
        "progress": True,
    }
    assert api_as(world.inspector).get(f"/actions/{action_a.pk}").json()["permissions"] == {
        "change": False,
        "progress": False,
    }


def test_the_namnd_gets_statistics_but_not_individual_actions(api_as, world, action_a, action_b):
    api = api_as(world.politician_a)
    listing = api.get("/actions")
    assert listing.status_code == 403
    assert "statistik" in listing.json()["detail"]
    assert api.get(f"/actions/{action_a.pk}").status_code == 404
    stats = api.get("/actions/statistics")
    assert stats.status_code == 200
    nodes = stats.json()["nodes"]
    assert [(n["node_name"], n["total"], n["by_status"]["planerad"]) for n in nodes] == [
        ("Hemtjänst A", 1, 1)
    ]
    assert "title" not in str(stats.json())


def test_the_auditor_sees_aggregates_only_too(api_as, world, action_a):
    api = api_as(world.auditor_a)
    assert api.get("/actions").status_code == 403
    assert api.get("/actions/statistics").json()["nodes"][0]["total"] == 1


def test_the_statistics_count_overdue_actions(api_as, world, action_a):
    late = services.action_create(actor=world.manager_a, title="Sen", node=world.unit_a)
    Action.objects.filter(pk=late.pk).update(due_date=timezone.localdate() - dt.timedelta(days=3))
    node = api_as(world.manager_a).get("/actions/statistics").json()["nodes"][0]
    assert (node["total"], node["overdue"]) == (2, 1)


def test_someone_without_a_role_may_not_see_statistics(api_as, world):
    assert api_as(world.no_role).get("/actions/statistics").status_code == 403


def test_the_list_filters_on_node_owner_status_overdue_and_words(api_as, world, action_a):
    late = services.action_create(
        actor=world.manager_a2, title="Larmet i trapphuset", node=world.unit_a2
    )
    Action.objects.filter(pk=late.pk).update(due_date=timezone.localdate() - dt.timedelta(days=1))
    done = services.action_create(actor=world.manager_a, title="Klar sak", node=world.unit_a)
    done = services.action_advance(actor=world.manager_a, action=done, version=1)
    services.action_advance(actor=world.manager_a, action=done, version=2)
    api = api_as(world.dept_head_a)

    def titles(**params):
        response = api.get("/actions", **params)
        assert response.status_code == 200, response.content
        return sorted(item["title"] for item in response.json()["items"])

    assert titles(node=str(world.unit_a2.pk)) == ["Larmet i trapphuset"]
    assert titles(node=str(world.dept_a.pk)) == sorted([action_a.title, late.title, done.title])
    assert titles(status="open") == sorted([action_a.title, late.title])
    assert titles(status="genomford") == ["Klar sak"]
    assert titles(overdue="true") == ["Larmet i trapphuset"]
    assert titles(q="TRAPPHUS") == ["Larmet i trapphuset"]
    assert titles(q="arbetsplatsträffen") == [action_a.title]
    assert api_as(world.staff_a).get("/actions", owner="me").json()["count"] == 1
    assert api.get("/actions", owner="me").json()["count"] == 0


def test_filtering_on_a_node_one_cannot_see_is_400(api_as, world, action_a):
    response = api_as(world.manager_a).get("/actions", node=str(world.unit_b.pk))
    assert response.status_code == 400
    assert "node" in response.json()["errors"]


def test_the_list_is_paginated_25_to_a_page_by_default(api_as, world):
    for i in range(30):
        services.action_create(actor=world.manager_a, title=f"Åtgärd {i}", node=world.unit_a)
    api = api_as(world.manager_a)
    first = api.get("/actions").json()
    assert (len(first["items"]), first["count"], first["page_size"]) == (25, 30, 25)
    second = api.get("/actions", page=2).json()
    assert len(second["items"]) == 5
    assert not {i["id"] for i in first["items"]} & {i["id"] for i in second["items"]}
    assert len(api.get("/actions", page_size=100).json()["items"]) == 30


# Creating ----------------------------------------------------------------------


def test_a_manager_registers_an_action_through_the_service(api_as, world):
    response = api_as(world.manager_a).post(
        "/actions",
        {
            "title": "  Ny rutin för läkemedel ",
            "description": "Gå igenom vid APT.",
            "node": str(world.unit_a.pk),
            "owner": str(world.staff_a.pk),
            "due_date": _in_days(10),
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert body["title"] == "Ny rutin för läkemedel"
    assert body["owner"]["username"] == "personal.a"
    assert (body["status"], body["version"]) == ("planerad", 1)
    action = Action.objects.get(pk=body["id"])
    assert action.created_by == world.manager_a
    assert AuditEvent.objects.for_object(action).filter(action="create").count() == 1


def test_a_staff_member_may_not_register_an_action(api_as, world):
    response = api_as(world.staff_a).post(
        "/actions", {"title": "Min idé", "node": str(world.unit_a.pk)}
    )
    assert response.status_code == 403
    assert not Action.objects.exists()


def test_a_manager_may_not_register_an_action_in_another_unit(api_as, world):
    response = api_as(world.manager_a).post(
        "/actions", {"title": "Hos B", "node": str(world.unit_b.pk)}
    )
    assert response.status_code == 400
    assert "node" in response.json()["errors"]
    assert not Action.objects.exists()


def test_a_manager_may_not_make_someone_in_another_unit_responsible(api_as, world):
    response = api_as(world.manager_a).post(
        "/actions",
        {"title": "Fel ansvarig", "node": str(world.unit_a.pk), "owner": str(world.staff_b.pk)},
    )
    assert response.status_code == 400
    assert "owner" in response.json()["errors"]


# Changing ----------------------------------------------------------------------


def test_a_staff_member_can_advance_their_own_action_but_not_edit_it(api_as, world, action_a):
    api = api_as(world.staff_a)
    edit = api.patch(f"/actions/{action_a.pk}", {"version": 1, "title": "Eget namn"})
    assert edit.status_code == 403
    advance = api.post(f"/actions/{action_a.pk}/advance", {"version": 1})
    assert advance.status_code == 200
    assert (advance.json()["status"], advance.json()["version"]) == ("pagar", 2)
    action_a.refresh_from_db()
    assert (action_a.title, action_a.status) == ("Ny rutin för nyckelhantering", "pagar")


def test_a_staff_member_may_not_advance_a_colleagues_action(api_as, world, action_a):
    colleague = services.action_create(actor=world.manager_a, title="Annans", node=world.unit_a)
    response = api_as(world.staff_a).post(f"/actions/{colleague.pk}/advance", {"version": 1})
    assert response.status_code == 403


def test_the_inspector_sees_an_action_but_may_not_change_it(api_as, world, action_a):
    api = api_as(world.inspector)
    assert api.get(f"/actions/{action_a.pk}").status_code == 200
    assert api.patch(f"/actions/{action_a.pk}", {"version": 1, "title": "X"}).status_code == 403


def test_a_manager_changes_only_the_fields_sent(api_as, world, action_a):
    response = api_as(world.manager_a).patch(
        f"/actions/{action_a.pk}", {"version": 1, "title": "Nyckelrutinen", "owner": None}
    )
    assert response.status_code == 200, response.content
    action_a.refresh_from_db()
    assert (action_a.title, action_a.owner, action_a.version) == ("Nyckelrutinen", None, 2)
    assert action_a.description == "Gå igenom rutinen på arbetsplatsträffen."
    assert response.json()["version"] == 2


def test_a_stale_version_is_a_409_conflict_in_swedish(api_as, world, action_a):
    api = api_as(world.manager_a)
    assert api.patch(f"/actions/{action_a.pk}", {"version": 1, "title": "Först"}).status_code == 200
    late = api.patch(f"/actions/{action_a.pk}", {"version": 1, "title": "Sedan"})
    assert late.status_code == 409
    assert "ändrat" in late.json()["detail"]
    action_a.refresh_from_db()
    assert action_a.title == "Först"


def test_a_title_cannot_be_emptied(api_as, world, action_a):
    response = api_as(world.manager_a).patch(
        f"/actions/{action_a.pk}", {"version": 1, "title": None}
    )
    assert response.status_code == 400
    assert "title" in response.json()["errors"]


def test_an_action_cannot_be_moved_to_a_unit_the_manager_does_not_run(api_as, world, action_a):
    response = api_as(world.manager_a).patch(
        f"/actions/{action_a.pk}", {"version": 1, "node": str(world.unit_b.pk)}
    )
    assert response.status_code == 400
    assert "node" in response.json()["errors"]
    action_a.refresh_from_db()
    assert action_a.node == world.unit_a


def test_a_manager_evaluates_the_effect_of_a_completed_action(api_as, world, action_a):
    api = api_as(world.manager_a)
    api.post(f"/actions/{action_a.pk}/advance", {"version": 1})
    api.post(f"/actions/{action_a.pk}/advance", {"version": 2})
    response = api.post(
        f"/actions/{action_a.pk}/evaluate",
        {
            "version": 3,
            "evaluated_on": timezone.localdate().isoformat(),
            "result": "Inga fler borttappade nycklar.",
            "sufficient": True,
        },
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == ActionStatus.EFFECT_EVALUATED
    assert response.json()["effect_sufficient"] is True


def test_evaluating_an_open_action_is_400_with_the_reason(api_as, world, action_a):
    response = api_as(world.manager_a).post(
        f"/actions/{action_a.pk}/evaluate",
        {"version": 1, "evaluated_on": _in_days(0), "result": "Bra", "sufficient": True},
    )
    assert response.status_code == 400
    assert "genomförd" in response.json()["detail"]


def test_an_evaluation_dated_in_the_future_is_a_field_error(api_as, world, action_a):
    api = api_as(world.manager_a)
    api.post(f"/actions/{action_a.pk}/advance", {"version": 1})
    api.post(f"/actions/{action_a.pk}/advance", {"version": 2})
    response = api.post(
        f"/actions/{action_a.pk}/evaluate",
        {"version": 3, "evaluated_on": _in_days(5), "result": "Bra", "sufficient": True},
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["evaluated_on"]


def test_a_manager_cancels_an_action_with_a_reason(api_as, world, action_a):
    api = api_as(world.manager_a)
    empty = api.post(f"/actions/{action_a.pk}/cancel", {"version": 1, "reason": "  "})
    assert empty.status_code == 400
    assert "reason" in empty.json()["errors"]
    response = api.post(f"/actions/{action_a.pk}/cancel", {"version": 1, "reason": "Dubblett."})
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["cancel_reason"]) == (
        "avbruten",
        "Dubblett.",
    )


def test_a_staff_member_may_not_cancel_their_own_action(api_as, world, action_a):
    response = api_as(world.staff_a).post(
        f"/actions/{action_a.pk}/cancel", {"version": 1, "reason": "Orkar inte."}
    )
    assert response.status_code == 403
    action_a.refresh_from_db()
    assert action_a.status == "planerad"
