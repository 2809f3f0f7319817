"""`kiosk audit`: the real QML drawn offscreen, in every language, with and without each
reading aid, on every page and panel; every visitor control and text measured in
millimetres on the kiosk's body, and every text's contrast against the pixels drawn
behind it (kiosk.measures says what is checked, and against which clause).

A visitor control is an item with `visitorControl: true` (PillButton, Chip, ScrollButton,
an overview thumbnail). A view is what one state of the screen lets a visitor use: the
page, or the panel or prompt over it (what a scrim covers is not in the view).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QColor, QFontMetricsF, QImage
from PySide6.QtQml import QQmlProperty
from PySide6.QtQuick import QQuickItem

from kiosk import measures
from kiosk.body import Body, describe_body
from kiosk.content.text import escape_controls
from kiosk.measures import Box, Check
from kiosk.qt.headless import headless_kiosk, quiet
from kiosk.qt.settle import pump, settle
from kiosk.qt.snapshot import prepare_voices
from kiosk.settings import Settings

log = logging.getLogger(__name__)

# Pages measured per language and aid: a large collection's pages are alike; its
# longest names and testimonies are what the hostile collections test.
MAX_PAGES = 40
LISTENING_AT_S = 5.0
FRAMES_MS = 200
OVERLAYS = {"originPanel", "professionPanel", "overviewPanel", "closeUp", "stillTherePrompt"}
NOT_VISITORS = {"adminLayer"}  # the staff's corners, pad and panel
AIDS = {"": (False, False), "larger text": (True, False), "high contrast": (False, True)}


class AuditError(Exception):
    """The screen could not be drawn to be measured."""


def run_audit(root: str, settings: Settings, size: QSize, cache: Path) -> list[Check]:
    kiosk = headless_kiosk(root, quiet(settings), size, cache, sound=lambda: (False, ""))
    try:
        shape = kiosk.body.body()
        log.info("audit: %s", describe_body(shape))
        checks = [measures.timing_check(settings.still_there_seconds)]
        for language in settings.languages.offered:
            kiosk.session.setLanguage(language)
            for aid, (large, contrast) in AIDS.items():
                kiosk.session.set_reading_aids(large, contrast)
                pump(FRAMES_MS)  # every text laid out again at its new size first
                for view, scope in _views(kiosk):
                    label = ", ".join(part for part in (language, aid, view) if part)
                    checks += _measure(kiosk.window, scope, shape, label)
        return checks
    finally:
        kiosk.close()


def _views(kiosk) -> Iterator[tuple[str, QQuickItem]]:
    """Put the screen in each state a visitor meets, settled; yield its name and the
    item holding what the visitor can use in it."""
    session, window = kiosk.session, kiosk.window
    prepare_voices(kiosk)
    content = window.contentItem()
    for index in range(min(session.visible.rowCount(), MAX_PAGES)):
        session.goTo(index)
        _settled(kiosk, "a page")
        portrait_id = escape_controls(session.current_portrait().id)
        yield f"page {portrait_id}", content
        if kiosk.listening.preview(LISTENING_AT_S):
            _settled(kiosk, "a page with its voice playing")
            yield f"listening {portrait_id}", content
            kiosk.listening.stop()
    session.goTo(0)
    for panel in ("origin", "profession", "overview"):
        session.openPanel(panel)
        _settled(kiosk, f"the {panel} panel")
        yield f"{panel} panel", _named(content, f"{panel}Panel")
    session.openPanel("photo")
    _settled(kiosk, "the photo full screen")
    yield "photo full screen", _named(content, "closeUp")
    session.closePanel()
    session.preview_still_there(True)
    _settled(kiosk, "the still-there prompt")
    yield "still there", _named(content, "stillTherePrompt")
    session.preview_still_there(False)


def _settled(kiosk, what: str) -> None:
    if not settle(kiosk):
        raise AuditError(f"the screen did not settle for {what}")


def _named(root: QQuickItem, name: str) -> QQuickItem:
    for item in _tree(root):
        if item.objectName() == name:
            return item
    raise AuditError(f"no {name} on the screen")


# -- measuring one view ---------------------------------------------------------------------


@dataclass
class Drawn:
    item: QQuickItem
    name: str
    box: Box  # what of it shows, in window pixels
    whole: Box  # all of it, clipped or not
    opacity: float


def _measure(window, scope: QQuickItem, shape: Body, view: str) -> list[Check]:
    controls, texts = _visitor_items(window, scope)
    checks: list[Check] = []
    named = []
    for drawn in controls:
        name = f"{drawn.name} ({view})"
        checks.append(measures.reach_check(name, drawn.box, shape))
        checks.append(measures.target_check(name, drawn.whole, shape))
        named.append((drawn.name, drawn.box))  # what shows is what a finger can reach
    checks += measures.spacing_checks(named, shape, view)
    for drawn in texts:
        font = drawn.item.property("font")
        checks.append(
            measures.text_size_check(f"{drawn.name} ({view})", QFontMetricsF(font).capHeight(), shape)
        )
    checks += _contrast_checks(window, controls, texts, view)
    return checks


def _visitor_items(window, scope: QQuickItem) -> tuple[list[Drawn], list[Drawn]]:
    """The controls and the texts a visitor sees in the view."""
    bounds = QRectF(0, 0, window.width(), window.height())
    controls, texts = [], []
    for item, clip, opacity, path in _walk(scope, bounds, 1.0, "", scope is window.contentItem()):
        whole = item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))
        shown = whole.intersected(clip)
        if shown.isEmpty():
            continue
        if item.property("visitorControl") is True:
            controls.append(Drawn(item, path, _box(shown), _box(whole), opacity))
        elif item.metaObject().className() == "QQuickText" and item.property("text"):
            # Its whole box: what is behind its letters is what is behind the box (the
            # contrast is taken over all of it, so a gradient behind counts at its worst).
            texts.append(Drawn(item, path, _box(shown), _box(whole), opacity))
    return controls, texts


def _walk(
    item: QQuickItem, clip: QRectF, opacity: float, path: str, skip_overlays: bool
) -> Iterator[tuple[QQuickItem, QRectF, float, str]]:
    name = item.objectName()
    if not item.isVisible() or name in NOT_VISITORS or (skip_overlays and name in OVERLAYS):
        return
    opacity *= item.opacity()
    if opacity < 0.02:
        return
    if item.clip():
        clip = clip.intersected(item.mapRectToScene(QRectF(0, 0, item.width(), item.height())))
    path = _name_of(item, path)
    yield item, clip, opacity, path
    for child in item.childItems():
        yield from _walk(child, clip, opacity, path, skip_overlays)


def _name_of(item: QQuickItem, parent_path: str) -> str:
    """The nearest objectName, and the text's own words for an unnamed text."""
    own = escape_controls(item.objectName())
    if item.metaObject().className() == "QQuickText" and not own:
        words = escape_controls(str(item.property("text")))
        own = f"'{words[:24]}…'" if len(words) > 24 else f"'{words}'"
    if not own:
        return parent_path
    return f"{parent_path.rsplit('/', 1)[-1]}/{own}" if parent_path else own


