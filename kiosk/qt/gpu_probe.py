"""Prints the OpenGL driver's name (GL_RENDERER) as this platform gives it to a new
context, and exits 0; exits 1 when no context can be made. Run by the kiosk at start,
as `python -m kiosk.qt.gpu_probe`, to choose its renderer (kiosk.qt.renderer): a driver
that crashes here crashes only this process."""

from __future__ import annotations

import sys

GL_RENDERER = 0x1F01


def main() -> int:
    from PySide6.QtGui import QGuiApplication, QOffscreenSurface, QOpenGLContext

    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - the platform the kiosk will draw on
    context = QOpenGLContext()
    if not context.create():
        return 1
    surface = QOffscreenSurface()
    surface.setFormat(context.format())
    surface.create()
    if not surface.isValid() or not context.makeCurrent(surface):
        return 1
    name = context.functions().glGetString(GL_RENDERER)
    context.doneCurrent()
    if not name:
        return 1
    print(name, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
