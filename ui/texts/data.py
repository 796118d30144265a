"""Texts: data page (Danish and English; see ui/i18n.py)."""

TEXTS: dict[str, dict[str, str]] = {
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
}
