"""Pages of egenkontroll: thin views over the policies, forms, services and statistics."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kvalitetsnav.access.policies import get_for_user, has_cap, nodes_with
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.actions.models import Action
from kvalitetsnav.core import panels
from kvalitetsnav.core.models import OrgNode
from kvalitetsnav.core.views import apply_errors, paginate, record_context

from . import planning, services, statistics
from .forms import (
    MONTH_SHORT,
    AnswerForm,
    FindingActionForm,
    InspectionFilterForm,
    PlanForm,
    QuestionForm,
    SampleForm,
    SectionForm,
    TemplateForm,
    initial_answers,
)
from .models import (
    FINDINGS,
    AnswerType,
    Inspection,
    Purpose,
    Question,
    ReviewRound,
    Sample,
    Section,
    Template,
    TemplateVersion,
)
from .policies import may_build, policy, review_nodes, round_policy, template_policy

# Inspections ----------------------------------------------------------------------------


@login_required
def inspection_list(request: HttpRequest) -> HttpResponse:
    if not has_cap(request.user, Cap.VIEW_RECORDS):
        raise PermissionDenied
    form = InspectionFilterForm(request.GET or None, user=request.user)
    inspections = form.apply(policy.visible_to(request.user), request.user)
    page = paginate(
        request,
        inspections.select_related("node", "responsible", "template_version__template").order_by(
            "due_month", "node__name", "case_reference"
        ),
    )
    return render(
        request,
        "inspections/list.html",
        {
            "filter_form": form,
            "page": page,
            "can_plan": has_cap(request.user, Cap.MANAGE_RECORDS),
            "today": timezone.localdate(),
        },
    )


def _answer_page(
    request, inspection: Inspection, form=None, action_form=None, action_answer=None
) -> HttpResponse:
    can_answer = policy.can(request.user, "answer", inspection) and not inspection.is_done
    questions = list(inspection.template_version.questions())
    if form is None and can_answer:
        form = AnswerForm(
            inspection=inspection, questions=questions, initial=initial_answers(inspection)
        )
    answers = {a.question_id: a for a in inspection.answers.select_related("action")}
    sections: list[tuple[Section, list]] = []
    rows = form.rows() if form is not None else [(q, None, None) for q in questions]
    for question, value_field, reason_field in rows:
        if not sections or sections[-1][0].pk != question.section_id:
            sections.append((question.section, []))
        sections[-1][1].append((question, value_field, reason_field, answers.get(question.pk)))
    # Every saved nej or delvis, while filling in and after sign-off, with its own form
    # (or the action it already became).
    findings = [
        (
            answers[q.pk],
            action_form
            if action_answer is not None and action_answer.pk == answers[q.pk].pk
            else FindingActionForm(auto_id=f"id_{answers[q.pk].pk}_%s"),
        )
        for q in questions
        if q.pk in answers and answers[q.pk].is_finding
    ]
    return render(
        request,
        "inspections/detail.html",
        {
            "inspection": inspection,
            "findings": findings,
            "review_round": _visible_round(request.user, inspection),
            "form": form,
            "sections": sections,
            "can_answer": can_answer,
            "can_act": has_cap(request.user, Cap.MANAGE_RECORDS, inspection.node),
            "linked_actions": Action.objects.linked_to(inspection).select_related("node"),
            "panels": panels.render_panels(request, inspection),
            **record_context(request, inspection, policy),
        },
    )


def _visible_round(user, inspection: Inspection) -> ReviewRound | None:
    """The review round the protocol belongs to, when the user may see its comparison."""
    if inspection.sample_id is None or inspection.sample.round_id is None:
        return None
    return round_policy.visible_to(user).filter(pk=inspection.sample.round_id).first()


@login_required
def inspection_detail(request: HttpRequest, pk) -> HttpResponse:
    inspection = get_for_user(request.user, Inspection, pk)
    if request.method != "POST":
        return _answer_page(request, inspection)
    if not policy.can(request.user, "answer", inspection):
        raise PermissionDenied
    questions = list(inspection.template_version.questions())
    form = AnswerForm(request.POST, inspection=inspection, questions=questions)
    complete = "complete" in request.POST
    if form.is_valid():
        try:
            services.inspection_save(
                actor=request.user,
                inspection=inspection,
                version=form.cleaned_data["version"],
                answers=form.answers(),
                summary=form.cleaned_data["summary"],
                complete=complete,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            if complete:
                messages.success(request, _("Egenkontrollen är klar."))
            else:
                messages.success(request, _("Svaren är sparade. Du kan fortsätta senare."))
            open_findings = inspection.answers.filter(
                choice__in=FINDINGS, question__answer_type=AnswerType.CHOICE, action__isnull=True
            ).count()
            if open_findings and has_cap(request.user, Cap.MANAGE_RECORDS, inspection.node):
                messages.info(
                    request,
                    ngettext(
                        "Ett svar är nej eller delvis. Skapa en åtgärd för det under Fynd.",
                        "%(n)s svar är nej eller delvis. Skapa åtgärder för dem under Fynd.",
                        open_findings,
                    )
                    % {"n": open_findings},
                )
                return redirect(f"{inspection.get_absolute_url()}#fynd")
            return redirect(inspection)
    messages.error(request, _("Något behöver rättas. Det du skrev finns kvar."))
    return _answer_page(request, inspection, form=form)


@require_POST
@login_required
def finding_action(request: HttpRequest, pk, answer_pk) -> HttpResponse:
    inspection = get_for_user(request.user, Inspection, pk)
    if not has_cap(request.user, Cap.MANAGE_RECORDS, inspection.node):
        raise PermissionDenied
    answer = inspection.answers.select_related("question").filter(pk=answer_pk).first()
    if answer is None:
        raise Http404
    form = FindingActionForm(request.POST, auto_id=f"id_{answer.pk}_%s")
    if form.is_valid():
        try:
            services.finding_action_create(
                actor=request.user,
                inspection=inspection,
                answer=answer,
                title=form.cleaned_data["title"],
                due_date=form.cleaned_data["due_date"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Åtgärden är registrerad."))
            return redirect(f"{inspection.get_absolute_url()}#fynd")
    messages.error(request, _("Något behöver rättas. Det du skrev finns kvar."))
    return _answer_page(request, inspection, action_form=form, action_answer=answer)


# Templates and the builder ----------------------------------------------------------------


def _require_records(user) -> None:
    if not has_cap(user, Cap.VIEW_RECORDS):
        raise PermissionDenied


@login_required
def template_list(request: HttpRequest) -> HttpResponse:
    _require_records(request.user)
    templates = template_policy.visible_to(request.user).prefetch_related("versions")
    return render(
        request,
        "inspections/template_list.html",
        {"templates": templates, "can_create": has_cap(request.user, Cap.MANAGE_RECORDS)},
    )


@login_required
def template_create(request: HttpRequest) -> HttpResponse:
    if not has_cap(request.user, Cap.MANAGE_RECORDS):
        raise PermissionDenied
    form = TemplateForm(request.POST or None, user=request.user)
    if form.is_valid():
        try:
            template = services.template_create(
                actor=request.user, **{k: form.cleaned_data[k] for k in form.Meta.fields}
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect(template.draft())
    return render(request, "inspections/form.html", {"form": form, "title": _("Ny mall")})


@login_required
def template_detail(request: HttpRequest, pk) -> HttpResponse:
    template = get_for_user(request.user, Template, pk)
    return render(
        request,
        "inspections/template_detail.html",
        {
            "template": template,
            "versions": template.versions.order_by("-number"),
            "can_build": may_build(request.user, template),
        },
    )


@require_POST
@login_required
def template_edit(request: HttpRequest, pk) -> HttpResponse:
    template = get_for_user(request.user, Template, pk, "change")
    draft = services.template_draft(actor=request.user, template=template)
    return redirect(draft)


@login_required
def version_detail(request: HttpRequest, pk, section_form=None) -> HttpResponse:
    version = get_for_user(request.user, TemplateVersion, pk)
    can_build = may_build(request.user, version.template) and not version.published
    sections = list(version.sections.prefetch_related("questions__quality_areas"))
    return render(
        request,
        "inspections/version.html",
        {
            "version": version,
            "sections": sections,
            "can_build": can_build,
            "section_form": section_form or SectionForm(),
            "is_survey": version.template.purpose == Purpose.SURVEY,
        },
    )


@require_POST
@login_required
def version_build(request: HttpRequest, pk) -> HttpResponse:
    """The builder's buttons: add a section, move up or down, remove a question, publish."""
    version = get_for_user(request.user, TemplateVersion, pk, "change")
    op = request.POST.get("op", "")
    try:
        if op == "add_section":
            form = SectionForm(request.POST)
            if not form.is_valid():
                return version_detail(request, pk, section_form=form)
            services.section_add(
                actor=request.user, version=version, title=form.cleaned_data["title"]
            )
        elif op in ("section_up", "section_down", "question_up", "question_down"):
            model = Section if op.startswith("section") else Question
            lookup = {"version": version} if model is Section else {"section__version": version}
            item = model.objects.filter(pk=request.POST.get("item"), **lookup).first()
            if item is None:
                raise Http404
            services.item_move(actor=request.user, item=item, direction=op.split("_")[1])
        elif op == "delete_question":
            item = Question.objects.filter(
                pk=request.POST.get("item"), section__version=version
            ).first()
            if item is None:
                raise Http404
            services.question_delete(actor=request.user, question=item)
        elif op == "publish":
            services.version_publish(actor=request.user, version=version)
            messages.success(request, _("Versionen är publicerad och kan nu planeras."))
        else:
            raise Http404
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect(version)


