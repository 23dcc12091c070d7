"""Subset Noto Sans CJK SC to the characters the Atlas shows (static/fonts/atlas-cjk.woff2).

The app serves this font itself so a laptop without Chinese fonts still shows Chinese.
Needs Debian's fonts-noto-cjk and fontTools+brotli (requirements-dev.txt). Run it after
adding Chinese text; a test fails when a character in use is missing from the font.
"""

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sistercities.cjk import FONT_FILE, characters_in_use  # noqa: E402

SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
SIMPLIFIED_CHINESE_FACE = 2  # the collection holds JP, KR, SC, TC, HK faces in this order

characters = characters_in_use()
font = TTCollection(str(SOURCE)).fonts[SIMPLIFIED_CHINESE_FACE]
options = subset.Options()
options.flavor = "woff2"
options.layout_features = ["*"]
options.name_IDs = ["*"]  # keep the copyright and licence names
subsetter = subset.Subsetter(options)
subsetter.populate(text="".join(sorted(characters)))
subsetter.subset(font)
FONT_FILE.parent.mkdir(parents=True, exist_ok=True)
font.flavor = "woff2"
font.save(str(FONT_FILE))
print(f"{FONT_FILE.name}: {len(characters)} characters, {FONT_FILE.stat().st_size / 1024:.0f} KiB")
