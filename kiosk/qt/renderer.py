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
    why: str  # for the log line and the status file

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
        return Renderer(forced, "QT_QUICK_BACKEND is set")
    driver = ask_driver()
    if not driver:
        return Renderer("software", "no OpenGL driver answered")
    if is_software_rasteriser(driver):
        return Renderer("software", f"OpenGL is {driver}, a software rasteriser")
    return Renderer("opengl", f"OpenGL by {driver}")


class DriverProbe:
    """The child that asks for an OpenGL context, started early so that its answer is
    ready by the time the window is made (it takes 0.2 to 0.3 s)."""

    def __init__(self) -> None:
        self._child: subprocess.Popen | None = None
        try:
            self._child = subprocess.Popen(
                [sys.executable, "-m", "kiosk.qt.gpu_probe"],
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
            )
        except OSError as exc:
            log.info("renderer: the OpenGL probe did not start (%s)", exc)

    def answer(self, limit_s: float = PROBE_LIMIT_S) -> str | None:
        """GL_RENDERER as a fresh process on the same platform saw it, or None when it
        made no context, crashed or did not answer in time."""
        if self._child is None:
            return None
        try:
            out, _ = self._child.communicate(timeout=limit_s)
        except subprocess.TimeoutExpired:
            self._child.kill()
            self._child.communicate()
            log.info("renderer: the OpenGL probe did not answer in %.0f s", limit_s)
            return None
        if self._child.returncode != 0:
            return None
        lines = out.strip().splitlines()
        return lines[-1].strip() if lines else None


def use_renderer(renderer: Renderer) -> None:
    """Tell Qt Quick before the first window is made; say which in the log."""
    from PySide6.QtQuick import QQuickWindow, QSGRendererInterface

    apis = {
        "opengl": QSGRendererInterface.GraphicsApi.OpenGL,
        "software": QSGRendererInterface.GraphicsApi.Software,
    }
    if renderer.why != "QT_QUICK_BACKEND is set":
        QQuickWindow.setGraphicsApi(apis[renderer.backend])
    log.info(renderer.line)


def decide_renderer(probe: DriverProbe | None = None) -> Renderer:
    """Chosen and set for this process (see the module's docstring). `probe` is one
    started earlier; none is started when the environment decides."""
    renderer = choose_renderer(os.environ, lambda: (probe or DriverProbe()).answer())
    use_renderer(renderer)
    return renderer
