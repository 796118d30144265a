"""Texts: caseload page (Danish and English; see ui/i18n.py)."""

TEXTS: dict[str, dict[str, str]] = {
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
}
