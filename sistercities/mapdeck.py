"""The arc map as deck.gl JSON for st.pydeck_chart: offline basemap, arcs, places."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pydeck as pdk

from .geometry import (
    ARC_TILT,
    PACIFIC_SHIFT,
    arc_bends,
    arc_curves,
    inverse_mercator_y,
    mercator_y,
    wrap_lon,
)
from .i18n import place_names, t, t_count, template
from .view import status_label

# Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
LEVEL_COLOURS = {
    "province-state": (213, 94, 0),
    "city": (0, 114, 178),
    "mixed": (0, 158, 115),
}
ENDED_COLOUR = (140, 140, 140)
# Translucent arcs keep crowded corridors (California, Jiangsu) readable where they overlap.
ARC_ALPHA = 150
ARC_WIDTH = 1.5
# Arcs a search does not match: pale, so a few matches stand out of the crowded band. Not the
# grey of ended ties (a different meaning): the level's colour, nearly transparent.
FADED_ALPHA = 45
MATCH_WIDTH = 3.0
# A pair whose year no source gives: a hollow arc (its level's colour as a casing around a
# light core), drawn the same way on screen and in the exports.
UNDATED_WIDTH = 3.6
CORE = (250, 250, 247)
CORE_WIDTH = 1.4
# Screen only: every arc is drawn twice, dim underneath and lit on top. The lit copy shows
# only arcs with an end near the pointer (deck.gl's BrushingExtension, on the GPU), so
# pointing at a place lights its links and dims the rest; with the pointer off the map both
# copies show and add up to ARC_ALPHA: 1 - (1 - 0.29)(1 - 0.41) = 0.59.
DIM_SHARE, LIT_SHARE = 0.5, 0.7
LIT_EXTRA_WIDTH = 1.0
# The China end is fainter than the US end, so an arc's direction reads at a glance.
SOURCE_SHARE = 0.55
# Places: a pointer this near a place (pixels at the fitted zoom) counts as pointing at it:
# its links light up, and a click opens its page, not a neighbouring arc's.
HIT_PX = 11
OCEAN = (214, 226, 236)
LAND = (244, 241, 234)
BORDER = (170, 164, 152)
BASEMAP_URL = "/app/static/basemap/{}"
ARC_LAYER, PLACE_LAYER = "arcs", "places"
CHINA_DOT, US_DOT = (255, 255, 255), (40, 40, 40)
# No world copies (MapView repeat): on a projector-wide canvas they drew the arcs twice east of
# 180°. Without them, data is drawn only where it lies, and deck.gl wraps a camera panned past
# ±180° to the other side. So the map draws the Pacific frame moved half a world west: the
# antimeridian at 0°, China near -75°, the US near +80°; the camera stays far from ±180°.
DECK_LON_SHIFT = -180.0
# The basemap (real longitudes) drawn twice, as the data is: Asia moved DECK_LON_SHIFT, the
# Americas (one world east in the Pacific frame) moved that and a world.
BASEMAP_COPIES = {"east": PACIFIC_SHIFT + DECK_LON_SHIFT, "west": DECK_LON_SHIFT}
# Zoomed out no further than this (or half a step below the fitted camera, on a phone's
# narrow map): even a projector's map stays inside those two worlds.
MIN_ZOOM = 1.0


def _moved(lon: float) -> list[float]:
    """A model matrix that moves a layer `lon` degrees east."""
    return [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, lon, 0, 0, 1]
TOOLTIP = {
    "html": "<b>{tip_title}</b><br/>{tip_detail}<br/><span style='opacity:.75'>{tip_extra}</span>",
    "style": {"fontFamily": "sans-serif", "fontSize": "14px", "maxWidth": "360px"},
}


def year_label(year, lang: str = "en") -> str:
    return t("tip_year_unknown", lang) if pd.isna(year) else t("tip_signed", lang, year=int(year))


def _named(place: str, admin: str) -> str:
    """A place with its province or state, once when the place is the province or state."""
    return place if place == admin else f"{place} ({admin})"


def _rounded_points(view: pd.DataFrame, lon: str, lat: str, digits: int = 4) -> list[list[float]]:
    points = np.column_stack((view[lon].to_numpy(dtype=float) + DECK_LON_SHIFT,
                              view[lat].to_numpy(dtype=float)))
    return points.round(digits).tolist()


def arc_style(level: str, ended: bool, undated: bool = False, hit: bool = True,
              searching: bool = False) -> tuple[list[int], float]:
    """An arc's colour (RGBA) and width, on screen and in the exports: its level's colour,
    grey once ended, hollow and wider when its year is unknown, wide when a search matches
    it and pale when a search leaves it out."""
    rgb = ENDED_COLOUR if ended else LEVEL_COLOURS[level]
    width = UNDATED_WIDTH if undated else ARC_WIDTH
    if not searching:
        return [*rgb, ARC_ALPHA], width
    if hit:
        return [*rgb, ARC_ALPHA], max(width, MATCH_WIDTH)
    return [*rgb, FADED_ALPHA], width


def _bends(view: pd.DataFrame) -> list[float]:
    return (view["bend"] if "bend" in view else pd.Series(arc_bends(view), index=view.index)).tolist()


def _undated(view: pd.DataFrame) -> list[bool]:
    return view["year"].isna().tolist() if "year" in view else [False] * len(view)


def arc_rows(view: pd.DataFrame, lang: str = "en") -> list[dict]:
    """Only what the browser needs per arc: ends, bend, colour, width and the tooltip's text.

    A `match` column (search) keeps matching arcs bright, wide and on top, and fades the others.
    Built from column lists with each distinct label worded once: this runs on every rerun."""
    match = view["match"].tolist() if "match" in view else [True] * len(view)
    searching = not all(match)
    cn, us = place_names(view, lang)
    province = view["province_zh"] if lang == "zh" else view["province"]
    state = view["state_zh"] if lang == "zh" and "state_zh" in view else view["state"]
    km_text = template("tip_km", lang)
    details: dict[tuple, str] = {}
    rows = []
    for (source, target, bend, undated, level, relation, year, ended, status, status_year, km,
         province_en, state_en, province_shown, state_shown, cn_name, us_name, hit) in zip(
            _rounded_points(view, "source_lon", "source_lat"),
            _rounded_points(view, "target_lon", "target_lat"), _bends(view), _undated(view),
            *(view[c].tolist() for c in ("level", "relation", "year", "ended", "status",
                                         "status_year", "distance_km", "province", "state")),
            province.tolist(), state.tolist(), cn.tolist(), us.tolist(), match):
        if (relation, level, year) not in details:
            details[relation, level, year] = (f"{t(f'relation_{relation}', lang)} · "
                                              f"{t(f'level_{level}', lang)} · "
                                              f"{year_label(year, lang)}")
        detail = details[relation, level, year]
        if ended or status == "downgraded":
            detail += f" · {status_label(status, status_year, lang=lang)}"
        colour, width = arc_style(level, ended, undated, hit, searching)
        rows.append({
            "s": source, "t": target, "h": bend, "c": colour, "w": width, "u": int(undated),
            "province": province_en, "state": state_en,
            "tip_title": f"{_named(cn_name, province_shown)} – {_named(us_name, state_shown)}",
            "tip_detail": detail,
            "tip_extra": km_text.format(km=km),
        })
    if searching:  # matches drawn last, on top of the faded arcs
        rows = [row for row, hit in zip(rows, match) if not hit] + [
            row for row, hit in zip(rows, match) if hit]
    return rows


def place_rows(view: pd.DataFrame, lang: str = "en") -> list[dict]:
    """One point per place, with how many of the pairs in view it belongs to."""
    places: dict[tuple, dict] = {}
    chinese = lang == "zh"
    for province, province_zh, place, place_zh, position in zip(
            *(view[c].tolist() for c in ("province", "province_zh", "place_cn", "place_cn_zh")),
            _rounded_points(view, "source_lon", "source_lat")):
        place_shown = place_zh if chinese and place_zh else place
        admin_shown = province_zh if chinese and province_zh else province
        _count(places, ("CN", province, place), position, place_shown, admin_shown)
    _, us_names = place_names(view, lang)
    states = view["state_zh"] if chinese and "state_zh" in view else view["state"]
    for state, state_shown, place, place_shown, position in zip(
            view["state"].tolist(), states.tolist(), view["place_us"].tolist(),
            us_names.tolist(), _rounded_points(view, "target_lon", "target_lat")):
        _count(places, ("US", state, place), position, place_shown, state_shown)
    # Worded once per distinct count and per province/state: most places share them.
    counts = {n: t_count("tip_pairs", lang, n) for n in {found["pairs"] for found in places.values()}}
    opens = {a: t("tip_open", lang, admin=a) for a in {found["admin"] for found in places.values()}}
    rows = []
    for (country, admin, place), found in places.items():
        shown_place, shown_admin, pairs = found["place"], found["admin"], found["pairs"]
        rows.append({
            "country": country, "admin": admin, "place": place, "position": found["position"],
            "pairs": pairs,
            "tip_title": _named(shown_place, shown_admin),
            "tip_detail": counts[pairs],
            "tip_extra": opens[shown_admin],
        })
    return rows


def _count(places: dict, key: tuple, position: list[float], shown_place: str,
           shown_admin: str) -> None:
    if key in places:
        places[key]["pairs"] += 1
    else:
        places[key] = {"position": position, "pairs": 1, "place": shown_place,
                       "admin": shown_admin}


# Above this many pairs in view, one arc per pair stops being readable and costs megabytes
# per rerun: arcs are bundled, one per province–state couple, and the map says so.
BUNDLE_ABOVE = 5000


def is_bundled(view: pd.DataFrame) -> bool:
    return len(view) > BUNDLE_ABOVE


def bundle(view: pd.DataFrame) -> pd.DataFrame:
    """One row per province–state couple: mean end points, pair count and commonest level."""
    keys = ["province", "state"]
    bundled = view.groupby(keys, as_index=False, sort=False).agg(
        source_lon=("source_lon", "mean"), source_lat=("source_lat", "mean"),
        target_lon=("target_lon", "mean"), target_lat=("target_lat", "mean"),
        pairs=("pair_id", "size"), province_zh=("province_zh", "first"), ended=("ended", "all"))
    # The commonest level of each couple, counted in one vectorised pass.
    levels = view.groupby([*keys, "level"], sort=False).size().reset_index(name="n")
    commonest = levels.sort_values("n", ascending=False).drop_duplicates(keys)
    return bundled.merge(commonest[[*keys, "level"]], on=keys, how="left")


def bundle_count(view: pd.DataFrame) -> int:
    """How many arcs the bundled map draws, without building them."""
    return view.groupby(["province", "state"]).ngroups


def bundled_arc_rows(view: pd.DataFrame, lang: str = "en") -> list[dict]:
    bundled = bundle(view)
    province = bundled["province_zh"] if lang == "zh" else bundled["province"]
    styles = [arc_style(level, ended) for level, ended in zip(bundled["level"], bundled["ended"])]
    return pd.DataFrame({
        "s": _rounded_points(bundled, "source_lon", "source_lat", 3),
        "t": _rounded_points(bundled, "target_lon", "target_lat", 3),
        "h": arc_bends(bundled),
        "c": [colour for colour, _ in styles],
        "w": [round(1 + 1.5 * math.log2(n), 2) for n in bundled["pairs"]],
        "u": 0,
        "province": bundled["province"],
        "state": bundled["state"],
        "tip_title": province + " – " + bundled["state"],
        "tip_detail": [t("tip_bundled", lang, n=n) for n in bundled["pairs"]],
        "tip_extra": "",
    }).to_dict("records")


def bundled_place_rows(view: pd.DataFrame, lang: str = "en") -> list[dict]:
    """One point per province and per state (the mean of its places in view)."""
    rows = []
    for country, admin, lon, lat, zh in (("CN", "province", "source_lon", "source_lat", "province_zh"),
                                         ("US", "state", "target_lon", "target_lat", "state")):
        grouped = view.groupby(admin, as_index=False).agg(lon=(lon, "mean"), lat=(lat, "mean"),
                                                          pairs=("pair_id", "size"), zh=(zh, "first"))
        shown = grouped["zh"] if lang == "zh" else grouped[admin]
        rows.append(pd.DataFrame({
            "country": country, "admin": grouped[admin], "place": grouped[admin],
            "position": _rounded_points(grouped, "lon", "lat", 3),
            "pairs": grouped["pairs"], "tip_title": shown,
            "tip_detail": [t_count("tip_pairs", lang, n) for n in grouped["pairs"]],
            "tip_extra": [t("tip_open", lang, admin=a) for a in shown],
        }))
    return pd.concat(rows, ignore_index=True).to_dict("records")


def fit_view(lons, lats, width: int = 1100, height: int = 560,
             padding: float = 0.04, margin_px: float = 14) -> pdk.ViewState:
    """Centre and zoom that fit every point (lons in the Pacific frame) into the map, with a
    small margin: enough for the place dots at the edges, no empty band around the data."""
    lons, lats = np.asarray(lons, dtype=float), np.asarray(lats, dtype=float)
    if not lons.size:
        return pdk.ViewState(longitude=-170, latitude=35, zoom=1.2)

    west, east = float(np.nanmin(lons)), float(np.nanmax(lons))
    top, bottom = float(mercator_y(np.nanmax(lats))), float(mercator_y(np.nanmin(lats)))
    x_span = max(east - west, 2.0) / 360.0
    y_span = max(top - bottom, 0.04) / (2 * math.pi)
    usable_w = max(width * (1 - 2 * padding) - 2 * margin_px, 40)
    usable_h = max(height * (1 - 2 * padding) - 2 * margin_px, 40)
    zoom = math.log2(min(usable_w / (512 * x_span), usable_h / (512 * y_span)))
    centre_lat = float(inverse_mercator_y((top + bottom) / 2))
    centre_lon = wrap_lon((east + west) / 2)
    return pdk.ViewState(longitude=round(centre_lon, 3), latitude=round(centre_lat, 3),
                         zoom=round(max(min(zoom, 9.0), -1.0), 2), pitch=0, bearing=0)


def _layer(kind: str, layer_id: str, **props) -> dict:
    """One layer in deck.gl's JSON: props in camelCase, accessors written "@@=field"."""
    return {"@@type": kind, "id": layer_id, **props}


