"""Studied voices and the copies the kiosk plays, kept in the kiosk's cache folder.

A voice is studied once for each version of its files: the key holds the folder, the
names and stamps of the recording and its captions, the loudness target and the code
that studies. `<key>.json` is the study, `<key>.ogg` the copy; both are written under
a temporary name and renamed, so a half-written one is never read.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from kiosk.content.voicestudy import VoiceStudy
from kiosk.content.voices import Voice

FORMAT = 1
FOLDER_NAME = "voices"
COPY_SUFFIX = ".ogg"


class VoiceCache:
    def __init__(self, cache_folder: str | os.PathLike) -> None:
        self.folder = Path(cache_folder) / FOLDER_NAME

    def key(self, portrait_folder: str, voice: Voice, *, max_seconds: float, target_lufs: float) -> str:
        parts = [
            FORMAT,
            _code_version(),
            os.path.abspath(portrait_folder),
            voice.as_plain(),
            max_seconds,
            target_lufs,
        ]
        text = json.dumps(parts, ensure_ascii=True, sort_keys=True)
        return hashlib.sha1(text.encode("ascii")).hexdigest()[:24]

    def copy_path(self, key: str) -> Path:
        return self.folder / f"{key}{COPY_SUFFIX}"

    def load(self, key: str) -> VoiceStudy | None:
        """The saved study, when it and (for a playable voice) its copy are there."""
        try:
            with open(self.folder / f"{key}.json", encoding="ascii") as handle:
                study = VoiceStudy.from_plain(json.load(handle))
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return None
        if study.facts is not None and not self.copy_path(key).is_file():
            return None
        return study

    def partial_copy(self, key: str) -> Path:
        """Where a child writes the copy before it is renamed into place (see keep)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        return self.folder / f".{key}.partial{COPY_SUFFIX}"

    def keep(self, key: str, study: VoiceStudy) -> None:
        """Save `study`, and move its copy (written at partial_copy) into place."""
        partial = self.partial_copy(key)
        if study.facts is not None:
            os.replace(partial, self.copy_path(key))
        else:
            partial.unlink(missing_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".part")
        try:
            with os.fdopen(handle, "w", encoding="ascii") as out:
                json.dump(study.to_plain(), out)
            os.replace(temporary, self.folder / f"{key}.json")
        except BaseException:
            os.unlink(temporary)
            raise


@lru_cache(maxsize=1)
def _code_version() -> str:
    digest = hashlib.sha1()
    for name in ("recordings.py", "voices.py", "voicestudy.py"):
        digest.update((Path(__file__).parent / name).read_bytes())
    return digest.hexdigest()
