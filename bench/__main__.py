"""`python -m bench`: measure the Atlas against a bare Streamlit app, print the table, write
bench/results.json. Everything is measured on this machine in this run; nothing is estimated."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
import pydeck
import streamlit

from sistercities.atlas import load_atlas

from . import ROOT
from .browser import CHROMIUM, first_load
from .concurrency import concurrency
from .exports import export_times
from .report import table
from .synthetic import write_dataset

APP, BARE = "dashboard.py", "bench/bare_app.py"
BARE_NODELAY = "BARE_APP_TCP_NODELAY"  # read by bench/bare_app.py
RESULTS = ROOT / "bench" / "results.json"
# (pairs, timed reruns): a 100k rerun of the Atlas takes seconds, so fewer of them there.
SYNTHETIC = ((1_000, 20), (10_000, 20), (100_000, 5))
REAL_REPS = 20
PROFILED = 10_000


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor())
    memory_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                     if line.startswith("MemTotal"))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, text=True,
                            capture_output=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                           text=True, capture_output=True).stdout.strip()
    chromium = subprocess.run([str(CHROMIUM), "--version"], text=True,
                              capture_output=True).stdout.strip() if CHROMIUM.exists() else None
    return {
        "cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(memory_kb / 2**20, 1),
        "os": platform.platform(), "python": platform.python_version(),
        "streamlit": streamlit.__version__, "pandas": pd.__version__,
        "pydeck": pydeck.__version__, "chromium": chromium,
        "commit": commit + (" with uncommitted changes" if dirty else ""),
    }


def run_app(app: str, data: str, reps: int, work: Path, profile: bool = False) -> dict:
    """One app on one dataset in a fresh process (its own caches and memory high-water mark)."""
    name = f"{Path(app).stem}-{Path(data).name or 'real'}"
    out, log = work / f"{name}.json", work / f"{name}.log"
    command = [sys.executable, "-m", "bench.apptest_run", app, data, str(reps), str(out)]
    with log.open("w") as sink:
        done = subprocess.run(command + (["--profile"] if profile else []), cwd=ROOT,
                              stdout=sink, stderr=subprocess.STDOUT)
    if done.returncode:
        lines = log.read_text(errors="replace").strip().splitlines()
        return {"app": app, "error": lines[-1] if lines else f"exit code {done.returncode}"}
    return json.loads(out.read_text())


def browser_loads(app: str, work: Path, basemap: bool = True,
                  extra_env: dict[str, str] | None = None) -> dict:
    before = os.getloadavg()
    try:
        result = first_load(app, work, basemap, extra_env=extra_env)
    except Exception as exc:  # report it with the other figures rather than lose them all
        result = {"error": f"{type(exc).__name__}: {exc}"}
    # The browser figures suffer most from other work on the machine: keep the load with them.
    return {**result, "load_average": [before[0], os.getloadavg()[0]]}


def main() -> None:
    started = time.monotonic()
    results: dict = {"date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
                     "machine": machine(), "load_average_at_start": os.getloadavg()}
    real = load_atlas()
    datasets = []
    with tempfile.TemporaryDirectory(prefix="atlas-bench-") as tmp:
        work = Path(tmp)
        plan = [(f"real data ({len(real.pairs)} pairs)", "-", REAL_REPS, None)]
        for pairs, reps in SYNTHETIC:
            # Synthetic years end where the real data does, so the slider has the same range.
            folder = write_dataset(work / f"synthetic-{pairs}", pairs, real.bounds[1])
            plan.append((f"synthetic {pairs:,} pairs", str(folder), reps, pairs))
        for label, data, reps, pairs in plan:
            print(f"… {label}: Atlas and bare app, {reps} reruns each", flush=True)
            datasets.append({
                "dataset": label, "pairs": pairs or len(real.pairs),
                "app": run_app(APP, data, reps, work, profile=pairs == PROFILED),
                "bare": run_app(BARE, data, reps, work),
            })
        results["datasets"] = datasets
        print("… first page load in headless Chromium: Atlas and bare app", flush=True)
        results["first_load"] = browser_loads(APP, work)
        results["first_load_bare"] = browser_loads(BARE, work, basemap=False)
        # The floor again with the Atlas' socket fix, so the two differ only by what the Atlas draws.
        results["first_load_bare_nodelay"] = browser_loads(BARE, work, basemap=False,
                                                           extra_env={BARE_NODELAY: "1"})
        load_before = os.getloadavg()[0]
        results["concurrency"] = {**concurrency(work),
                                  "load_average": [load_before, os.getloadavg()[0]]}
    print("… exports", flush=True)
    results["exports"] = export_times(real)
    results["load_average_at_end"] = os.getloadavg()
    results["bench_s"] = time.monotonic() - started
    RESULTS.write_text(json.dumps(results, indent=1, ensure_ascii=False))
    print()
    print(table(results))
    print(f"\nWritten {RESULTS.relative_to(ROOT)} in {results['bench_s'] / 60:.1f} min.")


if __name__ == "__main__":
    main()
