"""Year filters, cumulative counts and playback frames."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .schema import FIRST_YEAR

SIGNED, STANDING = "signed", "standing"
MODES = (SIGNED, STANDING)


@dataclass(frozen=True)
class YearWindow:
    """The years a view shows. `undated`: pairs whose year no source gives are shown too
    (whatever the years: no window can place them), drawn apart as "year unknown"."""
    start: int
    end: int
    mode: str = SIGNED
    undated: bool = True


def year_bounds(pairs: pd.DataFrame) -> tuple[int, int]:
    """Slider bounds from the data: 1979 to the last known year."""
    years = pairs["year"].dropna()
    return FIRST_YEAR, int(years.max()) if len(years) else FIRST_YEAR


def clamp_years(start: int, end: int, bounds: tuple[int, int]) -> tuple[int, int]:
    low, high = bounds
    start, end = sorted((start, end))
    return max(low, min(start, high)), max(low, min(end, high))


def _years(column: pd.Series) -> np.ndarray:
    """Years as floats, unknown as NaN: NaN compares false, so an unknown year never matches."""
    return column.to_numpy(dtype=float, na_value=np.nan)


def in_window(pairs: pd.DataFrame, window: YearWindow) -> np.ndarray:
    """Which pairs the window shows.

    signed: signed within [start, end]. standing: signed by the end year (ended ties are
    still returned; `ended_by` tells which of them had ended by then). Pairs without a known
    year are shown in every window when `window.undated`, and in none otherwise.
    """
    year = _years(pairs["year"])
    if window.mode == STANDING:
        dated = year <= window.end
    else:
        dated = (year >= window.start) & (year <= window.end)
    return dated | np.isnan(year) if window.undated else dated


def ended_by(pairs: pd.DataFrame, end_year: int) -> np.ndarray:
    """Ties ended or suspended by `end_year`. One whose end year no source gives counts as
    ended in every view: the tables say "ended", and the map must not show it as active."""
    stopped = np.isin(pairs["status"].to_numpy(dtype=object), ["ended", "suspended"])
    since = _years(pairs["status_year"])
    return stopped & ((since <= end_year) | np.isnan(since))


def per_year(pairs: pd.DataFrame, bounds: tuple[int, int]) -> pd.DataFrame:
    """Pairs signed per year and the cumulative total, every year in bounds present."""
    low, high = bounds
    years = pairs["year"].dropna().to_numpy(dtype=int)
    years = years[(years >= low) & (years <= high)]
    signed = np.bincount(years - low, minlength=high - low + 1)
    return pd.DataFrame({"year": np.arange(low, high + 1), "signed": signed,
                         "total": signed.cumsum()})
