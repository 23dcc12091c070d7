"""Run inside a network namespace with nothing but loopback (see test_offline.py): start the
server, open every page in Chromium, and write what was seen to a JSON report."""

import io
import json
import sys
from pathlib import Path

import numpy as np
from PIL import Image
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, start_server  # noqa: E402

PAGES = ["/", "/province?name=Jiangsu", "/state?name=California", "/sources",
         "/?lang=zh&present=1&deck=tour&slide=4"]


def main(out: Path) -> None:
    process, url = start_server()
    report = {"pages": {}, "requests": []}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.on("request", lambda r: report["requests"].append(r.url))
            for path in PAGES:
                page.goto(url + path)
                page.wait_for_selector("h1", timeout=60_000)
                page.wait_for_load_state("networkidle")
                page.wait_for_timeout(2500)
                chart = page.locator("[data-testid='stDeckGlJsonChart']")
                spread = None
                if chart.count():
                    image = Image.open(io.BytesIO(chart.first.screenshot())).convert("RGB")
                    spread = float(np.asarray(image).std())
                report["pages"][path] = {
                    "title": page.locator("h1").first.inner_text(),
                    "errors": page.locator("[data-testid='stException']").count(),
                    "map_spread": spread,
                }
                name = "presenter" if "present=1" in path else path.strip("/").split("?")[0] or "overview"
                page.screenshot(path=str(out / f"offline-{name}.png"))
            browser.close()
    finally:
        process.terminate()
        process.wait(timeout=20)
    (out / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
