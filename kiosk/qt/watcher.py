"""CollectionWatcher: drives LiveCollection's looks with a timer and file-system hints.

The timer is the ground truth (inotify misses network mounts, overflows, and
QFileSystemWatcher forgets paths that were renamed or removed); events only
bring the next look forward and say which folder to check first.

Each look runs in a worker thread: its cost grows with the collection (7 ms for
1000 folders, 15 for 4000, more on a slow share) and on the GUI thread it held
up the carousel. One look at a time; the next is timed from the end of the last.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections import deque

from PySide6.QtCore import QFileSystemWatcher, QObject, QRunnable, QThreadPool, QTimer, Signal

from kiosk.content.live import LiveCollection, Look

log = logging.getLogger(__name__)
LOOK_MS = 500  # nothing happening: a look costs a few milliseconds for 1000 folders
SETTLING_MS = 250  # folders are being copied: look more often to catch the quiet moment
HINT_MS = 100  # after a file-system event: let a burst of events gather first
STOP_WAIT_MS = 5000  # a look on a share that stopped answering must not hold up the exit
# Folders given watches after each look, on the GUI thread: inotify takes about 30 us a
# path, three paths a folder, so 10 folders cost about 1 ms (4000 folders in 200 s).
WATCH_BATCH = 10


class CollectionWatcher(QObject):
    looked = Signal(object)  # a Look that changed something
    lookEnded = Signal()  # after every look, whether it changed anything or not
    _finished = Signal(object)  # from the worker: the Look, or the exception the look raised

    def __init__(self, live: LiveCollection, *, use_events: bool = True, parent=None) -> None:
        super().__init__(parent)
        self.live = live
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._look)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._job = _LookJob(live, self._finished)
        self._job.setAutoDelete(False)  # the same job runs every look
        self._finished.connect(self._on_look)
        self._looking = False
        self._hinted_while_looking = False
        self._stopped = False
        self._events: QFileSystemWatcher | None = None
        # Folders whose watches are still to be added, a batch at each look: adding
        # 3000 watches at once held the GUI thread for 80 ms.
        self._to_watch: deque[str] = deque()
        # What we have watches on, as far as we know: asking Qt for its whole list cost 3 ms
        # a look at 4000 folders. An event on a path may mean Qt dropped its watch (the
        # path was removed or replaced), and so may a folder's being read again (events
        # can be lost): either way its paths are watched again.
        self._watching: set[str] = set()
        if use_events:
            self._events = QFileSystemWatcher(self)
            self._events.directoryChanged.connect(self._on_event)
            self._events.fileChanged.connect(self._on_event)

    def start(self, folders: list[str]) -> None:
        self._to_watch.extend(folders)
        self._timer.start(LOOK_MS)

    def stop(self) -> None:
        """No more looks; waits a while for one in progress, whose result is dropped."""
        self._stopped = True
        self._timer.stop()
        self._pool.waitForDone(STOP_WAIT_MS)

    def _look(self) -> None:
        self._looking, self._hinted_while_looking = True, False
        self._pool.start(self._job)

    def _on_look(self, look) -> None:
        self._looking = False
        if self._stopped:
            return
        if isinstance(look, BaseException):
            raise look  # as if raised here: the kiosk's policy for uncaught errors applies
        # New and re-read folders first (their files may be new); everything after an outage.
        self._to_watch.extendleft([*look.appeared, *(reading.id for reading in look.read)])
        if look.came_back:
            self._watching.clear()  # an unmounted collection loses its watches
            self._to_watch.extend(self.live.folder_names())
        self._watch_some()
        if look.changed:
            self.looked.emit(look)
        self.lookEnded.emit()
        if self._hinted_while_looking:
            self._timer.start(HINT_MS)
        else:
            self._timer.start(SETTLING_MS if look.settling else LOOK_MS)

    def _on_event(self, path: str) -> None:
        self._watching.discard(path)
        inside = os.path.relpath(path, self.live.root)
        if inside != "." and not inside.startswith(".."):
            self.live.hint(inside.split(os.sep)[0])  # the portrait folder, for a file too
        if self._looking:
            self._hinted_while_looking = True
        elif self._timer.remainingTime() > HINT_MS:
            self._timer.start(HINT_MS)

    def _watch_some(self) -> None:
        """Watch the collection, the next folders and their files (again: Qt forgets a
        path that was removed or renamed). Files too, because a folder's watch does
        not see a file being rewritten in place."""
        if self._events is None:
            self._to_watch.clear()
            return
        folders = {self._to_watch.popleft() for _ in range(min(WATCH_BATCH, len(self._to_watch)))}
        wanted = [self.live.root]
        for name in folders:
            folder = os.path.join(self.live.root, name)
            wanted.append(folder)
            wanted.extend(os.path.join(folder, file) for file in _files(folder))
        self._watching.difference_update(wanted[1:])  # queued again: watched again
        missing = [path for path in wanted if path not in self._watching and os.path.exists(path)]
        if missing:
            refused = self._events.addPaths(missing)
            if refused:  # Qt refuses what it watches already: only the rest is refused
                watched = {*self._events.directories(), *self._events.files()}
                refused = [path for path in refused if path not in watched]
            self._watching.update(path for path in missing if path not in refused)
            if refused:
                # The system's limit of watches (fs.inotify.max_user_watches): looks still see everything.
                log.info(
                    "not watching %d files and folders for changes; the periodic looks still check them",
                    len(refused),
                )


def _files(folder: str) -> list[str]:
    try:
        with os.scandir(folder) as entries:
            return [
                e.name for e in entries if not e.name.startswith(".") and e.is_file(follow_symlinks=False)
            ]
    except OSError:
        return []


class _LookJob(QRunnable):
    """One look, in the watcher's worker thread; its result goes back as a signal."""

    def __init__(self, live: LiveCollection, finished) -> None:
        super().__init__()
        self.live, self.finished = live, finished

    def run(self) -> None:
        result: Look | Exception
        try:
            result = self.live.look()
        except Exception as exc:  # noqa: BLE001 - handed to the GUI thread, which raises it
            result = exc
        with contextlib.suppress(RuntimeError):  # the watcher is gone: the kiosk is stopping
            self.finished.emit(result)
