"""Overview: every China–US pair on one map, with the timeline."""

import streamlit as st

from components import filters, frame, stage
from components.ui_text import tr

atlas = frame.setup("overview")
st.title(tr("app_title"))
if not filters.view()["present"]:  # on a projector the map needs the room
    st.caption(tr("app_subtitle"))
stage.show(atlas.located, atlas.pairs, atlas.unlocated, atlas.bounds, atlas.events)
