"""Demo data for the management system: Järva's processes and routines (seed 004).

Written for the demo; fictional people only. Built through the services, idempotent.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from kvalitetsnav.access.roles import Role
from kvalitetsnav.accounts import services as account_services
from kvalitetsnav.accounts.models import RoleAssignment, User
from kvalitetsnav.accounts.validators import DEMO_PASSWORD
from kvalitetsnav.core.models import OrgNode

from . import services
from .models import Activity, Process, ReadRequest, Routine

PROCESSES = [
    (
        "Handläggning",
        "Från ansökan eller anmälan till beslut.",
        ["Ta emot ansökan eller anmälan", "Utreda", "Besluta", "Beställa insats"],
    ),
    (
        "Genomförande",
        "Insatsen ges enligt beslut och genomförandeplan.",
        ["Planera insatsen", "Upprätta genomförandeplan", "Ge insatsen", "Dokumentera"],
    ),
    (
        "Uppföljning",
        "Följ upp att insatsen ger det stöd som avsågs.",
        ["Följa upp genomförandeplan", "Följa upp beslut", "Egenkontroll"],
    ),
    (
        "Ledning och stöd",
        "Det som gör att verksamheten kan bedrivas med god kvalitet.",
        ["Kompetensförsörjning", "Avvikelser och lex Sarah", "Risk och säkerhet"],
    ),
]

GLANTAN_STAFF = [
    ("chef.glantan", "Sara", "Lind", Role.ENHETSCHEF),
    ("personal.glantan1", "Jonas", "Åkesson", Role.MEDARBETARE),
    ("personal.glantan2", "Leila", "Mansour", Role.MEDARBETARE),
    ("personal.glantan3", "Oskar", "Nyberg", Role.MEDARBETARE),
    ("personal.glantan4", "Hanna", "Ek", Role.MEDARBETARE),
]


@dataclass(frozen=True)
class RoutineSpec:
    title: str
    kind: str
    owner: str
    approver: str
    nodes: tuple[str, ...]
    activities: tuple[str, ...]
    versions: tuple[tuple[str, str], ...]  # (text, change note) per approved version
    approved_days_ago: int = 30
    draft: tuple[str, str] | None = None  # an open draft after the approved versions
    confirmed: tuple[str, ...] = field(default_factory=tuple)


NYANSTALLNING = """## Syfte
Att varje ny medarbetare är lämplig, introducerad och vet hur arbetet ska utföras.

## Före första arbetsdagen
1. Begär in utdrag ur belastningsregistret. Ett digitalt utdrag **äkthetskontrolleras**.
2. Spara en kopia av utdraget i personakten.
3. Boka introduktion med en erfaren kollega.

## Första veckan
- Gå igenom rutinerna för avvikelser, lex Sarah och tystnadsplikt.
- Gå igenom nyckelhantering och larm.
"""

ORO = """## Syfte
Att en orosanmälan om ett barn tas emot och bedöms samma dag.

## Så här gör du
- Registrera anmälan i verksamhetssystemet samma dag som den kommer in.
- Gör en **skyddsbedömning** direkt och dokumentera den.
- Post med orosanmälningar öppnas och registreras varje arbetsdag.
- Ta ställning till om utredning ska inledas inom 14 dagar.
"""

EJ_VERKSTALLDA = """## Syfte
Att beslut som inte verkställts inom tre månader följs upp och rapporteras.

## Ansvar
| Vem | Gör vad |
|---|---|
| Handläggare | Bevakar verkställighet av varje gynnande beslut |
| Enhetschef | Sammanställer ej verkställda beslut varje kvartal |
| Kvalitetsutvecklare | Rapporterar till IVO och nämnden |

## Behovsprövning
Bevilja insatsen när behovet är aktuellt. Om behovet ännu inte finns, informera om
möjligheten att ansöka senare.
"""

LAKEMEDEL = """## Syfte
Säker läkemedelshantering där hemsjukvård eller boende ger läkemedel.

