"""CollectionWatcher: drives LiveCollection's looks with a timer and file-system hints.

The timer is the ground truth (inotify misses network mounts, overflows, and
QFileSystemWatcher forgets paths that were renamed or removed); events only
bring the next look forward and say which folder to check first.
"""

from __future__ import annotations

import logging
import os
from collections import deque

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from kiosk.content.live import LiveCollection

log = logging.getLogger(__name__)
LOOK_MS = 500  # nothing happening: a look costs a few milliseconds for 1000 folders
SETTLING_MS = 250  # folders are being copied: look more often to catch the quiet moment
HINT_MS = 100  # after a file-system event: let a burst of events gather first
WATCH_BATCH = 100  # folders given watches at each look


class CollectionWatcher(QObject):
    looked = Signal(object)  # a Look that changed something

    def __init__(self, live: LiveCollection, *, use_events: bool = True, parent=None) -> None:
        super().__init__(parent)
        self.live = live
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._look)
        self._events: QFileSystemWatcher | None = None
        # Folders whose watches are still to be added, a batch at each look: adding
        # 3000 watches at once held the GUI thread for 80 ms.
        self._to_watch: deque[str] = deque()
        if use_events:
            self._events = QFileSystemWatcher(self)
            self._events.directoryChanged.connect(self._on_event)
            self._events.fileChanged.connect(self._on_event)

    def start(self, folders: list[str]) -> None:
        self._to_watch.extend(folders)
        self._timer.start(LOOK_MS)

    def stop(self) -> None:
        self._timer.stop()

    def _look(self) -> None:
        look = self.live.look()
        # New and re-read folders first (their files may be new); everything after an outage.
        self._to_watch.extendleft([*look.appeared, *(reading.id for reading in look.read)])
        if look.came_back:
            self._to_watch.extend(self.live.folder_names())
        self._watch_some()
        if look.changed:
            self.looked.emit(look)
        self._timer.start(SETTLING_MS if look.settling else LOOK_MS)

    def _on_event(self, path: str) -> None:
        inside = os.path.relpath(path, self.live.root)
        if inside != "." and not inside.startswith(".."):
            self.live.hint(inside.split(os.sep)[0])  # the portrait folder, for a file too
        if self._timer.remainingTime() > HINT_MS:
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
        # Most looks have no folder to add: then only the collection's own watch is checked.
        watched = (
            {*self._events.directories(), *self._events.files()} if folders else self._events.directories()
        )
        missing = [path for path in wanted if path not in watched and os.path.exists(path)]
        if missing:
            refused = self._events.addPaths(missing)
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
