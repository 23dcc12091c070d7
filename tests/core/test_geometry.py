"""One arc definition: Pacific-crossing ends, sampled polylines, antimeridian split, distance."""

import pandas as pd
import pytest

from sistercities.geometry import arc_polyline, split_at_antimeridian, with_arc_ends


@pytest.fixture
def nanjing_st_louis():
    return pd.DataFrame({"cn_lat": [32.06], "cn_lon": [118.78], "us_lat": [38.63], "us_lon": [-90.2]})


def test_us_ends_move_east_of_180_so_arcs_cross_the_pacific(nanjing_st_louis):
    ends = with_arc_ends(nanjing_st_louis).iloc[0]
    assert ends["source_lon"] == 118.78
    assert ends["target_lon"] == pytest.approx(269.8)
    assert ends["target_lon"] > 180


def test_distance_is_the_geodesic_in_km(nanjing_st_louis):
    assert with_arc_ends(nanjing_st_louis).loc[0, "distance_km"] == pytest.approx(11_900, rel=0.03)


def test_a_polyline_runs_from_end_to_end_with_the_asked_samples():
    line = arc_polyline(118.78, 32.06, 269.8, 38.63, samples=12)
    assert len(line) == 12
    assert line[0] == (118.78, 32.06)
    assert line[-1] == (269.8, 38.63)
    assert all(a[0] < b[0] for a, b in zip(line, line[1:]))


def test_geojson_lines_are_cut_at_the_antimeridian_with_real_longitudes():
    parts = split_at_antimeridian(arc_polyline(118.78, 32.06, 269.8, 38.63, samples=12))
    assert len(parts) == 2
    assert parts[0][-1][0] == 180.0 and parts[1][0][0] == -180.0
    assert parts[0][-1][1] == parts[1][0][1]
    assert parts[1][-1] == (-90.2, 38.63)
    assert all(-180 <= lon <= 180 for part in parts for lon, _ in part)


def test_a_line_that_stays_on_one_side_is_not_cut():
    assert split_at_antimeridian([(100.0, 10.0), (120.0, 20.0)]) == [[(100.0, 10.0), (120.0, 20.0)]]
