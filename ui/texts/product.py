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
}
