"""PhotoPreparer: display-ready pictures for QML, prepared off the GUI thread.

This is the one seam between QML and photo decoding. QML gets `file:` URLs
of prepared copies (see kiosk.content.photocache), made by child processes
(kiosk.workers): no curator's photo is decoded in the kiosk's own
process. Qt's own reader loads the prepared copies. No Python runs on Qt's
image-reader thread: a Python image provider there (QQuickAsyncImageProvider
included, PySide6 6.12) deadlocks when the GUI thread, holding the GIL, waits on
the reader's lock.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections import deque
from enum import IntEnum

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, QUrl, Signal

from kiosk.content.photocache import PhotoCache, Request, photo_identity, request_for
from kiosk.content.portraits import Portrait
from kiosk.content.problems import ContentError
from kiosk.workers.pool import InChildProcesses, InThread, PreparationStopped, preparation_for

log = logging.getLogger(__name__)
SHOWN = ("photo", "backdrop")  # what a portrait needs before it may enter the cycle


class Priority(IntEnum):
    """How soon a picture is wanted (QThreadPool priorities: higher runs first)."""

    WHEN_IDLE = 0  # every portrait of the collection, prepared ahead
    NORMAL = 1  # asked for by QML now
    URGENT = 2  # the pages a swipe shows next


WORKER_NICENESS = 10  # Linux: per-thread nice; the GUI thread stays at 0
IDLE_CHILD_S = 30  # a photo-preparing process with nothing to do this long is ended


class PhotoPreparer(QObject):
    """Answers "which URL shows this picture?" and prepares what is not ready yet."""

    prepared = Signal(str)  # the identity of a photo with a new picture ready
    failed = Signal(str, str)  # identity, what is wrong with the photo
    # file name, identity, error ("" on success), whether the error lasts: worker -> GUI thread
    _done = Signal(str, str, str, bool)

    def __init__(
        self,
        cache: PhotoCache,
        photo_box: tuple[int, int],
        parent=None,
        preparation: InChildProcesses | InThread | None = None,
    ) -> None:
        super().__init__(parent)
        self.cache = cache
        # The size photos are drawn at, in device pixels (kiosk.qt.app asks the layout).
        self.photo_box = photo_box
        self._former_box: tuple[int, int] | None = None
        # Each worker thread hands its photo to a child process and waits (see
        # kiosk.workers): two cores, two workers, two children.
        self.preparation = preparation or preparation_for(cache)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._end_idle = QTimer(self, interval=IDLE_CHILD_S * 1000 // 3)
        self._end_idle.timeout.connect(self._end_idle_children)
        self._end_idle.start()
        self._jobs: dict[str, _Job] = {}
        # A finished job's thread may still be unwinding when its signal arrives here:
        # keep the last ones alive a while longer instead of freeing them at once.
        self._retired: deque[_Job] = deque(maxlen=32)
        self._failed: set[str] = set()
        self._urgent: set[str] = set()
        # File name: in the cache (see _is_present). One listing to start with: asking for
        # each picture of 4000 portraits in turn took 110 ms before the first was drawn.
        self._present: dict[str, bool] = dict.fromkeys(cache.picture_names(), True)
        # identity: all SHOWN pictures present. Admission asks it of every portrait each time
        # (27 ms for 4000 portraits without it); forgotten whenever _present changes.
        self._shown_ready: dict[str, bool] = {}
        self._lock = threading.Lock()
        self._done.connect(self._on_done)

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._jobs)

    def url(self, portrait: Portrait, kind: str) -> str:
        """The picture's URL when it is ready; otherwise "" and it is being prepared."""
        request = request_for(portrait, kind, self.photo_box)
        # Asks the disk itself: a technician may have deleted the cache meanwhile.
        if self._learn(request.file_name, request.identity, self.cache.ready(request)):
            return self._url_of(request)
        self._start(request, Priority.NORMAL)
        if kind == "photo" and self._former_box is not None:
            # The screen was turned or resized: the picture made for the former size is
            # shown (scaled) until the new one is ready, rather than no photo at all.
            former = request_for(portrait, kind, self._former_box)
            if self.cache.ready(former):
                return self._url_of(former)
        return ""

    def set_photo_box(self, box: tuple[int, int], *, pictures_shown: bool = True) -> bool:
        """Photos are drawn at `box` from now on; returns whether that is a change.
        Their pictures are prepared again at that size as they are asked for; with
        `pictures_shown`, those of the former size stand in for them meanwhile."""
        if box == self.photo_box:
            return False
        self._former_box = self.photo_box if pictures_shown else None
        self.photo_box = box
        self._shown_ready.clear()  # derived from the box
        return True

    def _url_of(self, request: Request) -> str:
        return QUrl.fromLocalFile(str(self.cache.path(request))).toString()

    def is_ready(self, portrait: Portrait) -> bool:
        """The pictures a portrait needs before it may enter the cycle are prepared."""
        identity = photo_identity(portrait)
        known = self._shown_ready.get(identity)
        if known is None:
            known = all(self._is_present(request_for(portrait, kind, self.photo_box)) for kind in SHOWN)
            self._shown_ready[identity] = known
        return known

    def prefetch(self, portrait: Portrait, kinds=SHOWN, priority: int = Priority.NORMAL) -> None:
        for kind in kinds:
            request = request_for(portrait, kind, self.photo_box)
            if not self._is_present(request):
                self._start(request, priority)

    def _is_present(self, request: Request) -> bool:
        """Whether the picture is in the cache, asking the disk once: admission asks this
        of every waiting portrait each time, and 2000 stat calls stalled the screen.
        Only our own jobs add pictures, and they update the answer."""
        known = self._present.get(request.file_name)
        if known is None:
            known = self._learn(request.file_name, request.identity, self.cache.ready(request))
        return known

    def _learn(self, file_name: str, identity: str, present: bool) -> bool:
        """Note whether a picture is in the cache; returns `present`."""
        self._present[file_name] = present
        self._shown_ready.pop(identity, None)  # derived from _present: asked again when needed
        return present

    def prefetch_urgently(self, portraits: list[Portrait]) -> None:
        """The pictures a visitor is about to see; the previous urgent ones that have
        not started yet are dropped (the visitor has moved on)."""
        wanted = {request_for(p, kind, self.photo_box).file_name for p in portraits for kind in SHOWN}
        for name in self._urgent - wanted:
            job = self._jobs.get(name)
            if job is not None and self._pool.tryTake(job):
                with self._lock:
                    self._jobs.pop(name, None)
        self._urgent = wanted
        for portrait in portraits:
            self.prefetch(portrait, SHOWN, Priority.URGENT)

    def forget_failures(self) -> None:
        """Try failed pictures again when asked (after the collection was unreachable)."""
        with self._lock:
            self._failed.clear()

    def wait_idle(self, msecs: int = 30_000) -> bool:
        return self._pool.waitForDone(msecs)

    def stop(self, msecs: int = 5_000) -> bool:
        """Drop the jobs not started yet and wait for the running ones (at most one photo
        each): stopping must not wait for a thousand queued photos."""
        self._pool.clear()
        with self._lock:
            self._jobs.clear()
        self._end_idle.stop()
        self.preparation.close()  # the running jobs end with their children
        return self._pool.waitForDone(msecs)

    def _end_idle_children(self) -> None:
        self.preparation.end_idle(IDLE_CHILD_S)

    def _start(self, request: Request, priority: int) -> None:
        name = request.file_name
        with self._lock:
            if name in self._jobs or name in self._failed:
                return
            job = self._jobs[name] = _Job(self.preparation, request, self._done)
        job.setAutoDelete(False)  # kept in _jobs so that it can be taken back
        self._pool.start(job, priority)

    def _on_done(self, name: str, identity: str, error: str, lasting: bool) -> None:
        with self._lock:
            job = self._jobs.pop(name, None)
            if error and lasting:
                self._failed.add(name)
        if job is not None:
            self._retired.append(job)
        if not error:
            self._learn(name, identity, True)
            self.prepared.emit(identity)
        elif lasting:
            self.failed.emit(identity, error)
        else:
            # Gone, or its disk or share went away: the next look that sees it asks again.
            log.info("photo not readable now (%s); will try again when it is seen again", error)


