"""Photos: safe opening, full validation, and preparation for the screen.

Pillow opens only the formats the kiosk supports, under our own pixel cap, and
every photo is decoded in full once (a truncated JPEG opens fine and fails only
when decoded). Preparation returns a picture the right way up, in sRGB, with
transparency kept, fitted inside the size asked for.
"""

from __future__ import annotations

import io
import os
import warnings
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

from PIL import Image, ImageCms, ImageMath, PngImagePlugin

from kiosk.catalogue import N_
from kiosk.content.files import open_binary
from kiosk.content.problems import ContentError
from kiosk.content.resizing import hamming_resize
from kiosk.layout import DRAFT_SLACK

Box = tuple[int, int]
BoxForSize = Callable[[Box], Box]  # the box for a photo of this upright size

PHOTO_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp")
ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP")
# Pillow names a JPEG with several pictures (MPF: phones and cameras write them for HDR
# gain maps) "MPO"; its first picture is a plain JPEG, and the decoder's scale applies.
JPEG_FORMATS = ("JPEG", "MPO")
MAX_PIXELS = 80_000_000  # below Pillow's own warning threshold (89 Mpx)
MAX_FILE_BYTES = 100 * 1024 * 1024

TOO_MUCH_MEMORY = N_(
    "the photo needs more memory than the kiosk allows for one photo: "
    "export it again as JPEG, 4000 pixels on the long side"
)
# Formats curators are likely to drop in, with what to do about them.
FOREIGN_EXTENSIONS = {
    ".heic": "HEIC (iPhone)",
    ".heif": "HEIF (iPhone)",
    ".avif": "AVIF",
    ".gif": "GIF",
    ".tif": "TIFF",
    ".tiff": "TIFF",
    ".bmp": "BMP",
    ".dng": "camera RAW",
    ".cr2": "camera RAW",
    ".nef": "camera RAW",
    ".arw": "camera RAW",
    ".psd": "Photoshop",
}
_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_SRGB = ImageCms.createProfile("sRGB")

# PNG text chunks (zTXt, iTXt): photo editors embed XMP of several MB, which Pillow's 1 MB
# limit per chunk took for a decompression bomb, so good photos were called damaged. A
# chunk may hold up to 16 MB (64 MB in all); one that expands more than 100 times past
# 1 MB is still a bomb. Pillow exposes the limits but not the test, so its decompressor
# is replaced by ours (tests/test_photos.py fails if this stops taking effect).
PNG_TEXT_LIMIT = 16 * 1024**2
PNG_TEXT_BOMB_RATIO = 100


def _png_text(s: bytes) -> bytes:  # Pillow's signature, argument name included
    compressed = s
    inflater = zlib.decompressobj()
    text = inflater.decompress(compressed, PNG_TEXT_LIMIT)
    if inflater.unconsumed_tail:
        raise ValueError(f"a PNG text chunk larger than {PNG_TEXT_LIMIT // 1024**2} MB")
    if len(text) > 1024**2 and len(text) > PNG_TEXT_BOMB_RATIO * len(compressed):
        raise ValueError("a PNG text chunk that expands like a decompression bomb")
    return text


PngImagePlugin._safe_zlib_decompress = _png_text
PngImagePlugin.MAX_TEXT_CHUNK = PNG_TEXT_LIMIT
PngImagePlugin.MAX_TEXT_MEMORY = 4 * PNG_TEXT_LIMIT


class PhotoError(ContentError):
    """A photo the kiosk cannot show; the message says what to do."""


@dataclass(frozen=True)
class PhotoInfo:
    width: int  # as shown, after orientation
    height: int
    format: str


def is_photo_name(name: str) -> bool:
    return name.lower().endswith(PHOTO_EXTENSIONS)


def foreign_format(name: str) -> str | None:
    """The format's name when `name` is a picture format the kiosk does not read."""
    _, extension = os.path.splitext(name)
    return FOREIGN_EXTENSIONS.get(extension.lower())


