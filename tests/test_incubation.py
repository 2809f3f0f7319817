"""What is built ahead is built between frames: a touch during a frame never waits for it."""

from __future__ import annotations

import time

from PySide6.QtCore import QByteArray, QTimer, QUrl
from PySide6.QtQml import QQmlComponent, QQmlEngine
from PySide6.QtQuick import QQuickWindow

import kiosk.qt.app  # noqa: F401 - see below
from kiosk.qt import incubation
from kiosk.qt.incubation import SlicedIncubation, build_between_frames
from kiosk.qt.settle import pump
from tests.screen import built_pages

# The kiosk's own QML types are registered from Python as kiosk.qt.app is imported. Once
# another engine has loaded QtQuick, types registered after it break the kiosk's QML
# ("Cannot assign object of type QQuickText to list property data"): they are
# registered first, whichever test runs first.

# A page's worth of items and more, built asynchronously once `building` turns true,
# in a window that draws a frame after another while `moving` (a swipe, a fade).
SCENE = b"""
import QtQuick
Window {
    width: 320; height: 240
    property bool building: false
    readonly property bool built: loader.status === Loader.Ready
    property bool moving: false
    Rectangle {
        width: 40; height: 40; color: "steelblue"
        NumberAnimation on rotation { from: 0; to: 360; duration: 500; loops: Animation.Infinite; running: moving }
    }
    Loader {
        id: loader
        active: building
        asynchronous: true
        sourceComponent: Column { Repeater { model: 2000; Text { text: "line " + index } } }
    }
}
"""


def _window(engine: QQmlEngine) -> tuple[QQuickWindow, QQmlComponent]:
    """The window, and the component it came from, which must live as long."""
    component = QQmlComponent(engine)
    component.setData(QByteArray(SCENE), QUrl("incubation.qml"))
    window = component.create()
    assert isinstance(window, QQuickWindow), component.errorString()
    return window, component


def _built(window: QQuickWindow, limit_s: float = 20.0) -> bool:
    deadline = time.monotonic() + limit_s
    while not window.property("built") and time.monotonic() < deadline:
        pump(20)
    return window.property("built")


def test_a_touch_that_comes_during_a_frame_is_handled_before_the_building_goes_on(qapp, monkeypatch):
    """Qt's own controller built for 10 ms straight after each frame: at 4K, with photos
    being prepared, a touch could wait 25 to 30 ms. Here every event that arrived while a
    frame was drawn runs before the next slice of building."""
    happened: list[str] = []
    slice_alone = SlicedIncubation._slice

    def recorded_slice(self) -> None:
        happened.append("slice")
        slice_alone(self)

    monkeypatch.setattr(SlicedIncubation, "_slice", recorded_slice)
    engine = QQmlEngine()
    window, _component = _window(engine)
    window.show()
    controller = build_between_frames(engine, window)
    assert engine.incubationController() is controller
    # A touch arriving during the frame is an event queued while it is drawn.
    window.afterRendering.connect(lambda: QTimer.singleShot(0, lambda: happened.append("touch")))
    window.frameSwapped.connect(lambda: happened.append("frame"))
    window.setProperty("moving", True)
    pump(100)
    window.setProperty("building", True)
    assert _built(window)
    window.setProperty("moving", False)

    assert happened.count("slice") > 1, "built in one go"
    frames_then_building = [
        index
        for index, what in enumerate(happened[:-1])
        if what == "frame" and "slice" in happened[index + 1 :]
    ]
    assert frames_then_building, "no frame was drawn while the page was being built"
    for index in frames_then_building:
        after = [what for what in happened[index + 1 :] if what in ("touch", "slice")]
        assert after[0] == "touch", f"building went on before the touch: {happened[index : index + 4]}"
    window.close()


def test_with_nothing_moving_on_screen_the_building_still_ends(qapp):
    """No frame comes when nothing moves: the pages beside the current one are built
    all the same."""
    engine = QQmlEngine()
    window, _component = _window(engine)
    window.show()
    pump(100)  # the first frame drawn; nothing moves from here on
    controller = build_between_frames(engine, window)
    window.setProperty("building", True)
    assert _built(window)
    assert controller.incubatingObjectCount() == 0
    window.close()


def test_the_kiosk_drawn_in_software_builds_its_pages_between_frames(make_kiosk):
    kiosk = make_kiosk(screen=(1920, 1080))
    assert kiosk.renderer() == "software"
    assert isinstance(kiosk.engine.incubationController(), SlicedIncubation)
    assert incubation.SLICE_MS < 10  # shorter than the 10 ms Qt's own gives
    kiosk.session.next()
    pump(300)  # the pages beside the new one, built between the frames of the swipe
    assert len(built_pages(kiosk.window)) == 5
