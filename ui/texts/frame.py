"""Texts: app frame (Danish and English; see ui/i18n.py)."""

TEXTS: dict[str, dict[str, str]] = {
    "app.title": {"da": "Brobygger", "en": "Brobygger"},
    "app.tagline": {
        "da": "Opsøgende indsats og behandling i {org}",
        "en": "Outreach and treatment in {org}",
    },
    "nav.overview": {"da": "Overblik", "en": "Overview"},
    "nav.overview.help": {
        "da": "Nøgletal for perioden: personer nået af den opsøgende indsats, henvisninger, "
        "aktive forløb og behandlingsgarantien.",
        "en": "Key figures for the period: persons reached by outreach, referrals, active "
        "caseload and the treatment guarantee.",
    },
    "nav.outreach": {"da": "Opsøgende indsats", "en": "Outreach"},
    "nav.outreach.help": {
        "da": "Kortet over steder med kontakter, hvornår folk mødes, vejen fra første kontakt til "
        "behandling og fremdriften mod målet.",
        "en": "The map of sites with contacts, when people are met, the path from first contact "
        "to treatment and progress towards the target.",
    },
    "nav.caseload": {"da": "Behandling", "en": "Caseload"},
    "nav.caseload.help": {
        "da": "Afdelingernes forløb, tilgang og afgang, behandlingsgarantien og ventetider, "
        "hvem der venter nu, og hvor henvisningerne kommer fra.",
        "en": "The departments' courses, inflow and outflow, the treatment guarantee and waiting "
        "times, who is waiting now, and where referrals come from.",
    },
    "nav.routes": {"da": "Ruteplan", "en": "Route planner"},
    "nav.routes.help": {
        "da": "Planlæg en runde for en dag og et tidsrum: hvilke steder, i hvilken rækkefølge, "
        "og tag den med som PDF, GPX eller link.",
        "en": "Plan a round for a day and a time: which sites, in which order, and take it "
        "along as PDF, GPX or a link.",
    },
    "nav.data": {"da": "Data", "en": "Data"},
    "nav.data.help": {
        "da": "Registrér en kontakt fra gaden, importér fra fagsystemer eller Excel, eksportér, "
        "og fortryd en import.",
        "en": "Log a contact from the street, import from case systems or Excel, export, and "
        "undo an import.",
    },
    "language.label": {"da": "Sprog / Language", "en": "Sprog / Language"},
    "language.da": {"da": "Dansk", "en": "Dansk"},
    "language.en": {"da": "English", "en": "English"},
}