def _question_form(request, section: Section, question: Question | None) -> HttpResponse:
    initial = {}
    if question is not None:
        initial = {
            "quality_areas": list(question.quality_areas.all()),
            "reason_required_for": question.reason_required_for,
        }
    form = QuestionForm(request.POST or None, instance=question, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {
            k: form.cleaned_data[k]
            for k in (
                "text",
                "answer_type",
                "help_text",
                "rule_cited",
                "quality_areas",
                "reason_required_for",
            )
        }
        try:
            if question is None:
                services.question_add(actor=request.user, section=section, **data)
            else:
                services.question_update(
                    actor=request.user, question=Question.objects.get(pk=question.pk), **data
                )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect(section.version)
    title = _("Ny fråga i ”%(section)s”") % {"section": section.title}
    if question is not None:
        title = _("Ändra fråga")
    return render(
        request,
        "inspections/form.html",
        {"form": form, "title": title, "back": section.version.get_absolute_url()},
    )


@login_required
def question_add(request: HttpRequest, pk) -> HttpResponse:
    section = Section.objects.select_related("version__template").filter(pk=pk).first()
    if section is None:
        raise Http404
    get_for_user(request.user, TemplateVersion, section.version_id, "change")
    return _question_form(request, section, None)


@login_required
def question_edit(request: HttpRequest, pk) -> HttpResponse:
    question = Question.objects.select_related("section__version__template").filter(pk=pk).first()
    if question is None:
        raise Http404
    get_for_user(request.user, TemplateVersion, question.section.version_id, "change")
    return _question_form(request, question.section, question)


# The annual wheel -------------------------------------------------------------------------


@login_required
def plan_create(request: HttpRequest) -> HttpResponse:
    if not has_cap(request.user, Cap.MANAGE_RECORDS):
        raise PermissionDenied
    initial = {"node": request.active_node} if getattr(request, "active_node", None) else {}
    form = PlanForm(request.POST or None, user=request.user, initial=initial)
    if form.is_valid():
        try:
            plan = planning.plan_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("%(n)s egenkontroller är planerade.") % {"n": len(plan.months)}
            )
            return redirect(f"{_wheel_url()}?node={plan.node_id}&year={plan.year}")
    return render(
        request, "inspections/form.html", {"form": form, "title": _("Planera i årshjulet")}
    )


