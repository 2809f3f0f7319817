"""The curators' and staff's words in French and English: one gettext catalogue.

The messages are written in English in the code (`_("...")`, and `{{ _("...") }}` in the
desk's templates); kiosk/locale/fr/LC_MESSAGES/kiosk.po holds their French, read with
Babel (no compiled .mo to keep in step). tests/test_catalogue.py extracts every message
with Babel and fails on one the catalogue lacks.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from kiosk.paths import package_dir

DOMAIN = "kiosk"
SOURCE_LANGUAGE = "en"  # what the messages are written in
LANGUAGES = ("fr", "en")


def N_(message: str) -> str:  # noqa: N802 - gettext's own name for it
    """Marks a message for the catalogue where it is written; it is translated where it
    is shown (with `translator`)."""
    return message


def catalogue_file(language: str) -> Path:
    return package_dir() / "locale" / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def _messages(language: str) -> dict[str, str]:
    """Each English message and its translation (a language without a file: none)."""
    if language == SOURCE_LANGUAGE:
        return {}
    from babel.messages.pofile import read_po

    try:
        with open(catalogue_file(language), "rb") as handle:
            catalogue = read_po(handle, locale=language, domain=DOMAIN)
    except FileNotFoundError:
        return {}
    return {str(m.id): str(m.string) for m in catalogue if m.id and m.string and not m.fuzzy}


def translator(language: str):
    """`_` for `language`: the message in that language, else in English."""
    messages = _messages(language if language in LANGUAGES else SOURCE_LANGUAGE)

    def translate(message: str, **values) -> str:
        text = messages.get(message, message)
        return text.format(**values) if values else text

    return translate


def language_from_header(accept_language: str, offered: tuple[str, ...] = LANGUAGES) -> str:
    """The first offered language a browser's Accept-Language asks for (by its q), else
    the first offered."""
    wanted: list[tuple[float, int, str]] = []
    for index, part in enumerate(accept_language.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        wanted.append((-quality, index, tag.strip().lower().split("-")[0]))
    for _, _, language in sorted(wanted):
        if language in offered:
            return language
    return offered[0]
