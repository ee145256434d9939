"""Demo lex Sarah and lex Maria cases at the volumes of Järva's quality report 2025 (seed 004).

- Lex Sarah, avdelningen individ och familj: 17 reports, one reported to IVO.
- Lex Sarah, funktionsnedsättning och socialpsykiatri: 15 reports, none reported, one still
  under investigation; äldreomsorg: 5 reports, none reported.
- Lex Maria: two from Rinkeby vård- och omsorgsboende, both reported to IVO.
- Two open cases received in the last days, with their targets running: a lex Sarah at Mitt
  Järva hemtjänst (for ``chef.mittjarva`` and ``avdchef.aldre``) and a lex Maria at Rinkeby
  (for ``mas.jarva``).

Everything goes through the services, as the people who would do it. The 2025 cases' dates
of assessment and closing are then set back into 2025, so that the pages read as a year
already handled (the audit log keeps the day the demo was built). Fictional, no names;
the person is only ever a coded reference. Running it again adds nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from kvalitetsnav.accounts.models import User
from kvalitetsnav.core.models import OrgNode

from . import services
from .models import AnalysisSection, EntryNature, EntryTopic, Factor, LexCase, LexKind

SARAH, MARIA = LexKind.LEX_SARAH, LexKind.LEX_MARIA


@dataclass(frozen=True)
class Spec:
    kind: str
    unit: str
    actor: str  # reports, investigates and decides (a manager with the right to decide)
    title: str
    description: str
    cause: str
    serious: bool = False
    finished: bool = True


IOF_UNITS = (
    "jarva-familjehemsvard",
    "jarva-bromstensgarden",
    "jarva-oppenvard-barn",
    "jarva-stod-behandling",
    "jarva-relationsvaldsteam",
    "jarva-ekb-mottagning",
)
FS_UNITS = (
    "jarva-bestallare-fn",
    "jarva-glantan",
    "jarva-smultronet",
    "jarva-daglig-verksamhet",
    "jarva-boendestod",
    "jarva-sysselsattning",
)
ALDRE_UNITS = (
    "jarva-bestallare-aldre",
    "jarva-mitt-hemtjanst",
    "jarva-kista-vob",
    "jarva-norra-hemtjanst",
    "jarva-kista-servicehus",
)

IOF_THEMES = (
    (
        "Ansökan handlades inte inom rimlig tid",
        "En ansökan om bistånd blev liggande utan åtgärd i flera veckor.",
        "Ärendefördelningen vid frånvaro saknade en rutin.",
    ),
    (
        "Beslut saknade motivering",
        "Ett avslagsbeslut skickades utan motivering och utan besvärshänvisning.",
        "Mallen för beslut hade inte uppdaterats.",
    ),
    (
        "Utredning inleddes inte efter orosanmälan",
        "En orosanmälan registrerades men förhandsbedömning gjordes inte inom 14 dagar.",
        "Bevakningen av inkomna anmälningar följdes inte upp vid personalbyte.",
    ),
    (
        "Insats verkställdes inte enligt beslut",
        "Beviljade stödsamtal påbörjades inte.",
        "Överlämningen mellan myndighet och utförare var otydlig.",
    ),
)
FS_THEMES = (
    (
        "Brister i bemötande",
        "Den enskilda bemöttes på ett nedlåtande sätt vid ett besök.",
        "Värdegrundsarbetet hade inte följts upp i arbetsgruppen.",
    ),
    (
        "Långsam handläggning av ansökan om insats",
        "En ansökan om boendestöd handlades under lång tid utan kontakt med den enskilda.",
        "Hög arbetsbelastning och ingen bevakning av handläggningstider.",
    ),
    (
        "Insats utfördes inte enligt genomförandeplanen",
        "Planerade aktiviteter genomfördes inte under flera veckor.",
        "Genomförandeplanen var inte känd av vikarierna.",
    ),
    (
        "Olämpligt agerande av medarbetare",
        "En medarbetare agerade i strid med verksamhetens riktlinjer.",
        "Introduktion och uppföljning av nyanställda var bristfällig.",
    ),
)
ALDRE_THEMES = (
    (
        "Brister i rättssäkerhet vid handläggning",
        "Den enskilda informerades inte om möjligheten att överklaga.",
        "Rutinen för kommunicering följdes inte.",
    ),
    (
        "Bristande tillgänglighet",
        "Den enskilda kunde inte nå sin handläggare under flera veckor.",
        "Telefontiderna var inte kända och återuppringning saknades.",
    ),
)


def _specs() -> list[Spec]:
    specs = []
    for i in range(17):
        title, text, cause = IOF_THEMES[i % len(IOF_THEMES)]
        specs.append(
            Spec(
                SARAH,
                IOF_UNITS[i % len(IOF_UNITS)],
                "ledning.jarva",
                title,
                text,
                cause,
                serious=(i == 2),
            )
        )
    for i in range(15):
        title, text, cause = FS_THEMES[i % len(FS_THEMES)]
        specs.append(
            Spec(
                SARAH,
                FS_UNITS[i % len(FS_UNITS)],
                "avdchef.aldre",
                title,
                text,
                cause,
                finished=(i != 14),
            )
        )
    for i in range(5):
        title, text, cause = ALDRE_THEMES[i % len(ALDRE_THEMES)]
        specs.append(Spec(SARAH, ALDRE_UNITS[i], "avdchef.aldre", title, text, cause))
    specs += [
        Spec(
            MARIA,
            "jarva-rinkeby-vob",
            "mas.jarva",
            "Förväxling av läkemedel",
            "En vårdtagare fick en annan vårdtagares läkemedel vid kvällsmedicineringen.",
            "Delegerad personal saknade aktuell utbildning i läkemedelshantering.",
            True,
        ),
        Spec(
            MARIA,
            "jarva-rinkeby-vob",
            "mas.jarva",
            "Utebliven tillsyn efter fall",
            "Efter ett fall gjordes ingen bedömning av sjuksköterska under natten.",
            "Rutinen för tillsyn efter fall var inte känd av nattpersonalen.",
            True,
        ),
    ]
    return specs


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _received_on(index: int) -> dt.date:
    """Spread the year's reports over 2025, skipping weekends."""
    day = dt.date(2025, 1, 8) + dt.timedelta(days=(index * 9) % 340)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def _seed_2025(people: dict[str, User], nodes: dict[str, OrgNode]) -> int:
    created = 0
    for index, spec in enumerate(_specs()):
        received = _received_on(index)
        node = nodes[spec.unit]
        if LexCase.objects.filter(node=node, received_at=_at(received)).exists():
            continue
        actor = people[spec.actor]
        case = services.lex_case_open(
            actor=actor, kind=spec.kind, node=node, title=spec.title,
            description=spec.description, received_at=_at(received),
            occurred_at=_at(received - dt.timedelta(days=2), 14),
            noticed_at=_at(received - dt.timedelta(days=1), 9),
            how_noticed="Uppmärksammades av personal som rapporterade till enhetschefen.",
            consequences="Den enskilda riskerade att inte få sina behov tillgodosedda.",
            immediate_measures="Enhetschefen såg till att bristen åtgärdades samma dag.",
            person_ref=f"D-{2000 + index}",
        )  # fmt: skip
        services.lex_case_add_entry(
            actor=actor, case=case, entry_date=received + dt.timedelta(days=1),
            topic=EntryTopic.CAUSES, nature=EntryNature.ASSESSMENT,
            source="Samtal med berörd personal och genomgång av dokumentationen",
            text=spec.cause,
        )  # fmt: skip
        services.lex_case_add_analysis_item(
            actor=actor, case=case, section=AnalysisSection.CAUSE,
            factor=Factor.ROUTINES, is_root_cause=True, text=spec.cause,
        )  # fmt: skip
        created += 1
        if not spec.finished:
            continue  # still under investigation, as the report says of one case
        case.refresh_from_db()
        case = services.lex_case_complete_investigation(
            actor=actor, case=case, version=case.version
        )
        case = services.lex_case_assess(
            actor=actor, case=case, version=case.version, serious=spec.serious,
            reasons=(
                "Utredningen visar att bristen medfört en påtaglig risk för allvarlig skada."
                if spec.serious else
                "Utredningen visar inte att bristen inneburit ett allvarligt hot mot eller "
                "allvarliga konsekvenser för den enskildas liv, säkerhet eller hälsa."
            ),
        )  # fmt: skip
        if spec.serious:
            case = services.lex_case_report_to_ivo(
                actor=actor, case=case, version=case.version,
                sent_on=received + dt.timedelta(days=8),
                ivo_reference=f"3.5.1-{31000 + index}/2025",
            )  # fmt: skip
            case = services.lex_case_record_ivo_decision(
                actor=actor, case=case, version=case.version,
                decided_on=received + dt.timedelta(days=60),
                decision="IVO bedömer att vårdgivaren utrett händelsen och vidtagit de "
                         "åtgärder som krävs, och avslutar ärendet.",
            )  # fmt: skip
        services.lex_case_close(
            actor=actor, case=case, version=case.version,
            summary="Åtgärder har vidtagits: rutinen är reviderad och personalen utbildad.",
        )  # fmt: skip
        LexCase.objects.filter(pk=case.pk).update(
            investigation_started_at=received + dt.timedelta(days=1),
            investigation_completed_at=received + dt.timedelta(days=30),
            decided_at=received + dt.timedelta(days=7),
            closed_at=received + dt.timedelta(days=(75 if spec.serious else 40)),
        )
    return created


