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
# What must not reach a log line or a terminal as it is: control characters (a newline
# would forge a log line, an escape sequence clear a technician's screen), line and
# paragraph separators, and the marks that reorder text (they would hide a name's end).
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


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


def escape_controls(text: str) -> str:
    """`text` with every control character written as an escape (`\\n`, `\\x1b`, `\\u202e`),
    for lines in the log and the terminal: folder and file names are whatever curators
    and their systems made them."""
    return _CONTROLS.sub(_escape, text) if _CONTROLS.search(text) else text


def _escape(match: re.Match) -> str:
    return match.group().encode("unicode_escape").decode("ascii")


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


# Typographic punctuation a word processor or a layout program puts in, folded to what a
# keyboard types: "Côte d’Ivoire" and "Côte d'Ivoire" are one origin.
_TYPOGRAPHIC = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc\u0060\u00b4", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    }
)


@lru_cache(maxsize=8192)  # facets and filters ask for the same few keys all the time
def group_key(text: str) -> str:
    """A key under which spellings that differ only by case, accents, spaces, typographic
    punctuation or invisible characters (a soft hyphen, a zero-width space) meet."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch) and not _is_format(ch))
    return " ".join(bare.translate(_TYPOGRAPHIC).split())


def _is_format(character: str) -> bool:
    return unicodedata.category(character) == "Cf"


_JOINERS = {"\u200c", "\u200d"}  # ZERO WIDTH NON-JOINER and JOINER: part of some scripts' spelling


def invisible_characters(text: str) -> list[str]:
    """The invisible characters in `text` that a curator cannot see nor mean (a soft hyphen,
    a zero-width space, a byte-order mark...), each named as Unicode names it. The joiners
    that some scripts need between letters are not counted."""
    if text.isascii():  # most texts, read by the thousand at every scan: none can be there
        return []
    return [describe_character(ch) for ch in dict.fromkeys(text) if _is_format(ch) and ch not in _JOINERS]


def describe_character(character: str) -> str:
    """A character as Unicode names it, with its code point: NO-BREAK SPACE (U+00A0)."""
    return f"{unicodedata.name(character, 'an unnamed character')} (U+{ord(character):04X})"


@dataclass(frozen=True)
class Languages:
    """The languages the kiosk offers visitors; the first one is the default."""

    offered: tuple[str, ...] = ("fr", "en")

    @property
    def default(self) -> str:
        return self.offered[0]
