"""Users, their roles on org nodes, and API tokens."""

from __future__ import annotations

import hashlib
import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from kvalitetsnav.access.roles import Role
from kvalitetsnav.core.models import BaseModel, OrgNode


class User(AbstractUser):
    """A member of staff (or a politician, auditor, inspector). Never a service user."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    home_unit = models.ForeignKey(
        OrgNode,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("egen enhet"),
        help_text=_("Förvald enhet när medarbetaren rapporterar."),
    )

    class Meta:
        verbose_name = _("användare")
        verbose_name_plural = _("användare")
        ordering = ["username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class RoleAssignmentQuerySet(models.QuerySet["RoleAssignment"]):
    def with_role(self, *roles: str) -> RoleAssignmentQuerySet:
        return self.filter(role__in=roles)


class RoleAssignment(BaseModel):
    """A role held on an org node; it applies to the node and everything below it."""

    user = models.ForeignKey(User, models.CASCADE, related_name="role_assignments")
    node = models.ForeignKey(
        OrgNode, models.PROTECT, related_name="role_assignments", verbose_name=_("organisationsnod")
    )
    role = models.CharField(_("roll"), max_length=30, choices=Role.choices)

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("roll")
        verbose_name_plural = _("roller")
        constraints = [
            models.UniqueConstraint(fields=["user", "node", "role"], name="role_assignment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}, {self.node}"


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(BaseModel):
    """A bearer token for the API; only its hash is stored."""

    user = models.ForeignKey(User, models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("namn"), max_length=100, blank=True)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API-nyckel")
        verbose_name_plural = _("API-nycklar")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"
