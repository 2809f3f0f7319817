"""Proofs: a portrait drawn exactly as the kiosk draws it (the real QML, offscreen) by
`kiosk snapshot --pages-only` in a child process, on a collection of that one folder,
one at a time and within a time limit; kept by the folder's stamps, so each version of
a portrait is drawn once per screen shape and language. The desk never imports Qt."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from kiosk import __version__
from kiosk.content.portraits import FolderReading
from kiosk.settings import SETTINGS_NAME

SHAPES = {"landscape": (1920, 1080), "portrait": (1080, 1920)}
TIME_LIMIT_S = 180
KEPT = 400  # proofs kept (about 250 MB); the oldest go first


class Proofs:
    def __init__(self, root: str, folder: Path) -> None:
        self.root = root
        self.folder = folder
        self._lock = threading.Lock()  # one drawing at a time: each is a whole Qt process

    def picture(
        self, reading: FolderReading, shape: str, language: str, listening: bool = False
    ) -> Path | None:
        """The proof's PNG, drawn now if this version has none yet; None when it cannot be
        drawn (a broken folder, a child that failed or took too long)."""
        if shape not in SHAPES or reading.portrait is None:
            return None
        key = self._key(reading, shape, language)
        wanted = self.folder / f"{key}{'-listening' if listening else ''}.png"
        if not wanted.exists():
            with self._lock:
                if not (self.folder / f"{key}.png").exists():
                    self._draw(reading, shape, language, key)
        return wanted if wanted.exists() else None

    def _key(self, reading: FolderReading, shape: str, language: str) -> str:
        settings = os.path.join(self.root, SETTINGS_NAME)
        try:
            settings_stamp = os.stat(settings).st_mtime_ns
        except OSError:
            settings_stamp = 0
        seen = repr((__version__, reading.id, reading.stamp, settings_stamp, shape, language))
        return hashlib.sha256(seen.encode("utf-8", "surrogateescape")).hexdigest()[:24]

    def _draw(self, reading: FolderReading, shape: str, language: str, key: str) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=self.folder, prefix="drawing-") as work:
            # Copied, not linked: a hard link changes the photo's own stamp (its ctime), and
            # the kiosk would take it for a new photo and prepare it again.
            collection = Path(work) / "collection"
            shutil.copytree(os.path.join(self.root, reading.id), collection / reading.id, symlinks=True)
            settings = Path(self.root) / SETTINGS_NAME
            if settings.is_file():
                shutil.copy2(settings, collection / SETTINGS_NAME)
            out = Path(work) / "out"
            width, height = SHAPES[shape]
            command = [sys.executable, "-m", "kiosk", "snapshot", str(collection), "--out", str(out)]
            command += ["--size", f"{width}x{height}", "--lang", language, "--pages-only"]
            environment = {
                **os.environ,
                "QT_QPA_PLATFORM": "offscreen",
                "QT_QUICK_BACKEND": "software",
                "KIOSK_CACHE_DIR": str(self.folder / "photos"),
                "KIOSK_CONFIG_DIR": work,  # no kiosk's own settings: the collection's alone
            }
            try:
                subprocess.run(
                    command, env=environment, capture_output=True, timeout=TIME_LIMIT_S, check=False
                )
            except subprocess.TimeoutExpired:
                return
            for drawn in out.glob("*.png"):
                suffix = "-listening" if drawn.stem.endswith("-listening") else ""
                os.replace(drawn, self.folder / f"{key}{suffix}.png")
        self._trim()

    def _trim(self) -> None:
        kept = sorted(self.folder.glob("*.png"), key=lambda path: path.stat().st_mtime, reverse=True)
        for old in kept[KEPT:]:
            old.unlink(missing_ok=True)
