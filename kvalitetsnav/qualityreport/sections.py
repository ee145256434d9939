"""The sections of the quality report (seed 004) and the figures each one holds.

:func:`compute` asks every register once per table for the board and the two years
and returns, per section key, its tables, charts and a proposed first paragraph.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db.models import Count, F, Q
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _

from kvalitetsnav.core.models import OrgNode

from . import figures as f
from .figures import Scope, breakdown_table, chart_from, list_url, unit_table

SECTIONS: list[tuple[str, str]] = [
    ("inledning", "Inledning"),
    ("sammanfattning", "Sammanfattning"),
    ("kvalitetsarbete", "Kvalitetsarbete under året"),
    ("resultat", "Resultat och analys"),
    ("egenkontroll", "Egenkontroll"),
    ("synpunkter", "Synpunkter och klagomål"),
    ("avvikelser", "Avvikelser"),
    ("lex_sarah", "Avvikelse – lex Sarah"),
    ("lex_maria", "Avvikelse – lex Maria"),
    ("riskanalys", "Riskanalys"),
    ("forbattringsarbete", "Förbättringsarbete"),
    ("forbattringsomraden", "Förbättringsområden för kommande år"),
]
TITLES = dict(SECTIONS)

INTRODUCTION = (
    "Socialstyrelsen anger i föreskriften om ledningssystem för systematiskt kvalitetsarbete "
    "(SOSFS 2011:9) att varje vårdgivare inom socialtjänsten och enligt LSS bör upprätta en "
    "årlig, sammanhållen kvalitetsberättelse. Av den ska det framgå hur verksamheten under "
    "det gångna året har arbetat systematiskt och fortlöpande för att utveckla och säkra "
    "kvaliteten, vilka åtgärder som har vidtagits och vilka resultat som har uppnåtts. "
    "Kvalitetsberättelsen är ett centralt underlag för ledningens genomgång av "
    "ledningssystemets ändamålsenlighet."
)


def sv_number(value: Decimal | float | int, decimals: int = 2) -> str:
    """A number the Swedish way: a decimal comma and a space between thousands."""
    text = f"{value:,.{decimals}f}".replace(",", " ").replace(".", ",")
    return text


MONTHS = [
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
]  # fmt: skip


def sv_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def sv_list(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " " + _("och") + " " + items[-1]


def _value(table: dict[str, Any], kind: str = "total", index: int = 1) -> int:
    for row in table["rows"]:
        if row["kind"] == kind:
            return row["values"][index]
    return 0


def per_unit_sentences(table: dict[str, Any], year: int, verb: str, noun: str) -> list[str]:
    """'Inom X upprättades 29 avvikelser under 2025: 26 avvikelser vid Y och 3 avvikelser vid Z.'"""
    sentences: list[str] = []
    groups: list[tuple[str, int, list[tuple[str, int]]]] = []
    for row in table["rows"]:
        if row["kind"] == "department":
            label = row["label"]
            if label.startswith("Avdelning"):
                label = label[0].lower() + label[1:]
            groups.append((label, row["values"][1], []))
        elif row["kind"] == "unit" and row["values"][1] and groups:
            groups[-1][2].append((row["label"], row["values"][1]))
    for department, count, units in groups:
        sentence = f"Inom {department} {verb} {count} {noun} under {year}"
        if units:
            parts = [f"{n} {noun} vid {name}" for name, n in units]
            sentence += ": " + sv_list(parts)
        sentences.append(sentence + ".")
    return sentences


class Builder:
    """Computes each section's figures for one board and year."""

    def __init__(self, board: OrgNode, year: int):
        self.scope = Scope.of(board, year)
        self.year = year
        self.board = board
        self.summary: dict[str, dict[str, Any]] = {}

    # Registers ---------------------------------------------------------------

    def deviations(self) -> dict[str, Any]:
        from kvalitetsnav.deviations.models import Deviation

        s = self.scope

        def link(node, year):
            return list_url("deviations:list", node=(node or s.board).pk, **f.year_period(year))

        counts = f.count_by_node_year(s, Deviation.objects.all(), "occurred_at")
        table = unit_table(
            s,
            counts,
            key="deviations",
            title=_("Avvikelser per avdelning och enhet"),
            source=_("Avvikelseregistret: avvikelser efter händelsedatum."),
            link=link,
        )
        rows = (
            Deviation.objects.filter(node__path__startswith=s.board.path)
            .filter(
                f.year_q(Deviation, "occurred_at", s.year - 1)
                | f.year_q(Deviation, "occurred_at", s.year)
            )
            .annotate(y=ExtractYear("occurred_at"))
            .values("category_id", "category__name", "y")
            .annotate(n=Count("pk"))
            .order_by()
        )
        by_cat: dict[tuple[str, str], list[int]] = {}
        for row in rows:
            values = by_cat.setdefault((str(row["category_id"]), row["category__name"]), [0, 0])
            values[s.years.index(row["y"])] += row["n"]
        items = [
            (
                name,
                values,
                [
                    list_url("deviations:list", node=s.board.pk, category=pk, **f.year_period(y))
                    for y in s.years
                ],
            )
            for (pk, name), values in sorted(by_cat.items(), key=lambda i: -i[1][1])
        ]
        categories = breakdown_table(
            key="deviation_categories",
            title=_("Avvikelser per kategori"),
            source=_("Avvikelseregistret: avvikelser efter kategori och händelsedatum."),
            label=_("Kategori"),
            items=items,
            columns=[str(y) for y in s.years],
        )
        total, prev = _value(table), _value(table, index=0)
        text = [
            f"Under {s.year} upprättades totalt {total} avvikelser inom nämndens "
            f"verksamheter ({prev} under {s.year - 1})."
        ]
        text += per_unit_sentences(table, s.year, "upprättades", "avvikelser")
        self.summary["deviations"] = table
        return {
            "tables": [table, categories],
            "charts": [chart_from(table, title=_("Avvikelser per avdelning"))],
            "proposal": " ".join(text),
        }

    def feedback(self) -> dict[str, Any]:
        from kvalitetsnav.feedback.models import Feedback, Kind

        s = self.scope

        def link(node, year):
            return list_url(
                "feedback:list",
                node=(node or s.board).pk,
                **f.year_period(year, "period_from", "period_to"),
            )

        counts = f.count_by_node_year(s, Feedback.objects.all(), "received_on")
        table = unit_table(
            s,
            counts,
            key="feedback",
            title=_("Synpunkter och klagomål per avdelning och enhet"),
            source=_("Registret för synpunkter och klagomål: ärenden efter mottagningsdatum."),
            link=link,
        )
        rows = (
            Feedback.objects.filter(
                node__path__startswith=s.board.path, received_on__gte=s.start, received_on__lt=s.end
            )
            .annotate(y=ExtractYear("received_on"))
            .values("kind", "y")
            .annotate(
                n=Count("pk"),
                replied=Count("pk", filter=Q(replied_on__isnull=False)),
                in_time=Count("pk", filter=Q(replied_on__lte=F("reply_due"))),
            )
            .order_by()
        )
        by_kind = {k: [0, 0] for k in Kind.values}
        replied = [0, 0]
        in_time = [0, 0]
        for row in rows:
            i = s.years.index(row["y"])
            by_kind[row["kind"]][i] += row["n"]
            replied[i] += row["replied"]
            in_time[i] += row["in_time"]
        items = [
            (
                str(Kind(k).label),
                v,
                [
                    list_url(
                        "feedback:list",
                        node=s.board.pk,
                        kind=k,
                        **f.year_period(y, "period_from", "period_to"),
                    )
                    for y in s.years
                ],
            )
            for k, v in by_kind.items()
        ]
        items.append((_("Återkopplade i tid"), in_time, ["", ""]))
        kinds = breakdown_table(
            key="feedback_kinds",
            title=_("Synpunkter och klagomål per slag"),
            source=_(
                "Registret för synpunkter och klagomål: slag, och återkoppling senast "
                "sista svarsdag."
            ),
            label=_("Slag"),
            items=items,
            columns=[str(y) for y in s.years],
        )
        total = _value(table)
        complaints = by_kind["klagomal"][1]
        praise = by_kind["berom"][1]
        text = [
            f"Under {s.year} inkom {total} synpunkter och klagomål ({_value(table, index=0)} "
            f"under {s.year - 1}), varav {complaints} klagomål och {praise} beröm. "
            f"{in_time[1]} av dem återkopplades inom utsatt tid."
        ]
        text += per_unit_sentences(table, s.year, "inkom", "synpunkter och klagomål")
        self.summary["feedback"] = table
        return {
            "tables": [table, kinds],
            "charts": [chart_from(table, title=_("Synpunkter och klagomål per avdelning"))],
            "proposal": " ".join(text),
        }

    def lex(self, kind: str) -> dict[str, Any]:
        from kvalitetsnav.lexcases.models import LexCase, LexKind

        s = self.scope
        label = str(LexKind(kind).label)

        def link(node, year):
            return list_url("lexcases:list", kind=kind, node=(node or s.board).pk, year=year)

        queryset = LexCase.objects.filter(kind=kind)
        counts = f.count_by_node_year(s, queryset, "received_at")
        table = unit_table(
            s,
            counts,
            key=kind,
            title=_("%(kind)s-rapporter per avdelning och enhet") % {"kind": label},
            source=_("Lex Sarah- och lex Maria-registret: rapporter efter mottagningsdatum."),
            link=link,
        )
        reported = (
            queryset.filter(node__path__startswith=s.board.path)
            .filter(
                f.year_q(LexCase, "received_at", s.year - 1)
                | f.year_q(LexCase, "received_at", s.year)
            )
            .annotate(y=ExtractYear("received_at"))
            .values("y")
            .annotate(
                n=Count("pk", filter=Q(ivo_sent_at__isnull=False)),
                closed=Count("pk", filter=Q(closed_at__isnull=False)),
            )
            .order_by()
        )
        to_ivo, closed = [0, 0], [0, 0]
        for row in reported:
            to_ivo[s.years.index(row["y"])] = row["n"]
            closed[s.years.index(row["y"])] = row["closed"]
        summary = breakdown_table(
            key=f"{kind}_ivo",
            title=_("%(kind)s: anmälda till IVO och avslutade") % {"kind": label},
            source=_("Lex Sarah- och lex Maria-registret: anmälan till IVO och avslut."),
            label=_("Antal"),
            items=[(_("Anmälda till IVO"), to_ivo, ["", ""]), (_("Avslutade"), closed, ["", ""])],
            columns=[str(y) for y in s.years],
        )
        total = _value(table)
        text = [
            f"Under {s.year} upprättades {total} {label}-rapporter "
            f"({_value(table, index=0)} under {s.year - 1}), varav {to_ivo[1]} anmäldes "
            "till Inspektionen för vård och omsorg (IVO)."
        ]
        text += per_unit_sentences(table, s.year, "upprättades", f"{label}-rapporter")
        self.summary[kind] = table
        return {"tables": [table, summary], "charts": [], "proposal": " ".join(text)}

    def inspections(self) -> dict[str, Any]:
        from kvalitetsnav.inspections.models import Inspection, InspectionStatus

        s = self.scope

        def link(node, year):
            return list_url("inspections:list", node=(node or s.board).pk, year=year)

        done = f.count_by_node_year(
            s, Inspection.objects.filter(status=InspectionStatus.DONE), "due_month"
        )
        planned = f.count_by_node_year(s, Inspection.objects.all(), "due_month")
        done_table = unit_table(
            s,
            done,
            key="inspections_done",
            title=_("Genomförda egenkontroller per enhet"),
            source=_("Egenkontrollregistret: klara egenkontroller efter planerad månad."),
            link=link,
        )
        planned_table = unit_table(
            s,
            planned,
            key="inspections_planned",
            title=_("Planerade egenkontroller per enhet"),
            source=_("Egenkontrollregistret: alla planerade egenkontroller efter månad."),
            link=link,
        )
        total_done, total_planned = _value(done_table), _value(planned_table)
        share = (
            f" ({sv_number(Decimal(total_done * 100) / total_planned, 0)} procent)"
            if total_planned
            else ""
        )
        text = (
            f"Under {s.year} planerades {total_planned} egenkontroller, varav "
            f"{total_done} har genomförts{share}. Under {s.year - 1} genomfördes "
            f"{_value(done_table, index=0)} av {_value(planned_table, index=0)}."
        )
        self.summary["inspections"] = done_table
        return {
            "tables": [done_table, planned_table],
            "charts": [chart_from(done_table, title=_("Genomförda egenkontroller per avdelning"))],
            "proposal": text,
        }

    def quality_work(self) -> dict[str, Any]:
        from kvalitetsnav.decisions.models import Decision
        from kvalitetsnav.decisions.rules import reportable_q
        from kvalitetsnav.reviews.models import Finding, ProviderFollowUp, Review, ReviewerKind

        s = self.scope
        counts: f.Counts = {}
        for y in s.years:
            year_range = _YearRange(dt.date(y, 1, 1), dt.date(y, 12, 31))
            rows = (
                Decision.objects.filter(
                    reportable_q(year_range), node__path__startswith=s.board.path
                )
                .values("node_id")
                .annotate(n=Count("pk"))
                .order_by()
            )
            for row in rows:
                counts[(row["node_id"].hex, y)] = row["n"]
        decisions = unit_table(
            s,
            counts,
            key="decisions",
            title=_("Ej verkställda beslut (rapporterbara till IVO) per enhet"),
            source=_(
                "Registret för ej verkställda beslut: beslut som under året inte "
                "verkställts inom tre månader, eller avbrutits och inte återupptagits."
            ),
            link=lambda node, year: list_url("decisions:list"),
        )
        reviews = (
            Review.objects.filter(
                node__path__startswith=s.board.path, started_on__gte=s.start, started_on__lt=s.end
            )
            .annotate(y=ExtractYear("started_on"))
            .values("reviewer", "y")
            .annotate(n=Count("pk"))
            .order_by()
        )
        by_reviewer: dict[str, list[int]] = {}
        for row in reviews:
            by_reviewer.setdefault(row["reviewer"], [0, 0])[s.years.index(row["y"])] += row["n"]
        review_table = breakdown_table(
            key="reviews",
            title=_("Externa granskningar och revisioner per granskare"),
            source=_("Registret för externa granskningar: granskningar efter startdatum."),
            label=_("Granskare"),
            items=[
                (str(ReviewerKind(k).label), v, [list_url("reviews:list")] * 2)
                for k, v in sorted(by_reviewer.items())
            ],
            columns=[str(y) for y in s.years],
        )
        findings = (
            Finding.objects.filter(
                review__node__path__startswith=s.board.path,
                review__started_on__gte=s.start,
                review__started_on__lt=s.end,
            )
            .annotate(y=ExtractYear("review__started_on"))
            .values("severity", "y")
            .annotate(n=Count("pk"))
            .order_by()
        )
        from kvalitetsnav.reviews.models import Severity

        by_severity = {k: [0, 0] for k in Severity.values}
        for row in findings:
            by_severity[row["severity"]][s.years.index(row["y"])] += row["n"]
        finding_table = breakdown_table(
            key="findings",
            title=_("Iakttagelser i granskningarna"),
            source=_("Registret för externa granskningar: iakttagelser efter slag."),
            label=_("Slag"),
            items=[
                (str(Severity(k).label), v, [list_url("reviews:list")] * 2)
                for k, v in by_severity.items()
                if any(v)
            ],
            columns=[str(y) for y in s.years],
        )
        follow = (
            ProviderFollowUp.objects.filter(node__path__startswith=s.board.path, year__in=s.years)
            .values("year", "node__provider_type")
            .annotate(planned=Count("pk"), done=Count("pk", filter=Q(done_on__isnull=False)))
            .order_by()
        )
        planned, done, own = [0, 0], [0, 0], [0, 0]
        for row in follow:
            i = s.years.index(row["year"])
            planned[i] += row["planned"]
            done[i] += row["done"]
            if row["node__provider_type"] == "egen_regi":
                own[i] += row["done"]
        link = [list_url("reviews:followup_list")] * 2
        follow_table = breakdown_table(
            key="followups",
            title=_("Verksamhetsuppföljningar av utförare"),
            source=_("Registret för verksamhetsuppföljningar: planerade och genomförda per år."),
            label=_("Uppföljningar"),
            items=[
                (_("Planerade"), planned, link),
                (_("Genomförda"), done, link),
                (_("varav i egen regi"), own, link),
            ],
            columns=[str(y) for y in s.years],
        )
        n_reviews = sum(v[1] for v in by_reviewer.values())
        text = (
            f"Under {s.year} var {_value(decisions)} beslut rapporterbara till IVO som ej "
            f"verkställda ({_value(decisions, index=0)} under {s.year - 1}). "
            f"{n_reviews} externa granskningar och revisioner påbörjades under året. "
            f"Av {planned[1]} planerade verksamhetsuppföljningar av utförare har "
            f"{done[1]} genomförts, varav {own[1]} i egen regi."
        )
        self.summary["decisions"] = decisions
        return {
            "tables": [decisions, review_table, finding_table, follow_table],
            "charts": [chart_from(decisions, title=_("Ej verkställda beslut per avdelning"))],
            "proposal": text,
        }

    def results(self) -> dict[str, Any]:
        s = self.scope
        if not apps.is_installed("kvalitetsnav.keyfigures"):
            return {"tables": [], "charts": [], "proposal": ""}
        from kvalitetsnav.keyfigures.selectors import implementation_plan_summary

        summary = implementation_plan_summary(root=s.board, on=dt.date(s.year, 12, 31))
        rows = [
            {
                "kind": "unit",
                "label": r.unit.name,
                "path": r.unit.path,
                "values": [
                    r.measured_on.isoformat(),
                    r.plans_total,
                    r.plans_in_time,
                    f"{sv_number(r.share)} %",
                ],
                "urls": ["", "", "", ""],
            }
            for r in summary.rows
        ]
        rows.append(
            {
                "kind": "total",
                "label": _("Totalt"),
                "path": s.board.path,
                "values": [
                    "",
                    summary.plans_total,
                    summary.plans_in_time,
                    f"{sv_number(summary.share)} %",
                ],
                "urls": ["", "", "", ""],
            }
        )
        table = {
            "key": "implementation_plans",
            "title": _("Genomförandeplaner upprättade och godkända i tid"),
            "source": _("Nyckeltal: genomförandeplaner per enhet, senaste mätningen under året."),
            "columns": [_("Enhet"), _("Mätdatum"), _("Antal planer"), _("I tid"), _("Andel")],
            "rows": rows,
        }
        chart = {
            "title": _("Andel genomförandeplaner i tid, procent"),
            "labels": [r.unit.name for r in summary.rows],
            "series": [{"name": str(s.year), "values": [float(r.share) for r in summary.rows]}],
        }
        if not summary.rows:
            return {"tables": [], "charts": [], "proposal": ""}
        last = max(r.measured_on for r in summary.rows)
        parts = [
            f"{r.unit.name}: {r.plans_total} totalt, {r.plans_in_time} godkända "
            f"({sv_number(r.share)} procent)"
            for r in summary.rows
        ]
        text = (
            f"Den {last.isoformat()} fanns {summary.plans_total} genomförandeplaner, varav "
            f"{summary.plans_in_time} upprättade och godkända i tid, "
            f"{sv_number(summary.share)} %. " + "; ".join(parts) + "."
        )
        return {"tables": [table], "charts": [chart], "proposal": text}

    def risks(self) -> dict[str, Any]:
        from kvalitetsnav.risks.models import Risk, RiskAnalysis

        s = self.scope

        def link(node, year):
            return list_url("risks:analysis_list")

        counts = f.count_by_node_year(s, RiskAnalysis.objects.all(), "analysed_on")
        table = unit_table(
            s,
            counts,
            key="risk_analyses",
            title=_("Riskanalyser per avdelning och enhet"),
            source=_("Riskregistret: riskanalyser efter analysdatum."),
            link=link,
        )
        rows = (
            Risk.objects.filter(
                node__path__startswith=s.board.path,
                analysis__analysed_on__gte=s.start,
                analysis__analysed_on__lt=s.end,
            )
            .annotate(y=ExtractYear("analysis__analysed_on"))
            .values("y")
            .annotate(
                high=Count("pk", filter=Q(score__gte=9)),
                medium=Count("pk", filter=Q(score__gte=4, score__lt=9)),
                low=Count("pk", filter=Q(score__lt=4)),
            )
            .order_by()
        )
        bands = {"high": [0, 0], "medium": [0, 0], "low": [0, 0]}
        for row in rows:
            for band in bands:
                bands[band][s.years.index(row["y"])] += row[band]
        link_all = [list_url("risks:risk_list")] * 2
        band_table = breakdown_table(
            key="risk_bands",
            title=_("Identifierade risker efter riskvärde"),
            source=_(
                "Riskregistret: risker i årets analyser, riskvärde = sannolikhet × konsekvens."
            ),
            label=_("Riskvärde"),
            items=[
                (_("Höga (9–16)"), bands["high"], link_all),
                (_("Måttliga (4–8)"), bands["medium"], link_all),
                (_("Låga (1–3)"), bands["low"], link_all),
            ],
            columns=[str(y) for y in s.years],
        )
        n_risks = sum(v[1] for v in bands.values())
        text = (
            f"Under {s.year} genomfördes {_value(table)} riskanalyser i nämndens "
            f"verksamheter, med {n_risks} identifierade risker, varav {bands['high'][1]} "
            "med högt riskvärde."
        )
        return {"tables": [table, band_table], "charts": [], "proposal": text}

    def actions(self) -> dict[str, Any]:
        from kvalitetsnav.actions.models import Action, ActionStatus

        s = self.scope

        def link(node, year):
            return list_url("actions:list", node=(node or s.board).pk)

        created = f.count_by_node_year(s, Action.objects.all(), "created_at")
        completed = f.count_by_node_year(s, Action.objects.all(), "completed_on")
        created_table = unit_table(
            s,
            created,
            key="actions_created",
            title=_("Nya åtgärder per avdelning och enhet"),
            source=_("Åtgärdsregistret: åtgärder efter det datum de registrerades."),
            link=link,
        )
        completed_table = unit_table(
            s,
            completed,
            key="actions_completed",
            title=_("Genomförda åtgärder per avdelning och enhet"),
            source=_("Åtgärdsregistret: åtgärder efter genomförandedatum."),
            link=link,
        )
        statuses = (
            Action.objects.filter(node__path__startswith=s.board.path)
            .filter(f.year_q(Action, "created_at", s.year))
            .values("status")
            .annotate(n=Count("pk"))
            .order_by()
        )
        by_status = {row["status"]: row["n"] for row in statuses}
        status_table = breakdown_table(
            key="actions_status",
            title=_("Årets nya åtgärder efter status"),
            source=_("Åtgärdsregistret: status i dag för åtgärder registrerade under året."),
            label=_("Status"),
            items=[
                (
                    str(label),
                    [by_status.get(value, 0)],
                    [list_url("actions:list", node=s.board.pk, status=value)],
                )
                for value, label in ActionStatus.choices
            ],
            columns=[str(s.year)],
        )
        evaluated = by_status.get(ActionStatus.EFFECT_EVALUATED, 0)
        text = (
            f"Under {s.year} registrerades {_value(created_table)} förbättringsåtgärder "
            f"och {_value(completed_table)} genomfördes. För {evaluated} av årets åtgärder "
            "har effekten utvärderats."
        )
        self.summary["actions"] = completed_table
        return {
            "tables": [created_table, completed_table, status_table],
            "charts": [chart_from(completed_table, title=_("Genomförda åtgärder per avdelning"))],
            "proposal": text,
        }

    def coming_year(self) -> dict[str, Any]:
        from kvalitetsnav.actions.models import Action

        s = self.scope
        open_actions = Action.objects.filter(node__path__startswith=s.board.path).open().count()
        return {
            "tables": [],
            "charts": [],
            "proposal": (
                f"Inför {s.year + 1} finns {open_actions} planerade eller pågående "
                "förbättringsåtgärder i åtgärdsregistret."
            ),
        }

    def overview(self) -> dict[str, Any]:
        """Per department: the year's counts from the other sections (no extra query)."""
        s = self.scope
        keys = [
            ("deviations", _("Avvikelser")),
            ("feedback", _("Synpunkter och klagomål")),
            ("lex_sarah", _("Lex Sarah")),
            ("lex_maria", _("Lex Maria")),
            ("inspections", _("Egenkontroller klara")),
            ("actions", _("Åtgärder genomförda")),
        ]
        departments: dict[str, dict[str, Any]] = {}
        for key, _label in keys:
            for row in self.summary.get(key, {"rows": []})["rows"]:
                if row["kind"] not in ("department", "total"):
                    continue
                target = departments.setdefault(
                    row["label"] if row["kind"] == "department" else "\uffff",
                    {
                        "label": row["label"],
                        "path": row["path"],
                        "kind": row["kind"],
                        "values": {},
                        "urls": {},
                    },
                )
                target["values"][key] = row["values"][1]
                target["urls"][key] = row["urls"][1]
        rows = [
            {
                "kind": d["kind"],
                "label": d["label"],
                "path": d["path"],
                "values": [d["values"].get(k, 0) for k, _l in keys],
                "urls": [d["urls"].get(k, "") for k, _l in keys],
            }
            for _name, d in sorted(departments.items())
        ]
        table = {
            "key": "overview",
            "title": _("Året i siffror per avdelning (%(year)s)") % {"year": s.year},
            "source": _(
                "Sammanställt ur avvikelse-, synpunkts-, lex-, egenkontroll- och "
                "åtgärdsregistren, som i avsnitten nedan."
            ),
            "columns": [_("Avdelning"), *[str(label) for _k, label in keys]],
            "rows": rows,
        }
        text = (
            f"Det systematiska kvalitetsarbetet inom nämndens socialtjänst under {s.year} "
            "sammanfattas per avdelning nedan."
        )
        return {"tables": [table], "charts": [], "proposal": text}


class _YearRange:
    """A period the decision rules accept in place of a quarter (they read start and end)."""

    def __init__(self, start: dt.date, end: dt.date):
        self.start, self.end = start, end


def compute(board: OrgNode, year: int) -> dict[str, dict[str, Any]]:
    """Every section's figures and proposed paragraph, keyed by section."""
    b = Builder(board, year)
    result = {
        "inledning": {"tables": [], "charts": [], "proposal": INTRODUCTION},
        "kvalitetsarbete": b.quality_work(),
        "resultat": b.results(),
        "egenkontroll": b.inspections(),
        "synpunkter": b.feedback(),
        "avvikelser": b.deviations(),
        "lex_sarah": b.lex("lex_sarah"),
        "lex_maria": b.lex("lex_maria"),
        "riskanalys": b.risks(),
        "forbattringsarbete": b.actions(),
        "forbattringsomraden": b.coming_year(),
    }
    result["sammanfattning"] = b.overview()
    return {key: result[key] for key, _title in SECTIONS}
