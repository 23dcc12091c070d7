"""Run inside a network namespace with only loopback (test_dockerfile.py): the image's CMD
started in a folder holding the image's files, its HEALTHCHECK polled, every page opened over
the websocket and the static files fetched; the same pages from the repository's own server
beside it, to compare. What was seen goes to stdout as JSON."""

import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.load import load  # noqa: E402
from tests.deploy.dockerfile import exec_form, instructions  # noqa: E402

PAGES = ["/", "/province?name=Jiangsu&years=1990&years=2010", "/state?name=Ohio", "/sources",
         "/upload"]
STATIC = ["/app/static/fonts/atlas-cjk.woff2", "/app/static/basemap/countries.geojson"]
PORT, REPO_PORT = 8501, 8502  # the image's own port: nothing else listens in this namespace


def healthcheck(command: list[str]) -> bool:
    return subprocess.run([sys.executable, *command[1:]], capture_output=True,
                          timeout=10).returncode == 0


def start(cmd: list[str], folder: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.Popen([sys.executable, "-m", *cmd], cwd=folder, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main(image: Path) -> None:
    steps = dict(instructions())
    cmd, check = exec_form(steps["CMD"]), exec_form(steps["HEALTHCHECK"])
    repo_cmd = [arg.replace(f"={PORT}", f"={REPO_PORT}") for arg in cmd]
    servers = [start(cmd, image), start(repo_cmd, ROOT)]
    report: dict = {"healthy": False, "pages": {}, "static": {}}
    try:
        deadline = time.monotonic() + 90
        while not report["healthy"] and time.monotonic() < deadline:
            report["healthy"] = healthcheck(check)
            time.sleep(0.5)
        if report["healthy"]:
            for page in PAGES:
                report["pages"][page] = {
                    "image": load(f"http://127.0.0.1:{PORT}{page}", 1, 60),
                    "repo": load(f"http://127.0.0.1:{REPO_PORT}{page}", 1, 60)}
            for path in STATIC:
                with urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=10) as answer:
                    report["static"][path] = [answer.status, len(answer.read())]
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=20)
    print(json.dumps(report))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
