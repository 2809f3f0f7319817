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

import logging
import threading
from collections import deque
from pathlib import Path

from PySide6.QtCore import QObject, QThreadPool, QTimer, QUrl, Signal
from PySide6.QtGui import QImageReader

from kiosk.catalogue import N_
from kiosk.content.photocache import Fit, PhotoCache, Request, identity_in, photo_identity, request_for
from kiosk.content.portraits import Portrait
from kiosk.qt.preparing import (
    BROKEN,
    CACHE_FULL,
    DONE,
    STAND_IN_FULL,
    TOO_SLOW,
    PreparationJob,
    Priority,
)
from kiosk.workers.pool import InChildProcesses, InThread, preparation_for

log = logging.getLogger(__name__)
SHOWN = ("photo", "backdrop")  # what a portrait needs before it may enter the cycle
IDLE_CHILD_S = 30  # a photo-preparing process with nothing to do this long is ended
RETRY_S = 60  # a photo that took too long, and a cache that took no more pictures, are tried again
SLOW_TRIES = 3  # a photo that took too long this many times over is the photo's fault
TRIM_STAND_IN_EVERY = 20  # pictures prepared into the stand-in folder between two trims
SLOW_PHOTO = N_("{problem}, {times} times: export it again as JPEG, 4000 pixels on the long side")


