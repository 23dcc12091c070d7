"""Uploading your own CSV: clear messages for every kind of bad file; the bundled data untouched."""

import hashlib

import pytest

from sistercities.dataset import PAIRINGS_FILE, parse_pairings
from tests.conftest import FIXTURES

pytestmark = pytest.mark.browser
GOOD = (FIXTURES / "good.csv").read_bytes()
BAD = parse_pairings((FIXTURES / "bad.csv").read_bytes())


def upload(page, server, name: str, data: bytes) -> str:
    page.goto(server + "/upload")
    page.wait_for_selector("[data-testid='stFileUploaderDropzoneInput']", state="attached",
                           timeout=60_000)
    page.set_input_files("[data-testid='stFileUploaderDropzoneInput']",
                         files=[{"name": name, "mimeType": "text/csv", "buffer": data}])
    page.wait_for_timeout(2500)
    return page.locator("[data-testid='stMain']").inner_text()


@pytest.mark.parametrize(("name", "data", "expected"), [
    ("gbk.csv", "level,province\ncity,江苏\n".encode("gbk"), "looks like GBK"),
    ("utf16.csv", GOOD.decode().encode("utf-16"), "UTF-16 encoded"),
    ("empty.csv", b"", "is empty"),
    ("columns.csv", b"level,relation\ncity,sister\n", "missing column(s): province"),
    ("bom.csv", b"\xef\xbb\xbf" + GOOD, "4 valid pairs; 0 rows with problems (0 problems in all)"),
    ("extra.csv", GOOD.replace(b"notes\n", b"notes,mood\n", 1), "not in the schema were ignored: mood"),
    ("bad.csv", (FIXTURES / "bad.csv").read_bytes(),
     f"1 valid pairs; {len({i.row for i in BAD.errors})} rows with problems "
     f"({len(BAD.errors)} problems in all)"),
])
def test_each_kind_of_file_gets_a_clear_message_and_no_traceback(server, offline_page, name, data,
                                                                 expected):
    before = hashlib.sha256(PAIRINGS_FILE.read_bytes()).hexdigest()
    shown = upload(offline_page, server, name, data)
    assert expected in shown, shown[:1500]
    assert offline_page.locator("[data-testid='stException']").count() == 0
    assert "Traceback" not in shown
    assert hashlib.sha256(PAIRINGS_FILE.read_bytes()).hexdigest() == before


def test_a_file_over_the_stated_limit_is_refused_with_its_size(server, offline_page):
    shown = upload(offline_page, server, "big.csv", GOOD + b"x" * (6 * 1024 * 1024))
    assert "5" in shown and "MB" in shown, shown[:800]
    assert "valid pairs" not in shown


def test_a_good_file_is_drawn_on_the_map(server, offline_page):
    shown = upload(offline_page, server, "good.csv", GOOD)
    assert "4 valid pairs" in shown
    offline_page.wait_for_selector("[data-testid='stDeckGlJsonChart'] canvas", timeout=30_000)
