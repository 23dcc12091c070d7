"""The stage: year slider, playback controls, figures, map, timeline chart and the pairs in view,
redrawn together.

It runs as a fragment: while the timeline plays only the stage reruns, on a timer, so the
page does not flash; the camera stays where the user put it because the map's initial view
is fitted to the page's whole scope, not to the year being shown.
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd
import pydeck as pdk
import streamlit as st

from sistercities.charts import timeline_chart
from sistercities.export import with_filters
from sistercities.mapdeck import fit_pairs
from sistercities.view import apply_filters, matches_search, matching
from sistercities.view import kpis as kpi_figures

from . import arc_map, chart, export_buttons, filters, keys, kpis, map_client, pairs_table
from .ui_text import lang, plain, tr, tr_count

SPEEDS = {"slow": 2.0, "normal": 1.0, "fast": 0.5}
# The map's size before the browser has measured it (the first run of a session; AppTest):
# a laptop's main column, a phone's, a projector's. CSS sizes the map itself (frame.py).
GUESSED_MAP = {"desktop": (900, 460), "phone": (358, 400), "projector": (1840, 700)}


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


def year_slider(bounds: tuple[int, int]) -> None:
    low, high = bounds
    in_view = filters.years(bounds)
    if st.session_state.get(keys.YEARS) != in_view:  # moved by playback, a step or a link
        st.session_state[keys.YEARS] = in_view
    st.slider(tr("years"), low, high, value=in_view, key=keys.YEARS, on_change=_slider_moved,
              disabled=st.session_state.get(keys.PLAYING, False), help=tr("years_help"))


def buttons(bounds: tuple[int, int]) -> None:
    """Step, play or pause, speed, and fit the map."""
    playing = st.session_state.get(keys.PLAYING, False)
    # One flex row rather than st.columns: the same controls in one block instead of six.
    row = st.container(horizontal=True, vertical_alignment="center", key="stage_controls",
                       width="content")
    row.button(tr("year_back"), icon=":material/chevron_left:", on_click=_step,
               args=(-1, bounds), key="year_back")
    # One key for Play and Pause: the same button changes its label, so a keyboard user's
    # focus stays on it (two keys made two buttons, and the focus fell to the page).
    if playing:
        row.button(tr("pause"), icon=":material/pause:", on_click=_pause, type="primary",
                   key="play", help=tr("pause_help"))
    else:
        row.button(tr("play"), icon=":material/play_arrow:", on_click=_play, args=(bounds,),
                   type="primary", help=tr("play_help"), key="play")
    row.button(tr("year_forward"), icon=":material/chevron_right:", on_click=_step,
               args=(1, bounds), key="year_forward")
    row.segmented_control("Speed", list(SPEEDS), format_func=_speed_label, key=keys.SPEED,
                          default="normal", label_visibility="collapsed",
                          on_change=_request_app_rerun)
    row.button(tr("fit"), icon=":material/fit_screen:", on_click=_fit, help=tr("fit_help"),
               key="fit")


class MapSize(NamedTuple):
    width: int
    height: int
    touch: bool
    measured: bool  # by the browser; guessed before it has reported
    drawn: bool  # the fitted map is on screen (the browser says when)


def map_size(present: bool) -> MapSize:
    """The map as the browser measured it once it has reported, guessed from the user agent
    before."""
    size = st.session_state.get(keys.MAP_SIZE)
    if size and size.get("w") and size.get("h"):
        return MapSize(int(size["w"]), int(size["h"]), bool(size.get("touch")), True,
                       bool(size.get("drawn")))
    agent = (st.context.headers.get("User-Agent") or "") if st.context.headers else ""
    phone = "Mobi" in agent or "Android" in agent
    width, height = GUESSED_MAP["projector" if present else "phone" if phone else "desktop"]
    return MapSize(width, height, phone, False, False)


def camera(scope: pd.DataFrame, width: int, height: int) -> pdk.ViewState | None:
    """The scope's fitted camera; "Fit to data" nudges it so deck.gl moves back to it."""
    if scope.empty:
        return None
    fitted = fit_pairs(scope, height, width)
    fitted.zoom += st.session_state.get(keys.FIT, 0) * 1e-6
    return fitted


def _remember_size(size: dict | None) -> None:
    if size and size != st.session_state.get(keys.MAP_SIZE):
        st.session_state[keys.MAP_SIZE] = dict(size)


