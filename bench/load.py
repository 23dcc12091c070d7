"""Many new Streamlit sessions at once over the websocket, as browsers open them, with no browser.

Each session connects to `/_stcore/stream` as Streamlit's frontend does (subprotocol
"streamlit", an Origin header), asks for a page (BackMsg `rerun_script` with the URL's query
string and page name), reads ForwardMsgs until `script_finished`: the first page. Then it
moves the page's first slider as a browser sends the move (that widget's new value, the
fragment id the slider was drawn in, the URL the bound slider writes) and times that rerun;
a page without a slider is rerun plainly. A session errs when it cannot connect, the page
shows an exception, or it is not done within the time limit.

Loopback only, at most MAX_SESSIONS sessions, each bounded in time: `python -m bench.load
http://127.0.0.1:8501/province?name=Jiangsu --sessions 10 50`.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import math
import resource
import socket
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit

import websockets
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

MAX_SESSIONS = 500
TIMEOUT_S = 180.0  # per session: connect, first page and rerun
DONE = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)


class PageError(Exception):
    """The server answered, but not with a page: an exception element, a page not found."""


@dataclass(frozen=True)
class Slider:
    """What a browser needs to move a slider: its widget id, value, step, URL key, fragment."""
    widget_id: str
    values: tuple[float, ...]
    low: float
    step: float
    query_key: str
    fragment_id: str

    def moved(self) -> tuple[float, ...]:
        """One step down at the top (a range's end), or up from the bottom when already there."""
        *rest, last = self.values
        floor = rest[-1] if rest else self.low
        return (*rest, last - self.step if last - self.step >= floor else last + self.step)


@dataclass(frozen=True)
class Target:
    """A page of a server on this machine: the websocket URI, page name, query string."""
    uri: str
    origin: str
    page: str
    query: str
    url: str


def target(url: str) -> Target:
    """`http://127.0.0.1:8501/province?name=Jiangsu` as a session's target; loopback only."""
    parts = urlsplit(url)
    if parts.scheme != "http" or not parts.hostname or not parts.port:
        raise ValueError(f"expected http://HOST:PORT/PAGE?QUERY, got {url!r}")
    addresses = {info[4][0] for info in socket.getaddrinfo(parts.hostname, parts.port)}
    if not all(ipaddress.ip_address(a.split("%")[0]).is_loopback for a in addresses):
        raise ValueError(f"{parts.hostname} is not a loopback address: load goes to this machine only")
    origin = f"http://{parts.netloc}"
    return Target(f"ws://{parts.netloc}/_stcore/stream", origin, parts.path.strip("/"),
                  parts.query, url)


def rerun_request(where: Target, query: str, slider: Slider | None = None,
                  values: tuple[float, ...] = ()) -> bytes:
    msg = BackMsg()
    state = msg.rerun_script
    state.query_string = query
    state.page_name = where.page
    state.context_info.timezone = "UTC"
    state.context_info.locale = "en-US"
    state.context_info.url = where.url
    if slider:
        widget = state.widget_states.widgets.add()
        widget.id = slider.widget_id
        widget.double_array_value.data.extend(values)
        state.fragment_id = slider.fragment_id
    return msg.SerializeToString()


def _slider(delta) -> Slider:
    proto = delta.new_element.slider
    values = tuple(proto.value if proto.set_value else proto.default)
    return Slider(proto.id, values, proto.min, proto.step or 1, proto.query_param_key,
                  delta.fragment_id)


async def read_run(ws) -> tuple[Slider | None, Counter]:
    """ForwardMsgs until the run is done: the first slider drawn, if any, and the elements
    drawn by kind (alerts by format: "alert error", "alert warning", ...)."""
    slider, elements = None, Counter()
    while True:
        msg = ForwardMsg()
        msg.ParseFromString(await ws.recv())
        kind = msg.WhichOneof("type")
        if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element.WhichOneof("type")
            if element == "exception":
                raise PageError(f"exception on the page: {msg.delta.new_element.exception.type}")
            if element == "slider" and slider is None:
                slider = _slider(msg.delta)
            if element == "alert":
                element += " " + Alert.Format.Name(msg.delta.new_element.alert.format).lower()
            elements[element] += 1
        elif kind == "page_not_found":
            raise PageError(f"page not found: {msg.page_not_found.page_name!r}")
        elif kind == "script_finished":
            if msg.script_finished in DONE:
                return slider, elements
            if msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                raise PageError("the script did not compile")
            # FINISHED_EARLY_FOR_RERUN: the script asked for another run; wait for that one.
            elements.clear()


def moved_query(query: str, slider: Slider, values: tuple[float, ...]) -> str:
    """The query string after a bound slider's move, as the browser rewrites its URL."""
    if not slider.query_key:
        return query
    kept = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k != slider.query_key]
    return urlencode(kept + [(slider.query_key, f"{v:g}") for v in values])


