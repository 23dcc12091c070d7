"""The arc map with its legend; a click on a place or an arc opens its drill-down page."""

from __future__ import annotations

import html
from collections.abc import Callable

import pandas as pd
import pydeck as pdk
import streamlit as st

from sistercities.mapdeck import (
    ARC_LAYER,
    BUNDLE_ABOVE,
    ENDED_COLOUR,
    LEVEL_COLOURS,
    PLACE_LAYER,
    build_deck,
    bundle_count,
    is_bundled,
)

from . import keys
from .ui_text import lang, tr

PROVINCE_PAGE, STATE_PAGE = "pages/province.py", "pages/state.py"
# deck.gl puts a tooltip's corner at the pointer, so near the map's right or bottom edge the
# map cut it off. This flips such a tooltip to the pointer's other side (CSS `translate` adds
# to the position deck.gl writes in `transform`). Constant code: no data goes into it.
# One observer serves every map of the page.
KEEP_TOOLTIPS_INSIDE = """<script>
(() => {
  if (window.atlasKeepsTooltipsInside) return;
  window.atlasKeepsTooltipsInside = true;
  const GAP = 12;
  function keepInside(tip) {
    const map = tip.closest("[data-testid='stDeckGlJsonChart']");
    if (!map || tip.style.display === "none") return;
    const shift = tip.dataset.shift || "0 0";
    const [shiftX, shiftY] = shift.split(" ").map(Number);
    const box = tip.getBoundingClientRect(), bounds = map.getBoundingClientRect();
    const atPointerX = box.left - shiftX, atPointerY = box.top - shiftY;
    const x = atPointerX + box.width > bounds.right ? -box.width - GAP : 0;
    const y = atPointerY + box.height > bounds.bottom ? -box.height - GAP : 0;
    if (`${x} ${y}` !== shift) {
      tip.dataset.shift = `${x} ${y}`;
      tip.style.translate = `${x}px ${y}px`;
    }
  }
  new MutationObserver(records => {
    for (const record of records) {
      if (record.target.classList?.contains("deck-tooltip")) keepInside(record.target);
    }
  }).observe(document.body, {attributes: true, attributeFilter: ["style"], subtree: true});
})();
</script>"""


def legend(view: pd.DataFrame) -> None:
    shown = set(view["level"].tolist())
    items = [(tr(f"level_{level}"), colour) for level, colour in LEVEL_COLOURS.items()
             if level in shown]
    if view["ended"].to_numpy().any():
        items.append((tr("legend_ended"), ENDED_COLOUR))
    swatches = "".join(
        f"<span style='display:inline-flex;align-items:center;margin-right:1.2rem'>"
        f"<span style='width:1.6rem;height:.3rem;border-radius:2px;margin-right:.4rem;"
        f"background:rgb{colour}'></span>{html.escape(label)}</span>" for label, colour in items)
    hint = f"<span style='opacity:.7'>{html.escape(tr('legend_hint'))}</span>"
    if is_bundled(view):
        note = tr("bundled", pairs=len(view), arcs=bundle_count(view), limit=BUNDLE_ABOVE)
        hint = f"<b>{html.escape(note)}</b>"
    st.markdown(f"<div aria-label='Map legend' style='font-size:.9rem'>{swatches}{hint}</div>",
                unsafe_allow_html=True)


def keep_tooltips_inside() -> None:
    """Once per page run (every page's maps, the uploaded file's too), not per slider move:
    in the sidebar, where it takes no room the page would see."""
    st.sidebar.html(KEEP_TOOLTIPS_INSIDE, unsafe_allow_javascript=True)


def describe(view: pd.DataFrame, start: int, end: int) -> str:
    """Alt text: what the map shows, for screen readers and for the record."""
    return tr("map_alt", n=len(view), start=start, end=end, p=view["province"].nunique(),
              s=view["state"].nunique())


def show(view: pd.DataFrame, start: int, end: int, camera: pdk.ViewState | None,
         height: int = 560, scroll_zoom: bool = True) -> dict | None:
    """Draw the map; return the clicked object's row (a dict, with its layer), if any."""
    deck = build_deck(view, camera, height=height, lang=lang(), scroll_zoom=scroll_zoom)
    legend(view)  # above the map: below it, it read as the chart's legend
    event = st.pydeck_chart(deck, on_select="rerun", selection_mode="single-object",
                            key=keys.MAP, height=height, alt=describe(view, start, end))
    objects = (event or {}).get("selection", {}).get("objects", {}) if event else {}
    for layer in (PLACE_LAYER, ARC_LAYER):
        if objects.get(layer):
            return {"layer": layer, **objects[layer][0]}
    return None


def open_drilldown(clicked: dict, view_params: Callable[..., dict]) -> None:
    """A Chinese place opens its province, a US place its state, an arc its province."""
    if clicked["layer"] == PLACE_LAYER and clicked.get("country") == "US":
        page, name = STATE_PAGE, clicked["admin"]
    elif clicked["layer"] == PLACE_LAYER:
        page, name = PROVINCE_PAGE, clicked["admin"]
    else:
        page, name = PROVINCE_PAGE, clicked["province"]
    st.session_state.pop(keys.MAP, None)
    st.switch_page(page, query_params=view_params(name=name))
