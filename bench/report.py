"""The results as Markdown tables, with PASS/FAIL against the targets."""

from __future__ import annotations

MB = 1e6  # decimal megabytes, as the targets are written


def ms(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def mb(size: float | None) -> str:
    return "–" if size is None else f"{size / MB:.2f} MB" if size < 10 * MB else f"{size / MB:.1f} MB"


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else "PASS" if ok else "FAIL"


def header(results: dict) -> str:
    m = results["machine"]
    load = results["load_average_at_start"][0], results["load_average_at_end"][0]
    return (f"Measured {results['date']} on {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB, "
            f"{m['os']}; Python {m['python']}, Streamlit {m['streamlit']}, pandas {m['pandas']}, "
            f"pydeck {m['pydeck']}, {m['chromium'] or 'no Chromium'}; commit {m['commit']}. "
            f"Load average (1 min) {load[0]:.2f} at start, {load[1]:.2f} at end.")


def rerun_table(datasets: list[dict]) -> str:
    lines = [
        "| dataset | arcs in the deck | Atlas rerun, slider move | bare rerun | Atlas/bare "
        "| Atlas, whole script (/bare) | deck JSON, Atlas (compact) | deck JSON, bare (compact) "
        "| all messages (Atlas) | tracemalloc peak (Atlas / bare) | peak RSS (Atlas / bare) "
        "| first run, cold (Atlas) |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for row in datasets:
        app, bare = row["app"], row["bare"]
        if "error" in app or "error" in bare:
            lines.append(f"| {row['dataset']} | error: {app.get('error') or bare.get('error')} "
                         "||||||||||")
            continue
        lines.append(
            f"| {row['dataset']} | {app['arcs']:,} "
            f"| {ms(app['rerun_s'])} | {ms(bare['rerun_s'])} | {app['rerun_s'] / bare['rerun_s']:.1f}× "
            f"| {ms(app['whole_rerun_s'])} ({app['whole_rerun_s'] / bare['whole_rerun_s']:.1f}×) "
            f"| {mb(app['deck_bytes'])} ({mb(app['deck_compact_bytes'])}) "
            f"| {mb(bare['deck_bytes'])} ({mb(bare['deck_compact_bytes'])}) | {mb(app['messages_bytes'])} "
            f"| {app['tracemalloc_peak_mb']:.0f} / {bare['tracemalloc_peak_mb']:.0f} MiB "
            f"| {app['peak_rss_mb']:.0f} / {bare['peak_rss_mb']:.0f} MiB | {ms(app['first_run_s'])} |")
    counts = ", ".join(f"{row['dataset']} {row['app']['reps']}" for row in datasets
                       if "reps" in row["app"])
    lines += ["", f"Rerun = median of the timed reruns after one warm-up move ({counts}). A slider "
              "move is rerun as a browser asks for it: the Atlas' slider is in the stage fragment, "
              "so only the fragment reruns; the bare app has none and reruns whole. The whole "
              "script (AppTest's default) is shown beside it."]
    return "\n".join(lines)


def targets(results: dict) -> list[tuple[str, str, bool | None]]:
    """(target, measured, passed); passed is None when the figure could not be measured."""
    real, largest = results["datasets"][0], results["datasets"][-1]
    rows = []
    if "error" not in real["app"] and "error" not in real["bare"]:
        ratio = real["app"]["rerun_s"] / real["bare"]["rerun_s"]
        whole = real["app"]["whole_rerun_s"] / real["bare"]["whole_rerun_s"]
        rows.append(("real data rerun ≤ 1.5× bare (slider move)",
                     f"{ratio:.2f}× ({ms(real['app']['rerun_s'])} vs {ms(real['bare']['rerun_s'])}; "
                     f"whole script {whole:.2f}×)", ratio <= 1.5))
    else:
        rows.append(("real data rerun ≤ 1.5× bare", "error", None))
    app = largest["app"]
    big = f"at {largest['pairs']:,} pairs"
    rows.append((f"rerun < 1 s {big}", ms(app.get("rerun_s")),
                 app["rerun_s"] < 1 if "rerun_s" in app else None))
    rows.append((f"deck ≤ 5 MB {big}", mb(app.get("deck_bytes")),
                 app["deck_bytes"] <= 5 * MB if "deck_bytes" in app else None))
    load = results["first_load"]
    rows.append(("first load to map drawn < 2 s", ms(load.get("map_s")) if "map_s" in load
                 else load.get("skipped", "error"), load["map_s"] < 2 if "map_s" in load else None))
    for key, label, limit in (("png", "map PNG export < 1 s", 1), ("gif", "timeline GIF export < 10 s", 10)):
        seconds = results["exports"].get(f"{key}_s")
        rows.append((label, ms(seconds) if seconds is not None else results["exports"]["note"],
                     seconds < limit if seconds is not None else None))
    if "concurrency" in results:
        rows += concurrency_targets(results["concurrency"]["servers"])
    return rows


def _levels(server: dict) -> dict[int, dict]:
    return {level["sessions"]: level for level in server.get("levels", [])}


def concurrency_targets(servers: list[dict]) -> list[tuple[str, str, bool | None]]:
    """The issue's targets: one process against the floor at 60, make serve against one at 100."""
    one, bare, serve = (_levels(server) for server in servers)
    rows = []
    if 60 in one and 60 in bare and one[60]["wall_s"] and bare[60]["wall_s"]:
        ratio = one[60]["wall_s"] / bare[60]["wall_s"]
        rows.append(("one process, 60 concurrent new sessions: wall time ≤ 1.5× bare",
                     f"{ratio:.2f}× ({ms(one[60]['wall_s'])} vs {ms(bare[60]['wall_s'])})",
                     ratio <= 1.5))
    else:
        rows.append(("one process, 60 concurrent new sessions: wall time ≤ 1.5× bare", "error", None))
    name = servers[2]["server"]
    if 100 in serve:
        rows.append((f"{name}, 100 concurrent new sessions: 0 errors", str(serve[100]["errors"]),
                     serve[100]["errors"] == 0))
    if 100 in serve and 100 in one and serve[100]["first_p95_s"] and one[100]["first_p95_s"]:
        gain = one[100]["first_p95_s"] / serve[100]["first_p95_s"]
        rows.append((f"{name}, 100 sessions: first-page p95 ≥ 1.5× better than one process "
                     "(aim < 5 s)", f"{gain:.2f}× ({ms(serve[100]['first_p95_s'])} vs "
                     f"{ms(one[100]['first_p95_s'])})", gain >= 1.5))
    else:
        rows.append((f"{name}, 100 sessions: first-page p95 ≥ 1.5× better than one process",
                     "error", None))
    return rows


def concurrency_table(figures: dict) -> str:
    lines = [
        f"Concurrent new sessions of `{figures['page']}` over Streamlit's websocket "
        "(`bench/load.py`), all started together after a warm-up session per server process. First "
        "to `script_finished`; rerun: the slider moved as a browser sends it, right after the "
        "session's first page. p50/p95 by nearest rank; wall: the first connect to the last "
        "session's end; server RSS summed over the server's processes after the level.",
        "",
        "| sessions | server | first page p50 / p95 | rerun p50 / p95 | wall | errors | server RSS "
        "| load client CPU |",
        "|--:|---|--:|--:|--:|--:|--:|--:|",
    ]
    servers = figures["servers"]
    for server in servers:
        if "error" in server:
            lines.append(f"| – | {server['server']} | error: {server['error'][-200:]} ||||||")
    for sessions in sorted({n for server in servers for n in _levels(server)}):
        for server in servers:
            level = _levels(server).get(sessions)
            if level is None:
                continue
            errors = str(level["errors"]) + (f" ({level['error_samples'][0]})" if level["errors"]
                                             else "")
            lines.append(
                f"| {sessions} | {server['server']} | {ms(level['first_p50_s'])} / "
                f"{ms(level['first_p95_s'])} | {ms(level['rerun_p50_s'])} / "
                f"{ms(level['rerun_p95_s'])} | {ms(level['wall_s'])} | {errors} "
                f"| {level['rss_mib']:.0f} MiB | {ms(level['client_cpu_s'])} |")
    measured = [server for server in servers if "levels" in server]
    reruns = {server["server"]: next((level["rerun"] for level in server["levels"] if level["rerun"]),
                                     "none") for server in measured}
    lines += ["", "The rerun: " + "; ".join(f"{name}: {kind}" for name, kind in reruns.items())
              + ". Server RSS after the warm-up: " + ", ".join(
                  f"{server['server']} {server['idle_rss_mib']:.0f} MiB" for server in measured) + "."]
    return "\n".join(lines)


def first_load_table(atlas: dict, bare: dict, bare_nodelay: dict) -> str:
    lines = [
        "First load: seconds from page.goto in a fresh browser context, median of each app's "
        "loads, its server already running with the data cached.",
        "",
        "| app | deck canvas in the DOM | basemap fetched | arcs drawn | land drawn "
        "| **map drawn** | confirmed by screenshot | network idle | a static file, kept-alive connection "
        "| load average before → after |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for name, load in (("Atlas", atlas), ("bare app (no basemap)", bare),
                       ("bare app with the Atlas' TCP_NODELAY fix", bare_nodelay)):
        if "map_s" not in load:
            lines.append(f"| {name} | {load.get('skipped') or load.get('error')} |||||||||")
            continue
        lines.append(
            f"| {name} ({load['loads']} loads) | {ms(load['canvas_s'])} "
            f"| {ms(load['basemap_fetched_s'])} | {ms(load['arcs_drawn_s'])} "
            f"| {ms(load['land_drawn_s'])} | **{ms(load['map_s'])}** "
            f"| {ms(load['screenshot_drawn_s'])} | {ms(load['network_idle_s'])} "
            f"| {load['kept_alive_request_s'] * 1000:.1f} ms "
            f"| {load['load_average'][0]:.2f} → {load['load_average'][1]:.2f} |")
    return "\n".join(lines)


def exports_line(exports: dict) -> str:
    if "png_s" not in exports:
        return f"Exports: {exports['note']}."
    return (f"Exports of the real data's whole range ({exports['pairs']} pairs): map PNG "
            f"{ms(exports['png_s'])} (median of {exports['png_reps']}; the very first, while "
            f"vl-convert starts, {ms(exports['png_first_s'])}), {mb(exports['png_bytes'])}; "
            f"timeline GIF of {exports['gif_frames']} frames {ms(exports['gif_s'])} (median of "
            f"{exports['gif_reps']}), {mb(exports['gif_bytes'])}.")


def profile_table(datasets: list[dict]) -> str:
    profiled = next((row for row in datasets if "profile" in row["app"]), None)
    if not profiled:
        return ""
    profile = profiled["app"]["profile"]
    lines = [f"cProfile of one Atlas rerun, {profiled['dataset']} ({ms(profile['rerun_s'])} "
             "under the profiler), top 10 by cumulative time in sistercities/, components/, pages/:",
             "", "| function | calls | cumulative | own |", "|---|--:|--:|--:|"]
    lines += [f"| `{row['function']}` | {row['calls']} | {ms(row['cumulative_s'])} "
              f"| {ms(row['own_s'])} |" for row in profile["ours"]]
    return "\n".join(lines)


def table(results: dict) -> str:
    target_lines = ["| target | measured | result |", "|---|--:|---|"]
    target_lines += [f"| {name} | {measured} | {verdict(ok)} |"
                     for name, measured, ok in targets(results)]
    parts = [header(results), rerun_table(results["datasets"]), "\n".join(target_lines),
             first_load_table(results["first_load"], results["first_load_bare"],
                              results["first_load_bare_nodelay"]),
             concurrency_table(results["concurrency"]) if "concurrency" in results else "",
             exports_line(results["exports"]), profile_table(results["datasets"])]
    return "\n\n".join(part for part in parts if part)
