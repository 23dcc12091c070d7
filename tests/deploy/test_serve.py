"""`make serve`: replicas behind HAProxy, sticky by cookie, one cookie secret, and nothing left
running after Ctrl-C or the launcher's death."""

import os
import signal
import socket
import subprocess
import urllib.request
from pathlib import Path

import pytest

from bench.load import load
from deploy import serve
from tests.conftest import ARTIFACTS
from tests.deploy.launcher import launch, running, wait_gone

SECRET = "test-secret-shared-by-every-replica"


def test_haproxy_accepts_the_config_sticky_by_cookie_with_long_timeouts(tmp_path):
    config = serve.haproxy_config("127.0.0.1", 8501, [("r1", 40001), ("r2", 40002)],
                                  tmp_path / "haproxy.sock")
    (tmp_path / "haproxy.cfg").write_text(config)
    check = subprocess.run([serve.haproxy_binary(), "-c", "-f", str(tmp_path / "haproxy.cfg")],
                           capture_output=True, text=True, timeout=30)
    assert check.returncode == 0, check.stdout + check.stderr
    lines = [line.strip() for line in config.splitlines()]
    assert "bind 127.0.0.1:8501" in lines
    assert "cookie ATLAS_REPLICA insert indirect nocache httponly" in lines
    assert "option redispatch" in lines
    assert "option httpchk GET /_stcore/health" in lines
    assert {"timeout tunnel 1h", "timeout client 1h", "timeout server 1h"} <= set(lines)
    assert "server r1 127.0.0.1:40001 cookie r1" in lines
    assert "server r2 127.0.0.1:40002 cookie r2" in lines


def test_cookie_secret_from_the_environment_else_made_once_into_a_private_file(tmp_path):
    path = tmp_path / ".cookie-secret"
    assert serve.cookie_secret({serve.SECRET_ENV: "given"}, path) == "given"
    assert not path.exists()
    made = serve.cookie_secret({}, path)
    assert len(made) >= 32
    assert path.stat().st_mode & 0o777 == 0o600
    assert serve.cookie_secret({}, path) == made


def replica_environment(pid: int) -> dict[str, str]:
    raw = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    return dict(item.decode().split("=", 1) for item in raw if b"=" in item)


def test_replicas_serve_through_haproxy_and_ctrl_c_stops_everything():
    launched = launch(2, ARTIFACTS / "serve-lifecycle.log",
                      env={**os.environ, serve.SECRET_ENV: SECRET})
    try:
        assert set(launched.replicas) == {"r1", "r2"}
        with urllib.request.urlopen(launched.url + "/", timeout=10) as answer:
            assert answer.status == 200
            assert answer.headers["Set-Cookie"].split(";")[0] in {"ATLAS_REPLICA=r1",
                                                                 "ATLAS_REPLICA=r2"}
        for pid in launched.replicas.values():
            assert replica_environment(pid)[serve.SECRET_ENV] == SECRET
        pages = load(launched.url + "/province?name=Jiangsu", 6, 90)
        assert pages["errors"] == 0, pages["error_samples"]
        assert "deck_gl_json_chart" in pages["elements"]
    finally:
        code = launched.stop()
    assert code == 0, launched.log.read_text()[-2000:]
    assert wait_gone(launched.pids()) == []
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", int(launched.url.rsplit(":", 1)[1])),
                                                          timeout=2):
        pass


def test_children_stop_when_the_launcher_is_killed():
    launched = launch(1, ARTIFACTS / "serve-killed.log", env={**os.environ, serve.SECRET_ENV: SECRET})
    assert all(running(pid) for pid in launched.pids())
    launched.process.send_signal(signal.SIGKILL)  # no chance to clean up: the kernel tells them
    launched.process.wait(timeout=10)
    assert wait_gone(launched.pids()) == []
