"""Texts: committee mode and the publication layer (Danish and English; see ui/i18n.py)."""

TEXTS: dict[str, dict[str, str]] = {
    "committee.filters.caption": {
        "da": "Udvalgsvisning viser faste perioder og ét sted, én stedtype eller alle, så ingen "
        "to visninger kan trækkes fra hinanden.",
        "en": "Committee mode shows fixed periods and one site, one site kind or all, so no two "
        "views can be subtracted from each other.",
    },
    "committee.computing": {
        "da": "Beregner udvalgets beskyttede tal …",
        "en": "Computing the committee's protected figures …",
    },
    "committee.period.kind": {"da": "Periodetype", "en": "Kind of period"},
    "committee.kind.month": {"da": "Måned", "en": "Month"},
    "committee.kind.quarter": {"da": "Kvartal", "en": "Quarter"},
    "committee.kind.half": {"da": "Halvår", "en": "Half-year"},
    "committee.kind.year": {"da": "Kalenderår", "en": "Calendar year"},
    "committee.kind.project": {"da": "Projektperioden", "en": "Project period"},
    "committee.period.half": {"da": "{n}. halvår {year}", "en": "H{n} {year}"},
    "committee.period.project": {
        "da": "Projektperioden {start}–{end}",
        "en": "Project period {start}–{end}",
    },
    "committee.scope.kind": {"da": "{kind} (alle)", "en": "{kind} (all)"},
    "committee.department": {"da": "Afdeling", "en": "Department"},
    "committee.url_union": {
        "da": "Udvalgsvisning viser ét sted, én stedtype eller alle, og én afdeling eller alle: "
        "linkets valg er erstattet af {value}.",
        "en": "Committee mode shows one site, one site kind or all, and one department or all: "
        "the link's choice was replaced by {value}.",
    },
    "committee.rounded": {
        "da": "Tallene er afrundet til 0, 5, 10, … (hvert tal altid ens); 1–4 vises som <5, "
        "og – betyder tilbageholdt for at beskytte andre tal.",
        "en": "Figures are rounded to 0, 5, 10, … (each figure always the same); 1–4 is shown "
        "as <5, and – means withheld to protect other figures.",
    },
    "committee.hidden_marker": {"da": "<5 skjult", "en": "<5 hidden"},
    "committee.withheld_marker": {"da": "– tilbageholdt", "en": "– withheld"},
    "committee.chart_note": {
        "da": "Afrundede tal. Punkter og søjler med <5 er markeret og ikke tegnet i deres højde.",
        "en": "Rounded figures. Points and bars with <5 are marked, not drawn to their height.",
    },
    "committee.chart_note.withheld": {
        "da": "– betyder, at tallet er holdt tilbage: sammen med de andre tal kunne det afsløre "
        "en lille gruppe. Det kan være 0 eller mere; summen for hele perioden vises stadig, "
        "hvor den er sikker.",
        "en": "– means the figure is withheld: together with the other figures it could reveal a "
        "small group. It may be 0 or more; the whole period's total is still shown where safe.",
    },
    "committee.share_hidden": {
        "da": "Vises kun når grundlaget er mindst {base} og tallet selv kan vises: med et lille "
        "grundlag er en procent det samme som antallet.",
        "en": "Shown only on a base of at least {base} when the figure itself can be shown: "
        "with a small base a percentage is the count itself.",
    },
    "committee.split_not_published": {
        "da": "Fordelingen vises ikke for et enkelt sted i udvalgsvisning (for få kontakter).",
        "en": "The split is not shown for a single site in committee mode (too few contacts).",
    },
    "committee.median_hidden": {
        "da": "Median og P90 vises kun for mindst {n} starter.",
        "en": "Median and P90 are shown only for at least {n} starts.",
    },
    "committee.no_history": {
        "da": "I udvalgsvisning bruger ruteplanen ingen kontakthistorik (den ville vise "
        "enkeltbesøg): forslag efter åbningstid og afstand.",
        "en": "In committee mode the route planner uses no contact history (it would show "
        "single visits): suggestions by opening hours and distance.",
    },
    "outreach.when.title": {"da": "Hvornår mødes folk?", "en": "When are people met?"},
    "outreach.when.caption": {
        "da": "Kontakter pr. ugedag og pr. tid på døgnet i perioden (afrundet).",
        "en": "Contacts per weekday and per time of day in the period (rounded).",
    },
    "outreach.when.daypart": {"da": "Tid på døgnet", "en": "Time of day"},
    "outreach.daypart.night": {"da": "Nat (0–6)", "en": "Night (0–6)"},
    "outreach.daypart.morning": {"da": "Formiddag (6–12)", "en": "Morning (6–12)"},
    "outreach.daypart.afternoon": {"da": "Eftermiddag (12–18)", "en": "Afternoon (12–18)"},
    "outreach.daypart.evening": {"da": "Aften (18–24)", "en": "Evening (18–24)"},
    "outreach.progress.reached_in": {
        "da": "Målet på {target} personer blev nået i {date}.",
        "en": "The target of {target} persons was reached in {date}.",
    },
    "committee.per_person": {
        "da": "I udvalgsvisning beregnet af det afrundede antal personer, og kun når det kan "
        "vises (mindst 5).",
        "en": "In committee mode computed from the rounded number of persons, and only when it "
        "can be shown (at least 5).",
    },
    "committee.hidden_parts": {
        "da": "Ikke tegnet (<5 eller tilbageholdt): {parts}.",
        "en": "Not drawn (<5 or withheld): {parts}.",
    },
    "overview.subtitle.cells": {
        "da": "{period} · sammenlignet med {previous}",
        "en": "{period} · compared with {previous}",
    },
    "overview.subtitle.alone": {"da": "{period}", "en": "{period}"},
}
