"""Lex Sarah and lex Maria cases: investigation, event analysis, assessment and the report to IVO.

A case follows the law's steps (``../shared/product/DOMAIN.md``): the report is received,
documented and investigated, its seriousness assessed (with reasons and who decided),
reported to IVO when serious, IVO's decision recorded, and closed when its actions are
done. One that is clearly no misconduct may be closed early with a documented position.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kvalitetsnav.core.models import BaseModel, OrgNode
from kvalitetsnav.lib.personnummer import validate_no_identity_number

NO_ID = [validate_no_identity_number]


class LexKind(models.TextChoices):
    LEX_SARAH = "lex_sarah", _("Lex Sarah")
    LEX_MARIA = "lex_maria", _("Lex Maria")


class LexStatus(models.TextChoices):
    RECEIVED = "mottagen", _("Mottagen")
    INVESTIGATING = "utreds", _("Dokumenteras och utreds")
    ASSESSED = "bedomd", _("Bedömd")
    REPORTED = "anmald", _("Anmäld till IVO")
    IVO_DECIDED = "ivo_beslut", _("IVO:s beslut mottaget")
    CLOSED = "avslutad", _("Avslutad")
    CLOSED_NOT_REPORTED = "avslutad_utan_anmalan", _("Avslutad utan anmälan")

    @classmethod
    def open_values(cls) -> list[str]:
        return [cls.RECEIVED, cls.INVESTIGATING, cls.ASSESSED, cls.REPORTED, cls.IVO_DECIDED]

    @classmethod
    def closed_values(cls) -> list[str]:
        return [cls.CLOSED, cls.CLOSED_NOT_REPORTED]


class Deadline(models.TextChoices):
    """The internal targets of a case (``kvalitetsnav.lib.deadlines``)."""

    START = "start", _("Utredningen påbörjad")
    ASSESS = "assess", _("Allvarlighetsbedömning gjord")
    IVO_REPORT = "ivo_report", _("Anmäld till IVO")
    COMPLETE = "complete", _("Utredningen klar")


# For each deadline: the date field it is due by, and the field that says it is done.
DEADLINE_FIELDS: dict[str, tuple[str, str]] = {
    Deadline.START: ("start_due", "investigation_started_at"),
    Deadline.ASSESS: ("assess_due", "decided_at"),
    Deadline.IVO_REPORT: ("ivo_due", "ivo_sent_at"),
    Deadline.COMPLETE: ("complete_due", "investigation_completed_at"),
}
# Who must act on each: the handlers investigate, the deciders assess and report.
HANDLER_DEADLINES = (Deadline.START, Deadline.COMPLETE)
DECIDER_DEADLINES = (Deadline.ASSESS, Deadline.IVO_REPORT)


def pending_q(deadline: str) -> Q:
    """Cases on which ``deadline`` applies and is not yet met."""
    due_field, done_field = DEADLINE_FIELDS[deadline]
    q = Q(**{f"{due_field}__isnull": False, f"{done_field}__isnull": True})
    if deadline == Deadline.IVO_REPORT:
        q &= Q(serious=True)
    return q & Q(status__in=LexStatus.open_values())


def overdue_q(today: dt.date, deadlines=tuple(Deadline.values)) -> Q:
    q = Q(pk__in=[])
    for deadline in deadlines:
        q |= pending_q(deadline) & Q(**{f"{DEADLINE_FIELDS[deadline][0]}__lt": today})
    return q


class LexCaseQuerySet(models.QuerySet["LexCase"]):
    def open(self) -> LexCaseQuerySet:
        return self.filter(status__in=LexStatus.open_values())

    def overdue(self, today: dt.date | None = None) -> LexCaseQuerySet:
        return self.filter(overdue_q(today or timezone.localdate()))

    def of_kind(self, kind: str) -> LexCaseQuerySet:
        return self.filter(kind=kind)


@dataclass(frozen=True)
class TargetState:
    """One deadline of one case, as shown on its page."""

    key: str
    label: str
    due: dt.date
    done_on: dt.date | None
    overdue: bool

    @property
    def done_late(self) -> bool:
        return bool(self.done_on and self.done_on > self.due)


class LexCase(BaseModel):
    """A lex Sarah report (SoL/LSS misconduct or its risk) or lex Maria event (HSL vårdskada)."""

    # A case concerns a person: every read through get_for_user is logged.
    audit_reads = True

    kind = models.CharField(_("typ"), max_length=20, choices=LexKind.choices)
    reference = models.CharField(_("ärendenummer"), max_length=30, unique=True, editable=False)
    node = models.ForeignKey(
        OrgNode, models.PROTECT, related_name="lex_cases", verbose_name=_("enhet")
    )
    deviation = models.ForeignKey(
        "deviations.Deviation",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="lex_cases",
        verbose_name=_("avvikelse"),
    )
    feedback = models.ForeignKey(
        "feedback.Feedback",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="lex_cases",
        verbose_name=_("synpunkt eller klagomål"),
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="opened_lex_cases",
        verbose_name=_("rapporterad av"),
    )
    title = models.CharField(_("rubrik"), max_length=200, validators=NO_ID)
    received_at = models.DateTimeField(_("rapporten mottagen"))
    occurred_at = models.DateTimeField(_("när hände det?"), null=True, blank=True)
    noticed_at = models.DateTimeField(_("när upptäcktes det?"), null=True, blank=True)
    how_noticed = models.TextField(_("hur upptäcktes det?"), blank=True, validators=NO_ID)
    description = models.TextField(_("vad hände?"), validators=NO_ID)
    consequences = models.TextField(
        _("konsekvenser för den enskilda"), blank=True, validators=NO_ID
    )
    immediate_measures = models.TextField(
        _("vad gjordes direkt för att avhjälpa eller undanröja?"), blank=True, validators=NO_ID
    )
    person_ref = models.CharField(
        _("den enskildas kodade referens"),
        max_length=40,
        blank=True,
        validators=NO_ID,
        help_text=_("T.ex. B-1042. Aldrig namn eller personnummer."),
    )
    previous_occurrences = models.TextField(
        _("har det hänt tidigare, och varför upprepades det?"), blank=True, validators=NO_ID
    )
    # Lex Maria: the patient or relatives are informed and offered to tell their experience.
    patient_informed_on = models.DateField(
        _("patienten eller närstående informerad den"), null=True, blank=True
    )
    patient_experience = models.TextField(
        _("patientens eller närståendes beskrivning av händelsen"), blank=True, validators=NO_ID
    )
    journal_noted = models.BooleanField(_("anmälan antecknad i journalen"), default=False)

    status = models.CharField(
        _("status"), max_length=30, choices=LexStatus.choices, default=LexStatus.RECEIVED
    )
    investigation_started_at = models.DateField(_("utredningen påbörjad"), null=True, blank=True)
    investigation_completed_at = models.DateField(_("utredningen klar"), null=True, blank=True)

    # The assessment: serious (allvarligt missförhållande / allvarlig vårdskada, or risk of it)?
    serious = models.BooleanField(_("allvarligt?"), null=True, blank=True)
    assessment_reasons = models.TextField(_("skäl för bedömningen"), blank=True, validators=NO_ID)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bedömt av"),
    )
    decided_at = models.DateField(_("bedömt den"), null=True, blank=True)
    closed_early = models.BooleanField(
        _("avslutad tidigt, uppenbart inget missförhållande"), default=False
    )

    # The report to IVO and IVO's answer.
    ivo_sent_at = models.DateField(_("anmäld till IVO den"), null=True, blank=True)
    ivo_reference = models.CharField(_("IVO:s diarienummer"), max_length=60, blank=True)
    ivo_sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("anmäld av"),
    )
    ivo_decision_at = models.DateField(_("IVO:s beslut den"), null=True, blank=True)
    ivo_decision = models.TextField(_("IVO:s beslut"), blank=True, validators=NO_ID)

    closing_summary = models.TextField(
        _("slutligt ställningstagande"), blank=True, validators=NO_ID
    )
    closed_at = models.DateField(_("avslutad den"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("avslutad av"),
    )

    # The internal targets, fixed when the report is received (settings may change later).
    start_due = models.DateField(_("mål: utredning påbörjad"))
    assess_due = models.DateField(_("mål: bedömning gjord"))
    ivo_due = models.DateField(_("mål: anmäld till IVO om allvarligt"))
    complete_due = models.DateField(_("mål: utredning klar"))

    # Optimistic locking: an edit based on an old version is refused, not silently applied.
    version = models.PositiveIntegerField(default=1)

    objects = LexCaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("lex Sarah- eller lex Maria-ärende")
        verbose_name_plural = _("lex Sarah- och lex Maria-ärenden")
        ordering = ["-received_at"]
        indexes = [
            models.Index(fields=["kind", "status"], name="lexcase_kind_status_idx"),
            models.Index(fields=["node", "received_at"], name="lexcase_node_received_idx"),
            models.Index(fields=["opened_by"], name="lexcase_opened_by_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["lex_sarah", "lex_maria"]), name="lexcase_kind_valid"
            ),
            models.CheckConstraint(condition=~Q(reference=""), name="lexcase_has_reference"),
            # An assessment is whole: the answer, the reasons, who decided and when.
            models.CheckConstraint(
                condition=(
                    Q(serious__isnull=True)
                    & Q(decided_by__isnull=True)
                    & Q(decided_at__isnull=True)
                )
                | (
                    Q(serious__isnull=False)
                    & Q(decided_by__isnull=False)
                    & Q(decided_at__isnull=False)
                    & ~Q(assessment_reasons="")
                ),
                name="lexcase_assessment_complete",
            ),
            # Only a case assessed as serious is reported to IVO.
            models.CheckConstraint(
                condition=Q(ivo_sent_at__isnull=True) | Q(serious=True),
                name="lexcase_reported_only_when_serious",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["anmald", "ivo_beslut"]) | Q(ivo_sent_at__isnull=False),
                name="lexcase_reported_has_date",
            ),
            models.CheckConstraint(
                condition=Q(ivo_decision_at__isnull=True) | Q(ivo_sent_at__isnull=False),
                name="lexcase_decision_after_report",
            ),
            models.CheckConstraint(
                condition=~Q(status="ivo_beslut") | Q(ivo_decision_at__isnull=False),
                name="lexcase_ivo_decided_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(
                    status__in=[
                        "bedomd",
                        "anmald",
                        "ivo_beslut",
                        "avslutad",
                        "avslutad_utan_anmalan",
                    ]
                )
                | Q(serious__isnull=False),
                name="lexcase_assessed_has_answer",
            ),
            models.CheckConstraint(
                condition=~Q(status="avslutad_utan_anmalan") | Q(serious=False),
                name="lexcase_not_reported_only_when_not_serious",
            ),
            # A serious case is closed only after it was reported to IVO.
            models.CheckConstraint(
                condition=~Q(status="avslutad", serious=True) | Q(ivo_sent_at__isnull=False),
                name="lexcase_serious_closed_was_reported",
            ),
            models.CheckConstraint(
                condition=(
                    Q(status__in=["avslutad", "avslutad_utan_anmalan"])
                    & Q(closed_at__isnull=False)
                    & ~Q(closing_summary="")
                )
                | (
                    ~Q(status__in=["avslutad", "avslutad_utan_anmalan"]) & Q(closed_at__isnull=True)
                ),
                name="lexcase_closed_is_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("lexcases:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in LexStatus.open_values()

    @property
    def is_maria(self) -> bool:
        return self.kind == LexKind.LEX_MARIA

    @property
    def serious_label(self) -> str:
        """The law's words for what makes a case reportable, for its kind."""
        if self.is_maria:
            return str(_("Allvarlig vårdskada, eller risk för allvarlig vårdskada"))
        return str(_("Allvarligt missförhållande, eller påtaglig risk för ett sådant"))

    def targets(self, today: dt.date | None = None) -> list[TargetState]:
        """The case's deadlines that apply, each with its state (IVO only when serious)."""
        today = today or timezone.localdate()
        states = []
        for key, label in Deadline.choices:
            if key == Deadline.IVO_REPORT and self.serious is not True:
                continue
            due_field, done_field = DEADLINE_FIELDS[key]
            due, done = getattr(self, due_field), getattr(self, done_field)
            states.append(
                TargetState(key, str(label), due, done, self.is_open and not done and due < today)
            )
        return states

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return any(t.overdue for t in self.targets(today))


