"""What QML and Python exchange besides the visitor session and the admin gate.

The types QML sees from Python are registered in the QML module `Kiosk.Backend`
(kiosk/qml/Kiosk/Backend: its qmldir and the .qmltypes that tools/make_qmltypes.py
writes, so that qmllint knows them). Importing this module registers them all.
"""

from __future__ import annotations

from PySide6.QtCore import Property, QObject, QSize, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtQml import QmlElement, QmlSingleton, QmlUncreatable

from kiosk import body, layout
from kiosk.body import Body, body_for
from kiosk.settings import Settings

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1


@QmlElement
@QmlUncreatable("the kiosk makes the one ScreenReport")
class ScreenReport(QObject):  # type: ignore[operator]  # stubs: QmlUncreatable is a decorator
    """What only the drawn layout knows, reported by QML: the size photos are drawn at
    (the kiosk has them prepared at that size), whether the screen is settled (nothing
    sliding, the current photo drawn), which tests, snapshots and the heartbeat wait
    for, and a prepared picture that did not load."""

    photoBoxChanged = Signal()
    settledChanged = Signal()
    pictureFailed = Signal(str)  # the URL of a prepared picture Qt could not load

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._photo_box = QSize()
        self._settled = False

    @Slot(str)
    def reportFailedPicture(self, url: str) -> None:  # noqa: N802 - QML slot
        """An Image could not load its prepared picture: it is prepared again."""
        if url:
            self.pictureFailed.emit(url)

    def drawn_box(self) -> QSize:
        """The size photos are drawn at, in logical pixels (an empty size until laid out)."""
        return QSize(self._photo_box)

    def is_settled(self) -> bool:
        return self._settled

    def _set_photo_box(self, box: QSize) -> None:
        if box != self._photo_box:
            self._photo_box = QSize(box)
            self.photoBoxChanged.emit()

    def _set_settled(self, settled: bool) -> None:
        if settled != self._settled:
            self._settled = settled
            self.settledChanged.emit()

    # Python reads them through drawn_box() and is_settled(); QML writes them.
    photoBox = Property(QSize, drawn_box, _set_photo_box, notify=photoBoxChanged)
    settled = Property(bool, is_settled, _set_settled, notify=settledChanged)


@QmlElement
@QmlSingleton
class Layout(QObject):
    """The layout numbers of kiosk.layout, for QML (Theme.qml and the views)."""

    @Property(QColor, constant=True)
    def background(self) -> QColor:
        return QColor(layout.BACKGROUND)

    @Property(QColor, constant=True)
    def accent(self) -> QColor:
        return QColor(layout.ACCENT)

    @Property(QSize, constant=True)
    def thumbBox(self) -> QSize:  # noqa: N802 - QML property
        return QSize(*layout.THUMB_BOX)

    @Property(float, constant=True)
    def upscaleBeyond(self) -> float:  # noqa: N802 - QML property
        return layout.UPSCALE_BEYOND


@QmlElement
@QmlUncreatable("the kiosk makes the one ScreenBody")
class ScreenBody(QObject):  # type: ignore[operator]  # stubs: QmlUncreatable is a decorator
    """The kiosk's body (kiosk.body) at the window's size, in pixels, for Theme.qml:
    millimetres, the reach band, the smallest text and target. QML tells it the
    window's size; the figures follow."""

    changed = Signal()

    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._screen = QSize()
        self._reported_mm = (0.0, 0.0)
        self._size = QSize()
        self.facts = body_for(settings, 1, 1)

    def set_screen(self, pixels: QSize, millimetres: tuple[float, float]) -> None:
        """What the display the window is on says of itself: believed only while the
        window fills it (a window of another size on it is a preview)."""
        self._screen, self._reported_mm = pixels, millimetres
        self._follow(self._size)

    def body(self) -> Body:
        return self.facts.body

    def window_size(self) -> QSize:
        return self._size

    def _set_window_size(self, size: QSize) -> None:
        if size != self._size and not size.isEmpty():
            self._follow(size)

    def _follow(self, size: QSize) -> None:
        self._size = size
        reported = self._reported_mm if size == self._screen else (0.0, 0.0)
        self.facts = body_for(self._settings, size.width(), size.height(), reported)
        self.changed.emit()

    windowSize = Property(QSize, window_size, _set_window_size, notify=changed)

    @Property(float, notify=changed)
    def pxPerMm(self) -> float:  # noqa: N802 - QML property
        return self.facts.body.px_per_mm

    @Property(float, notify=changed)
    def reachTop(self) -> float:  # noqa: N802 - QML property
        return self.facts.body.reach_top_px

    @Property(float, notify=changed)
    def reachBottom(self) -> float:  # noqa: N802 - QML property
        return self.facts.body.reach_bottom_px

    @Property(float, notify=changed)
    def textPx(self) -> float:  # noqa: N802 - QML property
        return self.facts.body.text_px

    @Property(float, notify=changed)
    def targetPx(self) -> float:  # noqa: N802 - QML property
        return self.facts.body.px(body.TARGET_MM)

    @Property(float, notify=changed)
    def gapPx(self) -> float:  # noqa: N802 - QML property
        return self.facts.body.px(body.LAYOUT_GAP_MM)
