"""Demo reviews of Järva from the 2025 quality report and IVO's covid-19 supervision (seed 003).

Follow-ups: six planned in 2025, three done, three not (two contracts ended, one postponed).
Reference numbers other than IVO's published ones, and all findings' wording, are fictional.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from kvalitetsnav.accounts.models import User
from kvalitetsnav.core.models import OrgNode

from . import services
from .models import ProviderFollowUp, Review, ReviewerKind, Severity, Theme

R = ReviewerKind
S = Severity
# Findings: (severity, text, response due in days from today or None, responded)
REVIEWS = [
    (R.IVO_SUPERVISION, "3.5.1-06913/2021",
     "Enskildas behov vid förändrade insatser under covid-19",
     "jarva", [], dt.date(2020, 10, 26), dt.date(2021, 6, 1),
     "IVO avslutar ärendet men påtalar brister.",
     [(S.SHORTCOMING, "Kommunen har brustit i arbetet med riskanalys.", None, False),
      (S.SHORTCOMING, "Kommunen har brustit i arbetet med kontakt med enskilda vid förändringar "
       "i deras SoL/LSS-insatser.", None, False),
      (S.SHORTCOMING, "Kommunen har brustit i arbetet med åtgärder för att tillgodose enskildas "
       "behov vid förändringar i deras SoL/LSS-insatser.", None, False),
      (S.SHORTCOMING, "Kommunen har brustit i arbetet med att följa upp hur de har tillgodosett "
       "enskildas behov vid förändringar i deras SoL/LSS-insatser.", None, False)]),
    (R.IVO_SUPERVISION, "3.5.1-29685/2024", "Tillsyn av socialtjänstens kvalitetsarbete",
     "jarva", [], dt.date(2024, 9, 2), dt.date(2025, 11, 20), "",
     [(S.SHORTCOMING, "Nämnden redovisar inte hur riskanalyser används i verksamheterna.", -5,
       False),
      (S.SHORTCOMING, "Egenkontroller inom myndighetsutövning barn och unga är inte "
       "systematiska.", 25, False)]),
    (R.IVO_SUPERVISION, "", "Nationell tillsyn: rättssäkerhet i myndighetsutövning barn och unga",
     "jarva-iof-barn-unga", [], dt.date(2025, 2, 3), dt.date(2025, 6, 10), "",
     [(S.RECOMMENDATION, "Utveckla kontroller inför placeringar och uppföljning av placeringar.",
       -40, True),
      (S.RECOMMENDATION, "Utveckla hanteringen av orosanmälningar och egenkontrollerna.", -40,
       True)]),
    (R.IVO_INSPECTION, "", "Oanmäld inspektion: barns och ungas trygghet och säkerhet",
     "jarva-bromstensgarden", [], dt.date(2025, 4, 8), dt.date(2025, 5, 20),
     "IVO avslutar ärendet, alla krav är uppfyllda.",
     [(S.SHORTCOMING, "Rutinen för nyanställning säkerställer inte äkthetskontroll av "
       "polisregisterutdrag.", -150, True)]),
    (R.CITY_AUDITORS, "", "Placering av barn och unga i familjehem", "jarva-familjehemsvard", [],
     dt.date(2025, 3, 3), dt.date(2025, 6, 15), "",
     [(S.SHORTCOMING, "Placeringar överskrider tidsgränsen för familjehemsutredning.", -20, False),
      (S.SHORTCOMING, "Registerkontroll och referenstagning dokumenteras inte alltid.", -20, True),
      (S.RECOMMENDATION, "Säkerställ att genomförandeplaner upprättas.", 40, False)]),
    (R.CITY_AUDITORS, "", "Uppföljning av insatsen stödboende", "jarva-iof-vuxen", [],
     dt.date(2025, 11, 3), dt.date(2025, 12, 19), "",
     [(S.RECOMMENDATION, "Säkerställ genomförandeplaner för insatsen stödboende och att de följs "
       "upp.", 14, False)]),
    (R.DISABILITY_INSPECTORS, "", "Beställarenheten funktionsnedsättning och sysselsättning",
     "jarva-fs", ["jarva-bestallare-fn", "jarva-sysselsattning"], dt.date(2025, 9, 1), None, "",
     []),
    (R.SOCIAL_INSPECTORS, "", "Handläggning av ekonomiskt bistånd", "jarva-iof-ekb",
     ["jarva-ekb-mottagning"], dt.date(2025, 5, 5), dt.date(2025, 8, 28), "",
     [(S.DEVELOPMENT, "Utredningarna saknar ibland barnets behov i beslutsunderlaget.", 10,
       False)]),
    (R.WORK_ENVIRONMENT, "", "Tillsyn: risker för hot och våld i gruppbostad", "jarva-fs",
     ["jarva-glantan"], dt.date(2025, 4, 1), dt.date(2025, 5, 12), "",
     [(S.REMARK, "Komplettera riskbedömningen för hot och våld i verksamheten.", -30, False)]),
    (R.ENVIRONMENT_OFFICE, "", "Livsmedelskontroll", "jarva-kista-vob", ["jarva-kista-vob"],
     dt.date(2025, 3, 12), dt.date(2025, 3, 12), "Kontrollen avslutad utan avvikelse.",
     [(S.STRENGTH, "Hanteringen av livsmedel följer kraven; inga avvikelser.", None, False)]),
    (R.PHARMACY, "", "Läkemedelsgranskning", "jarva-aldre",
     ["jarva-rinkeby-vob", "jarva-kista-vob"], dt.date(2025, 5, 6), dt.date(2025, 6, 2), "",
     [(S.OBSERVATION, "Signeringslistor för läkemedel är inte alltid ifyllda.", -60, True),
      (S.DEVELOPMENT, "Förvaring av läkemedel i rummen behöver ses över.", 20, False)]),
    (R.INFECTION_CONTROL, "", "Vårdhygienisk egenkontroll", "jarva-aldre",
     ["jarva-rinkeby-vob", "jarva-kista-vob"], dt.date(2025, 4, 14), dt.date(2025, 4, 30), "",
     [(S.DEVELOPMENT, "Uppdatera rutinen för basala hygienrutiner och följsamhetsmätningar.",
       -90, True)]),
    (R.ELDERLY_OFFICE, "", "Projekt mot ofrivillig ensamhet i hemtjänsten", "jarva-aldre",
     ["jarva-mitt-hemtjanst"], dt.date(2025, 9, 1), None, "",
     [(S.STRENGTH, "Äldre som riskerat isolering har fått individuellt anpassat stöd.", None,
       False)]),
]  # fmt: skip

T = Theme
SOSFS = "SOSFS 2011:9"
# The theme of each finding, by the start of its text, and the requirement where stated.
FINDING_TAGS = {
    "Kommunen har brustit i arbetet med riskanalys": (
        T.RISK_ANALYSIS, f"Riskanalys enligt 5 kap. 1 § {SOSFS}, dokumenterad enligt 7 kap. 1 §."),
    "Kommunen har brustit i arbetet med kontakt": (
        T.CONTACT, "Insatser utformas tillsammans med den enskilde, 3 kap. 5 § SoL och 6 § LSS; "
        f"rutiner enligt 4 kap. 4 § {SOSFS}."),
    "Kommunen har brustit i arbetet med åtgärder": (
        T.CONTACT, "Skälig levnadsnivå, 4 kap. 1 § SoL."),
    "Kommunen har brustit i arbetet med att följa upp": (
        T.FOLLOW_UP, "God kvalitet och uppföljning av insatser, 3 kap. 3 § SoL."),
    "Nämnden redovisar inte hur riskanalyser": (
        T.RISK_ANALYSIS, f"Riskanalys enligt 5 kap. 1 § {SOSFS}."),
    "Egenkontroller inom myndighetsutövning": (
        T.SELF_INSPECTION, f"Egenkontroll enligt 5 kap. 2 § {SOSFS}."),
    "Utveckla kontroller inför placeringar": (T.CHILD_PROTECTION, ""),
    "Utveckla hanteringen av orosanmälningar": (T.CHILD_PROTECTION, ""),
    "Rutinen för nyanställning": (
        T.STAFF, "Kontroll av belastningsregister före anställning i HVB för barn och unga."),
    "Placeringar överskrider tidsgränsen": (T.CHILD_PROTECTION, ""),
    "Registerkontroll och referenstagning": (T.CASEWORK, ""),
    "Säkerställ att genomförandeplaner": (T.FOLLOW_UP, ""),
    "Säkerställ genomförandeplaner": (T.FOLLOW_UP, ""),
    "Utredningarna saknar ibland": (T.CASEWORK, ""),
    "Komplettera riskbedömningen för hot": (T.SAFETY, "AFS 2023:2 om hot och våld."),
    "Hanteringen av livsmedel": (T.FOOD, ""),
    "Signeringslistor för läkemedel": (T.MEDICINES, ""),
    "Förvaring av läkemedel": (T.MEDICINES, ""),
    "Uppdatera rutinen för basala hygienrutiner": (T.HYGIENE, ""),
    "Äldre som riskerat isolering": (T.CONTACT, ""),
}  # fmt: skip

# Actions linked to findings: start of the finding's text → [(title, advance steps, due in days)]
FINDING_ACTIONS = {
    "Nämnden redovisar inte hur riskanalyser": [
        ("Riskanalys på varje enhets arbetsplatsträff två gånger om året", 1, 40),
        ("Ledningsgruppen följer upp riskanalyserna i kvalitetsberättelsen", 0, 120),
    ],
    "Egenkontroller inom myndighetsutövning": [
        ("Årshjul för egenkontroller inom barn och unga", 1, 25),
    ],
    "Rutinen för nyanställning": [
        ("Rutin för äkthetskontroll av utdrag ur belastningsregistret", 2, -160),
    ],
    "Placeringar överskrider tidsgränsen": [
        ("Veckovis uppföljning av pågående familjehemsutredningar", 1, 20),
    ],
}
# Reviews whose account of measures has been sent: subject → days before the decision it closed.
ACCOUNTS_SENT = {"Oanmäld inspektion: barns och ungas trygghet och säkerhet": 10}


def _tags(text: str) -> tuple[str, str]:
    return next((tags for start, tags in FINDING_TAGS.items() if text.startswith(start)), ("", ""))


def _link_actions(actor: User, responsible: User, finding, today: dt.date) -> None:
    from kvalitetsnav.actions import services as action_services

    for start, actions in FINDING_ACTIONS.items():
        if not finding.text.startswith(start):
            continue
        for title, steps, due_days in actions:
            action = services.finding_create_action(
                actor=actor,
                finding=finding,
                title=title,
                owner=responsible,
                due_date=today + dt.timedelta(days=due_days),
            )
            for _step in range(steps):
                action = action_services.action_advance(
                    actor=actor, action=action, version=action.version
                )


# (unit, planned month, done, reason when not done)
FOLLOW_UPS_2025 = [
    ("jarva-tensta-hemtjanst-lov", 3, True, ""),
    ("jarva-akalla-vob", 4, True, ""),
    ("jarva-glantan", 9, True, ""),
    ("jarva-smultronet", 5, False, "Utförarens avtal med staden avslutades under året."),
    ("jarva-daglig-verksamhet", 6, False, "Utförarens avtal med staden avslutades under året."),
    ("jarva-boendestod", 10, False, "Utförarens avtal med staden avslutades under året."),
]


def _seed_reviews(actor: User, responsible: User, today: dt.date) -> int:
    made = 0
    for kind, ref, subject, code, unit_codes, started, decided, closing, findings in REVIEWS:
        node = OrgNode.objects.filter(code=code).first()
        if node is None or Review.objects.filter(subject=subject, node=node).exists():
            continue
        review = services.review_create(
            actor=actor,
            reviewer=kind,
            reference=ref,
            subject=subject,
            node=node,
            units=OrgNode.objects.filter(code__in=unit_codes),
            started_on=started,
            decided_on=decided,
            responsible=responsible,
        )
        for severity, text, due_days, responded in findings:
            due = today + dt.timedelta(days=due_days) if due_days is not None else None
            theme, requirement = _tags(text)
            finding = services.finding_add(
                actor=actor,
                review=review,
                text=text,
                severity=severity,
                theme=theme,
                requirement=requirement,
                response_required=due is not None,
                response_due=due,
            )
            _link_actions(actor, responsible, finding, today)
            if responded and subject not in ACCOUNTS_SENT:
                services.finding_respond(
                    actor=actor,
                    finding=finding,
                    version=finding.version,
                    response="Rutinen är reviderad och följs upp i egenkontrollen.",
                    responded_on=min(due, today),
                )
        if subject in ACCOUNTS_SENT:
            sent_on = (decided or started) - dt.timedelta(days=ACCOUNTS_SENT[subject])
            services.review_account_sent(
                actor=actor, review=review, version=review.version, sent_on=max(sent_on, started)
            )
        if closing:
            services.review_close(
                actor=actor,
                review=review,
                version=review.version,
                closed_on=decided or started,
                closing_note=closing,
            )
        made += 1
    return made


def _seed_follow_ups(actor: User) -> int:
    made = 0
    for code, month, done, reason in FOLLOW_UPS_2025:
        node = OrgNode.objects.filter(code=code).first()
        if node is None or ProviderFollowUp.objects.filter(node=node, year=2025).exists():
            continue
        followup = services.followup_plan(
            actor=actor, node=node, year=2025, planned_on=dt.date(2025, month, 15)
        )
        services.followup_record(
            actor=actor,
            followup=followup,
            version=followup.version,
            done_on=dt.date(2025, month, 20) if done else None,
            not_done_reason=reason,
            strengths="God kontinuitet och engagerad personal." if done else "",
            development_areas="Introduktionsplan för nyanställda; rutin för uppföljning av "
            "delegeringar."
            if done
            else "",
        )
        made += 1
    return made


def seed() -> str:
    actor = User.objects.filter(username="kvalitet.jarva").first()
    responsible = User.objects.filter(username="ledning.jarva").first()
    if actor is None or responsible is None:
        return "Granskningar: demoorganisationen saknas."
    today = timezone.localdate()
    reviews = _seed_reviews(actor, responsible, today)
    follow_ups = _seed_follow_ups(actor)
    return (
        f"Granskningar: {reviews} nya ({Review.objects.count()} totalt), "
        f"{follow_ups} nya verksamhetsuppföljningar."
    )
