"""The bundled data itself: valid, sourced, geocoded, and every point inside its own border."""

import pandas as pd

from sistercities.checks import check_files, places_outside
from sistercities.dataset import PAIRINGS_FILE, PLACES_FILE, load_pairings, load_places, locate


def test_every_row_of_the_bundled_pairings_is_valid_and_has_a_source():
    pairings = load_pairings()
    assert pairings.errors == ()
    assert pairings.pairs["source"].str.match(r"https?://").all()


def test_every_place_has_coordinates():
    pairings = load_pairings()
    _, unlocated = locate(pairings.pairs, load_places())
    assert unlocated.empty, unlocated[["place_cn", "place_us"]].to_dict("records")


def test_every_coordinate_lies_inside_its_own_province_or_state():
    assert places_outside(load_places()) == []


def test_a_point_in_the_wrong_province_is_caught():
    places = load_places()
    suzhou_anhui = places.iloc[:1].assign(country="CN", admin="Jiangsu", place="Suzhou",
                                         lat=33.63, lon=116.98)
    columbia_mo = places.iloc[:1].assign(country="US", admin="South Carolina", place="Columbia",
                                        lat=38.95, lon=-92.33)
    problems = places_outside(pd.concat([suzhou_anhui, columbia_mo]))
    assert [p.split(" at ")[0] for p in problems] == ["places.csv: Suzhou", "places.csv: Columbia"]


def test_the_validate_command_passes_on_the_bundled_files():
    problems, warnings, summary = check_files(PAIRINGS_FILE, PLACES_FILE)
    assert problems == []
    assert "0 problem(s)" in summary
    # Endings no page dates are allowed but each is named by row, so they stay visible.
    assert all(w.startswith("pairings.csv row ") and "status_year" in w for w in warnings)
    assert f"{len(warnings)} warning(s)" in summary
