"""Texts: opening hours in words instead of OpenStreetMap syntax (ui/opening_hours.py; Danish
and English, see ui/i18n.py)."""

_DAYS = {
    "Mo": ("man.", "Mon"),
    "Tu": ("tirs.", "Tue"),
    "We": ("ons.", "Wed"),
    "Th": ("tors.", "Thu"),
    "Fr": ("fre.", "Fri"),
    "Sa": ("lør.", "Sat"),
    "Su": ("søn.", "Sun"),
}
_MONTHS = {
    "Jan": ("jan.", "Jan"),
    "Feb": ("feb.", "Feb"),
    "Mar": ("mar.", "Mar"),
    "Apr": ("apr.", "Apr"),
    "May": ("maj", "May"),
    "Jun": ("jun.", "Jun"),
    "Jul": ("jul.", "Jul"),
    "Aug": ("aug.", "Aug"),
    "Sep": ("sep.", "Sep"),
    "Oct": ("okt.", "Oct"),
    "Nov": ("nov.", "Nov"),
    "Dec": ("dec.", "Dec"),
}

TEXTS: dict[str, dict[str, str]] = {
    **{f"hours.day.{k}": {"da": da, "en": en} for k, (da, en) in _DAYS.items()},
    **{f"hours.month.{k}": {"da": da, "en": en} for k, (da, en) in _MONTHS.items()},
    "hours.PH": {"da": "helligdage", "en": "public holidays"},
    "hours.SH": {"da": "skoleferie", "en": "school holidays"},
    "hours.always": {"da": "døgnåbent", "en": "open 24/7"},
    "hours.daily": {"da": "dagligt", "en": "daily"},
    "hours.all_day": {"da": "hele døgnet", "en": "all day"},
    "hours.closed": {"da": "lukket", "en": "closed"},
    "hours.unknown": {"da": "ukendt", "en": "unknown"},
    "hours.from": {"da": "fra {time}", "en": "from {time}"},
    "hours.open_end": {"da": "{span} (eller senere)", "en": "{span} (or later)"},
    "hours.sunrise": {"da": "solopgang", "en": "sunrise"},
    "hours.sunset": {"da": "solnedgang", "en": "sunset"},
    "hours.dawn": {"da": "daggry", "en": "dawn"},
    "hours.dusk": {"da": "skumring", "en": "dusk"},
}
