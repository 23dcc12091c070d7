"""The Chinese font the app serves covers every Chinese character it shows."""

from fontTools.ttLib import TTFont

from sistercities.cjk import FONT_FILE, characters_in_use


def test_the_served_font_has_a_glyph_for_every_chinese_character_in_use():
    cmap = TTFont(str(FONT_FILE)).getBestCmap()
    used = characters_in_use()
    assert len(used) > 300
    missing = sorted(ch for ch in used if ord(ch) not in cmap)
    assert missing == [], f"run scripts/build_font.py; missing: {''.join(missing)}"


def test_the_font_is_small_enough_to_serve():
    assert FONT_FILE.read_bytes()[:4] == b"wOF2"
    assert FONT_FILE.stat().st_size < 1_000_000
