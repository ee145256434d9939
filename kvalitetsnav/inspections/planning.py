"""The annual wheel and case-review samples: plans that generate inspections, reproducible draws."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import re
import secrets
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kvalitetsnav.access.policies import has_cap
from kvalitetsnav.access.roles import Cap
from kvalitetsnav.accounts.models import User
from kvalitetsnav.core import audit
from kvalitetsnav.core.models import OrgNode
from kvalitetsnav.lib.personnummer import contains_identity_number

from .models import (
    Plan,
    Recurrence,
    ReviewRound,
    Sample,
    Template,
    TemplateVersion,
    months_for,
)
from .policies import may_review
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
    if not may_review(actor, node):
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


# Review rounds: N per unit or district over several at once -------------------------------


def derived_seed(seed: int, node: OrgNode) -> int:
    """The seed of one unit's draw in a round: the round's seed and the unit's code, hashed.

    Anyone can recompute it (SHA-256 of ``"<seed>:<code>"``, first seven bytes), so one
    recorded number reproduces every unit's draw, and units never share a draw.
    """
    digest = hashlib.sha256(f"{seed}:{node.code}".encode()).digest()
    return int.from_bytes(digest[:7], "big")


def parse_round_population(text: str, nodes: Sequence[OrgNode]) -> dict[object, list[str]]:
    """Lines ``<unit code>;<case reference>`` (or tab or comma) grouped per chosen unit."""
    by_code = {n.code: n for n in nodes}
    grouped: dict[str, list[str]] = {n.code: [] for n in nodes}
    unknown: list[str] = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        parts = re.split(r"[;\t,]", line, maxsplit=1)
        if len(parts) != 2 or not parts[1].strip():
            raise ValidationError(
                {
                    "population": _(
                        "Raden ”%(line)s” saknar kod eller referens. Skriv kod;referens."
                    )
                    % {"line": line.strip()[:40]}
                }
            )
        code, reference = parts[0].strip(), parts[1].strip()
        if code not in by_code:
            unknown.append(code)
            continue
        grouped[code].append(reference)
    if unknown:
        raise ValidationError(
            {
                "population": _(
                    "Koderna %(codes)s hör inte till de valda enheterna eller stadsdelarna."
                )
                % {"codes": ", ".join(sorted(set(unknown))[:5])}
            }
        )
    result: dict[object, list[str]] = {}
    for code, references in grouped.items():
        try:
            result[by_code[code].pk] = parse_population("\n".join(references))
        except ValidationError as exc:
            message = exc.message_dict["population"][0]
            raise ValidationError({"population": f"{by_code[code].name}: {message}"}) from None
    return result


def round_population_from_count(nodes: Sequence[OrgNode], count: int) -> dict[object, list[str]]:
    """Without a list: cases numbered 1..count in each unit, ``<code>-0001`` and on."""
    return {n.pk: population_from_range(n.code, 1, count) for n in nodes}


def _common_ancestor(nodes: Sequence[OrgNode]) -> OrgNode:
    paths = [[p for p in n.path.split("/") if p] for n in nodes]
    common: list[str] = []
    for parts in zip(*paths, strict=False):
        if len(set(parts)) != 1:
            break
        common.append(parts[0])
    return OrgNode.objects.get(path="/" + "/".join(common) + "/")


def round_draw(
    *,
    actor: User,
    version: TemplateVersion,
    title: str,
    nodes: Sequence[OrgNode],
    populations: dict[object, list[str]],
    size_per_node: int,
    due_month: dt.date,
    seed: int | None = None,
    responsible: User | None = None,
) -> ReviewRound:
    """Draw ``size_per_node`` cases in each unit or district at once, from one recorded seed.

    Each unit gets a :class:`Sample` with its own population and derived seed, and one
    case-review protocol per drawn case. Nothing is drawn unless every unit can be.
    """
    nodes = sorted({n.pk: n for n in nodes}.values(), key=lambda n: n.path)
    if len(nodes) < 1:
        raise ValidationError({"nodes": _("Välj minst en enhet eller stadsdel.")})
    nested = [
        n.name for n in nodes if any(o.pk != n.pk and n.path.startswith(o.path) for o in nodes)
    ]
    if nested:
        raise ValidationError(
            {
                "nodes": _("%(names)s ingår redan i en annan vald del av organisationen.")
                % {"names": ", ".join(nested)}
            }
        )
    if any(not may_review(actor, n) for n in nodes):
        raise PermissionDenied
    if not version.published:
        raise ValidationError({"template": _("Bara en publicerad mall kan användas.")})
    if size_per_node < 1:
        raise ValidationError({"size_per_node": _("Dra minst ett ärende per enhet.")})
    short = []
    for node in nodes:
        population = populations.get(node.pk) or []
        if len(population) < size_per_node:
            short.append(f"{node.name} ({len(population)})")
    if short:
        raise ValidationError(
            {
                "population": _(
                    "Urvalet (%(size)s per enhet) är större än antalet ärenden att dra ur i: "
                    "%(units)s."
                )
                % {"size": size_per_node, "units": ", ".join(short)}
            }
        )
    title = title.strip()
    if not title:
        raise ValidationError({"title": _("Ge granskningen en benämning.")})
    seed = seed if seed is not None else secrets.randbelow(2**31)
    review_round = ReviewRound(
        template_version=version,
        title=title,
        scope=_common_ancestor(nodes),
        size_per_node=size_per_node,
        seed=seed,
        due_month=due_month.replace(day=1),
        responsible=responsible,
        created_by=actor,
    )
    review_round.full_clean()
    with transaction.atomic():
        review_round.save()
        audit.record_create(actor, review_round)
        for node in nodes:
            node_seed = derived_seed(seed, node)
            drawn = draw(populations[node.pk], size_per_node, node_seed)
            sample = Sample.objects.create(
                template_version=version,
                node=node,
                size=size_per_node,
                seed=node_seed,
                population=populations[node.pk],
                drawn=drawn,
                due_month=review_round.due_month,
                responsible=responsible,
                created_by=actor,
                round=review_round,
            )
            for reference in drawn:
                inspection_create(
                    actor=actor,
                    version=version,
                    node=node,
                    due_month=review_round.due_month,
                    responsible=responsible,
                    case_reference=reference,
                    sample=sample,
                    audit_log=False,
                )
    return review_round
