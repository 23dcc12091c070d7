"""A real Streamlit server and a real headless Chromium that may only talk to localhost."""

import os
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.browser import server
from tests.conftest import ARTIFACTS

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}


def start_server(extra_env: dict | None = None):
    """The app on a free port, its log under tests/artifacts/."""
    log = ARTIFACTS / f"server-{time.monotonic_ns()}.log"
    return server.start_server(log, env={**os.environ, **(extra_env or {})})


@pytest.fixture(scope="session", name="server")
def app_server():
    """The app from this tree; ATLAS_TEST_SERVER=<url> points the tests at a running one
    instead (to see a test fail on an older commit's server)."""
    if os.environ.get("ATLAS_TEST_SERVER"):
        yield os.environ["ATLAS_TEST_SERVER"]
        return
    process, url = start_server()
    yield url
    process.terminate()
    process.wait(timeout=20)


@pytest.fixture(scope="session")
def chromium():
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium (make test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def offline_page(chromium):
    """A page whose every request to a host other than localhost is blocked and recorded."""
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    left_the_machine: list[str] = []

    def guard(route):
        if urlparse(route.request.url).hostname in LOCAL_HOSTS or route.request.url.startswith(
                ("data:", "blob:")):
            route.continue_()
        else:
            left_the_machine.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.left_the_machine = left_the_machine
    yield page
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
