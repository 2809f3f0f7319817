"""The QR code of a link, as a square of modules (segno encodes it: never code of ours)."""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

import segno

QUIET_ZONE = 4  # modules of light around the code, as ISO/IEC 18004 asks
QR_MIN_MM = 25.0  # quiet zone included: a phone reads it from 50 cm
MODULE_MIN_PX = 2  # fewer whole pixels per module and the code draws blurred


@lru_cache(maxsize=256)
def qr_modules(link: str) -> tuple[tuple[bool, ...], ...]:
    """Rows of dark (True) and light modules, the quiet zone included. Error correction M:
    a code on a glossy screen survives a reflection across a seventh of it."""
    code = segno.make(link, error="m", micro=False, boost_error=False)
    return tuple(
        tuple(bool(module) for module in row) for row in code.matrix_iter(scale=1, border=QUIET_ZONE)
    )


def pixels_per_module(link: str, px_per_mm: float) -> int:
    """Whole pixels a module, enough for the code to be QR_MIN_MM across at least."""
    modules = len(qr_modules(link))
    return max(MODULE_MIN_PX, -(-round(QR_MIN_MM * px_per_mm) // modules))


def qr_picture(link: str, per_module: int, folder: Path) -> Path:
    """A PNG of the code, `per_module` pixels a module (drawn at its own size, never
    scaled: a scaled code blurs), written once under a name of its link and size."""
    name = hashlib.sha1(f"{per_module}\n{link}".encode()).hexdigest()[:20] + ".png"
    path = folder / name
    if not path.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        partial = folder / f"{name}.{os.getpid()}.part"
        segno.make(link, error="m", micro=False, boost_error=False).save(
            str(partial), kind="png", scale=per_module, border=QUIET_ZONE, dark="#000000", light="#ffffff"
        )
        os.replace(partial, path)
    return path
