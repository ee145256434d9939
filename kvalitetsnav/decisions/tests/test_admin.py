"""The kinds of service are shipped and kept in the admin, with every change logged."""

import pytest

from kvalitetsnav.core.models import AuditEvent
from kvalitetsnav.decisions.models import ServiceKind

from . import factories as f


@pytest.mark.django_db
def test_an_administrator_adds_a_sol_service_and_the_change_is_logged(world, client):
    f.kind()
    assert ServiceKind.objects.filter(law="LSS", lss_number=10, name="Daglig verksamhet").exists()
    client.force_login(world.sysadmin)
    response = client.post(
        "/admin/decisions/servicekind/add/",
        {"law": "SoL", "name": "Matdistribution", "area": "aldreomsorg", "is_active": "on"},
    )
    assert response.status_code == 302
    kind = ServiceKind.objects.get(name="Matdistribution")
    assert AuditEvent.objects.filter(object_id=str(kind.pk), action="create").exists()
