"""VisitorSession: what one visitor sees and does, from their first touch to idle reset.

It holds the current portrait, the filter, the language, autoplay and the idle
timer; where the visitor goes in the cycle follows kiosk.screen.policy.Cursor. QML
reads its properties and calls its slots; it never decides anything.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.content.facets import FACETS, Selection, facet_values
from kiosk.content.portraits import Portrait
from kiosk.labels import labels_for
from kiosk.qt.models import FacetFilterModel, FacetValuesModel, PortraitListModel
from kiosk.screen.policy import Cursor, autoplay_advances
from kiosk.settings import Settings

log = logging.getLogger(__name__)
# What may be open over the pages: the filters, the overview, the current photo full screen.
PANELS = ("", "origin", "profession", "overview", "map", "photo")
QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1


@QmlElement
@QmlUncreatable("the kiosk makes the one VisitorSession")
class VisitorSession(QObject):  # type: ignore[operator]  # stubs: QmlUncreatable is a decorator
    languageChanged = Signal()
    currentIndexChanged = Signal()
    selectionChanged = Signal()
    refiltering = Signal()  # before the visitor's filters change which pages the cycle holds
    panelChanged = Signal()
    autoplayChanged = Signal()
    countChanged = Signal()
    resetting = Signal()  # before an idle reset takes the visitor's things away
    stillThereChanged = Signal()  # the prompt before the reset: shown, hidden, a second less
    readingChanged = Signal()  # larger text or high contrast turned on or off
    closeUpChanged = Signal()  # the full-screen photo's sharp picture is ready, or gone

    def __init__(self, settings: Settings, picture_url, parent=None, photo_shape=None, story=None) -> None:
        super().__init__(parent)
        self.settings = settings
        self._languages = settings.languages
        self._language = settings.default_language
        self._cursor = Cursor()
        self._panel = ""
        self._autoplay = True
        self._facets_stale = False
        self._idle_held = False
        self._holders: set[str] = set()  # who holds the idle reset back (hold_idle)
        self._asking_left = 0  # seconds the still-there prompt has left; 0: not asking
        self._large_text = False
        self._high_contrast = False
        self._close_up = ""  # the URL of the open photo's full-screen picture, once prepared
        self.portraits = PortraitListModel(self._languages, picture_url, self, photo_shape, story)
        self.visible = FacetFilterModel(self._languages, self.portraits, self)
        self.currentIndexChanged.connect(self._close_photo)
        self.facets = {facet: FacetValuesModel(facet, self) for facet in FACETS}
        self._autoplay_timer = self._timer(settings.autoplay_seconds, self._advance, repeat=True)
        self._idle_timer = self._timer(settings.idle_seconds, self._ask_still_there, repeat=False)
        self._countdown = self._timer(1, self._count_down, repeat=True)
        self._autoplay_timer.start()

    def _timer(self, seconds: float, slot, repeat: bool) -> QTimer:
        timer = QTimer(self)
        timer.setInterval(int(seconds * 1000))
        timer.setSingleShot(not repeat)
        timer.timeout.connect(slot)
        return timer

    # -- content --------------------------------------------------------------

    def set_portraits(self, portraits: list[Portrait]) -> None:
        shown = self.current_portrait()
        self.portraits.set_portraits(portraits)
        # Counted when a panel opens, not for every batch of new portraits: the chips
        # are only on screen in a panel (and each count walks the whole collection).
        self._facets_stale = True
        # A portrait removed from under autoplay: the one that followed it takes its place.
        self._keep_showing(shown, fallback=self._cursor.fallback_after_removal(self.visible.rowCount()))
        self.countChanged.emit()

    def put_portraits(self, portraits: list[Portrait]) -> None:
        """Add these portraits, or their new versions, leaving every other one as it is."""
        shown = self.current_portrait()
        self.portraits.put_portraits(portraits)
        self._facets_stale = True
        self._keep_showing(shown, fallback=self._cursor.index)
        self.countChanged.emit()

    def visitor_language(self) -> str:
        return self._language

    def offered_languages(self) -> list[str]:
        return list(self._languages.offered)

    def place(self) -> tuple[int, int]:
        """(the portrait on screen's place from 1, how many the cycle holds)."""
        return self._cursor.index + 1, self.visible.rowCount()

    def current_portrait(self) -> Portrait | None:
        index = self._cursor.index
        return self.visible.portrait_at(index) if 0 <= index < self.visible.rowCount() else None

    def neighbours(self) -> list[Portrait]:
        """The portraits a swipe would show next, in the current cycle."""
        return [self.visible.portrait_at(row) for row in self._cursor.neighbour_rows(self.visible.rowCount())]

    # -- what QML reads ---------------------------------------------------------

    @Property(FacetFilterModel, constant=True)
    def cycle(self) -> FacetFilterModel:
        """The portraits the visitor goes through: the filter's, in collection order."""
        return self.visible

    @Property(FacetValuesModel, constant=True)
    def origins(self) -> FacetValuesModel:
        return self.facets["origin"]

    @Property(FacetValuesModel, constant=True)
    def professions(self) -> FacetValuesModel:
        return self.facets["profession"]

    @Property(str, notify=languageChanged)
    def language(self) -> str:
        return self._language

    @Property("QStringList", constant=True)  # type: ignore[arg-type]  # a type name: the stubs take only types
    def languages(self) -> list[str]:
        return list(self._languages.offered)

    @Property("QVariantMap", notify=languageChanged)  # type: ignore[arg-type]  # a type name: the stubs take only types
    def labels(self) -> dict:
        return labels_for(self._language)

    @Property(bool, notify=readingChanged)
    def largeText(self) -> bool:  # noqa: N802 - QML property
        return self._large_text

    @Property(bool, notify=readingChanged)
    def highContrast(self) -> bool:  # noqa: N802 - QML property
        return self._high_contrast

    @Property(bool, notify=stillThereChanged)
    def stillThere(self) -> bool:  # noqa: N802 - QML property
        """The prompt before the idle reset is on screen."""
        return self.is_asking()

    def is_asking(self) -> bool:
        return self._asking_left > 0

    def preview_still_there(self, shown: bool) -> None:
        """The prompt as it first shows, its countdown still (kiosk snapshot)."""
        if shown:
            self._show_prompt()
        else:
            self._stop_asking()

    @Property(str, notify=stillThereChanged)
    def stillThereCountdown(self) -> str:  # noqa: N802 - QML property
        return labels_for(self._language)["backToStart"].format(seconds=self._asking_left)

    @Property(str, notify=languageChanged)
    def title(self) -> str:
        return self.settings.title.get(self._language, self._languages.default)

    @Property(str, notify=languageChanged)
    def credits(self) -> str:
        credits = self.settings.credits
        return credits.get(self._language, self._languages.default) if credits else ""

    @Property("QVariantList", constant=True)  # type: ignore[arg-type]  # a type name: the stubs take only types
    def comingSoon(self) -> list[dict]:  # noqa: N802 - QML property
        """The empty screen's words in every offered language at once."""
        return [
            {"title": labels_for(code)["comingSoon"], "body": labels_for(code)["comingSoonBody"]}
            for code in self._languages.offered
        ]

    @Property(int, notify=currentIndexChanged)
    def currentIndex(self) -> int:  # noqa: N802 - QML property
        return self._cursor.index

    @Property(int, notify=countChanged)
    def count(self) -> int:
        return self.visible.rowCount()

    @Property(int, notify=countChanged)
    def total(self) -> int:
        return self.portraits.rowCount()

    @Property(str, notify=closeUpChanged)
    def closeUpUrl(self) -> str:  # noqa: N802 - QML property
        """The open photo drawn at the screen's size ("" until prepared: the page's
        picture stands in, scaled)."""
        return self._close_up

    def set_close_up(self, url: str) -> None:
        if url != self._close_up:
            self._close_up = url
            self.closeUpChanged.emit()

    @Property(str, notify=panelChanged)
    def panel(self) -> str:
        return self._panel

    @Property(bool, notify=autoplayChanged)
    def autoplay(self) -> bool:
        return self._autoplay

    @Property(int, constant=True)
    def transitionMs(self) -> int:  # noqa: N802 - QML property
        return self.settings.transition_ms

    @Property(str, notify=selectionChanged)
    def originLabel(self) -> str:  # noqa: N802 - QML property
        self._fresh_facets()
        return self.facets["origin"].label_of(self.visible.selection.origin)

    @Property(str, notify=selectionChanged)
    def professionLabel(self) -> str:  # noqa: N802 - QML property
        self._fresh_facets()
        return self.facets["profession"].label_of(self.visible.selection.profession)

    @Property(bool, notify=selectionChanged)
    def filtered(self) -> bool:
        return self.visible.selection != Selection()

    # -- what visitors do -------------------------------------------------------

    @Slot()
    def next(self) -> None:
        if self._cursor.step(+1, self.visible.rowCount()):
            self.currentIndexChanged.emit()

    @Slot()
    def previous(self) -> None:
        if self._cursor.step(-1, self.visible.rowCount()):
            self.currentIndexChanged.emit()

    @Slot(int)
    def goTo(self, index: int) -> None:  # noqa: N802 - QML slot
        if self._cursor.go_to(index, self.visible.rowCount()):
            self.currentIndexChanged.emit()

    @Slot(int)
    def openPortrait(self, index: int) -> None:  # noqa: N802 - QML slot
        self.goTo(index)
        self.closePanel()

    @Slot(str)
    def setLanguage(self, language: str) -> None:  # noqa: N802 - QML slot
        if language not in self._languages.offered or language == self._language:
            return
        self._language = language
        self.portraits.set_language(language)
        self._refresh_facets()
        self.languageChanged.emit()
        self.selectionChanged.emit()  # the chosen chips' labels are in the new language

    @Slot(str, str)
    def choose(self, facet: str, key: str) -> None:
        """Narrow the cycle to one value of `facet`; an empty key means all."""
        if facet in FACETS:
            self._apply(self.visible.selection.with_value(facet, key or None))
        self.closePanel()

    @Slot()
    def clearFilters(self) -> None:  # noqa: N802 - QML slot
        self._apply(Selection())

    @Slot(str)
    def openPanel(self, panel: str) -> None:  # noqa: N802 - QML slot
        self._fresh_facets()
        self._set_panel(panel if panel in PANELS else "")

    @Slot()
    def closePanel(self) -> None:  # noqa: N802 - QML slot
        self._set_panel("")

    @Slot()
    def noteActivity(self) -> None:  # noqa: N802 - QML slot
        """A touch, click or key: autoplay pauses until the visitor has gone; the
        still-there prompt, if it shows, goes."""
        self._stop_asking()
        if not self._idle_held:
            self._idle_timer.start()
        if self._autoplay:
            self._autoplay = False
            self._autoplay_timer.stop()
            self.autoplayChanged.emit()

    @Slot()
    def toggleLargeText(self) -> None:  # noqa: N802 - QML slot
        self.set_reading_aids(not self._large_text, self._high_contrast)

    @Slot()
    def toggleHighContrast(self) -> None:  # noqa: N802 - QML slot
        self.set_reading_aids(self._large_text, not self._high_contrast)

    def set_reading_aids(self, large_text: bool, high_contrast: bool) -> None:
        if (large_text, high_contrast) != (self._large_text, self._high_contrast):
            self._large_text, self._high_contrast = large_text, high_contrast
            log.info(
                "reading: larger text %s, high contrast %s",
                "on" if large_text else "off",
                "on" if high_contrast else "off",
            )
            self.readingChanged.emit()

    def hold_idle(self, held: bool, holder: str = "voice") -> None:
        """While a recording plays or the kiosk speaks, the idle reset waits: a visitor
        listening does not touch the screen. Its time starts again when the last
        `holder` (the voice, the speech) lets go."""
        was_held = self._idle_held
        if held:
            self._holders.add(holder)
        else:
            self._holders.discard(holder)
        self._idle_held = bool(self._holders)
        if self._idle_held:
            self._idle_timer.stop()
            self._stop_asking()
        elif was_held:
            self._idle_timer.start()

    @Slot()
    def reset(self) -> None:
        """Back to how a new visitor should find the kiosk."""
        log.info("idle: back to the default language, filters cleared, autoplay on")
        self.resetting.emit()
        self._set_panel("")
        self.set_reading_aids(False, False)
        self._apply(Selection())
        self.setLanguage(self._languages.default)
        self._idle_timer.stop()
        self._stop_asking()
        self._autoplay_timer.start()
        if not self._autoplay:
            self._autoplay = True
            self.autoplayChanged.emit()

    # -- inner workings ---------------------------------------------------------

    def _ask_still_there(self) -> None:
        """Before the reset takes the story away from a visitor still reading, ask
        (WCAG 2.2 2.2.1: a warning, and at least 20 s to continue with one tap)."""
        log.info("idle: asking whether the visitor is still there")
        self._show_prompt()
        self._countdown.start()

    def _show_prompt(self) -> None:
        self._asking_left = max(1, round(self.settings.still_there_seconds))
        self.stillThereChanged.emit()

    def _count_down(self) -> None:
        if self._asking_left <= 1:
            self._stop_asking()
            self.reset()
        else:
            self._asking_left -= 1
            self.stillThereChanged.emit()

    def _stop_asking(self) -> None:
        if self._asking_left:
            self._asking_left = 0
            self._countdown.stop()
            self.stillThereChanged.emit()

    def _advance(self) -> None:
        if autoplay_advances(self._panel):
            self.next()

    def _apply(self, selection: Selection) -> None:
        if selection == self.visible.selection:
            return
        shown = self.current_portrait()
        self.refiltering.emit()
        self.visible.set_selection(selection)
        self._refresh_facets()
        self._keep_showing(shown)
        self.selectionChanged.emit()
        self.countChanged.emit()

    def _keep_showing(self, portrait: Portrait | None, fallback: int = 0) -> None:
        """Stay on the same portrait if it is still in the cycle, else go to `fallback`."""
        row = self.visible.row_of(portrait.id) if portrait else -1
        if self._cursor.follow(row, fallback):
            self.currentIndexChanged.emit()

    def _fresh_facets(self) -> None:
        if self._facets_stale:
            self._refresh_facets()

    def _refresh_facets(self) -> None:
        self._facets_stale = False
        portraits = self.portraits.portraits()
        selection = self.visible.selection
        for facet, model in self.facets.items():
            values = facet_values(portraits, facet, selection, self._language, self._languages)
            model.set_values(values, getattr(selection, facet))

    def _close_photo(self) -> None:
        """The open photo belongs to the portrait it was opened on."""
        if self._panel == "photo":
            self._set_panel("")

    def _set_panel(self, panel: str) -> None:
        if panel != self._panel:
            self._panel = panel
            if panel != "photo":
                self.set_close_up("")
            self.panelChanged.emit()
