"""Sidebar filters, kept in the URL so every view is a link."""

from __future__ import annotations

import streamlit as st

from sistercities.schema import LEVELS as LEVEL_VALUES
from sistercities.schema import RELATIONS as RELATION_VALUES
from sistercities.timeline import YearWindow, clamp_years
from sistercities.view import LEVEL_LABELS, RELATION_LABELS, Filters

from . import keys


def show(bounds: tuple[int, int]) -> None:
    """Draw the filters in the sidebar; pages read them with `current`."""
    low, high = bounds
    with st.sidebar:
        st.slider("Years signed", low, high, value=(low, high), key=keys.YEARS,
                  bind="query-params", help="Pairs signed in this range. Pairs whose year "
                  "is unknown are counted below the map but not drawn.")
        st.multiselect("Level", LEVEL_VALUES, format_func=LEVEL_LABELS.get, key=keys.LEVELS,
                       bind="query-params", placeholder="All levels")
        st.multiselect("Relation", RELATION_VALUES, format_func=RELATION_LABELS.get,
                       key=keys.RELATIONS, bind="query-params", placeholder="All relations")


def current(bounds: tuple[int, int], **scope) -> Filters:
    start, end = st.session_state.get(keys.YEARS, bounds)
    start, end = clamp_years(int(start), int(end), bounds)
    return Filters(YearWindow(start, end), tuple(st.session_state.get(keys.LEVELS, ())),
                   tuple(st.session_state.get(keys.RELATIONS, ())), **scope)
