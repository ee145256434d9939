"""The demo world: Stockholms stad with Järva and Skärholmen, a person per role, some actions.

The data at the top is drawn from Järva's quality report 2025 (seed 004): its departments,
areas and units, and improvement work it describes. :func:`seed_demo` builds it through the
services, so the audit log records every node, user and role (with no actor: "systemet") and
every action (created and moved on by the manager who would do it in real life; the actions
service refuses an actor without the right to manage records on the node).

Running it again creates nothing that already exists: nodes are found by code, people by
username, actions by title and node. A node whose name or operation was changed is put back.
No service user appears anywhere, by name or personal identity number.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from kvalitetsnav.access.roles import Role
from kvalitetsnav.accounts import services as account_services
from kvalitetsnav.accounts.models import RoleAssignment, User
from kvalitetsnav.accounts.validators import DEMO_PASSWORD
from kvalitetsnav.actions import services as action_services
from kvalitetsnav.actions.models import Action, ActionStatus
from kvalitetsnav.core import services as core_services
from kvalitetsnav.core.models import OperationKind as Kind
from kvalitetsnav.core.models import OrgLevel, OrgNode, ProviderType

# --- The organisation tree --------------------------------------------------------------


@dataclass(frozen=True)
class NodeSpec:
    code: str
    name: str
    level: str
    parent: str | None
    operation_kind: str = ""
    provider_type: str = ""
    provider_name: str = ""


def _group(code: str, name: str, level: str, parent: str | None) -> NodeSpec:
    return NodeSpec(code, name, level, parent)


def _unit(code: str, name: str, parent: str, kind: str, provider: str = ProviderType.EGEN_REGI,
          provider_name: str = "") -> NodeSpec:
    return NodeSpec(code, name, OrgLevel.ENHET, parent, kind, provider, provider_name)


_K, _N, _F = OrgLevel.KOMMUN, OrgLevel.NAMND, OrgLevel.FORVALTNING
_A, _V = OrgLevel.AVDELNING, OrgLevel.VERKSAMHETSOMRADE

# Parents come before their children.
NODES: tuple[NodeSpec, ...] = (
    _group("stockholm", "Stockholms stad", _K, None),
    # The city-level office that oversees all districts (its inspectors sit on the kommun node).
    _group("socialforvaltningen", "Socialförvaltningen", _F, "stockholm"),
    # --- Järva ---
    _group("jarva", "Järva stadsdelsnämnd", _N, "stockholm"),
    _group("jarva-forvaltning", "Järva stadsdelsförvaltning", _F, "jarva"),
    # Avdelningen förebyggande och främjande socialtjänst
    _group("jarva-ffs", "Avdelningen förebyggande och främjande socialtjänst", _A,
           "jarva-forvaltning"),
    _unit("jarva-mottagning-barn", "Mottagningsenheten barn och unga", "jarva-ffs",
          Kind.MYNDIGHETSUTOVNING),
    _unit("jarva-faltverksamhet", "Fältverksamheten", "jarva-ffs", Kind.FOREBYGGANDE),
    _unit("jarva-foraldraradgivning", "Föräldrarådgivningen", "jarva-ffs", Kind.FOREBYGGANDE),
    _unit("jarva-personligt-ombud", "Personligt ombud", "jarva-ffs", Kind.FOREBYGGANDE),
    # Avdelningen individ och familj
    _group("jarva-iof", "Avdelningen individ och familj", _A, "jarva-forvaltning"),
    _group("jarva-iof-barn-unga", "Barn och unga", _V, "jarva-iof"),
    _unit("jarva-familjehemsvard", "Familjehemsvård", "jarva-iof-barn-unga",
          Kind.FAMILJEHEMSVARD),
    _unit("jarva-bromstensgarden", "Bromstensgården", "jarva-iof-barn-unga", Kind.HVB),
    _unit("jarva-oppenvard-barn", "Öppenvården barn och unga", "jarva-iof-barn-unga",
          Kind.OPPENVARD),
    _group("jarva-iof-vuxen", "Vuxen", _V, "jarva-iof"),
    _unit("jarva-stod-behandling", "Järva stöd och behandling", "jarva-iof-vuxen",
          Kind.OPPENVARD),
    _unit("jarva-relationsvaldsteam", "Relationsvåldsteamet", "jarva-iof-vuxen", Kind.OPPENVARD),
    _group("jarva-iof-ekb", "Ekonomiskt bistånd", _V, "jarva-iof"),
    _unit("jarva-ekb-mottagning", "Mottagningsenheten ekonomiskt bistånd", "jarva-iof-ekb",
          Kind.EKONOMISKT_BISTAND),
    # Avdelningen äldre, funktionsnedsättning och socialpsykiatri
    _group("jarva-afs", "Avdelningen äldre, funktionsnedsättning och socialpsykiatri", _A,
           "jarva-forvaltning"),
    _group("jarva-aldre", "Äldreomsorg", _V, "jarva-afs"),
    _unit("jarva-bestallare-aldre", "Beställarenheten äldreomsorg", "jarva-aldre",
          Kind.MYNDIGHETSUTOVNING),
    _unit("jarva-mitt-hemtjanst", "Mitt Järva hemtjänst", "jarva-aldre", Kind.HEMTJANST),
    _unit("jarva-norra-hemtjanst", "Norra Järva hemtjänst", "jarva-aldre", Kind.HEMTJANST),
    _unit("jarva-sodra-hemtjanst", "Södra Järva hemtjänst", "jarva-aldre", Kind.HEMTJANST),
    _unit("jarva-kista-vob", "Kista vård- och omsorgsboende", "jarva-aldre",
          Kind.VARD_OCH_OMSORGSBOENDE),
    _unit("jarva-rinkeby-vob", "Rinkeby vård- och omsorgsboende", "jarva-aldre",
          Kind.VARD_OCH_OMSORGSBOENDE),
    _unit("jarva-kista-servicehus", "Kista servicehus", "jarva-aldre", Kind.SERVICEHUS),
    _unit("jarva-dagverksamhet-demens", "Dagverksamhet för äldre med demenssjukdom",
          "jarva-aldre", Kind.DAGVERKSAMHET),
    # Contracted providers (fictional companies), followed up like the units in own regi.
    _unit("jarva-tensta-hemtjanst-lov", "Tensta hemtjänst (LOV)", "jarva-aldre", Kind.HEMTJANST,
          ProviderType.LOV, "Hemtrygg Omsorg i Järva AB"),
    _unit("jarva-akalla-vob", "Akalla vård- och omsorgsboende", "jarva-aldre",
          Kind.VARD_OCH_OMSORGSBOENDE, ProviderType.UPPHANDLAD, "Nordljus Vård och Omsorg AB"),
    _group("jarva-fs", "Funktionsnedsättning och socialpsykiatri", _V, "jarva-afs"),
    _unit("jarva-bestallare-fn", "Beställarenheten funktionsnedsättning", "jarva-fs",
          Kind.MYNDIGHETSUTOVNING),
    _unit("jarva-glantan", "Gruppbostad Gläntan (LSS)", "jarva-fs", Kind.GRUPPBOSTAD_LSS),
    _unit("jarva-smultronet", "Smultronet korttidsverksamhet", "jarva-fs",
          Kind.KORTTIDSVERKSAMHET),
    _unit("jarva-daglig-verksamhet", "Daglig verksamhet Järva (LSS)", "jarva-fs",
          Kind.DAGLIG_VERKSAMHET),
    _unit("jarva-boendestod", "Boendestöd", "jarva-fs", Kind.BOENDESTOD),
    _unit("jarva-sysselsattning", "Sysselsättning socialpsykiatri", "jarva-fs",
          Kind.DAGLIG_VERKSAMHET),
    # --- Skärholmen ---
    _group("skarholmen", "Skärholmens stadsdelsnämnd", _N, "stockholm"),
    _group("skarholmen-forvaltning", "Skärholmens stadsdelsförvaltning", _F, "skarholmen"),
    _group("skarholmen-afs", "Avdelningen äldre och funktionsnedsättning", _A,
           "skarholmen-forvaltning"),
    _unit("skarholmen-hemtjanst", "Skärholmens hemtjänst", "skarholmen-afs", Kind.HEMTJANST),
    _unit("skarholmen-bredang-vob", "Bredängs vård- och omsorgsboende", "skarholmen-afs",
          Kind.VARD_OCH_OMSORGSBOENDE),
    _unit("skarholmen-varberg-gruppbostad", "Gruppbostad Vårberg (LSS)", "skarholmen-afs",
          Kind.GRUPPBOSTAD_LSS),
    _group("skarholmen-iof", "Avdelningen individ och familj", _A, "skarholmen-forvaltning"),
    _unit("skarholmen-mottagning-barn", "Mottagningsenheten barn och unga", "skarholmen-iof",
          Kind.MYNDIGHETSUTOVNING),
    _unit("skarholmen-ekb", "Ekonomiskt bistånd Skärholmen", "skarholmen-iof",
          Kind.EKONOMISKT_BISTAND),
)

# --- The people: one per role, all fictional ------------------------------------------


@dataclass(frozen=True)
class PersonSpec:
    username: str
    first_name: str
    last_name: str
    role: str
    node: str
    home_unit: str | None = None
    administrator: bool = False  # is_staff and is_superuser: may use the Django admin
    try_this: str = ""

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


PEOPLE: tuple[PersonSpec, ...] = (
    PersonSpec("kvalitet.jarva", "Karin", "Bergström", Role.KVALITETSUTVECKLARE, "jarva",
               try_this="All of Järva's actions; create one on any unit; follow up an effect."),
    PersonSpec("avdchef.aldre", "Eva", "Lundgren", Role.AVDELNINGSCHEF, "jarva-afs",
               try_this="The whole elderly and disability department: Gläntan, hemtjänst, "
                        "the cancelled action at Norra Järva hemtjänst."),
    PersonSpec("ledning.jarva", "Mikael", "Öberg", Role.FORVALTNINGSLEDNING, "jarva-forvaltning",
               try_this="Everything in the Järva administration, e.g. Bromstensgården's "
                        "evaluated action after IVO's inspection."),
    PersonSpec("mas.jarva", "Helena", "Rask", Role.MAS, "jarva-forvaltning",
               try_this="The overdue medicines action at Rinkeby vård- och omsorgsboende."),
    PersonSpec("chef.rinkeby", "Amira", "Haddad", Role.ENHETSCHEF, "jarva-rinkeby-vob",
               home_unit="jarva-rinkeby-vob",
               try_this="Rinkeby's actions, one overdue; no access to Skärholmen."),
    PersonSpec("personal.rinkeby", "Fatima", "Warsame", Role.MEDARBETARE, "jarva-rinkeby-vob",
               home_unit="jarva-rinkeby-vob",
               try_this="Mina uppgifter: an action you own; move it forward (on a phone)."),
    PersonSpec("chef.mittjarva", "Maria", "Johansson", Role.ENHETSCHEF, "jarva-mitt-hemtjanst",
               home_unit="jarva-mitt-hemtjanst",
               try_this="The hemtjänst training action in progress; assign it to staff."),
    PersonSpec("personal.mittjarva", "Ali", "Hassan", Role.MEDARBETARE, "jarva-mitt-hemtjanst",
               home_unit="jarva-mitt-hemtjanst",
               try_this="A staff member's view of Mitt Järva hemtjänst's actions."),
    PersonSpec("chef.skarholmen", "Lars", "Ekman", Role.ENHETSCHEF, "skarholmen-hemtjanst",
               home_unit="skarholmen-hemtjanst",
               try_this="Skärholmen's hemtjänst; Järva's records are not visible."),
    PersonSpec("inspektor.stad", "Ingrid", "Sandberg", Role.INSPEKTOR, "stockholm",
               try_this="Read across both districts; compare Järva and Skärholmen."),
    PersonSpec("namnd.jarva", "Per", "Holmgren", Role.NAMND, "jarva",
               try_this="Aggregated figures for Järva only: counts, never a record."),
    PersonSpec("revisor.jarva", "Göran", "Sjöberg", Role.REVISOR, "jarva",
               try_this="Aggregated figures, as the auditors see them."),
    PersonSpec("admin", "Sofia", "Nilsson", Role.SYSTEMADMINISTRATOR, "stockholm",
               administrator=True,
               try_this="The org tree, users and roles; the Django admin at /admin/."),
)

# --- Actions, drawn from the improvement work of seed 004 -----------------------------


@dataclass(frozen=True)
class ActionSpec:
    title: str
    node: str
    created_by: str
    owner: str | None
    due_in_days: int | None  # from the day of seeding; negative makes an overdue action
    status: str
    description: str
    cancel_reason: str = ""
    effect_result: str = ""
    effect_sufficient: bool | None = None


S = ActionStatus

ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec(
        "Revidera rutinen för nyanställning", "jarva-bromstensgarden", "ledning.jarva",
        "ledning.jarva", -30, S.EFFECT_EVALUATED,
        "Efter IVO:s oanmälda inspektion: äkthetskontroll av digitala polisregisterutdrag, "
        "och samtliga dokument förvaras i personakten tillsammans med kopia på utdraget.",
        effect_result="IVO har meddelat att ärendet avslutas och att alla krav är uppfyllda. "
                      "Stickprov i personakterna visar att rutinen följs.",
        effect_sufficient=True,
    ),
    ActionSpec(
        "Utbildning i salutogent förhållningssätt för hemtjänstens medarbetare",
        "jarva-mitt-hemtjanst", "chef.mittjarva", "chef.mittjarva", 150, S.IN_PROGRESS,
        "Utbildningssatsningen finansieras med beviljade kompetensutvecklingsmedel. "
        "Samtliga medarbetare ska ha deltagit före årets slut.",
    ),
    ActionSpec(
        "Fördjupad uppföljning av genomförandeplaner på gruppbostad Gläntan", "jarva-glantan",
        "avdchef.aldre", "avdchef.aldre", 60, S.PLANNED,
        "Verksamhetsuppföljningen efter lex Sarah-rapporten visade brister i löpande "
        "dokumentation och upprättande av genomförandeplaner. Granska samtliga planer och "
        "följ upp att de är aktuella.",
    ),
    ActionSpec(
        "Måltidsobservationer på Kista vård- och omsorgsboende", "jarva-kista-vob",
        "kvalitet.jarva", "kvalitet.jarva", -10, S.DONE,
        "Observera måltiderna tillsammans med personalen, med fokus på omsorgsmåltider och "
        "hemlagad mat. Resultatet återkopplas på arbetsplatsträff.",
    ),
    ActionSpec(
        "Ta fram rutin för uppföljning av delegering till medarbetare", "jarva-rinkeby-vob",
        "chef.rinkeby", "personal.rinkeby", 30, S.IN_PROGRESS,
        "Utvecklingsområde från verksamhetsuppföljningen 2025. Ta fram ett förslag tillsammans "
        "med sjuksköterskorna och stäm av med MAS.",
    ),
    ActionSpec(
        "Utveckla introduktionsplanen för nyanställda", "jarva-rinkeby-vob", "chef.rinkeby",
        "chef.rinkeby", 90, S.PLANNED,
        "Introduktionen ska omfatta enhetens värdegrund, kontaktmannaskap och språkstöd.",
    ),
    ActionSpec(
        "Handlingsplan för läkemedelshantering efter Apotekets granskning",
        "jarva-rinkeby-vob", "mas.jarva", "chef.rinkeby", -14, S.IN_PROGRESS,
        "Apotekets granskning av läkemedelshanteringen gav synpunkter. Handlingsplanen tas "
        "fram tillsammans med MAS.",
    ),
    ActionSpec(
        "Installera laddplatser för hemtjänstens elbilar", "jarva-norra-hemtjanst",
        "avdchef.aldre", "avdchef.aldre", 45, S.CANCELLED,
        "Avvikelser visar att besök blivit sena när bilarna inte gått att ladda.",
        cancel_reason="Fastighetsägaren bygger laddplatser i garaget under våren; behovet "
                      "täcks av deras projekt.",
    ),
    ActionSpec(
        "Fler anmälningsmöten med skola och förskola", "jarva-mottagning-barn", "kvalitet.jarva",
        "kvalitet.jarva", 75, S.PLANNED,
        "Den kollegiala granskningen visade elva anmälningsmöten av 68 förhandsbedömningar. "
        "Tydliggör rutin och ansvar och lyft frågan regelbundet på enhetsmöten.",
    ),
    ActionSpec(
        "Säkerställ att familjehemsplaceringar utreds inom sex månader", "jarva-familjehemsvard",
        "ledning.jarva", "ledning.jarva", 120, S.IN_PROGRESS,
        "Efter stadsrevisionens granskning av placering av barn och unga i familjehem: "
        "registerkontroll, referenstagning och fullständiga familjehemsutredningar.",
    ),
    ActionSpec(
        "Kartlägg kunskapen om basal hygien i hemtjänstens arbetslag", "skarholmen-hemtjanst",
        "chef.skarholmen", "chef.skarholmen", 40, S.IN_PROGRESS,
        "Självskattning i varje arbetslag följd av hygienrondering.",
    ),
    ActionSpec(
        "Revidera rutinen för nyckelhantering i hemtjänsten", "skarholmen-hemtjanst",
        "chef.skarholmen", "chef.skarholmen", 60, S.PLANNED,
        "Rutinen ska gälla även digitala lås.",
    ),
)

# --- Building it ----------------------------------------------------------------------


class DemoRefusedError(RuntimeError):
    """The demo world must never be built in production."""


@dataclass
class SeedResult:
    nodes_created: int = 0
    nodes_changed: int = 0
    users_created: int = 0
    roles_granted: int = 0
    actions_created: int = 0
    people: list[PersonSpec] = field(default_factory=list)
    node_names: dict[str, str] = field(default_factory=dict)

    @property
    def changed_anything(self) -> bool:
        return any((self.nodes_created, self.nodes_changed, self.users_created,
                    self.roles_granted, self.actions_created))


def _ensure_node(spec: NodeSpec, nodes: dict[str, OrgNode], result: SeedResult) -> None:
    parent = nodes[spec.parent] if spec.parent else None
    node = OrgNode.objects.filter(code=spec.code).first()
    if node is None:
        node = core_services.org_node_create(
            actor=None, name=spec.name, code=spec.code, level=spec.level, parent=parent,
            operation_kind=spec.operation_kind, provider_type=spec.provider_type,
            provider_name=spec.provider_name,
        )
        result.nodes_created += 1
    else:
        changed = False
        if parent is not None and node.parent_id != parent.pk:
            node = core_services.org_node_move(actor=None, node=node, new_parent=parent)
            changed = True
        wanted = {"name": spec.name, "operation_kind": spec.operation_kind,
                  "provider_type": spec.provider_type, "provider_name": spec.provider_name,
                  "is_active": True}
        changes = {key: value for key, value in wanted.items() if getattr(node, key) != value}
        if changes:
            node = core_services.org_node_update(actor=None, node=node, **changes)
            changed = True
        result.nodes_changed += int(changed)
    nodes[spec.code] = node


def _ensure_person(spec: PersonSpec, nodes: dict[str, OrgNode], result: SeedResult) -> User:
    user = User.objects.filter(username=spec.username).first()
    if user is None:
        user = account_services.user_create(
            actor=None, username=spec.username, password=DEMO_PASSWORD,
            first_name=spec.first_name, last_name=spec.last_name,
            email=f"{spec.username}@example.org",
            home_unit=nodes[spec.home_unit] if spec.home_unit else None,
            is_staff=spec.administrator, is_superuser=spec.administrator, validate=False,
        )
        result.users_created += 1
    node = nodes[spec.node]
    if not RoleAssignment.objects.filter(user=user, node=node, role=spec.role).exists():
        account_services.role_grant(actor=None, user=user, node=node, role=spec.role)
        result.roles_granted += 1
    return user


def _ensure_action(spec: ActionSpec, nodes: dict[str, OrgNode], people: dict[str, User],
                   today: dt.date, result: SeedResult) -> None:
    node = nodes[spec.node]
    if Action.objects.filter(title=spec.title, node=node).exists():
        return
    actor = people[spec.created_by]
    due = today + dt.timedelta(days=spec.due_in_days) if spec.due_in_days is not None else None
    # The service takes a past due date (only the form refuses one): that makes one overdue.
    action = action_services.action_create(
        actor=actor, title=spec.title, node=node, description=spec.description,
        owner=people[spec.owner] if spec.owner else None, due_date=due,
    )
    steps = {S.IN_PROGRESS: 1, S.DONE: 2, S.EFFECT_EVALUATED: 2}.get(spec.status, 0)
    for _ in range(steps):
        action = action_services.action_advance(actor=actor, action=action, version=action.version)
    if spec.status == S.EFFECT_EVALUATED:
        action = action_services.action_evaluate_effect(
            actor=actor, action=action, version=action.version, evaluated_on=today,
            result=spec.effect_result, sufficient=bool(spec.effect_sufficient),
        )
    elif spec.status == S.CANCELLED:
        action = action_services.action_cancel(
            actor=actor, action=action, version=action.version, reason=spec.cancel_reason,
        )
    result.actions_created += 1


def seed_demo() -> SeedResult:
    """Build (or complete) the demo world. Refuses in production; safe to run again."""
    if settings.PRODUCTION:
        raise DemoRefusedError("The demo world is never built in production.")
    result = SeedResult(people=list(PEOPLE))
    nodes: dict[str, OrgNode] = {}
    with transaction.atomic():
        for node_spec in NODES:
            _ensure_node(node_spec, nodes, result)
        people = {spec.username: _ensure_person(spec, nodes, result) for spec in PEOPLE}
        today = timezone.localdate()
        for action_spec in ACTIONS:
            _ensure_action(action_spec, nodes, people, today, result)
    result.node_names = {code: node.name for code, node in nodes.items()}
    return result