class EntryTopic(models.TextChoices):
    """What the investigation must document (DOMAIN.md, lex Sarah)."""

    EVENT = "handelse", _("Vad hände")
    CONSEQUENCES = "konsekvenser", _("Konsekvenser för den enskilda")
    CAUSES = "orsaker", _("Orsaker")
    PREVIOUS = "tidigare", _("Har det hänt tidigare")
    RECURRENCE = "upprepning", _("Kan det hända igen")
    MEASURES = "atgarder", _("Åtgärder")
    OTHER = "ovrigt", _("Övriga iakttagelser")


class EntryNature(models.TextChoices):
    FACT = "faktum", _("Faktauppgift")
    ASSESSMENT = "bedomning", _("Bedömning")


class InvestigationEntry(BaseModel):
    """One documented piece of the investigation: date, source, fact or assessment, who wrote it."""

    case = models.ForeignKey(LexCase, models.PROTECT, related_name="entries")
    entry_date = models.DateField(_("datum"))
    topic = models.CharField(_("avser"), max_length=20, choices=EntryTopic.choices)
    nature = models.CharField(
        _("faktum eller bedömning"), max_length=20, choices=EntryNature.choices
    )
    source = models.CharField(
        _("källa"),
        max_length=200,
        validators=NO_ID,
        help_text=_("T.ex. samtal med personal, genomförandeplanen, larmloggen."),
    )
    text = models.TextField(_("anteckning"), validators=NO_ID)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("skriven av")
    )

    class Meta:
        verbose_name = _("utredningsanteckning")
        verbose_name_plural = _("utredningsanteckningar")
        ordering = ["entry_date", "created_at"]

    def __str__(self) -> str:
        return f"{self.entry_date:%Y-%m-%d} {self.get_topic_display()}"