async def one_session(where: Target) -> dict:
    """{"first_s", "rerun_s", "rerun", "elements"} or {"error"}: one new session, its page
    (and what it drew) and one rerun."""
    started = time.monotonic()
    try:
        async with websockets.connect(where.uri, subprotocols=["streamlit"], origin=where.origin,
                                      max_size=None, ping_interval=None, open_timeout=TIMEOUT_S,
                                      close_timeout=2) as ws:
            await ws.send(rerun_request(where, where.query))
            slider, elements = await read_run(ws)
            first = time.monotonic() - started
            values = slider.moved() if slider else ()
            query = moved_query(where.query, slider, values) if slider else where.query
            moved_at = time.monotonic()
            await ws.send(rerun_request(where, query, slider, values))
            await read_run(ws)
            rerun = time.monotonic() - moved_at
    except (OSError, PageError, websockets.exceptions.WebSocketException) as exc:
        return {"error": f"{type(exc).__name__}: {exc}"[:200]}
    kind = ("slider move, fragment" if slider and slider.fragment_id else
            "slider move" if slider else "plain rerun")
    return {"first_s": first, "rerun_s": rerun, "rerun": kind, "elements": dict(elements)}


async def _bounded(where: Target, timeout_s: float) -> dict:
    try:
        return await asyncio.wait_for(one_session(where), timeout_s)
    except TimeoutError:
        return {"error": f"not done within {timeout_s:.0f} s"}


def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile (p95 of 10 values is the largest)."""
    if not values:
        return None
    ranked = sorted(values)
    return ranked[max(0, math.ceil(q / 100 * len(ranked)) - 1)]


def summarise(outcomes: list[dict], wall_s: float, client_cpu_s: float) -> dict:
    first = [o["first_s"] for o in outcomes if "first_s" in o]
    rerun = [o["rerun_s"] for o in outcomes if "rerun_s" in o]
    errors = [o["error"] for o in outcomes if "error" in o]
    return {
        "sessions": len(outcomes), "errors": len(errors),
        "error_samples": sorted(set(errors))[:3], "wall_s": wall_s, "client_cpu_s": client_cpu_s,
        "first_p50_s": percentile(first, 50), "first_p95_s": percentile(first, 95),
        "rerun_p50_s": percentile(rerun, 50), "rerun_p95_s": percentile(rerun, 95),
        "rerun": next((o["rerun"] for o in outcomes if "rerun" in o), None),
        "elements": next((o["elements"] for o in outcomes if "elements" in o), {}),
    }


def _cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def _load(where: Target, sessions: int, timeout_s: float) -> dict:
    # The client shares the machine's cores with the server: its own CPU time is reported.
    started, cpu = time.monotonic(), _cpu_s()
    outcomes = await asyncio.gather(*(_bounded(where, timeout_s) for _ in range(sessions)))
    return summarise(list(outcomes), time.monotonic() - started, _cpu_s() - cpu)


def load(url: str, sessions: int, timeout_s: float = TIMEOUT_S) -> dict:
    """`sessions` new sessions of `url` started together; their figures summarised."""
    if not 1 <= sessions <= MAX_SESSIONS:
        raise ValueError(f"sessions must be 1 to {MAX_SESSIONS}, got {sessions}")
    where = target(url)
    # An event loop of its own, in a thread of its own: the caller may be running one already
    # (Playwright's sync API does, in the browser tests).
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, _load(where, sessions, min(timeout_s, TIMEOUT_S))).result()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", help="http://127.0.0.1:PORT/PAGE?QUERY (loopback only)")
    parser.add_argument("--sessions", type=int, nargs="+", default=[10])
    parser.add_argument("--timeout", type=float, default=TIMEOUT_S, help="seconds per session")
    args = parser.parse_args()
    print("| sessions | first page p50 / p95 | rerun p50 / p95 | wall | errors |")
    print("|--:|--:|--:|--:|--:|")
    for count in args.sessions:
        r = load(args.url, count, args.timeout)
        seconds = [f"{r[k]:.2f} s" if r[k] is not None else "–" for k in
                   ("first_p50_s", "first_p95_s", "rerun_p50_s", "rerun_p95_s")]
        print(f"| {count} | {seconds[0]} / {seconds[1]} | {seconds[2]} / {seconds[3]} "
              f"| {r['wall_s']:.2f} s | {r['errors']} {'; '.join(r['error_samples'])} |")


if __name__ == "__main__":
    main()
