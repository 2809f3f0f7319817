"""What a recording holds, read by decoding it with FFmpeg (through PyAV): its length,
its loudness (ITU-R BS.1770 / EBU R128, FFmpeg's ebur128 filter) and its true peak;
and the copy of it the kiosk plays, raised or lowered to the kiosk's loudness.

PyAV rather than pyloudnorm: it ships FFmpeg itself (no system codecs), so one library
both decodes MP3, AAC, Opus and WAV and measures them, and it needs no NumPy. Run in a
child process only (kiosk.workers.voices): decoders are C code and the files come from
curators' sticks. What the kiosk keeps of a study is in kiosk.content.voicestudy, which
the kiosk's own process reads without loading FFmpeg.
"""

from __future__ import annotations

import contextlib
import itertools
import math
import wave

import av
import av.filter

from kiosk.catalogue import N_
from kiosk.content import files
from kiosk.content.problems import ContentError
from kiosk.content.voices import ACCEPTED_NAMES, Cue, Voice, clock, read_captions
from kiosk.content.voicestudy import RecordingFacts, VoiceStudy, gain_for

PLAYABLE_CODECS = ("mp3", "mp3float", "aac", "opus", "vorbis", "pcm_")
SILENCE_LUFS = -69.0  # ebur128 reads -70 when every block is below its gate
TRUNCATED_SLACK = 0.02  # a header's length may differ this much from what decodes
COPY_RATE = 48000
COPY_BITRATE = 96000  # Opus: transparent for speech


def study_recording(path: str, max_seconds: float) -> RecordingFacts:
    """Decode the whole recording; raises ContentError saying what to do."""
    with _opened(path) as container:
        stream = _sound(container)
        declared = _declared_seconds(container, stream)
        if declared > max_seconds:
            raise ContentError(_too_long(declared, max_seconds))
        samples, loudness, peak = _measure(container, stream, path)
    seconds = samples / stream.codec_context.sample_rate
    if seconds > max_seconds:
        raise ContentError(_too_long(seconds, max_seconds))
    if seconds < 0.5:
        raise ContentError(N_("the recording holds no sound: export it again"))
    if declared and seconds < declared * (1 - TRUNCATED_SLACK) - 0.5:
        raise ContentError(
            N_(
                "the recording stops at {end}, but the file says it lasts {length}: "
                "it was probably cut short while being copied; copy it again"
            ).format(end=clock(seconds), length=clock(declared))
        )
    if loudness <= SILENCE_LUFS:
        raise ContentError(N_("the recording is silent: check it in an audio player, and export it again"))
    return RecordingFacts(seconds, loudness, peak)


def _too_long(seconds: float, max_seconds: float) -> str:
    return N_(
        "the recording is {length} long; the kiosk plays at most {most}: "
        "shorten it, or raise voice_max_minutes in kiosk.yaml"
    ).format(length=clock(seconds), most=clock(max_seconds))


def write_copy(path: str, gain_db: float, out_path: str) -> None:
    """The recording as the kiosk plays it, `gain_db` louder, into `out_path` (Ogg/Opus)."""
    with _opened(path) as container:
        stream = _sound(container)
        graph = av.filter.Graph()
        source = graph.add_abuffer(template=stream)
        chain = [
            graph.add("volume", f"volume={gain_db:.2f}dB:precision=float"),
            graph.add("aresample", str(COPY_RATE)),
            graph.add("aformat", "sample_fmts=flt:channel_layouts=mono|stereo"),
            graph.add("abuffersink"),
        ]
        source.link_to(chain[0])
        for a, b in zip(chain, chain[1:], strict=False):
            a.link_to(b)
        graph.configure()
        with av.open(out_path, "w", format="ogg") as out:
            layout = "mono" if stream.codec_context.layout.nb_channels == 1 else "stereo"
            encoder = out.add_stream("libopus", rate=COPY_RATE, layout=layout)
            encoder.bit_rate = COPY_BITRATE
            for frame in itertools.chain(_decoded(container, stream, path), [None]):
                graph.push(frame)
                for filtered in _pulled(graph):
                    filtered.pts = None
                    out.mux(encoder.encode(filtered))
            out.mux(encoder.encode(None))


