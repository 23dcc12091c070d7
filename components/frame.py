"""What every page starts with: the data, the view from the URL, and the sidebar filters.

Pages call `setup()` themselves (rather than dashboard.py doing it for them) so a page works
the same when run on its own, as Streamlit's AppTest does after switch_page.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from sistercities.atlas import Atlas

from . import arc_map, data, filters, presenter
from .ui_text import tr


def _leave_pages_folder_mode() -> None:
    """Streamlit treats an app with a pages/ folder as a v1 multipage app until its main script
    has called st.navigation once. A deep link opened first on a fresh server (/province?...)
    is then run as a bare page, without dashboard.py's page list. Declare the navigation and
    run again: the same URL is then served by dashboard.py."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


NAV = (("pages/overview.py", "nav_overview", ":material/map:"),
       ("pages/province.py", "nav_provinces", ":material/location_city:"),
       ("pages/state.py", "nav_states", ":material/flag:"),
       ("pages/sources.py", "nav_sources", ":material/menu_book:"),
       ("pages/upload.py", "nav_upload", ":material/upload_file:"))


def page_links() -> None:
    """The page list, each link carrying the current view (a province/state name is not)."""
    with st.sidebar:
        for path, label, icon in NAV:
            st.page_link(path, label=tr(label), icon=icon, query_params=filters.view_params())
        st.divider()


def setup(page: str) -> Atlas:
    """`page`: overview, province, state, sources or upload."""
    _leave_pages_folder_mode()
    data.server_sockets_without_nagle()
    atlas = data.atlas()
    filters.sync(atlas.bounds)
    page_links()
    filters.show_sidebar()
    arc_map.keep_tooltips_inside()
    presenter.show(atlas.bounds, page)
    return atlas
