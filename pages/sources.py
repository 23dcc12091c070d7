"""Sources & coverage: how complete the data is, and every pair with the page it came from."""

import pandas as pd
import streamlit as st

from components import filters, frame
from components.tables import TABLE_ROW, notes_column, source_column, worded
from components.ui_text import plain, tr, tr_count
from sistercities.coverage import (
    REPORTED_SOURCE,
    REPORTED_TOTAL,
    REPORTED_TOTAL_SOURCE,
    by_basis,
    by_decade,
    by_level,
    by_source_kind,
    dataset_version,
    latest_changes,
    status_counts,
)
from sistercities.schema import SOURCE_KINDS
from sistercities.view import RECENT, apply_filters, in_reading_order

KIND_KEYS = {f"kind_{kind}" for kind in SOURCE_KINDS}

atlas = frame.setup("sources")
pairs = atlas.pairs
sister = int((pairs["relation"] == "sister").sum())

st.title(tr("sources_title"))
st.markdown(tr("coverage_line", sister=sister, total=REPORTED_TOTAL, friendship=len(pairs) - sister,
               dated=f"{pairs['year'].notna().mean():.0%}", version=dataset_version(),
               total_source=REPORTED_TOTAL_SOURCE, split_source=REPORTED_SOURCE))
levels = by_level(pairs)
levels = levels.assign(what=[tr(f"cov_{key}") for key in levels["key"]],
                       reported=levels["reported"].map(lambda n: "—" if pd.isna(n) else str(n)))
decades = by_decade(pairs)
decades["Decade"] = decades["Decade"].replace("year unknown", tr("decade_unknown"))
left, right = st.columns(2)
left.dataframe(levels[["what", "documented", "reported", "share"]], hide_index=True,
               width="stretch", column_config={
                   "what": tr("col_level"), "documented": tr("col_documented"),
                   "reported": tr("col_reported"), "share": tr("col_share")})
right.dataframe(decades, hide_index=True, width="stretch", column_config={
    "Decade": tr("col_decade"), "Province–state": tr("level_province-state"),
    "City": tr("level_city"), "Mixed": tr("level_mixed"), "Total": tr("col_total")})
right.caption(tr("decade_caption", n=len(pairs), friendship=len(pairs) - sister))

# How far to trust a row: is the tie known alive, how is its year known, what is its source.
status_words = {"seen": tr("status_seen_recent", recent=RECENT),
                "not_seen": tr("status_not_seen", recent=RECENT)}
statuses = pd.DataFrame([(status_words.get(code) or tr(f"status_{code}"), n)
                         for code, n in status_counts(pairs).items()], columns=["what", "pairs"])
bases = by_basis(pairs)
bases["what"] = [tr("basis_unknown" if b == "year unknown" else f"basis_{b}") for b in bases["basis"]]
kinds = by_source_kind(pairs)
kinds["what"] = [tr(f"kind_{k}") if f"kind_{k}" in KIND_KEYS else k for k in kinds["kind"]]
for column, title, table in zip(st.columns(3), ("trust_status", "trust_basis", "trust_kind"),
                                (statuses, bases, kinds)):
    column.dataframe(table[["what", "pairs"]], hide_index=True, width="stretch",
                     column_config={"what": tr(title), "pairs": tr("col_pairs")})
st.caption(tr("trust_caption", recent=RECENT))

changes = latest_changes()
if changes:
    version, body = changes
    with st.expander(tr("changes_title", version=version)):
        st.caption(tr("changes_caption"))
        st.markdown(body)

st.subheader(tr("every_pair"))
everything = st.toggle(tr("sources_all"), key="sources_all", help=tr("sources_all_help"))
table = pairs if everything else apply_filters(pairs, filters.current(atlas.bounds,
                                                                      search=filters.search_text()))
if everything or not filters.filtered():
    st.caption(tr_count("pairs_listed", len(table)))
else:
    st.caption(tr_count("pairs_filtered", len(table), total=len(pairs),
                        filters=plain(filters.describe())))
columns = {"place_cn": tr("col_cn_place"), "place_cn_zh": "中文", "province": tr("col_province"),
           "place_us": tr("col_us_place"), "place_us_zh": tr("col_us_zh"),
           "state": tr("col_state"), "level": tr("col_level"), "relation": tr("col_relation"),
           "year": tr("col_year"), "date": tr("col_date"), "year_basis": tr("col_year_basis"),
           "status": tr("col_status"), "source": tr("col_source"),
           "source_title": tr("col_source_title"), "source_kind": tr("col_kind"),
           "notes": tr("col_notes")}
st.dataframe(worded(in_reading_order(table))[list(columns)], hide_index=True, width="stretch",
             height=TABLE_ROW * (min(len(table), 20) + 1) + 3, placeholder=tr("unknown"),
             column_config={**columns, "source": source_column(tr("col_source")),
                            "notes": notes_column(tr("col_notes")),
                            "year": st.column_config.NumberColumn(tr("col_year"), format="%d")})

undated = pairs[pairs["year"].isna()]
with st.expander(tr_count("undated_list", len(undated))):
    st.dataframe(undated[["place_cn", "province", "place_us", "state", "source", "notes"]],
                 hide_index=True, width="stretch", placeholder=tr("unknown"),
                 column_config={"source": source_column(tr("col_source")),
                                "notes": notes_column(tr("col_notes"))})
ended = pairs[pairs["status"] != "active"]
with st.expander(tr_count("ended_list", len(ended))):
    st.dataframe(worded(ended[["place_cn", "place_us", "state", "year", "status", "status_year",
                               "status_checked", "status_source", "notes"]]).drop(
                     columns=["status_year", "status_checked"]),
                 hide_index=True, width="stretch", placeholder=tr("unknown"),
                 column_config={"status_source": source_column(tr("col_status_source")),
                                "notes": notes_column(tr("col_notes"))})
if atlas.issues:
    with st.expander(tr_count("data_issues", len(atlas.issues))):
        for issue in atlas.issues:
            st.markdown(plain(issue))
