"""The KPI row that follows the filters."""

from __future__ import annotations

import streamlit as st

from sistercities.view import Kpis

from .ui_text import tr


def show(figures: Kpis) -> None:
    columns = st.columns(5)
    labels = [tr(k) for k in ("kpi_pairs", "kpi_provinces", "kpi_states", "kpi_cn_cities",
                              "kpi_us_cities")]
    values = (figures.pairs, figures.provinces, figures.states, figures.chinese_cities,
              figures.us_cities)
    for column, label, value in zip(columns, labels, values):
        column.metric(label, f"{value:,}")
