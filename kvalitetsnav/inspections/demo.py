"""Järva's egenkontroll: the shipped templates, an annual wheel for 2026, a case review of 20
drawn children's cases (2025, in the spirit of the city inspectors' review) and a telephone
trust survey with 50 participants. Fictional throughout: case references are codes."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from kvalitetsnav.accounts.models import User
from kvalitetsnav.core.models import OrgNode

from . import planning, services, shipped
from .models import AnswerType, Inspection, Plan, ReviewRound, Template

ROUND_TITLE = "Socialtjänstinspektörernas aktgranskning barn 0–12 år 2025"
# Skärholmen's review differs a little from Järva's; with 20 cases each, the comparison
# page shows that most such differences are within chance.
SKARHOLMEN_SHIFT = {
    "Har handläggaren talat med barnet om insatsens innehåll och utformning?": -0.25,
    "Finns intern samverkan när familjen har flera kontakter i socialtjänsten?": -0.2,
    "Har barnet fått återkoppling om beslutet?": 0.1,
}

WHEEL = (
    # template key, unit code, responsible, recurrence, first month
    ("social-dokumentation-hemtjanst", "jarva-mitt-hemtjanst", "chef.mittjarva", "kvartal", 2),
    ("social-dokumentation-hemtjanst", "jarva-norra-hemtjanst", None, "kvartal", 2),
    ("valfardsbrott", "jarva-rinkeby-vob", "chef.rinkeby", "halvar", 3),
    ("orosanmalningar-barn", "jarva-mottagning-barn", None, "halvar", 4),
)
# Chance of "ja" per question of the case review, after the inspectors' findings: children
# heard early but less later, school in half of the analyses, weak motivation work, few SIPs.
CASE_REVIEW_YES = {
    "Är förhandsbedömning och skyddsbedömning gjorda enligt lag?": 0.95,
    "Har tidigare anmälningar och utredningar vägts in i bedömningen?": 0.75,
    "Är utredningen klar inom fyra månader, eller är förlängningen beslutad?": 0.85,
    "Finns barnets skolsituation med i analysen som risk- eller skyddsfaktor?": 0.5,
    "Är det dokumenterat hur familjen motiverats att ta emot stöd?": 0.55,
    "Har barnet fått uttrycka sin åsikt om det utredningen gäller?": 0.9,
    "Har handläggaren talat med barnet om insatsens innehåll och utformning?": 0.8,
    "Har barnet fått återkoppling om beslutet?": 0.4,
    "Finns intern samverkan när familjen har flera kontakter i socialtjänsten?": 0.8,
    "Har en samordnad individuell plan (SIP) erbjudits där den behövs?": 0.35,
    "Följs beviljade insatser upp?": 1.0,
}
REASONS = (
    "Framgår inte av journalen; handläggaren uppger att det skedde muntligt.",
    "Delvis dokumenterat: beslutet finns men inte motiveringen.",
    "Saknas i akten. Tas upp på nästa ärendedragning.",
    "Hög arbetsbelastning under perioden enligt enheten; återkopplingen blev inte av.",
    "Vårdnadshavarna avböjde; inget dokumenterat om hur de motiverades.",
)
COMMENTS = (
    "Bra att ni ringde tillbaka samma dag.",
    "Svårt att nå handläggaren på telefon.",
    "Jag kände mig lyssnad på.",
    "Mer information på andra språk än svenska.",
    "Tydligt vad som skulle hända härnäst.",
)


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def _answers(inspection: Inspection, rng: random.Random, yes_share=None) -> dict:
    answers = {}
    for question in inspection.template_version.questions():
        if question.answer_type == AnswerType.CHOICE:
            p = (yes_share or {}).get(question.text, 0.8)
            value = "ja" if rng.random() < p else rng.choice(["nej", "delvis"])
            if rng.random() < 0.05:
                value = "ej_aktuellt"
        elif question.answer_type == AnswerType.SCALE:
            value = rng.choice(["3", "4", "4", "5", "5", "2"])
        elif question.answer_type == AnswerType.NUMBER:
            value = rng.choice([0, 0, 1, 2])
        else:
            value = rng.choice(COMMENTS) if rng.random() < 0.5 else ""
        reason = rng.choice(REASONS) if value in question.reason_required_for else ""
        answers[question.pk] = {"value": value, "reason": reason}
    return answers


def _complete(actor: User, inspection: Inspection, rng: random.Random, yes_share=None) -> None:
    services.inspection_save(
        actor=actor,
        inspection=inspection,
        version=inspection.version,
        answers=_answers(inspection, rng, yes_share),
        complete=True,
    )


def _seed_round(templates: dict[str, Template]) -> str:
    """The city inspectors' review: 20 children's cases drawn in each of two districts."""
    inspector = _user("inspektor.stad")
    boards = list(OrgNode.objects.filter(code__in=["jarva", "skarholmen"]).order_by("code"))
    if inspector is None or len(boards) != 2:
        return ""
    if ReviewRound.objects.filter(title=ROUND_TITLE).exists():
        return ""
    review_round = planning.round_draw(
        actor=inspector,
        version=templates["aktgranskning-barn-0-12"].latest_published(),
        title=ROUND_TITLE,
        nodes=boards,
        populations=planning.round_population_from_count(boards, 180),
        size_per_node=20,
        due_month=dt.date(2025, 11, 1),
        seed=2022,
        responsible=inspector,
    )
    rng = random.Random(2022)
    shares = {
        "jarva": CASE_REVIEW_YES,
        "skarholmen": {
            q: min(1.0, p + SKARHOLMEN_SHIFT.get(q, 0.0)) for q, p in CASE_REVIEW_YES.items()
        },
    }
    for inspection in Inspection.objects.filter(sample__round=review_round).select_related("node"):
        _complete(inspector, inspection, rng, shares[inspection.node.code])
    return " The inspectors' review of 20 cases in each of Järva and Skärholmen."


@transaction.atomic
def seed() -> str:
    shipped.install()
    templates = {t.shipped_key: t for t in Template.objects.exclude(shipped_key="")}
    inspectors = _seed_round(templates)
    boss = _user("ledning.jarva")
    if boss is None:
        return "inspections: no Järva administration in the demo; nothing added." + inspectors
    if Plan.objects.filter(node__code="jarva-mitt-hemtjanst", year=2026).exists():
        return "inspections: Järva's annual wheel already there." + inspectors
    rng = random.Random(2026)
    this_month = timezone.localdate().replace(day=1)
    nodes = {n.code: n for n in OrgNode.objects.filter(code__startswith="jarva")}
    for key, code, responsible, recurrence, start in WHEEL:
        plan = planning.plan_create(
            actor=boss,
            template=templates[key],
            node=nodes[code],
            year=2026,
            recurrence=recurrence,
            start_month=start,
            responsible=_user(responsible) if responsible else None,
        )
        past = [i for i in plan.inspections.order_by("due_month") if i.due_month < this_month]
        for inspection in past[:-1]:  # the latest past one is left late
            _complete(boss, inspection, rng)

    review = templates["aktgranskning-barn-0-12"].latest_published()
    sample = planning.sample_draw(
        actor=boss,
        version=review,
        node=nodes["jarva-mottagning-barn"],
        population=planning.population_from_range("BoU-2025", 1, 240),
        size=20,
        seed=20250301,
        due_month=dt.date(2025, 10, 1),
        responsible=_user("kvalitet.jarva"),
    )
    for inspection in sample.inspections.all():
        _complete(boss, inspection, rng, CASE_REVIEW_YES)

    survey = templates["tillitsundersokning"].latest_published()
    for _n in range(50):
        interview = services.inspection_create(
            actor=boss,
            version=survey,
            node=nodes["jarva-mottagning-barn"],
            due_month=dt.date(2025, 11, 1),
            audit_log=False,
        )
        _complete(boss, interview, rng)
    return (
        "inspections: Järva's annual wheel 2026, a case review of 20 drawn children's cases "
        "and a telephone survey with 50 participants." + inspectors
    )
