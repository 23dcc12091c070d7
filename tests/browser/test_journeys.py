"""Five people and their real tasks, end to end in headless Chromium: an analyst, a presenter
on a projector, an attendee on a phone, a keyboard-only user, someone checking their own CSV.
Each step does what the person does (click, type, press keys, tap, download) and checks what
they see. The comments name the item of the journeys issue each check keeps fixed."""

import csv
import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
import zxingcpp
from PIL import Image

from sistercities.atlas import load_atlas
from tests.app.helpers import deck_for, viewport_of
from tests.browser.conftest import LOCAL_HOSTS

pytestmark = pytest.mark.browser
MAP = "[data-testid='stDeckGlJsonChart']"
ATLAS = load_atlas()
LAPTOP = {"viewport": {"width": 1280, "height": 720}}
PROJECTOR = {"viewport": {"width": 1920, "height": 1080}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 3}


@pytest.fixture
def person(chromium, server, artifacts):
    """A browser for one person (a screen size), with every request off the machine refused."""
    contexts = []

    def open_browser(size: dict):
        context = chromium.new_context(accept_downloads=True, **size)
        contexts.append(context)
        context.route("**/*", lambda route: route.continue_()
                      if urlparse(route.request.url).hostname in LOCAL_HOSTS
                      or route.request.url.startswith(("data:", "blob:")) else route.abort())
        page = context.new_page()
        page.server = server
        return page

    yield open_browser
    for context in contexts:
        context.close()


def visit(page, path: str, wait_for: str = f"{MAP} canvas") -> None:
    page.goto(page.server + path)
    page.wait_for_selector(wait_for, timeout=60_000)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1500)


def settle(page, ms: int = 1800) -> None:
    page.wait_for_timeout(ms)


def view_in_url(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.evaluate("location.href")).query)


def slider_values(page) -> list[int]:
    thumbs = page.locator("[data-testid='stMain'] [data-testid='stSlider'] input[type='range']")
    return [int(thumbs.nth(i).get_attribute("value")) for i in range(thumbs.count())]


def toggle_states(page) -> dict[str, bool]:
    """The sidebar's segmented controls (Language, Show): which option looks selected."""
    buttons = page.locator("[data-testid='stSidebar'] [data-testid='stButtonGroup'] button")
    return {buttons.nth(i).inner_text(): buttons.nth(i).get_attribute("aria-checked") == "true"
            for i in range(buttons.count()) if buttons.nth(i).inner_text()}


def main_text(page) -> str:
    return page.locator("[data-testid='stMain']").inner_text()


def download(page, button: str) -> tuple[str, bytes]:
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name=button, exact=True).click()
    return info.value.suggested_filename, Path(info.value.path()).read_bytes()


