"""A province's or a state's own page: its partners, map, timeline and sources."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from sistercities.export import scope_title
from sistercities.schema import PROVINCES, canonical_province, canonical_state

from . import filters, frame, stage
from .arc_map import PROVINCE_PAGE, STATE_PAGE
from .tables import TABLE_ROW, notes_column, source_column, worded
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
    if not filters.view()["present"]:  # a projector needs the map above the fold more
        picker(kind, names, name)
    scope_label = scope_title(**{kind: name}, lang=lang())
    unlocated = atlas.unlocated[atlas.unlocated[spec["column"]] == name]
    stage.show(scope, scope_all, unlocated, atlas.bounds, atlas.events, map_height=460,
               scope_label=scope_label)
    partner_links(scope_all, spec)
    pairs_table(scope, scope_all, spec)


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
        st.switch_page(KINDS[kind]["page"], query_params=filters.view_params(name=choice))


def index(kind: str, asked: str, names: list[str]) -> None:
    """A friendly page for a missing or unknown name: every valid one, as links."""
    st.title(tr(f"{kind}_pages"))
    if asked:
        st.warning(tr("unknown_name", kind=tr(f"kind_{kind}"), name=plain(asked)),
                   icon=":material/travel_explore:")
    picker(kind, names, None)
    columns = st.columns(4)
    for number, name in enumerate(names):
        columns[number % 4].page_link(KINDS[kind]["page"], label=label(kind, name),
                                      query_params=filters.view_params(name=name))


def partner_links(scope_all: pd.DataFrame, spec: dict) -> None:
    st.subheader(tr(spec["partners"]))
    counts = scope_all[spec["partner"]].value_counts().sort_index()
    partner_kind = "state" if spec["partner"] == "state" else "province"
    columns = st.columns(4)
    for number, (partner, count) in enumerate(counts.items()):
        columns[number % 4].page_link(spec["partner_page"],
                                      label=f"{label(partner_kind, partner)} ({count})",
                                      query_params=filters.view_params(name=partner))


def pairs_table(scope: pd.DataFrame, scope_all: pd.DataFrame, spec: dict) -> None:
    st.subheader(tr("pairs_sources"))
    table = scope_all.merge(scope[["pair_id", "distance_km"]], on="pair_id", how="left")
    if lang() == "zh":  # Chinese places in characters
        table = table.assign(place_cn=table["place_cn_zh"].where(table["place_cn_zh"].ne(""),
                                                                 table["place_cn"]),
                             province=table["province_zh"])
    unknown = tr("unknown")
    partner_place, partner = table[spec["partner_place"]], table[spec["partner"]]
    table = worded(table).assign(
        here=table[spec["place"]],
        # "Ohio", not "Ohio, Ohio", when the partner is the state (or province) itself
        partner=partner_place.where(partner_place.eq(partner), partner_place + ", " + partner),
        year_shown=table["year"].map(lambda y: unknown if pd.isna(y) else str(int(y))),
    ).sort_values(["year", "here"], na_position="last")
    st.dataframe(
        table[["here", "partner", "level", "relation", "year_shown", "status", "distance_km",
               "source", "notes"]],
        column_config={
            "here": tr("col_place"), "partner": tr("col_partner"), "level": tr("col_level"),
            "relation": tr("col_relation"), "year_shown": tr("col_year"), "status": tr("col_status"),
            "distance_km": st.column_config.NumberColumn(tr("col_distance"), format="%d"),
            "source": source_column(tr("col_source")), "notes": notes_column(tr("col_notes")),
        },
        hide_index=True, width="stretch", height=TABLE_ROW * (min(len(table), 20) + 1) + 3,
    )
    st.caption(tr("pairs_caption", n=len(table)))
