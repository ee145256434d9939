"""Demo feedback for Järva: one year (2025) at the volumes of the district's quality report.

Individ och familj 47 (45 complaints, 2 praise from partners), vård- och
omsorgsboende 17, servicehus 2, beställarenhet äldreomsorg 3, hemtjänst 2,
beställarenheten funktionsnedsättning 15, boendestöd 4; most replied in time,
some late, and a few still open in the current year. All text is fictional.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from kvalitetsnav.accounts.models import User
from kvalitetsnav.core.models import OrgNode

from . import services
from .models import Feedback, Kind, ServiceArea, ServiceAreaRoute, Status

ROUTES = {
    "Hemtjänst": "jarva-aldre",
    "Äldreboende": "jarva-aldre",
    "Stöd till barn och familjer": "jarva-iof-barn-unga",
    "Ekonomiskt bistånd": "jarva-ekb-mottagning",
    "Stöd vid funktionsnedsättning": "jarva-bestallare-fn",
    "Missbruk och beroende": "jarva-stod-behandling",
}

# (unit code, service area, count, praise among them, themes, handler)
VOLUMES = [
    ("jarva-ekb-mottagning", "Ekonomiskt bistånd", 20, 0,
     ["handlaggning", "bemotande", "tillganglighet", "beslut"], "ledning.jarva"),
    ("jarva-familjehemsvard", "Stöd till barn och familjer", 10, 1,
     ["handlaggning", "bemotande", "information"], "ledning.jarva"),
    ("jarva-oppenvard-barn", "Stöd till barn och familjer", 9, 1,
     ["tillganglighet", "bemotande"], "ledning.jarva"),
    ("jarva-stod-behandling", "Missbruk och beroende", 8, 0,
     ["handlaggning", "tillganglighet"], "ledning.jarva"),
    ("jarva-rinkeby-vob", "Äldreboende", 7, 0, ["utforande", "bemotande"], "chef.rinkeby"),
    ("jarva-kista-vob", "Äldreboende", 6, 0, ["utforande", "bemotande"], "avdchef.aldre"),
    ("jarva-akalla-vob", "Äldreboende", 4, 0, ["utforande", "information"], "avdchef.aldre"),
    ("jarva-kista-servicehus", "Äldreboende", 2, 0, ["mat_stad", "kontinuitet"], "avdchef.aldre"),
    ("jarva-bestallare-aldre", "Hemtjänst", 3, 0, ["bemotande", "beslut"], "avdchef.aldre"),
    ("jarva-mitt-hemtjanst", "Hemtjänst", 1, 0, ["utforande"], "chef.mittjarva"),
    ("jarva-norra-hemtjanst", "Hemtjänst", 1, 0, ["utforande"], "avdchef.aldre"),
    ("jarva-bestallare-fn", "Stöd vid funktionsnedsättning", 15, 0,
     ["handlaggning", "bemotande", "beslut"], "avdchef.aldre"),
    ("jarva-boendestod", "Stöd vid funktionsnedsättning", 4, 0, ["kontinuitet"], "avdchef.aldre"),
]  # fmt: skip

TEXTS = {
    "handlaggning": "Jag har väntat i flera månader på ett beslut och ingen hör av sig.",
    "bemotande": "Handläggaren var otrevlig i telefon och lyssnade inte på mig.",
    "tillganglighet": "Det digitala mötet fungerade inte och ingen svarar i telefonen.",
    "beslut": "Jag förstår inte beslutet och ingen har förklarat hur jag överklagar.",
    "information": "Vi anhöriga fick inte veta att kontaktpersonen hade slutat.",
    "utforande": "Min pappa fick inte sin dusch på två veckor.",
    "mat_stad": "Städningen i lägenheten blir inte gjord ordentligt.",
    "kontinuitet": "Det kommer en ny vikarie varje gång och ingen känner min son.",
}
# Some came through the open form in the residents' own languages.
WEB_TEXTS = {
    "ar": "لم يأتِ أحد في الموعد، وانتظرت والدتي طوال الصباح.",
    "so": "Qofna iima soo jawaabin in ka badan hal bil.",
    "fa": "با من با احترام رفتار نشد و کسی توضیح نداد.",
    "fi": "Äitini ei saanut apua suihkussa kahteen viikkoon.",
    "en": "Nobody answers the phone at the office during opening hours.",
}
PRAISE = "Tack för ett mycket bra samarbete kring familjen under hösten."
REPLY = "Tack för att du hörde av dig. Vi har gått igenom det som hände och ändrat våra rutiner."


def _routes(board: OrgNode) -> None:
    for area_name, code in ROUTES.items():
        area = ServiceArea.objects.filter(name=area_name).first()
        node = OrgNode.objects.filter(code=code).first()
        if area and node:
            ServiceAreaRoute.objects.get_or_create(
                board=board, service_area=area, defaults={"node": node}
            )


def _one(rng, *, board, node, area, kind, theme, received_on, handler, people, lang):
    actor = people["ledning.jarva"]
    if kind == Kind.PRAISE:
        feedback, _ = services.feedback_register(
            actor=actor, node=node, kind=kind, channel="e-post", sender_type="samarbetspartner",
            description=PRAISE, received_on=received_on, service_area=area,
        )  # fmt: skip
    elif lang != "sv":
        feedback, _ = services.feedback_submit_public(
            board=board, service_area=area, kind=kind, description=WEB_TEXTS[lang],
            language=lang, received_on=received_on,
        )  # fmt: skip
    else:
        channel = rng.choice(["telefon", "telefon", "brev", "mote", "e-post"])
        sender = rng.choice(["enskild", "enskild", "anhorig"])
        feedback, _ = services.feedback_register(
            actor=actor, node=node, kind=kind, channel=channel, sender_type=sender,
            description=TEXTS[theme], received_on=received_on, service_area=area,
            contact_phone="070-000 00 00" if rng.random() < 0.5 else "",
        )  # fmt: skip
    feedback = services.feedback_triage(
        actor=actor, feedback=feedback, version=feedback.version, node=node,
        handler=people[handler], theme=theme if kind != Kind.PRAISE else "",
    )  # fmt: skip
    return feedback


def _reply(rng, feedback: Feedback, handler: User, today: dt.date) -> None:
    late = rng.random() < 0.12
    days = rng.randint(15, 30) if late else rng.randint(2, 13)
    replied_on = min(feedback.received_on + dt.timedelta(days=days), today)
    method = "arendesida" if feedback.is_anonymous else rng.choice(["telefon", "brev", "mote"])
    feedback = services.feedback_investigate(
        actor=handler, feedback=feedback, version=feedback.version,
        investigation="Vi har talat med berörd personal och gått igenom dokumentationen.",
    )  # fmt: skip
    feedback = services.feedback_reply(
        actor=handler, feedback=feedback, version=feedback.version, replied_on=replied_on,
        reply_method=method, reply_text=REPLY,
    )  # fmt: skip
    services.feedback_close(actor=handler, feedback=feedback, version=feedback.version)


def seed() -> str:
    board = OrgNode.objects.filter(code="jarva").first()
    if board is None:
        return "feedback: no Järva in the demo organisation; nothing added."
    _routes(board)
    if Feedback.objects.filter(board=board, receipt_year=2025).exists():
        return "feedback: the demo feedback was already there; nothing changed."
    rng = random.Random(4)
    people = {u.username: u for u in User.objects.filter(username__contains=".")}
    nodes = {n.code: n for n in OrgNode.objects.filter(code__startswith="jarva")}
    areas = {a.name: a for a in ServiceArea.objects.all()}
    today = timezone.localdate()
    langs = ["sv"] * 7 + list(WEB_TEXTS)
    created = 0
    for code, area_name, count, praise, themes, handler in VOLUMES:
        for i in range(count):
            kind = Kind.PRAISE if i < praise else Kind.COMPLAINT
            received_on = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randint(0, 350))
            feedback = _one(
                rng, board=board, node=nodes[code], area=areas.get(area_name), kind=kind,
                theme=rng.choice(themes), received_on=received_on, handler=handler,
                people=people, lang=rng.choice(langs) if kind == Kind.COMPLAINT else "sv",
            )  # fmt: skip
            _reply(rng, feedback, people[handler], today)
            created += 1
    # A few still open in the current year, one of them past its reply date.
    open_items = [
        ("jarva-rinkeby-vob", "Äldreboende", "utforande", 20, "ar"),
        ("jarva-mitt-hemtjanst", "Hemtjänst", "utforande", 3, "sv"),
        ("jarva-ekb-mottagning", "Ekonomiskt bistånd", "tillganglighet", 6, "so"),
        ("jarva-bestallare-fn", "Stöd vid funktionsnedsättning", "handlaggning", 1, "sv"),
    ]
    handlers = {"jarva-rinkeby-vob": "chef.rinkeby", "jarva-mitt-hemtjanst": "chef.mittjarva"}
    for code, area_name, theme, days_ago, lang in open_items:
        received_on = max(today - dt.timedelta(days=days_ago), dt.date(today.year, 1, 1))
        _one(
            rng, board=board, node=nodes[code], area=areas.get(area_name), kind=Kind.COMPLAINT,
            theme=theme, received_on=received_on, handler=handlers.get(code, "ledning.jarva"),
            people=people, lang=lang,
        )  # fmt: skip
        created += 1
    # One fresh from the open form, not yet triaged: it waits at the board.
    services.feedback_submit_public(
        board=board, service_area=areas.get("Annat"), kind=Kind.SUGGESTION,
        description="Det vore bra med information på somaliska i väntrummet.", language="sv",
    )  # fmt: skip
    created += 1
    opened = Feedback.objects.filter(board=board, status__in=Status.open_values()).count()
    return f"feedback: {created} item(s) created for Järva ({opened} open)."
