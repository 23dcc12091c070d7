"""Nagle's algorithm is turned off on the process's TCP sockets, and nothing else is touched."""

import os
import socket

import pytest

from sistercities.tcp import disable_nagle


def nodelay(sock: socket.socket) -> int:
    return sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)


@pytest.fixture
def server_like_sockets():
    """A listener bound as Streamlit 1.67 binds it (proto 0, which asyncio skips), one
    connection it has accepted, and a UNIX socket pair that is not TCP."""
    listener = socket.socket(socket.AF_INET)
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    client = socket.create_connection(listener.getsockname())
    accepted, _ = listener.accept()
    unix = socket.socketpair(socket.AF_UNIX)
    yield listener, client, accepted, unix
    for sock in (listener, client, accepted, *unix):
        sock.close()


def test_the_listener_and_open_connections_get_tcp_nodelay(server_like_sockets):
    listener, client, accepted, _ = server_like_sockets
    assert listener.proto == 0 and nodelay(listener) == 0 and nodelay(accepted) == 0
    assert disable_nagle() >= 2
    assert nodelay(listener) == 1 and nodelay(accepted) == 1


def test_connections_accepted_afterwards_inherit_it(server_like_sockets):
    listener = server_like_sockets[0]
    disable_nagle()
    late_client = socket.create_connection(listener.getsockname())
    late, _ = listener.accept()
    try:
        assert nodelay(late) == 1
    finally:
        late.close()
        late_client.close()


def test_sockets_keep_working_and_no_descriptor_is_closed(server_like_sockets):
    _, client, accepted, (left, right) = server_like_sockets
    before = sorted(int(fd) for fd in os.listdir("/proc/self/fd"))
    disable_nagle()
    assert disable_nagle() == 0  # a second call finds nothing left to change
    after = sorted(int(fd) for fd in os.listdir("/proc/self/fd"))
    assert before == after
    client.sendall(b"ping")
    assert accepted.recv(4) == b"ping"
    left.sendall(b"unix")
    assert right.recv(4) == b"unix"
