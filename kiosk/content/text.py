"""Text from content: cleaning, languages, and grouping keys for facets."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

ANY_LANGUAGE = ""
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})?$")
# Control characters (category Cc) but tab and newline, lone surrogates and
# noncharacters: no font can draw them.
_UNDRAWABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_GUILLEMET_OPEN = re.compile(r"«[ \t]+")
_GUILLEMET_CLOSE = re.compile(r"[ \t]+»")
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")


@dataclass(frozen=True)
class LocalText:
    """A text that may differ by language.

    `by_language` maps a language code to its text; the code ANY_LANGUAGE holds
    a plain text that serves every language.
    """

    by_language: tuple[tuple[str, str], ...]

    @classmethod
    def plain(cls, text: str) -> LocalText:
        return cls(((ANY_LANGUAGE, text),))

    def get(self, language: str, default_language: str) -> str:
        """The text for `language`, else the default language's, else any."""
        # A loop over at most a handful of pairs: cheaper than building a dict per call.
        for wanted in (language, default_language, ANY_LANGUAGE):
            for code, text in self.by_language:
                if code == wanted:
                    return text
        return self.by_language[0][1] if self.by_language else ""

    def languages(self) -> list[str]:
        return [code for code, _ in self.by_language]

    def __bool__(self) -> bool:
        return any(text for _, text in self.by_language)


@lru_cache(maxsize=256)  # the same few codes, a few thousand times per scan
def is_language_code(code: str) -> bool:
    return bool(_LANGUAGE_CODE.match(code))


def clean_text(text: str, *, multiline: bool) -> str:
    """NFC, without control characters, with tidy white space.

    Multi-line texts keep their paragraphs, one blank line between them;
    single-line texts are folded onto one line. Spaces inside « » become
    no-break spaces, so a closing guillemet never starts a line alone.
    """
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if not text.isprintable():  # false for line breaks too; most single-line texts skip the sub
        text = _UNDRAWABLE.sub("", text)
    if not multiline:
        return _french_spacing(" ".join(text.split()))
    # Curators wrap lines in their editor: a single line break is a space, a blank
    # line starts a new paragraph, and the screen reflows each paragraph.
    paragraphs = _PARAGRAPH_BREAK.split(text.strip())
    return _french_spacing("\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip()))


def _french_spacing(text: str) -> str:
    """No line break between guillemets and the words they enclose."""
    if "«" not in text and "»" not in text:
        return text  # most texts: skip two regular expressions (the scan reads thousands)
    return _GUILLEMET_OPEN.sub("«\u00a0", _GUILLEMET_CLOSE.sub("\u00a0»", text))


def shorten(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters, at a word boundary when one is near."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ", max(0, limit - 40))
    if space > 0:
        cut = cut[:space]
    return cut.rstrip() + "…"


@lru_cache(maxsize=8192)  # facets and filters ask for the same few keys all the time
def group_key(text: str) -> str:
    """A key under which spellings that differ only by case, accents or spaces meet."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.split())


@dataclass(frozen=True)
class Languages:
    """The languages the kiosk offers visitors; the first one is the default."""

    offered: tuple[str, ...] = ("fr", "en")

    @property
    def default(self) -> str:
        return self.offered[0]
