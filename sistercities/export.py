"""The view as files: map and chart images (PNG, SVG), a timeline GIF, CSV and GeoJSON.

Images are drawn on the server with no browser and no network. The map is projected here, in
Python, to Web Mercator pixels of a Pacific-centred frame fitted like the screen's camera
(`mapdeck.fit_view`), with the arcs of `geometry.arc_curves` styled by `mapdeck.arc_style`;
Vega-Lite (vl-convert) then
only draws shapes and text already in pixel space, so PNG, SVG and the GIF's basemap agree.
"""

from __future__ import annotations

import io
import json
import math
from dataclasses import dataclass
from pathlib import Path

import altair as alt
import numpy as np
import pandas as pd
import shapely
import vl_convert as vlc
from PIL import Image, ImageDraw, ImageFont
from shapely.geometry import shape

from .charts import timeline_chart
from .coverage import dataset_version
from .geometry import PACIFIC_SHIFT, arc_curve, arc_curves, mercator_y, split_at_antimeridian
from .i18n import place_names, t
from .mapdeck import (
    ARC_ALPHA,
    BORDER,
    CHINA_DOT,
    CORE,
    CORE_WIDTH,
    ENDED_COLOUR,
    LAND,
    LEVEL_COLOURS,
    OCEAN,
    UNDATED_WIDTH,
    US_DOT,
    arc_style,
    curve_points,
    fit_view,
)
from .schema import FIRST_YEAR, PROVINCES
from .timeline import ended_by
from .view import in_reading_order