def basemap_layers() -> list[dict]:
    # Sea well past the land's two worlds, so a map panned far shows sea, not the page.
    ocean = _layer("PolygonLayer", "ocean", data=[{"polygon": [[-720, -89], [720, -89],
                   [720, 89], [-720, 89]]}], getPolygon="@@=polygon", getFillColor=list(OCEAN),
                   stroked=False, pickable=False)
    # Country outlines are not stroked: their rings cut at ±180° would draw stray lines.
    land = _layer("GeoJsonLayer", "countries", data=BASEMAP_URL.format("countries.geojson"),
                  filled=True, stroked=False, getFillColor=list(LAND), pickable=False)
    # Border segments drawn by the arcs' own layer type, flat and two-segment (one draws
    # nothing), not as GeoJSON paths or a LineLayer: in software WebGL each layer type costs
    # its shader's compilation on the first draw; `make bench` timed the first load about 1 s
    # faster than with a LineLayer (which was 2.3 s faster than paths).
    borders = _layer("ArcLayer", "borders", data=BASEMAP_URL.format("borders.json"),
                     getSourcePosition="@@=s", getTargetPosition="@@=t",
                     getSourceColor=[*BORDER, 150], getTargetColor=[*BORDER, 150], getHeight=0,
                     numSegments=2, getWidth=0.6, widthMinPixels=0.4, pickable=False)
    return [ocean, *({**layer, "id": f"{layer['id']}-{side}", "modelMatrix": _moved(lon)}
                     for layer in (land, borders) for side, lon in BASEMAP_COPIES.items())]


