"""Who may read and publish lessons.

Lessons are anonymised and meant to spread across the city, so everyone who holds a
role anywhere reads every lesson (staff, managers, inspectors, nämnd and revisor too;
a lesson is not a record about a person). Publishing is for those whose job is to
spread them: kvalitetsutvecklare and förvaltningsledning in their district, and the
city's inspectors. A lesson is changed by its publisher or a publisher of its level.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from kvalitetsnav.access import policies
from kvalitetsnav.access.roles import Role
from kvalitetsnav.core.models import OrgNode

from .models import Lesson

PUBLISHER_ROLES = frozenset({Role.KVALITETSUTVECKLARE, Role.FORVALTNINGSLEDNING, Role.INSPEKTOR})


def publisher_paths(user: Any) -> list[str]:
    return sorted({g.path for g in policies.grants(user) if g.role in PUBLISHER_ROLES})


def can_publish(user: Any, node: OrgNode | None = None) -> bool:
    paths = publisher_paths(user)
    if node is None:
        return bool(paths)
    return any(node.path.startswith(path) for path in paths)


def publishing_nodes(user: Any) -> QuerySet[OrgNode]:
    """The levels the user may publish for: the nodes of their publishing roles."""
    q = Q(pk__in=[])
    for path in publisher_paths(user):
        q |= Q(path=path)
    return OrgNode.objects.filter(q, is_active=True)


class LessonPolicy(policies.Policy[Lesson]):
    model = Lesson

    def visible_to(self, user: Any) -> QuerySet[Lesson]:
        if not policies.grants(user):
            return Lesson.objects.none()
        return Lesson.objects.all()

    def can(self, user: Any, action: str, obj: Lesson) -> bool:
        if action == "view":
            return bool(policies.grants(user))
        if action == "history":
            return obj.published_by_id == user.pk or can_publish(user, obj.node)
        if action == "attach":
            return False
        return obj.published_by_id == user.pk or can_publish(user, obj.node)


lesson_policy = policies.register(LessonPolicy())
