"""The shapes of the API: what goes in, what comes out, and the error body."""

import datetime as dt
import enum
from typing import Annotated, Any
from uuid import UUID

from django.contrib.contenttypes.models import ContentType
from ninja import Field, Schema
from pydantic import AfterValidator, ConfigDict

from kvalitetsnav.actions.models import Action, ActionStatus
from kvalitetsnav.actions.policies import policy as action_policy
from kvalitetsnav.core.models import OrgLevel


def _no_nul(value: str) -> str:
    # PostgreSQL refuses NUL in text; refuse it here, as a field error, not a crash.
    if "\x00" in value:
        raise ValueError("NUL character")
    return value


CleanStr = Annotated[str, AfterValidator(_no_nul)]
# The version a client last read; bounded so that no database integer overflows.
Version = Annotated[int, Field(ge=1, le=2_147_483_647)]


class ErrorOut(Schema):
    """Every error answer: a message, and per field what is wrong (for 400)."""

    detail: str
    errors: dict[str, list[str]] = Field(default_factory=dict)


class InputSchema(Schema):
    """A request body: unknown fields are refused rather than silently ignored."""

    model_config = ConfigDict(extra="forbid")


# Org nodes ------------------------------------------------------------------


class OrgNodeOut(Schema):
    id: UUID
    name: str
    code: str
    level: OrgLevel
    level_display: str
    parent: UUID | None = Field(None, alias="parent_id")
    path: str = Field(description="Ancestor ids from the top, as /id/id/…/.")
    depth: int
    operation_kind: str
    provider_type: str
    provider_name: str
    is_active: bool

    @staticmethod
    def resolve_level_display(obj: Any) -> str:
        return str(obj.get_level_display())


class OrgNodeFilters(Schema):
    level: OrgLevel | None = None
    parent: UUID | None = Field(None, description="Only the direct children of this node.")


# Actions --------------------------------------------------------------------


class NodeRef(Schema):
    id: UUID
    name: str


class UserRef(Schema):
    id: UUID
    username: str
    name: str

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return str(obj)


class SourceRef(Schema):
    """The finding an action answers: a deviation, complaint, risk…"""

    type: str = Field(description="app_label.model, e.g. deviations.deviation")
    id: str


class ActionPermissions(Schema):
    change: bool = Field(description="May edit, evaluate and cancel the action.")
    progress: bool = Field(description="May move the action forward (advance).")


class ActionOut(Schema):
    id: UUID
    title: str
    description: str
    node: NodeRef
    owner: UserRef | None
    due_date: dt.date | None
    status: ActionStatus
    status_display: str
    is_overdue: bool
    cancel_reason: str
    completed_on: dt.date | None
    effect_evaluated_on: dt.date | None
    effect_result: str
    effect_sufficient: bool | None
    source: SourceRef | None
    created_by: UUID | None = Field(None, alias="created_by_id")
    created_at: dt.datetime
    updated_at: dt.datetime
    version: int = Field(description="Send it back when changing the action.")
    permissions: ActionPermissions

    @staticmethod
    def resolve_status_display(obj: Action) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_is_overdue(obj: Action) -> bool:
        return obj.is_overdue()

    @staticmethod
    def resolve_source(obj: Action) -> dict[str, str] | None:
        if obj.source_type_id is None:
            return None
        # get_for_id is cached for the process: no query per row.
        ct = ContentType.objects.get_for_id(obj.source_type_id)
        return {"type": f"{ct.app_label}.{ct.model}", "id": obj.source_id}

    @staticmethod
    def resolve_permissions(obj: Action, context: dict[str, Any]) -> dict[str, bool]:
        user = context["request"].auth
        return {
            "change": action_policy.can(user, "change", obj),
            "progress": action_policy.can(user, "progress", obj),
        }


class StatusFilter(enum.StrEnum):
    """A status, or ``open`` for planned and in-progress together."""

    OPEN = "open"
    PLANNED = ActionStatus.PLANNED.value
    IN_PROGRESS = ActionStatus.IN_PROGRESS.value
    DONE = ActionStatus.DONE.value
    EFFECT_EVALUATED = ActionStatus.EFFECT_EVALUATED.value
    CANCELLED = ActionStatus.CANCELLED.value


class OwnerFilter(enum.StrEnum):
    ME = "me"


class ActionFilters(Schema):
    node: UUID | None = Field(None, description="Actions in this node's subtree.")
    owner: OwnerFilter | None = Field(None, description="`me`: only my own actions.")
    status: StatusFilter | None = None
    overdue: bool = Field(False, description="Only open actions past their due date.")
    q: CleanStr | None = Field(None, max_length=200, description="Words in title or description.")


class ActionCreateIn(InputSchema):
    title: CleanStr = Field(max_length=200)
    description: CleanStr = ""
    node: UUID
    owner: UUID | None = None
    due_date: dt.date | None = None


class ActionUpdateIn(InputSchema):
    """Only the fields sent are changed; ``version`` is the one the client last read."""

    version: Version
    title: CleanStr | None = None
    description: CleanStr | None = None
    node: UUID | None = None
    owner: UUID | None = None
    due_date: dt.date | None = None


class VersionIn(InputSchema):
    version: Version


class EvaluateIn(InputSchema):
    version: Version
    evaluated_on: dt.date
    result: CleanStr
    sufficient: bool


class CancelIn(InputSchema):
    version: Version
    reason: CleanStr


class StatusOut(Schema):
    value: ActionStatus
    label: str


class NodeCountsOut(Schema):
    node_id: UUID
    node_name: str
    by_status: dict[ActionStatus, int]
    total: int
    overdue: int


class StatisticsOut(Schema):
    """Counts per unit and status where the user may see aggregates; never a record."""

    statuses: list[StatusOut]
    nodes: list[NodeCountsOut]
