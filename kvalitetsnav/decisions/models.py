"""Decisions (beslut) under SoL and LSS, non-executed decisions and changed services."""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kvalitetsnav.core.models import BaseModel, OrgNode
from kvalitetsnav.lib.personnummer import validate_no_identity_number

from . import rules

# IVO's code for the person: birth date plus four characters, YYYYMMDD-T### or -TF##.
PERSON_CODE = re.compile(r"^(\d{8})-T(F\d{2}|\d{3})$")


class Law(models.TextChoices):
    SOL = "SoL", _("SoL")
    LSS = "LSS", _("LSS")


class Area(models.TextChoices):
    """Area of operation, as IVO's forms divide them."""

    IFO_CHILDREN = "ifo_barn", _("IFO: barn och familj")
    IFO_FINANCIAL = "ifo_ekonomiskt", _("IFO: ekonomiskt bistånd")
    IFO_ADDICTION = "ifo_missbruk", _("IFO: missbruk")
    IFO_PSYCHIATRY = "ifo_socialpsykiatri", _("IFO: socialpsykiatri")
    IFO_VIOLENCE = "ifo_vald", _("IFO: våld i nära relationer")
    IFO_OTHER = "ifo_annat", _("IFO: annat")
    ELDERLY = "aldreomsorg", _("Äldreomsorg")
    DISABILITY_SOL = "funktionsnedsattning_sol", _("Funktionsnedsättning (SoL)")
    LSS = "lss", _("LSS")


class Sex(models.TextChoices):
    WOMAN = "K", _("Kvinna")
    MAN = "M", _("Man")


class DelayReason(models.TextChoices):
    NO_PLACE = "plats_saknas", _("Plats eller resurs saknas")
    NO_STAFF = "personal_saknas", _("Personal eller uppdragstagare saknas")
    DECLINED = "tackat_nej", _("Den enskilda har tackat nej till erbjudande")
    PERSON_WAITS = "enskild_avvaktar", _("Den enskilda vill vänta")
    MATCHING = "matchning", _("Matchning pågår (kontaktperson, familjehem)")
    OTHER = "annat", _("Annat")


class DateFormat(models.TextChoices):
    """How a source writes its dates (an Excel date cell is read as a date whatever this says)."""

    ISO = "%Y-%m-%d", _("ÅÅÅÅ-MM-DD (2025-03-31)")
    COMPACT = "%Y%m%d", _("ÅÅÅÅMMDD (20250331)")
    DAY_MONTH_DOT = "%d.%m.%Y", _("DD.MM.ÅÅÅÅ (31.03.2025)")
    DAY_MONTH_SLASH = "%d/%m/%Y", _("DD/MM/ÅÅÅÅ (31/03/2025)")
    SLASH_ISO = "%Y/%m/%d", _("ÅÅÅÅ/MM/DD (2025/03/31)")


class DecisionSource(models.TextChoices):
    IMPORT = "import", _("Import från verksamhetssystemet")
    MANUAL = "manuell", _("Registrerat för hand")


class ServiceKindQuerySet(models.QuerySet["ServiceKind"]):
    def active(self) -> ServiceKindQuerySet:
        return self.filter(is_active=True)


class ServiceKind(BaseModel):
    """A kind of service (*insats*): LSS 9 § is a closed list, SoL is not (keep it editable)."""

    law = models.CharField(_("lag"), max_length=3, choices=Law.choices)
    name = models.CharField(_("namn"), max_length=150)
    lss_number = models.PositiveSmallIntegerField(
        _("punkt i 9 § LSS"), null=True, blank=True, help_text=_("1–10, bara för LSS-insatser.")
    )
    area = models.CharField(_("verksamhetsområde"), max_length=30, choices=Area.choices)
    is_active = models.BooleanField(_("aktiv"), default=True)

    objects = ServiceKindQuerySet.as_manager()

    class Meta:
        verbose_name = _("insatstyp")
        verbose_name_plural = _("insatstyper")
        ordering = ["law", "lss_number", "name"]
        constraints = [
            models.UniqueConstraint(fields=["law", "name"], name="servicekind_law_name_unique"),
            models.CheckConstraint(
                condition=Q(lss_number__isnull=True)
                | (Q(law="LSS") & Q(lss_number__gte=1) & Q(lss_number__lte=10)),
                name="servicekind_lss_number_range",
            ),
        ]

    def __str__(self) -> str:
        if self.lss_number:
            return f"{self.name} (9 § {self.lss_number} LSS)"
        return f"{self.name} ({self.law})"


