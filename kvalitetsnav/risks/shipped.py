"""Risk templates shipped with Kvalitetsnav: the risk areas named in Järva's quality report.

A template prefills a new risk; the analysis group still rates it for its own unit.
Kept as a constant (not rows) so that it is always there, also after a test flush.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class RiskTemplate:
    key: str
    title: str
    process: str
    causes: str
    existing_controls: str
    probability: int
    consequence: int


RISK_TEMPLATES: tuple[RiskTemplate, ...] = (
    RiskTemplate(
        "handlaggning-dokumentation",
        _("Brister i handläggning och dokumentation"),
        _("Handläggning och dokumentation"),
        _("Hög arbetsbelastning, ovana handläggare, otydliga rutiner för journalföring."),
        _("Egenkontroller av akter, kollegial granskning, rutin för dokumentation."),
        3,
        3,
    ),
    RiskTemplate(
        "valfardsbrott",
        _("Välfärdsbrott: felaktiga utbetalningar eller oegentligheter hos utförare"),
        _("Ekonomiskt bistånd, beställning och uppföljning av utförare"),
        _("Falska underlag, bristande kontroll av fakturor och avtal."),
        _("Checklista mot välfärdsbrott, kontroll av underlag, utbildning."),
        3,
        4,
    ),
    RiskTemplate(
        "personalomsattning",
        _("Hög personalomsättning ger bristande kontinuitet och kunskap"),
        _("Kompetensförsörjning"),
        _("Svårt att rekrytera, hög arbetsbelastning, många nyanställda samtidigt."),
        _("Introduktionsprogram, mentorer, handledning."),
        3,
        3,
    ),
    RiskTemplate(
        "skyddsbedomning-barn",
        _("Omedelbar skyddsbedömning av barn görs inte i tid"),
        _("Mottagning av orosanmälningar, barn och unga"),
        _("Många anmälningar samtidigt, posthantering, otydlig fördelning."),
        _("Rutin för posthantering av orosanmälningar, daglig genomgång av inkomna anmälningar."),
        2,
        4,
    ),
    RiskTemplate(
        "ansokningar-hanteras-inte",
        _("Anmälningar eller ansökningar hanteras inte"),
        _("Mottagning och handläggning"),
        _("Ärenden registreras inte, ansvar oklart vid frånvaro, digitala ansökningar missas."),
        _("Registrering samma dag, bevakningslista, ansvarig vid frånvaro."),
        2,
        4,
    ),
    RiskTemplate(
        "hot-vald-hembesok",
        _("Hot och våld mot medarbetare vid hembesök"),
        _("Hembesök och arbete i den enskildes hem"),
        _("Ensamarbete, okänd situation, konflikter kring beslut."),
        _("Inte ensam på hembesök, personlarm, riskbedömning före besöket."),
        2,
        4,
    ),
    RiskTemplate(
        "avbrott-el",
        _("Avbrott i elförsörjningen"),
        _("Dygnetruntverksamhet"),
        _("Störning i elnätet, brand, extremväder."),
        _("Kontinuitetsplan, ficklampor och batterier i krislådan, reservkraft utredd."),
        2,
        4,
    ),
    RiskTemplate(
        "avbrott-vatten",
        _("Avbrott i vattenförsörjningen"),
        _("Dygnetruntverksamhet"),
        _("Ledningsbrott, förorenat vatten, elavbrott i pumpstationer."),
        _("Kontinuitetsplan, förråd av dricksvatten, kontakt med Stockholm Vatten."),
        2,
        4,
    ),
    RiskTemplate(
        "avbrott-matleveranser",
        _("Avbrott i matleveranserna"),
        _("Dygnetruntverksamhet och kost"),
        _("Leverantören kan inte leverera, transportstörning, kris."),
        _("Kontinuitetsplan, lager för tre dagar, alternativ leverantör."),
        2,
        3,
    ),
)

TEMPLATES_BY_KEY = {template.key: template for template in RISK_TEMPLATES}
