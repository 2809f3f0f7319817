"""Heartbeat: tells systemd when the first portrait is on screen, then that the GUI is alive.

The timer runs on the GUI thread on purpose: when the GUI thread freezes, the
heartbeat stops and systemd's watchdog restarts the kiosk.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer

from kiosk import systemd

log = logging.getLogger(__name__)
READY_POLL_MS = 100


class Heartbeat(QObject):
    def __init__(self, is_on_screen, parent=None) -> None:
        super().__init__(parent)
        self._is_on_screen = is_on_screen  # () -> bool: the first screen is drawn
        self._watchdog_ms = systemd.watchdog_interval_ms()
        self._ready = False
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._beat)

    def start(self) -> None:
        self._timer.start(READY_POLL_MS)

    def _beat(self) -> None:
        if not self._ready:
            if not self._is_on_screen():
                if self._watchdog_ms:
                    systemd.notify("WATCHDOG=1")  # still starting, and alive
                return
            self._ready = True
            systemd.notify("READY=1\nSTATUS=showing portraits")
            log.info("on screen")
            if not self._watchdog_ms:
                self._timer.stop()
                return
            self._timer.setInterval(self._watchdog_ms)
        systemd.notify("WATCHDOG=1")
