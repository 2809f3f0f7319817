"""Display-ready copies of photos, on disk.

The screen never decodes a camera original: a worker renders each photo once
at the size it is shown (kiosk.content.rendering) and stores it here as a plain
JPEG (uncompressed, as PPM, on pages larger than 2560x1440), which Qt's own reader
then loads in a few milliseconds. File names hold
the source file's identity and the size, so a replaced photo gets a new name
(Qt caches images by URL) and a restart reuses what is already prepared. A
technician may delete the folder at any time.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import tempfile
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image

from kiosk.catalogue import N_
from kiosk.content.portraits import Portrait, photo_stamp
from kiosk.layout import BACKDROP_BOX, THUMB_BOX, Page, is_large_page
from kiosk.paths import user_cache_folder

JPEG_QUALITY = 88
DEFAULT_BUDGET = 2 * 1024**3  # about 3000 portraits at 1080p; the oldest go first
# Large pages (kiosk.layout.is_large_page) keep their photos uncompressed, as PPM. Qt's JPEG reader (its
# own libjpeg-turbo, built without SIMD) decodes about 7 ms a megapixel, 2.3 times slower
# than Pillow's: the 4.5 MP photo of a 4K page took 30 ms to load, and Qt's one image
# thread fell behind swipes. A PPM of it loads in 8 ms, for ten times the disk (13 MB);
# a 1080p page's 1 MP JPEG loads in 7 ms and stays a JPEG.
RAW_BUDGET = 16 * 1024**3  # about 1400 portraits at 4K
PICTURE_SUFFIXES = (".jpg", ".ppm")


# What a picture is fitted to: a fixed box, or a portrait page, whose plan gives each
# photo the box its shape earns there (kiosk.layout): known once the photo is opened.
Fit = tuple[int, int] | Page


@dataclass(frozen=True)
class Request:
    """One picture of one portrait: the photo fitted to its page, a thumbnail or a backdrop."""

    source: str
    identity: str  # the source's path, size and time, hashed
    kind: str  # "photo", "thumb" or "backdrop"
    box: Fit
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
        fit = self.box.key if isinstance(self.box, Page) else f"{self.box[0]}x{self.box[1]}"
        suffix = ".ppm" if self.kind == "photo" and kept_raw(self.box) else ".jpg"
        return f"{self.identity}-{self.kind}-{fit}{suffix}"

    def box_for(self, upright: tuple[int, int]) -> tuple[int, int]:
        """The box the picture of a photo `upright` pixels large is fitted inside."""
        return self.box.box_for(upright) if isinstance(self.box, Page) else self.box


def kept_raw(fit: Fit) -> bool:
    """Whether a photo fitted to this page is kept uncompressed (a large page)."""
    return isinstance(fit, Page) and is_large_page(fit.width, fit.height)


def budget_for(page: Fit) -> int:
    """How much disk the prepared pictures may take on this page (the oldest go first)."""
    return RAW_BUDGET if kept_raw(page) else DEFAULT_BUDGET


def identity_in(file_name: str) -> str:
    """The photo identity a prepared picture's file name holds (see Request.file_name)."""
    return file_name.split("-", 1)[0]


def request_for(portrait: Portrait, kind: str, page: Fit) -> Request:
    """`kind`: "photo" (fitted to `page`), "full" (to `page`: the screen), "thumb" or "backdrop"
    (boxes of their own)."""
    box = {"thumb": THUMB_BOX, "backdrop": BACKDROP_BOX}.get(kind, page)
    return Request(portrait.photo, photo_identity(portrait), kind, box, portrait.photo_stamp)


def photo_identity(portrait: Portrait) -> str:
    return _identity(portrait.photo, portrait.photo_stamp)


@lru_cache(maxsize=16384)
def _identity(path: str, stamp: tuple[int, ...]) -> str:
    key = "|".join([path, *map(str, stamp)])
    return hashlib.sha1(key.encode("utf-8", "surrogateescape")).hexdigest()[:20]


JPEG_START = b"\xff\xd8\xff"
JPEG_END = b"\xff\xd9"
PPM_HEADER = re.compile(rb"P6\n(\d{1,5}) (\d{1,5})\n255\n")
# The errors of a folder that takes no more pictures: read-only, full, or not ours.
_UNWRITABLE = {errno.EROFS, errno.ENOSPC, errno.EDQUOT, errno.EACCES, errno.EPERM, errno.ENOENT}
FALLBACK_BUDGET = 256 * 1024**2  # pictures kept in the stand-in folder (in memory) at most
STALE_PART_S = 600  # a partial file this old was left by a crash: a helper takes seconds


