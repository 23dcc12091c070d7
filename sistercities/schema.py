"""The pairing dataset's columns, allowed values and row-level validation."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd

FIRST_YEAR = 1979
LEVELS = ("province-state", "city", "mixed")
RELATIONS = ("sister", "friendship")
STATUSES = ("active", "ended", "suspended")

PAIRING_COLUMNS = (
    "level", "relation", "province", "province_zh", "place_cn", "place_cn_zh", "state",
    "place_us", "year", "date", "status", "status_year", "source", "source_title", "notes",
)
REQUIRED = ("level", "relation", "province", "place_cn", "state", "place_us", "source")

# English name -> (Chinese name, GeoNames admin1 code). GeoNames numbers China's first-level
# units its own way (not GB/T 2260); each code is checked against the capital in the tests.
PROVINCES: dict[str, tuple[str, str]] = {
    "Anhui": ("安徽", "01"), "Zhejiang": ("浙江", "02"), "Jiangxi": ("江西", "03"),
    "Jiangsu": ("江苏", "04"), "Jilin": ("吉林", "05"), "Qinghai": ("青海", "06"),
    "Fujian": ("福建", "07"), "Heilongjiang": ("黑龙江", "08"), "Henan": ("河南", "09"),
    "Hebei": ("河北", "10"), "Hunan": ("湖南", "11"), "Hubei": ("湖北", "12"),
    "Xinjiang": ("新疆", "13"), "Tibet": ("西藏", "14"), "Gansu": ("甘肃", "15"),
    "Guangxi": ("广西", "16"), "Guizhou": ("贵州", "18"), "Liaoning": ("辽宁", "19"),
    "Inner Mongolia": ("内蒙古", "20"), "Ningxia": ("宁夏", "21"), "Beijing": ("北京", "22"),
    "Shanghai": ("上海", "23"), "Shanxi": ("山西", "24"), "Shandong": ("山东", "25"),
    "Shaanxi": ("陕西", "26"), "Tianjin": ("天津", "28"), "Yunnan": ("云南", "29"),
    "Guangdong": ("广东", "30"), "Hainan": ("海南", "31"), "Sichuan": ("四川", "32"),
    "Chongqing": ("重庆", "33"),
}
PROVINCE_ALIASES = {
    "nei mongol": "Inner Mongolia", "nei menggu": "Inner Mongolia", "neimenggu": "Inner Mongolia",
    "xizang": "Tibet", "guangxi zhuang": "Guangxi", "ningxia hui": "Ningxia",
    "xinjiang uygur": "Xinjiang", "xinjiang uyghur": "Xinjiang",
}
US_STATES: dict[str, str] = {
    "Alabama": "AL", "Alaska": "AK", "Arizona": "AZ", "Arkansas": "AR", "California": "CA",
    "Colorado": "CO", "Connecticut": "CT", "Delaware": "DE", "District of Columbia": "DC",
    "Florida": "FL", "Georgia": "GA", "Hawaii": "HI", "Idaho": "ID", "Illinois": "IL",
    "Indiana": "IN", "Iowa": "IA", "Kansas": "KS", "Kentucky": "KY", "Louisiana": "LA",
    "Maine": "ME", "Maryland": "MD", "Massachusetts": "MA", "Michigan": "MI",
    "Minnesota": "MN", "Mississippi": "MS", "Missouri": "MO", "Montana": "MT",
    "Nebraska": "NE", "Nevada": "NV", "New Hampshire": "NH", "New Jersey": "NJ",
    "New Mexico": "NM", "New York": "NY", "North Carolina": "NC", "North Dakota": "ND",
    "Ohio": "OH", "Oklahoma": "OK", "Oregon": "OR", "Pennsylvania": "PA",
    "Rhode Island": "RI", "South Carolina": "SC", "South Dakota": "SD", "Tennessee": "TN",
    "Texas": "TX", "Utah": "UT", "Vermont": "VT", "Virginia": "VA", "Washington": "WA",
    "West Virginia": "WV", "Wisconsin": "WI", "Wyoming": "WY",
}
STATE_ALIASES = {"washington dc": "District of Columbia", "washington, d.c.": "District of Columbia",
                 "dc": "District of Columbia"}


def canonical_province(name: str) -> str | None:
    """The Atlas' name for a province given any accepted spelling, or None."""
    key = " ".join(name.strip().split()).casefold()
    for province, (zh, _) in PROVINCES.items():
        if key in (province.casefold(), zh) or key.rstrip("省市") == zh:
            return province
    return PROVINCE_ALIASES.get(key)


def canonical_state(name: str) -> str | None:
    key = " ".join(name.strip().split()).casefold()
    for state, code in US_STATES.items():
        if key in (state.casefold(), code.casefold()):
            return state
    return STATE_ALIASES.get(key)


@dataclass(frozen=True)
class Issue:
    """One problem in one cell (or one row) of a data file, worded for people."""

    file: str
    row: int | None
    column: str | None
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f" row {self.row}"
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {self.message}"


def spreadsheet_row(index: int) -> int:
    """Row number as a spreadsheet shows it: the header is row 1."""
    return index + 2


def current_year() -> int:
    return dt.date.today().year


_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
_YEAR = re.compile(r"^\d{4}$")


