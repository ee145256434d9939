"""Pages of lärdomar och goda exempel: read by every role, published by a few."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kvalitetsnav.access.policies import get_for_user, grants, policy_for
from kvalitetsnav.core.views import apply_errors, paginate

from . import services
from .forms import LessonFilterForm, LessonForm
from .models import Lesson
from .policies import can_publish, lesson_policy


def _readers_only(user) -> None:
    if not grants(user):
        raise PermissionDenied


@login_required
def lesson_list(request: HttpRequest) -> HttpResponse:
    _readers_only(request.user)
    form = LessonFilterForm(request.GET or None)
    lessons = form.apply(lesson_policy.visible_to(request.user)) if form.is_bound else None
    if lessons is None:
        lessons = lesson_policy.visible_to(request.user)
    page = paginate(request, lessons.select_related("node").order_by("-created_at"))
    return render(
        request,
        "lessons/list.html",
        {"filter_form": form, "page": page, "can_publish": can_publish(request.user)},
    )


@login_required
def lesson_create(request: HttpRequest) -> HttpResponse:
    if not can_publish(request.user):
        raise PermissionDenied
    token = request.POST.get("source") or request.GET.get("kalla", "")
    source = services.source_from_token(request.user, token)
    initial = {"source": services.source_token(source)} if source else {}
    if source is not None and hasattr(source, "theme") and source.theme:
        initial["theme"] = source.theme
    form = LessonForm(request.POST or None, user=request.user, initial=initial)
    if form.is_valid():
        data = form.cleaned_data
        try:
            lesson = services.lesson_publish(
                actor=request.user,
                source=source,
                **{name: data[name] for name in ("kind", "title", "text", "theme", "area", "node")},
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Lärdomen är publicerad för alla stadsdelar."))
            return redirect(lesson)
    return render(
        request,
        "lessons/form.html",
        {"form": form, "title": _("Dela en lärdom"), "source": source},
    )


def _visible_source(user, lesson: Lesson):
    """The source record if the reader may open it; otherwise only its kind is named."""
    if not lesson.source_type_id:
        return None, ""
    model = lesson.source_type.model_class()
    label = str(model._meta.verbose_name) if model else ""
    try:
        record = policy_for(model).visible_to(user).filter(pk=lesson.source_id).first()
    except (LookupError, ValueError, ValidationError):
        record = None
    return record, label


@login_required
def lesson_detail(request: HttpRequest, pk) -> HttpResponse:
    lesson = get_for_user(request.user, Lesson, pk)
    source, source_label = _visible_source(request.user, lesson)
    return render(
        request,
        "lessons/detail.html",
        {
            "lesson": lesson,
            "source": source,
            "source_label": source_label,
            "can_change": lesson_policy.can(request.user, "change", lesson),
        },
    )


@login_required
def lesson_edit(request: HttpRequest, pk) -> HttpResponse:
    lesson = get_for_user(request.user, Lesson, pk, "change")
    form = LessonForm(request.POST or None, instance=lesson, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.lesson_update(
                actor=request.user,
                lesson=Lesson.objects.get(pk=pk),
                version=data["version"] or 0,
                **{name: data[name] for name in services.EDITABLE},
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect(lesson)
    return render(
        request, "lessons/form.html", {"form": form, "title": _("Ändra lärdom"), "back": lesson}
    )


@require_POST
@login_required
def lesson_withdraw(request: HttpRequest, pk) -> HttpResponse:
    lesson = get_for_user(request.user, Lesson, pk, "change")
    services.lesson_withdraw(actor=request.user, lesson=lesson)
    messages.success(request, _("Lärdomen är borttagen."))
    return redirect("lessons:list")
