"""manage.py api_token: a new token on standard output, alone, and it works."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from kvalitetsnav.accounts.models import ApiToken


def _run(*args):
    out, err = StringIO(), StringIO()
    call_command("api_token", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_api_token_command_prints_a_token_that_works(client, world, action_a):
    out, _ = _run("chef.a", "--name", "Verksamhetssystemet")
    token = out.strip()
    assert out == token + "\n"
    response = client.get("/api/v1/actions", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert response.json()["items"][0]["id"] == str(action_a.pk)
    stored = ApiToken.objects.get(user=world.manager_a)
    assert stored.name == "Verksamhetssystemet"
    assert token not in stored.key_hash


def test_the_api_token_command_names_an_unknown_user(world):
    with pytest.raises(CommandError, match="No user"):
        _run("finns.inte")
    assert not ApiToken.objects.exists()


def test_the_api_token_command_refuses_an_inactive_user(world):
    world.staff_a.is_active = False
    world.staff_a.save()
    with pytest.raises(CommandError, match="not active"):
        _run("personal.a")
