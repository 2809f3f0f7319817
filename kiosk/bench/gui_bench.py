"""Collection and screen figures: scans, first portrait, swipes, GUI stalls, memory."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml
from PySide6.QtCore import QElapsedTimer, QEventLoop, QSize, QTimer

from kiosk.bench.measure import VISITOR_PAUSE_MS, figures_apart, summary, timed
from kiosk.content.collection import scan
from kiosk.content.photocache import PhotoCache
from kiosk.layout import Page
from kiosk.process import rss_mb
from kiosk.qt.app import KioskApp
from kiosk.qt.headless import QUIET
from kiosk.qt.settle import pump

VISITOR_SWIPES = 150
FLOOR_SWIPES = 60  # the floor barely varies: fewer swipes than the kiosk's do
RSS_EVERY = 10  # transitions between two readings of the memory in use


def scan_figures(root: Path, runs: int) -> dict:
    """scan_ms: a first scan (YAML and folder listing); full_rescan_ms: every file's
    stamp checked again, nothing changed (the kiosk's looks do a slice of that at a time);
    yaml_load_ms: the yardstick, PyYAML's C loader alone on the same files,
    timed between the scans so that both see the same machine."""
    first = scan(str(root), full_decode=False)
    scans, loads = [], []
    for _ in range(runs):
        scans.append(timed(_scan, root, None))
        loads.append(timed(_plain_yaml_load, root))
    return {
        "scan_ms": summary(scans),
        "yaml_load_ms": summary(loads),
        "full_rescan_ms": summary([timed(_scan, root, first) for _ in range(runs)]),
        "portraits_ready": len(first.portraits),
    }


def _plain_yaml_load(root: Path) -> None:
    """yaml.load(CSafeLoader) of every portrait.yaml: no checks, no listing of the folders' files."""
    for name in sorted(os.listdir(root)):
        path = os.path.join(root, name, "portrait.yaml")
        if os.path.isfile(path):
            with open(path, "rb") as handle:
                yaml.load(handle.read(), Loader=yaml.CSafeLoader)


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


class DrawnMeter:
    """Times from a call to the first frame shown with the new portrait settled (photo
    loaded, nothing sliding): what a visitor sees, not just a property turning true."""

    def __init__(self, kiosk) -> None:
        self.kiosk = kiosk
        self.drawn_at: float | None = None
        self._waiting: QEventLoop | None = None
        kiosk.window.frameSwapped.connect(self._on_frame)

    def _on_frame(self) -> None:
        if self.drawn_at is None and self.kiosk.report.is_settled():
            self.drawn_at = time.perf_counter()
            if self._waiting is not None:
                self._waiting.quit()

    def time(self, action, limit_s: float = 10.0) -> float:
        """Milliseconds to the frame itself: waiting in an event loop that the frame
        ends, not polling (a 1 ms poll added up to 2 ms to each figure)."""
        self.drawn_at = None
        start = time.perf_counter()
        action()
        if self.drawn_at is None:
            self._waiting = QEventLoop()
            limit = QTimer(self._waiting)  # goes with the loop: never quits a later one
            limit.setSingleShot(True)
            limit.timeout.connect(self._waiting.quit)
            limit.start(int(limit_s * 1000))
            self._waiting.exec()
            self._waiting = None
        return ((self.drawn_at or time.perf_counter()) - start) * 1000


def screen_figures(root: Path, cache: Path, screen: QSize, transitions: int, progress) -> dict:
    """gui_stall_ms while photos are prepared cold; swipe_ms as visitors swipe; then
    swipe_burst_ms and memory over `transitions` swipes back to back."""
    kiosk = KioskApp(str(root), QUIET, locked=False, screen=screen, cache=PhotoCache(cache))
    # As kiosk.qt.runner starts it: the startup scan blocks by design (nothing is on
    # screen yet), and looks at the collection go on through every figure.
    kiosk.start(windowed=True, size=screen)
    stall = StallMeter()
    stall.start()
    total = len(kiosk.live.portraits())
    while kiosk.preparing():  # autoplay and swipes while the pool prepares every photo
        kiosk.session.next()
        pump(150)
        progress.step("preparing photos (cold)", kiosk.session.total, total)
    progress.step("preparing photos (cold)", total, total)
    gui_stall = stall.stop()
    meter = DrawnMeter(kiosk)
    # As visitors swipe: the last portrait has been on screen a moment (here 0.4 s,
    # shorter than the 0.9 s transition itself) when the next swipe ends.
    swipes, visitor_swipes = [], min(VISITOR_SWIPES, transitions)
    for number in range(1, visitor_swipes + 1):
        pump(VISITOR_PAUSE_MS)
        swipes.append(meter.time(kiosk.session.next))
        if number % 25 == 0 or number == visitor_swipes:
            progress.step("swipes as visitors swipe", number, visitor_swipes)
    # Then back to back, as fast as the kiosk can go: memory over many transitions.
    bursts, rss_samples = [], []
    for number in range(1, transitions + 1):
        bursts.append(meter.time(kiosk.session.next))
        if number % RSS_EVERY == 0:
            rss_samples.append((number, rss_mb(kiosk.photos.preparation.pids())))
        if number % 50 == 0 or number == transitions:
            progress.step("transitions back to back", number, transitions)
    rss_samples.append((transitions, rss_mb(kiosk.photos.preparation.pids())))
    kiosk.close()
    return {
        "gui_stall_ms": gui_stall,
        "swipe_ms": summary(swipes),
        "swipe_burst_ms": summary(bursts),
        **memory_figures(rss_samples, transitions),
        "transitions": transitions,
    }


def memory_figures(samples: list[tuple[int, float]], transitions: int) -> dict:
    """rss_mb after the first 100 transitions, and rss_growth_pct from there to the end.

    Each end is the median of the readings over 100 transitions, not one reading:
    between two transitions RSS moves by a decoded photo or two (8 MB at 1080p) as
    pictures are loaded and let go. A single reading at each end made the growth
    anything from -4% to +4% between runs, where 20,000 transitions show no trend."""
    start = [mb for number, mb in samples if 100 <= number < 200] or [samples[-1][1]]
    end = [mb for number, mb in samples if number > transitions - 100] or [samples[-1][1]]
    rss_start, rss_end = statistics.median(start), statistics.median(end)
    return {
        "rss_mb": round(rss_start, 1),
        "rss_growth_pct": round(100 * (rss_end - rss_start) / rss_start, 2),
    }


def screen_figures_apart(
    root: Path, cache: Path, screen: QSize, transitions: int, show_progress: bool
) -> dict:
    """screen_figures in a fresh process, as the kiosk runs (see kiosk.bench.screen)."""
    return figures_apart(
        "screen",
        "kiosk.bench.screen",
        str(root),
        str(cache),
        f"{screen.width()}x{screen.height()}",
        str(transitions),
        "progress" if show_progress else "quiet",
        timeout_s=3600,
    )


def swipe_floor_apart(screen: QSize, transitions: int) -> dict:
    """swipe_floor_ms: the same swipe with two plain pictures (see kiosk.bench.floor)."""
    return figures_apart(
        "swipe floor",
        "kiosk.bench.floor",
        f"{screen.width()}x{screen.height()}",
        str(min(FLOOR_SWIPES, transitions)),
        str(VISITOR_PAUSE_MS),
        timeout_s=600,
    )


def photo_page(work: Path, screen: QSize) -> Page:
    """A portrait page as the kiosk's layout draws it on this screen, asked of the kiosk."""
    nothing = work / "no-portraits"
    nothing.mkdir(exist_ok=True)
    kiosk = KioskApp(str(nothing), QUIET, locked=False, screen=screen, cache=PhotoCache(work / "box-cache"))
    page = kiosk.page()
    kiosk.close()
    return page


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