class FileChangedError(OSError):
    """A photo being replaced: not broken, its folder's next reading brings the new one."""


_niced = threading.local()


def _yield_to_the_screen() -> None:
    """Lower this worker thread's CPU priority, once: on a two-core kiosk, two busy
    decoders otherwise take the cores from the GUI thread and animations stutter."""
    if getattr(_niced, "done", False):
        return
    _niced.done = True
    # Not Linux, or not allowed: the kiosk still works, a little less smoothly.
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), WORKER_NICENESS)


class _Job(QRunnable):
    def __init__(self, preparation: InChildProcesses | InThread, request: Request, done) -> None:
        super().__init__()
        self.preparation, self.request, self.done = preparation, request, done

    def run(self) -> None:
        _yield_to_the_screen()
        error, lasting = "", False
        try:
            if self.request.source_changed():
                raise FileChangedError("the photo changed since its folder was read")
            self.preparation.prepare(self.request)
            if self.request.source_changed():  # replaced while we read it: a mix, not a picture
                self.preparation.cache.forget(self.request)
                raise FileChangedError("the photo changed while it was prepared")
        except ContentError as exc:  # broken, or not a file: this version stays out of the cycle
            error, lasting = exc.message, not self.request.source_changed()
        except PreparationStopped:
            return
        except OSError as exc:  # vanished or changing since the scan, or its share dropped
            error = str(exc)
        # RuntimeError: the preparer was deleted, the kiosk is stopping.
        with contextlib.suppress(RuntimeError):
            self.done.emit(self.request.file_name, self.request.identity, error, lasting)
