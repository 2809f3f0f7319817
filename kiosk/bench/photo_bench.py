"""Per-photo figures: our route against the naive one and the decoder's floor."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PIL import Image, ImageOps

from kiosk.bench.measure import summary, timed
from kiosk.bench.synthetic import camera_photo, write_photo
from kiosk.content.photocache import PhotoCache, Request
from kiosk.content.photos import draft_request, stored_target
from kiosk.layout import Page
from kiosk.workers.pool import InChildProcesses


def photo_figures(
    work: Path, megapixels: float, screen: tuple[int, int], page: Page, runs: int, progress
) -> dict:
    """prepare_ms, naive_ms, floor_ms, prepare_box_ms, floor_box_ms and cached_ms,
    measured in the same run.

    The first three fit the photo to the whole screen, so that the kiosk's route and a
    naive one are compared on the same work. The `_box` pair is the kiosk's own work:
    the photo prepared for `page`, at the box its layout draws it in (one photo of each
    shape: 4:3 and, turned by its EXIF orientation, 3:4), against the decoder alone at
    the scale that box asks for. cached_ms reads that picture back the way QML loads it."""
    sources = []
    for index in range(2):  # one stored upright, one sideways (EXIF orientation 6)
        path = work / f"camera-{index}.jpg"
        write_photo(path, camera_photo(megapixels, index), sideways=index == 1)
        sources.append(path)
    names = ("prepare_ms", "naive_ms", "floor_ms", "prepare_box_ms", "floor_box_ms", "cached_ms")
    samples: dict[str, list[float]] = {name: [] for name in names}
    cache = PhotoCache(tempfile.mkdtemp(dir=work))
    # The kiosk's route: a child process prepares, the caller waits for its answer.
    # The child is started before timing, as the kiosk's are after its first photo.
    preparation = InChildProcesses(cache, size=1)
    preparation.prepare(Request(str(sources[0]), "warm-up", "thumb", screen))
    try:
        for run in range(runs):
            for index, source in enumerate(sources):
                samples["naive_ms"].append(timed(naive_prepare, source, screen))
                samples["floor_ms"].append(timed(floor_decode, source, screen))
                request = Request(str(source), f"bench{run}-{index}", "photo", screen)  # a cold cache
                samples["prepare_ms"].append(timed(preparation.prepare, request))
                # What the kiosk really does: the photo fitted to the box its page gives it.
                box = page.box_for((3, 4) if index == 1 else (4, 3))
                samples["floor_box_ms"].append(timed(floor_decode, source, box))
                kept = Request(str(source), f"bench{run}-{index}", "photo", page)
                samples["prepare_box_ms"].append(timed(preparation.prepare, kept))
                samples["cached_ms"].append(timed(read_back, cache.path(kept), box))
            progress.step("photos", run + 1, runs)
    finally:
        preparation.close()
        shutil.rmtree(cache.folder)
    return {name: summary(values) for name, values in samples.items()}


def naive_prepare(path: Path, screen: tuple[int, int]) -> Image.Image:
    with Image.open(path) as image:
        image.load()
        upright = ImageOps.exif_transpose(image)
        upright.thumbnail(screen, Image.Resampling.LANCZOS, reducing_gap=None)
        return upright


def floor_decode(path: Path, box: tuple[int, int]) -> Image.Image:
    """What libjpeg-turbo costs alone at the DCT scale our route uses for `box`."""
    with Image.open(path) as image:
        orientation = image.getexif().get(0x0112, 1)
        image.draft("RGB", draft_request(stored_target(image.size, orientation, box)))
        image.load()
        return image


def read_back(path: Path, photo_box: tuple[int, int]) -> None:
    """A prepared picture loaded the way PortraitPage.qml loads it: Qt's own reader,
    asked to scale it down only if it is larger than the photo's `sourceSize`."""
    from PySide6.QtGui import QImageReader

    reader = QImageReader(str(path))
    size = reader.size()
    ratio = min(photo_box[0] / size.width(), photo_box[1] / size.height())
    if ratio < 1:  # as Qt Quick computes it (QQuickImageProviderWithOptions::loadSize)
        reader.setScaledSize(size * ratio)
    if reader.read().isNull():
        raise RuntimeError(f"{path} did not load: {reader.errorString()}")
