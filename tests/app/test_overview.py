"""The overview page, run by Streamlit's AppTest on the bundled data."""

import pandas as pd
import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from sistercities.atlas import load_atlas
from sistercities.timeline import YearWindow
from sistercities.view import Filters, apply_filters, kpis
from tests.app.helpers import deck, ends_outside_the_map, keeping_pages_flag, layer, metrics, new_app


@pytest.fixture(scope="module")
def atlas():
    return load_atlas()


@pytest.fixture(scope="module")
def overview():
    at = new_app()
    at.run()
    return at


def test_the_overview_runs_without_an_exception(overview):
    assert not overview.exception
    assert overview.title[0].value == "Sister Cities Atlas"
    assert "Years" not in {m.label for m in overview.metric}, "the slider says it when not playing"


def test_the_deck_draws_one_arc_per_pair_in_the_year_range(overview, atlas):
    low, high = atlas.bounds
    expected = apply_filters(atlas.located, Filters(YearWindow(low, high)))
    arcs = layer(overview, "arcs")["data"]
    assert len(arcs) == len(expected) > 0
    # The deck's frame puts the antimeridian at 0°: each arc crosses it eastwards.
    assert all(arc["s"][0] < 0 < arc["t"][0] for arc in arcs)
    assert all(73 < arc["s"][0] + 180 < 136 for arc in arcs), "every Chinese end is in China"
    assert ends_outside_the_map(overview) == [], "the fitted camera shows every end"


def test_the_map_needs_no_network(overview):
    spec = deck(overview)
    assert "mapProvider" not in spec or spec.get("mapProvider") in (None, "")
    # pydeck's "no style" value: a null style makes Streamlit's frontend load Carto's tiles.
    assert spec["mapStyle"] == "__MAP_STYLE__"
    assert "{tip_title}" in overview.get("deck_gl_json_chart")[0].proto.tooltip
    for item in spec["layers"]:
        data = item.get("data")
        if isinstance(data, str):
            assert data.startswith("/app/static/"), data


def test_moving_the_slider_changes_the_arcs_and_the_kpis(atlas):
    at = new_app()
    at.run()
    before = metrics(at)
    at.slider(key="years").set_value((1979, 1990)).run()
    assert not at.exception
    view = apply_filters(atlas.located, Filters(YearWindow(1979, 1990)))
    figures = kpis(view)
    after = metrics(at)
    assert after["Pairs shown"] == figures.pairs == len(layer(at, "arcs")["data"])
    assert after["Pairs shown"] < before["Pairs shown"]
    assert after["Provinces"] == figures.provinces
    assert after["States"] == figures.states


def test_pairs_without_a_year_are_drawn_hollow_and_said_so(overview, atlas):
    undated = int(atlas.pairs["year"].isna().sum())
    notes = [caption.value for caption in overview.caption]
    assert any(f"{undated} of these pairs have no known year: drawn hollow" in n for n in notes)
    assert sum(arc["u"] for arc in layer(overview, "arcs")["data"]) == undated
    assert f"Year unknown ({undated})" in "".join(m.value for m in overview.markdown)


def test_a_year_range_in_the_url_is_restored():
    at = new_app(years=["1980", "1985"])
    at.run()
    assert at.slider(key="years").value == (1980, 1985)


def test_no_page_changes_the_atlas_every_session_shares(atlas):
    """The loaded data is one object shared by all sessions (st.cache_resource): a page that
    edited it in place would change every other session's view."""
    from components import data

    at = new_app(q="nanjing", level="city", mode="standing")
    at.run()
    shared = data.atlas()
    # Chinese last: AppTest formats a selectbox's value in English when it replays it.
    for page, query in (("pages/province.py", {"name": "Jiangsu"}),
                        ("pages/state.py", {"name": "California"}), ("pages/sources.py", {}),
                        ("pages/overview.py", {"years": ["1990", "2000"], "lang": "zh"})):
        at.switch_page(page)
        for key, value in query.items():
            at.query_params[key] = value if isinstance(value, list) else [value]
        at.run()
        assert not at.exception, page
    assert data.atlas() is shared
    for name in ("pairs", "located", "unlocated", "events", "places"):
        pd.testing.assert_frame_equal(getattr(shared, name), getattr(atlas, name), obj=name)


