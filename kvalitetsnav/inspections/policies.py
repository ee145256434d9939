"""Who may see, build, plan and fill in inspections."""

from typing import Any

from django.db import models
from django.db.models import Q

from kvalitetsnav.access import policies
from kvalitetsnav.access.policies import has_cap, roles_of, subtree_q
from kvalitetsnav.access.roles import Cap, Role

from .models import Inspection, Plan, Sample, Template, TemplateVersion


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
            return (obj.responsible_id == user.pk and has_cap(user, Cap.WORK_OWN)) or has_cap(
                user, Cap.MANAGE_RECORDS, obj.node
            )
        return super().can(user, action, obj)


class PlanPolicy(policies.Policy[Plan]):
    model = Plan


class SamplePolicy(policies.Policy[Sample]):
    model = Sample


template_policy = policies.register(TemplatePolicy())
version_policy = policies.register(VersionPolicy())
policy = policies.register(InspectionPolicy())
plan_policy = policies.register(PlanPolicy())
sample_policy = policies.register(SamplePolicy())
