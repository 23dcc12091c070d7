"""Sources & coverage: every pair with the page it was read from."""

import streamlit as st

from components import data

atlas = data.atlas()
st.title("Sources & coverage")
st.dataframe(
    atlas.pairs[["place_cn", "province", "place_us", "state", "level", "relation", "year",
                 "status", "source"]],
    column_config={"source": st.column_config.LinkColumn("Source")},
    hide_index=True,
)
