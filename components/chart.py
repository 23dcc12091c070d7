"""The timeline chart on screen."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd
import streamlit as st
from streamlit import dataframe_util


@lru_cache(maxsize=64)
def _arrow(columns: tuple[str, ...], rows: tuple[tuple, ...]) -> bytes:
    return dataframe_util.convert_anything_to_arrow_bytes(pd.DataFrame(rows, columns=columns))


def show(chart: dict) -> None:
    """Draw a Vega-Lite spec whose top-level data are inline rows. Streamlit sends such rows as
    Arrow and would convert them on every rerun, though they change only with the page's
    pairs (a slider move changes the highlight, not the counts); named datasets given as
    Arrow bytes go as they are, so each distinct set of rows is converted once."""
    rows = chart["data"]["values"]
    table = _arrow(tuple(rows[0]), tuple(tuple(row.values()) for row in rows))
    st.vega_lite_chart({**chart, "data": {"name": "rows"}, "datasets": {"rows": table}},
                       width="stretch")
