"""Texts: filters (Danish and English; see ui/i18n.py)."""

TEXTS: dict[str, dict[str, str]] = {
    "filters.header": {"da": "Filtre", "en": "Filters"},
    "committee.label": {"da": "Udvalgsvisning", "en": "Committee mode"},
    "committee.help": {
        "da": 'Viser antal på 1–4 som "<5" og skjuler tal, der kunne afsløre dem, samt '
        "pseudonymer: til udvalg og alt, der deles.",
        "en": 'Shows counts of 1–4 as "<5" and hides figures that could reveal them, and '
        "pseudonyms: for committees and anything shared.",
    },
    "committee.too_few": {
        "da": "For få til at vise sikkert i udvalgsvisning (antal under 5). Vælg en længere "
        "periode.",
        "en": "Too few to show safely in committee mode (counts under 5). Choose a longer period.",
    },
    "committee.banner": {
        "da": "Udvalgsvisning: tal afrundet til 0, 5, 10, …; antal på 1–4 vises som <5. "
        "Se docs/privacy.md.",
        "en": "Committee mode: figures rounded to 0, 5, 10, …; counts of 1–4 show as <5. "
        "See docs/privacy.md.",
    },
    "filters.period": {"da": "Periode", "en": "Period"},
    "filters.period.project": {"da": "Hele projektperioden", "en": "Whole project period"},
    "filters.period.year": {"da": "I år ({year})", "en": "This year ({year})"},
    "filters.period.quarter": {"da": "Seneste kvartal ({label})", "en": "Latest quarter ({label})"},
    "filters.period.month": {"da": "Seneste måned ({label})", "en": "Latest month ({label})"},
    "filters.period.last12": {"da": "Seneste 12 måneder", "en": "Last 12 months"},
    "filters.period.custom": {"da": "Vælg datoer", "en": "Choose dates"},
    "filters.dates": {"da": "Fra og til", "en": "From and to"},
    "filters.dates.incomplete": {
        "da": "Vælg både en start- og en slutdato.",
        "en": "Choose both a start and an end date.",
    },
    "filters.url_ignored": {
        "da": "Linket indeholdt en ukendt værdi, som er sprunget over: {value}",
        "en": "The link held an unknown value, which was skipped: {value}",
    },
    "filters.departments": {"da": "Afdelinger", "en": "Departments"},
    "filters.departments.all": {"da": "Alle afdelinger", "en": "All departments"},
    "filters.kinds": {"da": "Stedtyper", "en": "Site kinds"},
    "filters.kinds.all": {"da": "Alle stedtyper", "en": "All site kinds"},
    "filters.sites": {"da": "Steder", "en": "Sites"},
    "filters.sites.all": {"da": "Alle steder", "en": "All sites"},
    "filters.as_of": {"da": "Data til og med {date}", "en": "Data up to {date}"},
    "filters.period_caption": {
        "da": "{start} – {end} ({days} dage)",
        "en": "{start} – {end} ({days} days)",
    },
    "kind.public": {"da": "Offentligt sted", "en": "Public place"},
    "kind.partner": {"da": "Civilsamfundspartner", "en": "Civil-society partner"},
    "kind.municipal": {"da": "Kommunalt tilbud", "en": "Municipal service"},
    "kind.treatment": {"da": "Behandlingsadresse", "en": "Treatment address"},
}
