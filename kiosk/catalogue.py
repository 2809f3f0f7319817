"""The curators' and staff's words in French and English: one gettext catalogue.

The messages are written in English in the code (`_("...")`, and `{{ _("...") }}` in the
desk's templates); kiosk/locale/fr/LC_MESSAGES/kiosk.po holds their French, read with
Babel (no compiled .mo to keep in step). tests/test_catalogue.py extracts every message
with Babel and fails on one the catalogue lacks.

A problem found in content is worded once, in English, where it is found
(`N_("'{name}' is written twice: keep one").format(name=...)`), and travels as that
sentence: through the saved readings, the helpers' answers, `kiosk check --json` and the
log. It is put into the reader's language where it is shown (`translated`), by finding
the catalogue template it was made from and translating the values that are themselves
phrases of the catalogue (the PHRASES placeholders), so no reading has to carry a
template and its values alongside.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from kiosk.paths import package_dir

DOMAIN = "kiosk"
SOURCE_LANGUAGE = "en"  # what the messages are written in
LANGUAGES = ("fr", "en")

# The placeholders whose value is itself a phrase of the catalogue ("{problem}; the
# defaults are used"): translated too. Every other value (a field's name, a file's, a
# number, what a curator wrote) is shown as it was written.
PHRASES = frozenset({"what", "hint", "problem", "kind", "where", "shape", "form", "closed", "formats"})
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_GROUPED = re.compile(r"\d{1,3}(,\d{3})+")
_DECIMAL = re.compile(r"-?\d+\.\d+")


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


def counted(one: str, many: str, count: int, language: str) -> str:
    """`one` or `many` (messages with a {count}) as `language` counts: French says
    "0 portrait prêt", English "0 portraits ready"."""
    from babel import Locale

    shown = language if language in LANGUAGES else SOURCE_LANGUAGE
    form = Locale.parse(shown).plural_form(count)
    return translator(shown)(one if form == "one" else many, count=count)


@lru_cache(maxsize=8192)
def translated(message: str, language: str) -> str:
    """A message of the catalogue, or one made from a catalogue template, in `language`;
    any other text as it is. Remembered: finding a template tries each in turn (60 µs),
    and the admin panel and the desk's pages say the same problems again and again."""
    if language not in LANGUAGES or language == SOURCE_LANGUAGE:
        return message
    found = _translated(message, language, depth=0)
    return message if found is None else found


def _translated(message: str, language: str, depth: int) -> str | None:
    """The translation, or None for a text the catalogue does not know. Of the templates
    that fit, the first whose phrases are all the catalogue's own wins: "'{name}' is
    {shape}: write {form}" fits "'name' is empty: write ..." too, but "empty" is no
    shape the catalogue knows."""
    exact = _messages(language).get(message)
    if exact is not None:
        return exact
    partly: str | None = None  # a template that fits, with a phrase left in English
    for template in _templates(language):
        match = template.pattern.fullmatch(message)
        if match is None:
            continue
        values, whole = {}, True
        for name, value in match.groupdict().items():
            if name in PHRASES and depth < 3:
                phrase = _translated(value, language, depth + 1)
                whole = whole and phrase is not None
                values[name] = value if phrase is None else phrase
            else:
                values[name] = _local_number(value, language)
        text = template.translation.format(**values)
        if whole:
            return text
        partly = partly or text
    return partly


def _local_number(value: str, language: str) -> str:
    """A number the English wrote as 6,000 or 12.5, as `language` writes it."""
    from babel.numbers import format_decimal

    if _GROUPED.fullmatch(value):
        return format_decimal(int(value.replace(",", "")), locale=language)
    if _DECIMAL.fullmatch(value):
        return format_decimal(float(value), format="0.0##", locale=language)
    return value


@dataclass(frozen=True)
class _Template:
    pattern: re.Pattern[str]
    translation: str


@cache
def _templates(language: str) -> tuple[_Template, ...]:
    """The language's messages with placeholders, as patterns that find their values; the
    ones with the most fixed words first, so "'{name}' is written twice" is tried before
    a template as loose as "{problem}; the defaults are used"."""
    found = [
        (len(_PLACEHOLDER.sub("", message)), _Template(_pattern_of(message), translation))
        for message, translation in _messages(language).items()
        if _PLACEHOLDER.search(message)
    ]
    return tuple(template for _, template in sorted(found, key=lambda item: -item[0]))


def _pattern_of(message: str) -> re.Pattern[str]:
    parts: list[str] = []
    seen: set[str] = set()
    at = 0
    for placeholder in _PLACEHOLDER.finditer(message):
        name = placeholder.group(1)
        parts.append(re.escape(message[at : placeholder.start()]))
        parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>.+?)")
        seen.add(name)
        at = placeholder.end()
    parts.append(re.escape(message[at:]))
    return re.compile("".join(parts), re.DOTALL)


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