def test_export_opens_a_dialog_with_every_file_of_the_view(monkeypatch, atlas):
    monkeypatch.setattr(PagesManager, "__init__", keeping_pages_flag(PagesManager.__init__))
    at = new_app(years=["1985", "2010"])
    at.run()
    assert not at.get("download_button"), "the dialog's buttons are drawn only when it opens"
    at.button(key="export").click().run()
    assert not at.exception
    labels = {button.proto.label for button in at.get("download_button")}
    assert labels == {"Map PNG", "Map SVG", "Chart PNG", "Chart SVG", "Timeline GIF",
                      "Pairs CSV", "Pairs GeoJSON"}


def chart_rows(at) -> pd.DataFrame:
    """The timeline chart's per-year rows, as sent to the browser (Arrow)."""
    import pyarrow as pa

    dataset = at.get("vega_lite_chart")[0].proto.datasets[0]
    return pa.ipc.open_stream(dataset.data.data).read_all().to_pandas()


def test_the_chart_counts_the_pairs_the_level_filter_lets_through(atlas):
    at = new_app(years=["1985", "2000"], level="city")
    at.run()
    assert not at.exception
    rows = chart_rows(at)
    shown = rows[rows["year"].between(1985, 2000)]["signed"].sum()
    city = Filters(YearWindow(1985, 2000, undated=False), levels=("city",))
    assert shown == len(apply_filters(atlas.pairs, city)) > 0
    every_level = apply_filters(atlas.pairs, Filters(YearWindow(1985, 2000, undated=False)))
    assert shown < len(every_level), "pairs of other levels are not counted"


def test_playing_puts_the_years_shown_at_the_head_of_the_figures():
    at = new_app()
    at.run()
    at.button(key="play").click().run()
    assert not at.exception
    assert at.session_state["playing"] is True
    start, end = at.session_state["view"]["years"]
    assert start == at.session_state["year_bounds"][0] and end < at.session_state["year_bounds"][1]
    assert {m.label: m.value for m in at.metric}["Years"] == f"{start}–{end}"


def _sync_the_view() -> None:
    import streamlit as st

    from components import filters

    filters.sync(st.session_state["test_bounds"])


@pytest.mark.parametrize("written_before", [True, False])
def test_a_url_this_session_wrote_before_does_not_take_its_view_back(written_before):
    # A rerun carries the browser's URL, which can trail playback by a tick or two: at
    # playback's end the figures once fell back to the year before while the slider showed
    # the last one. A view in the URL that the session never wrote (a link) is taken.
    from components import filters, keys

    bounds = (1979, 2024)
    at = AppTest.from_function(_sync_the_view, default_timeout=30)
    at.session_state["test_bounds"] = bounds
    at.session_state[keys.VIEW] = {**filters.default_view(bounds), "years": (1979, 2024)}
    if written_before:  # playback wrote 2022, 2023, 2024
        at.session_state[keys.URLS_WRITTEN] = [(("years", ("1979", str(end))),)
                                               for end in (2022, 2023, 2024)]
    at.query_params["years"] = ["1979", "2023"]
    at.run()
    assert not at.exception
    expected = (1979, 2024) if written_before else (1979, 2023)
    assert at.session_state[keys.VIEW]["years"] == expected
    assert at.query_params["years"] == [str(year) for year in expected]


def test_a_huge_view_lists_its_first_thousand_pairs_and_says_where_the_rest_are(tmp_path,
                                                                                  monkeypatch):
    from bench.synthetic import write_dataset
    from components.pairs_table import MAX_ROWS_LISTED

    write_dataset(tmp_path, 1_500, last_year=2024)
    monkeypatch.setenv("ATLAS_DATA_DIR", str(tmp_path))
    at = new_app()
    at.run()
    assert not at.exception
    listed = next(d.value for d in at.dataframe if "cn_place" in d.value.columns)
    assert len(listed) == MAX_ROWS_LISTED
    shown = metrics(at)["Pairs shown"]
    assert shown > MAX_ROWS_LISTED
    assert any(c.value.startswith(f"The first 1,000 of {shown:,}") for c in at.caption)
