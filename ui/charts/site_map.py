"""The meeting brief's map: the sites on the municipality's outline, sized by their published
contacts (a Vega-Lite geoshape; the brief is a PDF, so no folium here)."""

from __future__ import annotations

import pandas as pd

from data_access.organisation import SITE_KINDS, Organisation
from ui.charts import vega
from ui.charts.palette import kind_scale
from ui.charts.vega import Spec, channel
from ui.i18n import translate


def site_map(org: Organisation, activity: pd.DataFrame, outline: dict | None, lang: str) -> Spec:
    """A site shown as "<5" or "–" gets the smallest circle, like one without contacts."""
    counts = activity.set_index("site_id")["contacts"].to_dict() if len(activity) else {}
    rows = [
        {
            "name": s.name,
            "lat": s.lat,
            "lon": s.lon,
            "kind": translate(f"kind.{s.kind}", lang),
            "contacts": 0 if pd.isna(counts.get(s.id, 0)) else int(counts.get(s.id, 0)),
        }
        for s in org.sites
    ]
    layers = []
    if outline:
        layers.append(
            vega.view(
                outline["features"],
                {"type": "geoshape", "fill": "#f4f6f6", "stroke": "#3d405b", "strokeDash": [4, 3]},
            )
        )
    labels = {k: translate(f"kind.{k}", lang) for k in SITE_KINDS}
    layers.append(
        vega.view(
            pd.DataFrame(rows),
            {"type": "circle", "opacity": 0.8, "stroke": "white"},
            {
                "longitude": channel("lon:Q"),
                "latitude": channel("lat:Q"),
                "size": channel("contacts:Q", scale={"range": [30, 900]}, legend=None),
                # The organisation's colour per site kind, as on the app's map and charts.
                "color": channel(
                    "kind:N",
                    title=None,
                    legend={"orient": "bottom", "columns": 2, "labelLimit": 260},
                    scale=kind_scale(org, labels, SITE_KINDS),
                ),
            },
        )
    )
    return {
        "layer": layers,
        "projection": {"type": "mercator"},
        "width": 460,
        "height": 300,
    }
