"""The pages: dashboards with the demo's shares, a figure's chart, entering and importing."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kvalitetsnav.core.demo import seed_demo
from kvalitetsnav.core.models import OrgNode
from kvalitetsnav.keyfigures import demo, services
from kvalitetsnav.keyfigures.models import ComputedKind, KeyFigureValue, Source

from .conftest import months_ago


@pytest.mark.django_db
def test_the_dashboard_of_jarva_shows_the_shares_of_the_quality_report(client):
    seed_demo()
    demo.seed()
    from kvalitetsnav.accounts.models import User

    client.force_login(User.objects.get(username="namnd.jarva"))
    board = OrgNode.objects.get(code="jarva")
    page = client.get(reverse("keyfigures:dashboard"), {"enhet": board.pk}).content.decode()
    for share in ("36,42 %", "67,01 %", "89,47 %", "63,01 %"):
        assert share in page
    assert "492" in page and "310" in page
    plans = client.get(reverse("keyfigures:plans"), {"enhet": board.pk}).content.decode()
    assert "<svg" in plans and "20,17 %" in plans and "63,01 %" in plans


@pytest.mark.django_db
def test_a_manager_enters_a_value_and_a_bad_one_keeps_what_was_typed(client, world, satisfaction):
    client.force_login(world.manager_a)
    url = reverse("keyfigures:value_create", args=[satisfaction.pk])
    month = f"{months_ago(1):%Y-%m}"
    response = client.post(
        url, {"unit": world.unit_a.pk, "period": month, "numerator": "9", "denominator": "4"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Fler som uppfyller än totalt" in page and 'value="9"' in page
    assert not KeyFigureValue.objects.exists()
    response = client.post(
        url, {"unit": world.unit_a.pk, "period": month, "numerator": "3", "denominator": "4"}
    )
    assert response.status_code == 302
    assert KeyFigureValue.objects.get().value == Decimal("75.00")
    detail = client.get(response.url).content.decode()
    assert "75" in detail


@pytest.mark.django_db
def test_the_import_page_names_bad_rows_and_saves_nothing(client, world, satisfaction):
    client.force_login(world.manager_a)
    data = f"nyckeltal;enhet;månad;värde\nnojda-brukare;hemtjanst-a;{months_ago(1):%Y-%m};140\n"
    upload = SimpleUploadedFile("v.csv", data.encode("cp1252"), content_type="text/csv")
    page = client.post(reverse("keyfigures:import"), {"file": upload}).content.decode()
    assert "Rad 2:" in page and "mellan 0 och 100" in page
    assert not KeyFigureValue.objects.exists()


def _figures(world, n: int):
    for i in range(n):
        figure = services.key_figure_create(
            actor=world.quality_a,
            name=f"Nyckeltal {i}",
            code=f"nt-{i}",
            node=world.board_a,
            source=Source.MANUAL,
        )
        for back in range(1, 4):
            services.key_figure_value_record(
                actor=world.manager_a,
                key_figure=figure,
                unit=world.unit_a,
                period=months_ago(back),
                value=Decimal(back + i),
            )
    services.key_figure_create(
        actor=world.quality_a,
        name=f"Avvikelser {n}",
        code=f"avv-{n}",
        node=world.board_a,
        source=Source.COMPUTED,
        computed_kind=ComputedKind.DEVIATIONS,
    )


@pytest.mark.django_db
def test_the_dashboard_needs_the_same_queries_for_few_and_many_figures(client, world):
    client.force_login(world.quality_a)
    url = reverse("keyfigures:dashboard")
    _figures(world, 1)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for i, code in enumerate(["x0", "x1", "x2", "x3"]):
        figure = services.key_figure_create(
            actor=world.quality_a, name=code, code=code, node=world.board_a
        )
        services.key_figure_value_record(
            actor=world.dept_head_a,
            key_figure=figure,
            unit=world.unit_a2,
            period=months_ago(i + 1),
            value=Decimal(3),
        )
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)


@pytest.mark.django_db
def test_the_nämnd_sees_numbers_without_links_to_records_and_a_manager_gets_them(client, world):
    services.key_figure_create(
        actor=world.quality_a,
        name="Avvikelser per månad",
        code="avvikelser",
        node=world.board_a,
        source=Source.COMPUTED,
        computed_kind=ComputedKind.DEVIATIONS,
    )
    url = reverse("keyfigures:dashboard")
    client.force_login(world.politician_a)
    page = client.get(url, {"enhet": world.board_a.pk}).content.decode()
    assert "Avvikelser per månad" in page and f"{reverse('deviations:list')}?" not in page
    client.force_login(world.quality_a)
    page = client.get(url, {"enhet": world.board_a.pk}).content.decode()
    assert f"{reverse('deviations:list')}?node={world.board_a.pk}" in page


@pytest.mark.django_db
def test_the_inspector_compares_the_districts_of_the_city(client, world):
    figure = services.key_figure_create(
        actor=world.quality_a,
        name="Nöjda",
        code="nojda",
        node=world.board_a,
    )
    services.key_figure_value_record(
        actor=world.manager_a,
        key_figure=figure,
        unit=world.unit_a,
        period=dt.date.today().replace(day=1),
        value=Decimal(7),
    )
    client.force_login(world.inspector)
    page = client.get(
        reverse("keyfigures:detail", args=[figure.pk]), {"enhet": world.city.pk}
    ).content.decode()
    assert "Nämnd A" in page and "Nämnd B" in page
