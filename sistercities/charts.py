"""The timeline chart as an Altair spec, the same for the screen and for exported images."""

from __future__ import annotations

import altair as alt
import pandas as pd

from .i18n import t
from .timeline import per_year

SELECTED, OTHER, TOTAL = "#0072B2", "#C9D3DD", "#D55E00"


def year_ticks(bounds: tuple[int, int]) -> list[int]:
    """Every fifth year and both bounds; a fifth year next to a bound would overlap its label."""
    low, high = bounds
    fifths = [y for y in range(low, high + 1) if y % 5 == 0 and min(y - low, high - y) > 2]
    return sorted({low, high, *fifths})


def timeline_chart(pairs: pd.DataFrame, bounds: tuple[int, int], selected: tuple[int, int],
                   events: pd.DataFrame | None = None, height: int = 220,
                   lang: str = "en") -> alt.LayerChart:
    """Pairs signed per year (bars, the selected range in colour), the cumulative total
    (line, right axis) and sourced milestones (dashed rules with their titles on hover)."""
    frame = per_year(pairs, bounds)
    frame["in range"] = frame["year"].between(*selected)
    x = alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0, values=year_ticks(bounds)))
    bars = alt.Chart(frame).mark_bar().encode(
        x=x,
        y=alt.Y("signed:Q", title=t("chart_signed", lang), axis=alt.Axis(tickMinStep=1)),
        color=alt.condition("datum['in range']", alt.value(SELECTED), alt.value(OTHER)),
        tooltip=[alt.Tooltip("year:O", title=t("year", lang)),
                 alt.Tooltip("signed:Q", title=t("chart_tip_signed", lang)),
                 alt.Tooltip("total:Q", title=t("chart_tip_total", lang))],
    )
    line = alt.Chart(frame).mark_line(color=TOTAL, strokeWidth=2).encode(
        x=x, y=alt.Y("total:Q", title=t("chart_total", lang), axis=alt.Axis(titleColor=TOTAL, tickMinStep=1)))
    layers = [bars, line]
    if events is not None and len(events):
        marks = events[events["year"].between(*bounds)].groupby("year", as_index=False).agg(
            milestone=("title", " · ".join))
        layers.append(alt.Chart(marks).mark_rule(strokeDash=[4, 3], color="#555").encode(
            x="year:O", tooltip=[alt.Tooltip("year:O", title=t("year", lang)),
                                 alt.Tooltip("milestone:N", title=t("chart_milestone", lang))]))
    return alt.layer(*layers).resolve_scale(y="independent").properties(height=height)
