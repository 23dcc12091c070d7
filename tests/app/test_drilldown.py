"""Every province and state page, deep links, map clicks and the timeline controls."""

import pytest

from sistercities.atlas import load_atlas
from sistercities.dataset import DATA_DIR
from sistercities.timeline import STANDING, YearWindow
from sistercities.view import Filters, apply_filters, kpis
from tests.app.helpers import ends_outside_the_map, layer, metrics, new_app, open_page

ATLAS = load_atlas()
PROVINCES = sorted(ATLAS.pairs["province"].unique())
STATES = sorted(ATLAS.pairs["state"].unique())


def name_links(at) -> list:
    """Links to a province's or state's page (the page list's links carry no name)."""
    return [link for link in at.get("page_link") if "name=" in link.proto.query_string]


def link_names(at) -> set[str]:
    return {link.proto.query_string.split("name=")[-1].replace("+", " ") for link in name_links(at)}


def pairs_table(at):
    """The table of the pairs in view under the map."""
    return next(frame.value for frame in at.dataframe if "cn_place" in frame.value.columns)


def assert_one_count(at, located) -> None:
    """The page draws every located pair of its scope (undated ones too, hollow), and the
    figures, the map, the legend and the table count the same pairs."""
    arcs = layer(at, "arcs")["data"]
    assert len(arcs) >= 1, "the page draws at least one pair"
    assert metrics(at)["Pairs shown"] == len(arcs) == len(located) == len(pairs_table(at))
    assert sum(arc["u"] for arc in arcs) == int(located["year"].isna().sum())
    assert ends_outside_the_map(at) == []


@pytest.mark.parametrize("province", PROVINCES)
def test_every_province_page_draws_its_pairs_and_links_to_its_partners(province):
    at = open_page("pages/province.py", name=province)
    assert not at.exception
    assert at.title[0].value.startswith(province)
    pairs = ATLAS.pairs[ATLAS.pairs["province"] == province]
    caption = at.caption[0].value
    assert caption.startswith(f"All years: {len(pairs)} documented pair")
    assert f" with {pairs['state'].nunique()} US state" in caption
    undated = int(pairs["year"].isna().sum())
    said = {0: None, 1: "1 has no known year"}.get(undated, f"{undated} of them have no known year")
    assert said in caption if said else "no known year" not in caption, caption
    assert {n.replace("%20", " ") for n in link_names(at)} == set(pairs["state"])
    assert_one_count(at, ATLAS.located[ATLAS.located["province"] == province])


@pytest.mark.parametrize("state", STATES)
def test_every_state_page_draws_its_pairs_and_links_to_its_partners(state):
    at = open_page("pages/state.py", name=state)
    assert not at.exception
    assert at.title[0].value == state
    pairs = ATLAS.pairs[ATLAS.pairs["state"] == state]
    assert at.caption[0].value.startswith(f"All years: {len(pairs)} documented pair")
    assert f" with {pairs['province'].nunique()} Chinese province" in at.caption[0].value
    assert {n.replace("%20", " ") for n in link_names(at)} == set(pairs["province"])
    assert_one_count(at, ATLAS.located[ATLAS.located["state"] == state])


def test_montana_whose_one_tie_is_undated_shows_it_and_says_so_when_hidden():
    at = open_page("pages/state.py", name="Montana")
    arcs = layer(at, "arcs")["data"]
    assert len(arcs) == 1 and arcs[0]["u"] == 1, "the undated tie is drawn, hollow"
    hidden = open_page("pages/state.py", name="Montana", undated="0")
    assert layer(hidden, "arcs")["data"] == []
    assert "have no known year" in hidden.info[0].value or "has no known year" in hidden.info[0].value
    hidden.button(key="show_undated").click().run()
    assert len(layer(hidden, "arcs")["data"]) == 1


def test_names_are_case_insensitive_and_accept_aliases():
    at = open_page("pages/province.py", name="nei mongol")
    assert at.title[0].value.startswith("Inner Mongolia")
    assert at.query_params["name"] == "Inner Mongolia"
    assert open_page("pages/state.py", name="OHIO").title[0].value == "Ohio"


