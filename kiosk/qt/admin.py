"""AdminGate: the staff's way in, and the admin panel's facts and actions.

The way in is a hidden gesture a visitor leaning on the screen cannot make by
chance: a two-second press in the top-left corner, then three taps in the
top-right corner within six seconds; then the PIN (see kiosk.pin). With no
PIN in kiosk.yaml the gesture does nothing. QML draws the corners, the PIN pad
and the panel; everything is decided here, every word in the kiosk's default
language (French or English, from the catalogue).
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk import __version__, exits, process
from kiosk.catalogue import N_, SOURCE_LANGUAGE, translated, translator
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
# What Qt Quick says draws the window (KioskApp.renderer), in the staff's words.
RENDERERS = {
    "software": N_("software, without the graphics card"),
    "opengl": N_("the graphics card (OpenGL)"),
    "vulkan": N_("the graphics card (Vulkan)"),
}
STAGES = ("", "pin", "panel")
WORDS = {  # what the PIN pad and the panel say, by the name QML reads
    "heading": N_("Kiosk admin"),
    "close": N_("Close"),
    "reload": N_("Read folders again"),
    "restart": N_("Restart"),
    "quit": N_("Quit"),
    "voicesDown": N_("Voices −"),
    "voicesUp": N_("Voices +"),
    "pinTitle": N_("Staff PIN"),
    "cancel": N_("Cancel"),
}


@QmlElement
@QmlUncreatable("the kiosk makes the one AdminGate")
class AdminGate(QObject):  # type: ignore[operator]  # stubs: QmlUncreatable is a decorator
    stageChanged = Signal()
    factsChanged = Signal()
    pinChanged = Signal()  # digits typed, the refusal, or the lock's countdown

    def __init__(
        self,
        stored_pin: str,
        facts,
        reload,
        parent=None,
        clock=time.monotonic,
        hold_s: float | None = None,
        language: str = SOURCE_LANGUAGE,
    ) -> None:
        super().__init__(parent)
        self._language = language
        self._ = translator(language)
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

    @Property(str, notify=pinChanged)
    def pinMessage(self) -> str:  # noqa: N802 - QML property
        """Why the pad refuses, in words; a space (the line keeps its height) otherwise."""
        locked = self._attempts.seconds_locked()
        if locked:
            return self._(N_("Too many wrong PINs: try again in {seconds} s"), seconds=locked)
        return self._(N_("Wrong PIN")) if self._refusal == "wrong" else " "

    @Property("QVariantMap", constant=True)  # type: ignore[arg-type]  # a type name: the stubs take only types
    def words(self) -> dict[str, str]:
        return {name: self._(message) for name, message in WORDS.items()}

    @Property("QVariantList", notify=factsChanged)  # type: ignore[arg-type]  # a type name: the stubs take only types
    def problems(self) -> list[dict]:
        """Each problem's place and words in the kiosk's language, errors first."""
        return self._shown.get("problems", [])

    @Property(str, notify=factsChanged)
    def problemsHeading(self) -> str:  # noqa: N802 - QML property
        count = len(self._shown.get("problems", []))
        if not count:
            return self._(N_("No problems in the collection"))
        return self._(N_("Problems ({count})"), count=count)

    @Slot(float, str, result=str)
    def volumeLine(self, volume: float, problem: str) -> str:  # noqa: N802 - QML slot
        """The voices' volume, and what is wrong with the sound if anything is."""
        line = self._(N_("Voice volume {percent} %"), percent=round(volume * 100))
        return f"{line}  ·  {translated(problem, self._language)}" if problem else line

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
        _ = self._
        facts = [
            (N_("Portraits on screen"), str(counts["shown"])),
            (N_("Folders"), str(counts["folders"])),
            (N_("Folders with errors"), str(counts["with_errors"])),
            (N_("Drafts"), str(counts["drafts"])),
            (N_("Folders still changing"), str(counts["waiting"])),
            (N_("Version"), __version__),
            (N_("Screen drawn by"), _(RENDERERS.get(known.get("renderer", ""), N_("unknown")))),
            (N_("Up for"), self._duration(self._clock() - self._started)),
            (
                N_("Memory"),
                _(N_("{megabytes} MB"), megabytes=f"{process.rss_mb(known.get('preparers', ())):.0f}"),
            ),
        ]
        self._shown = {
            "problems": [
                {
                    **problem,
                    "where": _(problem["where"]),
                    "message": translated(problem["message"], self._language),
                }
                for problem in known["problems"]
            ],
            "facts": [{"label": _(label), "value": value} for label, value in facts],
        }
        self.factsChanged.emit()

    def _duration(self, seconds: float) -> str:
        minutes = int(seconds) // 60
        hours, minutes = divmod(minutes, 60)
        days, hours = divmod(hours, 24)
        if days:
            return self._(N_("{days} d {hours} h {minutes} min"), days=days, hours=hours, minutes=minutes)
        return self._(N_("{hours} h {minutes} min"), hours=hours, minutes=minutes)
