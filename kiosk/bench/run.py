"""`kiosk bench`: runs the real code paths on a synthetic collection and reports."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from kiosk.bench.measure import Progress, cpu_ticks, rest_slowdown_x, steal_pct

# What each figure is, in a few words (docs/performance.md says more).
MEANINGS = {
    "prepare_ms": "a camera photo prepared for the screen",
    "naive_ms": "the same, decoded whole then scaled",
    "floor_ms": "the JPEG decoder alone, at the scale used",
    "prepare_box_ms": "the same photo prepared for its place on the page",
    "floor_box_ms": "the JPEG decoder alone, at that place's scale",
    "cached_ms": "a prepared picture loaded as Qt Quick loads it",
    "scan_ms": "the whole collection read cold",
    "yaml_load_ms": "PyYAML's C loader alone on the same files",
    "rescan_ms": "one look for changes",
    "full_rescan_ms": "a look that reads every folder",
    "reload_ms": "a new folder copied in, to on screen",
    "first_portrait_ms": "start, to the first portrait drawn",
    "swipe_ms": "a swipe, to its page drawn",
    "swipe_floor_ms": "the same swipe between two plain pictures",
    "swipe_burst_ms": "swipes back to back",
    "gui_stall_ms": "the longest the screen's thread was busy",
    "rss_mb": "memory, helpers included",
    "rss_growth_pct": "memory growth over the transitions",
    "voice_start_ms": "a tap on Listen, to the sound at the device",
    "voice_floor_ms": "paplay alone, to the same sound",
    "voice_cpu_pct": "CPU while a voice plays (% of a core)",
    "idle_cpu_pct": "the same screen, no voice playing",
    "steal_pct": "CPU time the host took for others (quiet: 0)",
    "rest_slowdown_x": "memory touched after a pause, times slower",
}


def run_bench(
    portraits: int,
    megapixels: float,
    screen: tuple[int, int],
    transitions: int,
    as_json: bool,
    reloads: int = 20,
    voice_runs: int = 20,
    cores: int | None = None,
) -> int:
    from PySide6.QtCore import QSize

    from kiosk.bench import gui_bench, live_bench, photo_bench, voice_bench
    from kiosk.bench.synthetic import make_collection
    from kiosk.qt.headless import headless_app

    if cores:
        use_cores(cores)
    app = headless_app()  # noqa: F841 - must exist while drawing
    progress = Progress(enabled=not as_json)
    ticks_at_start = cpu_ticks()
    size = QSize(*screen)
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as folder:
        work = Path(folder)
        page = gui_bench.photo_page(work, size)
        tall, wide = page.box_for((3, 4)), page.box_for((4, 3))
        results = {
            "portraits": portraits,
            "megapixels": megapixels,
            "screen": f"{screen[0]}x{screen[1]}",
            "cores": cores_allowed(),
            "photo_box": f"{tall[0]}x{tall[1]} (3:4), {wide[0]}x{wide[1]} (4:3)",
        }
        results.update(photo_bench.photo_figures(work, megapixels, screen, page, runs=5, progress=progress))
        progress.step("synthetic collection", 0, 1)
        root = work / "collection"
        make_collection(root, portraits, photo_megapixels=collection_megapixels(tall, wide))
        progress.step("synthetic collection", 1, 1)
        results.update(gui_bench.scan_figures(root, runs=7))
        cache = work / "cache"
        results.update(gui_bench.screen_figures_apart(root, cache, size, transitions, not as_json))
        results.update(gui_bench.swipe_floor_apart(size, transitions))
        results["first_portrait_ms"] = gui_bench.first_portrait_ms(root, cache, size, runs=3)
        results["rescan_ms"] = live_bench.rescan_ms(root, gui_bench.QUIET.languages, runs=21)
        results.update(
            live_bench.reload_figures(root, cache, size, megapixels, reloads, gui_bench.QUIET, progress)
        )
        progress.step("voices", 0, 1)
        results.update(voice_bench.voice_figures_apart(work, size, voice_runs))
        progress.step("voices", 1, 1)
    stolen = steal_pct(ticks_at_start, cpu_ticks())
    if stolen is not None:  # a machine whose kernel says nothing of it: no figure
        results["steal_pct"] = stolen
    results["rest_slowdown_x"] = rest_slowdown_x()
    print(json.dumps(results, indent=2) if as_json else table(results))
    return 0


def collection_megapixels(tall: tuple[int, int], wide: tuple[int, int]) -> float:
    """The collection's photos: 2 MP (so that a thousand fit on disk), or as large as a 4:3
    photo must be to fill the largest box on this page, upright or lying: a curator's
    photos are at least the size they are drawn, and a smaller one is scaled up on every
    frame (at 3840x2160, 2 MP photos were)."""
    height = max(tall[1], wide[1], tall[0] * 3 / 4, wide[0] * 3 / 4)
    return round(max(2.0, height * height * 4 / 3 / 1e6), 1)


def use_cores(count: int) -> None:
    """Pin this process, and so every child it starts (the kiosk's photo helpers, the
    voice helper), to the first `count` cores it may use, as `taskset` does: a smaller
    machine. The caller checks that there are that many (cores_allowed)."""
    os.sched_setaffinity(0, sorted(os.sched_getaffinity(0))[:count])


def cores_allowed() -> int:
    return len(os.sched_getaffinity(0))


def table(results: dict) -> str:
    lines = [
        f"kiosk bench: {results['portraits']} portraits, {results['megapixels']} MP photos, "
        f"{results['screen']} on {results['cores']} cores (photos drawn at {results['photo_box']})",
        "",
    ]
    lines.append(f"{'figure':<20}{'p50':>10}{'p95':>10}   what it is")
    for name, value in results.items():
        if name in ("portraits", "megapixels", "screen", "cores", "photo_box", "voice_sound"):
            continue
        p50, p95 = (value["p50"], value["p95"]) if isinstance(value, dict) else (value, "")
        lines.append(f"{name:<20}{p50:>10}{p95:>10}   {MEANINGS.get(name, '')}")
    lines += ["", f"voices: {results.get('voice_sound', '')}"]
    return "\n".join(lines)
