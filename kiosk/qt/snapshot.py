"""`kiosk snapshot`: every portrait drawn exactly as the kiosk draws it, to PNG files.

The real QML, offscreen, at the size asked for; plus the filter panels, the
overview, the empty screen and one contact sheet, for proofreading without
the touchscreen.
"""

from __future__ import annotations

import re
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from PySide6.QtCore import QSize

from kiosk.layout import BACKGROUND
from kiosk.paths import assets_dir
from kiosk.qt.headless import headless_kiosk, quiet
from kiosk.qt.settle import settle
from kiosk.settings import Settings

SHEET_COLUMNS = 4
SHEET_TILE = 560


def take_snapshots(
    root: str, settings: Settings, out: Path, size: QSize, language: str, cache: Path
) -> list[Path]:
    """Write the PNG files; returns their paths, the contact sheet last."""
    out.mkdir(parents=True, exist_ok=True)
    kiosk = headless_kiosk(root, quiet(settings), size, cache)  # every photo prepared and shown
    session = kiosk.session
    session.setLanguage(language)
    written: list[Path] = []

    def grab(name: str) -> Path:
        settle(kiosk)
        path = out / f"{name}.png"
        kiosk.window.grabWindow().save(str(path))
        written.append(path)
        return path

    pages = []
    for index in range(session.visible.rowCount()):
        session.goTo(index)
        portrait_id = session.current_portrait().id
        pages.append((grab(f"{index + 1:03d}-{_safe(portrait_id)}"), portrait_id))
    for panel in ("origin", "profession", "overview"):
        session.openPanel(panel)
        grab(f"panel-{panel}")
    session.closePanel()
    session.set_portraits([])
    grab("empty")
    written.append(contact_sheet(pages, out / "contact-sheet.png"))
    kiosk.close()
    return written


def contact_sheet(pages: list[tuple[Path, str]], target: Path) -> Path:
    """All portrait pages side by side, each with its folder name under it."""
    if pages:
        with Image.open(pages[0][0]) as first:
            aspect = first.height / first.width
    else:
        aspect = 9 / 16
    tile_w, tile_h, caption, gap = SHEET_TILE, round(SHEET_TILE * aspect), 40, 16
    columns = min(SHEET_COLUMNS, max(1, len(pages)))
    rows = max(1, -(-len(pages) // columns))
    size = (columns * (tile_w + gap) + gap, rows * (tile_h + caption + gap) + gap)
    sheet = Image.new("RGB", size, BACKGROUND)
    draw = ImageDraw.Draw(sheet)
    font = _caption_font()
    for number, (path, portrait_id) in enumerate(pages):
        x = gap + (number % columns) * (tile_w + gap)
        y = gap + (number // columns) * (tile_h + caption + gap)
        with Image.open(path) as page:
            sheet.paste(page.convert("RGB").resize((tile_w, tile_h), Image.Resampling.LANCZOS), (x, y))
        draw.text((x, y + tile_h + 8), f"{number + 1}. {portrait_id}", fill="#f2a945", font=font)
    sheet.save(target)
    return target


def _caption_font():
    try:
        return ImageFont.truetype(str(assets_dir() / "fonts" / "Inter-Regular.otf"), 22)
    except OSError:
        return ImageFont.load_default()


def _safe(name: str) -> str:
    """A file name from a folder name, whatever characters it holds."""
    return re.sub(r"[^\w.-]+", "_", name, flags=re.UNICODE).strip("._") or "portrait"
