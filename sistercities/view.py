"""From located pairs to what one screen shows: filters, search and the KPI figures."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .geocode import normalise
from .i18n import t
from .timeline import YearWindow, ended_by, in_window


@dataclass(frozen=True)
class Filters:
    window: YearWindow
    levels: tuple[str, ...] = ()
    relations: tuple[str, ...] = ()
    search: str = ""
    province: str | None = None
    state: str | None = None


SEARCHED = ["place_cn", "place_cn_zh", "province", "province_zh", "place_us", "state",
            "place_us_zh", "state_zh"]
_PARENT = re.compile(r"\(([^)]+)\)\s*$")


def search_texts(pairs: pd.DataFrame) -> pd.Series:
    """What a search looks through for each pair: every name in both languages, and for a
    district or county ("Wujiang (Suzhou)") its city's Chinese name too, from the pair that
    names that city, so "苏州" finds what "Suzhou" finds. Built once for the whole dataset."""
    if pairs.empty:
        return pd.Series("", index=pairs.index, dtype="str")
    chinese = dict(zip(pairs["province"] + "|" + pairs["place_cn"], pairs["place_cn_zh"]))
    parents = [chinese.get(f"{province}|{match.group(1)}", "") if match else ""
               for province, match in zip(pairs["province"], pairs["place_cn"].map(_PARENT.search))]
    columns = [c for c in SEARCHED if c in pairs]
    names = pairs[columns].fillna("").astype(str).agg(" ".join, axis=1) + " " + parents
    return names.map(normalise).str.replace(" ", "")


def matches_search(pairs: pd.DataFrame, text: str) -> pd.Series:
    """Case-, accent- and spacing-insensitive match on English, pinyin or Chinese names."""
    needle = normalise(text).replace(" ", "")
    if not needle:
        return pd.Series(True, index=pairs.index)
    haystack = pairs["search_text"] if "search_text" in pairs else search_texts(pairs)
    return haystack.str.contains(needle, regex=False)


def _other_filters(pairs: pd.DataFrame, filters: Filters) -> np.ndarray:
    mask = np.ones(len(pairs), dtype=bool)
    for column, wanted in (("level", filters.levels), ("relation", filters.relations)):
        if wanted:
            mask &= np.isin(pairs[column].to_numpy(dtype=object), list(wanted))
    for column, wanted in (("province", filters.province), ("state", filters.state)):
        if wanted:
            mask &= pairs[column].to_numpy(dtype=object) == wanted
    if filters.search:
        mask &= matches_search(pairs, filters.search).to_numpy(dtype=bool)
    return mask


def apply_filters(pairs: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The pairs in view, with `ended` telling which had ended by the window's end year."""
    view = pairs.take(np.flatnonzero(in_window(pairs, filters.window)
                                     & _other_filters(pairs, filters)))
    view = view.reset_index(drop=True)
    view["ended"] = ended_by(view, filters.window.end)
    return view


def matching(pairs: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The pairs every filter but the years lets through, dated or not: what the timeline
    chart counts, so its bars add up to the map's pairs for the same years, and among them
    those no year window can show, their year unknown."""
    mask = _other_filters(pairs, filters)
    return pairs if mask.all() else pairs[mask]


@dataclass(frozen=True)
class Kpis:
    pairs: int
    provinces: int
    states: int
    chinese_cities: int
    us_cities: int


def kpis(view: pd.DataFrame) -> Kpis:
    """A city is a place that is not its own province/state, or any end of a city pair."""
    level, province, place_cn, state, place_us = (
        view[c].tolist() for c in ("level", "province", "place_cn", "state", "place_us"))
    chinese_cities = {(p, c) for lv, p, c in zip(level, province, place_cn)
                      if lv == "city" or c != p}
    us_cities = {(s, c) for lv, s, c in zip(level, state, place_us) if lv == "city" or c != s}
    return Kpis(pairs=len(view), provinces=len(set(province)), states=len(set(state)),
                chinese_cities=len(chinese_cities), us_cities=len(us_cities))


# "Active" is said only where a page from this year on shows the tie alive; before it, the
# Atlas says when it last saw news of the tie.
RECENT = 2022


def status_label(status: str, status_year, checked: str = "", lang: str = "en") -> str:
    """A tie's status in words: "ended 2025", "active, seen 2024", "no news since 2013"."""
    if status != "active":
        word = t(f"status_{status}", lang)
        if pd.isna(status_year) or status_year == "":
            return t("status_since_unknown", lang, status=word)
        return t("status_since", lang, status=word, year=int(status_year))
    seen = int(checked[:4]) if checked else None
    if seen is None:
        return t("status_unchecked", lang)
    return t("status_seen" if seen >= RECENT else "status_no_news", lang, year=seen)


def status_labels(pairs: pd.DataFrame, lang: str = "en") -> pd.Series:
    checked = pairs["status_checked"] if "status_checked" in pairs else pd.Series(
        "", index=pairs.index)
    return pd.Series([status_label(s, y, c or "", lang) for s, y, c in zip(
        pairs["status"], pairs["status_year"], checked.fillna(""))], index=pairs.index,
        dtype="str")


def in_reading_order(pairs: pd.DataFrame) -> pd.DataFrame:
    """Pairs by year (unknown years last), then province, Chinese place, state and US place:
    the order of the tables and of the CSV export."""
    return pairs.sort_values(["year", "province", "place_cn", "state", "place_us"],
                             na_position="last", kind="stable")
