"""Saved views for presenters: data/presentations/<name>.toml, a title and a list of slides."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from .dataset import DATA_DIR, DatasetError

PRESENTATIONS_DIR = DATA_DIR / "presentations"
PAGES = ("overview", "province", "state", "sources")
VIEW_KEYS = ("years", "mode", "undated", "level", "relation", "q")


@dataclass(frozen=True)
class Slide:
    title: str
    page: str
    name: str = ""  # the province or state, for those pages
    params: tuple[tuple[str, tuple[str, ...]], ...] = ()  # the view, as URL values
    play: bool = False  # start the timeline when the slide opens
    title_zh: str = ""  # shown in the Chinese interface; the English title if empty


@dataclass(frozen=True)
class Presentation:
    name: str
    title: str
    slides: tuple[Slide, ...]
    title_zh: str = ""


def _slide(raw: dict, where: str) -> Slide:
    if not isinstance(raw.get("title"), str) or not raw["title"].strip():
        raise DatasetError(f"{where}: needs a title")
    page = raw.get("page", "overview")
    if page not in PAGES:
        raise DatasetError(f"{where}: page {page!r} is not one of {', '.join(PAGES)}")
    if page in ("province", "state") and not raw.get("name"):
        raise DatasetError(f"{where}: a {page} slide needs the {page}'s name")
    unknown = set(raw) - {"title", "title_zh", "page", "name", "play", *VIEW_KEYS}
    if unknown:
        raise DatasetError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    params = []
    for key in VIEW_KEYS:
        if key in raw:
            values = raw[key] if isinstance(raw[key], list) else [raw[key]]
            params.append((key, tuple(str(v) for v in values)))
    return Slide(raw["title"].strip(), page, str(raw.get("name", "")), tuple(params),
                 bool(raw.get("play", False)), str(raw.get("title_zh", "")).strip())


def load_presentation(path: Path) -> Presentation:
    try:
        raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DatasetError(f"{Path(path).name}: cannot be read as TOML ({exc})") from None
    slides = raw.get("slides")
    if not isinstance(slides, list) or not slides:
        raise DatasetError(f"{Path(path).name}: needs at least one [[slides]] table")
    return Presentation(Path(path).stem, str(raw.get("title", Path(path).stem)),
                        tuple(_slide(s, f"{Path(path).name} slide {n}")
                              for n, s in enumerate(slides, start=1)),
                        str(raw.get("title_zh", "")).strip())


def titled(item: Slide | Presentation, lang: str) -> str:
    """The slide's or presentation's title in the interface's language."""
    return item.title_zh if lang == "zh" and item.title_zh else item.title


def list_presentations(folder: Path = PRESENTATIONS_DIR) -> list[str]:
    return sorted(p.stem for p in folder.glob("*.toml"))
