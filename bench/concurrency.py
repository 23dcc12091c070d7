"""Many viewers at once: concurrent new sessions (bench/load.py) against one Atlas process, the
bare app, and `make serve`'s launcher (one replica per core behind HAProxy), in one run.

Each server starts on a free loopback port with the real data and gets one warm-up session
per process (each replica's caches filled, as a server that has been up has them); then each
level of sessions starts together, one level after another. Server RSS is summed over the
server's processes (the launcher, HAProxy and every replica for `make serve`) after each level.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from tests.browser import server

from . import ROOT
from .load import load

LEVELS = (10, 50, 100)
TARGET_LEVEL = 60  # the issue's target: one process' wall time against the bare app's
PAGE = "/"  # the overview, the page a shared link opens
START_TIMEOUT_S = 120.0


def process_tree(root: int) -> list[int]:
    """`root` and every process descended from it (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            pid, rest = stat.read_text().split(" (", 1)
        except OSError:  # gone while we looked
            continue
        ppid = int(rest.rsplit(") ", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(pid))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo += children.get(pid, [])
    return tree


def rss_mib(root: int) -> float:
    total_kb = 0
    for pid in process_tree(root):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        total_kb += next((int(line.split()[1]) for line in status.splitlines()
                          if line.startswith("VmRSS:")), 0)
    return total_kb / 1024


def start_serve(replicas: int, work: Path) -> tuple[subprocess.Popen, str]:
    """`make serve`'s launcher on a free loopback port; its logs in `work`."""
    port = server.free_port()
    log = work / "serve.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "deploy.serve", "--replicas", str(replicas), "--port", str(port),
             "--address", "127.0.0.1", "--log-dir", str(work / "serve-logs")],
            cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    if server.wait_until_healthy(process, url, START_TIMEOUT_S):
        return process, url
    stop(process)
    raise RuntimeError("make serve did not start: " + log.read_text(errors="replace")[-2000:])


def stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGINT)  # as Ctrl-C: the launcher stops what it started
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def measure(process: subprocess.Popen, url: str, levels: tuple[int, ...], warm: int) -> dict:
    # Sessions started together are spread by HAProxy's leastconn: one reaches each replica.
    warm_up = load(url + PAGE, warm)
    figures = {"idle_rss_mib": rss_mib(process.pid), "warm_up_errors": warm_up["error_samples"],
               "levels": []}
    for sessions in levels:
        print(f"   {sessions} concurrent new sessions", flush=True)
        figures["levels"].append({**load(url + PAGE, sessions), "rss_mib": rss_mib(process.pid)})
    return figures


def run_server(name: str, start, levels: tuple[int, ...], warm: int = 1) -> dict:
    print(f"… concurrency: {name}", flush=True)
    try:
        process, url = start()
    except RuntimeError as exc:
        return {"server": name, "error": str(exc)[-500:]}
    try:
        return {"server": name, **measure(process, url, levels, warm)}
    finally:
        stop(process)


def concurrency(work: Path) -> dict:
    replicas = os.cpu_count() or 1
    single = (*LEVELS[:2], TARGET_LEVEL, *LEVELS[2:])

    def streamlit(app: str):
        return lambda: server.start_server(work / f"concurrency-{Path(app).stem}.log", app)

    servers = [
        run_server("one Atlas process", streamlit("dashboard.py"), single),
        run_server("bare app, one process", streamlit("bench/bare_app.py"), single),
        run_server(f"make serve ({replicas} replicas)", lambda: start_serve(replicas, work), LEVELS,
                   warm=replicas),
    ]
    return {"page": PAGE, "replicas": replicas, "servers": servers}


def main() -> None:
    """Only this part of the bench: its table and targets printed, results.json untouched."""
    import tempfile

    from .report import concurrency_table, concurrency_targets

    with tempfile.TemporaryDirectory(prefix="atlas-concurrency-") as tmp:
        figures = concurrency(Path(tmp))
    print(concurrency_table(figures))
    for target, measured, ok in concurrency_targets(figures["servers"]):
        print(f"- {target}: {measured} ({'n/a' if ok is None else 'PASS' if ok else 'FAIL'})")


if __name__ == "__main__":
    main()
