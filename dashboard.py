"""Sister Cities Atlas: entry point. Declares the pages; each page sets itself up (frame.py)."""

import streamlit as st

from components.data import long_lived_objects_frozen
from components.ui_text import tr

st.set_page_config(page_title="Sister Cities Atlas", page_icon="static/img/favicon.png",
                   layout="wide")

# The page list is drawn by components.frame as links that carry the view in their URL, so a
# page change is one history entry with the whole view (the built-in menu drops parameters).
page = st.navigation(position="hidden", pages=[
    st.Page("pages/overview.py", title=tr("nav_overview"), icon=":material/map:",
            url_path="overview", default=True),
    st.Page("pages/province.py", title=tr("nav_provinces"), icon=":material/location_city:",
            url_path="province"),
    st.Page("pages/state.py", title=tr("nav_states"), icon=":material/flag:", url_path="state"),
    st.Page("pages/sources.py", title=tr("nav_sources"), icon=":material/menu_book:",
            url_path="sources"),
    st.Page("pages/upload.py", title=tr("nav_upload"), icon=":material/upload_file:",
            url_path="upload"),
])
page.run()
long_lived_objects_frozen()
