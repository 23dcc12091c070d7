"""From located pairs to what one screen shows: filters, search and the KPI figures."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .geocode import normalise
from .timeline import YearWindow, ended_by, in_window


@dataclass(frozen=True)
class Filters:
    window: YearWindow
    levels: tuple[str, ...] = ()
    relations: tuple[str, ...] = ()
    search: str = ""
    province: str | None = None
    state: str | None = None


def matches_search(pairs: pd.DataFrame, text: str) -> pd.Series:
    """Case-, accent- and spacing-insensitive match on English, pinyin or Chinese names."""
    needle = normalise(text).replace(" ", "")
    if not needle:
        return pd.Series(True, index=pairs.index)
    columns = ["place_cn", "place_cn_zh", "province", "province_zh", "place_us", "state"]
    haystack = pairs[columns].fillna("").agg(" ".join, axis=1).map(normalise).str.replace(" ", "")
    return haystack.str.contains(needle, regex=False)


def _other_filters(pairs: pd.DataFrame, filters: Filters) -> pd.Series:
    mask = pd.Series(True, index=pairs.index)
    if filters.levels:
        mask &= pairs["level"].isin(filters.levels)
    if filters.relations:
        mask &= pairs["relation"].isin(filters.relations)
    if filters.province:
        mask &= pairs["province"].eq(filters.province)
    if filters.state:
        mask &= pairs["state"].eq(filters.state)
    if filters.search:
        mask &= matches_search(pairs, filters.search)
    return mask


def apply_filters(pairs: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The pairs in view, with `ended` telling which had ended by the window's end year."""
    view = pairs[in_window(pairs, filters.window) & _other_filters(pairs, filters)].copy()
    view["ended"] = ended_by(view, filters.window.end)
    return view.reset_index(drop=True)


def unknown_year_count(pairs: pd.DataFrame, filters: Filters) -> int:
    """Pairs the other filters would show but that no year window can, their year unknown."""
    return int((pairs["year"].isna() & _other_filters(pairs, filters)).sum())


@dataclass(frozen=True)
class Kpis:
    pairs: int
    provinces: int
    states: int
    chinese_cities: int
    us_cities: int


def kpis(view: pd.DataFrame) -> Kpis:
    """A city is a place that is not its own province/state, or any end of a city pair."""
    city_pair = view["level"].eq("city")
    cn = view[city_pair | view["place_cn"].ne(view["province"])]
    us = view[city_pair | view["place_us"].ne(view["state"])]
    return Kpis(
        pairs=len(view),
        provinces=view["province"].nunique(),
        states=view["state"].nunique(),
        chinese_cities=len(cn[["province", "place_cn"]].drop_duplicates()),
        us_cities=len(us[["state", "place_us"]].drop_duplicates()),
    )