def curve_points(pairs: pd.DataFrame, samples: int = 17) -> tuple[np.ndarray, np.ndarray]:
    """Points along every arc of these pairs (ends and bows), as the map draws them."""
    if pairs.empty:
        return np.zeros(0), np.zeros(0)
    lons, lats = arc_curves(pairs["source_lon"], pairs["source_lat"], pairs["target_lon"],
                            pairs["target_lat"], _bends(pairs), samples)
    return lons.ravel(), lats.ravel()


def fit_pairs(pairs: pd.DataFrame, height: int = 560, width: int = 1100) -> pdk.ViewState:
    """The camera that shows every arc of these pairs, ends and bows, in a map of this size."""
    return fit_view(*curve_points(pairs), width=width, height=height)


def metres_per_pixel(latitude: float, zoom: float) -> float:
    return 40_075_016.7 * math.cos(math.radians(latitude)) / (512 * 2 ** zoom)


class DeckJson:
    """What st.pydeck_chart draws, written as deck.gl's JSON directly.

    A pydeck.Deck cost ~2 ms on every rerun before any data (its constructor retries a
    failing Jupyter import five times) and serialises through a Python callback per object;
    plain dicts go through json's C encoder. st.pydeck_chart reads to_json() and, for the
    tooltip, the attribute pydeck keeps it in (`_tooltip`)."""

    def __init__(self, spec: dict, tooltip: dict) -> None:
        self.spec = spec
        self._tooltip = tooltip

    def to_json(self) -> str:
        return json.dumps(self.spec, separators=(",", ":"), ensure_ascii=False)


