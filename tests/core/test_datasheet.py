"""The datasheet's coverage section is generated from the data and kept current."""

import re

from sistercities.coverage import REPORTED_TOTAL, by_level, markdown
from sistercities.dataset import DATA_DIR, load_pairings


def test_the_coverage_section_of_the_datasheet_matches_the_data():
    text = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- coverage:start -->\n(.*?)<!-- coverage:end -->", text, re.S)
    assert block, "data/README.md lost its coverage markers"
    assert block.group(1) == markdown(load_pairings().pairs), (
        "run: python -m sistercities coverage, and paste it between the markers")


def test_coverage_counts_sister_pairs_against_the_reported_total(fixtures):
    pairs = load_pairings(fixtures / "good.csv").pairs
    table = by_level(pairs).set_index("what")
    assert table.loc["All sister pairs", "documented"] == 3
    assert table.loc["All sister pairs", "reported"] == REPORTED_TOTAL
    assert table.loc["Friendship ties (not in the 284)", "documented"] == 1
