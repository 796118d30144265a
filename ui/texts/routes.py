"""Texts: route planner (Danish and English; see ui/i18n.py)."""

TEXTS: dict[str, dict[str, str]] = {
    "routes.intro": {
        "da": "Vælg dag, tidsrum og transport. Planlæggeren foreslår steder ud fra, hvornår folk "
        "plejer at blive mødt, og hvor længe siden I var der, og finder den bedste rækkefølge "
        "inden for åbningstiderne.",
        "en": "Choose the day, the time and the transport. The planner suggests sites from when "
        "people are usually met and how long since the last visit, and finds the best order "
        "within the opening hours.",
    },
    "routes.date": {"da": "Dato", "en": "Date"},
    "routes.start_time": {"da": "Fra kl.", "en": "From"},
    "routes.end_time": {"da": "Til kl.", "en": "To"},
    "routes.mode": {"da": "Transport", "en": "Transport"},
    "mode.walk": {"da": "Gående", "en": "Walking"},
    "mode.bike": {"da": "Cykel", "en": "Bike"},
    "mode.car": {"da": "Bil", "en": "Car"},
    "routes.start": {"da": "Start", "en": "Start"},
    "routes.end": {"da": "Slut", "en": "End"},
    "routes.must": {"da": "Skal besøges", "en": "Must visit"},
    "routes.skip": {"da": "Spring over", "en": "Skip"},
    "routes.bad_times": {
        "da": "Sluttidspunktet skal ligge efter starttidspunktet.",
        "en": "The end time must be after the start time.",
    },
    "routes.suggestions": {"da": "Forslag til steder", "en": "Suggested sites"},
    "routes.suggestions.caption": {
        "da": "Rangeret efter chancen for at møde folk {weekday} kl. {hours} og dage siden "
        "sidste besøg. Ret opholdstiden, sæt flueben ved steder, der skal med, eller som skal "
        "springes over.",
        "en": "Ranked by the chance of meeting people on {weekday} at {hours} and days since the "
        "last visit. Edit the dwell time, tick sites that must be visited or skipped.",
    },
    "routes.col.site": {"da": "Sted", "en": "Site"},
    "routes.col.kind": {"da": "Type", "en": "Kind"},
    "routes.col.score": {"da": "Prioritet", "en": "Priority"},
    "routes.col.why": {"da": "Hvorfor", "en": "Why"},
    "routes.col.dwell": {"da": "Ophold (min)", "en": "Dwell (min)"},
    "routes.col.open": {"da": "Åbent i runden", "en": "Open during round"},
    "routes.why.expected": {
        "da": "≈{n} kontakter pr. uge i tidsrummet",
        "en": "≈{n} contacts a week at these hours",
    },
    "routes.why.none": {
        "da": "ingen kontakter i tidsrummet før",
        "en": "no contacts at these hours so far",
    },
    "routes.why.days": {"da": "{n} dage siden besøg", "en": "{n} days since the last visit"},
    "routes.why.never": {"da": "aldrig besøgt", "en": "never visited"},
    "routes.open.yes": {"da": "ja", "en": "yes"},
    "routes.open.partly": {"da": "delvis ({hours})", "en": "partly ({hours})"},
    "routes.open.no": {"da": "lukket", "en": "closed"},
    "routes.plan": {"da": "Ruten", "en": "The route"},
    "routes.kpi.stops": {"da": "Stop", "en": "Stops"},
    "routes.kpi.duration": {"da": "Samlet tid", "en": "Total time"},
    "routes.kpi.travel": {"da": "Transport", "en": "Travelling"},
    "routes.kpi.distance": {"da": "Distance", "en": "Distance"},
    "routes.kpi.back": {"da": "Tilbage kl.", "en": "Back at"},
    "routes.itinerary": {"da": "Køreplan", "en": "Itinerary"},
    "routes.col.number": {"da": "#", "en": "#"},
    "routes.col.arrive": {"da": "Ankomst", "en": "Arrive"},
    "routes.col.depart": {"da": "Afgang", "en": "Leave"},
    "routes.col.travel": {"da": "Rejsetid", "en": "Travel"},
    "routes.col.hours": {"da": "Åbningstider", "en": "Opening hours"},
    "routes.col.chance": {"da": "Chance for at møde nogen", "en": "Chance of meeting someone"},
    "routes.minutes": {"da": "{n} min", "en": "{n} min"},
    "routes.dropped": {"da": "Ikke med på ruten", "en": "Not on the route"},
    "drop.closed": {"da": "lukket i tidsrummet", "en": "closed at that time"},
    "drop.too_far": {"da": "for langt væk til runden", "en": "too far for the round"},
    "drop.no_time": {
        "da": "ikke tid nok ved siden af de vigtigere steder",
        "en": "no time left beside the more valuable sites",
    },
    "drop.not_considered": {
        "da": "for mange steder: kun de 15 vigtigste planlægges",
        "en": "too many sites: only the 15 most valuable are planned",
    },
    "drop.skipped": {"da": "valgt fra", "en": "skipped"},
    "routes.missing_must": {
        "da": "Kunne ikke nå alle steder, der skal besøges: {sites}.",
        "en": "Could not fit every must-visit site: {sites}.",
    },
    "routes.impossible": {
        "da": "Ingen rute passer: der er ikke tid nok til at komme fra start til slut i "
        "tidsrummet. Vælg et længere tidsrum eller et andet transportmiddel.",
        "en": "No route fits: there is not enough time to get from start to end. Choose a "
        "longer time or another transport.",
    },
    "routes.nothing": {
        "da": "Ingen steder passer ind i tidsrummet. Se årsagerne nedenfor.",
        "en": "No site fits into the time. See the reasons below.",
    },
    "routes.travel.estimate": {
        "da": "Rejsetider er anslået ud fra afstand i luftlinje × {detour} ved {speed} km/t.",
        "en": "Travel times are estimated from straight-line distance × {detour} at {speed} km/h.",
    },
    "routes.travel.fallback": {
        "da": "Ruteserveren svarede ikke ({reason}); rejsetider er derfor anslået ud fra afstand.",
        "en": "The routing server did not answer ({reason}); travel times are estimated from "
        "distance instead.",
    },
    "routes.travel.osrm": {
        "da": "Rejsetider fra ruteserveren.",
        "en": "Travel times from the routing server.",
    },
    "routes.export.pdf": {"da": "Hent ruteark (PDF)", "en": "Download route sheet (PDF)"},
    "routes.export.gpx": {"da": "Hent GPX til telefonen", "en": "Download GPX for the phone"},
    "routes.export.link": {"da": "Åbn i kort-app", "en": "Open in a map app"},
    "routes.export.link_limit": {
        "da": "Linket viser de første {n} stop (kort-appens grænse).",
        "en": "The link shows the first {n} stops (the map app's limit).",
    },
    "routes.sheet.title": {"da": "Ruteplan {date}", "en": "Route plan {date}"},
    "routes.sheet.made": {"da": "Lavet {stamp} med Brobygger", "en": "Made {stamp} with Brobygger"},
    "routes.start_label": {"da": "S", "en": "S"},
    "routes.end_label": {"da": "E", "en": "E"},
}
