"""The arc map as a pydeck Deck: offline basemap, arcs across the Pacific, places."""

from __future__ import annotations

import json
import math

import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from .geometry import inverse_mercator_y, mercator_y, wrap_lon
from .i18n import place_names, t

# Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
LEVEL_COLOURS = {
    "province-state": (213, 94, 0),
    "city": (0, 114, 178),
    "mixed": (0, 158, 115),
}
ENDED_COLOUR = (140, 140, 140)
# Translucent arcs keep crowded corridors (California, Jiangsu) readable where they overlap.
ARC_ALPHA = 150
FADED_ALPHA = 35
OCEAN = (214, 226, 236)
LAND = (244, 241, 234)
BORDER = (170, 164, 152)
BASEMAP_URL = "/app/static/basemap/{}"
ARC_LAYER, PLACE_LAYER = "arcs", "places"
TOOLTIP = {
    "html": "<b>{tip_title}</b><br/>{tip_detail}<br/><span style='opacity:.75'>{tip_extra}</span>",
    "style": {"fontFamily": "sans-serif", "fontSize": "13px", "maxWidth": "360px"},
}


def year_label(year, lang: str = "en") -> str:
    return t("tip_year_unknown", lang) if pd.isna(year) else t("tip_signed", lang, year=int(year))


def _point(lon: float, lat: float, digits: int = 4) -> list[float]:
    return [round(lon, digits), round(lat, digits)]


def arc_rows(view: pd.DataFrame, lang: str = "en") -> list[dict]:
    """Only what the browser needs per arc: positions, colour, width and the tooltip's text.

    A `match` column (search) keeps matching arcs bright and wide and fades the others.
    Records are built from column lists: pandas' to_dict on Arrow-backed columns took five
    times as long."""
    match = view["match"].tolist() if "match" in view else [True] * len(view)
    highlight = not all(match)
    cn, us = place_names(view, lang)
    province = view["province_zh"] if lang == "zh" else view["province"]
    rows = []
    for (slon, slat, tlon, tlat, level, relation, year, ended, status, status_year, km,
         province_en, province_shown, state, cn_name, us_name, hit) in zip(
            *(view[c].tolist() for c in ("source_lon", "source_lat", "target_lon", "target_lat",
                                         "level", "relation", "year", "ended", "status",
                                         "status_year", "distance_km", "province")),
            province.tolist(), view["state"].tolist(), cn.tolist(), us.tolist(), match):
        ending = ""
        if ended:
            since = "" if pd.isna(status_year) else int(status_year)
            ending = f" · {t(f'status_{status}', lang)} {since}".rstrip()
        rows.append({
            "source": _point(slon, slat), "target": _point(tlon, tlat),
            "colour": [*(ENDED_COLOUR if ended else LEVEL_COLOURS[level]),
                       ARC_ALPHA if hit else FADED_ALPHA],
            "width": 3.0 if hit and highlight else 1.5,
            "province": province_en, "state": state,
            "tip_title": f"{cn_name} ({province_shown}) – {us_name} ({state})",
            "tip_detail": f"{t(f'relation_{relation}', lang)} · {t(f'level_{level}', lang)} · "
                          f"{year_label(year, lang)}{ending}",
            "tip_extra": t("tip_km", lang, km=km),
        })
    return rows


def place_rows(view: pd.DataFrame, lang: str = "en") -> list[dict]:
    """One point per place, with how many of the pairs in view it belongs to."""
    places: dict[tuple, dict] = {}
    chinese = lang == "zh"
    for province, province_zh, place, place_zh, lon, lat in zip(
            *(view[c].tolist() for c in ("province", "province_zh", "place_cn", "place_cn_zh",
                                         "source_lon", "source_lat"))):
        place_shown = place_zh if chinese and place_zh else place
        admin_shown = province_zh if chinese and province_zh else province
        _count(places, ("CN", province, place), lon, lat, place_shown, admin_shown)
    for state, place, lon, lat in zip(*(view[c].tolist() for c in ("state", "place_us",
                                                                     "target_lon", "target_lat"))):
        _count(places, ("US", state, place), lon, lat, place, state)
    rows = []
    for (country, admin, place), found in places.items():
        shown_place, shown_admin, pairs = found["place"], found["admin"], found["pairs"]
        rows.append({
            "country": country, "admin": admin, "place": place, "position": found["position"],
            "pairs": pairs,
            "tip_title": shown_place if shown_place == shown_admin else f"{shown_place} ({shown_admin})",
            "tip_detail": t("tip_pairs", lang, n=pairs),
            "tip_extra": t("tip_open", lang, admin=shown_admin),
        })
    return rows


