"""`make serve`'s launcher (deploy/serve.py) started for a test, and what it says it started."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from tests.browser.server import free_port
from tests.conftest import ROOT

READY = "Sister Cities Atlas on http://"


@dataclass
class Launched:
    process: subprocess.Popen
    url: str
    replicas: dict[str, int]  # name (HAProxy's cookie value) -> pid
    haproxy: int
    stats_socket: Path
    log: Path

    def pids(self) -> list[int]:
        return [*self.replicas.values(), self.haproxy]

    def stop(self) -> int:
        """As Ctrl-C: SIGINT to the launcher; its exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout=40)


def launch(replicas: int, log: Path, env: dict[str, str] | None = None) -> Launched:
    port = free_port()
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "deploy.serve", "--replicas", str(replicas), "--port", str(port),
             "--address", "127.0.0.1", "--log-dir", str(log.with_suffix(""))],
            cwd=ROOT, env=env, stdout=sink, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 120
    while READY not in log.read_text() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.3)
    said = log.read_text()
    if READY not in said:
        process.kill()
        process.wait()
        raise RuntimeError("make serve's launcher did not start:\n" + said[-3000:])
    stats = re.search(r"^haproxy: pid (\d+), stats socket (\S+)$", said, re.M)
    return Launched(process, f"http://127.0.0.1:{port}",
                    {name: int(pid) for name, pid in re.findall(r"^replica (\w+): pid (\d+)", said, re.M)},
                    int(stats[1]), Path(stats[2]), log)


def running(pid: int) -> bool:
    """Alive and not a zombie waiting to be reaped."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(") ", 1)[1][0] != "Z"
    except (OSError, IndexError):
        return False


def wait_gone(pids: list[int], timeout: float = 20) -> list[int]:
    """The pids still running after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while any(running(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.2)
    return [pid for pid in pids if running(pid)]
