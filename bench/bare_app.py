"""The floor: the least a Streamlit app can do to show these pairs as arcs under a year slider.

Same files as the Atlas (data/ or $ATLAS_DATA_DIR), loaded once with st.cache_data as any
Streamlit app would; each rerun filters by the slider's years with pandas and draws one
ArcLayer. No validation, tooltips, places, basemap, KPIs or chart.
"""

import os
from pathlib import Path

import pandas as pd
import pydeck as pdk
import streamlit as st

from sistercities.tcp import disable_nagle

# Only for the bench's third first-load run: the floor with the socket fix the Atlas makes.
if os.environ.get("BARE_APP_TCP_NODELAY"):
    disable_nagle()

DATA = Path(os.environ.get("ATLAS_DATA_DIR") or Path(__file__).resolve().parent.parent / "data")


@st.cache_data
def arcs(folder: str) -> pd.DataFrame:
    pairs = pd.read_csv(Path(folder) / "pairings.csv", usecols=["province", "place_cn", "state",
                                                                 "place_us", "year"])
    places = pd.read_csv(Path(folder) / "places.csv", usecols=["country", "admin", "place", "lat",
                                                               "lon"])
    cn = places[places["country"] == "CN"].rename(columns={
        "admin": "province", "place": "place_cn", "lat": "cn_lat", "lon": "cn_lon"})
    us = places[places["country"] == "US"].rename(columns={
        "admin": "state", "place": "place_us", "lat": "us_lat", "lon": "us_lon"})
    located = pairs.merge(cn.drop(columns="country"), on=["province", "place_cn"])
    located = located.merge(us.drop(columns="country"), on=["state", "place_us"])
    return located[["year", "cn_lon", "cn_lat", "us_lon", "us_lat"]]


data = arcs(str(DATA))
low, high = 1979, int(data["year"].max())
start, end = st.slider("Years", low, high, (low, high), key="years")
view = data[data["year"].between(start, end)]
st.pydeck_chart(pdk.Deck(
    layers=[pdk.Layer("ArcLayer", data=view.drop(columns="year"), get_source_position="[cn_lon, cn_lat]",
                      get_target_position="[us_lon, us_lat]", get_source_color=[0, 114, 178],
                      get_target_color=[213, 94, 0], get_width=1.5)],
    map_provider=None,
))
