"""A visitor listening: real recordings played by Qt Multimedia into PulseAudio's null
sink (tools/audio-sink starts it), the sink's monitor recorded with parec."""

from __future__ import annotations

import array
import logging
import subprocess
import time

import pytest

from kiosk.qt.settle import pump
from tests.conftest import SAMPLES
from tests.screen import current_page, item, show_portrait
from tests.voices import captions, portrait_with_voice, sink_is_there, tone

HELLO = (0.3, 1.6, "Bonjour, je suis Samira.")
ARRIVED = (1.8, 3.4, "Je suis arrivée en 1998.")


needs_sound = pytest.mark.skipif(
    not sink_is_there(), reason="no PulseAudio with a null sink (tools/audio-sink installs and starts one)"
)


@pytest.fixture(autouse=True)
def voice_lines_are_captured(caplog):
    caplog.set_level(logging.INFO, logger="kiosk")


@pytest.fixture
def short_voice(tmp_path):
    """One portrait whose French voice lasts 4 s, captioned in French and English."""
    root = tmp_path / "collection"
    folder = portrait_with_voice(root)
    tone(folder / "voice.fr.wav", seconds=4.0, level_dbfs=-12)
    captions(folder / "voice.fr.vtt", HELLO, ARRIVED)
    captions(folder / "voice.fr.en.vtt", (0.3, 1.6, "Hello, I am Samira."), (1.8, 3.4, "I came in 1998."))
    return root


def wait_until(condition, limit_s: float) -> None:
    deadline = time.monotonic() + limit_s
    while not condition():
        assert time.monotonic() < deadline, f"not within {limit_s} s"
        pump(20)


def ready_to_listen(kiosk):
    wait_until(lambda: kiosk.listening.available, 60)
    return kiosk.listening


def lines(caplog, start: str) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.getMessage().startswith(start)]


