"""What this process uses, read from /proc (Linux); zeros elsewhere."""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import os


def rss_mb(children: list[int] | tuple[int, ...] = ()) -> float:
    """Resident memory in MB of this process and of `children` (the kiosk's photo
    preparers: their memory is the kiosk's too)."""
    return sum(_status_field("VmRSS:", pid) for pid in ("self", *children)) / 1024


def thread_count() -> int:
    return int(_status_field("Threads:"))


def open_files() -> int:
    try:
        return len(os.listdir("/proc/self/fd"))
    except OSError:
        return 0


def _status_field(name: str, pid: int | str = "self") -> float:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(name):
                    return float(line.split()[1])
    except OSError:
        pass
    return 0.0


def give_back_free_memory() -> bool:
    """Hand the memory this process has freed back to the system (glibc's malloc_trim),
    wherever in the heap it lies; False where the C library has no such call.

    The C library keeps what a process frees for its next allocations, and a picture
    freed between two live ones leaves a hole it cannot return on its own: the kiosk's
    pages come and go with their photos, 13 to 18 MB each at 4K."""
    trim = _malloc_trim()
    return bool(trim is not None and trim(0) >= 0)


@functools.cache
def _malloc_trim():
    """glibc's malloc_trim (None elsewhere). Called through ctypes, it runs without
    Python's lock."""
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None