def _check_row(row: dict[str, str], last_year: int) -> list[tuple[str, str]]:
    """(column, message) for every bad cell of one row."""
    problems: list[tuple[str, str]] = []
    for column in REQUIRED:
        if not row[column]:
            problems.append((column, "is empty but required"))
    if row["level"] and row["level"] not in LEVELS:
        problems.append(("level", f"{row['level']!r} is not one of {', '.join(LEVELS)}"))
    if row["relation"] and row["relation"] not in RELATIONS:
        problems.append(("relation", f"{row['relation']!r} is not one of {', '.join(RELATIONS)}"))
    if row["status"] and row["status"] not in STATUSES:
        problems.append(("status", f"{row['status']!r} is not one of {', '.join(STATUSES)}"))
    if row["province"] and canonical_province(row["province"]) is None:
        problems.append(("province", f"{row['province']!r} is not a province, autonomous region "
                                     "or municipality of mainland China"))
    if row["state"] and canonical_state(row["state"]) is None:
        problems.append(("state", f"{row['state']!r} is not a US state or the District of Columbia"))
    for column in ("year", "status_year"):
        value = row[column]
        if value and not (_YEAR.match(value) and FIRST_YEAR <= int(value) <= last_year):
            problems.append((column, f"{value!r} is not a year between {FIRST_YEAR} and {last_year}"))
    if row["date"]:
        try:
            date = dt.date.fromisoformat(row["date"])
        except ValueError:
            problems.append(("date", f"{row['date']!r} is not a date written YYYY-MM-DD"))
        else:
            if row["year"] and _YEAR.match(row["year"]) and date.year != int(row["year"]):
                problems.append(("date", f"{row['date']!r} is not in the year {row['year']}"))
    if row["source"] and not all(_URL.match(url) for url in row["source"].split()):
        problems.append(("source", f"{row['source']!r} is not a web address (http:// or https://)"))
    if row["level"] == "province-state" and row["province"] and row["state"]:
        if canonical_province(row["place_cn"] or "") != canonical_province(row["province"]):
            problems.append(("place_cn", f"{row['place_cn']!r} should repeat the province in a "
                                         "province-state pair"))
        if canonical_state(row["place_us"] or "") != canonical_state(row["state"]):
            problems.append(("place_us", f"{row['place_us']!r} should repeat the state in a "
                                         "province-state pair"))
    return problems


def pair_key(province: str, place_cn: str, state: str, place_us: str) -> str:
    """Stable identifier of a pair, independent of spelling case and spacing."""
    parts = (province, place_cn, state, place_us)
    return "|".join(" ".join(p.split()).casefold() for p in parts)


def validate_pairings(raw: pd.DataFrame, file: str = "pairings.csv",
                      last_year: int | None = None) -> tuple[pd.DataFrame, list[Issue]]:
    """Split raw string rows into valid typed pairs and issues; no row is lost unreported.

    `raw` holds strings only (empty for missing); its index holds the spreadsheet row
    numbers when it is named "row" (as dataset.read_csv_text makes it), otherwise rows are
    numbered from 2. The valid frame keeps the row number so every later message can still
    point at the file.
    """
    last_year = last_year or current_year()
    issues: list[Issue] = []
    missing = [c for c in PAIRING_COLUMNS if c not in raw.columns]
    if missing:
        issues.append(Issue(file, None, None, "missing column(s): " + ", ".join(missing)
                            + ". Expected the header: " + ",".join(PAIRING_COLUMNS)))
        return empty_pairs(), issues
    extra = [c for c in raw.columns if c not in PAIRING_COLUMNS]
    if extra:
        issues.append(Issue(file, None, None, "column(s) not in the schema were ignored: "
                            + ", ".join(map(str, extra)), severity="warning"))
    numbers = (list(raw.index) if raw.index.name == "row"
               else [spreadsheet_row(i) for i in range(len(raw))])
    raw = raw.fillna("").astype(str).apply(lambda col: col.str.strip())
    good_rows, seen = [], {}
    for number, row in zip(numbers, raw[list(PAIRING_COLUMNS)].to_dict("records")):
        problems = _check_row(row, last_year)
        for column, message in problems:
            issues.append(Issue(file, number, column, message))
        if problems:
            continue
        row["province"] = canonical_province(row["province"])
        row["state"] = canonical_state(row["state"])
        if row["level"] == "province-state":
            row["place_cn"], row["place_us"] = row["province"], row["state"]
        key = pair_key(row["province"], row["place_cn"], row["state"], row["place_us"])
        if key in seen:
            issues.append(Issue(file, number, None, f"duplicate of row {seen[key]} "
                                f"({row['place_cn']} – {row['place_us']})"))
            continue
        seen[key] = number
        row["province_zh"] = row["province_zh"] or PROVINCES[row["province"]][0]
        row["status"] = row["status"] or "active"
        good_rows.append({**row, "pair_id": key, "row": number})
    if not good_rows:
        return empty_pairs(), issues
    pairs = pd.DataFrame(good_rows)
    for column in ("year", "status_year"):
        pairs[column] = pd.to_numeric(pairs[column].replace("", None)).astype("Int64")
    return pairs, issues


def empty_pairs() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype="str") for c in (*PAIRING_COLUMNS, "pair_id")})
    frame["row"] = pd.Series(dtype="int64")
    for column in ("year", "status_year"):
        frame[column] = pd.Series(dtype="Int64")
    return frame
