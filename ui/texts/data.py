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
}