class DecisionQuerySet(models.QuerySet["Decision"]):
    def in_board(self, board: OrgNode) -> DecisionQuerySet:
        return self.filter(board=board)

    def reportable(self, quarter: rules.Quarter) -> DecisionQuerySet:
        """Reportable to IVO for ``quarter`` (the database twin of ``rules.reportable_kinds``)."""
        return self.filter(rules.reportable_q(quarter))

    def waiting(self) -> DecisionQuerySet:
        """Not yet executed (or interrupted and not resumed), and not ended."""
        return self.filter(ended_on__isnull=True).filter(
            Q(executed_on__isnull=True)
            | Q(interrupted_from__isnull=False, interrupted_to__isnull=True)
        )

    def crossing_limit(self, today: dt.date, days: int = 30) -> DecisionQuerySet:
        """Waiting decisions that become reportable within ``days`` days from ``today``."""
        window = (today + dt.timedelta(days=1), today + dt.timedelta(days=days))
        return self.filter(ended_on__isnull=True).filter(
            Q(executed_on__isnull=True, execution_due_on__range=window)
            | Q(
                interrupted_from__isnull=False,
                interrupted_to__isnull=True,
                resume_due_on__range=window,
            )
        )


class Decision(BaseModel):
    """A decision (*beslut*) granting a service under SoL or LSS, without the person's identity."""

    audit_reads = True

    board = models.ForeignKey(OrgNode, models.PROTECT, related_name="+", verbose_name=_("nämnd"))
    reference = models.CharField(_("beslut-id i verksamhetssystemet"), max_length=60)
    node = models.ForeignKey(
        OrgNode, models.PROTECT, related_name="decisions", verbose_name=_("enhet")
    )
    law = models.CharField(_("lag"), max_length=3, choices=Law.choices)
    service_kind = models.ForeignKey(
        ServiceKind, models.PROTECT, related_name="decisions", verbose_name=_("insats")
    )
    decided_on = models.DateField(_("beslutsdatum"))
    sex = models.CharField(_("kön"), max_length=1, choices=Sex.choices)
    birth_year = models.PositiveSmallIntegerField(_("födelseår"))
    person_code = models.CharField(
        _("personkod till IVO"),
        max_length=13,
        blank=True,
        help_text=_("ÅÅÅÅMMDD-T### eller ÅÅÅÅMMDD-TF##; samma kod varje kvartal."),
    )
    protected_identity = models.BooleanField(_("skyddad identitet"), default=False)
    executed_on = models.DateField(_("verkställt"), null=True, blank=True)
    partly_executed_on = models.DateField(_("delvis verkställt"), null=True, blank=True)
    unexecuted_part = models.CharField(
        _("del som inte verkställts"),
        max_length=200,
        blank=True,
        validators=[validate_no_identity_number],
        help_text=_("Till exempel 2 av 5 timmar."),
    )
    interrupted_from = models.DateField(_("avbrott från"), null=True, blank=True)
    interrupted_to = models.DateField(_("avbrott till"), null=True, blank=True)
    ended_on = models.DateField(_("avslutat"), null=True, blank=True)
    delay_reason = models.CharField(
        _("orsak till dröjsmålet"), max_length=20, choices=DelayReason.choices, blank=True
    )
    delay_reason_text = models.TextField(
        _("orsak, fritext"), blank=True, validators=[validate_no_identity_number]
    )
    consequences = models.TextField(
        _("konsekvenser för den enskilda"), blank=True, validators=[validate_no_identity_number]
    )
    interim_help = models.TextField(
        _("annat stöd under väntan"), blank=True, validators=[validate_no_identity_number]
    )
    needs_followed_up_on = models.DateField(_("behovet följt upp"), null=True, blank=True)
    source = models.CharField(
        _("källa"), max_length=10, choices=DecisionSource.choices, default=DecisionSource.IMPORT
    )
    # Stored from the dates so that the report's filter is plain comparisons.
    execution_due_on = models.DateField(editable=False)
    resume_due_on = models.DateField(null=True, editable=False)
    # The day the last wait ended (executed, resumed or ended); empty while someone waits.
    # A quarter's report looks only at decisions still waiting on its first day, so that
    # its time follows what it shows, not the years of executed decisions (issue 9).
    wait_ended_on = models.DateField(null=True, editable=False)
    version = models.PositiveIntegerField(default=1)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("beslut")
        verbose_name_plural = _("beslut")
        ordering = ["-decided_on", "reference"]
        indexes = [
            models.Index(fields=["board", "execution_due_on"], name="decision_board_due_idx"),
            models.Index(fields=["board", "resume_due_on"], name="decision_board_resume_idx"),
            models.Index(fields=["node", "decided_on"], name="decision_node_decided_idx"),
            models.Index(
                fields=["board", "wait_ended_on", "execution_due_on"],
                name="decision_board_wait_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["board", "reference"], name="decision_reference_unique_per_board"
            ),
            models.CheckConstraint(
                condition=Q(executed_on__isnull=True) | Q(executed_on__gte=models.F("decided_on")),
                name="decision_executed_after_decided",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("decided_on")),
                name="decision_ended_after_decided",
            ),
            models.CheckConstraint(
                condition=Q(interrupted_from__isnull=True)
                | (Q(executed_on__isnull=False) & Q(interrupted_from__gte=models.F("executed_on"))),
                name="decision_interrupted_after_executed",
            ),
            models.CheckConstraint(
                condition=Q(interrupted_to__isnull=True)
                | (
                    Q(interrupted_from__isnull=False)
                    & Q(interrupted_to__gte=models.F("interrupted_from"))
                ),
                name="decision_resumed_after_interrupted",
            ),
            models.CheckConstraint(condition=Q(sex__in=["K", "M"]), name="decision_sex_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} · {self.service_kind.name}"

    def get_absolute_url(self) -> str:
        return reverse("decisions:detail", args=[self.pk])

    def save(self, *args, **kwargs) -> None:
        self.compute_due_dates()
        super().save(*args, **kwargs)

    def compute_due_dates(self) -> None:
        """The dates stored from the others: when a wait becomes reportable, and when it ended."""
        self.execution_due_on = rules.first_reportable_day(self.decided_on)
        self.resume_due_on = (
            rules.first_reportable_day(self.interrupted_from) if self.interrupted_from else None
        )
        self.wait_ended_on = rules.wait_ended_on(self)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        decided = self.decided_on
        if decided and self.executed_on and self.executed_on < decided:
            errors["executed_on"] = _("Verkställt kan inte ligga före beslutsdatum.")
        if decided and self.ended_on and self.ended_on < decided:
            errors["ended_on"] = _("Avslutat kan inte ligga före beslutsdatum.")
        if decided and self.partly_executed_on and self.partly_executed_on < decided:
            errors["partly_executed_on"] = _("Delvis verkställt kan inte ligga före beslutsdatum.")
        if self.interrupted_from:
            if not self.executed_on:
                errors["interrupted_from"] = _("Ett avbrott förutsätter att insatsen verkställts.")
            elif self.interrupted_from < self.executed_on:
                errors["interrupted_from"] = _("Avbrottet kan inte börja före verkställigheten.")
        if self.interrupted_to:
            if not self.interrupted_from:
                errors["interrupted_to"] = _("Ange när avbrottet började.")
            elif self.interrupted_to < self.interrupted_from:
                errors["interrupted_to"] = _("Avbrottet kan inte sluta före det började.")
        if self.service_kind_id and self.law and self.service_kind.law != self.law:
            errors["service_kind"] = _("Insatsen hör inte till den angivna lagen.")
        year = dt.date.today().year
        if self.birth_year and not 1900 <= self.birth_year <= year:
            errors["birth_year"] = _("Ange ett födelseår mellan 1900 och %(year)s.") % {
                "year": year
            }
        if self.person_code:
            problem = person_code_problem(self.person_code, self.sex)
            if problem:
                errors["person_code"] = problem
        if errors:
            raise ValidationError(errors)

    @property
    def area(self) -> str:
        return self.service_kind.area

    def reportable_kinds(self, quarter: rules.Quarter) -> list[str]:
        return rules.reportable_kinds(self, quarter)

    def first_reportable_day(self) -> dt.date:
        return rules.first_reportable_day(self.decided_on)


def person_code_problem(code: str, sex: str) -> str:
    """Why ``code`` is not a valid IVO person code for ``sex`` ('' when it is)."""
    match = PERSON_CODE.match(code)
    if not match:
        return str(_("Ange koden som ÅÅÅÅMMDD-T### eller ÅÅÅÅMMDD-TF##."))
    try:
        dt.datetime.strptime(match.group(1), "%Y%m%d")
    except ValueError:
        return str(_("Koden börjar inte med ett giltigt födelsedatum."))
    third = code[-2]
    if third.isdigit() and sex in ("K", "M") and (int(third) % 2 == 0) != (sex == "K"):
        return str(
            _("Tredje tecknet efter bindestrecket ska vara jämnt för kvinnor, udda för män.")
        )
    return ""


class Offer(BaseModel):
    """An offer of the service made to the person; a declined offer usually stays reportable."""

    decision = models.ForeignKey(
        Decision, models.CASCADE, related_name="offers", verbose_name=_("beslut")
    )
    offered_on = models.DateField(_("erbjudet"))
    declined = models.BooleanField(_("tackade nej"), default=False)

    class Meta:
        verbose_name = _("erbjudande")
        verbose_name_plural = _("erbjudanden")
        ordering = ["offered_on"]

    def __str__(self) -> str:
        return f"{self.offered_on:%Y-%m-%d}" + (" (nej)" if self.declined else "")


class ImportMapping(BaseModel):
    """Which column of a source's file holds which field, saved per source."""

    name = models.CharField(_("namn"), max_length=100)
    board = models.ForeignKey(OrgNode, models.CASCADE, related_name="+", verbose_name=_("nämnd"))
    columns = models.JSONField(_("kolumner"), default=dict)
    date_format = models.CharField(
        _("datumformat"), max_length=12, choices=DateFormat.choices, default=DateFormat.ISO
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("importmappning")
        verbose_name_plural = _("importmappningar")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["board", "name"], name="importmapping_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class QuarterReport(BaseModel):
    """What was sent to IVO for a board and quarter, frozen when marked as reported."""

    board = models.ForeignKey(OrgNode, models.PROTECT, related_name="+", verbose_name=_("nämnd"))
    quarter = models.CharField(_("kvartal"), max_length=6)
    rows = models.JSONField(_("rader"), default=list)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("rapporterat av")
    )
    reported_at = models.DateTimeField(_("rapporterat"))

    class Meta:
        verbose_name = _("kvartalsrapport till IVO")
        verbose_name_plural = _("kvartalsrapporter till IVO")
        ordering = ["-quarter"]
        constraints = [
            models.UniqueConstraint(fields=["board", "quarter"], name="quarterreport_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.board} {self.quarter}"


class ChangeKind(models.TextChoices):
    PAUSED = "pausad", _("Pausad på egen begäran")
    REDUCED = "minskad", _("Minskad")
    ENDED = "avslutad", _("Avslutad")
    MOVED = "flyttad", _("Flyttad till annan utförare")
    CLOSED = "stangd", _("Stängd av utföraren")


class ServiceChangeQuerySet(models.QuerySet["ServiceChange"]):
    def lacking_a_step(self) -> ServiceChangeQuerySet:
        return self.filter(
            Q(contacted_on__isnull=True)
            | Q(needs_reassessed_on__isnull=True)
            | Q(what_was_done="")
            | Q(followed_up_on__isnull=True)
        )


class ServiceChange(BaseModel):
    """A change to a person's services, and whether the person was contacted and helped."""

    audit_reads = True

    node = models.ForeignKey(
        OrgNode, models.PROTECT, related_name="service_changes", verbose_name=_("enhet")
    )
    decision = models.ForeignKey(
        Decision,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="changes",
        verbose_name=_("beslut"),
    )
    person_code = models.CharField(
        _("personkod eller referens"),
        max_length=60,
        blank=True,
        validators=[validate_no_identity_number],
    )
    service_kind = models.ForeignKey(
        ServiceKind, models.PROTECT, related_name="+", verbose_name=_("insats")
    )
    kind = models.CharField(_("förändring"), max_length=10, choices=ChangeKind.choices)
    reason = models.TextField(_("orsak"), validators=[validate_no_identity_number])
    changed_on = models.DateField(_("datum för förändringen"))
    contacted_on = models.DateField(_("kontakt tagen"), null=True, blank=True)
    needs_reassessed_on = models.DateField(_("behovet bedömt på nytt"), null=True, blank=True)
    what_was_done = models.TextField(
        _("vad som gjordes"), blank=True, validators=[validate_no_identity_number]
    )
    followed_up_on = models.DateField(_("uppföljt"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = ServiceChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("förändrad insats")
        verbose_name_plural = _("förändrade insatser")
        ordering = ["-changed_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(contacted_on__isnull=True)
                | Q(contacted_on__gte=models.F("changed_on")),
                name="servicechange_contact_after_change",
            ),
            models.CheckConstraint(
                condition=Q(followed_up_on__isnull=True)
                | Q(followed_up_on__gte=models.F("changed_on")),
                name="servicechange_followup_after_change",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.service_kind.name}"

    def get_absolute_url(self) -> str:
        return reverse("decisions:change_detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if not self.person_code and not self.decision_id:
            errors["person_code"] = _("Ange beslutet eller en kodad referens till personen.")
        for name in ("contacted_on", "followed_up_on", "needs_reassessed_on"):
            value = getattr(self, name)
            if value and self.changed_on and value < self.changed_on:
                errors[name] = _("Datumet kan inte ligga före förändringen.")
        if errors:
            raise ValidationError(errors)

    def missing_steps(self) -> list[str]:
        missing = []
        if not self.contacted_on:
            missing.append(str(_("kontakt")))
        if not self.needs_reassessed_on:
            missing.append(str(_("ny bedömning")))
        if not self.what_was_done:
            missing.append(str(_("åtgärd")))
        if not self.followed_up_on:
            missing.append(str(_("uppföljning")))
        return missing


class ImportJobStatus(models.TextChoices):
    QUEUED = "queued", _("I kö")
    RUNNING = "running", _("Pågår")
    DONE = "done", _("Klar")
    FAILED = "failed", _("Misslyckades")


def stale_before(now: dt.datetime) -> dt.datetime:
    """A running job that has not reported since this moment has lost its runner."""
    seconds = getattr(settings, "KVN_IMPORT_STALE_SECONDS", 120)
    return now - dt.timedelta(seconds=seconds)


class ImportJobQuerySet(models.QuerySet["ImportJob"]):
    def stale(self, now: dt.datetime) -> ImportJobQuerySet:
        """Running jobs whose runner has not reported for a while: its process has died."""
        return self.filter(status=ImportJobStatus.RUNNING, heartbeat_at__lt=stale_before(now))


class ImportJob(BaseModel):
    """A file being imported in the background, its progress, and its result report.

    The file's bytes are kept in the database (so any worker can run the job) until
    the job has finished; the result keeps every bad row with its line and problems.
    """

    board = models.ForeignKey(OrgNode, models.PROTECT, related_name="+", verbose_name=_("nämnd"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("startad av")
    )
    filename = models.CharField(_("fil"), max_length=255)
    size = models.PositiveIntegerField(_("storlek i byte"), default=0)
    data = models.BinaryField(editable=False, default=bytes)
    mapping_name = models.CharField(_("kolumnmappning"), max_length=100, blank=True)
    columns = models.JSONField(default=dict, editable=False)
    date_format = models.CharField(
        _("datumformat"), max_length=12, choices=DateFormat.choices, default=DateFormat.ISO
    )
    valid_only = models.BooleanField(_("bara giltiga rader"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportJobStatus.choices, default=ImportJobStatus.QUEUED
    )
    writing = models.BooleanField(_("sparar"), default=False)
    rows_total = models.PositiveIntegerField(_("rader totalt"), default=0)
    rows_done = models.PositiveIntegerField(_("rader kontrollerade"), default=0)
    result = models.JSONField(_("resultat"), default=dict, blank=True)
    claim_token = models.CharField(max_length=32, blank=True, editable=False)
    attempts = models.PositiveSmallIntegerField(_("försök"), default=0)
    started_at = models.DateTimeField(_("startad"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("senaste livstecken"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klar"), null=True, blank=True)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("importjobb")
        verbose_name_plural = _("importjobb")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"], name="importjob_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(rows_done__lte=models.F("rows_total")), name="importjob_rows_done_le"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("decisions:import_job", args=[self.pk])

    @property
    def finished(self) -> bool:
        return self.status in (ImportJobStatus.DONE, ImportJobStatus.FAILED)

    @property
    def percent(self) -> int:
        return int(100 * self.rows_done / self.rows_total) if self.rows_total else 0

    def is_stale(self, now: dt.datetime) -> bool:
        # Queued but never picked up (its thread died before it started, and no worker runs).
        last_sign = self.heartbeat_at or self.created_at
        return self.status in (ImportJobStatus.RUNNING, ImportJobStatus.QUEUED) and bool(
            last_sign and last_sign < stale_before(now)
        )
