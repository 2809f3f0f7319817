"""Photos a screenshot can find, and how much of the screen they cover.

A pattern photo is magenta with a cyan frame: no other colour on screen comes near either
(the backdrop is the same photo darkened), so the pixels of those two colours are the
photo as drawn, and the frame on all four sides says it was not cropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw

MAGENTA = (255, 0, 255)
CYAN = (0, 255, 255)
FRAME = 0.04  # of the photo's shorter side


def pattern_photo(path: Path, size: tuple[int, int]) -> Path:
    picture = Image.new("RGB", size, MAGENTA)
    frame = max(2, round(min(size) * FRAME))
    ImageDraw.Draw(picture).rectangle((0, 0, size[0] - 1, size[1] - 1), outline=CYAN, width=frame)
    picture.save(path, quality=92)
    return path


@dataclass(frozen=True)
class Drawn:
    share: float  # of the screen the photo covers
    box: tuple[int, int, int, int] | None  # the photo's bounds on screen
    framed: bool  # the cyan frame shows on all four sides: nothing was cut off

    @property
    def shape(self) -> float:
        if self.box is None:
            return 0.0
        left, top, right, bottom = self.box
        return (right - left) / max(1, bottom - top)


def _mask(screen: Image.Image, colour: tuple[int, int, int]) -> Image.Image:
    """255 where the pixel is near `colour` in every channel, else 0."""
    channels = []
    for band, wanted in zip(screen.split(), colour, strict=True):
        channels.append(band.point(lambda v, w=wanted: 255 if abs(v - w) < 70 else 0))
    return ImageChops.multiply(ImageChops.multiply(channels[0], channels[1]), channels[2])


def _count(mask: Image.Image) -> int:
    return mask.histogram()[255]


def measure(png: Path | Image.Image) -> Drawn:
    screen = (png if isinstance(png, Image.Image) else Image.open(png)).convert("RGB")
    fill, frame = _mask(screen, MAGENTA), _mask(screen, CYAN)
    photo = ImageChops.lighter(fill, frame)
    share = _count(photo) / (screen.width * screen.height)
    box = photo.getbbox()
    if box is None:
        return Drawn(share, None, False)
    left, top, right, bottom = box
    edge = max(2, round(min(right - left, bottom - top) * FRAME / 2))
    sides = [
        frame.crop((left, top, right, top + edge)),
        frame.crop((left, bottom - edge, right, bottom)),
        frame.crop((left, top, left + edge, bottom)),
        frame.crop((right - edge, top, right, bottom)),
    ]
    framed = all(_count(side) > 0.5 * side.width * side.height for side in sides)
    return Drawn(share, box, framed)
