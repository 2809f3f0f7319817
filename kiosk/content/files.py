"""Safe access to the files of a portrait folder.

Curators' folders come from USB sticks and network shares: they may hold
symlinks that point elsewhere, FIFOs (opening one blocks forever), device
files, and the debris that macOS and Windows leave behind. Everything here
looks with lstat before it opens, and opens without blocking.
"""

from __future__ import annotations

import os
import stat
from typing import BinaryIO

from kiosk.catalogue import N_
from kiosk.content.problems import ContentError

# Files operating systems leave behind; names starting with "." are debris too.
_DEBRIS = {"thumbs.db", "desktop.ini", "icon\r", "__macosx"}


class UnsafeFile(ContentError):
    """A file the kiosk refuses to open; the message says why, for the curator."""


def is_debris(name: str) -> bool:
    """Not content: dot-files (Syncthing's .stfolder and .syncthing.*.tmp among them), what
    file managers leave, and Syncthing's temporary files on Windows (~syncthing~*.tmp)."""
    return name.startswith((".", "~syncthing~")) or name.casefold() in _DEBRIS


def is_valid_name(name: str) -> bool:
    """False for names that were not valid UTF-8 on disk (they hold surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def listing(folder: str) -> list[str]:
    """The names in `folder` that are not debris, sorted."""
    with os.scandir(folder) as entries:
        return sorted(entry.name for entry in entries if not is_debris(entry.name))


def regular_file(folder: str, name: str) -> str:
    """The path of `name` in `folder`, if it is a regular file that stays inside.

    Raises FileNotFoundError for a missing file and UnsafeFile, without opening
    it, for anything but a regular file and for a symlink that leaves the folder.
    """
    path = os.path.join(folder, name)
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            target = os.path.realpath(path)
            if os.path.dirname(target) != os.path.realpath(folder):
                raise UnsafeFile(
                    N_(
                        "this is a link to a file outside the folder: put the file itself in {folder}/"
                    ).format(folder=_base(folder))
                )
            info = os.stat(target)
    except FileNotFoundError:
        raise FileNotFoundError(path) from None
    except OSError as exc:
        raise UnsafeFile(
            N_("the file cannot be read ({reason}): check its permissions").format(reason=exc.strerror)
        ) from None
    if not stat.S_ISREG(info.st_mode):
        raise UnsafeFile(
            N_("this is {kind}, not a file: replace it with a real file").format(kind=_kind(info.st_mode))
        )
    return path


def read_bytes(path: str, limit: int) -> bytes:
    """At most `limit` + 1 bytes of a regular file (one more tells the caller it is too big)."""
    fd = _open_regular(path)
    try:
        # Ask for the size fstat gives, not for `limit`: a read of 256 KB allocates
        # 256 KB for a 1 KB file, and that was most of the scan's file reading.
        wanted = min(os.fstat(fd).st_size, limit) + 1
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, wanted)
            chunks.append(chunk)
            total += len(chunk)
            if len(chunk) < wanted:  # a short read is the end of a regular file
                break
            wanted = limit + 1 - total  # the file grew since fstat: read on to the limit
        return b"".join(chunks)
    finally:
        os.close(fd)


def open_binary(path: str) -> BinaryIO:
    """A binary file object for a regular file, opened without blocking on FIFOs."""
    return os.fdopen(_open_regular(path), "rb")


def _open_regular(path: str) -> int:
    # O_NONBLOCK: if the file was swapped for a FIFO since lstat, open does not hang.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise UnsafeFile(N_("this is not a regular file: replace it with a real file"))
    if hasattr(os, "set_blocking"):
        os.set_blocking(fd, True)
    return fd


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return N_("a folder")
    if stat.S_ISFIFO(mode):
        return N_("a pipe (FIFO)")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return N_("a device")
    if stat.S_ISSOCK(mode):
        return N_("a socket")
    return N_("a special file")


def _base(folder: str) -> str:
    return os.path.basename(os.path.normpath(folder))
