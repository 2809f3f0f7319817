"""Emoji and rarer scripts draw as glyphs, not boxes: the kiosk's own words use only
characters its shipped fonts have, a person's text in Greek, Cyrillic, Arabic or with
emoji needs nothing more, and `kiosk check` names a character none of the fonts has."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QFont, QTextLayout

from kiosk.content.glyphs import missing_characters
from kiosk.content.portraits import read_portrait_folder
from kiosk.content.text import Languages
from kiosk.labels import LABELS
from tests.conftest import REPO

QML_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')


def kiosk_own_words() -> str:
    """Every string the QML draws, and every label, in every language."""
    words = [text for language in LABELS.values() for text in language.values()]
    for path in (REPO / "kiosk" / "qml").rglob("*.qml"):
        code = "\n".join(line.split("//")[0] for line in path.read_text().splitlines())
        words.extend(QML_STRING.findall(code))
    return "".join(words)


def test_every_character_the_kiosk_draws_itself_is_in_its_own_fonts():
    """A bare system (no DejaVu, no emoji font) still draws every button and symbol."""
    assert missing_characters(kiosk_own_words()) == []


@pytest.mark.parametrize(
    "text",
    [
        "Ελλάδα, Αθήνα",
        "Україна, Київ",
        "الجزائر، وهران",
        "Je cuisine 🍲 pour tout le quartier ❤️ 👩🏽‍🍳",
        "Hô Chi Minh-Ville, Việt Nam",
    ],
)
def test_greek_cyrillic_arabic_vietnamese_and_emoji_need_no_other_font(text):
    assert missing_characters(text) == []


def test_kiosk_check_names_a_character_no_font_has_and_where(collection):
    folder = collection("li-wei")
    text = (folder / "portrait.yaml").read_text().replace("Quand je suis arrivée...", "我来到巴黎 ...")
    (folder / "portrait.yaml").write_text(text)
    reading = read_portrait_folder(str(collection.root), "li-wei", Languages())
    lines = [problem.as_line() for problem in reading.problems]
    assert reading.portrait is not None  # shown all the same: the kiosk's system may have the font
    assert any(
        "li-wei/portrait.yaml" in line
        and "'testimony'" in line
        and "我 CJK UNIFIED IDEOGRAPH-6211 (U+6211)" in line
        and "fonts-noto-cjk" in line
        for line in lines
    ), lines


def test_an_emoji_is_drawn_from_the_shipped_emoji_font(qapp):
    from kiosk.qt.fonts import load_fonts

    load_fonts()
    layout = QTextLayout("Paris 🗼 🍲", QFont("Inter", 40))
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    runs = {run.rawFont().familyName(): list(run.glyphIndexes()) for run in layout.glyphRuns()}
    assert "Noto Emoji" in runs, runs.keys()
    assert all(index != 0 for index in runs["Noto Emoji"])  # glyph 0 is the empty box
