"""Convert Natural Earth's land (world-atlas's TopoJSON, from the npm registry) into the
outlines the map of origins draws: assets/map/land.json, rings of [longitude, latitude]
rounded to 0.01 degree. Run once; its output and licence are committed.

    npm pack world-atlas@2 && tar xzf world-atlas-2.*.tgz
    .venv/bin/python tools/world_map.py package/land-50m.json
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "assets" / "map"


def decoded_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Each arc's points in degrees: TopoJSON stores them quantized and delta-encoded."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[list[float]]:
    """A closed ring from its arcs; ~i is arc i reversed. Each arc starts where the last
    ended, so its first point is dropped."""
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return [[round(lon, 2), round(lat, 2)] for lon, lat in points]


def main(source: str) -> int:
    topology = json.loads(Path(source).read_text(encoding="utf-8"))
    arcs = decoded_arcs(topology)
    rings = []
    for geometry in topology["objects"]["land"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            rings.extend(ring(indexes, arcs) for indexes in polygon)
    OUT.mkdir(parents=True, exist_ok=True)
    data = {"source": "Natural Earth 1:50m land, via world-atlas 2 (TopoJSON)", "rings": rings}
    (OUT / "land.json").write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    shutil.copy(Path(source).with_name("LICENSE"), OUT / "LICENSE-world-atlas.txt")
    print(f"{len(rings)} rings, {sum(len(r) for r in rings)} points -> {OUT / 'land.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
