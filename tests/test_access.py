"""Every visitor: the controls come down within reach on a tall screen, text and targets
follow millimetres, and the two reading aids (larger text, high contrast) work with one
tap and end with the visit. Driven with real touches, offscreen."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtQml import QQmlProperty

from kiosk.body import Body
from kiosk.qt.settle import settle
from tests.screen import centre, current_page, item, touch_tap, visual_tree

TALL = {"screen": (1080, 1920), "screen_diagonal_inches": 43.0, "mount_height_mm": 700.0}


def controls_on_screen(window):
    return [i for i in visual_tree(window) if i.isVisible() and i.property("visitorControl") is True]


def floor_heights(shape: Body, control) -> tuple[float, float]:
    top = control.mapToScene(QPointF(0, 0)).y()
    bottom = control.mapToScene(QPointF(0, control.height())).y()
    return shape.floor_height_mm(bottom), shape.floor_height_mm(top)


def test_on_a_tall_screen_every_control_comes_down_within_reach(make_kiosk, touchscreen):
    kiosk = make_kiosk(**TALL)
    window, shape = kiosk.window, kiosk.body.body()
    assert round(shape.height_mm) == 952 and shape.mount_mm == 700
    for panel in ("", "origin", "overview"):
        if panel:
            touch_tap(window, touchscreen, centre(item(window, f"{panel}Button")))
            settle(kiosk)
        names = set()
        for control in controls_on_screen(window):
            if panel and not any(a.objectName() == f"{panel}Panel" for a in ancestors(control)):
                continue  # under the panel's scrim
            low, high = floor_heights(shape, control)
            assert low >= 380 and high <= 1220, (panel, control.objectName(), low, high)
            assert shape.mm(min(control.width(), control.height())) >= 20, control.objectName()
            names.add(control.objectName())
        assert names, panel
        if panel:
            touch_tap(
                window,
                touchscreen,
                centre(item(window, "closeOverview" if panel == "overview" else "closePanel")),
            )
            settle(kiosk)
            assert kiosk.session.panel == ""
    # Where the old bar was, 1.6 m up, nothing a visitor needs.
    assert floor_heights(shape, item(window, "titleBar"))[0] > 1220


def ancestors(node):
    parent = node.parentItem()
    while parent is not None:
        yield parent
        parent = parent.parentItem()


def test_text_is_never_smaller_than_the_viewing_distance_allows(make_kiosk):
    # A small sharp screen: a quarter of its height is where screen units would put text.
    kiosk = make_kiosk(screen=(1920, 1080), screen_diagonal_inches=13.3, mount_height_mm=900.0)
    shape = kiosk.body.body()
    smallest = min(
        t.property("font").pixelSize()
        for t in visual_tree(current_page(kiosk.window))
        if t.metaObject().className() == "QQuickText" and t.isVisible() and t.property("text")
    )
    # 22 minutes of arc at 1 m is 6.4 mm; Inter's capitals are 0.727 of the font size.
    assert shape.mm(smallest) * 0.714 >= 6.4
    assert item(kiosk.window, "originButton").height() >= shape.px(20)


def test_larger_text_reflows_the_testimony_and_cuts_nothing(make_kiosk, touchscreen):
    kiosk = make_kiosk(**TALL)
    window = kiosk.window
    page = current_page(window)
    before = item(page, "testimony").property("font").pixelSize()
    touch_tap(window, touchscreen, centre(item(window, "largeTextButton")))
    settle(kiosk)
    assert kiosk.session.largeText and item(window, "largeTextButton").property("active")
    page = current_page(window)
    after = item(page, "testimony").property("font").pixelSize()
    assert after == pytest.approx(before * 1.4, abs=1)
    texts = [t for t in visual_tree(page) if t.metaObject().className() == "QQuickText" and t.isVisible()]
    assert texts and not [t.objectName() or t.property("text") for t in texts if t.property("truncated")]
    scroller, controls = item(page, "testimonyScroller"), item(page, "pageControls")
    scroller_bottom = scroller.mapToScene(QPointF(0, scroller.height())).y()
    assert scroller_bottom <= controls.mapToScene(QPointF(0, 0)).y()  # the words stay above the buttons
    assert item(page, "testimonyButtons").isVisible()  # the longer text scrolls, with a tap too


def test_high_contrast_is_pure_dark_with_thicker_outlines_and_no_photo_behind_a_panel(
    make_kiosk, touchscreen
):
    kiosk = make_kiosk(screen=(1920, 1080), screen_diagonal_inches=55.0, mount_height_mm=900.0)
    window = kiosk.window
    outline = QQmlProperty(item(window, "originButton"), "border.width").read()
    touch_tap(window, touchscreen, centre(item(window, "contrastButton")))
    settle(kiosk)
    assert kiosk.session.highContrast
    picture = window.grabWindow()
    bar = item(window, "visitorBar")
    corner = bar.mapToScene(QPointF(bar.width() / 2, 4)).toPoint()
    assert picture.pixelColor(corner).name() == "#000000"
    assert QQmlProperty(item(window, "originButton"), "border.width").read() == pytest.approx(2 * outline)
    touch_tap(window, touchscreen, centre(item(window, "originButton")))
    settle(kiosk)
    picture = window.grabWindow()
    photo = item(current_page(window), "photo")
    over_photo = photo.mapToScene(QPointF(photo.width() / 2, photo.height() / 4)).toPoint()
    assert picture.pixelColor(over_photo).name() == "#000000"  # the scrim hides it whole


def test_the_reading_aids_end_with_the_visit(make_kiosk, touchscreen, qtbot, caplog):
    caplog.set_level(logging.INFO, logger="kiosk")
    kiosk = make_kiosk(idle_seconds=0.5, still_there_seconds=1)
    window, session = kiosk.window, kiosk.session
    touch_tap(window, touchscreen, centre(item(window, "largeTextButton")))
    touch_tap(window, touchscreen, centre(item(window, "contrastButton")))
    assert session.largeText and session.highContrast
    qtbot.waitUntil(lambda: session.autoplay, timeout=5000)
    assert not session.largeText and not session.highContrast
    said = [r.getMessage() for r in caplog.records if r.getMessage().startswith("reading:")]
    assert said[-1] == "reading: larger text off, high contrast off"


def test_the_kiosk_says_when_it_guesses_its_body_and_when_it_hangs_too_high(make_kiosk, caplog):
    caplog.set_level(logging.INFO, logger="kiosk")
    make_kiosk().say_what_the_body_assumes()
    warned = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any(
        "does not say the screen's size" in line and "screen_diagonal_inches" in line for line in warned
    )
    assert any("does not say the mounting height" in line and "mount_height_mm" in line for line in warned)
    caplog.clear()
    make_kiosk(**{**TALL, "mount_height_mm": 1300.0}).say_what_the_body_assumes()
    (problem,) = [r.getMessage() for r in caplog.records if r.getMessage().startswith("problem mounting")]
    assert problem.startswith("problem mounting: the screen's lower edge is 1300 mm from the floor")
    assert "mount it lower" in problem
