"""The export buttons on a real page in headless Chromium: a click downloads what the core builds."""

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from sistercities import export
from sistercities.atlas import load_atlas
from sistercities.timeline import YearWindow
from sistercities.view import Filters, apply_filters

pytestmark = pytest.mark.browser


def download(page, label: str) -> bytes:
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name=label).click()
    return Path(info.value.path()).read_bytes()


def test_the_map_png_button_downloads_the_same_pixels_as_the_core(server, offline_page):
    page = offline_page
    page.goto(f"{server}/province?name=Jiangsu&years=1979&years=2023")
    page.wait_for_selector("[data-testid='stDeckGlJsonChart'] canvas", timeout=60_000)
    page.get_by_text("Export this view").click()
    page.get_by_text("2x", exact=True).click()
    page.wait_for_timeout(1500)  # the rerun that takes the new scale
    downloaded = Image.open(io.BytesIO(download(page, "Map PNG")))
    atlas = load_atlas()
    view = apply_filters(atlas.located, Filters(YearWindow(1979, 2023), province="Jiangsu"))
    expected = Image.open(io.BytesIO(export.map_image(view, 1979, 2023, scale=2,
                                                      scope_label="Jiangsu")))
    assert downloaded.size == (export.MAP_SIZE[0] * 2, export.MAP_SIZE[1] * 2)
    assert np.array_equal(np.asarray(downloaded), np.asarray(expected))
    csv = download(page, "Pairs CSV").decode("utf-8-sig")
    assert len(csv.strip().splitlines()) == len(view) + 1
    assert page.left_the_machine == []
