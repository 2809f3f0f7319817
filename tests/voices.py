"""Recordings for the voice tests, made here with PyAV: no audio file is kept in tests/."""

from __future__ import annotations

import math
import shutil
import subprocess
from fractions import Fraction
from pathlib import Path

import av

SAMPLES = Path(__file__).resolve().parent.parent / "portraits"
CODECS = {
    "mp3": ("libmp3lame", None),
    "m4a": ("aac", "ipod"),
    "ogg": ("libopus", "ogg"),
    "wav": ("pcm_s16le", "wav"),
}


def tone(path: Path, seconds: float = 3.0, level_dbfs: float = -20.0, rate: int = 48000) -> Path:
    """A 440 Hz tone at `level_dbfs` (its peak), in the format its extension names."""
    codec, container_format = CODECS[path.suffix[1:]]
    amplitude = 10 ** (level_dbfs / 20)
    with av.open(str(path), "w", format=container_format) as out:
        stream = out.add_stream(codec, rate=rate, layout="mono")
        total, done, chunk = int(seconds * rate), 0, 1024
        while done < total:
            count = min(chunk, total - done)
            frame = av.AudioFrame(format="s16", layout="mono", samples=count)
            values = (
                int(32767 * amplitude * math.sin(2 * math.pi * 440 * (done + i) / rate)) for i in range(count)
            )
            frame.planes[0].update(b"".join(v.to_bytes(2, "little", signed=True) for v in values))
            frame.sample_rate, frame.pts, frame.time_base = rate, done, Fraction(1, rate)
            for packet in stream.encode(frame):
                out.mux(packet)
            done += count
        for packet in stream.encode(None):
            out.mux(packet)
    return path


def captions(path: Path, *cues: tuple[float, float, str]) -> Path:
    def stamp(seconds: float) -> str:
        return f"00:{int(seconds // 60):02d}:{seconds % 60:06.3f}"

    body = "\n\n".join(f"{stamp(start)} --> {stamp(end)}\n{text}" for start, end, text in cues)
    path.write_text(f"WEBVTT\n\n{body}\n", encoding="utf-8")
    return path


def portrait_with_voice(root: Path, folder: str = "samira-benali", sample: str = "samira-benali") -> Path:
    """A copy of a sample portrait (its own voices removed), for a test to give voices to."""
    target = root / folder
    shutil.copytree(SAMPLES / sample, target)
    for voice in target.glob("voice.*"):
        voice.unlink()
    return target


def sink_is_there() -> bool:
    """PulseAudio runs, with parec to record its monitor (tools/audio-sink starts it)."""
    if not shutil.which("pactl") or not shutil.which("parec"):
        return False
    return subprocess.run(["pactl", "info"], capture_output=True, check=False).returncode == 0
