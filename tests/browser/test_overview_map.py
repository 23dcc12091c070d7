"""The overview in headless Chromium with the network blocked: the map is really drawn."""

import io
import json

import numpy as np
import pytest
from PIL import Image
from shapely.affinity import translate
from shapely.geometry import LineString, Point, shape

from sistercities.geocode import BASEMAP_DIR
from sistercities.geometry import arc_curves
from sistercities.mapdeck import DECK_LON_SHIFT, LAND, LEVEL_COLOURS, OCEAN
from tests.app.helpers import deck_for, viewport_of
from tests.browser.mapview import Viewport

pytestmark = pytest.mark.browser
MAP = "[data-testid='stDeckGlJsonChart']"


def map_image(page, url: str) -> np.ndarray:
    page.goto(url)
    page.wait_for_selector(f"{MAP} canvas", timeout=60_000)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(2500)  # deck.gl draws the fetched basemap on its next frames
    png = page.locator(MAP).screenshot()
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def arc_line(viewport: Viewport, arc: dict) -> LineString:
    """An arc as drawn: its bowed curve (geometry.arc_curves), in the map's pixels."""
    lons, lats = arc_curves(*arc["s"], *arc["t"], arc["h"], samples=17)
    return LineString([viewport.pixel(lon, lat) for lon, lat in zip(lons[0], lats[0])])


def near(image: np.ndarray, colour, tolerance: int = 16) -> np.ndarray:
    return (np.abs(image - np.array(colour)) <= tolerance).all(axis=-1)


def test_the_overview_map_is_drawn_with_arcs_and_no_request_leaves(server, offline_page, artifacts):
    image = map_image(offline_page, server + "/")
    offline_page.screenshot(path=str(artifacts / "overview.png"), full_page=True)
    assert image.std() > 10, "the map canvas is blank"
    assert near(image, OCEAN).mean() > 0.2, "the ocean is drawn"
    assert near(image, LAND).mean() > 0.1, "land is drawn from the bundled basemap"
    city_arcs = near(image, LEVEL_COLOURS["city"], tolerance=60).sum()
    assert city_arcs > 500, "city arcs are drawn"
    assert offline_page.left_the_machine == []


# Few arcs, so clear land and borders are easy to find on both sides.
FEW_ARCS = ["1979", "1981"]


def drawn_overview(page, server: str) -> tuple[np.ndarray, Viewport, list]:
    """The few-arcs overview as drawn, where its pixels are, and the arcs and places on it."""
    image = map_image(page, f"{server}/?years={FEW_ARCS[0]}&years={FEW_ARCS[1]}&undated=0")
    box = {"width": image.shape[1], "height": image.shape[0]}
    spec = deck_for(box, years=FEW_ARCS, undated="0")
    viewport = viewport_of(spec, box)
    layers = {layer["id"]: layer for layer in spec["layers"]}
    clutter = [arc_line(viewport, a) for a in layers["arcs"]["data"]]
    clutter += [Point(viewport.pixel(*p["position"])) for p in layers["places"]["data"]]
    return image, viewport, clutter


def quiet_point(polygons, viewport, clutter, rng, clearance=20.0):
    """A pixel inside the polygons and in view, well clear of every arc and place dot."""
    bounds = np.array([poly.bounds for poly in polygons])
    low, high = bounds[:, :2].min(axis=0), bounds[:, 2:].max(axis=0)
    for _ in range(5000):
        lon, lat = rng.uniform(low, high)
        if not any(poly.contains(Point(lon, lat)) for poly in polygons):
            continue
        x, y = viewport.pixel(lon, lat)
        if viewport.contains(x, y, 20) and all(Point(x, y).distance(g) > clearance
                                                for g in clutter):
            return lon, lat, x, y
    raise AssertionError("no spot clear of arcs found")


def patch(image: np.ndarray, x: float, y: float, radius: int = 3) -> np.ndarray:
    xi, yi = round(x), round(y)
    return np.median(image[yi - radius: yi + radius + 1, xi - radius: xi + radius + 1], axis=(0, 1))


