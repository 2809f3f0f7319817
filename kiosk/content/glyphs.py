"""Which characters the kiosk's own fonts draw (assets/fonts), read from their
character maps with fontTools: a text with a character none of them has shows a box
on a kiosk whose system has no font for it either, and `kiosk check` says so."""

from __future__ import annotations

import unicodedata
from functools import cache

from kiosk.paths import assets_dir

# Below this every character is Latin, in every one of the fonts: most texts stop here.
ALWAYS_DRAWN = 0x0250
# Characters no font draws, as none is meant to: spaces, joiners, variation selectors.
_NOT_DRAWN = {"Zs", "Cc", "Cf", "Mn", "Me", "Zl", "Zp"}


@cache
def shipped_characters() -> frozenset[int]:
    """Every code point one of the shipped fonts has a glyph for (read once, in 0.2 s:
    only a text beyond Latin asks)."""
    from fontTools.ttLib import TTFont

    found: set[int] = set()
    for path in sorted((assets_dir() / "fonts").glob("*.[ot]tf")):
        with TTFont(path, lazy=True) as font:
            found.update(font.getBestCmap() or {})
    return frozenset(found)


def missing_characters(text: str) -> list[str]:
    """The characters of `text` none of the shipped fonts draws, each once, in order."""
    if all(ord(ch) < ALWAYS_DRAWN for ch in text):
        return []
    drawn = shipped_characters()
    return [
        ch
        for ch in dict.fromkeys(text)
        if ord(ch) >= ALWAYS_DRAWN and ord(ch) not in drawn and unicodedata.category(ch) not in _NOT_DRAWN
    ]
