"""Presenter mode: projector styling, autoplay, and stepping through saved views.

A presentation (data/presentations/<deck>.toml) is a list of slides, each a saved view. The
Previous/Next buttons answer the arrow keys; Streamlit ignores button shortcuts while a
slider has the focus, so the arrows then move the slider instead.
"""

from __future__ import annotations

import os

import streamlit as st

from sistercities.dataset import DatasetError
from sistercities.presentations import (
    PRESENTATIONS_DIR,
    Presentation,
    Slide,
    list_presentations,
    load_presentation,
    titled,
)
from sistercities.share import (
    PUBLIC_URL_ENV,
    ShareError,
    is_local,
    public_base,
    qr_png,
    qr_svg,
    view_link,
)

from . import filters, keys
from .ui_text import lang, plain, tr

PAGE_FILES = {"overview": "pages/overview.py", "province": "pages/province.py",
              "state": "pages/state.py", "sources": "pages/sources.py"}

PROJECTOR_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
.stApp { background: #0B1526; }
.stApp, .stApp p, .stApp label, .stApp h1, .stApp h2, .stApp h3, .stApp span,
[data-testid="stMetricValue"], [data-testid="stMetricLabel"] { color: #F5F7FA !important; }
html { font-size: 19px; }
h1 { font-size: 2.2rem !important; padding: 0 !important; }
[data-testid="stMetricValue"] { font-size: 2.3rem !important; }
.block-container, [data-testid="stMainBlockContainer"] { max-width: 100% !important;
  padding: .8rem 2.5rem !important; }
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] { gap: .55rem; }
/* The map takes most of the projector: at least 60% of its height, all above the fold. */
.stApp .st-key-map [data-testid="stDeckGlJsonChart"] { height: max(64vh, 420px) !important; }
.stApp button[kind="secondary"], .stApp button[kind="segmented_control"],
.stApp button[kind="segmented_controlActive"] { background: #1B2A44 !important;
  color: #F5F7FA !important; border-color: #6B7C99 !important; }
.stApp [data-testid="stButtonGroup"] button { background: #1B2A44 !important;
  color: #F5F7FA !important; border-color: #6B7C99 !important; }
.stApp [data-testid="stButtonGroup"] button[aria-checked="true"],
.stApp button[kind="segmented_controlActive"] { background: #0072B2 !important; }
.stApp button:disabled { opacity: .45; }
.stApp [data-testid="stAlertContainer"] { background: #1B2A44 !important; }
.stApp [data-testid="stTooltipIcon"] svg, .stApp [data-testid="stTooltipHoverTarget"] svg {
  color: #C9D3DD !important; stroke: #C9D3DD !important; }
/* The year slider stays readable while it plays (disabled): a light track and bright thumbs. */
.stApp [data-testid="stSlider"] [style*="position: relative"] > div:first-child {
  background: #6B7C99 !important; }
.stApp [data-testid="stSlider"] [style*="translate(-50%, -50%)"] {
  background: #5FB4E8 !important; border: 2px solid #F5F7FA !important; }
.stApp [data-testid="stSliderThumbValue"] p { color: #F5F7FA !important; font-weight: 600; }
/* The map's fullscreen button: a dark tile with a light icon, not a white tile. */
.stApp [data-testid="stElementToolbar"], .stApp [data-testid="stElementToolbar"] > div {
  background: #1B2A44 !important; border-color: #6B7C99 !important; }
.stApp [data-testid="stElementToolbar"] button { color: #F5F7FA !important; }
</style>
"""


def presentation(name: str) -> Presentation | None:
    try:
        return load_presentation(PRESENTATIONS_DIR / f"{name}.toml") if name else None
    except DatasetError as exc:
        st.warning(plain(exc), icon=":material/slideshow:")
        return None


def start_playback(bounds: tuple[int, int]) -> None:
    filters.set_years(bounds[0], bounds[0])
    st.session_state[keys.PLAYING] = True


def autoplay(view: dict, deck: Presentation | None, bounds: tuple[int, int]) -> None:
    """Play once when presenter mode opens without a deck, or when a `play` slide opens."""
    mark = (view["deck"], view["slide"])
    if st.session_state.get(keys.AUTOPLAYED) == mark:
        return
    st.session_state[keys.AUTOPLAYED] = mark
    slide = deck.slides[view["slide"] - 1] if deck and 0 < view["slide"] <= len(deck.slides) else None
    if (deck is None and not view["deck"]) or (slide and slide.play):
        start_playback(bounds)


def go_to(slide: Slide, number: int, deck: str, page: str) -> None:
    """Open a slide: its view (language and presenter mode kept), on its page."""
    st.session_state[keys.OPENED_SLIDE] = (deck, number)
    current = filters.view()
    params = {key: list(values) for key, values in slide.params}
    view = filters.parse_url(params, st.session_state[keys.BOUNDS])
    view.update(lang=current["lang"], present=True, deck=deck, slide=number)
    st.session_state[keys.VIEW] = view
    st.session_state[keys.PLAYING] = False
    extra = {"name": slide.name} if slide.name else {}
    if slide.page == page and st.query_params.get("name", "") == slide.name:
        filters.write_url(view, st.session_state[keys.BOUNDS])  # already on its page
        return
    st.switch_page(PAGE_FILES[slide.page], query_params=filters.view_params(**extra))


def _request_slide(number: int) -> None:
    """Button callback: the slide to open on this run (switch_page cannot run in a callback)."""
    filters.update(slide=number)


def _deck_title(name: str) -> str:
    """A presentation offered by its title in the interface's language, not its file name."""
    try:
        return titled(load_presentation(PRESENTATIONS_DIR / f"{name}.toml"), lang())
    except DatasetError:
        return name


def _start_deck() -> None:
    """Picked from "Start a saved presentation": its first slide opens on this run."""
    chosen = st.session_state.pop("pick_deck", None)
    if chosen:
        st.session_state.pop(keys.OPENED_SLIDE, None)
        filters.update(deck=chosen, slide=1)


def shared_link(page: str) -> str:
    """The link the room opens: this view on this page, without presenter mode."""
    base = public_base(os.environ.get(PUBLIC_URL_ENV), st.context.url)
    name = st.query_params.get("name", "")
    return view_link(base, page, filters.view_params(**({"name": name} if name else {})))


def _ask_to_share() -> None:
    st.session_state[keys.SHARING] = True


def _share(page: str) -> None:
    """The view's link as a QR code, big enough to scan from the back of the room."""
    try:
        link = shared_link(page)
    except ShareError as exc:
        st.error(plain(exc), icon=":material/link_off:")
        return
    st.caption(tr("share_caption"))
    st.image(qr_svg(link), width=420)
    st.code(link, language=None, wrap_lines=True)
    if is_local(link):
        st.warning(tr("share_local", env=PUBLIC_URL_ENV), icon=":material/wifi_off:")
    st.download_button(tr("share_png"), qr_png(link), "sister-cities-atlas-qr.png", "image/png",
                       icon=":material/download:", on_click="ignore", key="share_png")


def _exit() -> None:
    filters.update(present=False, deck="", slide=0)
    st.session_state[keys.PLAYING] = False


def show(bounds: tuple[int, int], page: str) -> None:
    """In presenter mode: projector styling, the slide bar and autoplay (`page`: the page
    being drawn, one of PAGE_FILES)."""
    view = filters.view()
    if not view["present"]:
        return
    st.markdown(PROJECTOR_CSS, unsafe_allow_html=True)
    deck = presentation(view["deck"])
    if deck and st.session_state.get(keys.OPENED_SLIDE) != (deck.name, view["slide"]):
        number = min(max(view["slide"], 1), len(deck.slides))  # a link to a slide opens it
        go_to(deck.slides[number - 1], number, deck.name, page)
        view = filters.view()
    autoplay(view, deck, bounds)
    back, title, forward, share, leave = st.columns([1.4, 5, 1.4, 1.4, 1.8],
                                                    vertical_alignment="center")
    leave.button(tr("exit_present"), on_click=_exit, key="exit_present", width="stretch")
    # A callback, not the button's return value: a run that reruns itself first (a fragment
    # asking for the whole page) would drop the click.
    share.button(tr("share_button"), icon=":material/qr_code_2:", key="share", width="stretch",
                 help=tr("share_help"), on_click=_ask_to_share)
    if st.session_state.pop(keys.SHARING, False):
        st.dialog(tr("share_title"), width="medium")(_share)(page)
    if deck is None:
        title.selectbox(tr("start_deck"), list_presentations(), index=None, key="pick_deck",
                        placeholder=f"{tr('start_deck')}…", label_visibility="collapsed",
                        format_func=_deck_title, on_change=_start_deck)
        return
    number = min(max(view["slide"], 1), len(deck.slides))
    title.markdown(f"**{plain(titled(deck, lang()))}** · {number} / {len(deck.slides)} · "
                   f"{plain(titled(deck.slides[number - 1], lang()))}")
    # No arrow icons: the buttons already show their shortcut keys, ← and →.
    back.button(tr("previous"), shortcut="Left",
                disabled=number == 1, key="slide_back", width="stretch",
                on_click=_request_slide, args=(number - 1,))
    forward.button(tr("next"), shortcut="Right",
                   disabled=number == len(deck.slides), key="slide_next", width="stretch",
                   on_click=_request_slide, args=(number + 1,))
