import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kvalitetsnav.core.models import AuditEvent
from kvalitetsnav.lessons import services
from kvalitetsnav.lessons.models import Lesson
from kvalitetsnav.reviews.tests.url_policy import new_review

from .url_policy import new_lesson


def test_a_kvalitetsutvecklare_publishes_a_lesson_from_a_finding_that_every_district_reads(
    client, world
):
    _review, finding = new_review(world)
    client.force_login(world.quality_a)
    url = reverse("lessons:create")
    token = f"reviews.finding:{finding.pk}"
    assert client.get(url, {"kalla": token}).context["form"]["source"].value() == token
    response = client.post(
        url,
        {
            "source": token,
            "kind": "lardom",
            "title": "Riskanalys före ändrade insatser",
            "text": "Vi gör nu riskanalysen på arbetsplatsträffen innan insatser ändras.",
            "theme": "riskanalys",
            "area": "hemtjanst",
            "node": world.board_a.pk,
        },
    )
    lesson = Lesson.objects.get()
    assert response.status_code == 302 and lesson.source == finding
    assert AuditEvent.objects.filter(object_id=str(lesson.pk), action="create").exists()
    client.force_login(world.staff_b)  # another district
    page = client.get(lesson.get_absolute_url()).content.decode()
    assert "Riskanalys före ändrade insatser" in page
    assert finding.get_absolute_url() not in page  # the source is not theirs to open
    assert "i en annan verksamhet" in page
    client.force_login(world.staff_a)
    assert (
        finding.get_absolute_url().split("#")[0]
        in client.get(lesson.get_absolute_url()).content.decode()
    )


def test_a_personal_identity_number_in_a_lesson_is_refused_and_the_text_is_kept(client, world):
    client.force_login(world.inspector)
    text = "Brukaren 19121212-1212 fick fel läkemedel."
    response = client.post(
        reverse("lessons:create"),
        {"kind": "lardom", "title": "Läkemedel", "text": text, "theme": "lakemedel",
         "area": "hemtjanst", "node": world.city.pk},
    )  # fmt: skip
    assert response.status_code == 200
    assert "personnummer" in response.content.decode()
    assert response.context["form"]["text"].value() == text
    assert not Lesson.objects.exists()


def test_only_publishing_roles_publish_and_only_at_their_level(world):
    with pytest.raises(PermissionDenied):
        new_lesson(world, actor=world.manager_a, node=world.unit_a)
    with pytest.raises(PermissionDenied):
        new_lesson(world, actor=world.quality_a, node=world.board_b)
    assert new_lesson(world, actor=world.inspector, node=world.city).node == world.city


def test_the_list_filters_by_theme_area_and_text_and_paginates_in_the_database(client, world):
    new_lesson(world)
    new_lesson(world, title="Gott bemötande", theme="kontakt", area="gruppbostad_lss",
               kind="gott_exempel", text="Kontaktpersonen ringer varje vecka.")  # fmt: skip
    client.force_login(world.politician_a)

    def listed(**params):
        response = client.get(reverse("lessons:list"), params)
        return [lesson.title for lesson in response.context["page"]]

    assert listed(theme="kontakt") == ["Gott bemötande"]
    assert listed(area="hemtjanst") == ["Riskanalys vid ändrade insatser"]
    assert listed(q="ringer VECKA") == ["Gott bemötande"]
    assert len(listed()) == 2

    def count():
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("lessons:list"))
        return len(ctx.captured_queries)

    few = count()
    for _ in range(10):
        new_lesson(world)
    assert count() == few


def test_a_stale_edit_is_a_conflict_that_keeps_the_text(client, world):
    lesson = new_lesson(world)
    services.lesson_update(
        actor=world.inspector, lesson=lesson, version=lesson.version, title="Ny rubrik"
    )
    client.force_login(world.quality_a)
    response = client.post(
        reverse("lessons:edit", args=[lesson.pk]),
        {"kind": "lardom", "title": "Min rubrik", "text": "Min text", "theme": "riskanalys",
         "area": "hemtjanst", "version": 1},
    )  # fmt: skip
    assert response.status_code == 200
    assert "Någon annan har ändrat lärdomen" in response.content.decode()
    assert response.context["form"]["text"].value() == "Min text"


def test_a_lesson_without_theme_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        new_lesson(world, theme="")
    assert "theme" in exc.value.message_dict


def test_the_api_lists_lessons_by_theme(client, world):
    new_lesson(world)
    client.force_login(world.staff_b)
    data = client.get(reverse("api-v1:list_lessons"), {"theme": "riskanalys"}).json()
    assert data["count"] == 1 and data["items"][0]["node"]["name"] == "Nämnd A"
    assert client.get(reverse("api-v1:list_lessons"), {"theme": "hygien"}).json()["count"] == 0
