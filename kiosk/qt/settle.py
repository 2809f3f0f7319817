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


def settle(provider, *, timeout_s: float = 10.0, quiet_ms: int = 120) -> bool:
    """Pump events until no image is being prepared and a few frames have passed."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        pump(quiet_ms)
        if provider.pending == 0:
            pump(quiet_ms)  # the finished images reach their Image items and are drawn
            if provider.pending == 0:
                return True
    return False
