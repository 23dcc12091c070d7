"""The pairs in view as a table: it follows every filter and the search, as the map does."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import streamlit as st

from sistercities.i18n import place_names
from sistercities.view import in_reading_order

from . import data
from .tables import TABLE_ROW, notes_column, source_column, worded
from .ui_text import lang, plain, tr, tr_count

MAX_ROWS_SHOWN = 12  # rows before the table scrolls
# Rows sent to the browser: a table of a hundred thousand rows took a second of every rerun
# and no one reads it; the CSV export has every pair.
MAX_ROWS_LISTED = 1000


LISTED = ("cn_place", "us_place", "level", "relation", "year", "year_basis", "status", "source",
          "notes")


# Shared by every session listing the same pairs in the same language: an Arrow table, which
# cannot be changed in place, so one object can serve them all (st.cache_data would unpickle a
# copy per session); st.dataframe sends Arrow as it is.
@st.cache_resource(max_entries=64, show_spinner=False)
def _listed(view_key: tuple, language: str, _view: pd.DataFrame) -> pa.Table:
    return pa.Table.from_pandas(rows(_view, language)[list(LISTED)], preserve_index=False)


def rows(view: pd.DataFrame, language: str) -> pd.DataFrame:
    """One row per pair, in `language`, in reading order: the first MAX_ROWS_LISTED."""
    ordered = in_reading_order(view).head(MAX_ROWS_LISTED)
    cn, us = place_names(ordered, language)
    chinese = language == "zh"
    province = ordered["province_zh"] if chinese else ordered["province"]
    state = ordered["state_zh"].where(ordered["state_zh"].ne(""), ordered["state"]) if (
        chinese and "state_zh" in ordered) else ordered["state"]
    return worded(ordered, language).assign(
        cn_place=cn.where(cn.eq(province), cn + ", " + province),
        us_place=us.where(us.eq(state), us + ", " + state))


def show(view: pd.DataFrame, in_view: int, search: str = "") -> None:
    """`view`: the pairs to list (the search's matches when searching); `in_view`: how many
    the map shows."""
    st.subheader(tr("pairs_in_view"))
    if search:
        st.caption(tr_count("table_matching", len(view), total=in_view, q=plain(search)))
    else:
        st.caption(tr_count("table_in_view", len(view)))
    if view.empty:
        return
    table = _listed(data.fingerprint(view, data.data_stamp()), lang(), view)
    if len(view) > table.num_rows:
        st.caption(tr("table_first", n=f"{table.num_rows:,}", total=f"{len(view):,}"))
    labels = dict(zip(LISTED, (tr(key) for key in (
        "col_cn_place", "col_us_place", "col_level", "col_relation", "col_year",
        "col_year_basis", "col_status", "col_source", "col_notes"))))
    st.dataframe(
        table, hide_index=True, width="stretch", placeholder=tr("unknown"),
        height=TABLE_ROW * (min(table.num_rows, MAX_ROWS_SHOWN) + 1) + 3,
        column_config={**labels,
                       "year": st.column_config.NumberColumn(tr("col_year"), format="%d"),
                       "source": source_column(tr("col_source")),
                       "notes": notes_column(tr("col_notes"))},
        key="pairs_in_view")
