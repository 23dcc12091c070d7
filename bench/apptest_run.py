"""One app on one dataset, in its own process so its memory high-water mark is its own.

    python -m bench.apptest_run APP DATA_DIR REPS OUT_JSON [--profile]

APP is dashboard.py or bench/bare_app.py; DATA_DIR "-" means the bundled data/. The slider
alternates between the whole range and the range less its last year, so every timed rerun
follows a real move and nearly every pair stays in view.

Each move is timed twice over: as a browser sends it (a widget inside a fragment reruns only
that fragment, as the server is told by the fragment id the browser sends with the widget's
value) and as AppTest sends it by default (the whole script).
"""

from __future__ import annotations

import cProfile
import dataclasses
import json
import os
import pstats
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

from . import ROOT

# What the local script runner sent in its last run and how long its script thread took;
# read after the clock stops so measuring costs nothing inside the timed rerun.
LAST: dict = {}
PROFILER: list[cProfile.Profile] = []
# The fragment the slider is drawn in, while runs are to be reruns of it (as from a browser).
FRAGMENT: list[str] = []
TIMEOUT = 600


def instrument() -> None:
    """Wrap AppTest's script runner: its thread's duration, its messages and, on request, a
    profile of that thread (cProfile only sees the thread it is enabled in). Runs are those
    of a running server: AppTest would otherwise run an app with a pages/ folder twice per
    rerun (see keeping_pages_flag), which a server does once, on its first deep link."""
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner
    from streamlit.testing.v1.local_script_runner import LocalScriptRunner

    from tests.app.helpers import keeping_pages_flag

    PagesManager.__init__ = keeping_pages_flag(PagesManager.__init__)
    run_script = ScriptRunner._run_script

    def run_as_asked(self, rerun_data) -> None:
        if FRAGMENT:
            rerun_data = dataclasses.replace(rerun_data, fragment_id_queue=list(FRAGMENT))
        run_script(self, rerun_data)

    ScriptRunner._run_script = run_as_asked

    thread_body, run = LocalScriptRunner._run_script_thread, LocalScriptRunner.run

    def timed_thread(self) -> None:
        started = time.perf_counter()
        if PROFILER:
            PROFILER[0].enable()
        try:
            thread_body(self)
        finally:
            if PROFILER:
                PROFILER[0].disable()
            LAST["script_s"] = time.perf_counter() - started

    def keep_messages(self, *args, **kwargs):
        tree = run(self, *args, **kwargs)
        LAST["messages"] = list(self.forward_msgs())
        return tree

    LocalScriptRunner._run_script_thread = timed_thread
    LocalScriptRunner.run = keep_messages


def peak_rss_mb() -> float:
    """This process's resident-set high-water mark. Not getrusage's ru_maxrss: Linux carries
    that across exec, so a child would report the parent's size when the parent was bigger."""
    status = Path("/proc/self/status").read_text().splitlines()
    return next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) / 1024


def check(at, what: str) -> None:
    if at.exception:
        raise RuntimeError(f"{what}: {at.exception[0].message}")


def profile_rows(stats: pstats.Stats, only: tuple[str, ...], count: int) -> list[dict]:
    rows = []
    for (file, line, name), (_, calls, tottime, cumtime, _) in stats.stats.items():
        if only and not any(part in file for part in only):
            continue
        where = Path(file).relative_to(ROOT) if file.startswith(str(ROOT)) else Path(file).name
        rows.append({"function": f"{where}:{line}({name})", "calls": calls,
                     "cumulative_s": round(cumtime, 4), "own_s": round(tottime, 4)})
    return sorted(rows, key=lambda r: -r["cumulative_s"])[:count]


def slider_fragment(slider_id: str) -> str | None:
    """The fragment the slider was drawn in by the last run, if any."""
    for message in LAST["messages"]:
        if message.WhichOneof("type") != "delta":
            continue
        element = message.delta.new_element
        if element.WhichOneof("type") == "slider" and element.slider.id == slider_id:
            return message.delta.fragment_id or None
    raise RuntimeError("the last run drew no year slider")


