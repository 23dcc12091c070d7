"""The timeline chart as a Vega-Lite spec, the same for the screen and for exported images.

Written as a plain dict rather than with Altair: building Altair's objects cost ~20 ms on
every rerun of a page (`make bench`), more than the rest of the chart put together.
"""

from __future__ import annotations

import math

import pandas as pd

from .i18n import t
from .timeline import per_year

# Not the map's level colours (blue city, orange province–state), so no one reads the bars
# as city pairs or the line as provinces; the line is Okabe–Ito's reddish purple.
SELECTED, OTHER, TOTAL = "#3F4E5E", "#CDD5DD", "#CC79A7"
MILESTONE = "#555555"
# Presenter mode's dark page: light selected bars, dim others (and milestones), large labels.
PROJECTOR_COLOURS = ("#E3E9EF", "#34445C", "#9AA8BC")
PROJECTOR_CONFIG = {
    "background": "#0B1526", "view": {"stroke": None},
    "axis": {"labelColor": "#F5F7FA", "titleColor": "#F5F7FA", "gridColor": "#24344D",
             "domainColor": "#6B7C99", "tickColor": "#6B7C99", "labelFontSize": 15,
             "titleFontSize": 15},
    "title": {"color": "#C9D1DC"},
}
VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"


def year_ticks(bounds: tuple[int, int]) -> list[int]:
    """Every fifth year and both bounds; a fifth year next to a bound would overlap its label."""
    low, high = bounds
    fifths = [y for y in range(low, high + 1) if y % 5 == 0 and min(y - low, high - y) > 2]
    return sorted({low, high, *fifths})


def _tip(field: str, kind: str, title: str) -> dict:
    return {"field": field, "type": kind, "title": title}


def timeline_chart(pairs: pd.DataFrame, bounds: tuple[int, int], selected: tuple[int, int],
                   events: pd.DataFrame | None = None, height: int = 220,
                   lang: str = "en", projector: bool = False, hover_note: bool = False) -> dict:
    """Pairs signed per year (bars, the selected range in colour), the cumulative total
    (line, right axis) and sourced milestones (dashed rules with their titles on hover);
    `projector` for presenter mode's dark page; `hover_note` says, under the chart, how to
    read a milestone (on screen; an exported image cannot be hovered)."""
    chosen, others, milestone = PROJECTOR_COLOURS if projector else (SELECTED, OTHER, MILESTONE)
    counts = per_year(pairs, bounds)
    rows = [{"year": y, "signed": s, "total": n}
            for y, s, n in zip(*(counts[c].tolist() for c in ("year", "signed", "total")))]
    start, end = (int(y) for y in selected)
    # A little room above the tallest bar and the line's end, which touched the frame.
    headroom = {column: max(1, math.ceil(int(counts[column].max() if len(counts) else 0) * 1.15))
                for column in ("signed", "total")}
    x = {"field": "year", "type": "ordinal", "title": None,
         "axis": {"labelAngle": 0, "values": year_ticks(bounds)}}
    bars = {
        "mark": {"type": "bar"},
        "encoding": {
            "x": x,
            "y": {"field": "signed", "type": "quantitative", "title": t("chart_signed", lang),
                  "axis": {"tickMinStep": 1}, "scale": {"domainMax": headroom["signed"]}},
            "color": {"condition": {"test": f"datum.year >= {start} && datum.year <= {end}",
                                    "value": chosen}, "value": others},
            "tooltip": [_tip("year", "ordinal", t("year", lang)),
                        _tip("signed", "quantitative", t("chart_tip_signed", lang)),
                        _tip("total", "quantitative", t("chart_tip_total", lang))],
        },
    }
    line = {
        "mark": {"type": "line", "color": TOTAL, "strokeWidth": 2},
        "encoding": {
            "x": x,
            "y": {"field": "total", "type": "quantitative", "title": t("chart_total", lang),
                  "axis": {"titleColor": TOTAL, "tickMinStep": 1},
                  "scale": {"domainMax": headroom["total"]}},
        },
    }
    layers = [bars, line]
    if events is not None and len(events):
        titles: dict[int, list[str]] = {}
        for year, title in zip(events["year"].tolist(), events["title"].tolist()):
            if bounds[0] <= year <= bounds[1]:
                titles.setdefault(int(year), []).append(title)
        milestones = [{"year": year, "milestone": " · ".join(titles[year])}
                      for year in sorted(titles)]
        layers.append({
            "data": {"values": milestones},
            "mark": {"type": "rule", "strokeDash": [4, 3], "color": milestone},
            "encoding": {"x": {"field": "year", "type": "ordinal"},
                         "tooltip": [_tip("year", "ordinal", t("year", lang)),
                                     _tip("milestone", "nominal", t("chart_milestone", lang))]},
        })
    spec = {"$schema": VEGA_LITE_SCHEMA, "data": {"values": rows}, "layer": layers,
            "resolve": {"scale": {"y": "independent"}}, "height": height}
    if hover_note and len(layers) > 2:
        # The chart's own title, not a Streamlit caption: no element per rerun.
        spec["title"] = {"text": t("milestones_note", lang), "orient": "bottom", "anchor": "start",
                         "fontSize": 15 if projector else 12, "fontWeight": "normal",
                         "color": PROJECTOR_CONFIG["title"]["color"] if projector else MILESTONE}
    if projector:
        spec["config"] = PROJECTOR_CONFIG
    return spec
