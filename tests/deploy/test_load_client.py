"""The websocket load client (bench/load.py) that the deploy tests and the bench rely on."""

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg

from bench.load import MAX_SESSIONS, Slider, load, moved_query, percentile, rerun_request, target


def test_only_loopback_servers_are_targets():
    where = target("http://127.0.0.1:8501/province?name=Jiangsu&years=1990")
    assert where.uri == "ws://127.0.0.1:8501/_stcore/stream"
    assert (where.page, where.query) == ("province", "name=Jiangsu&years=1990")
    assert target("http://localhost:8501/").page == ""
    for elsewhere in ("http://192.168.1.10:8501/", "http://8.8.8.8:80/", "https://127.0.0.1:8501/"):
        with pytest.raises(ValueError):
            target(elsewhere)


def test_session_count_is_bounded():
    for sessions in (0, MAX_SESSIONS + 1):
        with pytest.raises(ValueError):
            load("http://127.0.0.1:9/", sessions)


def test_a_slider_moves_one_step_as_the_browser_sends_it():
    years = Slider("$$ID-years", (1979.0, 2024.0), 1979.0, 1.0, "years", "frag")
    assert years.moved() == (1979.0, 2023.0)
    assert Slider("s", (1979.0, 1979.0), 1979.0, 1.0, "", "").moved() == (1979.0, 1980.0)
    assert Slider("s", (5.0,), 5.0, 1.0, "", "").moved() == (6.0,)
    assert moved_query("name=Ohio&years=1979&years=2024", years, years.moved()) == \
        "name=Ohio&years=1979&years=2023"
    msg = BackMsg()
    msg.ParseFromString(rerun_request(target("http://127.0.0.1:8501/state?name=Ohio"),
                                      "name=Ohio", years, years.moved()))
    state = msg.rerun_script
    assert (state.page_name, state.query_string, state.fragment_id) == ("state", "name=Ohio", "frag")
    assert [(w.id, list(w.double_array_value.data)) for w in state.widget_states.widgets] == \
        [("$$ID-years", [1979.0, 2023.0])]


def test_percentiles_by_nearest_rank():
    values = [float(n) for n in range(1, 11)]
    assert percentile(values, 50) == 5.0 and percentile(values, 95) == 10.0
    assert percentile([], 50) is None


def test_a_server_that_is_not_there_is_an_error_not_a_crash():
    result = load("http://127.0.0.1:9/", 2, 10)
    assert result["errors"] == 2 and result["first_p50_s"] is None
