"""StatusReporter: this kiosk's health in its status folder (kiosk.content.status), at
start, every 30 s and when it stops, for `kiosk fleet` on the curators' side.

How the last run ended is read from the status it left: a kiosk that stopped in order
said so in its last status ("stopped", "staff restart"); one that did not (a crash, a
power cut, the watchdog) left a status without it.
"""

from __future__ import annotations

import logging
import shutil
import socket
import time
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from kiosk import __version__, process
from kiosk.content.status import (
    MAX_BROKEN_LISTED,
    WRITE_EVERY_S,
    now_iso,
    portable_stamp,
    read_status,
    revision_of,
    status_file_name,
    write_status,
)
from kiosk.settings import Settings

log = logging.getLogger(__name__)


class StatusReporter(QObject):
    def __init__(self, settings: Settings, facts, parent=None, clock=time.monotonic) -> None:
        """`facts`: () -> dict with "portraits" (in the cycle), "problems" (every one of
        the collection), "drafts" (how many), "preparers" (the photo helpers' pids) and
        "last_frame_s" (the clock's time of the last frame drawn, or None)."""
        super().__init__(parent)
        self.folder = Path(settings.status_dir)
        self.name = settings.name or socket.gethostname()
        self._facts = facts
        self._clock = clock
        self._started = clock()
        self._started_at = now_iso()
        self._revision = ""
        self._revision_since = ""
        self._last_run = self._how_the_last_run_ended()
        self._timer = QTimer(self, interval=WRITE_EVERY_S * 1000)
        self._timer.timeout.connect(self.write)

    def start(self) -> None:
        self.write()
        self._timer.start()

    def stop(self, reason: str) -> None:
        """The last status, saying how this run ended."""
        self._timer.stop()
        self.write(stopped=reason)

    def write(self, stopped: str = "") -> None:
        try:
            write_status(self.folder, self.status(stopped))
        except OSError as exc:
            log.warning("status: cannot write %s (%s)", self.folder / status_file_name(self.name), exc)

    def status(self, stopped: str = "") -> dict:
        facts = self._facts()
        portraits = facts["portraits"]
        revision = revision_of((p.id, portable_stamp(p)) for p in portraits)
        if revision != self._revision:
            self._revision, self._revision_since = revision, now_iso()
        last_frame = facts.get("last_frame_s")
        problems = facts["problems"]
        broken: dict[str, list[str]] = {}  # the folders with an error, and all their problems
        for folder in {p.folder for p in problems if p.is_error}:
            broken[folder or ""] = [p.as_line() for p in problems if p.folder == folder]
        status = {
            "name": self.name,
            "version": __version__,
            "written_at": now_iso(),
            "uptime": round(self._clock() - self._started, 1),
            "revision": revision,
            "revision_since": self._revision_since,
            "portraits": len(portraits),
            "problems": len(problems),
            "drafts": facts["drafts"],
            "broken": [
                {"folder": folder, "problems": lines}
                for folder, lines in sorted(broken.items())[:MAX_BROKEN_LISTED]
            ],
            "broken_count": len(broken),
            "last_frame_ago": None if last_frame is None else round(self._clock() - last_frame, 1),
            "free_disk_mb": _free_mb(self.folder),
            "memory_mb": round(process.rss_mb(facts.get("preparers", ())), 1),
            "renderer": facts.get("renderer", "unknown"),
            "started_at": self._started_at,
            "last_restart": self._last_run,
        }
        if stopped:
            status["stopped"] = stopped
        return status

    def _how_the_last_run_ended(self) -> dict:
        before = read_status(self.folder / status_file_name(self.name))
        if before is None:
            return {"at": self._started_at, "why": "first start"}
        why = (
            before.get("stopped")
            or "unexpected: the last run ended without a word (crash, power cut or watchdog)"
        )
        return {"at": self._started_at, "why": why, "last_seen": before.get("written_at")}


def _free_mb(folder: Path) -> float | None:
    """The free space where the folder is (or will be, before its first status)."""
    while not folder.exists() and folder.parent != folder:
        folder = folder.parent
    try:
        return round(shutil.disk_usage(folder).free / 1024**2, 1)
    except OSError:
        return None
