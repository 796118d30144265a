"""Texts: overview page (Danish and English; see ui/i18n.py)."""

TEXTS: dict[str, dict[str, str]] = {
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
}
