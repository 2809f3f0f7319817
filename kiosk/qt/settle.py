"""Waiting for the screen to be ready, without the static processEvents().

PySide6 6.12 on Python 3.11 drops a reference to None on every static
QCoreApplication.processEvents() call and eventually aborts; a QEventLoop
instance is safe (docs/architecture.md, traps).
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEventLoop, QTimer


def pump(milliseconds: int) -> None:
    """Run the event loop for about `milliseconds`."""
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def settle(kiosk, *, timeout_s: float = 30.0, quiet_ms: int = 60) -> bool:
    """Pump events until nothing moves and no picture is being prepared or loaded."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        pump(quiet_ms)
        if not _busy(kiosk):
            pump(quiet_ms)  # one more frame, with the pictures drawn
            if not _busy(kiosk):
                return True
    return False


def _busy(kiosk) -> bool:
    """Photos being prepared or admitted, the carousel sliding, or the current photo
    still loading (Main.qml's `settled` says the last two)."""
    return kiosk.preparing() or not kiosk.report.is_settled()