def inspect_photo(path: str) -> PhotoInfo:
    """Say what the photo is; raise PhotoError if it is broken.

    Every block is decoded once (cheaply, at a reduced JPEG scale), which is
    what finds a half-copied file.
    """
    with _OpenedPhoto(path) as image:
        width, height = image.size
        if image.format in JPEG_FORMATS:
            image.draft("RGB", (width // 8 or 1, height // 8 or 1))
        _decode(image)
        if _orientation(image) in (5, 6, 7, 8):
            width, height = height, width
        return PhotoInfo(width, height, image.format or "")


def prepare_photo(path: str, box: Box | BoxForSize | None = None) -> Image.Image:
    """The photo as it should be shown: upright, sRGB, RGB or RGBA, fitted inside `box`
    (or inside the box `box(upright size)` gives, where the place follows the shape).

    The route is the cheap one measured in `kiosk bench`: the JPEG decoder is asked
    for the fitted size in *stored* orientation (see draft_request), the rest is
    reduced by whole factors and finished with a Hamming filter, and only the
    small result is turned upright (band by band, as it is resized).
    """
    opened = _OpenedPhoto(path)
    with opened as image:
        orientation = _orientation(image)
        if callable(box):
            box = box(_upright(image.size, orientation))
        target = stored_target(image.size, orientation, box)
        if image.format in JPEG_FORMATS and target != image.size:
            image.draft("RGB", draft_request(target))
        _decode(image)
        picture = _fitted_upright(_normalised(image), target, _TRANSPOSE.get(orientation))
        if picture is image:
            # Already the size it is shown at: kept rather than copied when the file is
            # closed (a copy of a 6 MP picture cost 11 ms of each photo prepared at 4K).
            picture = opened.keep()
    return picture


def stored_target(size: tuple[int, int], orientation: int, box: tuple[int, int] | None) -> tuple[int, int]:
    """The fitted size in the file's stored orientation: what the decoder works at."""
    return fitted_size(size, _stored_box(box, orientation))


def draft_request(target: tuple[int, int]) -> tuple[int, int]:
    """What to ask the JPEG decoder for: a DCT scale up to 5% under the fitted size is
    kept as it is (invisible on screen) and saves decoding four times the pixels."""
    return max(1, int(target[0] * DRAFT_SLACK)), max(1, int(target[1] * DRAFT_SLACK))


def fitted_size(size: tuple[int, int], box: tuple[int, int] | None) -> tuple[int, int]:
    """`size` scaled to fit inside `box`, keeping its shape; never enlarged."""
    if box is None:
        return size
    scale = min(box[0] / size[0], box[1] / size[1], 1.0)
    return max(1, round(size[0] * scale)), max(1, round(size[1] * scale))


class _OpenedPhoto:
    """Opens a photo with our allow-list and pixel cap; a context manager."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.handle: BinaryIO | None = None
        self.image: Image.Image | None = None

    def __enter__(self) -> Image.Image:
        handle = self.handle = open_binary(self.path)
        try:
            image = self.image = _open_image(handle)
        except BaseException:
            handle.close()
            raise
        return image

    def keep(self) -> Image.Image:
        """The opened image, decoded, to outlive this block: only the file is closed."""
        image, self.image = self.image, None
        assert image is not None
        return image

    def __exit__(self, *exc) -> None:
        if self.image is not None:
            self.image.close()
        if self.handle is not None:
            self.handle.close()


def _open_image(handle) -> Image.Image:
    if os.fstat(handle.fileno()).st_size > MAX_FILE_BYTES:
        raise PhotoError(
            N_(
                "the file is larger than {size} MB: export it smaller (4000 pixels on the long side is plenty)"
            ).format(size=MAX_FILE_BYTES // 1024**2)
        )
    head = handle.read(16)
    handle.seek(0)
    if head[4:8] == b"ftyp":
        raise PhotoError(
            N_(
                "this is a HEIC or AVIF picture (as iPhones save them), whatever its name says: export it as JPEG"
            )
        )
    try:
        with warnings.catch_warnings():
            # Pillow warns about bad metadata in photos that load fine, and about
            # sizes under our own, lower cap below: noise for the curator either way.
            warnings.simplefilter("ignore")
            image = Image.open(handle, formats=ALLOWED_FORMATS)
    except Image.UnidentifiedImageError:
        raise PhotoError(
            N_("this is not a JPEG, PNG or WebP picture, or it is damaged: export it again as JPEG")
        ) from None
    except Image.DecompressionBombError:
        raise PhotoError(_too_large_message()) from None
    except Exception as exc:  # noqa: BLE001 - decoders raise many types (docs/architecture.md, traps)
        raise PhotoError(_broken_message(exc)) from None
    if image.width * image.height > MAX_PIXELS:
        megapixels = image.width * image.height / 1e6
        image.close()
        raise PhotoError(_too_large_message(megapixels))
    return image


def _decode(image: Image.Image) -> None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            image.load()
    except Exception as exc:  # noqa: BLE001 - see _open_image
        raise PhotoError(_broken_message(exc)) from None


def _orientation(image: Image.Image) -> int:
    """The EXIF (or XMP) orientation, 1 when absent or unreadable."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            value = image.getexif().get(0x0112, 1)
        return value if value in range(1, 9) else 1
    except Exception:  # noqa: BLE001 - broken EXIF must not refuse a good photo
        return 1


def _stored_box(box: tuple[int, int] | None, orientation: int) -> tuple[int, int] | None:
    return box if box is None else _upright(box, orientation)


def _upright(size: tuple[int, int], orientation: int) -> tuple[int, int]:
    """A size in stored orientation seen upright, and the other way: the same swap."""
    return (size[1], size[0]) if orientation in (5, 6, 7, 8) else size


def _normalised(image: Image.Image) -> Image.Image:
    """RGB, or RGBA when the picture has transparency, in sRGB."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I"):
        image = _sixteen_bit_grey(image)
    if image.mode == "CMYK":
        image = _to_srgb(image, "RGB")
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    target = "RGBA" if has_alpha else "RGB"
    if image.mode in ("L", "LA") and image.info.get("icc_profile"):
        return _grey_to_srgb(image, target)
    if image.mode == "RGB" or image.mode == "RGBA":
        return _to_srgb(image, image.mode) if image.mode == target else image.convert(target)
    return _to_srgb(image.convert(target), target)


def _sixteen_bit_grey(image: Image.Image) -> Image.Image:
    # A plain convert() clips 16-bit values to 255 and turns the picture white.
    grey = image.convert("I").point(lambda v: v / 257).convert("L")
    transparent = image.info.get("transparency")
    if transparent is None:
        return grey
    alpha = ImageMath.lambda_eval(lambda a: (a["im"] != transparent) * 255, im=image.convert("I")).convert(
        "L"
    )
    grey.putalpha(alpha)
    return grey


def _grey_to_srgb(image: Image.Image, target: str) -> Image.Image:
    """A grey picture through its own (grey) profile: converted to RGB first, the profile
    no longer fits it and would be dropped, and its greys shown wrong."""
    grey = image.getchannel("L") if image.mode == "LA" else image
    alpha: Image.Image | None = None
    if image.mode == "LA":
        alpha = image.getchannel("A")
    elif "transparency" in image.info:
        alpha = grey.point(lambda v: 0 if v == image.info["transparency"] else 255)
    grey.info["icc_profile"] = image.info["icc_profile"]
    picture = _to_srgb(grey, "RGB")
    if picture.mode != "RGB":  # the profile could not be used: the greys as they are
        picture = picture.convert("RGB")
    if target == "RGBA" and alpha is not None:
        picture.putalpha(alpha)
    return picture


def _to_srgb(image: Image.Image, mode: str) -> Image.Image:
    profile = image.info.get("icc_profile")
    if not profile:
        return image if image.mode == mode else image.convert(mode)
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        converted = ImageCms.profileToProfile(image, source, _SRGB, outputMode=mode)
        return converted if converted is not None else image  # None only with inPlace
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return image if image.mode == mode else image.convert(mode)


def _fitted_upright(image: Image.Image, target: tuple[int, int], turn: Image.Transpose | None) -> Image.Image:
    """`image` fitted to `target` (in stored orientation), then turned upright."""
    if image.width <= target[0] and image.height <= target[1]:
        # The decoder's scale already fits (see draft_request).
        return image if turn is None else image.transpose(turn)
    factor = min(image.width // target[0], image.height // target[1])
    if factor >= 2:
        image = image.reduce(factor)  # box-averaging by whole factors: fast and clean
    # What is left is a reduction by less than two (a 4K page's photo: 1.2 to 1.5 times).
    # Pillow's Hamming filter weighs half as many pixels for each one it makes as its
    # bicubic filter, and keeps as much detail (tests/test_photos.py): at 4K a photo
    # prepared for its page took about a fifth less (kiosk bench: prepare_box_ms).
    return hamming_resize(image, target, turn)


def _too_large_message(megapixels: float | None = None) -> str:
    if megapixels:
        message = N_(
            "the photo is {megapixels} megapixels; the kiosk takes up to {limit}: "
            "export it smaller (4000 pixels on the long side is plenty)"
        )
    else:
        message = N_(
            "the photo is far too large; the kiosk takes up to {limit} megapixels: "
            "export it smaller (4000 pixels on the long side is plenty)"
        )
    return message.format(megapixels=f"{megapixels:.0f}", limit=MAX_PIXELS // 1_000_000)


def _broken_message(exc: Exception) -> str:
    if isinstance(exc, MemoryError):  # the preparing process's memory limit, not damage
        return TOO_MUCH_MEMORY
    return N_(
        "the photo cannot be decoded, it may be damaged or only partly copied ({reason}): "
        "copy it again or export it again as JPEG"
    ).format(reason=type(exc).__name__)
