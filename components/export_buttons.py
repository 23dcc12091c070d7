"""Export this view: map and chart images, the timeline GIF, CSV and GeoJSON, in a dialog.

Every file is built from the view the page shows. Downloads get a callable, so nothing is
rendered until someone clicks (Streamlit runs it off the script thread); the builders are
cached on the view's content and the options, so a second click is instant.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd
import streamlit as st

from sistercities import export
from sistercities.i18n import t

SCALES = {"1x": 1, "2x": 2, "4x": 4}
MIME = {"png": "image/png", "svg": "image/svg+xml", "gif": "image/gif",
        "csv": "text/csv", "geojson": "application/geo+json"}
# Columns the exports read: other columns (a search's `match`) do not change the files.
EXPORTED = export.CSV_COLUMNS + ["source_lon", "source_lat", "target_lon", "target_lat", "bend",
                                  "ended"]


@st.cache_data(show_spinner=False, max_entries=32)
def map_file(view: pd.DataFrame, start: int, end: int, fmt: str, scale: int, transparent: bool,
             lang: str, scope_label: str | None) -> bytes:
    return export.map_image(view, start, end, fmt, scale, transparent, lang, scope_label)


@st.cache_data(show_spinner=False, max_entries=32)
def chart_file(pairs: pd.DataFrame, bounds: tuple[int, int], selected: tuple[int, int],
               events: pd.DataFrame | None, fmt: str, scale: int, transparent: bool,
               lang: str) -> bytes:
    return export.chart_image(pairs, bounds, selected, events, fmt, scale, transparent, lang)


@st.cache_data(show_spinner=False, max_entries=8)
def gif_file(view: pd.DataFrame, first: int, end: int, scale: int, lang: str,
             scope_label: str | None) -> bytes:
    return export.timeline_gif(view, end, scale, lang, scope_label, first=first)


def file_stem(scope_label: str | None, start: int, end: int) -> str:
    scope = re.sub(r"[^\w]+", "-", (scope_label or "china-us").lower()).strip("-")
    return f"sister-cities-{scope}-{start}-{end}"


def show(view: pd.DataFrame, start: int, end: int, scope_label: str | None, lang: str, key: str,
         *, chart_pairs: pd.DataFrame | None = None, bounds: tuple[int, int] | None = None,
         events: pd.DataFrame | None = None, first: int | None = None) -> None:
    """An "Export this view" button that opens the export dialog. The chart is the screen's:
    pass the pairs it counts (`chart_pairs`), the data's `bounds` and `events`; without
    them it charts the view. `first`: the GIF's first frame (the window's start when it
    shows pairs signed in range). The dialog's widgets are drawn only while it is open, so
    a slider move does not pay for them."""
    if st.button(t("export_title", lang), icon=":material/download:", key=key):
        dialog = st.dialog(t("export_title", lang), width="large")(_panel)
        dialog(view, start, end, scope_label, lang, key, chart_pairs, bounds, events,
               start if first is None else first)


def _panel(view: pd.DataFrame, start: int, end: int, scope_label: str | None, lang: str,
           key: str, chart_pairs: pd.DataFrame | None, bounds: tuple[int, int] | None,
           events: pd.DataFrame | None, first: int) -> None:
    view = view[EXPORTED].reset_index(drop=True)
    chart_pairs = view if chart_pairs is None else chart_pairs
    bounds = bounds or (start, end)
    stem = file_stem(scope_label, start, end)
    left, right = st.columns(2, vertical_alignment="bottom")
    chosen = left.segmented_control(t("export_scale", lang), list(SCALES), default="1x",
                                    key=f"{key}_scale", help=t("export_scale_help", lang))
    scale = SCALES.get(chosen or "1x", 1)
    transparent = right.toggle(t("export_transparent", lang), key=f"{key}_transparent",
                               help=t("export_transparent_help", lang))
    suffix = "" if scale == 1 else f"@{scale}x"
    files: list[tuple[str, str, Callable[[], bytes]]] = []
    for fmt in export.IMAGE_FORMATS:
        files.append((f"{t('export_map', lang)} {fmt.upper()}", f"{stem}-map{suffix}.{fmt}",
                      lambda fmt=fmt: map_file(view, start, end, fmt, scale, transparent,
                                               lang, scope_label)))
    for fmt in export.IMAGE_FORMATS:
        files.append((f"{t('export_chart', lang)} {fmt.upper()}",
                      f"{stem}-chart{suffix}.{fmt}",
                      lambda fmt=fmt: chart_file(chart_pairs, bounds, (start, end), events, fmt,
                                                 scale, transparent, lang)))
    # A 4x GIF would be tens of megabytes: the GIF stops at 2x.
    files.append((t("export_gif", lang), f"{stem}-timeline.gif",
                  lambda: gif_file(view, first, end, min(scale, 2), lang, scope_label)))
    files.append((f"{t('export_pairs', lang)} CSV", f"{stem}.csv",
                  lambda: export.pairs_csv(view, lang)))
    files.append((f"{t('export_pairs', lang)} GeoJSON", f"{stem}.geojson",
                  lambda: export.pairs_geojson(view, lang)))
    columns = st.columns(4)
    for number, (label, name, build) in enumerate(files):
        columns[number % 4].download_button(
            label, data=build, file_name=name, mime=MIME[name.rsplit(".", 1)[1]],
            on_click="ignore", icon=":material/download:", width="stretch",
            key=f"{key}_file_{number}")
    st.caption(t("export_hint", lang))
