"""A portrait's voices: its recordings (`voice.<spoken>.<ext>`) and their captions
(`voice.<spoken>.vtt`, `voice.<spoken>.<captions>.vtt`).

The scan only finds them by name and looks at them with lstat, as it does photos:
what a recording holds (its sound, its length, its loudness) is read by decoding it,
in a child process (kiosk.workers.voices), and captions are read with it, since
whether a caption fits depends on how long the recording is. A problem with a voice
is a warning: the portrait stays on screen, without that voice.
"""

from __future__ import annotations

import html
import re
import stat
from dataclasses import dataclass

import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError

from kiosk.catalogue import N_
from kiosk.content import files
from kiosk.content.problems import ContentError, ProblemList
from kiosk.content.text import is_language_code

# What Qt Multimedia's FFmpeg plays everywhere, by extension; the codec is checked too.
RECORDING_FORMATS = {"mp3": "MP3", "m4a": "M4A", "ogg": "Ogg", "opus": "Opus", "wav": "WAV"}
ACCEPTED_NAMES = N_("MP3, M4A (AAC), Ogg/Opus or WAV")
CAPTIONS_EXTENSION = "vtt"
MAX_RECORDING_BYTES = 160 * 1024**2  # ten minutes of CD-quality WAV is about 106 MB
MAX_CAPTIONS_BYTES = 512 * 1024
# What the caption band holds at its size (kiosk/qml/Kiosk/CaptionView.qml): three lines.
MAX_CAPTION_CHARACTERS = 150
MAX_CAPTION_LINES = 3
PAST_END_SLACK_S = 0.5  # captioning tools round the last cue's end
_NAME = re.compile(r"^voice\.([A-Za-z]{2,3})\.([^.]+)$")
_CAPTIONS_NAME = re.compile(r"^voice\.([A-Za-z]{2,3})(?:\.([A-Za-z]{2,3}))?\.vtt$", re.IGNORECASE)

Stamp = tuple[int, int, int, int]  # size, modification time, inode, change time


@dataclass(frozen=True)
class CaptionsFile:
    language: str  # the language the captions are written in
    file: str  # its name in the portrait folder
    stamp: Stamp


@dataclass(frozen=True)
class Voice:
    """One recording of the person, in the language they speak in it."""

    spoken: str
    file: str
    stamp: Stamp
    captions: tuple[CaptionsFile, ...] = ()

    def as_plain(self) -> dict:
        """For saved readings (JSON)."""
        return {
            "spoken": self.spoken,
            "file": self.file,
            "stamp": list(self.stamp),
            "captions": [[c.language, c.file, list(c.stamp)] for c in self.captions],
        }

    @classmethod
    def from_plain(cls, data: dict) -> Voice:
        return cls(
            str(data["spoken"]),
            str(data["file"]),
            _stamp(data["stamp"]),
            tuple(CaptionsFile(str(lang), str(name), _stamp(s)) for lang, name, s in data["captions"]),
        )


@dataclass(frozen=True)
class Cue:
    start: float  # seconds
    end: float
    text: str  # plain text, lines joined with "\n"


def find_voices(listing: tuple, problems: ProblemList) -> tuple[Voice, ...]:
    """The voices in a folder's listing (see portraits.folder_stamp), by spoken language.

    Problems of names and files are reported as warnings, naming the file."""
    recordings: dict[str, tuple[str, Stamp]] = {}
    captions: dict[str, list[CaptionsFile]] = {}
    for name, mode, size, mtime, inode, ctime in listing:
        if not name.lower().startswith("voice.") or not files.is_valid_name(name):
            continue
        stamp = (size, mtime, inode, ctime)
        if name.lower().endswith("." + CAPTIONS_EXTENSION):
            found = _captions_file(name, mode, stamp, problems)
            if found:
                spoken, file = found
                captions.setdefault(spoken, []).append(file)
        else:
            spoken = _recording_language(name, mode, size, problems)
            if spoken is None:
                continue
            if spoken in recordings:
                problems.warning(
                    N_(
                        "there are two recordings in '{language}' ({first} and {second}): "
                        "keep one; {first} is played until then"
                    ).format(language=spoken, first=recordings[spoken][0], second=name),
                    file=name,
                )
                continue
            recordings[spoken] = (name, stamp)
    for spoken, found in sorted(captions.items()):
        if spoken not in recordings:
            for file in found:
                problems.warning(
                    N_(
                        "these captions are for a recording in '{language}', but there is no "
                        "voice.{language}.mp3 (or .m4a, .ogg, .opus, .wav): add it, or rename the captions"
                    ).format(language=spoken),
                    file=file.file,
                )
    return tuple(
        Voice(spoken, name, stamp, tuple(sorted(captions.get(spoken, ()), key=lambda c: c.language)))
        for spoken, (name, stamp) in sorted(recordings.items())
    )