def _tree(item: QQuickItem) -> Iterator[QQuickItem]:
    yield item
    for child in item.childItems():
        yield from _tree(child)


def _box(rect: QRectF) -> Box:
    return Box(rect.x(), rect.y(), rect.width(), rect.height())


# -- contrast -------------------------------------------------------------------------------


def _contrast_checks(window, controls: list[Drawn], texts: list[Drawn], view: str) -> list[Check]:
    """Each text against the pixels drawn behind it (the screen grabbed with the texts
    hidden), each control's edge or fill against what is behind the control."""
    behind_texts = _grab_without(window, [drawn.item for drawn in texts])
    behind_controls = _grab_without(window, [drawn.item for drawn in controls])
    checks = []
    for drawn in texts:
        if _inactive(drawn.item):
            continue  # a control that does nothing now (WCAG 2.2 1.4.3: inactive components)
        colour = QColor(drawn.item.property("color"))
        rgb = (colour.red(), colour.green(), colour.blue())
        pixels = _colours(behind_texts, drawn.box)
        measured = measures.text_contrast(rgb, colour.alphaF() * drawn.opacity, pixels)
        checks.append(
            measures.contrast_check(f"{drawn.name} ({view})", measured, measures.TEXT_CONTRAST, "text")
        )
    for drawn in controls:
        if drawn.item.property("available") is False:
            continue
        edges = _edge_colours(drawn.item)
        if not edges:
            continue  # a picture (an overview thumbnail) shows what it is by itself
        behind = measures.low_percentile(
            [(measures.luminance(rgb), count) for count, rgb in _colours(behind_controls, drawn.box)], 0.5
        )
        measured = max(_against(edge, behind) for edge in edges)
        checks.append(
            measures.contrast_check(
                f"{drawn.name} ({view})", measured, measures.CONTROL_CONTRAST, "edge against behind"
            )
        )
    return checks


def _against(rgb: measures.RGB, behind_luminance: float) -> float:
    light, dark = sorted((measures.luminance(rgb), behind_luminance), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _inactive(item: QQuickItem) -> bool:
    parent = item.parentItem()
    while parent is not None:
        if parent.property("visitorControl") is True:
            return parent.property("available") is False
        parent = parent.parentItem()
    return False


def _edge_colours(item: QQuickItem) -> list[measures.RGB]:
    """A Rectangle's border (where it has one) and its fill: whichever stands out
    marks the control's edge."""
    if not item.inherits("QQuickRectangle"):
        return []
    colours = [QColor(item.property("color"))]
    # A grouped property: Python has no converter for the QQuickPen it is.
    if float(QQmlProperty(item, "border.width").read() or 0) >= 1:
        colours.append(QColor(QQmlProperty(item, "border.color").read()))
    return [(c.red(), c.green(), c.blue()) for c in colours if c.alpha() > 0]


def _grab_without(window, items: list[QQuickItem]) -> Image.Image:
    """The window as drawn with `items` transparent. Their opacity is set from Python,
    which leaves their QML bindings in place, and put back after."""
    before = [(item, item.opacity()) for item in items]
    for item, _ in before:
        item.setOpacity(0.0)
    try:
        return _pillow(window.grabWindow())
    finally:
        for item, opacity in before:
            item.setOpacity(opacity)


def _pillow(image: QImage) -> Image.Image:
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    data = bytes(rgb.constBits())
    return Image.frombuffer("RGB", (rgb.width(), rgb.height()), data, "raw", "RGB", rgb.bytesPerLine(), 1)


def _colours(image: Image.Image, box: Box) -> list[tuple[int, measures.RGB]]:
    left, top = max(0, int(box.x)), max(0, int(box.y))
    right, bottom = min(image.width, int(box.right + 0.999)), min(image.height, int(box.bottom + 0.999))
    if right <= left or bottom <= top:
        return []
    region = image.crop((left, top, right, bottom))
    counted = region.getcolors(maxcolors=region.width * region.height) or []
    return [
        (count, (colour[0], colour[1], colour[2])) for count, colour in counted if isinstance(colour, tuple)
    ]
