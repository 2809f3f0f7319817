"""Which Qt Quick renderer draws the kiosk: the GPU's where a real driver answers,
Qt's software renderer everywhere else.

Decided once at start, before the window exists. A child process asks the platform for
an OpenGL context and reports the driver's name (`python -m kiosk.qt.gpu_probe`): a
broken driver may crash whoever asks (Qt's offscreen platform segfaults on the first GL
call once a context fails), and the kiosk must not be that process. A software
rasteriser (Mesa's llvmpipe, softpipe) answers too, but draws a 4K frame slower than
Qt's own software renderer, so it counts as no driver. `QT_QUICK_BACKEND` set in the
environment always wins: Qt reads it itself and nothing is asked.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass

log = logging.getLogger(__name__)
PROBE_LIMIT_S = 10.0  # a driver that takes longer to answer is not one to draw with
# Lower case parts of GL_RENDERER strings that name a rasteriser running on the CPU.
SOFTWARE_RASTERISERS = ("llvmpipe", "softpipe", "swrast", "software rasterizer", "lavapipe", "swiftshader")


@dataclass(frozen=True)
class Renderer:
    backend: str  # "opengl" (the GPU), "software", or what QT_QUICK_BACKEND says
    why: str  # for the log line
    forced: bool = False  # by QT_QUICK_BACKEND, which Qt reads itself

    @property
    def line(self) -> str:
        """The log line a technician looks for (docs/deployment.md)."""
        return f"renderer: {self.backend} ({self.why})"


def is_software_rasteriser(gl_renderer: str) -> bool:
    name = gl_renderer.casefold()
    return any(part in name for part in SOFTWARE_RASTERISERS)


def choose_renderer(environment: Mapping[str, str], ask_driver) -> Renderer:
    """The renderer for this start. `ask_driver()` gives the OpenGL driver's name
    (GL_RENDERER), or None when no context could be made; it is called only when the
    environment does not decide."""
    forced = environment.get("QT_QUICK_BACKEND", "").strip()
    if forced:
        return Renderer(forced, "QT_QUICK_BACKEND is set", forced=True)
    driver = ask_driver()
    if not driver:
        return Renderer("software", "no OpenGL driver answered")
    if is_software_rasteriser(driver):
        return Renderer("software", f"OpenGL is {driver}, a software rasteriser")
    return Renderer("opengl", f"OpenGL by {driver}")


def ask_driver_in_child(limit_s: float = PROBE_LIMIT_S) -> str | None:
    """GL_RENDERER as a fresh process on this platform sees it (0.2 to 0.3 s), or None
    when it made no context, crashed or did not answer in time. Asked before the kiosk
    opens the display: on eglfs only one process at a time can hold the screen."""
    try:
        child = subprocess.run(
            [sys.executable, "-m", "kiosk.qt.gpu_probe"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            timeout=limit_s,
        )
    except subprocess.TimeoutExpired:
        log.info("renderer: the OpenGL probe did not answer in %.0f s", limit_s)
        return None
    except OSError as exc:
        log.info("renderer: the OpenGL probe did not start (%s)", exc)
        return None
    lines = child.stdout.strip().splitlines()
    return lines[-1].strip() if child.returncode == 0 and lines else None


def decide_renderer() -> Renderer:
    """This start's renderer (see the module's docstring), before any QGuiApplication."""
    return choose_renderer(os.environ, ask_driver_in_child)


def use_renderer(renderer: Renderer) -> None:
    """Tell Qt Quick before the first window is made; say which in the log."""
    from PySide6.QtQuick import QQuickWindow, QSGRendererInterface

    apis = {
        "opengl": QSGRendererInterface.GraphicsApi.OpenGL,
        "software": QSGRendererInterface.GraphicsApi.Software,
    }
    if not renderer.forced:
        QQuickWindow.setGraphicsApi(apis[renderer.backend])
    log.info(renderer.line)
