"""VisitorGuard: sees every touch, click and key before the kiosk does."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QTouchEvent

from kiosk.qt.admin import AdminGate
from kiosk.qt.session import VisitorSession
from kiosk.qt.spoken import SpokenMode

_ACTIVITY = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
}
SPOKEN_FINGERS = 3  # a tap with this many fingers starts or ends the spoken mode
START_KEYS = {Qt.Key.Key_Enter, Qt.Key.Key_Return}  # a keypad's Enter, a keyboard's Return
LANGUAGE_KEYS = {Qt.Key.Key_Up, Qt.Key.Key_Down}


class VisitorGuard(QObject):
    """Sees every touch, click and key first: it pauses autoplay, starts and ends the
    spoken mode (three fingers, Enter, Escape) and, in kiosk mode, refuses to let the
    window close."""

    def __init__(self, session: VisitorSession, admin: AdminGate, locked: bool, spoken: SpokenMode) -> None:
        super().__init__()
        self.session = session
        self.admin = admin
        self.locked = locked
        self.spoken = spoken
        self._fingers = 0  # the most fingers down at once in the touch going on

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind in _ACTIVITY:
            answering = self.session.is_asking()
            self.session.noteActivity()
            self.admin.note_activity()
            if answering:
                return True  # the touch that answers "still there?" does nothing else
        if isinstance(event, QTouchEvent) and self._three_fingers(event):
            return True
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and self._spoken_key(event):
            return True
        if kind == QEvent.Type.Close and self.locked:
            event.ignore()
            return True
        return False

    def _three_fingers(self, event: QTouchEvent) -> bool:
        """A tap of three fingers anywhere toggles the spoken mode; while they are down
        the touch does nothing else (no swipe)."""
        kind = event.type()
        if kind == QEvent.Type.TouchBegin:
            self._fingers = 0
        self._fingers = max(self._fingers, len(event.points()))
        if kind in (QEvent.Type.TouchEnd, QEvent.Type.TouchCancel):
            fingers, self._fingers = self._fingers, 0
            if kind == QEvent.Type.TouchEnd and fingers >= SPOKEN_FINGERS:
                self.spoken.toggle("three-finger tap")
            return False  # the end goes through: whatever the first finger pressed lets go
        return self._fingers >= SPOKEN_FINGERS

    def _spoken_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key in START_KEYS:
            self.spoken.start("Enter key")
            return True
        if self.spoken.is_active() and key == Qt.Key.Key_Escape:
            self.spoken.stop("Escape key")
        elif self.spoken.is_active() and key in LANGUAGE_KEYS:
            self.spoken.next_language()
            return True
        return False
