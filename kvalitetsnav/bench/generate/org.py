"""The organisation and its people: kommun → nämnder → förvaltning → avdelningar → enheter."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password

from kvalitetsnav.access.roles import Role
from kvalitetsnav.accounts.models import RoleAssignment, User
from kvalitetsnav.core.models import OperationKind, OrgLevel, OrgNode, ProviderType

from ..bulk import AuditChain, Table
from ..scales import Scale

# Every generated user has this password (fictional people in a benchmark database).
BENCH_PASSWORD = "bench-kvalitetsnav-2026"

DEPARTMENTS = [
    ("aldre", "Äldreomsorg", [OperationKind.HEMTJANST, OperationKind.VARD_OCH_OMSORGSBOENDE]),
    (
        "lss",
        "Funktionsnedsättning",
        [OperationKind.GRUPPBOSTAD_LSS, OperationKind.DAGLIG_VERKSAMHET],
    ),
    ("ifo", "Individ- och familjeomsorg", [OperationKind.HVB, OperationKind.OPPENVARD]),
    ("psyk", "Socialpsykiatri", [OperationKind.BOENDESTOD, OperationKind.KORTTIDSVERKSAMHET]),
]
AREAS = ["Norra", "Södra", "Västra"]
DISTRICTS = [
    "Järva", "Skärholmen", "Farsta", "Enskede", "Hägersten", "Bromma", "Kungsholmen",
    "Norrmalm", "Östermalm", "Södermalm", "Spånga", "Hässelby", "Skarpnäck", "Älvsjö",
]  # fmt: skip
FIRST = ["Anna", "Erik", "Maria", "Lars", "Fatima", "Ahmed", "Sara", "Johan", "Lina", "Omar",
         "Eva", "Karl", "Amira", "Nils", "Elin", "Mehmet", "Ida", "Sofia", "Per"]  # fmt: skip
LAST = ["Andersson", "Berg", "Lind", "Holm", "Nyberg", "Ek", "Sjöberg", "Dahl", "Strand", "Falk",
        "Lund", "Åberg", "Wikström", "Forsberg", "Hedlund", "Björk"]  # fmt: skip


@dataclass
class Unit:
    id: uuid.UUID
    name: str
    board: uuid.UUID
    department: uuid.UUID
    kind: str
    manager: tuple[uuid.UUID, str] = (uuid.UUID(int=0), "")
    staff: list[tuple[uuid.UUID, str]] = field(default_factory=list)


@dataclass
class Board:
    id: uuid.UUID
    index: int
    name: str
    departments: list[uuid.UUID] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    leaders: dict[str, tuple[uuid.UUID, str]] = field(default_factory=dict)


@dataclass
class Org:
    root: uuid.UUID
    boards: list[Board]
    admin: tuple[uuid.UUID, str]
    inspector: tuple[uuid.UUID, str]

    @property
    def units(self) -> list[Unit]:
        return [u for b in self.boards for u in b.units]


class OrgBuilder:
    def __init__(self, rng: random.Random, audit: AuditChain, now: dt.datetime) -> None:
        self.rng = rng
        self.audit = audit
        self.now = now
        self.nodes = Table(OrgNode, audit)
        self.users = Table(User, audit)
        self.roles = Table(RoleAssignment, audit)
        self.password = make_password(BENCH_PASSWORD)
        self.user_count = 0

    def uid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def node(self, name: str, code: str, level: str, parent: dict | None, **extra) -> dict:
        pk = self.uid()
        path = f"{parent['path'] if parent else '/'}{pk.hex}/"
        return self.nodes.add(
            actor=self.actor,
            repr_=name,
            id=pk,
            name=name,
            code=code,
            level=level,
            parent=parent["id"] if parent else None,
            path=path,
            created_at=self.now - dt.timedelta(days=6 * 365),
            **extra,
        )

    def user(self, username: str, home_unit: uuid.UUID | None = None) -> tuple[uuid.UUID, str]:
        self.user_count += 1
        first, last = self.rng.choice(FIRST), self.rng.choice(LAST)
        row = self.users.add(
            actor=self.actor,
            repr_=f"{first} {last}",
            id=self.uid(),
            username=username,
            password=self.password,
            first_name=first,
            last_name=last,
            email=f"{username}@bench.invalid",
            is_active=True,
            is_staff=False,
            is_superuser=False,
            date_joined=self.now - dt.timedelta(days=6 * 365),
            home_unit=home_unit,
            created_at=self.now,
        )
        return row["id"], username

    def role(self, user: tuple[uuid.UUID, str], node: uuid.UUID, role: str) -> None:
        self.roles.add(
            actor=self.actor,
            repr_=role,
            id=self.uid(),
            user=user[0],
            node=node,
            role=role,
            created_at=self.now - dt.timedelta(days=6 * 365),
        )

    def build(self, scale: Scale) -> Org:
        self.actor: tuple[uuid.UUID, str] | None = None
        admin = self.user("bench.admin")
        self.actor = admin
        root = self.node("Bänkstad", "bench-stad", OrgLevel.KOMMUN, None)
        self.role(admin, root["id"], Role.SYSTEMADMINISTRATOR)
        inspector = self.user("bench.inspektor")
        self.role(inspector, root["id"], Role.INSPEKTOR)
        staff_per_unit = max(1, scale.users // scale.units - 1)
        boards = []
        for b in range(scale.boards):
            name = DISTRICTS[b % len(DISTRICTS)]
            code = f"bench-b{b:02d}"
            board_row = self.node(f"{name} nämnd", code, OrgLevel.NAMND, root)
            board = Board(id=board_row["id"], index=b, name=name)
            admin_row = self.node(f"{name} förvaltning", f"{code}-forv", OrgLevel.FORVALTNING,
                                  board_row)  # fmt: skip
            for role, prefix in [
                (Role.FORVALTNINGSLEDNING, "ledning"),
                (Role.KVALITETSUTVECKLARE, "kvalitet"),
                (Role.MAS, "mas"),
                (Role.NAMND, "namnd"),
                (Role.REVISOR, "revisor"),
            ]:
                person = self.user(f"bench.{prefix}.b{b:02d}")
                self.role(person, board_row["id"], role)
                board.leaders[prefix] = person
            departments = DEPARTMENTS[: max(1, min(4, scale.units_per_board))]
            areas: list[tuple[dict, list]] = []
            for d_code, d_name, kinds in departments:
                dept = self.node(d_name, f"{code}-{d_code}", OrgLevel.AVDELNING, admin_row)
                board.departments.append(dept["id"])
                head = self.user(f"bench.avdchef.{d_code}.b{b:02d}")
                self.role(head, dept["id"], Role.AVDELNINGSCHEF)
                board.leaders[f"avdchef.{d_code}"] = head
                for a_name in AREAS[: max(1, min(3, scale.units_per_board // len(departments)))]:
                    area = self.node(f"{d_name} {a_name}", f"{code}-{d_code}-{a_name.lower()[:3]}",
                                     OrgLevel.VERKSAMHETSOMRADE, dept)  # fmt: skip
                    areas.append((area, kinds))
            for u in range(scale.units_per_board):
                area, kinds = areas[u % len(areas)]
                kind = kinds[u % len(kinds)]
                unit_name = f"{dict(OperationKind.choices)[kind]} {name} {u + 1}"
                unit_row = self.node(
                    unit_name,
                    f"{code}-u{u:03d}",
                    OrgLevel.ENHET,
                    area,
                    operation_kind=kind,
                    provider_type=ProviderType.LOV if u % 10 == 9 else ProviderType.EGEN_REGI,
                )
                dept_id = uuid.UUID(area["path"].strip("/").split("/")[-2])
                unit = Unit(unit_row["id"], unit_name, board.id, dept_id, kind)
                unit.manager = self.user(f"bench.chef.b{b:02d}.u{u:03d}", unit.id)
                self.role(unit.manager, unit.id, Role.ENHETSCHEF)
                for s in range(staff_per_unit):
                    person = self.user(f"bench.p.b{b:02d}.u{u:03d}.{s:02d}", unit.id)
                    self.role(person, unit.id, Role.MEDARBETARE)
                    unit.staff.append(person)
                board.units.append(unit)
            boards.append(board)
        for table in (self.nodes, self.users, self.roles):
            table.flush()
        return Org(root=root["id"], boards=boards, admin=admin, inspector=inspector)
