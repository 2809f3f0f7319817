"""Speaking text aloud: Qt's QtTextToSpeech (PySide6-Addons), whose Linux engine is
speech-dispatcher (Debian: speech-dispatcher with espeak-ng, French and English voices).
It speaks into the default sound device, like the recorded voices.

The engine is made on first use: starting it starts speech-dispatcher, about 2 s that
the kiosk's start-up should not wait for. A speech-dispatcher that is running but no
longer answers (one wedged while shutting down takes connections and never replies)
would hold Qt's engine, and with it the whole screen, for ever: it is asked first, with
a deadline, and the spoken mode goes without speech until it answers again.
"""

from __future__ import annotations

import logging
import os
import socket
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, QObject, QTimer, Signal

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
ANSWER_S = 2.0  # a working speech-dispatcher answers at once
ASK_AGAIN_S = 300.0  # after one that did not answer, the next visitor's try waits this long
CUT_SHORT_MS = 1000  # how long a new text waits for the one it cuts short to be reported stopped
RESTART_ADVICE = "restart it (pkill -9 speech-dispatcher as the kiosk user: it starts again when next needed)"


def speech_dispatcher_address(env: Mapping[str, str] = os.environ) -> tuple[socket.AddressFamily, Any]:
    """Where libspeechd will connect, as (socket family, address): SPEECHD_ADDRESS, else
    its socket in the user's runtime directory (GLib's choice: $XDG_RUNTIME_DIR, else the
    cache directory)."""
    given = env.get("SPEECHD_ADDRESS", "")
    method, _, rest = given.partition(":")
    if method == "inet_socket":
        host, _, port = rest.partition(":")
        return socket.AF_INET, (host or "127.0.0.1", int(port) if port.isdigit() else 6560)
    if method == "unix_socket" and rest:
        return socket.AF_UNIX, rest
    runtime = env.get("XDG_RUNTIME_DIR") or env.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
    return socket.AF_UNIX, os.path.join(runtime, "speech-dispatcher", "speechd.sock")


def speech_dispatcher_is_silent(timeout_s: float = ANSWER_S) -> bool:
    """True when a speech-dispatcher takes the connection but gives no SSIP answer in
    time. Nothing listening is not silence: libspeechd then starts one itself."""
    family, address = speech_dispatcher_address()
    try:
        with socket.socket(family) as line:
            line.settimeout(timeout_s)
            try:
                line.connect(address)
            except OSError:
                return False  # nobody there yet: Qt's engine will start speech-dispatcher
            line.sendall(b"HELP\r\n")
            answer = line.recv(64)
            line.sendall(b"QUIT\r\n")
    except TimeoutError:
        return True
    except OSError:
        return False  # it hung up: the engine's own start will say what is wrong
    return not answer[:3].isdigit()


class Speaker(QObject):
    """Says one text at a time; `finished` when it has been said to its end (not when
    stopped).

    A new text waits until the one it cuts short has been reported stopped: Qt reports
    states, not texts, so a cut text's stop arriving after the next text began would be
    taken for that text's end, and its real end would never be reported."""

    finished = Signal()

    def __init__(self, engine: str = ENGINE, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._engine_name = engine
        self._engine: QTextToSpeech | None = None
        self._problem: str | None = None  # None: not tried yet
        self._ask_again_at = 0.0  # when a speech-dispatcher that did not answer is asked again
        self._waiting: tuple[str, str] | None = None  # (text, language) until the cut one stops
        self._wanted = False  # a text is meant to be heard to its end
        self._begun = False  # ... and the engine has said it began
        self._no_stop_came = QTimer(self, singleShot=True, interval=CUT_SHORT_MS)
        self._no_stop_came.timeout.connect(self._say_waiting)

    def problem(self) -> str:
        """Why nothing can be said, or "" when it can (tries the engine once)."""
        self._start_engine()
        return self._problem or ""

    def say(self, text: str, language: str) -> bool:
        """Stop what is being said and say `text`; False when nothing can be said."""
        if self.problem():
            return False
        assert self._engine is not None
        self._wanted, self._begun = True, False
        if self._engine.state().name == "Speaking" or self._waiting is not None:
            self._waiting = (text, language)
            self._engine.stop()
            self._no_stop_came.start()
        else:
            self._send(text, language)
        return True

    def stop(self) -> None:
        self._wanted, self._waiting = False, None
        self._no_stop_came.stop()
        if self._engine is not None and self._engine.state().name == "Speaking":
            self._engine.stop()

    def is_speaking(self) -> bool:
        return self._waiting is not None or (
            self._engine is not None and self._engine.state().name == "Speaking"
        )

    def _send(self, text: str, language: str) -> None:
        assert self._engine is not None
        locale = QLocale(LOCALES.get(language, language))
        if self._engine.locale().name() != locale.name():
            self._engine.setLocale(locale)
        self._engine.say(text)

    def _say_waiting(self) -> None:
        self._no_stop_came.stop()
        if self._waiting is not None:
            waiting, self._waiting = self._waiting, None
            self._send(*waiting)

    def _start_engine(self) -> None:
        if self._problem is not None and not (self._ask_again_at and time.monotonic() >= self._ask_again_at):
            return
        self._ask_again_at = 0.0
        quiet_qt_multimedia()  # QtTextToSpeech loads Qt Multimedia
        from PySide6.QtTextToSpeech import QTextToSpeech

        if self._engine_name not in QTextToSpeech.availableEngines():
            self._problem = f"Qt has no {self._engine_name} speech engine: {INSTALL_ADVICE}"
        elif self._engine_name == ENGINE and speech_dispatcher_is_silent():
            self._problem = (
                f"speech-dispatcher is running but did not answer within {ANSWER_S:g} s: {RESTART_ADVICE}"
            )
            self._ask_again_at = time.monotonic() + ASK_AGAIN_S
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
        if state.name == "Speaking":
            self._begun = self._wanted and self._waiting is None
        elif state.name == "Ready":
            if self._waiting is not None:
                self._say_waiting()  # the cut text has stopped: now the one that waited
            elif self._wanted and self._begun:
                self._wanted = False
                self.finished.emit()
        elif state.name == "Error" and self._engine is not None:
            log.warning("speech: %s", self._engine.errorString())
