"""The organisation's colours as chart scales: one colour per department and per site kind on
every chart and legend (the maps and the route sheet take the same colours from
Organisation.kind_colors)."""

from __future__ import annotations

from collections.abc import Iterable

import altair as alt

from data_access.organisation import Organisation


def department_scale(org: Organisation, lang: str, shown: Iterable[str] | None = None) -> alt.Scale:
    """Department labels in the page's language mapped to their colours, in the file's order;
    `shown` (labels) limits the legend to the departments a chart has."""
    colours = org.department_colors()
    pairs = [(d.label(lang), colours[d.id]) for d in org.departments]
    if shown is not None:
        present = set(shown)
        pairs = [(label, colour) for label, colour in pairs if label in present]
    return alt.Scale(domain=[p[0] for p in pairs], range=[p[1] for p in pairs])


def kind_scale(org: Organisation, labels: dict[str, str], kinds: Iterable[str]) -> alt.Scale:
    colours = org.kind_colors()
    kinds = list(kinds)
    return alt.Scale(domain=[labels[k] for k in kinds], range=[colours[k] for k in kinds])
