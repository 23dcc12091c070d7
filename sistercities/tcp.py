"""TCP_NODELAY on the server's sockets: without it every keep-alive request waits 40 ms.

Streamlit 1.67 binds its listening socket as `socket.socket(family)`, whose `proto` is 0, and
asyncio only turns Nagle's algorithm off on sockets whose `proto` is IPPROTO_TCP. With Nagle
on, each response after the first on a kept-alive connection waits for the browser's delayed
ACK (40 ms on Linux): a page that loads 60 script chunks over Chromium's six connections to
one host queued them for 0.3 s.
"""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

_FD_FOLDERS = (Path("/proc/self/fd"), Path("/dev/fd"))


def _open_descriptors() -> list[int]:
    folder = next((f for f in _FD_FOLDERS if f.is_dir()), None)
    return [int(name) for name in os.listdir(folder)] if folder else []


def disable_nagle() -> int:
    """Set TCP_NODELAY on every TCP socket this process holds, the listening one included
    (on Linux the connections it accepts later inherit it); return how many were set.

    Sockets are borrowed by descriptor and given back untouched otherwise: nothing is closed."""
    changed = 0
    for fd in _open_descriptors():
        try:
            if not stat.S_ISSOCK(os.fstat(fd).st_mode):
                continue
            borrowed = socket.socket(fileno=fd)
        except OSError:  # closed meanwhile, or not a socket Python can wrap
            continue
        try:
            if (borrowed.family in (socket.AF_INET, socket.AF_INET6)
                    and borrowed.type == socket.SOCK_STREAM
                    and not borrowed.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)):
                borrowed.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                changed += 1
        except OSError:
            pass
        finally:
            borrowed.detach()
    return changed
