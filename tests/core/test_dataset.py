"""Loading real CSV files: good ones become pairs, bad ones become messages, never tracebacks."""

import re

import pytest

from sistercities.dataset import (
    DatasetError,
    load_events,
    load_pairings,
    load_places,
    locate,
    parse_pairings,
)


def test_the_good_fixture_loads_every_row(fixtures):
    pairings = load_pairings(fixtures / "good.csv")
    assert pairings.issues == ()
    assert list(pairings.pairs["place_cn"]) == ["Hubei", "Nanjing", "Suzhou", "Guangzhou"]
    assert pairings.pairs["year"].isna().sum() == 1


def test_the_bad_fixture_reports_each_bad_row_and_keeps_the_good_one(fixtures):
    pairings = load_pairings(fixtures / "bad.csv")
    messages = [str(i) for i in pairings.issues]
    assert "bad.csv row 2, column year: '19x9' is not a year between 1979 and" in messages[0]
    assert any(m.startswith("bad.csv row 3, column level: 'town'") for m in messages)
    assert {i.row for i in pairings.issues} == {2, 3, 4, 6}
    assert any("bad.csv row 6: duplicate of row 5" in m for m in messages)
    assert list(pairings.pairs["row"]) == [5]


@pytest.mark.parametrize(("data", "message"), [
    (b"", "is empty"),
    (b"   \n\n", "is empty"),
    ("level,province\ncity,江苏\n".encode("gbk"), "looks like GBK"),
    ("level,province\ncity,Jiangsu\n".encode("utf-16"), "UTF-16"),
    (b"level,level\ncity,city\n", "repeats column(s): level"),
    (b'level,relation\ncity,sister,extra,"x"\n', "row 2 has 4 fields but the header has 2"),
])
def test_unreadable_files_get_one_clear_message(data, message):
    with pytest.raises(DatasetError, match=re.escape(message)):
        parse_pairings(data, "upload.csv")


def test_a_bom_is_accepted(fixtures):
    data = b"\xef\xbb\xbf" + (fixtures / "good.csv").read_bytes()
    assert len(parse_pairings(data).pairs) == 4


def test_missing_columns_are_an_issue_not_an_exception():
    pairings = parse_pairings(b"level,relation\ncity,sister\n")
    assert pairings.pairs.empty
    assert "missing column(s): province" in str(pairings.issues[0])


def test_extra_columns_are_a_warning_and_the_pairs_still_load(fixtures):
    text = (fixtures / "good.csv").read_text(encoding="utf-8").splitlines()
    text = [text[0] + ",mood"] + [line + ",happy" for line in text[1:]]
    pairings = parse_pairings("\n".join(text).encode())
    assert len(pairings.pairs) == 4
    assert [i.severity for i in pairings.issues] == ["warning"]
    assert "mood" in str(pairings.issues[0])
    assert pairings.errors == ()


def test_locate_returns_unlocated_pairs_instead_of_dropping_them(fixtures, tmp_path):
    places = tmp_path / "places.csv"
    places.write_text("country,admin,place,lat,lon,method,geonameid,detail\n"
                      "CN,Jiangsu,Nanjing,32.06,118.78,gazetteer,1,\n"
                      "US,Missouri,St. Louis,38.63,-90.2,gazetteer,2,\n", encoding="utf-8")
    pairs = load_pairings(fixtures / "good.csv").pairs
    located, unlocated = locate(pairs, load_places(places))
    assert list(located["place_cn"]) == ["Nanjing"]
    assert located.loc[0, "us_lon"] == -90.2
    assert len(located) + len(unlocated) == len(pairs)


def test_row_numbers_count_blank_lines_like_a_spreadsheet(fixtures):
    lines = (fixtures / "bad.csv").read_text(encoding="utf-8").splitlines()
    with_blanks = "\n".join([lines[0], "", lines[1], ",,,", lines[2]]) + "\n"
    messages = [str(i) for i in parse_pairings(with_blanks.encode(), "gaps.csv").issues]
    assert any(m.startswith("gaps.csv row 3, column year: '19x9'") for m in messages)
    assert any(m.startswith("gaps.csv row 5, column level: 'town'") for m in messages)


def test_events_load_with_integer_years_and_a_source_each():
    events = load_events()
    assert events["year"].dtype.kind == "i"
    assert events["year"].between(1979, 2100).all()
    assert events["source"].str.match(r"https?://").all()
