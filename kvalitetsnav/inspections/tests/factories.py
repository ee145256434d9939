"""Builders for the inspections' tests and access walks (few rows, through the services)."""

import datetime as dt

from kvalitetsnav.inspections import planning, services
from kvalitetsnav.inspections.models import QualityArea


def make_template(w, *, purpose="egenkontroll", name="Dokumentation i hemtjänsten"):
    areas = {
        slug: QualityArea.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in (
            ("trygghet-sakerhet", "Trygghet och säkerhet"),
            ("effektivitet", "Effektivitet"),
        )
    }
    template = services.template_create(
        actor=w.quality_a, name=name, purpose=purpose, owner=w.board_a
    )
    version = template.draft()
    section = services.section_add(actor=w.quality_a, version=version, title="Genomförandeplan")
    services.question_add(
        actor=w.quality_a,
        section=section,
        text="Är planen upprättad i tid?",
        quality_areas=[areas["trygghet-sakerhet"]],
        reason_required_for=["nej", "delvis"],
    )
    services.question_add(
        actor=w.quality_a,
        section=section,
        text="Är målen mätbara?",
        quality_areas=[areas["effektivitet"]],
    )
    services.question_add(
        actor=w.quality_a, section=section, text="Övriga iakttagelser", answer_type="fritext"
    )
    services.version_publish(actor=w.quality_a, version=version)
    return template


def make_inspection(w, template=None, *, node=None, responsible=None, month=None):
    template = template or make_template(w)
    return services.inspection_create(
        actor=w.dept_head_a,
        version=template.latest_published(),
        node=node or w.unit_a,
        due_month=month or dt.date.today().replace(day=1),
        responsible=responsible or w.staff_a,
    )


def answers_for(inspection, choice="ja", reason=""):
    return {
        q.pk: {
            "value": choice if q.answer_type == "val" else "Inget att tillägga.",
            "reason": reason,
        }
        for q in inspection.template_version.questions()
    }


def make_done(w, inspection, choice="ja", reason="Stämmer i fem av fem akter."):
    return services.inspection_save(
        actor=w.dept_head_a,
        inspection=inspection,
        version=inspection.version,
        answers=answers_for(inspection, choice, reason),
        complete=True,
    )


def make_sample(w, template, size=2):
    return planning.sample_draw(
        actor=w.manager_a,
        version=template.latest_published(),
        node=w.unit_a,
        population=["BoU-1", "BoU-2", "BoU-3"],
        size=size,
        seed=7,
        due_month=dt.date.today(),
    )


def make_round(w, template=None, *, size=2, count=3, seed=11, nodes=None):
    """An inspector's case review of ``size`` cases in unit A and unit B (scope: the city)."""
    template = template or make_template(w, purpose="aktgranskning", name="Aktgranskning barn")
    nodes = nodes or [w.unit_a, w.unit_b]
    return planning.round_draw(
        actor=w.inspector,
        version=template.latest_published(),
        title="Aktgranskning 2026",
        nodes=nodes,
        populations=planning.round_population_from_count(nodes, count),
        size_per_node=size,
        due_month=dt.date.today(),
        seed=seed,
        responsible=w.inspector,
    )