## Så här gör du
- Ge bara läkemedel om du har en giltig **delegering**.
- Signera varje given dos i signeringslistan direkt.
- Om en dos inte ges: kontakta sjuksköterskan och skriv en avvikelse.
- Förvara läkemedel inlåsta.
"""
LAKEMEDEL_2 = (
    LAKEMEDEL
    + """- Delegeringen följs upp av sjuksköterskan minst en gång per år.
"""
)

FALL = """## Syfte
Att förebygga fall och fallskador.

## Så här gör du
- Gör en riskbedömning för fall vid inflyttning och när hälsan förändras.
- Se över läkemedel som ökar fallrisken tillsammans med sjuksköterskan.
- Efter ett fall: kontakta sjuksköterskan och skriv en avvikelse.
"""
FALL_2 = (
    FALL
    + """- Gå igenom varje fall på nästa teamträff.
"""
)

HOT_VALD = """## Före hembesöket
- Läs riskbedömningen i ärendet. Vid känd risk: gå två och två.
- Ha telefonen laddad och larmet på.

## Om något händer
1. Avbryt besöket och gå därifrån.
2. Ring 112 vid fara.
3. Kontakta chefen och skriv en avvikelse samma dag.
"""

NYCKLAR = """## Syfte
Att brukarnas nycklar hanteras säkert.

## Så här gör du
- Nycklar och taggar kvitteras ut och lämnas tillbaka samma arbetspass.
- Nyckelskåpet är alltid låst; koden byts när någon slutar.
- En borttappad nyckel är en avvikelse. Meddela chefen direkt.
"""
NYCKLAR_2 = NYCKLAR.replace("samma arbetspass", "samma arbetspass, med namn och tid")

GENOMFORANDEPLAN = """## Syfte
Att varje boende har en aktuell genomförandeplan.

## Tidsram
- Genomförandeplanen upprättas **inom tre veckor** från att insatsen startat.
- Den görs tillsammans med den enskilde och kontaktpersonen.
- Den följs upp minst var sjätte månad.
"""
GENOMFORANDEPLAN_2 = GENOMFORANDEPLAN.replace("tre veckor", "14 dagar")

VALFARDSBROTT = """## Syfte
Att upptäcka felaktiga utbetalningar och tidrapporter.

## Kontroll av tidrapporter
- Jämför utförd tid med planerad tid varje månad.
- Stickprov: fem brukare per månad.
- Avvikelser utreds och anmäls vid misstanke om brott.
"""

AVVIKELSER = """## Syfte
Att brister upptäcks, rättas och inte upprepas.

## Så här gör du
1. Skriv avvikelsen samma dag.
2. Chefen utreder och beslutar om åtgärder.
3. Avvikelser sammanställs varje månad och gås igenom på arbetsplatsträffen.
"""

LEX_SARAH = """## Rapportera
Alla som arbetar här ska **genast** rapportera missförhållanden eller påtaglig risk.

## Chefen
- Åtgärdar eller undanröjer det som hänt utan dröjsmål.
- Utreder och dokumenterar.
- Anmäler allvarliga missförhållanden till IVO inom två veckor.
"""

KONTINUITET = """## Vid strömavbrott
- Använd ficklampor och batteriradio i förrådet.
- Prioritera brukare med larm eller andningsstöd.

