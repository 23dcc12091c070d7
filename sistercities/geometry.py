"""One definition of a China–US arc, shared by the screen and every export."""

from __future__ import annotations

import math
import zlib

import numpy as np
import pandas as pd
from geopy.distance import geodesic

# deck.gl and the exports draw the US one world to the east so arcs cross the Pacific.
PACIFIC_SHIFT = 360.0


def with_arc_ends(located: pd.DataFrame) -> pd.DataFrame:
    """Add the drawn end points (source = China, target = US) and each pair's distance."""
    out = located.copy()
    out["source_lon"], out["source_lat"] = out["cn_lon"], out["cn_lat"]
    out["target_lon"] = np.where(out["us_lon"] < 0, out["us_lon"] + PACIFIC_SHIFT, out["us_lon"])
    out["target_lat"] = out["us_lat"]
    out["bend"] = arc_bends(out)
    out["distance_km"] = [
        round(geodesic((a, b), (c, d)).km) for a, b, c, d in
        zip(out["cn_lat"], out["cn_lon"], out["us_lat"], out["us_lon"])
    ]
    return out


def mercator_y(lat):
    """Web Mercator's y (radians) of a latitude, clipped where the projection ends (±85°);
    the screen, the fitted camera and the exports all place points with it."""
    lat = np.clip(np.asarray(lat, dtype=float), -85.0, 85.0)
    return np.log(np.tan(np.pi / 4 + np.radians(lat) / 2))


def inverse_mercator_y(y):
    return np.degrees(2 * np.arctan(np.exp(y)) - np.pi / 2)


# How far an arc bows, as a share of its length (deck.gl's ArcLayer `getHeight`): spread
# over this range so pairs of one corridor fan out instead of lying on one line.
BEND_RANGE = (0.10, 0.42)
# The ArcLayer's `getTilt`: 90 lays the arc flat, so seen from above it bows to the left of
# its direction; China (west in the Pacific frame) to the US (east) bows north, as great
# circles between them do.
ARC_TILT = 90.0
_GOLDEN = (5 ** 0.5 - 1) / 2


def arc_bends(pairs: pd.DataFrame, group: tuple[str, ...] = ("province", "state")) -> np.ndarray:
    """Each pair's bend: the pairs of one province–state couple take well-spread values of a
    low-discrepancy sequence, started at a phase of their own so couples differ too. Stable
    whatever the filters, since it depends only on the pairs given (the whole dataset)."""
    if pairs.empty:
        return np.zeros(0)
    keys = pairs[list(group)].astype(str).agg("|".join, axis=1)
    order = pairs.assign(_key=keys).sort_values(["_key", "pair_id"] if "pair_id" in pairs
                                                else ["_key"], kind="stable")
    rank = order.groupby("_key", sort=False).cumcount().reindex(pairs.index).to_numpy()
    phase = keys.map(lambda key: (zlib.crc32(key.encode("utf-8")) % 1000) / 1000).to_numpy()
    low, high = BEND_RANGE
    return np.round(low + (high - low) * ((phase + _GOLDEN * rank) % 1.0), 3)


def _smoothstep(t: np.ndarray) -> np.ndarray:
    return t * t * (3 - 2 * t)


def arc_curves(source_lon, source_lat, target_lon, target_lat, bend,
               samples: int = 33) -> tuple[np.ndarray, np.ndarray]:
    """The arcs as the map draws them: deck.gl's ArcLayer laid flat (`getTilt` 90), in Web
    Mercator. At ratio r along the chord an arc is pushed left of its direction by
    sqrt(r(1-r)) x chord x bend (the layer's `paraboloid`), with the layer's smoothstep
    spacing of samples. Exports, GeoJSON and the camera's fit sample this, so they follow
    what the screen draws. Returns (lons, lats), one row per arc; longitudes stay in the
    frame given (the Pacific frame for the US end)."""
    ratio = _smoothstep(np.linspace(0.0, 1.0, samples))[None, :]
    columns = [np.asarray(v, dtype=float).reshape(-1, 1)
               for v in (source_lon, source_lat, target_lon, target_lat, bend)]
    lon0, lat0, lon1, lat1, bend = columns
    # deck.gl's common space: both axes in world widths (lon/360, Mercator y/2pi), y north.
    x0, x1 = lon0 / 360.0, lon1 / 360.0
    y0, y1 = mercator_y(lat0) / (2 * np.pi), mercator_y(lat1) / (2 * np.pi)
    dx, dy = x1 - x0, y1 - y0
    chord = np.hypot(dx, dy)
    safe = np.where(chord > 0, chord, 1.0)
    lift = np.sqrt(ratio * (1 - ratio)) * chord * bend
    xs = x0 + dx * ratio - dy / safe * lift
    ys = y0 + dy * ratio + dx / safe * lift
    lons, lats = xs * 360.0, inverse_mercator_y(ys * 2 * np.pi)
    lons[:, 0], lats[:, 0], lons[:, -1], lats[:, -1] = lon0[:, 0], lat0[:, 0], lon1[:, 0], lat1[:, 0]
    return lons, lats


def arc_curve(source_lon: float, source_lat: float, target_lon: float, target_lat: float,
              bend: float, samples: int = 33) -> list[tuple[float, float]]:
    """One arc of `arc_curves` as (lon, lat) points."""
    lons, lats = arc_curves(source_lon, source_lat, target_lon, target_lat, bend, samples)
    return list(zip(lons[0].round(4).tolist(), lats[0].round(4).tolist()))


def wrap_lon(lon: float) -> float:
    return round(((lon + 180.0) % 360.0) - 180.0, 4)


def split_at_antimeridian(line: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """Real longitudes in [-180, 180], cut where the line crosses 180° (RFC 7946 §3.1.9)."""
    parts: list[list[tuple[float, float]]] = [[]]
    for (lon0, lat0), (lon1, lat1) in zip(line, line[1:]):
        if not parts[-1]:
            parts[-1].append((wrap_lon(lon0), lat0))
        crossings = math.floor((lon1 + 180) / 360) - math.floor((lon0 + 180) / 360)
        if crossings:
            edge = 180.0 * math.copysign(1, lon1 - lon0)
            boundary = (math.floor((lon0 + 180) / 360) + (1 if lon1 > lon0 else 0)) * 360 - 180
            lat = lat0 + (lat1 - lat0) * (boundary - lon0) / (lon1 - lon0)
            parts[-1].append((edge, round(lat, 4)))
            parts.append([(-edge, round(lat, 4))])
        parts[-1].append((wrap_lon(lon1), lat1))
    return [p for p in parts if len(p) >= 2]
