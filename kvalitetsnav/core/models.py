"""The shared shape of every record, the organisation tree, the audit log and attachments."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from kvalitetsnav.accounts.models import User


class BaseModel(models.Model):
    """UUID primary key and timestamps: the shape every domain record shares."""

    # Set to True on a model whose records concern a person (a deviation, a
    # decision): every read through access.policies.get_for_user is then logged.
    audit_reads: ClassVar[bool] = False
    # Fields whose values the log keeps but a record's history page never shows
    # (a sender's contact details): the history says that they changed, not to what.
    audit_masked_fields: ClassVar[frozenset[str]] = frozenset()

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        abstract = True


class OrgLevel(models.TextChoices):
    """Levels of the organisation tree, from the top. Levels may be skipped."""

    KOMMUN = "kommun", _("Kommun")
    NAMND = "namnd", _("Nämnd")
    FORVALTNING = "forvaltning", _("Förvaltning")
    AVDELNING = "avdelning", _("Avdelning")
    VERKSAMHETSOMRADE = "verksamhetsomrade", _("Verksamhetsområde")
    ENHET = "enhet", _("Enhet")

    @classmethod
    def depth(cls, level: str) -> int:
        return list(cls.values).index(level)


class OperationKind(models.TextChoices):
    """The kind of operation a unit runs (editable lists come with later modules)."""

    HEMTJANST = "hemtjanst", _("Hemtjänst")
    VARD_OCH_OMSORGSBOENDE = "vard_och_omsorgsboende", _("Vård- och omsorgsboende")
    SERVICEHUS = "servicehus", _("Servicehus")
    GRUPPBOSTAD_LSS = "gruppbostad_lss", _("Gruppbostad LSS")
    KORTTIDSVERKSAMHET = "korttidsverksamhet", _("Korttidsverksamhet")
    DAGLIG_VERKSAMHET = "daglig_verksamhet", _("Daglig verksamhet")
    DAGVERKSAMHET = "dagverksamhet", _("Dagverksamhet")
    HVB = "hvb", _("HVB (hem för vård eller boende)")
    BOENDESTOD = "boendestod", _("Boendestöd")
    MYNDIGHETSUTOVNING = "myndighetsutovning", _("Myndighetsutövning/beställare")
    OPPENVARD = "oppenvard", _("Öppenvård")
    EKONOMISKT_BISTAND = "ekonomiskt_bistand", _("Ekonomiskt bistånd")
    FAMILJEHEMSVARD = "familjehemsvard", _("Familjehemsvård")
    HALSO_OCH_SJUKVARD = "halso_och_sjukvard", _("Hälso- och sjukvård")
    FOREBYGGANDE = "forebyggande", _("Förebyggande och främjande")
    OVRIGT = "ovrigt", _("Övrigt")


class ProviderType(models.TextChoices):
    EGEN_REGI = "egen_regi", _("Egen regi")
    LOV = "lov", _("LOV")
    UPPHANDLAD = "upphandlad", _("Upphandlad")


class OrgNodeQuerySet(models.QuerySet["OrgNode"]):
    def subtree_of(self, node: OrgNode) -> OrgNodeQuerySet:
        return self.filter(path__startswith=node.path)

    def units(self) -> OrgNodeQuerySet:
        return self.filter(level=OrgLevel.ENHET)

    def boards(self) -> OrgNodeQuerySet:
        return self.filter(level=OrgLevel.NAMND)

    def active(self) -> OrgNodeQuerySet:
        return self.filter(is_active=True)


class OrgNode(BaseModel):
    """A node of the tree kommun → nämnd → förvaltning → avdelning → verksamhetsområde → enhet.

    ``path`` is a materialised path of ancestor ids ("/id/id/…/"), so that a whole
    subtree is one indexed prefix query.
    """

    name = models.CharField(_("namn"), max_length=200)
    code = models.SlugField(_("kod"), max_length=80, unique=True)
    level = models.CharField(_("nivå"), max_length=20, choices=OrgLevel.choices)
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("överordnad"),
    )
    path = models.CharField(max_length=400, db_index=True, editable=False)
    operation_kind = models.CharField(
        _("verksamhetstyp"), max_length=40, choices=OperationKind.choices, blank=True
    )
    provider_type = models.CharField(
        _("regiform"), max_length=20, choices=ProviderType.choices, blank=True
    )
    provider_name = models.CharField(_("utförare"), max_length=200, blank=True)
    is_active = models.BooleanField(_("aktiv"), default=True)

    objects = OrgNodeQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisationsnod")
        verbose_name_plural = _("organisationsnoder")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(level="kommun") | Q(parent__isnull=False),
                name="orgnode_only_kommun_is_root",
            ),
            models.CheckConstraint(
                condition=Q(level="enhet") | (Q(operation_kind="") & Q(provider_type="")),
                name="orgnode_only_units_have_operation",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def depth(self) -> int:
        return self.path.count("/") - 2

    @property
    def is_unit(self) -> bool:
        return self.level == OrgLevel.ENHET

    def ancestor_ids(self) -> list[str]:
        return [part for part in self.path.strip("/").split("/") if part]

    def ancestors(self) -> OrgNodeQuerySet:
        """Every node above this one, from the top (one query)."""
        ids = self.ancestor_ids()[:-1]
        return OrgNode.objects.filter(pk__in=ids).order_by("path")

    def board(self) -> OrgNode | None:
        """The nämnd this node belongs to (or is), if any."""
        if self.level == OrgLevel.NAMND:
            return self
        return self.ancestors().filter(level=OrgLevel.NAMND).first()

    def is_within(self, other: OrgNode) -> bool:
        return self.path.startswith(other.path)


class AuditAction(models.TextChoices):
    CREATE = "create", _("Skapad")
    UPDATE = "update", _("Ändrad")
    DELETE = "delete", _("Borttagen")
    READ = "read", _("Läst")


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def for_object(self, obj: models.Model) -> AuditEventQuerySet:
        return self.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))

    def update(self, **kwargs):  # type: ignore[override]
        raise PermissionError("The audit log is append-only.")

    def delete(self):  # type: ignore[override]
        raise PermissionError("The audit log is append-only.")


class AuditEvent(models.Model):
    """One entry of the append-only, hash-chained audit log.

    Each entry's ``hash`` covers its content and the previous entry's hash, so a
    changed or removed entry breaks the chain (``manage.py verify_audit``). The
    database refuses UPDATE and DELETE on this table by trigger.
    """

    id = models.BigAutoField(primary_key=True)
    occurred_at = models.DateTimeField(_("tidpunkt"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("användare"),
    )
    actor_username = models.CharField(_("användarnamn"), max_length=150, blank=True)
    action = models.CharField(_("händelse"), max_length=10, choices=AuditAction.choices)
    object_type = models.CharField(_("posttyp"), max_length=100)
    object_id = models.CharField(_("post-id"), max_length=64)
    object_repr = models.CharField(_("post"), max_length=200, blank=True)
    changes = models.JSONField(_("ändringar"), default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    # Not indexed: nothing looks an entry up by its hash (ADR 0003).
    hash = models.CharField(max_length=64)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("logghändelse")
        verbose_name_plural = _("logghändelser")
        ordering = ["id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]

    def __str__(self) -> str:
        when = f"{self.occurred_at:%Y-%m-%d %H:%M}"
        return f"{when} {self.actor_username} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit log is append-only.")


def attachment_path(instance: Attachment, filename: str) -> str:
    """A random stored name: the user's file name is kept only in the database."""
    return f"attachments/{uuid.uuid4().hex[:2]}/{uuid.uuid4().hex}"


class AttachmentQuerySet(models.QuerySet["Attachment"]):
    def for_object(self, obj: models.Model) -> AttachmentQuerySet:
        ct = ContentType.objects.get_for_model(obj)
        return self.filter(content_type=ct, object_id=str(obj.pk))


class Attachment(BaseModel):
    """A file attached to any record, served only after the record's permission check."""

    content_type = models.ForeignKey(ContentType, models.PROTECT)
    object_id = models.CharField(max_length=64)
    record = GenericForeignKey("content_type", "object_id")
    file = models.FileField(upload_to=attachment_path, max_length=300)
    original_name = models.CharField(_("filnamn"), max_length=255)
    mime_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(_("storlek"))
    uploaded_by: models.ForeignKey[User | None] = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("uppladdad av"),
    )

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("bilaga")
        verbose_name_plural = _("bilagor")
        ordering = ["created_at"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="attachment_record_idx")]

    def __str__(self) -> str:
        return self.original_name
