"""Validation names file, row and column, and keeps every bad row out of the pairs."""

import pandas as pd
import pytest

from sistercities.dataset import parse_pairings
from sistercities.schema import PAIRING_COLUMNS, canonical_province, canonical_state, validate_pairings


def frame(**overrides) -> pd.DataFrame:
    row = dict.fromkeys(PAIRING_COLUMNS, "")
    row.update(level="city", relation="sister", province="Jiangsu", place_cn="Nanjing",
               state="Missouri", place_us="St. Louis", year="1979",
               source="https://example.org/nanjing")
    row.update(overrides)
    return pd.DataFrame([row], dtype="str")


def test_a_good_row_becomes_a_typed_pair():
    pairs, issues = validate_pairings(frame(), last_year=2026)
    assert issues == []
    assert pairs.loc[0, "year"] == 1979
    assert pairs.loc[0, "status"] == "active"
    assert pairs.loc[0, "province_zh"] == "江苏"
    assert pairs.loc[0, "row"] == 2


@pytest.mark.parametrize(("column", "value", "message"), [
    ("year", "19x9", "row 2, column year: '19x9' is not a year between 1979 and 2026"),
    ("year", "1978", "'1978' is not a year between 1979 and 2026"),
    ("year", "2031", "'2031' is not a year between 1979 and 2026"),
    ("level", "town", "column level: 'town' is not one of province-state, city, mixed"),
    ("relation", "cousin", "column relation: 'cousin' is not one of sister, friendship"),
    ("province", "Atlantis", "column province: 'Atlantis' is not a province"),
    ("state", "Narnia", "column state: 'Narnia' is not a US state"),
    ("date", "1979-02-30", "column date: '1979-02-30' is not a date written YYYY-MM-DD"),
    ("date", "1980-01-01", "column date: '1980-01-01' is not in the year 1979"),
    ("source", "", "column source: is empty but required"),
    ("source", "www.example.org", "column source: 'www.example.org' is not a web address"),
    ("status", "gone", "column status: 'gone' is not one of active, ended, suspended"),
])
def test_a_bad_cell_is_reported_with_row_and_column(column, value, message):
    pairs, issues = validate_pairings(frame(**{column: value}), last_year=2026)
    assert pairs.empty
    assert any(message in str(issue) for issue in issues), [str(i) for i in issues]
    assert all(str(issue).startswith("pairings.csv row 2") for issue in issues)


def test_a_duplicate_pair_is_an_error_naming_the_first_row():
    raw = pd.concat([frame(), frame(place_us="St.  louis", source="https://example.org/b")])
    pairs, issues = validate_pairings(raw, last_year=2026)
    assert len(pairs) == 1
    assert [str(i) for i in issues] == ["pairings.csv row 3: duplicate of row 2 (Nanjing – St.  louis)"]


def test_missing_columns_are_named_and_no_pair_is_invented():
    pairs, issues = validate_pairings(frame().drop(columns=["year", "source"]))
    assert pairs.empty
    assert "missing column(s): year, source" in str(issues[0])


def test_an_unknown_year_stays_unknown():
    pairs, issues = validate_pairings(frame(year=""))
    assert issues == []
    assert pd.isna(pairs.loc[0, "year"])


def test_a_province_state_pair_repeats_its_places():
    pairs, issues = validate_pairings(frame(level="province-state", place_cn="Wuhan",
                                            place_us="Ohio", state="Ohio", province="Hubei"))
    assert pairs.empty
    assert "column place_cn: 'Wuhan' should repeat the province" in str(issues[0])


@pytest.mark.parametrize(("name", "expected"), [
    ("Inner Mongolia", "Inner Mongolia"), ("Nei Mongol", "Inner Mongolia"), ("内蒙古", "Inner Mongolia"),
    ("xizang", "Tibet"), ("江苏省", "Jiangsu"), (" jiangsu ", "Jiangsu"), ("Taiwan", None),
])
def test_province_names_and_aliases(name, expected):
    assert canonical_province(name) == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("Ohio", "Ohio"), ("OH", "Ohio"), ("Washington DC", "District of Columbia"),
    ("washington", "Washington"), ("Puerto Rico", None),
])
def test_state_names_and_codes(name, expected):
    assert canonical_state(name) == expected


SHORT_ROW = "city,sister,Jiangsu,江苏,Wuxi,无锡,Ohio\n"


def test_a_short_row_is_named_first_and_no_empty_cell_is_said_to_repeat_the_state():
    """A row of 7 of 15 fields used to read only "place_us / source is empty" and "'' should
    repeat the state"."""
    header = ",".join(PAIRING_COLUMNS)
    issues = parse_pairings(f"{header}\n{SHORT_ROW}".encode(), "mine.csv").issues
    assert issues[0].code == "short_row" and issues[0].row == 2
    assert issues[0].message.startswith("has 7 of 15 fields")
    assert issues[0].worded("zh").startswith("只有 7 个字段")
    assert not any("should repeat" in issue.message for issue in issues)


def test_every_problem_is_worded_in_both_languages():
    from sistercities.i18n import STRINGS

    codes = [key[len("issue_"):] for key in STRINGS if key.startswith("issue_")]
    assert {"empty", "short_row", "not_url", "duplicate"} <= set(codes)
    assert all(set(STRINGS[f"issue_{code}"]) == {"en", "zh"} for code in codes)


def provenance(**overrides) -> pd.DataFrame:
    """A row with the optional provenance columns the bundled file carries."""
    row = dict(year_basis="stated", source_kind="official", state_zh="密苏里州",
               place_us_zh="圣路易斯", year_source="", status_source="", status_checked="")
    row.update(overrides)
    return frame(**row)


@pytest.mark.parametrize(("overrides", "message"), [
    ({"year_basis": ""}, "column year_basis: is empty: the year 1979 needs its basis"),
    ({"year_basis": "memory"}, "column year_basis: 'memory' is not one of stated, anniversary, list"),
    ({"source_kind": ""}, "column source_kind: is empty but required"),
    ({"source_kind": "blog"}, "column source_kind: 'blog' is not one of official, news"),
    ({"place_us_zh": "St. Louis"}, "column place_us_zh: 'St. Louis' is not written in Chinese"),
    ({"state_zh": "MO州"}, "column state_zh: 'MO州' is not written in Chinese"),
    ({"status": "ended", "status_year": "2025"},
     "column status_source: is empty: a tie marked ended needs the page that says so"),
    ({"status_checked": "2024-13"}, "column status_checked: '2024-13' is not a date written YYYY"),
    ({"year_source": "a paper"}, "column year_source: 'a paper' is not a web address"),
])
def test_the_provenance_columns_are_checked_where_the_file_has_them(overrides, message):
    pairs, issues = validate_pairings(provenance(**overrides), last_year=2026)
    assert pairs.empty
    assert any(message in str(issue) for issue in issues), [str(i) for i in issues]


def test_an_undated_row_needs_no_basis_and_an_undated_ending_is_a_warning():
    pairs, issues = validate_pairings(provenance(
        year="", year_basis="", status="downgraded", status_source="https://example.org/vote"),
        last_year=2026)
    assert len(pairs) == 1
    assert [(i.severity, i.column, i.code) for i in issues] == [
        ("warning", "status_year", "end_undated")]


def test_a_file_without_the_provenance_columns_still_loads():
    """An upload in the original fifteen columns is not asked for a basis or a source kind."""
    pairs, issues = validate_pairings(frame(), last_year=2026)
    assert issues == [] and len(pairs) == 1
