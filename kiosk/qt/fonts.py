"""The fonts that ship with the kiosk, so every kiosk draws the same text."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFontDatabase

from kiosk.paths import assets_dir

log = logging.getLogger(__name__)


def load_fonts() -> list[str]:
    """Register every font in assets/fonts; returns the families loaded."""
    families: list[str] = []
    for path in sorted((assets_dir() / "fonts").glob("*.[ot]tf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("font %s could not be loaded; the system's font is used instead", path.name)
            continue
        families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return sorted(set(families))
