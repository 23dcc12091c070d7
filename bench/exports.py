"""Export timings (map PNG, timeline GIF), once sistercities.export exists."""

from __future__ import annotations

import importlib.util

from sistercities.atlas import Atlas


def export_times(atlas: Atlas) -> dict:
    """Seconds per export, or a note saying why there is no figure."""
    if importlib.util.find_spec("sistercities.export") is None:
        return {"note": "not available: sistercities.export does not exist yet"}
    return {"note": "not measured: sistercities.export exists but bench/exports.py does not call "
                    "it yet"}
