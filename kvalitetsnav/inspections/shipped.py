"""The quality areas and checklist templates that ship with Kvalitetsnav.

Written for this product from the Socialtjänstlagen (SoL), SOSFS 2011:9, SOSFS 2014:5 and
the reviews described in the seeds; loaded by a data migration and, where a flushed test
database lost them, by :func:`install`. Each template is a published version 1.
"""

from __future__ import annotations

from typing import Any

QUALITY_AREAS: tuple[tuple[str, str], ...] = (
    ("trygghet-sakerhet", "Trygghet och säkerhet"),
    ("sjalvbestammande-integritet", "Självbestämmande och integritet"),
    ("tillganglighet", "Tillgänglighet"),
    ("helhetssyn-samordning", "Helhetssyn och samordning"),
    ("kunskapsbaserad", "Kunskapsbaserad verksamhet"),
    ("effektivitet", "Effektivitet"),
)

T, S, TI, H, K, E = (
    "trygghet-sakerhet",
    "sjalvbestammande-integritet",
    "tillganglighet",
    "helhetssyn-samordning",
    "kunskapsbaserad",
    "effektivitet",
)
NO_PARTLY = ["nej", "delvis"]


def q(
    text: str,
    areas: list[str],
    rule: str = "",
    *,
    kind: str = "val",
    reason_for: list[str] | None = None,
    help_text: str = "",
) -> dict[str, Any]:
    """One question; a fixed-answer question needs a reason for nej and delvis by default."""
    if reason_for is None:
        reason_for = NO_PARTLY if kind == "val" else []
    return {
        "text": text,
        "areas": areas,
        "rule": rule,
        "kind": kind,
        "reason_for": reason_for,
        "help": help_text,
    }


