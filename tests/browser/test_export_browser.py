"""The export buttons in headless Chromium: a click downloads the file the core builds."""

import io
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from sistercities import export
from sistercities.atlas import load_atlas
from sistercities.timeline import YearWindow
from sistercities.view import Filters, apply_filters
from tests.browser.conftest import free_port
from tests.conftest import ARTIFACTS, ROOT

pytestmark = pytest.mark.browser

# A page with only the component on Jiangsu's view, so the test does not depend on where a
# page places it.
HARNESS = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
from components import export_buttons
from sistercities.atlas import load_atlas
from sistercities.timeline import YearWindow
from sistercities.view import Filters, apply_filters

atlas = load_atlas()
view = apply_filters(atlas.located, Filters(YearWindow(1979, 2023), province="Jiangsu"))
scope = atlas.pairs[atlas.pairs["province"] == "Jiangsu"]
export_buttons.show(view, 1979, 2023, "Jiangsu", "en", key="export", chart_pairs=scope,
                    bounds=atlas.bounds, events=atlas.events)
"""


@pytest.fixture(scope="module")
def harness(tmp_path_factory):
    script = tmp_path_factory.mktemp("harness") / "export_harness.py"
    script.write_text(HARNESS, encoding="utf-8")
    port = free_port()
    ARTIFACTS.mkdir(exist_ok=True)
    with (ARTIFACTS / f"export-server-{port}.log").open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true",
             "--browser.gatherUsageStats", "false"], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                break
        except OSError:
            time.sleep(0.3)
    yield url
    process.terminate()
    process.wait(timeout=20)


def download(page, label: str) -> bytes:
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name=label).click()
    return Path(info.value.path()).read_bytes()


def test_the_map_png_button_downloads_the_same_pixels_as_the_core(harness, offline_page):
    page = offline_page
    page.goto(harness)
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
