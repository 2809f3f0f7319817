"""The memory that pages free, given back to the system while the kiosk runs."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from kiosk.process import give_back_free_memory

GIVE_BACK_AFTER_MS = 1000


class FreedMemory(QObject):
    """A second after the pages change, and each second while they keep changing, the
    memory of the pictures let go of goes back to the system.

    The C library keeps freed memory for later, and a photo freed between two live ones
    stays resident: at 4K, where each photo is 13 to 18 MB, 20 to 30 MB of them
    (kiosk bench: rss_mb). Giving it back takes about a millisecond at 4K, without
    Python's lock, once a second at most; at rest, nothing runs."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.times_given_back = 0
        self._wait = QTimer(self, singleShot=True, interval=GIVE_BACK_AFTER_MS)
        self._wait.timeout.connect(self._give_back)

    def pages_changed(self) -> None:
        if not self._wait.isActive():  # not restarted: swipes back to back still give back
            self._wait.start()

    def _give_back(self) -> None:
        if give_back_free_memory():
            self.times_given_back += 1