def _recording_language(name: str, mode: int, size: int, problems: ProblemList) -> str | None:
    match = _NAME.match(name)
    if not match or not is_language_code(match.group(1).lower()):
        problems.warning(
            N_(
                "a recording must be named voice.<language>.<format>, the language it is spoken "
                "in, e.g. voice.fr.mp3 or voice.ar.m4a: rename it"
            ),
            file=name,
        )
        return None
    extension = match.group(2).lower()
    if extension not in RECORDING_FORMATS:
        problems.warning(
            N_("the kiosk cannot play .{extension} recordings: export this one as {formats}").format(
                extension=extension, formats=ACCEPTED_NAMES
            ),
            file=name,
        )
        return None
    if not _is_plain_file(name, mode, problems):
        return None
    if size == 0:
        problems.warning(N_("the recording is empty (0 bytes): copy it again"), file=name)
        return None
    if size > MAX_RECORDING_BYTES:
        problems.warning(
            N_(
                "the recording is larger than {size} MB: export it as MP3 or M4A, which are ten times smaller"
            ).format(size=MAX_RECORDING_BYTES // 1024**2),
            file=name,
        )
        return None
    return match.group(1).lower()


def _captions_file(name: str, mode: int, stamp: Stamp, problems: ProblemList):
    match = _CAPTIONS_NAME.match(name)
    codes = [c.lower() for c in match.groups() if c] if match else []
    if not match or not all(is_language_code(c) for c in codes):
        problems.warning(
            N_(
                "captions must be named voice.<spoken>.vtt (captions in the language spoken) or "
                "voice.<spoken>.<captions>.vtt (a translation), e.g. voice.ar.fr.vtt: rename them"
            ),
            file=name,
        )
        return None
    if not _is_plain_file(name, mode, problems):
        return None
    if stamp[0] > MAX_CAPTIONS_BYTES:
        problems.warning(
            N_("the captions file is larger than {size} KB: is it really captions?").format(
                size=MAX_CAPTIONS_BYTES // 1024
            ),
            file=name,
        )
        return None
    spoken = codes[0]
    return spoken, CaptionsFile(codes[1] if len(codes) > 1 else spoken, name, stamp)


def _is_plain_file(name: str, mode: int, problems: ProblemList) -> bool:
    if stat.S_ISREG(mode):
        return True
    kind = N_("a link") if stat.S_ISLNK(mode) else N_("not a file")
    problems.warning(
        N_("this is {kind}: put the file itself in the portrait folder").format(kind=kind), file=name
    )
    return False


def read_captions(path: str, seconds: float) -> tuple[Cue, ...]:
    """The cues of a WebVTT file for a recording `seconds` long.

    Raises ContentError, with what to do, for a file that is not WebVTT, and for cues
    out of order, past the end, or longer than the screen shows."""
    data = files.read_bytes(path, MAX_CAPTIONS_BYTES)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ContentError(N_("the captions are not saved as UTF-8: export them again as UTF-8")) from None
    try:
        captions = webvtt.from_string(text.replace("\r\n", "\n")).captions
    except (MalformedFileError, MalformedCaptionError) as exc:
        raise ContentError(
            N_(
                "the file is not WebVTT captions ({reason}): it must begin with the line WEBVTT, "
                "then cues such as '00:00:01.000 --> 00:00:04.000'; export it again as .vtt"
            ).format(reason=exc)
        ) from None
    if not captions:
        raise ContentError(N_("the file holds no captions: export them again, or remove the file"))
    cues = tuple(
        Cue(c.start_time.in_milliseconds() / 1000, c.end_time.in_milliseconds() / 1000, _plain(c.text))
        for c in captions
    )
    _check_cues(cues, seconds)
    return cues


def _plain(text: str) -> str:
    """The cue's words: webvtt-py took its tags off; entities such as &amp; are undone."""
    return "\n".join(line.strip() for line in html.unescape(text).split("\n") if line.strip())


def _check_cues(cues: tuple[Cue, ...], seconds: float) -> None:
    previous = 0.0
    for number, cue in enumerate(cues, 1):
        cue_at = {"number": number, "at": clock(cue.start)}
        if cue.end <= cue.start:
            raise ContentError(
                N_("caption {number} (at {at}) ends before it starts: correct its times").format(**cue_at)
            )
        if cue.start < previous:
            raise ContentError(
                N_(
                    "caption {number} (at {at}) comes before the one above it: put the captions in order of time"
                ).format(**cue_at)
            )
        if cue.end > seconds + PAST_END_SLACK_S:
            raise ContentError(
                N_(
                    "caption {number} (at {at}) goes on to {end}, past the end of the recording "
                    "({length}): check that the captions are for this recording"
                ).format(**cue_at, end=clock(cue.end), length=clock(seconds))
            )
        if not cue.text:
            raise ContentError(
                N_("caption {number} (at {at}) is empty: remove it or write its words").format(**cue_at)
            )
        lines = cue.text.count("\n") + 1
        if len(cue.text) > MAX_CAPTION_CHARACTERS or lines > MAX_CAPTION_LINES:
            raise ContentError(
                N_(
                    "caption {number} (at {at}) is {length} characters on {lines} line(s); the screen "
                    "shows at most {most} on {most_lines} lines: split it in two"
                ).format(
                    **cue_at,
                    length=len(cue.text),
                    lines=lines,
                    most=MAX_CAPTION_CHARACTERS,
                    most_lines=MAX_CAPTION_LINES,
                )
            )
        previous = cue.start


def clock(seconds: float) -> str:
    """'2:05' for 125 seconds: how a duration is said to curators and visitors."""
    whole = max(0, round(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


def _stamp(values) -> Stamp:
    size, mtime, inode, ctime = (int(v) for v in values)
    return size, mtime, inode, ctime