def test_an_analyst_filters_moves_the_years_shares_searches_exports_and_drills_down(person,
                                                                                  artifacts):
    page = person(LAPTOP)
    visit(page, "/")
    # She keeps only city pairs.
    page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first.click()
    page.get_by_role("option", name="City–city").click()
    page.keyboard.press("Escape")
    settle(page)
    assert view_in_url(page)["level"] == ["city"]
    # Item 4: eight quick presses of ← on the slider's end: the link matches the screen and
    # the browser's history did not grow by a step per press.
    history = page.evaluate("history.length")
    thumbs = page.locator("[data-testid='stMain'] [data-testid='stSlider'] input[type='range']")
    thumbs.nth(1).focus()
    for _ in range(8):
        page.keyboard.press("ArrowLeft")
        page.wait_for_timeout(60)
    settle(page, 3000)
    low, high = ATLAS.bounds
    assert slider_values(page) == [low, high - 8]
    assert view_in_url(page)["years"] == [str(low), str(high - 8)]
    assert page.evaluate("history.length") == history
    # Item 2: the sidebar's link to the Sources page keeps the years and the level, and the
    # page's table follows them and says so.
    page.get_by_role("link", name="Sources & coverage").click()
    page.wait_for_function("location.pathname.startsWith('/sources')", timeout=30_000)
    settle(page)
    url = view_in_url(page)
    assert url["years"] == [str(low), str(high - 8)] and url["level"] == ["city"]
    assert "those the filters let through" in main_text(page)
    # Item 3: the Language and Show toggles still show their choice after the link...
    assert toggle_states(page)["English"] and toggle_states(page)["Signed in range"]
    # ...and after Back, which returns to the overview with its own URL (no name in it).
    page.go_back()
    page.wait_for_function("!location.pathname.startsWith('/sources')", timeout=30_000)
    settle(page)
    assert toggle_states(page)["English"] and toggle_states(page)["Signed in range"]
    assert "name" not in view_in_url(page)
    # Item 8: "苏州" and "Suzhou" find the same pairs (Wujiang is under Suzhou in both).
    search = page.locator("[data-testid='stSidebar'] [data-testid='stTextInput'] input")
    counts = {}
    for query in ("苏州", "Suzhou"):
        search.fill(query)
        search.press("Enter")
        settle(page, 2500)
        match = re.search(r"(\d+) of (?:the )?\d+ pairs in view match", main_text(page))
        assert match, main_text(page)[:1500]
        counts[query] = int(match.group(1))
    assert counts["苏州"] == counts["Suzhou"] > 0
    search.fill("Atlantisxyz")
    search.press("Enter")
    settle(page, 2500)
    assert "No pair in view matches “Atlantisxyz”" in main_text(page)
    assert "highlighted" not in main_text(page)
    search.fill("")
    search.press("Enter")
    settle(page, 2500)
    # Item 9: the exports say which filters made them, and the CSV reads in year order.
    page.get_by_role("button", name="Export this view").click()
    page.wait_for_selector("[role='dialog']", timeout=30_000)
    name, svg = download(page, "Map SVG")
    assert "city-city" in name, name
    titles = [text for text in svg_texts(svg) if "China–US" in text]
    assert titles and "City–city" in titles[0], titles
    name, data = download(page, "Pairs CSV")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    years = [int(row["year"]) if row["year"] else 9999 for row in rows]  # unknown years last
    assert years == sorted(years) and {row["level"] for row in rows} == {"city"}
    page.locator("[role='dialog']").get_by_role("button", name="Close").click()
    page.wait_for_selector("[role='dialog']", state="detached", timeout=30_000)
    page.screenshot(path=str(artifacts / "journey-analyst.png"), full_page=True)
    # She opens a province from the map: its page keeps her view; Back returns to the
    # overview as she left it (item 10: no province name left in its URL).
    page.locator(MAP).scroll_into_view_if_needed()
    settle(page, 500)
    box = page.locator(MAP).bounding_box()
    spec = deck_for(box, years=[str(low), str(high - 8)], level="city")
    places = next(layer for layer in spec["layers"] if layer["id"] == "places")["data"]
    westmost = min((p for p in places if p["country"] == "CN"), key=lambda p: p["position"][0])
    x, y = viewport_of(spec, box).pixel(*westmost["position"])
    page.mouse.move(box["x"] + x, box["y"] + y, steps=4)
    page.mouse.click(box["x"] + x, box["y"] + y)
    page.wait_for_function("location.pathname.startsWith('/province')", timeout=30_000)
    settle(page)
    url = view_in_url(page)
    assert url["name"] == [westmost["admin"]] and url["level"] == ["city"]
    assert url["years"] == [str(low), str(high - 8)]
    page.go_back()
    page.wait_for_function("!location.pathname.startsWith('/province')", timeout=30_000)
    settle(page)
    assert "name" not in view_in_url(page) and view_in_url(page)["level"] == ["city"]


def test_an_analysts_gif_of_a_window_plays_that_window(person):
    """Item 9: the GIF of 1990–2010 has a frame per year of 1990–2010, not from 1979."""
    page = person(LAPTOP)
    visit(page, "/?years=1990&years=2010")
    page.get_by_role("button", name="Export this view").click()
    page.wait_for_selector("[role='dialog']", timeout=30_000)
    _, gif = download(page, "Timeline GIF")
    assert Image.open(io.BytesIO(gif)).n_frames == 2010 - 1990 + 1


