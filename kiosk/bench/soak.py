"""`kiosk soak MINUTES`: the real kiosk, offscreen, worked hard for a while; does anything grow?

Fast autoplay, random swipes, filters, language switches, the overview, idle resets,
and a curator process changing folders, on a generated collection. Every sample
records transitions, memory, open files, threads and live QML items; the end
compares the first and last quarters of the run.
"""

from __future__ import annotations

import json
import logging
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from kiosk import process
from kiosk.bench.synthetic import make_collection

log = logging.getLogger(__name__)
ACTION_MS = 400  # a visitor's action (or autoplay) this often


class WarningCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.count = 0
        self.first: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
        if len(self.first) < 5:
            self.first.append(record.getMessage()[:200])


def run_soak(minutes: float, portraits: int, as_json: bool) -> int:
    from PySide6.QtCore import QSize

    from kiosk.qt.headless import headless_app

    app = headless_app()  # noqa: F841 - must exist while drawing
    warnings = WarningCounter()
    logging.getLogger().addHandler(warnings)
    with tempfile.TemporaryDirectory(prefix="kiosk-soak-") as folder:
        root = Path(folder) / "collection"
        make_collection(root, portraits, photo_megapixels=2.0)
        result = _soak(root, Path(folder) / "cache", minutes, QSize(1280, 720), as_json)
    result["warnings"] = warnings.count
    result["first_warnings"] = warnings.first
    print(json.dumps(result, indent=2) if as_json else _table(result))
    return 0


def _soak(root: Path, cache: Path, minutes: float, screen, as_json: bool) -> dict:
    from kiosk.content.photocache import PhotoCache
    from kiosk.qt.app import KioskApp
    from kiosk.qt.headless import QUIET
    from kiosk.qt.settle import pump

    settings = replace(QUIET, autoplay_seconds=1.0, idle_seconds=20.0, transition_ms=300)
    kiosk = KioskApp(str(root), settings, locked=False, screen=screen, cache=PhotoCache(cache))
    kiosk.start(windowed=True, size=screen)
    seconds = minutes * 60
    curator = subprocess.Popen(
        [sys.executable, "-m", "kiosk.bench.curator", str(root), str(seconds)],
        stdout=subprocess.DEVNULL,
    )
    transitions = [0]
    kiosk.session.currentIndexChanged.connect(lambda: transitions.__setitem__(0, transitions[0] + 1))
    every = min(60.0, max(seconds / 8, 1.0))
    chance = random.Random(11)
    samples, start, next_sample = [], time.monotonic(), 0.0
    try:
        while (elapsed := time.monotonic() - start) < seconds:
            if elapsed >= next_sample:
                _quiet_moment(kiosk)
                samples.append(_sample(elapsed, transitions[0], kiosk))
                next_sample += every
                if not as_json:
                    print(_sample_line(samples[-1]), file=sys.stderr, flush=True)
            _visitor_action(kiosk.session, chance)
            pump(ACTION_MS)
        samples.append(_sample(time.monotonic() - start, transitions[0], kiosk))
    finally:
        curator.terminate()
        curator.wait(timeout=10)
        kiosk.close()
    return {"minutes": minutes, "transitions": transitions[0], **_growth(samples), "samples": samples}


def _visitor_action(session, chance: random.Random) -> None:
    """What a visitor might do next; often nothing (autoplay turns the pages)."""
    from kiosk.qt.models import FacetRole

    roll = chance.random()
    if roll < 0.25:
        session.noteActivity()
        session.next() if chance.random() < 0.6 else session.previous()
    elif roll < 0.30:
        facet = chance.choice(["origin", "profession"])
        model = session.facets[facet]
        session.openPanel(facet)
        if model.rowCount():
            row = model.index(chance.randrange(model.rowCount()), 0)
            session.choose(facet, model.data(row, FacetRole.KEY))
    elif roll < 0.33:
        session.setLanguage(chance.choice(session.languages))
    elif roll < 0.35:
        session.openPanel("overview")
    elif roll < 0.38:
        session.closePanel()
    elif roll < 0.40:
        session.reset()  # as the idle timer does


def _quiet_moment(kiosk, limit_s: float = 3.0) -> None:
    """Panels closed and no photo being prepared: every sample is taken in the same
    state, so that an open overview does not pass for growth."""
    from kiosk.qt.settle import pump

    kiosk.session.closePanel()
    deadline = time.monotonic() + limit_s
    while kiosk.preparing() and time.monotonic() < deadline:
        pump(50)
    pump(100)


def _sample(elapsed: float, transitions: int, kiosk) -> dict:
    return {
        "seconds": round(elapsed, 1),
        "transitions": transitions,
        "rss_mb": round(process.rss_mb(kiosk.photos.preparation.pids()), 1),
        "fds": process.open_files(),
        "threads": process.thread_count(),
        "qml_items": _items(kiosk.window.contentItem()),
    }


def _items(item) -> int:
    return 1 + sum(_items(child) for child in item.childItems())


def _growth(samples: list[dict]) -> dict:
    """Last quarter against first quarter (after the first sample: warm-up)."""
    warm = samples[1:] if len(samples) > 4 else samples
    quarter = max(1, len(warm) // 4)
    first, last = warm[:quarter], warm[-quarter:]

    def mean(part: list[dict], key: str) -> float:
        return sum(s[key] for s in part) / len(part)

    rss_first = mean(first, "rss_mb")
    return {
        "rss_growth_pct": round(100 * (mean(last, "rss_mb") - rss_first) / rss_first, 2),
        "fd_growth": round(mean(last, "fds") - mean(first, "fds"), 1),
        "thread_growth": round(mean(last, "threads") - mean(first, "threads"), 1),
        "qml_item_growth": round(mean(last, "qml_items") - mean(first, "qml_items"), 1),
    }


def _sample_line(sample: dict) -> str:
    return (
        f"{sample['seconds']:>7.0f} s  {sample['transitions']:>6} transitions  {sample['rss_mb']:>6.1f} MB  "
        f"{sample['fds']:>4} files  {sample['threads']:>3} threads  {sample['qml_items']:>5} QML items"
    )


def _table(result: dict) -> str:
    lines = [f"kiosk soak: {result['minutes']} min, {result['transitions']} transitions"]
    for key in ("rss_growth_pct", "fd_growth", "thread_growth", "qml_item_growth", "warnings"):
        lines.append(f"  {key:<18}{result[key]}")
    lines.extend(f"  warning: {line}" for line in result["first_warnings"])
    return "\n".join(lines)