## Vid vattenavbrott
- Nödvatten finns i förrådet, 20 liter per boende.
- Kontakta fastighetsjouren.
"""

KONTAKTMAN = """## Kontaktmannaskap
- Varje boende har en kontaktperson och en ersättare.
- Kontaktpersonen ansvarar för genomförandeplan och löpande dokumentation.
- Ta hänsyn till den enskildes önskemål och språk.
"""

DOKUMENTATION = """## Löpande dokumentation
- Dokumentera händelser av betydelse samma arbetspass.
- Skriv sakligt och respektfullt.
- Läs senaste anteckningarna när du börjar ditt pass.
"""

CHECKLISTA_NATT = """## Checklista nattpass
- [ ] Läs överrapporteringen
- [ ] Kontrollera larmen
- [ ] Rond enligt planering
- [ ] Dokumentera händelser
"""

G = "jarva-glantan"
AFS = "jarva-afs"
FV = "jarva-forvaltning"
GLANTAN_CONFIRMED = ("personal.glantan1", "personal.glantan2")

ROUTINES = [
    RoutineSpec(
        "Rutin för nyanställning", "rutin", "ledning.jarva", "kvalitet.jarva", (FV,),
        ("Kompetensförsörjning",),
        ((NYANSTALLNING, "Första versionen."),),
        approved_days_ago=400,
    ),
    RoutineSpec(
        "Hantering av orosanmälningar", "rutin", "kvalitet.jarva", "ledning.jarva",
        ("jarva-mottagning-barn",), ("Ta emot ansökan eller anmälan",),
        ((ORO, "Första versionen."),),
    ),
    RoutineSpec(
        "Ej verkställda beslut inom tre månader", "rutin", "kvalitet.jarva", "ledning.jarva",
        (FV,), ("Följa upp beslut", "Besluta"),
        ((EJ_VERKSTALLDA, "Ny rutin 2025."),),
    ),
    RoutineSpec(
        "Läkemedelshantering", "riktlinje", "mas.jarva", "ledning.jarva", (AFS,),
        ("Ge insatsen",),
        ((LAKEMEDEL, "Första versionen."), (LAKEMEDEL_2, "Uppföljning av delegering.")),
        confirmed=GLANTAN_CONFIRMED,
    ),
    RoutineSpec(
        "Fallprevention", "rutin", "mas.jarva", "ledning.jarva", (AFS,),
        ("Risk och säkerhet",),
        ((FALL, "Första versionen."), (FALL_2, "Fall gås igenom på teamträff.")),
        approved_days_ago=390, confirmed=("personal.glantan1",),
    ),
    RoutineSpec(
        "Hot och våld vid hembesök", "rutin", "avdchef.aldre", "ledning.jarva",
        ("jarva-mitt-hemtjanst", "jarva-norra-hemtjanst", "jarva-sodra-hemtjanst"),
        ("Ge insatsen", "Risk och säkerhet"),
        ((HOT_VALD, "Första versionen."),),
    ),
    RoutineSpec(
        "Nyckelhantering i hemtjänsten", "rutin", "chef.mittjarva", "avdchef.aldre",
        ("jarva-mitt-hemtjanst",), ("Ge insatsen",),
        ((NYCKLAR, "Första versionen."), (NYCKLAR_2, "Namn och tid vid kvittering.")),
    ),
    RoutineSpec(
        "Genomförandeplan inom tidsram", "rutin", "chef.glantan", "avdchef.aldre", (G,),
        ("Upprätta genomförandeplan",),
        ((GENOMFORANDEPLAN, "Första versionen."),
         (GENOMFORANDEPLAN_2, "Kortare tidsram efter verksamhetsuppföljningen.")),
        confirmed=GLANTAN_CONFIRMED,
    ),
    RoutineSpec(
        "Välfärdsbrott: kontroll av tidrapporter", "instruktion", "kvalitet.jarva",
        "ledning.jarva", (AFS,), ("Egenkontroll",),
        ((VALFARDSBROTT, "Första versionen."),),
    ),
    RoutineSpec(
        "Hantering av avvikelser", "rutin", "kvalitet.jarva", "ledning.jarva", (FV,),
        ("Avvikelser och lex Sarah",),
        ((AVVIKELSER, "Första versionen."),), approved_days_ago=380,
    ),
    RoutineSpec(
        "Lex Sarah: rapportera och utreda", "riktlinje", "kvalitet.jarva", "ledning.jarva",
        (FV,), ("Avvikelser och lex Sarah",),
        ((LEX_SARAH, "Första versionen."),), confirmed=GLANTAN_CONFIRMED,
    ),
    RoutineSpec(
        "Kontinuitetsplan vid el- och vattenavbrott", "instruktion", "avdchef.aldre",
        "ledning.jarva", (AFS,), ("Risk och säkerhet",),
        ((KONTINUITET, "Första versionen."),), approved_days_ago=500,
    ),
    RoutineSpec(
        "Kontaktmannaskap på Gläntan", "rutin", "chef.glantan", "avdchef.aldre", (G,),
        ("Planera insatsen",),
        ((KONTAKTMAN, "Första versionen."),), approved_days_ago=420,
    ),
    RoutineSpec(
        "Löpande dokumentation", "rutin", "chef.glantan", "avdchef.aldre", (G,),
        ("Dokumentera",), ((DOKUMENTATION, "Första versionen."),),
        draft=(DOKUMENTATION + "- Använd stödorden i verksamhetssystemet.\n", "Stödord."),
    ),
    RoutineSpec(
        "Checklista för nattpasset", "checklista", "chef.glantan", "avdchef.aldre", (G,),
        ("Ge insatsen",), (), draft=(CHECKLISTA_NATT, ""),
    ),
]  # fmt: skip


def _glantan_staff(glantan: OrgNode) -> dict[str, User]:
    people = {}
    for username, first, last, role in GLANTAN_STAFF:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = account_services.user_create(
                actor=None,
                username=username,
                password=DEMO_PASSWORD,
                first_name=first,
                last_name=last,
                email=f"{username}@example.org",
                home_unit=glantan,
                validate=False,
            )
        if not RoleAssignment.objects.filter(user=user, node=glantan, role=role).exists():
            account_services.role_grant(actor=None, user=user, node=glantan, role=role)
        people[username] = user
    return people


def _processes(nodes: dict[str, OrgNode], owner: User) -> dict[str, Activity]:
    for order, (name, description, activities) in enumerate(PROCESSES, start=1):
        if not Process.objects.filter(name=name).exists():
            services.process_create(
                actor=None,
                name=name,
                description=description,
                applies_to=[nodes[FV]],
                owner=owner,
                order=order,
                activities=activities,
            )
    return {a.name: a for a in Activity.objects.filter(process__name__in=[p[0] for p in PROCESSES])}


def _routine(spec: RoutineSpec, nodes, people, activities, today: dt.date) -> bool:
    if Routine.objects.filter(title=spec.title).exists():
        return False
    owner, approver = people[spec.owner], people[spec.approver]
    first_text = spec.versions[0][0] if spec.versions else spec.draft[0]
    routine = services.routine_create(
        actor=owner,
        title=spec.title,
        kind=spec.kind,
        owner=owner,
        applies_to=[nodes[code] for code in spec.nodes],
        activities=[activities[name] for name in spec.activities],
        body=first_text,
    )
    version = routine.versions.get()
    approved_on = today - dt.timedelta(days=spec.approved_days_ago)
    for index, (text, note) in enumerate(spec.versions):
        if index:
            version = services.version_new(actor=owner, routine=routine, change_note=note)
            version = services.version_update(
                actor=owner, version=version, body=text, change_note=note
            )
        version = services.version_submit(actor=owner, version=version)
        version = services.version_approve(actor=approver, version=version, today=approved_on)
        routine.refresh_from_db()
    if spec.draft and spec.versions:
        version = services.version_new(actor=owner, routine=routine, change_note=spec.draft[1])
        services.version_update(
            actor=owner, version=version, body=spec.draft[0], change_note=spec.draft[1]
        )
    if routine.current_version_id:
        for username in spec.confirmed:
            request = ReadRequest.objects.filter(
                version_id=routine.current_version_id, user=people[username]
            ).first()
            if request:
                services.read_confirm(actor=people[username], version=routine.current_version)
    return True


def seed() -> str:
    nodes = {n.code: n for n in OrgNode.objects.filter(code__startswith="jarva")}
    if FV not in nodes or G not in nodes:
        return "routines: the Järva organisation is missing; nothing added."
    people = {u.username: u for u in User.objects.filter(username__contains=".")}
    people.update(_glantan_staff(nodes[G]))
    activities = _processes(nodes, people["kvalitet.jarva"])
    today = timezone.localdate()
    created = sum(_routine(spec, nodes, people, activities, today) for spec in ROUTINES)
    past_due = Routine.objects.past_due(today).count()
    from . import demo_training

    return (
        f"routines: {len(PROCESSES)} processes, {created} routine(s) added "
        f"({Routine.objects.count()} in all, {past_due} past their review date), "
        f"Gläntan staff asked to read and some confirmed. {demo_training.seed()}"
    )
