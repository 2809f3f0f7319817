"""VisitorGuard: sees every touch, click and key before the kiosk does."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject

from kiosk.qt.admin import AdminGate
from kiosk.qt.session import VisitorSession

_ACTIVITY = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
}


class VisitorGuard(QObject):
    """Sees every touch, click and key first: it pauses autoplay and, in kiosk mode,
    refuses to let the window close."""

    def __init__(self, session: VisitorSession, admin: AdminGate, locked: bool) -> None:
        super().__init__()
        self.session = session
        self.admin = admin
        self.locked = locked

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind in _ACTIVITY:
            answering = self.session.is_asking()
            self.session.noteActivity()
            self.admin.note_activity()
            if answering:
                return True  # the touch that answers "still there?" does nothing else
        if kind == QEvent.Type.Close and self.locked:
            event.ignore()
            return True
        return False
