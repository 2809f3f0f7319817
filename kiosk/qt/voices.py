"""VoiceLibrary: the collection's voices, studied and copied at the kiosk's loudness
in the background, one at a time, the portrait on screen first.

A voice is ready once its study is in the cache (kiosk.content.voicecache) with the
copy the kiosk plays; until then its portrait shows no Listen control. Problems go
to the log once for each version of a voice's files.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections import deque
from dataclasses import dataclass

from PySide6.QtCore import QObject, QUrl, Signal

from kiosk.content.portraits import Portrait
from kiosk.content.voicecache import VoiceCache
from kiosk.content.voices import Cue, Voice
from kiosk.content.voicestudy import VoiceStudy, voice_problems
from kiosk.settings import Settings
from kiosk.workers import voices as voice_workers

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PlayableVoice:
    spoken: str
    url: str  # of the copy at the kiosk's loudness
    seconds: float
    captions: dict[str, tuple[Cue, ...]]  # by the language they are written in


class VoiceLibrary(QObject):
    """Thread-safe: `want` from the GUI thread, studies in one worker thread.

    Made without a Qt parent: its worker may still be in a study when the kiosk's
    engine is deleted, and the signal it then emits must still have its object."""

    ready = Signal(str)  # a portrait id: one of its voices can be played now

    def __init__(self, cache_folder: str | os.PathLike, settings: Settings, parent=None) -> None:
        super().__init__(parent)
        self.cache = VoiceCache(cache_folder)
        self.max_seconds = settings.voice_max_minutes * 60
        self.target_lufs = settings.voice_loudness_lufs
        self._playable: dict[str, dict[str, PlayableVoice]] = {}
        self._keys: dict[str, set[str]] = {}  # the versions asked for, by portrait id
        self._queue: deque[tuple[Portrait, Voice, str]] = deque()
        self._queued: set[str] = set()
        self._told: set[str] = set()
        self._lock = threading.Condition()
        self._stopped = False
        self._worker: threading.Thread | None = None

    def voices_of(self, portrait_id: str) -> dict[str, PlayableVoice]:
        with self._lock:
            return dict(self._playable.get(portrait_id, {}))

    def want(self, portraits: list[Portrait], *, first: bool = False) -> None:
        """Have these portraits' voices ready; `first`: before every other waiting."""
        for portrait in portraits:
            keys = {
                voice: self.cache.key(
                    portrait.folder, voice, max_seconds=self.max_seconds, target_lufs=self.target_lufs
                )
                for voice in portrait.voices
            }
            with self._lock:
                if self._keys.get(portrait.id) == set(keys.values()):
                    continue  # asked for already, in this version
                self._keys[portrait.id] = set(keys.values())
                self._playable.pop(portrait.id, None)  # an older version's voices
            for voice, key in keys.items():
                study = self.cache.load(key)
                if study is not None:
                    self._keep(portrait, voice, key, study)
                else:
                    self._enqueue(portrait, voice, key, first)

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            self._queue.clear()
            self._lock.notify_all()

    def coming(self, portrait_id: str) -> bool:
        """Whether a voice of this portrait is still waiting or being studied."""
        with self._lock:
            return not self._keys.get(portrait_id, set()).isdisjoint(self._queued)

    @property
    def pending(self) -> int:
        """Voices waiting or being studied."""
        with self._lock:
            return len(self._queued)

    def _enqueue(self, portrait: Portrait, voice: Voice, key: str, first: bool) -> None:
        with self._lock:
            if key in self._queued:
                if first:  # already waiting: to the front
                    self._queue = deque(sorted(self._queue, key=lambda item: item[0].id != portrait.id))
                return
            self._queued.add(key)
            (self._queue.appendleft if first else self._queue.append)((portrait, voice, key))
            if self._worker is None:
                self._worker = threading.Thread(target=self._work, name="voices", daemon=True)
                self._worker.start()
            self._lock.notify()

    def _work(self) -> None:
        while True:
            with self._lock:
                while not self._queue and not self._stopped:
                    self._lock.wait()
                if self._stopped:
                    return
                portrait, voice, key = self._queue.popleft()
            try:
                study = voice_workers.study(
                    portrait.folder,
                    voice,
                    max_seconds=self.max_seconds,
                    target_lufs=self.target_lufs,
                    copy_to=str(self.cache.partial_copy(key)),
                )
                self.cache.keep(key, study)
            except OSError as exc:
                # A share that dropped, a full cache: tried again when the folder changes.
                log.warning("voice %s/%s not prepared now: %s", portrait.id, voice.file, exc)
                with contextlib.suppress(OSError):  # no room kept on a full disk
                    self.cache.partial_copy(key).unlink(missing_ok=True)
                study = None
            with self._lock:
                self._queued.discard(key)
                if self._stopped:
                    return
            if study is not None:
                self._keep(portrait, voice, key, study)

    def _keep(self, portrait: Portrait, voice: Voice, key: str, study: VoiceStudy) -> None:
        if key not in self._told:
            self._told.add(key)
            for problem in voice_problems(portrait.id, voice, study, self.target_lufs):
                log.warning("problem %s", problem.as_line())
        if study.facts is None:
            return
        playable = PlayableVoice(
            voice.spoken,
            QUrl.fromLocalFile(str(self.cache.copy_path(key))).toString(),
            study.facts.seconds,
            study.captions,
        )
        with self._lock:
            self._playable.setdefault(portrait.id, {})[voice.spoken] = playable
        self.ready.emit(portrait.id)
