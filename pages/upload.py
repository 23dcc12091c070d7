"""Check your own pairings CSV: the rows with problems (their contents and each problem), then
the valid pairs on the map."""

import hashlib

import pandas as pd
import streamlit as st

from components import arc_map, frame, keys, kpis
from components.ui_text import lang, plain, tr, tr_count
from sistercities.atlas import atlas_from
from sistercities.dataset import PAIRINGS_FILE, DatasetError, parse_pairings
from sistercities.schema import PAIRING_COLUMNS
from sistercities.timeline import YearWindow
from sistercities.view import Filters, apply_filters
from sistercities.view import kpis as kpi_figures

# Columns that show which row is which, beside its problems.
ROW_SHOWN = ["level", "province", "place_cn", "state", "place_us", "year", "source"]


@st.cache_data(show_spinner=False)
def template() -> bytes:
    """The header and the dataset's first row (Hubei–Ohio, sourced) as an example."""
    lines = PAIRINGS_FILE.read_text(encoding="utf-8").splitlines()
    return ("\n".join(lines[:2]) + "\n").encode("utf-8-sig")


def uploader_key() -> str:
    return f"upload_{st.session_state.get(keys.UPLOAD_GENERATION, 0)}"


def _forget_a_removed_file() -> None:
    if st.session_state.get(uploader_key()) is None:
        st.query_params.pop("file", None)


atlas = frame.setup("upload")
st.title(tr("upload_title"))
st.caption(tr("upload_help", columns=plain(", ".join(PAIRING_COLUMNS)),
              mb=st.get_option("server.maxUploadSize")))
st.download_button(tr("upload_template"), template(), "sister-cities-template.csv", "text/csv",
                   icon=":material/download:", on_click="ignore")
upload = st.file_uploader(tr("upload_label"), type=["csv"], key=uploader_key(),
                          on_change=_forget_a_removed_file)
# The file's name goes in the URL: the file itself lives only in this session, so if the
# server holding it stops (another replica takes the page over), the page can still say which
# file to upload again.
if upload is not None and st.query_params.get("file") != upload.name:
    st.query_params["file"] = upload.name
if upload is None:
    lost = st.query_params.get("file")
    if lost and st.session_state.get(keys.UPLOAD_LOST) != lost:
        # The browser still shows the file it sent to the stopped server: a fresh uploader.
        st.session_state[keys.UPLOAD_LOST] = lost
        generation = st.session_state.get(keys.UPLOAD_GENERATION, 0)
        st.session_state[keys.UPLOAD_GENERATION] = generation + 1
        st.rerun()
    if lost:
        st.warning(tr("upload_lost", name=plain(lost)), icon=":material/cloud_off:")
    st.stop()

try:
    pairings = parse_pairings(upload.getvalue(), upload.name)
except DatasetError as exc:
    st.error(tr("upload_rejected", reason=plain(exc)), icon=":material/error:")
    st.stop()

mine = atlas_from(pairings, atlas.places, atlas.events)
errors = [i for i in pairings.issues if i.severity == "error"]
bad_rows = sorted({i.row for i in errors if i.row is not None})
st.markdown(tr("upload_summary", valid=len(pairings.pairs),
               rows=tr_count("upload_bad_rows", len(bad_rows)),
               problems=tr_count("upload_problems", len(errors)),
               warnings=len(pairings.issues) - len(errors), unlocated=len(mine.unlocated)))
for issue in (i for i in pairings.issues if i.row is None):  # about the whole file
    (st.error if issue.severity == "error" else st.warning)(plain(issue.worded(lang())),
                                                            icon=":material/error:")
row_issues = [i for i in pairings.issues if i.row is not None]
if row_issues:
    st.subheader(tr("upload_issues"))
    by_row: dict[int, list[str]] = {}
    for issue in row_issues:
        where = f"{issue.column}: " if issue.column else ""
        mark = "" if issue.severity == "error" else f"({tr('severity_warning')}) "
        by_row.setdefault(issue.row, []).append(f"{mark}{where}{issue.worded(lang())}")
    rows = pairings.rows.reindex(sorted(by_row))[ROW_SHOWN]
    table = pd.DataFrame({"row": rows.index, "problems": ["\n".join(by_row[n]) for n in rows.index]})
    table = pd.concat([table, rows.reset_index(drop=True)], axis=1)
    # The row's cells under the file's own column names, so they are easy to find in it.
    st.dataframe(table, hide_index=True, width="stretch",
                 column_config={"row": tr("col_row"), "problems": st.column_config.TextColumn(
                     tr("col_problem"), width="large")})
if not mine.located.empty:
    low, high = mine.bounds
    view = apply_filters(mine.located, Filters(YearWindow(low, high)))
    kpis.show(kpi_figures(view))
    # Your pairs have no pages in the Atlas: the map is not clickable, and says nothing of it.
    arc_map.show(view, low, high, None, 520, clickable=False,
                 origin=hashlib.sha256(upload.getvalue()).hexdigest())
if not mine.unlocated.empty:
    st.dataframe(mine.unlocated[["row", "place_cn", "province", "place_us", "state"]],
                 hide_index=True, width="stretch")