@contextlib.contextmanager
def _opened(path: str):
    """av.open, with its errors said for curators."""
    try:
        container = av.open(path, "r")
    except av.error.FileNotFoundError:
        raise FileNotFoundError(path) from None
    except (av.error.FFmpegError, UnicodeDecodeError, ValueError) as exc:
        raise ContentError(_unreadable(exc)) from None
    try:
        yield container
    finally:
        container.close()


def _sound(container):
    if not container.streams.audio:
        raise ContentError(
            N_("the file holds no sound: export the recording as {formats}").format(formats=ACCEPTED_NAMES)
        )
    stream = container.streams.audio[0]
    codec = stream.codec_context.name
    if not codec.startswith(PLAYABLE_CODECS):
        raise ContentError(
            N_("the file holds {codec} sound, which the kiosk does not play: export it as {formats}").format(
                codec=codec, formats=ACCEPTED_NAMES
            )
        )
    return stream


def _declared_seconds(container, stream) -> float:
    """How long the file says it is. FFmpeg guesses a WAV's length from the file's size,
    so a WAV cut short would look whole: its header says how much sound it should hold."""
    if container.format.name == "wav":
        with contextlib.suppress(wave.Error, EOFError, OSError), wave.open(container.name, "rb") as header:
            return header.getnframes() / header.getframerate()
    if stream.duration is not None and stream.time_base:
        return float(stream.duration * stream.time_base)
    return container.duration / 1_000_000 if container.duration else 0.0


def _measure(container, stream, path: str) -> tuple[int, float, float]:
    """(samples decoded, integrated loudness in LUFS, true peak in dBTP)."""
    graph = av.filter.Graph()
    source = graph.add_abuffer(template=stream)
    meter = graph.add("ebur128", "metadata=1:peak=true")
    sink = graph.add("abuffersink")
    source.link_to(meter)
    meter.link_to(sink)
    graph.configure()
    samples, loudness, peak = 0, -70.0, 0.0
    for frame in itertools.chain(_decoded(container, stream, path), [None]):
        graph.push(frame)
        for measured in _pulled(graph):
            samples += measured.samples
            # Each frame carries the measure so far; the last, flushed one carries none.
            metadata = measured.metadata
            if "lavfi.r128.I" in metadata:
                loudness = float(metadata["lavfi.r128.I"])
                peak = max(peak, float(metadata.get("lavfi.r128.true_peak", 0.0)))
    # ebur128 gives the peak as a linear sample value: in dB below full scale here.
    return samples, loudness, 20 * math.log10(peak) if peak > 0 else -120.0


def _decoded(container, stream, path: str):
    decoded = 0.0
    try:
        for frame in container.decode(stream):
            decoded = float(frame.time or decoded)
            yield frame
    except (av.error.FFmpegError, ValueError) as exc:
        raise ContentError(
            N_(
                "the recording is damaged from {at} on ({reason}): copy it again, or export it again as {formats}"
            ).format(at=clock(decoded), reason=_reason(exc), formats=ACCEPTED_NAMES)
        ) from None
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, path) from None


def _pulled(graph):
    while True:
        try:
            yield graph.pull()
        except (av.error.BlockingIOError, av.error.EOFError):
            return


def _unreadable(exc: Exception) -> str:
    return N_(
        "the file is not a recording the kiosk can read ({reason}): it may be damaged, or "
        "another kind of file renamed; export it again as {formats}"
    ).format(reason=_reason(exc), formats=ACCEPTED_NAMES)


def _reason(exc: Exception) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def study_voice(folder: str, voice: Voice, *, max_seconds: float, target_lufs: float) -> VoiceStudy:
    """Decode and measure the recording, and read its captions against its length.

    Raises OSError only for a file that cannot be read now (gone, a share dropped)."""
    try:
        facts = study_recording(files.regular_file(folder, voice.file), max_seconds)
    except ContentError as exc:
        return VoiceStudy(None, exc.message, {}, {})
    captions: dict[str, tuple[Cue, ...]] = {}
    problems: dict[str, str] = {}
    for file in voice.captions:
        try:
            captions[file.language] = read_captions(files.regular_file(folder, file.file), facts.seconds)
        except ContentError as exc:
            problems[file.file] = exc.message
        except FileNotFoundError:
            problems[file.file] = "the captions file went away while it was read: copy it again"
    gain = gain_for(facts, target_lufs)
    shortfall = max(0.0, target_lufs - (facts.loudness_lufs + gain))
    return VoiceStudy(facts, "", captions, problems, gain, shortfall)