BASEMAP_DIR = Path(__file__).resolve().parent.parent / "static" / "basemap"
IMAGE_FORMATS = ("png", "svg")
SCALES = (1, 2, 4)
MAP_SIZE = (1200, 720)  # pixels at scale 1: a 5:3 slide-friendly frame
CHART_SIZE = (1200, 420)
FONT = "Noto Sans CJK SC"  # Latin and Chinese from one font, so measured widths match
FONT_FILES = {False: Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
              True: Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc")}
FONT_INDEX_SC = 2  # faces in Debian's Noto CJK collections: JP, KR, SC, TC, HK
INK, MUTED, WHITE = "#1F2933", "#5F6B7A", "#FFFFFF"
MUTED_RGB = (95, 107, 122)
ARC_NAME = "arcs"  # the SVG's arc group is class "<name>_marks": one <path> per arc
ARC_OPACITY = ARC_ALPHA / 255  # as on screen
ARC_SAMPLES = 33
# Text, in pixels of a 1200-wide image; everything scales with the image's width.
HEADER, FOOTER, MARGIN = 92, 34, 24
# The GIF: each year briefly, the last one long enough to read.
FRAME_MS, LAST_FRAME_MS = 350, 2500
SUPERSAMPLE = 2  # Pillow lines have no anti-aliasing: draw at 2x, then reduce


class ExportError(ValueError):
    """An export that cannot be made as asked; the message is for people."""


def _hex(colour: tuple[int, int, int]) -> str:
    return "#{:02X}{:02X}{:02X}".format(*colour)


def _font(size: float, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = FONT_FILES[bold]
    if path.exists():
        return ImageFont.truetype(str(path), max(1, round(size)), index=FONT_INDEX_SC)
    return ImageFont.load_default(size)  # no CJK font: Latin still measures and draws


def text_width(text: str, size: float, bold: bool = False) -> float:
    return float(_font(size, bold).getlength(text))


# ---------------------------------------------------------------------------------------------
# The frame: Web Mercator pixels, as deck.gl computes them (512-pixel world at zoom 0).

@dataclass(frozen=True)
class Frame:
    """Where a longitude/latitude lands in the image: the map box and its Mercator window."""
    centre_lon: float  # in the Pacific frame (US longitudes shifted +360)
    centre_lat: float
    zoom: float
    left: float
    top: float
    width: float
    height: float

    @property
    def world(self) -> float:
        return 512.0 * 2.0 ** self.zoom

    def project(self, lon, lat) -> tuple[np.ndarray, np.ndarray]:
        lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
        x = (lon - self.centre_lon) / 360.0 * self.world + self.left + self.width / 2
        dy = (mercator_y(lat) - mercator_y(self.centre_lat)) / (2 * np.pi) * self.world
        return x, self.top + self.height / 2 - dy

    def lon_range(self) -> tuple[float, float]:
        half = self.width / 2 / self.world * 360.0
        return self.centre_lon - half, self.centre_lon + half

    def scaled(self, factor: float) -> Frame:
        return Frame(self.centre_lon, self.centre_lat, self.zoom + math.log2(factor),
                     self.left * factor, self.top * factor, self.width * factor,
                     self.height * factor)


@dataclass(frozen=True)
class Layout:
    """The image's parts at one size: header (title, legend), map box, footer (caption)."""
    width: int
    height: int

    @property
    def unit(self) -> float:
        return self.width / MAP_SIZE[0]

    @property
    def map_top(self) -> float:
        return HEADER * self.unit

    @property
    def map_bottom(self) -> float:
        return self.height - FOOTER * self.unit


def fit_frame(view: pd.DataFrame, layout: Layout) -> Frame:
    """The screen's fit (same padding and zoom rule) for this image's map box."""
    lons, lats = curve_points(view)
    box_h = layout.map_bottom - layout.map_top
    state = fit_view(lons, lats, width=layout.width, height=round(box_h))
    centre = float(state.longitude)
    # fit_view answers within ±180 for deck.gl; the drawing frame keeps the US at lon > 180.
    middle = (float(lons.max()) + float(lons.min())) / 2 if lons.size else centre + PACIFIC_SHIFT
    centre += PACIFIC_SHIFT * round((middle - centre) / PACIFIC_SHIFT)
    return Frame(centre, float(state.latitude), float(state.zoom), 0.0, layout.map_top,
                 float(layout.width), box_h)


# ---------------------------------------------------------------------------------------------
# The basemap, projected and clipped to the frame (a few hundred KB of pixel coordinates).

def _read_basemap(name: str) -> np.ndarray:
    text = (BASEMAP_DIR / f"{name}.geojson").read_text(encoding="utf-8")
    return np.array([shape(f["geometry"]) for f in json.loads(text)["features"]])


def _project_geometries(geometries: np.ndarray, frame: Frame, outline: bool) -> list[dict]:
    """Every copy of each shape (at -360, 0, +360) that reaches the frame, in pixels,
    clipped to the map box and simplified below a pixel. Outlines are clipped as lines so
    the box's edge is not stroked."""
    low, high = frame.lon_range()
    box = (frame.left - 2, frame.top - 2, frame.left + frame.width + 2, frame.top + frame.height + 2)
    bounds = shapely.bounds(geometries)
    if outline:
        geometries = shapely.boundary(geometries)
    drawn = []
    for shift in (-PACIFIC_SHIFT, 0.0, PACIFIC_SHIFT):
        reaching = geometries[(bounds[:, 2] + shift >= low) & (bounds[:, 0] + shift <= high)]

        def to_pixels(coords: np.ndarray, shift: float = shift) -> np.ndarray:
            x, y = frame.project(coords[:, 0] + shift, coords[:, 1])
            return np.column_stack([x, y]).round(1)

        drawn.append(shapely.simplify(shapely.clip_by_rect(shapely.transform(reaching, to_pixels),
                                                           *box), 0.3))
    shapes = np.concatenate(drawn)
    shapes = shapes[~shapely.is_empty(shapes)]
    return [{"type": "Feature", "properties": {}, "geometry": json.loads(text)}
            for text in shapely.to_geojson(shapes)]


def _shapes(dataset: str, **mark) -> alt.Chart:
    # Big inline data goes in the spec's named datasets after to_dict: Altair would deep-copy
    # and validate every coordinate (over a second for the basemap).
    return alt.Chart(alt.Data(name=dataset)).mark_geoshape(**mark).project(
        type="identity", scale=1, translate=[0, 0])


def _text(text: str, x: float, y: float, size: float, colour: str = INK, bold: bool = False,
          align: str = "left") -> alt.Chart:
    return alt.Chart(alt.Data(values=[{}])).mark_text(
        text=text, x=x, y=y, fontSize=size, font=FONT, fontWeight="bold" if bold else "normal",
        color=colour, align=align, baseline="alphabetic")


# ---------------------------------------------------------------------------------------------
# The map.

def scope_title(province: str | None = None, state: str | None = None,
                lang: str = "en") -> str | None:
    """The page's scope for a title: "Jiangsu", "江苏", "Ohio" or "Jiangsu – Ohio"."""
    names = [PROVINCES[province][0] if lang == "zh" else province] if province else []
    names += [state] if state else []
    return " – ".join(names) or None


def with_filters(scope_label: str | None, levels: tuple[str, ...] = (),
                 relations: tuple[str, ...] = (), lang: str = "en") -> str | None:
    """The scope and the level and relation filters, for titles and file names:
    "Jiangsu · City–city", "City–city · Sister"; None when there is neither."""
    parts = [scope_label] if scope_label else []
    parts += [t(f"level_{level}", lang) for level in levels]
    parts += [t(f"relation_{relation}", lang) for relation in relations]
    return " · ".join(parts) or None


def map_title(start: int, end: int, scope_label: str | None = None, lang: str = "en",
              friendship: bool = False) -> str:
    """`friendship`: friendship ties are on the map too, and the title says so."""
    key = "map_title_with_friendship" if friendship else "map_title"
    if scope_label:
        return t(f"{key}_scope", lang, scope=scope_label, start=start, end=end)
    return t(key, lang, start=start, end=end)


def legend_items(view: pd.DataFrame, lang: str = "en") -> list[tuple[str, tuple[int, int, int], bool]]:
    """Only what the map shows: the levels in view, "Ended" when some have ended, and the
    hollow "Year unknown" arc when some pairs have no known year: (label, colour, hollow)."""
    items = [(t(f"level_{level}", lang), colour, False) for level, colour in LEVEL_COLOURS.items()
             if view["level"].eq(level).any()]
    if view["ended"].any():
        items.append((t("ended", lang), ENDED_COLOUR, False))
    if view["year"].isna().any():
        items.append((t("year_unknown", lang), MUTED_RGB, True))
    return items


def _legend(items: list[tuple[str, tuple[int, int, int], bool]], layout: Layout,
            lang: str) -> list[alt.Chart]:
    u = layout.unit
    size, y = 15 * u, 72 * u
    label = t("legend_title", lang)
    layers = [_text(label, MARGIN * u, y, size, MUTED, bold=True)]
    x = MARGIN * u + text_width(label, size, bold=True) + 16 * u
    for text, colour, hollow in items:
        half = (UNDATED_WIDTH if hollow else 2) * u
        layers.append(alt.Chart(alt.Data(values=[{}])).mark_rect(
            x=x, x2=x + 26 * u, y=y - 5 * u - half, y2=y - 5 * u + half, cornerRadius=2 * u,
            color=_hex(colour)))
        if hollow:
            core = CORE_WIDTH / 2 * u
            layers.append(alt.Chart(alt.Data(values=[{}])).mark_rect(
                x=x + 1.5 * u, x2=x + 24.5 * u, y=y - 5 * u - core, y2=y - 5 * u + core,
                color=_hex(CORE)))
        layers.append(_text(text, x + 34 * u, y, size))
        x += 34 * u + text_width(text, size) + 24 * u
    return layers


def drawing_order(view: pd.DataFrame) -> pd.DataFrame:
    """Ended ties first, then the undated, then by year: the newest arcs on top."""
    return view.assign(_undated=view["year"].isna()).sort_values(
        ["ended", "_undated", "year"], ascending=[False, False, True], kind="stable")


def arc_pixels(view: pd.DataFrame, frame: Frame) -> tuple[np.ndarray, np.ndarray]:
    """Every arc of the view as the screen draws it (geometry.arc_curves), in the frame's
    pixels: (xs, ys), one row per pair, in the view's order."""
    lons, lats = arc_curves(view["source_lon"], view["source_lat"], view["target_lon"],
                            view["target_lat"], view["bend"], ARC_SAMPLES)
    return frame.project(lons, lats)


def _arc_features(view: pd.DataFrame, frame: Frame, unit: float) -> list[dict]:
    """One LineString per pair, in pixels, styled as on screen; undated arcs carry a `core`
    feature drawn over them (the hollow look)."""
    ordered = drawing_order(view)
    xs, ys = arc_pixels(ordered, frame)
    features = []
    for row, x, y in zip(ordered.itertuples(index=False), xs, ys):
        undated = pd.isna(row.year)
        colour, width = arc_style(row.level, row.ended, undated)
        line = {"type": "LineString", "coordinates": np.column_stack([x, y]).round(2).tolist()}
        features.append({"type": "Feature", "geometry": line, "properties": {
            "pair_id": row.pair_id, "colour": _hex(colour[:3]), "width": width * unit}})
        if undated:
            features.append({"type": "Feature", "geometry": line, "properties": {
                "pair_id": row.pair_id, "colour": _hex(CORE), "width": CORE_WIDTH * unit}})
    return features


def place_points(view: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One point per place at either end of the pairs in view, in the Pacific frame:
    (lons, lats, is_chinese)."""
    cn = np.unique(view[["source_lon", "source_lat"]].to_numpy(dtype=float), axis=0)
    us = np.unique(view[["target_lon", "target_lat"]].to_numpy(dtype=float), axis=0)
    ends = np.concatenate([cn, us])
    return ends[:, 0], ends[:, 1], np.r_[np.ones(len(cn), bool), np.zeros(len(us), bool)]


def map_spec(view: pd.DataFrame, start: int, end: int, scope_label: str | None = None,
             lang: str = "en", transparent: bool = False, size: tuple[int, int] = MAP_SIZE,
             arcs: bool = True, frame: Frame | None = None, pairs_in_caption: int | None = None,
             legend_from: pd.DataFrame | None = None) -> dict:
    """The map as a Vega-Lite spec in pixel space. `arcs=False` leaves out arcs and places
    (the GIF's still background); transparent drops the page and the ocean, for slides."""
    layout = Layout(*size)
    u = layout.unit
    frame = frame or fit_frame(view, layout)
    layers: list[alt.Chart] = []
    borders = np.concatenate([_read_basemap("provinces"), _read_basemap("states")])
    datasets = {"land": _project_geometries(_read_basemap("countries"), frame, outline=False),
                "borders": _project_geometries(borders, frame, outline=True)}
    if not transparent:
        layers.append(alt.Chart(alt.Data(values=[{}])).mark_rect(
            x=0, x2=layout.width, y=frame.top, y2=frame.top + frame.height, color=_hex(OCEAN)))
    layers.append(_shapes("land", fill=_hex(LAND), stroke=None))
    layers.append(_shapes("borders", filled=False, stroke=_hex(BORDER), strokeOpacity=150 / 255,
                          strokeWidth=0.6 * u))
    if arcs and len(view):
        datasets[ARC_NAME] = _arc_features(view, frame, u)
        layers.append(alt.Chart(alt.Data(name=ARC_NAME), name=ARC_NAME)
                      .mark_geoshape(filled=False, strokeOpacity=ARC_OPACITY, strokeCap="round")
                      .encode(stroke=alt.Stroke("properties.colour:N", scale=None),
                              strokeWidth=alt.StrokeWidth("properties.width:Q", scale=None))
                      .project(type="identity", scale=1, translate=[0, 0]))
        lons, lats, chinese = place_points(view)
        x, y = frame.project(lons, lats)
        dots = pd.DataFrame({"x": x.round(2), "y": y.round(2),
                             "fill": np.where(chinese, _hex(CHINA_DOT), _hex(US_DOT)),
                             "ring": np.where(chinese, _hex(US_DOT), _hex(CHINA_DOT))})
        layers.append(alt.Chart(dots).mark_circle(size=(7 * u) ** 2, opacity=1,
                                                  strokeWidth=1.2 * u)
            .encode(x=alt.X("x:Q", scale=None, axis=None), y=alt.Y("y:Q", scale=None, axis=None),
                    fill=alt.Fill("fill:N", scale=None), stroke=alt.Stroke("ring:N", scale=None)))
    title = map_title(start, end, scope_label, lang, bool(view["relation"].eq("friendship").any()))
    layers.append(_text(title, MARGIN * u, 40 * u, 26 * u, bold=True))
    layers += _legend(legend_items(view if legend_from is None else legend_from, lang), layout, lang)
    caption = t("caption", lang, pairs=len(view) if pairs_in_caption is None else pairs_in_caption,
                version=dataset_version())
    baseline = layout.height - 12 * u
    layers.append(_text(caption, MARGIN * u, baseline, 13 * u, MUTED))
    layers.append(_text(t("basemap_credit", lang), layout.width - MARGIN * u, baseline, 13 * u,
                        MUTED, align="right"))
    chart = alt.layer(*layers).properties(
        width=layout.width, height=layout.height, padding=0, autosize="none",
        background="transparent" if transparent else WHITE,
    ).configure_view(stroke=None)
    spec = chart.to_dict()
    spec.setdefault("datasets", {}).update(datasets)
    return spec


def render(spec: dict, fmt: str = "png", scale: int = 1) -> bytes:
    """PNG or SVG bytes of a Vega-Lite spec; nothing may be fetched (allowed_base_urls=[])."""
    if fmt not in IMAGE_FORMATS:
        raise ExportError(f"image format must be one of {', '.join(IMAGE_FORMATS)}, not {fmt!r}")
    if scale not in SCALES:
        raise ExportError(f"scale must be one of {', '.join(map(str, SCALES))}, not {scale!r}")
    if fmt == "svg":
        return vlc.vegalite_to_svg(spec, allowed_base_urls=[]).encode("utf-8")
    return vlc.vegalite_to_png(spec, scale=scale, allowed_base_urls=[])


def map_image(view: pd.DataFrame, start: int, end: int, fmt: str = "png", scale: int = 1,
              transparent: bool = False, lang: str = "en", scope_label: str | None = None,
              size: tuple[int, int] = MAP_SIZE) -> bytes:
    """The map of the pairs in view: basemap, arcs, places, title, legend and caption."""
    return render(map_spec(view, start, end, scope_label, lang, transparent, size), fmt, scale)


# ---------------------------------------------------------------------------------------------
# The timeline chart.

def chart_image(pairs: pd.DataFrame, bounds: tuple[int, int], selected: tuple[int, int],
                events: pd.DataFrame | None = None, fmt: str = "png", scale: int = 1,
                transparent: bool = False, lang: str = "en",
                size: tuple[int, int] = CHART_SIZE) -> bytes:
    """The screen's timeline chart (the same spec) with a title and the source caption."""
    width, height = size
    u = width / CHART_SIZE[0]
    dated = int(pairs["year"].between(*bounds).sum())
    spec = timeline_chart(pairs, bounds, selected, events, lang=lang)
    spec.update(
        width=width, height=height, padding=MARGIN * u,
        autosize={"type": "fit", "contains": "padding"},
        title={"text": t("chart_title", lang), "subtitle": t("caption", lang, pairs=dated,
               version=dataset_version()), "anchor": "start", "fontSize": 22 * u,
               "subtitleFontSize": 13 * u, "subtitleColor": MUTED, "color": INK, "offset": 14 * u},
        background="transparent" if transparent else WHITE,
        config={"font": FONT, "view": {"stroke": None},
                "axis": {"labelFontSize": 13 * u, "titleFontSize": 14 * u, "labelColor": INK,
                         "titleColor": MUTED}},
    )
    return render(spec, fmt, scale)


# ---------------------------------------------------------------------------------------------
# The timeline GIF: the basemap drawn once, the arcs of each year drawn on it with Pillow.

def _rgb(png: bytes) -> Image.Image:
    return Image.open(io.BytesIO(png)).convert("RGB")


def _polyline(draw: ImageDraw.ImageDraw, xs: np.ndarray, ys: np.ndarray, fill: tuple,
              width: int) -> None:
    draw.line(list(zip(xs.tolist(), ys.tolist())), fill=fill, width=width, joint="curve")


def timeline_gif(view: pd.DataFrame, end: int, scale: int = 1, lang: str = "en",
                 scope_label: str | None = None, size: tuple[int, int] = MAP_SIZE,
                 first: int = FIRST_YEAR) -> bytes:
    """One frame per year from `first` to `end`: the view's pairs signed by that year, those
    ended by then in grey, with the year and the pair count; pairs of the view whose year is
    unknown are drawn hollow in every frame, as on screen. The frame stays fixed on the whole
    view so the network grows in place."""
    if scale not in (1, 2):
        raise ExportError("the timeline GIF comes at scale 1 or 2 (4 would be a very large GIF)")
    if end < first:
        raise ExportError(f"the end year {end} is before the first year {first}")
    layout = Layout(*size)
    frame = fit_frame(view, layout)
    factor = scale * SUPERSAMPLE
    drawn = drawing_order(view[view["year"].isna() | view["year"].le(end)])
    drawn = drawn.assign(ended=ended_by(drawn, end)).reset_index(drop=True)
    base = _rgb(render(map_spec(drawn, first, end, scope_label, lang, size=size, arcs=False,
                                frame=frame), "png", factor))
    big = frame.scaled(factor)
    xs, ys = arc_pixels(drawn, big)
    unit = layout.unit * factor
    year_font = _font(60 * unit, bold=True)
    count_font = _font(20 * unit)
    label_x, label_y = MARGIN * unit, big.top + big.height - 24 * unit
    alpha = round(ARC_OPACITY * 255)
    years = drawn["year"].to_numpy(dtype=float, na_value=np.nan)
    undated = np.isnan(years)
    frames = []
    for year in range(first, end + 1):
        shown = np.flatnonzero(undated | (years <= year))
        ended = ended_by(drawn.iloc[shown], year)
        image = base.copy()
        draw = ImageDraw.Draw(image, "RGBA")
        for i, stopped in zip(shown, ended):  # already in drawing order
            colour, width = arc_style(drawn["level"].iat[i], bool(stopped), bool(undated[i]))
            _polyline(draw, xs[i], ys[i], (*colour[:3], alpha), max(1, round(width * unit)))
            if undated[i]:
                _polyline(draw, xs[i], ys[i], (*CORE, alpha), max(1, round(CORE_WIDTH * unit)))
        radius = 3.5 * unit
        ends = np.unique(np.r_[np.c_[xs[shown, 0], ys[shown, 0], np.ones(len(shown))],
                               np.c_[xs[shown, -1], ys[shown, -1], np.zeros(len(shown))]], axis=0)
        for x, y, chinese in ends:
            fill, ring = (CHINA_DOT, US_DOT) if chinese else (US_DOT, CHINA_DOT)
            draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=fill,
                         outline=ring, width=max(1, round(1.2 * unit)))
        halo = {"stroke_width": round(3 * unit), "stroke_fill": WHITE}
        draw.text((label_x, label_y - 30 * unit), str(year), font=year_font, fill=INK,
                  anchor="ls", **halo)
        dated_shown = int((~undated[shown]).sum())
        count = t("gif_pairs", lang, n=dated_shown)
        if undated.any():
            count += t("gif_undated", lang, n=int(undated.sum()))
        draw.text((label_x, label_y), count, font=count_font, fill=INK, anchor="ls", **halo)
        frames.append(image.reduce(SUPERSAMPLE))
    # One palette for every frame (from the fullest, last one): colours do not flicker.
    # Exact white and ink, with no near twins (Pillow matches colours coarsely and would pick
    # a near-white): the page stays white and the text crisp.
    fixed = [(255, 255, 255), tuple(bytes.fromhex(INK[1:]))]
    found = frames[-1].quantize(colors=254, method=Image.Quantize.MEDIANCUT).getpalette()[:254 * 3]
    colours = [c for c in zip(found[0::3], found[1::3], found[2::3])
               if all(max(abs(a - b) for a, b in zip(c, f)) > 8 for f in fixed)]
    palette = Image.new("P", (1, 1))
    palette.putpalette([value for colour in fixed + colours for value in colour])
    still = [f.quantize(palette=palette, dither=Image.Dither.NONE) for f in frames]
    out = io.BytesIO()
    still[0].save(out, format="GIF", save_all=True, append_images=still[1:], loop=0,
                  duration=[FRAME_MS] * (len(still) - 1) + [LAST_FRAME_MS])
    return out.getvalue()


# ---------------------------------------------------------------------------------------------
# Tables: CSV and GeoJSON of the pairs in view.

CSV_COLUMNS = ["pair_id", "level", "relation", "province", "province_zh", "place_cn", "place_cn_zh",
               "state", "state_zh", "place_us", "place_us_zh", "year", "date", "year_basis",
               "year_source", "status", "status_year", "status_source", "status_checked",
               "distance_km", "cn_lat", "cn_lon", "us_lat", "us_lon", "source", "source_title",
               "source_kind", "notes"]
# A cell starting with one of these is run as a formula by spreadsheets (OWASP: CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def pair_names(view: pd.DataFrame, lang: str = "en") -> pd.Series:
    cn, us = place_names(view, lang)
    return cn + " – " + us


def neutralise(value: object) -> object:
    """Text a spreadsheet would run as a formula gets a leading apostrophe; numbers stay."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def pairs_csv(view: pd.DataFrame, lang: str = "en") -> bytes:
    """The pairs in view, one row each in reading order (by year, unknown years last, then
    by place), in UTF-8 with a BOM so Excel shows the Chinese."""
    view = in_reading_order(view)
    table = view[[c for c in CSV_COLUMNS if c in view]].copy()
    table.insert(0, "pair", pair_names(view, lang))
    for column in table.columns:
        if table[column].dtype == object or pd.api.types.is_string_dtype(table[column]):
            table[column] = table[column].map(neutralise)
    return table.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def pairs_geojson(view: pd.DataFrame, lang: str = "en") -> bytes:
    """RFC 7946: one feature per pair, its arc in real longitudes cut at the antimeridian."""
    features = []
    for row, name in zip(view.itertuples(index=False), pair_names(view, lang)):
        parts = split_at_antimeridian(arc_curve(row.source_lon, row.source_lat, row.target_lon,
                                                row.target_lat, row.bend, ARC_SAMPLES))
        lines = [[[lon, lat] for lon, lat in part] for part in parts]
        geometry = ({"type": "LineString", "coordinates": lines[0]} if len(lines) == 1
                    else {"type": "MultiLineString", "coordinates": lines})
        features.append({"type": "Feature", "geometry": geometry, "properties": {
            "pair_id": row.pair_id, "name": name, "level": row.level, "relation": row.relation,
            "province": row.province, "province_zh": row.province_zh, "place_cn": row.place_cn,
            "place_cn_zh": row.place_cn_zh, "state": row.state, "state_zh": row.state_zh,
            "place_us": row.place_us, "place_us_zh": row.place_us_zh,
            "year": None if pd.isna(row.year) else int(row.year),
            "year_basis": row.year_basis or None,
            "status": row.status, "ended": bool(row.ended),
            "status_year": None if pd.isna(row.status_year) else int(row.status_year),
            "status_checked": row.status_checked or None,
            "distance_km": int(row.distance_km), "source": row.source,
            "source_title": row.source_title, "source_kind": row.source_kind or None}})
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, indent=1).encode("utf-8")
