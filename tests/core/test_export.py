"""Exports: map and chart images, the timeline GIF, CSV and GeoJSON, and the CLI that makes them."""

import csv
import io
import json
import time
import xml.etree.ElementTree as ET

import numpy as np
import pandas as pd
import pytest
from PIL import Image

from components import export_buttons
from sistercities import charts, export
from sistercities.__main__ import main
from sistercities.atlas import load_atlas
from sistercities.mapdeck import LEVEL_COLOURS, OCEAN
from sistercities.timeline import YearWindow
from sistercities.view import Filters, apply_filters
from tests.conftest import ROOT

SMALL = (480, 288)  # tests render small images where the size is not the point
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def atlas():
    return load_atlas()


@pytest.fixture(scope="module")
def view(atlas):
    return apply_filters(atlas.located, Filters(YearWindow(*atlas.bounds)))


@pytest.fixture(scope="module")
def jiangsu(atlas):
    return apply_filters(atlas.located, Filters(YearWindow(1979, 2023), province="Jiangsu"))


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA")).astype(int)


def near(image: np.ndarray, colour, tolerance: int = 40) -> np.ndarray:
    return (np.abs(image[..., :3] - np.array(colour)) <= tolerance).all(axis=-1)


def svg_texts(svg: bytes) -> list[str]:
    return [node.text or "" for node in ET.fromstring(svg).iter(f"{SVG}text")]


def arc_paths(svg: bytes) -> list[ET.Element]:
    groups = [g for g in ET.fromstring(svg).iter(f"{SVG}g")
              if f"{export.ARC_NAME}_marks" in g.get("class", "").split()]
    assert len(groups) == 1, "one named group holds the arcs"
    return groups[0].findall(f"{SVG}path")


@pytest.mark.parametrize("scale", [1, 2, 4])
def test_a_map_png_decodes_at_the_asked_scale_and_is_not_blank(view, scale):
    image = pixels(export.map_image(view, 1979, 2024, scale=scale, size=SMALL))
    assert image.shape[:2] == (SMALL[1] * scale, SMALL[0] * scale)
    assert image[..., :3].std() > 20
    assert near(image, OCEAN, 6).mean() > 0.2, "the ocean is drawn"
    assert near(image, LEVEL_COLOURS["city"]).sum() > 100 * scale ** 2, "city arcs are drawn"


def test_the_map_svg_has_one_arc_path_per_pair_and_the_title(jiangsu):
    svg = export.map_image(jiangsu, 1979, 2023, "svg", scope_label="Jiangsu", size=SMALL)
    undated = int(jiangsu["year"].isna().sum())
    assert undated, "Jiangsu has pairs whose year is unknown"
    # One path per pair, and one more (the light core of the hollow arc) per undated pair.
    assert len(arc_paths(svg)) == len(jiangsu) + undated > 10
    texts = svg_texts(svg)
    assert "Jiangsu: China–US sister and friendship ties, 1979–2023" in texts
    sister_only = jiangsu[jiangsu["relation"].eq("sister")]
    titles = svg_texts(export.map_image(sister_only, 1979, 2023, "svg", scope_label="Jiangsu",
                                        size=SMALL))
    assert "Jiangsu: China–US sister relationships, 1979–2023" in titles
    version = (ROOT / "data" / "VERSION").read_text(encoding="utf-8").strip()
    assert f"Source: Sister Cities Atlas, {len(jiangsu)} pairs, version {version}" in texts
    assert {"Province–state", "City–city"} <= set(texts), "the legend names the levels in view"


def test_a_chinese_map_has_chinese_title_legend_and_caption(jiangsu):
    svg = export.map_image(jiangsu, 1979, 2023, "svg", lang="zh", scope_label="江苏", size=SMALL)
    texts = svg_texts(svg)
    assert "江苏：中美友好与友好交流关系，1979–2023年" in texts
    assert {"级别", "友好省州", "友好城市"} <= set(texts)
    assert any(text.startswith("来源：中美友好城市地图") for text in texts)
    assert 'font-family="Noto Sans CJK SC"' in svg.decode()


