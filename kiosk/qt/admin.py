"""AdminGate: the staff's way in, and the admin panel's facts and actions.

The way in is a hidden gesture a visitor leaning on the screen cannot make by
chance: a two-second press in the bottom-left corner, then three taps in the
bottom-right corner within six seconds; then the PIN (see kiosk.pin). With no
PIN in kiosk.yaml the gesture does nothing. QML draws the corners, the PIN pad
and the panel; everything is decided here.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication

from kiosk import __version__, exits, process
from kiosk.pin import PinAttempts

log = logging.getLogger(__name__)
ARMED_S = 6.0  # after the long press, the taps must come within this time
TAPS = 3
IDLE_CLOSE_MS = 60_000  # the panel or PIN pad left open closes itself
REFRESH_MS = 5_000  # uptime and memory, while the panel is open
STAGES = ("", "pin", "panel")


class AdminGate(QObject):
    stageChanged = Signal()
    factsChanged = Signal()
    pinRefused = Signal(str)  # "wrong" or "locked"

    def __init__(self, stored_pin: str, facts, reload, parent=None, clock=time.monotonic) -> None:
        super().__init__(parent)
        self._stored_pin = stored_pin
        self._facts = facts  # () -> dict: problems, counts (see KioskApp.facts_for_staff)
        self._reload = reload  # () -> None
        self._clock = clock
        self._started = clock()
        self._stage = ""
        self._armed_until = 0.0
        self._taps = 0
        self._attempts = PinAttempts(clock=clock)
        self._shown: dict = {}
        self._idle = QTimer(self, singleShot=True, interval=IDLE_CLOSE_MS)
        self._idle.timeout.connect(self.close)
        self._refresh = QTimer(self, interval=REFRESH_MS)
        self._refresh.timeout.connect(self._update_facts)

    # -- what QML reads -------------------------------------------------------------

    @Property(bool, constant=True)
    def enabled(self) -> bool:
        """A PIN is set: without one, the way in does not exist."""
        return bool(self._stored_pin)

    @Property(str, notify=stageChanged)
    def stage(self) -> str:
        return self._stage

    @Property(int, notify=factsChanged)
    def lockedSeconds(self) -> int:  # noqa: N802 - QML property
        return self._attempts.seconds_locked()

    @Property("QVariantList", notify=factsChanged)
    def problems(self) -> list[dict]:
        return self._shown.get("problems", [])

    @Property("QVariantList", notify=factsChanged)
    def facts(self) -> list[dict]:
        """Label and value pairs: counts, version, uptime, memory."""
        return self._shown.get("facts", [])

    # -- the way in ---------------------------------------------------------------

    @Slot()
    def cornerHeld(self) -> None:  # noqa: N802 - QML slot
        if not self._stored_pin or self._stage:
            return  # no PIN configured: the gesture does nothing
        self._armed_until, self._taps = self._clock() + ARMED_S, 0

    @Slot()
    def cornerTapped(self) -> None:  # noqa: N802 - QML slot
        if self._clock() > self._armed_until:
            self._taps = 0
            return
        self._taps += 1
        if self._taps >= TAPS:
            self._armed_until = 0.0
            self._set_stage("pin")

    @Slot(str)
    def submitPin(self, pin: str) -> None:  # noqa: N802 - QML slot
        if self._stage != "pin":
            return
        self.note_activity()
        if self._attempts.check(pin, self._stored_pin):
            log.info("admin panel opened")
            self._set_stage("panel")
            return
        locked = self._attempts.seconds_locked()
        log.info("admin: wrong PIN%s", f"; the pad is locked for {locked} s" if locked else "")
        self.factsChanged.emit()
        self.pinRefused.emit("locked" if locked else "wrong")

    # -- the panel's actions --------------------------------------------------------

    @Slot()
    def close(self) -> None:
        self._set_stage("")

    @Slot()
    def reload(self) -> None:
        log.info("admin: reading every portrait folder again")
        self._reload()
        self.close()

    @Slot()
    def restart(self) -> None:
        log.info("admin: restarting the kiosk")
        QGuiApplication.exit(exits.RESTART)

    @Slot()
    def quit(self) -> None:
        log.info("admin: quitting the kiosk")
        QGuiApplication.exit(0)

    def note_activity(self) -> None:
        if self._stage:
            self._idle.start()

    # -- inner workings -----------------------------------------------------------

    def _set_stage(self, stage: str) -> None:
        if stage == self._stage:
            return
        self._stage = stage
        if stage == "panel":
            self._update_facts()
            self._refresh.start()
        else:
            self._refresh.stop()
        if stage:
            self._idle.start()
        else:
            self._idle.stop()
        self.stageChanged.emit()

    def _update_facts(self) -> None:
        known = self._facts()
        counts = known["counts"]
        self._shown = {
            "problems": known["problems"],
            "facts": [
                {"label": "Portraits on screen", "value": str(counts["shown"])},
                {"label": "Folders", "value": str(counts["folders"])},
                {"label": "Folders with errors", "value": str(counts["with_errors"])},
                {"label": "Drafts", "value": str(counts["drafts"])},
                {"label": "Folders still changing", "value": str(counts["waiting"])},
                {"label": "Version", "value": __version__},
                {"label": "Up for", "value": _duration(self._clock() - self._started)},
                {"label": "Memory", "value": f"{process.rss_mb(known.get('preparers', ())):.0f} MB"},
            ],
        }
        self.factsChanged.emit()


def _duration(seconds: float) -> str:
    minutes, _ = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    days, hours = divmod(hours, 24)
    return f"{days} d {hours} h {minutes} min" if days else f"{hours} h {minutes} min"
