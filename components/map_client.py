"""What the map needs from the browser: its real size, touch gestures and tooltips kept inside.

An empty, hidden custom-component frame (map_client/index.html, served by the app: nothing
fetched) whose script works on the page around it:
- it reports the map's width and height, the window's and whether the screen is touch-first,
  so the camera is fitted on the server to the map the person really sees (a rerun of the
  stage fragment when the size changes by 16 px or more, never per pixel), and when the
  fitted map is drawn (its basemap arrived, the page idle), which then gets its lit layers;
- on touch screens one finger scrolls the page over the map and two fingers move and zoom
  it; a tap on the map lets one finger move it until the next touch outside it
  (cooperative gestures, as embedded web maps do);
- a tooltip near the map's right or bottom edge flips to the pointer's other side.
Constant code: the only data it reads are the two hint texts, set as text, never as HTML.
(A components-v2 inline component would need no frame, but Streamlit 1.67 keeps its state in
an unpicklable wrapper, which `runner.enforceSerializableSessionState` refuses.)
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st
import streamlit.components.v1 as components

from . import keys
from .ui_text import tr

_component = components.declare_component("atlas_map_client",
                                          path=str(Path(__file__).with_name("map_client")))


def reported() -> dict | None:
    """The map's size as the browser last sent it, {"w", "h", "vw", "vh", "touch", "drawn"},
    if it has."""
    value = st.session_state.get(keys.MAP_CLIENT)
    size = value.get("size") if isinstance(value, dict) else None
    return size if isinstance(size, dict) else None


def show(fitted: tuple[int, int] | None, lit: bool) -> None:
    """Mount the map's browser side. `fitted`: the measured size the camera was fitted to,
    which the frame writes on the map as data-atlas-fitted="WxH"; `lit`: the map has its lit
    layers (data-atlas-lit). Tests wait for both."""
    _component(texts={"hint": tr("map_two_fingers"), "active": tr("map_active")},
               fitted=f"{fitted[0]}x{fitted[1]}" if fitted else "", lit=lit,
               key=keys.MAP_CLIENT, default=None)
