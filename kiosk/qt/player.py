"""VoicePlayer: Qt Multimedia's player for the one voice that may play, with its fade.

Listening has it hold the recording of the portrait on screen before any tap: the first
recording a process loads takes about a second to set Qt's FFmpeg up, paid while the
visitor reads rather than after the tap (`kiosk bench`: voice_start_ms).

Imported only once kiosk.qt.audio has loaded Qt Multimedia in the screen's thread.
The player is commanded from the event loop, never from Python directly (_command):
stop() and play() wait on Qt's playback threads, and called from Python they wait
holding the interpreter lock, which those threads can need (a test hung in
QMediaPlayer.stop() one run in a few). Its signals reach Listening queued too.
"""

from __future__ import annotations

from PySide6.QtCore import Q_ARG, QMetaObject, QObject, Qt, QUrl, QVariantAnimation, Signal
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer


class VoicePlayer(QObject):
    position = Signal(int)  # milliseconds into the recording
    ended = Signal()
    faded = Signal()  # fade_out() is over: the voice is silent, back at its start
    failed = Signal(str)

    def __init__(self, volume: float, fade_ms: int, parent=None) -> None:
        super().__init__(parent)
        self._volume = volume
        self._output = QAudioOutput(self)
        self._output.setVolume(volume)
        self._player = QMediaPlayer(self)
        self._player.setAudioOutput(self._output)
        self._player.positionChanged.connect(self._on_position)
        self._player.mediaStatusChanged.connect(self._on_status)
        self._player.errorOccurred.connect(self._on_error)
        self._fade = QVariantAnimation(self, duration=fade_ms, endValue=0.0)
        self._fade.valueChanged.connect(self._output.setVolume)
        self._fade.finished.connect(self._on_faded)
        self._held = QUrl()

    def hold(self, url: str) -> None:
        """Have this recording loaded, ready to play from its start ('': none)."""
        if QUrl(url) != self._held:
            self._held = QUrl(url)
            self._fade.stop()
            self._command("setSource", Q_ARG(QUrl, self._held))

    def play(self) -> None:
        self._fade.stop()
        self._output.setVolume(self._volume)
        self._command("play")

    def pause(self) -> None:
        self._command("pause")

    def fade_out(self) -> None:
        self._fade.setStartValue(self._output.volume())
        self._fade.start()

    def silence(self) -> None:
        """Silent and back at the start now, if it still sounds (a fade that never ended)."""
        self._fade.stop()
        if self._player.playbackState() != QMediaPlayer.PlaybackState.StoppedState:
            self._output.setVolume(0)  # now: the queued stop comes a moment later
            self._command("stop")

    def set_volume(self, volume: float) -> None:
        self._volume = volume
        if self._fade.state() != QVariantAnimation.State.Running:
            self._output.setVolume(volume)

    def _on_position(self, milliseconds: int) -> None:
        self.position.emit(milliseconds)

    def _on_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if status == QMediaPlayer.MediaStatus.EndOfMedia:
            self.ended.emit()

    def _command(self, slot: str, *arguments) -> None:
        QMetaObject.invokeMethod(self._player, slot, Qt.ConnectionType.QueuedConnection, *arguments)

    def _on_faded(self) -> None:
        self._command("stop")  # at volume 0 still: play() sets the volume again
        self.faded.emit()

    def _on_error(self, _error: QMediaPlayer.Error, message: str) -> None:
        self.failed.emit(message)