def _wheel_url() -> str:
    from django.urls import reverse

    return reverse("inspections:wheel")


def _year(request) -> int:
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    return min(max(year, 2000), 2100)


def _chosen_node(request, cap: Cap) -> tuple[list[OrgNode], OrgNode | None]:
    nodes = list(nodes_with(request.user, cap).active().order_by("path"))
    if not nodes:
        raise PermissionDenied
    chosen = next((n for n in nodes if str(n.pk) == request.GET.get("node")), None)
    if chosen is None:
        active = getattr(request, "active_node", None)
        chosen = next((n for n in nodes if active and n.pk == active.pk), nodes[0])
    return nodes, chosen


@login_required
def wheel(request: HttpRequest) -> HttpResponse:
    """Twelve months per unit (or every unit of a department): planned, done, late."""
    nodes, node = _chosen_node(request, Cap.VIEW_RECORDS)
    year = _year(request)
    rows = statistics.wheel(request.user, node, year)
    top = min(n.depth for n in nodes)
    return render(
        request,
        "inspections/wheel.html",
        {
            "nodes": [(n, "– " * (n.depth - top)) for n in nodes],
            "node": node,
            "year": year,
            "rows": rows,
            "totals": statistics.wheel_totals(rows) if len(rows) > 1 else None,
            "months": MONTH_SHORT,
            "today": timezone.localdate(),
            "can_plan": has_cap(request.user, Cap.MANAGE_RECORDS),
        },
    )


