"""Collection and screen figures: scans, first portrait, swipes, GUI stalls, memory."""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QSize, QTimer

from kiosk.bench.measure import summary, timed
from kiosk.content.collection import scan
from kiosk.content.photocache import PhotoCache
from kiosk.process import rss_mb
from kiosk.qt.app import KioskApp
from kiosk.qt.settle import pump
from kiosk.settings import Settings

QUIET = replace(Settings(), transition_ms=0, autoplay_seconds=600, idle_seconds=3600)


def scan_figures(root: Path, runs: int) -> dict:
    """scan_ms: a first scan (YAML and folder listing); full_rescan_ms: every file's
    stamp checked again, nothing changed (the kiosk's looks do a slice of that at a time)."""
    first = scan(str(root), full_decode=False)
    return {
        "scan_ms": summary([timed(_scan, root, None) for _ in range(runs)]),
        "full_rescan_ms": summary([timed(_scan, root, first) for _ in range(runs)]),
        "portraits_ready": len(first.portraits),
    }


def _scan(root: Path, previous):
    """The kiosk's own scan: YAML, folder listing and photo headers."""
    return scan(str(root), QUIET.languages, previous, full_decode=False)


class StallMeter:
    """The longest the GUI thread could not run a 5 ms timer, beyond its interval."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.clock = QElapsedTimer()
        self.worst = 0.0
        self.timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.clock.start()
        self.timer.start()

    def stop(self) -> float:
        self.timer.stop()
        return round(self.worst, 2)

    def _tick(self) -> None:
        gap = self.clock.nsecsElapsed() / 1e6 - self.timer.interval()
        self.clock.restart()
        self.worst = max(self.worst, gap)


def wait_drawn(kiosk, limit_s: float = 10.0) -> None:
    deadline = time.perf_counter() + limit_s
    while time.perf_counter() < deadline:
        if kiosk.window.property("settled") is True:
            return
        pump(1)


def screen_figures(root: Path, cache: Path, screen: QSize, transitions: int, progress) -> dict:
    """gui_stall_ms while photos are prepared cold, then swipe_ms and memory over transitions."""
    kiosk = KioskApp(str(root), QUIET, locked=False, screen=screen, cache=PhotoCache(cache))
    kiosk.load_collection()  # the startup scan blocks by design: nothing is on screen yet
    kiosk.show(windowed=True, size=screen)
    stall = StallMeter()
    stall.start()
    total = len(kiosk.live.portraits())
    while kiosk.preparing():  # autoplay and swipes while the pool prepares every photo
        kiosk.session.next()
        pump(150)
        progress.step("preparing photos (cold)", kiosk.session.total, total)
    progress.step("preparing photos (cold)", total, total)
    gui_stall = stall.stop()
    swipes, rss_at_100 = [], None
    for number in range(1, transitions + 1):
        start = time.perf_counter()
        kiosk.session.next()
        wait_drawn(kiosk)
        swipes.append((time.perf_counter() - start) * 1000)
        if number == 100:
            rss_at_100 = rss_mb()
        if number % 50 == 0 or number == transitions:
            progress.step("transitions", number, transitions)
    rss_end = rss_mb()
    kiosk.close()
    rss_at_100 = rss_at_100 or rss_end
    return {
        "gui_stall_ms": gui_stall,
        "swipe_ms": summary(swipes),
        "rss_mb": round(rss_at_100, 1),
        "rss_growth_pct": round(100 * (rss_end - rss_at_100) / rss_at_100, 2),
        "transitions": transitions,
    }


def first_portrait_ms(root: Path, cache: Path, screen: QSize, runs: int) -> dict:
    """From starting a fresh process to its first portrait drawn, with a warm cache."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        child = subprocess.run(
            [
                sys.executable,
                "-m",
                "kiosk.bench.first_portrait",
                str(root),
                str(cache),
                f"{screen.width()}x{screen.height()}",
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
        if "drawn" not in child.stdout:
            raise RuntimeError(f"the kiosk did not draw a portrait: {child.stderr[-500:]}")
        samples.append((time.perf_counter() - start) * 1000)
    return summary(samples)
