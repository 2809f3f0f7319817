"""Helpers to drive the real kiosk window offscreen, as a visitor would."""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest

from kiosk.qt.settle import pump

_walked: list = []


def visual_tree(parent) -> list[QQuickItem]:
    """Every item under `parent` (a window or an item), delegates of views and
    repeaters included: those are not QObject children, so findChildren() misses them."""
    root = parent if isinstance(parent, QQuickItem) else parent.contentItem()
    # Shiboken invalidates a child's wrapper when the wrapper it was reached through
    # is freed, so the walked wrappers are kept until the next walk.
    _walked.clear()
    queue = [root]
    while queue:
        current = queue.pop()
        _walked.append(current)
        queue.extend(current.childItems())
    return _walked[1:]


def items(parent, name: str) -> list[QQuickItem]:
    return [c for c in visual_tree(parent) if c.objectName() == name]


def item(parent, name: str) -> QQuickItem:
    found = items(parent, name)
    assert found, f"no item named {name!r} on screen"
    visible = [c for c in found if c.isVisible()]
    return (visible or found)[0]


def show_portrait(kiosk, portrait_id: str) -> int:
    """Go to the portrait of this folder, wherever it is in the cycle; returns its place."""
    index = kiosk.session.visible.row_of(portrait_id)
    assert index >= 0, f"{portrait_id} is not in the cycle"
    kiosk.session.goTo(index)
    # A page that was not built ahead is built at once, unless pages ahead are still
    # being built: then it comes with them, a slice or two later.
    carousel = item(kiosk.window, "carousel")
    deadline = time.monotonic() + 5
    while carousel.property("currentItem") is None and time.monotonic() < deadline:
        pump(5)
    assert carousel.property("currentItem") is not None, f"the page of {portrait_id} was never built"
    return index


def current_page(window) -> QQuickItem:
    return item(window, "carousel").property("currentItem")


def built_pages(window) -> dict:
    """The carousel's built pages by their place in the cycle."""
    carousel = item(window, "carousel")
    return {page.property("index"): page for page in carousel.childItems() if page.property("portraitId")}


def text_on_page(window, name: str) -> str:
    page = current_page(window)  # kept alive while its child is read
    return item(page, name).property("text")


def centre(target: QQuickItem) -> QPoint:
    return target.mapToScene(QPointF(target.width() / 2, target.height() / 2)).toPoint()


def click(window, target: QQuickItem) -> None:
    assert target.isVisible(), f"{target.objectName()} is not visible"
    QTest.mouseClick(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre(target))
    pump(50)


def touch_swipe(window, device, start: QPoint, end: QPoint, steps: int = 12) -> None:
    """A finger down, moved in steps, and lifted: what a visitor's swipe sends."""
    QTest.touchEvent(window, device).press(0, start, window).commit()
    pump(16)
    for step in range(1, steps + 1):
        point = start + (end - start) * (step / steps)
        QTest.touchEvent(window, device).move(0, point, window).commit()
        pump(16)
    QTest.touchEvent(window, device).release(0, end, window).commit()
    pump(50)


def touch_tap(window, device, point: QPoint) -> None:
    QTest.touchEvent(window, device).press(0, point, window).commit()
    pump(30)
    QTest.touchEvent(window, device).release(0, point, window).commit()
    pump(50)


def press_key(window, key) -> None:
    """A key pressed and let go, then the events that follow it handled. Sent, not
    QTest.keyClick: keyClick handles the events it causes while it holds the GIL, and a
    voice player's queued command then waits for Qt's audio thread, which waits for the
    GIL (the kiosk's own event loop lets go of it)."""
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QCoreApplication.sendEvent(window, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier))
    pump(30)
