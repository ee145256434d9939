"""The annual wheel and case-review samples: plans that generate inspections, reproducible draws."""

from __future__ import annotations

import datetime as dt
import random
import re
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kvalitetsnav.access.policies import has_cap
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.accounts.models import User
from kvalitetsnav.core import audit
from kvalitetsnav.core.models import OrgNode
from kvalitetsnav.lib.personnummer import contains_identity_number

from .models import Plan, Recurrence, Sample, Template, TemplateVersion, months_for
from .services import inspection_create

MAX_POPULATION = 5000
REFERENCE_RE = re.compile(r"^[\w./:-]{1,40}$")


def plan_create(
    *,
    actor: User,
    template: Template,
    node: OrgNode,
    year: int,
    recurrence: str,
    start_month: int = 1,
    months: list[int] | None = None,
    responsible: User | None = None,
) -> Plan:
    """Put a template in a unit's annual wheel and plan one inspection per month it falls in."""
    if not has_cap(actor, Cap.MANAGE_RECORDS, node):
        raise PermissionDenied
    version = template.latest_published()
    if version is None:
        raise ValidationError({"template": _("Mallen har ingen publicerad version ännu.")})
    if not 1 <= start_month <= 12:
        raise ValidationError({"start_month": _("Välj en månad mellan 1 och 12.")})
    if recurrence not in Recurrence.values:
        raise ValidationError({"recurrence": _("Välj hur ofta kontrollen ska göras.")})
    chosen = sorted(set(months)) if months else months_for(recurrence, start_month)
    if any(not 1 <= m <= 12 for m in chosen):
        raise ValidationError({"months": _("Månaderna måste ligga mellan 1 och 12.")})
    plan = Plan(
        template=template,
        node=node,
        year=year,
        recurrence=recurrence,
        months=chosen,
        responsible=responsible,
        created_by=actor,
    )
    plan.full_clean()
    with transaction.atomic():
        plan.save()
        audit.record_create(actor, plan)
        for month in chosen:
            inspection_create(
                actor=actor,
                version=version,
                node=node,
                due_month=dt.date(year, month, 1),
                responsible=responsible,
                plan=plan,
                audit_log=False,
            )
    return plan


def parse_population(text: str) -> list[str]:
    """Case references, one a line (or separated by commas or semicolons), in the given order."""
    references = [part.strip() for part in re.split(r"[\n,;]+", text or "") if part.strip()]
    if any(contains_identity_number(ref) for ref in references):
        raise ValidationError(
            {
                "population": _(
                    "Listan innehåller något som ser ut som ett personnummer. Använd bara "
                    "ärendenas kodade referenser."
                )
            }
        )
    bad = [ref for ref in references if not REFERENCE_RE.match(ref)]
    if bad:
        raise ValidationError(
            {
                "population": _("Ogiltig referens: %(refs)s. Använd bokstäver, siffror och - _ . /")
                % {"refs": ", ".join(bad[:5])}
            }
        )
    seen: set[str] = set()
    duplicates = [ref for ref in references if ref in seen or seen.add(ref)]
    if duplicates:
        raise ValidationError(
            {
                "population": _("Dubbletter i listan: %(refs)s.")
                % {"refs": ", ".join(sorted(set(duplicates))[:5])}
            }
        )
    return references


def population_from_range(prefix: str, first: int, last: int) -> list[str]:
    """References ``prefix-0001`` … for a numbered case range, e.g. a list from the case system."""
    if first < 1 or last < first:
        raise ValidationError({"last": _("Ange ett intervall där det sista talet är störst.")})
    if last - first + 1 > MAX_POPULATION:
        raise ValidationError({"last": _("Högst %(n)s ärenden per urval.") % {"n": MAX_POPULATION}})
    width = max(4, len(str(last)))
    prefix = prefix.strip() or "A"
    return parse_population("\n".join(f"{prefix}-{n:0{width}d}" for n in range(first, last + 1)))


def draw(population: list[str], size: int, seed: int) -> list[str]:
    """The same population, size and seed always give the same cases, without duplicates."""
    return random.Random(seed).sample(sorted(population), size)


def sample_draw(
    *,
    actor: User,
    version: TemplateVersion,
    node: OrgNode,
    population: list[str],
    size: int,
    due_month: dt.date,
    seed: int | None = None,
    responsible: User | None = None,
) -> Sample:
    """Draw ``size`` cases at random and plan one case-review protocol for each."""
    if not has_cap(actor, Cap.MANAGE_RECORDS, node):
        raise PermissionDenied
    if not version.published:
        raise ValidationError({"template": _("Bara en publicerad mall kan användas.")})
    if not population:
        raise ValidationError({"population": _("Ange ärendena att dra ur.")})
    if size < 1:
        raise ValidationError({"size": _("Dra minst ett ärende.")})
    if size > len(population):
        raise ValidationError(
            {
                "size": _("Urvalet (%(size)s) är större än antalet ärenden att dra ur (%(n)s).")
                % {"size": size, "n": len(population)}
            }
        )
    seed = seed if seed is not None else secrets.randbelow(2**31)
    drawn = draw(population, size, seed)
    sample = Sample(
        template_version=version,
        node=node,
        size=size,
        seed=seed,
        population=population,
        drawn=drawn,
        due_month=due_month.replace(day=1),
        responsible=responsible,
        created_by=actor,
    )
    sample.full_clean()
    with transaction.atomic():
        sample.save()
        audit.record_create(actor, sample)
        for reference in drawn:
            inspection_create(
                actor=actor,
                version=version,
                node=node,
                due_month=due_month,
                responsible=responsible,
                case_reference=reference,
                sample=sample,
                audit_log=False,
            )
    return sample
