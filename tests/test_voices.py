"""Voices in the portrait folder: found by name, decoded in a child, measured, captioned.

What a curator sees: `kiosk check` says what is wrong with a recording or its captions,
naming the file, and the portrait stays on screen; `--json` lists the voices."""

from __future__ import annotations

import json
import os

import pytest

from kiosk.cli import main
from kiosk.content import saved_readings
from kiosk.content.collection import compare, scan
from kiosk.content.recordings import study_recording, write_copy
from kiosk.content.text import Languages
from kiosk.content.voicecache import VoiceCache
from kiosk.workers.voices import study
from tests.voices import captions, portrait_with_voice, tone


def check_json(root, capsys) -> dict:
    capsys.readouterr()
    main(["check", "--json", str(root)])
    return json.loads(capsys.readouterr().out)


def problems_of(report: dict, file: str) -> list[str]:
    return [p["message"] for p in report["problems"] if p["file"] == file]


def test_a_voice_with_captions_is_listed_with_its_length_languages_and_loudness(tmp_path, capsys):
    folder = portrait_with_voice(tmp_path)
    tone(folder / "voice.fr.wav", seconds=3.0, level_dbfs=-20)
    captions(folder / "voice.fr.vtt", (0.2, 1.4, "Bonjour."), (1.5, 2.9, "Je suis arrivée en 1998."))
    captions(folder / "voice.fr.en.vtt", (0.2, 1.4, "Hello."), (1.5, 2.9, "I came in 1998."))
    report = check_json(tmp_path, capsys)
    (portrait,) = report["portraits"]
    voice = portrait["voices"]["fr"]
    assert voice["file"] == "voice.fr.wav"
    assert voice["seconds"] == pytest.approx(3.0, abs=0.05)
    assert voice["captions"] == ["en", "fr"]
    # A sine peaking at -20 dBFS, mono: about -23.7 LUFS by BS.1770.
    assert voice["loudness_lufs"] == pytest.approx(-23.7, abs=0.6)
    assert report["problems"] == []


@pytest.mark.parametrize("extension", ["mp3", "m4a", "ogg", "wav"])
def test_every_accepted_format_is_measured(tmp_path, extension):
    path = tone(tmp_path / f"voice.fr.{extension}", seconds=2.0)
    facts = study_recording(str(path), 600)
    assert facts.seconds == pytest.approx(2.0, abs=0.1)
    assert -25 < facts.loudness_lufs < -22


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("voice.fr.mp3", b"these are words, not sound\n" * 20, "not a recording the kiosk can read"),
        ("voice.fr.mp3", b"", "is empty"),
        ("voice.fr.flac", b"fLaC" + b"\0" * 100, "cannot play .flac recordings"),
        ("voice.french.mp3", b"x" * 100, "must be named voice.<language>.<format>"),
    ],
)
def test_a_broken_recording_is_one_warning_naming_it_and_the_portrait_stays(
    tmp_path, capsys, name, content, says
):
    folder = portrait_with_voice(tmp_path)
    (folder / name).write_bytes(content)
    report = check_json(tmp_path, capsys)
    assert [p["id"] for p in report["portraits"]] == ["samira-benali"]
    (message,) = problems_of(report, name)
    assert says in message
    assert report["portraits"][0].get("voices", {}) == {}
    assert all(p["severity"] == "warning" for p in report["problems"])


