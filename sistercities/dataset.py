"""Load the pairing and place files into typed DataFrames, with errors worded for people."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .schema import Issue, validate_pairings

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
PAIRINGS_FILE = DATA_DIR / "pairings.csv"
PLACES_FILE = DATA_DIR / "places.csv"
EVENTS_FILE = DATA_DIR / "events.csv"
EVENT_COLUMNS = ("year", "date", "title", "title_zh", "source", "source_title", "notes")
PLACE_COLUMNS = ("country", "admin", "place", "lat", "lon", "method", "geonameid", "detail")
CHINA, USA = "CN", "US"


class DatasetError(Exception):
    """A data file that cannot be read at all; the message names the file and the cause."""


@dataclass(frozen=True)
class Pairings:
    pairs: pd.DataFrame
    issues: tuple[Issue, ...] = field(default_factory=tuple)
    rows: pd.DataFrame | None = None  # the file's rows as read (strings), by row number

    @property
    def errors(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.severity == "error")


def decode(data: bytes, file: str) -> str:
    """UTF-8 text (a BOM is accepted); anything else is refused with the likely encoding."""
    if not data.strip():
        raise DatasetError(f"{file} is empty: expected a header row and at least one pair")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DatasetError(f"{file} is UTF-16 encoded: save it as UTF-8 (CSV UTF-8) and try again")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        hint = ""
        try:
            data.decode("gbk")
            hint = " (it looks like GBK/GB2312, common for Chinese spreadsheets)"
        except UnicodeDecodeError:
            pass
        raise DatasetError(f"{file} line {line} is not UTF-8 text{hint}: save it as UTF-8 "
                           "(CSV UTF-8) and try again") from None


def read_csv_text(text: str, file: str) -> pd.DataFrame:
    """Every cell as a string, empty where missing; ragged rows are reported, not guessed.

    The index is each record's row number as a spreadsheet shows it (the header is row 1;
    blank rows are skipped but still counted), so messages point at the right row."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        records = list(reader)
    except csv.Error as exc:
        raise DatasetError(f"{file} line {reader.line_num} is not valid CSV: {exc}") from None
    numbered = [(number, r) for number, r in enumerate(records, start=1)
                if any(cell.strip() for cell in r)]
    if not numbered:
        raise DatasetError(f"{file} is empty: expected a header row and at least one pair")
    header = [h.strip() for h in numbered[0][1]]
    if len(set(header)) != len(header):
        repeated = sorted({h for h in header if header.count(h) > 1})
        raise DatasetError(f"{file} header repeats column(s): {', '.join(repeated)}")
    width = len(header)
    body, numbers, short = [], [], {}
    for number, row in numbered[1:]:
        if len(row) > width and any(cell.strip() for cell in row[width:]):
            raise DatasetError(f"{file} row {number} has {len(row)} fields but the header has "
                               f"{width}: a comma inside a value needs quotes")
        if len(row) < width:
            short[number] = len(row)
        body.append((row + [""] * width)[:width])
        numbers.append(number)
    frame = pd.DataFrame(body, columns=header, dtype="str", index=pd.Index(numbers, name="row"))
    # Rows with fewer fields than the header: padded so every cell can be checked, and
    # reported as short, since their values may sit under the wrong columns.
    frame.attrs["short_rows"] = short
    return frame


def parse_pairings(data: bytes, file: str = "pairings.csv") -> Pairings:
    """Bytes of a pairings CSV -> valid pairs plus every issue, each naming row and column."""
    raw = read_csv_text(decode(data, file), file)
    pairs, issues = validate_pairings(raw, file)
    return Pairings(pairs, tuple(issues), raw)


def load_pairings(path: Path = PAIRINGS_FILE) -> Pairings:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise DatasetError(f"cannot read {path}: {exc.strerror}") from None
    return parse_pairings(data, Path(path).name)


def load_places(path: Path = PLACES_FILE) -> pd.DataFrame:
    """The geocoded places (written by `python -m sistercities geocode`)."""
    if not Path(path).exists():
        return empty_places()
    raw = read_csv_text(decode(Path(path).read_bytes(), Path(path).name), Path(path).name)
    missing = [c for c in PLACE_COLUMNS if c not in raw.columns]
    if missing:
        raise DatasetError(f"{Path(path).name} is missing column(s): {', '.join(missing)}")
    places = raw[list(PLACE_COLUMNS)].reset_index(drop=True)
    for column in ("lat", "lon"):
        places[column] = pd.to_numeric(places[column].replace("", None), errors="coerce")
    return places


def empty_places() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype="str") for c in PLACE_COLUMNS})
    frame["lat"] = pd.Series(dtype="float64")
    frame["lon"] = pd.Series(dtype="float64")
    return frame


def place_key(country: str, admin: str, place: str) -> str:
    return "|".join(" ".join(p.split()).casefold() for p in (country, admin, place))


def needed_places(pairs: pd.DataFrame) -> pd.DataFrame:
    """Every distinct place the pairs mention, as (country, admin, place)."""
    cn = pairs[["province", "place_cn"]].set_axis(["admin", "place"], axis=1).assign(country=CHINA)
    us = pairs[["state", "place_us"]].set_axis(["admin", "place"], axis=1).assign(country=USA)
    both = pd.concat([cn, us], ignore_index=True)[["country", "admin", "place"]]
    both["key"] = [place_key(*r) for r in both.itertuples(index=False)]
    return both.drop_duplicates("key").reset_index(drop=True)


def locate(pairs: pd.DataFrame, places: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Join coordinates to both ends of every pair.

    Returns (located pairs, unlocated pairs); no pair is dropped without being returned.
    """
    coords = places.dropna(subset=["lat", "lon"])
    lookup = {place_key(c, a, p): (lat, lon) for c, a, p, lat, lon in
              coords[["country", "admin", "place", "lat", "lon"]].itertuples(index=False)}
    out = pairs.copy()
    cn = [lookup.get(place_key(CHINA, a, p)) for a, p in zip(out["province"], out["place_cn"])]
    us = [lookup.get(place_key(USA, a, p)) for a, p in zip(out["state"], out["place_us"])]
    out["cn_lat"] = [c[0] if c else None for c in cn]
    out["cn_lon"] = [c[1] if c else None for c in cn]
    out["us_lat"] = [u[0] if u else None for u in us]
    out["us_lon"] = [u[1] if u else None for u in us]
    for column in ("cn_lat", "cn_lon", "us_lat", "us_lon"):
        out[column] = out[column].astype("float64")
    found = out[["cn_lat", "us_lat"]].notna().all(axis=1)
    return out[found].reset_index(drop=True), out[~found].reset_index(drop=True)


def load_events(path: Path = EVENTS_FILE) -> pd.DataFrame:
    """Sourced milestones for the timeline chart (year, title, source)."""
    if not Path(path).exists():
        return pd.DataFrame({c: pd.Series(dtype="str") for c in EVENT_COLUMNS})
    raw = read_csv_text(decode(Path(path).read_bytes(), Path(path).name), Path(path).name)
    missing = [c for c in EVENT_COLUMNS if c not in raw.columns]
    if missing:
        raise DatasetError(f"{Path(path).name} is missing column(s): {', '.join(missing)}")
    events = raw[list(EVENT_COLUMNS)].copy()
    years = pd.to_numeric(events["year"], errors="coerce")
    bad = events.index[years.isna() | events["source"].eq("")]
    if len(bad):
        raise DatasetError(f"{Path(path).name} row {bad[0]}: each milestone needs a year "
                           "and a source")
    events["year"] = years.astype(int)
    return events.reset_index(drop=True)
