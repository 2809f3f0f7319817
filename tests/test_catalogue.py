"""Every curator- and staff-facing message of the catalogue exists in French and English:
extracted from the code as Babel extracts it, each must have its French, with the same
{placeholders}."""

from __future__ import annotations

import re

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

from kiosk.catalogue import _messages, language_from_header, translator
from tests.conftest import REPO


def extracted() -> set[str]:
    with open(REPO / "tools" / "babel.cfg", encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found = extract_from_dir(
        str(REPO), method_map, options_map, keywords={"_": None, "N_": None}, comment_tags=()
    )
    return {message for _, _, message, _, _ in found if isinstance(message, str)}


def test_every_message_in_the_code_has_its_french():
    messages = extracted()
    assert len(messages) > 30  # the extraction found the desk's pages
    french = _messages("fr")
    missing = sorted(message for message in messages if message not in french)
    assert missing == []


def test_the_french_keeps_every_placeholder():
    for english, french in _messages("fr").items():
        assert set(re.findall(r"{\w+}", english)) == set(re.findall(r"{\w+}", french)), english


def test_a_message_is_said_in_the_language_asked_for_and_english_is_the_source():
    assert translator("fr")("Sign in") == "Se connecter"
    assert translator("en")("Sign in") == "Sign in"
    assert translator("de")("Sign in") == "Sign in"  # no German: the English
    assert translator("fr")("{folder} is back in the collection.", folder="a {b}") == (
        "a {b} est de retour dans la collection."
    )


def test_the_browsers_language_is_followed_by_its_preference():
    assert language_from_header("fr-FR,fr;q=0.9,en;q=0.8") == "fr"
    assert language_from_header("en-US,en;q=0.9,fr;q=0.8") == "en"
    assert language_from_header("de-DE,de;q=0.9,en;q=0.5,fr;q=0.7") == "fr"
    assert language_from_header("", ("en", "fr")) == "en"  # the collection's default
    assert language_from_header("es;q=bad") == "fr"
