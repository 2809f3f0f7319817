"""Child process of `kiosk bench`: the renderer's own floor for a swipe (`swipe_floor_ms`).

The same swipe as `swipe_ms` (a jump to the next page at the visitors' pace, timed to
the first frame drawn after it), in a window of the same size on the same renderer, but
the window holds two plain full-screen pictures, decoded before the first swipe, and
nothing else: what moving that many pixels costs this machine. In a process of its own
so that its pictures never count in the kiosk's memory. Prints one JSON object.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

# Two opaque pictures, one above the other; a swipe shows the other one.
SCENE = b"""
import QtQuick
Window {
    id: window
    property int shown: 0
    property url first
    property url second
    color: "black"
    Image { anchors.fill: parent; source: window.first; visible: window.shown === 0; cache: true }
    Image { anchors.fill: parent; source: window.second; visible: window.shown === 1; cache: true }
}
"""


def swipe_floor(size: tuple[int, int], swipes: int, pause_ms: int) -> dict:
    from PySide6.QtCore import QByteArray, QEventLoop, QTimer, QUrl
    from PySide6.QtQml import QQmlComponent, QQmlEngine
    from PySide6.QtQuick import QQuickWindow

    from kiosk.bench.measure import summary
    from kiosk.bench.synthetic import camera_photo
    from kiosk.qt.settle import pump

    engine = QQmlEngine()
    component = QQmlComponent(engine)
    component.setData(QByteArray(SCENE), QUrl("floor.qml"))
    with tempfile.TemporaryDirectory(prefix="kiosk-floor-") as folder:
        urls = []
        for index in range(2):
            path = Path(folder) / f"plain-{index}.png"
            camera_photo(size[0] * size[1] / 1e6, index).resize(size).save(path, compress_level=1)
            urls.append(QUrl.fromLocalFile(str(path)))
        window = component.createWithInitialProperties({"first": urls[0], "second": urls[1]})
        if not isinstance(window, QQuickWindow):
            raise RuntimeError(component.errorString())
        window.resize(*size)
        window.show()
        for shown in (1, 0):  # both decoded and drawn once before timing
            window.setProperty("shown", shown)
            pump(300)
        drawn: list[float] = []
        waiting: list[QEventLoop] = []

        def on_frame() -> None:
            drawn.append(time.perf_counter())
            if waiting:
                waiting[-1].quit()

        window.frameSwapped.connect(on_frame)
        samples = []
        for number in range(swipes):
            pump(pause_ms)
            drawn.clear()
            loop = QEventLoop()
            waiting.append(loop)
            QTimer.singleShot(10_000, loop.quit)
            start = time.perf_counter()
            window.setProperty("shown", (number + 1) % 2)
            loop.exec()
            waiting.pop()
            samples.append(((drawn[0] if drawn else time.perf_counter()) - start) * 1000)
        window.close()
    return summary(samples)


def main(size: str, swipes: str, pause_ms: str) -> int:
    from kiosk.qt.headless import headless_app

    app = headless_app()  # noqa: F841 - must exist while drawing
    width, height = (int(part) for part in size.split("x"))
    print(
        json.dumps({"swipe_floor_ms": swipe_floor((width, height), int(swipes), int(pause_ms))}), flush=True
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
