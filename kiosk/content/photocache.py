"""Display-ready copies of photos, on disk.

The screen never decodes a camera original: a worker renders each photo once
at the size it is shown (kiosk.content.rendering) and stores it here as a plain
JPEG, which Qt's own reader then loads in a few milliseconds. File names hold
the source file's identity and the size, so a replaced photo gets a new name
(Qt caches images by URL) and a restart reuses what is already prepared. A
technician may delete the folder at any time.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image

from kiosk.content.portraits import Portrait, photo_stamp
from kiosk.layout import BACKDROP_BOX, THUMB_BOX

JPEG_QUALITY = 88
DEFAULT_BUDGET = 2 * 1024**3  # about 3000 portraits at 1080p; the oldest go first


@dataclass(frozen=True)
class Request:
    """One picture of one portrait: the photo fitted to a box, a thumbnail or a backdrop."""

    source: str
    identity: str  # the source's path, size and time, hashed
    kind: str  # "photo", "thumb" or "backdrop"
    box: tuple[int, int]
    stamp: tuple[int, ...] | None = None  # the source's photo_stamp when it was read

    def source_changed(self) -> bool:
        """The source is no longer the file that was read (being replaced, or gone): a
        picture made from it now would be stored under the wrong identity."""
        if self.stamp is None:
            return False
        try:
            info = os.stat(self.source)
        except OSError:
            return True
        return photo_stamp(info) != self.stamp

    @property
    def file_name(self) -> str:
        return f"{self.identity}-{self.kind}-{self.box[0]}x{self.box[1]}.jpg"


def request_for(portrait: Portrait, kind: str, photo_box: tuple[int, int]) -> Request:
    """`photo_box`: the size the photo is drawn at; thumbnails and backdrops have their own."""
    box = {"photo": photo_box, "thumb": THUMB_BOX, "backdrop": BACKDROP_BOX}[kind]
    return Request(portrait.photo, photo_identity(portrait), kind, box, portrait.photo_stamp)


def photo_identity(portrait: Portrait) -> str:
    return _identity(portrait.photo, portrait.photo_stamp)


@lru_cache(maxsize=16384)
def _identity(path: str, stamp: tuple[int, ...]) -> str:
    key = "|".join([path, *map(str, stamp)])
    return hashlib.sha1(key.encode("utf-8", "surrogateescape")).hexdigest()[:20]


class PhotoCache:
    def __init__(self, folder: str | os.PathLike) -> None:
        self.folder = Path(folder)

    def path(self, request: Request) -> Path:
        return self.folder / request.file_name

    def ready(self, request: Request) -> bool:
        return self.path(request).is_file()

    def forget(self, request: Request) -> None:
        self.path(request).unlink(missing_ok=True)

    def store(self, request: Request, picture: Image.Image) -> Path:
        """Write `picture` as the cached picture for `request`, whole or not at all."""
        target = self.path(request)
        self.folder.mkdir(parents=True, exist_ok=True)
        # Write then rename: a crash or a full disk never leaves a half-written picture.
        handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".part")
        try:
            # Into a real file, not a BytesIO: Pillow's encoder then lets go of the GIL,
            # where encoding into memory holds it for the whole picture (7 ms at 1080p)
            # and keeps the GUI thread waiting.
            with os.fdopen(handle, "wb") as out:
                picture.save(out, "JPEG", quality=JPEG_QUALITY)
            os.replace(temporary, target)
        except BaseException:
            os.unlink(temporary)
            raise
        return target

    def picture_names(self) -> set[str]:
        """The file names of the prepared pictures in the folder now, in one listing."""
        try:
            with os.scandir(self.folder) as entries:
                return {entry.name for entry in entries if entry.name.endswith(".jpg")}
        except OSError:
            return set()

    def trim(self, budget_bytes: int) -> int:
        """Delete the oldest prepared pictures until the folder fits `budget_bytes`;
        returns how many were deleted. Leftover partial files always go.
        (`os.scandir`: through pathlib, each start took 140 ms for 8000 pictures.)"""
        entries = []
        try:
            listing = os.scandir(self.folder)
        except OSError:  # no folder yet, or not readable: nothing to trim
            return 0
        with listing:
            for entry in listing:
                if entry.name.endswith(".part"):
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)
                    continue
                if not entry.name.endswith(".jpg"):  # the saved readings (kiosk.content.saved_readings)
                    continue
                try:
                    info = entry.stat(follow_symlinks=False)
                except OSError:
                    continue
                entries.append((info.st_mtime, info.st_size, entry.path))
        total = sum(size for _, size, _ in entries)
        deleted = 0
        for _, size, path in sorted(entries):
            if total <= budget_bytes:
                break
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
            total -= size
            deleted += 1
        return deleted


def default_cache_folder() -> Path:
    """$KIOSK_CACHE_DIR, else the user's cache folder (XDG)."""
    explicit = os.environ.get("KIOSK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "portrait-kiosk" / "photos"
