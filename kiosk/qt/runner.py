"""Running the kiosk as a program: the screen, signals, the heartbeat, the event loop."""

from __future__ import annotations

import logging
import signal
import socket
import sys

from PySide6.QtCore import QSize, QSocketNotifier
from PySide6.QtGui import QGuiApplication

from kiosk import exits
from kiosk.qt.app import WINDOWED_SIZE, KioskApp
from kiosk.qt.heartbeat import Heartbeat
from kiosk.settings import Settings

log = logging.getLogger(__name__)
_SIGNAL_SOCKETS: list[tuple] = []


def window_size(index: int, windowed: bool) -> QSize:
    """The size the kiosk's window will have: its screen's, or a window's on a desk."""
    if windowed:
        return WINDOWED_SIZE
    screens = QGuiApplication.screens()
    return screens[min(index, len(screens) - 1)].size()


def quit_on_signals(app: QGuiApplication) -> None:
    """SIGTERM and SIGINT quit the event loop cleanly.

    A Python signal handler may never run while Qt's loop sits in C++; the
    wakeup fd makes the signal readable on a socket that Qt watches.
    """
    receiver, sender = socket.socketpair()
    sender.setblocking(False)
    signal.set_wakeup_fd(sender.fileno())
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, lambda *_: None)
    notifier = QSocketNotifier(receiver.fileno(), QSocketNotifier.Type.Read, app)

    def on_signal() -> None:
        receiver.recv(64)
        log.info("stopping on a signal")
        # Not quit(): in Qt 6 it first asks every window to close, and the kiosk's refuses.
        app.exit(0)

    notifier.activated.connect(on_signal)
    _SIGNAL_SOCKETS.append((receiver, sender, notifier))  # kept alive as long as the process


def run_kiosk(root: str, settings: Settings, *, windowed: bool, settings_problems: tuple = ()) -> int:
    """Start the kiosk and run until it is stopped; returns the exit status.
    `settings_problems` (of kiosk.yaml) are shown to staff in the admin panel."""
    from kiosk.logs import route_qt_messages
    from kiosk.qt.fonts import load_fonts
    from kiosk.qt.renderer import decide_renderer, use_renderer

    renderer = decide_renderer()  # before this process opens the display
    app = QGuiApplication(sys.argv[:1])
    app.setApplicationName("kiosk")
    route_qt_messages()
    load_fonts()
    quit_on_signals(app)
    use_renderer(renderer)
    kiosk = KioskApp(root, settings, locked=not windowed, screen=window_size(settings.screen, windowed))
    kiosk.feed.settings_problems = tuple(settings_problems)
    kiosk.start(windowed=windowed, screen_index=settings.screen)
    heartbeat = Heartbeat(kiosk.is_on_screen, app)
    heartbeat.start()
    status = app.exec()
    kiosk.close(stopped=_WHY.get(status, f"stopped with status {status}"))
    return status


_WHY = {exits.OK: "stopped", exits.RESTART: "staff restart", exits.CRASH: "crash (an uncaught error)"}
