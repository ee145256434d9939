"""Who may see, build, plan and fill in inspections."""

from typing import Any

from django.db import models
from django.db.models import Q

from kvalitetsnav.access import policies
from kvalitetsnav.access.policies import grants, has_cap, roles_of, subtree_q
from kvalitetsnav.access.roles import Cap, Role
from kvalitetsnav.core.models import OrgNode

from .models import Inspection, Plan, ReviewRound, Sample, Template, TemplateVersion


def may_review(user: Any, node: OrgNode) -> bool:
    """Who may draw case-review samples in ``node`` and fill in their protocols.

    The unit's managers, and the inspectors whose role covers the node: reviewing cases
    is the inspectors' task, though their role changes no other record.
    """
    if has_cap(user, Cap.MANAGE_RECORDS, node):
        return True
    return any(g.role == Role.INSPEKTOR and node.path.startswith(g.path) for g in grants(user))


def review_nodes(user: Any) -> models.QuerySet[OrgNode]:
    """Every active node where ``user`` may draw case-review samples."""
    q = subtree_q(user, Cap.MANAGE_RECORDS, "path")
    for g in grants(user):
        if g.role == Role.INSPEKTOR:
            q |= Q(path__startswith=g.path)
    return OrgNode.objects.filter(q).active()


def may_build(user: Any, template: Template) -> bool:
    """A template's owner level manages it; shipped ones belong to the quality developers."""
    if template.owner_id is None:
        return Role.KVALITETSUTVECKLARE in roles_of(user)
    return has_cap(user, Cap.MANAGE_RECORDS, template.owner)


class TemplatePolicy(policies.Policy[Template]):
    """Checklists hold no personal data: everyone who works with records may read them."""

    model = Template

    def visible_to(self, user: Any) -> models.QuerySet[Template]:
        if not has_cap(user, Cap.VIEW_RECORDS):
            return Template.objects.none()
        return Template.objects.all()

    def node_of(self, obj: Template):
        return obj.owner

    def can(self, user: Any, action: str, obj: Template) -> bool:
        if action == "view":
            return has_cap(user, Cap.VIEW_RECORDS)
        if action == "history":
            return has_cap(user, Cap.VIEW_HISTORY)
        if action == "attach":
            return False
        return may_build(user, obj)


class VersionPolicy(policies.Policy[TemplateVersion]):
    model = TemplateVersion

    def visible_to(self, user: Any) -> models.QuerySet[TemplateVersion]:
        if not has_cap(user, Cap.VIEW_RECORDS):
            return TemplateVersion.objects.none()
        return TemplateVersion.objects.select_related("template")

    def can(self, user: Any, action: str, obj: TemplateVersion) -> bool:
        return template_policy.can(user, action, obj.template)


class InspectionPolicy(policies.Policy[Inspection]):
    """Records of the unit's subtree; the responsible person always sees and fills in theirs."""

    model = Inspection

    def visible_to(self, user: Any) -> models.QuerySet[Inspection]:
        if not getattr(user, "is_authenticated", False):
            return Inspection.objects.none()
        return Inspection.objects.filter(subtree_q(user, Cap.VIEW_RECORDS) | Q(responsible=user))

    def can(self, user: Any, action: str, obj: Inspection) -> bool:
        if action in ("answer", "attach"):
            if obj.responsible_id == user.pk and has_cap(user, Cap.WORK_OWN):
                return True
            if obj.sample_id is not None:
                return may_review(user, obj.node)
            return has_cap(user, Cap.MANAGE_RECORDS, obj.node)
        return super().can(user, action, obj)


class PlanPolicy(policies.Policy[Plan]):
    model = Plan


class SamplePolicy(policies.Policy[Sample]):
    model = Sample


class ReviewRoundPolicy(policies.Policy[ReviewRound]):
    """A round spans districts: seen by those who see records over all of them."""

    model = ReviewRound
    node_path_lookup = "scope__path"

    def node_of(self, obj: ReviewRound) -> OrgNode:
        return obj.scope

    def can(self, user: Any, action: str, obj: ReviewRound) -> bool:
        if action == "view":
            return super().can(user, action, obj)
        if action == "history":
            return has_cap(user, Cap.VIEW_HISTORY, obj.scope)
        return may_review(user, obj.scope)


template_policy = policies.register(TemplatePolicy())
version_policy = policies.register(VersionPolicy())
policy = policies.register(InspectionPolicy())
plan_policy = policies.register(PlanPolicy())
sample_policy = policies.register(SamplePolicy())
round_policy = policies.register(ReviewRoundPolicy())
