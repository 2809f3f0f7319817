"""Wiring: the collection, the visitor session, the QML engine and the window."""

from __future__ import annotations

import bisect
import logging
import os
import signal
import socket
import sys

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QSize, QSocketNotifier, Qt, QTimer
from PySide6.QtGui import QCursor, QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow  # also lets PySide type the root object as one

from kiosk.content.collection import Collection, CollectionError
from kiosk.content.live import LiveCollection, Look
from kiosk.content.photocache import DEFAULT_BUDGET, PhotoCache, default_cache_folder, photo_identity
from kiosk.content.portraits import Portrait
from kiosk.paths import qml_dir
from kiosk.qt.admin import AdminGate
from kiosk.qt.heartbeat import Heartbeat
from kiosk.qt.images import BACKGROUND, PhotoPreparer
from kiosk.qt.session import VisitorSession
from kiosk.qt.watcher import CollectionWatcher
from kiosk.settings import Settings

log = logging.getLogger(__name__)
ADMISSION_MS = 300  # prepared photos enter the cycle at most this often
MAX_PROBLEMS_SHOWN = 200

_ACTIVITY = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
}


class VisitorGuard(QObject):
    """Sees every touch, click and key first: it pauses autoplay and, in kiosk mode,
    refuses to let the window close."""

    def __init__(self, session: VisitorSession, admin: AdminGate, locked: bool) -> None:
        super().__init__()
        self.session = session
        self.admin = admin
        self.locked = locked

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind in _ACTIVITY:
            self.session.noteActivity()
            self.admin.note_activity()
        if kind == QEvent.Type.Close and self.locked:
            event.ignore()
            return True
        return False


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
        self.live = LiveCollection(root, settings.languages)
        self.engine = QQmlApplicationEngine()
        cache = cache or PhotoCache(default_cache_folder())
        cache.trim(DEFAULT_BUDGET)
        # Children of the engine, so that they outlive the QML that reads them.
        self.photos = PhotoPreparer(cache, (screen.width(), screen.height()), self.engine)
        self.session = VisitorSession(settings, self.photos.url, parent=self.engine)
        self.photos.prepared.connect(self.session.portraits.picture_ready)
        self.photos.failed.connect(self._on_photo_failed)
        self.session.currentIndexChanged.connect(self._prefetch_neighbours)
        # Photos (by identity) that failed to prepare: a replaced file is a new identity.
        self._broken: set[str] = set()
        # Folders read by a live look: their arrival and updates are logged, not the start's.
        self._announced: set[str] = set()
        self.watcher = CollectionWatcher(self.live, use_events=file_events, parent=self.engine)
        self.watcher.looked.connect(self._on_look)
        self._photo_problems: dict[str, tuple[str, str]] = {}  # identity: (where, message)
        self.admin = AdminGate(
            settings.admin_pin, self.facts_for_staff, self.read_everything_again, self.engine
        )
        # Newly prepared photos are admitted in batches, not one model reset each.
        self._admission = QTimer(self.engine)
        self._admission.setSingleShot(True)
        self._admission.timeout.connect(self._admit_ready)
        self._since_admission = QElapsedTimer()
        self._since_admission.start()
        self.photos.prepared.connect(self._schedule_admission)
        # Changes to the portrait on screen wait until the visitor moves on.
        self._held_back = False
        self.session.currentIndexChanged.connect(self._release_held_back)
        self.session.autoplayChanged.connect(self._release_held_back)
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

    def load_collection(self) -> Collection | None:
        """Scan the collection; portraits enter the cycle once their photo is prepared.

        The scan does not open photos (fast even for a thousand portraits); the full
        decode happens when a photo is prepared, so a photo that turns out to be
        broken never reaches the screen. Problems go to the log.
        """
        try:
            collection = self.live.load()
        except CollectionError as exc:
            log.error("collection: %s; looking for it again every few seconds", exc.message)
            return None
        for problem in collection.problems:
            log.warning("problem %s", problem.as_line())
        for portrait in collection.portraits:
            self.photos.prefetch(portrait, priority=BACKGROUND)
        self._admit_ready()
        return collection

    def watch(self) -> None:
        """Follow the curators' changes from now on (see kiosk.content.live)."""
        self.watcher.start([p.id for p in self.live.portraits()])

    def _on_look(self, look: Look) -> None:
        if look.event:
            log.info("%s", look.event)
        if look.event.startswith("collection back"):
            self._retry_everything()
        for reading in look.read:
            for problem in reading.problems:
                log.info("problem %s", problem.as_line())
            if reading.id in look.kept:
                log.info(
                    "kept %s: its last good version stays on screen until the problem is fixed", reading.id
                )
            elif reading.portrait is not None:
                self._announced.add(reading.id)
                self.photos.prefetch(reading.portrait, priority=BACKGROUND)
        self._admit_ready()

    def facts_for_staff(self) -> dict:
        """What the admin panel shows: every problem (errors first) and the counts."""
        found = sorted(self.live.problems(), key=lambda problem: not problem.is_error)
        problems = [{"where": p.location(), "message": p.message, "error": p.is_error} for p in found]
        problems += [
            {"where": where, "message": message, "error": True}
            for where, message in self._photo_problems.values()
        ]
        return {"problems": problems[:MAX_PROBLEMS_SHOWN], "counts": self.live.counts()}

    def read_everything_again(self) -> None:
        self._retry_everything()
        self.live.read_everything_again()

    def _retry_everything(self) -> None:
        """After an outage, photos that failed may have failed for want of their files."""
        self._broken.clear()
        self._photo_problems.clear()
        self.photos.forget_failures()
        for portrait in self.live.portraits():
            self.photos.prefetch(portrait, priority=BACKGROUND)

    def _schedule_admission(self) -> None:
        """At once if the last admission was a while ago, else at the end of the interval:
        a thousand photos prepared at start make a few batches, not a thousand updates."""
        if self._admission.isActive():
            return
        waited = self._since_admission.elapsed()
        if waited >= ADMISSION_MS:
            self._admit_ready()
        else:
            self._admission.start(ADMISSION_MS - waited)

    def _release_held_back(self) -> None:
        if self._held_back and not self._admission.isActive():
            self._admission.start(ADMISSION_MS)

    def _admit_ready(self) -> None:
        """Bring what is on screen up to date with the collection, keeping the visitor's place.

        A portrait enters once its pictures are prepared; until a new version's are,
        the old version stays. The portrait on screen is not changed or removed
        under the visitor: that waits until they move on."""
        self._admission.stop()
        self._since_admission.restart()
        shown = {p.id: p for p in self.session.portraits.portraits()}
        ready = [p for p in (self._ready_version(p, shown.get(p.id)) for p in self.live.portraits()) if p]
        current = self.session.current_portrait()
        if current is not None and not self.session.autoplay:  # autoplay: nobody is reading
            pinned = _with_pinned(ready, current)
            self._held_back, ready = pinned != ready, pinned
        if ready != list(shown.values()):
            self.session.set_portraits(ready)
            if not self._log_changes(shown, ready):
                log.info("showing %d of %d portraits", len(ready), len(self.live.portraits()))

    def _ready_version(self, wanted: Portrait, shown: Portrait | None) -> Portrait | None:
        if wanted == shown:
            return shown
        if photo_identity(wanted) not in self._broken and self.photos.is_ready(wanted):
            return wanted
        return shown  # the old version (or nothing) while the new one's pictures are prepared

    def _log_changes(self, before: dict[str, Portrait], after: list[Portrait]) -> int:
        """One line for each portrait added, updated or removed by a live change;
        returns how many (the start's portraits arriving are not changes)."""
        lines = []
        for portrait in after:
            if portrait.id in self._announced and before.get(portrait.id) != portrait:
                self._announced.discard(portrait.id)
                lines.append(("added " if portrait.id not in before else "updated ") + portrait.id)
        lines.extend(f"removed {gone}" for gone in before.keys() - {p.id for p in after})
        for line in lines:
            log.info("%s", line)
        return len(lines)

    def _on_photo_failed(self, identity: str, message: str) -> None:
        if identity in self._broken:
            return  # its backdrop or thumbnail failed too: said once is enough
        self._broken.add(identity)
        for portrait in self.live.portraits():
            if photo_identity(portrait) == identity:
                where = f"{portrait.id}/{os.path.basename(portrait.photo)}"
                self._photo_problems[identity] = (where, message)
                log.warning("problem %s: %s", where, message)

    def is_on_screen(self) -> bool:
        """The first portrait is drawn (or the empty screen, when there is none to show)."""
        drawn = self.window.isExposed() and self.window.property("settled") is True
        return drawn and (self.session.count > 0 or not self.preparing())

    def preparing(self) -> bool:
        """Photos are being prepared, or prepared ones wait to enter the cycle."""
        return self.photos.pending > 0 or self._admission.isActive()

    def close(self) -> None:
        """Close the window and free the engine, once no photo is being prepared."""
        self.guard.locked = False
        self.watcher.stop()
        self.window.close()
        self.photos.stop()
        self.engine.deleteLater()

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


