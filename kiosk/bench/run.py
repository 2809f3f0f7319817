"""`kiosk bench`: runs the real code paths on a synthetic collection and reports."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from kiosk.bench.measure import Progress

TARGETS = {
    "prepare_ms": "within 1.3x floor_ms, 4x faster than naive_ms",
    "cached_ms": "< 15",
    "scan_ms": "< 250 (1000 portraits)",
    "yaml_load_ms": "yardstick: 120 where the issue measured",
    "rescan_ms": "< 30 (1000 portraits)",
    "full_rescan_ms": "",
    "reload_ms": "< 3000",
    "first_portrait_ms": "< 1500",
    "swipe_ms": "p95 < 17",
    "swipe_burst_ms": "",
    "gui_stall_ms": "< 33",
    "rss_mb": "< 350",
    "rss_growth_pct": "< 5",
}


def run_bench(
    portraits: int,
    megapixels: float,
    screen: tuple[int, int],
    transitions: int,
    as_json: bool,
    reloads: int = 20,
) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_QUICK_BACKEND", "software")
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QGuiApplication

    from kiosk.bench import gui_bench, live_bench, photo_bench
    from kiosk.bench.synthetic import make_collection
    from kiosk.qt.fonts import load_fonts

    app = QGuiApplication([])  # noqa: F841 - must exist while drawing
    load_fonts()
    progress = Progress(enabled=not as_json)
    size = QSize(*screen)
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as folder:
        work = Path(folder)
        box = gui_bench.photo_box(work, size)
        results = {
            "portraits": portraits,
            "megapixels": megapixels,
            "screen": f"{screen[0]}x{screen[1]}",
            "photo_box": f"{box[0]}x{box[1]}",
        }
        results.update(photo_bench.photo_figures(work, megapixels, screen, box, runs=5, progress=progress))
        progress.step("synthetic collection", 0, 1)
        root = work / "collection"
        make_collection(root, portraits, photo_megapixels=2.0)
        progress.step("synthetic collection", 1, 1)
        results.update(gui_bench.scan_figures(root, runs=7))
        cache = work / "cache"
        results.update(gui_bench.screen_figures_apart(root, cache, size, transitions, not as_json))
        results["first_portrait_ms"] = gui_bench.first_portrait_ms(root, cache, size, runs=3)
        results["rescan_ms"] = live_bench.rescan_ms(root, gui_bench.QUIET.languages, runs=21)
        results.update(
            live_bench.reload_figures(root, cache, size, megapixels, reloads, gui_bench.QUIET, progress)
        )
    print(json.dumps(results, indent=2) if as_json else table(results))
    return 0


def table(results: dict) -> str:
    lines = [
        f"kiosk bench: {results['portraits']} portraits, {results['megapixels']} MP photos, "
        f"{results['screen']} (photos drawn at {results['photo_box']})",
        "",
    ]
    lines.append(f"{'figure':<20}{'p50':>10}{'p95':>10}   target")
    for name, value in results.items():
        if name in ("portraits", "megapixels", "screen", "photo_box"):
            continue
        p50, p95 = (value["p50"], value["p95"]) if isinstance(value, dict) else (value, "")
        lines.append(f"{name:<20}{p50:>10}{p95:>10}   {TARGETS.get(name, '')}")
    return "\n".join(lines)
