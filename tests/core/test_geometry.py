"""One arc definition: Pacific-crossing ends, the bowed curve, antimeridian split, distance."""

import numpy as np
import pandas as pd
import pytest

from sistercities.geometry import (
    BEND_RANGE,
    arc_bends,
    arc_curve,
    arc_curves,
    mercator_y,
    split_at_antimeridian,
    with_arc_ends,
)


@pytest.fixture
def nanjing_st_louis():
    return pd.DataFrame({"cn_lat": [32.06], "cn_lon": [118.78], "us_lat": [38.63], "us_lon": [-90.2],
                         "province": ["Jiangsu"], "state": ["Missouri"], "pair_id": ["p"]})


def test_us_ends_move_east_of_180_so_arcs_cross_the_pacific(nanjing_st_louis):
    ends = with_arc_ends(nanjing_st_louis).iloc[0]
    assert ends["source_lon"] == 118.78
    assert ends["target_lon"] == pytest.approx(269.8)
    assert ends["target_lon"] > 180


def test_distance_is_the_geodesic_in_km(nanjing_st_louis):
    assert with_arc_ends(nanjing_st_louis).loc[0, "distance_km"] == pytest.approx(11_900, rel=0.03)


def test_a_curve_runs_from_end_to_end_with_the_asked_samples():
    line = arc_curve(118.78, 32.06, 269.8, 38.63, bend=0.3, samples=12)
    assert len(line) == 12
    assert line[0] == (118.78, 32.06)
    assert line[-1] == (269.8, 38.63)
    assert all(a[0] < b[0] for a, b in zip(line, line[1:]))


def test_an_arc_from_china_to_the_us_bows_north_by_its_bend():
    """deck.gl's flat arc: the middle of the chord pushed left (north, going east) by half the
    chord times the bend, in Web Mercator."""
    lons, lats = arc_curves(120.0, 30.0, 240.0, 30.0, 0.3, samples=3)
    chord = 120.0 / 360.0  # world widths
    assert lons[0, 1] == pytest.approx(180.0)
    assert mercator_y(lats[0, 1]) / (2 * np.pi) == pytest.approx(
        mercator_y(30.0) / (2 * np.pi) + 0.5 * chord * 0.3)


def test_a_higher_bend_bows_further():
    _, low = arc_curves(118.78, 32.06, 269.8, 38.63, 0.1, samples=5)
    _, high = arc_curves(118.78, 32.06, 269.8, 38.63, 0.4, samples=5)
    assert high[0, 2] > low[0, 2] > 38.63


def test_pairs_of_one_corridor_get_different_bends_within_the_range():
    pairs = pd.DataFrame({"province": "Jiangsu", "state": "California",
                          "pair_id": [f"p{i}" for i in range(12)]})
    bends = arc_bends(pairs)
    assert len(set(bends)) == 12
    assert all(BEND_RANGE[0] <= b <= BEND_RANGE[1] for b in bends)
    # Stable: the same pairs in another order keep their bends.
    assert dict(zip(pairs["pair_id"], bends)) == dict(
        zip(pairs["pair_id"][::-1], arc_bends(pairs.iloc[::-1])))


def test_geojson_lines_are_cut_at_the_antimeridian_with_real_longitudes():
    parts = split_at_antimeridian(arc_curve(118.78, 32.06, 269.8, 38.63, 0.3, samples=12))
    assert len(parts) == 2
    assert parts[0][-1][0] == 180.0 and parts[1][0][0] == -180.0
    assert parts[0][-1][1] == parts[1][0][1]
    assert parts[1][-1] == (-90.2, 38.63)
    assert all(-180 <= lon <= 180 for part in parts for lon, _ in part)


def test_a_line_that_stays_on_one_side_is_not_cut():
    assert split_at_antimeridian([(100.0, 10.0), (120.0, 20.0)]) == [[(100.0, 10.0), (120.0, 20.0)]]
