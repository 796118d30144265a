"""Texts of the product pass (issue 16): the contact form's clock and undo, tables' column
names, hidden pages, exports."""

TEXTS: dict[str, dict[str, str]] = {
    "log.time.now_note": {
        "da": "Tid i {zone}. Lader du dato og tid stå, gemmes kontakten med tiden, da du "
        "trykker Gem.",
        "en": "Time in {zone}. Leave date and time as they are and the contact is saved with "
        "the time you press Save.",
    },
    "log.what": {
        "da": "kontakten ved {site} {time}",
        "en": "the contact at {site} {time}",
    },
    "log.undo.what": {"da": "Fortryd fjerner {what}.", "en": "Undo removes {what}."},
    "log.undone.what": {"da": "Fjernet: {what}.", "en": "Removed: {what}."},
    "brief.get": {"da": "Hent udvalgsbrief (PDF)", "en": "Download the committee brief (PDF)"},
    "download.making": {"da": "Filen laves …", "en": "Making the file …"},
    "history.col.id": {"da": "Nr.", "en": "No."},
    "history.col.source": {"da": "Kilde", "en": "Source"},
    "history.col.file": {"da": "Fil", "en": "File"},
    "history.col.rows": {"da": "Rækker", "en": "Rows"},
    "history.col.created": {"da": "Tidspunkt", "en": "Time"},
    "history.col.note": {"da": "Note", "en": "Note"},
    "history.source.demo": {"da": "Demodata", "en": "Demo data"},
    "history.source.csv": {"da": "CSV-fil", "en": "CSV file"},
    "history.source.xlsx": {"da": "Excel-fil", "en": "Excel file"},
    "history.source.form": {"da": "Kontaktformular", "en": "Contact form"},
    "history.note.demo": {
        "da": "demodata (skala {scale}, frø {seed})",
        "en": "demo data (scale {scale}, seed {seed})",
    },
    "history.table.persons": {"da": "Personer", "en": "Persons"},
    "history.table.treatment_courses": {"da": "Behandlingsforløb", "en": "Treatment courses"},
    "history.table.outreach_contacts": {"da": "Opsøgende kontakter", "en": "Outreach contacts"},
    "history.column.requested_on": {"da": "anmodningsdato", "en": "request date"},
    "history.column.started_on": {"da": "startdato", "en": "start date"},
    "history.column.ended_on": {"da": "slutdato", "en": "end date"},
    "history.column.end_reason": {"da": "afslutningsårsag", "en": "end reason"},
    "history.column.modality": {"da": "behandlingsform", "en": "modality"},
    "history.column.referral_source": {"da": "henviser", "en": "referral source"},
    "history.column.address_site_id": {"da": "adresse", "en": "address"},
    "history.column.birth_year": {"da": "fødselsår", "en": "birth year"},
    "history.column.sex": {"da": "køn", "en": "sex"},
    "history.column.main_substance": {"da": "hovedstof", "en": "main substance"},
    "import.doc.contacts.0": {
        "da": "BB-ABC123 (tom = anonym)",
        "en": "BB-ABC123 (empty = anonymous)",
    },
    "import.doc.contacts.1": {"da": "id eller navn", "en": "id or name"},
    "import.doc.contacts.2": {"da": "01-03-2025 14:30", "en": "01-03-2025 14:30"},
    "import.doc.contacts.3": {
        "da": "samtale / kort kontakt / ledsagelse / telefon",
        "en": "samtale (conversation) / kort kontakt (brief) / ledsagelse (accompaniment) / "
        "telefon (phone)",
    },
    "import.doc.contacts.4": {
        "da": "ingen / plan / henvist / afvist",
        "en": "ingen (none) / plan / henvist (referred) / afvist (declined)",
    },
    "import.doc.courses.0": {
        "da": "F-1001 (valgfri: kildesystemets nøgle; ellers genkendes et forløb på pseudonym, "
        "afdeling og anmodningsdato)",
        "en": "F-1001 (optional: the source system's key; otherwise a course is recognised by "
        "pseudonym, department and request date)",
    },
    "import.doc.courses.1": {"da": "BB-ABC123", "en": "BB-ABC123"},
    "import.doc.courses.2": {
        "da": "stof / alkohol / unge (id eller navn)",
        "en": "stof / alkohol / unge (id or name)",
    },
    "import.doc.courses.3": {"da": "01-03-2025", "en": "01-03-2025 (request date)"},
    "import.doc.courses.4": {
        "da": "10-03-2025 (kan være tom)",
        "en": "10-03-2025 (start date; may be empty)",
    },
    "import.doc.courses.5": {"da": "kan være tom", "en": "end date; may be empty"},
    "import.doc.courses.6": {
        "da": "gennemført / reduceret / udeblevet / videresendt / trukket / andet",
        "en": "end reason: gennemført (completed) / reduceret (reduced) / udeblevet (no-show) /"
        " videresendt (transferred) / trukket (withdrawn) / andet (other)",
    },
    "import.doc.courses.7": {
        "da": "individuel / gruppe",
        "en": "individuel (individual) / gruppe (group)",
    },
    "import.doc.courses.8": {
        "da": "egen henvendelse / opsøgende / egen læge / hospital / kommune / pårørende / andet",
        "en": "referral source: egen henvendelse (self) / opsøgende (outreach) / egen læge (GP)"
        " / hospital / kommune (municipality) / pårørende (relative) / andet (other)",
    },
    "import.doc.courses.9": {"da": "valgfri", "en": "birth year, sex, main substance: optional"},
}
