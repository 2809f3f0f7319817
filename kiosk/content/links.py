"""A portrait's page online (`link:`), shown as a QR code a visitor's phone reads.

Only an https:// address is ever drawn: a QR code sends a visitor's phone wherever it
says, so a `javascript:` or `http:` address, or one too long for a code a phone reads
at arm's length, is reported and not drawn.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from kiosk.catalogue import N_
from kiosk.content.text import LocalText

LINK_MAX = 300  # characters: a code of 25 to 40 mm that a phone reads from 50 cm


def link_problem(link: str) -> str:
    """What is wrong with `link` as a QR code's address, or ""."""
    if len(link) > LINK_MAX:
        return N_(
            "'link' is {length} characters long; a QR code a phone reads from arm's length holds "
            "at most {most}: use the page's shorter address"
        ).format(length=f"{len(link):,}", most=LINK_MAX)
    if any(character.isspace() or not character.isprintable() for character in link):
        return N_("'link' has spaces or invisible characters in it: copy the address again from the browser")
    try:
        parts = urlsplit(link)
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() != "https" or not parts.hostname:
        return N_(
            "'link' is '{link}': only an https:// address is shown; copy the page's address from "
            "the browser, beginning with https://"
        ).format(link=link if len(link) <= 60 else link[:60] + "…")
    return ""


def drawn_link(own: LocalText | None, exhibition: LocalText | None, language: str, default: str) -> str:
    """The address a portrait's code holds in `language`: its own page, else the
    exhibition's, else "" (no code)."""
    found = own.get(language, default) if own else ""
    return found or (exhibition.get(language, default) if exhibition else "")
