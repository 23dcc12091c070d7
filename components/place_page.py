"""A province's or a state's own page: its partners, map, timeline and sources."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from sistercities.export import scope_title
from sistercities.schema import PROVINCES, canonical_province, canonical_state

from . import filters, frame, stage
from .arc_map import PROVINCE_PAGE, STATE_PAGE
from .ui_text import lang, plain, tr, tr_count

KINDS = {
    "province": {"column": "province", "partner": "state", "place": "place_cn",
                 "partner_place": "place_us", "page": PROVINCE_PAGE, "partner_page": STATE_PAGE,
                 "resolve": canonical_province, "partner_noun": "partner_us",
                 "partners": "partners_us"},
    "state": {"column": "state", "partner": "province", "place": "place_us",
              "partner_place": "place_cn", "page": STATE_PAGE, "partner_page": PROVINCE_PAGE,
              "resolve": canonical_state, "partner_noun": "partner_cn", "partners": "partners_cn"},
}


def label(kind: str, name: str, joiner: str = " ") -> str:
    """A province reads "Jiangsu 江苏" (characters first in Chinese); a state its name."""
    if kind != "province":
        return name
    parts = (PROVINCES[name][0], name) if lang() == "zh" else (name, PROVINCES[name][0])
    return joiner.join(parts)


def _province_label(name: str) -> str:
    return label("province", name)


def _state_label(name: str) -> str:
    return name


# Module-level format functions: AppTest keeps them in session state, which must pickle.
PICK_LABELS = {"province": _province_label, "state": _state_label}


def show(kind: str) -> None:
    spec = KINDS[kind]
    atlas = frame.setup(kind)
    asked = st.query_params.get("name", "")
    name = spec["resolve"](asked) if asked else None
    names = sorted(atlas.pairs[spec["column"]].unique())
    if name not in names:
        index(kind, asked, names)
        return
    if asked != name:  # one spelling per page in the URL (e.g. "nei mongol" -> Inner Mongolia)
        st.query_params["name"] = name
    scope_all = atlas.pairs[atlas.pairs[spec["column"]] == name]
    scope = atlas.located[atlas.located[spec["column"]] == name]
    st.title(label(kind, name, " · "))
    st.caption(summary(scope_all, spec))
    scope_label = scope_title(**{kind: name}, lang=lang())
    unlocated = atlas.unlocated[atlas.unlocated[spec["column"]] == name]
    stage.show(scope, scope_all, unlocated, atlas.bounds, atlas.events, scope_label=scope_label,
               place_name=label(kind, name))
    partner_links(scope_all, spec)
    if not filters.view()["present"]:
        picker(kind, names, name)


def summary(scope_all: pd.DataFrame, spec: dict) -> str:
    """Every pair of the place, whatever the filters: the figures above the map count only
    the dated pairs in view, so the undated ones are named here."""
    partners = scope_all[spec["partner"]].nunique()
    noun = tr_count(spec["partner_noun"], partners)
    levels = tr("summary_level_separator").join(
        tr("summary_level", n=count, level=tr(f"level_{level}").lower())
        for level, count in scope_all["level"].value_counts().items())
    text = tr_count("summary", len(scope_all), partners=partners, partner_noun=noun,
                    levels=levels)
    undated = int(scope_all["year"].isna().sum())
    if not undated:
        return text
    return text + tr_count("summary_undated", undated)


def picker(kind: str, names: list[str], current: str | None) -> None:
    choice = st.selectbox(tr(f"go_to_{kind}"), names, index=names.index(current)
                          if current in names else None, key=f"pick_{kind}",
                          placeholder=tr(f"choose_{kind}"), format_func=PICK_LABELS[kind])
    if choice and choice != current:
        st.switch_page(KINDS[kind]["page"], query_params={"name": choice})


def index(kind: str, asked: str, names: list[str]) -> None:
    """A friendly page for a missing or unknown name: every valid one, as links."""
    st.title(tr(f"{kind}_pages"))
    if asked:
        st.warning(tr("unknown_name", kind=tr(f"kind_{kind}"), name=plain(asked)),
                   icon=":material/travel_explore:")
    picker(kind, names, None)
    link_grid([(KINDS[kind]["page"], label(kind, name), name) for name in names])


def partner_links(scope_all: pd.DataFrame, spec: dict) -> None:
    st.subheader(tr(spec["partners"]))
    counts = scope_all[spec["partner"]].value_counts().sort_index()
    partner_kind = "state" if spec["partner"] == "state" else "province"
    link_grid([(spec["partner_page"], f"{label(partner_kind, partner)} ({count})", partner)
               for partner, count in counts.items()])


def link_grid(links: list[tuple[str, str, str]]) -> None:
    """Page links (page, label, name) that read and tab across rows, in as many columns as
    the width allows (a flex row that wraps, not st.columns, which tab down each column).
    The view goes with the session, not the link (frame.page_links)."""
    with st.container(horizontal=True, gap="small"):
        for page, text, name in links:
            st.page_link(page, label=text, query_params={"name": name}, width=220)
