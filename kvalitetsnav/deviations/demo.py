"""Demo deviations: Järva's year 2025 at the volumes of its quality report, and a few open now.

The year 2025 (about 130 closed or nearly closed cases) is written in bulk with its
own dates, and every record gets its audit entry; the handful of current cases go
through the services, as a user would create them. Idempotent: a board-year that
already has deviations is left alone. All texts are fictional.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.utils import timezone

from kvalitetsnav.accounts.models import User
from kvalitetsnav.core import audit
from kvalitetsnav.core.models import OrgNode

from . import services
from .models import Category, ContributingFactor, Deviation, DeviationCounter, DeviationStatus
from .shipped import ensure_shipped

YEAR = 2025


@dataclass(frozen=True)
class Story:
    description: str
    immediate: str
    why: str
    feedback: str
    factors: tuple[str, ...]


STORIES: dict[str, list[Story]] = {
    "Fall": [
        Story(
            "Brukaren hittades sittande på golvet i badrummet på morgonen.",
            "Kontrollerade skador, hjälpte upp med lyft och kontaktade sjuksköterskan.",
            "Larmknappen låg på nattduksbordet; rutinen att sätta den på armen följdes inte "
            "när personalen var en färre än schemat.",
            "Tack för rapporten. Vi har gått igenom larmrutinen på APT och ser över "
            "bemanningen nattetid.",
            ("bemanning", "rutiner"),
        ),
        Story(
            "Brukaren föll i hallen på väg till toaletten under natten.",
            "Hjälpte brukaren upp, ingen synlig skada. Meddelade sjuksköterskan.",
            "Nattbelysningen i hallen var trasig sedan en vecka och felanmälan hade inte gjorts.",
            "Belysningen är lagad och felanmälan ingår nu i kvällens checklista.",
            ("miljo", "utrustning"),
        ),
    ],
    "Läkemedel": [
        Story(
            "Kvällsdosen låg kvar i dosettasken vid nattens tillsyn.",
            "Kontaktade sjuksköterskan som bedömde att dosen kunde ges.",
            "Överlämningen mellan kvälls- och nattpersonal saknade punkt om läkemedel.",
            "Överlämningsmallen har fått en punkt om läkemedel. Tack för att du rapporterade.",
            ("kommunikation", "rutiner"),
        ),
        Story(
            "Signeringslistan saknade signatur för lunchdosen.",
            "Frågade kollegan, som hade gett dosen men glömt signera. Meddelade sjuksköterskan.",
            "Signeringen görs i ett annat rum än där läkemedlen ges.",
            "Signeringslistorna flyttas till läkemedelsskåpet på varje avdelning.",
            ("rutiner", "miljo"),
        ),
    ],
    "Bemötande": [
        Story(
            "Anhörig upplevde att personalen talade över huvudet på brukaren vid måltiden.",
            "Bad om ursäkt till anhörig och brukare och meddelade enhetschefen.",
            "Måltiderna är stressade när flera brukare behöver hjälp samtidigt.",
            "Vi planerar om måltiderna och tar upp bemötandet i arbetsgruppen.",
            ("bemanning", "kompetens"),
        ),
        Story(
            "Brukaren uttryckte att hen blev tillsagd i hård ton vid morgonhygienen.",
            "Pratade med brukaren och bytte personal för resten av passet.",
            "Ny personal hade inte fått introduktion i brukarens genomförandeplan.",
            "Introduktionen omfattar nu genomförandeplanerna. Tack för att du sa till.",
            ("kompetens", "organisation"),
        ),
    ],
    "Dokumentation": [
        Story(
            "Social dokumentation saknades för tre dagar efter en helg.",
            "Dokumenterade det som gick att rekonstruera och meddelade enhetschefen.",
            "Helgpersonalen saknade inloggning till verksamhetssystemet.",
            "Behörigheter beställs nu i samband med schemaläggningen.",
            ("organisation", "utrustning"),
        ),
    ],
    "Genomförande av insats": [
        Story(
            "Dusch enligt genomförandeplanen blev inte av på grund av tidsbrist.",
            "Erbjöd dusch nästa dag och informerade brukaren.",
            "Planeringen tog inte hänsyn till att två medarbetare var sjuka.",
            "Vi har en ny rutin för omplanering vid frånvaro. Tack för rapporten.",
            ("bemanning", "rutiner"),
        ),
        Story(
            "Genomförandeplanen stämde inte med de insatser som beviljats.",
            "Följde beslutet och kontaktade handläggaren.",
            "Planen hade inte uppdaterats efter det nya beslutet.",
            "Planerna stäms nu av mot besluten var tredje månad.",
            ("rutiner", "kommunikation"),
        ),
        Story(
            "Brukaren hade ingen mat hemma vid lunchbesöket.",
            "Köpte lunch i närbutiken enligt rutin och meddelade anhörig.",
            "Inköpen gjordes av anhörig som var bortrest; ingen hade fått veta det.",
            "Vi har kommit överens med anhöriga om att meddela oss i förväg.",
            ("kommunikation", "den-enskildes-tillstand"),
        ),
    ],
    "Hot och våld": [
        Story(
            "En besökare i receptionen blev hotfull när utbetalningen dröjde.",
            "Avbröt samtalet, larmade väktare och stannade inte ensam med besökaren.",
            "Receptionen saknar skyddad plats och larmet är svårt att nå.",
            "Larmet flyttas och väktare finns på plats vid utbetalningsdagar.",
            ("miljo", "organisation"),
        ),
    ],
    "Otillåten påverkan": [
        Story(
            "En sökande försökte få handläggaren att ändra ett beslut genom att visa att "
            "hen visste var handläggaren bodde.",
            "Avslutade samtalet och informerade chefen samma dag.",
            "Handläggarens namn och bostadsort gick att hitta på nätet.",
            "Ärendet har fått en annan handläggare och vi erbjuder skydd av personuppgifter.",
            ("organisation",),
        ),
    ],
    "Välfärdsbrott": [
        Story(
            "Uppgifter i en ansökan om placering stämde inte med tidigare utredning.",
            "Pausade handläggningen och kontaktade uppdragsgivaren.",
            "Kontrollen av uppgifter vid placering görs inte likadant av alla.",
            "En gemensam checklista för kontroll av uppgifter har införts.",
            ("rutiner",),
        ),
    ],
    "Handläggning och rättssäkerhet": [
        Story(
            "Beslut fattades utan att den enskilde fått ta del av utredningen.",
            "Kommunicerade utredningen i efterhand och erbjöd omprövning.",
            "Mallen för utredning saknade steget kommunicering.",
            "Mallen är uppdaterad. Tack för att du uppmärksammade det.",
            ("rutiner",),
        ),
        Story(
            "Den enskilde fick inte information om hur man överklagar.",
            "Skickade information om överklagande per post.",
            "Beslutsbrevet hade en gammal mall utan överklagandehänvisning.",
            "Gamla mallar är borttagna ur systemet.",
            ("utrustning", "rutiner"),
        ),
    ],
    "Handläggningstid": [
        Story(
            "Ansökan om hemtjänst har väntat över fyra veckor på beslut.",
            "Kontaktade den sökande och prioriterade ärendet.",
            "Två handläggartjänster var vakanta under sommaren.",
            "Vi har tillsatt tjänsterna och följer handläggningstiderna varje vecka.",
            ("bemanning",),
        ),
    ],
    "Tillgänglighet": [
        Story(
            "Brukaren fick vänta över en timme på hjälp efter att ha larmat.",
            "Besökte brukaren så snart som möjligt och bad om ursäkt.",
            "Larmet kom när alla var upptagna på andra besök; ingen reserv fanns.",
            "Vi har infört en larmansvarig per pass. Tack för rapporten.",
            ("bemanning", "organisation"),
        ),
        Story(
            "Anhöriga fick ingen information om att besöket flyttades.",
            "Ringde anhöriga och förklarade.",
            "Schemaändringar meddelades bara inom arbetsgruppen.",
            "Anhöriga får nu sms vid ändrad besökstid.",
            ("kommunikation",),
        ),
    ],
    "Sekretess": [
        Story(
            "Ett brev till en brukare lades i fel brevlåda.",
            "Hämtade tillbaka brevet och informerade brukaren.",
            "Brevlådorna i huset saknar tydlig märkning.",
            "Vi har märkt brevlådorna och lämnar post personligen.",
            ("miljo",),
        ),
    ],
    "Samverkan": [
        Story(
            "Anhörig släppte inte in hemtjänsten för att utföra insatsen.",
            "Ringde brukaren och anhörig och dokumenterade.",
            "Det saknades en överenskommelse med anhöriga om insatserna.",
            "Vi har haft ett möte med familjen och gjort en ny plan.",
            ("kommunikation", "den-enskildes-tillstand"),
        ),
        Story(
            "Vårdcentralen fick inte besked om att brukaren kommit hem från sjukhuset.",
            "Kontaktade vårdcentralen samma dag.",
            "Rutinen för utskrivning från sjukhus var inte känd av alla.",
            "Rutinen har gåtts igenom på APT.",
            ("rutiner", "kommunikation"),
        ),
    ],
    "IT och telefoni": [
        Story(
            "Tjänstetelefonen gick inte att låsa upp och larm kunde inte tas emot.",
            "Lånade kollegans telefon och meddelade IT-support.",
            "Telefonerna hade inte fått den senaste uppdateringen.",
            "Telefonerna uppdateras nu centralt varje månad.",
            ("utrustning",),
        ),
    ],
    "Ekonomi och administration": [
        Story(
            "Brukarens kvitton för inköp saknades vid avstämningen.",
            "Stämde av med brukaren och dokumenterade.",
            "Det fanns ingen fast plats för kvitton.",
            "Varje brukare har nu ett eget kuvert för kvitton.",
            ("rutiner",),
        ),
    ],
    "Övrigt": [
        Story(
            "Elbilarna gick inte att ladda och två besök blev försenade.",
            "Tog kommunala cyklar och meddelade brukarna om förseningen.",
            "Laddplatserna räcker inte för hela bilparken.",
            "Fler laddplatser är beställda. Tack för att du rapporterade.",
            ("utrustning", "organisation"),
        ),
    ],
}

# (unit code, [(category, count), ...]) for 2025, after Järva's quality report 2025.
VOLUMES: list[tuple[str, list[tuple[str, int]]]] = [
    ("jarva-familjehemsvard", [("Välfärdsbrott", 3)]),
    ("jarva-ekb-mottagning", [("Hot och våld", 5), ("Otillåten påverkan", 3)]),
    ("jarva-kista-vob", [("Bemötande", 1), ("Ekonomi och administration", 1),
                         ("Genomförande av insats", 1)]),
    ("jarva-rinkeby-vob", [("Genomförande av insats", 8), ("Bemötande", 5),
                           ("Dokumentation", 5), ("IT och telefoni", 3), ("Samverkan", 3),
                           ("Sekretess", 2)]),
    ("jarva-kista-servicehus", [("Genomförande av insats", 9), ("Fall", 6),
                                ("Dokumentation", 4)]),
    ("jarva-bestallare-aldre", [("Handläggning och rättssäkerhet", 16),
                                ("Tillgänglighet", 10), ("Handläggningstid", 12)]),
    ("jarva-mitt-hemtjanst", [("Tillgänglighet", 3), ("Samverkan", 2), ("Övrigt", 2)]),
    ("jarva-norra-hemtjanst", [("Genomförande av insats", 2), ("Samverkan", 2),
                               ("Övrigt", 2)]),
    ("jarva-sodra-hemtjanst", [("Tillgänglighet", 2), ("Bemötande", 2), ("Övrigt", 1)]),
    ("jarva-bestallare-fn", [("Handläggningstid", 3)]),
    ("skarholmen-hemtjanst", [("Fall", 3), ("Läkemedel", 2), ("Tillgänglighet", 2)]),
    ("skarholmen-bredang-vob", [("Fall", 4), ("Läkemedel", 3)]),
]  # fmt: skip

# Who reports and who handles: the unit's own people where the demo has them.
REPORTER = {
    "jarva-rinkeby-vob": "personal.rinkeby",
    "jarva-mitt-hemtjanst": "personal.mittjarva",
    "skarholmen-hemtjanst": "chef.skarholmen",
    "skarholmen-bredang-vob": "chef.skarholmen",
}
HANDLER = {
    "jarva-rinkeby-vob": "chef.rinkeby",
    "jarva-mitt-hemtjanst": "chef.mittjarva",
    "jarva-familjehemsvard": "ledning.jarva",
    "jarva-ekb-mottagning": "ledning.jarva",
    "skarholmen-hemtjanst": "chef.skarholmen",
    "skarholmen-bredang-vob": "chef.skarholmen",
}
DEFAULT_HANDLER = "avdchef.aldre"
# Skärholmen's demo has no department head: its hemtjänst manager reports for Bredäng too.


def _aware(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _seed_year(nodes, people, categories, factors) -> int:
    """The closed year 2025, in bulk; one audit entry per deviation."""
    rng = random.Random(YEAR)
    rows: list[tuple[Deviation, Story]] = []
    for code, counts in VOLUMES:
        node = nodes[code]
        handler = people[HANDLER.get(code, DEFAULT_HANDLER)]
        reporter = people[REPORTER.get(code, HANDLER.get(code, DEFAULT_HANDLER))]
        for category_name, count in counts:
            for _ in range(count):
                story = rng.choice(STORIES[category_name])
                occurred = _aware(
                    dt.date(YEAR, 1, 1) + dt.timedelta(days=rng.randrange(0, 350)),
                    rng.randrange(6, 23),
                    rng.choice((0, 15, 30, 45)),
                )
                still_open = occurred.month == 12 and rng.random() < 0.6
                analysed = occurred + dt.timedelta(days=rng.randrange(3, 12))
                answered = analysed + dt.timedelta(days=rng.randrange(1, 5))
                deviation = Deviation(
                    node=node,
                    reported_by=reporter,
                    occurred_at=occurred,
                    category=categories[category_name],
                    description=story.description,
                    immediate_action=story.immediate,
                    person_ref=f"B-{rng.randrange(1000, 9999)}" if rng.random() < 0.5 else "",
                    handler=handler,
                    investigation_started_at=occurred + dt.timedelta(days=1),
                    analysis_what=story.description,
                    analysis_why=story.why,
                    analysis_recorded_at=analysed,
                    analysis_by=handler,
                    feedback_to_reporter=story.feedback,
                    feedback_given_at=answered,
                    feedback_by=handler,
                    feedback_read_at=answered + dt.timedelta(days=1),
                )
                if still_open:
                    deviation.status = DeviationStatus.REMEDIED
                    deviation.remedied_at = answered
                else:
                    deviation.status = DeviationStatus.CLOSED
                    deviation.remedied_at = answered
                    deviation.closed_at = answered + dt.timedelta(days=rng.randrange(1, 20))
                    deviation.closed_by = handler
                rows.append((deviation, story))
    rows.sort(key=lambda row: row[0].occurred_at)
    numbers: dict[str, int] = {}
    boards = {code: nodes[code].board() for code, _ in VOLUMES}
    for deviation, _story in rows:
        board = boards[deviation.node.code]
        numbers[board.code] = numbers.get(board.code, 0) + 1
        deviation.board = board
        deviation.number = f"{services.NUMBER_PREFIX}-{YEAR}-{numbers[board.code]:04d}"
    Deviation.objects.bulk_create([d for d, _ in rows])
    through = Deviation.factors.through
    through.objects.bulk_create(
        [
            through(deviation_id=d.pk, contributingfactor_id=factors[code].pk)
            for d, story in rows
            for code in story.factors
        ]
    )
    for board in {b.pk: b for b in boards.values()}.values():
        DeviationCounter.objects.update_or_create(
            board=board, year=YEAR, defaults={"last_number": numbers[board.code]}
        )
    for deviation, _story in rows:
        audit.record_create(deviation.reported_by, deviation)
    return len(rows)


def _seed_now(nodes, people, categories) -> int:
    """A few current cases for Mina uppgifter, through the services."""
    now = timezone.now()
    fall, meds, avail = categories["Fall"], categories["Läkemedel"], categories["Tillgänglighet"]
    rinkeby, mitt = people["personal.rinkeby"], people["personal.mittjarva"]
    made = [
        services.deviation_report(
            actor=rinkeby, category=fall, occurred_at=now - dt.timedelta(days=2, hours=3),
            description="Brukaren gled ur rullstolen vid förflyttning till sängen.",
            immediate_action="Larmade kollega, hjälpte upp med lyft och ringde sjuksköterskan.",
            person_ref="B-2231",
        ),
        services.deviation_report(
            actor=rinkeby, category=meds, occurred_at=now - dt.timedelta(hours=20),
            description="Morgondosen fanns inte i läkemedelsskåpet.",
            immediate_action="Kontaktade sjuksköterskan som beställde från apoteket.",
        ),
        services.deviation_report(
            actor=mitt, category=avail, occurred_at=now - dt.timedelta(days=9),
            description="Brukaren väntade 70 minuter på hjälp efter trygghetslarm.",
            immediate_action="Åkte direkt efter pågående besök och bad om ursäkt.",
        ),
        services.deviation_report(
            actor=mitt, category=categories["Övrigt"], occurred_at=now - dt.timedelta(days=5),
            description="Två elbilar var urladdade på morgonen och besöken blev sena.",
            immediate_action="Ringde brukarna och tog cykel till de närmaste besöken.",
        ),
    ]  # fmt: skip
    chef = people["chef.mittjarva"]
    handled = services.deviation_record_analysis(
        actor=chef, deviation=made[2], version=made[2].version,
        analysis_what="Larmet kom under ett dubbelbemannat besök på andra sidan området.",
        analysis_why="Ingen var utsedd att ta larm under förmiddagen när alla hade besök.",
        factors=ContributingFactor.objects.filter(code__in=["bemanning", "organisation"]),
    )  # fmt: skip
    services.deviation_give_feedback(
        actor=chef, deviation=handled, version=handled.version,
        feedback="Tack för rapporten! Från måndag har vi en larmansvarig per pass.",
    )  # fmt: skip
    services.deviation_start_investigation(
        actor=people["chef.rinkeby"], deviation=made[0], version=made[0].version
    )
    return len(made)


def seed() -> str:
    nodes = {n.code: n for n in OrgNode.objects.filter(code__in=[c for c, _ in VOLUMES])}
    missing = {c for c, _ in VOLUMES} - set(nodes)
    usernames = set(REPORTER.values()) | set(HANDLER.values()) | {DEFAULT_HANDLER}
    people = {u.username: u for u in User.objects.filter(username__in=usernames)}
    if missing or usernames - set(people):
        return "Deviations: the demo organisation is incomplete; no deviations added."
    ensure_shipped()
    categories = {c.name: c for c in Category.objects.all()}
    factors = {f.code: f for f in ContributingFactor.objects.all()}
    year_count = current = 0
    if not Deviation.objects.filter(occurred_at__year=YEAR, node__in=nodes.values()).exists():
        year_count = _seed_year(nodes, people, categories, factors)
    this_year = timezone.localdate().year
    if not Deviation.objects.filter(
        occurred_at__year=this_year, reported_by__username="personal.rinkeby"
    ).exists():
        current = _seed_now(nodes, people, categories)
    return f"Deviations: {year_count} for {YEAR} and {current} current added."
