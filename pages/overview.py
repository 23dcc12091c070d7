"""Overview: every China–US pair on one map, filtered by the sidebar."""

import streamlit as st

from components import arc_map, data, filters, kpis
from sistercities.view import apply_filters, unknown_year_count
from sistercities.view import kpis as kpi_figures

atlas = data.atlas()
chosen = filters.current(atlas.bounds)
view = apply_filters(atlas.located, chosen)
start, end = chosen.window.start, chosen.window.end

st.title("Sister Cities Atlas")
st.caption(f"China–US sister provinces/states and cities, signed {start}–{end}.")
kpis.show(kpi_figures(view))
arc_map.show(view, start, end)

notes = []
undated = unknown_year_count(atlas.pairs, chosen)
if undated:
    notes.append(f"{undated} pair{'s' if undated != 1 else ''} without a known year not shown.")
if len(atlas.unlocated):
    names = ", ".join(sorted(set(atlas.unlocated["place_cn"] + " – " + atlas.unlocated["place_us"])))
    notes.append(f"{len(atlas.unlocated)} pair(s) not on the map because a place has no "
                 f"coordinates yet: {names}.")
for note in notes:
    st.info(note, icon=":material/info:")
