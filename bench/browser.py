"""First page load to map drawn, in headless Chromium against a running `streamlit run`."""

from __future__ import annotations

import http.client
import io
import json
import os
import statistics
import subprocess
import time
from pathlib import Path
from urllib.parse import urlparse

import numpy as np
from PIL import Image

from sistercities.mapdeck import LAND
from tests.browser import server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
MAP = "[data-testid='stDeckGlJsonChart']"
BASEMAP_FILES = ("countries.geojson", "borders.json")
TIMEOUT_MS = 60_000
# In-page clocks, which a busy renderer cannot delay as it delays Playwright's polling: a
# MutationObserver notes when the deck's canvas appears; then, each frame, a requestAnimationFrame
# callback that runs after deck.gl's (same frame, before the WebGL buffer is presented) reads
# the canvas back and notes when land (the basemap) and arcs (the only saturated colours) show.
IN_PAGE_CLOCKS = """
const CANVAS = "__CANVAS__", LAND = __LAND__, NEED_LAND = __NEED_LAND__;
new MutationObserver((_, observer) => {
  if (document.querySelector(CANVAS)) {
    window.__deckCanvasAt = performance.now();
    observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
const copy = document.createElement("canvas");
function look() {
  const canvas = document.querySelector(CANVAS);
  if (canvas && canvas.width) {
    copy.width = canvas.width; copy.height = canvas.height;
    const context = copy.getContext("2d", {willReadFrequently: true});
    context.drawImage(canvas, 0, 0);
    const pixels = context.getImageData(0, 0, copy.width, copy.height).data;
    let onLand = 0, saturated = 0, seen = 0;
    for (let i = 0; i < pixels.length; i += 16) {  // every 4th pixel
      const [r, g, b] = [pixels[i], pixels[i + 1], pixels[i + 2]];
      seen++;
      if (Math.abs(r - LAND[0]) <= 10 && Math.abs(g - LAND[1]) <= 10
          && Math.abs(b - LAND[2]) <= 10) onLand++;
      if (Math.max(r, g, b) - Math.min(r, g, b) > 60) saturated++;
    }
    const now = performance.now();
    if (onLand / seen > 0.01) window.__landAt ??= now;
    if (saturated * 4 > 100) window.__arcsAt ??= now;
    if ((window.__landAt || !NEED_LAND) && window.__arcsAt) return;
  }
  requestAnimationFrame(look);
}
requestAnimationFrame(look);
""".replace("__CANVAS__", f"{MAP} canvas").replace("__LAND__", json.dumps(list(LAND)))

BASEMAP_TIMES = """files => files.map(file => Math.max(0, ...performance.getEntriesByType("resource")
  .filter(entry => entry.name.endsWith("/" + file)).map(entry => entry.responseEnd)))"""


def start_server(app: str, log: Path, extra_env: dict[str, str] | None = None
                 ) -> tuple[subprocess.Popen, str]:
    """The app with the bundled data (ATLAS_DATA_DIR is the synthetic runs' business)."""
    env = {key: value for key, value in os.environ.items() if key != "ATLAS_DATA_DIR"}
    return server.start_server(log, app, {**env, **(extra_env or {})})


def map_drawn(png: bytes, basemap: bool) -> bool:
    """Arcs and (with a basemap) land on the canvas, not just an empty deck. Arcs are the only
    saturated colours on the map (the basemap is pale grey-blue and beige)."""
    image = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
    land = (np.abs(image - np.array(LAND)) <= 10).all(axis=-1).mean()
    saturated = int(((image.max(axis=-1) - image.min(axis=-1)) > 60).sum())
    return (land > 0.01 or not basemap) and saturated > 100


