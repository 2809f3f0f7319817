"""A voice-studying child: `python -m kiosk.workers.voice_child`, one voice per run.

It reads one job (a JSON line) from stdin, decodes and measures the recording, reads
its captions, writes the copy the kiosk plays when asked to, and says how it went in
one JSON line. FFmpeg is C code reading curators' files: whatever it does, it does
here, not in the screen's process.
"""

from __future__ import annotations

import json
import os
import sys
import traceback

from kiosk.content.recordings import study_voice, write_copy
from kiosk.content.voices import Voice
from kiosk.workers.child import set_up_child


def answer(job: dict) -> dict:
    voice = Voice.from_plain(job["voice"])
    folder = str(job["folder"])
    try:
        study = study_voice(
            folder, voice, max_seconds=float(job["max_seconds"]), target_lufs=float(job["target_lufs"])
        )
        if job.get("copy_to") and study.facts is not None:
            write_copy(os.path.join(folder, voice.file), study.gain_db, str(job["copy_to"]))
    except OSError as exc:
        return {"outcome": "os_error", "message": str(exc)}
    return {"outcome": "done", "study": study.to_plain()}


def main() -> None:
    set_up_child()
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="ascii")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # what FFmpeg prints is not an answer
    try:
        reply = answer(json.loads(sys.stdin.readline()))
    except Exception:  # noqa: BLE001 - the parent reports it as the bug it is
        reply = {"outcome": "bug", "message": traceback.format_exc()}
    answers.write(json.dumps(reply, ensure_ascii=True) + "\n")
    answers.flush()


if __name__ == "__main__":
    main()
