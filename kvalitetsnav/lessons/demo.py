"""Demo lessons and good examples shared across the city (all text fictional, anonymised)."""

from __future__ import annotations

from kvalitetsnav.accounts.models import User
from kvalitetsnav.core.models import OperationKind, OrgNode
from kvalitetsnav.reviews.models import Finding, Theme

from . import services
from .models import Lesson, LessonKind

K = LessonKind
O = OperationKind  # noqa: E741
# (publisher, node code, kind, title, text, theme, area, source finding's text start or "")
LESSONS = [
    ("kvalitet.jarva", "jarva", K.LESSON, "Riskanalys innan insatser ändras",
     "Under pandemin ändrades många insatser utan dokumenterad riskanalys, och IVO påtalade "
     "det. Nu gör varje enhet en kort riskanalys på arbetsplatsträffen innan en insats "
     "pausas eller ändras för en grupp, och handläggaren ringer de berörda inom en vecka.",
     Theme.RISK_ANALYSIS, O.HEMTJANST, "Kommunen har brustit i arbetet med riskanalys"),
    ("kvalitet.jarva", "jarva", K.GOOD_EXAMPLE, "Äkthetskontroll av registerutdrag",
     "Efter en inspektion kontrollerar HVB-hemmen nu utdragets äkthet med Polisens tjänst "
     "innan anställning. Rutinen tar två minuter och finns i introduktionen för chefer.",
     Theme.STAFF, O.HVB, "Rutinen för nyanställning"),
    ("inspektor.stad", "stockholm", K.LESSON, "Signering av läkemedel i nattens överlämning",
     "I flera avvikelser saknades signering när läkemedel gavs sent på kvällen. Enheter som "
     "lade signeringskontrollen i överlämningen till natten fick nästan inga sådana avvikelser.",
     Theme.MEDICINES, O.VARD_OCH_OMSORGSBOENDE, ""),
    ("inspektor.stad", "stockholm", K.GOOD_EXAMPLE, "Fast kontaktperson minskar ensamhet",
     "En hemtjänstgrupp gav de äldre som riskerade isolering en fast kontaktperson som ringer "
     "varje vecka. Fler tackade ja till dagverksamhet och färre synpunkter kom in.",
     Theme.CONTACT, O.HEMTJANST, ""),
]  # fmt: skip


def seed() -> str:
    made = 0
    for username, code, kind, title, text, theme, area, source_text in LESSONS:
        actor = User.objects.filter(username=username).first()
        node = OrgNode.objects.filter(code=code).first()
        if actor is None or node is None or Lesson.objects.filter(title=title).exists():
            continue
        source = (
            Finding.objects.filter(text__startswith=source_text).order_by("created_at").first()
            if source_text
            else None
        )
        services.lesson_publish(
            actor=actor,
            node=node,
            kind=kind,
            title=title,
            text=text,
            theme=theme,
            area=area,
            source=source,
        )
        made += 1
    return f"Lärdomar: {made} nya ({Lesson.objects.count()} totalt)."
