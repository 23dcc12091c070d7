"""The view — years, mode, levels, relations, search, language, presenter mode — and its URL.

The URL mirrors the view with plain codes (?years=1985&years=2010&level=city&lang=zh), so a
link restores exactly the same view in any language, and both ends of the year range are
always written: a link made this year means the same range next year. A URL that names any
view parameter is a link and wins; one that names none (a page picked from the menu) keeps
the session's view.
"""

from __future__ import annotations

import streamlit as st

from sistercities.schema import LEVELS as LEVEL_VALUES
from sistercities.schema import RELATIONS as RELATION_VALUES
from sistercities.timeline import MODES, SIGNED, YearWindow, clamp_years
from sistercities.view import Filters

from . import keys
from .ui_text import tr

URL_KEYS = ("years", "mode", "undated", "level", "relation", "q", "lang", "present", "deck",
            "slide")
LANG_LABELS = {"en": "English", "zh": "中文"}


def default_view(bounds: tuple[int, int]) -> dict:
    return {"years": bounds, "mode": SIGNED, "undated": True, "level": (), "relation": (), "q": "",
            "lang": "en", "present": False, "deck": "", "slide": 0}


def parse_url(params: dict[str, list[str]], bounds: tuple[int, int]) -> dict:
    """The view a URL asks for; values that are not valid are ignored (defaults instead)."""
    view = default_view(bounds)
    try:
        start, end = (int(v) for v in params.get("years", [])[:2])
        view["years"] = clamp_years(start, end, bounds)
    except ValueError:
        pass
    if params.get("mode", [""])[0] in MODES:
        view["mode"] = params["mode"][0]
    view["undated"] = params.get("undated", [""])[0] not in ("0", "false")
    view["level"] = tuple(v for v in LEVEL_VALUES if v in params.get("level", []))
    view["relation"] = tuple(v for v in RELATION_VALUES if v in params.get("relation", []))
    view["q"] = params.get("q", [""])[0][:100]
    view["lang"] = "zh" if params.get("lang", [""])[0] == "zh" else "en"
    view["present"] = params.get("present", [""])[0] in ("1", "true")
    deck = params.get("deck", [""])[0]
    if deck.replace("-", "").replace("_", "").isalnum():  # a file stem, never a path
        view["deck"] = deck
    slide = params.get("slide", [""])[0]
    view["slide"] = int(slide) if slide.isdigit() and 0 < int(slide) < 1000 else 0
    return view


def url_params(view: dict, bounds: tuple[int, int]) -> dict[str, list[str] | str]:
    defaults = default_view(bounds)
    params: dict[str, list[str] | str] = {"years": [str(y) for y in view["years"]]}
    for key in ("mode", "q", "lang"):
        if view[key] != defaults[key]:
            params[key] = view[key]
    if not view["undated"]:
        params["undated"] = "0"
    for key in ("level", "relation"):
        if view[key]:
            params[key] = list(view[key])
    if view["present"]:
        params["present"] = "1"
    if view["present"] and view["deck"]:
        params["deck"] = view["deck"]
        params["slide"] = str(view["slide"] or 1)
    return params


# Views this session wrote to the URL lately: more than a browser's URL can trail behind.
URLS_REMEMBERED = 32


def _url_view(params: dict[str, list[str]]) -> tuple:
    return tuple((key, tuple(str(v) for v in params[key])) for key in URL_KEYS if key in params)


def write_url(view: dict, bounds: tuple[int, int]) -> None:
    """Rewrite the view's parameters in one update (other parameters, like name, stay). Sent
    even when the server's copy already matches: a run interrupted by the next slider step may
    not have delivered its update, and the copy cannot tell; the browser ignores a URL equal
    to its own, and the page frame turns same-page URL changes into history replacements."""
    wanted = url_params(view, bounds)
    written = st.session_state.setdefault(keys.URLS_WRITTEN, [])
    written.append(_url_view({key: value if isinstance(value, list) else [value]
                              for key, value in wanted.items()}))
    del written[:-URLS_REMEMBERED]
    current = {key: st.query_params.get_all(key) for key in st.query_params}
    desired = {key: values for key, values in current.items() if key not in URL_KEYS}
    desired.update({key: value if isinstance(value, list) else [value]
                    for key, value in wanted.items()})
    st.query_params.from_dict(desired)


def sync(bounds: tuple[int, int], named: bool = False) -> None:
    """Before any page draws: a link's view wins, otherwise the session's; then the URL is
    rewritten from the view. `named`: the page is a province's or a state's and keeps `name`;
    other pages drop it (Back from a province to the overview brought the name along)."""
    if not named and "name" in st.query_params:
        del st.query_params["name"]
    params = {key: st.query_params.get_all(key) for key in URL_KEYS if key in st.query_params}
    # A rerun carries the browser's URL, which can trail the view by a playback tick or two:
    # a view this session wrote itself is an echo, and the session's view is the newer one.
    echo = _url_view(params) in st.session_state.get(keys.URLS_WRITTEN, [])
    if params and not echo:
        view = parse_url(params, bounds)
    else:
        view = st.session_state.get(keys.VIEW, default_view(bounds))
    view["years"] = clamp_years(*view["years"], bounds)
    st.session_state[keys.VIEW] = view
    st.session_state[keys.BOUNDS] = bounds
    write_url(view, bounds)


