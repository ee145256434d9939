"""Who may see, write, review and approve a board's quality report.

- Coordinators generate the report, assign sections, review them and regenerate the
  figures: whoever manages records on the board's administration (the förvaltning
  under the nämnd), e.g. the kvalitetsutvecklare and förvaltningsledning.
- A section's writer drafts it (any user the coordinator assigns, e.g. an avdelningschef).
- The administration approves the whole report: förvaltningsledning on the
  förvaltning or above.
- An approved report is read by everyone with aggregates on the board or a part of
  it (nämnd, revisor, inspektör, managers). Drafts are seen by those who manage
  records somewhere in the board and by the writers. Nobody sees a record here.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from kvalitetsnav.access import policies
from kvalitetsnav.access.policies import grants, has_cap, paths_with
from kvalitetsnav.access.roles import Cap, Role
from kvalitetsnav.core.models import OrgLevel, OrgNode

from .models import ManagementReview, QualityReport, ReportSection, ReportStatus

APPROVERS = frozenset({Role.FORVALTNINGSLEDNING})


def administration_of(board: OrgNode) -> OrgNode:
    """The förvaltning directly under the board (the board itself if it has none)."""
    return (
        OrgNode.objects.filter(parent=board, level=OrgLevel.FORVALTNING).order_by("path").first()
        or board
    )


def _related_q(roots: list[str], lookup: str = "board__path") -> Q:
    """Boards above, at or below any of ``roots``: the root's prefixes or its subtree."""
    q = Q(pk__in=[])
    for root in roots:
        parts = [p for p in root.strip("/").split("/") if p]
        prefixes = ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]
        q |= Q(**{f"{lookup}__in": prefixes}) | Q(**{f"{lookup}__startswith": root})
    return q


def coordinates(user: Any, board: OrgNode) -> bool:
    """Generates, assigns, reviews and regenerates the board's report."""
    return has_cap(user, Cap.MANAGE_RECORDS, administration_of(board))


def approves(user: Any, board: OrgNode) -> bool:
    node = administration_of(board)
    return any(g.role in APPROVERS and node.path.startswith(g.path) for g in grants(user))


def boards_coordinated(user: Any) -> QuerySet[OrgNode]:
    """The boards whose report the user may generate (one query for the candidates)."""
    roots = paths_with(user, Cap.MANAGE_RECORDS)
    if not roots:
        return OrgNode.objects.none()
    candidates = OrgNode.objects.boards().active().filter(_related_q(roots, "path"))
    ids = [b.pk for b in candidates if coordinates(user, b)]
    return OrgNode.objects.filter(pk__in=ids).order_by("name")


def sees_records_at(user: Any, path: str) -> bool:
    """Whether a figure about ``path`` may link to the records behind it."""
    return bool(path) and any(path.startswith(r) for r in paths_with(user, Cap.VIEW_RECORDS))


class QualityReportPolicy(policies.Policy[QualityReport]):
    model = QualityReport
    node_path_lookup = "board__path"

    def visible_to(self, user: Any) -> QuerySet[QualityReport]:
        readers = _related_q(paths_with(user, Cap.VIEW_AGGREGATES))
        workers = _related_q(paths_with(user, Cap.MANAGE_RECORDS))
        user_id = getattr(user, "pk", None)
        writes = (
            Exists(ReportSection.objects.filter(report=OuterRef("pk"), writer_id=user_id))
            if user_id is not None
            else Q(pk__in=[])
        )
        return QualityReport.objects.filter(
            (readers & Q(status=ReportStatus.APPROVED)) | workers | writes
        )

    def node_of(self, obj: QualityReport) -> OrgNode:
        return obj.board

    def can(self, user: Any, action: str, obj: QualityReport) -> bool:
        if action == "view":
            return self.visible_to(user).filter(pk=obj.pk).exists()
        if action == "approve":
            return not obj.is_frozen and approves(user, obj.board)
        if action == "work":
            # See the work flow: writers, assignments, review comments.
            return coordinates(user, obj.board) or approves(user, obj.board)
        if action in ("regenerate", "assign", "review"):
            return not obj.is_frozen and coordinates(user, obj.board)
        return False


class ReportSectionPolicy(policies.Policy[ReportSection]):
    model = ReportSection
    node_path_lookup = "report__board__path"

    def visible_to(self, user: Any) -> QuerySet[ReportSection]:
        return ReportSection.objects.filter(report__in=report_policy.visible_to(user))

    def node_of(self, obj: ReportSection) -> OrgNode:
        return obj.report.board

    def can(self, user: Any, action: str, obj: ReportSection) -> bool:
        report = obj.report
        if action == "view":
            return self.visible_to(user).filter(pk=obj.pk).exists()
        if report.is_frozen:
            return False
        if action == "write":
            return obj.writer_id == getattr(user, "pk", None) or coordinates(user, report.board)
        return report_policy.can(user, action, report)


class ManagementReviewPolicy(policies.Policy[ManagementReview]):
    """The meeting record names its participants: only those who work in the board see it."""

    model = ManagementReview
    node_path_lookup = "board__path"

    def visible_to(self, user: Any) -> QuerySet[ManagementReview]:
        return ManagementReview.objects.filter(_related_q(paths_with(user, Cap.MANAGE_RECORDS)))

    def node_of(self, obj: ManagementReview) -> OrgNode:
        return obj.board

    def can(self, user: Any, action: str, obj: ManagementReview) -> bool:
        if action == "view":
            return self.visible_to(user).filter(pk=obj.pk).exists()
        if action in ("change", "decide"):
            return coordinates(user, obj.board) or approves(user, obj.board)
        return False


def records_reviews(user: Any, board: OrgNode) -> bool:
    """Who writes the management review's record: coordinators and the administration."""
    return coordinates(user, board) or approves(user, board)


def review_boards(user: Any) -> QuerySet[OrgNode]:
    """The boards whose management review the user may record."""
    roots = paths_with(user, Cap.MANAGE_RECORDS)
    if not roots:
        return OrgNode.objects.none()
    candidates = OrgNode.objects.boards().active().filter(_related_q(roots, "path"))
    ids = [b.pk for b in candidates if records_reviews(user, b)]
    return OrgNode.objects.filter(pk__in=ids).order_by("name")


report_policy = policies.register(QualityReportPolicy())
section_policy = policies.register(ReportSectionPolicy())
review_policy = policies.register(ManagementReviewPolicy())
