"""Cached loaders: the one place where Streamlit caching meets the core."""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from sistercities.atlas import Atlas, load_atlas
from sistercities.dataset import EVENTS_FILE, PAIRINGS_FILE, PLACES_FILE, DatasetError
from sistercities.tcp import disable_nagle

from .ui_text import plain


def _stamp(path: Path) -> tuple[str, int, int]:
    """Cache key that changes when the file does."""
    try:
        info = path.stat()
    except OSError:
        return (str(path), 0, 0)
    return (str(path), info.st_mtime_ns, info.st_size)


# A resource, not cache_data: one Atlas shared by every session and never copied (cache_data
# unpickles a copy on every rerun: ~2 ms here, a second at 100k pairs). Nothing mutates it;
# tests/app checks that after every page has run.
@st.cache_resource(show_spinner="Loading the pairs…", max_entries=4)
def _cached_atlas(pairings: tuple, places: tuple, events: tuple) -> Atlas:
    return load_atlas(Path(pairings[0]), Path(places[0]), Path(events[0]))


# Once per server process, at its first page run: the listening socket then hands TCP_NODELAY
# to every later connection (see sistercities/tcp.py for the 40 ms it saves per request).
@st.cache_resource(show_spinner=False)
def server_sockets_without_nagle() -> int:
    return disable_nagle()


def data_files() -> tuple[Path, Path, Path]:
    """The bundled files, or those in $ATLAS_DATA_DIR (the benchmark's synthetic data)."""
    folder = os.environ.get("ATLAS_DATA_DIR")
    if not folder:
        return PAIRINGS_FILE, PLACES_FILE, EVENTS_FILE
    return tuple(Path(folder) / f.name for f in (PAIRINGS_FILE, PLACES_FILE, EVENTS_FILE))


def atlas() -> Atlas:
    """The data; a file that cannot be read stops the page with its message."""
    try:
        return _cached_atlas(*(_stamp(path) for path in data_files()))
    except DatasetError as exc:
        st.error(f"The data could not be loaded: {plain(exc)}")
        st.stop()
