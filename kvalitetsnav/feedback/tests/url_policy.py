"""Who may use the feedback pages and endpoints (see access/testing.py).

The open form and the sender's case page need no login: every persona,
anonymous too, gets the same answer there.
"""

from django.utils import timezone

from kvalitetsnav.access.testing import (
    EVERYONE,
    EVERYONE_WITH_A_ROLE,
    MANAGERS_OF_A,
    PERSONAS,
    Rule,
)
from kvalitetsnav.feedback import services
from kvalitetsnav.feedback.models import Kind

# Those who read unit A's feedback: its managers and the inspector (not its staff).
READERS_OF_A = MANAGERS_OF_A | {"inspector"}
NOT_VISIBLE = set(PERSONAS) - READERS_OF_A - {"anonymous"}
# Everyone who may list feedback (records.view or records.manage somewhere).
LISTERS = READERS_OF_A | {"staff_a", "manager_a2", "manager_b", "staff_b"}
# Who may register feedback received by phone: staff and managers of some unit.
REGISTRARS = MANAGERS_OF_A | {"staff_a", "manager_a2", "manager_b", "staff_b"}


def new_feedback(w):
    feedback, _code = services.feedback_register(
        actor=w.manager_a,
        node=w.unit_a,
        kind=Kind.COMPLAINT,
        channel="telefon",
        sender_type="anhorig",
        description="Hemtjänsten kom inte på morgonbesöket.",
        contact_email="anhorig@example.org",
    )
    return feedback


def _item(key: str):
    def build(w):
        feedback = new_feedback(w)
        return {key: feedback.pk, "_version": feedback.version}

    return build


def _version(w, kw):
    return {"version": kw["_version"]}


_POST = {"allowed_status": 302, "method": "post", "not_visible": NOT_VISIBLE}

PAGES = {
    "feedback:list": Rule(allowed=LISTERS),
    "feedback:register": Rule(allowed=REGISTRARS),
    "feedback:statistics": Rule(allowed=EVERYONE_WITH_A_ROLE),
    "feedback:trends": Rule(allowed=EVERYONE_WITH_A_ROLE),
    "feedback:detail": Rule(allowed=READERS_OF_A, kwargs=_item("pk"), not_visible=NOT_VISIBLE),
    "feedback:triage": Rule(
        allowed=MANAGERS_OF_A,
        kwargs=_item("pk"),
        data=lambda w, kw: {
            "version": kw["_version"],
            "node": str(w.unit_a.pk),
            "kind": Kind.COMPLAINT,
            "theme": "bemotande",
        },
        **_POST,
    ),
    "feedback:investigate": Rule(
        allowed=MANAGERS_OF_A,
        kwargs=_item("pk"),
        data=lambda w, kw: {"version": kw["_version"], "investigation": "Besöket missades."},
        **_POST,
    ),
    "feedback:reply": Rule(
        allowed=MANAGERS_OF_A,
        kwargs=_item("pk"),
        data=lambda w, kw: {
            "version": kw["_version"],
            "replied_on": timezone.localdate().isoformat(),
            "reply_method": "telefon",
            "reply_text": "Vi har gått igenom planeringen.",
        },
        **_POST,
    ),
    # An item with contact details must be replied to before closing: a 400 with the reason.
    "feedback:close": Rule(
        allowed=MANAGERS_OF_A,
        allowed_status=400,
        method="post",
        kwargs=_item("pk"),
        data=_version,
        not_visible=NOT_VISIBLE,
    ),
    "feedback:action": Rule(
        allowed=MANAGERS_OF_A,
        kwargs=_item("pk"),
        data=lambda w, kw: {"title": "Se över morgonplaneringen"},
        **_POST,
    ),
    # The open pages: no login, the same for everyone.
    "feedback_public:start": Rule(allowed=EVERYONE, allowed_status=302, anonymous_status=302),
    "feedback_public:status_start": Rule(
        allowed=EVERYONE, allowed_status=302, anonymous_status=302
    ),
    "feedback_public:form": Rule(
        allowed=EVERYONE, anonymous_status=200, kwargs=lambda w: {"lang": "ar"}
    ),
    "feedback_public:receipt": Rule(
        allowed=EVERYONE, anonymous_status=200, kwargs=lambda w: {"lang": "so"}
    ),
    "feedback_public:status": Rule(
        allowed=EVERYONE, anonymous_status=200, kwargs=lambda w: {"lang": "fa"}
    ),
    # Without number and code shown first, an addition goes back to the lookup.
    "feedback_public:follow_up": Rule(
        allowed=EVERYONE,
        allowed_status=302,
        anonymous_status=302,
        method="post",
        kwargs=lambda w: {"lang": "fi"},
        data=lambda w, kw: {"text": "Ett tillägg."},
    ),
}

API = {
    "api-v1:list_feedback": Rule(allowed=LISTERS),
    "api-v1:feedback_statistics": Rule(allowed=EVERYONE_WITH_A_ROLE),
    "api-v1:get_feedback": Rule(
        allowed=READERS_OF_A, kwargs=_item("feedback_id"), not_visible=NOT_VISIBLE
    ),
}