def _seed_open(people: dict[str, User], nodes: dict[str, OrgNode]) -> int:
    """Two cases received in the last days, so that Mina uppgifter has targets running."""
    today = timezone.localdate()
    created = 0
    open_cases = (
        (
            SARAH,
            "jarva-mitt-hemtjanst",
            "chef.mittjarva",
            "Trygghetslarm besvarades inte",
            "Ett trygghetslarm under natten besvarades först efter 50 minuter.",
            2,
        ),
        (
            MARIA,
            "jarva-rinkeby-vob",
            "chef.rinkeby",
            "Läkemedel gavs inte enligt ordination",
            "En vårdtagare fick inte sitt kvällsläkemedel; upptäcktes vid morgonens signering.",
            1,
        ),
    )
    for kind, unit, who, title, description, days_ago in open_cases:
        node = nodes[unit]
        if LexCase.objects.filter(node=node, title=title, closed_at__isnull=True).exists():
            continue
        received = timezone.now() - dt.timedelta(days=days_ago)
        case = services.lex_case_open(
            actor=people[who], kind=kind, node=node, title=title, description=description,
            received_at=received, occurred_at=received - dt.timedelta(hours=10),
            noticed_at=received - dt.timedelta(hours=2), person_ref="D-9001",
            immediate_measures="Sjuksköterska kontaktades och vårdtagaren fick tillsyn.",
        )  # fmt: skip
        if kind == SARAH:
            services.lex_case_add_entry(
                actor=people[who], case=case, entry_date=today, topic=EntryTopic.EVENT,
                nature=EntryNature.FACT, source="Larmloggen",
                text="Larmet kvitterades 02:10 och besöket gjordes 03:00.",
            )  # fmt: skip
        created += 1
    return created


def seed() -> str:
    usernames = {"ledning.jarva", "avdchef.aldre", "mas.jarva", "chef.mittjarva", "chef.rinkeby"}
    people = {u.username: u for u in User.objects.filter(username__in=usernames)}
    codes = set(IOF_UNITS + FS_UNITS + ALDRE_UNITS + ("jarva-rinkeby-vob",))
    nodes = {n.code: n for n in OrgNode.objects.filter(code__in=codes)}
    if len(people) < len(usernames) or len(nodes) < len(codes):
        return "Lex Sarah/Maria: the demo organisation is incomplete; no cases added."
    year = _seed_2025(people, nodes)
    running = _seed_open(people, nodes)
    return f"Lex Sarah/Maria: {year} case(s) for 2025 and {running} open case(s) added."
