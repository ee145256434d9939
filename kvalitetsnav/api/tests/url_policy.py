"""The API's own endpoints and the org tree's."""

from kvalitetsnav.access.testing import (
    EVERYONE,
    EVERYONE_LOGGED_IN,
    EVERYONE_WITH_A_ROLE,
    RECORD_VIEWERS_OF_A,
    Rule,
)

# Who sees unit A in the org tree: records or aggregates over it, or the administrator.
SEES_UNIT_A = RECORD_VIEWERS_OF_A | {"politician_a", "auditor_a", "sysadmin"}

API = {
    # ninja's root only tells where the docs are: a 404 for everyone.
    "api-v1:api-root": Rule(allowed=set(), not_visible=EVERYONE, anonymous_status=404),
    "api-v1:openapi-json": Rule(allowed=EVERYONE, anonymous_status=200),
    "api-v1:openapi-view": Rule(allowed=EVERYONE, anonymous_status=200),
    # Everyone logged in may list the nodes; someone without a role gets an empty list.
    "api-v1:list_org_nodes": Rule(allowed=EVERYONE_WITH_A_ROLE | {"no_role"}),
    "api-v1:get_org_node": Rule(
        allowed=SEES_UNIT_A,
        kwargs=lambda w: {"node_id": w.unit_a.pk},
        not_visible=EVERYONE_LOGGED_IN - SEES_UNIT_A,
    ),
}