class AnalysisSection(models.TextChoices):
    """The parts of a händelseanalys."""

    TIMELINE = "tidslinje", _("Händelseförlopp")
    CAUSE = "orsak", _("Orsak eller bidragande faktor")
    BARRIER = "barriar", _("Barriär som inte fungerade")
    PARTICIPANT = "deltagare", _("Deltagare i analysen")


class Factor(models.TextChoices):
    """Where in the system a cause lies: the analysis looks for causes, not blame."""

    ROUTINES = "rutiner", _("Rutiner")
    COMMUNICATION = "kommunikation", _("Kommunikation och information")
    STAFFING = "bemanning", _("Bemanning")
    COMPETENCE = "kompetens", _("Kompetens")
    EQUIPMENT = "utrustning", _("Teknik och utrustning")
    ENVIRONMENT = "miljo", _("Miljö")
    CONDITION = "tillstand", _("Den enskildas tillstånd")
    ORGANISATION = "organisation", _("Organisation och ledning")


class AnalysisItem(BaseModel):
    """One line of the event analysis (*händelseanalys*) of a case."""

    case = models.ForeignKey(LexCase, models.PROTECT, related_name="analysis_items")
    section = models.CharField(_("del"), max_length=20, choices=AnalysisSection.choices)
    happened_at = models.DateTimeField(_("tidpunkt"), null=True, blank=True)
    factor = models.CharField(_("område"), max_length=20, choices=Factor.choices, blank=True)
    is_root_cause = models.BooleanField(_("grundorsak"), default=False)
    text = models.TextField(
        _("beskrivning"),
        validators=NO_ID,
        help_text=_(
            "Deltagare anges med roll, t.ex. undersköterska natt; aldrig den enskildas namn."
        ),
    )
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("del av händelseanalys")
        verbose_name_plural = _("händelseanalys")
        ordering = ["section", "happened_at", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(section="tidslinje") | Q(happened_at__isnull=False),
                name="analysis_timeline_has_time",
                violation_error_message=_("Ange när det hände."),
            ),
            models.CheckConstraint(
                condition=~Q(section="orsak") | ~Q(factor=""),
                name="analysis_cause_has_factor",
                violation_error_message=_("Välj inom vilket område orsaken finns."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_section_display()}: {self.text[:60]}"


class LexDeadlineReminder(models.Model):
    """That the e-mail reminder for one deadline of one case was sent: at most once each."""

    id = models.BigAutoField(primary_key=True)
    case = models.ForeignKey(LexCase, models.CASCADE, related_name="reminders")
    deadline = models.CharField(max_length=20, choices=Deadline.choices)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "deadline"], name="lexreminder_once"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.deadline}"