@pytest.mark.parametrize(("page", "valid"), [("pages/province.py", PROVINCES),
                                            ("pages/state.py", STATES)])
def test_an_unknown_name_gets_a_friendly_page_listing_the_valid_ones(page, valid):
    at = open_page(page, name="Atlantis")
    assert not at.exception
    assert "Atlantis" in at.warning[0].value
    assert len(name_links(at)) == len(valid)


def test_a_deep_link_restores_the_whole_view():
    at = new_app(years=["1985", "2010"], level="city", relation="sister", q="Suzhou",
                 mode=STANDING)
    at.run()
    assert not at.exception
    assert at.slider(key="years").value == (1985, 2010)
    assert at.sidebar.multiselect(key="w_level").value == ["city"]
    assert at.sidebar.multiselect(key="w_relation").value == ["sister"]
    assert at.sidebar.text_input(key="w_q").value == "Suzhou"
    assert at.query_params["level"] == "city" and at.query_params["mode"] == STANDING
    expected = apply_filters(ATLAS.located, Filters(YearWindow(1985, 2010, STANDING), ("city",),
                                                    ("sister",)))
    assert metrics(at)["Pairs shown"] == kpis(expected).pairs
    assert any("match “Suzhou”" in c.value for c in at.caption)


def test_the_year_range_is_written_to_the_url_with_both_ends():
    at = new_app()
    at.run()
    assert at.query_params["years"] == [str(y) for y in ATLAS.bounds]


@pytest.mark.parametrize(("clicked", "title"), [
    ({"places": [{"country": "US", "admin": "Ohio", "place": "Ohio"}]}, "Ohio"),
    ({"places": [{"country": "CN", "admin": "Jiangsu", "place": "Nanjing"}]}, "Jiangsu · 江苏"),
    ({"arcs": [{"province": "Hubei", "state": "Ohio"}]}, "Hubei · 湖北"),
])
def test_a_click_on_the_map_opens_the_drilldown_page(clicked, title):
    at = new_app()
    at.run()
    at.session_state["map"] = {"selection": {"indices": {}, "objects": clicked}}
    at.run()
    assert not at.exception
    assert at.title[0].value == title


def test_year_steps_move_the_end_of_the_range():
    at = new_app(years=["1979", "1990"])
    at.run()
    at.button(key="year_forward").click().run()
    assert at.slider(key="years").value == (1979, 1991)
    at.button(key="year_back").click().run()
    at.button(key="year_back").click().run()
    assert at.slider(key="years").value == (1979, 1989)
    assert len(layer(at, "arcs")["data"]) == kpis(apply_filters(
        ATLAS.located, Filters(YearWindow(1979, 1989)))).pairs


# The Sources page's tables: coverage by level and by decade, status, year basis, source
# kind, then every pair.
EVERY_PAIR = 5


def test_the_sources_page_lists_every_pair_with_its_coverage():
    at = open_page("pages/sources.py")
    assert not at.exception
    sister = (ATLAS.pairs["relation"] == "sister").sum()
    assert f"{sister} of the 284 reported sister pairs documented" in at.markdown[0].value
    assert len(at.dataframe[EVERY_PAIR].value) == len(ATLAS.pairs)


def test_the_sources_page_says_how_far_each_row_can_be_trusted_and_what_changed():
    at = open_page("pages/sources.py")
    statuses, bases, kinds = (at.dataframe[i].value for i in (2, 3, 4))
    pairs = ATLAS.pairs
    # Every pair is counted once in each table.
    assert statuses["pairs"].sum() == bases["pairs"].sum() == kinds["pairs"].sum() == len(pairs)
    ended = dict(zip(statuses["what"], statuses["pairs"]))["ended"]
    assert ended == (pairs["status"] == "ended").sum()
    assert dict(zip(bases["what"], bases["pairs"]))["year unknown"] == pairs["year"].isna().sum()
    table = at.dataframe[EVERY_PAIR].value
    assert {"year_basis", "source_kind", "place_us_zh"} <= set(table.columns)
    assert set(table["source_kind"].dropna()) <= {"official", "news", "sister-city association",
                                                  "encyclopedia", "compiled list", "other"}
    changes = next(e for e in at.expander if e.label.startswith("What changed in version"))
    version = (DATA_DIR / "VERSION").read_text().strip()
    assert changes.label.endswith(version)
    assert any("http" in m.value for m in changes.markdown)


