"""Reading what AppTest rendered: the deck's JSON and the KPI metrics."""

import json

from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from components.stage import GUESSED_MAP
from sistercities.geometry import arc_curves
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


def ends_outside_the_map(at: AppTest) -> list:
    """Points of arcs (their ends and bows) the page's fitted camera leaves off its map, for
    the map size the server assumes before the browser has measured it (AppTest has none)."""
    camera = deck(at)["initialViewState"]
    width, height = GUESSED_MAP["desktop"]
    viewport = Viewport(camera["longitude"], camera["latitude"], camera["zoom"], width, height)
    outside = []
    for arc in layer(at, "arcs")["data"]:
        lons, lats = arc_curves(*arc["s"], *arc["t"], arc["h"], samples=9)
        outside += [(arc["tip_title"], lon, lat) for lon, lat in zip(lons[0], lats[0])
                    if not viewport.contains(*viewport.pixel(lon, lat), margin=0)]
    return outside


def deck_for(box: dict, page: str | None = None, touch: bool = False, **query) -> dict:
    """The deck the server builds for a browser whose map measured `box` (a Playwright
    bounding box): the same code path, with the size the browser reports (map_client)."""
    at = new_app(**query) if page is None else None
    if at is None:
        at = new_app()
        at.run()
        at.switch_page(page)
        for key, value in query.items():
            at.query_params[key] = value if isinstance(value, list) else [value]
    at.session_state["map_size"] = {"w": round(box["width"]), "h": round(box["height"]),
                                    "vw": 0, "vh": 0, "touch": touch}
    at.run()
    return deck(at)


def viewport_of(spec: dict, box: dict) -> Viewport:
    camera = spec["initialViewState"]
    return Viewport(camera["longitude"], camera["latitude"], camera["zoom"], box["width"],
                    box["height"])
