"""What only a browser shows: map clicks, playback to the end, a panned camera kept, history."""

import io
import re

import numpy as np
import pytest
from PIL import Image

from sistercities.atlas import load_atlas
from sistercities.mapdeck import LAND
from sistercities.timeline import YearWindow
from sistercities.view import Filters, apply_filters
from tests.app.helpers import deck_for, viewport_of

pytestmark = pytest.mark.browser
MAP = "[data-testid='stDeckGlJsonChart']"
ATLAS = load_atlas()


def wait_for_map(page):
    page.wait_for_selector(f"{MAP} canvas", timeout=60_000)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(2000)


def metric(page, label: str) -> int:
    box = page.locator("[data-testid='stMetric']", has_text=label).first
    return int(box.locator("[data-testid='stMetricValue']").inner_text().replace(",", ""))


def slider_values(page) -> list[int]:
    thumbs = page.locator("[data-testid='stSlider'] input[type='range']")
    return [int(thumbs.nth(i).get_attribute("value")) for i in range(thumbs.count())]


def land_mask(page) -> np.ndarray:
    png = page.locator(MAP).screenshot()
    image = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
    return (np.abs(image - np.array(LAND)) <= 10).all(axis=-1)


def overlap(a: np.ndarray, b: np.ndarray) -> float:
    return (a & b).sum() / max((a | b).sum(), 1)


def test_a_click_on_a_place_opens_its_province_page(server, offline_page, artifacts):
    page = offline_page
    page.goto(server + "/")
    wait_for_map(page)
    box = page.locator(MAP).bounding_box()
    spec = deck_for(box)
    viewport = viewport_of(spec, box)
    places = next(layer for layer in spec["layers"] if layer["id"] == "places")["data"]
    westmost = min((p for p in places if p["country"] == "CN"), key=lambda p: p["position"][0])
    x, y = viewport.pixel(*westmost["position"])
    page.mouse.click(box["x"] + x, box["y"] + y)
    page.wait_for_url(re.compile(r"/province\?"), timeout=30_000)
    page.wait_for_selector("h1", timeout=30_000)
    assert westmost["admin"] in page.locator("h1").first.inner_text()
    assert "name=" + westmost["admin"].replace(" ", "+") in page.evaluate("location.href")
    page.screenshot(path=str(artifacts / "province-after-click.png"), full_page=True)
    page.go_back()
    page.wait_for_url(re.compile(r"/(overview)?(\?|$)"), timeout=30_000)
    assert page.left_the_machine == []


def test_play_runs_to_the_last_year_and_keeps_a_panned_camera(server, offline_page, artifacts):
    page = offline_page
    low, high = ATLAS.bounds
    page.goto(f"{server}/?years={low}&years={low}")
    wait_for_map(page)
    page.get_by_text("Fast", exact=True).click()
    page.wait_for_timeout(1000)
    before_pan = land_mask(page)
    box = page.locator(MAP).bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 - 180, box["y"] + box["height"] / 2 + 60, steps=12)
    page.mouse.up()
    page.wait_for_timeout(800)
    panned = land_mask(page)
    assert overlap(panned, before_pan) < 0.8, "the drag moved the map"

    page.get_by_role("button", name=re.compile("Play")).click()
    page.wait_for_timeout(4000)
    during_play = land_mask(page)
    assert slider_values(page)[1] > low, "playback advanced the year"
    assert overlap(during_play, panned) > 0.9, "playback kept the panned camera"
    assert overlap(during_play, before_pan) < 0.8

    page.wait_for_function(
        """high => {
            const ends = document.querySelectorAll("[data-testid='stSlider'] input[type='range']");
            return ends.length === 2 && Number(ends[1].value) === high;
        }""", arg=high, timeout=(high - low) * 2000 + 30_000)
    page.get_by_role("button", name="Play", exact=False).wait_for(timeout=15_000)
    page.wait_for_timeout(1500)
    final = apply_filters(ATLAS.located, Filters(YearWindow(low, high)))
    assert slider_values(page) == [low, high]
    assert metric(page, "Pairs shown") == len(final)
    assert f"years={low}&years={high}" in page.evaluate("location.href")
    page.screenshot(path=str(artifacts / "overview-after-play.png"), full_page=True)
    assert page.left_the_machine == []


def test_filters_live_in_the_url_and_survive_moving_between_pages(server, offline_page):
    page = offline_page
    page.goto(f"{server}/?years=1985&years=2005&level=city")
    wait_for_map(page)
    assert slider_values(page) == [1985, 2005]
    page.get_by_role("link", name="States").click()
    page.wait_for_url(re.compile(r"/state"), timeout=30_000)
    page.wait_for_timeout(1500)
    href = page.evaluate("location.href")
    assert "years=1985&years=2005" in href
    assert "level=city" in href
    page.go_back()
    page.wait_for_url(re.compile(r"/(overview)?\?"), timeout=30_000)
    page.wait_for_timeout(1500)
    assert slider_values(page) == [1985, 2005]


def test_a_deep_link_opened_first_on_a_fresh_server_gets_the_full_app(offline_page):
    """A saved link must work as the very first request (a presenter's fresh laptop)."""
    from tests.browser.conftest import start_server

    process, url = start_server()
    try:
        page = offline_page
        page.goto(f"{url}/province?name=Hubei&lang=zh")
        page.wait_for_selector("h1", timeout=60_000)
        page.wait_for_timeout(2000)
        nav = page.locator("[data-testid='stSidebar']").inner_text()
        assert "中国省份" in nav and "dashboard" not in nav
        assert page.locator("h1").first.inner_text().startswith("湖北")
        assert "name=Hubei" in page.evaluate("location.href")
    finally:
        process.terminate()
        process.wait(timeout=20)
