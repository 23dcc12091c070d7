"""The view's filters. All of them live in the URL, so every view is a link.

Level, relation, mode and search are widgets bound to query parameters. The year range is
written to the URL explicitly (both ends, always) so that a link made this year still means
the same range next year, when the data's last year has moved on.
"""

from __future__ import annotations

import streamlit as st

from sistercities.schema import LEVELS as LEVEL_VALUES
from sistercities.schema import RELATIONS as RELATION_VALUES
from sistercities.timeline import MODES, SIGNED, YearWindow, clamp_years
from sistercities.view import LEVEL_LABELS, RELATION_LABELS, Filters

from . import keys

MODE_LABELS = {"signed": "Signed in range", "standing": "Network as it stood"}


def years_from_url(bounds: tuple[int, int]) -> tuple[int, int] | None:
    values = st.query_params.get_all(keys.YEARS)
    try:
        start, end = (int(v) for v in values[:2]) if len(values) >= 2 else (None, None)
    except ValueError:
        return None
    return None if start is None else clamp_years(start, end, bounds)


def sync_years(bounds: tuple[int, int]) -> None:
    """Before any page draws: the URL's range wins when it changed (a link, back/forward);
    otherwise keep the session's, or start with the whole range."""
    from_url = years_from_url(bounds)
    if from_url and from_url != st.session_state.get(keys.YEARS_IN_URL):
        st.session_state[keys.YEARS] = from_url
    elif keys.YEARS not in st.session_state:
        st.session_state[keys.YEARS] = st.session_state.get(keys.YEARS_IN_URL, bounds)
    start, end = clamp_years(*st.session_state[keys.YEARS], bounds)
    st.session_state[keys.YEARS] = (start, end)
    write_years(start, end)


def write_years(start: int, end: int) -> None:
    st.query_params[keys.YEARS] = [str(start), str(end)]
    st.session_state[keys.YEARS_IN_URL] = (start, end)


def show_sidebar() -> None:
    with st.sidebar:
        st.segmented_control("Show", MODES, format_func=MODE_LABELS.get, key=keys.MODE,
                             default=SIGNED, bind="query-params", help="Signed in range: pairs "
                             "signed between the two years. Network as it stood: every pair "
                             "signed by the end year, ended ties greyed.")
        st.multiselect("Level", LEVEL_VALUES, format_func=LEVEL_LABELS.get, key=keys.LEVELS,
                       bind="query-params", placeholder="All levels")
        st.multiselect("Relation", RELATION_VALUES, format_func=RELATION_LABELS.get,
                       key=keys.RELATIONS, bind="query-params", placeholder="All relations")
        st.text_input("Search a place", key=keys.SEARCH, bind="query-params",
                       placeholder="Suzhou, 苏州, St. Louis…",
                       help="English name, pinyin or Chinese characters; matching pairs are "
                       "highlighted on the map.")


def current(bounds: tuple[int, int], **scope) -> Filters:
    start, end = clamp_years(*st.session_state.get(keys.YEARS, bounds), bounds)
    mode = st.session_state.get(keys.MODE) or SIGNED
    return Filters(YearWindow(start, end, mode), tuple(st.session_state.get(keys.LEVELS) or ()),
                   tuple(st.session_state.get(keys.RELATIONS) or ()), **scope)


def search_text() -> str:
    return (st.session_state.get(keys.SEARCH) or "").strip()


def view_params(**extra) -> dict:
    """The current view as query parameters, for links between pages."""
    params: dict = {}
    start, end = st.session_state.get(keys.YEARS_IN_URL, (None, None))
    if start is not None:
        params[keys.YEARS] = [str(start), str(end)]
    for key in (keys.MODE, keys.LEVELS, keys.RELATIONS, keys.SEARCH):
        value = st.session_state.get(key)
        if value:
            params[key] = value
    return {**params, **extra}
