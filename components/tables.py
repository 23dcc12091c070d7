"""Pieces shared by the tables of pairs: coded values in words, sources as their site."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from .ui_text import tr

# Height of a row in st.dataframe, to size a table to its rows (up to a limit).
TABLE_ROW = 35
# The link reads as the site it points to; the whole address is in the link itself.
SITE = r"https?://(?:www\.)?([^/?#]+)"


def source_column(title: str):
    return st.column_config.LinkColumn(title, display_text=SITE)


def notes_column(title: str):
    """Notes are long (other sources, conflicts): the widest column, the rest on hover."""
    return st.column_config.TextColumn(title, width="large")


def worded(table: pd.DataFrame) -> pd.DataFrame:
    """Level, relation and status in the interface's language instead of their codes."""
    words = {column: table[column].map(lambda code, column=column: tr(f"{column}_{code}"))
             for column in ("level", "relation", "status") if column in table}
    return table.assign(**words)
