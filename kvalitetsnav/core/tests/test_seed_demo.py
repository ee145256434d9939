"""The demo world: built through the services, complete, idempotent, never in production."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from kvalitetsnav.access.roles import Role
from kvalitetsnav.accounts.models import RoleAssignment, User
from kvalitetsnav.accounts.validators import DEMO_PASSWORD
from kvalitetsnav.actions.models import Action, ActionStatus
from kvalitetsnav.actions.policies import policy
from kvalitetsnav.core import demo
from kvalitetsnav.core.models import AuditEvent, OrgLevel, OrgNode, ProviderType
from kvalitetsnav.core.tasks import tasks_for

pytestmark = pytest.mark.django_db

DOCS = Path(__file__).resolve().parents[3] / "docs" / "demo.md"


def _seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def _user(username: str) -> User:
    return User.objects.get(username=username)  # fresh, as a new request would load it


def test_it_builds_both_boards_with_the_fixed_codes():
    _seed()
    city = OrgNode.objects.get(code="stockholm", level=OrgLevel.KOMMUN)
    office = OrgNode.objects.get(code="socialforvaltningen")
    assert office.level == OrgLevel.FORVALTNING and office.parent == city
    boards = [("jarva", "Järva stadsdelsnämnd"), ("skarholmen", "Skärholmens stadsdelsnämnd")]
    for code, name in boards:
        board = OrgNode.objects.get(code=code)
        assert (board.name, board.level, board.parent) == (name, OrgLevel.NAMND, city)
        assert board.children.filter(level=OrgLevel.FORVALTNING).exists()
    rinkeby = OrgNode.objects.get(code="jarva-rinkeby-vob")
    assert rinkeby.board().code == "jarva"
    assert rinkeby.provider_type == ProviderType.EGEN_REGI
    skarholmen = OrgNode.objects.get(code="skarholmen")
    assert 4 <= OrgNode.objects.units().subtree_of(skarholmen).count() <= 6
    contracted = OrgNode.objects.units().exclude(provider_type=ProviderType.EGEN_REGI)
    assert contracted.exists() and all(unit.provider_name for unit in contracted)
    assert not OrgNode.objects.units().filter(operation_kind="").exists()


def test_the_named_users_exist_with_the_right_roles():
    _seed()
    expected = {
        "kvalitet.jarva": (Role.KVALITETSUTVECKLARE, "jarva"),
        "chef.rinkeby": (Role.ENHETSCHEF, "jarva-rinkeby-vob"),
        "personal.rinkeby": (Role.MEDARBETARE, "jarva-rinkeby-vob"),
        "inspektor.stad": (Role.INSPEKTOR, "stockholm"),
        "namnd.jarva": (Role.NAMND, "jarva"),
        "avdchef.aldre": (Role.AVDELNINGSCHEF, "jarva-afs"),
        "ledning.jarva": (Role.FORVALTNINGSLEDNING, "jarva-forvaltning"),
        "mas.jarva": (Role.MAS, "jarva-forvaltning"),
        "revisor.jarva": (Role.REVISOR, "jarva"),
        "admin": (Role.SYSTEMADMINISTRATOR, "stockholm"),
        "personal.mittjarva": (Role.MEDARBETARE, "jarva-mitt-hemtjanst"),
        "chef.mittjarva": (Role.ENHETSCHEF, "jarva-mitt-hemtjanst"),
    }
    for username, (role, code) in expected.items():
        user = _user(username)
        assert list(user.role_assignments.values_list("role", "node__code")) == [(role, code)]
        assert user.check_password(DEMO_PASSWORD)
    chef = _user("chef.skarholmen")
    assert chef.role_assignments.get().role == Role.ENHETSCHEF
    assert chef.home_unit.board().code == "skarholmen"
    assert _user("personal.rinkeby").home_unit.code == "jarva-rinkeby-vob"
    admin = _user("admin")
    assert admin.is_staff and admin.is_superuser
    assert not User.objects.exclude(username="admin").filter(is_staff=True).exists()


def test_running_twice_creates_no_duplicates_and_no_new_audit_entries():
    first = _seed()
    counts = (OrgNode.objects.count(), User.objects.count(), RoleAssignment.objects.count(),
              Action.objects.count(), AuditEvent.objects.count())
    second = _seed()
    assert counts == (OrgNode.objects.count(), User.objects.count(),
                      RoleAssignment.objects.count(), Action.objects.count(),
                      AuditEvent.objects.count())
    assert "org node(s) created" in first
    assert "nothing changed" in second
    assert "kvalitet.jarva" in second and DEMO_PASSWORD in second


def test_it_is_recorded_in_the_audit_log_by_the_system_and_the_managers():
    _seed()
    rinkeby = OrgNode.objects.get(code="jarva-rinkeby-vob")
    node_event = AuditEvent.objects.for_object(rinkeby).get()
    assert node_event.actor is None
    action = Action.objects.get(title="Utveckla introduktionsplanen för nyanställda")
    assert AuditEvent.objects.for_object(action).get().actor_username == "chef.rinkeby"


def test_running_again_puts_back_a_renamed_node_through_the_service():
    _seed()
    OrgNode.objects.filter(code="jarva-glantan").update(name="Fel namn", is_active=False)
    before = AuditEvent.objects.count()
    output = _seed()
    glantan = OrgNode.objects.get(code="jarva-glantan")
    assert glantan.name == "Gruppbostad Gläntan (LSS)" and glantan.is_active
    assert AuditEvent.objects.count() == before + 1
    assert "1 restored" in output


def _core_actions():
    """The demo's own actions; other modules' demos add actions linked to their findings."""
    return Action.objects.filter(source_type__isnull=True)


def test_the_actions_cover_every_status_and_one_is_overdue():
    _seed()
    statuses = set(_core_actions().values_list("status", flat=True))
    assert statuses == set(ActionStatus.values)
    assert _core_actions().overdue().count() == 1
    cancelled = _core_actions().get(status=ActionStatus.CANCELLED)
    assert cancelled.cancel_reason
    assert _core_actions().filter(node__code__startswith="skarholmen").exists()
    assert 8 <= _core_actions().count() <= 12


def test_chef_rinkeby_sees_rinkebys_actions_but_not_skarholmens():
    _seed()
    visible = policy.visible_to(_user("chef.rinkeby"))
    assert visible.filter(node__code="jarva-rinkeby-vob", source_type__isnull=True).count() == 3
    assert not visible.filter(node__code__startswith="skarholmen").exists()
    assert not visible.exclude(node__code="jarva-rinkeby-vob").exists()


def test_inspektor_stad_sees_both_districts():
    _seed()
    visible = policy.visible_to(_user("inspektor.stad"))
    boards = OrgNode.objects.filter(code__in=["jarva", "skarholmen"])
    assert len(boards) == 2
    for board in boards:
        assert visible.filter(node__path__startswith=board.path).exists()
    assert visible.count() == Action.objects.count()


def test_namnd_jarva_sees_no_individual_action():
    _seed()
    assert not policy.visible_to(_user("namnd.jarva")).exists()


def test_it_refuses_in_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        _seed()
    with pytest.raises(demo.DemoRefusedError):
        demo.seed_demo()
    assert not OrgNode.objects.exists() and not User.objects.exists()


def test_personal_rinkeby_has_an_open_action_under_mina_uppgifter():
    _seed()
    groups = tasks_for(_user("personal.rinkeby"))
    titles = [item.title for group in groups for item in group.items]
    assert "Ta fram rutin för uppföljning av delegering till medarbetare" in titles


def test_the_demo_guide_lists_every_login():
    text = DOCS.read_text(encoding="utf-8")
    assert DEMO_PASSWORD in text
    for person in demo.PEOPLE:
        assert f"`{person.username}`" in text
