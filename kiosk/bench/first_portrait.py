"""Child process of `kiosk bench`: start the kiosk and say when the first portrait is drawn."""

from __future__ import annotations

import sys
import time


def main(root: str, cache: str, size: str) -> int:
    from PySide6.QtCore import QSize

    from kiosk.content.photocache import PhotoCache
    from kiosk.qt.app import KioskApp
    from kiosk.qt.headless import QUIET, headless_app
    from kiosk.qt.settle import pump

    app = headless_app()  # noqa: F841 - must exist while drawing
    width, height = (int(part) for part in size.split("x"))
    kiosk = KioskApp(root, QUIET, locked=False, screen=QSize(width, height), cache=PhotoCache(cache))
    kiosk.start(windowed=True, size=QSize(width, height))  # as kiosk.qt.runner does
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if kiosk.session.visible.rowCount() > 0 and kiosk.report.is_settled():
            print("drawn", flush=True)
            break
        pump(2)
    kiosk.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
