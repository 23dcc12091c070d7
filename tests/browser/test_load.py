"""Browsers at once on one server: each sees its own view, none errors, the server lives. Many
more sessions at once are measured over the websocket without a browser each (bench/load.py,
`make bench`): six real browsers rendering the map in software WebGL already fill 2 cores."""

import urllib.request

import pytest

from sistercities.atlas import load_atlas
from sistercities.timeline import YearWindow
from sistercities.view import Filters, apply_filters

pytestmark = pytest.mark.browser
SESSIONS = 6


def test_concurrent_browser_sessions_each_show_their_own_view(server, chromium):
    atlas = load_atlas()
    low, high = atlas.bounds
    ranges = [(low + 3 * n, high - (n % 4)) for n in range(SESSIONS)]
    levels = ["city" if n % 2 else "" for n in range(SESSIONS)]
    contexts = [chromium.new_context(viewport={"width": 1200, "height": 900}) for _ in ranges]
    pages = [context.new_page() for context in contexts]
    try:
        for page, (start, end), level in zip(pages, ranges, levels):
            query = f"years={start}&years={end}" + (f"&level={level}" if level else "")
            page.goto(f"{server}/?{query}", wait_until="commit")
        for page, (start, end), level in zip(pages, ranges, levels):
            metric = page.locator("[data-testid='stMetric']", has_text="Pairs shown").first
            metric.wait_for(timeout=240_000)
            page.wait_for_selector("[data-testid='stDeckGlJsonChart'] canvas", timeout=240_000)
            expected = len(apply_filters(atlas.located, Filters(YearWindow(start, end),
                                                                (level,) if level else ())))
            shown = int(metric.locator("[data-testid='stMetricValue']").inner_text().replace(",", ""))
            assert shown == expected, f"session {start}-{end} {level}: {shown} != {expected}"
            assert page.locator("[data-testid='stException']").count() == 0
    finally:
        for context in contexts:
            context.close()
    with urllib.request.urlopen(f"{server}/_stcore/health", timeout=10) as answer:
        assert answer.status == 200
