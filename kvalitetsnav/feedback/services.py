"""Every state change of a feedback item: typed, keyword-only, atomic, audited."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import logging
import secrets

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kvalitetsnav.access.policies import has_cap
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.accounts.models import User
from kvalitetsnav.actions import services as action_services
from kvalitetsnav.actions.models import Action
from kvalitetsnav.core import audit
from kvalitetsnav.core.concurrency import save_versioned
from kvalitetsnav.core.models import OrgNode
from kvalitetsnav.lib.personnummer import validate_no_identity_number

from . import public_texts
from .models import (
    MAX_TEXT,
    PUBLIC_LANGUAGES,
    Attempt,
    Channel,
    Feedback,
    FollowUp,
    ReplyMethod,
    SenderType,
    ServiceArea,
    ServiceAreaRoute,
    Status,
    reply_days,
)
from .policies import policy

logger = logging.getLogger(__name__)

# The secret code's alphabet: no 0/O, 1/I/L, so that it can be read aloud and typed.
_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


# A hash to check a code against when the receipt number is unknown, so that a miss
# takes as long as a hit and does not reveal whether the number exists.
@functools.cache
def _dummy_hash() -> str:
    return make_password("kvn-no-such-receipt")


def _new_code() -> str:
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


def _normalise_code(code: str) -> str:
    raw = "".join(ch for ch in code.upper() if ch.isalnum())
    return f"{raw[:4]}-{raw[4:]}" if len(raw) == 8 else raw


def _staff_text(**fields: str) -> None:
    """Staff may never write an identity number in free text about a case."""
    errors = {}
    for name, text in fields.items():
        if len(text) > MAX_TEXT:
            errors[name] = [_("Skriv högst %(max)s tecken.") % {"max": MAX_TEXT}]
            continue
        try:
            validate_no_identity_number(text)
        except ValidationError as exc:
            errors[name] = exc.messages
    if errors:
        raise ValidationError(errors)


def route_for(board: OrgNode, service_area: ServiceArea | None) -> OrgNode:
    """The unit a board has chosen for the area; the board itself (for triage) if none."""
    if service_area is not None:
        route = (
            ServiceAreaRoute.objects.filter(board=board, service_area=service_area)
            .select_related("node")
            .first()
        )
        if route is not None and route.node.is_active:
            return route.node
    return board


def _save_new(feedback: Feedback, actor: User | None) -> str:
    """Number the item (SYN-2026-0042) and store it with a fresh code; returns the code."""
    code = _new_code()
    feedback.key_hash = make_password(code)
    feedback.receipt_year = feedback.received_on.year
    feedback.reply_due = feedback.received_on + dt.timedelta(days=reply_days())
    for _attempt in range(5):
        last = Feedback.objects.filter(receipt_year=feedback.receipt_year).aggregate(
            n=Max("receipt_seq")
        )["n"]
        feedback.receipt_seq = (last or 0) + 1
        feedback.receipt_number = f"SYN-{feedback.receipt_year}-{feedback.receipt_seq:04d}"
        try:
            with transaction.atomic():
                feedback.save()
        except IntegrityError:
            continue  # someone took the number at the same moment; take the next
        audit.record_create(actor, feedback)
        return code
    raise ValidationError(_("Det gick inte att ge synpunkten ett nummer. Försök igen."))


def feedback_submit_public(
    *,
    board: OrgNode,
    service_area: ServiceArea | None,
    kind: str,
    description: str,
    wish: str = "",
    language: str = "sv",
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    received_on: dt.date | None = None,
) -> tuple[Feedback, str]:
    """What someone wrote in the open form, stored as written; returns it and its secret code.

    ``received_on`` is today unless given (an import of what a web form received earlier).
    """
    if language not in PUBLIC_LANGUAGES:
        language = "sv"
    feedback = Feedback(
        board=board,
        node=route_for(board, service_area),
        service_area=service_area,
        kind=kind,
        channel=Channel.WEB,
        sender_type=SenderType.PERSON,
        language=language,
        description=description.strip(),
        wish=wish.strip(),
        contact_name=contact_name.strip(),
        contact_email=contact_email.strip(),
        contact_phone=contact_phone.strip(),
        received_on=received_on or timezone.localdate(),
        reply_due=timezone.localdate(),
    )
    feedback.full_clean(exclude=["key_hash", "receipt_year", "receipt_seq", "receipt_number"])
    with transaction.atomic():
        code = _save_new(feedback, None)
    if feedback.contact_email:
        transaction.on_commit(lambda: _confirm_by_mail(feedback))
    return feedback, code


def _confirm_by_mail(feedback: Feedback) -> None:
    words = public_texts.texts(feedback.language)
    url = settings.KVN_BASE_URL.rstrip("/") + reverse(
        "feedback_public:status", kwargs={"lang": feedback.language}
    )
    values = {
        "number": feedback.receipt_number,
        "due": feedback.reply_due.isoformat(),
        "url": url,
    }
    try:
        send_mail(
            words["mail_subject"] % values,
            words["mail_body"] % values,
            None,
            [feedback.contact_email],
        )
    except OSError:
        logger.exception("Could not send the confirmation for feedback %s", feedback.pk)


def feedback_register(
    *,
    actor: User,
    node: OrgNode,
    kind: str,
    channel: str,
    sender_type: str,
    description: str,
    wish: str = "",
    received_on: dt.date | None = None,
    service_area: ServiceArea | None = None,
    language: str = "sv",
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
) -> tuple[Feedback, str]:
    """Staff register what came by phone, letter, meeting or e-mail; returns it and its code."""
    if not policy.can_register(actor, node):
        raise PermissionDenied
    _staff_text(description=description, wish=wish)
    received_on = received_on or timezone.localdate()
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": _("Datumet kan inte ligga i framtiden.")})
    feedback = Feedback(
        board=node.board() or node,
        node=node,
        service_area=service_area,
        kind=kind,
        channel=channel,
        sender_type=sender_type,
        language=language if language in PUBLIC_LANGUAGES else "sv",
        description=description.strip(),
        wish=wish.strip(),
        contact_name=contact_name.strip(),
        contact_email=contact_email.strip(),
        contact_phone=contact_phone.strip(),
        received_on=received_on,
        reply_due=received_on,
        created_by=actor,
    )
    feedback.full_clean(exclude=["key_hash", "receipt_year", "receipt_seq", "receipt_number"])
    with transaction.atomic():
        code = _save_new(feedback, actor)
    return feedback, code


def _save(feedback: Feedback, version: int) -> None:
    save_versioned(
        feedback,
        version,
        _("Någon annan har ändrat synpunkten medan du arbetade. Ladda om sidan och gör om."),
    )


def feedback_triage(
    *,
    actor: User,
    feedback: Feedback,
    version: int,
    node: OrgNode,
    handler: User | None,
    theme: str = "",
    kind: str | None = None,
) -> Feedback:
    """Send the item to the unit it concerns and name who handles it."""
    if not policy.can(actor, "handle", feedback):
        raise PermissionDenied
    if not has_cap(actor, Cap.MANAGE_RECORDS, node) or not node.path.startswith(
        feedback.board.path
    ):
        raise ValidationError({"node": _("Välj en enhet i nämnden där du får hantera synpunkter.")})
    if handler is not None and not handler.is_active:
        raise ValidationError({"handler": _("Handläggaren är inte längre aktiv.")})
    if feedback.status == Status.CLOSED:
        raise ValidationError(_("Synpunkten är avslutad."))
    with transaction.atomic():
        before = audit.snapshot(feedback)
        feedback.node = node
        feedback.handler = handler
        feedback.theme = theme
        if kind:
            feedback.kind = kind
        if feedback.status == Status.RECEIVED:
            feedback.status = Status.HANDLING
        feedback.full_clean(exclude=["key_hash"])
        _save(feedback, version)
        audit.record_update(actor, feedback, before)
    return feedback


def feedback_investigate(
    *, actor: User, feedback: Feedback, version: int, investigation: str
) -> Feedback:
    """Record what the investigation found."""
    if not policy.can(actor, "handle", feedback):
        raise PermissionDenied
    _staff_text(investigation=investigation)
    if feedback.status == Status.CLOSED:
        raise ValidationError(_("Synpunkten är avslutad."))
    with transaction.atomic():
        before = audit.snapshot(feedback)
        feedback.investigation = investigation.strip()
        if feedback.status == Status.RECEIVED:
            feedback.status = Status.HANDLING
        _save(feedback, version)
        audit.record_update(actor, feedback, before)
    return feedback


def feedback_reply(
    *,
    actor: User,
    feedback: Feedback,
    version: int,
    replied_on: dt.date,
    reply_method: str,
    reply_text: str,
) -> Feedback:
    """Record the reply (*återkoppling*): when, how and what; who is the actor."""
    if not policy.can(actor, "handle", feedback):
        raise PermissionDenied
    _staff_text(reply_text=reply_text)
    errors = {}
    if not reply_text.strip():
        errors["reply_text"] = [_("Skriv vad ni svarade.")]
    if replied_on > timezone.localdate():
        errors["replied_on"] = [_("Datumet kan inte ligga i framtiden.")]
    elif replied_on < feedback.received_on:
        errors["replied_on"] = [_("Svaret kan inte vara före synpunkten kom in.")]
    if reply_method not in ReplyMethod.values:
        errors["reply_method"] = [_("Välj hur ni svarade.")]
    if errors:
        raise ValidationError(errors)
    if feedback.status == Status.CLOSED:
        raise ValidationError(_("Synpunkten är avslutad."))
    with transaction.atomic():
        before = audit.snapshot(feedback)
        feedback.replied_on = replied_on
        feedback.reply_method = reply_method
        feedback.reply_text = reply_text.strip()
        feedback.replied_by = actor
        feedback.status = Status.REPLIED
        _save(feedback, version)
        audit.record_update(actor, feedback, before)
    return feedback


def feedback_close(*, actor: User, feedback: Feedback, version: int) -> Feedback:
    """Close a replied item; one without any way to reply may be closed unanswered."""
    if not policy.can(actor, "handle", feedback):
        raise PermissionDenied
    if feedback.status == Status.CLOSED:
        raise ValidationError(_("Synpunkten är redan avslutad."))
    if feedback.status != Status.REPLIED and not feedback.is_anonymous:
        raise ValidationError(
            _(
                "Återkoppla till avsändaren innan synpunkten avslutas: "
                "de har lämnat kontaktuppgifter."
            )
        )
    with transaction.atomic():
        before = audit.snapshot(feedback)
        feedback.status = Status.CLOSED
        feedback.closed_on = timezone.localdate()
        _save(feedback, version)
        audit.record_update(actor, feedback, before)
    return feedback


def feedback_create_action(
    *,
    actor: User,
    feedback: Feedback,
    title: str,
    description: str = "",
    owner: User | None = None,
    due_date: dt.date | None = None,
) -> Action:
    """An improvement action on the item's unit, linked back to the item."""
    if not policy.can(actor, "handle", feedback):
        raise PermissionDenied
    _staff_text(title=title, description=description)
    return action_services.action_create(
        actor=actor,
        title=title,
        description=description,
        node=feedback.node,
        owner=owner,
        due_date=due_date,
        source=feedback,
    )


