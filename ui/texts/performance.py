"""Texts that came with the national-scale work (issue 14)."""

TEXTS = {
    "log.person.recent": {
        "da": "Listen viser de senest mødte personer. Skriv et andet pseudonym for at vælge det.",
        "en": "The list shows the persons met most recently. Type another pseudonym to choose it.",
    },
}
