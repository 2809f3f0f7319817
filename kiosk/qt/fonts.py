"""The fonts that ship with the kiosk, so every kiosk draws the same text."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFontDatabase

from kiosk.paths import assets_dir

log = logging.getLogger(__name__)
# Emoji are drawn with this family, monochrome, in the colour of the text around them:
# Qt otherwise looks for a colour emoji font on the system and, finding none, draws boxes.
EMOJI_FAMILY = "Noto Emoji"


def load_fonts() -> list[str]:
    """Register every font in assets/fonts; returns the families loaded."""
    families: list[str] = []
    for path in sorted((assets_dir() / "fonts").glob("*.[ot]tf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("font %s could not be loaded; the system's font is used instead", path.name)
            continue
        families.extend(QFontDatabase.applicationFontFamilies(font_id))
    if EMOJI_FAMILY in families:
        QFontDatabase.setApplicationEmojiFontFamilies([EMOJI_FAMILY])
    return sorted(set(families))
