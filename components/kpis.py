"""The KPI row that follows the filters."""

from __future__ import annotations

import streamlit as st

from sistercities.view import Kpis


def show(figures: Kpis) -> None:
    columns = st.columns(5)
    labels = ("Pairs shown", "Provinces", "States", "Chinese cities", "US cities")
    values = (figures.pairs, figures.provinces, figures.states, figures.chinese_cities,
              figures.us_cities)
    for column, label, value in zip(columns, labels, values):
        column.metric(label, f"{value:,}")
