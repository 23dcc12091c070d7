"""The stage: year slider, playback controls, KPIs, map and timeline chart, redrawn together.

It runs as a fragment: while the timeline plays only the stage reruns, on a timer, so the
page does not flash; the camera stays where the user put it because the map's initial view
is fitted to the page's whole scope, not to the year being shown.
"""

from __future__ import annotations

import pandas as pd
import pydeck as pdk
import streamlit as st

from sistercities.charts import timeline_chart
from sistercities.mapdeck import fit_pairs
from sistercities.view import apply_filters, matches_search, matching
from sistercities.view import kpis as kpi_figures

from . import arc_map, chart, export_buttons, filters, keys, kpis
from .ui_text import lang, plain, tr, tr_count

SPEEDS = {"slow": 2.0, "normal": 1.0, "fast": 0.5}
# The camera is fitted on the server, which does not know the window: to the map's width in
# a 1400-pixel window with the sidebar open (940 px; a wider window shows more around it), and
# in presenter mode to a 1920x1080 projector, with a height that ends the map above the
# screen's bottom.
MAP_WIDTH = 940
PROJECTOR_MAP = (1800, 480)


def _speed_label(speed: str) -> str:
    return tr(f"speed_{speed}")


def _request_app_rerun() -> None:
    st.session_state[keys.APP_RERUN] = True


def _play(bounds: tuple[int, int]) -> None:
    start, end = filters.years(bounds)
    if end >= bounds[1]:  # at the end: play again from the first year
        filters.set_years(bounds[0], bounds[0])
    st.session_state[keys.PLAYING] = True
    _request_app_rerun()


def _pause() -> None:
    st.session_state[keys.PLAYING] = False
    _request_app_rerun()


def _step(delta: int, bounds: tuple[int, int]) -> None:
    start, end = filters.years(bounds)
    filters.set_years(start, max(start, min(bounds[1], end + delta)))
    if st.session_state.get(keys.PLAYING):
        _pause()


def _slider_moved() -> None:
    # While playing, the slider is display-only and the browser may echo back a year that
    # playback has already moved past: only a paused slider sets the range.
    if not st.session_state.get(keys.PLAYING):
        filters.set_years(*st.session_state[keys.YEARS])


def _advance(bounds: tuple[int, int]) -> None:
    """One tick of playback: the end year moves on; at the last year playback stops."""
    start, end = filters.years(bounds)
    if end >= bounds[1]:
        st.session_state[keys.PLAYING] = False
        st.rerun(scope="app")
    filters.set_years(start, end + 1)


def _fit() -> None:
    st.session_state[keys.FIT] = st.session_state.get(keys.FIT, 0) + 1


def controls(bounds: tuple[int, int]) -> None:
    low, high = bounds
    in_view = filters.years(bounds)
    if st.session_state.get(keys.YEARS) != in_view:  # moved by playback, a step or a link
        st.session_state[keys.YEARS] = in_view
    playing = st.session_state.get(keys.PLAYING, False)
    st.slider(tr("years"), low, high, value=in_view, key=keys.YEARS, on_change=_slider_moved,
              disabled=playing, help=tr("years_help"))
    # One flex row rather than st.columns: the same controls in one block instead of six.
    row = st.container(horizontal=True, vertical_alignment="center")
    row.button(tr("year_back"), icon=":material/chevron_left:", on_click=_step,
               args=(-1, bounds), width="stretch", key="year_back")
    if playing:
        row.button(tr("pause"), icon=":material/pause:", on_click=_pause, type="primary",
                   width="stretch", key="pause")
    else:
        row.button(tr("play"), icon=":material/play_arrow:", on_click=_play, args=(bounds,),
                   type="primary", width="stretch", help=tr("play_help"), key="play")
    row.button(tr("year_forward"), icon=":material/chevron_right:", on_click=_step,
               args=(1, bounds), width="stretch", key="year_forward")
    row.segmented_control("Speed", list(SPEEDS), format_func=_speed_label, key=keys.SPEED,
                          default="normal", label_visibility="collapsed",
                          on_change=_request_app_rerun)
    row.button(tr("fit"), icon=":material/fit_screen:", on_click=_fit, width="stretch",
               help=tr("fit_help"), key="fit")


def camera(scope: pd.DataFrame, map_height: int, map_width: int) -> pdk.ViewState | None:
    """The scope's fitted camera; "Fit to data" nudges it so deck.gl moves back to it."""
    if scope.empty:
        return None
    fitted = fit_pairs(scope, map_height, map_width)
    fitted.zoom += st.session_state.get(keys.FIT, 0) * 1e-6
    return fitted


def show(scope: pd.DataFrame, scope_all: pd.DataFrame, unlocated: pd.DataFrame,
         bounds: tuple[int, int], events: pd.DataFrame, map_height: int = 560,
         scope_label: str | None = None) -> None:
    """Draw the stage for this page's pairs: `scope` holds the located ones, `scope_all`
    every valid one (for the unknown-year note and the chart), `unlocated` those with a
    place not yet geocoded; `scope_label` names the page's province or state in exported
    titles."""
    playing = st.session_state.get(keys.PLAYING, False)
    interval = SPEEDS.get(st.session_state.get(keys.SPEED) or "normal", 1.0)
    present = filters.view()["present"]
    map_width = MAP_WIDTH
    if present:
        map_width, map_height = PROJECTOR_MAP

    @st.fragment(run_every=interval if playing else None)
    def stage() -> None:
        if st.session_state.pop(keys.APP_RERUN, False):
            st.rerun(scope="app")
        if playing and st.session_state.get(keys.PLAYING):
            _advance(bounds)
        controls(bounds)
        chosen = filters.current(bounds)
        start, end = chosen.window.start, chosen.window.end
        view = apply_filters(scope, chosen)
        search = filters.search_text()
        if search:
            view["match"] = matches_search(view, search)
        showing_years = present or st.session_state.get(keys.PLAYING, False)
        kpis.show(kpi_figures(view), years=f"{start}–{end}" if showing_years else None)
        if search:
            st.caption(tr("search_matches", n=int(view["match"].sum()), total=len(view),
                          q=plain(search)))
        # On a projector the wheel scrolls the page: a presenter scrolling down to the map
        # must not zoom it out by accident (a double click or +/- still zooms).
        clicked = arc_map.show(view, start, end, camera(scope, map_height, map_width),
                               map_height, scroll_zoom=not present)
        charted = matching(scope_all, chosen)
        chart.show(timeline_chart(charted, bounds, (start, end), events, lang=lang(),
                                  projector=present, hover_note=True))
        notes(charted, unlocated)
        export_buttons.show(view, start, end, scope_label, lang(), key="export",
                            chart_pairs=charted, bounds=bounds, events=events)
        if clicked:
            arc_map.open_drilldown(clicked, filters.view_params)

    stage()


def notes(charted: pd.DataFrame, unlocated: pd.DataFrame) -> None:
    """`charted`: the page's pairs through every filter but the years."""
    undated = int(charted["year"].isna().sum())
    if undated:
        st.info(tr_count("undated", undated), icon=":material/info:")
    if len(unlocated):
        names = ", ".join(sorted(unlocated["place_cn"] + " – " + unlocated["place_us"]))
        st.info(tr("unlocated", n=len(unlocated), names=plain(names)), icon=":material/info:")
