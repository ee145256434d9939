"""Every change of a risk analysis or a risk: typed, keyword-only, atomic, audited.

A signed-off analysis is frozen: its details and risks can no longer change. To
review it, revise it: a new draft copies the risks and replaces the signed one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kvalitetsnav.access.policies import has_cap
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.accounts.models import User
from kvalitetsnav.actions import services as action_services
from kvalitetsnav.actions.models import Action
from kvalitetsnav.core import audit
from kvalitetsnav.core.concurrency import save_versioned
from kvalitetsnav.core.models import OrgNode
from kvalitetsnav.lib.personnummer import validate_no_identity_number

from .models import Occasion, Risk, RiskAnalysis
from .policies import analysis_policy, risk_policy
from .shipped import TEMPLATES_BY_KEY

_CONFLICT = _(
    "Någon annan har ändrat posten medan du arbetade. Ladda om sidan och gör om ändringen."
)


def _free_text(**fields: str) -> None:
    errors: dict[str, list[str]] = {}
    for name, value in fields.items():
        try:
            validate_no_identity_number(value or "")
        except ValidationError as exc:
            errors[name] = exc.messages
    if errors:
        raise ValidationError(errors)


def _refuse_if_signed(analysis: RiskAnalysis) -> None:
    if analysis.is_signed_off:
        raise ValidationError(
            _(
                "Riskanalysen är fastställd och kan inte ändras. "
                "Revidera den för att göra ändringar."
            )
        )


def _check_analysis(*, title: str, occasion: str, analysed_on: dt.date | None) -> None:
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Ge riskanalysen en rubrik.")]
    if occasion not in Occasion.values:
        errors["occasion"] = [_("Välj anledning till riskanalysen.")]
    if analysed_on is None:
        errors["analysed_on"] = [_("Ange datum för analysen.")]
    if errors:
        raise ValidationError(errors)


def risk_analysis_create(
    *,
    actor: User,
    title: str,
    occasion: str,
    node: OrgNode,
    analysed_on: dt.date,
    participants: str = "",
) -> RiskAnalysis:
    """Start a risk analysis of ``node``; the actor must manage it."""
    if not has_cap(actor, Cap.MANAGE_RECORDS, node):
        raise PermissionDenied
    _check_analysis(title=title, occasion=occasion, analysed_on=analysed_on)
    _free_text(participants=participants, title=title)
    analysis = RiskAnalysis(
        title=title.strip(),
        occasion=occasion,
        node=node,
        analysed_on=analysed_on,
        participants=participants.strip(),
        created_by=actor,
    )
    analysis.full_clean()
    with transaction.atomic():
        analysis.save()
        audit.record_create(actor, analysis)
    return analysis


_ANALYSIS_FIELDS = ("title", "occasion", "node", "analysed_on", "participants")


def risk_analysis_update(
    *, actor: User, analysis: RiskAnalysis, version: int, **changes: Any
) -> RiskAnalysis:
    unknown = set(changes) - set(_ANALYSIS_FIELDS)
    if unknown:
        raise TypeError(f"Not editable: {', '.join(sorted(unknown))}")
    if not analysis_policy.can(actor, "change", analysis):
        raise PermissionDenied
    _refuse_if_signed(analysis)
    new_node = changes.get("node", analysis.node)
    if not has_cap(actor, Cap.MANAGE_RECORDS, new_node):
        raise ValidationError({"node": _("Du kan inte flytta riskanalysen dit.")})
    merged = {name: changes.get(name, getattr(analysis, name)) for name in _ANALYSIS_FIELDS}
    _check_analysis(
        title=merged["title"], occasion=merged["occasion"], analysed_on=merged["analysed_on"]
    )
    _free_text(participants=merged["participants"], title=merged["title"])
    with transaction.atomic():
        before = audit.snapshot(analysis)
        for name, value in changes.items():
            setattr(analysis, name, value.strip() if isinstance(value, str) else value)
        analysis.full_clean()
        save_versioned(analysis, version, _CONFLICT)
        if "node" in changes:
            analysis.risks.update(node=new_node)
        audit.record_update(actor, analysis, before)
    return analysis


def risk_analysis_sign_off(*, actor: User, analysis: RiskAnalysis, version: int) -> RiskAnalysis:
    """Fix the analysis as it stands (*fastställa*); from now on it cannot change."""
    if not analysis_policy.can(actor, "change", analysis):
        raise PermissionDenied
    _refuse_if_signed(analysis)
    if not analysis.risks.exists():
        raise ValidationError(_("Lägg till minst en risk innan analysen fastställs."))
    with transaction.atomic():
        before = audit.snapshot(analysis)
        analysis.signed_off_by = actor
        analysis.signed_off_at = timezone.now()
        save_versioned(analysis, version, _CONFLICT)
        audit.record_update(actor, analysis, before)
    return analysis


def risk_analysis_revise(*, actor: User, analysis: RiskAnalysis) -> RiskAnalysis:
    """A new draft of a signed-off analysis, with its risks copied, replacing it."""
    if not analysis_policy.can(actor, "change", analysis):
        raise PermissionDenied
    if not analysis.is_signed_off:
        raise ValidationError(_("Bara en fastställd riskanalys kan revideras."))
    if analysis.replaced_by_id:
        raise ValidationError(_("Riskanalysen är redan reviderad."))
    with transaction.atomic():
        draft = risk_analysis_create(
            actor=actor,
            title=analysis.title,
            occasion=analysis.occasion,
            node=analysis.node,
            analysed_on=timezone.localdate(),
            participants=analysis.participants,
        )
        for risk in analysis.risks.all():
            copy = Risk(
                analysis=draft,
                node=draft.node,
                **{
                    name: getattr(risk, name)
                    for name in (
                        "title", "process", "causes", "probability", "consequence", "score",
                        "existing_controls", "residual_probability", "residual_consequence",
                        "owner", "review_date", "template_key",
                    )
                },
            )  # fmt: skip
            copy.save()
            audit.record_create(actor, copy)
            # The planned actions follow the risk into the new edition.
            Action.objects.linked_to(risk).update(source_id=str(copy.pk))
        before = audit.snapshot(analysis)
        RiskAnalysis.objects.filter(pk=analysis.pk).update(replaced_by=draft)
        analysis.replaced_by = draft
        audit.record_update(actor, analysis, before)
    return draft


_RISK_FIELDS = (
    "title", "process", "causes", "probability", "consequence", "existing_controls",
    "residual_probability", "residual_consequence", "owner", "review_date",
)  # fmt: skip


def _check_risk(values: dict[str, Any], analysis: RiskAnalysis) -> None:
    errors: dict[str, list[str]] = {}
    if not (values.get("title") or "").strip():
        errors["title"] = [_("Beskriv vad som kan hända.")]
    for name in ("probability", "consequence"):
        if values.get(name) not in (1, 2, 3, 4):
            errors[name] = [_("Välj ett värde från 1 till 4.")]
    for name in ("residual_probability", "residual_consequence"):
        if values.get(name) not in (None, 1, 2, 3, 4):
            errors[name] = [_("Välj ett värde från 1 till 4, eller lämna tomt.")]
    if bool(values.get("residual_probability")) != bool(values.get("residual_consequence")):
        field = (
            "residual_consequence" if values.get("residual_probability") else "residual_probability"
        )
        errors.setdefault(field, [_("Bedöm både sannolikhet och konsekvens efter åtgärder.")])
    review = values.get("review_date")
    if review and review < analysis.analysed_on:
        errors["review_date"] = [_("Uppföljningen kan inte ligga före analysens datum.")]
    owner = values.get("owner")
    if owner is not None and not owner.is_active:
        errors["owner"] = [_("Riskägaren är inte längre aktiv.")]
    if errors:
        raise ValidationError(errors)
    _free_text(
        title=values.get("title", ""),
        process=values.get("process", ""),
        causes=values.get("causes", ""),
        existing_controls=values.get("existing_controls", ""),
    )


def risk_add(*, actor: User, analysis: RiskAnalysis, template_key: str = "", **values: Any) -> Risk:
    """Add a rated risk to an open analysis; the score is probability × consequence."""
    unknown = set(values) - set(_RISK_FIELDS)
    if unknown:
        raise TypeError(f"Unknown: {', '.join(sorted(unknown))}")
    if not analysis_policy.can(actor, "change", analysis):
        raise PermissionDenied
    _refuse_if_signed(analysis)
    _check_risk(values, analysis)
    if template_key and template_key not in TEMPLATES_BY_KEY:
        template_key = ""
    risk = Risk(analysis=analysis, node=analysis.node, template_key=template_key)
    for name, value in values.items():
        setattr(risk, name, value.strip() if isinstance(value, str) else value)
    risk.score = risk.probability * risk.consequence
    risk.full_clean()
    with transaction.atomic():
        risk.save()
        audit.record_create(actor, risk)
    return risk


def risk_update(*, actor: User, risk: Risk, version: int, **changes: Any) -> Risk:
    unknown = set(changes) - set(_RISK_FIELDS)
    if unknown:
        raise TypeError(f"Not editable: {', '.join(sorted(unknown))}")
    if not risk_policy.can(actor, "change", risk):
        raise PermissionDenied
    _refuse_if_signed(risk.analysis)
    merged = {name: changes.get(name, getattr(risk, name)) for name in _RISK_FIELDS}
    _check_risk(merged, risk.analysis)
    with transaction.atomic():
        before = audit.snapshot(risk)
        old_review = risk.review_date
        for name, value in changes.items():
            setattr(risk, name, value.strip() if isinstance(value, str) else value)
        risk.score = risk.probability * risk.consequence
        if risk.review_date != old_review:
            risk.reminded_for = None  # a new review date earns a new reminder
        risk.full_clean()
        save_versioned(risk, version, _CONFLICT)
        audit.record_update(actor, risk, before)
    return risk


def risk_create_action(
    *,
    actor: User,
    risk: Risk,
    title: str,
    description: str = "",
    owner: User | None = None,
    due_date: dt.date | None = None,
) -> Action:
    """A planned action against the risk, in the actions register, linked back to it."""
    if not risk_policy.can(actor, "change", risk):
        raise PermissionDenied
    _free_text(title=title, description=description)
    if not title.strip():
        raise ValidationError({"title": [_("Beskriv åtgärden.")]})
    return action_services.action_create(
        actor=actor,
        title=title,
        description=description,
        node=risk.node,
        owner=owner,
        due_date=due_date,
        source=risk,
    )
