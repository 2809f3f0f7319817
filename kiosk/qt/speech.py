"""Speaking text aloud: Qt's QtTextToSpeech (PySide6-Addons), whose Linux engine is
speech-dispatcher (Debian: speech-dispatcher with espeak-ng, French and English voices).
It speaks into the default sound device, like the recorded voices.

The engine is made on first use: starting it starts speech-dispatcher, about 2 s that
the kiosk's start-up should not wait for.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject, Signal

from kiosk.qt.audio import quiet_qt_multimedia

if TYPE_CHECKING:
    from PySide6.QtTextToSpeech import QTextToSpeech

log = logging.getLogger(__name__)

ENGINE = "speechd"
# The locale each language is spoken in: a voice of that country first.
LOCALES = {"fr": "fr_FR", "en": "en_GB"}
INSTALL_ADVICE = (
    "install speech-dispatcher and espeak-ng (Debian: apt-get install speech-dispatcher espeak-ng)"
)


class Speaker(QObject):
    """Says one text at a time; `finished` when it has been said to its end (not when
    stopped)."""

    finished = Signal()

    def __init__(self, engine: str = ENGINE, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._engine_name = engine
        self._engine: QTextToSpeech | None = None
        self._problem: str | None = None  # None: not tried yet
        # The Ready states still to come from texts cut short (by stop() or a new say()):
        # speech-dispatcher reports each; they are not a text said to its end.
        self._cut_short = 0

    def problem(self) -> str:
        """Why nothing can be said, or "" when it can (tries the engine once)."""
        self._start_engine()
        return self._problem or ""

    def say(self, text: str, language: str) -> bool:
        """Stop what is being said and say `text`; False when nothing can be said."""
        if self.problem():
            return False
        engine = self._engine
        assert engine is not None
        locale = QLocale(LOCALES.get(language, language))
        self.stop()
        if engine.locale().name() != locale.name():
            engine.setLocale(locale)
        engine.say(text)
        return True

    def stop(self) -> None:
        if self.is_speaking():
            assert self._engine is not None
            self._cut_short += 1
            self._engine.stop()

    def is_speaking(self) -> bool:
        return self._engine is not None and self._engine.state().name == "Speaking"

    def _start_engine(self) -> None:
        if self._problem is not None:
            return
        quiet_qt_multimedia()  # QtTextToSpeech loads Qt Multimedia
        from PySide6.QtTextToSpeech import QTextToSpeech

        if self._engine_name not in QTextToSpeech.availableEngines():
            self._problem = f"Qt has no {self._engine_name} speech engine: {INSTALL_ADVICE}"
        else:
            engine = QTextToSpeech(self._engine_name, self)
            if engine.state() == QTextToSpeech.State.Error:
                self._problem = f"speech-dispatcher did not answer ({engine.errorString()}): {INSTALL_ADVICE}"
            else:
                self._engine = engine
                engine.stateChanged.connect(self._state_changed)
                self._problem = ""
        if self._problem:
            log.warning("speech: %s", self._problem)

    def _state_changed(self, state: QTextToSpeech.State) -> None:
        if state.name == "Ready":
            if self._cut_short:
                self._cut_short -= 1
            else:
                self.finished.emit()
        elif state.name == "Error" and self._engine is not None:
            log.warning("speech: %s", self._engine.errorString())
