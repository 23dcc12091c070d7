"""The map is the hero at every size: framed for a laptop, a projector, a tablet and a phone,
its places visible, its links lit when pointed at, and a phone's page still scrollable."""

import io
from urllib.parse import urlparse

import numpy as np
import pytest
from PIL import Image

from sistercities.atlas import load_atlas
from sistercities.geometry import arc_curves
from sistercities.mapdeck import CHINA_DOT, LEVEL_COLOURS, OCEAN, US_DOT
from tests.app.helpers import deck_for, viewport_of
from tests.browser.conftest import LOCAL_HOSTS

pytestmark = pytest.mark.browser
MAP = "[data-testid='stDeckGlJsonChart']"
ATLAS = load_atlas()
SIZES = {
    "laptop": {"viewport": {"width": 1280, "height": 720}},
    "projector": {"viewport": {"width": 1920, "height": 1080}},
    "tablet": {"viewport": {"width": 768, "height": 1024}, "is_mobile": True, "has_touch": True,
               "device_scale_factor": 2},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
              "device_scale_factor": 3},
}


@pytest.fixture
def opened(chromium, server, artifacts):
    """Open a path at a size with every request off the machine refused; yield the page and
    its map's box once the browser has measured the map and the camera is fitted to it."""
    contexts = []

    def open_map(path: str, size: str):
        context = chromium.new_context(**SIZES[size])
        contexts.append(context)
        context.route("**/*", lambda route: route.continue_()
                      if urlparse(route.request.url).hostname in LOCAL_HOSTS
                      or route.request.url.startswith(("data:", "blob:")) else route.abort())
        page = context.new_page()
        page.goto(server + path)
        page.wait_for_selector(f"{MAP} canvas", timeout=60_000)
        page.wait_for_load_state("networkidle")
        fitted(page)
        name = path.strip("/").replace("?", "-").replace("&", "-").replace("=", "-") or "overview"
        page.screenshot(path=str(artifacts / f"hero-{size}-{name}.png"))
        return page, page.locator(MAP).bounding_box()

    yield open_map
    for context in contexts:
        context.close()


def drawn(page) -> np.ndarray:
    png = page.locator(MAP).screenshot(scale="css")  # CSS pixels, as the camera counts them
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def changed(a: np.ndarray, b: np.ndarray) -> float:
    return float((np.abs(a - b).sum(axis=-1) > 40).mean()) if a.shape == b.shape else 1.0


def fitted(page) -> None:
    """Wait until the camera is fitted to the map's measured size (the browser reports the
    size, the stage reruns and says so on the map), then for deck.gl's next frames."""
    page.wait_for_function(f"""() => {{
        const map = document.querySelector("[data-testid='stMain'] {MAP}");
        if (!map) return false;
        const box = map.getBoundingClientRect();
        return map.dataset.atlasFitted === `${{Math.round(box.width)}}x${{Math.round(box.height)}}`;
    }}""", timeout=30_000)
    page.wait_for_timeout(1200)


def dots_seen(page, box, spec, country: str, admin: str | None = None) -> tuple[int, int]:
    """(places of `country` (in `admin`) whose dot is drawn where the camera puts them, places
    of it in all): the dot's colour at its projected pixel proves the browser shows the
    camera the server fitted to this map."""
    image = drawn(page)
    viewport = viewport_of(spec, box)
    places = next(layer for layer in spec["layers"] if layer["id"] == "places")["data"]
    mine = [p for p in places if p["country"] == country and admin in (None, p["admin"])]
    colour = np.array(CHINA_DOT if country == "CN" else US_DOT)
    seen = 0
    for place in mine:
        x, y = viewport.pixel(*place["position"])
        if not viewport.contains(x, y, margin=3):
            continue
        patch = image[round(y) - 1: round(y) + 2, round(x) - 1: round(x) + 2].reshape(-1, 3)
        seen += bool((np.abs(patch - colour).max(axis=1) < 60).any())
    return seen, len(mine)


@pytest.mark.parametrize("size", ["laptop", "tablet", "phone"])
def test_the_overview_shows_places_of_both_countries_with_its_top_in_the_first_screen(opened, size):
    page, box = opened("/", size)
    spec = deck_for(box, touch=size in ("tablet", "phone"))
    for country in ("CN", "US"):
        seen, total = dots_seen(page, box, spec, country)
        assert seen >= 0.5 * total, f"{size}: {seen} of {total} {country} places seen"
    height = SIZES[size]["viewport"]["height"]
    assert box["y"] < height, "the map's top is in the first screen"
    if size == "laptop":
        visible = min(box["y"] + box["height"], height) - box["y"]
        assert visible >= 0.4 * height, f"only {visible:.0f} px of map in the first screen"


def test_on_a_projector_the_map_takes_most_of_the_screen(opened):
    page, box = opened("/?present=1&deck=tour&slide=3", "projector")
    assert box["height"] >= 0.6 * 1080, box
    assert box["y"] + box["height"] <= 1080 + 1, "the whole map is in the first screen"
    spec = deck_for(box, present="1", deck="tour", slide="3")
    for country in ("CN", "US"):
        seen, total = dots_seen(page, box, spec, country)
        assert seen >= 0.5 * total, f"{seen} of {total} {country} places seen"


@pytest.mark.parametrize("kind, name, country", [
    ("state", "Alaska", "US"), ("state", "Hawaii", "US"), ("state", "Montana", "US"),
    ("province", "Jiangsu", "CN"), ("state", "California", "US")])
