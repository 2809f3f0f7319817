"""The last step of preparing a photo: a reduction by less than two, with Pillow's
Hamming filter, made in horizontal bands on two cores at once, and turned upright band
by band.

Pillow lets go of the GIL while it resamples, so two threads resample two bands at
once, and a band is turned while it is still in the processor's cache. A 4K page's
photo in a preparing child (2828x2121 to 2406x1883) took 36 ms whole and 28 ms in
bands; an upright one, turned as well, 33 and 24 ms. On a single core the bands would
be made one after the other and cost more than a whole resize (pasting them
together), so there it stays whole. Each band is resampled from the whole source, the
rows around its edges included, so the bands join without a seam: the result differs
from a whole-picture resize by at most one level in a pixel, where the filter's
weights round the other way.
"""

from __future__ import annotations

import functools
import itertools
import os
from concurrent.futures import ThreadPoolExecutor

from PIL import Image

BANDS = 4  # two a thread: as fast as two larger ones, and each stays closer to the cache
BAND_ROWS_MIN = 128  # thinner bands are not worth a thread each
# Two threads a child: the kiosk runs two preparing children, so four cores are busy
# while a collection is prepared cold. The threads keep what they freed for their next
# photo, in one allocator arena they share (kiosk.workers.pool): 15 MB more a child at 4K.
HELPERS = 2


def hamming_resize(
    image: Image.Image, size: tuple[int, int], turn: Image.Transpose | None = None
) -> Image.Image:
    """`image` resized to `size` with Pillow's Hamming filter, then turned by `turn`
    (a photo's EXIF orientation), in bands where it pays."""
    helpers = _helper_pool()
    # Pillow resamples RGBA through a premultiplied copy of the whole picture: each band
    # would make its own. Such photos (PNGs with transparency) are rare. On one core,
    # bands made one after the other cost more than they save (pasting them together).
    bands = _bands(size[1]) if image.mode == "RGB" else []
    if helpers is None or not bands:
        resized = image.resize(size, Image.Resampling.HAMMING)
        return resized if turn is None else resized.transpose(turn)
    scale = image.height / size[1]

    def band(rows: tuple[int, int]) -> Image.Image:
        top, bottom = rows
        source_rows = (0, top * scale, image.width, bottom * scale)
        part = image.resize((size[0], bottom - top), Image.Resampling.HAMMING, box=source_rows)
        return part if turn is None else part.transpose(turn)

    try:
        parts = list(helpers.map(band, bands))
    except RuntimeError:  # no thread could start (the child's memory limit): one by one
        parts = [band(rows) for rows in bands]
    across = turn in _ACROSS
    picture = Image.new(image.mode, (size[1], size[0]) if across else size)
    for rows, part in zip(bands, parts, strict=True):
        picture.paste(part, _band_place(rows, size[1], turn))
    return picture


# Turns that make a row a column, and turns whose first row is the last one.
_ACROSS = (
    Image.Transpose.ROTATE_90,
    Image.Transpose.ROTATE_270,
    Image.Transpose.TRANSPOSE,
    Image.Transpose.TRANSVERSE,
)
_BOTTOM_UP = (
    Image.Transpose.ROTATE_270,
    Image.Transpose.TRANSVERSE,
    Image.Transpose.ROTATE_180,
    Image.Transpose.FLIP_TOP_BOTTOM,
)


def _band_place(rows: tuple[int, int], height: int, turn: Image.Transpose | None) -> tuple[int, int]:
    """Where the band of `rows` (of a picture `height` rows high) lands once turned."""
    top, bottom = rows
    start = height - bottom if turn in _BOTTOM_UP else top
    return (start, 0) if turn in _ACROSS else (0, start)


def _bands(height: int) -> list[tuple[int, int]]:
    """The rows of each band, or none when the picture is too low for two."""
    count = min(BANDS, height // BAND_ROWS_MIN)
    if count < 2:
        return []
    return list(itertools.pairwise(round(height * index / count) for index in range(count + 1)))


@functools.cache  # one pool a process, made when a first photo needs it
def _helper_pool() -> ThreadPoolExecutor | None:
    """The helper threads, one a core up to HELPERS; None on a single core."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    count = min(HELPERS, cores)
    return ThreadPoolExecutor(count, thread_name_prefix="photo-bands") if count > 1 else None
