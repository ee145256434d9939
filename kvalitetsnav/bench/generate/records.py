"""The records of every module, spread over the units and the years, valid against each model."""

from __future__ import annotations

import calendar
import datetime as dt
import random
import uuid
from collections import defaultdict
from decimal import Decimal
from types import SimpleNamespace

from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType

from kvalitetsnav.actions.models import Action, ActionStatus
from kvalitetsnav.decisions.models import Decision, DelayReason, ServiceKind
from kvalitetsnav.decisions.rules import first_reportable_day, wait_ended_on
from kvalitetsnav.deviations.models import (
    Category,
    ContributingFactor,
    Deviation,
    DeviationCounter,
    DeviationStatus,
)
from kvalitetsnav.feedback.models import Channel, Feedback, Kind, SenderType, ServiceArea, Status
from kvalitetsnav.feedback.models import reply_days as feedback_reply_days
from kvalitetsnav.inspections.models import (
    Answer,
    AnswerType,
    Inspection,
    InspectionStatus,
    Question,
    TemplateVersion,
)
from kvalitetsnav.risks.models import Occasion, Risk, RiskAnalysis
from kvalitetsnav.routines.models import ReadRequest, Routine, RoutineVersion, VersionStatus

from ..bulk import AuditChain, Table
from ..scales import Scale
from .org import Org, Unit

WHAT = [
    "Brukaren föll i badrummet vid morgonbesöket",
    "Fel dos läkemedel delades ut till lunch",
    "Planerat besök uteblev på grund av personalbrist",
    "Larmet fungerade inte under natten",
    "Bemötandet upplevdes som nedlåtande av den enskilde",
    "Dokumentationen i genomförandeplanen saknades",
    "Trycksår upptäcktes vid omvårdnad",
    "Nyckel till lägenheten kom bort",
]
WHY = [
    "Rutinen för fallprevention var inte känd av nyanställda",
    "Bemanningen räckte inte under helgen",
    "Signeringslistan uppdaterades inte efter ändrad ordination",
    "Överlämningen mellan skiften var muntlig",
]
ROUTINE_TOPICS = [
    ("Fallprevention", "fall fallrisk förebygga fallolyckor halkskydd rollator"),
    ("Läkemedelshantering", "läkemedel signering dosett ordination delegering"),
    ("Trycksår", "trycksår hudinspektion vändschema madrass"),
    ("Nattillsyn", "natt tillsyn larm trygghetslarm nyckelhantering"),
    ("Nutrition", "måltider vikt nutrition undernäring kost"),
    ("Hygien", "basala hygienrutiner handsprit skyddsutrustning smitta"),
    ("Avvikelsehantering", "avvikelser rapportering utredning återkoppling"),
    ("Lex Sarah", "missförhållanden rapportering utredning anmälan IVO"),
    ("Genomförandeplan", "genomförandeplan delaktighet uppföljning dokumentation"),
    ("Våld i nära relationer", "våld hot skydd orosanmälan"),
]


def month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


