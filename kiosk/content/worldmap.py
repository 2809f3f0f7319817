"""The map of origins, without Qt: the world's land (Natural Earth, shipped in
assets/map), the Equal Earth projection, and the portraits' homes gathered into points.

Equal Earth (Šavrič, Patterson and Jenny, 2018) keeps every country's area true and its
shape familiar: a map people will photograph should not swell Europe. Antarctica, where
no portrait comes from, is left off, which gives the rest the room.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from kiosk.paths import assets_dir

_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2
SOUTHMOST = -57.0  # degrees: Cape Horn is in, Antarctica is not
NORTHMOST = 90.0
GATHER_DEGREES = 0.5  # homes this close are one point: one town


def equal_earth(longitude: float, latitude: float) -> tuple[float, float]:
    """(x, y) on the projection, y up; x within ±2.71, y within ±1.32."""
    theta = math.asin(_M * math.sin(math.radians(latitude)))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = (
        2
        * math.sqrt(3)
        * math.radians(longitude)
        * math.cos(theta)
        / (3 * (9 * _A4 * t6 * t2 + 7 * _A3 * t6 + 3 * _A2 * t2 + _A1))
    )
    y = theta * (_A4 * t6 * t2 + _A3 * t6 + _A2 * t2 + _A1)
    return x, y


_WEST, _ = equal_earth(-180.0, 0.0)
_EAST = -_WEST
_, _TOP = equal_earth(0.0, NORTHMOST)
_, _BOTTOM = equal_earth(0.0, SOUTHMOST)
ASPECT = (_EAST - _WEST) / (_TOP - _BOTTOM)  # the map's width over its height


def on_map(longitude: float, latitude: float) -> tuple[float, float]:
    """Where a place is on the map, as fractions of its width and height from the top left."""
    x, y = equal_earth(longitude, max(SOUTHMOST, min(NORTHMOST, latitude)))
    return (x - _WEST) / (_EAST - _WEST), (_TOP - y) / (_TOP - _BOTTOM)


@lru_cache(maxsize=1)
def land_rings() -> tuple[tuple[tuple[float, float], ...], ...]:
    """The land's outlines, each ring as map fractions (see on_map)."""
    data = json.loads((assets_dir() / "map" / "land.json").read_text(encoding="utf-8"))
    rings = []
    for ring in data["rings"]:
        if all(latitude < SOUTHMOST for _, latitude in ring):
            continue
        rings.append(tuple(on_map(longitude, latitude) for longitude, latitude in ring))
    return tuple(rings)


@dataclass(frozen=True)
class MapPoint:
    x: float  # fractions of the map, from the top left
    y: float
    count: int  # portraits from there
    origin: str  # their origin as the origin filter knows it (the first's, when they differ)


def map_points(homes: Iterable[tuple[float, float, str]]) -> list[MapPoint]:
    """(latitude, longitude, origin) of each portrait, gathered by place: the largest
    first, so a small point drawn after a large one stays in sight."""
    gathered: dict[tuple[int, int], list[tuple[float, float, str]]] = {}
    for latitude, longitude, origin in homes:
        key = (round(latitude / GATHER_DEGREES), round(longitude / GATHER_DEGREES))
        gathered.setdefault(key, []).append((latitude, longitude, origin))
    points = []
    for members in gathered.values():
        latitude, longitude, origin = members[0]
        x, y = on_map(longitude, latitude)
        points.append(MapPoint(x, y, len(members), origin))
    return sorted(points, key=lambda point: -point.count)
