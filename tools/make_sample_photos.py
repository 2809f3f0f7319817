"""Draw the sample portraits' photos: paper-cut silhouettes, no real faces.

Run from the repository root: python tools/make_sample_photos.py
Each photo is a figure before the roofs of Paris and the Tour Saint-Jacques, in
a palette of its own. The drawing is seeded, so running it again gives the same
pictures. One photo is stored sideways with an EXIF orientation, as cameras do.
"""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parent.parent / "portraits"
SUPERSAMPLE = 2

# folder: (file name, size, palette (sky top, sky bottom, sun, city, figure, rim), hair, stored sideways)
PHOTOS = {
    "samira-benali": (
        "photo.jpg",
        (1600, 2000),
        ("#f3c9a5", "#d9735b", "#fbe3c4", "#b2524a", "#3b1f2b", "#f6b38a"),
        "bun",
        False,
    ),
    "karim-haddad": (
        "photo.jpg",
        (1600, 2000),
        ("#c8dbe0", "#5d8a95", "#eef3e6", "#3f6972", "#1c2b33", "#cfe6d8"),
        "short",
        True,
    ),
    "thomas-whitfield": (
        "photo.jpg",
        (1600, 2000),
        ("#d8d3ea", "#6c6aa3", "#f4eede", "#4d4b82", "#211f3d", "#e9d9b0"),
        "cap",
        False,
    ),
    "sokha-chan": (
        "photo.jpg",
        (2400, 1500),
        ("#f1dfb4", "#c98b4a", "#fff4d6", "#8f5a33", "#2e1d14", "#ffd89a"),
        "long",
        False,
    ),
    "maria-dos-santos": (
        "photo.webp",
        (1600, 2000),
        ("#cfe3d1", "#5f9a77", "#f2f6df", "#3e7157", "#16291f", "#e2f0c4"),
        "scarf",
        False,
    ),
    "vichet-sok": (
        "photo.jpg",
        (1600, 2000),
        ("#bcd3ef", "#3f6fa8", "#e7f0f7", "#2d5286", "#101d33", "#a9d0ff"),
        "short",
        False,
    ),
    "amadou-diallo": (
        "photo.jpg",
        (1600, 2000),
        ("#f6d37d", "#e0703a", "#fff0c2", "#a84a2a", "#2a140e", "#ffc36b"),
        "cap",
        False,
    ),
    "lucia-ramirez": (
        "photo.png",
        (1200, 1500),
        ("#f2c6d6", "#b4577f", "#fde8ef", "#863d63", "#2d1224", "#ffc0d5"),
        "long",
        False,
    ),
    "nadia-khoury": (
        "photo.jpg",
        (1600, 2000),
        ("#e4dccf", "#8d7b68", "#f7f1e6", "#6a5a4a", "#2a211a", "#efd8b8"),
        "long",
        False,
    ),
}


def draw_photo(size, palette, hair, seed) -> Image.Image:
    rng = random.Random(seed)
    w, h = size[0] * SUPERSAMPLE, size[1] * SUPERSAMPLE
    top, bottom, sun, city, figure, rim = palette
    image = _gradient((w, h), top, bottom)
    draw = ImageDraw.Draw(image)
    _sun(image, (int(w * rng.uniform(0.55, 0.75)), int(h * 0.3)), int(min(w, h) * 0.28), sun)
    _city(draw, w, h, city, rng)
    cx = int(w * (0.42 if w > h else 0.5))
    _figure(image, cx, w, h, figure, rim, hair)
    image = image.resize(size, Image.Resampling.LANCZOS)
    return _grain(image, rng)


def _gradient(size, top, bottom) -> Image.Image:
    a, b = Image.new("RGB", size, top), Image.new("RGB", size, bottom)
    mask = Image.linear_gradient("L").resize(size)
    return Image.composite(b, a, mask)


def _sun(image, centre, radius, colour) -> None:
    glow = Image.new("L", image.size, 0)
    ImageDraw.Draw(glow).ellipse(_box(centre, radius * 1.25), fill=110)
    glow = glow.filter(ImageFilter.GaussianBlur(radius * 0.35))
    ImageDraw.Draw(glow).ellipse(_box(centre, radius), fill=235)
    image.paste(Image.new("RGB", image.size, colour), mask=glow)