# The sender, without an account --------------------------------------------------


def feedback_find(receipt_number: str, code: str) -> Feedback | None:
    """The item with this receipt number and code; None for any miss, in the same time."""
    number = receipt_number.strip().upper()
    feedback = Feedback.objects.filter(receipt_number=number).first() if number else None
    ok = check_password(_normalise_code(code), feedback.key_hash if feedback else _dummy_hash())
    return feedback if (feedback is not None and ok) else None


def feedback_add_follow_up(*, feedback: Feedback, text: str, language: str) -> FollowUp:
    """Something the sender adds later; a replied item goes back to its handler."""
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Skriv något att lägga till.")})
    with transaction.atomic():
        follow_up = FollowUp.objects.create(
            feedback=feedback,
            text=text[:MAX_TEXT],
            language=language if language in PUBLIC_LANGUAGES else "sv",
        )
        audit.record_create(None, follow_up)
        if feedback.status == Status.REPLIED:
            before = audit.snapshot(feedback)
            Feedback.objects.filter(pk=feedback.pk).update(status=Status.HANDLING, reminded_at=None)
            feedback.refresh_from_db()
            audit.record_update(None, feedback, before)
    return follow_up


# Limits on the open form ---------------------------------------------------------


def client_hash(ip: str) -> str:
    """The address, hashed with the secret key: counted, never stored as it is."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{ip}".encode()).hexdigest()


def attempt_allowed(kind: str, ip: str) -> bool:
    """Count one attempt from ``ip``; False when it is over the limit of the window.

    A small table rather than the cache, so that every gunicorn worker shares the
    count. Old rows are pruned on the way.
    """
    limits = {
        Attempt.SUBMIT: int(getattr(settings, "KVN_FEEDBACK_SUBMIT_LIMIT", 5)),
        Attempt.LOOKUP: int(getattr(settings, "KVN_FEEDBACK_LOOKUP_LIMIT", 10)),
    }
    window = dt.timedelta(minutes=int(getattr(settings, "KVN_FEEDBACK_LIMIT_MINUTES", 60)))
    now = timezone.now()
    who = client_hash(ip)
    with transaction.atomic():
        Attempt.objects.filter(at__lt=now - window).delete()
        used = Attempt.objects.filter(kind=kind, client_hash=who, at__gte=now - window).count()
        if used >= limits[kind]:
            return False
        Attempt.objects.create(kind=kind, client_hash=who, at=now)
    return True
