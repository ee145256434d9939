from django.urls import reverse

from kvalitetsnav.routines import services

from .conftest import make_routine


def test_the_api_searches_with_inflected_words(client, world, routine_a):
    make_routine(world, title="Nyckelhantering", body="Nycklar kvitteras.")
    client.force_login(world.staff_a)
    data = client.get(reverse("api-v1:list_routines"), {"q": "fallet"}).json()
    assert data["count"] == 1
    assert data["items"][0]["title"] == "Rutin för fallprevention"
    assert "<mark>" in data["items"][0]["snippet"]


def test_the_api_gives_the_text_as_markdown_and_safe_html(client, world):
    routine = make_routine(world, body="# Rubrik\n\n<script>x</script>")
    client.force_login(world.staff_a)
    data = client.get(reverse("api-v1:get_routine", args=[routine.pk])).json()
    assert data["markdown"].startswith("# Rubrik")
    assert "<h1>Rubrik</h1>" in data["html"] and "<script>" not in data["html"]
    assert data["version"]["number"] == 1


def test_staff_get_approved_versions_only(client, world, routine_a):
    services.version_new(actor=world.manager_a, routine=routine_a, change_note="Ändra")
    client.force_login(world.staff_a)
    numbers = [
        v["number"]
        for v in client.get(reverse("api-v1:list_routine_versions", args=[routine_a.pk])).json()
    ]
    assert numbers == [1]
    client.force_login(world.manager_a)
    numbers = [
        v["number"]
        for v in client.get(reverse("api-v1:list_routine_versions", args=[routine_a.pk])).json()
    ]
    assert numbers == [2, 1]
