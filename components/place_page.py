"""A province's or a state's own page: its partners, map, timeline and sources."""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from sistercities.schema import PROVINCES, canonical_province, canonical_state

from . import data, filters, stage
from .arc_map import PROVINCE_PAGE, STATE_PAGE

KINDS = {
    "province": {"column": "province", "partner": "state", "place": "place_cn",
                 "partner_place": "place_us", "page": PROVINCE_PAGE, "partner_page": STATE_PAGE,
                 "resolve": canonical_province, "noun": "province", "partner_noun": "US state"},
    "state": {"column": "state", "partner": "province", "place": "place_us",
              "partner_place": "place_cn", "page": STATE_PAGE, "partner_page": PROVINCE_PAGE,
              "resolve": canonical_state, "noun": "state", "partner_noun": "Chinese province"},
}


def show(kind: str) -> None:
    spec = KINDS[kind]
    atlas = data.atlas()
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
    heading = f"{name} · {PROVINCES[name][0]}" if kind == "province" else name
    st.title(heading)
    st.caption(summary(scope_all, spec))
    picker(kind, names, name)
    stage.show(scope, scope_all, atlas.bounds, atlas.events, map_height=460)
    partner_links(scope_all, spec)
    pairs_table(scope, scope_all, spec)


def summary(scope_all: pd.DataFrame, spec: dict) -> str:
    levels = scope_all["level"].value_counts()
    partners = scope_all[spec["partner"]].nunique()
    return (f"{len(scope_all)} documented pairs with {partners} {spec['partner_noun']}"
            f"{'s' if partners != 1 else ''}: {levels.get('province-state', 0)} province–state, "
            f"{levels.get('city', 0)} city, {levels.get('mixed', 0)} mixed.")


def picker(kind: str, names: list[str], current: str | None) -> None:
    choice = st.selectbox(f"Go to another {kind}", names, index=names.index(current)
                          if current in names else None, key=f"pick_{kind}",
                          placeholder=f"Choose a {kind}…")
    if choice and choice != current:
        st.switch_page(KINDS[kind]["page"], query_params=filters.view_params(name=choice))


def index(kind: str, asked: str, names: list[str]) -> None:
    """A friendly page for a missing or unknown name: every valid one, as links."""
    st.title(f"{kind.capitalize()} pages")
    if asked:
        st.warning(f"No {kind} called “{asked}” has pairs in the Atlas. Choose one below.",
                   icon=":material/travel_explore:")
    picker(kind, names, None)
    columns = st.columns(4)
    for number, name in enumerate(names):
        label = f"{name} {PROVINCES[name][0]}" if kind == "province" else name
        columns[number % 4].page_link(KINDS[kind]["page"], label=label,
                                      query_params=filters.view_params(name=name))


def partner_links(scope_all: pd.DataFrame, spec: dict) -> None:
    st.subheader(f"Partner {spec['partner_noun']}s")
    counts = scope_all[spec["partner"]].value_counts().sort_index()
    columns = st.columns(4)
    for number, (partner, count) in enumerate(counts.items()):
        columns[number % 4].page_link(spec["partner_page"], label=f"{partner} ({count})",
                                      query_params=filters.view_params(name=partner))


def pairs_table(scope: pd.DataFrame, scope_all: pd.DataFrame, spec: dict) -> None:
    st.subheader("Pairs and sources")
    table = scope_all.merge(scope[["pair_id", "distance_km"]], on="pair_id", how="left")
    table = table.assign(
        here=table[spec["place"]],
        partner=table[spec["partner_place"]] + ", " + table[spec["partner"]],
        year_shown=table["year"].map(lambda y: "unknown" if pd.isna(y) else str(int(y))),
    ).sort_values(["year", "here"], na_position="last")
    st.dataframe(
        table[["here", "partner", "level", "relation", "year_shown", "status", "distance_km",
               "source", "notes"]],
        column_config={
            "here": "Place", "partner": "Partner", "level": "Level", "relation": "Relation",
            "year_shown": "Year", "status": "Status",
            "distance_km": st.column_config.NumberColumn("Distance (km)", format="%d"),
            "source": st.column_config.LinkColumn("Source"), "notes": "Notes",
        },
        hide_index=True, width="stretch",
    )
    st.caption(html.escape(f"{len(table)} pairs; every source is the page the pair was read from."))
