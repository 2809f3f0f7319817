"""OriginMap: "Where they come from", for QML's map panel: the land drawn once per size and
colour into a picture (QML lays it out, with the arcs and the points on top), and a point
for each home of the visitor's cycle, with its count; a tap on one chooses its origin.

The points are gathered only while the map is open: the cycle changes with every
curator's change, and nobody looks at a closed map."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Property, QObject, QPointF, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.content.facets import facet_key
from kiosk.content.worldmap import ASPECT, land_rings, map_points, on_map
from kiosk.labels import labels_for
from kiosk.qt.session import VisitorSession
from kiosk.qt.story import Story

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1
log = logging.getLogger(__name__)
MAP_PANEL = "map"


@QmlElement
@QmlUncreatable("the kiosk makes the one map of origins")
class OriginMap(QObject):  # type: ignore[operator]  # stubs: QmlUncreatable is a decorator
    pointsChanged = Signal()
    landChanged = Signal()

    def __init__(self, session: VisitorSession, story: Story, folder: Path, parent=None) -> None:
        super().__init__(parent)
        self._session = session
        self._story = story
        self._folder = folder
        self._size = (0, 0)
        self._land_color = QColor("#3a332b")
        self._land_url = ""
        self._points: list[dict] = []
        here = on_map(story.exhibition[1], story.exhibition[0])
        self._here = {"x": here[0], "y": here[1]}
        cycle = session.visible
        for signal in (cycle.rowsInserted, cycle.rowsRemoved, cycle.modelReset, cycle.layoutChanged):
            signal.connect(self._cycle_changed)
        session.panelChanged.connect(self._cycle_changed)
        session.languageChanged.connect(self._cycle_changed)

    # -- what QML reads -------------------------------------------------------------

    @Property(float, constant=True)
    def aspect(self) -> float:
        """The map's width over its height."""
        return ASPECT

    @Property("QVariantMap", constant=True)  # type: ignore[arg-type]  # a type name: the stubs take only types
    def here(self) -> dict[str, float]:
        """The exhibition on the map, as fractions from the top left."""
        return self._here

    @Property("QVariantList", notify=pointsChanged)  # type: ignore[arg-type]  # a type name: the stubs take only types
    def points(self) -> list[dict]:
        """{x, y, count, origin, key}: each home of the cycle, the largest first."""
        return self._points

    @Property(str, notify=pointsChanged)
    def summary(self) -> str:
        """ "8 portraits, 7 lieux de départ": the collection's most telling fact."""
        if not self._points:
            return ""
        words = labels_for(self._session.visitor_language())
        portraits = sum(point["count"] for point in self._points)
        said = words["mapSummaryOne"] if len(self._points) == 1 else words["mapSummary"]
        return said.format(portraits=portraits, places=len(self._points))

    @Property(str, notify=landChanged)
    def landUrl(self) -> str:  # noqa: N802 - QML property
        return self._land_url

    def _land_color_value(self) -> QColor:
        return self._land_color

    def _set_land_color(self, color: QColor) -> None:
        if color != self._land_color:
            self._land_color = QColor(color)
            self._draw_land()

    landColor = Property(QColor, _land_color_value, _set_land_color, notify=landChanged)

    @Slot(int, int)
    def setSize(self, width: int, height: int) -> None:  # noqa: N802 - QML slot
        """The map's place in device pixels: its land is drawn for exactly that."""
        if (width, height) != self._size and width > 0 and height > 0:
            self._size = (width, height)
            self._draw_land()

    @Slot(str)
    def openOrigin(self, key: str) -> None:  # noqa: N802 - QML slot
        self._session.choose("origin", key)

    # -- what it does ---------------------------------------------------------------

    def _cycle_changed(self) -> None:
        if self._session.panel != MAP_PANEL:
            if self._points:
                self._points = []
                self.pointsChanged.emit()
            return
        languages = self._session.settings.languages
        language = self._session.visitor_language()
        homes = []
        keys = {}
        cycle = self._session.visible
        for row in range(cycle.rowCount()):
            portrait = cycle.portrait_at(row)
            home = self._story.home_of(portrait)
            if home is None:
                continue
            origin = portrait.origin.get(language, languages.default)
            keys[origin] = facet_key(portrait, "origin", languages)
            homes.append((home.latitude, home.longitude, origin))
        self._points = [
            {"x": p.x, "y": p.y, "count": p.count, "origin": p.origin, "key": keys[p.origin]}
            for p in map_points(homes)
        ]
        self.pointsChanged.emit()

    def _draw_land(self) -> None:
        width, height = self._size
        if not width:
            return
        name = f"land-{width}x{height}-{self._land_color.name()[1:]}.png"
        path = self._folder / name
        if not path.is_file():
            try:
                self._folder.mkdir(parents=True, exist_ok=True)
                picture = _land_picture(width, height, self._land_color)
                partial = path.with_name(name + ".part")
                if not picture.save(str(partial), "PNG"):  # type: ignore[call-overload]  # the stubs ask bytes; PySide6 takes str
                    raise OSError("the picture could not be written")
                partial.replace(path)
            except OSError as exc:
                log.warning("map of origins: cannot write %s (%s)", path, exc)
                return
        self._land_url = QUrl.fromLocalFile(str(path)).toString()
        self.landChanged.emit()


def _land_picture(width: int, height: int, color: QColor) -> QImage:
    picture = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    picture.fill(Qt.GlobalColor.transparent)
    outline = QPainterPath()
    outline.setFillRule(Qt.FillRule.WindingFill)
    for ring in land_rings():
        outline.moveTo(QPointF(ring[0][0] * width, ring[0][1] * height))
        for x, y in ring[1:]:
            outline.lineTo(QPointF(x * width, y * height))
        outline.closeSubpath()
    painter = QPainter(picture)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.fillPath(outline, color)
    painter.end()
    return picture
