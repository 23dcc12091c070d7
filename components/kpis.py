"""The KPI row that follows the filters."""

from __future__ import annotations

import streamlit as st

from sistercities.view import Kpis

from .ui_text import tr


def show(figures: Kpis) -> None:
    # One flex row rather than st.columns: the same look in one block instead of six.
    labels = [tr(k) for k in ("kpi_pairs", "kpi_provinces", "kpi_states", "kpi_cn_cities",
                              "kpi_us_cities")]
    values = (figures.pairs, figures.provinces, figures.states, figures.chinese_cities,
              figures.us_cities)
    with st.container(horizontal=True, gap="medium"):
        for label, value in zip(labels, values):
            st.metric(label, f"{value:,}", width="stretch")