# Samples ----------------------------------------------------------------------------------


@login_required
def sample_create(request: HttpRequest) -> HttpResponse:
    if not review_nodes(request.user).exists():
        raise PermissionDenied
    form = SampleForm(request.POST or None, user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["population"].strip():
                population = planning.parse_population(data["population"])
            else:
                population = planning.population_from_range(
                    data["prefix"], data["first"], data["last"]
                )
            version = data["template"].latest_published()
            sample = planning.sample_draw(
                actor=request.user,
                version=version,
                node=data["node"],
                population=population,
                size=data["size"],
                seed=data["seed"],
                due_month=data["due_month"],
                responsible=data["responsible"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Urvalet är draget."))
            return redirect(sample)
    return render(
        request,
        "inspections/form.html",
        {
            "form": form,
            "title": _("Dra ett slumpmässigt urval"),
            "submit": _("Dra ärendena"),
            "intro": _(
                "Ärendena dras slumpvis och ett granskningsprotokoll skapas för varje. "
                "Slumpfröet sparas så att dragningen kan upprepas och kontrolleras."
            ),
        },
    )


@login_required
def sample_detail(request: HttpRequest, pk) -> HttpResponse:
    sample = get_for_user(request.user, Sample, pk)
    inspections = policy.visible_to(request.user).filter(sample=sample).select_related("node")
    return render(
        request,
        "inspections/sample.html",
        {
            "sample": sample,
            "inspections": inspections.order_by("case_reference"),
            "review_round": round_policy.visible_to(request.user).filter(pk=sample.round_id).first()
            if sample.round_id
            else None,
        },
    )


# Figures ----------------------------------------------------------------------------------


@login_required
def results(request: HttpRequest) -> HttpResponse:
    """Share of "ja" per quality area, unit and district, with n and a 95 % interval."""
    nodes, node = _chosen_node(request, Cap.VIEW_AGGREGATES)
    year = _year(request)
    purpose = request.GET.get("purpose", "")
    if purpose not in Purpose.values:
        purpose = ""
    top = min(n.depth for n in nodes)
    return render(
        request,
        "inspections/results.html",
        {
            "nodes": [(n, "– " * (n.depth - top)) for n in nodes],
            "node": node,
            "year": year,
            "purpose": purpose,
            "purposes": Purpose.choices,
            "result": statistics.results(request.user, year, root=node, purpose=purpose),
            "min_n": statistics.MIN_N,
            "can_view_records": has_cap(request.user, Cap.VIEW_RECORDS),
        },
    )


@login_required
def survey(request: HttpRequest, pk) -> HttpResponse:
    """A survey's answers summarised per question; free text only for record viewers."""
    if not has_cap(request.user, Cap.VIEW_AGGREGATES):
        raise PermissionDenied
    version = TemplateVersion.objects.select_related("template").filter(pk=pk).first()
    if version is None:
        raise Http404
    with_texts = has_cap(request.user, Cap.VIEW_RECORDS)
    within, scope = None, None
    if request.GET.get("omgang"):
        scope = get_for_user(request.user, ReviewRound, request.GET["omgang"])
        within = Q(sample__round=scope)
    elif request.GET.get("urval"):
        scope = get_for_user(request.user, Sample, request.GET["urval"])
        within = Q(sample=scope)
    count, summaries = statistics.survey_summary(
        request.user, version, with_texts=with_texts, within=within
    )
    return render(
        request,
        "inspections/survey.html",
        {
            "version": version,
            "count": count,
            "summaries": summaries,
            "with_texts": with_texts,
            "scope": scope,
        },
    )