class CacheUnwritable(OSError):
    """A cache folder (`folder`: the cache's own or its stand-in) takes no more pictures
    (read-only, full): not the photo's fault."""

    def __init__(self, message: str, folder: Path) -> None:
        super().__init__(message)
        self.folder = folder


class PhotoCache:
    """Prepared pictures in `folder`; while it cannot be written, in a stand-in folder in
    memory (see use_stand_in), so that the kiosk shows its portraits whatever its disk does."""

    def __init__(self, folder: str | os.PathLike) -> None:
        self.folder = Path(folder)
        self.stand_in: Path | None = None  # where new pictures go while `folder` cannot take them
        # Pictures already checked to be whole, with the stat that was checked.
        self._whole: dict[Path, tuple[int, int, int]] = {}

    # -- where pictures are ------------------------------------------------------

    def locate(self, request: Request) -> Path | None:
        """The prepared picture, whole (a damaged one is deleted), or None."""
        for folder in self._folders():
            path = folder / request.file_name
            if self._is_whole(path):
                return path
        return None

    def ready(self, request: Request) -> bool:
        return self.locate(request) is not None

    def path(self, request: Request) -> Path:
        """Where the picture is, or where it would be written."""
        return self.locate(request) or self.write_folder() / request.file_name

    def write_folder(self) -> Path:
        return self.stand_in or self.folder

    def forget(self, request: Request) -> None:
        for folder in self._folders():
            (folder / request.file_name).unlink(missing_ok=True)

    def drop(self, path: Path) -> bool:
        """Delete a picture that failed to load (its name is a request's file name);
        returns whether it was one of this cache's."""
        if path.parent not in self._folders():
            return False
        self._whole.pop(path, None)
        with contextlib.suppress(OSError):
            path.unlink()
        return True

    def _folders(self) -> list[Path]:
        return [self.folder, self.stand_in] if self.stand_in else [self.folder]

    def _is_whole(self, path: Path) -> bool:
        """A file that starts and ends as a JPEG does, or a PPM as long as its header says:
        what a power cut leaves behind (an empty or cut file) is deleted, to be prepared again. Checked once per version of
        the file, cheaply: the screen's thread asks."""
        try:
            info = os.stat(path)
        except OSError:
            return False
        seen = (info.st_size, info.st_mtime_ns, info.st_ino)
        if self._whole.get(path) == seen:
            return True
        if not _looks_whole(path, info.st_size, path.suffix):
            with contextlib.suppress(OSError):
                path.unlink()
            return False
        self._whole[path] = seen
        return True

    # -- writing -------------------------------------------------------------------

    def store(self, request: Request, picture: Image.Image) -> Path:
        """Write `picture` as the cached picture for `request`, whole or not at all, and
        durably: the file is on the disk before it takes its name, so a power cut leaves
        either no picture or a whole one. Raises CacheUnwritable when the folder takes no
        more pictures."""
        folder = self.write_folder()
        target = folder / request.file_name
        try:
            folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=folder, suffix=".part")
        except OSError as exc:
            raise _unwritable(folder, exc) from None
        try:
            # Into a real file, not a BytesIO: Pillow's encoder then lets go of the GIL,
            # where encoding into memory holds it for the whole picture (7 ms at 1080p)
            # and keeps the GUI thread waiting.
            with os.fdopen(handle, "wb") as out:
                if target.suffix == ".ppm":
                    picture.save(out, "PPM")
                else:
                    picture.save(out, "JPEG", quality=JPEG_QUALITY)
                out.flush()
                os.fsync(out.fileno())
            # Pillow does not see a short last write, which a nearly full disk answers
            # instead of an error: the picture would be cut, deleted when read, and its
            # portrait held back with no error to say why.
            if not _looks_whole(Path(temporary), os.path.getsize(temporary), target.suffix):
                raise OSError(errno.ENOSPC, "No space left on device (the picture was cut short)")
            os.replace(temporary, target)
        except BaseException as exc:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            if isinstance(exc, OSError) and exc.errno in _UNWRITABLE:
                raise _unwritable(folder, exc) from None
            raise
        _sync_folder(folder)
        return target

    # -- when the folder takes no more pictures ----------------------------------------

    def use_stand_in(self) -> Path | None:
        """New pictures go to a folder in memory from now on (or on disk elsewhere, if no
        memory folder can be written); returns it, or None when none can be written."""
        for candidate in _stand_in_candidates():
            if _can_write(candidate):
                self.stand_in = candidate
                self.trim_stand_in()
                return candidate
        return None

    def try_folder_again(self) -> bool:
        """Whether `folder` takes pictures again; if so, new ones go there from now on."""
        if self.stand_in is None:
            return True
        if not _can_write(self.folder):
            return False
        self.stand_in = None  # the pictures there stay readable until they are replaced
        return True

    def trim_stand_in(self) -> None:
        if self.stand_in is not None:
            _trim(self.stand_in, FALLBACK_BUDGET)

    def picture_names(self) -> set[str]:
        """The file names of the prepared pictures in the folder now, in one listing."""
        try:
            with os.scandir(self.folder) as entries:
                return {entry.name for entry in entries if entry.name.endswith(PICTURE_SUFFIXES)}
        except OSError:
            return set()

    def trim(self, budget_bytes: int) -> int:
        """Delete the oldest prepared pictures until the folder fits `budget_bytes`;
        returns how many were deleted. Partial files a crash left behind go too."""
        return _trim(self.folder, budget_bytes)


