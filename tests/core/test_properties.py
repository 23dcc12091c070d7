"""Property-based tests: on random and hostile input, only the project's own errors escape."""

import csv
import io

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sistercities.dataset import DatasetError, parse_pairings
from sistercities.schema import PAIRING_COLUMNS, validate_pairings

HOSTILE = st.sampled_from(['<script>alert(1)</script>', '=HYPERLINK("x")', '"', "'", "&amp;", "\x00",
                           "\u202e", "南京", "", " ", "\r\n", ",", "1979", "city", "Jiangsu", "Ohio",
                           "https://example.org", "province-state", "NaN", "None", "-1", "9" * 40])
CELL = st.one_of(st.text(max_size=30), HOSTILE)


def as_csv(header: list[str], rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8", errors="surrogatepass")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_any_bytes_give_pairs_or_a_dataset_error(data):
    try:
        pairings = parse_pairings(data, "random.csv")
    except DatasetError as exc:
        assert str(exc).startswith("random.csv")
    else:
        assert len(pairings.pairs) <= data.count(b"\n") + 1


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(CELL, min_size=len(PAIRING_COLUMNS), max_size=len(PAIRING_COLUMNS) + 2),
                max_size=8))
def test_hostile_rows_are_validated_and_none_is_lost(rows):
    try:
        data = as_csv(list(PAIRING_COLUMNS), rows)
        pairings = parse_pairings(data, "hostile.csv")
    except (DatasetError, UnicodeEncodeError):
        return
    reported = {issue.row for issue in pairings.issues if issue.row is not None}
    kept = set(pairings.pairs["row"])
    assert not kept & reported, "a row is either kept or reported"
    data_rows = [number for number, row in enumerate(rows, start=2)
                 if any(cell.strip() for cell in row)]
    assert len(kept) + len(reported) <= len(data_rows)
    assert all(str(issue).startswith("hostile.csv") for issue in pairings.issues)


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.sampled_from(PAIRING_COLUMNS), CELL, min_size=len(PAIRING_COLUMNS)))
def test_the_validator_never_raises_on_one_row_of_anything(row):
    pairs, issues = validate_pairings(pd.DataFrame([row], dtype="str"))
    assert len(pairs) + len({i.row for i in issues}) >= 1
