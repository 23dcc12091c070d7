"""Presenter mode and saved presentations."""

from urllib.parse import parse_qs, urlsplit

import pytest

from sistercities.atlas import load_atlas
from sistercities.dataset import DatasetError
from sistercities.presentations import (
    PRESENTATIONS_DIR,
    list_presentations,
    load_presentation,
    titled,
)
from tests.app.helpers import metrics, new_app

ATLAS = load_atlas()


@pytest.mark.parametrize("name", list_presentations())
def test_every_saved_presentation_is_valid_and_names_places_in_the_data(name):
    deck = load_presentation(PRESENTATIONS_DIR / f"{name}.toml")
    assert deck.slides
    for slide in deck.slides:
        if slide.page == "province":
            assert slide.name in set(ATLAS.pairs["province"])
        if slide.page == "state":
            assert slide.name in set(ATLAS.pairs["state"])


@pytest.mark.parametrize(("text", "message"), [
    ("title = 'x'\n", "needs at least one [[slides]]"),
    ("[[slides]]\ntitle = 'a'\npage = 'moon'\n", "slide 1: page 'moon' is not one of"),
    ("[[slides]]\ntitle = 'a'\npage = 'state'\n", "slide 1: a state slide needs the state's name"),
    ("[[slides]]\ntitle = 'a'\nyaers = [1, 2]\n", "slide 1: unknown key(s) yaers"),
    ("[[slides\n", "cannot be read as TOML"),
])
def test_a_bad_presentation_file_is_named_with_its_slide(tmp_path, text, message):
    path = tmp_path / "deck.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DatasetError, match=message.replace("[", r"\[").replace("(", r"\(")
                       .replace(")", r"\)")):
        load_presentation(path)


def test_a_slide_link_opens_that_slides_view():
    at = new_app(present="1", deck="tour", slide="1")
    at.run()
    assert not at.exception
    assert at.slider(key="years").value == (1979, 1979)
    first = ATLAS.located[ATLAS.located["year"] == 1979]
    assert metrics(at)["Pairs shown"] == len(first)
    assert any("1 / 6" in m.value for m in at.markdown)
    assert {m.label: m.value for m in at.metric}["Years"] == "1979–1979", "large on a projector"


def test_the_chinese_interface_shows_the_slides_chinese_title():
    tour = load_presentation(PRESENTATIONS_DIR / "tour.toml")
    assert all(slide.title_zh for slide in tour.slides), "the bundled tour has every title in zh"
    at = new_app(present="1", deck="tour", slide="3", lang="zh")
    at.run()
    assert not at.exception
    header = next(m.value for m in at.markdown if "3 / 6" in m.value)
    assert titled(tour, "zh") in header and titled(tour.slides[2], "zh") in header
    assert tour.slides[2].title not in header


def test_a_slide_without_a_chinese_title_keeps_its_english_one(tmp_path):
    path = tmp_path / "deck.toml"
    path.write_text("title = 'Deck'\n[[slides]]\ntitle = 'Only English'\n", encoding="utf-8")
    deck = load_presentation(path)
    assert titled(deck.slides[0], "zh") == "Only English" and titled(deck, "zh") == "Deck"


def test_next_goes_to_the_following_slide_and_its_page():
    at = new_app(present="1", deck="tour", slide="3")
    at.run()
    assert at.session_state["view"]["level"] == ("province-state",)
    at.button(key="slide_next").click().run()
    assert not at.exception
    assert at.title[0].value.startswith("Jiangsu")
    assert at.session_state["view"]["slide"] == 4


def test_a_play_slide_starts_the_timeline():
    at = new_app(present="1", deck="tour", slide="2")
    at.run()
    assert at.session_state["playing"] is True
    assert at.button(key="play").label == "Pause", "one button, so the focus stays on it"


def test_presenter_mode_without_a_deck_plays_and_offers_the_saved_presentations():
    at = new_app(present="1")
    at.run()
    assert not at.exception
    assert at.session_state["playing"] is True
    assert at.selectbox(key="pick_deck").options == ["China–US sister cities since 1979"], (
        "offered by title, not file name")
    at.button(key="exit_present").click().run()
    assert at.session_state["view"]["present"] is False


def test_starting_a_saved_presentation_from_the_app_opens_its_first_slide():
    at = new_app(present="1")
    at.run()
    at.selectbox(key="pick_deck").select("tour").run()
    assert not at.exception
    assert at.session_state["view"]["deck"] == "tour" and at.session_state["view"]["slide"] == 1
    assert any("1 / 6" in m.value for m in at.markdown), "the slide bar is shown"
    assert at.button(key="slide_next") and at.session_state["playing"] is False
    at.button(key="slide_next").click().run()
    assert any("2 / 6" in m.value for m in at.markdown)


def test_a_province_slide_leaves_out_the_province_picker_to_keep_the_map_on_screen():
    at = new_app(present="1", deck="tour", slide="3")
    at.run()
    at.button(key="slide_next").click().run()
    assert at.title[0].value.startswith("Jiangsu")
    assert not [box for box in at.selectbox if box.key == "pick_province"]
    at.button(key="exit_present").click().run()
    assert [box for box in at.selectbox if box.key == "pick_province"]


def test_the_qr_code_carries_this_view_to_the_room_without_presenter_mode(monkeypatch):
    monkeypatch.setenv("ATLAS_PUBLIC_URL", "https://atlas.example.org/")
    at = new_app(present="1", deck="tour", slide="4")  # Jiangsu's page
    at.run()
    at.button(key="share").click().run()
    assert not at.exception
    link = urlsplit(at.code[0].value)
    params = parse_qs(link.query)
    view = at.session_state["view"]
    assert (link.scheme, link.netloc, link.path) == ("https", "atlas.example.org", "/province")
    assert params["name"] == ["Jiangsu"] and params["years"] == [str(y) for y in view["years"]]
    assert not {"present", "deck", "slide"} & set(params)
    assert at.get("image"), "the code is drawn"
    assert not at.warning, "a public address needs no warning"


def test_a_local_address_is_said_to_be_unreachable_from_the_room(monkeypatch):
    monkeypatch.delenv("ATLAS_PUBLIC_URL", raising=False)
    at = new_app(present="1")
    at.run()
    at.button(key="share").click().run()
    assert not at.exception
    assert any("ATLAS_PUBLIC_URL" in w.value for w in at.warning)


def test_a_bad_public_address_is_named_not_a_traceback(monkeypatch):
    monkeypatch.setenv("ATLAS_PUBLIC_URL", "atlas.example.org")
    at = new_app(present="1")
    at.run()
    at.button(key="share").click().run()
    assert not at.exception
    assert "is not a web address" in at.error[0].value