TEMPLATES: tuple[dict[str, Any], ...] = (
    {
        "key": "orosanmalningar-barn",
        "name": "Hantering av orosanmälningar om barn",
        "purpose": "egenkontroll",
        "description": (
            "Granska ett antal orosanmälningar från den senaste perioden: att de hanteras "
            "rättssäkert, dokumenteras, skyddsbedöms i tid och att barnet och båda "
            "vårdnadshavarna görs delaktiga."
        ),
        "sections": (
            (
                "Rättssäkerhet",
                (
                    q(
                        "Är anmälan registrerad samma dag som den kom in?",
                        [T, E],
                        "SoL 11 kap. 1 a §; SOSFS 2014:5",
                    ),
                    q(
                        "Är förhandsbedömningen klar inom 14 dagar från att anmälan kom in?",
                        [T, E],
                        "SoL 11 kap. 1 a §",
                    ),
                    q(
                        "Är beslutet att inleda eller inte inleda utredning motiverat?",
                        [T, K],
                        "SoL 11 kap. 1 §",
                    ),
                ),
            ),
            (
                "Skyddsbedömning",
                (
                    q(
                        "Är en omedelbar skyddsbedömning gjord och dokumenterad samma dag?",
                        [T],
                        "SoL 11 kap. 1 a §",
                    ),
                    q(
                        "Framgår det vad bedömningen grundar sig på och vem som gjorde den?",
                        [T, K],
                        "SOSFS 2014:5",
                    ),
                ),
            ),
            (
                "Dokumentation",
                (
                    q(
                        "Är anmälarens uppgifter och oron återgivna korrekt i journalen?",
                        [T, K],
                        "SOSFS 2014:5",
                    ),
                    q(
                        "Är motiveringen dokumenterad när polisanmälan inte görs?",
                        [T, K],
                    ),
                ),
            ),
            (
                "Barnets delaktighet",
                (
                    q(
                        "Har barnet fått komma till tals, eller är det dokumenterat varför inte?",
                        [S],
                        "SoL 11 kap. 10 §",
                    ),
                    q(
                        "Har barnet fått information anpassad efter ålder och mognad?",
                        [S, TI],
                        "SoL 11 kap. 10 §",
                    ),
                ),
            ),
            (
                "Kontakt med vårdnadshavarna",
                (
                    q(
                        "Har båda vårdnadshavarna kontaktats, eller är det motiverat varför inte?",
                        [H, S],
                        "FB 6 kap. 13 §",
                        help_text="Egenkontrollerna visar att pappor kontaktas mer sällan.",
                    ),
                    q(
                        "Har vårdnadshavarna fått veta vad anmälan gäller och vad som händer nu?",
                        [S, TI],
                    ),
                ),
            ),
        ),
    },
    {
        "key": "aktgranskning-barn-0-12",
        "name": "Aktgranskning barn 0–12 år",
        "purpose": "aktgranskning",
        "description": (
            "Granskningsprotokoll för ett slumpvis utvalt barnärende, byggt på "
            "socialtjänstinspektörernas granskningsmodell med de sex kvalitetsområdena. "
            "Ett protokoll per ärende; ange ärendet bara med sin kodade referens."
        ),
        "sections": (
            (
                "Förhandsbedömning och skydd",
                (
                    q(
                        "Är förhandsbedömning och skyddsbedömning gjorda enligt lag?",
                        [T],
                        "SoL 11 kap. 1 a §",
                    ),
                    q(
                        "Har tidigare anmälningar och utredningar vägts in i bedömningen?",
                        [T, H],
                    ),
                ),
            ),
            (
                "Utredning",
                (
                    q(
                        "Är utredningen klar inom fyra månader, eller är förlängningen beslutad?",
                        [E, T],
                        "SoL 11 kap. 2 §",
                    ),
                    q(
                        "Finns barnets skolsituation med i analysen som risk- eller skyddsfaktor?",
                        [H, K],
                    ),
                    q(
                        "Är det dokumenterat hur familjen motiverats att ta emot stöd?",
                        [K, T],
                        help_text="Gäller särskilt ärenden med allvarlig oro där vårdnadshavarna "
                        "inte vill ta emot hjälp.",
                    ),
                ),
            ),
            (
                "Barnets delaktighet",
                (
                    q(
                        "Har barnet fått uttrycka sin åsikt om det utredningen gäller?",
                        [S],
                        "SoL 11 kap. 10 §",
                    ),
                    q(
                        "Har handläggaren talat med barnet om insatsens innehåll och utformning?",
                        [S],
                    ),
                    q(
                        "Har barnet fått återkoppling om beslutet?",
                        [S, TI],
                    ),
                ),
            ),
            (
                "Samordning och uppföljning",
                (
                    q(
                        "Finns intern samverkan när familjen har flera kontakter i socialtjänsten?",
                        [H],
                    ),
                    q(
                        "Har en samordnad individuell plan (SIP) erbjudits där den behövs?",
                        [H],
                        "SoL 2 kap. 7 §",
                    ),
                    q(
                        "Följs beviljade insatser upp?",
                        [K, E],
                        "SOSFS 2014:5",
                    ),
                ),
            ),
        ),
    },
    {
        "key": "social-dokumentation-hemtjanst",
        "name": "Social dokumentation i hemtjänsten",
        "purpose": "egenkontroll",
        "description": (
            "Granska genomförandeplaner och journalanteckningar för ett urval brukare: att "
            "planen finns och är godkänd i tid, att målen är mätbara och att anteckningarna "
            "stämmer med planen."
        ),
        "sections": (
            (
                "Genomförandeplan",
                (
                    q(
                        "Är genomförandeplanen upprättad inom tre veckor från insatsens start?",
                        [T, E],
                        "SOSFS 2014:5; lokal riktlinje",
                    ),
                    q(
                        "Är planen godkänd av den enskilda, och är det dokumenterat?",
                        [S],
                        "SOSFS 2014:5",
                    ),
                    q(
                        "Är målen formulerade så att det går att följa upp om de nås?",
                        [K, S],
                    ),
                    q(
                        "Är planen följd upp minst var sjätte månad eller vid ändrat behov?",
                        [K, E],
                    ),
                ),
            ),
            (
                "Journalanteckningar",
                (
                    q(
                        "Stämmer journalanteckningarna med det som står i genomförandeplanen?",
                        [H, K],
                    ),
                    q(
                        "Är anteckningarna sakliga, respektfulla och utan onödiga uppgifter?",
                        [S],
                        "SoL 11 kap. 5 §",
                    ),
                    q(
                        "Hur många anteckningar saknades under den granskade månaden?",
                        [E],
                        kind="tal",
                    ),
                ),
            ),
        ),
    },
    {
        "key": "valfardsbrott",
        "name": "Kontroll mot välfärdsbrott",
        "purpose": "egenkontroll",
        "description": (
            "Stickprov på tidrapporter och fakturor, och en kontroll av att checklistan för "
            "direktupphandling används när privata utförare anlitas."
        ),
        "sections": (
            (
                "Tidrapporter",
                (
                    q(
                        "Stämmer rapporterad tid med planerade och utförda besök i stickprovet?",
                        [E, T],
                    ),
                    q(
                        "Är avvikelser mellan beviljad och utförd tid förklarade?",
                        [E],
                    ),
                ),
            ),
            (
                "Fakturor",
                (
                    q(
                        "Motsvarar fakturerade insatser det som är beställt och utfört?",
                        [E],
                    ),
                    q(
                        "Är fakturan attesterad av någon annan än den som beställde?",
                        [E, T],
                        "Stadens attestreglemente",
                    ),
                ),
            ),
            (
                "Direktupphandling",
                (
                    q(
                        "Är checklistan för direktupphandling ifylld för varje ny utförare?",
                        [E, K],
                        "LOU 19 kap.; stadens checklista för direktupphandling",
                    ),
                    q(
                        "Är utförarens tillstånd hos IVO och F-skattsedel kontrollerade?",
                        [T, E],
                    ),
                    q(
                        "Har kända brister hos utföraren delats med övriga enheter?",
                        [H],
                    ),
                ),
            ),
        ),
    },
    {
        "key": "tillitsundersokning",
        "name": "Tillitsundersökning per telefon",
        "purpose": "brukarundersokning",
        "description": (
            "Telefonintervju med vårdnadshavare och ungdomar efter kontakt med "
            "socialtjänsten. Ett formulär per intervju; inga namn i svaren."
        ),
        "sections": (
            (
                "Bemötande",
                (
                    q(
                        "Hur upplevde du bemötandet från socialtjänsten?",
                        [S],
                        kind="skala",
                        reason_for=["1", "2"],
                        help_text="1 = mycket dåligt, 5 = mycket bra.",
                    ),
                    q("Kände du dig lyssnad på?", [S], reason_for=[]),
                ),
            ),
            (
                "Information",
                (
                    q(
                        "Fick du information om vilket stöd som finns?",
                        [TI],
                        reason_for=[],
                    ),
                    q(
                        "Hur lätt var det att komma i kontakt med din handläggare?",
                        [TI],
                        kind="skala",
                        reason_for=["1", "2"],
                        help_text="1 = mycket svårt, 5 = mycket lätt.",
                    ),
                    q("Vad skulle vi kunna göra bättre?", [S, TI], kind="fritext"),
                ),
            ),
        ),
    },
)


