"""`make serve`: REPLICAS Streamlit processes on internal loopback ports behind HAProxy on PORT.

One Streamlit process runs every session's script under one GIL, about one core: a process
per core, behind a load balancer that keeps each browser on its replica (cookie) and moves
it to a live one when its replica dies (the view is in the URL, so it comes back). All
replicas share one `server.cookieSecret`, so a cookie one replica signed (Streamlit's login and
session cookies) is good on the others after a move.

    python -m deploy.serve --replicas 2 --port 8501 [--address 127.0.0.1]

Ctrl-C (SIGINT), SIGTERM or SIGHUP stops HAProxy and every replica; so does the launcher's
own death (the children ask the kernel for SIGTERM when their parent goes). A replica that
dies is reported and taken out by HAProxy's health check; the rest go on serving.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from string import Template

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "haproxy.cfg.in"
SECRET_FILE = HERE / ".cookie-secret"  # git-ignored (deploy/.gitignore)
SECRET_ENV = "STREAMLIT_SERVER_COOKIE_SECRET"  # Streamlit reads server.cookieSecret from it
START_TIMEOUT_S = 120.0
STOP_TIMEOUT_S = 15.0
PR_SET_PDEATHSIG = 1


@dataclass
class Child:
    name: str
    process: subprocess.Popen
    port: int
    log: Path
    host: str = "127.0.0.1"


def cookie_secret(env: dict[str, str], path: Path = SECRET_FILE) -> str:
    """The environment's secret, else the one in `path`, written there once (mode 600)."""
    if env.get(SECRET_ENV):
        return env[SECRET_ENV]
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as sink:
        sink.write(secrets.token_urlsafe(32) + "\n")
    return path.read_text().strip()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def haproxy_config(address: str, port: int, replicas: list[tuple[str, int]],
                   stats_socket: Path) -> str:
    servers = "\n".join(f"    server {name} 127.0.0.1:{replica_port} cookie {name}"
                        for name, replica_port in replicas)
    return Template(TEMPLATE.read_text()).substitute(
        address=address, port=port, servers=servers, stats_socket=stats_socket)


def haproxy_binary() -> str:
    # Debian installs it in /usr/sbin, which a user's PATH may not include.
    found = shutil.which("haproxy") or shutil.which("haproxy", path="/usr/sbin:/usr/local/sbin")
    if not found:
        sys.exit("haproxy not found: `make serve` installs it (apt-get install haproxy)")
    return found


def _die_with_parent() -> None:
    """In the child before exec: SIGTERM when the launcher dies, however it dies (Linux)."""
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def spawn(name: str, command: list[str], log: Path, env: dict[str, str], port: int) -> Child:
    with log.open("wb") as sink:
        # Its own session: Ctrl-C reaches only the launcher, which stops children in order.
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=sink,
                                   stderr=subprocess.STDOUT, start_new_session=True,
                                   preexec_fn=_die_with_parent)
    return Child(name, process, port, log)


def start_replica(name: str, app: str, secret: str, logs: Path) -> Child:
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", app, "--server.port", str(port),
               "--server.address", "127.0.0.1", "--server.headless", "true",
               "--browser.gatherUsageStats", "false"]
    return spawn(name, command, logs / f"{name}.log", {**os.environ, SECRET_ENV: secret}, port)


