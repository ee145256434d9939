"""Egenkontroll: checklist templates, inspections, the annual wheel and case-review samples.

A template has numbered versions. A published version is never changed: editing a
template copies its latest published version into a new draft. Answers point at the
question of the version they were given on, so a recorded result never changes.
"""

from __future__ import annotations

import calendar
import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kvalitetsnav.core.models import BaseModel, OrgNode


class QualityArea(BaseModel):
    """One of Socialstyrelsen's and SKR's quality areas (editable; shipped by migration)."""

    name = models.CharField(_("namn"), max_length=100, unique=True)
    slug = models.SlugField(_("kod"), max_length=60, unique=True)
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    is_active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("kvalitetsområde")
        verbose_name_plural = _("kvalitetsområden")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Purpose(models.TextChoices):
    SELF_INSPECTION = "egenkontroll", _("Egenkontroll")
    CASE_REVIEW = "aktgranskning", _("Aktgranskning")
    SURVEY = "brukarundersokning", _("Brukarundersökning")


class Template(BaseModel):
    """A checklist: the thing that is planned and filled in, in numbered versions."""

    name = models.CharField(_("namn"), max_length=200)
    purpose = models.CharField(
        _("syfte"), max_length=30, choices=Purpose.choices, default=Purpose.SELF_INSPECTION
    )
    description = models.TextField(_("beskrivning"), blank=True)
    # The level that owns the template and may change it; empty for the templates
    # shipped with Kvalitetsnav, which quality developers look after.
    owner = models.ForeignKey(
        OrgNode,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="inspection_templates",
        verbose_name=_("förvaltas av"),
        help_text=_("Den nivå som äger mallen och får ändra den."),
    )
    shipped_key = models.SlugField(max_length=60, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Optimistic locking of the template's details (name, owner, description); the
    # questions live in versions and never change once published.
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("mall")
        verbose_name_plural = _("mallar")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("inspections:template_detail", args=[self.pk])

    def latest_published(self) -> TemplateVersion | None:
        return self.versions.filter(published=True).order_by("-number").first()

    def draft(self) -> TemplateVersion | None:
        return self.versions.filter(published=False).order_by("-number").first()


class TemplateVersion(BaseModel):
    template = models.ForeignKey(
        Template, models.CASCADE, related_name="versions", verbose_name=_("mall")
    )
    number = models.PositiveIntegerField(_("version"))
    published = models.BooleanField(_("publicerad"), default=False)
    published_at = models.DateTimeField(_("publicerad den"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("mallversion")
        verbose_name_plural = _("mallversioner")
        ordering = ["template__name", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["template", "number"], name="template_version_unique"),
            models.UniqueConstraint(
                fields=["template"],
                condition=Q(published=False),
                name="template_one_draft",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.template.name}, version {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("inspections:version_detail", args=[self.pk])

    def questions(self) -> models.QuerySet[Question]:
        return (
            Question.objects.filter(section__version=self)
            .select_related("section")
            .prefetch_related("quality_areas")
            .order_by("section__position", "position")
        )


class Section(BaseModel):
    version = models.ForeignKey(
        TemplateVersion, models.CASCADE, related_name="sections", verbose_name=_("version")
    )
    title = models.CharField(_("rubrik"), max_length=200)
    position = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("avsnitt")
        verbose_name_plural = _("avsnitt")
        ordering = ["position"]

    def __str__(self) -> str:
        return self.title


class AnswerType(models.TextChoices):
    CHOICE = "val", _("Ja / nej / delvis / ej aktuellt")
    SCALE = "skala", _("Skala 1–5")
    NUMBER = "tal", _("Tal")
    DATE = "datum", _("Datum")
    TEXT = "fritext", _("Fritext")


class Choice(models.TextChoices):
    YES = "ja", _("Ja")
    NO = "nej", _("Nej")
    PARTLY = "delvis", _("Delvis")
    NOT_APPLICABLE = "ej_aktuellt", _("Ej aktuellt")


# Answers that count as applicable in a share of "ja".
APPLICABLE = (Choice.YES, Choice.NO, Choice.PARTLY)
# Answers that point at something to improve.
FINDINGS = (Choice.NO, Choice.PARTLY)
SCALE_VALUES = [(str(n), str(n)) for n in range(1, 6)]


class Question(BaseModel):
    section = models.ForeignKey(
        Section, models.CASCADE, related_name="questions", verbose_name=_("avsnitt")
    )
    text = models.CharField(_("fråga"), max_length=500)
    help_text = models.TextField(_("vägledning"), blank=True)
    answer_type = models.CharField(
        _("svarstyp"), max_length=10, choices=AnswerType.choices, default=AnswerType.CHOICE
    )
    quality_areas = models.ManyToManyField(
        QualityArea, blank=True, related_name="questions", verbose_name=_("kvalitetsområden")
    )
    rule_cited = models.CharField(_("regel som kontrolleras"), max_length=300, blank=True)
    # The fixed answers (Choice values, or "1".."5" on a scale) that need a written reason.
    reason_required_for = models.JSONField(_("motivering krävs vid"), default=list, blank=True)
    position = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("fråga")
        verbose_name_plural = _("frågor")
        ordering = ["position"]

    def __str__(self) -> str:
        return self.text

    @property
    def takes_reason(self) -> bool:
        """Every fixed-answer question takes a free-text reason."""
        return self.answer_type in (AnswerType.CHOICE, AnswerType.SCALE)

    def reason_required(self, value: str) -> bool:
        return bool(value) and value in (self.reason_required_for or [])


class InspectionStatus(models.TextChoices):
    PLANNED = "planerad", _("Planerad")
    IN_PROGRESS = "pagar", _("Pågår")
    DONE = "klar", _("Klar")


class InspectionQuerySet(models.QuerySet["Inspection"]):
    def open(self) -> InspectionQuerySet:
        return self.exclude(status=InspectionStatus.DONE)

    def late(self, today: dt.date | None = None) -> InspectionQuerySet:
        return self.open().filter(due_date__lt=today or timezone.localdate())

    def due(self, today: dt.date | None = None) -> InspectionQuerySet:
        """Open and due this month or earlier: what the responsible must do now."""
        today = today or timezone.localdate()
        return self.open().filter(due_month__lte=today.replace(day=1))

    def in_year(self, year: int) -> InspectionQuerySet:
        return self.filter(due_month__year=year)


def last_day_of_month(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


class Inspection(BaseModel):
    """One self-inspection, case-review protocol or survey interview, filled in on a version."""

    audit_reads = True  # a case-review protocol is about one person's case

    template_version = models.ForeignKey(
        TemplateVersion, models.PROTECT, related_name="inspections", verbose_name=_("mall")
    )
    node = models.ForeignKey(
        OrgNode, models.PROTECT, related_name="inspections", verbose_name=_("enhet")
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="inspections",
        verbose_name=_("ansvarig"),
    )
    due_month = models.DateField(_("månad"), help_text=_("Den första dagen i månaden."))
    due_date = models.DateField(_("klar senast"), editable=False)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=InspectionStatus.choices,
        default=InspectionStatus.PLANNED,
    )
    case_reference = models.CharField(
        _("ärendereferens"),
        max_length=40,
        blank=True,
        help_text=_("En kodad referens till ärendet, aldrig namn eller personnummer."),
    )
    summary = models.TextField(_("sammanfattning"), blank=True)
    plan = models.ForeignKey(
        "Plan", models.SET_NULL, null=True, blank=True, related_name="inspections"
    )
    sample = models.ForeignKey(
        "Sample", models.SET_NULL, null=True, blank=True, related_name="inspections"
    )
    completed_at = models.DateTimeField(_("klarmarkerad"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1)

    objects = InspectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("egenkontroll")
        verbose_name_plural = _("egenkontroller")
        ordering = ["due_month", "created_at"]
        indexes = [
            models.Index(fields=["due_month", "status"], name="inspection_month_status_idx"),
            models.Index(fields=["responsible", "status"], name="inspection_resp_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="klar") | Q(completed_at__isnull=False),
                name="inspection_done_has_time",
            ),
            models.UniqueConstraint(
                fields=["sample", "case_reference"],
                condition=Q(sample__isnull=False),
                name="inspection_sample_case_unique",
            ),
        ]

    def __str__(self) -> str:
        name = self.template_version.template.name
        if self.case_reference:
            return f"{name}: {self.case_reference}"
        return f"{name}, {self.due_month:%Y-%m}"

    def save(self, *args, **kwargs):
        self.due_month = self.due_month.replace(day=1)
        self.due_date = last_day_of_month(self.due_month)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("inspections:detail", args=[self.pk])

    @property
    def is_done(self) -> bool:
        return self.status == InspectionStatus.DONE

    def is_late(self, today: dt.date | None = None) -> bool:
        return not self.is_done and self.due_date < (today or timezone.localdate())

    def state(self, today: dt.date | None = None) -> str:
        """planerad, pagar, klar or sen (late): what the twelve-month view shows."""
        if self.is_late(today):
            return "sen"
        return self.status


class Answer(BaseModel):
    inspection = models.ForeignKey(
        Inspection, models.CASCADE, related_name="answers", verbose_name=_("egenkontroll")
    )
    question = models.ForeignKey(
        Question, models.PROTECT, related_name="answers", verbose_name=_("fråga")
    )
    choice = models.CharField(_("svar"), max_length=12, blank=True)
    number = models.DecimalField(_("tal"), max_digits=12, decimal_places=2, null=True, blank=True)
    date = models.DateField(_("datum"), null=True, blank=True)
    text = models.TextField(_("fritext"), blank=True)
    reason = models.TextField(_("motivering"), blank=True)
    # The action a nej or delvis was turned into, so the answer links to it and
    # the offer to create one is not repeated.
    action = models.ForeignKey(
        "actions.Action",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("åtgärd"),
    )

    class Meta:
        verbose_name = _("svar")
        verbose_name_plural = _("svar")
        constraints = [
            models.UniqueConstraint(fields=["inspection", "question"], name="answer_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.question.text}: {self.display_value()}"

    def display_value(self) -> str:
        qtype = self.question.answer_type
        if qtype == AnswerType.CHOICE and self.choice:
            return str(Choice(self.choice).label)
        if qtype == AnswerType.SCALE:
            return self.choice
        if qtype == AnswerType.NUMBER and self.number is not None:
            return f"{self.number.normalize():f}"
        if qtype == AnswerType.DATE and self.date:
            return self.date.isoformat()
        return self.text

    @property
    def is_finding(self) -> bool:
        return self.question.answer_type == AnswerType.CHOICE and self.choice in FINDINGS


class Recurrence(models.TextChoices):
    MONTHLY = "manad", _("Varje månad")
    QUARTERLY = "kvartal", _("Varje kvartal")
    TWICE_A_YEAR = "halvar", _("Två gånger om året")
    YEARLY = "ar", _("En gång om året")
    ONCE = "en_gang", _("En gång")


def months_for(recurrence: str, start_month: int) -> list[int]:
    """The months of a year a plan falls in, from its first month."""
    step = {Recurrence.MONTHLY: 1, Recurrence.QUARTERLY: 3, Recurrence.TWICE_A_YEAR: 6}.get(
        recurrence
    )
    if step is None:
        return [start_month]
    return list(range(start_month, 13, step))


class Plan(BaseModel):
    """A line of the annual wheel: this template, in this unit, in these months of a year."""

    template = models.ForeignKey(
        Template, models.PROTECT, related_name="plans", verbose_name=_("mall")
    )
    node = models.ForeignKey(OrgNode, models.PROTECT, related_name="+", verbose_name=_("enhet"))
    recurrence = models.CharField(_("hur ofta"), max_length=10, choices=Recurrence.choices)
    months = models.JSONField(_("månader"), default=list)
    year = models.PositiveIntegerField(_("år"))
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ansvarig"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("planer")
        ordering = ["year", "template__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100), name="plan_year_sane"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.template.name} {self.year}"


class ReviewRound(BaseModel):
    """A case review over several units or districts at once: N cases drawn per unit.

    The round keeps the seed it was drawn with; each unit's :class:`Sample` keeps the
    seed derived from it, its own population and the cases drawn, so every draw can be
    repeated and checked. ``scope`` is the lowest level above all the units: only
    those who may see records there see the round and its comparison.
    """

    template_version = models.ForeignKey(
        TemplateVersion, models.PROTECT, related_name="rounds", verbose_name=_("mall")
    )
    title = models.CharField(_("benämning"), max_length=200)
    scope = models.ForeignKey(OrgNode, models.PROTECT, related_name="+", verbose_name=_("omfattar"))
    size_per_node = models.PositiveIntegerField(_("antal per enhet eller stadsdel"))
    seed = models.BigIntegerField(_("slumpfrö"))
    due_month = models.DateField(_("månad"))
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ansvarig granskare"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("granskningsomgång")
        verbose_name_plural = _("granskningsomgångar")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(size_per_node__gte=1), name="round_size_positive"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("inspections:round_detail", args=[self.pk])


class Sample(BaseModel):
    """A reproducible random draw of cases for a case review: the seed and the draw are kept."""

    template_version = models.ForeignKey(
        TemplateVersion, models.PROTECT, related_name="samples", verbose_name=_("mall")
    )
    node = models.ForeignKey(
        OrgNode, models.PROTECT, related_name="+", verbose_name=_("enhet eller stadsdel")
    )
    size = models.PositiveIntegerField(_("antal att dra"))
    seed = models.BigIntegerField(_("slumpfrö"))
    population = models.JSONField(_("urvalsram"), default=list)
    drawn = models.JSONField(_("dragna ärenden"), default=list)
    due_month = models.DateField(_("månad"))
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ansvarig"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    round = models.ForeignKey(
        ReviewRound,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="samples",
        verbose_name=_("granskningsomgång"),
    )

    class Meta:
        verbose_name = _("stickprov")
        verbose_name_plural = _("stickprov")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(size__gte=1), name="sample_size_positive"),
            models.UniqueConstraint(
                fields=["round", "node"],
                condition=Q(round__isnull=False),
                name="sample_round_node_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.template_version.template.name}: {self.node.name} ({self.size})"

    def get_absolute_url(self) -> str:
        return reverse("inspections:sample_detail", args=[self.pk])