def test_chinese_text_is_drawn_not_boxes(jiangsu):
    """Missing glyphs draw as empty boxes of one size; real characters differ in ink."""
    en = pixels(export.map_image(jiangsu, 1979, 2023, lang="en", size=SMALL))
    zh = pixels(export.map_image(jiangsu, 1979, 2023, lang="zh", size=SMALL))
    title = (slice(0, 30), slice(0, SMALL[0]))
    assert (zh[title][..., :3] < 100).sum() > 300
    assert not np.array_equal(en[title], zh[title])


def test_a_transparent_map_has_no_page_or_ocean(view):
    image = pixels(export.map_image(view, 1979, 2024, transparent=True, size=SMALL))
    assert image[0, 0, 3] == 0 and image[-1, -1, 3] == 0
    assert (image[..., 3] == 0).mean() > 0.3
    assert near(image[image[..., 3] == 255], OCEAN, 6).mean() < 0.001, "no ocean fill"


def test_an_empty_view_still_makes_a_map(view):
    image = pixels(export.map_image(view.iloc[0:0], 1979, 1980, size=SMALL))
    assert image.shape[:2] == (SMALL[1], SMALL[0])


def test_bad_scale_or_format_is_refused_with_a_message(view):
    with pytest.raises(export.ExportError, match="scale must be one of 1, 2, 4"):
        export.map_image(view, 1979, 2024, scale=3, size=SMALL)
    with pytest.raises(export.ExportError, match="format"):
        export.map_image(view, 1979, 2024, fmt="jpg", size=SMALL)


def test_the_chart_png_and_svg_have_the_asked_size_and_title(atlas):
    png = export.chart_image(atlas.pairs, atlas.bounds, (1990, 2010), atlas.events, scale=2,
                             size=(600, 240))
    image = pixels(png)
    assert image.shape[:2] == (480, 1200)
    selected = tuple(int(charts.SELECTED[i:i + 2], 16) for i in (1, 3, 5))
    assert near(image, selected, 10).sum() > 500, "bars in the selected range are drawn"
    svg = export.chart_image(atlas.pairs, atlas.bounds, (1990, 2010), atlas.events, "svg",
                             lang="zh", size=(600, 240))
    assert "每年缔结数与累计数" in svg_texts(svg)


def test_the_gif_has_one_frame_per_year_and_the_network_grows(view):
    gif = Image.open(io.BytesIO(export.timeline_gif(view, 1990, size=SMALL)))
    assert gif.n_frames == 1990 - 1979 + 1
    assert gif.size == SMALL
    frames = []
    for number in (0, gif.n_frames - 1):
        gif.seek(number)
        frames.append(np.asarray(gif.convert("RGB")).astype(int))
    first, last = frames
    assert (first[0, 0] == 255).all(), "the page stays white through the GIF's palette"
    assert (np.abs(last - first).max(axis=-1) > 40).sum() > 500, "more arcs by the last year"


def test_the_whole_timeline_gif_takes_under_ten_seconds(view, atlas):
    began = time.perf_counter()
    gif = Image.open(io.BytesIO(export.timeline_gif(view, atlas.bounds[1])))
    assert time.perf_counter() - began < 10
    assert gif.n_frames == atlas.bounds[1] - 1979 + 1
    assert gif.size == export.MAP_SIZE


def check_rfc7946(collection: dict) -> None:
    """The rules of RFC 7946 an arc export can break."""
    assert collection["type"] == "FeatureCollection"
    assert "crs" not in collection
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        assert isinstance(feature["properties"], dict)
        geometry = feature["geometry"]
        lines = {"LineString": lambda c: [c], "MultiLineString": lambda c: c}[geometry["type"]](
            geometry["coordinates"])
        for line in lines:
            assert len(line) >= 2
            for position in line:
                lon, lat = position  # [longitude, latitude], no altitude
                assert -180 <= lon <= 180 and -90 <= lat <= 90
            # §3.1.9: a line crossing the antimeridian is cut, never drawn the long way round.
            assert all(abs(a[0] - b[0]) < 180 for a, b in zip(line, line[1:]))


