"""Presenter mode in Chromium: arrow keys step through slides (not while the slider has focus),
and the projector-wide map."""

import io
import re

import numpy as np
import pytest
from PIL import Image

from sistercities.mapdeck import DECK_LON_SHIFT
from tests.app.helpers import deck_for, viewport_of

pytestmark = pytest.mark.browser
MAP = "[data-testid='stDeckGlJsonChart']"


def slide_in_url(page) -> int:
    match = re.search(r"[?&]slide=(\d+)", page.evaluate("location.href"))
    return int(match.group(1)) if match else 0


def test_arrow_keys_step_through_slides_without_fighting_a_focused_slider(server, offline_page,
                                                                         artifacts):
    page = offline_page
    page.goto(f"{server}/?present=1&deck=tour&slide=3")
    page.wait_for_selector("[data-testid='stDeckGlJsonChart'] canvas", timeout=60_000)
    page.wait_for_timeout(2000)
    assert page.locator("[data-testid='stSidebar']").is_hidden()
    page.screenshot(path=str(artifacts / "presenter-slide-3.png"), full_page=True)

    end = page.locator("[data-testid='stSlider'] input[type='range']").nth(1)
    before = int(end.get_attribute("value"))
    end.focus()
    page.keyboard.press("ArrowLeft")
    page.wait_for_timeout(2500)
    assert int(page.locator("[data-testid='stSlider'] input[type='range']").nth(1)
               .get_attribute("value")) == before - 1, "the focused slider took the key"
    assert slide_in_url(page) == 3, "and the slide did not change"

    page.locator("h1").first.click()  # focus leaves the slider
    page.keyboard.press("ArrowRight")
    page.wait_for_url(re.compile(r"/province\?.*slide=4"), timeout=30_000)
    page.wait_for_selector("h1", timeout=30_000)
    assert page.locator("h1").first.inner_text().startswith("Jiangsu")
    page.keyboard.press("ArrowLeft")
    page.wait_for_function("() => location.href.includes('slide=3')", timeout=30_000)
    assert page.left_the_machine == []


def test_arcs_look_the_same_either_side_of_the_180th_meridian_on_a_projector(chromium, server):
    """World copies once drew every arc twice east of 180° on a projector-wide map: a seam,
    darker to the east. Pixel columns a few pixels either side of 180° must match as well as
    columns either side of any other meridian."""
    context = chromium.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    page.goto(f"{server}/?present=1&deck=tour&slide=3")  # province–state arcs, no playback
    page.wait_for_selector(f"{MAP} canvas", timeout=60_000)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(3000)
    image = np.asarray(Image.open(io.BytesIO(page.locator(MAP).screenshot())).convert("RGB"))
    context.close()
    box = {"width": image.shape[1], "height": image.shape[0]}
    spec = deck_for(box, present="1", deck="tour", slide="3")
    camera = spec["initialViewState"]
    viewport = viewport_of(spec, box)

    def east_minus_west(lon: float) -> float:
        """`lon` a real longitude east of Greenwich; the deck draws it moved."""
        x = round(viewport.pixel(lon + DECK_LON_SHIFT, camera["latitude"])[0])
        columns = image[:, [x - 3, x + 3]].astype(int).sum(axis=2)
        return float((columns[:, 1] - columns[:, 0]).mean())

    controls = [east_minus_west(lon) for lon in (160, 170, 190, 200)]
    assert all(abs(c) < 5 for c in controls), f"arcs differ across ordinary meridians: {controls}"
    assert east_minus_west(180) > -5, f"arcs darker east of 180°: {east_minus_west(180):.1f}"


def test_the_wheel_scrolls_a_presenters_page_without_zooming_the_map(chromium, server):
    context = chromium.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    page.goto(f"{server}/?present=1&deck=tour&slide=3")
    page.wait_for_selector(f"{MAP} canvas", timeout=60_000)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(3000)
    chart = page.locator(MAP)
    before = np.asarray(Image.open(io.BytesIO(chart.screenshot())).convert("RGB")).astype(int)
    box = chart.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    for _ in range(4):
        page.mouse.wheel(0, 300)
        page.wait_for_timeout(200)
    page.wait_for_timeout(1000)
    after = np.asarray(Image.open(io.BytesIO(chart.screenshot())).convert("RGB")).astype(int)
    context.close()
    changed = (np.abs(after - before).sum(axis=-1) > 30).mean()
    assert changed < 0.01, f"{changed:.0%} of the map changed: the wheel zoomed it"
