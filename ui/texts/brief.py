"""Texts: meeting brief (Danish and English; see ui/i18n.py)."""

TEXTS: dict[str, dict[str, str]] = {
    "brief.button": {"da": "Lav udvalgsbrief (PDF)", "en": "Make the committee brief (PDF)"},
    "brief.title": {"da": "Udvalgsbrief: {org}", "en": "Committee brief: {org}"},
    "brief.period": {"da": "Periode: {period}", "en": "Period: {period}"},
    "brief.made": {"da": "Lavet {date} med Brobygger", "en": "Made {date} with Brobygger"},
    "brief.privacy": {
        "da": "Sådan læses tallene: alle antal er afrundet til 0, 5, 10, … (det samme tal står "
        "ens overalt); antal på 1–4 står som <5; – betyder tilbageholdt, fordi tallet ellers "
        "kunne afsløre et andet. Andele beregnes af de afrundede tal og kun på et grundlag på "
        "mindst 20. Ingen pseudonymer.",
        "en": "How to read the figures: every count is rounded to 0, 5, 10, … (the same figure "
        "is the same everywhere); counts of 1–4 read <5; – means withheld, because the figure "
        "could otherwise reveal another. Shares are computed from the rounded figures and only "
        "on a base of at least 20. No pseudonyms.",
    },
    "brief.needs_cell": {
        "da": "Udvalgsbriefen (PDF) laves for en fast periode (måned, kvartal, halvår, år eller "
        "projektperioden) og ét sted, én stedtype eller alle: vælg sådan en, eller slå "
        "udvalgsvisning til.",
        "en": "The committee brief (PDF) is made for a fixed period (month, quarter, half-year, "
        "year or the project period) and one site, one site kind or all: choose one, or switch "
        "committee mode on.",
    },
    "brief.scope": {"da": "Omfang: {scope}", "en": "Scope: {scope}"},
    "brief.page": {"da": "Side {page} af {pages}", "en": "Page {page} of {pages}"},
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
    "brief.change.up": {"da": "{n} flere end {vs}", "en": "{n} more than {vs}"},
    "brief.change.down": {"da": "{n} færre end {vs}", "en": "{n} fewer than {vs}"},
    "brief.change.same": {"da": "samme antal som {vs}", "en": "unchanged from {vs}"},
    "brief.change.hidden": {
        "da": "ændringen er for lille til at vise",
        "en": "the change is too small to show",
    },
    # What a period is compared with, as the sentences say it (after "end" / "than").
    "brief.vs.year.month": {"da": "for samme måned sidste år", "en": "the same month last year"},
    "brief.vs.year.quarter": {
        "da": "for samme kvartal sidste år",
        "en": "the same quarter last year",
    },
    "brief.vs.year.half": {
        "da": "for samme halvår sidste år",
        "en": "the same half-year last year",
    },
    "brief.vs.year.year": {"da": "for sidste år", "en": "last year"},
    "brief.vs.previous.month": {"da": "for forrige måned", "en": "the previous month"},
    "brief.vs.previous.quarter": {"da": "for forrige kvartal", "en": "the previous quarter"},
    "brief.vs.previous.half": {"da": "for forrige halvår", "en": "the previous half-year"},
    "brief.vs.previous.year": {"da": "for året før", "en": "the year before"},
    "brief.vs.previous.period": {"da": "for forrige periode", "en": "the previous period"},
    "brief.compare.against": {
        "da": "Ændringerne er sammenlignet med tallene {vs} ({period}).",
        "en": "Changes are against {vs} ({period}).",
    },
    "brief.compare.running": {
        "da": "Ingen ændringer vist: perioden er ikke slut endnu, så den kan ikke sammenlignes "
        "med tallene {vs}.",
        "en": "No changes shown: the period has not ended yet, so it cannot be compared with {vs}.",
    },
    "brief.compare.outside": {
        "da": "Ingen ændringer vist: der er ingen data {vs}.",
        "en": "No changes shown: {vs} is outside the data.",
    },
    "brief.compare.project": {
        "da": "Projektperioden sammenlignes ikke med en anden periode.",
        "en": "The project period is not compared with another period.",
    },
    "brief.s.persons": {
        "da": "Den opsøgende indsats mødte {n} personer i perioden; {change}.",
        "en": "The outreach team met {n} persons in the period; {change}.",
    },
    "brief.s.persons.alone": {
        "da": "Den opsøgende indsats mødte {n} personer i perioden.",
        "en": "The outreach team met {n} persons in the period.",
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
        "da": "({n} procentpoint bedre end {vs}).",
        "en": "({n} percentage points better than {vs}).",
    },
    "brief.s.guarantee.down": {
        "da": "({n} procentpoint dårligere end {vs}).",
        "en": "({n} percentage points worse than {vs}).",
    },
    "brief.s.guarantee.same": {"da": "(som {vs}).", "en": "(unchanged from {vs})."},
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
    "error.unexpected": {
        "da": "Der skete en uventet fejl, og siden kunne ikke vises helt. Prøv igen, eller "
        "kontakt den, der driver Brobygger, og oplys fejlnummeret **{reference}**.",
        "en": "An unexpected error occurred and the page could not be shown in full. Try again, "
        "or contact whoever runs Brobygger and give the error number **{reference}**.",
    },
    "error.organisation": {
        "da": "Organisationsfilen kunne ikke læses:",
        "en": "The organisation file could not be read:",
    },
}
