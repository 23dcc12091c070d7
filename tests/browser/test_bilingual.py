"""Chinese in the browser: the interface in 简体中文 with the font the app serves itself."""

import pytest

pytestmark = pytest.mark.browser


def test_the_chinese_interface_uses_the_font_served_by_the_app(server, offline_page, artifacts):
    page = offline_page
    fonts = []
    page.on("response", lambda r: fonts.append((r.url, r.status)) if r.url.endswith(".woff2") else None)
    page.goto(f"{server}/?lang=zh")
    page.wait_for_selector("h1", timeout=60_000)
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").first.inner_text() == "中美友好城市地图"
    loaded = page.evaluate("""async () => {
        await document.fonts.ready;
        return [...document.fonts].filter(f => f.family.replace(/"/g, '') === 'Atlas CJK')
                                  .map(f => f.status);
    }""")
    assert "loaded" in loaded
    assert any(url.endswith("/app/static/fonts/atlas-cjk.woff2") and status == 200
               for url, status in fonts)
    page.screenshot(path=str(artifacts / "overview-zh.png"), full_page=True)
    assert page.left_the_machine == []
