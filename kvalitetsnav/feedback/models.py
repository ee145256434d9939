"""Synpunkter och klagomål: complaints, suggestions and praise from residents and others."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kvalitetsnav.core.models import BaseModel, OrgNode
from kvalitetsnav.lib.personnummer import find_identity_numbers

# The languages of the public form; right-to-left ones are laid out mirrored.
PUBLIC_LANGUAGES = ("sv", "en", "ar", "so", "fa", "fi")
RTL_LANGUAGES = ("ar", "fa")
MAX_TEXT = 5000


def reply_days() -> int:
    """Days from receipt to the reply target (``KVN_FEEDBACK_REPLY_DAYS``, default 14)."""
    return int(getattr(settings, "KVN_FEEDBACK_REPLY_DAYS", 14))


class Kind(models.TextChoices):
    COMPLAINT = "klagomal", _("Klagomål")
    SUGGESTION = "synpunkt", _("Förslag eller synpunkt")
    PRAISE = "berom", _("Beröm")


class Channel(models.TextChoices):
    WEB = "webb", _("Webbformulär")
    PHONE = "telefon", _("Telefon")
    LETTER = "brev", _("Brev")
    MEETING = "mote", _("Möte")
    EMAIL = "e-post", _("E-post")
    IN_PERSON = "pa_plats", _("På plats")


class SenderType(models.TextChoices):
    PERSON = "enskild", _("Den enskilde")
    RELATIVE = "anhorig", _("Anhörig eller närstående")
    PARTNER = "samarbetspartner", _("Samarbetspartner")
    STAFF = "personal", _("Personal")
    OTHER = "annan", _("Annan")


class Status(models.TextChoices):
    RECEIVED = "mottagen", _("Mottagen")
    HANDLING = "under_handlaggning", _("Under handläggning")
    REPLIED = "besvarad", _("Besvarad")
    CLOSED = "avslutad", _("Avslutad")

    @classmethod
    def open_values(cls) -> list[str]:
        return [cls.RECEIVED, cls.HANDLING]


class ReplyMethod(models.TextChoices):
    EMAIL = "e-post", _("E-post")
    PHONE = "telefon", _("Telefon")
    LETTER = "brev", _("Brev")
    MEETING = "mote", _("Möte")
    STATUS_PAGE = "arendesida", _("Endast på ärendesidan (anonym)")


class Theme(models.TextChoices):
    """What the item is about, set by the handler (the seed's own words)."""

    TREATMENT = "bemotande", _("Bemötande")
    CASE_HANDLING = "handlaggning", _("Handläggning")
    ACCESSIBILITY = "tillganglighet", _("Tillgänglighet")
    DELIVERY = "utforande", _("Utförande av insats")
    INFORMATION = "information", _("Information")
    DECISION = "beslut", _("Beslut")
    CONTINUITY = "kontinuitet", _("Personalkontinuitet")
    MEALS_CLEANING = "mat_stad", _("Mat och städning")
    OTHER = "ovrigt", _("Övrigt")


class ServiceArea(BaseModel):
    """A plain-language choice on the public form ("Hemtjänst"), not the org chart."""

    name = models.CharField(_("namn"), max_length=100, unique=True)
    # The name in the public form's other languages: {"en": "Home care", "ar": "…"}.
    translations = models.JSONField(_("översättningar"), default=dict, blank=True)
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    is_active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("verksamhetsområde i formuläret")
        verbose_name_plural = _("verksamhetsområden i formuläret")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def name_in(self, lang: str) -> str:
        return (self.translations or {}).get(lang) or self.name


class ServiceAreaRoute(BaseModel):
    """Where a board sends what the public files under a service area (set by the admin)."""

    board = models.ForeignKey(OrgNode, models.CASCADE, related_name="+", verbose_name=_("nämnd"))
    service_area = models.ForeignKey(
        ServiceArea, models.CASCADE, related_name="routes", verbose_name=_("område")
    )
    node = models.ForeignKey(
        OrgNode, models.CASCADE, related_name="+", verbose_name=_("tas emot av")
    )

    class Meta:
        verbose_name = _("mottagare för område")
        verbose_name_plural = _("mottagare för områden")
        constraints = [
            models.UniqueConstraint(
                fields=["board", "service_area"], name="feedback_route_one_per_board_area"
            )
        ]

    def __str__(self) -> str:
        return f"{self.service_area} → {self.node}"


class FeedbackQuerySet(models.QuerySet["Feedback"]):
    def open(self) -> FeedbackQuerySet:
        return self.filter(status__in=Status.open_values())

    def overdue(self, today: dt.date | None = None) -> FeedbackQuerySet:
        return self.open().filter(reply_due__lt=today or timezone.localdate())


class Feedback(BaseModel):
    """One complaint, suggestion or praise, from its receipt to the reply and closing."""

    audit_reads = True  # it may concern a person
    # Only handlers see how to reach the sender; the history page does not show it.
    audit_masked_fields = frozenset({"contact_name", "contact_email", "contact_phone"})

    receipt_year = models.PositiveSmallIntegerField(editable=False)
    receipt_seq = models.PositiveIntegerField(editable=False)
    receipt_number = models.CharField(_("kvittonummer"), max_length=20, unique=True)
    # The sender's secret code, hashed like a password; shown to them once.
    key_hash = models.CharField(max_length=200, editable=False)

    board = models.ForeignKey(OrgNode, models.PROTECT, related_name="+", verbose_name=_("nämnd"))
    node = models.ForeignKey(
        OrgNode, models.PROTECT, related_name="feedback", verbose_name=_("enhet eller nivå")
    )
    service_area = models.ForeignKey(
        ServiceArea,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("område"),
    )
    kind = models.CharField(_("slag"), max_length=20, choices=Kind.choices)
    channel = models.CharField(_("kanal"), max_length=20, choices=Channel.choices)
    sender_type = models.CharField(
        _("avsändare"), max_length=20, choices=SenderType.choices, default=SenderType.PERSON
    )
    language = models.CharField(_("språk"), max_length=8, default="sv")
    received_on = models.DateField(_("mottagen den"), default=timezone.localdate)
    description = models.TextField(_("vad hände"), max_length=MAX_TEXT)
    wish = models.TextField(_("vad avsändaren önskar"), max_length=MAX_TEXT, blank=True)
    contact_name = models.CharField(_("namn"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-post"), blank=True)
    contact_phone = models.CharField(_("telefon"), max_length=40, blank=True)

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    theme = models.CharField(_("tema"), max_length=20, choices=Theme.choices, blank=True)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="handled_feedback",
        verbose_name=_("handläggare"),
    )
    investigation = models.TextField(_("utredning"), max_length=MAX_TEXT, blank=True)
    reply_due = models.DateField(_("återkoppling senast"))
    replied_on = models.DateField(_("återkopplad den"), null=True, blank=True)
    reply_method = models.CharField(
        _("återkopplad via"), max_length=20, choices=ReplyMethod.choices, blank=True
    )
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("återkopplad av"),
    )
    reply_text = models.TextField(_("återkoppling"), max_length=MAX_TEXT, blank=True)
    closed_on = models.DateField(_("avslutad den"), null=True, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registrerad av"),
    )
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("synpunkt")
        verbose_name_plural = _("synpunkter")
        ordering = ["-received_on", "-receipt_seq"]
        indexes = [
            models.Index(fields=["status", "reply_due"], name="feedback_status_due_idx"),
            models.Index(fields=["received_on"], name="feedback_received_idx"),
            models.Index(fields=["handler", "status"], name="feedback_handler_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["receipt_year", "receipt_seq"], name="feedback_receipt_unique"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["besvarad", "avslutad"])
                | Q(replied_on__isnull=False)
                | Q(status="avslutad", reply_method=""),
                name="feedback_replied_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.receipt_number} · {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return reverse("feedback:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in Status.open_values()

    @property
    def is_anonymous(self) -> bool:
        return not (self.contact_name or self.contact_email or self.contact_phone)

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return self.is_open and self.reply_due < (today or timezone.localdate())

    def replied_in_time(self) -> bool | None:
        if self.replied_on is None:
            return None
        return self.replied_on <= self.reply_due

    def identity_numbers_found(self) -> bool:
        """Whether the sender's own text holds something like a personnummer."""
        return any(find_identity_numbers(text) for text in (self.description, self.wish))

    @property
    def is_rtl(self) -> bool:
        return self.language in RTL_LANGUAGES


class FollowUp(BaseModel):
    """Something the sender added later through the status page (or staff noted for them)."""

    feedback = models.ForeignKey(Feedback, models.CASCADE, related_name="follow_ups")
    text = models.TextField(_("tillägg"), max_length=MAX_TEXT)
    language = models.CharField(_("språk"), max_length=8, default="sv")
    from_sender = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("tillägg")
        verbose_name_plural = _("tillägg")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.feedback.receipt_number}: {self.text[:40]}"


class Attempt(models.Model):
    """One submission or status lookup from the public, by a hash of the address, for limits."""

    SUBMIT = "submit"
    LOOKUP = "lookup"

    kind = models.CharField(max_length=10)
    client_hash = models.CharField(max_length=64)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["kind", "client_hash", "at"], name="feedback_attempt_idx")]

    def __str__(self) -> str:
        return f"{self.kind} {self.at:%Y-%m-%d %H:%M}"
