"""`kiosk snapshot`: every portrait drawn exactly as the kiosk draws it, to PNG files.

The real QML, offscreen, at the size asked for; plus the filter panels, the
overview, the first photo full screen, the still-there prompt, the two reading aids (a page and a panel with each),
the empty screen and one contact sheet, for proofreading without the touchscreen.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from PySide6.QtCore import QSize

from kiosk.content.text import escape_controls
from kiosk.layout import ACCENT, BACKGROUND
from kiosk.paths import assets_dir
from kiosk.qt.headless import headless_kiosk, quiet
from kiosk.qt.settle import pump, settle
from kiosk.settings import Settings

SHEET_COLUMNS = 4
SHEET_TILE = 560
LISTENING_AT_S = 5.0  # the `-listening` picture: this far into the recording
READING_AIDS = {"larger-text": (True, False), "high-contrast": (False, True)}
NAME_BYTES = 100  # of a folder name in a PNG's name: file systems take 255 bytes in all


class SnapshotError(Exception):
    """What was asked for could not be drawn; the message says what and why."""


def take_snapshots(
    root: str,
    settings: Settings,
    out: Path,
    size: QSize,
    language: str,
    cache: Path,
    *,
    pages_only: bool = False,
) -> tuple[list[Path], list[str]]:
    """Write the PNG files of everything that can be drawn; returns their paths (the
    contact sheet last) and the folders whose portraits should be on screen but could not
    be drawn (their photo, or the photo cache, failed: the log says which). Raises
    SnapshotError when the screen does not settle."""
    out.mkdir(parents=True, exist_ok=True)
    # Every photo prepared and shown; voices without sound (a snapshot shows their captions).
    kiosk = headless_kiosk(root, quiet(settings), size, cache, sound=lambda: (False, ""))
    try:
        return _draw_everything(kiosk, out, language, pages_only)
    finally:
        kiosk.close()


def _draw_everything(kiosk, out: Path, language: str, pages_only: bool) -> tuple[list[Path], list[str]]:
    session = kiosk.session
    session.setLanguage(language)
    written: list[Path] = []

    def grab(name: str) -> Path:
        if not settle(kiosk):
            raise SnapshotError(f"the screen did not settle for {escape_controls(name)}")
        path = out / f"{name}.png"
        kiosk.window.grabWindow().save(str(path))
        written.append(path)
        return path

    prepare_voices(kiosk)
    pages = []
    for index in range(session.visible.rowCount()):
        session.goTo(index)
        portrait_id = session.current_portrait().id
        pages.append((grab(page_name(index, portrait_id)), portrait_id))
        if kiosk.listening.preview(LISTENING_AT_S):
            grab(page_name(index, portrait_id) + "-listening")
            kiosk.listening.stop()
    if pages_only:  # the curators' desk's proofs: each page, nothing else
        return written, _not_drawn(kiosk, pages)
    for panel in ("origin", "profession", "overview", "map"):
        session.openPanel(panel)
        grab(f"panel-{panel}")
    session.goTo(0)
    session.openPanel("photo")
    grab("photo-full-screen")
    session.closePanel()
    session.preview_still_there(True)
    grab("still-there")
    session.preview_still_there(False)
    session.goTo(0)
    for name, (large, contrast) in READING_AIDS.items():
        session.set_reading_aids(large, contrast)
        grab(name)
        session.openPanel("origin")
        grab(f"{name}-panel-origin")
        session.closePanel()
    session.set_reading_aids(False, False)
    session.set_portraits([])
    grab("empty")
    written.append(contact_sheet(pages, out / "contact-sheet.png"))
    return written, _not_drawn(kiosk, pages)


def _not_drawn(kiosk, pages: list[tuple[Path, str]]) -> list[str]:
    """The folders whose portraits should be on screen but have no page."""
    drawn = {portrait_id for _, portrait_id in pages}
    return [p.id for p in kiosk.live.portraits() if p.id not in drawn]


def prepare_voices(kiosk, timeout_s: float = 600.0) -> None:
    """Every voice studied (a snapshot of its page shows its Listen control)."""
    kiosk.voices.want(kiosk.live.portraits())
    deadline = time.monotonic() + timeout_s
    while kiosk.voices.pending and time.monotonic() < deadline:
        pump(50)


def missing_message(missing: list[str]) -> str:
    names = ", ".join(escape_controls(name) for name in missing[:10])
    more = f" and {len(missing) - 10} more" if len(missing) > 10 else ""
    return f"{len(missing)} portrait(s) could not be drawn: {names}{more} (the messages above say why)"


def page_name(index: int, portrait_id: str) -> str:
    """`NNN-<id>`: the folder name made safe for a file name, and short enough for one."""
    safe = _safe(portrait_id).encode("utf-8")[:NAME_BYTES].decode("utf-8", "ignore")
    return f"{index + 1:03d}-{safe or 'portrait'}"


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
        draw.text((x, y + tile_h + 8), _caption(number, portrait_id), fill=ACCENT, font=font)
    sheet.save(target)
    return target


def _caption(number: int, portrait_id: str) -> str:
    """One line, whatever the folder's name holds (a carriage return stops Pillow's layout)."""
    caption = f"{number + 1}. {escape_controls(portrait_id)}"
    return caption if len(caption) <= 60 else caption[:59] + "…"


def _caption_font():
    try:
        return ImageFont.truetype(str(assets_dir() / "fonts" / "Inter-Regular.otf"), 22)
    except OSError:
        return ImageFont.load_default()


def _safe(name: str) -> str:
    """A file name from a folder name, whatever characters it holds."""
    return re.sub(r"[^\w.-]+", "_", name, flags=re.UNICODE).strip("._") or "portrait"
