"""Who may use the frame's pages: Mina uppgifter, the org tree, attachments, health."""

from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile

from kvalitetsnav.access.testing import (
    EVERYONE_LOGGED_IN,
    EVERYONE_WITH_A_ROLE,
    MANAGERS_OF_A,
    NOT_VISIBLE_A,
    RECORD_VIEWERS_OF_A,
    Rule,
)
from kvalitetsnav.actions.tests.url_policy import new_action
from kvalitetsnav.core import services


def _pdf():
    return SimpleUploadedFile("protokoll.pdf", b"%PDF-1.4\n%test\n", content_type="application/pdf")


def _record_of_a(w):
    action = new_action(w)
    return {
        "content_type_id": ContentType.objects.get_for_model(action).pk,
        "object_id": str(action.pk),
    }


def _attachment_of_a(w):
    attachment = services.attachment_add(actor=w.manager_a, record=new_action(w), upload=_pdf())
    return {"pk": attachment.pk}


ATTACHERS_OF_A = {"staff_a"} | MANAGERS_OF_A  # the owner and the managers of unit A

PAGES = {
    "core:home": Rule(allowed=EVERYONE_LOGGED_IN, allowed_status=302),
    "core:my_tasks": Rule(allowed=EVERYONE_LOGGED_IN),
    "core:org_tree": Rule(allowed=EVERYONE_WITH_A_ROLE),
    "core:switch_node": Rule(
        allowed={"staff_a", "manager_a"},
        allowed_status=302,
        method="post",
        data=lambda w, kw: {"node": str(w.unit_a.pk), "next": "/"},
    ),
    "core:attachment_upload": Rule(
        allowed=ATTACHERS_OF_A,
        allowed_status=302,
        method="post",
        kwargs=_record_of_a,
        data=lambda w, kw: {"file": _pdf()},
        not_visible=NOT_VISIBLE_A,
    ),
    "core:attachment_download": Rule(
        allowed=RECORD_VIEWERS_OF_A, kwargs=_attachment_of_a, not_visible=NOT_VISIBLE_A
    ),
    "core:attachment_delete": Rule(
        allowed=ATTACHERS_OF_A,
        allowed_status=302,
        method="post",
        kwargs=_attachment_of_a,
        not_visible=NOT_VISIBLE_A,
    ),
    "healthz": Rule(allowed=EVERYONE_LOGGED_IN, anonymous_status=200),
}