def show(scope: pd.DataFrame, scope_all: pd.DataFrame, unlocated: pd.DataFrame,
         bounds: tuple[int, int], events: pd.DataFrame, scope_label: str | None = None,
         place_name: str | None = None) -> None:
    """Draw the stage for this page's pairs: `scope` holds the located ones, `scope_all`
    every valid one (for the chart), `unlocated` those with a place not yet geocoded;
    `scope_label` names the page's province or state in exported titles, `place_name` in
    the messages of an empty map."""
    playing = st.session_state.get(keys.PLAYING, False)
    interval = SPEEDS.get(st.session_state.get(keys.SPEED) or "normal", 1.0)
    present = filters.view()["present"]

    @st.fragment(run_every=interval if playing else None)
    def stage() -> None:
        if st.session_state.pop(keys.APP_RERUN, False):
            st.rerun(scope="app")
        if playing and st.session_state.get(keys.PLAYING):
            _advance(bounds)
        year_slider(bounds)
        head = st.container(horizontal=True, vertical_alignment="bottom", key="stage_head")
        with head:
            buttons(bounds)
        chosen = filters.current(bounds)
        start, end = chosen.window.start, chosen.window.end
        view = apply_filters(scope, chosen)
        search = filters.search_text()
        if search:
            view["match"] = matches_search(view, search)
        showing_years = present or st.session_state.get(keys.PLAYING, False)
        with head:  # beside the buttons where the screen is wide enough, else under them
            kpis.show(kpi_figures(view), years=f"{start}–{end}" if showing_years else None)
        empty_states(view, scope, search, place_name)
        _remember_size(map_client.reported())
        size = map_size(present)
        # Pointing lights a place's links once the fitted map is drawn: sent with the first
        # picture, the lit layers' shaders delayed it by about 1.3 s where WebGL runs in
        # software (make bench). A touch screen has no pointing.
        lit = size.drawn and not size.touch
        map_client.show((size.width, size.height) if size.measured else None, lit)
        # On a projector the wheel scrolls the page: a presenter scrolling down to the map
        # must not zoom it out by accident (a double click or +/- still zooms).
        # A search's matches in the page's scope fill the map (all years, so the camera stays
        # put while the years change); otherwise the page's whole scope does.
        found = scope[matches_search(scope, search)] if search else scope
        framed = found if not found.empty else scope
        clicked = arc_map.show(view, start, end, camera(framed, size.width, size.height),
                               size.height, scroll_zoom=not present, brushing=lit)
        charted = matching(scope_all, chosen)
        chart.show(timeline_chart(charted, bounds, (start, end), events, lang=lang(),
                                  projector=present, hover_note=True))
        st.caption(tr("legend_hint_hover" if not size.touch else "legend_hint"))
        notes(charted, unlocated, chosen.window.undated)
        labelled = with_filters(scope_label, chosen.levels, chosen.relations, lang())
        export_buttons.show(view, start, end, labelled, lang(), key="export",
                            chart_pairs=charted, bounds=bounds, events=events,
                            first=start if chosen.window.mode == "signed" else bounds[0])
        pairs_table.show(view[view["match"]] if search else view, len(view), search)
        if clicked:
            arc_map.open_drilldown(clicked)

    stage()


def empty_states(view: pd.DataFrame, scope: pd.DataFrame, search: str,
                 place_name: str | None) -> None:
    """Say why the map is empty (or why a search found nothing) and offer the way back."""
    if search and not view.empty and not view["match"].any():
        st.warning(tr("search_none", q=plain(search)), icon=":material/search_off:")
    elif search and not view.empty:
        st.caption(tr_count("search_matches", int(view["match"].sum()), total=len(view),
                            q=plain(search)))
    if not view.empty:
        return
    undated_only = (not scope.empty and scope["year"].isna().all()
                    and not filters.view()["undated"])
    if undated_only:
        st.info(tr_count("all_undated", len(scope), place=plain(place_name or "")),
                icon=":material/event_busy:")
        st.button(tr("show_undated"), on_click=filters.update, kwargs={"undated": True},
                  key="show_undated", icon=":material/visibility:")
    else:
        st.info(tr("no_pairs"), icon=":material/filter_alt_off:")
        st.button(tr("reset_filters"), on_click=filters.reset, key="reset_filters",
                  icon=":material/restart_alt:")


def notes(charted: pd.DataFrame, unlocated: pd.DataFrame, with_undated: bool) -> None:
    """`charted`: the page's pairs through every filter but the years."""
    undated = int(charted["year"].isna().sum())
    if undated:
        st.caption(tr_count("undated_shown" if with_undated else "undated_hidden", undated))
    if len(unlocated):
        names = ", ".join(sorted(unlocated["place_cn"] + " – " + unlocated["place_us"]))
        st.info(tr("unlocated", n=len(unlocated), names=plain(names)), icon=":material/info:")