def _city(draw, w, h, colour, rng) -> None:
    base = int(h * 0.78)
    x = 0
    while x < w:  # Haussmann roofs: blocks with mansard tops and chimneys
        block = int(w * rng.uniform(0.08, 0.16))
        height = int(h * rng.uniform(0.12, 0.22))
        draw.polygon(
            [
                (x, base),
                (x, base - height),
                (x + block * 0.12, base - height - h * 0.03),
                (x + block * 0.88, base - height - h * 0.03),
                (x + block, base - height),
                (x + block, base),
            ],
            fill=colour,
        )
        chimney = x + int(block * rng.uniform(0.2, 0.7))
        draw.rectangle([chimney, base - height - h * 0.055, chimney + w * 0.012, base - height], fill=colour)
        x += block
    draw.rectangle([0, base, w, h], fill=colour)
    _tower(draw, int(w * 0.16), base, w, h, colour)


def _tower(draw, x, base, w, h, colour) -> None:
    """The Tour Saint-Jacques: a square gothic tower with four pinnacles."""
    tw, th = w * 0.09, h * 0.5
    draw.rectangle([x, base - th, x + tw, base], fill=colour)
    for i in range(4):
        px = x + i * tw / 3
        draw.polygon(
            [(px - tw * 0.06, base - th), (px, base - th - h * 0.06), (px + tw * 0.06, base - th)],
            fill=colour,
        )


def _figure(image, cx, w, h, colour, rim, hair) -> None:
    unit = min(w, h * 0.8)
    mask = Image.new("L", image.size, 0)
    draw = ImageDraw.Draw(mask)
    head_y = h * 0.47
    rx, ry = unit * 0.12, unit * 0.155
    draw.ellipse([cx - rx, head_y - ry, cx + rx, head_y + ry], fill=255)
    draw.rectangle([cx - rx * 0.45, head_y + ry * 0.6, cx + rx * 0.45, head_y + ry * 1.5], fill=255)
    draw.ellipse([cx - unit * 0.42, head_y + ry * 1.25, cx + unit * 0.42, h + unit * 0.5], fill=255)
    _hair(draw, cx, head_y, rx, ry, unit, hair)
    outline = mask.filter(ImageFilter.MaxFilter(9))
    image.paste(
        Image.new("RGB", image.size, rim),
        mask=ImageChops.subtract(outline, mask).filter(ImageFilter.GaussianBlur(6)),
    )
    image.paste(Image.new("RGB", image.size, colour), mask=mask.filter(ImageFilter.GaussianBlur(1.5)))


def _hair(draw, cx, y, rx, ry, unit, style) -> None:
    if style == "bun":
        draw.ellipse(_box((cx + rx * 0.2, y - ry * 1.05), rx * 0.45), fill=255)
    elif style == "long":
        draw.rounded_rectangle(
            [cx - rx * 1.15, y - ry * 0.9, cx + rx * 1.15, y + ry * 1.9], radius=rx, fill=255
        )
    elif style == "cap":
        draw.pieslice([cx - rx * 1.05, y - ry * 1.1, cx + rx * 1.05, y + ry * 0.4], 180, 360, fill=255)
        draw.rectangle([cx - rx * 0.2, y - ry * 0.36, cx + rx * 1.6, y - ry * 0.25], fill=255)
    elif style == "scarf":
        draw.ellipse([cx - rx * 1.2, y - ry * 1.15, cx + rx * 1.2, y + ry * 1.25], fill=255)
    else:
        draw.ellipse([cx - rx * 1.05, y - ry * 1.08, cx + rx * 1.05, y + ry * 0.1], fill=255)


def _grain(image, rng) -> Image.Image:
    noise = Image.effect_noise(image.size, 18).convert("RGB")
    return Image.blend(image, ImageChops.overlay(image, noise), 0.18)


def _box(centre, radius):
    x, y = centre
    return [x - radius, y - radius, x + radius, y + radius]


def main() -> None:
    for seed, (folder, (name, size, palette, hair, sideways)) in enumerate(sorted(PHOTOS.items())):
        image = draw_photo(size, palette, hair, seed)
        target = ROOT / folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if sideways:
            # Stored as a camera held upright stores it: rotated, with orientation 6.
            exif = Image.Exif()
            exif[0x0112] = 6
            image.transpose(Image.Transpose.ROTATE_90).save(target, quality=84, exif=exif)
        elif name.endswith(".png"):
            image.quantize(colors=128, dither=Image.Dither.NONE).save(target, optimize=True)
        else:
            image.save(target, quality=84)
        print(f"wrote {target.relative_to(ROOT.parent)} {size[0]}x{size[1]}")


if __name__ == "__main__":
    main()
