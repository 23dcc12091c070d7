"""What every page starts with: the data, the view from the URL, and the sidebar filters.

Pages call `setup()` themselves (rather than dashboard.py doing it for them) so a page works
the same when run on its own, as Streamlit's AppTest does after switch_page.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from sistercities.atlas import Atlas

from . import data, filters, presenter
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


LAYOUT_CSS = Path(__file__).with_name("atlas.css").read_text(encoding="utf-8")
PAGE_SCRIPT = Path(__file__).with_name("page_script.js").read_text(encoding="utf-8")


def page_links() -> None:
    """The page list. The links carry no view: the view travels with the session
    (filters.sync keeps it when a URL names none), so a link drawn before a slider move in the
    stage fragment still opens the page with the years now on screen. The address bar always
    holds the whole view, for sharing."""
    with st.sidebar:
        for path, label, icon in NAV:
            st.page_link(path, label=tr(label), icon=icon)
        st.divider()
        # In the sidebar, where it takes no room the page would see.
        st.html(f"<script>{PAGE_SCRIPT}</script>", unsafe_allow_javascript=True)


def setup(page: str) -> Atlas:
    """`page`: overview, province, state, sources or upload."""
    _leave_pages_folder_mode()
    data.server_sockets_without_nagle()
    atlas = data.atlas()
    filters.sync(atlas.bounds, named=page in ("province", "state"))
    st.html(f"<style>{LAYOUT_CSS}</style>")
    page_links()
    filters.show_sidebar()
    presenter.show(atlas.bounds, page)
    return atlas
