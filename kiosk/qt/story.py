"""Story: what a portrait tells beyond the kiosk, for its page in QML: its page online as
a QR code (a picture drawn at its own pixel size, at least 25 mm across on this screen)
and how far its person is from home, in the visitor's language."""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

from babel.numbers import format_decimal
from PySide6.QtCore import QObject, QUrl, Signal

from kiosk.content.homes import Home, find_home, km_between, rounded_km
from kiosk.content.links import drawn_link
from kiosk.content.portraits import Portrait
from kiosk.content.qrcodes import pixels_per_module, qr_modules, qr_picture
from kiosk.labels import FALLBACK, LABELS, labels_for
from kiosk.settings import Settings
from kiosk.workers.gazetteer import default_folder, open_gazetteer

log = logging.getLogger(__name__)


class Story(QObject):
    changed = Signal()  # the codes' size: the screen's body changed

    def __init__(
        self, settings: Settings, folder: Path, parent=None, gazetteer_folder: Path | None = None
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._folders = [folder / "qr", Path(tempfile.gettempdir()) / f"portrait-kiosk-qr-{os.getuid()}"]
        self._px_per_mm = 1.0
        self._gazetteer = open_gazetteer(gazetteer_folder or default_folder())
        self._homes: dict[tuple, Home | None] = {}
        self._said: dict[tuple[Home, str], str] = {}  # "À 1 480 km de chez soi", by home and language
        self._codes: dict[tuple[str, int], tuple[str, int]] = {}  # by link and pixels a module
        # Babel reads a language's CLDR data the first time it writes a number in it (60 ms):
        # at the first page built, on the GUI thread with the screen live (kiosk bench:
        # gui_stall_ms). Read now, during start-up, while nothing is on screen yet.
        for language in {*settings.languages.offered, FALLBACK}:
            format_decimal(0, locale=language if language in LABELS else FALLBACK)

    def close(self) -> None:
        if self._gazetteer is not None:
            self._gazetteer.close()
            self._gazetteer = None
        self._homes.clear()

    def follow(self, px_per_mm: float) -> None:
        if px_per_mm != self._px_per_mm:
            self._px_per_mm = px_per_mm
            self.changed.emit()

    def link(self, portrait: Portrait, language: str) -> str:
        """The address its code holds: its own page, else the exhibition's, else ""."""
        return drawn_link(portrait.link, self._settings.link, language, self._settings.languages.default)

    def qr_caption(self, portrait: Portrait, language: str) -> str:
        """What the code gives: the person's story, or the exhibition's page."""
        if not self.link(portrait, language):
            return ""
        own = bool(portrait.link and portrait.link.get(language, self._settings.languages.default))
        return labels_for(language)["takeStory" if own else "exhibitionOnline"]

    def qr(self, link: str) -> tuple[str, int]:
        """(the code's picture as a file URL, its side in pixels), or ("", 0)."""
        if not link:
            return "", 0
        per_module = pixels_per_module(link, self._px_per_mm)
        key = (link, per_module)
        if key not in self._codes:
            self._codes[key] = self._written_code(link, per_module)
        return self._codes[key]

    def _written_code(self, link: str, per_module: int) -> tuple[str, int]:
        """Once per code: a model asks for it at every look at a page."""
        for folder in self._folders:
            try:
                path = qr_picture(link, per_module, folder)
            except (OSError, ValueError) as exc:
                log.warning("QR code for %s cannot be written in %s (%s)", link, folder, exc)
                continue
            return QUrl.fromLocalFile(str(path)).toString(), per_module * len(qr_modules(link))
        return "", 0

    def from_home(self, portrait: Portrait, language: str) -> str:
        """ "À 1 480 km de chez soi", or "" when home is not known."""
        home = self._home(portrait)
        if home is None:
            return ""
        key = (home, language)  # the model asks at every look at a page
        if key not in self._said:
            km = rounded_km(
                km_between(self._settings.exhibition_coordinates, (home.latitude, home.longitude))
            )
            said_in = language if language in LABELS else FALLBACK  # the number as its sentence writes it
            self._said[key] = labels_for(language)["fromHome"].format(km=format_decimal(km, locale=said_in))
        return self._said[key]

    @property
    def exhibition(self) -> tuple[float, float]:
        """(latitude, longitude) of the exhibition: where the arcs of the map meet."""
        return self._settings.exhibition_coordinates

    def home_of(self, portrait: Portrait) -> Home | None:
        return self._home(portrait)

    def _home(self, portrait: Portrait) -> Home | None:
        key = (portrait.id, portrait.home, portrait.home_coordinates, portrait.origin)
        if key not in self._homes:
            home, problems = find_home(portrait, self._gazetteer, self._settings.languages.default)
            for problem in problems:
                log.warning("problem %s", problem.as_line())
            self._homes[key] = home
        return self._homes[key]
