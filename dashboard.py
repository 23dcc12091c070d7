"""Sister Cities Atlas: entry point. Builds the page list and the shared filters."""

import streamlit as st

from components import data, filters

st.set_page_config(page_title="Sister Cities Atlas", page_icon="static/img/favicon.png",
                   layout="wide")

PAGES = [
    st.Page("pages/overview.py", title="Overview", icon=":material/map:", url_path="overview",
            default=True),
    st.Page("pages/province.py", title="Provinces", icon=":material/location_city:",
            url_path="province"),
    st.Page("pages/state.py", title="States", icon=":material/flag:", url_path="state"),
    st.Page("pages/sources.py", title="Sources & coverage", icon=":material/menu_book:",
            url_path="sources"),
]

page = st.navigation(PAGES)
bounds = data.atlas().bounds
filters.sync_years(bounds)
filters.show_sidebar()
page.run()
