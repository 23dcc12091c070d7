"""Failover keeps the view: `make serve`'s launcher with two replicas, a live page on one of
them, that replica killed (SIGKILL, as a crash).

The view lives in the URL and the browser's widgets, so the page reconnects through HAProxy to
the other replica (the redispatched request rewrites the ATLAS_REPLICA cookie) and its next run
there draws the same view; a session on the other replica never notices. What Streamlit 1.67
does on such a reconnect: the new session runs nothing until the browser asks for a run, and a
fragment run (the stage's slider and buttons) may be dropped because the new session has no
such fragment yet (app_session.request_rerun logs "does not exist anymore"); a full run (any
sidebar control) works and brings the fragment back, so the test makes one first.
"""

import os
import signal
import time
from urllib.parse import urlparse

import pytest

from tests.browser.conftest import LOCAL_HOSTS
from tests.conftest import FIXTURES
from tests.deploy.launcher import launch, wait_gone

pytestmark = pytest.mark.browser
COOKIE = "ATLAS_REPLICA"
VIEW, OTHER_VIEW = ("/province?name=Jiangsu&years=1990&years=2010",
                    "/state?name=Ohio&years=1985&years=2000")
UPLOAD_INPUT = "[data-testid='stFileUploaderDropzoneInput']"
GOOD = (FIXTURES / "good.csv").read_bytes()


@pytest.fixture
def cluster(artifacts):
    """Two replicas behind HAProxy; each test kills one, so each gets its own."""
    launched = launch(2, artifacts / f"failover-{time.monotonic_ns()}.log")
    yield launched
    launched.stop()
    assert wait_gone(launched.pids()) == []


