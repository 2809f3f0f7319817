"""Live content figures: a look at an unchanged collection, and folders added while the kiosk runs."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from PySide6.QtCore import QSize

from kiosk.bench.measure import summary, timed
from kiosk.bench.synthetic import camera_photo, write_photo, yaml_text
from kiosk.content.live import LiveCollection
from kiosk.content.photocache import PhotoCache
from kiosk.qt.app import KioskApp
from kiosk.qt.settle import pump, settle

REACH_S = 30  # an addition that takes longer than this is a failure, not a figure


def rescan_ms(root: Path, languages, runs: int) -> dict:
    """One look at the collection with nothing changed: what the kiosk does twice a second."""
    live = LiveCollection(str(root), languages)
    live.load()
    live.look()
    return summary([timed(live.look) for _ in range(runs)])


def reload_figures(
    root: Path, cache: Path, screen: QSize, megapixels: float, additions: int, settings, progress
) -> dict:
    """reload_ms: from a new folder's last file closed to its portrait in the cycle, in the
    running kiosk (file-system events, looks, preparation of a `megapixels` photo, admission)."""
    source = root.parent / "reload-source.jpg"
    write_photo(source, camera_photo(megapixels, seed=99), sideways=True)
    kiosk = KioskApp(str(root), settings, locked=False, screen=screen, cache=PhotoCache(cache))
    kiosk.start(windowed=True, size=screen)
    settle(kiosk, timeout_s=600)
    samples = []
    try:
        for number in range(additions):
            samples.append(_one_addition(kiosk, root, source, number))
            progress.step("folders added live", number + 1, additions)
    finally:
        kiosk.close()
    return {"reload_ms": summary(samples), "reload_additions": additions}


def _one_addition(kiosk: KioskApp, root: Path, source: Path, number: int) -> float:
    name = f"zz-added-{number:03d}"
    folder = root / name  # copied in place, as `cp -r` does: the kiosk sees it being written
    folder.mkdir()
    (folder / "portrait.yaml").write_text(yaml_text(5000 + number), encoding="utf-8")
    shutil.copyfile(source, folder / "photo.jpg")
    closed = time.perf_counter()
    deadline = time.monotonic() + REACH_S
    while not any(p.id == name for p in kiosk.session.portraits.portraits()):
        if time.monotonic() > deadline:
            raise RuntimeError(f"{name} was not in the cycle after {REACH_S} s")
        pump(5)
    return (time.perf_counter() - closed) * 1000
