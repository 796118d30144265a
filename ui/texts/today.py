"""Texts: data up to today, the project period on timelines, comparisons, the law per
department (issue 15; Danish and English, see ui/i18n.py)."""

TEXTS: dict[str, dict[str, str]] = {
    "today.project_band": {
        "da": "Projektperiode {start}–{end}",
        "en": "Project period {start}–{end}",
    },
}
TEXTS.update(
    {
        "nav.worklists": {"da": "Arbejdslister", "en": "Worklists"},
        "nav.worklists.help": {
            "da": "Hvem venter, hvem startede for sent, hvem er ikke startet efter henvisning, "
            "og hvem er gået under radaren (kun leder og admin; opslag logges)",
            "en": "Who is waiting, who started late, who was referred but not started, and who "
            "has gone quiet (leder and admin only; every look is logged)",
        },
        "worklists.committee": {
            "da": "Arbejdslisterne viser pseudonymer og vises aldrig i udvalgsvisning.",
            "en": "The worklists show pseudonyms and are never shown in committee mode.",
        },
        "worklists.choose": {"da": "Liste", "en": "List"},
        "worklists.waiting": {"da": "Venter på start ({n})", "en": "Waiting for a start ({n})"},
        "worklists.late": {"da": "Startet efter fristen ({n})", "en": "Started late ({n})"},
        "worklists.referrals": {
            "da": "Henvist, ikke startet ({n})",
            "en": "Referred, not started ({n})",
        },
        "worklists.quiet": {"da": "Ingen kontakt ({n})", "en": "Gone quiet ({n})"},
        "worklists.waiting.caption": {
            "da": "Anmodninger uden start pr. {today}, overskridelser øverst. Fristen er "
            "anmodningsdatoen plus afdelingens garantidage; dag 14 er inden for en 14-dages "
            "garanti, dag 15 er en overskridelse. Perioden gælder ikke denne liste.",
            "en": "Requests without a start on {today}, breaches first. The deadline is the "
            "request date plus the department's guarantee days; day 14 is within a 14-day "
            "guarantee, day 15 a breach. The period does not apply to this list.",
        },
        "worklists.late.caption": {
            "da": "Behandlingsstarter i perioden {period} senere end afdelingens garanti.",
            "en": "Treatment starts in the period {period} later than the department's guarantee.",
        },
        "worklists.referrals.caption": {
            "da": "Henvisninger fra den opsøgende indsats i perioden {period}, som ikke var "
            "startet {days} dage efter anmodningen (pr. {today}).",
            "en": "Referrals from outreach in the period {period} not started {days} days "
            "after the request (on {today}).",
        },
        "worklists.quiet.caption": {
            "da": "Engagerede personer (kom igen eller fik en plan), hvis seneste kontakt i "
            "perioden {period} ligger mere end {quiet} dage før {today}, og som ikke er i "
            "behandling. Efter {quiet} dage uden kontakt udskrives de efter den amerikanske "
            "street outreach-regel.",
            "en": "Engaged persons (came back or had a plan made) whose last contact in the "
            "period {period} lies more than {quiet} days before {today}, and who are not in "
            "treatment. After {quiet} days without contact, US street-outreach programmes exit "
            "them.",
        },
        "worklists.waiting.none": {
            "da": "Ingen venter på en behandlingsstart.",
            "en": "Nobody is waiting for a start.",
        },
        "worklists.late.none": {
            "da": "Ingen startede efter fristen i perioden.",
            "en": "Nobody started after the deadline in the period.",
        },
        "worklists.referrals.none": {
            "da": "Alle henviste i perioden startede inden for fristen.",
            "en": "Everyone referred in the period started in time.",
        },
        "worklists.quiet.none": {
            "da": "Ingen engagerede personer er gået under radaren.",
            "en": "No engaged person has gone quiet.",
        },
        "worklists.waiting.summary": {
            "da": "Venter: {parts} · **{breaches} over fristen**",
            "en": "Waiting: {parts} · **{breaches} past the deadline**",
        },
        "worklists.sites_note": {
            "da": "Stedfiltrene gælder kun listen over personer uden kontakt (stedet for "
            "seneste kontakt); behandlingslisterne følger afdelingsfiltret.",
            "en": "The site filters apply only to the gone-quiet list (the site of the last "
            "contact); the treatment lists follow the department filter.",
        },
        "worklists.status.breach": {
            "da": "Overskredet med {n} dage",
            "en": "{n} days past the deadline",
        },
        "worklists.status.due_today": {"da": "Frist i dag", "en": "Deadline today"},
        "worklists.status.left": {"da": "{n} dage tilbage", "en": "{n} days left"},
        "worklists.status.waiting": {"da": "Venter stadig", "en": "Still waiting"},
        "worklists.status.late": {"da": "Startet for sent", "en": "Started late"},
        "worklists.status.ended": {"da": "Afsluttet uden start", "en": "Ended without a start"},
        "worklists.col.pseudonym": {"da": "Pseudonym", "en": "Pseudonym"},
        "worklists.col.department": {"da": "Afdeling", "en": "Department"},
        "worklists.col.requested_on": {"da": "Anmodet", "en": "Requested"},
        "worklists.col.days_waited": {"da": "Dage ventet", "en": "Days waited"},
        "worklists.col.deadline": {"da": "Frist", "en": "Deadline"},
        "worklists.col.days_left": {"da": "Dage tilbage", "en": "Days left"},
        "worklists.col.status": {"da": "Status", "en": "Status"},
        "worklists.col.started_on": {"da": "Startet", "en": "Started"},
        "worklists.col.ended_on": {"da": "Afsluttet", "en": "Ended"},
        "worklists.col.days_over": {"da": "Dage over fristen", "en": "Days past the deadline"},
        "worklists.col.days": {"da": "Dage", "en": "Days"},
        "worklists.col.first_contact": {"da": "Første kontakt", "en": "First contact"},
        "worklists.col.last_contact": {"da": "Seneste kontakt", "en": "Last contact"},
        "worklists.col.days_since": {"da": "Dage siden", "en": "Days since"},
        "worklists.col.contacts": {"da": "Kontakter", "en": "Contacts"},
        "worklists.col.last_site": {"da": "Seneste sted", "en": "Last site"},
        "worklists.file.waiting": {"da": "venter", "en": "waiting"},
        "worklists.file.late": {"da": "sene-starter", "en": "late-starts"},
        "worklists.file.referrals": {"da": "henvist-ikke-startet", "en": "referred-not-started"},
        "worklists.file.quiet": {"da": "ingen-kontakt", "en": "gone-quiet"},
        "worklists.link.waiting": {
            "da": "Se hvem der venter ({n})",
            "en": "See who is waiting ({n})",
        },
        "worklists.link.guarantee": {
            "da": "Arbejdsliste: venter og sene starter",
            "en": "Worklist: waiting and late starts",
        },
    }
)
TEXTS.update(
    {
        "today.law.title": {"da": "Behandlingsgaranti efter:", "en": "Treatment guarantee by:"},
        "today.law.line": {
            "da": "{dept} ({days} dage): {law}",
            "en": "{dept} ({days} days): {law}",
        },
        "today.caseload.sites_ignored": {
            "da": "Stedfiltrene gælder ikke denne side: behandlingsforløb hører til en "
            "afdeling, ikke et opsøgende sted.",
            "en": "The site filters do not apply to this page: treatment courses belong to a "
            "department, not an outreach site.",
        },
    }
)
TEXTS.update(
    {
        "nav.alerts": {"da": "Varsler", "en": "Alerts"},
        "nav.alerts.help": {
            "da": "Anmodninger tæt på eller over fristen, steder uden besøg, personer uden "
            "kontakt, henvisninger uden start og tempoet mod målet, med historik",
            "en": "Requests near or past their deadline, sites not visited, persons gone "
            "quiet, referrals not started and the pace towards the target, with a history",
        },
        "alerts.caption": {
            "da": "Varsler efter grænserne i organisationsfilen: en anmodning {warn} dage "
            "eller mindre før fristen, en overskridelse, et sted uden besøg længere end dets "
            "types grænse, en engageret person uden kontakt i {quiet} dage, en henvisning "
            "uden start efter {referral} dage, og tempoet mod målet. Et varsel lukkes af sig "
            "selv, når årsagen er væk.",
            "en": "Alerts by the thresholds in the organisation file: a request {warn} days or "
            "fewer before its deadline, a breach, a site not visited for longer than its "
            "kind's limit, an engaged person without contact for {quiet} days, a referral not "
            "started after {referral} days, and the pace towards the target. An alert closes "
            "by itself when its cause is gone.",
        },
        "alerts.check_now": {"da": "Tjek nu", "en": "Check now"},
        "alerts.tab.open": {"da": "Åbne varsler", "en": "Open alerts"},
        "alerts.tab.history": {"da": "Historik", "en": "History"},
        "alerts.none": {"da": "Ingen åbne varsler.", "en": "No open alerts."},
        "alerts.raised": {"da": "rejst {when}", "en": "raised {when}"},
        "alerts.history.caption": {
            "da": "Alle varsler, nyeste først: hvornår de blev rejst, og hvornår årsagen var "
            "væk (UTC).",
            "en": "Every alert, newest first: when it was raised and when its cause was gone "
            "(UTC).",
        },
        "alerts.col.rule": {"da": "Varsel", "en": "Alert"},
        "alerts.col.reason": {"da": "Årsag", "en": "Reason"},
        "alerts.col.raised": {"da": "Rejst", "en": "Raised"},
        "alerts.col.resolved": {"da": "Lukket", "en": "Resolved"},
        "alerts.file": {"da": "varsler", "en": "alerts"},
        "alerts.rule.breach": {"da": "Garantien er overskredet", "en": "Guarantee breached"},
        "alerts.rule.deadline": {"da": "Fristen nærmer sig", "en": "Deadline close"},
        "alerts.rule.referral": {
            "da": "Henvist, ikke startet",
            "en": "Referred, not started",
        },
        "alerts.rule.quiet": {"da": "Ingen kontakt", "en": "Gone quiet"},
        "alerts.rule.site": {"da": "Sted uden besøg", "en": "Site not visited"},
        "alerts.rule.pace": {"da": "Bagud i forhold til målet", "en": "Behind the target"},
        "alerts.reason.breach": {
            "da": "{pseudonym} ({dept}) har ventet {days_waited} dage; fristen {deadline} er "
            "overskredet med {over} dage",
            "en": "{pseudonym} ({dept}) has waited {days_waited} days; the deadline "
            "{deadline} passed {over} days ago",
        },
        "alerts.reason.deadline": {
            "da": "{pseudonym} ({dept}) har ventet {days_waited} dage; fristen er {deadline} "
            "({days_left} dage tilbage)",
            "en": "{pseudonym} ({dept}) has waited {days_waited} days; the deadline is "
            "{deadline} ({days_left} days left)",
        },
        "alerts.reason.referral": {
            "da": "{pseudonym} blev henvist til {dept} for {days} dage siden og er ikke startet",
            "en": "{pseudonym} was referred to {dept} {days} days ago and has not started",
        },
        "alerts.reason.quiet": {
            "da": "{pseudonym} er ikke mødt i {days} dage (seneste kontakt {last}, {site})",
            "en": "{pseudonym} has not been met for {days} days (last contact {last}, {site})",
        },
        "alerts.reason.site": {
            "da": "{site} er ikke besøgt i {days} dage (seneste besøg {last}; grænse {limit} "
            "åbne dage)",
            "en": "{site} has not been visited for {days} days (last visit {last}; limit "
            "{limit} open days)",
        },
        "alerts.reason.site_never": {
            "da": "{site} er ikke besøgt i de {days} dage siden projektstart (grænse {limit} "
            "åbne dage)",
            "en": "{site} has not been visited in the {days} days since the project start "
            "(limit {limit} open days)",
        },
        "alerts.reason.pace": {
            "da": "{reached} personer nået mod {expected} efter planen (mål {target})",
            "en": "{reached} persons reached against {expected} on plan (target {target})",
        },
        "alerts.link.breach": {"da": "Se ventelisten", "en": "See the waiting list"},
        "alerts.link.deadline": {"da": "Se ventelisten", "en": "See the waiting list"},
        "alerts.link.referral": {
            "da": "Se henviste uden start",
            "en": "See referrals not started",
        },
        "alerts.link.quiet": {
            "da": "Se personer uden kontakt",
            "en": "See persons gone quiet",
        },
        "alerts.link.site": {"da": "Planlæg en rute", "en": "Plan a route"},
        "alerts.link.pace": {"da": "Se den opsøgende indsats", "en": "See the outreach"},
    }
)
TEXTS.update(
    {
        "digest.subject": {
            "da": "Brobygger: varsler for {org}, {date}",
            "en": "Brobygger: alerts for {org}, {date}",
        },
        "digest.intro": {
            "da": "Åbne varsler i Brobygger for {org} pr. {date}:",
            "en": "Open alerts in Brobygger for {org} on {date}:",
        },
        "digest.rule": {
            "da": "- {rule}: {n} åbne, heraf {new} nye siden sidste oversigt",
            "en": "- {rule}: {n} open, {new} of them new since the last digest",
        },
        "digest.department": {"da": "{dept}: {n}", "en": "{dept}: {n}"},
        "digest.site": {
            "da": "{site}: ikke besøgt i mere end {limit} åbne dage",
            "en": "{site}: not visited for more than {limit} open days",
        },
        "digest.pace": {
            "da": "Personer nået: {reached} mod {expected} efter planen (mål {target})",
            "en": "Persons reached: {reached} against {expected} on plan (target {target})",
        },
        "digest.link": {
            "da": "Se varslerne og listerne i Brobygger: {url}",
            "en": "See the alerts and the lists in Brobygger: {url}",
        },
        "digest.footer": {
            "da": "Denne oversigt indeholder ingen pseudonymer eller personoplysninger. Antal "
            "under 5 vises som <5, andre afrundes til 5 efter udvalgsreglerne.",
            "en": "This digest holds no pseudonyms or personal data. Counts under 5 are shown "
            "as <5, others rounded to 5 by the committee rules.",
        },
        "digest.no_lists": {
            "da": "Organisationsfilen har ingen modtagerlister ([[alerts.recipients]]).",
            "en": "The organisation file has no recipient lists ([[alerts.recipients]]).",
        },
    }
)
TEXTS.update(
    {
        "today.compare.label": {"da": "Sammenlign med", "en": "Compare with"},
        "today.compare.year": {"da": "Samme periode sidste år", "en": "Same period last year"},
        "today.compare.previous": {"da": "Forrige periode", "en": "Previous period"},
        "today.which.month": {"da": "Måned", "en": "Month"},
        "today.which.quarter": {"da": "Kvartal", "en": "Quarter"},
        "today.which.year": {"da": "År", "en": "Year"},
        "today.subtitle.last_year": {
            "da": "{period} · sammenlignet med samme periode sidste år ({previous})",
            "en": "{period} · compared with the same period last year ({previous})",
        },
    }
)
TEXTS["today.vs_last_year"] = {
    "da": "mod samme periode sidste år",
    "en": "vs same period last year",
}
TEXTS.update(
    {
        # Comparisons in committee mode: the same cell a year earlier, or the previous one.
        "today.subtitle.previous_cell": {
            "da": "{period} · sammenlignet med forrige periode ({previous})",
            "en": "{period} · compared with the previous period ({previous})",
        },
        "today.subtitle.no_year": {
            "da": "{period} · ingen sammenligning: samme periode sidste år ({previous}) ligger "
            "uden for data",
            "en": "{period} · no comparison: the same period last year ({previous}) lies "
            "outside the data",
        },
        "today.subtitle.running": {
            "da": "{period} · ingen sammenligning: perioden er ikke slut, og samme periode "
            "sidste år ({previous}) offentliggøres kun hel",
            "en": "{period} · no comparison: the period has not ended, and the same period "
            "last year ({previous}) is published only whole",
        },
        "today.subtitle.no_previous_cell": {
            "da": "{period} · ingen sammenligning: forrige periode ligger uden for data",
            "en": "{period} · no comparison: the previous period lies outside the data",
        },
        "today.no_last_year": {
            "da": "ingen data for samme periode sidste år",
            "en": "no data for the same period last year",
        },
        "today.compare.column.year": {"da": "{name} (sidste år)", "en": "{name} (last year)"},
    }
)
TEXTS["today.target.ended"] = {
    "da": "Projektperiodens resultat ({start}–{end}): {reached} af målet på {target} ({share}). "
    "Projektet sluttede {end_date}; kontakter derefter tæller ikke med.",
    "en": "The project period's result ({start}–{end}): {reached} of the target of {target} "
    "({share}). The project ended on {end_date}; later contacts do not count.",
}
TEXTS["today.no_comparison"] = {"da": "ingen sammenligning", "en": "no comparison"}