def healthy(host: str, port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://{host}:{port}/_stcore/health", timeout=2) as answer:
            return answer.status == 200
    except OSError:
        return False


def wait_healthy(children: list[Child], deadline: float) -> None:
    waiting = list(children)
    while waiting:
        for child in list(waiting):
            if child.process.poll() is not None:
                tail = child.log.read_text(errors="replace")[-1500:]
                raise RuntimeError(f"{child.name} exited ({child.process.returncode}):\n{tail}")
            if healthy(child.host, child.port):
                waiting.remove(child)
        if waiting and time.monotonic() > deadline:
            raise RuntimeError("not healthy in time: " + ", ".join(c.name for c in waiting))
        time.sleep(0.2)


def stop(children: list[Child]) -> None:
    """SIGTERM to each (HAProxy is first in the list: no new requests), SIGKILL to whatever
    outlives the wait."""
    for child in children:
        if child.process.poll() is None:
            child.process.terminate()
    deadline = time.monotonic() + STOP_TIMEOUT_S
    for child in children:
        try:
            child.process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.process.kill()
            child.process.wait()


class Stop(Exception):
    """A signal asked the launcher to stop."""


def _raise_stop(signum: int, _frame) -> None:
    raise Stop(signal.Signals(signum).name)


def supervise(haproxy: Child, replicas: list[Child]) -> int:
    """Until a signal or HAProxy's end: report replicas that die. The exit code."""
    reported: set[str] = set()
    while True:
        time.sleep(0.5)
        if haproxy.process.poll() is not None:
            print(f"haproxy exited ({haproxy.process.returncode}); see {haproxy.log}", flush=True)
            return 1
        for replica in replicas:
            if replica.process.poll() is not None and replica.name not in reported:
                reported.add(replica.name)
                print(f"replica {replica.name} exited ({replica.process.returncode}); its sessions "
                      f"move to the others. Log: {replica.log}", flush=True)
        if len(reported) == len(replicas):
            print("every replica has exited", flush=True)
            return 1


def serve(replicas: int, port: int, address: str, app: str, logs: Path) -> int:
    logs.mkdir(parents=True, exist_ok=True)
    secret = cookie_secret(dict(os.environ))
    children: list[Child] = []
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _raise_stop)
    with tempfile.TemporaryDirectory(prefix="atlas-serve-") as run:
        try:
            children += [start_replica(f"r{n}", app, secret, logs) for n in range(1, replicas + 1)]
            wait_healthy(children, time.monotonic() + START_TIMEOUT_S)
            for child in children:
                print(f"replica {child.name}: pid {child.process.pid}, "
                      f"http://127.0.0.1:{child.port} (log {child.log})", flush=True)
            config = Path(run) / "haproxy.cfg"
            socket_path = Path(run) / "haproxy.sock"
            config.write_text(haproxy_config(address, port, [(c.name, c.port) for c in children],
                                             socket_path))
            haproxy = spawn("haproxy", [haproxy_binary(), "-db", "-f", str(config)],
                            logs / "haproxy.log", dict(os.environ), port)
            haproxy.host = "127.0.0.1" if address == "0.0.0.0" else address
            children.insert(0, haproxy)
            wait_healthy([haproxy], time.monotonic() + 30)
            print(f"haproxy: pid {haproxy.process.pid}, stats socket {socket_path}", flush=True)
            shown = "localhost" if address in ("0.0.0.0", "127.0.0.1") else address
            print(f"Sister Cities Atlas on http://{shown}:{port} with {replicas} replicas; "
                  "Ctrl-C stops them all", flush=True)
            return supervise(haproxy, children[1:])
        except Stop as why:
            print(f"{why}: stopping", flush=True)
            return 0
        except RuntimeError as exc:
            print(f"cannot serve: {exc}", file=sys.stderr, flush=True)
            return 1
        finally:
            for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
                signal.signal(signum, signal.SIG_IGN)  # a second Ctrl-C must not cut the stop short
            stop(children)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--replicas", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--port", type=int, default=8501)
    parser.add_argument("--address", default="0.0.0.0", help="where HAProxy listens")
    parser.add_argument("--app", default="dashboard.py")
    parser.add_argument("--log-dir", type=Path, default=HERE / "logs")
    args = parser.parse_args()
    if args.replicas < 1:
        parser.error("--replicas must be at least 1")
    sys.exit(serve(args.replicas, args.port, args.address, args.app, args.log_dir))


if __name__ == "__main__":
    main()
