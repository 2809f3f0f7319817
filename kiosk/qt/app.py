"""Wiring: the collection, the visitor session, the QML engine and the window."""

from __future__ import annotations

import gc
import logging
import math
import time
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QCursor, QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickItem, QQuickWindow

from kiosk.body import describe_body, reach_problem
from kiosk.content import saved_readings
from kiosk.content.collection import Collection
from kiosk.content.live import LiveCollection
from kiosk.content.photocache import PhotoCache, budget_for, default_cache_folder
from kiosk.content.portraits import Portrait
from kiosk.content.status import WRITE_EVERY_S, status_file_name
from kiosk.layout import Page, close_up_plan
from kiosk.paths import qml_dir
from kiosk.qt.admin import AdminGate
from kiosk.qt.audio import audio_output
from kiosk.qt.contract import ScreenBody, ScreenReport
from kiosk.qt.feed import ScreenFeed
from kiosk.qt.guard import VisitorGuard
from kiosk.qt.images import PhotoPreparer
from kiosk.qt.incubation import build_between_frames
from kiosk.qt.listening import Listening
from kiosk.qt.memory import FreedMemory
from kiosk.qt.originmap import OriginMap
from kiosk.qt.session import VisitorSession
from kiosk.qt.speech import Speaker
from kiosk.qt.spoken import SpokenMode
from kiosk.qt.status import StatusReporter
from kiosk.qt.story import Story
from kiosk.qt.voices import VoiceLibrary
from kiosk.qt.watcher import CollectionWatcher
from kiosk.settings import Settings

log = logging.getLogger(__name__)
WINDOWED_SIZE = QSize(1280, 720)  # `kiosk --windowed` without a size
# A new page size waits this long: a window being dragged larger passes through
# hundreds of sizes, and each would have every photo near the visitor prepared again.
NEW_PAGE_MS = 500


