"""Wiring: the collection, the visitor session, the QML engine and the window."""

from __future__ import annotations

import gc
import logging

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QCursor, QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow  # also lets PySide type the root object as one

from kiosk.content import saved_readings
from kiosk.content.collection import Collection
from kiosk.content.live import LiveCollection
from kiosk.content.photocache import DEFAULT_BUDGET, PhotoCache, default_cache_folder
from kiosk.paths import qml_dir
from kiosk.qt.admin import AdminGate
from kiosk.qt.feed import ScreenFeed
from kiosk.qt.guard import VisitorGuard
from kiosk.qt.images import PhotoPreparer
from kiosk.qt.session import VisitorSession
from kiosk.qt.watcher import CollectionWatcher
from kiosk.settings import Settings

log = logging.getLogger(__name__)


class KioskApp:
    """One kiosk: its collection on screen in one window."""

    def __init__(
        self,
        root: str,
        settings: Settings,
        *,
        locked: bool,
        screen: QSize,
        cache: PhotoCache | None = None,
        file_events: bool = True,
    ) -> None:
        self.root = root
        self.settings = settings
        cache = cache or PhotoCache(default_cache_folder())
        cache.trim(DEFAULT_BUDGET)
        self.live = LiveCollection(
            root, settings.languages, saved=saved_readings.file_for(cache.folder, root)
        )
        self.engine = QQmlApplicationEngine()
        # Children of the engine, so that they outlive the QML that reads them.
        self.photos = PhotoPreparer(cache, (screen.width(), screen.height()), self.engine)
        self.session = VisitorSession(settings, self.photos.url, parent=self.engine)
        self.photos.prepared.connect(self.session.portraits.picture_ready)
        self.session.currentIndexChanged.connect(self._prefetch_neighbours)
        self.feed = ScreenFeed(self.live, self.photos, self.session, self.engine)
        self.watcher = CollectionWatcher(self.live, use_events=file_events, parent=self.engine)
        self.watcher.looked.connect(self.feed.on_look)
        self.admin = AdminGate(
            settings.admin_pin, self.feed.facts_for_staff, self.feed.read_everything_again, self.engine
        )
        self.engine.addImportPath(str(qml_dir()))
        self.engine.setInitialProperties(
            {
                "session": self.session,
                "portraits": self.session.visible,
                "origins": self.session.facets["origin"],
                "professions": self.session.facets["profession"],
                "admin": self.admin,
            }
        )
        self.engine.loadFromModule("Kiosk", "Main")
        roots = self.engine.rootObjects()
        if not roots:
            raise RuntimeError("the kiosk's QML did not load; see the messages above")
        self.window: QQuickWindow = roots[0]
        self.guard = VisitorGuard(self.session, self.admin, locked)
        self.window.installEventFilter(self.guard)

    def start(self, *, windowed: bool, screen_index: int = 0, size: QSize | None = None) -> None:
        """What the kiosk does at start: read the collection, follow its changes, show it."""
        self.load_collection()
        self.watch()
        self.show(windowed=windowed, screen_index=screen_index, size=size)
        # What start-up built (modules, QML, the collection as first read) lives as long
        # as the kiosk. Python's full collections walked all of it, holding the GIL in
        # whichever thread allocated: 41 ms at 4000 portraits, the worst GUI stall.
        # Frozen, it is left out of those walks; it is still freed when unreferenced
        # (portraits hold no reference cycles).
        gc.freeze()

    def load_collection(self) -> Collection | None:
        """Scan the collection; portraits enter the cycle once their photo is prepared.

        The scan does not open photos (fast even for a thousand portraits); the full
        decode happens when a photo is prepared, so a photo that turns out to be
        broken never reaches the screen. Problems go to the log.
        """
        return self.feed.load()

    def watch(self) -> None:
        """Follow the curators' changes from now on (see kiosk.content.live)."""
        self.watcher.start(self.live.folder_names())

    def is_on_screen(self) -> bool:
        """The first portrait is drawn (or the empty screen, when there is none to show)."""
        drawn = self.window.isExposed() and self.window.property("settled") is True
        return drawn and (self.session.count > 0 or not self.preparing())

    def preparing(self) -> bool:
        """Photos are being prepared, or prepared ones wait to enter the cycle."""
        return self.photos.pending > 0 or self.feed.admitting

    def close(self) -> None:
        """Close the window and free the engine, once no photo is being prepared."""
        self.guard.locked = False
        self.watcher.stop()
        self.window.close()
        self.photos.stop()
        self.engine.deleteLater()
        gc.unfreeze()  # see start(): the end is torn down as before it froze

    def _prefetch_neighbours(self) -> None:
        """The next and previous portraits are prepared before the visitor asks."""
        self.photos.prefetch_urgently(self.session.neighbours())

    def show(self, *, windowed: bool, screen_index: int = 0, size: QSize | None = None) -> None:
        if windowed:
            self.window.resize(size or QSize(1280, 720))
            self.window.show()
            return
        screens = QGuiApplication.screens()
        screen = screens[min(screen_index, len(screens) - 1)]
        if screen_index >= len(screens):
            log.warning("there is no screen %d; using screen %d", screen_index, len(screens) - 1)
        self.window.setScreen(screen)
        self.window.setFlag(Qt.WindowType.FramelessWindowHint, True)
        # Without a window manager "full screen" means nothing: fill the screen ourselves.
        self.window.setGeometry(screen.geometry())
        self.window.showFullScreen()
        QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))
