"""Every user-facing string, in Danish (the default) and English.

A test fails when a key lacks a language or a placeholder differs between languages.
"""

from __future__ import annotations

import streamlit as st

LANGUAGES = ("da", "en")
DEFAULT_LANGUAGE = "da"
LANGUAGE_KEY = "lang"

TEXTS: dict[str, dict[str, str]] = {
    # App frame
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
    # Filters
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
        "da": "Udvalgsvisning: antal på 1–4 vises som <5.",
        "en": "Committee mode: counts of 1–4 are shown as <5.",
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
    # Overview page
    "overview.subtitle": {
        "da": "{period} · sammenlignet med de foregående {days} dage",
        "en": "{period} · compared with the preceding {days} days",
    },
    "overview.section.outreach": {"da": "Opsøgende indsats", "en": "Outreach"},
    "overview.section.treatment": {"da": "Behandling", "en": "Treatment"},
    "overview.vs_previous": {"da": "mod forrige periode", "en": "vs previous period"},
    "overview.no_previous": {
        "da": "ingen data for forrige periode",
        "en": "no data for the previous period",
    },
    "kpi.persons": {"da": "Personer nået", "en": "Persons reached"},
    "kpi.persons.help": {
        "da": "Forskellige personer (pseudonymer) med mindst én opsøgende kontakt i perioden. "
        "Anonyme kontakter tælles ikke som personer.",
        "en": "Distinct persons (pseudonyms) with at least one outreach contact in the period. "
        "Anonymous contacts are not counted as persons.",
    },
    "kpi.target_progress": {
        "da": "{reached} af målet på {target} siden projektstart ({share})",
        "en": "{reached} of the target of {target} since the project start ({share})",
    },
    "kpi.contacts": {"da": "Kontakter", "en": "Contacts"},
    "kpi.contacts.help": {
        "da": "Alle opsøgende kontakter i perioden, også anonyme.",
        "en": "All outreach contacts in the period, anonymous ones included.",
    },
    "kpi.contacts.anonymous": {"da": "heraf {n} anonyme", "en": "{n} of them anonymous"},
    "kpi.referrals": {"da": "Henvist til behandling", "en": "Referred to treatment"},
    "kpi.referrals.help": {
        "da": "Behandlingsanmodninger i perioden, hvor den opsøgende indsats er henviser.",
        "en": "Requests for treatment in the period with the outreach team as referral source.",
    },
    "kpi.referrals.started": {
        "da": "heraf startet i behandling: {n}",
        "en": "of whom started treatment: {n}",
    },
    "kpi.guarantee": {"da": "Garanti overholdt", "en": "Guarantee kept"},
    "kpi.guarantee.help": {
        "da": "Andel af behandlingsstarter i perioden, der skete senest {days} dage efter "
        "anmodningen (behandlingsgarantien).",
        "en": "Share of treatment starts in the period that came at most {days} days after the "
        "request (the treatment guarantee).",
    },
    "kpi.guarantee.detail": {
        "da": "{within} af {starts} starter inden for {days} dage",
        "en": "{within} of {starts} starts within {days} days",
    },
    "kpi.caseload": {"da": "Aktive forløb: {dept}", "en": "Active courses: {dept}"},
    "kpi.caseload.help": {
        "da": "Forløb, der er startet og ikke afsluttet pr. {date}.",
        "en": "Courses started and not ended as of {date}.",
    },
    "kpi.no_value": {"da": "–", "en": "–"},
    "unit.percentage_points": {"da": " pct.-point", "en": " pp"},
    "chart.outreach.title": {
        "da": "Opsøgende kontakter og personer pr. {grain}",
        "en": "Outreach contacts and persons per {grain}",
    },
    "chart.caseload.title": {
        "da": "Aktive forløb pr. afdeling ved {grain}sskifte",
        "en": "Active courses per department at the end of each {grain}",
    },
    "chart.grain.week": {"da": "uge", "en": "week"},
    "chart.grain.month": {"da": "måned", "en": "month"},
    "chart.grain.quarter": {"da": "kvartal", "en": "quarter"},
    "unit.dkk": {"da": "{amount} kr.", "en": "DKK {amount}"},
    "chart.axis.count": {"da": "Antal", "en": "Count"},
    "chart.axis.period": {"da": "Periode", "en": "Period"},
    "chart.axis.active": {"da": "Aktive forløb", "en": "Active courses"},
    "chart.series": {"da": "Serie", "en": "Series"},
    "chart.department": {"da": "Afdeling", "en": "Department"},
    "chart.series.contacts": {"da": "Kontakter", "en": "Contacts"},
    "chart.series.persons": {"da": "Personer", "en": "Persons"},
    # Outreach page
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
    "outreach.empty": {
        "da": "Ingen opsøgende kontakter i den valgte periode og de valgte steder.",
        "en": "No outreach contacts in the chosen period and sites.",
    },
    # Caseload page
    "caseload.kpi.active": {"da": "Aktive forløb", "en": "Active courses"},
    "caseload.kpi.active.help": {
        "da": "Forløb, der er startet og ikke afsluttet ved periodens slutning ({date}).",
        "en": "Courses started and not ended at the end of the period ({date}).",
    },
    "caseload.kpi.guarantee": {"da": "Garanti overholdt", "en": "Guarantee kept"},
    "caseload.kpi.guarantee.help": {
        "da": "Andel af starter i perioden senest {days} dage efter anmodningen. Dag {days} er "
        "inden for garantien, dag {next} er et brud.",
        "en": "Share of starts in the period at most {days} days after the request. Day {days} "
        "is within the guarantee, day {next} a breach.",
    },
    "caseload.kpi.median": {"da": "Median ventetid", "en": "Median wait"},
    "caseload.kpi.p90": {"da": "90 % startede inden", "en": "90% started within"},
    "caseload.kpi.p90.help": {
        "da": "Ventetiden, som 90 % af starterne i perioden lå på eller under.",
        "en": "The waiting time that 90% of the period's starts were at or under.",
    },
    "caseload.kpi.waiting_over": {
        "da": "Venter over {days} dage",
        "en": "Waiting over {days} days",
    },
    "caseload.kpi.waiting_over.help": {
        "da": "Anmodninger uden start ved periodens slutning, der har ventet mere end {days} "
        "dage: garantien er allerede brudt.",
        "en": "Requests without a start at the end of the period that have waited more than "
        "{days} days: the guarantee is already breached.",
    },
    "unit.days": {"da": "{n} dage", "en": "{n} days"},
    "caseload.focus": {"da": "Fokus: {what}", "en": "Focus: {what}"},
    "caseload.focus.hint": {
        "da": "Klik på en afdeling i forløbsgrafen eller på en måned i tilgangsgrafen for at "
        "fokusere de øvrige grafer.",
        "en": "Click a department in the caseload chart or a month in the flow chart to focus "
        "the other charts.",
    },
    "caseload.focus.clear": {"da": "Ryd fokus", "en": "Clear focus"},
    "caseload.split": {"da": "Opdel efter", "en": "Split by"},
    "caseload.split.department": {"da": "Afdeling", "en": "Department"},
    "caseload.split.address": {"da": "Adresse", "en": "Address"},
    "caseload.split.modality": {"da": "Behandlingsform", "en": "Modality"},
    "caseload.active.title": {
        "da": "Aktive forløb ved {grain}sskifte",
        "en": "Active courses at the end of each {grain}",
    },
    "caseload.flow.title": {
        "da": "Tilgang og afgang pr. {grain}",
        "en": "Inflow and outflow per {grain}",
    },
    "flow.requests": {"da": "Anmodninger", "en": "Requests"},
    "flow.starts": {"da": "Starter", "en": "Starts"},
    "flow.ends": {"da": "Afslutninger", "en": "Ends"},
    "caseload.reasons.title": {"da": "Afslutninger efter årsag", "en": "Ends by reason"},
    "reason.completed": {"da": "Gennemført", "en": "Completed"},
    "reason.reduced": {"da": "Reduceret/stabiliseret", "en": "Reduced/stabilised"},
    "reason.dropped_out": {"da": "Udeblevet/afbrudt", "en": "Dropped out"},
    "reason.transferred": {"da": "Videresendt", "en": "Transferred"},
    "reason.withdrawn": {"da": "Trukket før start", "en": "Withdrawn before start"},
    "reason.other": {"da": "Andet", "en": "Other"},
    "caseload.wait.title": {
        "da": "Ventetid fra anmodning til start",
        "en": "Waiting time from request to start",
    },
    "caseload.wait.caption": {
        "da": "Starter i perioden fordelt på ventedage; stregen markerer garantien på {days} dage.",
        "en": "Starts in the period by days waited; the line marks the {days}-day guarantee.",
    },
    "caseload.wait.days": {"da": "Ventedage", "en": "Days waited"},
    "caseload.wait.within": {"da": "Inden for garantien", "en": "Within the guarantee"},
    "caseload.wait.breach": {"da": "Garantien brudt", "en": "Guarantee breached"},
    "caseload.share.title": {
        "da": "Andel startet inden for {days} dage pr. {grain}",
        "en": "Share started within {days} days per {grain}",
    },
    "caseload.share.axis": {"da": "Andel inden for garantien", "en": "Share within guarantee"},
    "caseload.now.title": {"da": "Venter nu", "en": "Waiting now"},
    "caseload.now.caption": {
        "da": "Anmodninger uden start pr. {date}, efter hvor længe de har ventet. Antal, ikke "
        "personer.",
        "en": "Requests without a start on {date}, by how long they have waited. Counts, not "
        "persons.",
    },
    "caseload.now.none": {
        "da": "Ingen venter ved periodens slutning.",
        "en": "Nobody is waiting at the end of the period.",
    },
    "wait.0-7": {"da": "0–7 dage", "en": "0–7 days"},
    "wait.8-14": {"da": "8–14 dage", "en": "8–14 days"},
    "wait.15+": {"da": "over 14 dage", "en": "over 14 days"},
    "caseload.fte.title": {"da": "Aktive forløb pr. årsværk", "en": "Active courses per FTE"},
    "caseload.fte.none": {
        "da": "Ingen normeringsdata for perioden.",
        "en": "No staffing data for the period.",
    },
    "caseload.fte.axis": {"da": "Forløb pr. årsværk", "en": "Courses per FTE"},
    "caseload.sources.title": {
        "da": "Hvor kommer anmodningerne fra?",
        "en": "Where do the requests come from?",
    },
    "caseload.sources.caption": {
        "da": "Den opsøgende indsats er fremhævet: broen fra gaden til behandling.",
        "en": "The outreach team is highlighted: the bridge from the street to treatment.",
    },
    "source.self": {"da": "Egen henvendelse", "en": "Self-referral"},
    "source.outreach": {"da": "Opsøgende indsats", "en": "Outreach team"},
    "source.gp": {"da": "Egen læge", "en": "GP"},
    "source.hospital": {"da": "Hospital/psykiatri", "en": "Hospital/psychiatry"},
    "source.social_services": {"da": "Kommunal sagsbehandler", "en": "Social services"},
    "source.relatives": {"da": "Pårørende", "en": "Relatives"},
    "source.other": {"da": "Andet", "en": "Other"},
    "caseload.ages.title": {"da": "Alder ved anmodning", "en": "Age at request"},
    "age.under 18": {"da": "Under 18", "en": "Under 18"},
    "age.18-24": {"da": "18–24", "en": "18–24"},
    "age.25+": {"da": "25+", "en": "25+"},
    "age.unknown": {"da": "Ukendt", "en": "Unknown"},
    "caseload.compare.title": {
        "da": "Afdelingerne: perioden mod forrige periode",
        "en": "Departments: this period against the previous one",
    },
    "compare.department": {"da": "Afdeling", "en": "Department"},
    "compare.all": {"da": "Alle", "en": "All"},
    "compare.active": {"da": "Aktive ved slut", "en": "Active at end"},
    "compare.requests": {"da": "Anmodninger", "en": "Requests"},
    "compare.starts": {"da": "Starter", "en": "Starts"},
    "compare.ends": {"da": "Afslutninger", "en": "Ends"},
    "compare.within": {"da": "Inden for garanti", "en": "Within guarantee"},
    "compare.median": {"da": "Median ventedage", "en": "Median days waited"},
    "compare.p90": {"da": "P90 ventedage", "en": "P90 days waited"},
    "compare.previous": {"da": "{name} (forrige)", "en": "{name} (previous)"},
    "caseload.empty": {
        "da": "Ingen forløb i den valgte periode og de valgte afdelinger.",
        "en": "No courses in the chosen period and departments.",
    },
    # Route planner
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
    # Data page
    "data.tab.log": {"da": "Registrér kontakt", "en": "Log a contact"},
    "data.tab.import": {"da": "Importér", "en": "Import"},
    "data.tab.export": {"da": "Eksportér", "en": "Export"},
    "data.tab.history": {"da": "Importhistorik", "en": "Import history"},
    "log.site": {"da": "Sted", "en": "Site"},
    "log.date": {"da": "Dato", "en": "Date"},
    "log.time": {"da": "Tidspunkt", "en": "Time"},
    "log.person": {"da": "Person", "en": "Person"},
    "log.person.anonymous": {"da": "Anonym", "en": "Anonymous"},
    "log.person.new": {"da": "Ny person (pseudonym dannes)", "en": "New person (pseudonym made)"},
    "log.type": {"da": "Kontakttype", "en": "Contact type"},
    "log.outcome": {"da": "Udfald", "en": "Outcome"},
    "log.referral": {"da": "Henvis til behandling", "en": "Refer to treatment"},
    "log.referral.none": {"da": "Ingen henvisning", "en": "No referral"},
    "log.save": {"da": "Gem kontakt", "en": "Save contact"},
    "log.saved": {
        "da": "Kontakten er gemt ({site}, {time}).",
        "en": "The contact is saved ({site}, {time}).",
    },
    "log.saved.new_person": {
        "da": "Ny person: **{pseudonym}** – skriv pseudonymet ned til næste gang.",
        "en": "New person: **{pseudonym}** – note the pseudonym for next time.",
    },
    "log.saved.referral": {
        "da": "Henvisningen er oprettet som en behandlingsanmodning.",
        "en": "The referral is recorded as a request for treatment.",
    },
    "log.closed_note": {
        "da": "Bemærk: stedet er lukket på det tidspunkt ifølge åbningstiderne. Kontakten er "
        "gemt alligevel.",
        "en": "Note: the site is closed at that time according to its opening hours. The "
        "contact is saved anyway.",
    },
    "log.undo": {"da": "Fortryd sidste registrering", "en": "Undo the last entry"},
    "log.undone": {"da": "Den sidste registrering er fjernet.", "en": "The last entry is removed."},
    "log.error.in_future": {
        "da": "Tidspunktet ligger i fremtiden. Ret dato eller tid.",
        "en": "The time is in the future. Correct the date or time.",
    },
    "log.error.unknown_site": {"da": "Vælg et sted.", "en": "Choose a site."},
    "log.error.unknown_person": {
        "da": "Pseudonymet findes ikke.",
        "en": "The pseudonym does not exist.",
    },
    "log.error.unknown_department": {"da": "Ukendt afdeling.", "en": "Unknown department."},
    "log.error.referral_needs_person": {
        "da": "En henvisning kræver en person: vælg et pseudonym eller ny person.",
        "en": "A referral needs a person: choose a pseudonym or a new person.",
    },
    "log.error.missing_field": {"da": "Udfyld alle felter.", "en": "Fill in every field."},
    "type.conversation": {"da": "Samtale", "en": "Conversation"},
    "type.brief": {"da": "Kort kontakt", "en": "Brief contact"},
    "type.accompaniment": {"da": "Ledsagelse", "en": "Accompaniment"},
    "type.phone": {"da": "Telefon", "en": "Phone"},
    "outcome.none": {"da": "Ingen aftale", "en": "Nothing agreed"},
    "outcome.plan": {"da": "Plan lagt", "en": "Plan made"},
    "outcome.referred": {"da": "Henvist", "en": "Referred"},
    "outcome.declined": {"da": "Afvist", "en": "Declined"},
    "import.kind": {"da": "Hvad indeholder filen?", "en": "What does the file hold?"},
    "import.kind.contacts": {"da": "Opsøgende kontakter", "en": "Outreach contacts"},
    "import.kind.courses": {"da": "Behandlingsforløb", "en": "Treatment courses"},
    "import.file": {
        "da": "CSV- eller Excel-fil (.csv, .xlsx)",
        "en": "CSV or Excel file (.csv, .xlsx)",
    },
    "import.columns": {"da": "Kolonner", "en": "Columns"},
    "import.columns.caption": {
        "da": "Overskrifter på dansk eller engelsk; datoer som dd-mm-åååå; semikolon eller komma; "
        "UTF-8 eller Windows-1252. Kolonner med navne eller CPR-numre hører ikke hjemme her: en "
        "fil med noget, der ligner et CPR-nummer, afvises helt.",
        "en": "Headers in Danish or English; dates as dd-mm-yyyy; semicolons or commas; UTF-8 or "
        "Windows-1252. Columns with names or CPR numbers do not belong here: a file with anything "
        "that looks like a CPR number is refused whole.",
    },
    "import.template": {"da": "Hent skabelon", "en": "Download template"},
    "import.run": {"da": "Importér filen", "en": "Import the file"},
    "import.working": {"da": "Kontrollerer og importerer …", "en": "Checking and importing …"},
    "import.done": {
        "da": "{added} rækker importeret fra {file}; {skipped} fandtes allerede; {persons} nye "
        "personer.",
        "en": "{added} rows imported from {file}; {skipped} were there already; {persons} new "
        "persons.",
    },
    "import.refused": {
        "da": "Filen er ikke importeret – intet er gemt. Ret disse {n} ting og prøv igen:",
        "en": "The file is not imported – nothing is saved. Fix these {n} things and try again:",
    },
    "import.ignored": {
        "da": "Kolonner, der ikke bruges: {columns}",
        "en": "Columns not used: {columns}",
    },
    "import.col.row": {"da": "Række", "en": "Row"},
    "import.col.column": {"da": "Kolonne", "en": "Column"},
    "import.col.value": {"da": "Værdi", "en": "Value"},
    "import.col.problem": {"da": "Problem", "en": "Problem"},
    "import.empty_file": {"da": "Filen er tom.", "en": "The file is empty."},
    "import.no_rows": {
        "da": "Filen har overskrifter, men ingen rækker.",
        "en": "The file has headers but no rows.",
    },
    "import.too_big": {
        "da": "Filen er for stor (højst {value} MB).",
        "en": "The file is too big (at most {value} MB).",
    },
    "import.too_many_rows": {
        "da": "Filen har for mange rækker (højst {value}).",
        "en": "The file has too many rows (at most {value}).",
    },
    "import.wrong_file_type": {
        "da": "Filtypen .{value} kan ikke læses; brug .csv eller .xlsx.",
        "en": "File type .{value} cannot be read; use .csv or .xlsx.",
    },
    "import.unreadable_excel": {
        "da": "Excel-filen kan ikke åbnes.",
        "en": "The Excel file cannot be opened.",
    },
    "import.unreadable_csv": {
        "da": "CSV-filen kan ikke læses ({value}).",
        "en": "The CSV file cannot be read ({value}).",
    },
    "import.bad_encoding": {
        "da": "Filens tegnsæt kan ikke læses; gem den som CSV (UTF-8) eller Excel.",
        "en": "The file's character set cannot be read; save it as CSV (UTF-8) or Excel.",
    },
    "import.missing_column": {"da": "Kolonnen mangler.", "en": "The column is missing."},
    "import.cpr": {
        "da": "Ligner et CPR-nummer. Hele filen er afvist og intet er gemt.",
        "en": "Looks like a CPR number. The whole file is refused and nothing is saved.",
    },
    "import.bad_pseudonym": {
        "da": "Ikke et gyldigt pseudonym (bogstaver, tal og bindestreg, ingen mellemrum).",
        "en": "Not a valid pseudonym (letters, digits and dashes, no spaces).",
    },
    "import.unknown_site": {"da": "Ukendt sted.", "en": "Unknown site."},
    "import.unknown_department": {"da": "Ukendt afdeling.", "en": "Unknown department."},
    "import.bad_date": {
        "da": "Ikke en gyldig dato (dd-mm-åååå).",
        "en": "Not a valid date (dd-mm-yyyy).",
    },
    "import.bad_datetime": {
        "da": "Ikke et gyldigt tidspunkt (dd-mm-åååå tt:mm).",
        "en": "Not a valid time (dd-mm-yyyy hh:mm).",
    },
    "import.in_future": {"da": "Ligger i fremtiden.", "en": "Lies in the future."},
    "import.unknown_value": {"da": "Ukendt værdi.", "en": "Unknown value."},
    "import.missing_value": {"da": "Mangler.", "en": "Missing."},
    "import.start_before_request": {"da": "Start før anmodning.", "en": "Start before request."},
    "import.end_before_start": {"da": "Slut før start.", "en": "End before start."},
    "import.end_needs_reason": {
        "da": "Slutdato og afslutningsårsag skal følges ad.",
        "en": "End date and end reason go together.",
    },
    "import.bad_birth_year": {"da": "Ugyldigt fødselsår.", "en": "Invalid birth year."},
    "import.bad_substance": {"da": "Ugyldigt hovedstof.", "en": "Invalid main substance."},
    "import.bad_value": {"da": "Ugyldig værdi.", "en": "Invalid value."},
    "export.caption": {
        "da": "Rækkerne bag tallene for de valgte filtre ({period}). Pseudonymer, ingen navne.",
        "en": "The rows behind the figures for the chosen filters ({period}). Pseudonyms, no "
        "names.",
    },
    "export.contacts": {
        "da": "Opsøgende kontakter ({n} rækker)",
        "en": "Outreach contacts ({n} rows)",
    },
    "export.courses": {
        "da": "Behandlingsforløb ({n} rækker)",
        "en": "Treatment courses ({n} rows)",
    },
    "history.caption": {
        "da": "Hver import og hver registrering gemmes som en bunke, der kan fortrydes samlet.",
        "en": "Every import and every entry is kept as a batch that can be undone as a whole.",
    },
    "history.undo": {"da": "Fortryd bunke", "en": "Undo batch"},
    "history.undone": {
        "da": "Bunke {id} er fjernet ({n} rækker).",
        "en": "Batch {id} is removed ({n} rows).",
    },
    "history.none": {"da": "Ingen importer endnu.", "en": "No imports yet."},
    # Meeting brief
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


def current_language() -> str:
    lang = st.session_state.get(LANGUAGE_KEY, DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def translate(key: str, lang: str, **values: object) -> str:
    text = TEXTS[key][lang]
    return text.format(**values) if values else text


def t(key: str, **values: object) -> str:
    """The text for `key` in the user's language, with `values` filled in."""
    return translate(key, current_language(), **values)
