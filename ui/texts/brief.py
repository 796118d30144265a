"""Texts: meeting brief (Danish and English; see ui/i18n.py)."""

TEXTS: dict[str, dict[str, str]] = {
    "brief.button": {"da": "Lav udvalgsbrief (PDF)", "en": "Make the committee brief (PDF)"},
    "brief.title": {"da": "Udvalgsbrief: {org}", "en": "Committee brief: {org}"},
    "brief.period": {"da": "Periode: {period}", "en": "Period: {period}"},
    "brief.made": {"da": "Lavet {date} med Brobygger", "en": "Made {date} with Brobygger"},
    "brief.privacy": {
        "da": "Udvalgsvisning: antal på 1–4 vises som <5, og tal, der kunne afsløre dem, er "
        "skjult. Ingen pseudonymer.",
        "en": "Committee mode: counts of 1–4 are shown as <5, and figures that could reveal "
        "them are hidden. No pseudonyms.",
    },
    "brief.headline": {"da": "Nøgletal", "en": "Key figures"},
    "brief.changes": {"da": "Hvad har ændret sig", "en": "What has changed"},
    "brief.map": {
        "da": "Steder med aktivitet i perioden",
        "en": "Sites with activity in the period",
    },
    "brief.reached_total": {
        "da": "Personer nået siden projektstart (mål {target})",
        "en": "Persons reached since the project start (target {target})",
    },
    "brief.started": {"da": "Heraf startet i behandling", "en": "Of whom started treatment"},
    "brief.change.up": {
        "da": "{n} flere end i forrige periode",
        "en": "{n} more than in the previous period",
    },
    "brief.change.down": {
        "da": "{n} færre end i forrige periode",
        "en": "{n} fewer than in the previous period",
    },
    "brief.change.same": {
        "da": "samme antal som i forrige periode",
        "en": "the same as in the previous period",
    },
    "brief.change.hidden": {
        "da": "ændringen er for lille til at vise",
        "en": "the change is too small to show",
    },
    "brief.s.persons": {
        "da": "Den opsøgende indsats mødte {n} personer i perioden; {change}.",
        "en": "The outreach team met {n} persons in the period; {change}.",
    },
    "brief.s.target": {
        "da": "Siden projektstart er {n} personer nået – {share} af målet på {target}.",
        "en": "Since the project start {n} persons have been reached – {share} of the target "
        "of {target}.",
    },
    "brief.s.referrals": {
        "da": "Den opsøgende indsats henviste {n} til behandling; {started} af dem er startet.",
        "en": "The outreach team referred {n} to treatment; {started} of them have started.",
    },
    "brief.s.guarantee": {
        "da": "Behandlingsgarantien blev overholdt ved {share} af starterne {trend}",
        "en": "The treatment guarantee was kept for {share} of the starts {trend}",
    },
    "brief.s.guarantee.up": {
        "da": "({n} procentpoint bedre end forrige periode).",
        "en": "({n} percentage points better than the previous period).",
    },
    "brief.s.guarantee.down": {
        "da": "({n} procentpoint dårligere end forrige periode).",
        "en": "({n} percentage points worse than the previous period).",
    },
    "brief.s.guarantee.same": {
        "da": "(som i forrige periode).",
        "en": "(as in the previous period).",
    },
    "brief.s.caseload": {
        "da": "Aktive forløb ved periodens slutning: {parts}; flest i {busiest}.",
        "en": "Active courses at the end of the period: {parts}; most in {busiest}.",
    },
    "empty.period": {
        "da": "Ingen aktivitet i den valgte periode og de valgte filtre. Prøv en længere "
        "periode eller fjern et filter.",
        "en": "No activity in the chosen period and filters. Try a longer period or remove a "
        "filter.",
    },
    "empty.database": {
        "da": "Databasen har endnu ingen data. Kør `make run` for demodata, eller importér "
        "egne data.",
        "en": "The database has no data yet. Run `make run` for demo data, or import your own "
        "data.",
    },
    "error.organisation": {
        "da": "Organisationsfilen kunne ikke læses:",
        "en": "The organisation file could not be read:",
    },
}
