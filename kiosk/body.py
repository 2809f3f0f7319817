"""The kiosk's body: how big its picture is in millimetres, how high it hangs, how far
visitors stand. The layout sizes text and targets in millimetres from it and keeps every
visitor control within reach; `kiosk audit` measures the drawn screen against the same
figures.

The measures and the standards behind them (docs/accessibility.md):
- every control between 380 mm and 1220 mm from the floor (ADA 2010 §308, EN 301 549 §8.3);
- touch targets at least 20 mm on their short side, 2.5 mm apart (Colle & Hiszem 2004);
- characters at least 22 minutes of arc high at the viewing distance (ISO 9241-303).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from kiosk.settings import Settings

REACH_LOW_MM = 380.0
REACH_HIGH_MM = 1220.0
TARGET_MM = 20.0
GAP_MM = 2.5
# Laid out a little wider than the limit, so that rounding to pixels never falls under it.
LAYOUT_GAP_MM = 3.0
TEXT_ARCMIN = 22.0
# Capital height over the font's pixel size: Inter 0.727, Noto Serif 0.714. The smaller,
# so that either font's capitals reach the height.
CAP_HEIGHT_RATIO = 0.714
# Laid out a little above the limit, for the same reason as the gap.
LAYOUT_TEXT_MARGIN = 1.03

# What the kiosk assumes of a body it was not told about (and says so at start).
ASSUMED_MOUNT_MM = 800.0
ASSUMED_DIAGONAL_INCHES = 55.0
MM_PER_INCH = 25.4
# A display reporting less than this is not telling its size (offscreen, some projectors).
PLAUSIBLE_SCREEN_MM = 100.0


@dataclass(frozen=True)
class Body:
    """A screen of `width_px` x `height_px` whose picture is `width_mm` x `height_mm`,
    its lower edge `mount_mm` from the floor, read from `distance_mm`."""

    width_px: int
    height_px: int
    width_mm: float
    height_mm: float
    mount_mm: float
    distance_mm: float

    @property
    def px_per_mm(self) -> float:
        return (self.width_px / self.width_mm + self.height_px / self.height_mm) / 2

    def mm(self, px: float) -> float:
        return px / self.px_per_mm

    def px(self, mm: float) -> float:
        return mm * self.px_per_mm

    def floor_height_mm(self, y_px: float) -> float:
        """How high above the floor the point `y_px` from the picture's top is."""
        return self.mount_mm + (self.height_px - y_px) / self.px_per_mm

    def y_at(self, floor_height_mm: float) -> float:
        """The y (from the picture's top, in pixels) of a height above the floor; outside
        0..height_px when that height is off the picture."""
        return self.height_px - (floor_height_mm - self.mount_mm) * self.px_per_mm

    @property
    def reach_top_px(self) -> float:
        """The highest y a control may reach, within the picture."""
        return min(max(0.0, self.y_at(REACH_HIGH_MM)), float(self.height_px))

    @property
    def reach_bottom_px(self) -> float:
        return min(max(0.0, self.y_at(REACH_LOW_MM)), float(self.height_px))

    @property
    def text_mm(self) -> float:
        """The smallest character (capital) height readable from the viewing distance."""
        return 2 * self.distance_mm * math.tan(math.radians(TEXT_ARCMIN / 60) / 2)

    @property
    def text_px(self) -> float:
        """The smallest font pixel size whose capitals are `text_mm` high, with a margin."""
        return self.px(self.text_mm) / CAP_HEIGHT_RATIO * LAYOUT_TEXT_MARGIN


@dataclass(frozen=True)
class BodyFacts:
    """A body, and what of it was assumed rather than told: the kiosk says so at start."""

    body: Body
    assumed: tuple[str, ...]


def body_for(
    settings: Settings, width_px: int, height_px: int, reported_mm: tuple[float, float] = (0.0, 0.0)
) -> BodyFacts:
    """The body from this kiosk's settings, else from what the display reports, else
    assumed: the picture's size from its width and height, or its diagonal; the mounting
    height; the viewing distance (which has a default of its own)."""
    assumed = []
    width_px, height_px = max(1, width_px), max(1, height_px)
    if settings.screen_width_mm and settings.screen_height_mm:
        width_mm, height_mm = settings.screen_width_mm, settings.screen_height_mm
    elif settings.screen_diagonal_inches:
        width_mm, height_mm = _from_diagonal(settings.screen_diagonal_inches, width_px, height_px)
    elif min(reported_mm) >= PLAUSIBLE_SCREEN_MM:
        width_mm, height_mm = _oriented(reported_mm, width_px, height_px)
    else:
        width_mm, height_mm = _from_diagonal(ASSUMED_DIAGONAL_INCHES, width_px, height_px)
        assumed.append(
            f"the screen's size (taken as a {ASSUMED_DIAGONAL_INCHES:.0f}-inch screen; "
            "set screen_diagonal_inches, or screen_width_mm and screen_height_mm)"
        )
    mount_mm = settings.mount_height_mm
    if not mount_mm:
        mount_mm = ASSUMED_MOUNT_MM
        assumed.append(
            f"the mounting height (taken as {ASSUMED_MOUNT_MM:.0f} mm from the floor to the picture's "
            "lower edge; set mount_height_mm)"
        )
    body = Body(width_px, height_px, width_mm, height_mm, mount_mm, settings.viewing_distance_mm)
    return BodyFacts(body, tuple(assumed))


def reach_problem(body: Body, bar_mm: float) -> str:
    """What is wrong with the mounting for reach, or "": the visitors' bar (`bar_mm`
    high) must fit between 380 and 1220 mm from the floor."""
    top = body.floor_height_mm(0)
    if body.mount_mm > REACH_HIGH_MM - bar_mm:
        return (
            f"the screen's lower edge is {body.mount_mm:.0f} mm from the floor: its controls are out of reach "
            f"from a wheelchair (above {REACH_HIGH_MM:.0f} mm); mount it lower, so that its lower edge is "
            f"at most {REACH_HIGH_MM - bar_mm:.0f} mm from the floor"
        )
    if top < REACH_LOW_MM + bar_mm:
        return (
            f"the screen's top edge is {top:.0f} mm from the floor: its controls are too low to reach "
            f"(below {REACH_LOW_MM:.0f} mm); mount it higher"
        )
    return ""


def describe_body(body: Body) -> str:
    diagonal = math.hypot(body.width_mm, body.height_mm) / MM_PER_INCH
    return (
        f"a {body.width_mm:.0f} x {body.height_mm:.0f} mm picture ({diagonal:.0f} inches) at "
        f"{body.width_px}x{body.height_px}, its lower edge {body.mount_mm:.0f} mm from the floor, "
        f"read from {body.distance_mm:.0f} mm"
    )


def _from_diagonal(inches: float, width_px: int, height_px: int) -> tuple[float, float]:
    """Square pixels: the picture's sides are in the proportion of its pixels."""
    diagonal_px = math.hypot(width_px, height_px)
    mm_per_px = inches * MM_PER_INCH / diagonal_px
    return width_px * mm_per_px, height_px * mm_per_px


def _oriented(reported_mm: tuple[float, float], width_px: int, height_px: int) -> tuple[float, float]:
    """A display turned to portrait may still report its size as mounted in landscape."""
    wide, high = reported_mm
    if (wide > high) != (width_px > height_px):
        wide, high = high, wide
    return wide, high
