"""Route planner: where to go on a round, in which order, and when."""

import datetime as dt

import streamlit as st

from data_access import cached
from ui import figures, tables
from ui import routes_view as view
from ui.filters import committee_mode
from ui.i18n import current_language, t
from ui.plain import plain

org = cached.organisation()
lang = current_language()

st.title(t("nav.routes"))
st.caption(t("routes.intro"))

round_in = view.inputs(org, lang)
if round_in is None:
    st.stop()

# History up to the day before the round: "when are people met here on this weekday". Not in
# committee mode: a site's contact history is a list of single visits and contacts.
history = not committee_mode()
if not history:
    st.info(t("committee.no_history"), icon=":material/visibility_off:")
profile = figures.contact_profile(round_in.date - dt.timedelta(days=1))
suggestions = view.suggestions_for(org, round_in, profile)
with st.container(border=True):
    edited = view.suggestion_editor(suggestions, round_in, lang, history)

plan, matrix, chosen, skipped = view.plan_round(suggestions, edited, round_in)
names = {s.id: s.name for s in org.sites}

st.subheader(t("routes.plan"))
if plan.finish == float("inf"):
    st.error(t("routes.impossible"), icon=":material/block:")
    view.dropped_list(plan, skipped, names)
    st.stop()
if plan.missing_must:
    st.warning(
        t("routes.missing_must", sites=plain(", ".join(names[i] for i in plan.missing_must))),
        icon=":material/priority_high:",
    )
if not plan.visits:
    st.info(t("routes.nothing"), icon=":material/info:")

view.summary(plan, view.plan_distance_km(plan, matrix, chosen), round_in, lang)
rows = view.itinerary(plan, chosen, round_in, lang, history)
start, end, stops = view.map_points(plan, chosen, round_in, rows)

left, right = st.columns([3, 2])
with left, st.container(border=True):
    view.route_map(start, end, stops, cached.outline(org))
with right, st.container(border=True):
    st.markdown(f"**{t('routes.itinerary')}**")
    tables.show(view.itinerary_table(rows), lang)
    view.dropped_list(plan, skipped, names)
    view.travel_note(matrix, round_in.mode, lang)

notes = (
    [
        f"{t('routes.dropped')}: "
        + ", ".join(f"{names[i]} ({t(f'drop.{r}')})" for i, r in plan.dropped)
    ]
    if plan.dropped
    else []
)
view.exports(rows, start, end, stops, round_in, notes, lang)