@pytest.mark.parametrize("extension", ["wav", "mp3"])
def test_a_recording_cut_short_while_copied_is_told(tmp_path, capsys, extension):
    folder = portrait_with_voice(tmp_path)
    whole = tone(tmp_path / f"whole.{extension}", seconds=6.0)
    data = whole.read_bytes()
    (folder / f"voice.fr.{extension}").write_bytes(data[: len(data) // 3])
    report = check_json(tmp_path, capsys)
    (message,) = problems_of(report, f"voice.fr.{extension}")
    assert "cut short" in message or "damaged" in message


def test_a_recording_longer_than_the_cap_is_refused_and_the_cap_is_settable(tmp_path, capsys):
    folder = portrait_with_voice(tmp_path)
    tone(folder / "voice.fr.ogg", seconds=40.0)
    (tmp_path / "kiosk.yaml").write_text("voice_max_minutes: 0.5\n", encoding="utf-8")
    report = check_json(tmp_path, capsys)
    (message,) = problems_of(report, "voice.fr.ogg")
    assert "0:40 long" in message and "at most 0:30" in message and "voice_max_minutes" in message


@pytest.mark.parametrize(
    ("cues", "says"),
    [
        (((1.5, 2.5, "Deux."), (0.2, 1.0, "Un.")), "comes before the one above it"),
        (((0.2, 9.0, "Bien trop long."),), "past the end of the recording"),
        (((0.2, 2.0, "mot " * 60),), "split it in two"),
        (((2.0, 1.0, "À l'envers."),), "ends before it starts"),
    ],
)
def test_captions_that_do_not_fit_the_recording_are_told_and_it_plays_without_them(
    tmp_path, capsys, cues, says
):
    folder = portrait_with_voice(tmp_path)
    tone(folder / "voice.fr.wav", seconds=3.0)
    captions(folder / "voice.fr.vtt", *cues)
    report = check_json(tmp_path, capsys)
    (message,) = problems_of(report, "voice.fr.vtt")
    assert says in message and "plays without these captions" in message
    assert report["portraits"][0]["voices"]["fr"]["captions"] == []


def test_a_file_that_is_not_webvtt_is_told(tmp_path, capsys):
    folder = portrait_with_voice(tmp_path)
    tone(folder / "voice.fr.wav", seconds=3.0)
    (folder / "voice.fr.vtt").write_text(
        "1\n00:00:01,000 --> 00:00:02,000\nSRT, not WebVTT\n", encoding="utf-8"
    )
    (message,) = problems_of(check_json(tmp_path, capsys), "voice.fr.vtt")
    assert "must begin with the line WEBVTT" in message


def test_names_that_cannot_be_voices_are_told(tmp_path, capsys):
    folder = portrait_with_voice(tmp_path)
    tone(folder / "voice.fr.wav", seconds=3.0)
    tone(folder / "voice.fr.mp3", seconds=3.0)
    captions(folder / "voice.de.vtt", (0.2, 1.0, "Hallo."))
    os.symlink("/etc/passwd", folder / "voice.en.mp3")
    report = check_json(tmp_path, capsys)
    assert "two recordings in 'fr'" in problems_of(report, "voice.fr.wav")[0]
    assert "no voice.de.mp3" in problems_of(report, "voice.de.vtt")[0]
    assert "this is a link" in problems_of(report, "voice.en.mp3")[0]
    assert list(report["portraits"][0]["voices"]) == ["fr"]


def test_a_quiet_recording_with_loud_peaks_is_told_how_far_short_it_stays(tmp_path, capsys):
    """A click at full scale on a very quiet voice: the copy may not be raised past -1 dBTP."""
    folder = portrait_with_voice(tmp_path)
    tone(folder / "voice.fr.wav", seconds=3.0, level_dbfs=-40)
    _add_click(folder / "voice.fr.wav")
    (message,) = problems_of(check_json(tmp_path, capsys), "voice.fr.wav")
    assert "quieter than the other recordings" in message


def test_the_copy_the_kiosk_plays_is_at_the_target_loudness_and_never_clips(tmp_path):
    for level in (-40, -8):
        source = tone(tmp_path / f"source{level}.wav", seconds=4.0, level_dbfs=level)
        facts = study_recording(str(source), 600)
        gain = min(-18 - facts.loudness_lufs, -1 - facts.true_peak_dbtp)
        copy = tmp_path / f"copy{level}.ogg"
        write_copy(str(source), gain, str(copy))
        played = study_recording(str(copy), 600)
        assert played.loudness_lufs == pytest.approx(-18, abs=0.7)
        assert played.true_peak_dbtp <= -0.5


def test_voices_survive_a_restart_without_the_portrait_looking_changed(tmp_path):
    folder = portrait_with_voice(tmp_path / "collection")
    tone(folder / "voice.fr.ogg", seconds=2.0)
    captions(folder / "voice.fr.en.vtt", (0.2, 1.0, "Hello."))
    root = str(tmp_path / "collection")
    first = scan(root, Languages(), full_decode=False)
    assert [v.spoken for v in first.portraits[0].voices] == ["fr"]
    saved = tmp_path / "readings.json"
    saved_readings.save(saved, first)
    loaded = saved_readings.load(saved, root, Languages())
    assert loaded is not None
    assert not compare(first, loaded)
    assert loaded.portraits[0].voices == first.portraits[0].voices


def test_older_versions_of_voices_leave_the_cache_the_least_recently_used_first(tmp_path):
    cache = VoiceCache(tmp_path / "cache")
    keys = {}
    for number, name in enumerate(("samira-benali", "karim-haddad", "lucia-ramirez")):
        folder = portrait_with_voice(tmp_path / "collection", name, name)
        tone(folder / "voice.fr.wav", seconds=3.0)
        portraits = scan(str(tmp_path / "collection"), Languages(), full_decode=False).portraits
        voice = next(p for p in portraits if p.id == name).voices[0]
        key = cache.key(str(folder), voice, max_seconds=600, target_lufs=-18)
        cache.keep(
            key,
            study(str(folder), voice, max_seconds=600, target_lufs=-18, copy_to=str(cache.partial_copy(key))),
        )
        for path in cache.folder.glob(f"{key}.*"):
            os.utime(path, (1000 + number, 1000 + number))  # made one after the other
        keys[name] = key
    assert cache.load(keys["samira-benali"]) is not None  # the oldest, played since
    crashed = cache.folder / ".0123.partial.ogg"
    crashed.write_bytes(b"half")
    os.utime(crashed, (1000, 1000))
    one_voice = sum(p.stat().st_size for p in cache.folder.glob(f"{keys['karim-haddad']}.*"))
    assert cache.trim(budget_bytes=int(2.5 * one_voice)) == 1
    assert cache.load(keys["karim-haddad"]) is None
    assert cache.load(keys["samira-benali"]) is not None and cache.load(keys["lucia-ramirez"]) is not None
    assert not crashed.exists()


def _add_click(path):
    """One full-scale sample in the middle of a WAV file."""
    data = bytearray(path.read_bytes())
    middle = 44 + (len(data) - 44) // 2 & ~1
    data[middle : middle + 2] = (32767).to_bytes(2, "little", signed=True)
    path.write_bytes(bytes(data))


def test_two_kiosks_sharing_a_cache_prepare_the_same_voice_side_by_side(tmp_path):
    folder = portrait_with_voice(tmp_path / "collection")
    tone(folder / "voice.fr.wav", seconds=2.0)
    (portrait,) = scan(str(tmp_path / "collection"), Languages(), full_decode=False).portraits
    first, second = VoiceCache(tmp_path / "cache"), VoiceCache(tmp_path / "cache")
    key = first.key(str(folder), portrait.voices[0], max_seconds=600, target_lufs=-18)
    studies = [
        study(
            str(folder),
            portrait.voices[0],
            max_seconds=600,
            target_lufs=-18,
            copy_to=str(cache.partial_copy(key)),
        )
        for cache in (first, second)  # both written before either is kept, as at two starts at once
    ]
    first.keep(key, studies[0])
    second.keep(key, studies[1])  # its own partial copy is still there to move into place
    assert first.load(key) is not None and second.load(key) is not None
    assert not list(first.folder.glob(".*.partial*"))
