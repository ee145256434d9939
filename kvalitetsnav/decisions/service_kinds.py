"""The kinds of service shipped with Kvalitetsnav: LSS 9 § 2–10 and the common SoL services.

LSS 9 § 1 (advice and personal support) is provided by the regions, not the municipality.
SoL has no closed list; these are editable in the admin.
"""

LSS = [
    (2, "Personlig assistans"),
    (3, "Ledsagarservice"),
    (4, "Biträde av kontaktperson"),
    (5, "Avlösarservice i hemmet"),
    (6, "Korttidsvistelse utanför det egna hemmet"),
    (7, "Korttidstillsyn för skolungdom över 12 år"),
    (8, "Boende i familjehem eller bostad med särskild service för barn eller ungdomar"),
    (9, "Bostad med särskild service för vuxna"),
    (10, "Daglig verksamhet"),
]

SOL = [
    ("Hemtjänst", "aldreomsorg"),
    ("Särskilt boende (vård- och omsorgsboende)", "aldreomsorg"),
    ("Dagverksamhet", "aldreomsorg"),
    ("Korttidsboende", "aldreomsorg"),
    ("Trygghetslarm", "aldreomsorg"),
    ("Ledsagning", "funktionsnedsattning_sol"),
    ("Kontaktperson", "funktionsnedsattning_sol"),
    ("Boendestöd", "ifo_socialpsykiatri"),
    ("Bostad med särskild service (socialpsykiatri)", "ifo_socialpsykiatri"),
    ("Sysselsättning", "ifo_socialpsykiatri"),
    ("Stödboende", "ifo_missbruk"),
    ("Öppenvård", "ifo_missbruk"),
    ("Placering på HVB för vuxna", "ifo_missbruk"),
    ("Kontaktfamilj", "ifo_barn"),
    ("Placering i familjehem", "ifo_barn"),
    ("Placering på HVB för barn och unga", "ifo_barn"),
    ("Skyddat boende", "ifo_vald"),
]


def ensure(service_kind_model) -> int:
    """Create the shipped kinds that are missing; returns how many were created."""
    created = 0
    for number, name in LSS:
        _, new = service_kind_model.objects.get_or_create(
            law="LSS", name=name, defaults={"lss_number": number, "area": "lss"}
        )
        created += new
    for name, area in SOL:
        _, new = service_kind_model.objects.get_or_create(
            law="SoL", name=name, defaults={"area": area}
        )
        created += new
    return created
