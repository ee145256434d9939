import pytest

from kvalitetsnav.feedback import services
from kvalitetsnav.feedback.models import Kind, ServiceArea, ServiceAreaRoute


@pytest.fixture
def home_care(world):
    """The public form's "Hemtjänst" routed to unit A by board A."""
    area = ServiceArea.objects.get(name="Hemtjänst")
    ServiceAreaRoute.objects.create(board=world.board_a, service_area=area, node=world.unit_a)
    return area


@pytest.fixture
def phoned_in(world):
    """A complaint a relative phoned in to unit A, registered by its manager."""
    feedback, code = services.feedback_register(
        actor=world.manager_a,
        node=world.unit_a,
        kind=Kind.COMPLAINT,
        channel="telefon",
        sender_type="anhorig",
        description="Ingen kom på kvällsbesöket i tisdags.",
        wish="Att det inte händer igen.",
        contact_phone="08-123 456",
    )
    feedback.code = code
    return feedback
