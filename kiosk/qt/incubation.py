"""When the pages built ahead are built: in short slices between frames, never straight
after one.

The carousel builds the page two places on asynchronously (Qt's incubation), in steps
that Qt's incubation controller hands out. Under the software renderer, Qt's own
controller builds for 10 ms in one go right after each frame is shown, before the event
loop comes round: a frame that took 8 ms at 4K, and 15 to 20 ms while photos were
prepared, became one stretch of 25 to 30 ms in which no touch was handled
(kiosk bench: gui_stall_ms). This controller lets the event loop come round first
(touches, timers, the next frame already asked for), then builds at most SLICE_MS at a
time, each slice on its own turn of the event loop. With nothing moving on screen, no
frame comes: the building starts after NO_FRAME_MS all the same.

Only for the software renderer: where the GPU draws, Qt's render loop draws in a thread
of its own as a rule, and its controller builds while that thread draws.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtQml import QQmlEngine, QQmlIncubationController
from PySide6.QtQuick import QQuickWindow

SLICE_MS = 4  # half of Qt's: a slice and a 4K frame stay under the 25 ms a touch may wait
NO_FRAME_MS = 20  # a frame asked for comes within 5 ms (QT_QPA_UPDATE_IDLE_TIME)


class SlicedIncubation(QQmlIncubationController):
    """Builds after the frame, SLICE_MS at a time; see the module's docstring."""

    def __init__(self, window: QQuickWindow) -> None:
        super().__init__()
        # A child of the window: the timer and the connection end with it.
        self._next_slice = QTimer(window, singleShot=True)
        self._next_slice.timeout.connect(self._slice)
        window.frameSwapped.connect(self._after_frame)

    def incubatingObjectCountChanged(self, count: int) -> None:  # noqa: N802 - Qt's name
        if count and not self._next_slice.isActive():
            self._next_slice.start(NO_FRAME_MS)  # or sooner, after the frame

    def _after_frame(self) -> None:
        if self.incubatingObjectCount():
            self._next_slice.start(0)

    def _slice(self) -> None:
        self.incubateFor(SLICE_MS)
        if self.incubatingObjectCount():
            self._next_slice.start(0)


def build_between_frames(engine: QQmlEngine, window: QQuickWindow) -> SlicedIncubation:
    """Replace the controller the window gave `engine`: what it was building goes on
    under this one. Keep the result: the engine does not own it."""
    controller = SlicedIncubation(window)
    engine.setIncubationController(controller)
    controller.incubatingObjectCountChanged(controller.incubatingObjectCount())
    return controller
