"""Everything a page needs from the files, built once: pairs located and ready to draw."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .dataset import (
    EVENTS_FILE,
    PAIRINGS_FILE,
    PLACES_FILE,
    Pairings,
    load_events,
    load_pairings,
    load_places,
    locate,
)
from .geometry import with_arc_ends
from .schema import Issue
from .timeline import year_bounds
from .view import search_texts


@dataclass(frozen=True)
class Atlas:
    pairs: pd.DataFrame  # every valid pair, located or not
    located: pd.DataFrame  # pairs with both ends geocoded, arc ends and distances added
    unlocated: pd.DataFrame  # pairs with a place missing from places.csv
    issues: tuple[Issue, ...]
    bounds: tuple[int, int]
    events: pd.DataFrame  # sourced milestones for the timeline
    places: pd.DataFrame  # coordinates of every known place (to locate other pairs too)


def atlas_from(pairings: Pairings, places: pd.DataFrame, events: pd.DataFrame) -> Atlas:
    pairs = pairings.pairs.assign(search_text=search_texts(pairings.pairs))
    located, unlocated = locate(pairs, places)
    return Atlas(pairs=pairs, located=with_arc_ends(located), unlocated=unlocated,
                 issues=pairings.issues, bounds=year_bounds(pairs), events=events,
                 places=places)


def load_atlas(pairings_file: Path = PAIRINGS_FILE, places_file: Path = PLACES_FILE,
               events_file: Path = EVENTS_FILE) -> Atlas:
    return atlas_from(load_pairings(pairings_file), load_places(places_file),
                      load_events(events_file))
