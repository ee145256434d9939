"""The frame around the modules: Mina uppgifter, the org tree, attachments, health."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.db import connection
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from kvalitetsnav.access.policies import Policy, get_for_user, policy_for

from . import audit, services
from .middleware import SESSION_KEY, switchable_nodes
from .models import Attachment, AuditEvent
from .policies import policy as org_policy
from .tasks import tasks_for


def paginate(request: HttpRequest, queryset, per_page: int | None = None) -> Page:
    """One page of ``queryset``, counted and sliced in the database."""
    paginator = Paginator(queryset, per_page or settings.KVN_PAGE_SIZE)
    return paginator.get_page(request.GET.get("sida"))


def apply_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's ValidationError on the form's fields, or on the form as a whole."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Bifoga fil"))


def record_context(request: HttpRequest, record, policy: Policy) -> dict[str, Any]:
    """History and attachments for a record's page, each shown only where allowed."""
    user = request.user
    can_history = policy.can(user, "history", record)
    return {
        "history": audit.readable_history(
            type(record), list(AuditEvent.objects.for_object(record)[:200])
        )
        if can_history
        else None,
        "attachments": Attachment.objects.for_object(record),
        "can_attach": policy.can(user, "attach", record),
        "attachment_form": AttachmentForm(),
        "record_type": ContentType.objects.get_for_model(record).pk,
    }


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return redirect("core:my_tasks")


@login_required
def my_tasks(request: HttpRequest) -> HttpResponse:
    groups = tasks_for(request.user)
    return render(request, "core/my_tasks.html", {"groups": groups})


@require_POST
@login_required
def switch_node(request: HttpRequest) -> HttpResponse:
    chosen = request.POST.get("node", "")
    if chosen not in {str(n.pk) for n in switchable_nodes(request.user)}:
        raise PermissionDenied
    request.session[SESSION_KEY] = chosen
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    return redirect(target)


@login_required
def org_tree(request: HttpRequest) -> HttpResponse:
    """The part of the organisation the user can see records or figures of."""
    nodes = list(org_policy.visible_to(request.user).order_by("path"))
    if not nodes:
        raise PermissionDenied
    top_depth = min(n.depth for n in nodes)
    return render(request, "core/org_tree.html", {"nodes": nodes, "top_depth": top_depth})


def _record_for(user, content_type_id: int, object_id: str, action: str):
    try:
        ct = ContentType.objects.get_for_id(content_type_id)
    except ContentType.DoesNotExist:
        raise Http404 from None
    model = ct.model_class()
    if model is None:
        raise Http404
    try:
        policy = policy_for(model)
    except LookupError:
        raise Http404 from None
    return get_for_user(user, model, object_id, action), policy


@require_POST
@login_required
def attachment_upload(request: HttpRequest, content_type_id: int, object_id: str) -> HttpResponse:
    record, _policy = _record_for(request.user, content_type_id, object_id, "attach")
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(
                actor=request.user, record=record, upload=form.cleaned_data["file"]
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Filen är bifogad."))
    else:
        messages.error(request, _("Välj en fil att bifoga."))
    return redirect(record)


def _visible_attachment(user, pk) -> tuple[Attachment, Any]:
    try:
        attachment = Attachment.objects.select_related("content_type").get(pk=pk)
    except (Attachment.DoesNotExist, ValidationError, ValueError):
        raise Http404 from None
    record, policy = _record_for(user, attachment.content_type_id, attachment.object_id, "view")
    return attachment, record


@require_GET
@login_required
def attachment_download(request: HttpRequest, pk) -> HttpResponse:
    attachment, record = _visible_attachment(request.user, pk)
    audit.record_read(request.user, attachment, what=attachment.original_name)
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.mime_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@login_required
def attachment_delete(request: HttpRequest, pk) -> HttpResponse:
    attachment, record = _visible_attachment(request.user, pk)
    services.attachment_delete(actor=request.user, attachment=attachment)
    messages.success(request, _("Bilagan är borttagen."))
    return redirect(record)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy"
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
