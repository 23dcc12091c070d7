"""Cached loaders: the one place where Streamlit caching meets the core."""

from __future__ import annotations

import gc
import hashlib
import os
from pathlib import Path

import pandas as pd
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


# Once per server process, after its first whole page run: every module is imported and the
# data loaded, and nearly all objects alive now live as long as the process. Streamlit runs a
# full garbage collection after every script run (runner.postScriptGC), which walked them all:
# about 50 ms of each run here, under the one lock every session shares. Frozen, they are
# left out of it; what each run leaves behind is still collected.
@st.cache_resource(show_spinner=False)
def long_lived_objects_frozen() -> int:
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


def data_files() -> tuple[Path, Path, Path]:
    """The bundled files, or those in $ATLAS_DATA_DIR (the benchmark's synthetic data)."""
    folder = os.environ.get("ATLAS_DATA_DIR")
    if not folder:
        return PAIRINGS_FILE, PLACES_FILE, EVENTS_FILE
    return tuple(Path(folder) / f.name for f in (PAIRINGS_FILE, PLACES_FILE, EVENTS_FILE))


def data_stamp() -> tuple:
    """Changes when any data file does: part of every cache key built from the data."""
    return tuple(_stamp(path) for path in data_files())


def fingerprint(view: pd.DataFrame, origin: object) -> tuple:
    """What a view's map and table are drawn from: its pairs (by id, in order), which had
    ended, which match the search, and where the pairs come from (`origin`: the data's stamp,
    an uploaded file's digest). Cheap to hash, unlike the frame: the key of the per-view
    caches shared by every session."""
    ids = hashlib.blake2b("\x1f".join(view["pair_id"].tolist()).encode(), digest_size=16)
    match = view["match"].to_numpy().tobytes() if "match" in view else b""
    return (origin, ids.digest(), view["ended"].to_numpy().tobytes(), match)


def atlas() -> Atlas:
    """The data; a file that cannot be read stops the page with its message."""
    try:
        return _cached_atlas(*data_stamp())
    except DatasetError as exc:
        st.error(f"The data could not be loaded: {plain(exc)}")
        st.stop()
