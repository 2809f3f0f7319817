"""The kiosk's and `kiosk check`'s side of studying voices: one child process a voice.

Voices are few (a handful a portrait) and each is studied once, then kept in the
cache (kiosk.content.voicecache): a process started for each costs a quarter of a
second and gives every recording a fresh decoder, memory limit and time limit.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from kiosk.catalogue import N_
from kiosk.content.voices import ACCEPTED_NAMES, Voice
from kiosk.content.voicestudy import VoiceStudy
from kiosk.workers.child import MEMORY_LIMIT_VARIABLE

CHILD_MODULE = "kiosk.workers.voice_child"  # by name: importing it would load PyAV here
MEMORY_LIMIT = 1024**3
TIME_LIMIT = 300.0  # ten minutes of sound decode twice and encode once in well under this
CRASH_MESSAGE = N_(
    "the program that reads recordings stopped on this file (it may be damaged): export it again as {formats}"
).format(formats=ACCEPTED_NAMES)


class VoiceStudyBug(RuntimeError):
    """The child met an exception no file explains (its traceback is the message)."""


def study(
    folder: str,
    voice: Voice,
    *,
    max_seconds: float,
    target_lufs: float,
    copy_to: str | None = None,
    time_limit: float = TIME_LIMIT,
) -> VoiceStudy:
    """Study `voice` of the portrait folder `folder` in a child; with `copy_to`, also
    write the copy the kiosk plays there. Raises OSError for files that cannot be read
    now, VoiceStudyBug for a bug."""
    job = {
        "folder": folder,
        "voice": voice.as_plain(),
        "max_seconds": max_seconds,
        "target_lufs": target_lufs,
        "copy_to": copy_to,
    }
    environment = {**os.environ, MEMORY_LIMIT_VARIABLE: str(MEMORY_LIMIT)}
    try:
        done = subprocess.run(
            [sys.executable, "-m", CHILD_MODULE],
            input=json.dumps(job, ensure_ascii=True).encode("ascii") + b"\n",
            capture_output=True,
            timeout=time_limit,
            env=environment,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return VoiceStudy(
            None,
            N_("reading the recording took longer than {seconds} s: {problem}").format(
                seconds=f"{time_limit:.0f}", problem=CRASH_MESSAGE
            ),
            {},
            {},
        )
    try:
        reply = json.loads(done.stdout.splitlines()[-1])
    except (IndexError, ValueError):
        return VoiceStudy(None, CRASH_MESSAGE, {}, {})
    if reply.get("outcome") == "os_error":
        raise OSError(str(reply.get("message")))
    if reply.get("outcome") != "done":
        raise VoiceStudyBug(str(reply.get("message")))
    return VoiceStudy.from_plain(reply["study"])
