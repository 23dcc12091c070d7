"""The pairing dataset's columns, allowed values and row-level validation."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd

from .i18n import t

FIRST_YEAR = 1979
LEVELS = ("province-state", "city", "mixed")
RELATIONS = ("sister", "friendship")
# downgraded: the sister tie became a looser one (e.g. a friendship city) but goes on.
STATUSES = ("active", "ended", "suspended", "downgraded")

PAIRING_COLUMNS = (
    "level", "relation", "province", "province_zh", "place_cn", "place_cn_zh", "state",
    "place_us", "year", "date", "status", "status_year", "source", "source_title", "notes",
)
# Columns a file may leave out (an older or hand-made CSV): empty when missing. The bundled
# file has them all, and where a column is in a file its rules apply to every row.
OPTIONAL_COLUMNS = (
    "state_zh", "place_us_zh", "year_basis", "year_source", "source_kind", "status_source",
    "status_checked",
)
ALL_COLUMNS = PAIRING_COLUMNS + OPTIONAL_COLUMNS
REQUIRED = ("level", "relation", "province", "place_cn", "state", "place_us", "source")
# How a row's year is known: a page states it (year or date), it is worked out from a dated
# anniversary report ("June 3 marks the 41st anniversary", 2024 -> 1983), or a dated list of
# ties gives it.
YEAR_BASES = ("stated", "anniversary", "list")
# What kind of page the row's source is: a government or legislature page; a newspaper or news
# agency (or a copy of one of its reports); a sister-city association or committee; an
# encyclopedia (or a copy of one); a compiled list; anything else (a company page, a blog).
SOURCE_KINDS = ("official", "news", "association", "encyclopedia", "list", "other")

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
    """One problem in one cell (or one row) of a data file, worded for people in either
    language: `code` names its message (i18n "issue_<code>"), `values` fill it in."""

    file: str
    row: int | None
    column: str | None
    code: str
    values: tuple[tuple[str, object], ...] = ()
    severity: str = "error"

    def worded(self, lang: str = "en") -> str:
        return t(f"issue_{self.code}", lang, **dict(self.values))

    @property
    def message(self) -> str:
        return self.worded()

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
# Chinese names: Han characters, the middle dot of transliterations and full-width brackets.
_CHINESE = re.compile(r"^[\u3400-\u9fff·（）]+$")

Problem = tuple[str, str, dict]  # (column, issue code, values for its message)


def _one_of(row: dict[str, str], column: str, allowed: tuple[str, ...]) -> list[Problem]:
    value = row.get(column, "")
    if value and value not in allowed:
        return [(column, "not_one_of", {"value": value, "allowed": ", ".join(allowed)})]
    return []


def _urls(row: dict[str, str], column: str) -> list[Problem]:
    value = row.get(column, "")
    if value and not all(_URL.match(url) for url in value.split()):
        return [(column, "not_url", {"value": value})]
    return []


def _partial_date(value: str, last_year: int) -> bool:
    """YYYY, YYYY-MM or YYYY-MM-DD, a real date no later than `last_year`."""
    parts = value.split("-")
    if not 1 <= len(parts) <= 3 or [len(p) for p in parts] != [4, 2, 2][:len(parts)]:
        return False
    try:
        date = dt.date(*(int(p) for p in parts), *(1,) * (3 - len(parts)))
    except ValueError:
        return False
    return FIRST_YEAR <= date.year <= last_year


def _check_row(row: dict[str, str], last_year: int, present: set[str]) -> list[Problem]:
    """Every bad cell of one row; `present`: the optional columns the file has."""
    problems: list[Problem] = [(column, "empty", {}) for column in REQUIRED if not row[column]]
    for column, allowed in (("level", LEVELS), ("relation", RELATIONS), ("status", STATUSES),
                            ("year_basis", YEAR_BASES), ("source_kind", SOURCE_KINDS)):
        problems += _one_of(row, column, allowed)
    if row["province"] and canonical_province(row["province"]) is None:
        problems.append(("province", "not_province", {"value": row["province"]}))
    if row["state"] and canonical_state(row["state"]) is None:
        problems.append(("state", "not_state", {"value": row["state"]}))
    for column in ("year", "status_year"):
        value = row[column]
        if value and not (_YEAR.match(value) and FIRST_YEAR <= int(value) <= last_year):
            problems.append((column, "not_year", {"value": value, "first": FIRST_YEAR,
                                                  "last": last_year}))
    if row["date"]:
        try:
            date = dt.date.fromisoformat(row["date"])
        except ValueError:
            problems.append(("date", "not_date", {"value": row["date"]}))
        else:
            if row["year"] and _YEAR.match(row["year"]) and date.year != int(row["year"]):
                problems.append(("date", "date_not_in_year", {"value": row["date"],
                                                              "year": row["year"]}))
    for column in ("source", "year_source", "status_source"):
        problems += _urls(row, column)
    checked = row.get("status_checked", "")
    if checked and not _partial_date(checked, last_year):
        problems.append(("status_checked", "not_partial_date", {"value": checked}))
    for column in ("place_us_zh", "state_zh"):
        if row.get(column) and not _CHINESE.match(row[column]):
            problems.append((column, "not_chinese", {"value": row[column]}))
    # Where the file has the column, the rule holds for every row of it.
    if "year_basis" in present and row["year"] and not row["year_basis"]:
        problems.append(("year_basis", "basis_missing", {"year": row["year"]}))
    if "source_kind" in present and not row["source_kind"]:
        problems.append(("source_kind", "empty", {}))
    stopped = row["status"] in ("ended", "suspended", "downgraded")
    if "status_source" in present and stopped and not row["status_source"]:
        problems.append(("status_source", "status_unsourced", {"status": row["status"]}))
    if row["level"] == "province-state" and row["province"] and row["state"]:
        if row["place_cn"] and canonical_province(row["place_cn"]) != canonical_province(
                row["province"]):
            problems.append(("place_cn", "repeat_province", {"value": row["place_cn"]}))
        if row["place_us"] and canonical_state(row["place_us"]) != canonical_state(row["state"]):
            problems.append(("place_us", "repeat_state", {"value": row["place_us"]}))
    return problems


def _warnings(row: dict[str, str]) -> list[Problem]:
    """What is allowed but worth saying: an ending no page dates."""
    if row["status"] in ("ended", "suspended", "downgraded") and not row["status_year"]:
        return [("status_year", "end_undated", {"status": row["status"]})]
    return []


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
        issues.append(Issue(file, None, None, "missing_columns", (
            ("columns", ", ".join(missing)), ("header", ",".join(PAIRING_COLUMNS)))))
        return empty_pairs(), issues
    extra = [c for c in raw.columns if c not in ALL_COLUMNS]
    if extra:
        issues.append(Issue(file, None, None, "extra_columns",
                            (("columns", ", ".join(map(str, extra))),), severity="warning"))
    present = {c for c in OPTIONAL_COLUMNS if c in raw.columns}
    numbers = (list(raw.index) if raw.index.name == "row"
               else [spreadsheet_row(i) for i in range(len(raw))])
    short, width = raw.attrs.get("short_rows", {}), len(raw.columns)
    raw = raw.assign(**{c: "" for c in OPTIONAL_COLUMNS if c not in present})
    raw = raw.fillna("").astype(str).apply(lambda col: col.str.strip())
    good_rows, seen = [], {}
    for number, row in zip(numbers, raw[list(ALL_COLUMNS)].to_dict("records")):
        problems = _check_row(row, last_year, present)
        if number in short:  # said first: it explains the empty cells that follow
            problems.insert(0, (None, "short_row", {"fields": short[number], "width": width}))
        issues += [Issue(file, number, column, code, tuple(values.items()))
                   for column, code, values in problems]
        if problems:
            continue
        issues += [Issue(file, number, column, code, tuple(values.items()), "warning")
                   for column, code, values in _warnings(row)]
        row["province"] = canonical_province(row["province"])
        row["state"] = canonical_state(row["state"])
        if row["level"] == "province-state":
            row["place_cn"], row["place_us"] = row["province"], row["state"]
        key = pair_key(row["province"], row["place_cn"], row["state"], row["place_us"])
        if key in seen:
            issues.append(Issue(file, number, None, "duplicate", (
                ("row", seen[key]), ("pair", f"{row['place_cn']} – {row['place_us']}"))))
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
    frame = pd.DataFrame({c: pd.Series(dtype="str") for c in (*ALL_COLUMNS, "pair_id")})
    frame["row"] = pd.Series(dtype="int64")
    for column in ("year", "status_year"):
        frame[column] = pd.Series(dtype="Int64")
    return frame
