"""Export timings on the real data's whole range: the map PNG and the timeline GIF."""

from __future__ import annotations

import importlib
import importlib.util
import statistics
import time

from sistercities.atlas import Atlas
from sistercities.timeline import YearWindow
from sistercities.view import Filters, apply_filters

PNG_REPS, GIF_REPS = 5, 3


def _timed(make) -> tuple[float, int]:
    started = time.perf_counter()
    data = make()
    return time.perf_counter() - started, len(data)


def export_times(atlas: Atlas) -> dict:
    """Seconds per export (medians), or a note saying why there is no figure."""
    if importlib.util.find_spec("sistercities.export") is None:
        return {"note": "not available: sistercities.export does not exist yet"}
    export = importlib.import_module("sistercities.export")
    start, end = atlas.bounds
    view = apply_filters(atlas.located, Filters(YearWindow(start, end)))
    try:
        # The first image also starts vl-convert's JavaScript engine: reported, not counted.
        cold_s, _ = _timed(lambda: export.map_image(view, start, end, "png"))
        png = [_timed(lambda: export.map_image(view, start, end, "png")) for _ in range(PNG_REPS)]
        gif = [_timed(lambda: export.timeline_gif(view, end)) for _ in range(GIF_REPS)]
    except Exception as exc:  # an export still being written must not stop the other figures
        return {"note": f"error: {type(exc).__name__}: {exc}"}
    return {
        "pairs": len(view), "png_reps": PNG_REPS, "gif_reps": GIF_REPS,
        "png_first_s": cold_s,
        "png_s": statistics.median(s for s, _ in png), "png_bytes": png[0][1],
        "gif_s": statistics.median(s for s, _ in gif), "gif_bytes": gif[0][1],
        "gif_frames": end - start + 1,
    }