class SerialisedDeck(DeckJson):
    """A deck already written as JSON: one view's map, written once and shown to every
    session that shows that view."""

    def __init__(self, text: str, tooltip: dict) -> None:
        super().__init__({}, tooltip)
        self.text = text

    def to_json(self) -> str:
        return self.text


def _arc_layer(layer_id: str, data: list[dict], alpha_share: float, extra_width: float = 0.0,
               colour: str = "c", **props) -> dict:
    """An ArcLayer of arc rows: laid flat and bowed by each row's bend (geometry.arc_curves),
    its China end fainter than its US end."""
    alpha = f"{colour}[3] * {alpha_share}"
    return _layer("ArcLayer", layer_id, data=data, getSourcePosition="@@=s",
                  getTargetPosition="@@=t", getHeight="@@=h", getTilt=ARC_TILT,
                  getSourceColor=f"@@=[{colour}[0], {colour}[1], {colour}[2], "
                                 f"{alpha} * {SOURCE_SHARE}]",
                  getTargetColor=f"@@=[{colour}[0], {colour}[1], {colour}[2], {alpha}]",
                  getWidth=f"@@=w + {extra_width}" if extra_width else "@@=w",
                  widthMinPixels=1, **props)


def _lit(radius_m: float) -> dict:
    return {"extensions": [{"@@type": "BrushingExtension"}], "brushingTarget": "source_target",
            "brushingRadius": round(radius_m), "pickable": False}


