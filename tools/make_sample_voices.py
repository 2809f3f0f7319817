"""Make the sample portraits' voices: synthetic speech of their testimonies, with captions.

    python tools/make_sample_voices.py   (needs Debian's espeak-ng)

No real person's voice: espeak-ng reads each sentence of the testimony on its own, so
each caption starts and ends exactly where its sentence does. Writes, in each chosen
portrait folder, voice.fr.ogg and voice.en.ogg, their captions (voice.fr.vtt,
voice.en.vtt) and the translations (voice.fr.en.vtt, voice.en.fr.vtt: the same
sentences in the other language, on the same times).
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import wave
from fractions import Fraction
from pathlib import Path

import av
import av.filter
import yaml

ROOT = Path(__file__).resolve().parent.parent / "portraits"
PORTRAITS = {"samira-benali": "f3", "karim-haddad": "m3", "lucia-ramirez": "f2"}
ESPEAK_VOICE = {"fr": "fr", "en": "en-gb"}
GAP_S = 0.45  # between sentences
LEAD_S = 0.3  # before the first
RATE = 22050  # espeak-ng's own
_SENTENCE = re.compile(r"(?<=[.!?»”)])\s+")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(" ".join(text.split())) if s.strip()]


def spoken(sentence: str, language: str, variant: str) -> bytes:
    """16-bit mono samples of `sentence`, read by espeak-ng."""
    wav = subprocess.run(
        ["espeak-ng", "-v", f"{ESPEAK_VOICE[language]}+{variant}", "-s", "150", "--stdout", sentence],
        check=True,
        capture_output=True,
    ).stdout
    with wave.open(io.BytesIO(wav)) as reader:
        assert reader.getframerate() == RATE and reader.getsampwidth() == 2
        return reader.readframes(reader.getnframes())


def read_aloud(lines: list[str], language: str, variant: str) -> tuple[bytes, list[tuple[float, float]]]:
    """The whole recording and each sentence's (start, end) in seconds."""
    silence = b"\0\0"
    samples = silence * int(LEAD_S * RATE)
    times = []
    for line in lines:
        start = len(samples) / 2 / RATE
        samples += spoken(line, language, variant)
        times.append((start, len(samples) / 2 / RATE))
        samples += silence * int(GAP_S * RATE)
    return samples, times


def write_ogg(samples: bytes, path: Path) -> None:
    """Opus at 32 kb/s, evened out by FFmpeg's loudnorm (espeak-ng's peaks are sharp:
    as it reads, the kiosk could not bring it to its loudness without clipping)."""
    frame = av.AudioFrame(format="s16", layout="mono", samples=len(samples) // 2)
    frame.planes[0].update(samples)
    frame.sample_rate = RATE
    frame.pts = 0
    frame.time_base = Fraction(1, RATE)
    graph = av.filter.Graph()
    chain = [
        graph.add_abuffer(format="s16", sample_rate=RATE, layout="mono", time_base=Fraction(1, RATE)),
        graph.add("loudnorm", "I=-18:TP=-2:LRA=7"),
        graph.add("aresample", "48000"),
        graph.add("aformat", "sample_fmts=flt:channel_layouts=mono"),
        graph.add("abuffersink"),
    ]
    for a, b in zip(chain, chain[1:], strict=False):
        a.link_to(b)
    graph.configure()
    with av.open(str(path), "w", format="ogg") as out:
        stream = out.add_stream("libopus", rate=48000, layout="mono")
        stream.bit_rate = 32000
        for pushed in (frame, None):
            graph.push(pushed)
            while True:
                try:
                    filtered = graph.pull()
                except (av.error.BlockingIOError, av.error.EOFError):
                    break
                filtered.pts = None
                out.mux(stream.encode(filtered))
        out.mux(stream.encode(None))


def write_vtt(lines: list[str], times: list[tuple[float, float]], path: Path) -> None:
    cues = [
        f"{_stamp(start)} --> {_stamp(end)}\n{line}" for line, (start, end) in zip(lines, times, strict=True)
    ]
    path.write_text("WEBVTT\n\n" + "\n\n".join(cues) + "\n", encoding="utf-8")


def _stamp(seconds: float) -> str:
    minutes, rest = divmod(seconds, 60)
    return f"00:{int(minutes):02d}:{rest:06.3f}"


def main() -> int:
    for folder, variant in PORTRAITS.items():
        testimony = yaml.safe_load((ROOT / folder / "portrait.yaml").read_text(encoding="utf-8"))["testimony"]
        lines = {language: sentences(testimony[language]) for language in ("fr", "en")}
        if len(lines["fr"]) != len(lines["en"]):
            print(f"{folder}: the French and English testimonies differ in sentences", file=sys.stderr)
            return 1
        for language, other in (("fr", "en"), ("en", "fr")):
            samples, times = read_aloud(lines[language], language, variant)
            write_ogg(samples, ROOT / folder / f"voice.{language}.ogg")
            write_vtt(lines[language], times, ROOT / folder / f"voice.{language}.vtt")
            write_vtt(lines[other], times, ROOT / folder / f"voice.{language}.{other}.vtt")
            print(f"{folder}: voice.{language}.ogg, {times[-1][1]:.1f} s, {len(times)} captions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