def _with_pinned(portraits: list[Portrait], pinned: Portrait) -> list[Portrait]:
    """`portraits` with `pinned` in place of its newer version, or put back where it was."""
    ids = [p.id for p in portraits]
    if pinned.id in ids:
        at = ids.index(pinned.id)
        return [*portraits[:at], pinned, *portraits[at + 1 :]]
    keys = [_order_key(p) for p in portraits]
    at = bisect.bisect(keys, _order_key(pinned))
    return [*portraits[:at], pinned, *portraits[at:]]


def _order_key(portrait: Portrait) -> tuple[str, str]:
    return portrait.id.casefold(), portrait.id  # the collection's order (see list_folders)


def screen_pixels(index: int) -> QSize:
    """The size of a screen in device pixels: photos are prepared to fit it."""
    screens = QGuiApplication.screens()
    screen = screens[min(index, len(screens) - 1)]
    return screen.size() * screen.devicePixelRatio()


def quit_on_signals(app: QGuiApplication) -> None:
    """SIGTERM and SIGINT quit the event loop cleanly.

    A Python signal handler may never run while Qt's loop sits in C++; the
    wakeup fd makes the signal readable on a socket that Qt watches.
    """
    receiver, sender = socket.socketpair()
    sender.setblocking(False)
    signal.set_wakeup_fd(sender.fileno())
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, lambda *_: None)
    notifier = QSocketNotifier(receiver.fileno(), QSocketNotifier.Type.Read, app)

    def on_signal() -> None:
        receiver.recv(64)
        log.info("stopping on a signal")
        # Not quit(): in Qt 6 it first asks every window to close, and the kiosk's refuses.
        app.exit(0)

    notifier.activated.connect(on_signal)
    app._signal_sockets = (receiver, sender, notifier)  # kept alive with the app


def run_kiosk(root: str, settings: Settings, *, windowed: bool) -> int:
    """Start the kiosk and run until it is stopped; returns the exit status."""
    from kiosk.logs import route_qt_messages
    from kiosk.qt.fonts import load_fonts

    app = QGuiApplication(sys.argv[:1])
    app.setApplicationName("kiosk")
    route_qt_messages()
    load_fonts()
    quit_on_signals(app)
    kiosk = KioskApp(root, settings, locked=not windowed, screen=screen_pixels(settings.screen))
    kiosk.load_collection()
    kiosk.watch()
    kiosk.show(windowed=windowed, screen_index=settings.screen)
    heartbeat = Heartbeat(kiosk.is_on_screen, app)
    heartbeat.start()
    status = app.exec()
    kiosk.close()
    return status
