"""Child process of `kiosk bench`: the screen figures in a process of their own.

The kiosk never decodes a 24 MP photo on its own heap, but the bench's photo
figures do (the naive route takes 340 MB), and the C allocator keeps much of that:
measured in the same process, `rss_mb` was 290 MB instead of the kiosk's 205.
Prints one JSON object on stdout; the progress bar goes to stderr.
"""

from __future__ import annotations

import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")


def main(root: str, cache: str, size: str, transitions: str, show_progress: str) -> int:
    from pathlib import Path

    from PySide6.QtCore import QSize
    from PySide6.QtGui import QGuiApplication

    from kiosk.bench.gui_bench import screen_figures
    from kiosk.bench.measure import Progress
    from kiosk.qt.fonts import load_fonts

    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - must exist while drawing
    load_fonts()
    width, height = (int(part) for part in size.split("x"))
    progress = Progress(enabled=show_progress == "progress")
    figures = screen_figures(Path(root), Path(cache), QSize(width, height), int(transitions), progress)
    print(json.dumps(figures), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:6]))