class KioskApp:
    """One kiosk: its collection on screen in one window."""

    def __init__(
        self,
        root: str,
        settings: Settings,
        *,
        locked: bool,
        screen: QSize,  # the window's size, as shown (full screen: the screen's)
        cache: PhotoCache | None = None,
        file_events: bool = True,
        sound=audio_output,
    ) -> None:
        self.root = root
        self.settings = settings
        self._closed = False
        self.status: StatusReporter | None = None
        cache = cache or PhotoCache(default_cache_folder())
        # The whole window, until it is laid out (below): the page photos are planned on.
        first_page = Page(screen.width(), screen.height(), screen.height() / 100)
        cache.trim(budget_for(first_page))
        self.live = LiveCollection(
            root, settings.languages, saved=saved_readings.file_for(cache.folder, root)
        )
        self.engine = QQmlApplicationEngine()
        # Children of the engine, so that they outlive the QML that reads them.
        self.photos = PhotoPreparer(cache, first_page, self.engine)
        self.story = Story(settings, Path(cache.folder), self.engine)
        self.session = VisitorSession(settings, self.photos.url, self.engine, self.photos.shape, self.story)
        self.photos.prepared.connect(self.session.portraits.picture_ready)
        self.photos.prepared.connect(self._show_close_up)
        self.session.panelChanged.connect(self._show_close_up)
        self.session.currentIndexChanged.connect(self._prefetch_neighbours)
        self.freed_memory = FreedMemory(self.engine)
        self.session.currentIndexChanged.connect(self.freed_memory.pages_changed)
        self.feed = ScreenFeed(self.live, self.photos, self.session, self.engine)
        self.watcher = CollectionWatcher(self.live, use_events=file_events, parent=self.engine)
        self.watcher.looked.connect(self.feed.on_look)
        self.admin = AdminGate(
            settings.admin_pin,
            self._facts_for_staff,
            self.feed.read_everything_again,
            self.engine,
            language=settings.languages.default,
        )
        self.report = ScreenReport(self.engine)
        self.body = ScreenBody(settings, self.engine)
        self.body.changed.connect(self._size_codes)
        self._size_codes()
        self.voices = VoiceLibrary(cache.folder, settings)
        self.voices.cache.trim()  # older versions of edited recordings
        self.listening = Listening(self.voices, volume=settings.voice_volume, sound=sound, parent=self.engine)
        self._follow_visitor_with_voices()
        self.spoken = SpokenMode(self.session, self.listening, Speaker(parent=self.engine), self.engine)
        self.origin_map = OriginMap(self.session, self.story, Path(cache.folder) / "map", self.engine)
        self.engine.addImportPath(str(qml_dir()))
        # Main.qml's required properties, each of a type registered in Kiosk.Backend.
        self.engine.setInitialProperties(
            {
                "session": self.session,
                "admin": self.admin,
                "report": self.report,
                "listening": self.listening,
                "body": self.body,
                "spoken": self.spoken,
                "originMap": self.origin_map,
            }
        )
        self.engine.loadFromModule("Kiosk", "Main")
        roots = self.engine.rootObjects()
        if not roots:
            raise RuntimeError("the kiosk's QML did not load; see the messages above")
        window = roots[0]
        assert isinstance(window, QQuickWindow)  # Main.qml's root is a Window
        self.window = window
        # The pages built ahead wait for the event loop after each frame (kiosk.qt.incubation).
        self.incubation = build_between_frames(self.engine, window) if self.renderer() == "software" else None
        # Laid out now at the size it will be shown at, so that the first photos asked for
        # are prepared at the size they are drawn, not the screen's: Qt's reader then
        # loads them as they are (10 ms at 1080p) instead of scaling each (18 ms).
        self.window.resize(screen)
        self.photos.set_page(self.page(), pictures_shown=False)
        self._new_page = QTimer(self.engine, singleShot=True, interval=NEW_PAGE_MS)
        self._new_page.timeout.connect(self._follow_page)
        self.report.pageChanged.connect(self._new_page.start)
        self.report.pictureFailed.connect(self._prepare_again)
        self.guard = VisitorGuard(self.session, self.admin, locked, self.spoken)
        self.window.installEventFilter(self.guard)

    def start(self, *, windowed: bool, screen_index: int = 0, size: QSize | None = None) -> None:
        """What the kiosk does at start: read the collection, follow its changes, show it."""
        self.load_collection()
        self.watch()
        self.show(windowed=windowed, screen_index=screen_index, size=size)
        self.say_what_the_body_assumes()
        self.report_health()
        # What start-up built (modules, QML, the collection as first read) lives as long
        # as the kiosk. Python's full collections walked all of it, holding the GIL in
        # whichever thread allocated: 41 ms at 4000 portraits, the worst GUI stall.
        # Frozen, it is left out of those walks; it is still freed when unreferenced
        # (portraits hold no reference cycles).
        gc.freeze()

    def report_health(self) -> None:
        """With a status folder: this kiosk's health there every 30 s (kiosk fleet)."""
        if not self.settings.status_dir:
            return
        self._last_frame_s: float | None = None
        self.window.frameSwapped.connect(self._frame_drawn)
        self.status = StatusReporter(self.settings, self._health, self.engine)
        self.status.start()
        log.info(
            "status every %d s in %s", WRITE_EVERY_S, self.status.folder / status_file_name(self.status.name)
        )

    def _frame_drawn(self) -> None:
        self._last_frame_s = time.monotonic()

    def _health(self) -> dict:
        return {
            "portraits": self.live.portraits(),
            "problems": [*self.feed.settings_problems, *self.live.problems()],
            "drafts": self.live.counts().get("drafts", 0),
            "preparers": self.photos.preparation.pids(),
            "last_frame_s": self._last_frame_s,
            "renderer": self.renderer(),
        }

    def _facts_for_staff(self) -> dict:
        return {**self.feed.facts_for_staff(), "renderer": self.renderer()}

    def renderer(self) -> str:
        """What draws the window, as Qt Quick says: "software", "opengl", "vulkan"..."""
        interface = self.window.rendererInterface()
        api = interface.graphicsApi() if interface is not None else None
        return api.name.lower().removesuffix("rhi") if api is not None else "unknown"

    def say_what_the_body_assumes(self) -> None:
        """Text and targets are sized, and controls kept within reach, for the body: a
        technician should know when it is a guess (docs/deployment.md)."""
        facts = self.body.facts
        for guess in facts.assumed:
            log.warning("this kiosk's own settings file does not say %s", guess)
        if facts.assumed:
            log.info("laid out for %s", describe_body(facts.body))
        problem = reach_problem(facts.body, facts.body.mm(self._bar_height()))
        if problem:
            log.warning("problem mounting: %s", problem)

    def _bar_height(self) -> float:
        bar = self.window.findChild(QQuickItem, "visitorBar")
        return bar.height() if bar is not None else 0.0

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
        drawn = self.window.isExposed() and self.report.is_settled()
        return drawn and (self.session.visible.rowCount() > 0 or not self.preparing())

    def preparing(self) -> bool:
        """Photos are being prepared, are about to be (at a new size), or prepared ones
        wait to enter the cycle."""
        return self.photos.pending > 0 or self._new_page.isActive() or self.feed.admitting

    def close(self, stopped: str = "stopped") -> None:
        """Close the window and free the engine, once no photo is being prepared; once.
        `stopped` says why, in the last status (kiosk fleet)."""
        if self._closed:
            return
        self._closed = True
        if self.status is not None:
            self.status.stop(stopped)
        self.guard.locked = False
        self.watcher.stop()
        self.listening.stop()
        self.voices.stop()
        self.window.close()
        self.photos.stop()
        self.story.close()
        self.engine.deleteLater()
        gc.unfreeze()  # see start(): the end is torn down as before it froze

    def page(self) -> Page:
        """A portrait page as drawn now, in device pixels (QML: Main's report)."""
        size, ratio = self.report.drawn_page(), self.window.devicePixelRatio()
        return Page(
            max(1, _rounded(size.width() * ratio)),
            max(1, _rounded(size.height() * ratio)),
            self.report.drawn_unit() * ratio,
        )

    def close_up_box(self, portrait: Portrait) -> tuple[int, int]:
        """The place of the photo open full screen, in device pixels: its picture is
        prepared to fit it (QML: CloseUp.qml, from the same plan)."""
        ratio = self.window.devicePixelRatio()
        width, height = _rounded(self.window.width() * ratio), _rounded(self.window.height() * ratio)
        plan = close_up_plan(width, height, self.report.drawn_unit() * ratio, self.photos.shape(portrait))
        return max(1, plan.photo.width), max(1, plan.photo.height)

    def _follow_page(self) -> None:
        """The window was turned or resized: photos are prepared for their new page."""
        page = self.page()
        if self.photos.set_page(page):
            log.info("portrait pages are %dx%d now; preparing the photos for them", page.width, page.height)
            self.session.portraits.pictures_changed()
            self._prefetch_neighbours()
            self.feed.prepare_everything()  # those waiting to enter the cycle wait for these

    def _show_close_up(self) -> None:
        """The photo open full screen is drawn from a picture of its place's size, prepared
        when it is opened; the page's picture, scaled, stands in until then."""
        current = self.session.current_portrait()
        if self.session.panel != "photo" or current is None:
            return
        self.session.set_close_up(self.photos.close_up_url(current, self.close_up_box(current)))

    def _prepare_again(self, url: str) -> None:
        """A prepared picture did not load (damaged on the disk): it is made again, and
        its portrait's row asks for it anew."""
        identity = self.photos.drop(url)
        if identity is not None:
            self.session.portraits.picture_ready(identity)

    def _size_codes(self) -> None:
        """The QR codes follow the screen's millimetres (at least 25 mm across)."""
        self.story.follow(self.body.facts.body.px_per_mm)

    def _follow_visitor_with_voices(self) -> None:
        """The voice follows the visitor: the portrait on screen, the language; a panel
        over the page stops it; while it plays, the idle reset waits."""
        session, listening = self.session, self.listening
        session.currentIndexChanged.connect(self._voice_of_current)
        session.countChanged.connect(self._voice_of_current)
        session.languageChanged.connect(lambda: listening.set_language(session.visitor_language()))
        # The voice goes on while the visitor looks closer at the photo.
        session.panelChanged.connect(lambda: session.panel not in ("", "photo") and listening.stop())
        session.resetting.connect(listening.stop)
        listening.playingChanged.connect(session.hold_idle)
        listening.set_language(session.visitor_language())

    def _voice_of_current(self) -> None:
        current = self.session.current_portrait()
        if current is not None:
            self.voices.want([current, *self.session.neighbours()], first=True)
        self.listening.show_portrait(current.id if current else "")

    def _prefetch_neighbours(self) -> None:
        """The next and previous portraits are prepared before the visitor asks."""
        self.photos.prefetch_urgently(self.session.neighbours())

    def show(self, *, windowed: bool, screen_index: int = 0, size: QSize | None = None) -> None:
        if windowed:
            self.window.resize(size or WINDOWED_SIZE)
            self.window.show()
            return
        screens = QGuiApplication.screens()
        screen = screens[min(screen_index, len(screens) - 1)]
        if screen_index >= len(screens):
            log.warning("there is no screen %d; using screen %d", screen_index, len(screens) - 1)
        self.window.setScreen(screen)
        physical = screen.physicalSize()
        self.body.set_screen(screen.size(), (physical.width(), physical.height()))
        self.window.setFlag(Qt.WindowType.FramelessWindowHint, True)
        # Without a window manager "full screen" means nothing: fill the screen ourselves.
        self.window.setGeometry(screen.geometry())
        self.window.showFullScreen()
        QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))


def _rounded(value: float) -> int:
    """As Qt rounds a size it is given (qRound)."""
    return math.floor(value + 0.5)