class PhotoPreparer(QObject):
    """Answers "which URL shows this picture?" and prepares what is not ready yet."""

    prepared = Signal(str)  # the identity of a photo with a new picture ready
    failed = Signal(str, str)  # identity, what is wrong with the photo
    # file name, identity, error ("" on success), how it ended: worker -> GUI thread
    _done = Signal(str, str, str, str)

    def __init__(
        self,
        cache: PhotoCache,
        page: Fit,
        parent=None,
        preparation: InChildProcesses | InThread | None = None,
    ) -> None:
        super().__init__(parent)
        self.cache = cache
        # Where photos are drawn, in device pixels (kiosk.qt.app asks the layout): each
        # photo is prepared at the box its shape earns on this page.
        self.page = page
        self._former_page: Fit | None = None
        self._shapes: dict[str, float] = {}  # a prepared picture's name: its width / height
        # Each worker thread hands its photo to a child process and waits (see
        # kiosk.workers): two cores, two workers, two children.
        self.preparation = preparation or preparation_for(cache)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._end_idle = QTimer(self, interval=IDLE_CHILD_S * 1000 // 3)
        self._end_idle.timeout.connect(self._end_idle_children)
        self._end_idle.start()
        self._jobs: dict[str, PreparationJob] = {}
        # A finished job's thread may still be unwinding when its signal arrives here:
        # keep the last ones alive a while longer instead of freeing them at once.
        self._retired: deque[PreparationJob] = deque(maxlen=32)
        self._failed: set[str] = set()
        self._urgent: set[str] = set()
        self._slow: dict[str, int] = {}  # file name: how many times it took too long
        self._later: dict[str, Request] = {}  # tried again at the next retry
        self._stored_in_stand_in = 0
        self.cache_problem = ""  # what staff are told while the cache takes no pictures
        self._retry = QTimer(self, interval=RETRY_S * 1000)
        self._retry.timeout.connect(self._try_again)
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
        request = request_for(portrait, kind, self.page)
        located = self._locate(request, Priority.NORMAL)
        if located:
            return located
        if kind == "photo" and self._former_page is not None:
            # The screen was turned or resized: the picture made for the former page is
            # shown (scaled) until the new one is ready, rather than no photo at all.
            former = self.cache.locate(request_for(portrait, kind, self._former_page))
            if former is not None:
                return _url_of(former)
        return ""

    def close_up_url(self, portrait: Portrait, screen: tuple[int, int]) -> str:
        """The photo at the screen's size, for the full-screen view: its URL when it is
        ready; otherwise "" and it is being prepared, before anything else."""
        return self._locate(request_for(portrait, "full", screen), Priority.URGENT)

    def _locate(self, request: Request, priority: int) -> str:
        """The picture's URL when it is ready; otherwise "" and it is being prepared."""
        # Asks the disk itself: a technician may have deleted the cache meanwhile, and a
        # damaged picture is dropped there.
        located = self.cache.locate(request)
        self._learn(request.file_name, request.identity, located is not None)
        if located is not None:
            return _url_of(located)
        self._start(request, priority)
        return ""

    def drop(self, url: str) -> str | None:
        """Qt could not load this prepared picture (damaged on the disk): it is deleted and
        prepared again; returns its photo's identity, or None if it is not a cache's."""
        if not url:
            return None
        path = Path(QUrl(url).toLocalFile())
        if not self.cache.drop(path):
            return None
        identity = identity_in(path.name)
        log.warning("a prepared picture did not load (%s): preparing it again", path.name)
        self._learn(path.name, identity, False)
        return identity

    def set_page(self, page: Fit, *, pictures_shown: bool = True) -> bool:
        """Photos are drawn on `page` from now on; returns whether that is a change.
        Their pictures are prepared again for it as they are asked for; with
        `pictures_shown`, those of the former page stand in for them meanwhile."""
        if page == self.page:
            return False
        self._former_page = self.page if pictures_shown else None
        self.page = page
        self._shown_ready.clear()  # derived from the page
        return True

    def shape(self, portrait: Portrait) -> float:
        """The width / height of the portrait's photo as prepared, 0 until it is: the page
        lays itself out for it before the picture loads, so nothing moves when it does."""
        for page in (self.page, self._former_page):
            if page is None:
                continue
            request = request_for(portrait, "photo", page)
            shape = self._shapes.get(request.file_name)
            if shape is None:
                located = self.cache.locate(request)
                shape = _shape_of(located) if located is not None else 0.0
                if shape:
                    self._shapes[request.file_name] = shape
            if shape:
                return shape
        return 0.0

    def is_ready(self, portrait: Portrait) -> bool:
        """The pictures a portrait needs before it may enter the cycle are prepared."""
        identity = photo_identity(portrait)
        known = self._shown_ready.get(identity)
        if known is None:
            known = all(self._is_present(request_for(portrait, kind, self.page)) for kind in SHOWN)
            self._shown_ready[identity] = known
        return known

    def prefetch(self, portrait: Portrait, kinds=SHOWN, priority: int = Priority.NORMAL) -> None:
        for kind in kinds:
            request = request_for(portrait, kind, self.page)
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
        wanted = {request_for(p, kind, self.page).file_name for p in portraits for kind in SHOWN}
        for name in self._urgent - wanted:
            job = self._jobs.get(name)
            if job is not None and self._pool.tryTake(job):
                with self._lock:
                    self._jobs.pop(name, None)
        self._urgent = wanted
        for portrait in portraits:
            self.prefetch(portrait, SHOWN, Priority.URGENT)

    def forget_failures(self) -> None:
        """Try failed pictures again when asked (after the collection was unreachable, or
        from the admin panel): a photo blamed for being slow gets its three tries again."""
        with self._lock:
            self._failed.clear()
        self._slow.clear()

    def wait_idle(self, msecs: int = 30_000) -> bool:
        return self._pool.waitForDone(msecs)

    def stop(self, msecs: int = 5_000) -> bool:
        """Drop the jobs not started yet and wait for the running ones (at most one photo
        each): stopping must not wait for a thousand queued photos."""
        self._pool.clear()
        with self._lock:
            self._jobs.clear()
        self._end_idle.stop()
        self._retry.stop()
        self.preparation.close()  # the running jobs end with their children
        return self._pool.waitForDone(msecs)

    def _end_idle_children(self) -> None:
        self.preparation.end_idle(IDLE_CHILD_S)

    def _start(self, request: Request, priority: int) -> None:
        name = request.file_name
        with self._lock:
            if name in self._jobs or name in self._failed:
                return
            job = self._jobs[name] = PreparationJob(self.preparation, request, self._done)
        job.setAutoDelete(False)  # kept in _jobs so that it can be taken back
        self._pool.start(job, priority)

    def _on_done(self, name: str, identity: str, error: str, outcome: str) -> None:
        with self._lock:
            job = self._jobs.pop(name, None)
            if outcome == BROKEN:
                self._failed.add(name)
        if job is not None:
            self._retired.append(job)
        if outcome == DONE:
            self._prepared(name, identity)
        elif outcome == BROKEN:
            self.failed.emit(identity, error)
        elif outcome == TOO_SLOW and job is not None:
            self._too_slow(job.request, error)
        elif outcome == CACHE_FULL and job is not None:
            self._cache_full(job.request, error)
        elif outcome == STAND_IN_FULL and job is not None:
            self.cache.trim_stand_in()  # room is made, and the photo tried again later
            self._later[name] = job.request
            self._retry.start()
        else:
            # Gone, or its disk or share went away: the next look that sees it asks again.
            log.info("photo not readable now (%s); will try again when it is seen again", error)

    def _prepared(self, name: str, identity: str) -> None:
        self._slow.pop(name, None)
        self._learn(name, identity, True)
        self.prepared.emit(identity)
        if self.cache.stand_in is not None:
            self._stored_in_stand_in += 1
            if self._stored_in_stand_in % TRIM_STAND_IN_EVERY == 0:
                self.cache.trim_stand_in()

    def _too_slow(self, request: Request, error: str) -> None:
        """Two helpers in a row took too long: a stalled helper or share as likely as a
        slow photo. Tried again later; only a photo slow every time is its own fault."""
        times = self._slow[request.file_name] = self._slow.get(request.file_name, 0) + 1
        if times >= SLOW_TRIES:
            with self._lock:
                self._failed.add(request.file_name)
            self.failed.emit(request.identity, SLOW_PHOTO.format(problem=error, times=times))
            return
        log.warning("photo %s: %s; trying again in %d s", request.source, error, RETRY_S)
        self._later[request.file_name] = request
        self._retry.start()

    def _cache_full(self, request: Request, error: str) -> None:
        """The cache folder takes no more pictures: they go to a stand-in folder (in
        memory) until it does, and the photo is prepared again at once."""
        if self.cache.stand_in is not None or self.cache.use_stand_in() is not None:
            self._say_cache_problem(
                N_(
                    "the photo cache {problem}: photos are prepared in {folder} instead "
                    "(in memory, fewer kept) until it takes them again; free some space on its disk "
                    "or make it writable"
                ).format(problem=error, folder=self.cache.stand_in)
            )
            self._start(request, Priority.NORMAL)  # a job that ran before the switch, too
        else:
            self._say_cache_problem(
                N_("the photo cache {problem}, and no other folder takes pictures either").format(
                    problem=error
                )
            )
            self._later[request.file_name] = request
        self._retry.start()  # to try the cache folder itself again

    def _say_cache_problem(self, problem: str) -> None:
        """Once in the log (and in the admin panel for as long as it lasts)."""
        if not self.cache_problem:
            log.warning("problem photo cache: %s", problem)
            self.cache_problem = problem

    def _try_again(self) -> None:
        if self.cache.stand_in is not None and self.cache.try_folder_again():
            log.info("photo cache writable again: %s", self.cache.folder)
            self.cache_problem = ""
        later, self._later = self._later, {}
        for request in later.values():
            self._start(request, Priority.WHEN_IDLE)
        if not self._later and self.cache.stand_in is None:
            self._retry.stop()


def _url_of(path: Path) -> str:
    return QUrl.fromLocalFile(str(path)).toString()


def _shape_of(path: Path) -> float:
    """A prepared picture's width / height, from its header (our own file, a few kilobytes read)."""
    size = QImageReader(str(path)).size()
    return size.width() / size.height() if size.isValid() and not size.isEmpty() else 0.0
