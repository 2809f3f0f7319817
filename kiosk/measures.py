"""What `kiosk audit` checks, and how it says so: one Check per control, text or timing
measured on the drawn screen, against the limits of kiosk.body and the clause behind each.

Pure Python (the measuring, with Qt, is kiosk.qt.audit): contrast as WCAG 2.2 defines it,
the checks, their lines and their JSON.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

from kiosk import body

CLAUSES = {
    "reach": "ADA 2010 §308, EN 301 549 §8.3",
    "target": "Colle & Hiszem 2004; NDA kiosk guidance",
    "spacing": "Colle & Hiszem 2004; NDA kiosk guidance",
    "text": "ISO 9241-303",
    "contrast": "WCAG 2.2 1.4.3, 1.4.11",
    "timing": "WCAG 2.2 2.2.1",
}
TEXT_CONTRAST = 4.5
CONTROL_CONTRAST = 3.0
STILL_THERE_MIN_S = 20.0
# Of the pixels behind a text, this share may be darker or lighter than the measure
# says (the anti-aliased rim of a photo, a thumbnail's corner): the rest reach it.
CONTRAST_PERCENTILE = 0.05


@dataclass(frozen=True)
class Check:
    kind: str  # reach | target | spacing | text | contrast | timing
    item: str  # what was measured, and in which view: "originButton (fr, page)"
    measured: float
    limit: float | list[float]
    passed: bool
    unit: str = "mm"
    where: str = ""  # where on the screen, for a person looking: "x 120-331 mm, 904-967 mm from the floor"

    def line(self) -> str:
        verdict = "pass" if self.passed else "FAIL"
        limit = (
            f"{self.limit[0]:g}-{self.limit[1]:g} {self.unit}"
            if isinstance(self.limit, list)
            else f"{'>=' if self.kind != 'reach' else ''}{self.limit:g} {self.unit}"
        )
        where = f"  [{self.where}]" if self.where else ""
        return (
            f"{verdict}  {self.kind:<8} {self.item}: {self.measured:.1f} {self.unit}, limit {limit}"
            f"{where}  ({CLAUSES[self.kind]})"
        )

    def as_json(self) -> dict:
        fields = asdict(self)
        fields["pass"] = fields.pop("passed")
        fields["measured"] = round(self.measured, 2)
        return fields


def report_json(checks: Sequence[Check]) -> str:
    passed = sum(check.passed for check in checks)
    return json.dumps(
        {"checks": [check.as_json() for check in checks], "passed": passed, "failed": len(checks) - passed},
        ensure_ascii=False,
        indent=1,
    )


def summary(checks: Sequence[Check]) -> str:
    failed = [check for check in checks if not check.passed]
    if not failed:
        return f"kiosk audit: all {len(checks)} checks pass"
    kinds = sorted({check.kind for check in failed})
    return f"kiosk audit: {len(failed)} of {len(checks)} checks fail ({', '.join(kinds)})"


# -- reach, targets, spacing ----------------------------------------------------------


@dataclass(frozen=True)
class Box:
    """A drawn item's rectangle, in window pixels."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    def gap_to(self, other: Box) -> float:
        """The shortest distance between the two, 0 when they touch or overlap."""
        dx = max(0.0, max(other.x - self.right, self.x - other.right))
        dy = max(0.0, max(other.y - self.bottom, self.y - other.bottom))
        return (dx * dx + dy * dy) ** 0.5


def reach_check(name: str, box: Box, shape: body.Body) -> Check:
    """The whole control between 380 and 1220 mm from the floor."""
    low = shape.floor_height_mm(box.bottom)
    high = shape.floor_height_mm(box.y)
    inside = low >= body.REACH_LOW_MM - 0.5 and high <= body.REACH_HIGH_MM + 0.5
    worst = low if low < body.REACH_LOW_MM else high  # the top of it, unless it is too low
    return Check(
        "reach",
        name,
        worst,
        [body.REACH_LOW_MM, body.REACH_HIGH_MM],
        inside,
        where=f"{low:.0f}-{high:.0f} mm from the floor",
    )


def target_check(name: str, box: Box, shape: body.Body) -> Check:
    short = shape.mm(min(box.width, box.height))
    return Check(
        "target",
        name,
        short,
        body.TARGET_MM,
        short >= body.TARGET_MM - 0.05,
        where=f"{shape.mm(box.width):.0f} x {shape.mm(box.height):.0f} mm",
    )


def spacing_checks(named: Sequence[tuple[str, Box]], shape: body.Body, view: str) -> list[Check]:
    """The gap between each control and its nearest neighbour (controls farther apart
    than a target's side are not neighbours)."""
    checks = []
    for index, (name, box) in enumerate(named):
        gaps = [
            (shape.mm(box.gap_to(other)), other_name)
            for other_index, (other_name, other) in enumerate(named)
            if other_index != index
        ]
        near = [gap for gap in gaps if gap[0] < body.TARGET_MM]
        if not near:
            continue
        gap, neighbour = min(near)
        checks.append(
            Check("spacing", f"{name} to {neighbour} ({view})", gap, body.GAP_MM, gap >= body.GAP_MM - 0.05)
        )
    return checks


def text_size_check(name: str, cap_height_px: float, shape: body.Body) -> Check:
    measured = shape.mm(cap_height_px)
    limit = round(shape.text_mm, 2)
    return Check("text", name, measured, limit, measured >= limit - 0.05, where="capital height")


def timing_check(seconds: float) -> Check:
    return Check(
        "timing",
        "the still-there countdown before the idle reset",
        seconds,
        STILL_THERE_MIN_S,
        seconds >= STILL_THERE_MIN_S,
        unit="s",
    )


# -- contrast ---------------------------------------------------------------------------

RGB = tuple[int, int, int]


def _linear(channel: int) -> float:
    value = channel / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


_LINEAR = [_linear(value) for value in range(256)]


def luminance(rgb: RGB) -> float:
    red, green, blue = rgb
    return 0.2126 * _LINEAR[red] + 0.7152 * _LINEAR[green] + 0.0722 * _LINEAR[blue]


def contrast(first: RGB, second: RGB) -> float:
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def blend(colour: RGB, alpha: float, behind: RGB) -> RGB:
    return tuple(round(c * alpha + b * (1 - alpha)) for c, b in zip(colour, behind, strict=True))  # type: ignore[return-value]


def text_contrast(colour: RGB, alpha: float, behind: Iterable[tuple[int, RGB]]) -> float:
    """The contrast a text of `colour` drawn at `alpha` has against the pixels behind
    it (counted colours), reached by all but CONTRAST_PERCENTILE of them."""
    ratios = [(contrast(blend(colour, alpha, pixel), pixel), count) for count, pixel in behind]
    return low_percentile(ratios)


def low_percentile(weighted: Sequence[tuple[float, int]], share: float = CONTRAST_PERCENTILE) -> float:
    total = sum(count for _, count in weighted)
    if not total:
        return 0.0
    seen = 0
    for value, count in sorted(weighted):
        seen += count
        if seen > share * total:
            return value
    return max(value for value, _ in weighted)


def contrast_check(name: str, measured: float, limit: float, what: str) -> Check:
    return Check("contrast", name, measured, limit, measured >= limit - 0.005, unit=":1", where=what)
