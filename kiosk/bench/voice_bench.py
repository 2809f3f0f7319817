"""Voice figures: from a tap on Listen to the sound, and the CPU a playing voice takes.

Run in a process of its own (`python -m kiosk.bench.voice_bench`), as the kiosk runs:
the CPU share is the whole process's, every thread (Qt Multimedia's decoder and its
PulseAudio stream included), and nothing of the bench's own work may be in it.

The voice is a tone that sounds from its first sample, given to the kiosk as a WAV in
a portrait folder: the kiosk measures it and prepares its Ogg/Opus copy as for any
voice. The default sound device's monitor, read with parec in 20 ms pieces, tells when
the sound reaches the device. The recorder stays on the monitor throughout, which keeps
the null sink running as a sound card runs: left with no stream at all, the null sink
wakes on its own timer, and any new stream (paplay's too) waits 0.4 to 1.6 s for it.
"""

from __future__ import annotations

import array
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
import wave
from pathlib import Path

from PySide6.QtCore import QEventLoop, QPointF, QSize, Qt, QTimer
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest

from kiosk.bench.measure import figures_apart, summary
from kiosk.content.photocache import PhotoCache
from kiosk.paths import sample_portraits
from kiosk.qt.app import KioskApp
from kiosk.qt.headless import QUIET
from kiosk.qt.settle import pump

SAMPLE = "samira-benali"  # its photo and texts; its voices are replaced by the tone
TONE_SECONDS = 60
HEARD = 1000  # a sample this loud (of 32767) on the monitor is the voice, not silence
MONITOR_RATE = 8000
CPU_WINDOW_S = 8.0
PLAYED_AFTER_START_MS = 300  # each start run plays this long before it stops
BETWEEN_RUNS_MS = 1000  # silence between two runs, the player paused, no recorder


