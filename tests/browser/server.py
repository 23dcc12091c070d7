"""Start `streamlit run` on a free loopback port and wait until it answers (tests and bench)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(log: Path, app: str = "dashboard.py",
                 env: dict[str, str] | None = None) -> tuple[subprocess.Popen, str]:
    """The server's output goes to `log`; `env` replaces the environment (default: ours)."""
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(ROOT / app),
               "--server.port", str(port), "--server.address", "127.0.0.1",
               "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as sink:
        process = subprocess.Popen(command, cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT,
                                   env=dict(os.environ) if env is None else env)
    url = f"http://127.0.0.1:{port}"
    if wait_until_healthy(process, url, timeout_s=60):
        return process, url
    process.kill()
    process.wait()
    raise RuntimeError("Streamlit did not start: " + log.read_text(errors="replace")[-2000:])


def wait_until_healthy(process: subprocess.Popen, url: str, timeout_s: float) -> bool:
    """True once `url` answers Streamlit's health check; False if the process ends first or
    `timeout_s` passes."""
    deadline = time.monotonic() + timeout_s
    while process.poll() is None and time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return True
        except OSError:
            time.sleep(0.3)
    return False
