"""Filters, search, KPIs and the year timeline on the real fixture file."""

import json

import pandas as pd
import pytest

from sistercities.atlas import load_atlas
from sistercities.dataset import load_pairings
from sistercities.mapdeck import (
    ARC_ALPHA,
    BUNDLE_ABOVE,
    FADED_ALPHA,
    arc_rows,
    build_deck,
    bundle,
    place_rows,
)
from sistercities.timeline import STANDING, YearWindow, per_year, year_bounds
from sistercities.view import Filters, apply_filters, kpis, matches_search, matching


@pytest.fixture
def pairs(fixtures):
    return load_pairings(fixtures / "good.csv").pairs


def test_the_year_window_keeps_pairs_signed_in_it_and_undated_ones_unless_left_out(pairs):
    view = apply_filters(pairs, Filters(YearWindow(1979, 1980, undated=False)))
    assert sorted(view["place_cn"]) == ["Hubei", "Nanjing"]
    with_undated = apply_filters(pairs, Filters(YearWindow(1979, 1980)))
    assert len(with_undated) == 3 and with_undated["year"].isna().sum() == 1
    assert matching(pairs, Filters(YearWindow(1979, 1980)))["year"].isna().sum() == 1


def test_standing_mode_counts_everything_signed_by_the_end_year(pairs):
    view = apply_filters(pairs, Filters(YearWindow(1985, 1990, STANDING, undated=False)))
    assert sorted(view["place_cn"]) == ["Hubei", "Nanjing", "Suzhou"]


def test_level_and_relation_filters_combine(pairs):
    view = apply_filters(pairs, Filters(YearWindow(1979, 2026), levels=("city",),
                                        relations=("sister",)))
    assert sorted(view["place_cn"]) == ["Nanjing", "Suzhou"]


@pytest.mark.parametrize(("text", "expected"), [
    ("suzhou", ["Suzhou"]), ("苏州", ["Suzhou"]), ("江苏", ["Nanjing", "Suzhou"]),
    ("st louis", ["Nanjing"]), ("ST. LOUIS", ["Nanjing"]), ("", ["Hubei", "Nanjing", "Suzhou", "Guangzhou"]),
])
def test_search_matches_english_pinyin_and_characters(pairs, text, expected):
    assert list(pairs.loc[matches_search(pairs, text), "place_cn"]) == expected


def test_kpis_count_distinct_provinces_states_and_cities(pairs):
    figures = kpis(apply_filters(pairs, Filters(YearWindow(1979, 2026, undated=False))))
    assert (figures.pairs, figures.provinces, figures.states) == (3, 2, 3)
    with_undated = kpis(apply_filters(pairs, Filters(YearWindow(1979, 2026))))
    assert (with_undated.pairs, with_undated.provinces, with_undated.states) == (4, 3, 4)
    assert (figures.chinese_cities, figures.us_cities) == (2, 2)


def test_per_year_has_every_year_and_a_running_total(pairs):
    bounds = year_bounds(pairs)
    assert bounds == (1979, 1988)
    frame = per_year(pairs, bounds)
    assert list(frame["year"]) == list(range(1979, 1989))
    assert frame.loc[frame["year"] == 1979, "signed"].item() == 2
    assert frame["total"].iloc[-1] == 3


def test_above_the_limit_arcs_are_bundled_by_province_and_state():
    rows = BUNDLE_ABOVE + 1
    view = pd.DataFrame({
        "pair_id": [f"p{i}" for i in range(rows)],
        "province": ["Jiangsu", "Hubei"] * (rows // 2) + ["Jiangsu"] * (rows % 2),
        "province_zh": "江苏", "state": "Ohio", "level": "city", "ended": False,
        "source_lon": 118.0, "source_lat": 32.0, "target_lon": 277.0, "target_lat": 40.0,
    })
    bundled = bundle(view)
    assert sorted(bundled["pairs"]) == [rows // 2, rows - rows // 2]
    deck = json.loads(build_deck(view).to_json())
    arcs = next(layer for layer in deck["layers"] if layer["id"] == "arcs")["data"]
    assert len(arcs) == 2
    assert "bundled" in arcs[0]["tip_detail"]


def test_tooltips_name_a_province_or_state_once_when_it_is_the_place_itself():
    view = apply_filters(load_atlas().located, Filters(YearWindow(1979, 1979)))
    titles = {row["tip_title"] for row in arc_rows(view)}
    assert "Hubei – Ohio" in titles
    assert "Nanjing (Jiangsu) – St. Louis (Missouri)" in titles
    assert "Hubei" in {row["tip_title"] for row in place_rows(view)}


@pytest.mark.parametrize("lang, one, many", [("en", "1 pair in view", "{n} pairs in view"),
                                              ("zh", "视图中 1 对", "视图中 {n} 对")])
def test_place_tooltips_count_their_pairs_in_words(lang, one, many):
    view = apply_filters(load_atlas().located, Filters(YearWindow(1979, 2000)))
    rows = place_rows(view, lang)
    assert {row["pairs"] for row in rows} >= {1, 2}
    for row in rows:
        assert row["tip_detail"] == (one if row["pairs"] == 1 else many.format(n=row["pairs"]))


def test_a_tie_ended_in_an_unknown_year_shows_as_ended_with_the_year_unknown():
    located = load_atlas().located
    stockton = located[located["place_us"].eq("Stockton") & located["place_cn"].eq("Foshan")]
    assert stockton["status"].item() == "ended" and pd.isna(stockton["status_year"].item())
    view = apply_filters(stockton, Filters(YearWindow(1979, 2024)))
    assert view["ended"].tolist() == [True]
    assert arc_rows(view)[0]["tip_detail"].endswith("· ended (year unknown)")


def test_a_search_draws_its_matches_last_wide_and_in_colour_over_pale_grey_arcs():
    view = apply_filters(load_atlas().located, Filters(YearWindow(1979, 2024)))
    view["match"] = matches_search(view, "Suzhou")
    rows = arc_rows(view)
    hits = int(view["match"].sum())
    assert 0 < hits < len(rows) == len(view)
    matched, faded = rows[-hits:], rows[:-hits]
    assert all("Suzhou" in row["tip_title"] for row in matched)
    assert all(row["w"] > 1.5 and row["c"][3] == ARC_ALPHA for row in matched)
    assert all(row["c"][3] == FADED_ALPHA for row in faded)
    assert all(row["w"] < 2 for row in faded if not row["u"])


def test_a_district_is_found_by_its_citys_chinese_name_as_by_its_english_one():
    """苏州 found 3 pairs and Suzhou 4: Wujiang (吴江) is under Suzhou only in English."""
    pairs = load_atlas().pairs
    chinese, english = matches_search(pairs, "苏州"), matches_search(pairs, "Suzhou")
    assert chinese.sum() == english.sum() > 3
    assert (chinese == english).all()
    assert pairs.loc[chinese, "place_cn"].str.contains("Wujiang").any()