def voice_figures(work: Path, screen: QSize, runs: int) -> dict:
    """voice_start_ms over `runs` taps; voice_cpu_pct and its baseline idle_cpu_pct
    (the same portrait on screen, not playing), in windows that alternate."""
    root = work / "voice-collection"
    _portrait_with_tone(root / SAMPLE)
    kiosk = KioskApp(str(root), QUIET, locked=False, screen=screen, cache=PhotoCache(work / "voice-cache"))
    kiosk.start(windowed=True, size=screen)
    monitor = _Monitor() if shutil.which("parec") else None
    try:
        listening = kiosk.listening
        _wait_for(lambda: listening.available, limit_s=120)
        if listening.silent:
            return {"voice_sound": f"none: {listening.soundProblem}"}
        pump(1000)  # the player has the recording loaded
        starts = [_start_ms(kiosk, monitor) for _ in range(runs)]
        floor = _device_floor(root / SAMPLE / "voice.fr.wav", monitor, runs)
        idle, playing = [], []
        for _ in range(max(1, runs // 5)):
            idle.append(_cpu_pct(CPU_WINDOW_S))
            _tap_listen(kiosk)
            playing.append(_cpu_pct(CPU_WINDOW_S))
            _stop(listening)
        return {
            "voice_start_ms": summary(starts),
            **({"voice_floor_ms": summary(floor)} if floor else {}),
            "voice_cpu_pct": round(statistics.median(playing), 2),
            "idle_cpu_pct": round(statistics.median(idle), 2),
            "voice_sound": "timed on the device's monitor" if monitor else "no parec: timed by the position",
        }
    finally:
        if monitor is not None:
            monitor.close()
        kiosk.close()


def _portrait_with_tone(folder: Path) -> None:
    shutil.copytree(sample_portraits() / SAMPLE, folder, dirs_exist_ok=True)
    for old in folder.glob("voice.*"):
        old.unlink()
    rate = 48000
    with wave.open(str(folder / "voice.fr.wav"), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        second = array.array("h", (int(6000 * math.sin(2 * math.pi * 440 * i / rate)) for i in range(rate)))
        for _ in range(TONE_SECONDS):
            out.writeframes(second.tobytes())


def _start_ms(kiosk: KioskApp, monitor: _Monitor | None) -> float:
    """One tap on Listen, to the sound on the device (and the position past zero);
    then a moment of play, a stop, and the fade waited for."""
    listening = kiosk.listening
    if monitor is not None:
        monitor.arm()
    began = time.perf_counter()
    _tap_listen(kiosk)
    _wait_for(lambda: listening.property("seconds") > 0, limit_s=10, signal=listening.positionChanged)
    moved = heard = time.perf_counter()
    if monitor is not None:
        heard = monitor.heard(limit_s=10)
    pump(PLAYED_AFTER_START_MS)
    _stop(listening)
    return (max(moved, heard) - began) * 1000


def _device_floor(recording: Path, monitor: _Monitor | None, runs: int) -> list[float]:
    """The yardstick: PulseAudio's own player (paplay, a fresh process each time) from
    its start to the same tone on the device. Empty without parec and paplay."""
    if monitor is None or not shutil.which("paplay"):
        return []
    samples = []
    for _ in range(runs):
        monitor.arm()
        began = time.perf_counter()
        player = subprocess.Popen(["paplay", str(recording)], stderr=subprocess.DEVNULL)
        samples.append((monitor.heard(limit_s=10) - began) * 1000)
        player.terminate()
        player.wait(timeout=10)
        pump(BETWEEN_RUNS_MS)
    return samples


def _tap_listen(kiosk: KioskApp) -> None:
    button = _listen_button(kiosk.window.contentItem())
    centre = button.mapToScene(QPointF(button.width() / 2, button.height() / 2)).toPoint()
    QTest.mouseClick(kiosk.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)


def _listen_button(root: QQuickItem) -> QQuickItem:
    """The Listen button showing (the carousel keeps its neighbours' pages too)."""
    queue = [root]
    while queue:
        current = queue.pop()
        if current.objectName() == "listenButton" and current.isVisible() and current.opacity() > 0:
            return current
        queue.extend(current.childItems())
    raise RuntimeError("no Listen button on screen")


def _stop(listening) -> None:
    listening.stop()
    _wait_for(lambda: not listening.active, limit_s=10, signal=listening.stateChanged)
    pump(BETWEEN_RUNS_MS)


def _cpu_pct(seconds: float) -> float:
    """The process's CPU time over a wall-clock window, as a share of one core."""
    cpu, wall = time.process_time(), time.perf_counter()
    pump(int(seconds * 1000))
    return 100 * (time.process_time() - cpu) / (time.perf_counter() - wall)


def _wait_for(condition, limit_s: float, signal=None) -> None:
    """Until condition() holds: woken by `signal` when given (no polling delay in the
    figure), else every 5 ms."""
    deadline = time.monotonic() + limit_s
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError(f"the voice bench waited {limit_s} s in vain")
        loop = QEventLoop()
        if signal is not None:
            signal.connect(loop.quit)
        QTimer.singleShot(5, loop.quit)
        loop.exec()
        if signal is not None:
            signal.disconnect(loop.quit)


class _Monitor:
    """The default sound device's monitor, recorded by parec and read in 20 ms pieces by
    a thread of its own: heard() is when the first loud piece came after arm()."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [
                *("parec", "-d", "@DEFAULT_MONITOR@", "--format=s16le", "--channels=1"),
                *(f"--rate={MONITOR_RATE}", "--raw", "--latency-msec=10"),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self._armed = False
        self._heard_at: float | None = None
        self._reader = threading.Thread(target=self._read, name="monitor", daemon=True)
        self._reader.start()
        pump(500)  # connected, the sink running

    def arm(self) -> None:
        self._heard_at = None
        self._armed = True

    def heard(self, limit_s: float) -> float:
        _wait_for(lambda: self._heard_at is not None, limit_s=limit_s)
        assert self._heard_at is not None
        return self._heard_at

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)

    def _read(self) -> None:
        piece = MONITOR_RATE * 2 // 50  # 20 ms of 16-bit samples
        assert self.process.stdout is not None
        pipe = self.process.stdout.fileno()
        while data := os.read(pipe, piece):
            samples = array.array("h", data[: len(data) // 2 * 2])
            if self._armed and samples and max(map(abs, samples)) > HEARD:
                self._heard_at = time.perf_counter()
                self._armed = False


def voice_figures_apart(work: Path, screen: QSize, runs: int) -> dict:
    """voice_figures in a fresh process, as the kiosk runs."""
    return figures_apart(
        "voice",
        "kiosk.bench.voice_bench",
        str(work),
        f"{screen.width()}x{screen.height()}",
        str(runs),
        timeout_s=900,
    )


def main(work: str, size: str, runs: str) -> int:
    from kiosk.qt.headless import headless_app

    app = headless_app()  # noqa: F841 - must exist while drawing
    width, height = (int(part) for part in size.split("x"))
    print(json.dumps(voice_figures(Path(work), QSize(width, height), int(runs))), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
