"""What the kiosk keeps of a voice once its recording has been studied (by
kiosk.content.recordings, in a child): its length and loudness, the gain of the copy
it plays, its captions, and what curators are told of it.

Apart from the decoding so that the kiosk's own process never loads PyAV: its FFmpeg
would take 24 MB there, beside the one Qt Multimedia brings.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from kiosk.catalogue import N_
from kiosk.content.problems import Problem, ProblemList
from kiosk.content.voices import Cue, Voice

TRUE_PEAK_CEILING_DBTP = -1.0


@dataclass(frozen=True)
class RecordingFacts:
    seconds: float
    loudness_lufs: float
    true_peak_dbtp: float


def gain_for(facts: RecordingFacts, target_lufs: float) -> float:
    """The gain (dB) that brings the recording to `target_lufs` without its true peak
    going above the ceiling: the ceiling wins when both cannot hold."""
    return min(target_lufs - facts.loudness_lufs, TRUE_PEAK_CEILING_DBTP - facts.true_peak_dbtp)


@dataclass(frozen=True)
class VoiceStudy:
    """All the kiosk needs to know of one voice, read once from its files."""

    facts: RecordingFacts | None  # None when the recording cannot be played
    problem: str  # the recording's, when facts is None
    captions: dict[str, tuple[Cue, ...]]  # by the language they are written in
    caption_problems: dict[str, str]  # by file name: captions that are not used
    gain_db: float = 0.0  # what the played copy adds
    shortfall_db: float = 0.0  # how far below the target the copy stays (its peaks)

    def to_plain(self) -> dict:
        return {
            "facts": None if self.facts is None else list(dataclasses.astuple(self.facts)),
            "problem": self.problem,
            "captions": {k: [[c.start, c.end, c.text] for c in v] for k, v in self.captions.items()},
            "caption_problems": self.caption_problems,
            "gain_db": self.gain_db,
            "shortfall_db": self.shortfall_db,
        }

    @classmethod
    def from_plain(cls, data: dict) -> VoiceStudy:
        facts = data["facts"]
        return cls(
            None if facts is None else RecordingFacts(*(float(v) for v in facts)),
            str(data["problem"]),
            {
                str(k): tuple(Cue(float(s), float(e), str(t)) for s, e, t in v)
                for k, v in data["captions"].items()
            },
            {str(k): str(v) for k, v in data["caption_problems"].items()},
            float(data["gain_db"]),
            float(data["shortfall_db"]),
        )


def loudness_warning(study: VoiceStudy, target_lufs: float) -> str:
    """What `kiosk check` says of a recording too quiet to reach the target, or ''."""
    if study.facts is None or study.shortfall_db < 0.5:
        return ""
    return N_(
        "the recording is quiet ({loudness} LUFS) and its loudest peaks leave no room to raise it "
        "to {target} LUFS without distortion: it stays {shortfall} dB quieter than the other "
        "recordings. Record it again nearer the microphone, or have its peaks softened "
        "(compressed) in an audio editor"
    ).format(
        loudness=f"{study.facts.loudness_lufs:.1f}",
        target=f"{target_lufs:.0f}",
        shortfall=f"{study.shortfall_db:.1f}",
    )


def voice_problems(folder_id: str, voice: Voice, study: VoiceStudy, target_lufs: float) -> list[Problem]:
    """What is wrong with one voice, for curators: each a warning naming its file."""
    problems = ProblemList(folder_id)
    if study.facts is None:
        problems.warning(
            N_("{problem}; the portrait is shown without this voice").format(problem=study.problem),
            file=voice.file,
        )
    for name, message in study.caption_problems.items():
        problems.warning(
            N_("{problem}; the recording plays without these captions").format(problem=message), file=name
        )
    quiet = loudness_warning(study, target_lufs)
    if quiet:
        problems.warning(quiet, file=voice.file)
    return problems.items
