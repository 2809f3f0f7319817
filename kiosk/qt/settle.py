"""Waiting for the screen to be ready, without the static processEvents().

PySide6 6.12 on Python 3.11 drops a reference to None on every static
QCoreApplication.processEvents() call and eventually aborts; a QEventLoop
instance is safe (DESIGN section 8).
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEventLoop, QTimer


def pump(milliseconds: int) -> None:
    """Run the event loop for about `milliseconds`."""
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def settle(photos, window, *, timeout_s: float = 15.0, quiet_ms: int = 60) -> bool:
    """Pump events until nothing moves and no picture is being prepared or loaded."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        pump(quiet_ms)
        if photos.pending == 0 and not _busy(window):
            pump(quiet_ms)  # one more frame, with the pictures drawn
            if photos.pending == 0 and not _busy(window):
                return True
    return False


def _busy(window) -> bool:
    """The carousel still sliding, or the current photo still loading (Main.qml says)."""
    return window.property("settled") is not True
