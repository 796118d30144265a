"""Texts that came with the national-scale work (issue 14)."""

TEXTS = {
    "download.large": {
        "da": "{n} rækker: filerne laves, når du beder om dem (det kan tage et minut).",
        "en": "{n} rows: the files are made when you ask for them (it may take a minute).",
    },
    "download.make": {"da": "Lav filerne", "en": "Make the files"},
    "download.reading": {"da": "Rækkerne hentes …", "en": "Reading the rows …"},
    "download.making_csv": {"da": "CSV-filen laves …", "en": "Making the CSV file …"},
    "download.making_xlsx": {"da": "Excel-filen laves …", "en": "Making the Excel file …"},
    "download.excel_too_long": {
        "da": "For mange rækker til Excel (højst {n} i et ark): hent CSV-filen.",
        "en": "Too many rows for Excel (at most {n} in a sheet): download the CSV file.",
    },
    "log.person.recent": {
        "da": "Listen viser de senest mødte personer. Skriv et andet pseudonym for at vælge det.",
        "en": "The list shows the persons met most recently. Type another pseudonym to choose it.",
    },
}