def test_land_shows_at_a_point_in_china_and_one_in_the_us(server, offline_page):
    image, viewport, clutter = drawn_overview(offline_page, server)
    rng = np.random.default_rng(7)
    # Into the deck's frame: the Pacific frame (the US one world east) moved DECK_LON_SHIFT.
    for file, shift in (("provinces.geojson", DECK_LON_SHIFT), ("states.geojson", 360 + DECK_LON_SHIFT)):
        features = json.loads((BASEMAP_DIR / file).read_text(encoding="utf-8"))["features"]
        polygons = [translate(shape(f["geometry"]), xoff=shift) for f in features
                    if f["properties"]["name"] not in ("Alaska", "Hawaii", "Puerto Rico")]
        lon, lat, x, y = quiet_point(polygons, viewport, clutter, rng)
        colour = patch(image, x, y)
        assert np.abs(colour - np.array(LAND)).max() <= 16, (
            f"{file}: expected land at {lon:.1f},{lat:.1f} (pixel {x:.0f},{y:.0f}), got {colour}")
    assert offline_page.left_the_machine == []


def test_province_and_state_borders_are_drawn(server, offline_page):
    """Border lines are thin and pale: a layer that silently draws nothing (a wrong accessor,
    a degenerate segment count) would still leave land and arcs. Midpoints of segments clear
    of arcs and places must be darker than the land around them."""
    image, viewport, clutter = drawn_overview(offline_page, server)
    segments = json.loads((BASEMAP_DIR / "borders.json").read_text(encoding="utf-8"))
    darker, seen = 0, 0
    def drawn_at(lon: float, lat: float) -> tuple[float, float]:  # see the land test
        return viewport.pixel(lon + (360 if lon < 0 else 0) + DECK_LON_SHIFT, lat)

    for segment in segments[::25]:
        (x0, y0), (x1, y1) = drawn_at(*segment["s"]), drawn_at(*segment["t"])
        x, y = (x0 + x1) / 2, (y0 + y1) / 2
        if not viewport.contains(x, y, 20) or any(Point(x, y).distance(g) < 12 for g in clutter):
            continue
        seen += 1
        xi, yi = round(x), round(y)
        darkest = image[yi - 1: yi + 2, xi - 1: xi + 2].sum(axis=-1).min()
        darker += darkest < sum(LAND) - 24
    assert seen > 50, f"only {seen} border midpoints in view"
    assert darker / seen > 0.8, f"{darker} of {seen} border midpoints are drawn"


def test_a_tooltip_at_the_maps_right_edge_stays_inside_the_map(server, offline_page, artifacts):
    """deck.gl opens a tooltip to the right of the pointer; the map used to cut off the
    tooltip of its eastmost place. It must open to the left, whole."""
    page = offline_page
    page.goto(server + "/")
    page.wait_for_selector(f"{MAP} canvas", timeout=60_000)
    page.wait_for_load_state("networkidle")
    chart = page.locator(MAP)
    chart.scroll_into_view_if_needed()
    page.wait_for_timeout(1500)
    box = chart.bounding_box()
    spec = deck_for(box)
    viewport = viewport_of(spec, box)
    places = next(layer for layer in spec["layers"] if layer["id"] == "places")["data"]
    eastmost = max(places, key=lambda place: place["position"][0])
    x, y = viewport.pixel(*eastmost["position"])
    assert box["width"] - x < 150, "the eastmost place sits near the right edge"
    page.mouse.move(box["x"] + x, box["y"] + y)
    tooltip = page.locator(".deck-tooltip")
    tooltip.wait_for(state="visible", timeout=10_000)
    page.wait_for_timeout(300)
    page.screenshot(path=str(artifacts / "tooltip-right-edge.png"))
    assert eastmost["tip_title"] in tooltip.inner_text()
    tip = tooltip.bounding_box()
    assert box["x"] <= tip["x"] and tip["x"] + tip["width"] <= box["x"] + box["width"], (tip, box)
    assert box["y"] <= tip["y"] and tip["y"] + tip["height"] <= box["y"] + box["height"], (tip, box)


@pytest.mark.parametrize("drag", [-250, 250])
def test_arcs_stay_on_a_map_dragged_sideways(server, offline_page, drag):
    """Panned across the antimeridian, deck.gl wraps the camera to the other side of ±180°;
    the map has no world copies, so its frame must keep the camera far from there or a
    small drag would leave an empty map."""
    page = offline_page
    map_image(page, server + "/")
    chart = page.locator(MAP)
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + drag, y, steps=10)
    page.mouse.up()
    page.wait_for_timeout(1500)
    image = np.asarray(Image.open(io.BytesIO(chart.screenshot())).convert("RGB")).astype(int)
    city_arcs = near(image, LEVEL_COLOURS["city"], tolerance=60).sum()
    assert city_arcs > 500, f"only {city_arcs} arc pixels after a {drag} px drag"
