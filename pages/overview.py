"""Overview: every China–US pair on one map, with the timeline."""

import streamlit as st

from components import data, stage

atlas = data.atlas()
st.title("Sister Cities Atlas")
st.caption("China–US sister provinces/states and cities since 1979, each pair with its source.")
stage.show(atlas.located, atlas.pairs, atlas.bounds, atlas.events)