@pytest.mark.parametrize("size", ["laptop", "phone"])
def test_every_place_page_shows_its_subject_on_its_map(opened, size, kind, name, country):
    page, box = opened(f"/{kind}?name={name}", size)
    spec = deck_for(box, page=f"pages/{kind}.py", touch=size == "phone", name=name)
    seen, total = dots_seen(page, box, spec, country, name)
    # A dense cluster on a phone can hide a dot under its neighbours.
    assert total and seen >= max(1, 0.8 * total), f"{name} at {size}: {seen} of {total} seen"


def swipe(page, x: float, y: float, dy: float, steps: int = 12) -> None:
    """One finger down at (x, y), moved dy pixels, lifted: real touch events (CDP)."""
    cdp = page.context.new_cdp_session(page)
    point = {"x": x, "y": y}
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [point]})
    for step in range(1, steps + 1):
        point = {"x": x, "y": y + dy * step / steps}
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [point]})
        page.wait_for_timeout(16)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    page.wait_for_timeout(800)


def test_on_a_phone_one_finger_over_the_map_scrolls_the_page_and_a_tap_lets_it_move_the_map(opened):
    page, box = opened("/", "phone")
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    before = drawn(page)
    swipe(page, x, y, -220)
    scrolled = page.evaluate("document.querySelector('[data-testid=stMain]').scrollTop "
                             "|| window.scrollY")
    assert scrolled > 100, f"the page scrolled {scrolled} px"
    assert "two fingers" in page.locator(f"{MAP} .atlas-map-note").inner_text()
    page.wait_for_timeout(2200)  # the hint fades
    moved = changed(drawn(page), before)
    assert moved < 0.01, f"{moved:.0%} of the map changed: one finger moved the map"
    # A tap hands one finger to the map, as embedded web maps do.
    box = page.locator(MAP).bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.touchscreen.tap(x, y - 60)
    page.wait_for_timeout(600)
    assert page.locator(f"{MAP}[data-atlas-active]").count() == 1
    before = drawn(page)
    swipe(page, x, y, 80)
    assert changed(drawn(page), before) > 0.05, "after a tap one finger moves the map"


def test_pointing_at_a_place_lights_its_links_and_dims_the_others(opened):
    page, box = opened("/?undated=0", "laptop")
    spec = deck_for(box, undated="0")
    viewport = viewport_of(spec, box)
    arcs = next(layer for layer in spec["layers"] if layer["id"] == "arcs")["data"]
    # Ürümqi: a place on its own, far west, with one link.
    urumqi = next(a for a in arcs if a["tip_title"].startswith("Ürümqi"))
    # A point of its link 40-60 px out, over Central Asia: clear of the crowded band and of
    # the tooltip, which opens below the pointer.
    start = np.array(viewport.pixel(*urumqi["s"]))
    lons, lats = arc_curves(*urumqi["s"], *urumqi["t"], urumqi["h"], samples=61)
    on_link = [np.array(viewport.pixel(lon, lat)) for lon, lat in zip(lons[0], lats[0])]
    probe = next(p for p in on_link if np.hypot(*(p - start)) > 40)

    def strength(image) -> float:
        """How strongly the link is drawn there: its farthest pixel from the sea's colour."""
        x, y = round(probe[0]), round(probe[1])
        patch = image[y - 3: y + 4, x - 3: x + 4].reshape(-1, 3)
        return float(np.abs(patch - np.array(OCEAN)).sum(axis=1).max())

    def blue(image) -> int:
        return int((np.abs(image - np.array(LEVEL_COLOURS["city"])).max(axis=-1) < 70).sum())

    # The lit layers follow the first picture, once the browser says the fitted map is drawn.
    page.wait_for_selector(f"{MAP}[data-atlas-lit]", timeout=30_000)
    page.mouse.move(1, 1)
    page.wait_for_timeout(1500)
    at_rest = drawn(page)
    # Open sea south of Japan, in the first screen, far from any place.
    sea = (box["x"] + box["width"] * 0.3, min(box["y"] + box["height"], 720) - 15)
    page.mouse.move(*sea)
    page.mouse.move(sea[0] + 2, sea[1])
    page.wait_for_timeout(800)
    pointing_at_sea = drawn(page)
    x, y = viewport.pixel(*urumqi["s"])
    page.mouse.move(box["x"] + x, box["y"] + y)
    page.mouse.move(box["x"] + x + 1, box["y"] + y)
    tooltip = page.locator(".deck-tooltip")
    tooltip.wait_for(state="visible", timeout=10_000)
    page.wait_for_timeout(800)
    pointing_at_urumqi = drawn(page)
    assert "Ürümqi" in tooltip.inner_text()
    assert blue(pointing_at_sea) < 0.8 * blue(at_rest), "pointing at the map dims the links"
    assert strength(pointing_at_urumqi) > strength(pointing_at_sea) + 40, "its link lights up"


def test_a_near_miss_on_anchorage_opens_alaska_not_the_arc_under_it(opened):
    page, box = opened("/", "laptop")
    spec = deck_for(box)
    viewport = viewport_of(spec, box)
    places = next(layer for layer in spec["layers"] if layer["id"] == "places")["data"]
    anchorage = next(p for p in places if p["place"] == "Anchorage")
    x, y = viewport.pixel(*anchorage["position"])
    near_miss = (box["x"] + x - 6, box["y"] + y + 5)  # 8 px off the dot's centre
    page.mouse.move(*near_miss, steps=5)  # as a hand does: the pointer arrives, then clicks
    page.locator(".deck-tooltip").wait_for(state="visible", timeout=10_000)
    assert page.locator(".deck-tooltip").inner_text().startswith("Anchorage")
    page.mouse.click(*near_miss)
    page.wait_for_function("location.pathname.startsWith('/state')", timeout=30_000)
    page.wait_for_selector("h1", timeout=30_000)
    assert page.locator("h1").first.inner_text().startswith("Alaska")
