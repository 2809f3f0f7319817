"""Staff get in with the hidden gesture and the PIN; visitors get nowhere, however they try."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from kiosk import pin
from kiosk.qt.settle import pump
from kiosk.settings import load_settings
from tests.conftest import REPO, SAMPLES
from tests.screen import click, item, visual_tree

STAFF_PIN = "2468"
STORED = pin.hash_pin(STAFF_PIN)
HOLD_S = 0.4  # the corner's hold in these tests, instead of the kiosk's 2 s


@pytest.fixture(autouse=True)
def quick_hold(monkeypatch):
    monkeypatch.setattr("kiosk.qt.admin.HOLD_S", HOLD_S)


class Clock:
    now = 500.0

    def __call__(self) -> float:
        return self.now


# -- the PIN itself (no Qt) ---------------------------------------------------------


def test_a_stored_pin_verifies_only_the_right_pin():
    # Salted and hashed: none of its fields is the PIN, and the same PIN never stores alike.
    assert pin.is_stored_pin(STORED) and STAFF_PIN not in STORED.split("$")
    assert pin.hash_pin(STAFF_PIN) != STORED
    assert pin.verify_pin(STAFF_PIN, STORED)
    assert not pin.verify_pin("2469", STORED) and not pin.verify_pin("", STORED)
    assert not pin.verify_pin(STAFF_PIN, "2468")  # a PIN written as is never matches


def test_wrong_pins_lock_the_pad_for_longer_and_longer():
    clock = Clock()
    attempts = pin.PinAttempts(clock=clock)
    assert not any(attempts.check("0000", STORED) for _ in range(2)) and attempts.seconds_locked() == 0
    assert not attempts.check("0000", STORED)
    assert attempts.seconds_locked() == 30
    assert not attempts.check(STAFF_PIN, STORED)  # locked: even the right PIN is refused
    clock.now += 30
    assert not attempts.check("0000", STORED) and attempts.seconds_locked() == 60
    clock.now += 60
    assert attempts.check(STAFF_PIN, STORED) and attempts.wrong == 0


def test_kiosk_pin_writes_a_hash_that_the_settings_accept(tmp_path):
    settings_file = tmp_path / "kiosk.yaml"
    settings_file.write_text("idle_seconds: 60\n# staff only\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "pin", str(tmp_path)],
        input=f"{STAFF_PIN}\n",
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    text = settings_file.read_text(encoding="utf-8")
    assert "idle_seconds: 60" in text and "# staff only" in text and STAFF_PIN not in text
    settings, problems = load_settings(str(settings_file))
    assert problems == [] and pin.verify_pin(STAFF_PIN, settings.admin_pin)


def test_kiosk_pin_refuses_a_pin_that_is_not_digits_in_the_technicians_language(tmp_path):
    for lang, said in (
        ("en_GB.UTF-8", "a PIN is 4 to 12 digits"),
        ("fr_FR.UTF-8", "un code fait de 4 à 12 chiffres"),
    ):
        done = subprocess.run(
            [sys.executable, "-m", "kiosk", "pin", str(tmp_path)],
            input="abc\n",
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(REPO), "LANG": lang},
            timeout=60,
        )
        assert done.returncode == 1 and said in done.stderr
    assert not (tmp_path / "kiosk.yaml").exists()


def test_a_pin_written_in_clear_is_refused_with_its_line(tmp_path):
    settings_file = tmp_path / "kiosk.yaml"
    settings_file.write_text("title: Expo\nadmin_pin: 1234\n", encoding="utf-8")
    settings, (problem,) = load_settings(str(settings_file))
    assert settings.admin_pin == "" and problem.line == 2 and "kiosk pin" in problem.message


# -- the way in, on the real screen -------------------------------------------------------


def hold(window, point: QPoint, milliseconds: int) -> None:
    QTest.mousePress(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    pump(milliseconds)
    QTest.mouseRelease(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    pump(50)


def corner(window, side: str) -> QPoint:
    """The staff's corners are the top ones (the visitors' controls are all low)."""
    x = 20 if side == "left" else window.width() - 20
    return QPoint(x, 20)


def tap(window, point: QPoint) -> None:
    QTest.mouseClick(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    pump(80)


def staff_gesture(window) -> None:
    hold(window, corner(window, "left"), int(HOLD_S * 1000) + 300)
    for _ in range(3):
        tap(window, corner(window, "right"))


def type_pin(window, digits: str) -> None:
    for key in [*digits, "OK"]:
        click(window, item(window, f"pinKey_{key}"))


def names_on_screen(window) -> set[str]:
    return {node.objectName() for node in visual_tree(window) if node.isVisible() and node.objectName()}


def test_the_gesture_and_the_right_pin_open_the_panel(make_kiosk):
    kiosk = make_kiosk(locked=True, admin_pin=STORED)
    window = kiosk.window
    staff_gesture(window)
    assert kiosk.admin.stage == "pin" and "pinPad" in names_on_screen(window)
    type_pin(window, STAFF_PIN)
    assert kiosk.admin.stage == "panel"
    facts = {fact["label"]: fact["value"] for fact in kiosk.admin.facts}  # the kiosk's default: French
    assert (
        facts["Portraits à l'écran"] == "8" and facts["Brouillons"] == "1" and facts["Mémoire"].endswith("Mo")
    )
    assert facts["Dossiers encore en cours de copie"] == "0"
    assert facts["Écran dessiné par"] == "le logiciel, sans la carte graphique"  # as the tests run
    click(window, item(window, "adminClose"))
    assert kiosk.admin.stage == "" and "pinPad" not in names_on_screen(window)


def test_a_wrong_pin_does_not_open_and_three_lock_the_pad(make_kiosk):
    kiosk = make_kiosk(locked=True, admin_pin=STORED)
    window = kiosk.window
    staff_gesture(window)
    type_pin(window, "1111")
    assert kiosk.admin.stage == "pin"
    assert item(window, "pinMessage").property("text") == "Code erroné"
    type_pin(window, "1112")
    type_pin(window, "1113")
    assert "réessayez dans 30 s" in item(window, "pinMessage").property("text")
    type_pin(window, STAFF_PIN)  # the keys are off while locked
    assert kiosk.admin.stage == "pin"


def test_taps_without_the_long_press_or_a_short_press_do_nothing(make_kiosk):
    kiosk = make_kiosk(locked=True, admin_pin=STORED)
    window = kiosk.window
    for _ in range(5):
        tap(window, corner(window, "right"))
    hold(window, corner(window, "left"), int(HOLD_S * 1000) // 3)
    for _ in range(3):
        tap(window, corner(window, "right"))
    assert kiosk.admin.stage == ""


def test_without_a_pin_the_gesture_does_nothing(make_kiosk):
    kiosk = make_kiosk(locked=True, admin_pin="")
    staff_gesture(kiosk.window)
    assert kiosk.admin.stage == "" and "adminHoldCorner" not in names_on_screen(kiosk.window)


def test_visitors_cannot_leave_or_open_anything(make_kiosk):
    kiosk = make_kiosk(locked=True, admin_pin=STORED)
    window = kiosk.window
    middle = QPoint(window.width() // 2, window.height() // 2)
    keys = [
        (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_F11, Qt.KeyboardModifier.NoModifier),
    ]
    for key, modifiers in keys:
        QTest.keyClick(window, key, modifiers)
    QTest.mouseClick(window, Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, middle)
    hold(window, middle, int(HOLD_S * 1000) + 500)
    touch = QTest.createTouchDevice()
    fingers = [middle + QPoint(dx, 0) for dx in (-200, 0, 200)]
    press = QTest.touchEvent(window, touch)
    for number, point in enumerate(fingers):
        press.press(number, point, window)
    press.commit()
    pump(300)
    release = QTest.touchEvent(window, touch)
    for number, point in enumerate(fingers):
        release.release(number, point, window)
    release.commit()
    window.close()  # what Alt+F4 asks of a window manager
    pump(100)
    assert window.isVisible() and kiosk.admin.stage == "" and kiosk.session.panel == ""
    assert item(window, "carousel").isVisible()


def test_the_panel_closes_itself_when_left_alone(make_kiosk, monkeypatch):
    monkeypatch.setattr("kiosk.qt.admin.IDLE_CLOSE_MS", 400)
    kiosk = make_kiosk(locked=True, admin_pin=STORED)
    staff_gesture(kiosk.window)
    type_pin(kiosk.window, STAFF_PIN)
    assert kiosk.admin.stage == "panel"
    pump(700)
    assert kiosk.admin.stage == "" and "adminPanel" not in names_on_screen(kiosk.window)


def test_the_pin_pad_keeps_no_digits_of_its_own_and_forgets_them_when_closed(qapp):
    from kiosk.qt.admin import AdminGate

    gate = AdminGate(STORED, facts=dict, reload=lambda: None)
    gate.cornerHeld()
    for _ in range(3):
        gate.cornerTapped()
    assert gate.stage == "pin"
    for digit in "1234567890123456":
        gate.typeDigit(digit)
    assert gate.digitsEntered == 12  # the longest PIN there is; more keys do nothing
    gate.eraseDigit()
    gate.typeDigit("x")
    assert gate.digitsEntered == 11
    gate.close()
    assert gate.digitsEntered == 0


def test_the_panel_speaks_the_kiosks_default_language_problems_included(make_kiosk, tmp_path):
    from kiosk.content.text import Languages

    root = tmp_path / "portraits"
    shutil.copytree(SAMPLES, root)
    (root / "zz-broken").mkdir()
    (root / "zz-broken" / "portrait.yaml").write_text("name: Z\nprofession: x\norigin: y\n", encoding="utf-8")
    for languages, heading, reload, missing in (
        (("fr", "en"), "Administration de la borne", "Relire les dossiers", "'testimony' manque : écrivez"),
        (("en", "fr"), "Kiosk admin", "Read folders again", "'testimony' is missing: write"),
    ):
        kiosk = make_kiosk(root, locked=True, admin_pin=STORED, languages=Languages(languages))
        staff_gesture(kiosk.window)
        type_pin(kiosk.window, STAFF_PIN)
        assert item(kiosk.window, "adminReload").property("text") == reload
        shown = [node.property("text") for node in visual_tree(kiosk.window) if node.isVisible()]
        assert heading in shown
        assert any(text.startswith(missing) for text in shown if isinstance(text, str)), shown
        kiosk.admin.close()
