"""Demo risk analyses for Järva, after the district's quality report (all text fictional).

Avdelningen individ och familj: handläggning och dokumentation and välfärdsbrott with high
scores, children's protection assessments, applications not handled, staff turnover.
Avdelningen äldre, funktionsnedsättning och socialpsykiatri: threats on home visits.
Rinkeby vård- och omsorgsboende: a continuity plan for power, water and food deliveries.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from kvalitetsnav.accounts.models import User
from kvalitetsnav.core.models import OrgNode

from . import services
from .models import Occasion, RiskAnalysis
from .shipped import TEMPLATES_BY_KEY

# (title, occasion, node, actor, participants, signed, [(template, p, c, owner, review in days)])
ANALYSES = [
    ("Årlig riskanalys 2025 – individ och familj", Occasion.YEARLY, "jarva-iof", "ledning.jarva",
     "Avdelningschef, enhetschefer, kvalitetsutvecklare, två socialsekreterare", True,
     [("handlaggning-dokumentation", 3, 4, "ledning.jarva", 60),
      ("valfardsbrott", 3, 4, "ledning.jarva", 90),
      ("skyddsbedomning-barn", 2, 4, "ledning.jarva", -10),
      ("ansokningar-hanteras-inte", 2, 3, "ledning.jarva", 120),
      ("personalomsattning", 3, 3, "ledning.jarva", 150)]),
    ("Årlig riskanalys 2025 – äldre, funktionsnedsättning och socialpsykiatri", Occasion.YEARLY,
     "jarva-afs", "avdchef.aldre", "Avdelningschef, enhetschefer, MAS, skyddsombud", False,
     [("hot-vald-hembesok", 2, 4, "avdchef.aldre", -3),
      ("personalomsattning", 3, 2, "avdchef.aldre", 45),
      ("handlaggning-dokumentation", 2, 3, "avdchef.aldre", 80)]),
    ("Kontinuitetsplan Rinkeby vård- och omsorgsboende", Occasion.CONTINUITY, "jarva-rinkeby-vob",
     "chef.rinkeby", "Enhetschef, sjuksköterska, kökspersonal, två undersköterskor", True,
     [("avbrott-el", 2, 4, "chef.rinkeby", 30),
      ("avbrott-vatten", 1, 4, "chef.rinkeby", 30),
      ("avbrott-matleveranser", 2, 3, "chef.rinkeby", 30)]),
]  # fmt: skip


# Planned actions for the highest risks: template key → (title, description, due in days).
RISK_ACTIONS = {
    "handlaggning-dokumentation": (
        "Månatlig journalgranskning av ett urval utredningar",
        "Enhetscheferna granskar fem utredningar var i månaden mot checklistan för "
        "dokumentation; resultatet tas upp på ledningsgruppen.",
        45,
    ),
    "valfardsbrott": (
        "Kontroll av underlag vid ansökan om ekonomiskt bistånd",
        "Införa rutin för att kontrollera handlingar och folkbokföring innan beslut.",
        60,
    ),
    "hot-vald-hembesok": (
        "Riskbedömning före hembesök och tvåmannabesök vid behov",
        "Checklista före hembesök; vid förhöjd risk görs besöket av två medarbetare.",
        30,
    ),
    "avbrott-el": (
        "Öva reservkraft och larmkedja vid strömavbrott",
        "Övning två gånger om året tillsammans med fastighetsägaren.",
        90,
    ),
}


def seed() -> str:
    today = timezone.localdate()
    made = 0
    for title, occasion, code, username, participants, signed, risks in ANALYSES:
        node = OrgNode.objects.filter(code=code).first()
        actor = User.objects.filter(username=username).first()
        if node is None or actor is None or RiskAnalysis.objects.filter(title=title).exists():
            continue
        analysis = services.risk_analysis_create(
            actor=actor,
            title=title,
            occasion=occasion,
            node=node,
            analysed_on=today - dt.timedelta(days=120),
            participants=participants,
        )
        for key, p, c, owner, days in risks:
            template = TEMPLATES_BY_KEY[key]
            risk = services.risk_add(
                actor=actor,
                analysis=analysis,
                template_key=key,
                title=str(template.title),
                process=str(template.process),
                causes=str(template.causes),
                existing_controls=str(template.existing_controls),
                probability=p,
                consequence=c,
                residual_probability=max(p - 1, 1),
                residual_consequence=c,
                owner=User.objects.get(username=owner),
                review_date=today + dt.timedelta(days=days),
            )
            if key in RISK_ACTIONS:
                title, description, due_days = RISK_ACTIONS[key]
                # Through the risk's service, which files it with action_create linked to it.
                services.risk_create_action(
                    actor=actor,
                    risk=risk,
                    title=title,
                    description=description,
                    owner=risk.owner,
                    due_date=today + dt.timedelta(days=due_days),
                )
        if signed:
            services.risk_analysis_sign_off(
                actor=actor, analysis=analysis, version=analysis.version
            )
        made += 1
    return f"Riskanalyser: {made} nya ({RiskAnalysis.objects.count()} totalt)."
