"""Check your own pairings CSV: row-level problems, then the valid pairs on the map."""

import pandas as pd
import streamlit as st

from components import arc_map, frame, kpis
from components.ui_text import plain, tr
from sistercities.atlas import atlas_from
from sistercities.dataset import DatasetError, parse_pairings
from sistercities.schema import PAIRING_COLUMNS
from sistercities.timeline import YearWindow
from sistercities.view import Filters, apply_filters
from sistercities.view import kpis as kpi_figures

atlas = frame.setup("upload")
st.title(tr("upload_title"))
st.caption(tr("upload_help", columns=plain(", ".join(PAIRING_COLUMNS)),
              mb=st.get_option("server.maxUploadSize")))
upload = st.file_uploader(tr("upload_label"), type=["csv"], key="upload")
if upload is None:
    st.stop()

try:
    pairings = parse_pairings(upload.getvalue(), upload.name)
except DatasetError as exc:
    st.error(tr("upload_rejected", reason=plain(exc)), icon=":material/error:")
    st.stop()

mine = atlas_from(pairings, atlas.places, atlas.events)
errors = [i for i in pairings.issues if i.severity == "error"]
st.markdown(tr("upload_summary", valid=len(pairings.pairs), errors=len(errors),
               warnings=len(pairings.issues) - len(errors), unlocated=len(mine.unlocated)))
for issue in (i for i in pairings.issues if i.row is None):  # about the whole file
    (st.error if issue.severity == "error" else st.warning)(plain(issue), icon=":material/error:")
row_issues = [i for i in pairings.issues if i.row is not None]
if row_issues:
    st.subheader(tr("upload_issues"))
    st.dataframe(pd.DataFrame([{"row": i.row, "column": i.column or "", "problem": i.message,
                                "severity": i.severity} for i in row_issues]),
                 hide_index=True, width="stretch",
                 column_config={"row": tr("col_row"), "column": tr("col_column"),
                                "problem": tr("col_problem")})
if not mine.located.empty:
    low, high = mine.bounds
    view = apply_filters(mine.located.assign(year=mine.located["year"].fillna(low)),
                         Filters(YearWindow(low, high)))
    kpis.show(kpi_figures(view))
    arc_map.show(view, low, high, None, 520)
if not mine.unlocated.empty:
    st.dataframe(mine.unlocated[["row", "place_cn", "province", "place_us", "state"]],
                 hide_index=True, width="stretch")
