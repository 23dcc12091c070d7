"""Cached loaders: the one place where Streamlit caching meets the core."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from sistercities.atlas import Atlas, load_atlas
from sistercities.dataset import EVENTS_FILE, PAIRINGS_FILE, PLACES_FILE, DatasetError


def _stamp(path: Path) -> tuple[str, int, int]:
    """Cache key that changes when the file does."""
    try:
        info = path.stat()
    except OSError:
        return (str(path), 0, 0)
    return (str(path), info.st_mtime_ns, info.st_size)


@st.cache_data(show_spinner="Loading the pairs…")
def _cached_atlas(pairings: tuple, places: tuple, events: tuple) -> Atlas:
    return load_atlas(Path(pairings[0]), Path(places[0]), Path(events[0]))


def atlas() -> Atlas:
    """The bundled data; a file that cannot be read stops the page with its message."""
    try:
        return _cached_atlas(_stamp(PAIRINGS_FILE), _stamp(PLACES_FILE), _stamp(EVENTS_FILE))
    except DatasetError as exc:
        st.error(f"The bundled data could not be loaded: {exc}")
        st.stop()
