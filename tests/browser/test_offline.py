"""The Atlas with no network at all: server and browser in a namespace with only loopback."""

import json
import os
import shutil
import subprocess
import sys
from urllib.parse import urlparse

import pytest

from tests.browser.conftest import LOCAL_HOSTS
from tests.conftest import ROOT

pytestmark = pytest.mark.browser


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("unshare") or not shutil.which("ip"),
                    reason="needs root, unshare and ip to make a network namespace")
def test_every_page_and_the_map_render_with_the_network_unplugged(artifacts):
    script = ROOT / "tests" / "browser" / "offline_run.py"
    command = f"ip link set lo up && exec {sys.executable} {script} {artifacts}"
    result = subprocess.run(["unshare", "--net", "sh", "-c", command], cwd=ROOT, timeout=300,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    report = json.loads((artifacts / "report.json").read_text(encoding="utf-8"))
    pages = report["pages"]
    assert pages["/"]["title"] == "Sister Cities Atlas"
    assert pages["/province?name=Jiangsu"]["title"].startswith("Jiangsu")
    assert pages["/state?name=California"]["title"] == "California"
    assert pages["/sources"]["title"] == "Sources & coverage"
    assert pages["/?lang=zh&present=1&deck=tour&slide=4"]["title"].startswith("江苏")
    for path, seen in pages.items():
        assert seen["errors"] == 0, path
        if seen["map_spread"] is not None:
            assert seen["map_spread"] > 10, f"{path}: blank map"
    outside = [u for u in report["requests"]
               if urlparse(u).scheme in ("http", "https") and urlparse(u).hostname not in LOCAL_HOSTS]
    assert outside == []
