"""Whole-dataset checks behind `python -m sistercities validate`."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pandas as pd

from .dataset import CHINA, DatasetError, load_pairings, load_places, locate
from .geocode import BASEMAP_DIR

# Borders are simplified to about 1 km; a coastal city may sit just outside its polygon.
BORDER_TOLERANCE_DEGREES = 0.15


@cache
def boundaries(basemap_dir: Path = BASEMAP_DIR) -> dict[tuple[str, str], object]:
    from shapely.geometry import shape
    from shapely.prepared import prep

    shapes = {}
    for country, file in ((CHINA, "provinces.geojson"), ("US", "states.geojson")):
        features = json.loads((basemap_dir / file).read_text(encoding="utf-8"))["features"]
        for feature in features:
            geometry = shape(feature["geometry"]).buffer(BORDER_TOLERANCE_DEGREES)
            shapes[(country, feature["properties"]["name"])] = prep(geometry)
    return shapes


def places_outside(places: pd.DataFrame) -> list[str]:
    """Places whose coordinates fall outside their own province's or state's boundary."""
    from shapely.geometry import Point

    shapes = boundaries()
    problems = []
    for row in places.dropna(subset=["lat", "lon"]).itertuples(index=False):
        shape = shapes.get((row.country, row.admin))
        if shape is None:
            problems.append(f"places.csv: {row.place} ({row.admin}) has no boundary to check against")
        elif not shape.contains(Point(row.lon, row.lat)):
            problems.append(f"places.csv: {row.place} at {row.lat}, {row.lon} is outside {row.admin}")
    return problems


def check_files(pairings_file: Path, places_file: Path) -> tuple[list[str], list[str], str]:
    """Every problem in the data files as a sentence, what is allowed but worth a look (an
    ending no page dates), and a one-line summary."""
    try:
        pairings = load_pairings(pairings_file)
        places = load_places(places_file)
    except DatasetError as exc:
        return [str(exc)], [], "validation stopped: a file could not be read"
    problems = [str(issue) for issue in pairings.issues if issue.severity == "error"]
    warnings = [str(issue) for issue in pairings.issues if issue.severity == "warning"]
    _, unlocated = locate(pairings.pairs, places)
    for row in unlocated.itertuples(index=False):
        missing = [f"{place} ({admin})" for place, admin, lat in
                   ((row.place_cn, row.province, row.cn_lat), (row.place_us, row.state, row.us_lat))
                   if pd.isna(lat)]
        problems.append(f"{Path(pairings_file).name} row {row.row}: no coordinates for "
                        f"{' or '.join(missing)} in {Path(places_file).name}; geocode it "
                        "(`python -m sistercities geocode`) or add it to places_overrides.csv")
    problems += places_outside(places)
    pairs = pairings.pairs
    summary = (f"{len(pairs)} valid pairs ({(pairs['level'] == 'province-state').sum()} "
               f"province-state), {pairs['year'].notna().sum()} with a year, "
               f"{pairs['source'].ne('').sum()} with a source; {len(places)} places; "
               f"{len(problems)} problem(s), {len(warnings)} warning(s)")
    return problems, warnings, summary
