"""The pages people use most, with the person who opens each, found in the generated data."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from kvalitetsnav.access.roles import Role
from kvalitetsnav.accounts.models import RoleAssignment, User
from kvalitetsnav.core.models import OrgLevel, OrgNode
from kvalitetsnav.decisions.rules import Quarter
from kvalitetsnav.deviations.models import Deviation, DeviationStatus


@dataclass(frozen=True)
class Page:
    key: str
    title: str
    url: str
    username: str

    @property
    def user(self) -> User:
        return User.objects.get(username=self.username)


def _holder(node: OrgNode, role: str) -> str:
    return (
        RoleAssignment.objects.filter(node=node, role=role)
        .order_by("user__username")
        .values_list("user__username", flat=True)
        .first()
    )


def previous_quarter(today=None) -> Quarter:
    today = today or timezone.localdate()
    number = (today.month - 1) // 3 + 1
    return Quarter(today.year - 1, 4) if number == 1 else Quarter(today.year, number - 1)


def busiest_unit() -> OrgNode:
    """The unit with the most deviations: the same unit of the first board at every scale."""
    first_board = OrgNode.objects.filter(level=OrgLevel.NAMND, code__startswith="bench-").order_by(
        "code"
    )[0]
    row = (
        Deviation.objects.filter(board=first_board)
        .values("node")
        .annotate(n=Count("id"))
        .order_by("-n", "node")
        .first()
    )
    return OrgNode.objects.get(pk=row["node"])


def pages() -> list[Page]:
    unit = busiest_unit()
    board = unit.board()
    department = unit.ancestors().filter(level=OrgLevel.AVDELNING).get()
    manager = _holder(unit, Role.ENHETSCHEF)
    head = _holder(department, Role.AVDELNINGSCHEF)
    quality = _holder(board, Role.KVALITETSUTVECKLARE)
    # The latest one still being investigated: every form of the page is shown, and the
    # page is the same kind of page at every scale (a closed one shows far less).
    deviation = (
        Deviation.objects.filter(node=unit, status=DeviationStatus.INVESTIGATING)
        .order_by("-occurred_at")
        .first()
    ) or Deviation.objects.filter(node=unit).order_by("-occurred_at").first()
    year = timezone.localdate().year
    quarter = previous_quarter()
    return [
        Page("my_tasks", "Mina uppgifter", reverse("core:my_tasks"), manager),
        Page(
            "unit_deviations",
            "En enhets avvikelser",
            f"{reverse('deviations:list')}?{urlencode({'node': unit.pk})}",
            manager,
        ),
        Page(
            "deviation", "En avvikelse", reverse("deviations:detail", args=[deviation.pk]), manager
        ),
        Page(
            "department_statistics",
            "Statistik för en avdelning och ett år",
            f"{reverse('deviations:statistics')}?{urlencode({'year': year})}",
            head,
        ),
        Page(
            "ivo_report",
            "IVO-rapport för en nämnd och ett kvartal",
            f"{reverse('decisions:ivo_report')}?{urlencode({'board': board.code, 'quarter': str(quarter)})}",  # noqa: E501
            quality,
        ),
        Page(
            "routine_search",
            "Sök rutin med böjt ord (fallrisker)",
            f"{reverse('routines:home')}?{urlencode({'q': 'fallrisker'})}",
            manager,
        ),
        Page(
            "heat_map",
            "Riskkarta för en avdelning",
            f"{reverse('risks:heatmap')}?{urlencode({'node': department.pk})}",
            head,
        ),
    ]