def install(apps=None) -> list[Any]:
    """Create the quality areas and shipped templates that are missing; return the templates.

    ``apps`` is a migration's app registry, or None for the live models.
    """
    if apps is None:
        from django.apps import apps as live_apps

        apps = live_apps
    QualityArea = apps.get_model("inspections", "QualityArea")
    Template = apps.get_model("inspections", "Template")
    TemplateVersion = apps.get_model("inspections", "TemplateVersion")
    Section = apps.get_model("inspections", "Section")
    Question = apps.get_model("inspections", "Question")
    areas = {}
    for position, (slug, name) in enumerate(QUALITY_AREAS):
        areas[slug], _created = QualityArea.objects.get_or_create(
            slug=slug, defaults={"name": name, "position": position}
        )
    templates = []
    for spec in TEMPLATES:
        template = Template.objects.filter(shipped_key=spec["key"]).first()
        if template is None:
            template = Template.objects.create(
                name=spec["name"],
                purpose=spec["purpose"],
                description=spec["description"],
                shipped_key=spec["key"],
            )
            version = TemplateVersion.objects.create(template=template, number=1, published=True)
            for s_pos, (title, questions) in enumerate(spec["sections"]):
                section = Section.objects.create(version=version, title=title, position=s_pos)
                for q_pos, item in enumerate(questions):
                    question = Question.objects.create(
                        section=section,
                        text=item["text"],
                        help_text=item["help"],
                        answer_type=item["kind"],
                        rule_cited=item["rule"],
                        reason_required_for=item["reason_for"],
                        position=q_pos,
                    )
                    question.quality_areas.set([areas[a] for a in item["areas"]])
        templates.append(template)
    return templates