def test_the_geojson_is_rfc7946_and_round_trips(view):
    collection = json.loads(export.pairs_geojson(view))
    check_rfc7946(collection)
    back = pd.DataFrame([f["properties"] for f in collection["features"]])
    assert list(back["pair_id"]) == list(view["pair_id"])
    assert list(back["year"].astype("Int64")) == list(view["year"])
    assert list(back["distance_km"]) == list(view["distance_km"])
    for feature, row in zip(collection["features"], view.itertuples()):
        coords = feature["geometry"]["coordinates"]
        lines = [coords] if feature["geometry"]["type"] == "LineString" else coords
        assert lines[0][0] == pytest.approx([row.cn_lon, row.cn_lat], abs=1e-4)
        assert lines[-1][-1] == pytest.approx([row.us_lon, row.us_lat], abs=1e-4)
    assert {f["geometry"]["type"] for f in collection["features"]} == {"MultiLineString"}


def test_geojson_names_follow_the_language(jiangsu):
    """Chinese names on both sides where a page gives them, the English name where none does."""
    features = json.loads(export.pairs_geojson(jiangsu, "zh"))["features"]
    names = [f["properties"]["name"] for f in features]
    assert "南京 – 圣路易斯" in names
    for feature in features:
        p = feature["properties"]
        assert feature["properties"]["name"] == (f"{p['place_cn_zh'] or p['place_cn']} – "
                                                 f"{p['place_us_zh'] or p['place_us']}")


@pytest.mark.parametrize("cell", ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)",
                                  "\tcmd", "\rcmd"])
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(view, cell):
    tampered = view.head(3).copy()
    tampered["notes"] = cell
    tampered["place_us"] = cell
    rows = list(csv.DictReader(io.StringIO(export.pairs_csv(tampered).decode("utf-8-sig"))))
    assert all(row["notes"] == "'" + cell and row["place_us"] == "'" + cell for row in rows)


def test_csv_keeps_numbers_and_chinese_and_opens_in_excel(view):
    data = export.pairs_csv(view, "zh")
    assert data.startswith(b"\xef\xbb\xbf"), "a BOM, so Excel reads UTF-8"
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert len(back) == len(view)
    assert back["us_lon"].lt(0).any(), "negative longitudes stay numbers"
    assert "湖北 – 俄亥俄州" in set(back["pair"])
    assert {"state_zh", "place_us_zh", "year_basis", "source_kind", "status_checked"} <= set(
        back.columns)


def test_the_cli_writes_the_same_pixels_as_the_app_builder(atlas, jiangsu, tmp_path, capsys):
    out = tmp_path / "jiangsu.png"
    assert main(["export", "--what", "map", "--years", "1979-2023", "--province", "Jiangsu",
                 "--format", "png", "-o", str(out)]) == 0
    assert f"{len(jiangsu)} pairs" in capsys.readouterr().out
    screen_view = jiangsu.assign(match=True)  # the stage adds a search column; exports ignore it
    from_app = export_buttons.map_file(screen_view[export_buttons.EXPORTED], 1979, 2023, "png", 1,
                                       False, "en", "Jiangsu")
    assert np.array_equal(pixels(out.read_bytes()), pixels(from_app))


@pytest.mark.parametrize(("what", "suffix"), [("csv", "csv"), ("geojson", "geojson"),
                                              ("chart", "svg")])
def test_the_cli_writes_tables_and_charts(what, suffix, tmp_path):
    out = tmp_path / f"out.{suffix}"
    assert main(["export", "--what", what, "--state", "CA", "--level", "city", "-o", str(out)]) == 0
    assert out.stat().st_size > 1000