def test_a_presenter_starts_a_saved_presentation_and_steps_through_it(person, artifacts):
    page = person(PROJECTOR)
    visit(page, "/?present=1")
    # Item 1: the saved presentation is offered by its title and starts from the app.
    page.locator("[data-testid='stSelectbox']").first.click()
    options = page.get_by_role("option").all_inner_texts()
    assert options == ["China–US sister cities since 1979"], options
    page.get_by_role("option", name="China–US sister cities since 1979").click()
    page.wait_for_function("location.search.includes('slide=1')", timeout=30_000)
    settle(page, 2500)
    assert "1 / 6" in main_text(page)
    page.keyboard.press("ArrowRight")
    page.wait_for_function("location.search.includes('slide=2')", timeout=30_000)
    settle(page, 2500)
    assert "2 / 6" in main_text(page)
    # Item 10: while the timeline plays, the slider's thumbs stand out of the dark page.
    assert page.get_by_role("button", name="Pause").count() == 1
    thumb = page.locator("[data-testid='stSlider'] [style*='translate(-50%, -50%)']").first
    thumb_colour = thumb.evaluate("el => getComputedStyle(el).backgroundColor")
    assert brightness(thumb_colour) > 120, thumb_colour
    # Item 10: the map's fullscreen button is a dark tile, not a white one.
    page.locator(MAP).hover()
    settle(page, 600)
    tile = page.locator("[data-testid='stElementToolbar']").first
    assert brightness(tile.evaluate("el => getComputedStyle(el).backgroundColor")) < 80
    page.screenshot(path=str(artifacts / "journey-presenter.png"))
    for slide in (3, 4):
        page.keyboard.press("ArrowRight")
        page.wait_for_function(f"location.search.includes('slide={slide}')", timeout=30_000)
        settle(page, 1500)
    # Issue 16, item 6: the room scans the QR code and opens the same view on a phone.
    page.get_by_role("button", name="QR code").click()
    code = page.locator("[role='dialog'] [data-testid='stImage'] img")
    code.wait_for(timeout=30_000)
    settle(page, 800)
    scanned = [c.text for c in zxingcpp.read_barcodes(Image.open(io.BytesIO(code.screenshot())))]
    shown = page.locator("[role='dialog'] [data-testid='stCode']").inner_text().strip()
    assert scanned == [shown], (scanned, shown)
    assert "ATLAS_PUBLIC_URL" in page.locator("[role='dialog']").inner_text(), "localhost warned"
    page.screenshot(path=str(artifacts / "journey-presenter-qr.png"))
    presenter_years = view_in_url(page)["years"]
    phone = person(PHONE)
    phone.goto(scanned[0])
    phone.wait_for_selector(f"{MAP} canvas", timeout=60_000)
    settle(phone, 1500)
    assert phone.locator("h1").first.inner_text().startswith("Jiangsu")
    assert view_in_url(phone)["years"] == presenter_years
    assert "present" not in view_in_url(phone), "the room gets the view, not presenter mode"
    page.keyboard.press("Escape")
    settle(page, 600)
    # Item 10: the Sources slide does not send the audience to a hidden sidebar.
    for slide in (5, 6):
        page.keyboard.press("ArrowRight")
        page.wait_for_function(f"location.search.includes('slide={slide}')", timeout=30_000)
        settle(page, 1500)
    page.wait_for_selector("h1", timeout=30_000)
    assert "sidebar" not in main_text(page).lower()
    assert "name" not in view_in_url(page)


def svg_texts(svg: bytes) -> list[str]:
    return [node.text or "" for node in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}text")]


def brightness(css_colour: str) -> float:
    red, green, blue = (int(v) for v in re.findall(r"\d+", css_colour)[:3])
    return 0.299 * red + 0.587 * green + 0.114 * blue


def test_the_figures_stay_one_readable_row_on_every_desktop_width(person):
    page = person(LAPTOP)
    visit(page, "/")
    for width, height in ((1280, 720), (1366, 768), (1400, 1060), (1440, 900), (1920, 1080)):
        page.set_viewport_size({"width": width, "height": height})
        settle(page, 600)
        boxes = [m.bounding_box() for m in page.locator("[data-testid='stMetric']").all()]
        # Squeezed beside the controls they once broke into a grid of two, or ran off screen.
        assert len({round(box["y"]) for box in boxes}) == 1, (width, boxes)
        assert max(box["x"] + box["width"] for box in boxes) <= width, (width, boxes)