def view() -> dict:
    return st.session_state[keys.VIEW]


def update(**changes) -> None:
    """Change the view (from a widget callback or playback) and the URL with it."""
    new = {**view(), **changes}
    st.session_state[keys.VIEW] = new
    write_url(new, st.session_state[keys.BOUNDS])


def _widget_changed(widget_key: str, view_key: str, convert) -> None:
    update(**{view_key: convert(st.session_state[widget_key])})


# Module-level labels: AppTest keeps format functions in session state, which must pickle.
def _mode_label(mode: str) -> str:
    return tr(f"mode_{mode}")


def _level_label(level: str) -> str:
    return tr(f"level_{level}")


def _relation_label(relation: str) -> str:
    return tr(f"relation_{relation}")


def _language_label(code: str) -> str:
    return LANG_LABELS[code]


def _language(value: str | None) -> str:
    return value or "en"


def _mode(value: str | None) -> str:
    return value or SIGNED


def _bind(widget_key: str, view_key: str, convert) -> dict:
    """Widget arguments that show the view's value and write changes back to it (module-level
    callbacks: session state must stay picklable)."""
    value = view()[view_key]
    if isinstance(value, tuple):
        value = list(value)  # multiselects hold lists
    # Always set, even when it looks equal: after a page change the key can still read the
    # old page's value while the new page's widget would start empty (both toggles showed
    # no selection after a link or Back until a reload).
    st.session_state[widget_key] = value
    return {"key": widget_key, "on_change": _widget_changed, "args": (widget_key, view_key, convert)}


def show_sidebar() -> None:
    with st.sidebar:
        st.segmented_control(tr("language"), list(LANG_LABELS), format_func=_language_label,
                             **_bind(keys.LANG, "lang", _language))
        st.segmented_control(tr("show"), MODES, format_func=_mode_label,
                             help=tr("mode_help"), **_bind(keys.MODE, "mode", _mode))
        undated_toggle()
        st.multiselect(tr("level"), LEVEL_VALUES, format_func=_level_label,
                       placeholder=tr("all_levels"), **_bind(keys.LEVELS, "level", tuple))
        st.multiselect(tr("relation"), RELATION_VALUES, format_func=_relation_label,
                       placeholder=tr("all_relations"), **_bind(keys.RELATIONS, "relation", tuple))
        st.text_input(tr("search"), placeholder=tr("search_placeholder"), help=tr("search_help"),
                      max_chars=100, **_bind(keys.SEARCH, "q", str.strip))
        st.toggle(tr("present"), help=tr("present_help"), **_bind(keys.PRESENT, "present", bool))


def years(bounds: tuple[int, int]) -> tuple[int, int]:
    return clamp_years(*view()["years"], bounds)


def set_years(start: int, end: int) -> None:
    update(years=(start, end))


def current(bounds: tuple[int, int], **scope) -> Filters:
    start, end = years(bounds)
    v = view()
    return Filters(YearWindow(start, end, v["mode"], v["undated"]), tuple(v["level"]),
                   tuple(v["relation"]), **scope)


def undated_toggle() -> None:
    """Whether pairs with no known year are on the map (and in every count and table)."""
    st.toggle(tr("include_undated"), help=tr("include_undated_help"),
              **_bind(keys.UNDATED, "undated", bool))


def reset() -> None:
    """Every filter back to its default; language and presenter mode stay."""
    kept = {key: view()[key] for key in ("lang", "present", "deck", "slide")}
    update(**{**default_view(st.session_state[keys.BOUNDS]), **kept})


def describe() -> str:
    """The filters in force, in words: "1985–2000 · City–city · “Suzhou”"."""
    v, bounds = view(), st.session_state[keys.BOUNDS]
    parts = []
    if v["years"] != bounds or v["mode"] != SIGNED:
        parts.append(f"{tr('mode_' + v['mode'])} {v['years'][0]}–{v['years'][1]}")
    parts += [tr(f"level_{level}") for level in v["level"]]
    parts += [tr(f"relation_{relation}") for relation in v["relation"]]
    if v["q"]:
        parts.append(f"“{v['q']}”")
    if not v["undated"]:
        parts.append(tr("without_undated"))
    return " · ".join(parts)


def filtered() -> bool:
    """Whether any filter narrows the view (the years' full range is no filter)."""
    defaults = default_view(st.session_state[keys.BOUNDS])
    return any(view()[key] != defaults[key] for key in ("years", "mode", "undated", "level",
                                                         "relation", "q"))


def search_text() -> str:
    return view()["q"].strip()


def view_params(**extra) -> dict:
    """Query parameters for a link to another page: the whole view, plus `extra`."""
    return {**url_params(view(), st.session_state[keys.BOUNDS]), **extra}
