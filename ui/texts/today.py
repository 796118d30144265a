"""Texts: data up to today, the project period on timelines, comparisons, the law per
department (issue 15; Danish and English, see ui/i18n.py)."""

TEXTS: dict[str, dict[str, str]] = {
    "today.project_band": {
        "da": "Projektperiode {start}–{end}",
        "en": "Project period {start}–{end}",
    },
}