def one_load(browser, url: str, basemap: bool) -> dict:
    """A fresh context (empty cache, no cookies): seconds from goto to each milestone."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    blocked: list[str] = []

    def local_only(route) -> None:  # the Atlas must not need the network; refuse and count
        if urlparse(route.request.url).hostname in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", local_only)
    context.add_init_script(IN_PAGE_CLOCKS.replace("__NEED_LAND__", json.dumps(basemap)))
    page = context.new_page()
    started, started_epoch_ms = time.perf_counter(), time.time() * 1000
    page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
    # Page clock (ms since its navigation began) to seconds since goto was called.
    offset_ms = page.evaluate("performance.timeOrigin") - started_epoch_ms
    page.wait_for_selector(f"{MAP} canvas", timeout=TIMEOUT_MS)
    screenshots = 0
    while True:
        shot_started = time.perf_counter()
        png = page.locator(MAP).screenshot(timeout=TIMEOUT_MS)
        screenshots += 1
        if map_drawn(png, basemap):
            break
        if shot_started - started > TIMEOUT_MS / 1000:
            raise RuntimeError("the map was never drawn")
    drawn = time.perf_counter()
    page.wait_for_load_state("networkidle", timeout=TIMEOUT_MS)
    idle = time.perf_counter()
    canvas_ms, arcs_ms, land_ms = page.evaluate(
        "[window.__deckCanvasAt, window.__arcsAt, window.__landAt]")
    basemap_ms = page.evaluate(BASEMAP_TIMES, list(BASEMAP_FILES))
    context.close()
    return {
        "canvas_s": (offset_ms + canvas_ms) / 1000,
        "basemap_fetched_s": (offset_ms + max(basemap_ms)) / 1000 if min(basemap_ms) else None,
        "arcs_drawn_s": (offset_ms + arcs_ms) / 1000 if arcs_ms else None,
        "land_drawn_s": (offset_ms + land_ms) / 1000 if land_ms else None,
        "screenshot_drawn_s": drawn - started,
        "last_screenshot_s": drawn - shot_started,
        "screenshots": screenshots,
        "network_idle_s": idle - started,
        "blocked_requests": blocked,
    }


def kept_alive_request_s(url: str, requests: int = 20) -> float:
    """Median time of a static file fetched again and again over one kept-alive connection
    (the first request excluded): where a server leaves Nagle's algorithm on, each of them
    waits for the client's delayed ACK, as the page's script chunks do."""
    address = urlparse(url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    times = []
    try:
        for _ in range(requests + 1):
            started = time.perf_counter()
            connection.request("GET", "/favicon.png")
            connection.getresponse().read()
            times.append(time.perf_counter() - started)
    finally:
        connection.close()
    return statistics.median(times[1:])


def first_load(app: str, work: Path, basemap: bool = True, loads: int = 5,
               extra_env: dict[str, str] | None = None) -> dict:
    """Median milestones of `loads` first page loads of `app`; `basemap` False for the bare
    app, whose map is drawn when its arcs are."""
    if not CHROMIUM.exists():
        return {"skipped": f"no {CHROMIUM}"}
    from playwright.sync_api import sync_playwright

    process, url = start_server(app, work / f"server-{Path(app).stem}.log", extra_env)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            one_load(browser, url, basemap)  # warm-up: the server loads and caches the data
            runs = [one_load(browser, url, basemap) for _ in range(loads)]
            kept_alive_s = kept_alive_request_s(url)
            browser.close()
    finally:
        process.terminate()
        process.wait(timeout=20)
    for run in runs:
        # Drawn = land and arcs both on the canvas (the page's own clock); if the canvas could
        # not be read back, the screenshot that first showed both.
        in_page = (run["arcs_drawn_s"], run["land_drawn_s"] if basemap else run["arcs_drawn_s"])
        run["map_s"] = max(in_page) if all(in_page) else run["screenshot_drawn_s"]
    keys = ("canvas_s", "basemap_fetched_s", "arcs_drawn_s", "land_drawn_s", "map_s", "screenshot_drawn_s",
            "network_idle_s")
    summary = {key: statistics.median(values) if (values := [run[key] for run in runs
                                                             if run[key] is not None]) else None
               for key in keys}
    return {"loads": loads, **summary, "kept_alive_request_s": kept_alive_s, "runs": runs}