def _count(places: dict, key: tuple, lon: float, lat: float, shown_place: str,
           shown_admin: str) -> None:
    if key in places:
        places[key]["pairs"] += 1
    else:
        places[key] = {"position": _point(lon, lat), "pairs": 1, "place": shown_place,
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


def bundled_arc_rows(view: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    bundled = bundle(view)
    province = bundled["province_zh"] if lang == "zh" else bundled["province"]
    return pd.DataFrame({
        "source": [[round(x, 3), round(y, 3)] for x, y in zip(bundled["source_lon"], bundled["source_lat"])],
        "target": [[round(x, 3), round(y, 3)] for x, y in zip(bundled["target_lon"], bundled["target_lat"])],
        "colour": [list(ENDED_COLOUR if ended else LEVEL_COLOURS[level]) + [ARC_ALPHA]
                   for level, ended in zip(bundled["level"], bundled["ended"])],
        "width": [round(1 + 1.5 * math.log2(n), 2) for n in bundled["pairs"]],
        "province": bundled["province"],
        "state": bundled["state"],
        "tip_title": province + " – " + bundled["state"],
        "tip_detail": [t("tip_bundled", lang, n=n) for n in bundled["pairs"]],
        "tip_extra": "",
    })


def bundled_place_rows(view: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """One point per province and per state (the mean of its places in view)."""
    rows = []
    for country, admin, lon, lat, zh in (("CN", "province", "source_lon", "source_lat", "province_zh"),
                                         ("US", "state", "target_lon", "target_lat", "state")):
        grouped = view.groupby(admin, as_index=False).agg(lon=(lon, "mean"), lat=(lat, "mean"),
                                                          pairs=("pair_id", "size"), zh=(zh, "first"))
        shown = grouped["zh"] if lang == "zh" else grouped[admin]
        rows.append(pd.DataFrame({
            "country": country, "admin": grouped[admin], "place": grouped[admin],
            "position": [[round(x, 3), round(y, 3)] for x, y in zip(grouped["lon"], grouped["lat"])],
            "pairs": grouped["pairs"], "tip_title": shown,
            "tip_detail": [t("tip_pairs", lang, n=n) for n in grouped["pairs"]],
            "tip_extra": [t("tip_open", lang, admin=a) for a in shown],
        }))
    return pd.concat(rows, ignore_index=True)


def fit_view(lons: pd.Series, lats: pd.Series, width: int = 1100, height: int = 560,
             padding: float = 0.12) -> pdk.ViewState:
    """Centre and zoom that fit every point (lons in the Pacific frame) into the map."""
    if lons.empty:
        return pdk.ViewState(longitude=-170, latitude=35, zoom=1.2)

    top, bottom = float(mercator_y(lats.max())), float(mercator_y(lats.min()))
    x_span = max(float(lons.max() - lons.min()), 2.0) / 360.0
    y_span = max(top - bottom, 0.04) / (2 * math.pi)
    usable = 1 - 2 * padding
    zoom = math.log2(min(width * usable / (512 * x_span), height * usable / (512 * y_span)))
    centre_lat = float(inverse_mercator_y((top + bottom) / 2))
    centre_lon = wrap_lon((float(lons.max()) + float(lons.min())) / 2)
    return pdk.ViewState(longitude=round(centre_lon, 3), latitude=round(centre_lat, 3),
                         zoom=round(max(min(zoom, 9.0), 0.5), 2), pitch=0, bearing=0)


def basemap_layers() -> list[pdk.Layer]:
    ocean = pdk.Layer("PolygonLayer", id="ocean", data=[{"polygon": [[-180, -89], [180, -89],
                      [180, 89], [-180, 89]]}], get_polygon="polygon", get_fill_color=list(OCEAN),
                      stroked=False, pickable=False)
    # Country outlines are not stroked: their rings cut at ±180° would draw stray lines.
    land = pdk.Layer("GeoJsonLayer", id="countries", data=BASEMAP_URL.format("countries.geojson"),
                     filled=True, stroked=False, get_fill_color=list(LAND), pickable=False)
    # Straight segments (LineLayer), not GeoJSON paths: a path layer's shader and vertex count
    # made the first draw over 2 s slower in software WebGL.
    borders = pdk.Layer("LineLayer", id="borders", data=BASEMAP_URL.format("borders.json"),
                        get_source_position="s", get_target_position="t",
                        get_color=list(BORDER) + [150], get_width=0.6, width_min_pixels=0.4,
                        pickable=False)
    return [ocean, land, borders]


def fit_pairs(pairs: pd.DataFrame, height: int = 560) -> pdk.ViewState:
    """The camera that shows every end of these pairs."""
    return fit_view(pd.concat([pairs["source_lon"], pairs["target_lon"]]),
                    pd.concat([pairs["source_lat"], pairs["target_lat"]]), height=height)


class CompactDeck(pdk.Deck):
    """pydeck writes its JSON with indent=2: twice the bytes, and Python's slower encoder, on
    every rerun. The browser reads the same deck from compact JSON."""

    def to_json(self) -> str:
        return json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"))


def build_deck(view: pd.DataFrame, view_state: pdk.ViewState | None = None,
               height: int = 560, lang: str = "en") -> pdk.Deck:
    """The map of the pairs in view. Pass the camera fitted to the page's whole scope so it
    stays put while the year filter or playback changes the arcs."""
    if is_bundled(view):
        arcs, places = bundled_arc_rows(view, lang), bundled_place_rows(view, lang)
    else:
        arcs, places = arc_rows(view, lang), place_rows(view, lang)
    if view_state is None:
        view_state = fit_pairs(view, height)
    arc_layer = pdk.Layer("ArcLayer", id=ARC_LAYER, data=arcs, get_source_position="source",
                          get_target_position="target", get_source_color="colour",
                          get_target_color="colour", get_width="width", width_min_pixels=1,
                          get_height=0, pickable=True, auto_highlight=True,
                          highlight_color=[255, 200, 0, 255])
    place_layer = pdk.Layer("ScatterplotLayer", id=PLACE_LAYER, data=places,
                            get_position="position", get_radius=1, radius_min_pixels=3,
                            radius_max_pixels=3, get_fill_color=[40, 40, 40, 220],
                            get_line_color=[255, 255, 255], stroked=True,
                            line_width_min_pixels=1, pickable=True, auto_highlight=True)
    return CompactDeck(
        layers=[*basemap_layers(), arc_layer, place_layer],
        views=[pdk.View(type="MapView", controller=True, repeat=True)],
        initial_view_state=view_state,
        map_provider=None,
        tooltip=TOOLTIP,
        height=height,
    )