def arc_layers(arcs: list[dict], brush_m: float | None) -> list[dict]:
    """Arcs dim underneath and lit on top (with the pointer near one of their ends, or off
    the map); hollow arcs (year unknown) get their light core in each. Without brushing
    (touch screens, exports of the deck) one layer of each at full strength."""
    cores = [{"s": a["s"], "t": a["t"], "h": a["h"], "c": [*CORE, a["c"][3]],
              "w": CORE_WIDTH} for a in arcs if a["u"]]
    if brush_m is None:
        layers = [_arc_layer(ARC_LAYER, arcs, 1.0, pickable=True, autoHighlight=True,
                             highlightColor=[255, 200, 0, 255])]
        return layers + ([_arc_layer("arc-cores", cores, 1.0)] if cores else [])
    lit = [{key: a[key] for key in ("s", "t", "h", "c", "w")} for a in arcs]
    layers = [_arc_layer(ARC_LAYER, arcs, DIM_SHARE, pickable=True, autoHighlight=True,
                         highlightColor=[255, 200, 0, 255])]
    if cores:
        layers.append(_arc_layer("arc-cores", cores, DIM_SHARE))
    layers.append(_arc_layer("arcs-lit", lit, LIT_SHARE, LIT_EXTRA_WIDTH, **_lit(brush_m)))
    if cores:
        layers.append(_arc_layer("arc-cores-lit", cores, LIT_SHARE, **_lit(brush_m)))
    return layers


