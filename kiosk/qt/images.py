"""PhotoPreparer: display-ready pictures for QML, prepared off the GUI thread.

This is the one seam between QML and photo decoding. QML gets `file:` URLs
of prepared copies (see kiosk.content.photocache) and loads them with Qt's
own reader. No Python runs on Qt's image-reader thread: a Python image
provider there deadlocks when the GUI thread, holding the GIL, waits on the
reader's lock (seen here with QQuickAsyncImageProvider and PySide6 6.12).
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QUrl, Signal

from kiosk.content.photocache import PhotoCache, Request, request_for
from kiosk.content.photos import PhotoError
from kiosk.content.portraits import Portrait

log = logging.getLogger(__name__)
KINDS = ("photo", "thumb", "backdrop")


class PhotoPreparer(QObject):
    """Answers "which URL shows this picture?" and prepares what is not ready yet."""

    prepared = Signal(str)  # the identity of a photo with a new picture ready
    _done = Signal(str, str, bool)  # file name, identity, success: from a worker to the GUI thread

    def __init__(self, cache: PhotoCache, screen: tuple[int, int], parent=None) -> None:
        super().__init__(parent)
        self.cache = cache
        self.screen = screen
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._queued: set[str] = set()
        self._failed: set[str] = set()
        self._lock = threading.Lock()
        self._done.connect(self._on_done)

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._queued)

    def url(self, portrait: Portrait, kind: str) -> str:
        """The picture's URL when it is ready; otherwise "" and it is being prepared."""
        request = request_for(portrait, kind, self.screen)
        if self.cache.ready(request):
            return QUrl.fromLocalFile(str(self.cache.path(request))).toString()
        self._start(request)
        return ""

    def prefetch(self, portrait: Portrait, kinds=KINDS) -> None:
        for kind in kinds:
            request = request_for(portrait, kind, self.screen)
            if not self.cache.ready(request):
                self._start(request)

    def wait_idle(self, msecs: int = 30_000) -> bool:
        return self._pool.waitForDone(msecs)

    def _start(self, request: Request) -> None:
        name = request.file_name
        with self._lock:
            if name in self._queued or name in self._failed:
                return
            self._queued.add(name)
        self._pool.start(_Job(self.cache, request, self._done))

    def _on_done(self, name: str, identity: str, success: bool) -> None:
        with self._lock:
            self._queued.discard(name)
            if not success:
                self._failed.add(name)
        if success:
            self.prepared.emit(identity)


class _Job(QRunnable):
    def __init__(self, cache: PhotoCache, request: Request, done) -> None:
        super().__init__()
        self.cache, self.request, self.done = cache, request, done

    def run(self) -> None:
        try:
            self.cache.prepare(self.request)
            success = True
        except (PhotoError, OSError) as exc:
            # The photo broke or vanished since the scan: the page keeps its backdrop.
            log.warning(
                "photo %s could not be prepared: %s", self.request.source, getattr(exc, "message", exc)
            )
            success = False
        self.done.emit(self.request.file_name, self.request.identity, success)
