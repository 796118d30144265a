"""Texts: outreach page (Danish and English; see ui/i18n.py)."""

TEXTS: dict[str, dict[str, str]] = {
    "outreach.focus": {"da": "Fokus på sted", "en": "Focus on site"},
    "outreach.focus.all": {"da": "Alle steder", "en": "All sites"},
    "outreach.focus.help": {
        "da": "Klik på et sted på kortet eller vælg det her; graferne nedenfor viser så kun det "
        "sted.",
        "en": "Click a site on the map or choose it here; the charts below then show that site "
        "only.",
    },
    "outreach.focus.clear": {"da": "Vis alle steder", "en": "Show all sites"},
    "outreach.focused": {
        "da": "Graferne viser kun **{site}**.",
        "en": "The charts show **{site}** only.",
    },
    "outreach.map.title": {"da": "Steder og kontakter", "en": "Sites and contacts"},
    "outreach.map.caption": {
        "da": "Cirklens størrelse viser antal kontakter i perioden. Klik på et sted for detaljer "
        "og for at fokusere graferne.",
        "en": "Circle size shows contacts in the period. Click a site for details and to focus "
        "the charts.",
    },
    "map.kind": {"da": "Type", "en": "Kind"},
    "map.address": {"da": "Adresse", "en": "Address"},
    "map.opening_hours": {"da": "Åbningstider", "en": "Opening hours"},
    "map.contacts": {"da": "Kontakter i perioden", "en": "Contacts in period"},
    "map.persons": {"da": "Personer i perioden", "en": "Persons in period"},
    "map.last_visit": {"da": "Seneste besøg", "en": "Last visit"},
    "map.days_since": {"da": "Dage siden", "en": "Days since"},
    "map.days": {"da": "{n} dage", "en": "{n} days"},
    "map.never": {"da": "aldrig", "en": "never"},
    "map.approximate": {
        "da": "Omtrentlig placering – adressen er ikke bekræftet.",
        "en": "Approximate position – the address is not verified.",
    },
    "map.legend_title": {"da": "Stedtyper", "en": "Site kinds"},
    "map.legend_size": {"da": "Størrelse = kontakter", "en": "Size = contacts"},
    "map.legend_dashed": {
        "da": "Stiplet kant = omtrentlig placering",
        "en": "Dashed edge = approximate position",
    },
    "map.heat": {"da": "Varmekort over kontakter", "en": "Heat map of contacts"},
    "map.outline": {"da": "Kommunegrænse", "en": "Municipal boundary"},
    "map.base_map": {"da": "Baggrundskort", "en": "Base map"},
    "map.outline_attribution": {
        "da": "Kommunegrænse: DAGI, Styrelsen for Dataforsyning og Infrastruktur",
        "en": "Municipal boundary: DAGI, Danish Agency for Data Supply and Infrastructure",
    },
    "outreach.by_kind.title": {
        "da": "Kontakter pr. {grain} og stedtype",
        "en": "Contacts per {grain} and site kind",
    },
    "outreach.grid.title": {"da": "Hvornår mødes folk?", "en": "When are people met?"},
    "outreach.grid.caption": {
        "da": "Kontakter pr. ugedag og time i perioden – grundlag for at vælge tidspunkter.",
        "en": "Contacts per weekday and hour in the period – the basis for choosing times.",
    },
    "outreach.grid.weekday": {"da": "Ugedag", "en": "Weekday"},
    "outreach.grid.hour": {"da": "Time", "en": "Hour"},
    "outreach.weekdays": {"da": "man,tir,ons,tor,fre,lør,søn", "en": "Mon,Tue,Wed,Thu,Fri,Sat,Sun"},
    "outreach.funnel.title": {
        "da": "Fra første kontakt til behandling",
        "en": "From first contact to treatment",
    },
    "outreach.funnel.help": {
        "da": "Personer nået i perioden, og hvor langt de er kommet ved periodens slutning. "
        "Engageret: kom igen mindst én gang eller fik lagt en plan. Henvist: en "
        "behandlingsanmodning fra den opsøgende indsats. Startet: behandlingen er begyndt.",
        "en": "Persons reached in the period, and how far they had come by its end. Engaged: "
        "returned at least once or had a plan made. Referred: a treatment request from the "
        "outreach team. Started: treatment has begun.",
    },
    "funnel.reached": {"da": "Nået", "en": "Reached"},
    "funnel.engaged": {"da": "Engageret", "en": "Engaged"},
    "funnel.referred": {"da": "Henvist", "en": "Referred"},
    "funnel.started": {"da": "Startet behandling", "en": "Started treatment"},
    "funnel.step": {"da": "Trin", "en": "Step"},
    "funnel.persons": {"da": "Personer", "en": "Persons"},
    "funnel.conversion": {"da": "Af forrige trin", "en": "Of previous step"},
    "funnel.median": {
        "da": "Median {days} dage fra første kontakt til behandlingsstart.",
        "en": "Median {days} days from first contact to start of treatment.",
    },
    "funnel.no_starts": {
        "da": "Ingen har startet behandling endnu.",
        "en": "Nobody has started treatment yet.",
    },
    "outreach.progress.title": {"da": "Fremdrift mod målet", "en": "Progress towards the target"},
    "outreach.progress.reached": {"da": "Nået i alt", "en": "Reached in total"},
    "outreach.progress.target_line": {
        "da": "Lige linje til målet",
        "en": "Straight line to target",
    },
    "outreach.progress.pace": {"da": "Nuværende tempo", "en": "Current pace"},
    "outreach.progress.reached_on": {
        "da": "Målet på {target} personer blev nået {date}.",
        "en": "The target of {target} persons was reached on {date}.",
    },
    "outreach.progress.will_reach": {
        "da": "Med det nuværende tempo nås målet på {target} personer {date}.",
        "en": "At the current pace the target of {target} persons is reached on {date}.",
    },
    "outreach.progress.not_started": {
        "da": "Ingen personer nået endnu.",
        "en": "No persons reached yet.",
    },
    "outreach.grant_per_person": {
        "da": "Tilskud pr. nået person",
        "en": "Grant per person reached",
    },
    "outreach.grant_per_person.help": {
        "da": "Brugt tilskud til og med {date} delt med personer nået siden projektstart. "
        "Antager at tilskuddet på {grant} kr. bruges jævnt over projektperioden.",
        "en": "Grant used up to {date} divided by persons reached since the project start. "
        "Assumes the grant of DKK {grant} is spent evenly over the project period.",
    },
    "outreach.table.title": {"da": "Steder", "en": "Sites"},
    "table.site": {"da": "Sted", "en": "Site"},
    "table.kind": {"da": "Type", "en": "Kind"},
    "table.contacts": {"da": "Kontakter", "en": "Contacts"},
    "table.persons": {"da": "Personer", "en": "Persons"},
    "table.anonymous": {"da": "Anonyme kontakter", "en": "Anonymous contacts"},
    "table.last_visit": {"da": "Seneste besøg", "en": "Last visit"},
    "table.days_since": {"da": "Dage siden besøg", "en": "Days since visit"},
    "download.csv": {"da": "Hent CSV", "en": "Download CSV"},
    "download.xlsx": {"da": "Hent Excel", "en": "Download Excel"},
    "download.person_logged": {
        "da": "Filen laves, når du henter den, og kun til dig; hentningen logges i revisionsloggen "
        "med hvert pseudonym i filen.",
        "en": "The file is made when you download it, for you only; the download is written to "
        "the audit log with every pseudonym in the file.",
    },
    "outreach.empty": {
        "da": "Ingen opsøgende kontakter i den valgte periode og de valgte steder.",
        "en": "No outreach contacts in the chosen period and sites.",
    },
}