class RecordBuilder:
    def __init__(
        self, rng: random.Random, audit: AuditChain, now: dt.datetime, scale: Scale, org: Org
    ) -> None:
        self.rng, self.audit, self.now, self.scale, self.org = rng, audit, now, scale, org
        self.units = org.units
        self.boards = {b.id: b for b in org.boards}
        self.start = now - dt.timedelta(days=365 * scale.years)
        self.span = (now - self.start).total_seconds() - 3600
        self.deviation_ids: list[tuple[uuid.UUID, Unit, str]] = []

    def uid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def moment(self) -> dt.datetime:
        """A random moment of the period, later moments slightly more likely (growth)."""
        return self.start + dt.timedelta(seconds=self.span * (self.rng.random() ** 0.8))

    def spread(self, total: int):
        """Yield (unit, n) so that the units share ``total`` evenly."""
        per, rest = divmod(total, len(self.units))
        for i, unit in enumerate(self.units):
            yield unit, per + (1 if i < rest else 0)

    def staff(self, unit: Unit) -> tuple[uuid.UUID, str]:
        return self.rng.choice(unit.staff) if unit.staff else unit.manager

    # --- Avvikelser --------------------------------------------------------------------------
    def deviations(self) -> None:
        categories = list(Category.objects.values_list("id", flat=True))
        if not categories:
            categories = [Category.objects.create(name="Fall").id]
        factors = list(ContributingFactor.objects.values_list("id", flat=True))
        table = Table(Deviation, self.audit)
        through = Table(Deviation.factors.through)
        counters: dict[tuple[uuid.UUID, int], int] = defaultdict(int)
        rows = []
        for unit, n in self.spread(self.scale.deviations):
            for _ in range(n):
                rows.append((self.moment(), unit))
        rows.sort(key=lambda r: r[0])  # numbers run in time order within a board and year
        recent = self.now - dt.timedelta(days=60)
        for occurred, unit in rows:
            key = (unit.board, occurred.year)
            counters[key] += 1
            number = f"AVV-{occurred.year}-{counters[key]:04d}"
            reporter = self.staff(unit)
            created = occurred + dt.timedelta(minutes=self.rng.randint(5, 600))
            if created > self.now:
                created = self.now
            values = dict(
                id=self.uid(),
                number=number,
                board=unit.board,
                node=unit.id,
                reported_by=reporter[0],
                occurred_at=occurred,
                category=self.rng.choice(categories),
                description=self.rng.choice(WHAT) + ".",
                immediate_action="Kontaktade sjuksköterska och dokumenterade händelsen.",
                person_ref=f"B-{self.rng.randint(1000, 9999)}",
                created_at=created,
                updated_at=created,
            )
            status = DeviationStatus.NEW
            if occurred < recent or self.rng.random() < 0.3:
                status = self.rng.choices(
                    [
                        DeviationStatus.CLOSED,
                        DeviationStatus.REMEDIED,
                        DeviationStatus.INVESTIGATING,
                    ],
                    [85, 8, 7],
                )[0]
            if status != DeviationStatus.NEW:
                values.update(handler=unit.manager[0], investigation_started_at=created)
            if status in (DeviationStatus.REMEDIED, DeviationStatus.CLOSED):
                done = min(created + dt.timedelta(days=self.rng.randint(1, 30)), self.now)
                values.update(
                    analysis_what=values["description"],
                    analysis_why=self.rng.choice(WHY) + ".",
                    analysis_recorded_at=done,
                    analysis_by=unit.manager[0],
                    remedied_at=done,
                    feedback_to_reporter="Tack för rapporten. Vi har sett över rutinen.",
                    feedback_given_at=done,
                    feedback_by=unit.manager[0],
                    feedback_read_at=done if self.rng.random() < 0.8 else None,
                )
                if factors:
                    for factor in self.rng.sample(factors, k=min(2, len(factors))):
                        through.add(deviation=values["id"], contributingfactor=factor)
            if status == DeviationStatus.CLOSED:
                values.update(closed_at=values["remedied_at"], closed_by=unit.manager[0])
            values["status"] = status
            row = table.add(**values)
            # Logged as the reporter sent it, then the manager's change of status.
            self.audit.created(reporter, Deviation, {**row, "status": DeviationStatus.NEW}, number,
                               table.logged)  # fmt: skip
            if status != DeviationStatus.NEW:
                at = values.get("closed_at") or values.get("remedied_at") or created
                self.audit.updated(unit.manager, Deviation, values["id"], number,
                                   {"status": [DeviationStatus.NEW, status]}, at)  # fmt: skip
            if len(self.deviation_ids) < self.scale.actions:
                self.deviation_ids.append((values["id"], unit, number))
        table.flush()
        through.flush()
        counter_table = Table(DeviationCounter)
        for (board, year), last in counters.items():
            counter_table.add(board=board, year=year, last_number=last)
        counter_table.flush()

    # --- Åtgärder ----------------------------------------------------------------------------
    def actions(self) -> None:
        table = Table(Action, self.audit)
        deviation_ct = ContentType.objects.get_for_model(Deviation).id
        linked = self.deviation_ids
        today = self.now.date()
        for i, (unit, n) in enumerate(self.spread(self.scale.actions)):
            for j in range(n):
                created = self.moment()
                due = created.date() + dt.timedelta(days=self.rng.randint(14, 120))
                status = ActionStatus.PLANNED
                if due < today - dt.timedelta(days=30):
                    status = self.rng.choices(
                        [ActionStatus.DONE, ActionStatus.EFFECT_EVALUATED, ActionStatus.CANCELLED,
                         ActionStatus.IN_PROGRESS],
                        [50, 35, 5, 10],
                    )[0]  # fmt: skip
                elif self.rng.random() < 0.5:
                    status = ActionStatus.IN_PROGRESS
                values = dict(
                    id=self.uid(),
                    title=f"Åtgärd {j + 1}: se över rutin och bemanning",
                    description="Gå igenom rutinen på APT och följ upp efter en månad.",
                    node=unit.id,
                    owner=unit.manager[0],
                    due_date=due,
                    status=status,
                    created_by=unit.manager[0],
                    created_at=created,
                    updated_at=created,
                )
                if linked and self.rng.random() < 0.6:
                    dev_id, _unit, _number = linked[(i * 7919 + j) % len(linked)]
                    values.update(source_type=deviation_ct, source_id=str(dev_id))
                if status in (ActionStatus.DONE, ActionStatus.EFFECT_EVALUATED):
                    values["completed_on"] = min(due, today)
                if status == ActionStatus.EFFECT_EVALUATED:
                    values.update(
                        effect_evaluated_on=min(due + dt.timedelta(days=60), today),
                        effect_result="Färre avvikelser av samma slag under kvartalet.",
                        effect_sufficient=self.rng.random() < 0.8,
                    )
                if status == ActionStatus.CANCELLED:
                    values["cancel_reason"] = "Ersattes av en gemensam åtgärd för avdelningen."
                table.add(actor=unit.manager, repr_=values["title"], **values)
        table.flush()

    # --- Synpunkter --------------------------------------------------------------------------
    def feedback(self) -> None:
        areas = list(ServiceArea.objects.values_list("id", flat=True)) or [None]
        table = Table(Feedback, self.audit)
        key_hash = make_password("bench-code")
        seq: dict[int, int] = defaultdict(int)
        days = feedback_reply_days()
        rows = sorted(
            ((self.moment().date(), unit) for unit, n in self.spread(self.scale.feedback)
             for _ in range(n)),
            key=lambda r: r[0],
        )  # fmt: skip
        today = self.now.date()
        for received, unit in rows:
            seq[received.year] += 1
            number = f"SYN-{received.year}-{seq[received.year]:04d}"
            created = self.start.replace(year=received.year, month=received.month,
                                         day=received.day)  # fmt: skip
            values = dict(
                id=self.uid(),
                receipt_year=received.year,
                receipt_seq=seq[received.year],
                receipt_number=number,
                key_hash=key_hash,
                board=unit.board,
                node=unit.id,
                service_area=self.rng.choice(areas),
                kind=self.rng.choice(Kind.values),
                channel=self.rng.choice(Channel.values),
                sender_type=self.rng.choice(SenderType.values),
                received_on=received,
                description="Min mamma fick vänta länge på hjälp vid måltiderna.",
                reply_due=received + dt.timedelta(days=days),
                status=Status.RECEIVED,
                created_at=created,
                updated_at=created,
            )
            if received < today - dt.timedelta(days=30):
                replied = received + dt.timedelta(days=self.rng.randint(2, 20))
                values.update(
                    status=Status.CLOSED,
                    handler=unit.manager[0],
                    investigation="Enhetschefen har talat med personalgruppen.",
                    replied_on=replied,
                    reply_method="telefon",
                    replied_by=unit.manager[0],
                    reply_text="Tack för att du hörde av dig. Vi har ändrat schemat.",
                    closed_on=replied,
                )
            row = table.add(**values)
            self.audit.created(None, Feedback, row, number, table.logged)  # sent by the public
        table.flush()

    # --- Beslut ------------------------------------------------------------------------------
    def decisions(self) -> None:
        kinds = list(ServiceKind.objects.values_list("id", "law"))
        if not kinds:
            kind = ServiceKind.objects.create(law="SOL", name="Hemtjänst", area="aldre")
            kinds = [(kind.id, kind.law)]
        table = Table(Decision, self.audit)
        today = self.now.date()
        refs: dict[uuid.UUID, int] = defaultdict(int)
        reasons = DelayReason.values
        for unit, n in self.spread(self.scale.decisions):
            board = self.boards[unit.board]
            for _ in range(n):
                refs[unit.board] += 1
                decided = self.moment().date()
                kind_id, law = self.rng.choice(kinds)
                ref = f"B{board.index:02d}-{refs[unit.board]:07d}"
                values = dict(
                    id=self.uid(),
                    board=unit.board,
                    reference=ref,
                    node=unit.id,
                    law=law,
                    service_kind=kind_id,
                    decided_on=decided,
                    sex=self.rng.choice("KM"),
                    birth_year=self.rng.randint(1925, 2005),
                    execution_due_on=first_reportable_day(decided),
                    created_at=self.now,
                    updated_at=self.now,
                )
                r = self.rng.random()
                if r < 0.975:  # executed within three months, as almost all are
                    executed = decided + dt.timedelta(days=self.rng.randint(1, 80))
                    if executed <= today:
                        values["executed_on"] = executed
                        if self.rng.random() < 0.02:  # interrupted, mostly resumed in time
                            stop = executed + dt.timedelta(days=30)
                            values["interrupted_from"] = stop
                            values["resume_due_on"] = first_reportable_day(stop)
                            restart = stop + dt.timedelta(days=self.rng.randint(5, 110))
                            if restart <= today:
                                values["interrupted_to"] = restart
                elif r < 0.99:  # late: reportable to IVO until executed
                    executed = decided + dt.timedelta(days=self.rng.randint(95, 300))
                    if executed <= today:
                        values["executed_on"] = executed
                    values["delay_reason"] = self.rng.choice(reasons)
                else:  # never executed: the person declined or moved, and the decision ended
                    ended = decided + dt.timedelta(days=self.rng.randint(20, 200))
                    if ended <= today:
                        values["ended_on"] = ended
                    values["delay_reason"] = self.rng.choice(reasons)
                if values.get("interrupted_from") and values["interrupted_from"] > today:
                    values.pop("interrupted_from")
                    values.pop("resume_due_on")
                    values.pop("interrupted_to", None)
                dates = {k: values.get(k) for k in ("executed_on", "ended_on", "interrupted_from",
                                                    "interrupted_to")}  # fmt: skip
                values["wait_ended_on"] = wait_ended_on(SimpleNamespace(**dates))
                table.add(actor=self.org.admin, repr_=ref, **values)
        table.flush()

    # --- Egenkontroller ----------------------------------------------------------------------
    def inspections(self) -> None:
        versions = list(TemplateVersion.objects.filter(published=True).values_list("id", flat=True))
        if not versions:
            return
        questions: dict[uuid.UUID, list[tuple[uuid.UUID, str]]] = defaultdict(list)
        for q_id, v_id, kind in Question.objects.filter(section__version__in=versions).values_list(
            "id", "section__version", "answer_type"
        ):
            questions[v_id].append((q_id, kind))
        table = Table(Inspection, self.audit)
        answers = Table(Answer)
        today = self.now.date()
        for unit, n in self.spread(self.scale.inspections):
            for _ in range(n):
                version = self.rng.choice(versions)
                month = self.moment().date().replace(day=1)
                created = self.start.replace(year=month.year, month=month.month, day=1)
                due = month_end(month)
                done = due < today or self.rng.random() < 0.3
                values = dict(
                    id=self.uid(),
                    template_version=version,
                    node=unit.id,
                    responsible=unit.manager[0],
                    due_month=month,
                    due_date=due,
                    status=InspectionStatus.DONE if done else InspectionStatus.PLANNED,
                    created_by=unit.manager[0],
                    created_at=created,
                    updated_at=created,
                )
                if done:
                    values.update(
                        completed_at=created + dt.timedelta(days=self.rng.randint(1, 25)),
                        completed_by=unit.manager[0],
                        summary="Rutinerna följs i stort; två punkter åtgärdas.",
                    )
                    for q_id, kind in questions[version]:
                        answers.add(id=self.uid(), created_at=created, **self._answer(q_id, kind),
                                    inspection=values["id"])  # fmt: skip
                table.add(actor=unit.manager, repr_=str(month), **values)
        table.flush()
        answers.flush()

    def _answer(self, question: uuid.UUID, kind: str) -> dict:
        if kind == AnswerType.CHOICE:
            return {"question": question, "choice": self.rng.choices(
                ["ja", "nej", "delvis", "ej_aktuellt"], [80, 8, 8, 4])[0]}  # fmt: skip
        if kind == AnswerType.SCALE:
            return {"question": question, "choice": str(self.rng.randint(2, 5))}
        if kind == AnswerType.NUMBER:
            return {"question": question, "number": Decimal(self.rng.randint(0, 40))}
        if kind == AnswerType.DATE:
            return {"question": question, "date": self.now.date()}
        return {"question": question, "text": "Inga anmärkningar."}

    # --- Rutiner -----------------------------------------------------------------------------
    def routines(self) -> None:
        routines = Table(Routine, self.audit)
        versions = Table(RoutineVersion, self.audit)
        applies = Table(Routine.applies_to.through)
        reads = Table(ReadRequest)
        approved: list[dict] = []
        units = self.units
        for i in range(self.scale.routines):
            topic, words = ROUTINE_TOPICS[i % len(ROUTINE_TOPICS)]
            unit = units[(i * 31) % len(units)]
            board = self.boards[unit.board]
            owner = board.leaders["kvalitet"]
            created = self.start + dt.timedelta(days=self.rng.randint(0, 365))
            title = f"{topic} – {unit.name} ({i + 1})"
            count = self.rng.randint(1, 3)
            version_ids = [self.uid() for _ in range(count)]
            routine = routines.add(
                actor=owner,
                repr_=title,
                id=self.uid(),
                title=title,
                owner=owner[0],
                review_interval_months=12,
                next_review_date=(self.now + dt.timedelta(days=self.rng.randint(-30, 330))).date(),
                created_by=owner[0],
                current_version=version_ids[-1],
                created_at=created,
            )
            applies.add(routine=routine["id"], orgnode=unit.id)
            for number in range(1, count + 1):
                at = created + dt.timedelta(days=200 * (number - 1))
                last = number == count
                body = (
                    f"# {topic}\n\nSyfte: att {words.split()[0]} hanteras säkert.\n\n"
                    f"Nyckelord: {words}.\n\nAnsvar: enhetschefen ser till att alla känner till "
                    f"rutinen. Version {number}."
                )
                version = versions.add(
                    actor=owner,
                    repr_=f"{title} v{number}",
                    id=version_ids[number - 1],
                    routine=routine["id"],
                    number=number,
                    status=VersionStatus.APPROVED if last else VersionStatus.ARCHIVED,
                    body=body,
                    change_note="Ny version efter revidering." if number > 1 else "",
                    created_by=owner[0],
                    submitted_at=at,
                    approved_by=board.leaders["ledning"][0],
                    approved_at=at,
                    archived_at=None if last else at + dt.timedelta(days=200),
                    created_at=at,
                )
                if last:
                    approved.append({"version": version, "routine": routine, "title": title})
                    readers = (unit.staff + [unit.manager])[: self.scale.read_requests_per_routine]
                    for person in readers:
                        reads.add(
                            id=self.uid(),
                            version=version["id"],
                            user=person[0],
                            node=unit.id,
                            confirmed_at=at + dt.timedelta(days=3)
                            if self.rng.random() < 0.85
                            else None,
                            created_at=at,
                        )
        for table in (routines, versions, applies, reads):
            table.flush()
        self._index_routines(approved)

    def _index_routines(self, approved: list[dict]) -> None:
        from kvalitetsnav.routines import search

        for item in approved:
            version = RoutineVersion(id=item["version"]["id"], body=item["version"]["body"])
            version.routine = Routine(id=item["routine"]["id"], title=item["title"])
            search.index_version(version)

    # --- Risker ------------------------------------------------------------------------------
    def risks(self) -> None:
        analyses = Table(RiskAnalysis, self.audit)
        risks = Table(Risk, self.audit)
        for unit in self.units:
            for _ in range(self.scale.risk_analyses_per_unit):
                at = self.now - dt.timedelta(days=self.rng.randint(10, 300))
                title = f"Årlig riskanalys {unit.name}"
                analysis = analyses.add(
                    actor=unit.manager,
                    repr_=title,
                    id=self.uid(),
                    title=title,
                    occasion=Occasion.YEARLY,
                    node=unit.id,
                    analysed_on=at.date(),
                    participants="Enhetschef, undersköterskor, sjuksköterska",
                    signed_off_by=unit.manager[0],
                    signed_off_at=at,
                    created_by=unit.manager[0],
                    created_at=at,
                )
                for k in range(5):
                    p, c = self.rng.randint(1, 4), self.rng.randint(1, 4)
                    risks.add(
                        actor=unit.manager,
                        repr_=WHAT[k],
                        id=self.uid(),
                        analysis=analysis["id"],
                        node=unit.id,
                        title=WHAT[k],
                        probability=p,
                        consequence=c,
                        score=p * c,
                        owner=unit.manager[0],
                        review_date=(at + dt.timedelta(days=180)).date(),
                        created_at=at,
                    )
        analyses.flush()
        risks.flush()
