"""Where a longitude/latitude lands on the deck's canvas (Web Mercator, as deck.gl draws)."""

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Viewport:
    longitude: float
    latitude: float
    zoom: float
    width: float
    height: float

    def pixel(self, lon: float, lat: float) -> tuple[float, float]:
        scale = 512 * 2 ** self.zoom / (2 * math.pi)
        d_lon = lon - self.longitude  # the map has no world copies: a point is where it lies

        def merc(value: float) -> float:
            return math.log(math.tan(math.pi / 4 + math.radians(value) / 2))

        x = self.width / 2 + math.radians(d_lon) * scale
        y = self.height / 2 - (merc(lat) - merc(self.latitude)) * scale
        return x, y

    def contains(self, x: float, y: float, margin: float = 10) -> bool:
        return margin <= x <= self.width - margin and margin <= y <= self.height - margin
