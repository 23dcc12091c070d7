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
from sistercities.view import RELATION_LABELS, Filters

from . import keys

# Bound widgets put these labels in the URL (?level=City&mode=As+of+end+year): keep them short
# and plain so shared links stay readable.
MODE_LABELS = {"signed": "Signed in range", "standing": "As of end year"}
LEVEL_FILTER_LABELS = {"province-state": "Province-state", "city": "City", "mixed": "Mixed"}


def years_from_url(bounds: tuple[int, int]) -> tuple[int, int] | None:
    values = st.query_params.get_all(keys.YEARS)
    try:
        start, end = (int(v) for v in values[:2]) if len(values) >= 2 else (None, None)
    except ValueError:
        return None
    return None if start is None else clamp_years(start, end, bounds)


def sync_years(bounds: tuple[int, int]) -> None:
    """Before any page draws: the URL's range wins (a link, back/forward); without one the
    session keeps its range, or starts with the whole range."""
    years = years_from_url(bounds) or st.session_state.get(keys.VIEW_YEARS, bounds)
    set_years(*clamp_years(*years, bounds))


def set_years(start: int, end: int) -> None:
    """The one place the range in view changes; the URL always carries both ends."""
    st.session_state[keys.VIEW_YEARS] = (start, end)
    st.query_params[keys.YEARS] = [str(start), str(end)]


def years(bounds: tuple[int, int]) -> tuple[int, int]:
    return clamp_years(*st.session_state.get(keys.VIEW_YEARS, bounds), bounds)


def show_sidebar() -> None:
    with st.sidebar:
        st.segmented_control("Show", MODES, format_func=MODE_LABELS.get, key=keys.MODE,
                             default=SIGNED, bind="query-params", help="Signed in range: pairs "
                             "signed between the two years. As of end year: the whole network "
                             "as it stood at the end year, ended ties greyed.")
        st.multiselect("Level", LEVEL_VALUES, format_func=LEVEL_FILTER_LABELS.get, key=keys.LEVELS,
                       bind="query-params", placeholder="All levels")
        st.multiselect("Relation", RELATION_VALUES, format_func=RELATION_LABELS.get,
                       key=keys.RELATIONS, bind="query-params", placeholder="All relations")
        st.text_input("Search a place", key=keys.SEARCH, bind="query-params",
                       placeholder="Suzhou, 苏州, St. Louis…",
                       help="English name, pinyin or Chinese characters; matching pairs are "
                       "highlighted on the map.")


def current(bounds: tuple[int, int], **scope) -> Filters:
    start, end = years(bounds)
    mode = st.session_state.get(keys.MODE) or SIGNED
    return Filters(YearWindow(start, end, mode), tuple(st.session_state.get(keys.LEVELS) or ()),
                   tuple(st.session_state.get(keys.RELATIONS) or ()), **scope)


def search_text() -> str:
    return (st.session_state.get(keys.SEARCH) or "").strip()


def view_params(**extra) -> dict:
    """Query parameters for a link to another page. The bound filters are not listed: they
    are sidebar widgets on every page and write themselves back to the new page's URL."""
    params: dict = {}
    start, end = st.session_state.get(keys.VIEW_YEARS, (None, None))
    if start is not None:
        params[keys.YEARS] = [str(start), str(end)]
    return {**params, **extra}
