"""Listening: one visitor listening to the portrait on screen, from the tap on Listen
to the end of the recording.

It decides which recording plays (the one spoken in the visitor's language, else one
captioned in it), which caption shows at each moment, and when the recording stops.
Its VoicePlayer (kiosk.qt.player) holds what `source` names and reports the position;
without a sound device a clock of its own moves the captions on instead. QML only
shows what it says.
"""

from __future__ import annotations

import bisect
import logging
import math

from PySide6.QtCore import Property, QElapsedTimer, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.content.voices import Cue, clock
from kiosk.qt.audio import audio_output
from kiosk.qt.voices import PlayableVoice, VoiceLibrary

log = logging.getLogger(__name__)
QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1

IDLE, PLAYING, PAUSED, STOPPING = "", "playing", "paused", "stopping"
FADE_MS = 400  # the player fades out this long when stopped
SILENT_TICK_MS = 100
VOLUME_STEP = 0.1


@QmlElement
@QmlUncreatable("the kiosk makes the one Listening")
class Listening(QObject):  # type: ignore[operator]  # stubs: QmlUncreatable is a decorator
    changed = Signal()  # what the Listen control shows: availability, duration
    stateChanged = Signal()
    positionChanged = Signal()
    volumeChanged = Signal()
    playingChanged = Signal(bool)  # the session holds its idle reset while True
    sourceChanged = Signal()

    def __init__(self, library: VoiceLibrary, *, volume: float, sound=audio_output, parent=None) -> None:
        super().__init__(parent)
        self.library = library
        self._ask_sound = sound  # asked once a voice is ready: never where no portrait has one
        self._multimedia = False
        self._sound_problem: str | None = None  # None: not asked yet
        self._volume = volume
        self._portrait = ""
        self._language = ""
        self._voice: PlayableVoice | None = None
        self._state = IDLE
        self._frozen = False
        self._position = 0.0  # seconds
        self._silent_clock = QElapsedTimer()
        self._silent_from = 0.0
        self._ticker = QTimer(self, interval=SILENT_TICK_MS)
        self._ticker.timeout.connect(self._tick_silently)
        self._fade_guard = QTimer(self, singleShot=True, interval=FADE_MS * 3)
        self._fade_guard.timeout.connect(self._faded)
        self._player = None  # a VoicePlayer, made once a voice can sound
        self._ready: set[str] = set()  # portraits whose voices the library said are ready
        self._source = ""
        library.ready.connect(self._voice_ready)
        self.changed.connect(self._follow_source)
        self.stateChanged.connect(self._follow_source)

    # -- what the kiosk tells it ------------------------------------------------

    def show_portrait(self, portrait_id: str) -> None:
        """The visitor is on another portrait (or a panel took the screen: '')."""
        if portrait_id != self._portrait:
            self.stop()
            self._portrait = portrait_id
            self.changed.emit()

    def set_language(self, language: str) -> None:
        """Captions follow the visitor's language, and the recording too when there is
        one spoken in it (from its start)."""
        if language == self._language:
            return
        self._language = language
        if self._state in (PLAYING, PAUSED):
            chosen = self._choose()
            if chosen is None:
                self.stop()
            elif chosen.spoken != self._voice_spoken():
                self._start(chosen)
            else:
                self._voice = chosen
        self.changed.emit()
        self.positionChanged.emit()

    def preview(self, seconds: float) -> bool:
        """Show the current portrait as it is `seconds` into its recording, without a
        sound (kiosk snapshot). False when it has no voice for the language."""
        chosen = self._choose()
        if chosen is None:
            return False
        self._voice = chosen
        self._position = min(seconds, chosen.seconds)
        self._frozen = True  # shown as playing, its clock still
        self._set_state(PLAYING, quietly=True)
        self.positionChanged.emit()
        return True

    # -- what QML reads -----------------------------------------------------------

    @Property(bool, notify=changed)
    def available(self) -> bool:
        return self._choose() is not None

    def voice_coming(self) -> bool:
        """One of this portrait's voices is still being made ready, or is ready and its
        word has not reached this thread yet."""
        unheard = self._portrait not in self._ready and bool(self.library.voices_of(self._portrait))
        return unheard or self.library.coming(self._portrait)

    def own_voice_ready(self) -> bool:
        """A recording in the visitor's own language can be played here now."""
        heard = self._portrait in self._ready
        return heard and self._language in self.library.voices_of(self._portrait)

    @Property(str, notify=changed)
    def durationText(self) -> str:  # noqa: N802 - QML property
        chosen = self._voice if self._state != IDLE else self._choose()
        return clock(chosen.seconds) if chosen else ""

    @Property(str, notify=stateChanged)
    def state(self) -> str:
        return self._state

    @Property(bool, notify=stateChanged)
    def active(self) -> bool:
        return self._state != IDLE

    @Property(str, notify=sourceChanged)
    def source(self) -> str:
        """The copy the player holds: the one playing, else the one Listen would play on
        this portrait (loaded before the tap: kiosk.qt.player). Empty where no voice can
        sound: no voice here, no sound device, or a snapshot."""
        return self._source_now()

    @Property(float, notify=positionChanged)
    def progress(self) -> float:
        return self._position / self._voice.seconds if self._voice and self._voice.seconds else 0.0

    @Property(float, notify=positionChanged)
    def seconds(self) -> float:
        return self._position

    @Property(bool, notify=positionChanged)
    def hasCaptions(self) -> bool:  # noqa: N802 - QML property
        return bool(self._cues())

    @Property(str, notify=positionChanged)
    def caption(self) -> str:
        current, _ = self._caption_pair()
        return current

    @Property(str, notify=positionChanged)
    def previousCaption(self) -> str:  # noqa: N802 - QML property
        _, previous = self._caption_pair()
        return previous

    @Property(float, notify=volumeChanged)
    def volume(self) -> float:
        return self._volume

    @Property(bool, notify=changed)
    def silent(self) -> bool:
        return not self._has_sound()

    @Property(str, notify=changed)
    def soundProblem(self) -> str:  # noqa: N802 - QML property
        """For staff: why voices play without sound; empty when they have it."""
        return self._sound_problem or ""

    @Property(int, constant=True)
    def fadeMs(self) -> int:  # noqa: N802 - QML property
        return FADE_MS

    # -- what visitors and the player do -----------------------------------------

    @Slot()
    def listen(self) -> None:
        chosen = self._choose()
        if chosen is not None:
            self._start(chosen)

    @Slot()
    def togglePause(self) -> None:  # noqa: N802 - QML slot
        if self._state == PLAYING:
            self._set_state(PAUSED)
        elif self._state == PAUSED:
            self._set_state(PLAYING)

    @Slot()
    def stop(self) -> None:
        """Stop with a short fade (the player tells its end: _faded)."""
        if self._state in (IDLE, STOPPING):
            return
        log.info("stopped %s", self._portrait)
        if self._source_now():
            self._set_state(STOPPING)
            self._fade_guard.start()
        else:
            self._finish()

    def _moved(self, milliseconds: int) -> None:
        if self._state in (PLAYING, PAUSED):
            self._position = milliseconds / 1000
            self.positionChanged.emit()

    def _ended(self) -> None:
        if self._state in (PLAYING, PAUSED):
            log.info("stopped %s", self._portrait)
            self._finish()

    def _faded(self) -> None:
        if self._state == STOPPING:
            self._finish()

    def _failed(self, message: str) -> None:
        log.warning("the voice of %s cannot be played: %s", self._portrait, message)
        self._finish()

    @Slot()
    def volumeUp(self) -> None:  # noqa: N802 - QML slot
        self._set_volume(self._volume + VOLUME_STEP)

    @Slot()
    def volumeDown(self) -> None:  # noqa: N802 - QML slot
        self._set_volume(self._volume - VOLUME_STEP)

    # -- inner workings -----------------------------------------------------------

    def _choose(self) -> PlayableVoice | None:
        # Only once its word has come (_voice_ready): the library's worker makes a voice
        # ready before this thread hears of it, and what QML shows follows that word.
        ready = self._portrait in self._ready
        voices = self.library.voices_of(self._portrait) if ready else {}
        if self._language in voices:
            return voices[self._language]
        captioned = [v for v in voices.values() if self._language in v.captions]
        return captioned[0] if captioned else None

    def _voice_spoken(self) -> str:
        return self._voice.spoken if self._voice else ""

    def _start(self, voice: PlayableVoice) -> None:
        self._fade_guard.stop()
        self._voice = voice
        self._position = 0.0
        log.info("playing %s (%s)", self._portrait, voice.spoken)
        if self._state == PLAYING:
            self._set_state(IDLE, quietly=True)  # the player takes the new source from its start
        self._set_state(PLAYING)
        self.positionChanged.emit()
        self.changed.emit()

    def _finish(self) -> None:
        self._fade_guard.stop()
        self._frozen = False
        self._position = 0.0
        self._set_state(IDLE)
        self.positionChanged.emit()
        self.changed.emit()

    def _set_state(self, state: str, *, quietly: bool = False) -> None:
        if state == self._state:
            return
        was_playing = self._state == PLAYING
        self._state = state
        self._follow_silently()
        self.stateChanged.emit()
        self._drive_player()
        if not quietly and was_playing != (state == PLAYING):
            self.playingChanged.emit(state == PLAYING)

    def _has_sound(self) -> bool:
        return self._multimedia and not self._sound_problem

    def _know_sound(self) -> None:
        if self._sound_problem is None:
            self._multimedia, self._sound_problem = self._ask_sound()
            if self._sound_problem:
                log.warning("sound: %s", self._sound_problem)
            elif self._multimedia:
                self._player = self._make_player()

    def _make_player(self):
        # Here, not at the top: Qt Multimedia is loaded only where a voice can sound,
        # and only after kiosk.qt.audio has loaded it in this thread.
        from kiosk.qt.player import VoicePlayer

        player = VoicePlayer(self._volume, FADE_MS, self)
        player.position.connect(self._moved)
        # Queued: what they do commands the player, never while it is in its own signal.
        player.ended.connect(self._ended, Qt.ConnectionType.QueuedConnection)
        player.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        player.faded.connect(self._faded)
        return player

    def _drive_player(self) -> None:
        if self._player is None or self._frozen:
            return
        if self._state == PLAYING:
            self._player.play()
        elif self._state == PAUSED:
            self._player.pause()
        elif self._state == STOPPING:
            self._player.fade_out()
        else:
            self._player.silence()

    def _follow_silently(self) -> None:
        """Without sound, the captions run on this clock."""
        if self._state == PLAYING and not self._has_sound() and not self._frozen:
            self._silent_from = self._position
            self._silent_clock.start()
            self._ticker.start()
        else:
            self._ticker.stop()

    def _tick_silently(self) -> None:
        if self._voice is None:
            return
        self._position = self._silent_from + self._silent_clock.elapsed() / 1000
        if self._position >= self._voice.seconds:
            self._ended()
            return
        self.positionChanged.emit()

    def _cues(self) -> tuple[Cue, ...]:
        return self._voice.captions.get(self._language, ()) if self._voice and self._state != IDLE else ()

    def _caption_pair(self) -> tuple[str, str]:
        """(the caption said now, the one before it)."""
        cues = self._cues()
        if not cues:
            return "", ""
        at = bisect.bisect_right([cue.start for cue in cues], self._position) - 1
        if at < 0:
            return "", ""
        cue = cues[at]
        current = cue.text if self._position < cue.end else ""
        previous = cues[at - 1].text if at > 0 else ""
        return (current, previous) if current else ("", cue.text)

    def _set_volume(self, volume: float) -> None:
        volume = min(1.0, max(0.0, round(volume, 2)))
        if not math.isclose(volume, self._volume):
            self._volume = volume
            log.info("voice volume %d%%", round(volume * 100))
            self.volumeChanged.emit()
            if self._player is not None:
                self._player.set_volume(volume)

    def _source_now(self) -> str:
        voice = self._voice if self._state != IDLE else self._choose()
        if voice is None or not self._has_sound() or self._frozen:
            return ""
        return voice.url

    def _follow_source(self) -> None:
        now = self._source_now()
        if now != self._source:
            self._source = now
            self.sourceChanged.emit()
            if self._player is not None:
                self._player.hold(self._source)

    def _voice_ready(self, portrait_id: str) -> None:
        self._ready.add(portrait_id)
        self._know_sound()
        if portrait_id == self._portrait:
            self.changed.emit()
