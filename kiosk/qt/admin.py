"""AdminGate: the staff's way in, and the admin panel's facts and actions.

The way in is a hidden gesture a visitor leaning on the screen cannot make by
chance: a two-second press in the top-left corner, then three taps in the
top-right corner within six seconds; then the PIN (see kiosk.pin). With no
PIN in kiosk.yaml the gesture does nothing. QML draws the corners, the PIN pad
and the panel; everything is decided here.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk import __version__, exits, process
from kiosk.layout import PIN_MAX_DIGITS
from kiosk.pin import PinAttempts

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)
HOLD_S = 2.0  # the long press in the top-left corner
ARMED_S = 6.0  # after the long press, the taps must come within this time
TAPS = 3
IDLE_CLOSE_MS = 60_000  # the panel or PIN pad left open closes itself
REFRESH_MS = 5_000  # uptime and memory, while the panel is open
STAGES = ("", "pin", "panel")


@QmlElement
@QmlUncreatable("the kiosk makes the one AdminGate")
class AdminGate(QObject):  # type: ignore[operator]  # stubs: QmlUncreatable is a decorator
    stageChanged = Signal()
    factsChanged = Signal()
    pinChanged = Signal()  # digits typed, the refusal, or the lock's countdown

    def __init__(
        self, stored_pin: str, facts, reload, parent=None, clock=time.monotonic, hold_s: float | None = None
    ) -> None:
        super().__init__(parent)
        self._stored_pin = stored_pin
        self._hold_s = HOLD_S if hold_s is None else hold_s
        self._entered = ""  # the digits typed on the PIN pad so far; QML shows only how many
        self._refusal = ""  # "wrong" or "locked" after a refused PIN, until the next digit
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
        self._countdown = QTimer(self, interval=1000)  # the lock's seconds, shown on the pad
        self._countdown.timeout.connect(self._tick_lock)

    # -- what QML reads -------------------------------------------------------------

    @Property(bool, constant=True)
    def enabled(self) -> bool:
        """A PIN is set: without one, the way in does not exist."""
        return bool(self._stored_pin)

    @Property(str, notify=stageChanged)
    def stage(self) -> str:
        return self._stage

    @Property(float, constant=True)
    def holdSeconds(self) -> float:  # noqa: N802 - QML property
        """How long the top-left corner is held to start the way in."""
        return self._hold_s

    @Property(int, notify=pinChanged)
    def lockedSeconds(self) -> int:  # noqa: N802 - QML property
        return self._attempts.seconds_locked()

    @Property(int, notify=pinChanged)
    def digitsEntered(self) -> int:  # noqa: N802 - QML property
        return len(self._entered)

    @Property(str, notify=pinChanged)
    def refusal(self) -> str:
        """Why the last PIN was refused: "wrong", "locked", or "" once a digit is typed."""
        return self._refusal

    @Property("QVariantList", notify=factsChanged)  # type: ignore[arg-type]  # a type name: the stubs take only types
    def problems(self) -> list[dict]:
        return self._shown.get("problems", [])

    @Property("QVariantList", notify=factsChanged)  # type: ignore[arg-type]  # a type name: the stubs take only types
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
    def typeDigit(self, digit: str) -> None:  # noqa: N802 - QML slot
        if self._stage != "pin" or self._attempts.seconds_locked() or len(self._entered) >= PIN_MAX_DIGITS:
            return
        if len(digit) == 1 and digit.isdigit():
            self._entered += digit
            self._refusal = ""
            self.pinChanged.emit()

    @Slot()
    def eraseDigit(self) -> None:  # noqa: N802 - QML slot
        if self._entered:
            self._entered = self._entered[:-1]
            self.pinChanged.emit()

    @Slot()
    def submitPin(self) -> None:  # noqa: N802 - QML slot
        if self._stage != "pin" or self._attempts.seconds_locked():
            return
        self.note_activity()
        pin, self._entered = self._entered, ""
        if self._attempts.check(pin, self._stored_pin):
            log.info("admin panel opened")
            self._set_stage("panel")
            return
        locked = self._attempts.seconds_locked()
        log.info("admin: wrong PIN%s", f"; the pad is locked for {locked} s" if locked else "")
        self._refusal = "locked" if locked else "wrong"
        if locked:
            self._countdown.start()
        self.pinChanged.emit()

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

    def _tick_lock(self) -> None:
        if not self._attempts.seconds_locked():
            self._countdown.stop()
            self._refusal = ""
        self.pinChanged.emit()

    def _set_stage(self, stage: str) -> None:
        if stage == self._stage:
            return
        self._stage = stage
        if self._entered:  # the PIN pad closed with digits on it: they are gone
            self._entered = ""
            self.pinChanged.emit()
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
