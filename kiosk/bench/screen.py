"""Child process of `kiosk bench`: the screen figures in a process of their own.

The kiosk never decodes a 24 MP photo on its own heap, but the bench's photo
figures do (the naive route takes 340 MB), and the C allocator keeps much of that:
in the same process, `rss_mb` would count it as the kiosk's.
Prints one JSON object on stdout; the progress bar goes to stderr.
"""

from __future__ import annotations

import json
import sys


def main(root: str, cache: str, size: str, transitions: str, show_progress: str) -> int:
    from pathlib import Path

    from PySide6.QtCore import QSize

    from kiosk.bench.gui_bench import screen_figures
    from kiosk.bench.measure import Progress
    from kiosk.qt.headless import headless_app

    app = headless_app()  # noqa: F841 - must exist while drawing
    width, height = (int(part) for part in size.split("x"))
    progress = Progress(enabled=show_progress == "progress")
    figures = screen_figures(Path(root), Path(cache), QSize(width, height), int(transitions), progress)
    print(json.dumps(figures), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:6]))
