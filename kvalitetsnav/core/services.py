"""State changes of the organisation tree and of attachments."""

from __future__ import annotations

import mimetypes
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils.translation import gettext as _

from kvalitetsnav.access.policies import policy_for

from . import audit
from .models import Attachment, OrgLevel, OrgNode


def _check_level(level: str, parent: OrgNode | None) -> None:
    if parent is None:
        if level != OrgLevel.KOMMUN:
            raise ValidationError({"parent": _("Bara en kommun kan ligga överst i trädet.")})
        return
    if OrgLevel.depth(level) <= OrgLevel.depth(parent.level):
        raise ValidationError(
            {
                "level": _("En %(level)s kan inte ligga under en %(parent)s.")
                % {
                    "level": OrgLevel(level).label.lower(),
                    "parent": parent.get_level_display().lower(),
                }
            }
        )


def org_node_create(
    *,
    actor: Any,
    name: str,
    code: str,
    level: str,
    parent: OrgNode | None,
    operation_kind: str = "",
    provider_type: str = "",
    provider_name: str = "",
) -> OrgNode:
    """Add a node to the tree under ``parent``; units carry their kind of operation."""
    _check_level(level, parent)
    if level != OrgLevel.ENHET and (operation_kind or provider_type):
        raise ValidationError(_("Bara en enhet har verksamhetstyp och regiform."))
    node = OrgNode(
        name=name.strip(),
        code=code,
        level=level,
        parent=parent,
        operation_kind=operation_kind,
        provider_type=provider_type,
        provider_name=provider_name,
    )
    node.path = "/"  # set properly below, once the id is known
    node.full_clean(exclude=["path"])
    node.path = f"{parent.path if parent else '/'}{node.pk.hex}/"
    with transaction.atomic():
        node.save()
        audit.record_create(actor, node)
    return node


def org_node_update(*, actor: Any, node: OrgNode, **changes: Any) -> OrgNode:
    """Rename a node or change a unit's operation; moving uses :func:`org_node_move`."""
    allowed = {"name", "code", "operation_kind", "provider_type", "provider_name", "is_active"}
    if set(changes) - allowed:
        raise TypeError(f"Not editable here: {sorted(set(changes) - allowed)}")
    with transaction.atomic():
        before = audit.snapshot(node)
        for name, value in changes.items():
            setattr(node, name, value)
        node.full_clean()
        node.save()
        audit.record_update(actor, node, before)
    return node


def org_node_move(*, actor: Any, node: OrgNode, new_parent: OrgNode) -> OrgNode:
    """Move a node and its whole subtree under ``new_parent``."""
    if new_parent.is_within(node):
        raise ValidationError({"parent": _("En nod kan inte flyttas in under sig själv.")})
    _check_level(node.level, new_parent)
    old_path = node.path
    new_path = f"{new_parent.path}{node.pk.hex}/"
    with transaction.atomic():
        before = audit.snapshot(node)
        descendants = list(OrgNode.objects.filter(path__startswith=old_path).exclude(pk=node.pk))
        node.parent = new_parent
        node.path = new_path
        node.save()
        for child in descendants:
            child.path = new_path + child.path[len(old_path) :]
        OrgNode.objects.bulk_update(descendants, ["path"])
        audit.record_update(actor, node, before)
    return node


# The allow-list: extension → (MIME type, the first bytes the file must start with).
ALLOWED_ATTACHMENT_TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("application/pdf", (b"%PDF",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
    ".xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (b"PK\x03\x04",),
    ),
    ".pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        (b"PK\x03\x04",),
    ),
    ".odt": ("application/vnd.oasis.opendocument.text", (b"PK\x03\x04",)),
    ".ods": ("application/vnd.oasis.opendocument.spreadsheet", (b"PK\x03\x04",)),
    ".txt": ("text/plain", ()),
    ".csv": ("text/csv", ()),
}


def _validate_upload(upload: UploadedFile) -> tuple[str, str]:
    name = PurePath(upload.name or "").name
    extension = PurePath(name).suffix.lower()
    if extension not in ALLOWED_ATTACHMENT_TYPES:
        allowed = ", ".join(sorted(e.lstrip(".") for e in ALLOWED_ATTACHMENT_TYPES))
        raise ValidationError(
            {
                "file": _("Filtypen är inte tillåten. Tillåtna typer: %(types)s.")
                % {"types": allowed}
            }
        )
    if upload.size is None or upload.size == 0:
        raise ValidationError({"file": _("Filen är tom.")})
    limit = settings.KVN_ATTACHMENT_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            {
                "file": _("Filen är för stor. Största tillåtna storlek är %(mb)s MB.")
                % {"mb": limit // (1024 * 1024)}
            }
        )
    mime, signatures = ALLOWED_ATTACHMENT_TYPES[extension]
    head = upload.read(16)
    upload.seek(0)
    if signatures and not any(head.startswith(sig) for sig in signatures):
        raise ValidationError(
            {
                "file": _("Filens innehåll stämmer inte med filtypen %(ext)s.")
                % {"ext": extension.lstrip(".")}
            }
        )
    if not signatures and b"\x00" in upload.read(8192):
        raise ValidationError({"file": _("Filen ser inte ut att vara en textfil.")})
    upload.seek(0)
    return name, mime or mimetypes.guess_type(name)[0] or "application/octet-stream"


def attachment_add(*, actor: Any, record: models.Model, upload: UploadedFile) -> Attachment:
    """Attach an uploaded file to ``record`` after the record's own permission check."""
    if not policy_for(record).can(actor, "attach", record):
        raise PermissionDenied
    name, mime = _validate_upload(upload)
    attachment = Attachment(
        content_type=ContentType.objects.get_for_model(record),
        object_id=str(record.pk),
        original_name=name[:255],
        mime_type=mime,
        size=upload.size,
        uploaded_by=actor,
    )
    with transaction.atomic():
        attachment.file.save(name, upload, save=False)
        attachment.save()
        audit.record_create(actor, attachment)
    return attachment


def attachment_delete(*, actor: Any, attachment: Attachment) -> None:
    record = attachment.record
    if record is None or not policy_for(record).can(actor, "attach", record):
        raise PermissionDenied
    with transaction.atomic():
        audit.record_delete(actor, attachment)
        stored = attachment.file.name
        attachment.delete()
        transaction.on_commit(lambda: attachment.file.storage.delete(stored))
