"""Guards against PySide6 refcount bugs that would kill a kiosk left running for weeks."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    changed = Signal()


def test_signal_emit_keeps_its_references_to_true():
    # PySide6 6.12.0 on Python 3.11 drops one reference to True per emit(); the
    # interpreter aborts ("deallocating True or False") after a few thousand.
    emitter = _Emitter()
    emitter.changed.connect(lambda: None)
    before = sys.getrefcount(True)
    for _ in range(200):
        emitter.changed.emit()
    assert sys.getrefcount(True) >= before - 5
