"""Roles and capabilities: the one table of who may do what.

A user holds roles on org nodes; a role's capabilities apply to its node and
everything below it. Each model's policy (``policies.py``) turns these
capabilities into ``can(user, action, obj)`` and ``visible_to(user)``.
The same table is written out for people in ``docs/roles.md``.
"""

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    MEDARBETARE = "medarbetare", _("Medarbetare")
    ENHETSCHEF = "enhetschef", _("Enhetschef")
    AVDELNINGSCHEF = "avdelningschef", _("Avdelningschef")
    FORVALTNINGSLEDNING = "forvaltningsledning", _("Förvaltningsledning")
    KVALITETSUTVECKLARE = "kvalitetsutvecklare", _("Kvalitetsutvecklare")
    MAS = "mas", _("MAS")
    INSPEKTOR = "inspektor", _("Inspektör")
    NAMND = "namnd", _("Nämnd")
    REVISOR = "revisor", _("Revisor")
    SYSTEMADMINISTRATOR = "systemadministrator", _("Systemadministratör")


class Cap(StrEnum):
    """Capabilities a role grants on its node's subtree."""

    # See individual records (actions, and later deviations, complaints…).
    VIEW_RECORDS = "records.view"
    # Create and change records, assign owners, follow up effects.
    MANAGE_RECORDS = "records.manage"
    # Work on records one owns (report progress on one's own actions).
    WORK_OWN = "records.work_own"
    # See aggregated figures only: counts per unit and status, never a record.
    VIEW_AGGREGATES = "aggregates.view"
    # See a record's change history (the audit log of that record).
    VIEW_HISTORY = "history.view"
    # Run the installation: the org tree, users and roles, the audit check.
    ADMINISTER = "system.administer"


_STAFF = {Cap.VIEW_RECORDS, Cap.WORK_OWN, Cap.VIEW_AGGREGATES}
_MANAGER = {
    Cap.VIEW_RECORDS,
    Cap.MANAGE_RECORDS,
    Cap.WORK_OWN,
    Cap.VIEW_AGGREGATES,
    Cap.VIEW_HISTORY,
}

CAPABILITIES: dict[str, frozenset[Cap]] = {
    Role.MEDARBETARE: frozenset(_STAFF),
    Role.ENHETSCHEF: frozenset(_MANAGER),
    Role.AVDELNINGSCHEF: frozenset(_MANAGER),
    Role.FORVALTNINGSLEDNING: frozenset(_MANAGER),
    Role.KVALITETSUTVECKLARE: frozenset(_MANAGER),
    Role.MAS: frozenset(_MANAGER),
    Role.INSPEKTOR: frozenset({Cap.VIEW_RECORDS, Cap.VIEW_AGGREGATES, Cap.VIEW_HISTORY}),
    Role.NAMND: frozenset({Cap.VIEW_AGGREGATES}),
    Role.REVISOR: frozenset({Cap.VIEW_AGGREGATES}),
    Role.SYSTEMADMINISTRATOR: frozenset({Cap.ADMINISTER, Cap.VIEW_AGGREGATES}),
}
