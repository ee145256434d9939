import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kvalitetsnav.actions.tests.url_policy import new_action
from kvalitetsnav.core.models import AuditEvent
from kvalitetsnav.routines import citations
from kvalitetsnav.routines.models import RoutineCitation

from .conftest import make_routine

pytestmark = pytest.mark.django_db


def test_a_manager_cites_a_routine_from_an_action_page_and_the_routine_lists_it(
    client, world, routine_a
):
    action = new_action(world)
    client.force_login(world.manager_a)
    page = client.get(action.get_absolute_url())
    assert "Styrdokument som gäller" in page.content.decode()
    assert routine_a.title in page.content.decode()  # offered in the list

    response = client.post(
        reverse("routines:cite", args=["actions.action", action.pk]),
        {"routine": str(routine_a.pk)},
    )
    assert response.status_code == 302
    assert response.url == action.get_absolute_url()
    citation = RoutineCitation.objects.get()
    assert citation.routine == routine_a and citation.object_id == str(action.pk)
    assert AuditEvent.objects.filter(object_id=str(citation.pk), action="create").exists()

    routine_page = client.get(routine_a.get_absolute_url()).content.decode()
    assert "Hänvisar hit" in routine_page
    assert action.get_absolute_url() in routine_page
    assert action.title in routine_page


def test_someone_who_cannot_see_the_action_does_not_see_it_on_the_routine(world):
    routine = make_routine(
        world,
        nodes=[world.unit_a, world.unit_a2],
        owner=world.dept_head_a,
        approver=world.director_a,
    )
    action = new_action(world)
    citations.routine_cite(actor=world.manager_a, routine=routine, record=action)

    assert citations.citing_records(world.manager_a, routine)[0]["records"] == [action]
    # The manager of the other unit reads the routine, but not unit A's action.
    assert citations.citing_records(world.manager_a2, routine) == []


def test_the_routine_page_hides_the_action_from_a_reader_of_another_unit(client, world):
    routine = make_routine(
        world,
        nodes=[world.unit_a, world.unit_a2],
        owner=world.dept_head_a,
        approver=world.director_a,
    )
    action = new_action(world)
    citations.routine_cite(actor=world.manager_a, routine=routine, record=action)
    client.force_login(world.manager_a2)
    page = client.get(routine.get_absolute_url())
    assert page.status_code == 200
    assert action.title not in page.content.decode()


def test_someone_who_may_not_change_the_record_may_not_cite(client, world, routine_a):
    action = new_action(world)
    # The inspector sees the action but may not change it.
    with pytest.raises(PermissionDenied):
        citations.routine_cite(actor=world.inspector, routine=routine_a, record=action)
    client.force_login(world.inspector)
    response = client.post(
        reverse("routines:cite", args=["actions.action", action.pk]),
        {"routine": str(routine_a.pk)},
    )
    assert response.status_code == 403
    assert not RoutineCitation.objects.exists()


def test_citing_a_routine_one_may_not_read_is_refused(world):
    draft_b = make_routine(
        world, title="Utkast i B", nodes=[world.unit_b], owner=world.manager_b, approve=False
    )
    action = new_action(world)
    with pytest.raises(PermissionDenied):
        citations.routine_cite(actor=world.manager_a, routine=draft_b, record=action)
    assert not RoutineCitation.objects.exists()


def test_removing_a_citation_is_audited(client, world, routine_a):
    action = new_action(world)
    citation = citations.routine_cite(actor=world.manager_a, routine=routine_a, record=action)
    client.force_login(world.staff_a)  # the action's owner
    response = client.post(reverse("routines:uncite", args=[citation.pk]))
    assert response.status_code == 302
    assert not RoutineCitation.objects.exists()
    assert AuditEvent.objects.filter(object_id=str(citation.pk), action="delete").exists()


def test_citing_twice_keeps_one_citation(world, routine_a):
    action = new_action(world)
    first = citations.routine_cite(actor=world.manager_a, routine=routine_a, record=action)
    again = citations.routine_cite(actor=world.manager_a, routine=routine_a, record=action)
    assert first.pk == again.pk
    assert RoutineCitation.objects.count() == 1


def test_listing_what_cites_a_routine_takes_the_same_queries_for_2_and_6_actions(world, routine_a):
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            groups = citations.citing_records(world.manager_a, routine_a)
        assert groups
        return len(ctx.captured_queries)

    for _ in range(2):
        citations.routine_cite(actor=world.manager_a, routine=routine_a, record=new_action(world))
    few = count()
    for _ in range(4):
        citations.routine_cite(actor=world.manager_a, routine=routine_a, record=new_action(world))
    assert count() == few
