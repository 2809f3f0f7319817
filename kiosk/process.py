"""What this process uses, read from /proc (Linux); zeros elsewhere."""

from __future__ import annotations

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
