from django.http import HttpRequest

from kvalitetsnav.access.policies import has_cap, roles_of
from kvalitetsnav.access.roles import Cap

from .middleware import switchable_nodes


def shell(request: HttpRequest) -> dict:
    """What the page frame needs: the node switcher and which modules to show."""
    user = request.user
    if not user.is_authenticated:
        return {}
    return {
        "switchable_nodes": lambda: switchable_nodes(user),
        "active_node": getattr(request, "active_node", None),
        "can_view_records": has_cap(user, Cap.VIEW_RECORDS) or has_cap(user, Cap.WORK_OWN),
        "can_view_aggregates": has_cap(user, Cap.VIEW_AGGREGATES),
        "can_administer": has_cap(user, Cap.ADMINISTER),
        "user_roles": roles_of(user),
    }
