"""Sources & coverage: how complete the data is, and every pair with the page it came from."""

import streamlit as st

from components import filters, frame
from sistercities.coverage import (
    REPORTED_SOURCE,
    REPORTED_TOTAL,
    REPORTED_TOTAL_SOURCE,
    by_decade,
    by_level,
    dataset_version,
)
from sistercities.view import matches_search

atlas = frame.setup("sources")
pairs = atlas.pairs
sister = int((pairs["relation"] == "sister").sum())

st.title("Sources & coverage")
st.markdown(
    f"**{sister} of the {REPORTED_TOTAL} reported sister pairs documented**, plus "
    f"{len(pairs) - sister} friendship ties; {pairs['year'].notna().mean():.0%} with a known year. "
    f"Dataset version {dataset_version()}. The {REPORTED_TOTAL} is the count reported at the 5th "
    f"China-US Sister Cities Conference ([source]({REPORTED_TOTAL_SOURCE})); its split by level "
    f"was reported in 2022 ([source]({REPORTED_SOURCE}))."
)
left, right = st.columns(2)
left.dataframe(by_level(pairs), hide_index=True, width="stretch", column_config={
    "what": "Level", "documented": "Documented", "reported": "Reported", "share": "Share"})
right.dataframe(by_decade(pairs), hide_index=True, width="stretch")

st.subheader("Every pair and its source")
search = filters.search_text()
table = pairs[matches_search(pairs, search)] if search else pairs
st.caption(f"{len(table)} pairs" + (f" matching “{search}” (search in the sidebar)" if search else
                                    "; use the sidebar search to narrow the list") + ".")
columns = {"place_cn": "Chinese place", "place_cn_zh": "中文", "province": "Province",
           "place_us": "US place", "state": "State", "level": "Level", "relation": "Relation",
           "year": "Year", "date": "Date", "status": "Status", "source": "Source",
           "source_title": "Source title", "notes": "Notes"}
st.dataframe(table[list(columns)], hide_index=True, width="stretch",
             column_config={**columns, "source": st.column_config.LinkColumn("Source"),
                            "year": st.column_config.NumberColumn("Year", format="%d")})

undated = pairs[pairs["year"].isna()]
with st.expander(f"{len(undated)} pairs whose year is unknown"):
    st.dataframe(undated[["place_cn", "province", "place_us", "state", "source", "notes"]],
                 hide_index=True, width="stretch",
                 column_config={"source": st.column_config.LinkColumn("Source")})
ended = pairs[pairs["status"] != "active"]
with st.expander(f"{len(ended)} pairs ended or suspended"):
    st.dataframe(ended[["place_cn", "place_us", "state", "year", "status", "status_year", "notes"]],
                 hide_index=True, width="stretch")
if atlas.issues:
    with st.expander(f"{len(atlas.issues)} data issues"):
        for issue in atlas.issues:
            st.write(str(issue))