def test_an_attendee_on_a_phone_reads_the_figures_and_switches_to_chinese(person, artifacts):
    page = person(PHONE)
    visit(page, "/?level=city")
    # The figures sit in one compact row, not a tall column.
    tops = {round(box["y"]) for box in (m.bounding_box() for m in
                                        page.locator("[data-testid='stMetric']").all())}
    assert len(tops) == 1, tops
    # Item 5: switching to 中文 turns the filter chips Chinese at once.
    page.locator("[data-testid='stExpandSidebarButton'], [data-testid='stSidebarCollapsedControl'] "
                 "button").first.tap()
    page.wait_for_selector("[data-testid='stSidebar'] [data-testid='stButtonGroup']",
                           timeout=30_000)
    page.locator("[data-testid='stSidebar']").get_by_text("中文", exact=True).tap()
    settle(page, 3000)
    chips = page.locator("[data-testid='stSidebar'] .react-aria-ComboBox [data-tag]")
    assert chips.all_inner_texts() == ["友好城市"]
    page.screenshot(path=str(artifacts / "journey-phone-zh.png"))


def test_a_keyboard_user_plays_and_pauses_and_finds_links_in_reading_order(person):
    page = person(LAPTOP)
    visit(page, "/")
    # Item 7: Play keeps the focus: Enter again pauses.
    page.get_by_role("button", name="Play").focus()
    page.keyboard.press("Enter")
    settle(page, 2000)
    focused = page.evaluate("document.activeElement.innerText")
    assert "Pause" in focused, focused
    page.keyboard.press("Enter")
    settle(page, 2000)
    assert "Play" in page.evaluate("document.activeElement.innerText")
    # Item 7: a focused sidebar link is outlined, unlike the current page's.
    link = page.get_by_role("link", name="States")
    link.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    outline = link.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none", outline
    # Item 7: the province index's links are reached by Tab in the order they read.
    visit(page, "/province", wait_for="[data-testid='stPageLink']")
    links = page.locator("[data-testid='stMain'] [data-testid='stPageLink'] a")
    boxes = [(round(b["y"]), round(b["x"]), text) for b, text in
             ((links.nth(i).bounding_box(), links.nth(i).inner_text()) for i in range(links.count()))]
    reading = [text for _, _, text in sorted(boxes)]
    links.first.focus()
    tabbed = [page.evaluate("document.activeElement.innerText")]
    for _ in range(len(reading) - 1):
        page.keyboard.press("Tab")
        tabbed.append(page.evaluate("document.activeElement.innerText"))
    assert tabbed == reading


SHORT_ROW = b"city,sister,Jiangsu,\xe6\xb1\x9f\xe8\x8b\x8f,Wuxi,\xe6\x97\xa0\xe9\x94\xa1,Ohio\n"


def test_someone_checks_their_own_csv_and_reads_what_to_fix(person, artifacts):
    page = person(LAPTOP)
    visit(page, "/upload", wait_for="[data-testid='stFileUploader']")
    # Item 6: a template to start from, which the checker itself accepts.
    name, template = download(page, "Download a template (the header and one example row)")
    assert name.endswith(".csv") and template.decode("utf-8-sig").count("\n") == 2
    header = template.decode("utf-8-sig").splitlines()[0].encode()
    mine = header + b"\n" + template.decode("utf-8-sig").splitlines()[1].encode() + b"\n" + SHORT_ROW
    page.set_input_files("[data-testid='stFileUploaderDropzoneInput']",
                         files=[{"name": "mine.csv", "mimeType": "text/csv", "buffer": mine}])
    page.wait_for_selector(f"{MAP} canvas", timeout=60_000)
    settle(page)
    shown = main_text(page)
    # Item 6: the summary counts rows, not messages.
    assert "1 valid pairs; 1 row with problems" in shown, shown[:600]
    page.screenshot(path=str(artifacts / "journey-csv.png"), full_page=True)
    # Item 6: the map of your own pairs does not promise clicks that do nothing.
    assert "Click a place" not in shown and "Tap a place" not in shown
    box = page.locator(MAP).bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    settle(page)
    assert page.evaluate("location.pathname").startswith("/upload")
    # Item 5: in Chinese, the checker speaks Chinese.
    page.locator("[data-testid='stSidebar']").get_by_text("中文", exact=True).click()
    settle(page, 3000)
    assert "1 行有问题" in main_text(page)
