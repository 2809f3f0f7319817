"""Spoken mode: the kiosk for a visitor who cannot see it (EN 301 549 §5.1.3).

Started without sight, by a three-finger tap anywhere or the Enter key of a keypad or
keyboard (VisitorGuard sees both). It says what it is and how to move, then for each
portrait on screen: the name, origin and profession, then the person's recorded voice
when there is one in the visitor's language, else the testimony read aloud. A swipe or
the arrow keys move on, and the next portrait is spoken. It ends with another
three-finger tap, the Escape key, or when the visit ends (the idle reset).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Property, QObject, QTimer, Signal
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.labels import labels_for
from kiosk.qt.listening import Listening
from kiosk.qt.session import VisitorSession
from kiosk.qt.speech import Speaker

log = logging.getLogger(__name__)

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1

HOLDER = "speech"  # what holds the idle reset back while the kiosk speaks

# What is being said: the mode's own words, a portrait's description, its testimony; or
# the person's own voice, waited for after their name.
NOTHING, INTRO, DESCRIPTION, TESTIMONY, VOICE_AWAITED = "", "intro", "description", "testimony", "voice"
# A portrait reached quickly may have its voice still being studied when its name has been
# said (a few seconds on a busy machine): it is waited for this long, then read instead.
VOICE_WAIT_MS = 8000


@QmlElement
@QmlUncreatable("the kiosk makes the one SpokenMode")
class SpokenMode(QObject):  # type: ignore[operator]  # stubs: QmlUncreatable is a decorator
    activeChanged = Signal()

    def __init__(
        self, session: VisitorSession, listening: Listening, speaker: Speaker, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.listening = listening
        self.speaker = speaker
        self._active = False
        self._saying = NOTHING
        speaker.finished.connect(self._said)
        self._voice_wait = QTimer(self, singleShot=True, interval=VOICE_WAIT_MS)
        self._voice_wait.timeout.connect(self._voice_late)
        self._awaited_for = ""  # the portrait whose voice is awaited
        listening.changed.connect(self._voice_may_have_come)
        session.currentIndexChanged.connect(self._portrait_changed)
        session.languageChanged.connect(self._portrait_changed)
        session.stillThereChanged.connect(self._still_there)
        session.resetting.connect(lambda: self.stop("the visit ended"))

    @Property(bool, notify=activeChanged)
    def active(self) -> bool:
        return self._active

    def is_active(self) -> bool:
        return self._active

    def start(self, how: str) -> None:
        """Start, or say the portrait on screen again when already on."""
        if self._active:
            self._describe()
            return
        self._active = True
        log.info("spoken mode: on (%s)", how)
        self.activeChanged.emit()
        problem = self.speaker.problem()
        if problem:
            log.warning("spoken mode: nothing can be said aloud (%s); recorded voices still play", problem)
        self._say(INTRO, self._labels()["spokenOn"])

    def stop(self, why: str) -> None:
        if not self._active:
            return
        self._active = False
        log.info("spoken mode: off (%s)", why)
        self.speaker.stop()
        self.listening.stop()
        self._voice_wait.stop()
        self._saying = NOTHING
        self.session.hold_idle(False, HOLDER)
        self.activeChanged.emit()

    def toggle(self, how: str) -> None:
        if self._active:
            self.stop(how)  # first: stopping would cut the goodbye short
            self.speaker.say(self._labels()["spokenOff"], self.session.visitor_language())
        else:
            self.start(how)

    def next_language(self) -> None:
        """The keypad's up and down keys: the next language the kiosk offers."""
        offered = self.session.offered_languages()
        current = self.session.visitor_language()
        self.session.setLanguage(offered[(offered.index(current) + 1) % len(offered)])

    # -- what is said, in turn --------------------------------------------------------

    def _portrait_changed(self) -> None:
        if self._active:
            self._describe()

    def _describe(self) -> None:
        portrait = self.session.current_portrait()
        if portrait is None:
            self._say(INTRO, labels_for(self.session.visitor_language())["comingSoonBody"])
            return
        self.listening.stop()
        language, default = self.session.visitor_language(), self.session.settings.languages.default
        number, count = self.session.place()
        words = self._labels()["spokenPortrait"].format(
            name=portrait.name,
            origin=portrait.origin.get(language, default) if portrait.origin else "",
            profession=portrait.profession.get(language, default) if portrait.profession else "",
            number=number,
            count=count,
        )
        log.info("speaking %s (%s)", portrait.id, language)
        self._say(DESCRIPTION, words)

    def _said(self) -> None:
        """One text said to its end: the next one, or the voice."""
        saying, self._saying = self._saying, NOTHING
        if not self._active:
            return
        if saying == INTRO:
            self._describe()
        elif saying == DESCRIPTION:
            self._after_description()
        else:
            self.session.hold_idle(False, HOLDER)

    def _after_description(self, wait: bool = True) -> None:
        """The person's voice, in the visitor's language when they recorded one; else
        their testimony read aloud. A voice still being made ready is waited for."""
        portrait = self.session.current_portrait()
        language = self.session.visitor_language()
        records_own = portrait is not None and any(v.spoken == language for v in portrait.voices)
        if self.listening.available and (self.listening.own_voice_ready() or not records_own):
            self._play_voice()
        elif wait and portrait is not None and self.listening.voice_coming():
            log.info("spoken mode: waiting for the voice of %s", portrait.id)
            self._saying, self._awaited_for = VOICE_AWAITED, portrait.id
            self._voice_wait.start()
        elif self.listening.available:
            self._play_voice()  # the one in their language could not be made ready
        else:
            self._read_testimony()

    def _play_voice(self) -> None:
        self.session.hold_idle(False, HOLDER)
        self.listening.listen()  # the voice holds the reset back itself

    def _voice_may_have_come(self) -> None:
        portrait = self.session.current_portrait()
        if self._saying != VOICE_AWAITED or portrait is None or portrait.id != self._awaited_for:
            return  # not waiting, or moved on (the new portrait is described)
        if self.listening.own_voice_ready() or not self.listening.voice_coming():
            self._voice_wait.stop()
            self._saying = NOTHING
            self._after_description()

    def _voice_late(self) -> None:
        if self._saying == VOICE_AWAITED and self._active:
            self._saying = NOTHING
            self._after_description(wait=False)

    def _read_testimony(self) -> None:
        self._saying = NOTHING
        if not self._active:
            return
        portrait = self.session.current_portrait()
        language = self.session.visitor_language()
        testimony = (
            portrait.testimony.get(language, self.session.settings.languages.default) if portrait else ""
        )
        if testimony:
            self._say(TESTIMONY, testimony)
        else:
            self.session.hold_idle(False, HOLDER)

    def _still_there(self) -> None:
        if self._active and self.session.is_asking() and not self.speaker.is_speaking():
            labels = self._labels()
            # Said without holding the reset back: holding it would take the prompt away.
            self.speaker.say(
                f"{labels['stillThere']} {labels['spokenStillThere']}", self.session.visitor_language()
            )

    def _say(self, what: str, text: str) -> None:
        self._voice_wait.stop()
        self._saying = what
        if self.speaker.say(text, self.session.visitor_language()):
            self.session.hold_idle(True, HOLDER)
        else:
            self._said()  # nothing can be said: straight on to what follows (the voice)

    def _labels(self) -> dict[str, str]:
        return labels_for(self.session.visitor_language())
