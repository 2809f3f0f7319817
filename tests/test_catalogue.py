"""Every curator- and staff-facing message of the catalogue exists in French and English:
extracted from the code as Babel extracts it, each must have its French, with the same
{placeholders}."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

from kiosk.catalogue import _messages, language_from_header, translated, translator
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


def hostile_collection(root: Path, photo: Path) -> None:
    """Folders with one or more of each kind of problem a curator meets."""

    def folder(name: str, yaml_text: str | bytes | None, *, with_photo: bool = True, extra=()) -> None:
        path = root / name
        path.mkdir(parents=True)
        if yaml_text is not None:
            data = yaml_text.encode("utf-8") if isinstance(yaml_text, str) else yaml_text
            (path / "portrait.yaml").write_bytes(data)
        if with_photo:
            shutil.copy(photo, path / "photo.jpg")
        for file_name, data in extra:
            (path / file_name).write_bytes(data)

    basic = "profession: x\norigin: y\ntestimony: z\n"
    folder("twice", "name: A\nname: B\n" + basic)
    folder("empty", "name: ''\nprofession: x\norigin: y\n")
    folder("published", "name: C\n" + basic + "published: maybe\n")
    folder("shapes", "name: [a, b]\nprofession: {fr: x, xx1: y}\norigin: {fr: y}\ntestimony: z\n")
    folder(
        "long", "name: E\nprofession: x\norigin: y\ntestimony: " + "w" * 7000 + "\nquotee: hi\nzorglub: 1\n"
    )
    folder("key", "name\u00a0: F\n" + basic)
    folder("yaml", "name: [unclosed\n")
    folder("tag", "name: !!str M\n" + basic)
    folder("named-photo", "name: H\n" + basic + "photo: nope.jpg\n")
    folder("utf16", "name: x".encode("utf-16"))
    folder("latin1", "name: é\n".encode("latin-1"))
    folder("no-yaml", None)
    folder("heic", "name: J\n" + basic, with_photo=False, extra=[("photo.heic", b"x")])
    folder("not-a-photo", "name: J\n" + basic, with_photo=False, extra=[("photo.jpg", b"not a picture")])
    folder("two-photos", "name: J\n" + basic, extra=[("other.png", b"x")])
    folder(
        "voices",
        "name: K\n" + basic,
        extra=[
            ("voice.fr.mp3", b""),
            ("voice.xx.bad", b"1"),
            ("voice.de.vtt", b"WEBVTT\n"),
            ("voice.vtt", b""),
        ],
    )
    folder("cjk", "name: 李小龍\n" + basic)
    folder(
        "links",
        "name: L\n" + basic + "link:\n  fr: 'javascript:alert(1)'\n  en: 'https://x.org/" + "a" * 400 + "'\n",
    )
    folder("home", "name: L\n" + basic + "home_coordinates: [200, 3]\n")
    (root / "kiosk.yaml").write_text("idle_seconds: soon\nwhatever: 1\nadmin_pin: 1234\n", encoding="utf-8")


def test_every_problem_of_a_hostile_collection_is_said_in_french(tmp_path, good_photo):
    from kiosk.content.collection import scan
    from kiosk.settings import load_settings

    root = tmp_path / "portraits"
    hostile_collection(root, good_photo)
    settings, problems = load_settings(str(root / "kiosk.yaml"))
    collection = scan(str(root), settings.languages, full_decode=True).with_problems(problems)
    messages = {problem.message for problem in collection.problems}
    assert len(messages) >= 25
    untranslated = sorted(message for message in messages if translated(message, "fr") == message)
    assert untranslated == []
    assert all(translated(message, "en") == message for message in messages)


def test_a_phrase_inside_a_message_is_translated_and_what_a_curator_wrote_is_not():
    # "'{name}' is {shape}: write {form}" fits too, but "empty" is no shape of the catalogue.
    assert translated("'name' is empty: write one short line of theirs", "fr") == (
        "'name' est vide : écrivez une courte phrase de la personne"
    )
    # A value a curator wrote stays as written, even when it is words of the catalogue.
    assert translated("'published' is 'a list': write true (shown) or false (kept off screen)", "fr") == (
        "'published' vaut 'a list' : écrivez true (montré) ou false (gardé hors de l'écran)"
    )
    assert "7 000 caractères" in translated(
        "'testimony' is 7,000 characters long; the screen shows at most 6,000, so it is cut: shorten it", "fr"
    ).replace("\u202f", " ")
    assert translated("a sentence the catalogue never wrote", "fr") == "a sentence the catalogue never wrote"
