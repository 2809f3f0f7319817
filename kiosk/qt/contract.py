"""What QML and Python exchange besides the visitor session and the admin gate.

The types QML sees from Python are registered in the QML module `Kiosk.Backend`
(kiosk/qml/Kiosk/Backend: its qmldir and the .qmltypes that tools/make_qmltypes.py
writes, so that qmllint knows them). Importing this module registers them all.
"""

from __future__ import annotations

from PySide6.QtCore import Property, QObject, QRectF, QSize, QSizeF, Signal, Slot
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
    """What only the drawn layout knows, reported by QML: a portrait page's size and the
    screen's unit (the page's plan gives each photo its box, which the kiosk has it
    prepared at), whether the screen is settled (nothing sliding, the current photo
    drawn), which tests, snapshots and the heartbeat wait for, and a prepared picture
    that did not load."""

    pageChanged = Signal()
    settledChanged = Signal()
    pictureFailed = Signal(str)  # the URL of a prepared picture Qt could not load

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._page = QSizeF()
        self._unit = 0.0
        self._settled = False

    @Slot(str)
    def reportFailedPicture(self, url: str) -> None:  # noqa: N802 - QML slot
        """An Image could not load its prepared picture: it is prepared again."""
        if url:
            self.pictureFailed.emit(url)

    def drawn_page(self) -> QSizeF:
        """A portrait page's size, in logical pixels (an empty size until laid out)."""
        return QSizeF(self._page)

    def drawn_unit(self) -> float:
        """The screen's size unit (Theme.unit), in logical pixels."""
        return self._unit

    def is_settled(self) -> bool:
        return self._settled

    def _set_page(self, size: QSizeF) -> None:
        if size != self._page:
            self._page = QSizeF(size)
            self.pageChanged.emit()

    def _set_unit(self, unit: float) -> None:
        if unit != self._unit:
            self._unit = unit
            self.pageChanged.emit()

    def _set_settled(self, settled: bool) -> None:
        if settled != self._settled:
            self._settled = settled
            self.settledChanged.emit()

    # Python reads them through drawn_page(), drawn_unit() and is_settled(); QML writes them.
    pageSize = Property(QSizeF, drawn_page, _set_page, notify=pageChanged)
    unit = Property(float, drawn_unit, _set_unit, notify=pageChanged)
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

    @Slot(float, float, float, float, result="QVariantMap")
    def pagePlan(self, width: float, height: float, unit: float, shape: float) -> dict:  # noqa: N802 - QML slot
        """Where a photo `shape` (width / height) wide and its words go on a page of this
        size (kiosk.layout.Page.plan): `photo` and `words` rectangles, the photo's `box`,
        and whether the photo is `beside` the words."""
        plan = layout.Page(round(width), round(height), unit).plan(shape)
        return {
            "beside": plan.beside,
            "photo": _rect(plan.photo),
            "words": _rect(plan.words),
            "box": QSizeF(*plan.box),
        }

    @Slot(float, float, result=bool)
    def isLargePage(self, width: float, height: float) -> bool:  # noqa: N802 - QML slot
        """Whether a page of this size is a large one, as on a 4K screen (kiosk.layout)."""
        return layout.is_large_page(width, height)

    @Slot(float, float, float, float, result="QVariantMap")
    def closeUpPlan(self, width: float, height: float, unit: float, shape: float) -> dict:  # noqa: N802 - QML slot
        """Where the photo open full screen and its caption go (kiosk.layout.close_up_plan):
        `photo` and `caption` rectangles, whether the caption is `beside` the photo and
        whether its lines are `stacked`."""
        plan = layout.close_up_plan(round(width), round(height), unit, shape)
        return {
            "photo": _rect(plan.photo),
            "caption": _rect(plan.caption),
            "beside": plan.beside,
            "stacked": plan.stacked,
        }


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


def _rect(place: layout.Place) -> QRectF:
    return QRectF(place.x, place.y, place.width, place.height)
