"""Studied voices and the copies the kiosk plays, kept in the kiosk's cache folder.

A voice is studied once for each version of its files: the key holds the folder, the
names and stamps of the recording and its captions, the loudness target and the code
that studies. `<key>.json` is the study, `<key>.ogg` the copy; both are written under
a temporary name and renamed, so a half-written one is never read. Edited recordings
leave their older versions behind: trim() lets the least recently used go, a study and
its copy together.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import tempfile
import time
from functools import lru_cache
from pathlib import Path

from kiosk.content.voices import Voice
from kiosk.content.voicestudy import VoiceStudy

FORMAT = 1
FOLDER_NAME = "voices"
COPY_SUFFIX = ".ogg"
STUDY_SUFFIX = ".json"
DEFAULT_BUDGET = 1024**3  # a day of recordings at 96 kb/s
STALE_PART_S = 600  # a partial file this old was left by a crash: a study takes seconds


class VoiceCache:
    def __init__(self, cache_folder: str | os.PathLike) -> None:
        self.folder = Path(cache_folder) / FOLDER_NAME
        self._writer = f"{os.getpid()}-{secrets.token_hex(3)}"  # names this cache's partial copies

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
            with open(self.folder / f"{key}{STUDY_SUFFIX}", encoding="ascii") as handle:
                study = VoiceStudy.from_plain(json.load(handle))
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return None
        if study.facts is not None:
            try:
                os.utime(self.copy_path(key))  # used: the last to go when trimmed
            except OSError:
                return None
        return study

    def trim(self, budget_bytes: int = DEFAULT_BUDGET) -> int:
        """Delete the least recently used voices until the folder fits `budget_bytes`;
        returns how many went. Partial files a crash left behind go too."""
        versions: dict[str, list[tuple[float, int, str]]] = {}
        try:
            listing = os.scandir(self.folder)
        except OSError:  # no voice studied yet
            return 0
        stale = time.time() - STALE_PART_S
        with listing:
            for entry in listing:
                with contextlib.suppress(OSError):
                    info = entry.stat(follow_symlinks=False)
                    if entry.name.startswith(".") or entry.name.endswith(".part"):
                        if info.st_mtime < stale:
                            os.unlink(entry.path)
                        continue
                    key, suffix = os.path.splitext(entry.name)
                    if suffix in (COPY_SUFFIX, STUDY_SUFFIX):
                        versions.setdefault(key, []).append((info.st_mtime, info.st_size, entry.path))
        total = sum(size for files in versions.values() for _, size, _ in files)
        deleted = 0
        for files in sorted(versions.values(), key=lambda files: max(stamp for stamp, _, _ in files)):
            if total <= budget_bytes:
                break
            for _, size, path in files:
                with contextlib.suppress(OSError):
                    os.unlink(path)
                total -= size
            deleted += 1
        return deleted

    def partial_copy(self, key: str) -> Path:
        """Where a child writes the copy before it is renamed into place (see keep); one
        per writer, so that two kiosks sharing a cache folder and preparing the same voice
        do not take each other's file away."""
        self.folder.mkdir(parents=True, exist_ok=True)
        return self.folder / f".{key}.{self._writer}.partial{COPY_SUFFIX}"

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
            os.replace(temporary, self.folder / f"{key}{STUDY_SUFFIX}")
        except BaseException:
            os.unlink(temporary)
            raise


@lru_cache(maxsize=1)
def _code_version() -> str:
    digest = hashlib.sha1()
    for name in ("recordings.py", "voices.py", "voicestudy.py"):
        digest.update((Path(__file__).parent / name).read_bytes())
    return digest.hexdigest()
