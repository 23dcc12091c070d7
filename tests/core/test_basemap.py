"""The map's border lines: built from the committed province and state files, and where they
belong (a stale or misplaced borders.json would draw borders the boundary checks never see)."""

import json

import shapely
from shapely.geometry import shape
from shapely.ops import unary_union

from sistercities.geocode import BASEMAP_DIR


def shapes(file: str) -> list:
    return [shape(f["geometry"]) for f in
            json.loads((BASEMAP_DIR / file).read_text(encoding="utf-8"))["features"]]


def test_every_border_segment_lies_on_a_province_or_state_boundary():
    segments = json.loads((BASEMAP_DIR / "borders.json").read_text(encoding="utf-8"))
    assert len(segments) > 3000
    edges = unary_union([unit.boundary for file in ("provinces.geojson", "states.geojson")
                         for unit in shapes(file)])
    # The lines are simplified at 0.02°: each end stays within that of a real boundary.
    ends = shapely.points([end for segment in segments for end in (segment["s"], segment["t"])])
    far = shapely.distance(ends, edges) > 0.03
    assert not far.any(), f"{int(far.sum())} segment ends lie off every boundary"


def test_the_borders_include_lines_inside_china_and_inside_the_us():
    segments = json.loads((BASEMAP_DIR / "borders.json").read_text(encoding="utf-8"))
    china, usa = (unary_union(shapes(file)) for file in ("provinces.geojson", "states.geojson"))
    mids = shapely.points([[(s["s"][0] + s["t"][0]) / 2, (s["s"][1] + s["t"][1]) / 2] for s in segments])
    in_china = shapely.contains(china.buffer(0.05), mids).sum()
    in_usa = shapely.contains(usa.buffer(0.05), mids).sum()
    assert in_china > 1000 and in_usa > 500
    assert in_china + in_usa == len(segments)