def timed_moves(at, ranges: list[tuple[int, int]], reps: int) -> dict:
    times, script_times, decks, messages, full_deck = [], [], [], [], ""
    for rep in range(reps):
        years = ranges[rep % 2]
        slider = at.slider(key="years").set_value(years)
        started = time.perf_counter()
        slider.run()
        times.append(time.perf_counter() - started)
        check(at, f"rerun {rep + 1}")
        if tuple(at.slider(key="years").value) != years:
            raise RuntimeError(f"the slider shows {at.slider(key='years').value}, not {years}")
        script_times.append(LAST["script_s"])
        if years == ranges[0]:
            full_deck = at.get("deck_gl_json_chart")[0].proto.json
            decks.append(len(full_deck.encode()))
            messages.append(sum(m.ByteSize() for m in LAST["messages"]))
    return {"times": times, "script_times": script_times, "decks": decks, "messages": messages,
            "full_deck": full_deck}


def measure(app: str, data: str, reps: int, profile: bool) -> dict:
    if data != "-":
        os.environ["ATLAS_DATA_DIR"] = data
    from streamlit.testing.v1 import AppTest

    instrument()
    at = AppTest.from_file(str(ROOT / app), default_timeout=TIMEOUT)
    started = time.perf_counter()
    at.run()
    first_run_s = time.perf_counter() - started
    check(at, "first run")
    proto = at.slider(key="years").proto
    low, high = int(proto.min), int(proto.max)
    ranges = [(low, high), (low, high - 1)]
    rss_after_load = peak_rss_mb()

    at.slider(key="years").set_value(ranges[1]).run()  # warm-up
    check(at, "warm-up")
    whole = timed_moves(at, ranges, reps)
    fragment = slider_fragment(proto.id)
    FRAGMENT[:] = [fragment] if fragment else []
    moves = timed_moves(at, ranges, reps)

    # tracemalloc slows every allocation, so the peak comes from reruns of their own.
    tracemalloc.start()
    for rep in range(2 if reps > 5 else 1):
        tracemalloc.reset_peak()
        at.slider(key="years").set_value(ranges[rep % 2]).run()
        check(at, "rerun under tracemalloc")
    traced_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()

    full_deck = moves["full_deck"]
    result = {
        "app": app, "reps": reps, "years": [low, high],
        "first_run_s": first_run_s,
        "slider_fragment": fragment,
        "rerun_s": statistics.median(moves["times"]), "rerun_all_s": moves["times"],
        "script_s": statistics.median(moves["script_times"]),
        "whole_rerun_s": statistics.median(whole["times"]), "whole_rerun_all_s": whole["times"],
        "deck_bytes": max(moves["decks"]), "messages_bytes": max(moves["messages"]),
        "whole_messages_bytes": max(whole["messages"]),
        # What the same deck weighs written compactly (the Atlas writes it so; pydeck indents):
        "deck_compact_bytes": len(json.dumps(json.loads(full_deck), separators=(",", ":"),
                                             ensure_ascii=False).encode()),
        # Arcs of pairs: the Atlas also draws its basemap's borders as arcs, from a URL.
        "arcs": sum(len(layer["data"]) for layer in json.loads(full_deck)["layers"]
                    if layer["@@type"] == "ArcLayer" and isinstance(layer["data"], list)),
        "tracemalloc_peak_mb": traced_peak / 2**20,
        "peak_rss_after_load_mb": rss_after_load, "peak_rss_mb": peak_rss_mb(),
    }
    if profile:
        PROFILER.append(cProfile.Profile())
        at.slider(key="years").set_value(ranges[0]).run()
        check(at, "rerun under cProfile")
        stats = pstats.Stats(PROFILER[0])
        result["profile"] = {
            "rerun_s": LAST["script_s"],
            "ours": profile_rows(stats, (str(ROOT / "sistercities"), str(ROOT / "components"),
                                         str(ROOT / "pages")), 10),
            "all": profile_rows(stats, (), 25),
        }
    return result


def main(argv: list[str]) -> None:
    app, data, reps, out = argv[:4]
    result = measure(app, data, int(reps), "--profile" in argv)
    Path(out).write_text(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
