import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kvalitetsnav.routines import services
from kvalitetsnav.routines.models import ReadRequest

from .conftest import make_routine

EVIL = (
    "# Rubrik\n\n<script>alert('x')</script>\n\n[Klicka](javascript:alert(1))\n\n"
    '<a href="javascript:alert(2)">rå länk</a> <img src=x onerror=alert(3)>\n\n'
    "[Stadens webb](https://start.stockholm)"
)


def test_script_and_javascript_links_never_reach_the_page(client, world):
    routine = make_routine(world, title="Farlig text", body=EVIL)
    client.force_login(world.staff_a)
    html = client.get(routine.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    assert '<a href="javascript:' not in html and "<img" not in html
    assert 'href="https://start.stockholm" rel="noopener noreferrer"' in html


def test_staff_read_the_approved_version_and_confirm_it(client, world, routine_a):
    client.force_login(world.staff_a)
    page = client.get(routine_a.get_absolute_url())
    assert "Jag har läst och förstått" in page.content.decode()
    response = client.post(reverse("routines:confirm", args=[routine_a.pk]))
    assert response.status_code == 302
    assert ReadRequest.objects.get(user=world.staff_a).confirmed_at is not None


def test_the_manager_sees_per_unit_who_has_confirmed(client, world, routine_a):
    services.read_confirm(actor=world.staff_a, version=routine_a.current_version)
    client.force_login(world.manager_a)
    html = client.get(reverse("routines:read_status", args=[routine_a.pk])).content.decode()
    assert "Hemtjänst A" in html and "1 av 2 har bekräftat" in html
    assert "Stina Testsson" in html


def test_staff_do_not_see_a_draft(client, world):
    routine = make_routine(world, approve=False)
    client.force_login(world.staff_a)
    assert client.get(routine.get_absolute_url()).status_code == 404
    client.force_login(world.manager_a)
    assert client.get(routine.get_absolute_url()).status_code == 200


def test_a_routine_for_the_whole_department_is_read_by_its_units(client, world):
    routine = make_routine(
        world, nodes=[world.dept_a], owner=world.dept_head_a, approver=world.director_a
    )
    client.force_login(world.staff_a)
    assert client.get(routine.get_absolute_url()).status_code == 200
    client.force_login(world.staff_b)
    assert client.get(routine.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("persona", ["politician_a", "auditor_a"])
def test_the_board_and_auditors_see_counts_only(client, world, routine_a, persona):
    client.force_login(getattr(world, persona))
    assert client.get(routine_a.get_absolute_url()).status_code == 404
    overview = client.get(reverse("routines:overview"))
    assert overview.status_code == 200 and "Hemtjänst A" in overview.content.decode()
    assert "Rutin för fallprevention" not in overview.content.decode()


def test_the_inspector_reads_approved_routines(client, world, routine_a):
    client.force_login(world.inspector)
    assert client.get(routine_a.get_absolute_url()).status_code == 200


def test_a_search_with_an_inflected_word_finds_the_routine(client, world, routine_a):
    client.force_login(world.staff_a)
    html = client.get(reverse("routines:home"), {"q": "fallet"}).content.decode()
    assert "Rutin för fallprevention" in html and "<mark>" in html


def test_the_draft_form_keeps_what_was_typed_after_a_conflict(client, world):
    routine = make_routine(world, approve=False)
    version = routine.versions.get()
    client.force_login(world.manager_a)
    response = client.post(
        reverse("routines:version_edit", args=[version.pk]),
        {"body": "Min nya text", "change_note": "", "updated_at": "2000-01-01T00:00:00+00:00"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Min nya text" in html and "Någon annan har ändrat" in html


def test_the_diff_shows_markers_as_well_as_colour(client, world, routine_a):
    draft = services.version_new(actor=world.manager_a, routine=routine_a, change_note="Nytt")
    services.version_update(
        actor=world.manager_a, version=draft, body="Helt ny rad", change_note="Nytt"
    )
    client.force_login(world.manager_a)
    html = client.get(draft.get_absolute_url()).content.decode()
    assert 'class="added"' in html and ">+<" in html and ">−<" in html


def _count(client, url, data=None):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, data or {}).status_code == 200
    return len(queries)


@pytest.mark.parametrize("params", [{}, {"q": "fallet"}])
def test_list_and_search_use_the_same_number_of_queries_for_more_rows(client, world, params):
    make_routine(world)
    client.force_login(world.staff_a)
    url = reverse("routines:home")
    few = _count(client, url, params)
    for n in range(6):
        make_routine(world, title=f"Fallrutin {n}")
    assert _count(client, url, params) == few


def test_the_overview_uses_the_same_number_of_queries_for_more_rows(client, world):
    make_routine(world)
    client.force_login(world.dept_head_a)
    url = reverse("routines:overview")
    few = _count(client, url)
    for n in range(4):
        make_routine(world, title=f"Rutin {n}", nodes=[world.unit_a2], owner=world.manager_a2)
    assert _count(client, url) == few


def test_a_new_routine_with_bad_input_keeps_the_text(client, world):
    client.force_login(world.manager_a)
    response = client.post(
        reverse("routines:create"), {"title": "", "kind": "rutin", "body": "Behåll mig"}
    )
    assert response.status_code == 200 and "Behåll mig" in response.content.decode()
