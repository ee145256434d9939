"""/api/v1/key-figures: definitions and values as JSON, field errors, paginated lists."""

import json
from decimal import Decimal

import pytest

from kvalitetsnav.accounts.services import api_token_create
from kvalitetsnav.keyfigures import services

from .conftest import months_ago

URL = "/api/v1/key-figures"


def _headers(user):
    return {"Authorization": f"Bearer {api_token_create(actor=None, user=user, name='t')[1]}"}


def _post(client, user, url, body):
    return client.post(
        url, json.dumps(body), content_type="application/json", headers=_headers(user)
    )


@pytest.mark.django_db
def test_a_share_posted_as_counts_is_stored_and_bad_counts_are_field_errors(
    client, world, satisfaction
):
    url = f"{URL}/{satisfaction.pk}/values"
    body = {"unit": str(world.unit_a.pk), "period": f"{months_ago(1)}"}
    bad = _post(client, world.manager_a, url, {**body, "numerator": 7, "denominator": 5})
    assert bad.status_code == 400 and "numerator" in bad.json()["errors"]
    good = _post(client, world.manager_a, url, {**body, "numerator": 119, "denominator": 133})
    assert good.status_code == 201 and good.json()["value"] == "89.47"
    again = _post(client, world.manager_a, url, {**body, "value": "90"})
    assert again.status_code == 200


@pytest.mark.django_db
def test_values_are_listed_by_page_newest_first(client, world, falls):
    for back in (1, 2, 3):
        services.key_figure_value_record(
            actor=world.manager_a,
            key_figure=falls,
            unit=world.unit_a,
            period=months_ago(back),
            value=Decimal(back),
        )
    answer = client.get(
        f"{URL}/{falls.pk}/values", {"page_size": 2}, headers=_headers(world.auditor_a)
    ).json()
    assert answer["count"] == 3 and len(answer["items"]) == 2
    assert answer["items"][0]["period"] == f"{months_ago(1)}"
    listed = client.get(URL, headers=_headers(world.politician_a)).json()
    assert [item["code"] for item in listed["items"]] == ["fall"]
