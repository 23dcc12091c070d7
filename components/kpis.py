"""The figures that follow the filters, in one compact row (a grid on phones)."""

from __future__ import annotations

import streamlit as st

from sistercities.view import Kpis

from .ui_text import tr


def show(figures: Kpis, years: str | None = None) -> None:
    """`years`, the window shown, leads the row when given (during playback and on a
    projector, where the slider's small labels are hard to read)."""
    labels = [tr(k) for k in ("kpi_pairs", "kpi_provinces", "kpi_states", "kpi_cn_cities",
                              "kpi_us_cities")]
    values = [f"{value:,}" for value in (figures.pairs, figures.provinces, figures.states,
                                         figures.chinese_cities, figures.us_cities)]
    if years:
        labels.insert(0, tr("kpi_years"))
        values.insert(0, years)
    # One flex row rather than st.columns: the same look in one block instead of six;
    # frame.py's CSS makes it a compact grid (three a row on a phone).
    with st.container(horizontal=True, gap="small", key="figures"):
        for label, value in zip(labels, values):
            st.metric(label, value, width="stretch")