@pytest.mark.parametrize(("args", "message"), [
    (["--province", "Atlantis"], "no province called 'Atlantis'"),
    (["--years", "1900-1950"], "years must lie within"),
    (["--what", "timeline-gif", "--scale", "4"], "scale 1 or 2"),
    (["--what", "csv", "--format", "svg"], "--format applies to"),
])
def test_cli_errors_are_messages_with_a_nonzero_exit(args, message, tmp_path, capsys):
    argv = ["export", "-o", str(tmp_path / "x.png"), *args]
    if "--what" not in args:
        argv += ["--what", "map"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_the_map_image_has_a_dot_on_every_place_inside_the_map(view):
    """The dots are placed in the export's own (Pacific) frame, whatever frame the screen's
    deck uses: each distinct end of a pair in view is one dot within the map box."""
    spec = export.map_spec(view, 1979, 2024, size=SMALL)
    layout = export.Layout(*SMALL)
    circles = [layer for layer in spec["layer"] if layer.get("mark", {}).get("type") == "circle"]
    assert len(circles) == 1
    dots = spec["datasets"][circles[0]["data"]["name"]]
    places = {(lon, lat) for lon, lat in zip(view["source_lon"], view["source_lat"])}
    places |= {(lon, lat) for lon, lat in zip(view["target_lon"], view["target_lat"])}
    assert len(dots) == len(places) > 100
    assert all(0 <= dot["x"] <= layout.width for dot in dots)
    assert all(layout.map_top <= dot["y"] <= layout.map_bottom for dot in dots)


def test_only_the_screens_chart_says_how_to_read_a_milestone(atlas):
    """An exported image cannot be hovered: the note is for the screen's chart alone."""
    screen = charts.timeline_chart(atlas.pairs, atlas.bounds, atlas.bounds, atlas.events,
                                   hover_note=True)
    image = charts.timeline_chart(atlas.pairs, atlas.bounds, atlas.bounds, atlas.events)
    assert screen["title"]["text"].startswith("Dashed lines mark sourced milestones")
    assert "title" not in image
    counts = max(row["signed"] for row in screen["data"]["values"])
    assert screen["layer"][0]["encoding"]["y"]["scale"]["domainMax"] > counts, "headroom"


def test_the_screen_and_the_exports_draw_each_arc_from_one_curve_function(jiangsu):
    """The deck gives deck.gl each pair's ends and bend with the tilt geometry.arc_curves models;
    the exported arcs are arc_curves' points for the same ends and bend, projected."""
    from sistercities.geometry import ARC_TILT, arc_curves
    from sistercities.mapdeck import DECK_LON_SHIFT, build_deck

    deck = json.loads(build_deck(jiangsu).to_json())
    arc_layers = [layer for layer in deck["layers"] if layer["@@type"] == "ArcLayer"
                  and layer["id"].startswith("arc")]
    assert arc_layers and all(layer["getTilt"] == ARC_TILT and layer["getHeight"] == "@@=h"
                              for layer in arc_layers)
    on_screen = {(tuple(row["s"]), tuple(row["t"])): row["h"]
                 for row in next(layer for layer in arc_layers if layer["id"] == "arcs")["data"]}
    shifted = jiangsu.assign(source_lon=jiangsu["source_lon"] + DECK_LON_SHIFT,
                             target_lon=jiangsu["target_lon"] + DECK_LON_SHIFT).round(4)
    for row in shifted.itertuples():
        ends = ((row.source_lon, row.source_lat), (row.target_lon, row.target_lat))
        assert on_screen[ends] == row.bend

    layout = export.Layout(*SMALL)
    frame = export.fit_frame(jiangsu, layout)
    drawn = [f for f in export._arc_features(jiangsu, frame, layout.unit)]
    ordered = export.drawing_order(jiangsu)
    lons, lats = arc_curves(ordered["source_lon"], ordered["source_lat"], ordered["target_lon"],
                            ordered["target_lat"], ordered["bend"], export.ARC_SAMPLES)
    xs, ys = frame.project(lons, lats)
    casings = [f for f in drawn if f["properties"]["colour"] != export._hex(export.CORE)]
    assert len(casings) == len(jiangsu)
    for feature, x, y in zip(casings, xs, ys):
        assert feature["geometry"]["coordinates"] == np.column_stack([x, y]).round(2).tolist()