def place_layers(places: list[dict]) -> list[dict]:
    """Dots (hollow for Chinese places, solid for US ones), and over them a wider, invisible
    disc per place that takes the pointer (deck.gl picks it all the same) and shows a halo
    on hover: a near miss still hits the place."""
    dots = _layer("ScatterplotLayer", "place-dots", data=[
        {"p": place["position"], "cn": int(place["country"] == "CN")} for place in places],
        getPosition="@@=p", radiusUnits="pixels", getRadius=3.5,
        getFillColor=f"@@=cn ? {list(CHINA_DOT)} : {list(US_DOT)}",
        getLineColor=f"@@=cn ? {list(US_DOT)} : {list(CHINA_DOT)}", stroked=True,
        lineWidthUnits="pixels", getLineWidth=1.2, pickable=False)
    hits = _layer("ScatterplotLayer", PLACE_LAYER, data=places, getPosition="@@=position",
                  radiusUnits="pixels", getRadius=HIT_PX, getFillColor=[0, 0, 0, 0],
                  pickable=True, autoHighlight=True, highlightColor=[255, 190, 0, 110])
    return [dots, hits]


def build_deck(view: pd.DataFrame, view_state: pdk.ViewState | None = None,
               height: int = 560, lang: str = "en", scroll_zoom: bool = True,
               brushing: bool = True) -> DeckJson:
    """The map of the pairs in view. Pass the camera fitted to the page's whole scope so it
    stays put while the year filter or playback changes the arcs. `brushing`: light a
    place's links when the pointer is near it (off on touch screens, which have no hover)."""
    if is_bundled(view):
        arcs, places = bundled_arc_rows(view, lang), bundled_place_rows(view, lang)
    else:
        arcs, places = arc_rows(view, lang), place_rows(view, lang)
    if view_state is None:
        view_state = fit_pairs(view, height)
    zoom = view_state.zoom
    brush_m = HIT_PX * metres_per_pixel(view_state.latitude, zoom) if brushing else None
    camera = {"longitude": wrap_lon(view_state.longitude + DECK_LON_SHIFT),
              "latitude": view_state.latitude, "zoom": zoom,
              "minZoom": round(min(MIN_ZOOM, zoom - 0.5), 2), "pitch": 0, "bearing": 0}
    controller = {"scrollZoom": scroll_zoom}
    return DeckJson({
        "initialViewState": camera,
        "layers": [*basemap_layers(), *arc_layers(arcs, brush_m), *place_layers(places)],
        "views": [{"@@type": "MapView", "repeat": False, "controller": controller}],
        # pydeck's "no style chosen" value: with null, Streamlit's frontend would fetch Carto's
        # online basemap instead of drawing only our layers.
        "mapStyle": "__MAP_STYLE__",
    }, TOOLTIP)
