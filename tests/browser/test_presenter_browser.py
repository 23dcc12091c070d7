"""Presenter mode in Chromium: arrow keys step through slides, but not while the slider has focus."""

import re

import pytest

pytestmark = pytest.mark.browser


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
