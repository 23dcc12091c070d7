"""Reading what AppTest rendered: the deck's JSON and the KPI metrics."""

import json

from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from components.stage import MAP_WIDTH
from tests.browser.mapview import Viewport
from tests.conftest import ROOT

DASHBOARD = str(ROOT / "dashboard.py")


def new_app(**query) -> AppTest:
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value if isinstance(value, list) else [value]
    return at


def keeping_pages_flag(init):
    """PagesManager.__init__ that leaves Streamlit's "pages/ folder app" flag off, as a running
    server has it after its first run. AppTest resets the flag before every run, so each run
    of the Atlas starts as a v1 page and reruns itself (frame._leave_pages_folder_mode): a
    bounce a server makes once, on its first deep link, in which a button's click is lost."""
    def init_as_server(self, *args, **kwargs) -> None:
        init(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False
    return init_as_server


def deck(at: AppTest) -> dict:
    return json.loads(at.get("deck_gl_json_chart")[0].proto.json)


def layer(at: AppTest, layer_id: str) -> dict:
    return next(layer for layer in deck(at)["layers"] if layer["id"] == layer_id)


def metrics(at: AppTest) -> dict[str, int]:
    """The counted figures (the years shown during playback are text, left out)."""
    return {m.label: int(m.value.replace(",", "")) for m in at.metric
            if m.value.replace(",", "").isdigit()}


def open_page(page: str, **query) -> AppTest:
    """Run the dashboard once (st.navigation needs it), then open `page` with `query`."""
    at = new_app()
    at.run()
    at.switch_page(page)
    for key, value in query.items():
        at.query_params[key] = value if isinstance(value, list) else [value]
    at.run()
    return at


def ends_outside_the_map(at: AppTest, height: int = 460) -> list:
    """Arc ends the page's fitted camera leaves off its map."""
    camera = deck(at)["initialViewState"]
    viewport = Viewport(camera["longitude"], camera["latitude"], camera["zoom"], MAP_WIDTH, height)
    return [(arc["tip_title"], lon, lat) for arc in layer(at, "arcs")["data"]
            for lon, lat in (arc["source"], arc["target"])
            if not viewport.contains(*viewport.pixel(lon, lat), margin=0)]
