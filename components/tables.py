"""Pieces shared by the tables of pairs: coded values in words, sources as their site."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from sistercities.view import status_labels

from .ui_text import lang, word

# Height of a row in st.dataframe, to size a table to its rows (up to a limit).
TABLE_ROW = 35
# The link reads as the site it points to; the whole address is in the link itself.
SITE = r"https?://(?:www\.)?([^/?#]+)"


def source_column(title: str):
    return st.column_config.LinkColumn(title, display_text=SITE)


def notes_column(title: str):
    """Notes are long (other sources, conflicts): the widest column, the rest on hover."""
    return st.column_config.TextColumn(title, width="large")


def worded(table: pd.DataFrame, language: str | None = None) -> pd.DataFrame:
    """Level, relation, year basis and source kind in the interface's language (or
    `language`) instead of their codes, and the status in words with what is known of it
    ("ended 2025", "active, seen 2024")."""
    language = language or lang()
    prefixes = {"level": "level", "relation": "relation", "year_basis": "basis",
                "source_kind": "kind"}
    words = {}
    for column, prefix in prefixes.items():
        if column in table:
            codes = table[column].dropna().unique()
            words[column] = table[column].map({code: word(f"{prefix}_{code}", language)
                                               for code in codes if code})
    if "status" in table:
        words["status"] = status_labels(table, language)
    return table.assign(**words)
