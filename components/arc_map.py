"""The arc map with its legend; a click on a place or an arc opens its drill-down page."""

from __future__ import annotations

import html

import pandas as pd
import pydeck as pdk
import streamlit as st

from sistercities.mapdeck import (
    ARC_LAYER,
    BUNDLE_ABOVE,
    CHINA_DOT,
    CORE,
    ENDED_COLOUR,
    LEVEL_COLOURS,
    PLACE_LAYER,
    TOOLTIP,
    US_DOT,
    SerialisedDeck,
    build_deck,
    bundle_count,
    is_bundled,
)

from . import data, keys
from .ui_text import lang, tr

PROVINCE_PAGE, STATE_PAGE = "pages/province.py", "pages/state.py"


def _swatch(colour: tuple[int, int, int], hollow: bool = False) -> str:
    core = (f"<span style='display:block;margin:.13rem .1rem;height:.18rem;border-radius:1px;"
            f"background:rgb{CORE}'></span>") if hollow else ""
    height = ".44rem" if hollow else ".3rem"
    return (f"<span style='width:1.6rem;height:{height};border-radius:2px;margin-right:.4rem;"
            f"display:inline-block;background:rgb{colour}'>{core}</span>")


def _dot(fill: tuple[int, int, int], ring: tuple[int, int, int]) -> str:
    return (f"<span style='width:.6rem;height:.6rem;border-radius:50%;margin-right:.35rem;"
            f"display:inline-block;background:rgb{fill};border:1.5px solid rgb{ring}'></span>")


def legend(view: pd.DataFrame) -> None:
    shown = set(view["level"].tolist())
    items = [(_swatch(colour), tr(f"level_{level}")) for level, colour in LEVEL_COLOURS.items()
             if level in shown]
    if view["ended"].to_numpy().any():
        items.append((_swatch(ENDED_COLOUR), tr("legend_ended")))
    undated = int(view["year"].isna().sum())
    if undated:
        items.append((_swatch(LEVEL_COLOURS["city"], hollow=True),
                      f"{tr('year_unknown')} ({undated})"))
    items.append((_dot(CHINA_DOT, US_DOT), tr("legend_cn_place")))
    items.append((_dot(US_DOT, CHINA_DOT), tr("legend_us_place")))
    entries = "".join(
        f"<span style='display:inline-flex;align-items:center;margin-right:1.1rem'>{mark}"
        f"{html.escape(label)}</span>" for mark, label in items)
    note = ""
    if is_bundled(view):
        note = "<b>" + html.escape(tr("bundled", pairs=len(view), arcs=bundle_count(view),
                                      limit=BUNDLE_ABOVE)) + "</b>"
    st.markdown(f"<div class='atlas-legend' aria-label='{html.escape(tr('legend_label'))}'>"
                f"{entries}{note}</div>", unsafe_allow_html=True)


def describe(view: pd.DataFrame, start: int, end: int) -> str:
    """Alt text: what the map shows, for screen readers and for the record."""
    return tr("map_alt", n=len(view), start=start, end=end, p=view["province"].nunique(),
              s=view["state"].nunique())


# One view's deck JSON (about 1 MB here) is written once and shared by every session that
# shows that view: a room opening the same link costs one build, not one each. A resource,
# not cache_data: the text is immutable, so no copy per session.
@st.cache_resource(max_entries=64, show_spinner=False)
def _deck_text(view_key: tuple, camera_key: tuple | None, height: int, lang: str,
               scroll_zoom: bool, brushing: bool, _view: pd.DataFrame,
               _camera: pdk.ViewState | None) -> str:
    return build_deck(_view, _camera, height=height, lang=lang, scroll_zoom=scroll_zoom,
                      brushing=brushing).to_json()


def show(view: pd.DataFrame, start: int, end: int, camera: pdk.ViewState | None,
         height: int = 560, scroll_zoom: bool = True, brushing: bool = True,
         clickable: bool = True, origin: object = None) -> dict | None:
    """Draw the map; return the clicked object's row (a dict, with its layer), if any.
    `brushing`: pointing at a place lights its links (not on touch screens: no hover);
    `clickable`: places and arcs open their pages (not for an uploaded file's pairs);
    `origin`: where the pairs come from, if not the bundled data (an upload's digest)."""
    camera_key = None if camera is None else (camera.longitude, camera.latitude, camera.zoom)
    text = _deck_text(data.fingerprint(view, origin or data.data_stamp()), camera_key, height,
                      lang(), scroll_zoom, brushing, view, camera)
    deck = SerialisedDeck(text, TOOLTIP)
    legend(view)  # above the map: below it, it read as the chart's legend
    if not clickable:
        st.pydeck_chart(deck, height=height, alt=describe(view, start, end))
        return None
    event = st.pydeck_chart(deck, on_select="rerun", selection_mode="single-object",
                            key=keys.MAP, height=height, alt=describe(view, start, end))
    objects = (event or {}).get("selection", {}).get("objects", {}) if event else {}
    for layer in (PLACE_LAYER, ARC_LAYER):
        if objects.get(layer):
            return {"layer": layer, **objects[layer][0]}
    return None


def open_drilldown(clicked: dict) -> None:
    """A Chinese place opens its province, a US place its state, an arc its province. The
    view goes with the session (filters.sync), not in the link: see frame.page_links."""
    if clicked["layer"] == PLACE_LAYER and clicked.get("country") == "US":
        page, name = STATE_PAGE, clicked["admin"]
    elif clicked["layer"] == PLACE_LAYER:
        page, name = PROVINCE_PAGE, clicked["admin"]
    else:
        page, name = PROVINCE_PAGE, clicked["province"]
    st.session_state.pop(keys.MAP, None)
    st.switch_page(page, query_params={"name": name})
