"""Synthetic datasets of any size, written as the three files the app reads ($ATLAS_DATA_DIR).

Every row is valid against the schema, so the app draws all of them; place names say
"Synthetic" so nobody mistakes them for data, and nothing is ever written to data/.
"""

from __future__ import annotations

import csv
import json
import random
import shutil
from pathlib import Path

from sistercities.dataset import EVENTS_FILE, PAIRINGS_FILE, PLACE_COLUMNS, PLACES_FILE
from sistercities.schema import FIRST_YEAR, PAIRING_COLUMNS, PROVINCES, US_STATES

from . import ROOT

BASEMAP = ROOT / "static" / "basemap"
# Places per side grow with the pairs, capped near the real counts of China's county-level
# units and of US incorporated places, so big datasets have many pairs per place as reality would.
PLACES_PER_PAIR = 0.25
MAX_CN_PLACES, MAX_US_PLACES = 3_000, 20_000
PROVINCE_STATE_SHARE, MIXED_SHARE, FRIENDSHIP_SHARE, ENDED_SHARE = 0.05, 0.10, 0.15, 0.05


def _bboxes(file: str, names) -> dict[str, tuple[float, float, float, float]]:
    """(min lon, min lat, max lon, max lat) of each named boundary in the bundled basemap."""
    boxes = {}
    for feature in json.loads((BASEMAP / file).read_text())["features"]:
        name = feature["properties"]["name"]
        if name not in names:
            continue
        rings = feature["geometry"]["coordinates"]
        if feature["geometry"]["type"] == "Polygon":
            rings = [rings]
        points = [p for polygon in rings for ring in polygon for p in ring]
        lons, lats = [p[0] for p in points], [p[1] for p in points]
        boxes[name] = (min(lons), min(lats), max(lons), max(lats))
    return boxes


def _point(rng: random.Random, box: tuple[float, float, float, float]) -> tuple[float, float]:
    return round(rng.uniform(box[1], box[3]), 5), round(rng.uniform(box[0], box[2]), 5)


def write_dataset(folder: Path, pairs: int, last_year: int, seed: int = 1979) -> Path:
    """Write pairings.csv, places.csv and events.csv with `pairs` valid pairs into `folder`."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    cn_boxes, us_boxes = _bboxes("provinces.geojson", PROVINCES), _bboxes("states.geojson", US_STATES)
    provinces, states = sorted(cn_boxes), sorted(us_boxes)
    places: list[dict] = []

    def place(country: str, admin: str, name: str, box) -> None:
        lat, lon = _point(rng, box)
        places.append({"country": country, "admin": admin, "place": name, "lat": lat, "lon": lon,
                       "method": "synthetic", "geonameid": "",
                       "detail": f"random point in the bounding box of {admin}"})

    cn_cities = []
    for number in range(min(MAX_CN_PLACES, max(20, int(pairs * PLACES_PER_PAIR)))):
        province = rng.choice(provinces)
        cn_cities.append((province, f"Synthetic CN {number}"))
        place("CN", province, cn_cities[-1][1], cn_boxes[province])
    us_cities = []
    for number in range(min(MAX_US_PLACES, max(20, int(pairs * PLACES_PER_PAIR)))):
        state = rng.choice(states)
        us_cities.append((state, f"Synthetic US {number}"))
        place("US", state, us_cities[-1][1], us_boxes[state])
    # A province-state pair names the province and the state themselves (schema rule).
    for province in provinces:
        place("CN", province, province, cn_boxes[province])
    for state in states:
        place("US", state, state, us_boxes[state])

    combos = [(p, s) for p in provinces for s in states]
    rng.shuffle(combos)
    chosen: dict[tuple[str, str, str, str], str] = {}
    for province, state in combos[: int(pairs * PROVINCE_STATE_SHARE)]:
        chosen[(province, province, state, state)] = "province-state"
    while len(chosen) < pairs:
        state, place_us = rng.choice(us_cities)
        if rng.random() < MIXED_SHARE:
            province = place_cn = rng.choice(provinces)
            level = "mixed"
        else:
            (province, place_cn), level = rng.choice(cn_cities), "city"
        chosen.setdefault((province, place_cn, state, place_us), level)

    rows = []
    for number, ((province, place_cn, state, place_us), level) in enumerate(chosen.items(), 1):
        year = rng.randint(FIRST_YEAR, last_year)
        ended = rng.random() < ENDED_SHARE
        rows.append({
            "level": level,
            "relation": "friendship" if rng.random() < FRIENDSHIP_SHARE else "sister",
            "province": province, "province_zh": PROVINCES[province][0],
            "place_cn": place_cn, "place_cn_zh": f"合成{number}" if level == "city" else "",
            "state": state, "place_us": place_us, "year": year, "date": "",
            "status": "ended" if ended else "active",
            "status_year": rng.randint(year, last_year) if ended else "",
            "source": f"https://example.org/synthetic/{number}",
            "source_title": f"Synthetic pair {number}", "notes": "synthetic benchmark row",
        })
    _write(folder / PAIRINGS_FILE.name, PAIRING_COLUMNS, rows)
    _write(folder / PLACES_FILE.name, PLACE_COLUMNS, places)
    shutil.copyfile(EVENTS_FILE, folder / EVENTS_FILE.name)
    return folder


def _write(path: Path, columns, rows: list[dict]) -> None:
    with path.open("w", newline="", encoding="utf-8") as sink:
        writer = csv.DictWriter(sink, fieldnames=list(columns))
        writer.writeheader()
        writer.writerows(rows)
