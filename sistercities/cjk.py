"""Which Chinese characters the Atlas shows, so the font it serves covers exactly them."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Where shown text lives: the data, the interface strings, the presentations.
TEXT_SOURCES = ("data/*.csv", "data/presentations/*.toml", "components/*.py", "sistercities/*.py",
                "pages/*.py")
# CJK punctuation, ideographs and full-width forms.
_CJK = re.compile(r"[\u2e80-\u2fff\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
FONT_FILE = ROOT / "static" / "fonts" / "atlas-cjk.woff2"
FONT_FAMILY = "Atlas CJK"


def characters_in_use(root: Path = ROOT) -> set[str]:
    found: set[str] = set()
    for pattern in TEXT_SOURCES:
        for path in root.glob(pattern):
            found.update(_CJK.findall(path.read_text(encoding="utf-8")))
    return found
