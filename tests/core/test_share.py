"""The link a room opens from the presenter's QR code, and the code itself read back."""

import io

import pytest
import zxingcpp
from PIL import Image

from sistercities.share import ShareError, is_local, public_base, qr_png, view_link


def read_qr(png: bytes) -> list[str]:
    return [code.text for code in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


def test_the_link_keeps_the_view_and_drops_the_presentation():
    link = view_link("https://atlas.example.org", "province",
                     {"name": "Jiangsu", "years": ["1979", "2000"], "level": ["city"],
                      "present": "1", "deck": "conference", "slide": "3", "q": "苏州"})
    assert link == ("https://atlas.example.org/province?name=Jiangsu&years=1979&years=2000"
                    "&level=city&q=%E8%8B%8F%E5%B7%9E")


def test_the_overview_is_the_root_and_a_bare_view_has_no_query():
    assert view_link("http://10.0.0.5:8501", "overview", {"present": "1"}) == "http://10.0.0.5:8501/"


@pytest.mark.parametrize(("configured", "seen", "base"), [
    ("https://atlas.example.org/", "http://localhost:8501/", "https://atlas.example.org"),
    ("  http://192.168.1.20:8501 ", None, "http://192.168.1.20:8501"),
    (None, "http://10.1.2.3:8501/province?name=Ohio", "http://10.1.2.3:8501"),
    ("", "https://atlas.internal/sources", "https://atlas.internal"),
])
def test_the_base_is_the_configured_address_else_the_one_the_browser_used(configured, seen, base):
    assert public_base(configured, seen) == base


@pytest.mark.parametrize("configured", ["atlas.example.org", "ftp://atlas", "https://"])
def test_a_base_that_is_not_a_web_address_is_named(configured):
    with pytest.raises(ShareError, match="ATLAS_PUBLIC_URL"):
        public_base(configured, "http://localhost:8501/")


def test_only_this_computer_can_open_a_local_address():
    assert is_local("http://localhost:8501") and is_local("http://127.0.0.1:8600")
    assert not is_local("http://192.168.1.20:8501") and not is_local("https://atlas.example.org")


def test_a_phone_reads_the_code_as_the_link():
    link = view_link("http://192.168.1.20:8501", "state",
                     {"name": "Ohio", "years": ["1979", "2010"], "lang": "zh", "q": "武汉"})
    assert read_qr(qr_png(link)) == [link]
