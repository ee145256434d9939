"""Demo data for required training and for citations (fictional people only)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from kvalitetsnav.access.roles import Role
from kvalitetsnav.accounts import services as account_services
from kvalitetsnav.accounts.models import RoleAssignment, User
from kvalitetsnav.accounts.validators import DEMO_PASSWORD
from kvalitetsnav.core.models import OperationKind, OrgNode

from . import citations, training
from .models import Routine, Training

ALDRE = "jarva-aldre"
HEAD = "avdchef.aldre"

# Extra staff (fictional) so that the shares mean something: (username, first, last, unit).
STAFF = [
    ("underskoterska1.rinkeby", "Leyla", "Demirci", "jarva-rinkeby-vob"),
    ("underskoterska2.rinkeby", "Johan", "Berglund", "jarva-rinkeby-vob"),
    ("underskoterska3.rinkeby", "Sara", "Nyström", "jarva-rinkeby-vob"),
    ("vardbitrade1.mittjarva", "Hodan", "Ahmed", "jarva-mitt-hemtjanst"),
    ("vardbitrade2.mittjarva", "Erik", "Lund", "jarva-mitt-hemtjanst"),
    ("vardbitrade3.mittjarva", "Nadia", "Karimi", "jarva-mitt-hemtjanst"),
    ("vardbitrade1.norrajarva", "Omar", "Yusuf", "jarva-norra-hemtjanst"),
    ("vardbitrade2.norrajarva", "Petra", "Holm", "jarva-norra-hemtjanst"),
    ("vardbitrade3.norrajarva", "Aida", "Begić", "jarva-norra-hemtjanst"),
    ("underskoterska1.kista", "Tove", "Lindqvist", "jarva-kista-vob"),
    ("underskoterska2.kista", "Samir", "Khalil", "jarva-kista-vob"),
]

# Who has completed what, and how many days ago. Rinkeby: 2 of 5 (below 80 %);
# Mitt Järva hemtjänst: 4 of 5 (80 %, meets it); Norra Järva hemtjänst: 1 of 3 (below);
# Kista vård- och omsorgsboende: 2 of 2.
COMPLETED = {
    "Demensutbildning (Demens ABC plus)": [
        ("personal.rinkeby", 400),
        ("underskoterska1.rinkeby", 200),
        ("chef.mittjarva", 500),
        ("personal.mittjarva", 300),
        ("vardbitrade1.mittjarva", 120),
        ("vardbitrade2.mittjarva", 60),
        ("vardbitrade1.norrajarva", 45),
        ("underskoterska1.kista", 800),
        ("underskoterska2.kista", 20),
    ],
    "Palliativ vård i livets slutskede": [
        ("chef.rinkeby", 700),
        ("personal.rinkeby", 365),
        ("underskoterska2.rinkeby", 90),
    ],
    "Läkemedelsdelegering": [
        ("personal.mittjarva", 150),
        ("vardbitrade1.mittjarva", 150),
        ("vardbitrade3.mittjarva", 30),
    ],
}

TRAININGS = [
    (
        "Demensutbildning (Demens ABC plus)",
        "Grundutbildning i demens. För kvalitetsmärkningen krävs att minst 80 % av "
        "personalen har gått den.",
        [(OperationKind.VARD_OCH_OMSORGSBOENDE, 80), (OperationKind.HEMTJANST, 80)],
    ),
    (
        "Palliativ vård i livets slutskede",
        "Webbutbildning och reflektionsträff om vård i livets slutskede.",
        [(OperationKind.VARD_OCH_OMSORGSBOENDE, 60)],
    ),
    (
        "Läkemedelsdelegering",
        "Utbildning och kunskapstest inför delegering av läkemedelshantering (förnyas årligen).",
        [(OperationKind.HEMTJANST, 50)],
    ),
]


def _staff(nodes: dict[str, OrgNode]) -> None:
    for username, first, last, code in STAFF:
        unit = nodes[code]
        user = User.objects.filter(username=username).first()
        if user is None:
            user = account_services.user_create(
                actor=None,
                username=username,
                password=DEMO_PASSWORD,
                first_name=first,
                last_name=last,
                email=f"{username}@example.org",
                home_unit=unit,
                validate=False,
            )
        if not RoleAssignment.objects.filter(user=user, node=unit).exists():
            account_services.role_grant(actor=None, user=user, node=unit, role=Role.MEDARBETARE)


def _citations() -> int:
    """A few actions of the Järva demo cite the routine they concern."""
    from kvalitetsnav.actions.models import Action

    pairs = [
        ("Ta fram rutin för uppföljning av delegering", "Läkemedelshantering"),
        ("Utveckla introduktionsplanen för nyanställda", "Rutin för nyanställning"),
    ]
    made = 0
    for action_title, routine_title in pairs:
        action = Action.objects.filter(title__startswith=action_title).first()
        routine = Routine.objects.filter(title=routine_title).first()
        if action is None or routine is None or routine.current_version_id is None:
            continue
        try:
            citations.routine_cite(actor=action.owner, routine=routine, record=action)
        except PermissionDenied:
            continue
        made += 1
    return made


def seed() -> str:
    nodes = {n.code: n for n in OrgNode.objects.filter(code__startswith="jarva")}
    if ALDRE not in nodes or any(code not in nodes for _, _, _, code in STAFF):
        return "routines training: the Järva organisation is missing; nothing added."
    _staff(nodes)
    today = timezone.localdate()
    for name, description, requirements in TRAININGS:
        course = Training.objects.filter(name=name).first() or training.training_create(
            actor=None, name=name, description=description
        )
        for kind, percent in requirements:
            training.requirement_set(
                actor=None,
                training=course,
                node=nodes[ALDRE],
                required_percent=percent,
                operation_kind=kind,
            )
        for username, days_ago in COMPLETED[name]:
            user = User.objects.filter(username=username).select_related("home_unit").first()
            if user is None or course.completions.filter(user=user).exists():
                continue
            # Registered by the unit's manager, or by the head of äldreomsorg.
            manager = RoleAssignment.objects.filter(
                node=user.home_unit, role=Role.ENHETSCHEF
            ).first()
            actor = manager.user if manager else User.objects.filter(username=HEAD).first()
            if actor is None:
                continue
            training.training_complete(
                actor=actor,
                training=course,
                users=[user],
                completed_on=today - dt.timedelta(days=days_ago),
                unit=user.home_unit,
            )
    below = sum(
        1
        for row in training.unit_shares(OrgNode.objects.filter(code__startswith="jarva"))
        if row.below
    )
    cited = _citations()
    return (
        f"routines training: {len(TRAININGS)} trainings with requirements for Järva's "
        f"äldreomsorg, {below} unit requirement(s) not met; {cited} action(s) cite a routine."
    )