@pytest.mark.parametrize("search", ["Boynton", "Jiangsu"])
def test_the_sources_table_follows_the_search_and_says_so_in_words(search):
    at = open_page("pages/sources.py", q=search)
    assert not at.exception
    matches = len(at.dataframe[EVERY_PAIR].value)
    said = next(c.value for c in at.caption if "filters let through" in c.value)
    assert f"“{search}”" in said
    if matches == 1:
        assert said.startswith(f"1 of the {len(ATLAS.pairs)} pairs: the one"), said
    else:
        assert matches > 1 and said.startswith(f"{matches} of the {len(ATLAS.pairs)} pairs"), said
    at.toggle(key="sources_all").set_value(True).run()
    assert len(at.dataframe[EVERY_PAIR].value) == len(ATLAS.pairs)
    assert any(c.value.startswith(f"Every one of the {len(ATLAS.pairs)} pairs") for c in at.caption)


def test_invalid_url_values_are_ignored_not_fatal():
    at = new_app(years=["19x9", "2000"], level=["city", "<script>"], mode="sideways", lang="fr")
    at.run()
    assert not at.exception
    assert at.slider(key="years").value == ATLAS.bounds
    assert at.sidebar.multiselect(key="w_level").value == ["city"]


def test_chinese_interface_from_the_url():
    at = open_page("pages/province.py", name="Jiangsu", lang="zh")
    assert not at.exception
    assert at.caption[0].value.startswith("全部年份：已记录")
    assert "显示的关系" in metrics(at)
    at = new_app(lang="zh")
    at.run()
    assert at.title[0].value == "中美友好城市地图"
    tips = layer(at, "arcs")["data"]
    assert any("南京" in tip["tip_title"] for tip in tips)


def test_page_links_carry_no_view_and_the_view_follows_the_session_to_the_next_page():
    """A slider move reruns only the stage fragment, so links drawn before it would carry
    old years: the links carry none, and the page they open takes the session's view."""
    at = new_app(years=["1985", "2005"], level="city", mode="standing")
    at.run()
    links = {link.proto.label: link.proto.query_string for link in at.get("page_link")}
    assert set(links) == {"Overview", "Provinces", "States", "Sources & coverage", "Check your CSV"}
    assert all("years" not in q for q in links.values())
    at.slider(key="years").set_value((1990, 2000)).run()
    at.switch_page("pages/sources.py")
    for key in list(at.query_params):
        del at.query_params[key]
    at.run()
    assert not at.exception
    assert at.query_params["years"] == ["1990", "2000"]
    assert at.query_params["level"] == "city" and at.query_params["mode"] == "standing"


def test_the_pairs_table_words_its_codes_in_the_page_language_and_names_a_state_once():
    at = open_page("pages/province.py", name="Guangdong", lang="zh")
    assert not at.exception
    table = pairs_table(at)
    assert set(table["level"]) <= {"友好省州", "友好城市", "省市混合"}
    # The status in words with what is known of it: an ending, or the latest sign of life.
    assert all(s.startswith(("有效", "已终止", "已暂停", "已降级")) for s in table["status"])
    assert any(s.startswith("已终止") for s in table["status"])
    assert any("仍见报道" in s for s in table["status"])
    at = open_page("pages/state.py", name="Ohio")
    table = pairs_table(at)
    assert "Hubei" in set(table["cn_place"]) and "Ohio" in set(table["us_place"])
    assert "Hubei, Hubei" not in set(table["cn_place"]) and "Ohio, Ohio" not in set(table["us_place"])


def test_the_checker_names_a_file_this_session_no_longer_holds():
    """After a failover the URL still names the uploaded file; the new session has no copy."""
    at = open_page("pages/upload.py", file="my <b>pairs</b>.csv")
    assert not at.exception
    said = at.warning[0].value
    assert said.startswith("**my \\<b\\>pairs\\</b\\>\\.csv** is not loaded any more"), said
    assert "upload the file again" in said
    at = open_page("pages/upload.py")
    assert not at.warning, "a first visit names no file"
