"""The spoken mode, for a visitor who cannot see the screen: started with a three-finger
tap or the Enter key, it speaks through speech-dispatcher into the null sink (recorded
with parec), moves on with a swipe or an arrow key, plays the recorded voice where there
is one, and ends with the visit."""

from __future__ import annotations

import logging
import shutil
import socket
import tempfile
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from kiosk.qt.settle import pump
from tests.screen import press_key, touch_swipe
from tests.test_listening import SinkRecorder, lines, wait_until
from tests.voices import sink_is_there


def speech_is_there() -> bool:
    from kiosk.qt.audio import quiet_qt_multimedia

    quiet_qt_multimedia()  # before QtTextToSpeech loads Qt Multimedia, as the kiosk does
    from PySide6.QtTextToSpeech import QTextToSpeech

    return "speechd" in QTextToSpeech.availableEngines() and bool(shutil.which("speech-dispatcher"))


needs_speech = pytest.mark.skipif(
    not sink_is_there() or not speech_is_there(),
    reason="no null sink or no speech-dispatcher (tools/audio-sink installs both)",
)
pytestmark = needs_speech


@pytest.fixture(autouse=True)
def spoken_lines_are_captured(caplog):
    caplog.set_level(logging.INFO, logger="kiosk")


def three_finger_tap(window, device) -> None:
    fingers = [QPoint(300 + 80 * n, 300) for n in range(3)]
    press = QTest.touchEvent(window, device)
    for number, point in enumerate(fingers):
        press.press(number, point, window)
    press.commit()
    pump(60)
    release = QTest.touchEvent(window, device)
    for number, point in enumerate(fingers):
        release.release(number, point, window)
    release.commit()
    pump(30)


def heard(recorder_samples, loud: int = 1000) -> bool:
    return max((abs(s) for s in recorder_samples), default=0) > loud


def test_a_three_finger_tap_speaks_the_portrait_and_a_swipe_speaks_the_next(make_kiosk, touchscreen, caplog):
    kiosk = make_kiosk()
    window, session = kiosk.window, kiosk.session
    first = session.current_portrait().id
    with SinkRecorder() as recorder:
        three_finger_tap(window, touchscreen)
        assert kiosk.spoken.is_active() and session.currentIndex == 0  # the fingers did not swipe
        wait_until(lambda: lines(caplog, "speaking "), 30)  # after the mode's own words
        pump(500)
    assert heard(recorder.samples), "nothing reached the sound device"
    assert lines(caplog, "spoken mode:") == ["spoken mode: on (three-finger tap)"]
    assert lines(caplog, "speaking ") == [f"speaking {first} (fr)"]
    width, middle = window.width(), window.height() // 2
    touch_swipe(window, touchscreen, QPoint(int(width * 0.8), middle), QPoint(int(width * 0.2), middle))
    wait_until(lambda: len(lines(caplog, "speaking ")) == 2, 10)
    assert (
        lines(caplog, "speaking ")[-1]
        == f"speaking {session.current_portrait().id} (fr)"
        != f"speaking {first} (fr)"
    )
    three_finger_tap(window, touchscreen)
    assert not kiosk.spoken.is_active()
    assert lines(caplog, "spoken mode:")[-1] == "spoken mode: off (three-finger tap)"


def test_the_enter_key_starts_it_the_arrows_move_and_a_recorded_voice_is_played(make_kiosk, caplog):
    kiosk = make_kiosk()
    window, session = kiosk.window, kiosk.session
    wait_until(lambda: kiosk.voices.pending == 0, 120)
    press_key(window, Qt.Key.Key_Enter)
    assert kiosk.spoken.is_active()
    wait_until(lambda: lines(caplog, "speaking "), 30)
    voiced = session.visible.row_of("samira-benali")
    for _ in range(session.count):
        if session.currentIndex == voiced:
            break
        press_key(window, Qt.Key.Key_Right)
        pump(30)
    assert session.currentIndex == voiced, (session.currentIndex, voiced)
    wait_until(lambda: "speaking samira-benali (fr)" in lines(caplog, "speaking "), 10)
    with SinkRecorder() as recorder:
        wait_until(lambda: "playing samira-benali (fr)" in lines(caplog, "playing "), 30)  # after her name
        pump(800)
    assert heard(recorder.samples)
    press_key(window, Qt.Key.Key_Down)  # the next language: said again, in English
    wait_until(lambda: "speaking samira-benali (en)" in lines(caplog, "speaking "), 10)
    press_key(window, Qt.Key.Key_Escape)
    assert (
        not kiosk.spoken.is_active() and lines(caplog, "spoken mode:")[-1] == "spoken mode: off (Escape key)"
    )


def test_no_reset_while_it_speaks_and_it_ends_with_the_visit(make_kiosk, collection, caplog):
    collection("a")  # one portrait, a testimony of three words
    kiosk = make_kiosk(collection.root, idle_seconds=1.0, still_there_seconds=1)
    press_key(kiosk.window, Qt.Key.Key_Return)
    wait_until(lambda: lines(caplog, "speaking "), 30)  # its words take longer than the idle time
    assert kiosk.spoken.is_active() and not lines(caplog, "idle:")
    wait_until(lambda: not kiosk.spoken.is_active(), 40)  # said, then the visitor's time runs out
    assert lines(caplog, "idle:")[0] == "idle: asking whether the visitor is still there"
    assert lines(caplog, "spoken mode:")[-1] == "spoken mode: off (the visit ended)"


def test_a_speech_dispatcher_that_no_longer_answers_never_freezes_the_screen(make_kiosk, monkeypatch, caplog):
    # One wedged while shutting down: it takes connections and never replies.
    with tempfile.TemporaryDirectory(dir="/tmp") as folder, socket.socket(socket.AF_UNIX) as silent:
        silent.bind(str(Path(folder) / "speechd.sock"))
        silent.listen()
        monkeypatch.setenv("SPEECHD_ADDRESS", f"unix_socket:{folder}/speechd.sock")
        monkeypatch.setattr("kiosk.qt.speech.ASK_AGAIN_S", 1.0)
        kiosk = make_kiosk()
        window, session = kiosk.window, kiosk.session
        asked = time.monotonic()
        press_key(window, Qt.Key.Key_Enter)
        assert time.monotonic() - asked < 10 and kiosk.spoken.is_active()
        assert "did not answer within 2 s: restart it" in lines(caplog, "spoken mode: nothing can be said")[0]
        press_key(window, Qt.Key.Key_Right)  # the screen still answers the visitor
        assert session.currentIndex == 1
        press_key(window, Qt.Key.Key_Escape)
    monkeypatch.delenv("SPEECHD_ADDRESS")  # speech-dispatcher answers again: asked again
    time.sleep(1.0)
    spoken_before = len(lines(caplog, "speaking "))
    with SinkRecorder() as recorder:
        press_key(window, Qt.Key.Key_Enter)
        wait_until(lambda: len(lines(caplog, "speaking ")) > spoken_before, 30)  # after the mode's words
        pump(500)
    assert heard(recorder.samples), "speech did not come back once speech-dispatcher answered"
    assert len(lines(caplog, "spoken mode: nothing can be said")) == 1
