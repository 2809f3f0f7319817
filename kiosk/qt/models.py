"""Models for QML: the portraits, the visitor's filtered cycle, and facet chips."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import (
    Property,
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.content.collection import order_key
from kiosk.content.facets import FacetValue, Selection, matches
from kiosk.content.photocache import photo_identity
from kiosk.content.portraits import Portrait
from kiosk.content.text import Languages

_Index = QModelIndex | QPersistentModelIndex
QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1


class PortraitRole(IntEnum):
    PORTRAIT_ID = Qt.ItemDataRole.UserRole + 1
    NAME = PORTRAIT_ID + 1
    PROFESSION = PORTRAIT_ID + 2
    ORIGIN = PORTRAIT_ID + 3
    TESTIMONY = PORTRAIT_ID + 4
    QUOTE = PORTRAIT_ID + 5
    ARRIVED = PORTRAIT_ID + 6
    CREDIT = PORTRAIT_ID + 7
    PHOTO_URL = PORTRAIT_ID + 8
    THUMB_URL = PORTRAIT_ID + 9
    BACKDROP_URL = PORTRAIT_ID + 10
    PHOTO_SHAPE = PORTRAIT_ID + 11
    QR_URL = PORTRAIT_ID + 12
    QR_SIDE = PORTRAIT_ID + 13
    QR_CAPTION = PORTRAIT_ID + 14
    FROM_HOME = PORTRAIT_ID + 15
    LINK = PORTRAIT_ID + 16


_ROLE_NAMES = {
    PortraitRole.PORTRAIT_ID: b"portraitId",
    PortraitRole.NAME: b"name",
    PortraitRole.PROFESSION: b"profession",
    PortraitRole.ORIGIN: b"origin",
    PortraitRole.TESTIMONY: b"testimony",
    PortraitRole.QUOTE: b"quote",
    PortraitRole.ARRIVED: b"arrived",
    PortraitRole.CREDIT: b"credit",
    PortraitRole.PHOTO_URL: b"photoUrl",
    PortraitRole.THUMB_URL: b"thumbUrl",
    PortraitRole.BACKDROP_URL: b"backdropUrl",
    PortraitRole.PHOTO_SHAPE: b"photoShape",
    PortraitRole.QR_URL: b"qrUrl",
    PortraitRole.QR_SIDE: b"qrSide",
    PortraitRole.QR_CAPTION: b"qrCaption",
    PortraitRole.FROM_HOME: b"fromHome",
    PortraitRole.LINK: b"link",
}
# What the story beyond the kiosk changes (kiosk.qt.story): the codes' size follows the
# screen's body; all of them, the language.
_QR_ROLES = [int(PortraitRole.QR_URL), int(PortraitRole.QR_SIDE)]
_STORY_ROLES = [*_QR_ROLES, int(PortraitRole.QR_CAPTION), int(PortraitRole.FROM_HOME), int(PortraitRole.LINK)]
_PICTURE_ROLES: dict[int, str] = {
    PortraitRole.PHOTO_URL: "photo",
    PortraitRole.THUMB_URL: "thumb",
    PortraitRole.BACKDROP_URL: "backdrop",
}
# What a newly prepared picture changes.
_PREPARED_ROLES = [int(role) for role in _PICTURE_ROLES] + [int(PortraitRole.PHOTO_SHAPE)]
_PLAIN: dict[int, str] = {
    PortraitRole.PORTRAIT_ID: "id",
    PortraitRole.NAME: "name",
    PortraitRole.CREDIT: "photo_credit",
}
_TRANSLATED: dict[int, str] = {
    PortraitRole.PROFESSION: "profession",
    PortraitRole.ORIGIN: "origin",
    PortraitRole.TESTIMONY: "testimony",
    PortraitRole.QUOTE: "quote",
    PortraitRole.ARRIVED: "arrived",
}
_TEXT_ROLES = [*_TRANSLATED, *_STORY_ROLES]  # what a change of language changes


class PortraitListModel(QAbstractListModel):
    """Every published portrait, its texts in the visitor's language."""

    def __init__(self, languages: Languages, picture_url, parent=None, photo_shape=None, story=None) -> None:
        super().__init__(parent)
        self._story = story  # kiosk.qt.story.Story, or None: no codes, no distances
        if story is not None:
            story.changed.connect(self._codes_resized)
        self._languages = languages
        self._language = languages.default
        self._picture_url = picture_url  # (Portrait, kind) -> URL, "" until prepared
        self._photo_shape = photo_shape or _unknown_shape  # Portrait -> width / height, 0 until prepared
        self._rows: list[tuple[Portrait, str]] = []  # each portrait with its photo's identity
        # Photo identity: portrait id (each folder has its own photo). A prepared picture
        # finds its row through this: a walk of every row for each of thousands of
        # pictures prepared at start cost the screen tens of milliseconds at a time.
        self._portrait_of_photo: dict[str, str] = {}

    def set_portraits(self, portraits: list[Portrait]) -> None:
        """Show `portraits` (in collection order) with the fewest changes: rows that
        stay are not rebuilt, so the page a visitor is reading is left alone."""
        wanted = {p.id for p in portraits}
        for row in reversed(range(len(self._rows))):
            if self._rows[row][0].id not in wanted:
                self.beginRemoveRows(QModelIndex(), row, row)
                self._portrait_of_photo.pop(self._rows[row][1], None)
                del self._rows[row]
                self.endRemoveRows()
        row = 0
        while row < len(portraits):
            if row < len(self._rows) and self._rows[row][0].id == portraits[row].id:
                self._replace_row(row, portraits[row])
                row += 1
                continue
            row = self._insert_run(row, portraits)

    def put_portraits(self, portraits: list[Portrait]) -> None:
        """Add new portraits and new versions of shown ones, each in its place in
        collection order, without walking the other rows: at start, prepared photos
        bring a few portraits at a time into thousands of rows. Portraits that go
        between the same two rows are inserted in one go."""
        run: list[Portrait] = []  # new portraits that go before the same row
        run_row = -1
        for portrait in sorted(portraits, key=lambda p: order_key(p.id)):
            row = self._place_of(portrait.id)
            is_new = row == len(self._rows) or self._rows[row][0].id != portrait.id
            if is_new and row == run_row:
                run.append(portrait)
                continue
            self._insert_rows(run_row, run)
            row += len(run)  # they all went before it
            if is_new:
                run, run_row = [portrait], row
            else:
                self._replace_row(row, portrait)
                run, run_row = [], -1
        self._insert_rows(run_row, run)

    def _replace_row(self, row: int, portrait: Portrait) -> None:
        shown = self._rows[row][0]
        # `is not` first: `!=` compares every field even of the very same object.
        if shown is not portrait and shown != portrait:
            self._portrait_of_photo.pop(self._rows[row][1], None)
            self._rows[row] = self._noted(portrait)
            self.dataChanged.emit(self.index(row), self.index(row))

    def _insert_rows(self, row: int, portraits: list[Portrait]) -> None:
        if not portraits:
            return
        self.beginInsertRows(QModelIndex(), row, row + len(portraits) - 1)
        self._rows[row:row] = [self._noted(p) for p in portraits]
        self.endInsertRows()

    def _insert_run(self, row: int, portraits: list[Portrait]) -> int:
        """Insert the new portraits from `row` up to the next known one, in one go
        (a thousand single inserts stalled the screen for most of a second)."""
        following = self._rows[row][0].id if row < len(self._rows) else None
        end = row
        while end < len(portraits) and portraits[end].id != following:
            end += 1
        self._insert_rows(row, portraits[row:end])
        return end

    def _noted(self, portrait: Portrait) -> tuple[Portrait, str]:
        identity = photo_identity(portrait)
        self._portrait_of_photo[identity] = portrait.id
        return portrait, identity

    def picture_ready(self, identity: str) -> None:
        """A picture of this photo was prepared: its row shows it now."""
        portrait_id = self._portrait_of_photo.get(identity)
        row = self.row_of(portrait_id) if portrait_id is not None else -1
        if row >= 0:
            self.dataChanged.emit(self.index(row), self.index(row), _PREPARED_ROLES)

    def pictures_changed(self) -> None:
        """Every row's pictures are asked for again (photos are drawn at a new size)."""
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1), _PREPARED_ROLES)

    def _codes_resized(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1), _QR_ROLES)

    def set_language(self, language: str) -> None:
        if language == self._language:
            return
        self._language = language
        if self._rows:
            self.dataChanged.emit(
                self.index(0), self.index(len(self._rows) - 1), [int(r) for r in _TEXT_ROLES]
            )

    def portrait_at(self, row: int) -> Portrait:
        return self._rows[row][0]

    def version_of(self, portrait_id: str) -> Portrait | None:
        """The version of this portrait in the cycle, if it is there."""
        row = self.row_of(portrait_id)
        return self._rows[row][0] if row >= 0 else None

    def row_of(self, portrait_id: str) -> int:
        """The row of a portrait, or -1."""
        row = self._place_of(portrait_id)
        return row if row < len(self._rows) and self._rows[row][0].id == portrait_id else -1

    def _place_of(self, portrait_id: str) -> int:
        """Its row, or the row it would be inserted at. The rows are in collection order
        (order_key), so this is a binary search: the GUI thread asks after every change."""
        key = order_key(portrait_id)
        low, high = 0, len(self._rows)
        while low < high:
            middle = (low + high) // 2
            if order_key(self._rows[middle][0].id) < key:
                low = middle + 1
            else:
                high = middle
        return low

    def portraits(self) -> list[Portrait]:
        return [portrait for portrait, _ in self._rows]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(self._rows)

    def roleNames(self) -> dict[int, QByteArray]:  # noqa: N802 - Qt override
        return {int(role): QByteArray(name) for role, name in _ROLE_NAMES.items()}

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        portrait = self._rows[index.row()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            role = PortraitRole.NAME
        if role in _PICTURE_ROLES:
            return self._picture_url(portrait, _PICTURE_ROLES[role])
        if role == PortraitRole.PHOTO_SHAPE:
            return self._photo_shape(portrait)
        if role in _STORY_ROLES:
            return self._told(portrait, role)
        return self._value(portrait, role)

    def _told(self, portrait: Portrait, role: int):
        story, language = self._story, self._language
        if story is None:
            return 0 if role == PortraitRole.QR_SIDE else ""
        if role == PortraitRole.FROM_HOME:
            return story.from_home(portrait, language)
        if role == PortraitRole.QR_CAPTION:
            return story.qr_caption(portrait, language)
        link = story.link(portrait, language)
        if role == PortraitRole.LINK:
            return link
        url, side = story.qr(link)
        return url if role == PortraitRole.QR_URL else side

    def _value(self, portrait: Portrait, role: int):
        if role in _TRANSLATED:
            value = getattr(portrait, _TRANSLATED[role])
            return value.get(self._language, self._languages.default) if value else ""
        if role in _PLAIN:
            return getattr(portrait, _PLAIN[role]) or ""
        return None


def _unknown_shape(portrait: Portrait) -> float:
    return 0.0


@QmlElement
@QmlUncreatable("the visitor session has the one cycle")
class FacetFilterModel(QSortFilterProxyModel):  # type: ignore[operator]  # stubs: QmlUncreatable is a decorator
    """The visitor's cycle: the portraits that match the chosen origin and profession."""

    def __init__(self, languages: Languages, source: PortraitListModel, parent=None) -> None:
        super().__init__(parent)
        self._languages = languages
        self._selection = Selection()
        self._source = source
        self.setSourceModel(source)

    @property
    def selection(self) -> Selection:
        return self._selection

    def set_selection(self, selection: Selection) -> None:
        if selection == self._selection:
            return
        self.beginFilterChange()
        self._selection = selection
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:  # noqa: N802 - Qt override
        portrait = self._source.portrait_at(source_row)
        return matches(portrait, self._selection, self._languages)

    def portrait_at(self, row: int) -> Portrait:
        return self._source.portrait_at(self.mapToSource(self.index(row, 0)).row())

    def row_of(self, portrait_id: str) -> int:
        source_row = self._source.row_of(portrait_id)
        if source_row < 0:
            return -1
        return self.mapFromSource(self._source.index(source_row)).row()


class FacetRole(IntEnum):
    KEY = Qt.ItemDataRole.UserRole + 1
    LABEL = KEY + 1
    COUNT = KEY + 2
    SELECTED = KEY + 3


@QmlElement
@QmlUncreatable("the visitor session has one of these per facet")
class FacetValuesModel(QAbstractListModel):  # type: ignore[operator]  # stubs: QmlUncreatable is a decorator
    """The chips of one facet: label, count, and whether it is the visitor's choice."""

    changed = Signal()

    def __init__(self, facet: str, parent=None) -> None:
        super().__init__(parent)
        self.facet = facet
        self._values: list[FacetValue] = []
        self._selected: str | None = None

    def set_values(self, values: list[FacetValue], selected: str | None) -> None:
        self.beginResetModel()
        self._values, self._selected = values, selected
        self.endResetModel()
        self.changed.emit()

    @Property(int, notify=changed)
    def total(self) -> int:
        """How many portraits "All" holds: every value's count under the other facets' choice."""
        return sum(value.count for value in self._values)

    @Property(str, notify=changed)
    def selectedKey(self) -> str:  # noqa: N802 - QML property
        return self._selected or ""

    def label_of(self, key: str | None) -> str:
        return next((v.label for v in self._values if v.key == key), "")

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(self._values)

    def roleNames(self) -> dict[int, QByteArray]:  # noqa: N802 - Qt override
        names = {
            FacetRole.KEY: b"key",
            FacetRole.LABEL: b"label",
            FacetRole.COUNT: b"count",
            FacetRole.SELECTED: b"selected",
        }
        return {int(role): QByteArray(name) for role, name in names.items()}

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._values):
            return None
        value = self._values[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, FacetRole.LABEL):
            return value.label
        by_role: dict[int, object] = {
            FacetRole.KEY: value.key,
            FacetRole.COUNT: value.count,
            FacetRole.SELECTED: value.key == self._selected,
        }
        return by_role.get(role)