class SinkRecorder:
    """What reaches the null sink's monitor, as 16-bit mono samples at 8 kHz."""

    def __enter__(self):
        self.process = subprocess.Popen(
            [
                *("parec", "-d", "kiosk_null.monitor", "--format=s16le", "--channels=1", "--rate=8000"),
                *("--raw", "--latency-msec=20"),  # a longer buffer is lost when parec is stopped
            ],
            stdout=subprocess.PIPE,
        )
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        data, _ = self.process.communicate(timeout=10)
        self.samples = array.array("h", data[: len(data) // 2 * 2])

    def loudest(self) -> int:
        return max((abs(s) for s in self.samples), default=0)


@needs_sound
def test_listen_plays_the_voice_into_the_sound_device_and_the_captions_follow(
    make_kiosk, short_voice, caplog
):
    kiosk = make_kiosk(short_voice)
    listening = ready_to_listen(kiosk)
    page = current_page(kiosk.window)
    assert "0:04" in item(page, "listenButton").property("text")
    with SinkRecorder() as sink:
        listening.listen()
        wait_until(lambda: listening.seconds > 0.1, 5)
        assert lines(caplog, "playing") == ["playing samira-benali (fr)"]
        wait_until(lambda: listening.seconds > ARRIVED[0] + 0.2, 10)
        assert item(page, "caption").property("text") == ARRIVED[2]
        assert item(page, "previousCaption").property("text") == HELLO[2]
    # A -12 dBFS tone brought to -18 LUFS: far above the silence of an idle sink.
    assert sink.loudest() > 3000


@needs_sound
def test_the_next_visitor_hears_the_voice_from_its_start_after_a_stop_or_its_end(make_kiosk, tmp_path, capfd):
    root = tmp_path / "collection"
    folder = portrait_with_voice(root)
    tone(folder / "voice.fr.wav", seconds=1.5, level_dbfs=-12)
    captions(folder / "voice.fr.vtt", (0.0, 1.4, "Bonjour."))
    kiosk = make_kiosk(root)
    listening = ready_to_listen(kiosk)
    listening.listen()
    wait_until(lambda: listening.seconds > 0.5, 5)
    listening.stop()
    wait_until(lambda: listening.state == "", 3)
    for _ in range(2):  # after the stop, then after the recording's end
        with SinkRecorder() as sink:
            listening.listen()
            assert listening.seconds == 0.0 and listening.caption == "Bonjour."
            wait_until(lambda: listening.state == "", 5)
        assert sink.loudest() > 3000
    # Qt's FFmpeg describes each file it opens on stderr unless told not to.
    assert "Input #0" not in capfd.readouterr().err


@needs_sound
def test_pause_holds_the_words_and_resume_goes_on(make_kiosk, short_voice):
    kiosk = make_kiosk(short_voice)
    listening = ready_to_listen(kiosk)
    listening.listen()
    wait_until(lambda: listening.seconds > HELLO[0] + 0.3, 5)
    listening.togglePause()
    pump(200)
    held = listening.seconds
    shown = listening.caption
    pump(1000)
    assert listening.seconds == pytest.approx(held, abs=0.05)
    assert listening.caption == shown == HELLO[2]
    listening.togglePause()
    wait_until(lambda: listening.seconds > held + 0.5, 5)


@needs_sound
def test_a_swipe_stops_the_voice_with_a_fade(make_kiosk, tmp_path, caplog):
    root = tmp_path / "collection"
    tone(portrait_with_voice(root) / "voice.fr.wav", seconds=4.0)
    portrait_with_voice(root, "thomas-whitfield", "thomas-whitfield")
    kiosk = make_kiosk(root)
    listening = ready_to_listen(kiosk)
    listening.listen()
    wait_until(lambda: listening.seconds > 0.3, 5)
    kiosk.session.next()
    wait_until(lambda: listening.state == "", 3)
    assert lines(caplog, "stopped") == ["stopped samira-benali"]
    assert listening.source == ""  # the player is unloaded


@needs_sound
def test_switching_language_while_playing_switches_the_captions(make_kiosk, short_voice):
    kiosk = make_kiosk(short_voice)
    listening = ready_to_listen(kiosk)
    listening.listen()
    wait_until(lambda: listening.seconds > HELLO[0] + 0.3, 5)
    kiosk.session.setLanguage("en")
    pump(100)
    assert listening.state == "playing"
    assert listening.caption == "Hello, I am Samira."


@needs_sound
def test_switching_language_switches_the_recording_when_there_is_one(make_kiosk, tmp_path, caplog):
    kiosk = make_kiosk()  # the samples: Samira speaks in French and in English
    show_portrait(kiosk, "samira-benali")
    listening = ready_to_listen(kiosk)
    listening.listen()
    wait_until(lambda: listening.seconds > 1.0, 5)
    kiosk.session.setLanguage("en")
    wait_until(lambda: lines(caplog, "playing")[-1:] == ["playing samira-benali (en)"], 3)
    wait_until(lambda: listening.caption != "", 5)
    assert listening.caption.startswith("When I arrived from Oran")


@needs_sound
def test_the_idle_reset_waits_for_the_voice_then_comes(make_kiosk, short_voice, caplog):
    kiosk = make_kiosk(short_voice, idle_seconds=1.5, still_there_seconds=1)
    listening = ready_to_listen(kiosk)
    kiosk.session.noteActivity()
    listening.listen()
    pump(2500)  # past the idle time, still playing
    assert listening.state == "playing"
    assert not lines(caplog, "idle:")
    wait_until(lambda: listening.state == "", 5)  # the end of the recording
    wait_until(lambda: lines(caplog, "idle: back"), 5)


def test_without_a_sound_device_the_captions_run_on_a_silent_clock(make_kiosk, short_voice, caplog):
    kiosk = make_kiosk(
        short_voice, sound=lambda: (True, "no sound device: voices play silently, with captions")
    )
    listening = ready_to_listen(kiosk)
    listening.listen()
    assert listening.source == ""  # no player is loaded
    wait_until(lambda: listening.caption == HELLO[2], 3)
    wait_until(lambda: listening.caption == ARRIVED[2], 3)
    wait_until(lambda: listening.state == "", 3)
    assert lines(caplog, "sound:") == ["sound: no sound device: voices play silently, with captions"]
    assert lines(caplog, "stopped") == ["stopped samira-benali"]


def test_listen_is_offered_only_where_a_voice_speaks_or_is_captioned_in_the_language(make_kiosk, tmp_path):
    root = tmp_path / "collection"
    folder = portrait_with_voice(root)
    tone(folder / "voice.ar.wav", seconds=2.0)
    captions(folder / "voice.ar.fr.vtt", (0.2, 1.5, "Bonjour."))
    kiosk = make_kiosk(root, sound=lambda: (False, ""))
    listening = ready_to_listen(kiosk)  # French: the Arabic voice has French captions
    assert item(current_page(kiosk.window), "listenControl").property("visible")
    kiosk.session.setLanguage("en")
    pump(50)
    assert not listening.available
    assert not item(current_page(kiosk.window), "listenControl").property("visible")


@needs_sound
def test_voices_let_go_while_they_load_log_nothing(qapp):
    """The voice on screen is loaded ahead of a tap and let go by the next swipe, maybe
    before it has loaded: Qt's complaint about a load cut short must not reach the log
    (the test fails on a Qt warning)."""
    from PySide6.QtCore import QUrl

    from kiosk.qt.audio import audio_output

    assert audio_output() == (True, "")  # Qt Multimedia loaded as the kiosk loads it
    from kiosk.qt.player import VoicePlayer

    player = VoicePlayer(volume=0.5, fade_ms=100)
    voices = [SAMPLES / name / "voice.fr.ogg" for name in ("samira-benali", "karim-haddad", "lucia-ramirez")]
    for swipe in range(12):  # a visitor swiping on, faster and faster
        player.hold(QUrl.fromLocalFile(str(voices[swipe % 3])).toString())
        pump(swipe * 3)
    player.hold("")
    pump(300)
