"""Texts: importing files, their report, undo (Danish and English; see ui/i18n.py).

A problem's message may use {value} (the offending value, never a CPR-like one) and
{detail} (a limit, another row, what the database holds); a notice's {count}, {rows} and
{detail}.
"""

TEXTS: dict[str, dict[str, str]] = {
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
        "fil med noget, der ligner et CPR-nummer, afvises helt. Importér gerne hele "
        "månedsudtrækket igen: kendte forløb opdateres (start, slut), de bliver ikke dobbelte.",
        "en": "Headers in Danish or English; dates as dd-mm-yyyy; semicolons or commas; UTF-8 or "
        "Windows-1252. Columns with names or CPR numbers do not belong here: a file with anything "
        "that looks like a CPR number is refused whole. Import the whole monthly export again: "
        "known courses are updated (start, end), not doubled.",
    },
    "import.col.example": {"da": "Eksempel", "en": "Example"},
    "import.template": {"da": "Hent skabelon", "en": "Download template"},
    "import.run": {"da": "Importér filen", "en": "Import the file"},
    "import.working": {"da": "Kontrollerer og importerer …", "en": "Checking and importing …"},
    "import.sheets": {
        "da": "Hvilke ark skal importeres?",
        "en": "Which sheets should be imported?",
    },
    "import.sheets.placeholder": {"da": "Vælg ark", "en": "Choose sheets"},
    "import.done": {
        "da": "{file}: {added} rækker tilføjet, {updated} opdateret, {skipped} fandtes allerede "
        "uændret; {persons} nye personer.",
        "en": "{file}: {added} rows added, {updated} updated, {skipped} were there already "
        "unchanged; {persons} new persons.",
    },
    "import.refused": {
        "da": "Filen er ikke importeret – intet er gemt. Ret disse {n} ting og prøv igen:",
        "en": "The file is not imported – nothing is saved. Fix these {n} things and try again:",
    },
    "import.refused.more": {
        "da": "Viser de første {shown} af {n}.",
        "en": "Showing the first {shown} of {n}.",
    },
    "import.ignored": {
        "da": "Kolonner, der ikke bruges: {columns}",
        "en": "Columns not used: {columns}",
    },
    "import.sheets_read": {"da": "Ark læst: {sheets}", "en": "Sheets read: {sheets}"},
    "import.col.sheet": {"da": "Ark", "en": "Sheet"},
    "import.col.row": {"da": "Række", "en": "Row"},
    "import.col.column": {"da": "Kolonne", "en": "Column"},
    "import.col.value": {"da": "Værdi", "en": "Value"},
    "import.col.problem": {"da": "Problem", "en": "Problem"},
    "import.unexpected_error": {
        "da": "Importen kunne ikke gennemføres på grund af en fejl i systemet. Intet er gemt. "
        "Prøv igen; sker det igen, så kontakt den systemansvarlige.",
        "en": "The import could not be completed because of a fault in the system. Nothing is "
        "saved. Try again; if it happens again, contact the system administrator.",
    },
    # ---- the file as a whole
    "import.empty_file": {"da": "Filen er tom.", "en": "The file is empty."},
    "import.no_rows": {
        "da": "Filen har overskrifter, men ingen rækker.",
        "en": "The file has headers but no rows.",
    },
    "import.too_big": {
        "da": "Filen er for stor (højst {detail} MB).",
        "en": "The file is too big (at most {detail} MB).",
    },
    "import.too_big_unpacked": {
        "da": "Excel-filen fylder for meget udpakket (højst {detail} MB). Del den op, eller gem "
        "kun de nødvendige kolonner.",
        "en": "The Excel file is too big unpacked (at most {detail} MB). Split it, or save only "
        "the columns needed.",
    },
    "import.packed_too_tightly": {
        "da": "Excel-filen pakker sig mere end {detail} gange ud, som en zip-bombe; den er ikke "
        "læst. Gem den igen fra Excel, eller send den som CSV.",
        "en": "The Excel file unpacks more than {detail}-fold, like a zip bomb; it was not read. "
        "Save it again from Excel, or send it as CSV.",
    },
    "import.too_many_rows": {
        "da": "For mange rækker (højst {detail}). Del filen op.",
        "en": "Too many rows (at most {detail}). Split the file.",
    },
    "import.too_many_columns": {
        "da": "For mange kolonner (højst {detail}); arket når ud til {column}. Slet det, der "
        "ligger uden for tabellen.",
        "en": "Too many columns (at most {detail}); the sheet reaches {column}. Delete what lies "
        "outside the table.",
    },
    "import.too_many_cells": {
        "da": "For mange udfyldte celler (højst {detail}). Del filen op.",
        "en": "Too many filled cells (at most {detail}). Split the file.",
    },
    "import.cell_too_long": {
        "da": "Cellen er for lang (højst {detail} tegn).",
        "en": "The cell is too long (at most {detail} characters).",
    },
    "import.too_slow": {
        "da": "Importen tog mere end {detail} sekunder og er stoppet; intet er gemt. Del filen op.",
        "en": "The import took more than {detail} seconds and was stopped; nothing is saved. "
        "Split the file.",
    },
    "import.wrong_file_type": {
        "da": "Filtypen .{value} kan ikke læses; brug .csv eller .xlsx.",
        "en": "File type .{value} cannot be read; use .csv or .xlsx.",
    },
    "import.unreadable_excel": {
        "da": "Excel-filen kan ikke åbnes. Gem den igen fra Excel som .xlsx.",
        "en": "The Excel file cannot be opened. Save it again from Excel as .xlsx.",
    },
    "import.old_or_protected_excel": {
        "da": "Filen er en gammel Excel-fil (.xls) eller beskyttet med adgangskode. Gem den som "
        ".xlsx uden adgangskode.",
        "en": "The file is an old Excel file (.xls) or protected by a password. Save it as .xlsx "
        "without a password.",
    },
    "import.unreadable_csv": {
        "da": "CSV-filen kan ikke læses fra denne række (fx et anførselstegn, der ikke lukkes).",
        "en": "The CSV file cannot be read from this row (for example a quote that is not closed).",
    },
    "import.bad_encoding": {
        "da": "Filens tegnsæt kan ikke læses; gem den som CSV (UTF-8) eller Excel.",
        "en": "The file's character set cannot be read; save it as CSV (UTF-8) or Excel.",
    },
    "import.unexpected": {
        "da": "Filen kunne ikke kontrolleres (en uventet fejl, som er logget). Intet er gemt.",
        "en": "The file could not be checked (an unexpected fault, which is logged). Nothing is "
        "saved.",
    },
    "import.already_imported": {
        "da": "Denne fil er allerede importeret (bunke {detail}, {value}). Fortryd den bunke "
        "under Importhistorik, hvis den skal importeres igen.",
        "en": "This file was already imported (batch {detail}, {value}). Undo that batch under "
        "Import history to import it again.",
    },
    "import.being_imported": {
        "da": "Denne fil er ved at blive importeret lige nu (af dig eller en kollega). Vent, til "
        "den er færdig.",
        "en": "This file is being imported right now (by you or a colleague). Wait until it is "
        "done.",
    },
    "import.import_busy": {
        "da": "En anden import gemmes lige nu. Prøv igen om lidt.",
        "en": "Another import is being saved right now. Try again in a moment.",
    },
    # ---- CPR numbers
    "import.cpr": {
        "da": "Ligner et CPR-nummer. Hele filen er afvist og intet er gemt.",
        "en": "Looks like a CPR number. The whole file is refused and nothing is saved.",
    },
    "import.cpr_in_name": {
        "da": "Filnavnet ligner et CPR-nummer. Omdøb filen; intet er gemt.",
        "en": "The file name looks like a CPR number. Rename the file; nothing is saved.",
    },
    "import.cpr_in_sheet_name": {
        "da": "Et arknavn ligner et CPR-nummer. Omdøb arket; intet er gemt.",
        "en": "A sheet name looks like a CPR number. Rename the sheet; nothing is saved.",
    },
    # ---- sheets and columns
    "import.several_sheets": {
        "da": "Projektmappen har {detail} ark med de forventede kolonner. Vælg herunder, hvilke "
        "der skal importeres.",
        "en": "The workbook has {detail} sheets with the expected columns. Choose below which to "
        "import.",
    },
    "import.only_hidden_sheet": {
        "da": "Data ligger kun i skjulte ark. Vælg herunder, hvis de skal importeres.",
        "en": "The data is only on hidden sheets. Choose below if they should be imported.",
    },
    "import.unknown_sheet": {
        "da": "Arket findes ikke i filen.",
        "en": "No such sheet in the file.",
    },
    "import.missing_column": {"da": "Kolonnen mangler.", "en": "The column is missing."},
    "import.duplicate_column": {
        "da": "Overskriften står flere gange (kolonne {detail}). Hvilken gælder?",
        "en": "The header appears more than once (columns {detail}). Which one counts?",
    },
    "import.duplicate_field": {
        "da": "To kolonner betyder det samme (kolonne {detail}). Behold én af dem.",
        "en": "Two columns mean the same (columns {detail}). Keep one of them.",
    },
    "import.formula": {
        "da": "Cellen er en formel. Formlens resultat er ikke data: indsæt værdien i stedet.",
        "en": "The cell is a formula. Its result is not data: paste the value instead.",
    },
    "import.cell_error": {
        "da": "Cellen indeholder en Excel-fejl.",
        "en": "The cell holds an Excel error.",
    },
    "import.bad_serial": {
        "da": "Cellen er formateret som dato, men tallet er ikke en dato.",
        "en": "The cell is formatted as a date, but the number is not a date.",
    },
    # ---- values
    "import.bad_pseudonym": {
        "da": "Ikke et gyldigt pseudonym (bogstaver, tal og bindestreg, ingen mellemrum).",
        "en": "Not a valid pseudonym (letters, digits and dashes, no spaces).",
    },
    "import.bad_course_id": {
        "da": "Ikke et gyldigt forløbs-id (højst 64 bogstaver, tal og - . / : #).",
        "en": "Not a valid course id (at most 64 letters, digits and - . / : #).",
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
    "import.too_early": {
        "da": "Urealistisk tidlig dato (før {detail}).",
        "en": "Implausibly early date (before {detail}).",
    },
    "import.unknown_value": {"da": "Ukendt værdi.", "en": "Unknown value."},
    "import.missing_value": {"da": "Mangler.", "en": "Missing."},
    "import.start_before_request": {"da": "Start før anmodning.", "en": "Start before request."},
    "import.end_before_start": {"da": "Slut før start.", "en": "End before start."},
    "import.end_needs_reason": {
        "da": "Slutdato og afslutningsårsag skal følges ad.",
        "en": "End date and end reason go together.",
    },
    "import.bad_birth_year": {
        "da": "Ikke et fødselsår (fire cifre, fx 1984).",
        "en": "Not a birth year (four digits, for example 1984).",
    },
    "import.implausible_birth_year": {
        "da": "Urealistisk fødselsår (1900 til i år).",
        "en": "Implausible birth year (1900 to this year).",
    },
    "import.bad_substance": {"da": "Ugyldigt hovedstof.", "en": "Invalid main substance."},
    "import.bad_value": {"da": "Ugyldig værdi.", "en": "Invalid value."},
    # ---- rows against each other and against the database
    "import.conflicting_rows": {
        "da": "Samme forløb som række {detail}, men med andre oplysninger. Hvilken gælder?",
        "en": "The same course as row {detail}, with other details. Which one is right?",
    },
    "import.person_conflict": {
        "da": "Samme pseudonym har en anden værdi i række {detail}.",
        "en": "The same pseudonym has another value in row {detail}.",
    },
    "import.person_conflict_db": {
        "da": "Databasen har allerede {detail} for dette pseudonym.",
        "en": "The database already has {detail} for this pseudonym.",
    },
    "import.course_of_other_person": {
        "da": "Dette forløbs-id hører til et andet pseudonym i databasen.",
        "en": "This course id belongs to another pseudonym in the database.",
    },
    "import.ambiguous_course": {
        "da": "Databasen har {detail} forløb for personen i afdelingen med denne anmodningsdato; "
        "tilføj en forløbs-id-kolonne, eller fortryd den import, der lavede dubletterne.",
        "en": "The database has {detail} courses for the person in the department with this "
        "request date; add a course id column, or undo the import that made the duplicates.",
    },
    "import.older_state": {
        "da": "Databasen har allerede {detail} her, filen har intet. Er det et ældre udtræk?",
        "en": "The database already has {detail} here, the file has nothing. Is it an older "
        "export?",
    },
    # ---- notices on an import that went through
    "import.notice.identical_courses": {
        "da": "{count} rækker gentog et forløb fra tidligere i filen og er talt én gang "
        "(række {rows}).",
        "en": "{count} rows repeated a course from earlier in the file and were counted once "
        "(rows {rows}).",
    },
    "import.notice.identical_contacts": {
        "da": "{count} kontakter er helt ens med en tidligere række og er talt som hver sin "
        "kontakt (række {rows}). Fortryd importen, hvis det var en fejl.",
        "en": "{count} contacts are identical to an earlier row and were counted as separate "
        "contacts (rows {rows}). Undo the import if that was a mistake.",
    },
    "import.notice.persons_filled": {
        "da": "{count} kendte personer fik udfyldt fødselsår, køn eller hovedstof.",
        "en": "{count} known persons had birth year, sex or main substance filled in.",
    },
    "import.notice.hidden_sheets_not_read": {
        "da": "Skjulte ark er ikke læst: {detail}.",
        "en": "Hidden sheets were not read: {detail}.",
    },
    "import.notice.sheets_not_read": {
        "da": "Ark uden de forventede kolonner er ikke læst: {detail}.",
        "en": "Sheets without the expected columns were not read: {detail}.",
    },
    "import.notice.unnamed_columns": {
        "da": "Kolonner uden overskrift er ikke læst: {detail}.",
        "en": "Columns without a header were not read: {detail}.",
    },
    # ---- history and undo
    "history.changed": {"da": "Ændrede rækker", "en": "Rows changed"},
    "history.changes": {"da": "Vis ændringer i bunke {id}", "en": "Show changes in batch {id}"},
    "history.col.table": {"da": "Tabel", "en": "Table"},
    "history.col.row": {"da": "Række-id", "en": "Row id"},
    "history.col.column": {"da": "Kolonne", "en": "Column"},
    "history.col.old": {"da": "Før", "en": "Before"},
    "history.col.new": {"da": "Efter", "en": "After"},
    "undo.unknown_batch": {
        "da": "Bunken findes ikke (længere).",
        "en": "The batch no longer exists.",
    },
    "undo.later_changes": {
        "da": "Bunken kan ikke fortrydes endnu: senere bunker ({batches}) har ændret det, den "
        "tilføjede eller ændrede. Fortryd dem først. Intet er ændret.",
        "en": "The batch cannot be undone yet: later batches ({batches}) changed what it added "
        "or changed. Undo them first. Nothing is changed.",
    },
    "undo.changed_since": {
        "da": "Bunken kan ikke fortrydes: det, den ændrede, er ændret siden. Intet er ændret.",
        "en": "The batch cannot be undone: what it changed has been changed since. Nothing is "
        "changed.",
    },
}
