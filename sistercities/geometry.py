"""One definition of a China–US arc, shared by the screen and every export."""

from __future__ import annotations

import math

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


def arc_polyline(source_lon: float, source_lat: float, target_lon: float, target_lat: float,
                 samples: int = 24) -> list[tuple[float, float]]:
    """The arc as the map shows it from above: straight in Web Mercator, sampled so a static
    image in any projection follows the same path (longitudes stay in the shifted frame)."""
    t = np.linspace(0.0, 1.0, samples)
    lons = source_lon + (target_lon - source_lon) * t
    ys = mercator_y(source_lat) + (mercator_y(target_lat) - mercator_y(source_lat)) * t
    return list(zip(lons.round(4).tolist(), inverse_mercator_y(ys).round(4).tolist()))


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