def _trim(folder: Path, budget_bytes: int) -> int:
    """(`os.scandir`: through pathlib, each start took 140 ms for 8000 pictures.) A folder
    that cannot be listed or written is left as it is."""
    entries = []
    try:
        listing = os.scandir(folder)
    except OSError:  # no folder yet, or not readable: nothing to trim
        return 0
    stale = time.time() - STALE_PART_S
    with listing:
        for entry in listing:
            if entry.name.endswith(".part"):
                # Left by a crash; a fresh one is being written by a helper right now.
                with contextlib.suppress(OSError):
                    if entry.stat(follow_symlinks=False).st_mtime < stale:
                        os.unlink(entry.path)
                continue
            if not entry.name.endswith(PICTURE_SUFFIXES):  # the saved readings (kiosk.content.saved_readings)
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
        with contextlib.suppress(OSError):  # gone already, or a read-only folder
            os.unlink(path)
            deleted += 1
        total -= size
    return deleted


def _looks_whole(path: Path, size: int, suffix: str) -> bool:
    """Whether the picture at `path` (a .jpg or .ppm, by `suffix`) is whole."""
    if suffix == ".ppm":
        return _looks_whole_ppm(path, size)
    if size < len(JPEG_START) + len(JPEG_END):
        return False
    try:
        with open(path, "rb") as picture:
            start = picture.read(len(JPEG_START))
            picture.seek(-len(JPEG_END), os.SEEK_END)
            return start == JPEG_START and picture.read() == JPEG_END
    except OSError:
        return False


def _looks_whole_ppm(path: Path, size: int) -> bool:
    """A PPM as Pillow writes it ("P6\\n<width> <height>\\n255\\n", then 3 bytes a pixel)
    is whole when its size is what its header says."""
    try:
        with open(path, "rb") as picture:
            header = PPM_HEADER.match(picture.read(64))
    except OSError:
        return False
    if header is None:
        return False
    width, height = int(header[1]), int(header[2])
    return size == header.end() + width * height * 3


def _unwritable(folder: Path, exc: OSError) -> CacheUnwritable:
    return CacheUnwritable(
        N_("{folder} takes no more pictures ({reason})").format(folder=folder, reason=exc.strerror or exc),
        folder,
    )


def _sync_folder(folder: Path) -> None:
    """The rename itself on the disk too (ext4 may otherwise lose it in a power cut)."""
    with contextlib.suppress(OSError, AttributeError):
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _stand_in_candidates() -> list[Path]:
    """Folders in memory first (the runtime folder, /dev/shm), then the temporary folder."""
    user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    places = [os.environ.get("XDG_RUNTIME_DIR"), "/dev/shm", tempfile.gettempdir()]
    return [Path(place) / f"portrait-kiosk-photos-{user}" for place in places if place]


def _can_write(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, suffix=".part") as probe:
            probe.write(b"\0" * 4096)
            probe.flush()
            os.fsync(probe.fileno())
    except OSError:
        return False
    return True


def default_cache_folder() -> Path:
    """$KIOSK_CACHE_DIR, else the user's cache folder (XDG)."""
    explicit = os.environ.get("KIOSK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    return user_cache_folder() / "photos"
