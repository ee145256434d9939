import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kvalitetsnav.access.roles import Role
from kvalitetsnav.accounts import services as account_services
from kvalitetsnav.core.models import AuditEvent, OrgNode
from kvalitetsnav.core.tasks import tasks_for
from kvalitetsnav.routines import training
from kvalitetsnav.routines.models import TrainingCompletion, TrainingRequirement

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 2)


@pytest.fixture
def dementia(world):
    course = training.training_create(actor=None, name="Demensutbildning")
    training.requirement_set(actor=None, training=course, node=world.dept_a, required_percent=80)
    return course


def _new_staff(world, username: str, unit=None):
    user = account_services.user_create(
        actor=None, username=username, password="x", first_name="Ny", validate=False
    )
    account_services.role_grant(
        actor=None, user=user, node=unit or world.unit_a, role=Role.MEDARBETARE
    )
    return user


def _row(world, unit=None):
    [row] = training.unit_shares(OrgNode.objects.filter(pk=(unit or world.unit_a).pk))
    return row


def test_the_share_counts_the_units_staff_and_managers_who_completed_it(world, dementia):
    training.training_complete(
        actor=world.manager_a,
        training=dementia,
        users=[world.staff_a],
        completed_on=TODAY,
        unit=world.unit_a,
    )
    row = _row(world)
    assert (row.staff, row.completed, row.share) == (2, 1, 50)  # staff_a and manager_a
    assert row.below and row.missing == 1

    training.training_complete(
        actor=world.manager_a,
        training=dementia,
        users=[world.manager_a],
        completed_on=TODAY,
        unit=world.unit_a,
    )
    row = _row(world)
    assert (row.completed, row.share, row.below, row.missing) == (2, 100, False, 0)


def test_a_new_staff_member_pushes_the_share_below_80_and_the_warning_appears(
    client, world, dementia
):
    training.training_complete(
        actor=world.manager_a,
        training=dementia,
        users=[world.staff_a, world.manager_a],
        completed_on=TODAY,
        unit=world.unit_a,
    )
    client.force_login(world.manager_a)
    url = reverse("routines:training_unit", args=[world.unit_a.pk])
    page = client.get(url).content.decode()
    assert "2 av 2 har gått utbildningen" in page
    assert "Under kravet" not in page

    _new_staff(world, "ny.personal")
    row = _row(world)
    assert (row.staff, row.completed, row.share, row.below) == (3, 2, 66, True)
    page = client.get(url).content.decode()
    assert "2 av 3 har gått utbildningen" in page
    assert "Under kravet 80 %: 1 till behöver utbildningen." in page
    assert "training-below" in page  # the red edge

    # The unit manager gets it under Mina uppgifter.
    titles = [item.title for group in tasks_for(world.manager_a) for item in group.items]
    assert "Demensutbildning: Hemtjänst A" in titles


def test_a_requirement_for_one_kind_of_unit_leaves_the_others_out(world):
    course = training.training_create(actor=None, name="Palliativ vård")
    training.requirement_set(
        actor=None,
        training=course,
        node=world.dept_a,
        required_percent=80,
        operation_kind="vard_och_omsorgsboende",
    )
    rows = training.unit_shares(OrgNode.objects.all())
    assert [row.unit for row in rows] == [world.unit_a2]


def test_a_manager_registers_completions_with_the_form(client, world, dementia):
    client.force_login(world.manager_a)
    url = reverse("routines:training_unit", args=[world.unit_a.pk])
    response = client.post(
        url,
        {"training": dementia.pk, "users": [world.staff_a.pk], "completed_on": "2026-02-01"},
    )
    assert response.status_code == 302
    completion = TrainingCompletion.objects.get()
    assert completion.user == world.staff_a and completion.registered_by == world.manager_a
    assert AuditEvent.objects.for_object(completion).filter(action="create").exists()

    # A date in the future, or someone from another unit, is refused at the field.
    future = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    page = client.post(
        url, {"training": dementia.pk, "users": [world.staff_a.pk], "completed_on": future}
    )
    assert page.status_code == 200
    assert "Datumet kan inte ligga i framtiden." in page.content.decode()
    page = client.post(
        url, {"training": dementia.pk, "users": [world.staff_b.pk], "completed_on": "2026-02-01"}
    )
    assert page.status_code == 200
    assert TrainingCompletion.objects.count() == 1


def test_only_a_manager_of_the_unit_may_register(world, dementia):
    with pytest.raises(PermissionDenied):
        training.training_complete(
            actor=world.manager_b,
            training=dementia,
            users=[world.staff_a],
            completed_on=TODAY,
            unit=world.unit_a,
        )
    with pytest.raises(ValidationError):
        training.training_complete(
            actor=world.manager_a,
            training=dementia,
            users=[world.staff_b],
            completed_on=TODAY,
            unit=world.unit_a,
        )


def test_the_overview_warns_and_takes_the_same_queries_for_2_and_6_staff(client, world, dementia):
    client.force_login(world.dept_head_a)
    url = reverse("routines:training")

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        return len(ctx.captured_queries)

    few = queries()
    for index in range(4):
        user = _new_staff(world, f"extra.{index}", unit=world.unit_a2)
        training.training_complete(
            actor=world.manager_a2,
            training=dementia,
            users=[user],
            completed_on=TODAY,
            unit=world.unit_a2,
        )
    assert queries() == few
    page = client.get(url).content.decode()
    assert "Hemtjänst A" in page and "Boende A" in page
    assert "badge overdue" in page  # unit A: nobody trained
    assert "badge done" in page  # Boende A: 4 of 5


def test_the_board_sees_the_shares_but_no_names(client, world, dementia):
    client.force_login(world.politician_a)
    page = client.get(reverse("routines:training"))
    assert page.status_code == 200
    assert reverse("routines:training_unit", args=[world.unit_a.pk]) not in page.content.decode()
    response = client.get(reverse("routines:training_unit", args=[world.unit_a.pk]))
    assert response.status_code == 403


def test_a_department_head_adds_a_requirement_and_a_bad_percentage_stays_at_the_field(
    client, world
):
    client.force_login(world.dept_head_a)
    url = reverse("routines:training_requirements")
    data = {
        "name": "Palliativ vård",
        "description": "",
        "node": world.dept_a.pk,
        "operation_kind": "vard_och_omsorgsboende",
        "required_percent": "120",
    }
    page = client.post(url, data)
    assert page.status_code == 200
    assert "120" in page.content.decode()  # what was typed is kept
    assert not TrainingRequirement.objects.exists()
    response = client.post(url, {**data, "required_percent": "60"})
    assert response.status_code == 302
    requirement = TrainingRequirement.objects.get()
    assert (requirement.training.name, requirement.required_percent) == ("Palliativ vård", 60)
    assert [row.unit for row in training.unit_shares(OrgNode.objects.all())] == [world.unit_a2]
    # The manager of unit B may not set a requirement for board A's department.
    client.force_login(world.manager_b)
    page = client.post(url, {**data, "required_percent": "60"})
    assert page.status_code == 200
    assert TrainingRequirement.objects.count() == 1
