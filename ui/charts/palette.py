"""The organisation's colours as chart scales: one colour per department and per site kind on
every chart and legend (the maps and the route sheet take the same colours from
Organisation.kind_colors)."""

from __future__ import annotations

from collections.abc import Iterable

from data_access.organisation import Organisation
from ui.charts import vega


def department_scale(org: Organisation, lang: str, shown: Iterable[str] | None = None) -> vega.Spec:
    """Department labels in the page's language mapped to their colours, in the file's order;
    `shown` (labels) limits the legend to the departments a chart has."""
    colours = org.department_colors()
    pairs = [(d.label(lang), colours[d.id]) for d in org.departments]
    if shown is not None:
        present = set(shown)
        pairs = [(label, colour) for label, colour in pairs if label in present]
    return vega.colour_scale(pairs)


def kind_scale(org: Organisation, labels: dict[str, str], kinds: Iterable[str]) -> vega.Spec:
    colours = org.kind_colors()
    return vega.colour_scale((labels[k], colours[k]) for k in kinds)