class Tab:
    """A browser of its own (cookies included) with one page, its websockets and what each
    received; requests to anything but this machine are blocked and recorded."""

    def __init__(self, chromium, url: str, replica: str | None = None):
        self.context = chromium.new_context(viewport={"width": 1400, "height": 1000})
        if replica:  # as if HAProxy had sent this browser there before
            self.context.add_cookies([{"name": COOKIE, "value": replica, "url": url}])
        self.left_the_machine: list[str] = []
        self.context.route("**/*", self._guard)
        self.page = self.context.new_page()
        self.sockets: list[dict] = []
        self.page.on("websocket", self._opened)

    def _guard(self, route):
        if urlparse(route.request.url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            self.left_the_machine.append(route.request.url)
            route.abort()

    def _opened(self, websocket):
        seen = {"frames": 0, "closed": False}
        websocket.on("framereceived", lambda _: seen.update(frames=seen["frames"] + 1))
        websocket.on("close", lambda _: seen.update(closed=True))
        self.sockets.append(seen)

    def replica(self) -> str:
        return {c["name"]: c["value"] for c in self.context.cookies()}[COOKIE]

    def settled(self) -> None:
        """The app has finished its run: no 'running' or 'connecting' status shown."""
        self.page.wait_for_timeout(500)
        self.page.wait_for_selector("[data-testid='stStatusWidget']", state="detached",
                                    timeout=60_000)

    def until(self, done, what: str, timeout_s: float = 60) -> None:
        deadline = time.monotonic() + timeout_s
        while not done():
            if time.monotonic() > deadline:
                pytest.fail(f"not within {timeout_s:.0f} s: {what}")
            self.page.wait_for_timeout(250)

    def reconnected(self) -> None:
        """A second websocket, opened after the first closed."""
        self.until(lambda: len(self.sockets) == 2 and self.sockets[0]["closed"],
                   "the page reconnected")
        self.settled()

    def years(self) -> list[int]:
        thumbs = self.page.locator("[data-testid='stSlider'] input[type='range']")
        return [int(thumbs.nth(i).get_attribute("value")) for i in range(thumbs.count())]

    def title(self) -> str:
        return self.page.locator("h1").first.inner_text()

    def pairs_shown(self) -> str:
        return self.page.locator("[data-testid='stMetricValue']").first.inner_text()

    def exceptions(self) -> int:
        return self.page.locator("[data-testid='stException']").count()

    def click_sidebar(self, label: str) -> None:
        sidebar = self.page.locator("[data-testid='stSidebar']")
        sidebar.get_by_text(label, exact=True).click()
        self.settled()

    def next_year(self) -> None:
        self.page.get_by_role("button", name="Next year").click()

    def upload(self, name: str, data: bytes) -> str:
        self.page.set_input_files(UPLOAD_INPUT, files=[{"name": name, "mimeType": "text/csv",
                                                         "buffer": data}])
        self.page.wait_for_timeout(1000)
        self.settled()
        return self.page.locator("[data-testid='stMain']").inner_text()


def open_view(chromium, cluster, path: str, replica: str | None = None) -> Tab:
    tab = Tab(chromium, cluster.url, replica)
    tab.page.goto(cluster.url + path)
    ready = UPLOAD_INPUT if path.startswith("/upload") else "[data-testid='stSlider']"
    tab.page.wait_for_selector(ready, state="attached", timeout=60_000)
    tab.settled()
    return tab


def kill_replica_of(tab: Tab, cluster) -> str:
    """SIGKILL the replica holding the tab's session; the other replica's name."""
    holder = tab.replica()
    os.kill(cluster.replicas[holder], signal.SIGKILL)
    assert wait_gone([cluster.replicas[holder]], 10) == []
    return next(name for name in cluster.replicas if name != holder)


def test_a_page_whose_replica_dies_comes_back_on_the_other_with_its_view(chromium, cluster):
    a = open_view(chromium, cluster, VIEW)
    assert a.title().startswith("Jiangsu") and a.years() == [1990, 2010]
    pairs = a.pairs_shown()
    holder = a.replica()
    other = next(name for name in cluster.replicas if name != holder)
    b = open_view(chromium, cluster, OTHER_VIEW, replica=other)
    assert b.replica() == other and b.title() == "Ohio" and b.years() == [1985, 2000]

    assert kill_replica_of(a, cluster) == other
    a.reconnected()
    assert a.replica() == other, "HAProxy did not move the browser to the live replica"
    # The page's next full run (a sidebar control) runs on the new replica: the same view.
    a.click_sidebar("中文")
    assert a.sockets[1]["frames"] > 0, "the new replica sent nothing"
    assert "江苏" in a.title() and a.years() == [1990, 2010] and a.pairs_shown() == pairs
    assert "name=Jiangsu" in a.page.url and "years=1990&years=2010" in a.page.url
    a.click_sidebar("English")
    assert a.title().startswith("Jiangsu")
    a.next_year()  # the stage fragment exists again after that full run
    a.until(lambda: a.years() == [1990, 2011], "Next year on the new replica")
    assert a.exceptions() == 0

    # The session on the surviving replica was never disturbed: same socket, fragment alive.
    assert len(b.sockets) == 1 and not b.sockets[0]["closed"]
    b.next_year()
    b.until(lambda: b.years() == [1985, 2001], "Next year on the untouched session")
    assert b.title() == "Ohio" and b.replica() == other and b.exceptions() == 0
    assert a.left_the_machine == [] and b.left_the_machine == []


def test_an_upload_works_again_after_its_replica_dies(chromium, cluster):
    tab = open_view(chromium, cluster, "/upload")
    assert "4 valid pairs" in tab.upload("good.csv", GOOD)
    other = kill_replica_of(tab, cluster)
    tab.reconnected()
    # The upload goes to the replica holding the new session (the cookie moved with it).
    shown = tab.upload("good.csv", GOOD)
    assert tab.replica() == other
    assert "4 valid pairs" in shown and tab.exceptions() == 0 and "Traceback" not in shown


def test_an_upload_lost_with_its_replica_is_announced_by_name(chromium, cluster):
    tab = open_view(chromium, cluster, "/upload")
    assert "4 valid pairs" in tab.upload("good.csv", GOOD)
    kill_replica_of(tab, cluster)
    tab.reconnected()
    tab.click_sidebar("中文")  # the page's next full run, now on the other replica
    alerts = tab.page.locator("[data-testid='stAlert']")

    def announced() -> bool:
        return any("good.csv" in alerts.nth(i).inner_text() for i in range(alerts.count()))

    # The new replica's first run fills its caches first: the alert may take a few seconds.
    tab.until(announced, "an alert naming good.csv", timeout_s=60)
    shown = tab.page.locator("[data-testid='stMain']").inner_text()
    assert "4 valid pairs" not in shown, "the lost file's results are gone"
    assert tab.exceptions() == 0 and "Traceback" not in shown
    # The uploader no longer shows the file the stopped server held.
    assert tab.page.locator("[data-testid='stFileUploaderFile']").count() == 0

