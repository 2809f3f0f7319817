"""The kiosk without a screen: one start-up for snapshots, the soak, the bench and the tests.

Offscreen and in software, so that it works on a server with no screen or GPU; the
kiosk's own fonts, so that every machine draws the same; Qt's messages in the log;
transitions and autoplay off, so that each picture shows one settled screen.
"""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtGui import QGuiApplication

from kiosk.content.photocache import PhotoCache
from kiosk.settings import Settings

# Nothing moves by itself: no transition, and autoplay and the idle reset far away. The
# bench and the soak run on these, with a body of their own (an unknown one is warned of).
QUIET = replace(
    Settings(),
    transition_ms=0,
    autoplay_seconds=600,
    idle_seconds=3600,
    screen_diagonal_inches=55.0,
    mount_height_mm=900.0,
)


def use_offscreen() -> None:
    """Offscreen and in software unless the environment says otherwise; it must come
    before any QGuiApplication exists (the tests' conftest calls it on import)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_QUICK_BACKEND", "software")


def headless_app() -> QGuiApplication:
    """The application every drawing needs, made once, with the kiosk's fonts."""
    from kiosk.logs import route_qt_messages
    from kiosk.qt.fonts import load_fonts

    existing = QCoreApplication.instance()
    if isinstance(existing, QGuiApplication):
        return existing
    use_offscreen()
    app = QGuiApplication(sys.argv[:1])
    route_qt_messages()
    load_fonts()
    return app


def quiet(settings: Settings, **overrides) -> Settings:
    """`settings` with nothing moving by itself (see QUIET), then `overrides`."""
    calm = replace(
        settings,
        transition_ms=QUIET.transition_ms,
        autoplay_seconds=QUIET.autoplay_seconds,
        idle_seconds=QUIET.idle_seconds,
    )
    return replace(calm, **overrides)


def headless_kiosk(
    root: str | Path,
    settings: Settings,
    size: QSize,
    cache: str | Path,
    *,
    locked: bool = False,
    file_events: bool = True,
    watch: bool = False,
    sound=None,
):
    """A kiosk drawn offscreen at `size` in a window of its own, its collection read
    and every photo prepared and shown (see kiosk.qt.settle)."""
    from kiosk.qt.app import KioskApp
    from kiosk.qt.settle import settle

    kiosk = KioskApp(
        str(root),
        settings,
        locked=locked,
        screen=size,
        cache=PhotoCache(cache),
        file_events=file_events,
        **({"sound": sound} if sound else {}),
    )
    kiosk.load_collection()
    if watch:
        kiosk.watch()
    kiosk.show(windowed=True, size=size)
    kiosk.report_health()
    settle(kiosk)
    return kiosk
